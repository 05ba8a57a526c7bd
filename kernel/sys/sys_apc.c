/* User APCs as system calls: QueueUserAPC (and the SDK's own queueing for
 * ReadFileEx/WriteFileEx), the alertable sleep, and the call ring 3 makes
 * after an alertable wait returned WAIT_IO_COMPLETION to take its APCs one
 * at a time and run them (kernel/ke/apc.h). */
#include "kernel/sys/syscalls.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/ps/psthread.h"
#include "arch/uaccess.h"

/* (thread, routine, nargs 1 or 3, arg0, arg1, arg2): THREAD_SET_CONTEXT.
 * A thread that has ended or is ending: ERROR_GEN_FAILURE. Any thread the
 * handle names, of another process too (the routine is an address in its
 * process, as on Windows). */
struct sysret sys_queue_apc(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err;

	(void)f;
	if (a[2] != 1 && a[2] != KE_APC_MAX_ARGS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if ((err = ps_thread_by_handle(a[0], THREAD_SET_CONTEXT, &t)) != 0)
		return (struct sysret){ err, 0 };
	err = ke_queue_user_apc(&t->k, a[1], a[2], &a[3]);
	ob_dereference(t);
	return (struct sysret){ err, 0 };
}

/* (uint32 out[5]) -> 1 when an APC was taken off the caller's queue: out =
 * routine, nargs, arg0, arg1, arg2; 0 when none is left. An unwritable
 * buffer: ERROR_NOACCESS with the queue untouched. */
struct sysret sys_next_apc(const uint32_t *a, struct trap_frame *f)
{
	struct ke_apc apc;
	uint32_t out[5] = { 0 };

	(void)f;
	if (!copy_to_user(a[0], out, sizeof(out)))     /* before an APC is taken */
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!ke_apc_next(&apc))
		return (struct sysret){ ERROR_SUCCESS, 0 };
	out[0] = apc.routine;
	out[1] = apc.nargs;
	for (uint32_t i = 0; i < KE_APC_MAX_ARGS; i++)
		out[2 + i] = apc.args[i];
	if (!copy_to_user(a[0], out, sizeof(out)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, 1 };
}

/* (milliseconds or 0xFFFFFFFF) -> 0 when the time ran out,
 * WAIT_IO_COMPLETION (0xC0) when APCs are queued: SleepEx(ms, TRUE). */
struct sysret sys_sleep_alertable(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ ERROR_SUCCESS, ke_delay(ms_to_ticks(a[0]), true) };
}
