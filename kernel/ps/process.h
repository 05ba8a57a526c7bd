/* kernel/ps: processes (NT's Ps). Owns process records, the program loader
 * (ELF checking, mapping the image and the stack), exit and termination.
 * May call ob (a process is an object), ke (its thread), mm (its address
 * space), arch and rtl; the system calls (sys) call it, never the reverse. */
/* Ring-3 processes: an address space, one thread (for now), a handle table,
 * an exit status. Process records are reference counted: by the handles that
 * name them, by their running thread, and by whoever created them. */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include "arch/trap.h"
#include "boot/bootinfo.h"
#include "kernel/ke/thread.h"
#include "mm/vm.h"

#define PROCESS_NAME_MAX    32
#define PROCESS_CMDLINE_MAX 256
#define PROCESS_HANDLES     64

/* Win32 error codes the process layer reports. */
#define ERROR_INVALID_HANDLE    6u
#define ERROR_NOT_ENOUGH_MEMORY 8u
#define ERROR_FILE_NOT_FOUND    2u
#define ERROR_BAD_EXE_FORMAT    193u

/* Handle values are multiples of 4, as in NT; this one means "myself". */
#define HANDLE_CURRENT_PROCESS  0xffffffffu

struct process {
	uint32_t pid;
	uint32_t refs;
	char name[PROCESS_NAME_MAX];
	char cmdline[PROCESS_CMDLINE_MAX];
	struct vm_space *vm;            /* its address space (NULL once gone) */
	pfn_t pd;                       /* vm's page directory, for the scheduler */
	const void *image;              /* the program file (a boot module) */
	uint32_t image_size;
	struct thread *thread;
	vaddr_t dispatcher;             /* ring-3 exception entry (SYS_SET_DISPATCHER) */
	bool exited, terminating;
	uint32_t exit_status, terminate_status;
	struct wait_queue exit_wait;
	struct process *handles[PROCESS_HANDLES];
	struct process *all_next;
};

/* Remembers the boot modules programs are started from. */
void process_set_programs(const struct boot_info *bi);
/* Starts the program named by the first word of cmdline. Returns the new
 * process with one reference for the caller, or NULL with *error set
 * (ERROR_FILE_NOT_FOUND, ERROR_NOT_ENOUGH_MEMORY). */
struct process *process_spawn(const char *cmdline, uint32_t *error);
/* The process of the running thread, NULL for kernel threads. */
static inline struct process *process_current(void) { return thread_current()->process; }
/* The live or not yet freed process with that pid, with a reference; NULL if none. */
struct process *process_find(uint32_t pid);
void process_get(struct process *p);
void process_put(struct process *p);
/* Ends the current process with status: frees its user memory and handles,
 * wakes its waiters, ends its thread. */
__attribute__((noreturn)) void process_exit(uint32_t status);
/* Ends p with status: at once if p is the caller, else at its next return to
 * ring 3 (a sleeping or waiting p is woken for it). False if p already ended. */
bool process_terminate(struct process *p, uint32_t status);
/* Blocks until p has exited or ticks passed (WAIT_FOREVER); true if it exited. */
bool process_wait(struct process *p, uint32_t ticks);
/* Called by the scheduler once p's thread is gone for good. */
void process_thread_gone(struct process *p);
/* Visits every process (for ps). */
void process_for_each(void (*fn)(const struct process *p, void *ctx), void *ctx);

/* The current process's handle table. */
uint32_t handle_insert(struct process *obj);            /* 0 when the table is full */
bool handle_has_room(void);
struct process *handle_lookup(uint32_t handle);         /* no reference taken */
bool handle_close(uint32_t handle);

/* Opens the ring-3 gates: system calls, int3, into (kernel/sys/syscall.c). */
void syscall_init(void);

#endif
