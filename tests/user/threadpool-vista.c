/* The Vista thread pool as Windows documents it: TrySubmitThreadpoolCallback
 * and work objects run each submission once (FIFO on a one-thread pool),
 * WaitForThreadpoolWorkCallbacks waits for them or cancels the pending
 * ones; timers fire at relative and absolute FILETIME due times, periodic
 * ones N times, NULL stops them; waits fire once on a signal
 * (WAIT_OBJECT_0) or on their timeout (WAIT_TIMEOUT); a private pool's
 * minimum and maximum hold; the callback instance's actions happen when
 * the callback returns; a disassociated callback is not waited for; a
 * cleanup group releases its members, cancelling or running their pending
 * callbacks; the Ex setters tell whether they cancelled a set object. */
#define TEST_NAME "threadpool-vista"
#include <windows.h>
#include "check.h"

static LONG count;
static HANDLE called;                   /* a semaphore, released per callback */
static HANDLE go;                       /* callbacks that block wait for it */

static void reset(void)
{
	count = 0;
	while (WaitForSingleObject(called, 0) == WAIT_OBJECT_0)
		;
}

static BOOL wait_called(int n)
{
	while (n-- > 0)
		if (WaitForSingleObject(called, 5000) != WAIT_OBJECT_0)
			return FALSE;
	return TRUE;
}

static VOID CALLBACK simple(PTP_CALLBACK_INSTANCE inst, PVOID context)
{
	CHECK(inst != NULL && context == &count, "instance %p, context %p", (void *)inst, context);
	InterlockedIncrement(&count);
	ReleaseSemaphore(called, 1, NULL);
}

#define ORDER_MAX 16
static LONG order_n;
static int order[ORDER_MAX];

static VOID CALLBACK work_cb(PTP_CALLBACK_INSTANCE inst, PVOID context, PTP_WORK work)
{
	LONG i = InterlockedIncrement(&order_n) - 1;

	(void)inst;
	(void)work;
	if (i < ORDER_MAX)
		order[i] = (int)(ULONG_PTR)context;
	InterlockedIncrement(&count);
	ReleaseSemaphore(called, 1, NULL);
	if ((ULONG_PTR)context == 99)
		WaitForSingleObject(go, 5000);
}

static DWORD WINAPI set_go_later(LPVOID p)
{
	Sleep((DWORD)(ULONG_PTR)p);
	SetEvent(go);
	return 0;
}

static void works(void)
{
	TP_CALLBACK_ENVIRON env;
	PTP_POOL pool = CreateThreadpool(NULL);
	PTP_WORK w[3];
	HANDLE t;
	int i;

	reset();
	for (i = 0; i < 10; i++)
		CHECK(TrySubmitThreadpoolCallback(simple, &count, NULL), "submit %d: %lu", i,
		      GetLastError());
	CHECK(wait_called(10) && count == 10, "simple callbacks: %ld", count);

	/* Five submissions of one work: five callbacks, all done on return. */
	reset();
	w[0] = CreateThreadpoolWork(work_cb, (PVOID)1, NULL);
	CHECK(w[0] != NULL, "CreateThreadpoolWork: %lu", GetLastError());
	for (i = 0; i < 5; i++)
		SubmitThreadpoolWork(w[0]);
	WaitForThreadpoolWorkCallbacks(w[0], FALSE);
	CHECK(count == 5, "after the wait: %ld callbacks", count);
	CloseThreadpoolWork(w[0]);

	/* A one-thread pool runs works in submission order. */
	CHECK(pool != NULL, "CreateThreadpool: %lu", GetLastError());
	SetThreadpoolThreadMaximum(pool, 1);
	InitializeThreadpoolEnvironment(&env);
	CHECK(env.Version == 3 && env.Pool == NULL && env.CallbackPriority ==
	      TP_CALLBACK_PRIORITY_NORMAL && env.Size == sizeof(env), "environment");
	SetThreadpoolCallbackPool(&env, pool);
	reset();
	order_n = 0;
	for (i = 0; i < 3; i++)
		w[i] = CreateThreadpoolWork(work_cb, (PVOID)(ULONG_PTR)(10 + i), &env);
	SubmitThreadpoolWork(w[2]);
	SubmitThreadpoolWork(w[0]);
	SubmitThreadpoolWork(w[1]);
	CHECK(wait_called(3), "three works ran");
	CHECK(order[0] == 12 && order[1] == 10 && order[2] == 11, "order %d %d %d", order[0],
	      order[1], order[2]);
	for (i = 0; i < 3; i++)
		CloseThreadpoolWork(w[i]);

	/* Cancelling: one callback runs (blocked), four pending are dropped. */
	reset();
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	w[0] = CreateThreadpoolWork(work_cb, (PVOID)99, &env);
	for (i = 0; i < 5; i++)
		SubmitThreadpoolWork(w[0]);
	CHECK(wait_called(1), "the first ran");
	t = CreateThread(NULL, 0, set_go_later, (LPVOID)100, 0, NULL);
	WaitForThreadpoolWorkCallbacks(w[0], TRUE);
	CHECK(count == 1, "cancelled callbacks ran: %ld", count);
	Sleep(100);
	CHECK(count == 1, "cancelled callbacks ran later: %ld", count);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CloseThreadpoolWork(w[0]);
	DestroyThreadpoolEnvironment(&env);
	CloseThreadpool(pool);
	CloseHandle(go);

	SetLastError(0);
	CHECK(CreateThreadpoolWork(NULL, NULL, NULL) == NULL &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "no callback: %lu", GetLastError());
	FAILS(CreateThreadpool((PVOID)1), NULL, ERROR_INVALID_PARAMETER);
}

