/* Waits on dispatcher objects; see kernel/ke/dispatcher.h. */
#include "kernel/ke/dispatcher.h"
#include "arch/cpu.h"
#include "arch/trap.h"

void ke_set_signal(struct dispatcher_header *d, int32_t state)
{
	bool irq = irq_save();

	d->signal_state = state;
	if (state > 0)
		wait_queue_wake_all(&d->waiters);
	irq_restore(irq);
}

void ke_pulse(struct dispatcher_header *d)
{
	bool irq = irq_save();

	uint32_t queued = 0;

	/* The release is decided now, for the threads waiting now (one of them
	 * for a synchronization object), and added to what earlier pulses left
	 * for threads that have not run yet, so none of those is lost. */
	for (const struct thread *t = d->waiters.head; t; t = t->next)
		queued++;
	d->pulse++;
	d->pulse_left += d->kind == DISPATCHER_SYNCHRONIZATION ? (queued != 0) : queued;
	d->signal_state = 0;
	wait_queue_wake_all(&d->waiters);
	irq_restore(irq);
}

/* Whether a pulse since the waiter's pulse count releases it (once). */
static bool pulsed(struct dispatcher_header *d, uint32_t seen)
{
	if (d->pulse == seen || d->pulse_left == 0)
		return false;
	d->pulse_left--;
	return true;
}

enum wait_result ke_wait_single(struct dispatcher_header *d, uint32_t ticks)
{
	bool irq = irq_save();
	uint32_t deadline = timer_ticks() + ticks, seen = d->pulse, left;
	enum wait_result r = WAIT_WOKEN;

	/* Satisfied by the signal state or by a pulse meant for this waiter
	 * (which leaves the object reset: there is nothing to consume then). */
	while (d->signal_state <= 0 && !pulsed(d, seen)) {
		left = ticks == WAIT_FOREVER ? WAIT_FOREVER : deadline - timer_ticks();
		if (ticks != WAIT_FOREVER && (int32_t)left <= 0) {
			r = WAIT_TIMED_OUT;
			break;
		}
		if ((r = wait_queue_sleep_timeout(&d->waiters, left)) == WAIT_INTERRUPTED)
			break;
		r = WAIT_WOKEN;
	}
	if (r == WAIT_WOKEN && d->kind == DISPATCHER_SYNCHRONIZATION)
		d->signal_state = 0;
	irq_restore(irq);
	return r;
}
