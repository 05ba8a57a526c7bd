/* The thread pool's workers (vados/winpool.h): pools, their FIFO of items
 * with pending callbacks, worker threads made on demand up to the pool's
 * maximum (an idle one above the minimum ends after TP_IDLE_MS), callback
 * instances and their when-the-callback-returns actions. Every field is
 * under tp_lock (user/lib/tpool.h). */
#include "user/lib/tpool.h"

#define TP_DEFAULT_MAX 500              /* Windows' default pool's maximum */
#define TP_IDLE_MS     3000

SRWLOCK tp_lock = SRWLOCK_INIT;
static struct _TP_POOL tp_default_pool;

/* What one running callback asked to be done when it returns. */
struct _TP_CALLBACK_INSTANCE {
	struct tp_item *item;           /* not to be used once disassociated */
	struct _TP_POOL *pool;
	HANDLE event, semaphore, mutex;
	DWORD release_count;
	PCRITICAL_SECTION section;
	BOOL disassociated;
};

struct _TP_POOL *tp_pool_of(PTP_CALLBACK_ENVIRON pcbe)
{
	return pcbe && pcbe->Pool ? pcbe->Pool : &tp_default_pool;
}

static DWORD pool_max(struct _TP_POOL *pool)
{
	return pool->max ? pool->max : TP_DEFAULT_MAX;
}

/* A new item of pcbe's pool (and a member of its cleanup group), or NULL
 * with ERROR_NOT_ENOUGH_MEMORY. */
struct tp_item *tp_item_new(PTP_CALLBACK_ENVIRON pcbe, tp_invoke_fn invoke, void *callback,
			    void *context)
{
	struct tp_item *it = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*it));

	if (!it) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	it->pool = tp_pool_of(pcbe);
	it->invoke = invoke;
	it->callback = callback;
	it->context = context;
	it->due = TP_NO_DUE;
	AcquireSRWLockExclusive(&tp_lock);
	it->pool->objects++;
	if (pcbe && pcbe->CleanupGroup) {
		it->group = pcbe->CleanupGroup;
		it->group_cancel = pcbe->CleanupGroupCancelCallback;
		it->next_in_group = it->group->members;
		it->group->members = it;
	}
	ReleaseSRWLockExclusive(&tp_lock);
	return it;
}

/* Takes it out of its cleanup group, if it is in one. */
void tp_group_leave_locked(struct tp_item *it)
{
	struct tp_item **p;

	if (!it->group)
		return;
	for (p = &it->group->members; *p != it; p = &(*p)->next_in_group)
		;
	*p = it->next_in_group;
	it->group = NULL;
}

/* A closed pool goes once no thread and no item of it is left: Microsoft
 * releases a pool with callback objects only after they are freed. */
static void pool_release_locked(struct _TP_POOL *pool)
{
	if (pool->closing && !pool->threads && !pool->objects)
		HeapFree(GetProcessHeap(), 0, pool);
}

void tp_item_free_locked(struct tp_item *it)
{
	struct _TP_POOL *pool = it->pool;

	tp_group_leave_locked(it);
	tp_io_forget_locked(it);
	HeapFree(GetProcessHeap(), 0, it);
	pool->objects--;
	pool_release_locked(pool);
}

/* Frees a closed item once nothing of it is queued, running or armed,
 * setting its done event; wakes the threads waiting for it to go idle. */
void tp_settle_locked(struct tp_item *it)
{
	if (it->pending || it->running)
		return;
	WakeAllConditionVariable(&it->idle);
	if (!it->closed || it->armed || it->io_started)
		return;
	if (it->done_event)
		SetEvent(it->done_event);
	tp_item_free_locked(it);
}

/* Sleeps until it has no callback queued or running. */
void tp_wait_idle_locked(struct tp_item *it)
{
	while (it->pending || it->running)
		SleepConditionVariableSRW(&it->idle, &tp_lock, INFINITE, 0);
}

static DWORD WINAPI tp_worker(LPVOID parameter);

/* One more worker for pool; FALSE if the thread could not be made. */
static BOOL pool_grow_locked(struct _TP_POOL *pool)
{
	HANDLE t = CreateThread(NULL, 0, tp_worker, pool, 0, NULL);

	if (!t)
		return FALSE;
	pool->threads++;
	CloseHandle(t);
	return TRUE;
}

