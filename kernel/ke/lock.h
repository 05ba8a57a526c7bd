/* The kernel's locks, designed for several CPUs, with the lock order checked
 * at run time (a violation panics naming both locks) in every boot but those
 * whose command line says lockcheck=off (make bench's: the checks cost as
 * much as the locks themselves, and a distribution kernel runs none). They
 * live in ke because they are the scheduler's: a spinlock must know the
 * current thread (whose held locks it records) and a guarded mutex sleeps on
 * a wait queue. mm/ calls them as it calls the wait queues (the narrow header
 * the layering allows mm for waiting); arch/spinlock.h gives the atomics.
 *
 * Two kinds, as in NT:
 *   - a spinlock (KSPIN_LOCK): interrupts off on this CPU and an atomic
 *     exchange against the others. Held for short, bounded work; never
 *     across a sleep (checked: schedule() panics if the thread switching
 *     away holds one). ke_release_spin_lock_and_wait gives it up and sleeps
 *     in one step, so a wake-up between the two cannot be lost;
 *   - a guarded mutex (KGUARDED_MUTEX): a sleeping lock with an owner, for
 *     work that must wait (for the disk, for memory) while keeping others
 *     out. Taken before any spinlock; it may be held across sleeps.
 *
 * The global order (a thread takes locks in increasing rank only; see
 * kernel/ke/lockorder.h for the one exception, nesting). The headers that
 * define the locks say what each protects. */
#ifndef KERNEL_KE_LOCK_H
#define KERNEL_KE_LOCK_H

#include "arch/spinlock.h"
#include "kernel/ke/lockorder.h"
#include "kernel/ke/thread.h"

enum ke_lock_rank {
	KE_RANK_SELFTEST = 1,           /* tests/kernel: the self-tests' own locks */
	KE_RANK_LAZY_WRITER = 3,        /* io: the lazy writer's pass (mutex; kernel/io/cache.c) */
	KE_RANK_VOLUME = 5,             /* io: a volume's FAT driver, open files, change watches (mutex;
					 * kernel/io/volume.h) */
	KE_RANK_ADDRESS_CREATION = 10,  /* mm: a space's VAD changes (mutex; mm/vmspace.h) */
	KE_RANK_SPACE_LIST = 20,        /* mm: the list of address spaces (mm/vmspace.h) */
	KE_RANK_WORKING_SET = 30,       /* mm: a space's PTEs and working set (mm/vmspace.h) */
	KE_RANK_JOB = 35,               /* ps: every job's members, limits, counters (kernel/ps/job.h) */
	KE_RANK_POOL = 40,              /* mm: the kernel pool and kmalloc (mm/pool.h) */
	KE_RANK_PFN = 50,               /* mm: the PFN database and frame lists (mm/pfn.h) */
	KE_RANK_CACHE_WINDOW = 55,      /* mm: the file cache's copy slot (mm/filecache.c) */
	KE_RANK_SWAP = 60,              /* mm: swap slots and swap statistics (mm/swap.h) */
	KE_RANK_COMMIT = 70,            /* mm: the commit charge and limit (mm/commit.h) */
	KE_RANK_MEMORY_NOTIFY = 75,     /* mm: memory resource notifications (mm/memnotify.c) */
	KE_RANK_CURRENT_DIRECTORY = 80, /* ps: each process's current directory (kernel/ps) */
	KE_RANK_FILE_CACHE_LIMITS = 85, /* sys: the file cache's limits (kernel/sys/sys_settings.c) */
	KE_RANK_DEVICE = 90,            /* io: the null device's file positions (kernel/sys/sys_device.c) */
};
/* A guarded mutex ranks below the pool lock: the thread that switches in
 * frees the stacks of threads that ended (kernel/ke/thread.c), and a mutex
 * holder may be the one. */
/* Not in the table, and left with interrupts off for now: the scheduler and
 * dispatcher state (kernel/ke/thread.c, dispatcher.c: a wake-up is allowed
 * under any lock above, it is the last in the order), the object manager
 * (kernel/ob/obp.h), processes (kernel/ps), the console and the IDE driver. */

struct ke_spin_lock {
	struct arch_spinlock raw;
	bool irq;                       /* the holder's interrupt state before it */
	struct thread *owner;           /* for reports */
	const struct ke_lock_class *cls;
};

struct ke_guarded_mutex {
	struct thread *volatile owner;  /* NULL: free; taken by an atomic compare-exchange */
	struct wait_queue waiters;
	const struct ke_lock_class *cls;
};

/* Turns the run-time checks off (lockcheck=off): no lock's acquisition or
 * release is recorded or checked from then on, so it must be called before
 * the first lock is taken (kernel_main, straight from the command line). The
 * owner checks stay: they cost a compare. */
void ke_lock_checks_disable(void);

void ke_init_spin_lock(struct ke_spin_lock *l, const struct ke_lock_class *cls);
/* Disables interrupts, then spins until l is the caller's. Panics on an
 * order violation, and after a few seconds of spinning (a deadlock: on one
 * CPU a spinlock held by another thread is always one). */
void ke_acquire_spin_lock(struct ke_spin_lock *l);
/* Releases l and restores the interrupt state from before it. Panics if the
 * caller does not hold it, or if that would enable interrupts while another
 * spinlock is held (spinlocks held together are released in reverse). */
void ke_release_spin_lock(struct ke_spin_lock *l);
/* Whether the calling thread holds l (for the _locked functions' checks). */
bool ke_spin_lock_held(const struct ke_spin_lock *l);
/* Releases l and blocks on q (as wait_queue_sleep_timeout) in one step:
 * returns without l, interrupts as they were before l was taken. With one
 * CPU interrupts stay off between the two, so nothing can wake q unseen; the
 * SMP issue makes this queue the thread on q before releasing l. */
enum wait_result ke_release_spin_lock_and_wait(struct ke_spin_lock *l, struct wait_queue *q,
					       uint32_t ticks);
/* The same for an uninterruptible wait (wait_queue_sleep_uninterruptible). */
void ke_release_spin_lock_and_wait_uninterruptible(struct ke_spin_lock *l,
						   struct wait_queue *q);

void ke_init_guarded_mutex(struct ke_guarded_mutex *m, const struct ke_lock_class *cls);
/* Sleeps (uninterruptibly) until m is free, then owns it. Panics on an order
 * violation or when called holding a spinlock. */
void ke_acquire_guarded_mutex(struct ke_guarded_mutex *m);
void ke_release_guarded_mutex(struct ke_guarded_mutex *m);
bool ke_guarded_mutex_held(const struct ke_guarded_mutex *m);

/* Called by schedule() for the thread switching away: panics if it holds a
 * spinlock (it sleeps, or was preempted with interrupts wrongly enabled). */
void ke_lock_check_switch(const struct thread *t);
/* Panics if the calling thread holds any lock; where says when ("returning
 * to ring 3"). */
void ke_lock_check_none(const char *where);

#endif
