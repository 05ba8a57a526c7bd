/* Ring-3 threads (NT's ETHREAD): a kernel thread (ke's KTHREAD, first), the
 * object of type Thread that handles name, its TEB and user stack, its exit
 * status, suspension and termination. A process (kernel/ps/process.h) lists
 * its threads; it ends when the last one does. May call ke (the thread
 * underneath, waits), ob (the Thread type), mm (stack and TEB) and rtl.
 *
 * Lifetime: a thread object is referenced by its handles, by whoever created
 * it, and by itself while it has not been reaped (the scheduler's release
 * procedure drops that one once the thread switched away for good). Each
 * thread holds a reference to its process. */
#ifndef KERNEL_PS_PSTHREAD_H
#define KERNEL_PS_PSTHREAD_H

#include "kernel/ke/dispatcher.h"
#include "kernel/ke/thread.h"
#include "kernel/ob/ob.h"
#include "user/include/vados/syscall.h"

/* The rights of a thread handle (Windows' values). */
#define THREAD_TERMINATE                 0x0001u
#define THREAD_SUSPEND_RESUME            0x0002u
#define THREAD_GET_CONTEXT               0x0008u
#define THREAD_SET_CONTEXT               0x0010u
#define THREAD_SET_INFORMATION           0x0020u
#define THREAD_QUERY_INFORMATION         0x0040u
#define THREAD_SET_LIMITED_INFORMATION   0x0400u
#define THREAD_QUERY_LIMITED_INFORMATION 0x0800u
#define THREAD_ALL_ACCESS                0x001fffffu

#define USER_STACK_RESERVE 0x00100000u  /* 1 MB, as NT's default */
#define USER_STACK_COMMIT  2u           /* pages committed at the start */
#define HANDLE_CURRENT_THREAD  0xfffffffeu
#define MAXIMUM_SUSPEND_COUNT  127u
#define STILL_ACTIVE           259u

/* The TEB's fields the kernel writes (NT's i386 offsets). */
#define TEB_EXCEPTION_LIST   0x000u
#define TEB_STACK_BASE       0x004u
#define TEB_STACK_LIMIT      0x008u
#define TEB_FIBER_DATA       0x010u     /* NT_TIB's FiberData, or its Version */
#define TEB_TIB_VERSION      0x1e00u    /* what a thread that is no fiber holds there */
#define TEB_SELF             0x018u
#define TEB_CLIENT_PID       0x020u
#define TEB_CLIENT_TID       0x024u
#define TEB_DEALLOCATION     0xe0cu
#define TEB_TLS_SLOTS        0xe10u
#define TEB_TLS_EXPANSION    0xf94u
#define TLS_MINIMUM_AVAILABLE 64u
#define TLS_EXPANSION_SLOTS  1024u

struct process;

struct ps_thread {
	struct thread k;                /* first: a struct thread * of a ring-3 thread is one */
	struct ps_thread *proc_next;    /* its process's threads */
	struct dispatcher_header exit_signal;   /* signaled once it has ended */
	uint32_t exit_status;
	bool exited;
	bool terminated;                /* ended by TerminateThread/Process: stack stays */
	uint32_t kill_status;           /* its exit status once killed */
	uint32_t suspend_count;
	struct wait_queue resume;       /* where it sleeps while suspended */
	int32_t relative_priority;      /* THREAD_PRIORITY_* */
	bool background;                /* THREAD_MODE_BACKGROUND_BEGIN: only remembered */
	vaddr_t entry, esp;             /* where it enters ring 3 */
	vaddr_t teb;
	vaddr_t stack_low;              /* its stack's reservation */
	vaddr_t stack_top;              /* and where it ends (the TEB's StackBase) */
	vaddr_t stack_limit;            /* lowest committed stack page (TEB copy) */
	uint16_t *description;          /* SetThreadDescription's UTF-16 text (kmalloc'd), or NULL */
	uint32_t description_len;       /* its length in UTF-16 units */
	uint32_t settings[VADOS_SETTINGS];      /* SetThreadInformation's, kept as set */
	uint32_t sync_io;               /* in a synchronous I/O call that may wait
					 * (interrupts off; kernel/ps/iocount.c) */
};

#define PS_DESCRIPTION_MAX 32767u      /* a UNICODE_STRING's most, in UTF-16 units */

/* Replaces t's description with the len UTF-16 units at text (copied; len
 * 0: none), its kernel name (the thread tools' column) with their ASCII
 * fold (none: its program's name again); ERROR_NOT_ENOUGH_MEMORY leaves
 * the old one. */
uint32_t ps_thread_set_description(struct ps_thread *t, const uint16_t *text, uint32_t len);

