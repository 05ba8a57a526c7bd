/* Waitable objects (NT's DISPATCHER_HEADER) and waits on them (NT's
 * KeWaitForSingleObject / KeWaitForMultipleObjects). Every object a thread
 * can wait on embeds a header, so a wait works on any of them: processes,
 * events, mutants (kernel/ke/mutant.h), semaphores, threads.
 *
 * A header is signaled while signal_state > 0 (a mutant also for the thread
 * that owns it). A waiting thread queues one wait block per object on the
 * objects' wait lists, in arrival order. Whoever signals an object runs NT's
 * wait test (KiWaitTest) at once: it walks the list and satisfies, in order,
 * every wait the object's state now allows, consuming the object for it as
 * the wait itself would (an auto-reset event goes to 0, a semaphore loses
 * one, a mutant gets its owner) and waking its thread, which finds its wait
 * done. So SetEvent on an auto-reset event with waiters frees exactly one
 * and leaves it reset; releasing a semaphore by n frees up to n.
 *
 * Locking: the dispatcher lock (ke_dispatcher_lock; interrupts off on one
 * CPU today, a spin lock with SMP) protects every header's state and wait
 * list, every wait, and mutant ownership (thread->mutants). It is taken
 * after ob's lock is dropped and never held across anything that sleeps
 * except the wait's own block, which releases it. Functions named _locked
 * need it held. */
#ifndef KERNEL_KE_DISPATCHER_H
#define KERNEL_KE_DISPATCHER_H

#include "kernel/ke/thread.h"
#include "kernel/ke/apc.h"
#include "kernel/ke/timer.h"

/* How a satisfied wait consumes the object: a notification object (a
 * process, a thread, a manual-reset event) stays signaled, a
 * synchronization object (an auto-reset event) is reset, a semaphore loses
 * one count, a mutant is acquired. */
enum dispatcher_kind {
	DISPATCHER_NOTIFICATION,
	DISPATCHER_SYNCHRONIZATION,
	DISPATCHER_MUTANT,
	DISPATCHER_SEMAPHORE,
};

struct ke_wait_block;

/* A zeroed header with its kind set is a valid, unsignaled object. */
struct dispatcher_header {
	enum dispatcher_kind kind;
	int32_t signal_state;
	struct ke_wait_block *wait_head, *wait_tail;    /* NT's WaitListHead */
};

/* NT's KSEMAPHORE: signal_state is the count, 0 <= count <= limit. */
struct ke_semaphore {
	struct dispatcher_header header;
	int32_t limit;
};

/* NT's KTIMER with the user APC of NT's ETIMER: a waitable timer. Its
 * header is a notification (manual-reset) or synchronization object, reset
 * when set; at its due tick it is signaled (the waits it allows satisfied),
 * inserted again when periodic, and, when set with a completion routine, its
 * one APC is queued to the thread that set it (unless still queued from
 * before: NT's KeInsertQueueApc of an inserted APC does nothing). */
struct ke_timer {
	struct dispatcher_header header;
	struct ke_timer_entry entry;    /* on the timer list while armed */
	uint32_t period;                /* ticks; 0: once */
	struct thread *apc_thread;      /* set with a routine: the thread that set it */
	struct ke_apc apc;              /* routine(argument, time low, time high) */
};

/* NT's WAIT_TYPE. */
enum ke_wait_type { KE_WAIT_ALL, KE_WAIT_ANY };

/* A wait's outcome, NT's status values (the same numbers as Win32's WAIT_*):
 * KE_WAIT_OBJECT_0 + i (object i satisfied a wait-any; a wait-all: 0),
 * KE_WAIT_ABANDONED_0 + i (the same, and the wait acquired a mutant whose
 * owner had ended), KE_WAIT_TIMEOUT, or KE_WAIT_INTERRUPTED (the thread is
 * being terminated, or, in an alertable wait, a user APC is queued for it:
 * NT's STATUS_USER_APC, Win32's WAIT_IO_COMPLETION). */
#define KE_WAIT_OBJECT_0    0x000u
#define KE_WAIT_ABANDONED_0 0x080u
#define KE_WAIT_INTERRUPTED 0x0c0u
#define KE_WAIT_IO_COMPLETION 0x0c0u        /* the same status: NT's STATUS_USER_APC */
#define KE_WAIT_TIMEOUT     0x102u
#define KE_MAXIMUM_WAIT_OBJECTS 64u

