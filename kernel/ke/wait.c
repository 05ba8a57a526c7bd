/* Blocking waits on dispatcher objects and the dispatcher lock; the rules
 * they follow are kernel/ke/dispatcher.c's. See kernel/ke/dispatcher.h. */
#include "kernel/ke/dispatcher.h"
#include "arch/cpu.h"
#include "arch/trap.h"

/* One CPU: interrupts off is the lock (the scheduler's too, so a thread
 * checks its wait and blocks with no wake-up slipping in between). */
bool ke_dispatcher_lock(void) { return irq_save(); }
void ke_dispatcher_unlock(bool state) { irq_restore(state); }

/* Sleeps until w is satisfied, ticks pass (WAIT_FOREVER: never) or the
 * thread is being terminated; dispatcher lock held, w queued. */
static enum wait_result block_locked(struct ke_wait *w, uint32_t ticks)
{
	uint32_t deadline = timer_ticks() + ticks, left = ticks;
	enum wait_result r = WAIT_WOKEN;

	/* Only a signaler wakes the sleeper, after satisfying w; the loop
	 * only guards against a wake-up meant for something else. */
	while (!w->satisfied && r != WAIT_INTERRUPTED) {
		if (ticks != WAIT_FOREVER) {
			left = deadline - timer_ticks();
			if ((int32_t)left <= 0)
				return WAIT_TIMED_OUT;
		}
		r = wait_queue_sleep_timeout(&w->sleeper, left);
	}
	return r;
}

uint32_t ke_wait_multiple(uint32_t count, struct dispatcher_header *const objects[],
			  enum ke_wait_type type, uint32_t ticks, bool alertable,
			  struct ke_wait_block blocks[])
{
	struct ke_wait w = { .thread = thread_current(), .blocks = blocks, .count = count,
			     .type = type, .status = KE_WAIT_TIMEOUT };
	enum wait_result r = WAIT_TIMED_OUT;
	bool lock;

	for (uint32_t i = 0; i < count; i++)
		blocks[i] = (struct ke_wait_block){ .wait = &w, .object = objects[i], .key = i };
	lock = ke_dispatcher_lock();
	/* Satisfied at once, the wait leaves queued APCs queued; else an
	 * alertable one returns for them (NT's TestForAlertPending), even
	 * with no time to wait. */
	if (ke_wait_try_locked(&w)) {
		ke_dispatcher_unlock(lock);
		return w.status;
	}
	if (alertable && ke_apc_pending_locked(w.thread)) {
		w.status = KE_WAIT_IO_COMPLETION;
	} else if (ticks != 0) {
		ke_wait_queue_locked(&w);
		/* An APC queued from now on ends the wait (ke_apc_insert_locked
		 * interrupts it under this lock, so none slips in unseen). */
		w.thread->alertable = alertable;
		r = block_locked(&w, ticks);
		w.thread->alertable = false;
		/* A signaler that satisfied w also took its blocks off: whatever
		 * woke the thread, it then has the objects. */
		if (!w.satisfied) {
			ke_wait_dequeue_locked(&w);
			if (r == WAIT_INTERRUPTED)
				w.status = KE_WAIT_INTERRUPTED;
		}
	}
	ke_dispatcher_unlock(lock);
	return w.status;
}

uint32_t ke_wait_single(struct dispatcher_header *d, uint32_t ticks)
{
	struct ke_wait_block block;

	return ke_wait_multiple(1, &d, KE_WAIT_ANY, ticks, false, &block);
}
