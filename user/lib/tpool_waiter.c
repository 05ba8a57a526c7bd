/* The thread pool's waiters (user/lib/tpool.h): threads for the armed
 * timers and waits of the process, each in WaitForMultipleObjects on its
 * wake event (index 0: its list changed) and up to 63 waits' handles, with
 * its items' nearest due time as its timeout. As Windows does, a wait goes
 * to a waiter with room for its handle, another waiter starting when every
 * one holds 63; a timer goes to the first waiter. A due or signaled item
 * fires: its callback is queued to its pool with its result (or run on the
 * waiter for WT_EXECUTEINWAITTHREAD and WT_EXECUTEINTIMERTHREAD, or when
 * there is no memory to keep the result), and it is re-timed or disarmed. A
 * waiter ends, closing its event, after WAITER_IDLE_MS with nothing armed. */
#include "user/lib/tpool.h"

#define WAITER_IDLE_MS 3000
#define WAITER_WAITS   (MAXIMUM_WAIT_OBJECTS - 1)

struct tp_waiter {
	struct tp_waiter *next;         /* in waiters */
	HANDLE wake;                    /* auto-reset */
	struct tp_item *armed;          /* by next_armed */
	DWORD waits;                    /* armed items with a handle */
};

static struct tp_waiter *waiters;

static DWORD WINAPI tp_waiter(LPVOID parameter);

/* A new waiter, listed first, or NULL with the error. */
static struct tp_waiter *waiter_start_locked(void)
{
	struct tp_waiter *w = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*w));
	HANDLE t = NULL;

	if (!w) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if ((w->wake = CreateEventA(NULL, FALSE, FALSE, NULL)) &&
	    (t = CreateThread(NULL, 0, tp_waiter, w, 0, NULL))) {
		CloseHandle(t);
		w->next = waiters;
		waiters = w;
		return w;
	}
	if (w->wake)
		CloseHandle(w->wake);
	HeapFree(GetProcessHeap(), 0, w);
	return NULL;
}

/* Puts it (its due, period, handle and timeout set) on a waiter's list and
 * wakes that waiter, starting one if none has room. FALSE, with the error,
 * if a waiter cannot be started. */
BOOL tp_arm_locked(struct tp_item *it)
{
	struct tp_waiter *w;

	if (!it->armed) {
		for (w = waiters; w && it->handle && w->waits >= WAITER_WAITS; w = w->next)
			;
		if (!w && !(w = waiter_start_locked()))
			return FALSE;
		it->armed = TRUE;
		it->waiter = w;
		it->next_armed = w->armed;
		w->armed = it;
		if (it->handle)
			w->waits++;
	}
	SetEvent(it->waiter->wake);
	return TRUE;
}

/* Takes it off its waiter's list: no new callback is queued for it. */
void tp_disarm_locked(struct tp_item *it)
{
	struct tp_waiter *w = it->waiter;
	struct tp_item **p;

	if (!it->armed)
		return;
	for (p = &w->armed; *p != it; p = &(*p)->next_armed)
		;
	*p = it->next_armed;
	if (it->handle)
		w->waits--;
	it->armed = FALSE;
	it->waiter = NULL;
	it->due = TP_NO_DUE;
	SetEvent(w->wake);
	tp_settle_locked(it);
}

/* it fired with result (WAIT_OBJECT_0, WAIT_ABANDONED_0 or WAIT_TIMEOUT; a
 * timer's is WAIT_TIMEOUT): re-timed (a period counts from the due time,
 * skipping the periods already missed; a repeating wait's timeout starts
 * again) or disarmed, then its callback queued or run here. */
static void fire_locked(struct tp_item *it, DWORD result, ULONGLONG now)
{
	if (it->handle ? (it->flags & WT_EXECUTEONLYONCE) != 0 : !it->period)
		tp_disarm_locked(it);
	else if (it->handle)    /* a 0 ms timeout fires again a tick later, not in a loop */
		it->due = it->timeout == INFINITE ? TP_NO_DUE : now + (it->timeout ? it->timeout : 1);
	else if ((it->due += it->period) <= now)
		it->due = now + it->period - (now - it->due) % it->period;
	struct tp_result r = { .result = result };

	if (it->flags & (WT_EXECUTEINWAITTHREAD | WT_EXECUTEINTIMERTHREAD))
		tp_run_here_locked(it, &r);
	else if (!it->handle)
		tp_submit_locked(it);
	else if (!tp_submit_result_locked(it, &r))
		tp_run_here_locked(it, &r);
}

