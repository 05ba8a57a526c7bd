/* The thread pools' waits as Windows runs them: more than 63 waits (one
 * waiter thread's WaitForMultipleObjects) are each signalled, legacy and
 * Vista, since further waiter threads take the rest; a repeating legacy
 * wait's callbacks queued before a worker runs each get their own
 * TimerOrWaitFired (a signal's FALSE, then a timeout's TRUE). */
#define TEST_NAME "threadpool-waiters"
#include <windows.h>
#include "check.h"

#define WAITS 70

static LONG fired, fired_by_timeout;
static HANDLE gate, blocker_in;

static VOID CALLBACK on_legacy_wait(PVOID context, BOOLEAN timed_out)
{
	(void)context;
	if (timed_out)
		InterlockedIncrement(&fired_by_timeout);
	InterlockedIncrement(&fired);
}

static VOID CALLBACK on_vista_wait(PTP_CALLBACK_INSTANCE inst, PVOID context, PTP_WAIT wait,
				   TP_WAIT_RESULT result)
{
	(void)inst;
	(void)context;
	(void)wait;
	if (result != WAIT_OBJECT_0)
		InterlockedIncrement(&fired_by_timeout);
	InterlockedIncrement(&fired);
}

/* Sleeps until n callbacks came (or 10 s went), then a little more for
 * any callback beyond n. */
static void await_fired(LONG n)
{
	int i;

	for (i = 0; i < 1000 && fired < n; i++)
		Sleep(10);
	Sleep(100);
}

/* TARGETS waits set first, then 63 on events never signaled (so that a
 * single waiter would watch those and not the targets'), then the targets'
 * events signaled: each target fires once, by its signal. */
#define TARGETS 7

static void legacy_waits_beyond_63_are_signalled(void)
{
	HANDLE events[WAITS], waits[WAITS];
	int i;

	fired = fired_by_timeout = 0;
	for (i = 0; i < WAITS; i++) {
		events[i] = CreateEventA(NULL, FALSE, FALSE, NULL);
		CHECK(RegisterWaitForSingleObject(&waits[i], events[i], on_legacy_wait, NULL, INFINITE,
						  WT_EXECUTEONLYONCE),
		      "register %d: %lu", i, GetLastError());
	}
	for (i = 0; i < TARGETS; i++)
		SetEvent(events[i]);
	await_fired(TARGETS);
	CHECK(fired == TARGETS && !fired_by_timeout, "%ld of %d waits fired, %ld by timeout", fired,
	      TARGETS, fired_by_timeout);
	for (i = 0; i < WAITS; i++) {
		CHECK(UnregisterWaitEx(waits[i], INVALID_HANDLE_VALUE), "unregister %d", i);
		CloseHandle(events[i]);
	}
}

static void vista_waits_beyond_63_are_signalled(void)
{
	HANDLE events[WAITS];
	PTP_WAIT waits[WAITS];
	int i;

	fired = fired_by_timeout = 0;
	for (i = 0; i < WAITS; i++) {
		events[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
		waits[i] = CreateThreadpoolWait(on_vista_wait, NULL, NULL);
		CHECK(waits[i] != NULL, "wait %d: %lu", i, GetLastError());
		SetThreadpoolWait(waits[i], events[i], NULL);
	}
	for (i = 0; i < TARGETS; i++)
		SetEvent(events[i]);
	await_fired(TARGETS);
	CHECK(fired == TARGETS && !fired_by_timeout, "%ld of %d waits fired, %ld not signalled",
	      fired, TARGETS, fired_by_timeout);
	for (i = 0; i < WAITS; i++) {
		SetThreadpoolWait(waits[i], NULL, NULL);
		WaitForThreadpoolWaitCallbacks(waits[i], FALSE);
		CloseThreadpoolWait(waits[i]);
		CloseHandle(events[i]);
	}
}

static DWORD WINAPI blocker(LPVOID p)
{
	(void)p;
	SetEvent(blocker_in);
	WaitForSingleObject(gate, 10000);
	return 0;
}

static DWORD WINAPI nothing(LPVOID p)
{
	(void)p;
	return 0;
}

static BOOLEAN seen[8];
static LONG seen_count;

static VOID CALLBACK record_wait(PVOID context, BOOLEAN timed_out)
{
	LONG i = InterlockedIncrement(&seen_count) - 1;

	(void)context;
	if (i < 8)
		seen[i] = timed_out;
}

/* The default pool's one worker is held by a blocker while the wait is
 * signaled and then times out: two callbacks queued, each with its own
 * result. */
static void repeating_wait_passes_each_callbacks_result(void)
{
	HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL), wait;
	ULONG one = WT_EXECUTEDEFAULT, many = WT_EXECUTEDEFAULT;

	WT_SET_MAX_THREADPOOL_THREADS(one, 1);
	WT_SET_MAX_THREADPOOL_THREADS(many, 500);

	gate = CreateEventA(NULL, TRUE, FALSE, NULL);
	blocker_in = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(QueueUserWorkItem(blocker, NULL, one), "blocker");
	CHECK(WaitForSingleObject(blocker_in, 5000) == WAIT_OBJECT_0, "blocker runs");
	CHECK(RegisterWaitForSingleObject(&wait, event, record_wait, NULL, 200, WT_EXECUTEDEFAULT),
	      "register: %lu", GetLastError());
	SetEvent(event);
	Sleep(300);
	SetEvent(gate);
	for (int i = 0; i < 500 && seen_count < 2; i++)
		Sleep(10);
	CHECK(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "unregister");
	CHECK(seen_count >= 2 && !seen[0] && seen[1], "%ld callbacks: %d then %d", seen_count,
	      seen[0], seen[1]);
	CHECK(QueueUserWorkItem(nothing, NULL, many), "restore");
	CloseHandle(event);
	CloseHandle(gate);
	CloseHandle(blocker_in);
}

int main(void)
{
	repeating_wait_passes_each_callbacks_result();
	legacy_waits_beyond_63_are_signalled();
	vista_waits_beyond_63_are_signalled();
	printf("threadpool-waiters: %d failures\n", failures);
	return failures != 0;
}
