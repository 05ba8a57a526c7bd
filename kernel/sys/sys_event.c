/* Events as system calls: CreateEvent(Ex), OpenEvent, SetEvent, ResetEvent,
 * PulseEvent. Names go through the object manager's namespace
 * (kernel/sys/sys_named.c), shared with mutexes, semaphores and the rest. */
#include "kernel/sys/syscalls.h"
#include "kernel/ex/event.h"
#include "kernel/ps/process.h"

/* (name or 0, manual reset, initial state, access, inherit, uint32 *existed)
 * -> handle; *existed = 1 when the name was an existing event's. */
struct sysret sys_create_event(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t err = sys_named_in(name, a[0], a[5]);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	return sys_named_create(event_create(a[1], a[2]), name, a[3], a[4], a[5]);
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_event(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return sys_named_open(&event_type, a[0], a[1], a[2]);
}

/* (handle, operation): 0 set, 1 reset, 2 pulse; EVENT_MODIFY_STATE. */
struct sysret sys_signal_event(const uint32_t *a, struct trap_frame *f)
{
	struct event *e;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], &event_type,
					      EVENT_MODIFY_STATE, (void **)&e, NULL);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (a[1] == 0)
		event_set(e);
	else if (a[1] == 1)
		event_reset(e);
	else if (a[1] == 2)
		event_pulse(e);
	else
		err = ERROR_INVALID_PARAMETER;
	ob_dereference(e);
	return (struct sysret){ err, 0 };
}

/* (high): CreateMemoryResourceNotification's event, the handle granting
 * SYNCHRONIZE and EVENT_QUERY_STATE (waits and queries, not SetEvent), as
 * Windows' -> handle. */
struct sysret sys_memory_notification(const uint32_t *a, struct trap_frame *f)
{
	struct event *e = event_create_memory_condition(a[0] != 0);
	uint32_t h = 0, err;
	bool existed;

	(void)f;
	if (!e)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = ob_create_named(process_handles(), e, "", SYNCHRONIZE | EVENT_QUERY_STATE, 0, &h,
			      &existed);
	return (struct sysret){ err, err ? 0 : h };
}
