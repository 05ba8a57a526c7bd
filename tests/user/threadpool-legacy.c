/* The legacy thread pool as Windows documents it: QueueUserWorkItem runs
 * every item once on pool threads, several at a time; RegisterWaitForSingleObject
 * calls back with FALSE on each signal and TRUE on each timeout (once with
 * WT_EXECUTEONLYONCE); UnregisterWaitEx's NULL (ERROR_IO_PENDING while a
 * callback runs), INVALID_HANDLE_VALUE (waits) and event forms; timer-queue
 * timers fire in due order, periodic ones N times, a fired one-shot timer is
 * not changed, deletion stops them with the same completion rules; every
 * bad handle and parameter gets its error. */
#define TEST_NAME "threadpool-legacy"
#include <windows.h>
#include "check.h"

static LONG work_count, work_other_thread;
static DWORD main_tid;
static HANDLE work_done;

static DWORD WINAPI count_work(LPVOID p)
{
	if (GetCurrentThreadId() != main_tid)
		InterlockedIncrement(&work_other_thread);
	if (InterlockedIncrement(&work_count) == (LONG)(ULONG_PTR)p)
		SetEvent(work_done);
	return 0;
}

static LONG arrived;
static HANDLE go;

/* Returns once all n items are in at the same time (or after 5 s). */
static DWORD WINAPI rendezvous(LPVOID p)
{
	InterlockedIncrement(&arrived);
	WaitForSingleObject(go, 5000);
	return count_work(p);
}

static void work_items(void)
{
	int i;

	main_tid = GetCurrentThreadId();
	work_done = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (i = 0; i < 20; i++)
		CHECK(QueueUserWorkItem(count_work, (LPVOID)20, WT_EXECUTEDEFAULT), "queue %d: %lu", i,
		      GetLastError());
	CHECK(WaitForSingleObject(work_done, 5000) == WAIT_OBJECT_0, "20 items ran");
	Sleep(50);
	CHECK(work_count == 20 && work_other_thread == 20, "ran %ld, %ld on pool threads",
	      work_count, work_other_thread);

	/* Four long items run at once: each waits until all four are in. */
	ResetEvent(work_done);
	work_count = 0;
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (i = 0; i < 4; i++)
		CHECK(QueueUserWorkItem(rendezvous, (LPVOID)4, WT_EXECUTELONGFUNCTION), "long %d", i);
	for (i = 0; i < 500 && arrived < 4; i++)
		Sleep(10);
	CHECK(arrived == 4, "only %ld items ran at once", arrived);
	SetEvent(go);
	CHECK(WaitForSingleObject(work_done, 5000) == WAIT_OBJECT_0, "the long items ended");
	CloseHandle(go);
	CloseHandle(work_done);
	FAILS(QueueUserWorkItem(NULL, NULL, 0), FALSE, ERROR_INVALID_PARAMETER);
}

static LONG fired[2];                   /* [TimerOrWaitFired] */
static HANDLE wait_handle, called, release;
static BOOL unregister_in_callback;
static DWORD unregister_result, unregister_error;

static VOID CALLBACK on_wait(PVOID context, BOOLEAN timer_or_wait_fired)
{
	(void)context;
	InterlockedIncrement(&fired[timer_or_wait_fired != 0]);
	if (unregister_in_callback) {
		SetLastError(0);
		unregister_result = UnregisterWait(wait_handle);
		unregister_error = GetLastError();
	}
	ReleaseSemaphore(called, 1, NULL);
	if (release)
		WaitForSingleObject(release, 5000);
}

static void reset_counts(void)
{
	fired[0] = fired[1] = 0;
	while (WaitForSingleObject(called, 0) == WAIT_OBJECT_0)
		;
}

