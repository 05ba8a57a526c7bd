/* The timer list and waitable timers; see kernel/ke/timer.h and
 * kernel/ke/dispatcher.h (struct ke_timer). */
#include "kernel/ke/dispatcher.h"
#include "kernel/ke/systime.h"
#include "arch/cpu.h"
#include "arch/trap.h"

/* Unsorted, doubly linked: insert and remove are O(1), the tick visits
 * every entry (a handful: the sleepers and the armed timers). */
static struct ke_timer_entry *timers;

void ke_timer_insert_locked(struct ke_timer_entry *e, uint32_t due)
{
	e->due = due;
	e->prev = NULL;
	e->next = timers;
	if (timers)
		timers->prev = e;
	timers = e;
	e->inserted = true;
}

bool ke_timer_remove_locked(struct ke_timer_entry *e)
{
	if (!e->inserted)
		return false;
	if (e->prev)
		e->prev->next = e->next;
	else
		timers = e->next;
	if (e->next)
		e->next->prev = e->prev;
	e->next = e->prev = NULL;
	e->inserted = false;
	return true;
}

void ke_timer_tick(void)
{
	bool lock = ke_dispatcher_lock();
	uint32_t now = timer_ticks();
	struct ke_timer_entry *e = timers, *next, *due = NULL;

	/* The due ones are taken off first: an expire procedure may insert
	 * its entry again (a periodic timer) or wake a thread. */
	for (; e; e = next) {
		next = e->next;
		if ((int32_t)(now - e->due) < 0)
			continue;
		ke_timer_remove_locked(e);
		e->next = due;
		due = e;
	}
	for (; due; due = next) {
		next = due->next;
		due->next = NULL;
		due->expire(due);
	}
	ke_dispatcher_unlock(lock);
}

static struct ke_timer *timer_of(struct ke_timer_entry *e)
{
	return (struct ke_timer *)((char *)e - offsetof(struct ke_timer, entry));
}

/* A waitable timer is due (NT's KiTimerExpiration and the timer's DPC):
 * signaled, armed again if periodic, its APC queued. */
static void timer_expired(struct ke_timer_entry *e)
{
	struct ke_timer *t = timer_of(e);
	uint32_t now = timer_ticks();

	if (t->period) {
		/* Periods count from the due tick, not from when the tick got
		 * here; one that fell a whole period behind starts again from
		 * now rather than firing in a burst. */
		uint32_t due = e->due + t->period;
		ke_timer_insert_locked(e, (int32_t)(due - now) > 0 ? due : now + t->period);
	}
	t->header.signal_state = 1;
	ke_wait_test_locked(&t->header);
	/* NT's KeInsertQueueApc of an APC still queued does nothing: a
	 * periodic timer whose thread has not waited alertably since the
	 * last expiry keeps one call queued, with that expiry's time. */
	if (t->apc_thread && !t->apc.inserted) {
		uint64_t time = ke_system_time();
		t->apc.args[1] = (uint32_t)time;
		t->apc.args[2] = (uint32_t)(time >> 32);
		ke_apc_insert_locked(t->apc_thread, &t->apc);
	}
}

void ke_timer_init(struct ke_timer *t, bool manual)
{
	*t = (struct ke_timer){
		.header = { .kind = manual ? DISPATCHER_NOTIFICATION : DISPATCHER_SYNCHRONIZATION },
		.entry = { .expire = timer_expired },
	};
}

/* Disarms t and takes back its queued APC. */
static void cancel_locked(struct ke_timer *t)
{
	ke_timer_remove_locked(&t->entry);
	if (t->apc.inserted)
		ke_apc_remove_locked(t->apc_thread, &t->apc);
}

void ke_timer_set(struct ke_timer *t, uint32_t ticks, uint32_t period, struct thread *apc_thread,
		  uint32_t routine, uint32_t argument)
{
	bool lock = ke_dispatcher_lock();

	cancel_locked(t);
	t->header.signal_state = 0;
	t->period = period;
	t->apc_thread = apc_thread;
	t->apc = (struct ke_apc){ .routine = routine, .nargs = 3, .args = { argument, 0, 0 } };
	if (ticks == 0) {
		t->entry.due = timer_ticks();
		timer_expired(&t->entry);       /* due already: NT signals it in KeSetTimer */
	} else {
		ke_timer_insert_locked(&t->entry, timer_ticks() + ticks);
	}
	ke_dispatcher_unlock(lock);
}

void ke_timer_cancel(struct ke_timer *t)
{
	bool lock = ke_dispatcher_lock();

	cancel_locked(t);
	ke_dispatcher_unlock(lock);
}

void ke_timer_thread_rundown_locked(struct thread *t)
{
	struct ke_timer_entry *e, *next;

	/* The timer list holds every armed timer; one that is not armed can
	 * no longer queue to t (its APC, if queued, goes with t's queue). */
	for (e = timers; e; e = next) {
		next = e->next;
		if (e->expire == timer_expired && timer_of(e)->apc_thread == t) {
			ke_timer_remove_locked(e);
			timer_of(e)->apc_thread = NULL;
		}
	}
}
