/* The kernel's one timer list (NT's timer table), driven by the clock tick:
 * every deadline in the kernel is an entry on it. A thread's wait or sleep
 * with a timeout inserts the thread's own entry (kernel/ke/thread.c: NT's
 * KTHREAD.Timer); a waitable timer object (struct ke_timer,
 * kernel/ke/dispatcher.h) inserts its own. At each tick the due entries are
 * taken off the list and their expire procedure runs, in the timer
 * interrupt.
 *
 * Locking: the dispatcher lock (kernel/ke/dispatcher.h: interrupts off on
 * one CPU) protects the list and every entry's fields; every function here
 * needs it held, and expire procedures run with it held, so they must not
 * sleep. */
#ifndef KERNEL_KE_TIMER_H
#define KERNEL_KE_TIMER_H

#include "arch/types.h"

struct ke_timer_entry {
	struct ke_timer_entry *next, *prev;     /* the list, while inserted */
	uint32_t due;                   /* the tick it expires at */
	bool inserted;
	/* Runs once the entry is due, taken off the list (inserted false);
	 * may insert it again. */
	void (*expire)(struct ke_timer_entry *e);
};

/* Puts e on the list to expire at tick due (one already due expires at the
 * next tick); e must not be on it. */
void ke_timer_insert_locked(struct ke_timer_entry *e, uint32_t due);
/* Takes e off the list; false if it was not on it (never inserted, expired
 * or removed already). */
bool ke_timer_remove_locked(struct ke_timer_entry *e);
/* The tick's work: expires every entry due by now (interrupts off). */
void ke_timer_tick(void);
/* Visits every inserted entry (dispatcher lock held; fn must not change
 * the list). */
void ke_timer_for_each_locked(void (*fn)(struct ke_timer_entry *e, void *ctx), void *ctx);

#endif
