/* Timer objects; see kernel/ex/timer.h. */
#include "kernel/ex/timer.h"

static struct dispatcher_header *timer_dispatcher(void *body)
{
	return &((struct timer *)body)->kt.header;
}

/* The last reference is gone: nobody waits on it and no handle names it,
 * so it is disarmed (an armed timer holds no reference of its own, as in
 * NT with no APC pending) and its queued APC taken back. The dispatcher
 * lock orders this against the tick: the timer either fired before (its
 * APC is queued and taken back here, or already copied out by its thread)
 * or never will. */
static void timer_remove(void *body)
{
	ke_timer_cancel(&((struct timer *)body)->kt);
}

/* NT's generic mapping for timers: read TIMER_QUERY_STATE, write
 * TIMER_MODIFY_STATE, execute SYNCHRONIZE, with the standard rights. */
struct ob_type timer_type = {
	.name = "Timer",
	.mapping = { 0x00020001u, 0x00020002u, 0x00120000u, TIMER_ALL_ACCESS },
	.valid_access = TIMER_ALL_ACCESS,
	.remove = timer_remove,
	.dispatcher = timer_dispatcher,
};

void timer_init(void)
{
	ob_register_type(&timer_type);
}

struct timer *timer_create(bool manual)
{
	struct timer *t = ob_create(&timer_type, sizeof(*t));

	if (t)
		ke_timer_init(&t->kt, manual);
	return t;
}
