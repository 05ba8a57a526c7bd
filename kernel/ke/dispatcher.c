/* The dispatcher's rules: when an object is signaled for a thread, what a
 * satisfied wait consumes, and NT's wait test; signaling events, processes
 * and semaphores. Blocking is kernel/ke/wait.c's. See kernel/ke/dispatcher.h. */
#include "kernel/ke/dispatcher.h"
#include "kernel/ke/mutant.h"
#include "kernel/rtl/winerror.h"

/* Whether d is signaled for thread t (a mutant t owns is). */
static bool signaled_for(struct dispatcher_header *d, const struct thread *t)
{
	if (d->kind == DISPATCHER_MUTANT)
		return ke_mutant_signaled_for(d, t);
	return d->signal_state > 0;
}

/* Takes from d what a wait of t it satisfies takes (NT's
 * KiSatisfyObjectWait); true when that acquired an abandoned mutant. */
static bool consume_locked(struct dispatcher_header *d, struct thread *t)
{
	switch (d->kind) {
	case DISPATCHER_SYNCHRONIZATION:
		d->signal_state = 0;
		return false;
	case DISPATCHER_SEMAPHORE:
		d->signal_state--;
		return false;
	case DISPATCHER_MUTANT:
		return ke_mutant_acquire_locked(ke_mutant_of(d), t);
	case DISPATCHER_NOTIFICATION:
		break;
	}
	return false;
}

/* Whether every object of w is signaled for its thread. */
static bool all_signaled(const struct ke_wait *w)
{
	for (uint32_t i = 0; i < w->count; i++)
		if (!signaled_for(w->blocks[i].object, w->thread))
			return false;
	return true;
}

/* Satisfies w: a wait-any by its block key, a wait-all by every object at
 * once (an abandoned mutant among them makes it KE_WAIT_ABANDONED_0). */
static void satisfy_locked(struct ke_wait *w, uint32_t key)
{
	bool abandoned = false;

	if (w->type == KE_WAIT_ANY) {
		abandoned = consume_locked(w->blocks[key].object, w->thread);
	} else {
		key = 0;
		for (uint32_t i = 0; i < w->count; i++)
			abandoned |= consume_locked(w->blocks[i].object, w->thread);
	}
	w->status = (abandoned ? KE_WAIT_ABANDONED_0 : KE_WAIT_OBJECT_0) + key;
	w->satisfied = true;
}

bool ke_wait_try_locked(struct ke_wait *w)
{
	if (w->type == KE_WAIT_ALL) {
		if (!all_signaled(w))
			return false;
		satisfy_locked(w, 0);
		return true;
	}
	for (uint32_t i = 0; i < w->count; i++)
		if (signaled_for(w->blocks[i].object, w->thread)) {
			satisfy_locked(w, i);
			return true;
		}
	return false;
}

void ke_wait_queue_locked(struct ke_wait *w)
{
	for (uint32_t i = 0; i < w->count; i++) {
		struct ke_wait_block *b = &w->blocks[i];
		struct dispatcher_header *d = b->object;

		b->next = NULL;
		b->prev = d->wait_tail;
		if (d->wait_tail)
			d->wait_tail->next = b;
		else
			d->wait_head = b;
		d->wait_tail = b;
	}
}

void ke_wait_dequeue_locked(struct ke_wait *w)
{
	for (uint32_t i = 0; i < w->count; i++) {
		struct ke_wait_block *b = &w->blocks[i];
		struct dispatcher_header *d = b->object;

		if (b->prev)
			b->prev->next = b->next;
		else
			d->wait_head = b->next;
		if (b->next)
			b->next->prev = b->prev;
		else
			d->wait_tail = b->prev;
		b->next = b->prev = NULL;
	}
}

void ke_wait_test_locked(struct dispatcher_header *d)
{
	struct ke_wait_block *b = d->wait_head;

	while (b && d->signal_state > 0) {
		struct ke_wait *w = b->wait;

		if (w->type == KE_WAIT_ALL && !all_signaled(w)) {
			b = b->next;
			continue;
		}
		satisfy_locked(w, b->key);
		ke_wait_dequeue_locked(w);
		wait_queue_wake_all(&w->sleeper);
		/* Satisfying w took its blocks out of every list, maybe the one
		 * after b; the waits before b still cannot be satisfied (states
		 * only went down), so starting over keeps NT's order. */
		b = d->wait_head;
	}
}

void ke_set_signal(struct dispatcher_header *d, int32_t state)
{
	bool lock = ke_dispatcher_lock();

	d->signal_state = state;
	if (state > 0)
		ke_wait_test_locked(d);
	ke_dispatcher_unlock(lock);
}

void ke_pulse(struct dispatcher_header *d)
{
	bool lock = ke_dispatcher_lock();

	if (d->signal_state <= 0 && d->wait_head) {
		d->signal_state = 1;
		ke_wait_test_locked(d);
	}
	d->signal_state = 0;
	ke_dispatcher_unlock(lock);
}

void ke_semaphore_init(struct ke_semaphore *s, int32_t initial, int32_t limit)
{
	*s = (struct ke_semaphore){
		.header = { .kind = DISPATCHER_SEMAPHORE, .signal_state = initial },
		.limit = limit,
	};
}

uint32_t ke_release_semaphore(struct ke_semaphore *s, int32_t count, int32_t *previous)
{
	bool lock = ke_dispatcher_lock();
	uint32_t err = 0;

	*previous = s->header.signal_state;
	/* count <= limit - state, written so that nothing overflows. */
	if (count > s->limit - s->header.signal_state) {
		err = ERROR_TOO_MANY_POSTS;
	} else {
		s->header.signal_state += count;
		ke_wait_test_locked(&s->header);
	}
	ke_dispatcher_unlock(lock);
	return err;
}
