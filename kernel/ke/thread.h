/* kernel/ke: the kernel core (NT's Ke). Owns threads, the scheduler, wait
 * queues, sleeping and the ring-3 exception dispatch (exception.h). May call
 * arch/ and mm/ and the runtime library (kernel/rtl); nothing above it (ob,
 * ps, sys) is called from here except through the process pointer a thread
 * carries. */
/* Threads and the scheduler (NT's KTHREAD and dispatcher): 32 priority
 * levels, the highest ready thread runs, round robin within a level on the
 * PIT with a fixed quantum; NT's boosts (a thread woken from a wait gets +1
 * for its next quantum, decaying one a quantum; one ready for
 * STARVATION_TICKS gets level 15 for a quantum) keep low levels from
 * starving. Levels 16-31 are never boosted. An idle thread, sleeping and
 * wait queues. One CPU; the scheduler's state is guarded by disabling
 * interrupts (its lock, when SMP comes). */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "arch/context.h"
#include "arch/types.h"
#include "kernel/ke/lockorder.h"
#include "kernel/ke/timer.h"

#define THREAD_NAME_MAX  16
#define KSTACK_PAGES     4              /* 16 KiB, plus an unmapped guard page below */
#define SCHED_QUANTUM    1              /* ticks: 10 ms at 100 Hz */
#define PRIORITY_LEVELS  32
#define PRIORITY_NORMAL  8              /* NORMAL_PRIORITY_CLASS, THREAD_PRIORITY_NORMAL */
#define PRIORITY_BOOST_MAX 15           /* boosts stop here: 16-31 are real-time levels */
#define STARVATION_TICKS 300            /* ready this long: boosted (NT: about 4 s) */

enum thread_state { THREAD_READY, THREAD_RUNNING, THREAD_BLOCKED, THREAD_DEAD };

/* CPU time, in timer ticks charged to whoever was running: in ring 3
 * (user) or not (kernel). Counted by the tick with interrupts off; read
 * them as 32-bit words (one CPU: a read is never torn). */
struct ke_cpu_times {
	uint32_t user_ticks, kernel_ticks;
};

struct thread {
	uint32_t esp;                   /* saved kernel stack pointer while switched out */
	vaddr_t stack;                  /* the pool run: guard page, then the stack */
	uint32_t id;
	enum thread_state state;
	char name[THREAD_NAME_MAX];
	struct thread *next;            /* ready queue, wait queue or dead list */
	struct thread *all_next;        /* every live thread */
	struct ke_timer_entry wake;     /* a timed sleep's deadline (kernel/ke/timer.h) */
	struct wait_queue *waiting_on;  /* the queue it blocks on, if any */
	bool interrupted;               /* thread_interrupt woke it */
	bool in_page_fault;             /* resolving a page fault (recursion guard) */
	bool uninterruptible;           /* in wait_queue_sleep_uninterruptible */
	void (*entry)(void *);
	void *arg;
	struct process *process;        /* NULL for kernel threads */
	struct process *attached;       /* whose address space it runs in, if not its own */
	struct arch_fpu_state fpu;      /* its FPU registers while switched out */
	uint8_t base_priority;          /* 1-31 (0: the idle thread) */
	uint8_t priority;               /* base plus the boost it still has */
	bool starved;                   /* runs one quantum at 15 (starvation boost) */
	bool no_boost;                  /* gets no wait boost (SetThreadPriorityBoost) */
	bool kill;                      /* being terminated: no wait blocks it again */
	uint32_t ready_since;           /* tick it became ready (starvation) */
	vaddr_t teb;                    /* a ring-3 thread's TEB (FS base), else 0 */
	const char *wait_reason;        /* while blocked: why (tools) */
	/* Frees the record once the thread has switched away for good; NULL:
	 * kfree. Runs in the scheduler with interrupts off: must not sleep. */
	void (*release)(struct thread *t);
	struct ke_mutant *mutants;      /* the mutants it owns (kernel/ke/mutant.h) */
	struct ke_apc *apc_head, *apc_tail;     /* its user APCs (kernel/ke/apc.h) */
	bool apc_closed;                /* ending: no APC is queued any more */
	bool alertable;                 /* in an alertable wait: an APC ends it */
	struct ke_lock_stack locks;     /* the locks it holds (kernel/ke/lock.h) */
	struct ke_cpu_times times;      /* its own CPU time */
	struct ke_cpu_times *owner_times;       /* its process's total too, or NULL */
	uint64_t create_time, exit_time;        /* system times (exit: 0 until it ends) */
	struct ke_io *io_requests;      /* its pending I/O (kernel/ke/iolist.h) */
	struct ke_queue *queue;         /* the queue it is associated with (kernel/ke/queue.h) */
	struct thread *queue_next;      /* in that queue's threads */
	bool queue_waiting;             /* in that queue's own wait */
};

