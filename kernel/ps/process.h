/* kernel/ps: processes (NT's Ps). Owns process records, the program loader
 * (ELF checking, mapping the image and the stack), exit and termination.
 * May call ob (a process is an object), se (its token), ke (its thread), mm
 * (its address space), arch and rtl; the system calls (sys) call it, never the reverse. */
/* Ring-3 processes: an address space, threads (kernel/ps/psthread.h), a
 * handle table, an exit status. A process is an object of type Process
 * (kernel/ob): it is referenced by the handles that name it, by each of its
 * threads until reaped and by whoever created it, and its record outlives its
 * exit while any remain. It ends when its last thread does (with that
 * thread's status) or when ExitProcess or TerminateProcess kill every thread
 * (with their status). */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include "arch/trap.h"
#include "boot/bootinfo.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/ke/thread.h"
#include "kernel/ob/ob.h"
#include "kernel/rtl/path.h"
#include "user/include/vados/syscall.h"
#include "kernel/se/token.h"
#include "mm/vm.h"
#include "kernel/rtl/winerror.h"

#define PROCESS_NAME_MAX    32
#define PROCESS_CMDLINE_MAX 256


/* Handle values are multiples of 4, as in NT; this one means "myself". */
#define HANDLE_CURRENT_PROCESS  0xffffffffu

struct mm_image_source;
struct mm_control_area;
struct io_file;

/* A program file, as its image section reads it (kernel/ps/image.c). */
/* NT's IO_COUNTERS, in its order: read, write and other operations, then
 * their bytes (kernel/ps/iocount.c). */
enum ps_io_kind { PS_IO_READ, PS_IO_WRITE, PS_IO_OTHER };
struct ps_io_counters {
	uint64_t operations[3];         /* by enum ps_io_kind */
	uint64_t bytes[3];
};

struct ps_image_file {
	const struct mm_image_source *src;
	void *file;                     /* src's file; NULL once given up */
	uint32_t size;                  /* bytes */
	struct mm_control_area **slot;  /* where its image section is kept */
};

struct process {
	uint32_t pid;
	char name[PROCESS_NAME_MAX];
	char cmdline[PROCESS_CMDLINE_MAX];
	struct vm_space *vm;            /* its address space (NULL once gone) */
	pfn_t pd;                       /* vm's page directory, for the scheduler */
	struct ps_image_file image;     /* its program file until its image is mapped */
	struct ps_thread *threads;      /* every thread not yet reaped */
	uint32_t active_threads;        /* of those, the ones that have not exited */
	uint32_t thread_records;        /* not yet reaped: the address space stays */
	vaddr_t dispatcher;             /* ring-3 exception entry (SYS_SET_DISPATCHER) */
	vaddr_t entry, initial_esp;     /* where its first thread enters ring 3 */
	vaddr_t stack_top;              /* where its main stack ends (ASLR: mm/aslr.c) */
	bool exited, terminating;
	uint32_t exit_status, terminate_status;
	struct dispatcher_header exit_signal;   /* signaled once it has exited */
	struct ob_handle_table handles;
	struct token *token;            /* its primary token, for its whole life */
	uint32_t rundown;               /* threads attached to its address space */
	bool rundown_closing;           /* exiting: no new attach */
	struct wait_queue rundown_wait;
	struct process *all_next;
	char cwd[RTL_MAX_PATH];         /* the current directory (kernel/ps/cwd.c) */
	char image_path[RTL_MAX_PATH];  /* its program file's full path; "" for a boot
					 * module (set before it runs, then fixed) */
	struct ke_cpu_times times;      /* its threads' CPU time, the ended ones' too */
	uint8_t priority_base;          /* its priority class's base level (NORMAL: 8) */
	uint32_t parent_pid;            /* its creator's id (0: the kernel started it) */
	bool no_boost;                  /* its new threads get no wait boost */
	uint64_t create_time, exit_time;        /* system times (exit: 0 until it ends) */
	struct job *job;                /* its job (referenced; set once), or NULL */
	struct process *job_next;       /* in its job's active members (kernel/ps/job.h) */
	uint32_t settings[VADOS_SETTINGS];      /* SetProcessInformation's, kept as set */
	struct ps_io_counters io;       /* interrupts off (kernel/ps/iocount.c) */
};

/* The rights of a process handle (Windows' values). */
#define PROCESS_TERMINATE                 0x0001u
#define PROCESS_CREATE_THREAD             0x0002u
#define PROCESS_VM_OPERATION              0x0008u
#define PROCESS_VM_READ                   0x0010u
#define PROCESS_VM_WRITE                  0x0020u
#define PROCESS_DUP_HANDLE                0x0040u
#define PROCESS_CREATE_PROCESS            0x0080u
#define PROCESS_SET_QUOTA                 0x0100u
#define PROCESS_SET_INFORMATION           0x0200u
#define PROCESS_QUERY_INFORMATION         0x0400u
#define PROCESS_SUSPEND_RESUME            0x0800u
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000u
#define PROCESS_ALL_ACCESS                0x001fffffu

extern struct ob_type process_type;

