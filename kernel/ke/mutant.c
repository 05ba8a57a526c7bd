/* Mutants: ownership, recursion, abandonment; see kernel/ke/mutant.h. */
#include "kernel/ke/mutant.h"
#include "kernel/rtl/winerror.h"

/* m becomes owned by t (its first level): it joins t's list. */
static void own_locked(struct ke_mutant *m, struct thread *t)
{
	m->owner = t;
	m->owned_next = t->mutants;
	m->owned_link = &t->mutants;
	if (t->mutants)
		t->mutants->owned_link = &m->owned_next;
	t->mutants = m;
}

/* m leaves its owner's list and has no owner. */
static void unown_locked(struct ke_mutant *m)
{
	*m->owned_link = m->owned_next;
	if (m->owned_next)
		m->owned_next->owned_link = m->owned_link;
	m->owned_next = NULL;
	m->owned_link = NULL;
	m->owner = NULL;
}

void ke_mutant_init(struct ke_mutant *m, struct thread *owner)
{
	bool lock = ke_dispatcher_lock();

	*m = (struct ke_mutant){ .header = { .kind = DISPATCHER_MUTANT, .signal_state = 1 } };
	if (owner) {
		m->header.signal_state = 0;
		own_locked(m, owner);
	}
	ke_dispatcher_unlock(lock);
}

bool ke_mutant_signaled_for(struct dispatcher_header *d, const struct thread *t)
{
	return d->signal_state > 0 ||
	       (ke_mutant_of(d)->owner == t && d->signal_state != INT32_MIN);
}

bool ke_mutant_acquire_locked(struct ke_mutant *m, struct thread *t)
{
	bool abandoned = false;

	if (--m->header.signal_state == 0) {
		own_locked(m, t);
		abandoned = m->abandoned;
		m->abandoned = false;
	}
	return abandoned;
}

uint32_t ke_release_mutant(struct ke_mutant *m, struct thread *t)
{
	bool lock = ke_dispatcher_lock();
	uint32_t err = 0;

	if (m->owner != t)
		err = ERROR_NOT_OWNER;
	else if (++m->header.signal_state == 1) {
		unown_locked(m);
		ke_wait_test_locked(&m->header);
	}
	ke_dispatcher_unlock(lock);
	return err;
}

void ke_mutant_delete(struct ke_mutant *m)
{
	bool lock = ke_dispatcher_lock();

	if (m->owner)
		unown_locked(m);
	ke_dispatcher_unlock(lock);
}

void ke_abandon_mutants(struct thread *t)
{
	bool lock = ke_dispatcher_lock();
	struct ke_mutant *m;

	while ((m = t->mutants) != NULL) {
		unown_locked(m);
		m->header.signal_state = 1;
		m->abandoned = true;
		ke_wait_test_locked(&m->header);
	}
	ke_dispatcher_unlock(lock);
}
