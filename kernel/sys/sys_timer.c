/* Waitable timers as system calls: CreateWaitableTimer(Ex), OpenWaitableTimer,
 * SetWaitableTimer, CancelWaitableTimer. Names go through the object
 * manager's one namespace (kernel/sys/sys_named.c), shared with events and
 * the rest; the timer is ke's (kernel/ke/dispatcher.h). */
#include "kernel/sys/syscalls.h"
#include "kernel/ex/timer.h"
#include "kernel/ke/systime.h"
#include "kernel/ps/process.h"
#include "arch/trap.h"
#include "arch/uaccess.h"

#define TICKS_MAX 0x7fffffffu           /* the timer list compares ticks as signed */

/* (name or 0, manual reset, access, inherit, uint32 *existed) -> handle;
 * *existed = 1 when the name was an existing timer's. */
struct sysret sys_create_timer(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t err = sys_named_in(name, a[0], a[4]);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	return sys_named_create(timer_create(a[1] != 0), name, a[2], a[3], a[4]);
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_timer(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return sys_named_open(&timer_type, a[0], a[1], a[2]);
}

/* A due time in FILETIME units (negative: relative, else absolute UTC) as
 * timer ticks from now, rounded up; 0 when it has passed. vados's clock is
 * never set, so an absolute time converts once, here. */
static uint32_t due_ticks(int64_t due)
{
	uint64_t per_tick = 10000000u / timer_hz(), units, ticks;
	uint64_t now;

	if (due < 0) {
		units = (uint64_t)-(due + 1) + 1;       /* no overflow at INT64_MIN */
	} else {
		now = ke_system_time();
		if ((uint64_t)due <= now)
			return 0;
		units = (uint64_t)due - now;
	}
	ticks = units / per_tick + (units % per_tick != 0);
	return ticks > TICKS_MAX ? TICKS_MAX : (uint32_t)ticks;
}

/* (handle, const int64 *due time, period ms, completion routine or 0,
 * its argument): TIMER_MODIFY_STATE. A negative period:
 * ERROR_INVALID_PARAMETER; an unreadable due time: ERROR_NOACCESS. The
 * routine is queued to the calling thread at each expiry. */
struct sysret sys_set_timer(const uint32_t *a, struct trap_frame *f)
{
	struct timer *t;
	int64_t due;
	uint32_t err;

	(void)f;
	if ((int32_t)a[2] < 0)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (!copy_from_user(&due, a[1], sizeof(due)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	err = ob_reference_by_handle(process_handles(), a[0], &timer_type, TIMER_MODIFY_STATE,
				     (void **)&t, NULL);
	if (err)
		return (struct sysret){ err, 0 };
	ke_timer_set(&t->kt, due_ticks(due), a[2] ? ms_to_ticks(a[2]) : 0,
		     a[3] ? thread_current() : NULL, a[3], a[4]);
	ob_dereference(t);
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

/* (handle): TIMER_MODIFY_STATE. */
struct sysret sys_cancel_timer(const uint32_t *a, struct trap_frame *f)
{
	struct timer *t;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], &timer_type,
					      TIMER_MODIFY_STATE, (void **)&t, NULL);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	ke_timer_cancel(&t->kt);
	ob_dereference(t);
	return (struct sysret){ ERROR_SUCCESS, 0 };
}