/* The current directory of p (GetCurrentDirectory): a full path, "C:\\" or
 * "C:\\dir" (kernel/rtl/path.h), copied under the current-directory lock. */
void ps_get_cwd(struct process *p, char out[RTL_MAX_PATH]);
/* Sets it (SetCurrentDirectory; the caller checked the directory exists). */
void ps_set_cwd(struct process *p, const char *cwd);
/* A new process's: its creator's, or "C:\\" without one. */
void ps_cwd_inherit(struct process *p, struct process *creator);
/* Whether match(cwd, ctx) holds for the current directory of a process
 * that has not exited (NT holds each one open: RemoveDirectory of it meets
 * a sharing violation). */
bool ps_cwd_any(bool (*match)(const char *cwd, const void *ctx), const void *ctx);

/* Remembers the boot modules programs are started from. */
void process_set_programs(const struct boot_info *bi);
/* Registers the Process type and the pseudo-handle resolver (once, at boot). */
void process_init(void);
/* What a new process is made of (CreateProcess's arguments). */
struct process_params {
	const char *image;              /* lpApplicationName: the program; NULL: cmdline's */
	const char *cmdline;            /* its command line, as GetCommandLine returns it */
	struct process *parent;         /* whose inheritable handles it gets, or NULL */
	struct process *creator;        /* whose current directory it gets, or NULL: C:\ */
	const char *cwd;                /* its current directory instead (a checked full
					 * path), or NULL */
	const char *search_path;        /* the creator's PATH, searched last, or NULL */
	const char *env;                /* its environment block (ps_env_copy_in), or
					 * NULL: the default one */
	uint32_t env_size;              /* env's bytes, the final double NUL included */
	const void *startup;            /* the creator's start-up record, or NULL */
	uint32_t startup_size;          /* its bytes */
	struct token *token;            /* it gets a copy; NULL: the system's first token */
	struct ob_handle_table *opener; /* gets a handle to it before it runs, or NULL */
	bool suspended;                 /* its first thread starts suspended */
	bool breakaway;                 /* CREATE_BREAKAWAY_FROM_JOB */
	uint32_t handle;                /* out: that handle, with every right */
	uint32_t thread_handle;         /* out: one to its first thread (opener set) */
	uint32_t tid;                   /* out: that thread's id */
};

/* A program as ps_find_program found it. */
struct ps_program {
	struct ps_image_file image;
	char path[RTL_MAX_PATH];        /* the file's full path; "" for a boot module */
};

/* kernel/ps/image.c: programs as image sections (mm/image.h). Finds the
 * image section of program file f (made from its headers the first time,
 * named name, shared by every process that runs the program after),
 * referenced for the caller (mm_section_dereference), into *out; f's file
 * is given up in any case (f->file NULL after). ERROR_BAD_EXE_FORMAT with
 * *why saying what is wrong with the file, ERROR_NOT_ENOUGH_MEMORY, or 0. */
uint32_t ps_image_section(struct ps_image_file *f, const char *name,
			  struct mm_control_area **out, const char **why);
/* Whether file f (read through the caller's own handle) holds headers the
 * loader takes: 0, or ERROR_BAD_EXE_FORMAT (an empty file too), so that
 * CreateFileMapping(SEC_IMAGE) says so before the file is opened again as
 * a program file (whose sharing the caller's handle may refuse). */
uint32_t ps_image_check_file(struct io_file *f);
/* Gives up f's file, if it still holds it. */
void ps_image_file_close(struct ps_image_file *f);
/* A boot module's program file: its bytes, size, and the slot keeping its
 * image section. */
struct ps_image_file ps_image_module(const void *bytes, uint32_t size,
				     struct mm_control_area **slot);
/* A program file on a volume: f (the reference is the image's), its size. */
struct ps_image_file ps_image_disk(struct io_file *f, uint32_t size);

/* Finds pp's program as Windows' CreateProcess does (kernel/ps/diskimage.c):
 * pp->image, when set, is a boot module's name or a full or partial path
 * (against the creator's current directory), searched nowhere else and
 * taken as it is. Otherwise the command line's first word names a boot
 * module, or its first token (quoted: up to the closing quote; unquoted:
 * each longer run of words in turn, "c:\program files\x" trying
 * c:\program first) names a file: with a path it is tried alone, a bare
 * name in the creator's program directory, its current directory, C:\BIN
 * (the system directory), then each directory of pp->search_path; ".exe" is
 * added to a last component without a dot. 0, or ERROR_FILE_NOT_FOUND (the
 * path's own error for pp->image), ERROR_BAD_EXE_FORMAT (empty, a directory,
 * over 16 MB), ERROR_NOT_ENOUGH_MEMORY, the file's own. */
uint32_t ps_find_program(const struct process_params *pp, struct ps_program *out);
/* CreateFileMapping(f, SEC_IMAGE)'s image section: the one the loader
 * makes of f's file, opened again as the loader opens a program file (so
 * its sharing rules hold), referenced for the caller (mm_image_release).
 * ERROR_ACCESS_DENIED (f a directory, or not readable), the open's error,
 * ERROR_BAD_EXE_FORMAT (not a program: an empty or too large file, or what
 * elf.c refuses), ERROR_NOT_ENOUGH_MEMORY, or 0 and *out. */
