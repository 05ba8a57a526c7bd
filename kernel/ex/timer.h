/* Waitable timer objects: ob's Timer type around ke's waitable timer
 * (struct ke_timer, kernel/ke/dispatcher.h; the timer list is
 * kernel/ke/timer.h's). Part of kernel/ex (see kernel/ex/event.h). */
#ifndef KERNEL_EX_TIMER_H
#define KERNEL_EX_TIMER_H

#include "kernel/ke/dispatcher.h"
#include "kernel/ob/ob.h"

#define TIMER_QUERY_STATE  0x0001u
#define TIMER_MODIFY_STATE 0x0002u
#define TIMER_ALL_ACCESS   0x001f0003u

struct timer {
	struct ke_timer kt;
};

extern struct ob_type timer_type;

/* Registers the Timer type (once, at boot). */
void timer_init(void);
/* A new cancelled, unsignaled timer (manual: notification, else
 * synchronization), referenced once; NULL when the pool is exhausted. */
struct timer *timer_create(bool manual);

#endif