/* One thread's wait on count objects (its blocks); lives on its stack. */
struct ke_wait {
	struct thread *thread;
	struct ke_wait_block *blocks;
	uint32_t count;
	enum ke_wait_type type;
	bool satisfied;                 /* the objects were consumed for it */
	uint32_t status;                /* once satisfied: KE_WAIT_OBJECT_0/ABANDONED_0 + key */
	struct wait_queue sleeper;      /* its thread sleeps there alone */
};

/* NT's KWAIT_BLOCK: one object of a wait, queued on the object. */
struct ke_wait_block {
	struct ke_wait_block *next, *prev;      /* the object's wait list */
	struct ke_wait *wait;
	struct dispatcher_header *object;
	uint32_t key;                   /* the object's index in the wait */
};

/* The dispatcher lock (see above); ke_dispatcher_unlock takes what
 * ke_dispatcher_lock returned. */
bool ke_dispatcher_lock(void);
void ke_dispatcher_unlock(bool state);

/* Sets d's signal state (events, processes, threads); when that signals, the
 * waits it allows are satisfied (see above). */
void ke_set_signal(struct dispatcher_header *d, int32_t state);
/* PulseEvent (NT's KePulseEvent): satisfies the waits d being signaled now
 * would (every wait-any for a notification event, one for a synchronization
 * event) and leaves it reset. */
void ke_pulse(struct dispatcher_header *d);
/* A semaphore of count 0 <= initial <= limit, limit > 0 (the caller checks). */
void ke_semaphore_init(struct ke_semaphore *s, int32_t initial, int32_t limit);
/* ReleaseSemaphore: adds count (> 0) and satisfies the waits it allows;
 * *previous gets the count before. ERROR_TOO_MANY_POSTS (nothing changes)
 * when the count would pass the limit, else 0. */
uint32_t ke_release_semaphore(struct ke_semaphore *s, int32_t count, int32_t *previous);

/* Waits (KeWaitForMultipleObjects): blocks the calling thread until the
 * objects satisfy it (KE_WAIT_ANY: any one, the lowest index when several
 * are signaled; KE_WAIT_ALL: all at once, consumed together, none before)
 * or ticks timer ticks pass (WAIT_FOREVER: never; 0 only tests). blocks[]
 * has count entries (1 <= count <= KE_MAXIMUM_WAIT_OBJECTS), the caller's
 * until the call returns; a wait-all names each object once. An alertable
 * wait the objects do not satisfy at once ends with KE_WAIT_IO_COMPLETION
 * when a user APC is queued for the thread, before or during the wait (as
 * NT: the objects are tested first, so a signaled one wins and the APCs
 * stay queued). Returns a KE_WAIT_* status. The caller keeps the objects
 * referenced meanwhile. */
uint32_t ke_wait_multiple(uint32_t count, struct dispatcher_header *const objects[],
			  enum ke_wait_type type, uint32_t ticks, bool alertable,
			  struct ke_wait_block blocks[]);
/* ke_wait_multiple on one object. */
uint32_t ke_wait_single(struct dispatcher_header *d, uint32_t ticks);

/* The wait's rules without blocking (kernel/ke/dispatcher.c; wait.c blocks):
 * satisfies w now when its objects allow it (true), else false; queues or
 * dequeues its blocks on its objects. Dispatcher lock held. */
bool ke_wait_try_locked(struct ke_wait *w);
void ke_wait_queue_locked(struct ke_wait *w);
void ke_wait_dequeue_locked(struct ke_wait *w);
/* NT's KiWaitTest: satisfies, in order, the waits on d its state allows. */
void ke_wait_test_locked(struct dispatcher_header *d);

/* Waitable timers (kernel/ke/timer.c). ke_timer_init: a cancelled,
 * unsignaled timer, a notification timer when manual. ke_timer_set (NT's
 * KeSetTimerEx and ExSetTimer's APC): resets it and arms it to expire in
 * ticks (0: at once, in this call), again every period ticks (0: once);
 * with apc_thread, routine(argument, ...) is queued to it at each expiry.
 * A previous setting is cancelled first, its queued APC with it.
 * ke_timer_cancel (KeCancelTimer): disarms it and takes its queued APC back,
 * leaving the signal state as it is. */
void ke_timer_init(struct ke_timer *t, bool manual);
void ke_timer_set(struct ke_timer *t, uint32_t ticks, uint32_t period, struct thread *apc_thread,
		  uint32_t routine, uint32_t argument);
void ke_timer_cancel(struct ke_timer *t);
/* Thread t is ending: the timers it set with a completion routine are
 * cancelled, as Windows documents. Dispatcher lock held. */
void ke_timer_thread_rundown_locked(struct thread *t);

#endif