/* Queues one more callback of it: a worker is woken, or made when the
 * queue holds more than the idle workers can take. */
void tp_submit_locked(struct tp_item *it)
{
	struct _TP_POOL *pool = it->pool;

	if (!it->pending++) {
		it->next_queued = NULL;
		if (pool->tail)
			pool->tail->next_queued = it;
		else
			pool->head = it;
		pool->tail = it;
	}
	pool->queued++;
	if (pool->queued > pool->idle && pool->threads < pool_max(pool))
		pool_grow_locked(pool);
	WakeConditionVariable(&pool->work);
}

BOOL tp_submit_result_locked(struct tp_item *it, const struct tp_result *result)
{
	struct tp_result *r = HeapAlloc(GetProcessHeap(), 0, sizeof(*r));

	if (!r)
		return FALSE;
	*r = *result;
	r->next = NULL;
	if (it->results_tail)
		it->results_tail->next = r;
	else
		it->results = r;
	it->results_tail = r;
	tp_submit_locked(it);
	return TRUE;
}

/* The result the oldest queued callback of it gets, taken off its FIFO
 * (none: WAIT_TIMEOUT). */
static struct tp_result take_result_locked(struct tp_item *it)
{
	struct tp_result *r = it->results, result = { .result = WAIT_TIMEOUT };

	if (!r)
		return result;
	result = *r;
	if (!(it->results = r->next))
		it->results_tail = NULL;
	HeapFree(GetProcessHeap(), 0, r);
	return result;
}

/* Takes it out of its pool's queue with every callback it had pending. */
void tp_cancel_pending_locked(struct tp_item *it)
{
	struct _TP_POOL *pool = it->pool;
	struct tp_item **p, *prev = NULL;

	if (!it->pending)
		return;
	for (p = &pool->head; *p != it; p = &(*p)->next_queued)
		prev = *p;
	*p = it->next_queued;
	if (pool->tail == it)
		pool->tail = prev;
	pool->queued -= it->pending;
	it->pending = 0;
	while (it->results)
		take_result_locked(it);
	tp_settle_locked(it);
}

/* The actions the callback asked for, in this order. No DLLs are
 * loaded in vados: FreeLibraryWhenCallbackReturns has nothing to free. */
static void instance_finish(struct _TP_CALLBACK_INSTANCE *inst)
{
	if (inst->section)
		LeaveCriticalSection(inst->section);
	if (inst->mutex)
		ReleaseMutex(inst->mutex);
	if (inst->semaphore)
		ReleaseSemaphore(inst->semaphore, inst->release_count, NULL);
	if (inst->event)
		SetEvent(inst->event);
}

/* Runs one callback of it on this thread (a worker, or the waiter for
 * WT_EXECUTEINWAITTHREAD and WT_EXECUTEINTIMERTHREAD), counted as running,
 * with tp_lock released around it. */
void tp_run_here_locked(struct tp_item *it, const struct tp_result *r)
{
	struct _TP_CALLBACK_INSTANCE inst = { .item = it, .pool = it->pool };

	it->running++;
	ReleaseSRWLockExclusive(&tp_lock);
	it->invoke(it, &inst, r);
	instance_finish(&inst);
	AcquireSRWLockExclusive(&tp_lock);
	if (!inst.disassociated) {
		it->running--;
		tp_settle_locked(it);
	}
}

/* A worker: takes the queue's head callbacks in turn; ends after TP_IDLE_MS
 * without work above the pool's minimum, or when its closed pool's queue is
 * empty (the last one out frees the pool). */
static DWORD WINAPI tp_worker(LPVOID parameter)
{
	struct _TP_POOL *pool = parameter;
	struct tp_item *it;

	AcquireSRWLockExclusive(&tp_lock);
	for (;;) {
		if (!(it = pool->head)) {
			BOOL woken;

			if (pool->closing)
				break;
			pool->idle++;
			woken = SleepConditionVariableSRW(&pool->work, &tp_lock, TP_IDLE_MS, 0);
			pool->idle--;
			if (!woken && !pool->head && pool->threads > pool->min)
				break;
			continue;
		}
		pool->queued--;
		if (!--it->pending && !(pool->head = it->next_queued))
			pool->tail = NULL;
		struct tp_result r = take_result_locked(it);

		tp_run_here_locked(it, &r);
	}
	pool->threads--;
	pool_release_locked(pool);
	ReleaseSRWLockExclusive(&tp_lock);
	return 0;
}