static LONG arrived;

/* Returns when both callbacks of the pair are in (or after 5 s). */
static VOID CALLBACK pair(PTP_CALLBACK_INSTANCE inst, PVOID context)
{
	int i;

	(void)inst;
	(void)context;
	InterlockedIncrement(&arrived);
	for (i = 0; i < 500 && arrived < 2; i++)
		Sleep(10);
	if (arrived >= 2)
		InterlockedIncrement(&count);
	ReleaseSemaphore(called, 1, NULL);
}

static void private_pool(void)
{
	PTP_POOL pool = CreateThreadpool(NULL);
	TP_CALLBACK_ENVIRON env;

	CHECK(SetThreadpoolThreadMinimum(pool, 2), "minimum 2: %lu", GetLastError());
	SetThreadpoolThreadMaximum(pool, 2);
	InitializeThreadpoolEnvironment(&env);
	SetThreadpoolCallbackPool(&env, pool);
	reset();
	CHECK(TrySubmitThreadpoolCallback(pair, NULL, &env), "pair 1");
	CHECK(TrySubmitThreadpoolCallback(pair, NULL, &env), "pair 2");
	CHECK(wait_called(2) && count == 2, "two callbacks at once: %ld", count);
	CloseThreadpool(pool);
}

static LONG timer_fired;
static HANDLE timer_enough;

static VOID CALLBACK timer_cb(PTP_CALLBACK_INSTANCE inst, PVOID context, PTP_TIMER timer)
{
	(void)inst;
	(void)timer;
	if (InterlockedIncrement(&timer_fired) == (LONG)(ULONG_PTR)context)
		SetEvent(timer_enough);
}

static FILETIME relative_ms(LONGLONG ms)
{
	ULONGLONG v = (ULONGLONG)(-ms * 10000);
	FILETIME ft = { (DWORD)v, (DWORD)(v >> 32) };

	return ft;
}

