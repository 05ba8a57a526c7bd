/* kernel/ke: the kernel core (NT's Ke). Owns threads, the scheduler, wait
 * queues, sleeping and the ring-3 exception dispatch (exception.h). May call
 * arch/ and mm/ and the runtime library (kernel/rtl); nothing above it (ob,
 * ps, sys) is called from here except through the process pointer a thread
 * carries. */
/* Kernel threads and the scheduler: preemptive round robin on the PIT with a
 * fixed quantum, an idle thread, sleeping and wait queues. One CPU; the
 * scheduler's state is guarded by disabling interrupts. */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "arch/context.h"
#include "arch/types.h"
#include "kernel/ke/lockorder.h"

#define THREAD_NAME_MAX  16
#define KSTACK_PAGES     4              /* 16 KiB, plus an unmapped guard page below */
#define SCHED_QUANTUM    1              /* ticks: 10 ms at 100 Hz */

enum thread_state { THREAD_READY, THREAD_RUNNING, THREAD_BLOCKED, THREAD_DEAD };

struct thread {
	uint32_t esp;                   /* saved kernel stack pointer while switched out */
	vaddr_t stack;                  /* the pool run: guard page, then the stack */
	uint32_t id;
	enum thread_state state;
	char name[THREAD_NAME_MAX];
	struct thread *next;            /* ready queue, wait queue or dead list */
	struct thread *sleep_next;      /* the sleepers' list */
	struct thread *all_next;        /* every live thread */
	uint32_t wake_tick;             /* while sleeping */
	struct wait_queue *waiting_on;  /* the queue it blocks on, if any */
	bool timed;                     /* also on the sleepers' list */
	bool interrupted;               /* thread_interrupt woke it */
	bool in_page_fault;             /* resolving a page fault (recursion guard) */
	bool uninterruptible;           /* in wait_queue_sleep_uninterruptible */
	void (*entry)(void *);
	void *arg;
	struct process *process;        /* NULL for kernel threads */
	struct process *attached;       /* whose address space it runs in, if not its own */
	struct arch_fpu_state fpu;      /* its x87 registers while switched out */
	struct ke_lock_stack locks;     /* the locks it holds (kernel/ke/lock.h) */
};

struct process;

struct wait_queue {
	struct thread *head, *tail;
};

/* Makes the running boot context the first thread ("main") and starts the
 * idle thread and preemption. */
void sched_init(void);
/* A new ready kernel thread running entry(arg); NULL when memory runs out. */
struct thread *thread_create(const char *name, void (*entry)(void *), void *arg);
/* The same for a thread of process p: it runs in p's address space. */
struct thread *thread_create_in(const char *name, void (*entry)(void *), void *arg,
				struct process *p);
/* Ends the calling thread; its stack is freed once another thread runs. */
__attribute__((noreturn)) void thread_exit(void);
extern struct thread *thread_now;      /* read it through thread_current */
static inline struct thread *thread_current(void) { return thread_now; }
/* Gives up the CPU to the next ready thread, if any. */
void thread_yield(void);
/* Blocks the caller for at least ticks timer ticks. */
void thread_sleep(uint32_t ticks);
/* Blocks the caller on q until wait_queue_wake_all(q). Call with interrupts
 * off after checking the condition, so a wake-up cannot slip in between;
 * returns with interrupts as they were. */
void wait_queue_sleep(struct wait_queue *q);
/* Like wait_queue_sleep, but neither termination nor thread_interrupt cuts
 * it short: for waits that must end before anything else (disk I/O into
 * memory the caller owns). The caller re-checks its condition in a loop. */
void wait_queue_sleep_uninterruptible(struct wait_queue *q);
/* Makes every thread waiting on q ready. */
void wait_queue_wake_all(struct wait_queue *q);
/* Like wait_queue_sleep, but gives up after ticks timer ticks
 * (WAIT_FOREVER: never). Returns how it woke. */
#define WAIT_FOREVER 0xffffffffu
enum wait_result { WAIT_WOKEN, WAIT_TIMED_OUT, WAIT_INTERRUPTED };
enum wait_result wait_queue_sleep_timeout(struct wait_queue *q, uint32_t ticks);
/* Wakes t early if it is sleeping or waiting (its wait returns
 * WAIT_INTERRUPTED), so it can notice it is being terminated. */
void thread_interrupt(struct thread *t);

/* The thread whose stack guard page holds addr (for the double-fault report). */
const struct thread *thread_guard_owner(vaddr_t addr);

struct sched_stats {
	uint32_t threads, ready, switches;
};
void sched_get_stats(struct sched_stats *s);

#endif
