/* The thread pool's waiter (user/lib/tpool.h): one thread for every armed
 * timer and wait of the process, in WaitForMultipleObjects on a wake event
 * (index 0: the list changed) and up to 63 waits' handles, with the nearest
 * due time as its timeout. A due or signaled item fires: its callback is
 * queued to its pool (or run on this thread for WT_EXECUTEINWAITTHREAD and
 * WT_EXECUTEINTIMERTHREAD), and it is re-timed or disarmed. The waiter
 * ends, closing its event, after WAITER_IDLE_MS with nothing armed. */
#include "user/lib/tpool.h"

#define WAITER_IDLE_MS 3000

static struct tp_item *armed_head;
static HANDLE waiter_wake;              /* auto-reset; NULL while no waiter runs */

static DWORD WINAPI tp_waiter(LPVOID parameter);

/* Puts it (its due, period, handle and timeout set) on the waiter's list
 * and wakes the waiter, starting one if none runs. FALSE, with the error,
 * if the waiter cannot be started. */
BOOL tp_arm_locked(struct tp_item *it)
{
	HANDLE t;

	if (!waiter_wake) {
		if (!(waiter_wake = CreateEventA(NULL, FALSE, FALSE, NULL)))
			return FALSE;
		if (!(t = CreateThread(NULL, 0, tp_waiter, NULL, 0, NULL))) {
			CloseHandle(waiter_wake);
			waiter_wake = NULL;
			return FALSE;
		}
		CloseHandle(t);
	}
	if (!it->armed) {
		it->armed = TRUE;
		it->next_armed = armed_head;
		armed_head = it;
	}
	SetEvent(waiter_wake);
	return TRUE;
}

/* Takes it off the waiter's list: no new callback is queued for it. */
void tp_disarm_locked(struct tp_item *it)
{
	struct tp_item **p;

	if (!it->armed)
		return;
	for (p = &armed_head; *p != it; p = &(*p)->next_armed)
		;
	*p = it->next_armed;
	it->armed = FALSE;
	it->due = TP_NO_DUE;
	SetEvent(waiter_wake);
	tp_settle_locked(it);
}

/* it fired with result (WAIT_OBJECT_0, WAIT_ABANDONED_0 or WAIT_TIMEOUT; a
 * timer's is WAIT_TIMEOUT): re-timed (a period counts from the due time,
 * skipping the periods already missed; a repeating wait's timeout starts
 * again) or disarmed, then its callback queued or run here. */
static void fire_locked(struct tp_item *it, DWORD result, ULONGLONG now)
{
	it->result = result;
	if (it->handle ? (it->flags & WT_EXECUTEONLYONCE) != 0 : !it->period)
		tp_disarm_locked(it);
	else if (it->handle)    /* a 0 ms timeout fires again a tick later, not in a loop */
		it->due = it->timeout == INFINITE ? TP_NO_DUE : now + (it->timeout ? it->timeout : 1);
	else if ((it->due += it->period) <= now)
		it->due = now + it->period - (now - it->due) % it->period;
	if (it->flags & (WT_EXECUTEINWAITTHREAD | WT_EXECUTEINTIMERTHREAD))
		tp_run_here_locked(it);
	else
		tp_submit_locked(it);
}

/* Fires the first item due by now; FALSE if none is. A wait whose object
 * is signaled when its time runs out fires as signaled. */
static BOOL fire_one_due_locked(ULONGLONG now)
{
	struct tp_item *it;
	DWORD r;

	for (it = armed_head; it; it = it->next_armed) {
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
static void drop_bad_handles_locked(void)
{
	struct tp_item *it, *next;
	DWORD r;

	for (it = armed_head; it; it = next) {
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

/* Whether it is still armed on handle h (it may have been disarmed, freed
 * or re-set while the waiter waited). */
static BOOL still_waiting_locked(struct tp_item *it, HANDLE h)
{
	struct tp_item *a;

	for (a = armed_head; a; a = a->next_armed)
		if (a == it)
			return it->handle == h;
	return FALSE;
}

static DWORD WINAPI tp_waiter(LPVOID parameter)
{
	HANDLE handles[MAXIMUM_WAIT_OBJECTS];
	struct tp_item *items[MAXIMUM_WAIT_OBJECTS], *it;
	DWORD n, ms, r, i;
	ULONGLONG now, next;

	(void)parameter;
	AcquireSRWLockExclusive(&tp_lock);
	for (;;) {
		while (fire_one_due_locked(GetTickCount64()))
			;
		handles[0] = waiter_wake;
		n = 1;
		next = TP_NO_DUE;
		for (it = armed_head; it; it = it->next_armed) {
			if (it->due < next)
				next = it->due;
			if (it->handle && n < MAXIMUM_WAIT_OBJECTS) {
				handles[n] = it->handle;
				items[n++] = it;
			}
		}
		now = GetTickCount64();
		ms = !armed_head ? WAITER_IDLE_MS : next == TP_NO_DUE ? INFINITE
			: next > now ? (DWORD)(next - now) : 0;
		ReleaseSRWLockExclusive(&tp_lock);
		r = WaitForMultipleObjects(n, handles, FALSE, ms);
		AcquireSRWLockExclusive(&tp_lock);
		if (r == WAIT_TIMEOUT && n == 1 && !armed_head)
			break;
		if (r == WAIT_FAILED)
			drop_bad_handles_locked();
		i = r >= WAIT_ABANDONED_0 ? r - WAIT_ABANDONED_0 : r - WAIT_OBJECT_0;
		if (i >= 1 && i < n && still_waiting_locked(items[i], handles[i]))
			fire_locked(items[i], r >= WAIT_ABANDONED_0 ? WAIT_ABANDONED_0 : WAIT_OBJECT_0,
				    GetTickCount64());
	}
	CloseHandle(waiter_wake);
	waiter_wake = NULL;
	ReleaseSRWLockExclusive(&tp_lock);
	return 0;
}
