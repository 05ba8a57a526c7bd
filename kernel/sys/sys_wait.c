/* The waits: WaitForSingleObject, WaitForMultipleObjects and
 * SignalObjectAndWait on any waitable object (processes, events, mutexes,
 * semaphores, threads) whose handle grants SYNCHRONIZE. ke (kernel/ke/dispatcher.h) waits; this resolves the
 * handles, as NT's NtWaitForMultipleObjects. */
#include "kernel/sys/syscalls.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/ex/event.h"
#include "kernel/ex/mutant.h"
#include "kernel/ex/semaphore.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"

#define WAIT_FAILED 0xffffffffu

/* The waitable object behind handle, referenced, and its header. */
static uint32_t reference_waitable(uint32_t handle, void **obj, struct dispatcher_header **d)
{
	uint32_t err = ob_reference_by_handle(process_handles(), handle, NULL, SYNCHRONIZE, obj,
					      NULL);

	if (err)
		return err;
	if (!ob_type_of(*obj)->dispatcher || !(*d = ob_type_of(*obj)->dispatcher(*obj))) {
		ob_dereference(*obj);
		return ERROR_INVALID_HANDLE;    /* NT: STATUS_OBJECT_TYPE_MISMATCH */
	}
	return 0;
}

/* Whether d[i] is also one of d[0..i). */
static bool named_before(struct dispatcher_header *const *d, uint32_t i)
{
	for (uint32_t j = 0; j < i; j++)
		if (d[j] == d[i])
			return true;
	return false;
}

/* References the objects of handles[0..count): 0, or the first handle's
 * error with nothing kept. A wait-all must name each object once
 * (ERROR_INVALID_PARAMETER, NT's STATUS_INVALID_PARAMETER_MIX). */
static uint32_t reference_all(const uint32_t *handles, uint32_t count, bool all, void **objs,
			      struct dispatcher_header **d)
{
	uint32_t err = 0, i;

	for (i = 0; i < count; i++) {
		if ((err = reference_waitable(handles[i], &objs[i], &d[i])) != 0)
			break;
		if (all && named_before(d, i)) {
			ob_dereference(objs[i]);
			err = ERROR_INVALID_PARAMETER;
			break;
		}
	}
	if (err)
		while (i-- > 0)
			ob_dereference(objs[i]);
	return err;
}

/* Signals the object behind handle as SignalObjectAndWait does: an event is
 * set (EVENT_MODIFY_STATE), a mutex released by its owner, a semaphore
 * released by one (SEMAPHORE_MODIFY_STATE); any other type:
 * ERROR_INVALID_HANDLE (NT's STATUS_OBJECT_TYPE_MISMATCH). */
static uint32_t signal_object(uint32_t handle)
{
	const struct ob_type *type;
	uint32_t granted = 0, err;
	int32_t previous;
	void *obj;

	if ((err = ob_reference_by_handle(process_handles(), handle, NULL, 0, &obj, &granted)))
		return err;
	type = ob_type_of(obj);
	if (type == &event_type && (granted & EVENT_MODIFY_STATE))
		event_set(obj);
	else if (type == &mutant_type)
		err = ke_release_mutant(&((struct mutant *)obj)->km, thread_current());
	else if (type == &semaphore_type && (granted & SEMAPHORE_MODIFY_STATE))
		err = ke_release_semaphore(&((struct semaphore *)obj)->ks, 1, &previous);
	else if (type == &event_type || type == &semaphore_type)
		err = ERROR_ACCESS_DENIED;
	else
		err = ERROR_INVALID_HANDLE;
	ob_dereference(obj);
	return err;
}

/* Waits on the objects behind handles (1 <= count <= 64), alertably or
 * not, after signaling the object behind to_signal when signal is set
 * (SignalObjectAndWait: the objects to wait on are checked first, so a
 * failed call signals nothing): WAIT_OBJECT_0 + i, WAIT_ABANDONED_0 + i,
 * WAIT_TIMEOUT, WAIT_IO_COMPLETION (alertable: the caller runs its APCs);
 * WAIT_FAILED with the error. */
static struct sysret wait_handles(const uint32_t *handles, uint32_t count, bool all,
				  uint32_t ms, bool signal, uint32_t to_signal, bool alertable)
{
	void *objs[KE_MAXIMUM_WAIT_OBJECTS];
	struct dispatcher_header *d[KE_MAXIMUM_WAIT_OBJECTS];
	struct ke_wait_block blocks[KE_MAXIMUM_WAIT_OBJECTS];
	uint32_t err = reference_all(handles, count, all, objs, d), status = WAIT_FAILED;

	if (err)
		return (struct sysret){ err, WAIT_FAILED };
	if (signal)
		err = signal_object(to_signal);
	if (!err)
		status = ke_wait_multiple(count, d, all ? KE_WAIT_ALL : KE_WAIT_ANY,
					  ms_to_ticks(ms), alertable, blocks);
	for (uint32_t i = 0; i < count; i++)
		ob_dereference(objs[i]);
	return (struct sysret){ err, status };
}

/* wait_handles on count handles at user address user: count 0 or above
 * MAXIMUM_WAIT_OBJECTS: ERROR_INVALID_PARAMETER; an unreadable array:
 * ERROR_NOACCESS. */
static struct sysret wait_handles_in(uint32_t count, uint32_t user, bool all, uint32_t ms,
				     bool signal, uint32_t to_signal, bool alertable)
{
	uint32_t handles[KE_MAXIMUM_WAIT_OBJECTS];

	if (count == 0 || count > KE_MAXIMUM_WAIT_OBJECTS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, WAIT_FAILED };
	if (!copy_from_user(handles, user, count * sizeof(handles[0])))
		return (struct sysret){ ERROR_NOACCESS, WAIT_FAILED };
	return wait_handles(handles, count, all, ms, signal, to_signal, alertable);
}

/* (handle, milliseconds) -> WAIT_OBJECT_0, WAIT_ABANDONED or WAIT_TIMEOUT */
struct sysret sys_wait_for_object(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return wait_handles(&a[0], 1, false, a[1], false, 0, false);
}

/* (count, const uint32 *handles, wait all, milliseconds) -> WAIT_OBJECT_0 +
 * i, WAIT_ABANDONED_0 + i or WAIT_TIMEOUT. count 0 or above
 * MAXIMUM_WAIT_OBJECTS: ERROR_INVALID_PARAMETER; an unreadable array:
 * ERROR_NOACCESS. */
struct sysret sys_wait_for_multiple(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return wait_handles_in(a[0], a[1], a[2] != 0, a[3], false, 0, false);
}

/* (handle to signal, handle to wait on, milliseconds) -> as
 * sys_wait_for_object. The object to wait on is referenced first: a bad
 * one fails the call with nothing signaled. */
struct sysret sys_signal_and_wait(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return wait_handles(&a[1], 1, false, a[2], true, a[0], false);
}

/* (count, const uint32 *handles, wait all, milliseconds, signal first, handle
 * to signal) -> as sys_wait_for_multiple, or WAIT_IO_COMPLETION: the
 * alertable waits (WaitFor*ObjectsEx, SignalObjectAndWait with bAlertable). */
struct sysret sys_wait_alertable(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return wait_handles_in(a[0], a[1], a[2] != 0, a[3], a[4] != 0, a[5], true);
}