static void timers(void)
{
	PTP_TIMER t;
	FILETIME due = relative_ms(50);
	ULONGLONG abs;
	DWORD t0 = GetTickCount();
	LONG n;

	timer_enough = CreateEventA(NULL, FALSE, FALSE, NULL);
	t = CreateThreadpoolTimer(timer_cb, (PVOID)1, NULL);
	CHECK(t != NULL, "CreateThreadpoolTimer: %lu", GetLastError());
	CHECK(!IsThreadpoolTimerSet(t), "a new timer is set");
	SetThreadpoolTimer(t, &due, 0, 0);
	CHECK(IsThreadpoolTimerSet(t), "set timer not set");
	CHECK(WaitForSingleObject(timer_enough, 5000) == WAIT_OBJECT_0, "one-shot fired");
	CHECK(GetTickCount() - t0 >= 40, "fired after %lu ms", GetTickCount() - t0);
	Sleep(100);
	CHECK(timer_fired == 1, "one-shot fired %ld times", timer_fired);
	CHECK(IsThreadpoolTimerSet(t), "a one-shot timer that fired is no longer set");
	CloseThreadpoolTimer(t);

	/* Absolute due time. */
	timer_fired = 0;
	t = CreateThreadpoolTimer(timer_cb, (PVOID)1, NULL);
	GetSystemTimeAsFileTime(&due);
	abs = (((ULONGLONG)due.dwHighDateTime << 32) | due.dwLowDateTime) + 60 * 10000;
	due.dwLowDateTime = (DWORD)abs;
	due.dwHighDateTime = (DWORD)(abs >> 32);
	t0 = GetTickCount();
	SetThreadpoolTimer(t, &due, 0, 0);
	CHECK(WaitForSingleObject(timer_enough, 5000) == WAIT_OBJECT_0, "absolute fired");
	CHECK(GetTickCount() - t0 >= 40, "absolute fired after %lu ms", GetTickCount() - t0);
	CloseThreadpoolTimer(t);

	/* Periodic: N times, then NULL stops it and the wait cancels the rest. */
	timer_fired = 0;
	t = CreateThreadpoolTimer(timer_cb, (PVOID)6, NULL);
	due = relative_ms(10);
	SetThreadpoolTimer(t, &due, 20, 5);
	CHECK(WaitForSingleObject(timer_enough, 5000) == WAIT_OBJECT_0, "periodic fired 6 times");
	CHECK(IsThreadpoolTimerSet(t), "periodic not set");
	SetThreadpoolTimer(t, NULL, 0, 0);
	CHECK(!IsThreadpoolTimerSet(t), "stopped timer set");
	WaitForThreadpoolTimerCallbacks(t, TRUE);
	n = timer_fired;
	Sleep(100);
	CHECK(timer_fired == n, "fired %ld times after it was stopped", timer_fired - n);
	/* Set again with a zero due time (absolute 0: at once). */
	due.dwLowDateTime = due.dwHighDateTime = 0;
	SetThreadpoolTimer(t, &due, 0, 0);
	Sleep(100);
	CHECK(timer_fired == n + 1, "due 0: fired %ld", timer_fired - n);
	CloseThreadpoolTimer(t);
	CloseHandle(timer_enough);
}

static DWORD wait_results[4];
static LONG waits_n;

static VOID CALLBACK wait_cb(PTP_CALLBACK_INSTANCE inst, PVOID context, PTP_WAIT wait,
			     TP_WAIT_RESULT result)
{
	LONG i = InterlockedIncrement(&waits_n) - 1;

	(void)inst;
	(void)wait;
	CHECK(context == &waits_n, "context");
	if (i < 4)
		wait_results[i] = result;
	ReleaseSemaphore(called, 1, NULL);
}

static void waits(void)
{
	HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	PTP_WAIT w = CreateThreadpoolWait(wait_cb, &waits_n, NULL);
	FILETIME ft = relative_ms(30);

	CHECK(w != NULL, "CreateThreadpoolWait: %lu", GetLastError());
	reset();
	SetThreadpoolWait(w, ev, NULL);
	SetEvent(ev);
	CHECK(wait_called(1) && wait_results[0] == WAIT_OBJECT_0, "signaled: %lx", wait_results[0]);
	/* One callback per set. */
	SetEvent(ev);
	Sleep(100);
	CHECK(waits_n == 1, "fired %ld times for one set", waits_n);
	CHECK(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "the unset wait took the signal");
	/* Its timeout. */
	SetThreadpoolWait(w, ev, &ft);
	CHECK(wait_called(1) && wait_results[1] == WAIT_TIMEOUT, "timeout: %lx", wait_results[1]);
	ft.dwLowDateTime = ft.dwHighDateTime = 0;
	SetThreadpoolWait(w, ev, &ft);
	CHECK(wait_called(1) && wait_results[2] == WAIT_TIMEOUT, "zero timeout: %lx",
	      wait_results[2]);
	/* NULL stops it. */
	SetThreadpoolWait(w, ev, NULL);
	SetThreadpoolWait(w, NULL, NULL);
	SetEvent(ev);
	Sleep(100);
	CHECK(waits_n == 3, "a stopped wait fired");
	WaitForThreadpoolWaitCallbacks(w, FALSE);
	CloseThreadpoolWait(w);
	CloseHandle(ev);
	SetLastError(0);
	CHECK(CreateThreadpoolWait(NULL, NULL, NULL) == NULL &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "no callback: %lu", GetLastError());
}

