/* The system-call dispatcher behind int 0x2E; the ABI is in
 * user/include/vados/syscall.h. Arguments are copied in through the
 * fault-safe user copies, so a bad pointer fails the call with ERROR_NOACCESS.
 * The calls themselves live in kernel/sys/sys_*.c. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "arch/sysenter.h"
#include "arch/uaccess.h"
#include "user/include/vados/syscall.h"

/* () -> 1 when ring 3 may enter by sysenter */
static struct sysret sys_fast_calls(const uint32_t *a, struct trap_frame *f)
{
	(void)a;
	(void)f;
	return (struct sysret){ ERROR_SUCCESS, sysenter_enabled() };
}

static const struct {
	syscall_fn fn;
	uint32_t nargs;
} table[SYS_COUNT] = {
	[SYS_EXIT_PROCESS] = { sys_exit_process, 1 },
	[SYS_WRITE_CONSOLE] = { sys_write_console, 2 },
	[SYS_GET_PROCESS_ID] = { sys_get_process_id, 0 },
	[SYS_SLEEP] = { sys_sleep, 1 },
	[SYS_GET_TICK_COUNT] = { sys_get_tick_count, 0 },
	[SYS_SET_DISPATCHER] = { sys_set_dispatcher, 1 },
	[SYS_CONTINUE] = { sys_continue, 1 },
	[SYS_RAISE_EXCEPTION] = { sys_raise_exception, 4 },
	[SYS_UNHANDLED_EXCEPTION] = { sys_unhandled_exception, 1 },
	[SYS_CREATE_PROCESS] = { sys_create_process, 10 },
	[SYS_OPEN_PROCESS] = { sys_open_process, 3 },
	[SYS_WAIT_FOR_OBJECT] = { sys_wait_for_object, 2 },
	[SYS_GET_EXIT_CODE] = { sys_get_exit_code, 1 },
	[SYS_TERMINATE_PROCESS] = { sys_terminate_process, 2 },
	[SYS_CLOSE_HANDLE] = { sys_close_handle, 1 },
	[SYS_MEMORY_STATUS] = { sys_memory_status, 1 },
	[SYS_READ_CONSOLE] = { sys_read_console, 2 },
	[SYS_LIST_PROCESSES] = { sys_list_processes, 2 },
	[SYS_SHUTDOWN] = { sys_shutdown, 0 },
	[SYS_VIRTUAL_ALLOC] = { sys_virtual_alloc, 5 },
	[SYS_VIRTUAL_FREE] = { sys_virtual_free, 4 },
	[SYS_VIRTUAL_PROTECT] = { sys_virtual_protect, 5 },
	[SYS_VIRTUAL_QUERY] = { sys_virtual_query, 4 },
	[SYS_VIRTUAL_LOCK] = { sys_virtual_lock, 3 },
	[SYS_VIRTUAL_UNLOCK] = { sys_virtual_unlock, 3 },
	[SYS_PROCESS_MEMORY] = { sys_process_memory, 2 },
	[SYS_SET_WORKING_SET] = { sys_set_working_set, 4 },
	[SYS_GET_WORKING_SET] = { sys_get_working_set, 2 },
	[SYS_MM_COUNTERS] = { sys_mm_counters, 1 },
	[SYS_FAST_CALLS] = { sys_fast_calls, 0 },
	[SYS_DUPLICATE_HANDLE] = { sys_duplicate_handle, 7 },
	[SYS_GET_HANDLE_INFO] = { sys_get_handle_info, 1 },
	[SYS_SET_HANDLE_INFO] = { sys_set_handle_info, 3 },
	[SYS_READ_VM] = { sys_read_vm, 4 },
	[SYS_WRITE_VM] = { sys_write_vm, 4 },
	[SYS_LIST_HANDLES] = { sys_list_handles, 4 },
	[SYS_CREATE_EVENT] = { sys_create_event, 6 },
	[SYS_OPEN_EVENT] = { sys_open_event, 3 },
	[SYS_SIGNAL_EVENT] = { sys_signal_event, 2 },
	[SYS_GET_WRITE_WATCH] = { sys_get_write_watch, 5 },
	[SYS_RESET_WRITE_WATCH] = { sys_reset_write_watch, 2 },
	[SYS_QUERY_WORKING_SET] = { sys_query_working_set, 3 },
	[SYS_QUERY_WORKING_SET_EX] = { sys_query_working_set_ex, 3 },
	[SYS_CREATE_THREAD] = { sys_create_thread, 7 },
	[SYS_EXIT_THREAD] = { sys_exit_thread, 1 },
	[SYS_OPEN_THREAD] = { sys_open_thread, 3 },
	[SYS_GET_EXIT_CODE_THREAD] = { sys_get_exit_code_thread, 1 },
	[SYS_SUSPEND_THREAD] = { sys_suspend_thread, 1 },
	[SYS_RESUME_THREAD] = { sys_resume_thread, 1 },
	[SYS_TERMINATE_THREAD] = { sys_terminate_thread, 2 },
	[SYS_SWITCH_TO_THREAD] = { sys_switch_to_thread, 0 },
	[SYS_THREAD_PRIORITY] = { sys_thread_priority, 3 },
	[SYS_THREAD_IDS] = { sys_thread_ids, 2 },
	[SYS_ZERO_TLS_CELL] = { sys_zero_tls_cell, 1 },
	[SYS_LIST_THREADS] = { sys_list_threads, 3 },
	[SYS_CREATE_MUTEX] = { sys_create_mutex, 5 },
	[SYS_OPEN_MUTEX] = { sys_open_mutex, 3 },
	[SYS_RELEASE_MUTEX] = { sys_release_mutex, 1 },
	[SYS_CREATE_SEMAPHORE] = { sys_create_semaphore, 6 },
	[SYS_OPEN_SEMAPHORE] = { sys_open_semaphore, 3 },
	[SYS_RELEASE_SEMAPHORE] = { sys_release_semaphore, 3 },
	[SYS_WAIT_FOR_MULTIPLE] = { sys_wait_for_multiple, 4 },
	[SYS_OPEN_PROCESS_TOKEN] = { sys_open_process_token, 3 },
	[SYS_QUERY_TOKEN] = { sys_query_token, 5 },
	[SYS_ADJUST_PRIVILEGES] = { sys_adjust_privileges, 6 },
	[SYS_FILTER_TOKEN] = { sys_filter_token, 5 },
	[SYS_CREATE_SECTION] = { sys_create_section, 8 },
	[SYS_OPEN_SECTION] = { sys_open_section, 3 },
	[SYS_MAP_VIEW] = { sys_map_view, 6 },
	[SYS_UNMAP_VIEW] = { sys_unmap_view, 1 },
	[SYS_FLUSH_VIEW] = { sys_flush_view, 2 },
	[SYS_CREATE_FILE] = { sys_create_file, 7 },
	[SYS_READ_FILE] = { sys_read_file, 4 },
	[SYS_WRITE_FILE] = { sys_write_file, 4 },
	[SYS_SET_FILE_POINTER] = { sys_set_file_pointer, 3 },
	[SYS_QUERY_FILE] = { sys_query_file, 3 },
	[SYS_SET_END_OF_FILE] = { sys_set_end_of_file, 1 },
	[SYS_FLUSH_FILE] = { sys_flush_file, 1 },
	[SYS_SET_FILE_TIME] = { sys_set_file_time, 4 },
	[SYS_DELETE_FILE] = { sys_delete_file, 1 },
	[SYS_MOVE_FILE] = { sys_move_file, 3 },
	[SYS_CREATE_DIRECTORY] = { sys_create_directory, 1 },
	[SYS_REMOVE_DIRECTORY] = { sys_remove_directory, 1 },
	[SYS_GET_FILE_ATTRIBUTES] = { sys_get_file_attributes, 2 },
	[SYS_SET_FILE_ATTRIBUTES] = { sys_set_file_attributes, 2 },
	[SYS_FIND_FIRST_FILE] = { sys_find_first_file, 3 },
	[SYS_FIND_NEXT_FILE] = { sys_find_next_file, 2 },
	[SYS_GET_CURRENT_DIRECTORY] = { sys_get_current_directory, 2 },
	[SYS_SET_CURRENT_DIRECTORY] = { sys_set_current_directory, 1 },
	[SYS_GET_FULL_PATH] = { sys_get_full_path, 3 },
	[SYS_DISK_FREE_SPACE] = { sys_disk_free_space, 2 },
	[SYS_GET_SYSTEM_TIME] = { sys_get_system_time, 1 },
	[SYS_QUERY_VIEW_NAME] = { sys_query_view_name, 4 },
	[SYS_QUERY_MAPPED_FILE] = { sys_query_mapped_file, 4 },
	[SYS_PROCESS_ID_OF] = { sys_process_id_of, 1 },
	[SYS_PROCESS_IMAGE_NAME] = { sys_process_image_name, 4 },
	[SYS_CREATE_IO_COMPLETION] = { sys_create_io_completion, 1 },
	[SYS_SET_IO_COMPLETION] = { sys_set_io_completion, 4 },
	[SYS_REMOVE_IO_COMPLETION] = { sys_remove_io_completion, 5 },
	[SYS_FILE_COMPLETION] = { sys_file_completion, 4 },
	[SYS_SIGNAL_AND_WAIT] = { sys_signal_and_wait, 3 },
	[SYS_QUERY_FILE_PATH] = { sys_query_file_path, 4 },
	[SYS_QUERY_VOLUME] = { sys_query_volume, 3 },
	[SYS_SET_FILE_INFO] = { sys_set_file_info, 4 },
	[SYS_VIRTUAL_DISCARD] = { sys_virtual_discard, 4 },
	[SYS_VIRTUAL_ALLOC2] = { sys_virtual_alloc2, 6 },
	[SYS_MAP_VIEW3] = { sys_map_view3, 9 },
	[SYS_MEMORY_NOTIFICATION] = { sys_memory_notification, 1 },
	[SYS_CREATE_PIPE] = { sys_create_pipe, 3 },
	[SYS_PEEK_PIPE] = { sys_peek_pipe, 4 },
	[SYS_CREATE_NAMED_PIPE] = { sys_create_named_pipe, 8 },
	[SYS_OPEN_NAMED_PIPE] = { sys_open_named_pipe, 4 },
	[SYS_CONNECT_NAMED_PIPE] = { sys_connect_named_pipe, 3 },
	[SYS_DISCONNECT_NAMED_PIPE] = { sys_disconnect_named_pipe, 1 },
	[SYS_WAIT_NAMED_PIPE] = { sys_wait_named_pipe, 2 },
	[SYS_NAMED_PIPE_STATE] = { sys_named_pipe_state, 4 },
	[SYS_PIPE_OVERLAPPED] = { sys_pipe_overlapped, 6 },
	[SYS_QUEUE_APC] = { sys_queue_apc, 6 },
	[SYS_NEXT_APC] = { sys_next_apc, 1 },
	[SYS_WAIT_ALERTABLE] = { sys_wait_alertable, 6 },
	[SYS_SLEEP_ALERTABLE] = { sys_sleep_alertable, 1 },
	[SYS_CREATE_TIMER] = { sys_create_timer, 5 },
	[SYS_OPEN_TIMER] = { sys_open_timer, 3 },
	[SYS_SET_TIMER] = { sys_set_timer, 5 },
	[SYS_CANCEL_TIMER] = { sys_cancel_timer, 1 },
	[SYS_PERFORMANCE_COUNTER] = { sys_performance_counter, 3 },
	[SYS_QUERY_TIMES] = { sys_query_times, 3 },
	[SYS_PRIORITY_CLASS] = { sys_priority_class, 3 },
	[SYS_THREAD_CONTEXT] = { sys_thread_context, 3 },
	[SYS_PRIORITY_BOOST] = { sys_priority_boost, 4 },
	[SYS_LOCK_FILE] = { sys_lock_file, 5 },
	[SYS_UNLOCK_FILE] = { sys_unlock_file, 2 },
	[SYS_CANCEL_FILE_IO] = { sys_cancel_file_io, 3 },
	[SYS_NOTIFY_CHANGE] = { sys_notify_change, 8 },
	[SYS_THREAD_DESCRIPTION] = { sys_thread_description, 4 },
	[SYS_CREATE_JOB] = { sys_create_job, 4 },
	[SYS_OPEN_JOB] = { sys_open_job, 3 },
	[SYS_ASSIGN_JOB] = { sys_assign_job, 2 },
	[SYS_TERMINATE_JOB] = { sys_terminate_job, 2 },
	[SYS_IS_PROCESS_IN_JOB] = { sys_is_process_in_job, 2 },
	[SYS_QUERY_JOB] = { sys_query_job, 5 },
	[SYS_SET_JOB] = { sys_set_job, 4 },
	[SYS_WS_WATCH] = { sys_ws_watch, 4 },
	[SYS_SETTING] = { sys_setting, 5 },
	[SYS_FILE_CACHE_LIMITS] = { sys_file_cache_limits, 2 },
	[SYS_COMPARE_OBJECTS] = { sys_compare_objects, 2 },
	[SYS_IO_COUNTERS] = { sys_io_counters, 2 },
	[SYS_READ_SCATTER] = { sys_read_scatter, 4 },
	[SYS_WRITE_GATHER] = { sys_write_gather, 4 },
	[SYS_DEVICE_IO_CONTROL] = { sys_device_io_control, 7 },
	[SYS_CANCEL_SYNCHRONOUS_IO] = { sys_cancel_synchronous_io, 1 },
	[SYS_QUERY_DEVICE] = { sys_query_device, 1 },
	[SYS_UNMAP_VIEW2] = { sys_unmap_view2, 3 },
	[SYS_QUERY_DIRECTORY] = { sys_query_directory, 3 },
};

