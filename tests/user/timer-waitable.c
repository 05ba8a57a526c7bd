/* Waitable timers as Windows documents them: manual-reset (notification)
 * timers stay signaled, synchronization timers free one waiter; relative
 * and absolute due times; periodic timers (counted over a window with
 * generous bounds); completion routines queued to the setting thread and
 * run only in its alertable waits, with the expiry's FILETIME;
 * CancelWaitableTimer stops it, takes back a queued routine and leaves the
 * signal state alone; closing the last handle cancels it; the timer of a
 * thread that ended is cancelled; names, rights and bad input. */
#define TEST_NAME "timer-waitable"
#include <windows.h>
#include "check.h"

static LARGE_INTEGER rel_ms(LONGLONG ms)
{
	LARGE_INTEGER d;

	d.QuadPart = -ms * 10000;
	return d;
}

static ULONGLONG now_ft(void)
{
	FILETIME ft;

	GetSystemTimeAsFileTime(&ft);
	return ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

static void manual_and_auto(void)
{
	HANDLE m = CreateWaitableTimerA(NULL, TRUE, NULL), a = CreateWaitableTimerA(NULL, FALSE, NULL);
	LARGE_INTEGER d = rel_ms(50);
	DWORD t0;

	CHECK(m && a, "create: %lu", GetLastError());
	CHECK(WaitForSingleObject(m, 0) == WAIT_TIMEOUT, "starts unsignaled");
	t0 = GetTickCount();
	CHECK(SetWaitableTimer(m, &d, 0, NULL, NULL, FALSE), "set: %lu", GetLastError());
	CHECK(WaitForSingleObject(m, 0) == WAIT_TIMEOUT, "not yet");
	CHECK(WaitForSingleObject(m, 5000) == WAIT_OBJECT_0, "signaled");
	CHECK(GetTickCount() - t0 >= 40, "after %lu ms", GetTickCount() - t0);
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "manual: stays signaled");
	CHECK(SetWaitableTimer(m, &d, 0, NULL, NULL, FALSE), "set again");
	CHECK(WaitForSingleObject(m, 0) == WAIT_TIMEOUT, "setting resets it");
	CHECK(WaitForSingleObject(m, 5000) == WAIT_OBJECT_0, "signaled again");
	/* Cancel leaves the state as it is. */
	CHECK(CancelWaitableTimer(m), "cancel");
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "cancel reset a signaled timer");

	d = rel_ms(20);
	CHECK(SetWaitableTimer(a, &d, 0, NULL, NULL, FALSE), "set auto");
	CHECK(WaitForSingleObject(a, 5000) == WAIT_OBJECT_0, "auto signaled");
	CHECK(WaitForSingleObject(a, 0) == WAIT_TIMEOUT, "auto: the wait reset it");

	/* Absolute times: in the past signals at once, else when due. */
	d.QuadPart = (LONGLONG)now_ft() - 10000000;
	CHECK(SetWaitableTimer(m, &d, 0, NULL, NULL, FALSE), "absolute past");
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "absolute past: at once");
	t0 = GetTickCount();
	d.QuadPart = (LONGLONG)now_ft() + 60 * 10000;
	CHECK(SetWaitableTimer(m, &d, 0, NULL, NULL, FALSE), "absolute");
	CHECK(WaitForSingleObject(m, 0) == WAIT_TIMEOUT, "absolute: not yet");
	CHECK(WaitForSingleObject(m, 5000) == WAIT_OBJECT_0 && GetTickCount() - t0 >= 40,
	      "absolute after %lu ms", GetTickCount() - t0);
	CloseHandle(m);
	CloseHandle(a);
}

static void periodic(void)
{
	HANDLE t = CreateWaitableTimerA(NULL, FALSE, NULL);
	LARGE_INTEGER d = rel_ms(20);
	DWORD start = GetTickCount(), n = 0;

	CHECK(SetWaitableTimer(t, &d, 20, NULL, NULL, FALSE), "periodic");
	while (GetTickCount() - start < 600)
		if (WaitForSingleObject(t, 200) == WAIT_OBJECT_0)
			n++;
	/* 30 periods in 600 ms; a loaded emulator loses some, none doubles. */
	CHECK(n >= 8 && n <= 32, "%lu signals in 600 ms at 20 ms", n);
	CHECK(CancelWaitableTimer(t), "cancel");
	WaitForSingleObject(t, 0);      /* one may have fired just before */
	CHECK(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "cancelled: no more");
	CloseHandle(t);
}

