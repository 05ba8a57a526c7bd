/* WaitForMultipleObjects and what waits consume: wait-any takes the lowest
 * signaled index, wait-all takes all at once or nothing (a semaphore at 1
 * and an unset event: the wait times out and the semaphore is still 1),
 * timeouts, INFINITE waits ended by another process (wait-any and
 * wait-all), 64 handles, processes among the objects, an auto-reset event
 * set once freeing exactly one of three waiting processes, a process
 * terminated while waiting on several objects, and bad input (counts,
 * pointers, handles, rights, an object twice in a wait-all) failing with
 * WAIT_FAILED and the error, nothing consumed. */
#include <windows.h>

#define TEST_NAME "sync-wait"
#include "check.h"
#include "ob-common.h"

#define NAME "vados-sync-wait"
#define CHILD_TIMEOUT 10000

static void lowest_index(void)
{
	HANDLE h[4] = {
		CreateEventA(NULL, FALSE, FALSE, NULL), CreateEventA(NULL, TRUE, TRUE, NULL),
		CreateSemaphoreA(NULL, 1, 1, NULL), CreateEventA(NULL, TRUE, TRUE, NULL),
	};

	CHECK(WaitForMultipleObjects(4, h, FALSE, 0) == WAIT_OBJECT_0 + 1, "1, 2 and 3 signaled");
	CHECK(WaitForMultipleObjects(4, h, FALSE, 0) == WAIT_OBJECT_0 + 1, "a manual event stays");
	ResetEvent(h[1]);
	CHECK(WaitForMultipleObjects(4, h, FALSE, 0) == WAIT_OBJECT_0 + 2, "then the semaphore");
	CHECK(WaitForMultipleObjects(4, h, FALSE, 0) == WAIT_OBJECT_0 + 3, "which it took");
	SetEvent(h[0]);
	CHECK(WaitForMultipleObjects(4, h, FALSE, 0) == WAIT_OBJECT_0, "an auto event at 0");
	CHECK(WaitForSingleObject(h[0], 0) == WAIT_TIMEOUT, "reset by the wait-any");
	HANDLE twice[2] = { h[2], h[2] };
	ReleaseSemaphore(h[2], 1, NULL);
	CHECK(WaitForMultipleObjects(2, twice, FALSE, 0) == WAIT_OBJECT_0, "twice in a wait-any");
	for (int i = 0; i < 4; i++)
		CloseHandle(h[i]);
}

static void wait_all_is_atomic(void)
{
	HANDLE s = CreateSemaphoreA(NULL, 1, 5, NULL), e = CreateEventA(NULL, FALSE, FALSE, NULL);
	HANDLE h[2] = { s, e };
	LONG previous = -1;

	CHECK(WaitForMultipleObjects(2, h, TRUE, 50) == WAIT_TIMEOUT, "the event is not set");
	CHECK(ReleaseSemaphore(s, 1, &previous) && previous == 1, "the semaphore is still 1: %ld",
	      previous);
	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "back to 1");
	SetEvent(e);
	CHECK(WaitForMultipleObjects(2, h, TRUE, 0) == WAIT_OBJECT_0, "both signaled");
	CHECK(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "the semaphore was taken");
	CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "the auto event was reset");
	CloseHandle(s);
	CloseHandle(e);
}

static void timeouts(void)
{
	HANDLE h[3] = { CreateEventA(NULL, TRUE, FALSE, NULL), CreateEventA(NULL, TRUE, FALSE, NULL),
			CreateEventA(NULL, TRUE, FALSE, NULL) };
	DWORD start = GetTickCount(), took;

	CHECK(WaitForMultipleObjects(3, h, FALSE, 0) == WAIT_TIMEOUT, "0 ms: only tests");
	CHECK(WaitForMultipleObjects(3, h, FALSE, 100) == WAIT_TIMEOUT, "wait-any 100 ms");
	CHECK(WaitForMultipleObjects(3, h, TRUE, 100) == WAIT_TIMEOUT, "wait-all 100 ms");
	took = GetTickCount() - start;
	CHECK(took >= 180 && took < 5000, "two 100 ms waits took %lu ms", took);
	SetEvent(h[0]);
	SetEvent(h[1]);
	CHECK(WaitForMultipleObjects(3, h, TRUE, 50) == WAIT_TIMEOUT, "two of three");
	for (int i = 0; i < 3; i++)
		CloseHandle(h[i]);
}

