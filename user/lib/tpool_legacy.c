/* The legacy thread pool (vados/winpool.h) over the Vista pool's items
 * (user/lib/tpool.h) in the default pool: QueueUserWorkItem,
 * RegisterWaitForSingleObject and UnregisterWait(Ex), timer queues. A
 * wait handle or timer is its tp_item; each is listed in its queue (the
 * waits in one list of their own) so that a handle not made here is
 * refused. */
#include "user/lib/tpool.h"

struct tp_timer_queue {
	struct tp_item *items;          /* by next_in_queue */
	struct tp_timer_queue *next;    /* the created queues */
	HANDLE done_event;              /* DeleteTimerQueueEx's, set by drain */
};

static struct tp_timer_queue default_queue, registered_waits;
static struct tp_timer_queue *created_queues;

static void invoke_thread_routine(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
				  const struct tp_result *r)
{
	(void)inst;
	(void)r;
	((LPTHREAD_START_ROUTINE)it->callback)(it->context);
}

/* TimerOrWaitFired: TRUE for a timer or a wait's timeout. */
static void invoke_wait_or_timer(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
				  const struct tp_result *r)
{
	(void)inst;
	((WAITORTIMERCALLBACK)it->callback)(it->context, r->result == WAIT_TIMEOUT);
}

/* WT_SET_MAX_THREADPOOL_THREADS's limit (the flags' high word) becomes the
 * default pool's maximum; the other WT_ flags change nothing for a work
 * item (every worker can run long and wait alertably). */
BOOL WINAPI QueueUserWorkItem(LPTHREAD_START_ROUTINE Function, PVOID Context, ULONG Flags)
{
	struct tp_item *it;

	if (!Function) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!(it = tp_item_new(NULL, invoke_thread_routine, Function, Context)))
		return FALSE;
	it->closed = TRUE;
	AcquireSRWLockExclusive(&tp_lock);
	if (Flags >> 16)
		it->pool->max = Flags >> 16;
	tp_submit_locked(it);
	ReleaseSRWLockExclusive(&tp_lock);
	return TRUE;
}

/* Lists it in q and arms it: FALSE (it freed) if the waiter cannot start. */
static BOOL register_locked(struct tp_timer_queue *q, struct tp_item *it)
{
	if (!tp_arm_locked(it)) {
		tp_item_free_locked(it);
		return FALSE;
	}
	it->queue = q;
	it->next_in_queue = q->items;
	q->items = it;
	return TRUE;
}

/* Whether handle h is an item listed in q. */
static struct tp_item *find_locked(struct tp_timer_queue *q, HANDLE h)
{
	struct tp_item *it;

	for (it = q->items; it && (HANDLE)it != h; it = it->next_in_queue)
		;
	return it;
}

/* Unregisters it (listed in its queue): no new callbacks; queued ones still
 * run. completion INVALID_HANDLE_VALUE waits for them; an event is set
 * when they are done; NULL returns at once, failing with ERROR_IO_PENDING
 * if any is outstanding. The item is freed when they are done. */
static BOOL release_locked(struct tp_item *it, HANDLE completion)
{
	struct tp_item **p;
	BOOL busy;

	for (p = &it->queue->items; *p != it; p = &(*p)->next_in_queue)
		;
	*p = it->next_in_queue;
	tp_disarm_locked(it);
	if (completion == INVALID_HANDLE_VALUE) {
		tp_wait_idle_locked(it);
		completion = NULL;
	}
	busy = it->pending || it->running;
	it->closed = TRUE;
	it->done_event = completion;
	tp_settle_locked(it);
	if (busy && !completion) {
		SetLastError(ERROR_IO_PENDING);
		return FALSE;
	}
	return TRUE;
}

/* hObject is waited on by the pool's waiter; Callback(Context, FALSE) when
 * it is signaled, (Context, TRUE) when dwMilliseconds pass first; again
 * each time unless WT_EXECUTEONLYONCE. */
BOOL WINAPI RegisterWaitForSingleObject(PHANDLE phNewWaitObject, HANDLE hObject,
					WAITORTIMERCALLBACK Callback, PVOID Context,
					ULONG dwMilliseconds, ULONG dwFlags)
{
	struct tp_item *it;
	DWORD info;
	BOOL ok;

	if (!phNewWaitObject || !Callback) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!GetHandleInformation(hObject, &info)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (!(it = tp_item_new(NULL, invoke_wait_or_timer, Callback, Context)))
		return FALSE;
	it->handle = hObject;
	it->timeout = dwMilliseconds;
	it->flags = dwFlags;
	if (dwMilliseconds != INFINITE)
		it->due = GetTickCount64() + dwMilliseconds;
	AcquireSRWLockExclusive(&tp_lock);
	ok = register_locked(&registered_waits, it);
	ReleaseSRWLockExclusive(&tp_lock);
	if (ok)
		*phNewWaitObject = it;
	return ok;
}

/* A handle not registered (NULL included): ERROR_INVALID_HANDLE. */
BOOL WINAPI UnregisterWaitEx(HANDLE WaitHandle, HANDLE CompletionEvent)
{
	struct tp_item *it;
	BOOL ok = FALSE;

	AcquireSRWLockExclusive(&tp_lock);
	if ((it = find_locked(&registered_waits, WaitHandle)))
		ok = release_locked(it, CompletionEvent);
	else
		SetLastError(ERROR_INVALID_HANDLE);
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

BOOL WINAPI UnregisterWait(HANDLE WaitHandle)
{
	return UnregisterWaitEx(WaitHandle, NULL);
}

HANDLE WINAPI CreateTimerQueue(VOID)
{
	struct tp_timer_queue *q = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*q));

	if (!q) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	AcquireSRWLockExclusive(&tp_lock);
	q->next = created_queues;
	created_queues = q;
	ReleaseSRWLockExclusive(&tp_lock);
	return q;
}

