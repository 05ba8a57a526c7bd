/* Events as system calls: CreateEvent(Ex), OpenEvent, SetEvent, ResetEvent,
 * PulseEvent. Names go through the object manager's namespace, so an event
 * and (later) a mutex or a section cannot share one. */
#include "kernel/sys/syscalls.h"
#include "kernel/ex/event.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"

/* A name argument: "" when the pointer is 0; else copied into name[]. */
static uint32_t name_in(char *name, uint32_t user)
{
	uint32_t err;

	name[0] = '\0';
	if (!user)
		return 0;
	err = sys_copy_string_in(name, user, OB_NAME_MAX);
	return err == ERROR_INVALID_PARAMETER ? ERROR_FILENAME_EXCED_RANGE : err;
}

/* (name or 0, manual reset, initial state, access, inherit, uint32 *existed)
 * -> handle; *existed = 1 when the name was an existing event's. */
struct sysret sys_create_event(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t err = name_in(name, a[0]), h = 0, existed_out = 0;
	struct event *e;
	bool existed;

	(void)f;
	if (!err && !copy_to_user(a[5], &existed_out, sizeof(existed_out)))
		err = ERROR_NOACCESS;
	if (err)
		return (struct sysret){ err, 0 };
	if (!(e = event_create(a[1], a[2])))
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = ob_create_named(process_handles(), e, name, a[3], a[4] ? HANDLE_FLAG_INHERIT : 0,
			      &h, &existed);
	existed_out = existed;
	if (!err && !copy_to_user(a[5], &existed_out, sizeof(existed_out))) {
		ob_close_handle(process_handles(), h);
		err = ERROR_NOACCESS;
	}
	return (struct sysret){ err, err ? 0 : h };
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_event(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t err = name_in(name, a[0]), h = 0;

	(void)f;
	if (!err && !a[0])
		err = ERROR_INVALID_PARAMETER;
	if (!err)
		err = ob_open_named(process_handles(), name, &event_type, a[1],
				    a[2] ? HANDLE_FLAG_INHERIT : 0, &h);
	return (struct sysret){ err, err ? 0 : h };
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
