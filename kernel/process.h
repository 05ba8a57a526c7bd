/* Ring-3 processes: an address space, one thread (for now), an exit status. */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include "arch/trap.h"
#include "kernel/thread.h"

#define PROCESS_NAME_MAX    32
#define PROCESS_CMDLINE_MAX 256

/* Win32 error codes the process layer reports. */
#define ERROR_NOT_ENOUGH_MEMORY 8u
#define ERROR_BAD_EXE_FORMAT    193u

struct process {
	uint32_t pid;
	char name[PROCESS_NAME_MAX];
	char cmdline[PROCESS_CMDLINE_MAX];
	pfn_t pd;                       /* its page directory */
	const void *image;              /* the program file (a boot module) */
	uint32_t image_size;
	struct thread *thread;
	vaddr_t dispatcher;             /* ring-3 exception entry (SYS_SET_DISPATCHER) */
	bool exited;
	uint32_t exit_status;
	struct wait_queue exit_wait;
};

/* Starts a process running image (size bytes) with command line cmdline
 * (argv[0] first). NULL when memory is out. */
struct process *process_create(const char *name, const void *image, uint32_t size,
			       const char *cmdline);
/* The process of the running thread, NULL for kernel threads. */
struct process *process_current(void);
/* Ends the current process with status: frees its user memory, wakes its
 * waiters, ends its thread. */
__attribute__((noreturn)) void process_exit(uint32_t status);
/* Blocks until p has exited. */
void process_wait(struct process *p);
/* Frees an exited process's remaining records. */
void process_release(struct process *p);

/* Opens the ring-3 gates: system calls, int3, into (kernel/syscall.c). */
void syscall_init(void);

#endif