/* The queue TimerQueue names (NULL: the default one), or NULL with
 * ERROR_INVALID_HANDLE. */
static struct tp_timer_queue *queue_locked(HANDLE TimerQueue)
{
	struct tp_timer_queue *q;

	if (!TimerQueue)
		return &default_queue;
	for (q = created_queues; q && q != TimerQueue; q = q->next)
		;
	if (!q)
		SetLastError(ERROR_INVALID_HANDLE);
	return q;
}

/* The timer Timer of queue TimerQueue, or NULL with the error
 * (ERROR_INVALID_PARAMETER: not a timer of that queue). */
static struct tp_item *timer_locked(HANDLE TimerQueue, HANDLE Timer)
{
	struct tp_timer_queue *q = queue_locked(TimerQueue);
	struct tp_item *it = q ? find_locked(q, Timer) : NULL;

	if (q && !it)
		SetLastError(ERROR_INVALID_PARAMETER);
	return it;
}

/* Times it for DueTime ms from now, then every Period ms (0, or
 * WT_EXECUTEONLYONCE: once); the caller arms it. */
static void timer_time_locked(struct tp_item *it, ULONG DueTime, ULONG Period)
{
	it->due = GetTickCount64() + DueTime;
	it->period = it->flags & WT_EXECUTEONLYONCE ? 0 : Period;
}

BOOL WINAPI CreateTimerQueueTimer(PHANDLE phNewTimer, HANDLE TimerQueue,
				  WAITORTIMERCALLBACK Callback, PVOID Parameter, DWORD DueTime,
				  DWORD Period, ULONG Flags)
{
	struct tp_timer_queue *q;
	struct tp_item *it;
	BOOL ok = FALSE;

	if (!phNewTimer || !Callback) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!(it = tp_item_new(NULL, invoke_wait_or_timer, Callback, Parameter)))
		return FALSE;
	it->flags = Flags;
	AcquireSRWLockExclusive(&tp_lock);
	timer_time_locked(it, DueTime, Period);
	if (!(q = queue_locked(TimerQueue)))
		tp_item_free_locked(it);
	else if ((ok = register_locked(q, it)))
		*phNewTimer = it;
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

/* A one-shot timer that has fired is left as it is, as Windows documents. */
BOOL WINAPI ChangeTimerQueueTimer(HANDLE TimerQueue, HANDLE Timer, ULONG DueTime, ULONG Period)
{
	struct tp_item *it;
	BOOL ok = FALSE;

	AcquireSRWLockExclusive(&tp_lock);
	if ((it = timer_locked(TimerQueue, Timer)) && !(ok = !it->armed && !it->period)) {
		timer_time_locked(it, DueTime, Period);
		ok = tp_arm_locked(it);
	}
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

BOOL WINAPI DeleteTimerQueueTimer(HANDLE TimerQueue, HANDLE Timer, HANDLE CompletionEvent)
{
	struct tp_item *it;
	BOOL ok = FALSE;

	AcquireSRWLockExclusive(&tp_lock);
	if ((it = timer_locked(TimerQueue, Timer)))
		ok = release_locked(it, CompletionEvent);
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

/* Waits for every timer of q to be done (each unregistered) and frees q,
 * setting its done event. */
static void drain_locked(struct tp_timer_queue *q)
{
	while (q->items)
		release_locked(q->items, INVALID_HANDLE_VALUE);
	if (q->done_event)
		SetEvent(q->done_event);
	HeapFree(GetProcessHeap(), 0, q);
}

/* DeleteTimerQueueEx with an event: a work item drains the queue. */
static void invoke_drain(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
				  const struct tp_result *r)
{
	(void)inst;
	(void)r;
	AcquireSRWLockExclusive(&tp_lock);
	drain_locked(it->context);
	ReleaseSRWLockExclusive(&tp_lock);
}

/* Every timer is stopped at once. CompletionEvent as DeleteTimerQueueTimer's:
 * INVALID_HANDLE_VALUE waits for the callbacks, an event is set when they
 * are done, NULL returns at once (ERROR_IO_PENDING if some are outstanding).
 * The default queue cannot be deleted: ERROR_INVALID_HANDLE. */
BOOL WINAPI DeleteTimerQueueEx(HANDLE TimerQueue, HANDLE CompletionEvent)
{
	struct tp_timer_queue *q, **p;
	struct tp_item *it, *drain = NULL;
	BOOL ok = TRUE;

	if (CompletionEvent && CompletionEvent != INVALID_HANDLE_VALUE &&
	    !(drain = tp_item_new(NULL, invoke_drain, NULL, TimerQueue)))
		return FALSE;
	AcquireSRWLockExclusive(&tp_lock);
	if (!TimerQueue || !(q = queue_locked(TimerQueue))) {
		SetLastError(ERROR_INVALID_HANDLE);
		if (drain)
			tp_item_free_locked(drain);
		ReleaseSRWLockExclusive(&tp_lock);
		return FALSE;
	}
	for (p = &created_queues; *p != q; p = &(*p)->next)
		;
	*p = q->next;
	for (it = q->items; it; it = it->next_in_queue)
		tp_disarm_locked(it);
	if (drain) {
		q->done_event = CompletionEvent;
		drain->closed = TRUE;
		tp_submit_locked(drain);
	} else if (CompletionEvent) {
		drain_locked(q);
	} else {
		while (q->items)
			ok &= release_locked(q->items, NULL);
		HeapFree(GetProcessHeap(), 0, q);
	}
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

BOOL WINAPI DeleteTimerQueue(HANDLE TimerQueue)
{
	return DeleteTimerQueueEx(TimerQueue, NULL);
}