static int calls;
static LPVOID last_arg;
static ULONGLONG last_time;

static VOID CALLBACK on_timer(LPVOID arg, DWORD low, DWORD high)
{
	calls++;
	last_arg = arg;
	last_time = ((ULONGLONG)high << 32) | low;
}

static void completion_routine(void)
{
	HANDLE t = CreateWaitableTimerA(NULL, TRUE, NULL);
	LARGE_INTEGER d = rel_ms(10);
	ULONGLONG before = now_ft();
	int cookie;

	calls = 0;
	CHECK(SetWaitableTimer(t, &d, 0, on_timer, &cookie, FALSE), "set with a routine");
	Sleep(100);
	CHECK(calls == 0, "ran outside an alertable wait");
	CHECK(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "signaled");
	CHECK(SleepEx(1000, TRUE) == WAIT_IO_COMPLETION, "alertable");
	CHECK(calls == 1 && last_arg == &cookie, "%d calls", calls);
	CHECK(last_time >= before && last_time < before + 50000000ull, "FILETIME %llu vs %llu",
	      last_time, before);

	/* Periodic with a routine: the alertable waits run it repeatedly. */
	calls = 0;
	CHECK(SetWaitableTimer(t, &d, 20, on_timer, NULL, FALSE), "periodic with a routine");
	for (int i = 0; i < 5; i++)
		SleepEx(1000, TRUE);
	CHECK(calls == 5, "%d calls in five alertable sleeps", calls);

	/* Cancel takes back the routine queued and not yet run. */
	calls = 0;
	d = rel_ms(10);
	CHECK(SetWaitableTimer(t, &d, 0, on_timer, NULL, FALSE), "set");
	Sleep(100);
	CHECK(CancelWaitableTimer(t), "cancel");
	CHECK(SleepEx(50, TRUE) == 0 && calls == 0, "cancelled routine ran: %d", calls);

	/* Closing the last handle cancels it and its queued routine. */
	CHECK(SetWaitableTimer(t, &d, 10, on_timer, NULL, FALSE), "set periodic");
	Sleep(50);
	CHECK(CloseHandle(t), "close");
	CHECK(SleepEx(100, TRUE) == 0 && calls == 0, "closed timer's routine ran: %d", calls);
}

static DWORD WINAPI set_and_end(LPVOID p)
{
	LARGE_INTEGER d = rel_ms(100);

	return SetWaitableTimer((HANDLE)p, &d, 0, on_timer, NULL, FALSE) ? 0 : GetLastError();
}

static DWORD WINAPI wait_one(LPVOID p)
{
	return WaitForSingleObject((HANDLE)p, 5000);
}