struct process;
struct ke_mutant;
struct ke_apc;

struct wait_queue {
	struct thread *head, *tail;
	const char *reason;             /* what waiters show as their wait reason, or NULL */
};

/* Makes the running boot context the first thread ("main") and starts the
 * idle thread and preemption. */
void sched_init(void);
/* A new ready kernel thread running entry(arg); NULL when memory runs out. */
struct thread *thread_create(const char *name, void (*entry)(void *), void *arg);
/* The same for a thread of process p: it runs in p's address space. */
struct thread *thread_create_in(const char *name, void (*entry)(void *), void *arg,
				struct process *p);
/* Sets up caller-allocated record t (zeroed, with its release procedure
 * set) as a thread of p that does not run until thread_start(t): its kernel
 * stack, id and place in the thread list. False when memory runs out. */
bool thread_setup(struct thread *t, const char *name, void (*entry)(void *), void *arg,
		  struct process *p);
/* Makes a thread from thread_setup ready to run. */
void thread_start(struct thread *t);
/* Sets t's base priority (1-31); its current priority follows. Running or
 * ready, it is rescheduled at once. */
void thread_set_priority(struct thread *t, uint8_t base);
/* Marks t as being terminated and wakes it from any interruptible wait; its
 * waits return WAIT_INTERRUPTED from then on. */
void thread_kill(struct thread *t);
/* Switches at once if a thread of higher priority than the caller became
 * ready (thread context only: interrupt handlers leave it to their return). */
void thread_preempt_check(void);
/* SwitchToThread: gives the CPU to any other ready thread, even of a lower
 * priority, for one quantum; false when none was ready. */
bool thread_switch_any(void);
/* Visits every thread (interrupts off: fn must not sleep). */
void thread_for_each(void (*fn)(const struct thread *t, void *ctx), void *ctx);
/* Ends the calling thread; its stack is freed once another thread runs. */
__attribute__((noreturn)) void thread_exit(void);
extern struct thread *thread_now;      /* read it through thread_current */
static inline struct thread *thread_current(void) { return thread_now; }
/* Gives up the CPU to the next ready thread of the same or a higher
 * priority, if any (Sleep(0)). */
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
 * WAIT_INTERRUPTED), so it can notice it is being terminated or suspended. */
void thread_interrupt(struct thread *t);

/* Where the CPU leaves the trap frame of t's latest entry from ring 3: the
 * top of its kernel stack (a new thread's first frames start below it). */
struct trap_frame *thread_user_frame(const struct thread *t);

/* t's FPU state (arch/context.h), current: saved from the registers first
 * when t is the running thread, else what its last switch saved. With
 * interrupts off while the caller reads or changes it (a switch saves the
 * registers there). */
struct arch_fpu_state *thread_fpu_locked(struct thread *t);
/* After a change to thread_fpu_locked(t)'s state, interrupts still off:
 * the running thread's registers take it (another thread's take it at its
 * next switch). */
void thread_fpu_changed_locked(struct thread *t);

/* The thread whose stack guard page holds addr (for the double-fault report). */
const struct thread *thread_guard_owner(vaddr_t addr);

struct sched_stats {
	uint32_t threads, ready, switches;
	uint32_t idle_ticks, kernel_ticks, user_ticks;  /* the CPU's time since boot */
};
void sched_get_stats(struct sched_stats *s);

#endif