static HANDLE h_event, h_sem, h_mutex;
static CRITICAL_SECTION section;
static BOOL actions_early, may_run_long;

static VOID CALLBACK with_actions(PTP_CALLBACK_INSTANCE inst, PVOID context)
{
	(void)context;
	WaitForSingleObject(h_mutex, INFINITE);
	EnterCriticalSection(&section);
	SetEventWhenCallbackReturns(inst, h_event);
	ReleaseSemaphoreWhenCallbackReturns(inst, h_sem, 2);
	ReleaseMutexWhenCallbackReturns(inst, h_mutex);
	LeaveCriticalSectionWhenCallbackReturns(inst, &section);
	FreeLibraryWhenCallbackReturns(inst, NULL);
	may_run_long = CallbackMayRunLong(inst);
	Sleep(50);
	actions_early = WaitForSingleObject(h_event, 0) != WAIT_TIMEOUT ||
			WaitForSingleObject(h_sem, 0) != WAIT_TIMEOUT;
}

static BOOL disassociated_done;

static VOID CALLBACK disassociating(PTP_CALLBACK_INSTANCE inst, PVOID context, PTP_WORK work)
{
	(void)context;
	(void)work;
	DisassociateCurrentThreadFromCallback(inst);
	WaitForSingleObject(go, 5000);
	disassociated_done = TRUE;
	ReleaseSemaphore(called, 1, NULL);
}

static void instances(void)
{
	PTP_WORK w;
	LONG prev;

	h_event = CreateEventA(NULL, TRUE, FALSE, NULL);
	h_sem = CreateSemaphoreA(NULL, 0, 10, NULL);
	h_mutex = CreateMutexA(NULL, FALSE, NULL);
	InitializeCriticalSection(&section);
	CHECK(TrySubmitThreadpoolCallback(with_actions, NULL, NULL), "submit");
	CHECK(WaitForSingleObject(h_event, 5000) == WAIT_OBJECT_0, "event set on return");
	CHECK(!actions_early, "the actions came before the callback returned");
	CHECK(may_run_long, "CallbackMayRunLong in the default pool");
	CHECK(ReleaseSemaphore(h_sem, 1, &prev) && prev == 2, "semaphore released by %ld", prev);
	CHECK(WaitForSingleObject(h_mutex, 5000) == WAIT_OBJECT_0, "mutex released");
	ReleaseMutex(h_mutex);
	CHECK(TryEnterCriticalSection(&section), "section left");
	LeaveCriticalSection(&section);
	DeleteCriticalSection(&section);
	CloseHandle(h_event);
	CloseHandle(h_sem);
	CloseHandle(h_mutex);

	reset();
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	w = CreateThreadpoolWork(disassociating, NULL, NULL);
	SubmitThreadpoolWork(w);
	Sleep(50);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	CHECK(!disassociated_done, "waited for a disassociated callback");
	CloseThreadpoolWork(w);
	SetEvent(go);
	CHECK(wait_called(1) && disassociated_done, "the disassociated callback ended");
	CloseHandle(go);
}

static LONG cancels, cancel_saw_work;
static PVOID cancel_context;

static VOID CALLBACK on_cancel(PVOID object_context, PVOID cleanup_context)
{
	InterlockedIncrement(&cancels);
	if (object_context == (PVOID)99)
		cancel_saw_work = TRUE;
	cancel_context = cleanup_context;
}

