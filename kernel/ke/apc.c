/* User-mode APC queues and the alertable sleep; see kernel/ke/apc.h. */
#include "kernel/ke/dispatcher.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

bool ke_apc_insert_locked(struct thread *t, struct ke_apc *a)
{
	/* Closed by ke_apc_rundown under this lock: an APC queued after it
	 * would never be freed or run. A thread being terminated (kill, set
	 * under this lock too) refuses them already, as Windows documents. */
	if (t->apc_closed || t->kill)
		return false;
	a->next = NULL;
	if (t->apc_tail)
		t->apc_tail->next = a;
	else
		t->apc_head = a;
	t->apc_tail = a;
	a->inserted = true;
	/* NT's KiInsertQueueApc: a thread in an alertable user-mode wait is
	 * unwaited with STATUS_USER_APC. One in a non-alertable wait is left
	 * alone; its next alertable wait finds the queue non-empty. */
	if (t->alertable)
		thread_interrupt(t);
	return true;
}

void ke_apc_remove_locked(struct thread *t, struct ke_apc *a)
{
	struct ke_apc *prev = NULL;

	for (struct ke_apc *i = t->apc_head; i; prev = i, i = i->next) {
		if (i != a)
			continue;
		if (prev)
			prev->next = a->next;
		else
			t->apc_head = a->next;
		if (t->apc_tail == a)
			t->apc_tail = prev;
		a->next = NULL;
		a->inserted = false;
		return;
	}
}

bool ke_apc_pending_locked(const struct thread *t)
{
	return t->apc_head != NULL;
}

uint32_t ke_queue_user_apc(struct thread *t, uint32_t routine, uint32_t nargs,
			   const uint32_t args[KE_APC_MAX_ARGS])
{
	struct ke_apc *a = kmalloc(sizeof(*a));
	bool lock, queued;

	if (!a)
		return ERROR_NOT_ENOUGH_MEMORY;
	*a = (struct ke_apc){ .routine = routine, .nargs = nargs, .pooled = true };
	for (uint32_t i = 0; i < KE_APC_MAX_ARGS; i++)
		a->args[i] = args[i];
	lock = ke_dispatcher_lock();
	queued = ke_apc_insert_locked(t, a);
	ke_dispatcher_unlock(lock);
	if (queued)
		return 0;
	kfree(a);
	return ERROR_GEN_FAILURE;
}

bool ke_apc_next(struct ke_apc *out)
{
	struct thread *t = thread_current();
	bool lock = ke_dispatcher_lock();
	struct ke_apc *a = t->apc_head;

	if (a) {
		ke_apc_remove_locked(t, a);
		*out = *a;
	}
	ke_dispatcher_unlock(lock);
	/* A timer's APC is copied out under the lock: the timer may be
	 * deleted as soon as it is dropped, its routine still to run. */
	if (a && out->pooled)
		kfree(a);
	return a != NULL;
}

void ke_apc_rundown(struct thread *t)
{
	bool lock = ke_dispatcher_lock();
	struct ke_apc *a = t->apc_head, *next, *pooled = NULL;

	/* A QueueUserAPC racing with the end of t either got in before this
	 * (its APC is freed below, never run, as Windows documents) or finds
	 * the queue closed and fails. */
	t->apc_closed = true;
	t->apc_head = t->apc_tail = NULL;
	for (; a; a = next) {
		next = a->next;
		a->next = NULL;
		a->inserted = false;
		if (a->pooled) {        /* ours alone now: a timer's is its timer's */
			a->next = pooled;
			pooled = a;
		}
	}
	ke_timer_thread_rundown_locked(t);
	ke_dispatcher_unlock(lock);
	for (; pooled; pooled = next) {
		next = pooled->next;
		kfree(pooled);
	}
}

uint32_t ke_delay(uint32_t ticks, bool alertable)
{
	struct thread *t = thread_current();
	bool lock = ke_dispatcher_lock();
	enum wait_result r = WAIT_TIMED_OUT;

	if (alertable && ke_apc_pending_locked(t)) {
		ke_dispatcher_unlock(lock);
		return KE_WAIT_IO_COMPLETION;
	}
	if (ticks == 0) {
		ke_dispatcher_unlock(lock);
		thread_yield();
		return 0;
	}
	t->alertable = alertable;
	r = wait_queue_sleep_timeout(NULL, ticks);
	t->alertable = false;
	ke_dispatcher_unlock(lock);
	return alertable && r == WAIT_INTERRUPTED ? KE_WAIT_IO_COMPLETION : 0;
}