/* The child sets NAME-2 after a pause, then NAME-0 and NAME-1. */
static int child_setter(void)
{
	HANDLE e[3];
	char name[64];

	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), NAME "-%d", i);
		if (!(e[i] = OpenEventA(EVENT_MODIFY_STATE, FALSE, name)))
			return 1;
	}
	ob_started();
	Sleep(100);
	SetEvent(e[2]);
	Sleep(100);
	SetEvent(e[0]);
	Sleep(100);
	SetEvent(e[1]);
	return 0;
}

static void woken_by_another_process(const char *self)
{
	HANDLE e[3], all[2];
	PROCESS_INFORMATION pi;
	char name[64];

	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), NAME "-%d", i);
		e[i] = CreateEventA(NULL, FALSE, FALSE, name);
	}
	if (!ob_start(self, "setter", FALSE, &pi))
		return;
	CHECK(WaitForMultipleObjects(3, e, FALSE, INFINITE) == WAIT_OBJECT_0 + 2,
	      "INFINITE wait-any: the event the child set");
	all[0] = e[0];
	all[1] = e[1];
	CHECK(WaitForMultipleObjects(2, all, TRUE, CHILD_TIMEOUT) == WAIT_OBJECT_0,
	      "wait-all: done when the second is set");
	CHECK(WaitForSingleObject(e[0], 0) == WAIT_TIMEOUT && WaitForSingleObject(e[1], 0) ==
	      WAIT_TIMEOUT, "both consumed");
	HANDLE mixed[2] = { e[2], pi.hProcess };
	CHECK(WaitForMultipleObjects(2, mixed, FALSE, CHILD_TIMEOUT) == WAIT_OBJECT_0 + 1,
	      "a process among the objects");
	CHECK(ob_reap(pi.hProcess, FALSE) == 0, "the setter's code");
	for (int i = 0; i < 3; i++)
		CloseHandle(e[i]);
}

