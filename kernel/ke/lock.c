/* Spinlocks and guarded mutexes with lock-order checking; see kernel/ke/lock.h. */
#include "kernel/ke/lock.h"
#include "kernel/rtl/panic.h"
#include "arch/cpu.h"
#include "arch/trap.h"

/* Spins before a spinlock counts as deadlocked: seconds, even under TCG. */
#define SPIN_DEADLOCK_TRIES (1u << 28)

/* Whether acquisitions and releases are recorded and checked (lockcheck=). */
static bool checking = true;

void ke_lock_checks_disable(void)
{
	checking = false;
}

/* Takes m for t if it is free: one atomic compare-exchange. */
static bool mutex_try(struct ke_guarded_mutex *m, struct thread *t)
{
	return arch_cmpxchg((volatile uint32_t *)&m->owner, 0, (uint32_t)t) == 0;
}

static struct ke_lock_stack *held_by_caller(void)
{
	return &thread_current()->locks;
}

/* The report of a broken rule: what, which lock, which held lock it meets. */
__attribute__((noreturn)) static void lock_fault(enum ke_lock_fault f, const void *lock,
						 const struct ke_lock_class *cls,
						 const struct ke_lock_held *other)
{
	const struct thread *t = thread_current();

	if (other)
		panic("%s: \"%s\" (rank %u, %p) while holding \"%s\" (rank %u), "
		      "thread %u \"%s\"", ke_lockorder_fault_text(f), cls->name, cls->rank, lock,
		      other->cls->name, other->cls->rank, t->id, t->name);
	panic("%s: \"%s\" (rank %u, %p), thread %u \"%s\"", ke_lockorder_fault_text(f),
	      cls->name, cls->rank, lock, t->id, t->name);
}

/* Checks and records that the caller takes lock (before it waits for it, so
 * an order violation panics instead of deadlocking). */
static void record_acquire(const void *lock, const struct ke_lock_class *cls)
{
	const struct ke_lock_held *other = NULL;
	enum ke_lock_fault f;

	if (!checking)
		return;
	f = ke_lockorder_acquire(held_by_caller(), lock, cls, &other);
	if (f != KE_LOCK_OK)
		lock_fault(f, lock, cls, other);
}

static void record_release(const void *lock, const struct ke_lock_class *cls)
{
	if (checking && ke_lockorder_release(held_by_caller(), lock, cls) != KE_LOCK_OK)
		lock_fault(KE_LOCK_NOT_HELD, lock, cls, NULL);
}

void ke_init_spin_lock(struct ke_spin_lock *l, const struct ke_lock_class *cls)
{
	*l = (struct ke_spin_lock){ .cls = cls };
}

__attribute__((noreturn)) static void deadlock(const struct ke_spin_lock *l)
{
	const struct thread *o = l->owner;

	panic("spinlock \"%s\" (%p) still held by thread %u \"%s\" after %u spins: a deadlock",
	      l->cls->name, (const void *)l, o ? o->id : 0, o ? o->name : "?",
	      SPIN_DEADLOCK_TRIES);
}

void ke_acquire_spin_lock(struct ke_spin_lock *l)
{
	bool irq = irq_save();
	uint32_t tries = 0;

	record_acquire(l, l->cls);
	while (!arch_spin_try(&l->raw)) {
		while (l->raw.locked) {
			arch_spin_pause();
			if (++tries == SPIN_DEADLOCK_TRIES)
				deadlock(l);
		}
	}
	l->irq = irq;
	l->owner = thread_current();
}

/* Releases l (checked); returns the interrupt state to go back to. */
static bool unlock(struct ke_spin_lock *l)
{
	const struct ke_lock_held *other = NULL;
	bool irq = l->irq;

	if (l->owner != thread_current())
		lock_fault(KE_LOCK_NOT_HELD, l, l->cls, NULL);
	record_release(l, l->cls);
	if (checking && (read_eflags() & EFLAGS_IF))
		panic("spinlock \"%s\" (%p): interrupts were enabled while it was held",
		      l->cls->name, (const void *)l);
	if (checking && irq && ke_lockorder_may_sleep(held_by_caller(), &other) != KE_LOCK_OK)
		panic("spinlock \"%s\" released before \"%s\", taken after it: interrupts "
		      "would come back on with \"%s\" held", l->cls->name, other->cls->name,
		      other->cls->name);
	l->owner = NULL;
	arch_spin_release(&l->raw);
	return irq;
}

void ke_release_spin_lock(struct ke_spin_lock *l)
{
	irq_restore(unlock(l));
}

bool ke_spin_lock_held(const struct ke_spin_lock *l)
{
	return l->owner == thread_current();
}

enum wait_result ke_release_spin_lock_and_wait(struct ke_spin_lock *l, struct wait_queue *q,
					       uint32_t ticks)
{
	bool irq = unlock(l);
	enum wait_result r = wait_queue_sleep_timeout(q, ticks);

	irq_restore(irq);
	return r;
}

void ke_release_spin_lock_and_wait_uninterruptible(struct ke_spin_lock *l,
						   struct wait_queue *q)
{
	bool irq = unlock(l);

	wait_queue_sleep_uninterruptible(q);
	irq_restore(irq);
}

void ke_init_guarded_mutex(struct ke_guarded_mutex *m, const struct ke_lock_class *cls)
{
	*m = (struct ke_guarded_mutex){ .cls = cls };
}

void ke_acquire_guarded_mutex(struct ke_guarded_mutex *m)
{
	const struct ke_lock_held *other = NULL;
	struct thread *t = thread_current();
	bool irq;

	if (checking && ke_lockorder_may_sleep(&t->locks, &other) != KE_LOCK_OK)
		lock_fault(KE_LOCK_SPIN_HELD, m, m->cls, other);
	record_acquire(m, m->cls);
	if (mutex_try(m, t))
		return;
	/* Its waiters are the dispatcher's: interrupts off (one CPU) from the
	 * failed try to the sleep, so a release in between is seen. The SMP
	 * issue puts them under the dispatcher lock. */
	irq = irq_save();
	while (!mutex_try(m, t))
		wait_queue_sleep_uninterruptible(&m->waiters);
	irq_restore(irq);
}

void ke_release_guarded_mutex(struct ke_guarded_mutex *m)
{
	bool irq;

	if (m->owner != thread_current())
		lock_fault(KE_LOCK_NOT_HELD, m, m->cls, NULL);
	record_release(m, m->cls);
	asm volatile("" : : : "memory");        /* the owner's writes come first */
	m->owner = NULL;
	/* A waiter queued itself before the store (it is seen here) or tries
	 * after it (and takes m). */
	if (m->waiters.head) {
		irq = irq_save();
		wait_queue_wake_all(&m->waiters);
		irq_restore(irq);
	}
}

bool ke_guarded_mutex_held(const struct ke_guarded_mutex *m)
{
	return m->owner == thread_current();
}

void ke_lock_check_switch(const struct thread *t)
{
	const struct ke_lock_held *other = NULL;

	if (t->locks.spins && ke_lockorder_may_sleep(&t->locks, &other) != KE_LOCK_OK)
		lock_fault(KE_LOCK_SPIN_HELD, other->lock, other->cls, NULL);
}

void ke_lock_check_none(const char *where)
{
	const struct ke_lock_held *other = NULL;

	if (ke_lockorder_none(held_by_caller(), &other) != KE_LOCK_OK)
		panic("%s holding lock \"%s\" (rank %u, %p)", where, other->cls->name,
		      other->cls->rank, other->lock);
}
