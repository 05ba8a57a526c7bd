/* The Vista thread pool's callback objects (vados/winpool.h): one-shot
 * submissions, TP_WORK, TP_TIMER and TP_WAIT, cleanup groups, each a tp_item of its
 * environment's pool (user/lib/tpool.h); the timers and waits are armed
 * with the waiter (tpool_waiter.c). A closed object is freed when its last
 * queued or running callback is done. */
#include "user/lib/tpool.h"

static void invoke_simple(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
			  const struct tp_result *r)
{
	(void)r;
	((PTP_SIMPLE_CALLBACK)it->callback)(inst, it->context);
}

static void invoke_work(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
			  const struct tp_result *r)
{
	(void)r;
	((PTP_WORK_CALLBACK)it->callback)(inst, it->context, (PTP_WORK)it);
}

static void invoke_timer(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
			  const struct tp_result *r)
{
	(void)r;
	((PTP_TIMER_CALLBACK)it->callback)(inst, it->context, (PTP_TIMER)it);
}

static void invoke_wait(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
			  const struct tp_result *r)
{
	((PTP_WAIT_CALLBACK)it->callback)(inst, it->context, (PTP_WAIT)it, r->result);
}

struct tp_item *tp_object_new(PTP_CALLBACK_ENVIRON pcbe, tp_invoke_fn invoke, void *callback,
				  void *context)
{
	if (!callback) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return tp_item_new(pcbe, invoke, callback, context);
}

/* WaitForThreadpool*Callbacks: drops the queued callbacks if asked, then
 * waits for the running ones (and, if kept, the queued ones). */
static void object_wait_locked(struct tp_item *it, BOOL cancel_pending)
{
	if (cancel_pending)
		tp_cancel_pending_locked(it);
	tp_wait_idle_locked(it);
}

void tp_object_wait(struct tp_item *it, BOOL cancel_pending)
{
	AcquireSRWLockExclusive(&tp_lock);
	object_wait_locked(it, cancel_pending);
	ReleaseSRWLockExclusive(&tp_lock);
}

/* Close*: no new callbacks; freed once the outstanding ones are done. */
void tp_object_close(struct tp_item *it)
{
	AcquireSRWLockExclusive(&tp_lock);
	tp_group_leave_locked(it);
	tp_disarm_locked(it);
	it->closed = TRUE;
	tp_settle_locked(it);
	ReleaseSRWLockExclusive(&tp_lock);
}

/* The Ex setters: stops it (TRUE if it was armed, that is set and not
 * fired: this call cancelled it), then if arm arms it on handle (NULL: a
 * timer) for due (NULL: none) and period. */
static BOOL object_rearm(struct tp_item *it, BOOL arm, HANDLE handle, const FILETIME *due,
			 DWORD period)
{
	BOOL cancelled;

	AcquireSRWLockExclusive(&tp_lock);
	cancelled = it->armed;
	tp_disarm_locked(it);
	if (arm) {
		it->handle = handle;
		it->due = due ? tp_due_from_filetime(due) : TP_NO_DUE;
		it->period = period;
		tp_arm_locked(it);
	}
	ReleaseSRWLockExclusive(&tp_lock);
	return cancelled;
}

BOOL WINAPI TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK pfns, PVOID pv,
					PTP_CALLBACK_ENVIRON pcbe)
{
	struct tp_item *it = tp_object_new(pcbe, invoke_simple, pfns, pv);

	if (!it)
		return FALSE;
	it->closed = TRUE;
	AcquireSRWLockExclusive(&tp_lock);
	tp_submit_locked(it);
	ReleaseSRWLockExclusive(&tp_lock);
	return TRUE;
}

PTP_WORK WINAPI CreateThreadpoolWork(PTP_WORK_CALLBACK pfnwk, PVOID pv, PTP_CALLBACK_ENVIRON pcbe)
{
	return (PTP_WORK)tp_object_new(pcbe, invoke_work, pfnwk, pv);
}

/* Each submission is one more callback, FIFO among the pool's objects. */
VOID WINAPI SubmitThreadpoolWork(PTP_WORK pwk)
{
	AcquireSRWLockExclusive(&tp_lock);
	tp_submit_locked((struct tp_item *)pwk);
	ReleaseSRWLockExclusive(&tp_lock);
}

VOID WINAPI WaitForThreadpoolWorkCallbacks(PTP_WORK pwk, BOOL fCancelPendingCallbacks)
{
	tp_object_wait((struct tp_item *)pwk, fCancelPendingCallbacks);
}

VOID WINAPI CloseThreadpoolWork(PTP_WORK pwk)
{
	tp_object_close((struct tp_item *)pwk);
}

PTP_TIMER WINAPI CreateThreadpoolTimer(PTP_TIMER_CALLBACK pfnti, PVOID pv,
				       PTP_CALLBACK_ENVIRON pcbe)
{
	return (PTP_TIMER)tp_object_new(pcbe, invoke_timer, pfnti, pv);
}