/* How to start a ring-3 thread. */
struct ps_thread_params {
	vaddr_t entry;                  /* first ring-3 instruction */
	vaddr_t esp;                    /* its stack, already mapped; 0: map one */
	vaddr_t stack_top, stack_low;   /* esp given: that stack's top and reservation */
	uint32_t stack_commit, stack_limit_pages;   /* esp 0: commit and reserve, pages */
	uint32_t args[2];               /* esp 0: pushed for entry (start, parameter) */
	bool suspended;                 /* CREATE_SUSPENDED */
};

extern struct ob_type thread_type;

static inline struct ps_thread *ps_thread_current(void)
{
	return (struct ps_thread *)thread_current();
}

/* Registers the Thread type (once, at boot). */
void ps_thread_init(void);
/* Creates a thread in p (attaching to p if p is not the caller's): its TEB,
 * its stack unless given, and the running thread behind it. Returns 0 and
 * the thread with one reference for the caller, or a Win32 error with
 * nothing left behind (ERROR_NOT_ENOUGH_MEMORY, ERROR_COMMITMENT_LIMIT, or
 * ERROR_ACCESS_DENIED when p is exiting). */
uint32_t ps_thread_create(struct process *p, const struct ps_thread_params *tp,
			  struct ps_thread **out);
/* Ends the calling thread with status (ExitThread): its TEB goes, and its
 * stack unless it was terminated; the last thread of a process ends it. */
__attribute__((noreturn)) void ps_thread_exit(uint32_t status);
/* Asks thread t (referenced by the caller) to end with status
 * (TerminateThread). The caller itself ends at once, its reference to t
 * dropped. False if t has already ended or is ending. */
bool ps_thread_terminate(struct ps_thread *t, uint32_t status);
/* SuspendThread/ResumeThread: the previous count, or 0xFFFFFFFF with *error. */
uint32_t ps_thread_suspend(struct ps_thread *t, uint32_t *error);
uint32_t ps_thread_resume(struct ps_thread *t);
/* Sets t's THREAD_PRIORITY_* value, relative to its process's class. */
bool ps_thread_set_priority(struct ps_thread *t, int32_t relative);
/* t's base priority level, and setting it by the THREAD_PRIORITY_* that
 * gives it in its process's class (false: none does). */
uint32_t ps_thread_base(struct ps_thread *t);
bool ps_thread_set_base(struct ps_thread *t, uint32_t level);
/* SetPriorityClass: p's threads' levels move to the class of base level
 * base (4 IDLE, 6 BELOW_NORMAL, 8 NORMAL, 10 ABOVE_NORMAL, 13 HIGH, 24
 * REALTIME), each keeping its THREAD_PRIORITY_* value. */
void ps_set_priority_class(struct process *p, uint8_t base);
/* SetProcessPriorityBoost: p's threads, and those it makes from now on,
 * get no wait boost (disable) or get it again. */
void ps_set_priority_boost(struct process *p, bool disable);
/* Before every return to ring 3: a killed thread ends here, a suspended one
 * sleeps until resumed. */
void ps_user_return(void);
/* The thread with that id, referenced, or NULL. */
struct ps_thread *ps_thread_find(uint32_t tid);
/* A fault at addr resolved: if it grew the caller's stack, its TEB's
 * StackLimit follows. */
void ps_stack_touched(vaddr_t addr);
/* A guard page at addr lost its guard (ring 3 touched it): when addr lies
 * in the stack the TEB names (DeallocationStack to StackBase: a fiber's,
 * which is no VAD_STACK reservation), the page below becomes the guard and
 * StackLimit follows, as NT's MiCheckForUserStackOverflow does; the
 * reservation's last page is never committed (PS_GUARD_OVERFLOW). */
enum { PS_GUARD_NOT_STACK, PS_GUARD_GROWN, PS_GUARD_OVERFLOW };
uint32_t ps_stack_guard_hit(vaddr_t addr);
/* TlsFree: slot index (0-1087) becomes 0 in every thread of p, the caller's. */
void ps_zero_tls_cell(struct process *p, uint32_t index);
/* The thread behind handle in the caller's table, referenced, when the
 * handle grants desired: 0, ERROR_INVALID_HANDLE or ERROR_ACCESS_DENIED. */
uint32_t ps_thread_by_handle(uint32_t handle, uint32_t desired, struct ps_thread **out);

/* The calling thread enters (and leaves) a synchronous I/O call whose
 * wait CancelSynchronousIo may end: an interrupted wait then answers
 * ERROR_OPERATION_ABORTED (kernel/ps/iocount.c). */
void ps_sync_io_begin(void);
void ps_sync_io_end(void);
/* CancelSynchronousIo: interrupts t's wait in such a call; ERROR_NOT_FOUND
 * when it is in none. */
uint32_t ps_cancel_synchronous_io(struct ps_thread *t);

#endif
