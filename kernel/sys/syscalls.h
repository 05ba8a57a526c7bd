/* kernel/sys: the system-call gate (int 0x2E and sysenter) and the sys_*
 * entry points. Each call copies its arguments in through the fault-safe user
 * copies, resolves handles through ob, and calls ps, ke and mm to do the work;
 * nothing in the kernel calls into sys. */
/* The system calls' shared definitions (kernel/sys/syscall.c dispatches; the
 * sys_*.c files implement). The ABI is in user/include/vados/syscall.h. */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "arch/trap.h"
#include "kernel/io/device.h"
#include "kernel/rtl/winerror.h"
#include "kernel/rtl/path.h"

#define MS_PER_TICK             10u

struct sysret {
	uint32_t error;         /* Win32 error code, 0 on success */
	uint32_t value;
};

/* A call gets its copied-in arguments and the caller's frame; the exception
 * calls write the frame themselves (continue, raise) and return
 * SYSRET_FRAME_WRITTEN. */
typedef struct sysret (*syscall_fn)(const uint32_t *args, struct trap_frame *f);
#define SYSRET_FRAME_WRITTEN ((struct sysret){ 0xffffffffu, 0 })      /* no Win32 error */

/* Puts a call's answer where ring 3 reads it: EAX = error and the value in
 * EDX (int 0x2E) or EBX (sysenter, whose way back uses EDX). */
void syscall_set_result(struct trap_frame *f, uint32_t error, uint32_t value);

/* Copies a call's answer out to ring 3: success, or ERROR_NOACCESS. */
struct sysret sys_copy_out(uint32_t dst, const void *src, size_t n);
/* Copies a NUL-terminated user string into dst[size]: 0, ERROR_NOACCESS, or
 * ERROR_INVALID_PARAMETER when it does not fit. */
uint32_t sys_copy_string_in(char *dst, vaddr_t src, size_t size);
/* Milliseconds to timer ticks, rounded up, without overflow; INFINITE stays. */
uint32_t ms_to_ticks(uint32_t ms);
/* Whether the 4 bytes at user address user can be read and written (NT's
 * ProbeForWrite): probe_user's write probe, which changes nothing. */
bool sys_probe_word(uint32_t user);
/* Writes a new handle to user address out, probed before it was made (0
 * written there): when out has gone meanwhile the handle is closed and the
 * call fails with ERROR_NOACCESS. */
struct sysret sys_handle_out(uint32_t out, uint32_t handle);

/* The full path of the user's path, resolved against the caller's current
 * directory (kmalloc'd in *full: kfree it), or ERROR_NOACCESS,
 * ERROR_FILENAME_EXCED_RANGE (MAX_PATH or more), ERROR_PATH_NOT_FOUND
 * (empty or NULL), ERROR_INVALID_NAME (a UNC path). kernel/sys/sys_path.c */
uint32_t sys_path_in(uint32_t user, char **full);
/* sys_path_in in two steps, for a call that looks at the name first
 * (CreateFile: devices, volumes): sys_name_in copies the user's name into
 * a kmalloc'd *buf of 2 * RTL_PATH_WORK at *buf + RTL_PATH_WORK (its
 * errors sys_path_in's); sys_path_resolve writes its full path at buf
 * (the same errors; buf stays the caller's to kfree). */
uint32_t sys_name_in(uint32_t user, char **buf);
uint32_t sys_path_resolve(char *buf);
/* sys_path_in for FindFirstFile's pattern: a trailing '.' the resolution
 * dropped from a last component that is more than dots and spaces is put
 * back ("*." asks for the names without an extension, as kernel32 keeps
 * it for the file system). kernel/sys/sys_path.c */
uint32_t sys_pattern_in(uint32_t user, char **full);
/* Whether full names an existing directory (0, ERROR_DIRECTORY for a file,
 * the lookup's error): then cwd gets it as a current directory (no trailing
 * separator but the root's). */
uint32_t sys_directory_check(const char *full, char cwd[RTL_MAX_PATH]);
/* A string for a ring-3 buffer of size bytes: its length, or the size needed
 * (with the terminator) when it does not fit; ERROR_NOACCESS. sys_path.c */
struct sysret sys_string_out(uint32_t user, uint32_t size, const char *s);
struct fat_info;
struct vados_find_data;
/* A FAT entry's figures as WIN32_FIND_DATAA gives them. */
void sys_find_data(const struct fat_info *i, struct vados_find_data *d);

struct fat_time;
/* Converts a FILETIME to FAT's time: *given false for 0, -1 and -2 (NT's
 * "leave it", "stop updating it through this handle" and "resume", which
 * vados does not keep: all leave the file's time alone);
 * ERROR_INVALID_PARAMETER outside what FAT keeps (1980..2107).
 * kernel/sys/sys_fileinfo.c */