/* Fires the first item of w due by now; FALSE if none is. A wait whose
 * object is signaled when its time runs out fires as signaled. */
static BOOL fire_one_due_locked(struct tp_waiter *w, ULONGLONG now)
{
	struct tp_item *it;
	DWORD r;

	for (it = w->armed; it; it = it->next_armed) {
		if (it->due > now)
			continue;
		r = it->handle ? WaitForSingleObject(it->handle, 0) : WAIT_TIMEOUT;
		fire_locked(it, r == WAIT_OBJECT_0 || r == WAIT_ABANDONED_0 ? r : WAIT_TIMEOUT, now);
		return TRUE;
	}
	return FALSE;
}

/* A wait's handle that no longer waits (closed under the registration)
 * would fail every wait: its registration is dropped. The probe of the
 * others consumes what it finds signaled (an auto-reset event, a
 * semaphore's count, a mutex), so such a one fires as the wait would have;
 * one at most, as fire_one_due_locked, since a callback run here lets go
 * of the lock and the list may change under it. */
static void drop_bad_handles_locked(struct tp_waiter *w)
{
	struct tp_item *it, *next;
	DWORD r;

	for (it = w->armed; it; it = next) {
		next = it->next_armed;
		if (!it->handle)
			continue;
		r = WaitForSingleObject(it->handle, 0);
		if (r == WAIT_FAILED) {
			tp_disarm_locked(it);
		} else if (r == WAIT_OBJECT_0 || r == WAIT_ABANDONED_0) {
			fire_locked(it, r, GetTickCount64());
			return;
		}
	}
}

/* Whether it is still armed with w on handle h (it may have been
 * disarmed, freed or re-set while the waiter waited). */
static BOOL still_waiting_locked(struct tp_waiter *w, struct tp_item *it, HANDLE h)
{
	struct tp_item *a;

	for (a = w->armed; a; a = a->next_armed)
		if (a == it)
			return it->handle == h;
	return FALSE;
}

/* Takes w, which has nothing armed, off the list and frees it. */
static void waiter_end_locked(struct tp_waiter *w)
{
	struct tp_waiter **p;

	for (p = &waiters; *p != w; p = &(*p)->next)
		;
	*p = w->next;
	CloseHandle(w->wake);
	HeapFree(GetProcessHeap(), 0, w);
}

static DWORD WINAPI tp_waiter(LPVOID parameter)
{
	struct tp_waiter *w = parameter;
	HANDLE handles[MAXIMUM_WAIT_OBJECTS];
	struct tp_item *items[MAXIMUM_WAIT_OBJECTS], *it;
	DWORD n, ms, r, i;
	ULONGLONG now, next;

	AcquireSRWLockExclusive(&tp_lock);
	for (;;) {
		while (fire_one_due_locked(w, GetTickCount64()))
			;
		handles[0] = w->wake;
		n = 1;
		next = TP_NO_DUE;
		for (it = w->armed; it; it = it->next_armed) {
			if (it->due < next)
				next = it->due;
			if (it->handle) {
				handles[n] = it->handle;
				items[n++] = it;
			}
		}
		now = GetTickCount64();
		ms = !w->armed ? WAITER_IDLE_MS : next == TP_NO_DUE ? INFINITE
			: next > now ? (DWORD)(next - now) : 0;
		ReleaseSRWLockExclusive(&tp_lock);
		r = WaitForMultipleObjects(n, handles, FALSE, ms);
		AcquireSRWLockExclusive(&tp_lock);
		if (r == WAIT_TIMEOUT && n == 1 && !w->armed)
			break;
		if (r == WAIT_FAILED)
			drop_bad_handles_locked(w);
		i = r >= WAIT_ABANDONED_0 ? r - WAIT_ABANDONED_0 : r - WAIT_OBJECT_0;
		if (i >= 1 && i < n && still_waiting_locked(w, items[i], handles[i]))
			fire_locked(items[i], r >= WAIT_ABANDONED_0 ? WAIT_ABANDONED_0 : WAIT_OBJECT_0,
				    GetTickCount64());
	}
	waiter_end_locked(w);
	ReleaseSRWLockExclusive(&tp_lock);
	return 0;
}
