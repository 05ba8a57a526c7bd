/* Mutants (NT's KMUTANT): the dispatcher side of mutexes. A mutant is owned
 * by a thread, never a process: signal_state 1 is free, <= 0 owned, the
 * owner's recursion depth being 1 - signal_state. The owner may wait on it
 * again (recursion); only the owner releases it. A thread's owned mutants
 * are listed in thread->mutants (NT's MutantListHead): when it ends owning
 * any, ke_abandon_mutants frees them as abandoned, and the next wait that
 * acquires one returns KE_WAIT_ABANDONED_0 + its index. Locking: the
 * dispatcher lock (kernel/ke/dispatcher.h). */
#ifndef KERNEL_KE_MUTANT_H
#define KERNEL_KE_MUTANT_H

#include "kernel/ke/dispatcher.h"

struct ke_mutant {
	struct dispatcher_header header;
	struct thread *owner;           /* NULL while free */
	struct ke_mutant *owned_next, **owned_link;     /* in owner->mutants */
	bool abandoned;                 /* its owner ended owning it; nobody acquired it since */
};

/* A free mutant, or one owned once by owner (CreateMutex's bInitialOwner). */
void ke_mutant_init(struct ke_mutant *m, struct thread *owner);
/* ReleaseMutex by t: one level of t's ownership goes; the last frees m for
 * its waiters. ERROR_NOT_OWNER (nothing changes) unless t owns m, else 0. */
uint32_t ke_release_mutant(struct ke_mutant *m, struct thread *t);
/* The mutant object is being deleted (no reference, so no waiter, is
 * left): it leaves its owner's list. NT's delete procedure abandons it. */
void ke_mutant_delete(struct ke_mutant *m);
/* Thread t is ending: every mutant it owns is freed as abandoned, and the
 * waits that allows are satisfied. Called by thread_exit (and by
 * process_exit earlier, before the process is signaled). */
void ke_abandon_mutants(struct thread *t);

/* The mutant whose header d is (d->kind == DISPATCHER_MUTANT). */
static inline struct ke_mutant *ke_mutant_of(struct dispatcher_header *d)
{
	return (struct ke_mutant *)((char *)d - offsetof(struct ke_mutant, header));
}
/* Whether d is signaled for t: a mutant t owns is, however deep (until the
 * depth would overflow: NT's STATUS_MUTANT_LIMIT_EXCEEDED). */
bool ke_mutant_signaled_for(struct dispatcher_header *d, const struct thread *t);
/* A satisfied wait of t takes m: one more level of t's ownership. True when
 * that acquired m abandoned (the flag clears). Dispatcher lock held. */
bool ke_mutant_acquire_locked(struct ke_mutant *m, struct thread *t);

#endif