static void register_waits(void)
{
	HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL), done = CreateEventA(NULL, TRUE, FALSE, NULL);
	DWORD t0;
	int i;

	called = CreateSemaphoreA(NULL, 0, 1000, NULL);
	/* Each signal of an auto-reset event: one callback, FALSE. */
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, INFINITE,
					  WT_EXECUTEDEFAULT), "register: %lu", GetLastError());
	for (i = 0; i < 3; i++) {
		SetEvent(ev);
		CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "signal %d called back", i);
	}
	CHECK(fired[0] == 3 && fired[1] == 0, "signals %ld, timeouts %ld", fired[0], fired[1]);
	CHECK(UnregisterWaitEx(wait_handle, INVALID_HANDLE_VALUE), "unregister: %lu", GetLastError());
	SetEvent(ev);
	Sleep(100);
	CHECK(fired[0] == 3, "called back after unregistering: %ld", fired[0]);
	CHECK(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "the pool took a signal after unregistering");

	/* A timeout: TRUE, once with WT_EXECUTEONLYONCE; the event form. */
	reset_counts();
	t0 = GetTickCount();
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, 50, WT_EXECUTEONLYONCE),
	      "register once");
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "timed out");
	CHECK(GetTickCount() - t0 >= 40, "timed out after %lu ms", GetTickCount() - t0);
	Sleep(150);
	CHECK(fired[1] == 1 && fired[0] == 0, "once: signals %ld, timeouts %ld", fired[0], fired[1]);
	CHECK(UnregisterWaitEx(wait_handle, done), "unregister with an event: %lu", GetLastError());
	CHECK(WaitForSingleObject(done, 5000) == WAIT_OBJECT_0, "completion event set");

	/* A repeating timeout fires again and again. */
	reset_counts();
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, 20, 0), "register 20 ms");
	for (i = 0; i < 4; i++)
		CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "timeout %d", i);
	CHECK(UnregisterWaitEx(wait_handle, INVALID_HANDLE_VALUE), "unregister repeating");
	i = fired[1];
	Sleep(100);
	CHECK(fired[1] == i && i >= 4 && fired[0] == 0, "timeouts %ld then %d", fired[1], i);

	/* UnregisterWait inside the callback: ERROR_IO_PENDING, no more calls. */
	reset_counts();
	unregister_in_callback = TRUE;
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, INFINITE, 0), "register");
	SetEvent(ev);
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "called");
	CHECK(!unregister_result && unregister_error == ERROR_IO_PENDING,
	      "UnregisterWait in its callback: %lu, error %lu", unregister_result, unregister_error);
	unregister_in_callback = FALSE;
	SetEvent(ev);
	Sleep(100);
	CHECK(fired[0] == 1, "called after unregistering in the callback: %ld", fired[0]);
	ResetEvent(ev);

	/* From outside while the callback runs: NULL fails with ERROR_IO_PENDING
	 * (still unregistered); an event is set only when the callback is done. */
	release = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, INFINITE, 0), "register");
	SetEvent(ev);
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "called");
	FAILS(UnregisterWait(wait_handle), FALSE, ERROR_IO_PENDING);
	SetEvent(release);
	Sleep(50);
	ResetEvent(release);
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, INFINITE, 0), "register");
	SetEvent(ev);
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "called");
	ResetEvent(done);
	CHECK(UnregisterWaitEx(wait_handle, done), "unregister with an event, running");
	CHECK(WaitForSingleObject(done, 100) == WAIT_TIMEOUT, "event set while the callback runs");
	SetEvent(release);
	CHECK(WaitForSingleObject(done, 5000) == WAIT_OBJECT_0, "event set when it returned");
	CloseHandle(release);
	release = NULL;

	/* WT_EXECUTEINWAITTHREAD runs the callback on the waiter thread. */
	reset_counts();
	CHECK(RegisterWaitForSingleObject(&wait_handle, ev, on_wait, NULL, INFINITE,
					  WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE), "in wait thread");
	SetEvent(ev);
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "called in the wait thread");
	CHECK(UnregisterWaitEx(wait_handle, INVALID_HANDLE_VALUE), "unregister");

	FAILS(UnregisterWait(NULL), FALSE, ERROR_INVALID_HANDLE);
	FAILS(UnregisterWaitEx(wait_handle, NULL), FALSE, ERROR_INVALID_HANDLE);  /* gone */
	FAILS(UnregisterWait((HANDLE)&fired), FALSE, ERROR_INVALID_HANDLE);
	FAILS(RegisterWaitForSingleObject(NULL, ev, on_wait, NULL, 0, 0), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(RegisterWaitForSingleObject(&wait_handle, (HANDLE)0x1234, on_wait, NULL, 0, 0), FALSE,
	      ERROR_INVALID_HANDLE);
	CloseHandle(ev);
	CloseHandle(done);
}

#define ORDER_MAX 8
static LONG order_n;
static int order[ORDER_MAX];

static VOID CALLBACK on_timer(PVOID context, BOOLEAN timer_or_wait_fired)
{
	LONG i = InterlockedIncrement(&order_n) - 1;

	if (i < ORDER_MAX)
		order[i] = (int)(ULONG_PTR)context;
	InterlockedIncrement(&fired[timer_or_wait_fired != 0]);
	ReleaseSemaphore(called, 1, NULL);
	if (release)
		WaitForSingleObject(release, 5000);
}