static void cleanup_groups(void)
{
	PTP_CLEANUP_GROUP group = CreateThreadpoolCleanupGroup();
	PTP_POOL pool = CreateThreadpool(NULL);
	TP_CALLBACK_ENVIRON env;
	FILETIME far = relative_ms(60000);
	PTP_WORK w;
	PTP_TIMER t;
	HANDLE setter;
	int i;

	CHECK(group != NULL, "CreateThreadpoolCleanupGroup: %lu", GetLastError());
	SetThreadpoolThreadMaximum(pool, 1);
	InitializeThreadpoolEnvironment(&env);
	SetThreadpoolCallbackPool(&env, pool);
	SetThreadpoolCallbackCleanupGroup(&env, group, on_cancel);
	CHECK(env.CleanupGroup == group && env.CleanupGroupCancelCallback == on_cancel, "env");

	/* Cancelling: the running callback is waited for, the pending ones
	 * dropped, the cancel callback called for each of the three members. */
	reset();
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	w = CreateThreadpoolWork(work_cb, (PVOID)99, &env);
	t = CreateThreadpoolTimer(timer_cb, (PVOID)1, &env);
	SetThreadpoolTimer(t, &far, 0, 0);
	SubmitThreadpoolWork(w);
	SubmitThreadpoolWork(w);
	CHECK(wait_called(1), "the work started");
	CHECK(TrySubmitThreadpoolCallback(simple, &count, &env), "submit in the group");
	setter = CreateThread(NULL, 0, set_go_later, (LPVOID)100, 0, NULL);
	CloseThreadpoolCleanupGroupMembers(group, TRUE, &cancels);
	CHECK(count == 1, "%ld callbacks ran, want the one running", count);
	CHECK(cancels == 3 && cancel_saw_work && cancel_context == &cancels,
	      "cancel callbacks %ld, saw the work %ld", cancels, cancel_saw_work);
	Sleep(100);
	CHECK(count == 1, "cancelled callbacks ran later: %ld", count);
	WaitForSingleObject(setter, INFINITE);
	CloseHandle(setter);
	CloseHandle(go);

	/* Not cancelling: every pending callback runs first; no cancel calls. */
	reset();
	cancels = 0;
	w = CreateThreadpoolWork(work_cb, (PVOID)1, &env);
	for (i = 0; i < 3; i++)
		SubmitThreadpoolWork(w);
	CloseThreadpoolCleanupGroupMembers(group, FALSE, NULL);
	CHECK(count == 3 && cancels == 0, "ran %ld, cancels %ld", count, cancels);
	CloseThreadpoolCleanupGroup(group);
	DestroyThreadpoolEnvironment(&env);
	CloseThreadpool(pool);
}

static void ex_setters(void)
{
	PTP_TIMER t = CreateThreadpoolTimer(timer_cb, (PVOID)1000, NULL);
	PTP_WAIT w = CreateThreadpoolWait(wait_cb, &waits_n, NULL);
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	FILETIME far = relative_ms(60000);

	CHECK(!SetThreadpoolTimerEx(t, &far, 0, 0), "an unset timer was cancelled");
	CHECK(SetThreadpoolTimerEx(t, NULL, 0, 0), "a set timer was not cancelled");
	CHECK(!SetThreadpoolTimerEx(t, NULL, 0, 0), "a stopped timer was cancelled again");
	CHECK(!SetThreadpoolWaitEx(w, ev, NULL, NULL), "an unset wait was cancelled");
	CHECK(SetThreadpoolWaitEx(w, NULL, NULL, NULL), "a set wait was not cancelled");
	CloseThreadpoolTimer(t);
	CloseThreadpoolWait(w);
	CloseHandle(ev);
}

int main(void)
{
	called = CreateSemaphoreA(NULL, 0, 1000, NULL);
	works();
	private_pool();
	timers();
	waits();
	instances();
	cleanup_groups();
	ex_setters();
	CloseHandle(called);
	printf("threadpool-vista: %d failures\n", failures);
	return failures != 0;
}