uint32_t ps_image_of_file(struct io_file *f, struct mm_control_area **out);

/* The environment block of a process that has no creator to give one:
 * COMSPEC and PATH (kernel/ps/environ.c). */
const char *ps_env_default(uint32_t *size);
/* Copies a user environment block ("A=1\0B=2\0\0"; a lone NUL is an empty
 * one) of at most PS_ENV_MAX bytes into kernel memory the caller kfrees;
 * ERROR_NOACCESS, ERROR_INVALID_PARAMETER (no end within PS_ENV_MAX) or
 * ERROR_NOT_ENOUGH_MEMORY. */
#define PS_ENV_MAX (32u << 10)
uint32_t ps_env_copy_in(vaddr_t user, char **out, uint32_t *size);
/* Places env (size bytes) in a fresh read-write allocation of p's address
 * space (the caller is attached to p; a block too large for the first
 * stack page); its address, or 0 without memory. */
vaddr_t ps_env_place(struct process *p, const char *env, uint32_t size);

struct ps_thread;

/* Starts a program: its image and stack are mapped, its inherited handles
 * placed (at the same values) and the opener's handle made before its thread
 * runs. Returns the new process with one reference for the caller, or NULL
 * with *error set (ERROR_FILE_NOT_FOUND, ERROR_BAD_EXE_FORMAT,
 * ERROR_NOT_ENOUGH_MEMORY), nothing left behind. */
struct process *process_spawn(struct process_params *pp, uint32_t *error);
/* The process of the running thread, NULL for kernel threads. */
static inline struct process *process_current(void) { return thread_current()->process; }
/* The live or not yet freed process with that pid, with a reference; NULL if none. */
struct process *process_find(uint32_t pid);
/* ExitProcess: ends every other thread of the current process (each at its
 * next return to ring 3; waiting ones are woken for it), then the caller; the
 * last one to go ends the process with status. */
__attribute__((noreturn)) void process_exit(uint32_t status);
/* Ends p with status as process_exit does, from another process (the caller
 * itself ends at once if p is its own). False if p already ended or is ending
 * by itself (NT's STATUS_PROCESS_IS_TERMINATING). */
bool process_terminate(struct process *p, uint32_t status);
/* Lists thread t in p (interrupts off); false when p is being terminated:
 * then t must end at once. */
bool process_thread_add(struct process *p, struct ps_thread *t);
/* A thread of p exited with status (interrupts off); true when it was the
 * last: the caller then runs process_end. */
bool process_thread_exited(struct process *p, uint32_t status);
/* The last thread ended: frees p's user memory and handles, records its exit
 * status and wakes its waiters. Interrupts off on entry and return. */
void process_end(struct process *p);
/* Kills every thread of p but the caller with status. */
void ps_kill_all(struct process *p, uint32_t status);
/* Kills every thread of p with status, the caller too (at its return to
 * ring 3, once its system call is done): TerminateProcess from a call that
 * must finish first (a job's termination, a close procedure). */
void ps_kill_all_later(struct process *p, uint32_t status);
/* Blocks until p has exited or ticks passed (WAIT_FOREVER); true if it exited. */
bool process_wait(struct process *p, uint32_t ticks);
/* Called by the scheduler once a thread of p is gone for good (interrupts
 * off): the last one takes the address space with it. */
void process_thread_gone(struct process *p, struct ps_thread *t);
/* Visits every process (for ps). */
void process_for_each(void (*fn)(const struct process *p, void *ctx), void *ctx);

/* The current process's handle table. */
static inline struct ob_handle_table *process_handles(void) { return &process_current()->handles; }
/* The process behind handle in the caller's table, referenced, when the
 * handle grants desired: 0, ERROR_INVALID_HANDLE or ERROR_ACCESS_DENIED. */
uint32_t process_by_handle(uint32_t handle, uint32_t desired, struct process **out);
/* The rights the current process may get to target or its threads: any
 * (all bits set) with SeDebugPrivilege enabled, else se_access_ceiling's
 * (limited when target's token holds a privilege the caller's lacks). */
uint32_t process_access_ceiling(struct process *target, uint32_t limited);

/* NT's rundown protection: while held, p's address space stays (its exit
 * waits for the last release before clearing it). False once p is exiting. */
bool process_rundown_acquire(struct process *p);
void process_rundown_release(struct process *p);
/* NT's KeStackAttachProcess: the calling thread runs in p's address space
 * (faults resolve there, and it may sleep) until process_detach. False when
 * p is exiting (its address space is going). Touch no user memory of the
 * caller's own meanwhile. */
bool process_attach(struct process *p);
void process_detach(struct process *p);

/* Counts one I/O operation of kind by p, moving bytes bytes. */
void ps_io_count(struct process *p, enum ps_io_kind kind, uint32_t bytes);
/* A consistent copy of p's counters. */
void ps_io_counters(struct process *p, struct ps_io_counters *out);

/* Opens the ring-3 gates: system calls, int3, into (kernel/sys/syscall.c). */
void syscall_init(void);

#endif