uint32_t sys_fat_time(uint64_t ft, struct fat_time *t, bool *given);
/* A FILETIME of FAT's time t as two words (0 for an unset time). sys_path.c */
void sys_filetime_out(const struct fat_time *t, unsigned int out[2]);
struct io_file;
/* The File object behind handle with the rights in desired (any File when
 * desired is 0), referenced; *granted (may be NULL) gets the handle's rights.
 * kernel/sys/sys_file.c */
uint32_t sys_file_ref(uint32_t handle, uint32_t desired, struct io_file **out,
		      uint32_t *granted);

/* kernel/sys/sys_console.c */
struct sysret sys_write_console(const uint32_t *a, struct trap_frame *f);
struct sysret sys_read_console(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_exception.c */
struct sysret sys_set_dispatcher(const uint32_t *a, struct trap_frame *f);
struct sysret sys_continue(const uint32_t *a, struct trap_frame *f);
struct sysret sys_raise_exception(const uint32_t *a, struct trap_frame *f);
struct sysret sys_unhandled_exception(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_process.c */
struct sysret sys_exit_process(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_process_id(const uint32_t *a, struct trap_frame *f);
struct sysret sys_sleep(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_tick_count(const uint32_t *a, struct trap_frame *f);
struct sysret sys_create_process(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_process(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_exit_code(const uint32_t *a, struct trap_frame *f);
struct sysret sys_process_id_of(const uint32_t *a, struct trap_frame *f);
struct sysret sys_process_image_name(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_completion.c */
struct sysret sys_create_io_completion(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_io_completion(const uint32_t *a, struct trap_frame *f);
struct sysret sys_remove_io_completion(const uint32_t *a, struct trap_frame *f);
struct sysret sys_file_completion(const uint32_t *a, struct trap_frame *f);
struct sysret sys_terminate_process(const uint32_t *a, struct trap_frame *f);
struct sysret sys_list_processes(const uint32_t *a, struct trap_frame *f);
struct sysret sys_shutdown(const uint32_t *a, struct trap_frame *f);

/* kernel/sys/sys_thread.c */
struct sysret sys_create_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_exit_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_exit_code_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_suspend_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_resume_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_terminate_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_switch_to_thread(const uint32_t *a, struct trap_frame *f);
struct sysret sys_thread_priority(const uint32_t *a, struct trap_frame *f);
struct sysret sys_thread_ids(const uint32_t *a, struct trap_frame *f);
struct sysret sys_zero_tls_cell(const uint32_t *a, struct trap_frame *f);
struct sysret sys_list_threads(const uint32_t *a, struct trap_frame *f);
struct sysret sys_thread_description(const uint32_t *a, struct trap_frame *f);

/* kernel/sys/sys_file.c */
struct sysret sys_create_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_read_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_write_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_file_pointer(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_end_of_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_flush_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_file_time(const uint32_t *a, struct trap_frame *f);
struct sysret sys_find_first_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_find_next_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_directory(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_fileinfo.c */
struct sysret sys_query_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_file_path(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_volume(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_file_info(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_path.c */
struct sysret sys_delete_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_move_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_create_directory(const uint32_t *a, struct trap_frame *f);
struct sysret sys_remove_directory(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_file_attributes(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_file_attributes(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_current_directory(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_current_directory(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_full_path(const uint32_t *a, struct trap_frame *f);
struct sysret sys_disk_free_space(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_system_time(const uint32_t *a, struct trap_frame *f);

/* kernel/sys/sys_object.c */
struct sysret sys_close_handle(const uint32_t *a, struct trap_frame *f);
struct sysret sys_duplicate_handle(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_handle_info(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_handle_info(const uint32_t *a, struct trap_frame *f);
struct sysret sys_list_handles(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_event.c */
struct sysret sys_create_event(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_event(const uint32_t *a, struct trap_frame *f);
struct sysret sys_signal_event(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_named.c: what named types' Create* and Open* share. */
struct ob_type;
/* Create*'s first step: copies the name (user address user_name, 0: none;
 * too long: ERROR_FILENAME_EXCED_RANGE) into name[OB_NAME_MAX] and probes
 * the uint32 at existed_out by writing 0 there. 0 or the error. */
uint32_t sys_named_in(char *name, uint32_t user_name, uint32_t existed_out);
/* Create*'s end: a handle with access (and inherit) to body, just created
 * (its reference consumed; NULL: ERROR_NOT_ENOUGH_MEMORY), under name, or
 * to the same type's existing object of that name (*existed_out = 1). */
struct sysret sys_named_create(void *body, const char *name, uint32_t access, uint32_t inherit,
			       uint32_t existed_out);
/* Open*: a handle to the object of type named at user address user_name
 * (0: ERROR_INVALID_PARAMETER). */
struct sysret sys_named_open(const struct ob_type *type, uint32_t user_name, uint32_t access,
			     uint32_t inherit);
/* kernel/sys/sys_sync.c */
struct sysret sys_create_mutex(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_mutex(const uint32_t *a, struct trap_frame *f);
struct sysret sys_release_mutex(const uint32_t *a, struct trap_frame *f);
struct sysret sys_create_semaphore(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_semaphore(const uint32_t *a, struct trap_frame *f);
struct sysret sys_release_semaphore(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_section.c */
struct sysret sys_create_section(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_section(const uint32_t *a, struct trap_frame *f);
struct sysret sys_map_view(const uint32_t *a, struct trap_frame *f);
struct sysret sys_unmap_view(const uint32_t *a, struct trap_frame *f);
struct sysret sys_flush_view(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_view_name(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_mapped_file(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_wait.c */
struct sysret sys_wait_for_object(const uint32_t *a, struct trap_frame *f);
struct sysret sys_wait_for_multiple(const uint32_t *a, struct trap_frame *f);
struct sysret sys_signal_and_wait(const uint32_t *a, struct trap_frame *f);
struct sysret sys_wait_alertable(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_apc.c */
struct sysret sys_queue_apc(const uint32_t *a, struct trap_frame *f);
struct sysret sys_next_apc(const uint32_t *a, struct trap_frame *f);
struct sysret sys_sleep_alertable(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_timer.c */
struct sysret sys_create_timer(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_timer(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_timer(const uint32_t *a, struct trap_frame *f);
struct sysret sys_cancel_timer(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_token.c */
struct sysret sys_open_process_token(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_token(const uint32_t *a, struct trap_frame *f);
struct sysret sys_adjust_privileges(const uint32_t *a, struct trap_frame *f);
struct sysret sys_filter_token(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_procmem.c */
struct sysret sys_read_vm(const uint32_t *a, struct trap_frame *f);
struct sysret sys_write_vm(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_virtual.c */
struct sysret sys_virtual_alloc(const uint32_t *a, struct trap_frame *f);
struct sysret sys_virtual_free(const uint32_t *a, struct trap_frame *f);
struct sysret sys_virtual_protect(const uint32_t *a, struct trap_frame *f);
struct sysret sys_virtual_query(const uint32_t *a, struct trap_frame *f);
struct sysret sys_virtual_lock(const uint32_t *a, struct trap_frame *f);
struct sysret sys_virtual_unlock(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_working_set(const uint32_t *a, struct trap_frame *f);
struct sysret sys_get_working_set(const uint32_t *a, struct trap_frame *f);
struct sysret sys_virtual_discard(const uint32_t *a, struct trap_frame *f);
struct vm_placement;
/* Windows 10's memory calls; sys_placement reads a struct vados_placement
 * at user address p (0: none) into *out, *use pointing at it, or NULL when
 * there is none or it is all zero: ERROR_NOACCESS, vm_placement_make's
 * errors, or 0. */
uint32_t sys_placement(uint32_t p, struct vm_placement *out, const struct vm_placement **use);
struct sysret sys_virtual_alloc2(const uint32_t *a, struct trap_frame *f);
struct sysret sys_map_view3(const uint32_t *a, struct trap_frame *f);
struct sysret sys_memory_notification(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_watch.c */
struct sysret sys_get_write_watch(const uint32_t *a, struct trap_frame *f);
struct sysret sys_reset_write_watch(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_wsinfo.c */
struct sysret sys_query_working_set(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_working_set_ex(const uint32_t *a, struct trap_frame *f);
struct sysret sys_ws_watch(const uint32_t *a, struct trap_frame *f);
struct sysret sys_setting(const uint32_t *a, struct trap_frame *f);
struct sysret sys_file_cache_limits(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_memory.c */
struct sysret sys_memory_status(const uint32_t *a, struct trap_frame *f);
struct sysret sys_process_memory(const uint32_t *a, struct trap_frame *f);
struct sysret sys_mm_counters(const uint32_t *a, struct trap_frame *f);


/* kernel/sys/sys_times.c */
struct sysret sys_performance_counter(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_times(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_priority.c */
/* A priority class's (IDLE_PRIORITY_CLASS...) base level; 0 for a value that
 * is not exactly one class. */
uint8_t sys_priority_class_base(uint32_t cls);
struct sysret sys_priority_class(const uint32_t *a, struct trap_frame *f);
struct sysret sys_priority_boost(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_context.c */
struct sysret sys_thread_context(const uint32_t *a, struct trap_frame *f);

/* kernel/sys/sys_filelock.c */
struct sysret sys_lock_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_unlock_file(const uint32_t *a, struct trap_frame *f);
struct sysret sys_cancel_file_io(const uint32_t *a, struct trap_frame *f);
struct sysret sys_notify_change(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_pipe.c */
struct sysret sys_create_pipe(const uint32_t *a, struct trap_frame *f);
struct sysret sys_peek_pipe(const uint32_t *a, struct trap_frame *f);
/* Whether handle names a pipe end (any right). */
bool sys_is_pipe(uint32_t handle);
/* ReadFile (write false) or WriteFile of len bytes at user on handle, when
 * it is a pipe end: then true with the call's result in *r; false for any
 * other handle. */
bool sys_pipe_transfer(uint32_t handle, uint32_t user, uint32_t len, bool write,
		       struct sysret *r);
/* The answer record of an overlapped pipe request with its OVERLAPPED at
 * ov (writable: Internal gets STATUS_PENDING now, InternalHigh stays) and
 * event handle (0: none; EVENT_MODIFY_STATE; its low bit set: no packet
 * for the end's completion port), references taken: 0, or the error (then
 * nothing is held). */
struct pipe_answer;
uint32_t sys_pipe_answer_in(uint32_t ov, uint32_t event, struct pipe_answer *a);
/* On handle, when it is a pipe end, FlushFileBuffers (cancel 0;
 * FILE_WRITE_DATA), CancelIoEx of the requests with their OVERLAPPED at ov
 * (0: all; cancel 1) or CancelIo (2: the calling thread's): then true with
 * the call's result in *r; false for any other handle. */
bool sys_pipe_call(uint32_t handle, uint32_t ov, uint32_t cancel, struct sysret *r);
struct sysret sys_pipe_overlapped(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_npipe.c */
struct sysret sys_create_named_pipe(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_named_pipe(const uint32_t *a, struct trap_frame *f);
struct sysret sys_connect_named_pipe(const uint32_t *a, struct trap_frame *f);
struct sysret sys_disconnect_named_pipe(const uint32_t *a, struct trap_frame *f);
struct sysret sys_wait_named_pipe(const uint32_t *a, struct trap_frame *f);
struct sysret sys_named_pipe_state(const uint32_t *a, struct trap_frame *f);
/* Job objects (kernel/sys/sys_job.c). */
struct sysret sys_create_job(const uint32_t *a, struct trap_frame *f);
struct sysret sys_open_job(const uint32_t *a, struct trap_frame *f);
struct sysret sys_assign_job(const uint32_t *a, struct trap_frame *f);
struct sysret sys_terminate_job(const uint32_t *a, struct trap_frame *f);
struct sysret sys_is_process_in_job(const uint32_t *a, struct trap_frame *f);
struct sysret sys_query_job(const uint32_t *a, struct trap_frame *f);
struct sysret sys_set_job(const uint32_t *a, struct trap_frame *f);

/* kernel/sys/sys_object.c */
struct sysret sys_compare_objects(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_file.c */
struct sysret sys_read_scatter(const uint32_t *a, struct trap_frame *f);
struct sysret sys_write_gather(const uint32_t *a, struct trap_frame *f);
/* kernel/sys/sys_iocontrol.c */
/* Counts a read (write) call that reached its file or pipe: r succeeded,
 * pends or ERROR_MORE_DATA (its bytes counted unless pending); r returned. */
struct sysret sys_io_counted(struct sysret r, bool write);
struct sysret sys_device_io_control(const uint32_t *a, struct trap_frame *f);
struct sysret sys_io_counters(const uint32_t *a, struct trap_frame *f);
struct sysret sys_cancel_synchronous_io(const uint32_t *a, struct trap_frame *f);
/* Device handles (kernel/sys/sys_device.c). sys_device_open: CreateFile's
 * work when name (a kernel copy of the user's) is a device's (else false,
 * nothing done): *r gets the handle or the error. sys_device_transfer: ReadFile's
 * and WriteFile's on a Device handle (else false): the null device reads
 * nothing and takes everything; the console's are ERROR_INVALID_HANDLE,
 * ring 3 doing them. sys_device_seek: SetFilePointerEx's (the same). */
bool sys_device_open(const char *name, uint32_t access, bool inherit, struct sysret *r);
bool sys_device_transfer(uint32_t handle, uint32_t len, bool write, struct sysret *r);
bool sys_device_seek(uint32_t handle, uint32_t user, uint32_t method, struct sysret *r);
struct sysret sys_query_device(const uint32_t *a, struct trap_frame *f);
/* The kind (kernel/io/device.h) of the Device that handle holds, else 0. */
enum io_device_kind sys_device_kind(uint32_t handle);
/* GetFileAttributes' and FindFirstFile's answer for the null device's name
 * at user (kernel/rtl/devname.h): true with d as Windows answers
 * (FILE_ATTRIBUTE_ARCHIVE, no size or times, the name as typed); false,
 * nothing done, for any other name. */
bool sys_device_find_data(uint32_t user, struct vados_find_data *d);
struct sysret sys_unmap_view2(const uint32_t *a, struct trap_frame *f);

#endif