/* A FILETIME due time (negative: relative in 100 ns units; else absolute
 * UTC) as a GetTickCount64 moment, rounded up to the millisecond. */
ULONGLONG tp_due_from_filetime(const FILETIME *ft)
{
	LONGLONG t = (LONGLONG)(((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime);
	ULONGLONG now = GetTickCount64();
	FILETIME utc;

	if (t < 0)
		return now + (ULONGLONG)(-t + 9999) / 10000;
	GetSystemTimeAsFileTime(&utc);
	t -= (LONGLONG)(((ULONGLONG)utc.dwHighDateTime << 32) | utc.dwLowDateTime);
	return t > 0 ? now + (ULONGLONG)(t + 9999) / 10000 : now;
}

PTP_POOL WINAPI CreateThreadpool(PVOID reserved)
{
	PTP_POOL pool;

	if (reserved) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!(pool = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*pool))))
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return pool;
}

/* A maximum below the minimum lowers the minimum with it. */
VOID WINAPI SetThreadpoolThreadMaximum(PTP_POOL ptpp, DWORD cthrdMost)
{
	AcquireSRWLockExclusive(&tp_lock);
	ptpp->max = cthrdMost ? cthrdMost : 1;
	if (ptpp->min > ptpp->max)
		ptpp->min = ptpp->max;
	ReleaseSRWLockExclusive(&tp_lock);
}

/* Starts the threads the minimum asks for at once (FALSE, keeping the old
 * minimum, if one cannot be made); a minimum above the maximum raises it. */
BOOL WINAPI SetThreadpoolThreadMinimum(PTP_POOL ptpp, DWORD cthrdMic)
{
	BOOL ok = TRUE;

	AcquireSRWLockExclusive(&tp_lock);
	while (ok && ptpp->threads < cthrdMic)
		ok = pool_grow_locked(ptpp);
	if (ok) {
		ptpp->min = cthrdMic;
		if (pool_max(ptpp) < cthrdMic)
			ptpp->max = cthrdMic;
	}
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

/* The pool goes when its last worker ends, after the callbacks queued, and
 * its last item is freed. */
VOID WINAPI CloseThreadpool(PTP_POOL ptpp)
{
	AcquireSRWLockExclusive(&tp_lock);
	ptpp->closing = TRUE;
	ptpp->min = 0;
	WakeAllConditionVariable(&ptpp->work);
	pool_release_locked(ptpp);
	ReleaseSRWLockExclusive(&tp_lock);
}

VOID WINAPI SetEventWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HANDLE evt)
{
	pci->event = evt;
}

VOID WINAPI ReleaseSemaphoreWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HANDLE sem, DWORD crel)
{
	pci->semaphore = sem;
	pci->release_count = crel;
}

VOID WINAPI ReleaseMutexWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HANDLE mut)
{
	pci->mutex = mut;
}

VOID WINAPI LeaveCriticalSectionWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci,
						    PCRITICAL_SECTION pcs)
{
	pci->section = pcs;
}

/* vados loads no DLLs: there is no module to free. */
VOID WINAPI FreeLibraryWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HMODULE mod)
{
	(void)pci;
	(void)mod;
}

/* TRUE when another worker is idle or could be made for the queue. */
BOOL WINAPI CallbackMayRunLong(PTP_CALLBACK_INSTANCE pci)
{
	struct _TP_POOL *pool = pci->pool;
	BOOL ok;

	AcquireSRWLockExclusive(&tp_lock);
	ok = pool->idle > 0 || (pool->threads < pool_max(pool) && pool_grow_locked(pool));
	ReleaseSRWLockExclusive(&tp_lock);
	return ok;
}

/* The callback stops counting as its object's: WaitFor*Callbacks and the
 * object's closing no longer wait for it. */
VOID WINAPI DisassociateCurrentThreadFromCallback(PTP_CALLBACK_INSTANCE pci)
{
	if (pci->disassociated)
		return;
	AcquireSRWLockExclusive(&tp_lock);
	pci->disassociated = TRUE;
	pci->item->running--;
	tp_settle_locked(pci->item);
	ReleaseSRWLockExclusive(&tp_lock);
}