/* pftDueTime: negative, relative in 100 ns units; else an absolute UTC
 * FILETIME (0 or past: at once); NULL stops the timer (callbacks already
 * queued still run). msPeriod 0: once. msWindowLength is accepted; the
 * callback is queued at the due time. TRUE if the timer was set and had
 * not fired yet (a periodic one: set), so that this call cancelled it. */
BOOL WINAPI SetThreadpoolTimerEx(PTP_TIMER pti, PFILETIME pftDueTime, DWORD msPeriod,
				 DWORD msWindowLength)
{
	(void)msWindowLength;
	((struct tp_item *)pti)->timer_set = pftDueTime != NULL;
	return object_rearm((struct tp_item *)pti, pftDueTime != NULL, NULL, pftDueTime, msPeriod);
}

VOID WINAPI SetThreadpoolTimer(PTP_TIMER pti, PFILETIME pftDueTime, DWORD msPeriod,
			       DWORD msWindowLength)
{
	SetThreadpoolTimerEx(pti, pftDueTime, msPeriod, msWindowLength);
}

/* Set while the last SetThreadpoolTimer had a due time (a one-shot timer
 * that fired stays set), as Windows documents. */
BOOL WINAPI IsThreadpoolTimerSet(PTP_TIMER pti)
{
	return ((struct tp_item *)pti)->timer_set;
}

VOID WINAPI WaitForThreadpoolTimerCallbacks(PTP_TIMER pti, BOOL fCancelPendingCallbacks)
{
	tp_object_wait((struct tp_item *)pti, fCancelPendingCallbacks);
}

VOID WINAPI CloseThreadpoolTimer(PTP_TIMER pti)
{
	tp_object_close((struct tp_item *)pti);
}

/* A wait fires once per set (WT_EXECUTEONLYONCE for the waiter). */
PTP_WAIT WINAPI CreateThreadpoolWait(PTP_WAIT_CALLBACK pfnwa, PVOID pv, PTP_CALLBACK_ENVIRON pcbe)
{
	struct tp_item *it = tp_object_new(pcbe, invoke_wait, pfnwa, pv);

	if (it)
		it->flags = WT_EXECUTEONLYONCE;
	return (PTP_WAIT)it;
}

/* One wait, one callback: WaitResult WAIT_OBJECT_0 (WAIT_ABANDONED_0 for
 * an abandoned mutex) or WAIT_TIMEOUT; set it again for another. h NULL
 * stops it; pftTimeout as SetThreadpoolTimer's due time, NULL: none. TRUE
 * if the wait was set and had not fired, so that this call cancelled it. */
BOOL WINAPI SetThreadpoolWaitEx(PTP_WAIT pwa, HANDLE h, PFILETIME pftTimeout, PVOID Reserved)
{
	(void)Reserved;
	return object_rearm((struct tp_item *)pwa, h != NULL, h, pftTimeout, 0);
}

VOID WINAPI SetThreadpoolWait(PTP_WAIT pwa, HANDLE h, PFILETIME pftTimeout)
{
	SetThreadpoolWaitEx(pwa, h, pftTimeout, NULL);
}

VOID WINAPI WaitForThreadpoolWaitCallbacks(PTP_WAIT pwa, BOOL fCancelPendingCallbacks)
{
	tp_object_wait((struct tp_item *)pwa, fCancelPendingCallbacks);
}

VOID WINAPI CloseThreadpoolWait(PTP_WAIT pwa)
{
	tp_object_close((struct tp_item *)pwa);
}

PTP_CLEANUP_GROUP WINAPI CreateThreadpoolCleanupGroup(VOID)
{
	PTP_CLEANUP_GROUP g = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*g));

	if (!g)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return g;
}

/* Releases every member (one-shot submissions too): stopped, its callbacks
 * not started dropped if fCancelPendingCallbacks, the others waited for,
 * then freed; with fCancelPendingCallbacks the environment's cancel
 * callback gets (the object's context, pvCleanupContext) for each. */
VOID WINAPI CloseThreadpoolCleanupGroupMembers(PTP_CLEANUP_GROUP ptpcg,
					       BOOL fCancelPendingCallbacks, PVOID pvCleanupContext)
{
	PTP_CLEANUP_GROUP_CANCEL_CALLBACK cancel;
	struct tp_item *it;
	void *context;

	AcquireSRWLockExclusive(&tp_lock);
	while ((it = ptpcg->members)) {
		tp_group_leave_locked(it);
		cancel = it->group_cancel;
		context = it->context;
		it->closed = FALSE;     /* kept while waited for */
		tp_disarm_locked(it);
		object_wait_locked(it, fCancelPendingCallbacks);
		it->closed = TRUE;
		tp_settle_locked(it);
		if (fCancelPendingCallbacks && cancel) {
			ReleaseSRWLockExclusive(&tp_lock);
			cancel(context, pvCleanupContext);
			AcquireSRWLockExclusive(&tp_lock);
		}
	}
	ReleaseSRWLockExclusive(&tp_lock);
}

/* Its members should have been released first (Windows' rule). */
VOID WINAPI CloseThreadpoolCleanupGroup(PTP_CLEANUP_GROUP ptpcg)
{
	HeapFree(GetProcessHeap(), 0, ptpcg);
}
