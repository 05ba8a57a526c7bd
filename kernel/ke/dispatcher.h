/* Waitable objects (NT's DISPATCHER_HEADER): every object a thread can wait
 * on embeds one, so WaitForSingleObject works on any of them. A header is
 * signaled while signal_state > 0; a synchronization object (an auto-reset
 * event) is reset by the wait it satisfies, a notification object (a process,
 * a manual-reset event) stays signaled. The scheduler's lock (interrupts off
 * today) protects the state and the waiters. */
#ifndef KERNEL_KE_DISPATCHER_H
#define KERNEL_KE_DISPATCHER_H

#include "kernel/ke/thread.h"

enum dispatcher_kind { DISPATCHER_NOTIFICATION, DISPATCHER_SYNCHRONIZATION };

struct dispatcher_header {
	enum dispatcher_kind kind;
	int32_t signal_state;
	struct wait_queue waiters;
	uint32_t pulse;                 /* counts pulses, so a waiter sees one happened */
	uint32_t pulse_left;            /* waiters pulses may still release */
};

/* Sets the signal state to state; when that signals, the waiters wake (each
 * re-checks, so a synchronization object lets exactly one through). */
void ke_set_signal(struct dispatcher_header *d, int32_t state);
/* PulseEvent: wakes the threads waiting on d now as if it were signaled
 * (all of them, or one for a synchronization object) and leaves it reset. */
void ke_pulse(struct dispatcher_header *d);
/* Blocks until d is signaled (consuming it if it is a synchronization
 * object) or ticks pass (WAIT_FOREVER: never). WAIT_WOKEN when it was
 * satisfied, WAIT_TIMED_OUT, or WAIT_INTERRUPTED (the caller is being
 * terminated). ticks 0 only tests. */
enum wait_result ke_wait_single(struct dispatcher_header *d, uint32_t ticks);

#endif