struct sysret sys_copy_out(uint32_t dst, const void *src, size_t n)
{
	if (!copy_to_user(dst, src, n))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

struct sysret sys_handle_out(uint32_t out, uint32_t handle)
{
	if (copy_to_user(out, &handle, sizeof(handle)))
		return (struct sysret){ ERROR_SUCCESS, 0 };
	ob_close_handle(process_handles(), handle);
	return (struct sysret){ ERROR_NOACCESS, 0 };
}

bool sys_probe_word(uint32_t user)
{
	return probe_user(user, sizeof(uint32_t), true);
}

void syscall_set_result(struct trap_frame *f, uint32_t error, uint32_t value)
{
	f->eax = error;
	if (f->vector == TRAP_SYSENTER)
		f->ebx = value;
	else
		f->edx = value;
}

/* Both entries: int 0x2E and sysenter (arch/sysenter.h). */
static bool syscall_dispatch(struct trap_frame *f)
{
	uint32_t args[VADOS_SYSCALL_MAX_ARGS];
	struct sysret r;

	if (!trap_from_user(f) || !process_current())
		return false;           /* only ring 3 makes system calls */
	if (f->eax >= SYS_COUNT) {
		r = (struct sysret){ ERROR_INVALID_FUNCTION, 0 };
	} else if (table[f->eax].nargs && !copy_from_user(args, f->edx, table[f->eax].nargs * 4)) {
		r = (struct sysret){ ERROR_NOACCESS, 0 };
	} else {
		irq_enable();           /* system calls are preemptible */
		r = table[f->eax].fn(args, f);
	}
	if (r.error != SYSRET_FRAME_WRITTEN.error)
		syscall_set_result(f, r.error, r.value);
	return true;
}

void syscall_init(void)
{
	trap_set_handler(VADOS_SYSCALL_VECTOR, syscall_dispatch);
	trap_set_handler(TRAP_SYSENTER, syscall_dispatch);
	sysenter_init();
	idt_allow_user(VADOS_SYSCALL_VECTOR);
	idt_allow_user(T_BP);           /* int3 and into raise exceptions in ring 3 */
	idt_allow_user(T_OF);
}
