/* Queues and their concurrency; see kernel/ke/queue.h. */
#include "kernel/ke/queue.h"

/* A thread waiting in ke_queue_remove, on its stack. */
struct ke_queue_waiter {
	struct ke_queue_waiter *next;
	struct dispatcher_header given; /* signaled when it is given an entry or q closes */
	struct ke_queue_entry *entry;
};

void ke_queue_init(struct ke_queue *q, uint32_t maximum)
{
	*q = (struct ke_queue){ .maximum = maximum };
}

static struct ke_queue_entry *pop_locked(struct ke_queue *q)
{
	struct ke_queue_entry *e = q->head;

	if (e && !(q->head = e->next))
		q->tail = NULL;
	return e;
}

/* Wakes the newest waiter with entry e (NULL: q closed). */
static void release_waiter_locked(struct ke_queue *q, struct ke_queue_entry *e)
{
	struct ke_queue_waiter *w = q->waiters;

	q->waiters = w->next;
	w->entry = e;
	w->given.signal_state = 1;
	ke_wait_test_locked(&w->given);
}

/* NT's KiActivateWaiterQueue: while fewer than the maximum run, queued
 * entries go to waiters, each of which then runs. */
static void activate_locked(struct ke_queue *q)
{
	while (!q->closed && q->head && q->waiters && q->current < q->maximum) {
		q->current++;
		release_waiter_locked(q, pop_locked(q));
	}
}

void ke_queue_insert(struct ke_queue *q, struct ke_queue_entry *e)
{
	bool lock = ke_dispatcher_lock();

	e->next = NULL;
	if (q->tail)
		q->tail->next = e;
	else
		q->head = e;
	q->tail = e;
	activate_locked(q);
	ke_dispatcher_unlock(lock);
}

/* t leaves its queue, if it has one (it was running: one fewer runs). */
static void leave_locked(struct thread *t)
{
	struct ke_queue *q = t->queue;
	struct thread **p;

	if (!q)
		return;
	for (p = &q->threads; *p != t; p = &(*p)->queue_next)
		;
	*p = t->queue_next;
	t->queue = NULL;
	q->current--;
	activate_locked(q);
}

/* Takes w off q's waiters if it is still there (not released). */
static void unwait_locked(struct ke_queue *q, struct ke_queue_waiter *w)
{
	struct ke_queue_waiter **p;

	for (p = &q->waiters; *p && *p != w; p = &(*p)->next)
		;
	if (*p)
		*p = w->next;
}

uint32_t ke_queue_remove(struct ke_queue *q, uint32_t ticks, bool alertable,
			 struct ke_queue_entry **out)
{
	struct thread *t = thread_current();
	struct ke_queue_waiter w = { .given.kind = DISPATCHER_NOTIFICATION };
	struct dispatcher_header *d = &w.given;
	struct ke_wait_block block;
	uint32_t status = KE_WAIT_TIMEOUT;
	bool lock = ke_dispatcher_lock();

	if (t->queue != q) {
		leave_locked(t);
		t->queue = q;
		t->queue_next = q->threads;
		q->threads = t;
		q->current++;
	}
	q->current--;                   /* it is in its queue's wait, not running for it */
	*out = NULL;
	if (q->closed) {
		status = KE_WAIT_ABANDONED_0;
	} else if (q->head && q->current < q->maximum) {
		*out = pop_locked(q);
		status = KE_WAIT_OBJECT_0;
	} else if (ticks) {
		w.next = q->waiters;
		q->waiters = &w;
		t->queue_waiting = true;
		ke_dispatcher_unlock(lock);
		status = ke_wait_multiple(1, &d, KE_WAIT_ANY, ticks, alertable, &block);
		lock = ke_dispatcher_lock();
		t->queue_waiting = false;
		unwait_locked(q, &w);
		/* The entry given, and running counted for it, by its giver;
		 * whatever ended the wait (a timeout, an APC), unless the
		 * thread is being terminated. */
		if (w.entry && !t->kill) {
			*out = w.entry;
			status = KE_WAIT_OBJECT_0;
			ke_dispatcher_unlock(lock);
			return status;
		}
		if (w.entry) {          /* terminated: the entry goes back first */
			if (!(w.entry->next = q->head))
				q->tail = w.entry;
			q->head = w.entry;
			q->current--;
		} else if (q->closed) {
			status = KE_WAIT_ABANDONED_0;
		}
	}
	if (t->queue == q)              /* it runs again (a rundown may have taken q from it) */
		q->current++;
	activate_locked(q);
	ke_dispatcher_unlock(lock);
	return status;
}

struct ke_queue_entry *ke_queue_take_more(struct ke_queue *q)
{
	bool lock = ke_dispatcher_lock();
	struct ke_queue_entry *e = q->closed ? NULL : pop_locked(q);

	ke_dispatcher_unlock(lock);
	return e;
}

void ke_queue_close(struct ke_queue *q)
{
	bool lock = ke_dispatcher_lock();

	q->closed = true;
	while (q->waiters)
		release_waiter_locked(q, NULL);
	ke_dispatcher_unlock(lock);
}

struct ke_queue_entry *ke_queue_rundown(struct ke_queue *q)
{
	bool lock = ke_dispatcher_lock();
	struct ke_queue_entry *e = q->head;

	while (q->threads)
		leave_locked(q->threads);
	q->head = q->tail = NULL;
	ke_dispatcher_unlock(lock);
	return e;
}

void ke_queue_thread_blocks_locked(struct thread *t)
{
	if (t->queue && !t->queue_waiting) {
		t->queue->current--;
		activate_locked(t->queue);
	}
}

void ke_queue_thread_wakes_locked(struct thread *t)
{
	if (t->queue && !t->queue_waiting)
		t->queue->current++;
}

void ke_queue_thread_rundown(struct thread *t)
{
	bool lock = ke_dispatcher_lock();

	leave_locked(t);
	ke_dispatcher_unlock(lock);
}