static void threads(void)
{
	HANDLE t = CreateWaitableTimerA(NULL, TRUE, NULL), th[2];
	LARGE_INTEGER d = rel_ms(30);
	DWORD c0 = 1, c1 = 1;

	/* Windows: the thread that set a timer with a routine ends: cancelled. */
	th[0] = CreateThread(NULL, 0, set_and_end, t, 0, NULL);
	WaitForSingleObject(th[0], INFINITE);
	GetExitCodeThread(th[0], &c0);
	CHECK(c0 == 0, "set in a thread: %lu", c0);
	CHECK(WaitForSingleObject(t, 300) == WAIT_TIMEOUT, "its thread ended: not cancelled");
	CloseHandle(th[0]);
	CloseHandle(t);

	/* A synchronization timer frees one of two waiters per expiry. */
	t = CreateWaitableTimerA(NULL, FALSE, NULL);
	th[0] = CreateThread(NULL, 0, wait_one, t, 0, NULL);
	th[1] = CreateThread(NULL, 0, wait_one, t, 0, NULL);
	Sleep(50);
	SetWaitableTimer(t, &d, 0, NULL, NULL, FALSE);
	CHECK(WaitForMultipleObjects(2, th, FALSE, 5000) <= WAIT_OBJECT_0 + 1, "one freed");
	Sleep(100);
	GetExitCodeThread(th[0], &c0);
	GetExitCodeThread(th[1], &c1);
	CHECK((c0 == WAIT_OBJECT_0) + (c1 == WAIT_OBJECT_0) == 1, "exit codes %lu %lu", c0, c1);
	SetWaitableTimer(t, &d, 0, NULL, NULL, FALSE);
	CHECK(WaitForMultipleObjects(2, th, TRUE, 5000) == WAIT_OBJECT_0, "the other freed");
	CloseHandle(th[0]);
	CloseHandle(th[1]);
	CloseHandle(t);

	/* Closed while another thread waits on it: the wait still ends. */
	t = CreateWaitableTimerA(NULL, TRUE, NULL);
	HANDLE dup;
	DuplicateHandle(GetCurrentProcess(), t, GetCurrentProcess(), &dup, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	th[0] = CreateThread(NULL, 0, wait_one, dup, 0, NULL);
	Sleep(30);
	SetWaitableTimer(t, &d, 0, NULL, NULL, FALSE);
	CloseHandle(t);
	CHECK(WaitForSingleObject(th[0], 5000) == WAIT_OBJECT_0, "waiter");
	GetExitCodeThread(th[0], &c0);
	CHECK(c0 == WAIT_OBJECT_0, "waiter got %lu", c0);
	CloseHandle(th[0]);
	CloseHandle(dup);
}

static void names_rights_and_bad_input(void)
{
	HANDLE t = CreateWaitableTimerA(NULL, TRUE, "apc-timer"), t2, o, ev;
	LARGE_INTEGER d = rel_ms(10);

	CHECK(t && GetLastError() == ERROR_SUCCESS, "named: %lu", GetLastError());
	t2 = CreateWaitableTimerExA(NULL, "apc-timer", 0, TIMER_ALL_ACCESS);
	CHECK(t2 && GetLastError() == ERROR_ALREADY_EXISTS, "again: %lu", GetLastError());
	o = OpenWaitableTimerA(TIMER_MODIFY_STATE | SYNCHRONIZE, FALSE, "apc-timer");
	CHECK(o != NULL, "open: %lu", GetLastError());
	CHECK(SetWaitableTimer(o, &d, 0, NULL, NULL, FALSE), "set through the open handle");
	CHECK(WaitForSingleObject(t2, 5000) == WAIT_OBJECT_0, "same timer");
	CloseHandle(o);
	o = OpenWaitableTimerA(SYNCHRONIZE, FALSE, "apc-timer");
	CHECK(SetWaitableTimer(o, &d, 0, NULL, NULL, FALSE) == FALSE &&
	      GetLastError() == ERROR_ACCESS_DENIED, "no TIMER_MODIFY_STATE: %lu", GetLastError());
	CHECK(!CancelWaitableTimer(o) && GetLastError() == ERROR_ACCESS_DENIED, "cancel");
	CloseHandle(o);
	o = OpenWaitableTimerA(TIMER_MODIFY_STATE, FALSE, "apc-timer");
	CHECK(WaitForSingleObject(o, 0) == WAIT_FAILED && GetLastError() == ERROR_ACCESS_DENIED,
	      "wait without SYNCHRONIZE: %lu", GetLastError());
	CloseHandle(o);
	ev = CreateEventA(NULL, TRUE, FALSE, "apc-timer");
	CHECK(ev == NULL && GetLastError() == ERROR_INVALID_HANDLE, "event of a timer's name");
	CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "apc-no-such") == NULL &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "missing: %lu", GetLastError());
	ev = CreateEventA(NULL, TRUE, FALSE, "apc-event");
	CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "apc-event") == NULL &&
	      GetLastError() == ERROR_INVALID_HANDLE, "an event's name: %lu", GetLastError());
	CHECK(!SetWaitableTimer(ev, &d, 0, NULL, NULL, FALSE) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "an event: %lu", GetLastError());
	CHECK(!SetWaitableTimer(t, &d, -1, NULL, NULL, FALSE) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "negative period: %lu", GetLastError());
	CHECK(!SetWaitableTimer((HANDLE)0x1230, &d, 0, NULL, NULL, FALSE) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "bad handle");
	CHECK(!CancelWaitableTimer(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "cancel NULL");
	CHECK(CreateWaitableTimerExA(NULL, NULL, 4, TIMER_ALL_ACCESS) == NULL &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "unknown flag");
	SetLastError(0);
	CHECK(SetWaitableTimer(t, &d, 0, NULL, NULL, TRUE) && GetLastError() == ERROR_NOT_SUPPORTED,
	      "fResume: %lu", GetLastError());
	CHECK(SetWaitableTimerEx(t, &d, 0, NULL, NULL, NULL, 0), "Ex: %lu", GetLastError());
	CloseHandle(ev);
	CloseHandle(t);
	CloseHandle(t2);
	CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "apc-timer") == NULL,
	      "the name outlived its handles");
}

int main(void)
{
	manual_and_auto();
	periodic();
	completion_routine();
	threads();
	names_rights_and_bad_input();
	printf("timer-waitable: %d failures\n", failures);
	return failures != 0;
}
