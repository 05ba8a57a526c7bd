/* Threads, waits, events, mutexes, semaphores, SRW locks, condition
 * variables and INIT_ONCE against Microsoft's documentation of each call: the return value,
 * the last error (also the ERROR_SUCCESS or ERROR_ALREADY_EXISTS a call sets
 * when it succeeds) and the output parameters, edge case by edge case. The
 * last line is "win32-sync-conformance: 0 failures". */
#include <string.h>
#include <windows.h>

#define TEST_NAME "win32-sync-conformance"
#include "check.h"
#include "win32-conformance.h"


static DWORD WINAPI return_arg(LPVOID arg)
{
	return (DWORD)(UINT_PTR)arg;
}

static DWORD WINAPI sleep_forever(LPVOID arg)
{
	(void)arg;
	Sleep(INFINITE);
	return 0;
}

static DWORD WINAPI acquire_and_exit(LPVOID mutex)
{
	WaitForSingleObject(mutex, INFINITE);
	return 5;                       /* exits owning it: abandoned */
}

static DWORD WINAPI release_not_owned(LPVOID mutex)
{
	SetLastError(DIRTY);
	return ReleaseMutex(mutex) ? 0 : GetLastError();
}

static SRWLOCK srw = SRWLOCK_INIT;
static CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
static CRITICAL_SECTION cs;
static LONG counter, ready;

/* Adds 1000 to counter, one read-modify-write at a time, under srw. */
static DWORD WINAPI srw_adder(LPVOID arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		AcquireSRWLockExclusive(&srw);
		LONG v = counter;
		if (i % 97 == 0)
			Sleep(0);       /* let the others contend */
		counter = v + 1;
		ReleaseSRWLockExclusive(&srw);
	}
	return 0;
}

/* Waits under cs until ready, then counts itself. */
static DWORD WINAPI cv_waiter(LPVOID arg)
{
	(void)arg;
	EnterCriticalSection(&cs);
	while (!ready)
		SleepConditionVariableCS(&cv, &cs, INFINITE);
	counter++;
	LeaveCriticalSection(&cs);
	return 0;
}

static LONG once_runs;

static BOOL WINAPI once_fn(PINIT_ONCE once, PVOID param, PVOID *context)
{
	(void)once;
	once_runs++;
	*context = param;
	return param != NULL;
}