static void timer_queues(void)
{
	HANDLE q = CreateTimerQueue(), t[3], done = CreateEventA(NULL, TRUE, FALSE, NULL);
	DWORD due[3] = { 90, 30, 60 };
	LONG n;
	int i;

	CHECK(q != NULL, "CreateTimerQueue: %lu", GetLastError());
	/* One-shot timers fire in due order, TimerOrWaitFired TRUE. */
	reset_counts();
	for (i = 0; i < 3; i++)
		CHECK(CreateTimerQueueTimer(&t[i], q, on_timer, (PVOID)(ULONG_PTR)due[i], due[i], 0,
					    WT_EXECUTEINTIMERTHREAD), "timer %d: %lu", i, GetLastError());
	for (i = 0; i < 3; i++)
		CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "timer %d fired", i);
	CHECK(order[0] == 30 && order[1] == 60 && order[2] == 90, "order %d %d %d", order[0],
	      order[1], order[2]);
	CHECK(fired[1] == 3 && fired[0] == 0, "TimerOrWaitFired: %ld FALSE", fired[0]);
	/* A one-shot timer that fired is not updated. */
	ChangeTimerQueueTimer(q, t[0], 10, 0);
	Sleep(100);
	CHECK(order_n == 3, "a fired one-shot timer fired again: %ld", order_n);
	CHECK(DeleteTimerQueueTimer(q, t[0], INVALID_HANDLE_VALUE), "delete: %lu", GetLastError());
	CHECK(DeleteTimerQueueTimer(q, t[1], done), "delete with an event");
	CHECK(WaitForSingleObject(done, 5000) == WAIT_OBJECT_0, "delete's event set");

	/* A periodic timer on the default queue fires N times until deleted. */
	reset_counts();
	CHECK(CreateTimerQueueTimer(&t[0], NULL, on_timer, NULL, 10, 20, WT_EXECUTEDEFAULT),
	      "periodic: %lu", GetLastError());
	for (i = 0; i < 5; i++)
		CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "period %d", i);
	/* Changed to a far due time, it stops firing. */
	CHECK(ChangeTimerQueueTimer(NULL, t[0], 60000, 20), "change: %lu", GetLastError());
	Sleep(200);             /* a callback queued before the change may still run */
	n = fired[1];
	Sleep(150);
	CHECK(fired[1] == n, "fired %ld times after the change", fired[1] - n);
	CHECK(ChangeTimerQueueTimer(NULL, t[0], 0, 10), "change again");
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "fires again after change");
	CHECK(DeleteTimerQueueTimer(NULL, t[0], INVALID_HANDLE_VALUE), "delete periodic");
	n = fired[1];
	Sleep(100);
	CHECK(fired[1] == n, "fired after its deletion");

	/* Deleting with NULL while its callback runs: ERROR_IO_PENDING. */
	release = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(CreateTimerQueueTimer(&t[0], q, on_timer, NULL, 0, 0, 0), "at once");
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "running");
	FAILS(DeleteTimerQueueTimer(q, t[0], NULL), FALSE, ERROR_IO_PENDING);
	SetEvent(release);
	Sleep(50);

	/* Deleting a queue stops its timers; the three completion forms. */
	ResetEvent(release);
	CHECK(CreateTimerQueueTimer(&t[0], q, on_timer, NULL, 5, 5, 0), "periodic in q");
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "running in q");
	SetEvent(release);
	CHECK(DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE), "delete queue: %lu", GetLastError());
	n = order_n;
	Sleep(100);
	CHECK(order_n == n, "a deleted queue's timer fired");
	FAILS(DeleteTimerQueueEx(q, NULL), FALSE, ERROR_INVALID_HANDLE);     /* gone */

	q = CreateTimerQueue();
	ResetEvent(release);
	ResetEvent(done);
	CHECK(CreateTimerQueueTimer(&t[0], q, on_timer, NULL, 0, 0, 0), "in q");
	CHECK(WaitForSingleObject(called, 5000) == WAIT_OBJECT_0, "running in q");
	CHECK(DeleteTimerQueueEx(q, done), "delete queue with an event: %lu", GetLastError());
	CHECK(WaitForSingleObject(done, 100) == WAIT_TIMEOUT, "set while a callback runs");
	SetEvent(release);
	CHECK(WaitForSingleObject(done, 5000) == WAIT_OBJECT_0, "set when it is done");
	CloseHandle(release);
	release = NULL;

	q = CreateTimerQueue();
	CHECK(CreateTimerQueueTimer(&t[0], q, on_timer, NULL, 60000, 0, 0), "far");
	CHECK(DeleteTimerQueue(q), "DeleteTimerQueue with nothing running: %lu", GetLastError());

	q = CreateTimerQueue();
	CHECK(CreateTimerQueueTimer(&t[0], q, on_timer, NULL, 60000, 0, 0), "far");
	FAILS(CreateTimerQueueTimer(NULL, q, on_timer, NULL, 0, 0, 0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(CreateTimerQueueTimer(&t[1], (HANDLE)&order, on_timer, NULL, 0, 0, 0), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(DeleteTimerQueueTimer(q, (HANDLE)&order, NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(DeleteTimerQueueTimer(NULL, t[0], NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(ChangeTimerQueueTimer(q, (HANDLE)&order, 0, 0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(DeleteTimerQueueEx(NULL, NULL), FALSE, ERROR_INVALID_HANDLE);
	FAILS(DeleteTimerQueueEx((HANDLE)&order, NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK(DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE), "delete");
	CloseHandle(done);
	CloseHandle(called);
}

int main(void)
{
	work_items();
	register_waits();
	timer_queues();
	printf("threadpool-legacy: %d failures\n", failures);
	return failures != 0;
}