static void sixty_four(void)
{
	HANDLE h[MAXIMUM_WAIT_OBJECTS + 1];
	int i;

	for (i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
		h[i] = CreateEventA(NULL, FALSE, FALSE, NULL);
	SetEvent(h[63]);
	CHECK(WaitForMultipleObjects(64, h, FALSE, 0) == WAIT_OBJECT_0 + 63, "the 64th");
	for (i = 0; i < 64; i++)
		SetEvent(h[i]);
	CHECK(WaitForMultipleObjects(64, h, TRUE, 0) == WAIT_OBJECT_0, "all 64");
	CHECK(WaitForMultipleObjects(64, h, FALSE, 0) == WAIT_TIMEOUT, "all 64 were reset");
	SetEvent(h[64]);
	SetLastError(0);
	CHECK(WaitForMultipleObjects(65, h, FALSE, 0) == WAIT_FAILED &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "65 handles");
	CHECK(WaitForSingleObject(h[64], 0) == WAIT_OBJECT_0, "not consumed");
	for (i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
		CloseHandle(h[i]);
}

/* n processes wait on the auto-reset event NAME; each returns 0 when it got it. */
static int child_waiter(void)
{
	HANDLE e = OpenEventA(SYNCHRONIZE, FALSE, NAME);

	ob_started();
	return e && WaitForSingleObject(e, CHILD_TIMEOUT) == WAIT_OBJECT_0 ? 0 : 1;
}

static void auto_event_frees_one(const char *self)
{
	HANDLE e = CreateEventA(NULL, FALSE, FALSE, NAME), child[3];
	PROCESS_INFORMATION pi;
	int n = 0;

	for (int i = 0; i < 3; i++)
		if (ob_start(self, "waiter", FALSE, &pi))
			child[n++] = pi.hProcess;
	Sleep(50);
	CHECK(ob_ended(child, n) == 0, "all wait");
	for (int round = 1; round <= n; round++) {
		SetEvent(e);
		CHECK(ob_wait_ended(child, n, round, CHILD_TIMEOUT) >= round, "one more ended");
		Sleep(50);
		CHECK(ob_ended(child, n) == round, "SetEvent %d freed exactly one: %d ended", round,
		      ob_ended(child, n));
		CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "and left the event reset");
	}
	for (int i = 0; i < n; i++)
		CHECK(ob_reap(child[i], FALSE) == 0, "child %d got the event", i);
	CloseHandle(e);
}

/* Blocks on two events nobody sets until terminated. */
static int child_stuck(void)
{
	HANDLE h[2] = { CreateEventA(NULL, TRUE, FALSE, NULL), CreateEventA(NULL, TRUE, FALSE, NULL) };

	ob_started();
	WaitForMultipleObjects(2, h, TRUE, INFINITE);
	return 3;
}

static void terminated_while_waiting(const char *self)
{
	PROCESS_INFORMATION pi;

	if (!ob_start(self, "stuck", FALSE, &pi))
		return;
	Sleep(50);
	CHECK(WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT, "it waits");
	CHECK(TerminateProcess(pi.hProcess, 0x66), "TerminateProcess");
	CHECK(WaitForSingleObject(pi.hProcess, CHILD_TIMEOUT) == WAIT_OBJECT_0, "it ended");
	CHECK(ob_reap(pi.hProcess, FALSE) == 0x66, "with the termination code");
}

/* A failed wait: WAIT_FAILED with err, and s (at 1) untouched. */
static void check_failed(int line, HANDLE s, DWORD n, const HANDLE *h, BOOL all, DWORD err)
{
	DWORD r;

	SetLastError(0xE0E0);
	r = WaitForMultipleObjects(n, h, all, 0);
	if (r != WAIT_FAILED || GetLastError() != err) {
		failures++;
		printf(TEST_NAME ": line %d: returned 0x%lx with error %lu, want WAIT_FAILED, %lu\n",
		       line, r, GetLastError(), err);
	}
	if (WaitForSingleObject(s, 0) != WAIT_OBJECT_0) {
		failures++;
		printf(TEST_NAME ": line %d: the failed wait took the semaphore\n", line);
	}
	ReleaseSemaphore(s, 1, NULL);
}
#define CHECK_FAILED(...) check_failed(__LINE__, __VA_ARGS__)

static void bad_input(void)
{
	HANDLE s = CreateSemaphoreA(NULL, 1, 1, NULL), e = CreateEventA(NULL, TRUE, TRUE, NULL);
	HANDLE no_sync, h[3];

	DuplicateHandle(GetCurrentProcess(), e, GetCurrentProcess(), &no_sync, EVENT_MODIFY_STATE,
			FALSE, 0);
	h[0] = s;
	CHECK_FAILED(s, 0, h, FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAILED(s, 65, h, FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAILED(s, 0xFFFFFFFF, h, TRUE, ERROR_INVALID_PARAMETER);
	CHECK_FAILED(s, 1, NULL, FALSE, ERROR_NOACCESS);
	CHECK_FAILED(s, 2, (const HANDLE *)0x80000000, FALSE, ERROR_NOACCESS);
	h[1] = e;
	h[2] = (HANDLE)0x7ffc;
	CHECK_FAILED(s, 3, h, FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAILED(s, 3, h, TRUE, ERROR_INVALID_HANDLE);
	h[2] = NULL;
	CHECK_FAILED(s, 3, h, FALSE, ERROR_INVALID_HANDLE);
	h[2] = no_sync;
	CHECK_FAILED(s, 3, h, FALSE, ERROR_ACCESS_DENIED);
	h[2] = s;
	CHECK_FAILED(s, 3, h, TRUE, ERROR_INVALID_PARAMETER);   /* s twice in a wait-all */
	h[2] = e;
	CHECK_FAILED(s, 3, h, TRUE, ERROR_INVALID_PARAMETER);   /* e twice */
	h[1] = GetCurrentProcess();
	CHECK(WaitForMultipleObjects(2, &h[1], FALSE, 0) == WAIT_OBJECT_0 + 1,
	      "the pseudo-handle is this (running) process");
	CHECK(WaitForMultipleObjects(2, &h[1], TRUE, 0) == WAIT_TIMEOUT, "which never is signaled");
	CloseHandle(no_sync);
	CloseHandle(s);
	CloseHandle(e);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "setter") == 0)
		return child_setter();
	if (argc == 2 && strcmp(argv[1], "waiter") == 0)
		return child_waiter();
	if (argc == 2 && strcmp(argv[1], "stuck") == 0)
		return child_stuck();
	lowest_index();
	wait_all_is_atomic();
	timeouts();
	woken_by_another_process(argv[0]);
	sixty_four();
	auto_event_frees_one(argv[0]);
	terminated_while_waiting(argv[0]);
	bad_input();
	printf("sync-wait: %d failures\n", failures);
	return failures;
}