static void threads(void)
{
	DWORD code = 0, id = 0;
	HANDLE h = CreateThread(NULL, 0, return_arg, (LPVOID)77, CREATE_SUSPENDED, &id);

	CHECK(h && id != 0 && GetThreadId(h) == id, "suspended thread: %p id %lu", h, id);
	CHECK(GetExitCodeThread(h, &code) && code == STILL_ACTIVE, "still active: %lu", code);
	CHECK(WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "a live thread is not signaled");
	CHECK(SuspendThread(h) == 1, "suspend a suspended thread: previous 1");
	for (DWORD i = 2; i < MAXIMUM_SUSPEND_COUNT - 1; i++)
		SuspendThread(h);
	CHECK_FAIL(SuspendThread(h), MAXIMUM_SUSPEND_COUNT - 1, DIRTY);
	CHECK_FAIL(SuspendThread(h), (DWORD)-1, ERROR_SIGNAL_REFUSED);
	CHECK(ResumeThread(h) == MAXIMUM_SUSPEND_COUNT, "resume at the limit");
	while (ResumeThread(h) > 1)
		;
	CHECK(ResumeThread(h) == 0, "resume of a running thread: 0");
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "thread ends");
	CHECK(GetExitCodeThread(h, &code) && code == 77, "exit code %lu", code);
	CHECK_FAIL(SuspendThread(h), (DWORD)-1, ERROR_ACCESS_DENIED);
	CHECK(TerminateThread(h, 9) || GetLastError() != DIRTY, "terminate an ended thread");
	CHECK(GetExitCodeThread(h, &code) && code == 77, "exit code kept: %lu", code);
	CloseHandle(h);

	CHECK_FAIL(ResumeThread(NULL), (DWORD)-1, ERROR_INVALID_HANDLE);
	CHECK_FAIL(SuspendThread(NULL), (DWORD)-1, ERROR_INVALID_HANDLE);
	CHECK_FAIL(GetThreadId(NULL), 0, ERROR_INVALID_HANDLE);
	CHECK_FAIL(TerminateThread(NULL, 0), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(GetExitCodeThread(NULL, &code), FALSE, ERROR_INVALID_HANDLE);
	CHECK(GetThreadId(GetCurrentThread()) == GetCurrentThreadId(), "pseudo handle's id");
	CHECK(GetProcessIdOfThread(GetCurrentThread()) == GetCurrentProcessId(), "its process");
	CHECK(GetCurrentThread() == (HANDLE)(LONG_PTR)-2, "GetCurrentThread is -2");
	CHECK(GetExitCodeThread(GetCurrentThread(), &code) && code == STILL_ACTIVE, "self active");
	CHECK(WaitForSingleObject(GetCurrentThread(), 0) == WAIT_TIMEOUT, "wait on self");

	h = thread(sleep_forever, NULL, 0);
	CHECK(GetThreadPriority(h) == THREAD_PRIORITY_NORMAL, "normal priority");
	CHECK_FAIL(SetThreadPriority(h, 3), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(SetThreadPriority(h, -3), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(SetThreadPriority(h, THREAD_PRIORITY_TIME_CRITICAL) &&
	      GetThreadPriority(h) == THREAD_PRIORITY_TIME_CRITICAL, "time critical");
	CHECK(SetThreadPriority(h, THREAD_PRIORITY_IDLE) &&
	      GetThreadPriority(h) == THREAD_PRIORITY_IDLE, "idle");
	CHECK(SetThreadPriority(h, THREAD_PRIORITY_LOWEST) &&
	      GetThreadPriority(h) == THREAD_PRIORITY_LOWEST, "lowest");
	CHECK_FAIL(GetThreadPriority(NULL), THREAD_PRIORITY_ERROR_RETURN, ERROR_INVALID_HANDLE);
	CHECK_FAIL(SetThreadPriority(NULL, 0), FALSE, ERROR_INVALID_HANDLE);
	CHECK(TerminateThread(h, 0x1234), "TerminateThread: %lu", GetLastError());
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "terminated thread signaled");
	CHECK(GetExitCodeThread(h, &code) && code == 0x1234, "terminated with 0x%lx", code);
	CloseHandle(h);

	Sleep(0);
	CHECK(SleepEx(0, FALSE) == 0 && SleepEx(1, TRUE) == 0, "SleepEx returns 0");
	SwitchToThread();
}

static void waits(void)
{
	HANDLE e[MAXIMUM_WAIT_OBJECTS + 1], dup = NULL;

	for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
		e[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK_FAIL(WaitForMultipleObjects(0, e, FALSE, 0), WAIT_FAILED, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, e, FALSE, 0), WAIT_FAILED,
		   ERROR_INVALID_PARAMETER);
	CHECK(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0) == WAIT_TIMEOUT, "64 ok");
	SetEvent(e[5]);
	SetEvent(e[9]);
	CHECK(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0) == WAIT_OBJECT_0 + 5,
	      "lowest signaled index");
	CHECK(WaitForMultipleObjects(2, &e[8], TRUE, 0) == WAIT_TIMEOUT, "wait all: one unset");
	SetEvent(e[8]);
	CHECK(WaitForMultipleObjects(2, &e[8], TRUE, 0) == WAIT_OBJECT_0, "wait all: both");
	HANDLE same[2] = { e[1], e[1] };
	CHECK_FAIL(WaitForMultipleObjects(2, same, TRUE, 0), WAIT_FAILED, ERROR_INVALID_PARAMETER);
	CHECK(WaitForMultipleObjects(2, same, FALSE, 0) == WAIT_TIMEOUT, "duplicates in wait any");
	CHECK(DuplicateHandle(SELF, e[1], SELF, &dup, 0, FALSE, DUPLICATE_SAME_ACCESS), "dup");
	same[1] = dup;
	CHECK_FAIL(WaitForMultipleObjects(2, same, TRUE, 0), WAIT_FAILED, ERROR_INVALID_PARAMETER);
	CloseHandle(dup);
	HANDLE bad[2] = { e[0], NULL };
	CHECK_FAIL(WaitForMultipleObjects(2, bad, FALSE, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
	CHECK_FAIL(WaitForSingleObject(NULL, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
	CHECK(WaitForSingleObject(SELF, 0) == WAIT_TIMEOUT, "wait on own process");
	CHECK(WaitForSingleObjectEx(e[5], 0, TRUE) == WAIT_OBJECT_0, "Ex form");
	CHECK(WaitForMultipleObjectsEx(2, &e[6], FALSE, 0, FALSE) == WAIT_TIMEOUT, "Ex form");
	for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
		CloseHandle(e[i]);
}

static void events(void)
{
	char long_name[300];
	HANDLE a, b, m;

	SetLastError(DIRTY);
	a = CreateEventA(NULL, FALSE, FALSE, NULL);
	CHECK(a && GetLastError() == ERROR_SUCCESS, "unnamed create clears the error");
	CHECK(PulseEvent(a) && WaitForSingleObject(a, 0) == WAIT_TIMEOUT, "pulse, nobody waits");
	CHECK(SetEvent(a) && SetEvent(a), "set twice");
	CHECK(WaitForSingleObject(a, 0) == WAIT_OBJECT_0 && WaitForSingleObject(a, 0) ==
	      WAIT_TIMEOUT, "auto reset: one wait");
	CloseHandle(a);
	a = CreateEventA(NULL, TRUE, TRUE, "");
	b = CreateEventA(NULL, TRUE, FALSE, "");
	CHECK(a && b && GetLastError() == ERROR_SUCCESS, "an empty name is no name: %lu",
	      GetLastError());
	CHECK(WaitForSingleObject(b, 0) == WAIT_TIMEOUT, "two objects");
	CloseHandle(a);
	CloseHandle(b);

	a = CreateEventA(NULL, TRUE, FALSE, "conf-obj");
	CHECK_FAIL(CreateMutexA(NULL, FALSE, "conf-obj"), NULL, ERROR_INVALID_HANDLE);
	CHECK_FAIL(CreateSemaphoreA(NULL, 1, 1, "conf-obj"), NULL, ERROR_INVALID_HANDLE);
	CHECK_FAIL(OpenMutexA(SYNCHRONIZE, FALSE, "conf-obj"), NULL, ERROR_INVALID_HANDLE);
	CHECK_FAIL(OpenSemaphoreA(SYNCHRONIZE, FALSE, "conf-obj"), NULL, ERROR_INVALID_HANDLE);
	CHECK_FAIL(OpenEventA(SYNCHRONIZE, FALSE, "conf-none"), NULL, ERROR_FILE_NOT_FOUND);
	CHECK_FAIL(OpenEventA(SYNCHRONIZE, FALSE, NULL), NULL, ERROR_INVALID_PARAMETER);
	b = CreateEventA(NULL, TRUE, FALSE, "Conf-Obj");
	CHECK(b && GetLastError() == ERROR_SUCCESS, "names are case-sensitive");
	CloseHandle(b);
	b = OpenEventA(SYNCHRONIZE, FALSE, "conf-obj");
	CHECK(b != NULL, "OpenEventA: %lu", GetLastError());
	CHECK_FAIL(SetEvent(b), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(b);
	m = CreateMutexA(NULL, FALSE, NULL);
	CHECK_FAIL(SetEvent(m), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(ReleaseSemaphore(m, 1, NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(ReleaseMutex(a), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(SetEvent(NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(ResetEvent(NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(PulseEvent(NULL), FALSE, ERROR_INVALID_HANDLE);
	CloseHandle(m);
	CloseHandle(a);

	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = 0;
	CHECK_FAIL(CreateEventA(NULL, FALSE, FALSE, long_name), NULL, ERROR_FILENAME_EXCED_RANGE);
	long_name[MAX_PATH] = 0;        /* MAX_PATH characters: allowed */
	a = CreateEventA(NULL, FALSE, FALSE, long_name);
	CHECK(a != NULL, "a name of MAX_PATH characters: %lu", GetLastError());
	CloseHandle(a);
	CHECK_FAIL(CreateEventExA(NULL, NULL, 8, EVENT_ALL_ACCESS), NULL, ERROR_INVALID_PARAMETER);
}

static void mutexes(void)
{
	HANDLE m = CreateMutexA(NULL, TRUE, NULL), t, ev, pair[2];
	DWORD code;

	CHECK(m && ReleaseMutex(m), "initial owner releases");
	CHECK_FAIL(ReleaseMutex(m), FALSE, ERROR_NOT_OWNER);
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0 && WaitForSingleObject(m, 0) ==
	      WAIT_OBJECT_0, "recursive acquire");
	t = thread(release_not_owned, m, 0);
	WaitForSingleObject(t, INFINITE);
	CHECK(GetExitCodeThread(t, &code) && code == ERROR_NOT_OWNER, "other thread: %lu", code);
	CloseHandle(t);
	CHECK(ReleaseMutex(m) && ReleaseMutex(m), "two releases");
	CHECK_FAIL(ReleaseMutex(m), FALSE, ERROR_NOT_OWNER);

	t = thread(acquire_and_exit, m, 0);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CHECK(WaitForSingleObject(m, 0) == WAIT_ABANDONED, "abandoned");
	CHECK(ReleaseMutex(m), "the abandoned mutex is ours");
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0 && ReleaseMutex(m), "no longer abandoned");
	t = thread(acquire_and_exit, m, 0);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	pair[0] = ev;
	pair[1] = m;
	CHECK(WaitForMultipleObjects(2, pair, FALSE, 0) == WAIT_ABANDONED_0 + 1, "abandoned + 1");
	ReleaseMutex(m);
	t = thread(acquire_and_exit, m, 0);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	SetEvent(ev);
	code = WaitForMultipleObjects(2, pair, TRUE, 0);
	CHECK(code >= WAIT_ABANDONED_0 && code < WAIT_ABANDONED_0 + 2, "wait all: 0x%lx", code);
	ReleaseMutex(m);
	CloseHandle(ev);
	CloseHandle(m);

	m = CreateMutexExA(NULL, NULL, CREATE_MUTEX_INITIAL_OWNER, SYNCHRONIZE);
	CHECK(m && ReleaseMutex(m), "CreateMutexExA: owned, released with SYNCHRONIZE only");
	CHECK_FAIL(CreateMutexExA(NULL, NULL, 2, MUTEX_ALL_ACCESS), NULL, ERROR_INVALID_PARAMETER);
	t = CreateSemaphoreExA(NULL, 0, 1, NULL, 0, SYNCHRONIZE);
	CHECK_FAIL(ReleaseSemaphore(t, 1, NULL), FALSE, ERROR_ACCESS_DENIED);
	CHECK_FAIL(SignalObjectAndWait(t, m, 0, FALSE), WAIT_FAILED, ERROR_ACCESS_DENIED);
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "a refused signal took no wait");
	CHECK(SignalObjectAndWait(m, m, 0, FALSE) == WAIT_OBJECT_0, "release, then take again");
	CHECK(ReleaseMutex(m), "owned once");
	CHECK_FAIL(SignalObjectAndWait(m, t, 0, FALSE), WAIT_FAILED, ERROR_NOT_OWNER);
	CHECK_FAIL(SignalObjectAndWait(GetCurrentProcess(), m, 0, FALSE), WAIT_FAILED,
		   ERROR_INVALID_HANDLE);
	CloseHandle(t);
	CloseHandle(m);
	t = CreateSemaphoreA(NULL, 0, 1, NULL);
	ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	CHECK(SignalObjectAndWait(t, t, 0, FALSE) == WAIT_OBJECT_0, "semaphore released by one");
	CHECK(SignalObjectAndWait(ev, t, 10, FALSE) == WAIT_TIMEOUT &&
	      WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "event set, wait timed out");
	CHECK_FAIL(SignalObjectAndWait(ev, NULL, 0, FALSE), WAIT_FAILED, ERROR_INVALID_HANDLE);
	CHECK(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "nothing signaled by a failed call");
	CloseHandle(ev);
	CloseHandle(t);

	m = CreateMutexA(NULL, FALSE, "conf-mutex");
	t = CreateMutexA(NULL, TRUE, "conf-mutex");
	CHECK(t && GetLastError() == ERROR_ALREADY_EXISTS, "existing: %lu", GetLastError());
	CHECK_FAIL(ReleaseMutex(t), FALSE, ERROR_NOT_OWNER);   /* bInitialOwner ignored */
	CloseHandle(t);
	CloseHandle(m);
}

static void semaphores(void)
{
	LONG prev = -5;
	HANDLE s, t;

	CHECK_FAIL(CreateSemaphoreA(NULL, 3, 2, NULL), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(CreateSemaphoreA(NULL, -1, 2, NULL), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(CreateSemaphoreA(NULL, 0, 0, NULL), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(CreateSemaphoreA(NULL, 0, -4, NULL), NULL, ERROR_INVALID_PARAMETER);
	s = CreateSemaphoreA(NULL, 1, 3, "conf-sem");
	CHECK(s && GetLastError() == ERROR_SUCCESS, "create: %lu", GetLastError());
	CHECK(ReleaseSemaphore(s, 2, &prev) && prev == 1, "previous %ld", prev);
	prev = -5;
	CHECK_FAIL(ReleaseSemaphore(s, 1, &prev), FALSE, ERROR_TOO_MANY_POSTS);
	CHECK(prev == -5, "a refused release writes no previous count: %ld", prev);
	CHECK_FAIL(ReleaseSemaphore(s, 0, &prev), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(ReleaseSemaphore(s, -1, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "take one");
	CHECK(ReleaseSemaphore(s, 1, NULL), "release without previous count");
	CHECK_FAIL(ReleaseSemaphore(s, 0x7FFFFFFF, &prev), FALSE, ERROR_TOO_MANY_POSTS);
	t = CreateSemaphoreA(NULL, 0, 1, "conf-sem");
	CHECK(t && GetLastError() == ERROR_ALREADY_EXISTS, "opened existing: %lu", GetLastError());
	CHECK(ReleaseSemaphore(t, 0x7FFFFFFF, &prev) == FALSE, "overflow refused");
	for (int i = 0; i < 3; i++)
		CHECK(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "count 3 kept (%d)", i);
	CHECK(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "empty");
	CloseHandle(t);
	t = OpenSemaphoreA(SYNCHRONIZE, FALSE, "conf-sem");
	CHECK_FAIL(ReleaseSemaphore(t, 1, NULL), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(t);
	CloseHandle(s);
}

static void slim_locks(void)
{
	INIT_ONCE once = INIT_ONCE_STATIC_INIT;
	HANDLE t[4];
	PVOID ctx = NULL;

	AcquireSRWLockShared(&srw);
	CHECK(TryAcquireSRWLockShared(&srw) && !TryAcquireSRWLockExclusive(&srw), "two readers");
	ReleaseSRWLockShared(&srw);
	ReleaseSRWLockShared(&srw);
	CHECK(TryAcquireSRWLockExclusive(&srw) && !TryAcquireSRWLockShared(&srw), "a writer");
	ReleaseSRWLockExclusive(&srw);
	counter = 0;
	for (int i = 0; i < 4; i++)
		t[i] = thread(srw_adder, NULL, 0);
	WaitForMultipleObjects(4, t, TRUE, INFINITE);
	for (int i = 0; i < 4; i++)
		CloseHandle(t[i]);
	CHECK(counter == 4000, "SRW exclusion: %ld", counter);

	InitializeCriticalSection(&cs);
	EnterCriticalSection(&cs);
	CHECK_FAIL(SleepConditionVariableCS(&cv, &cs, 20), FALSE, ERROR_TIMEOUT);
	CHECK(TryEnterCriticalSection(&cs) && cs.RecursionCount == 2, "the section is held again");
	LeaveCriticalSection(&cs);
	LeaveCriticalSection(&cs);
	counter = 0;
	for (int i = 0; i < 3; i++)
		t[i] = thread(cv_waiter, NULL, 0);
	Sleep(30);
	EnterCriticalSection(&cs);
	ready = 1;
	WakeAllConditionVariable(&cv);
	LeaveCriticalSection(&cs);
	CHECK(WaitForMultipleObjects(3, t, TRUE, 5000) == WAIT_OBJECT_0 && counter == 3,
	      "WakeAll woke %ld", counter);
	for (int i = 0; i < 3; i++)
		CloseHandle(t[i]);
	AcquireSRWLockExclusive(&srw);
	CHECK_FAIL(SleepConditionVariableSRW(&cv, &srw, 10, 0), FALSE, ERROR_TIMEOUT);
	CHECK(!TryAcquireSRWLockShared(&srw), "the SRW lock is held again");
	ReleaseSRWLockExclusive(&srw);
	DeleteCriticalSection(&cs);

	CHECK(!InitOnceExecuteOnce(&once, once_fn, NULL, &ctx) && once_runs == 1, "a failed once");
	CHECK(InitOnceExecuteOnce(&once, once_fn, (PVOID)0x40, &ctx) && ctx == (PVOID)0x40,
	      "tried again: %p", ctx);
	ctx = NULL;
	CHECK(InitOnceExecuteOnce(&once, once_fn, (PVOID)0x80, &ctx) && ctx == (PVOID)0x40 &&
	      once_runs == 2, "runs once: %ld runs, context %p", once_runs, ctx);
}

int main(void)
{
	threads();
	waits();
	events();
	mutexes();
	semaphores();
	slim_locks();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
