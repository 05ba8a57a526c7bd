/* Semaphores: counts taken by waits, ReleaseSemaphore's previous count and
 * limit (ERROR_TOO_MANY_POSTS, nothing changed), bad counts and pointers,
 * rights (SEMAPHORE_MODIFY_STATE to release, SYNCHRONIZE to wait),
 * create-or-open by name with the counts ignored, and a release of 2 letting
 * exactly two of three waiting processes through. */
#include <windows.h>

#define TEST_NAME "sync-semaphore"
#include "check.h"
#include "ob-common.h"

#define NAME  "vados-sync-semaphore"
#define READY "vados-sync-semaphore-ready"
#define WAITERS 3
#define CHILD_TIMEOUT 10000

/* How many waits on s succeed at once (each takes one); the count is then 0. */
static int drain(HANDLE s)
{
	int n = 0;

	while (n < 100 && WaitForSingleObject(s, 0) == WAIT_OBJECT_0)
		n++;
	return n;
}

static void counts_and_limit(void)
{
	HANDLE s = CreateSemaphoreA(NULL, 2, 3, NULL);
	LONG previous = 12345;

	CHECK(s && GetLastError() == ERROR_SUCCESS, "CreateSemaphoreA: %lu", GetLastError());
	CHECK(ob_access(GetCurrentProcessId(), s) == SEMAPHORE_ALL_ACCESS, "every right");
	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "count 2: first wait");
	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "count 1: second wait");
	CHECK(WaitForSingleObject(s, 20) == WAIT_TIMEOUT, "count 0: the third times out");
	CHECK(ReleaseSemaphore(s, 1, &previous) && previous == 0, "previous 0: %ld", previous);
	CHECK(ReleaseSemaphore(s, 2, &previous) && previous == 1, "previous 1: %ld", previous);
	previous = 12345;
	CHECK_ERR(ReleaseSemaphore(s, 1, &previous), ERROR_TOO_MANY_POSTS);
	CHECK(previous == 12345, "not written on failure: %ld", previous);
	CHECK_ERR(ReleaseSemaphore(s, 0x7fffffff, NULL), ERROR_TOO_MANY_POSTS);
	CHECK_ERR(ReleaseSemaphore(s, 0, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(ReleaseSemaphore(s, -1, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(ReleaseSemaphore(s, 1, (LPLONG)0x80000000), ERROR_NOACCESS);
	CHECK_ERR(ReleaseSemaphore(s, 1, (LPLONG)"read-only"), ERROR_NOACCESS);
	CHECK(drain(s) == 3, "the failures changed nothing: still 3");
	CHECK(ReleaseSemaphore(s, 3, NULL), "lpPreviousCount is optional");
	CHECK(drain(s) == 3, "released 3");
	CloseHandle(s);

	s = CreateSemaphoreA(NULL, 0x7fffffff, 0x7fffffff, NULL);
	CHECK(s != NULL, "the largest maximum");
	CHECK_ERR(ReleaseSemaphore(s, 1, NULL), ERROR_TOO_MANY_POSTS);
	CloseHandle(s);
	CHECK_ERR(CreateSemaphoreA(NULL, -1, 1, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateSemaphoreA(NULL, 0, 0, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateSemaphoreA(NULL, 0, -5, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateSemaphoreA(NULL, 2, 1, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateSemaphoreA(NULL, 1, 1, (LPCSTR)0x80000000), ERROR_NOACCESS);
	CHECK_ERR(ReleaseSemaphore(GetCurrentProcess(), 1, NULL), ERROR_INVALID_HANDLE);
	CHECK_ERR(ReleaseSemaphore((HANDLE)0x7ffc, 1, NULL), ERROR_INVALID_HANDLE);
}

static void names_and_rights(void)
{
	HANDLE a = CreateSemaphoreA(NULL, 0, 5, NAME), b, h;
	LONG previous = -1;

	CHECK(a && GetLastError() == ERROR_SUCCESS, "created: %lu", GetLastError());
	b = CreateSemaphoreA(NULL, 4, 4, NAME);
	CHECK(b && GetLastError() == ERROR_ALREADY_EXISTS, "opened: %lu", GetLastError());
	CHECK(WaitForSingleObject(b, 0) == WAIT_TIMEOUT, "the counts of an existing one ignored");
	CHECK(ReleaseSemaphore(b, 5, &previous) && previous == 0, "its limit is still 5");
	CHECK(drain(a) == 5, "one semaphore behind both handles");
	h = OpenSemaphoreA(SYNCHRONIZE, FALSE, NAME);
	CHECK(h != NULL, "OpenSemaphoreA: %lu", GetLastError());
	CHECK_ERR(ReleaseSemaphore(h, 1, NULL), ERROR_ACCESS_DENIED);
	CloseHandle(h);
	h = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE, FALSE, NAME);
	CHECK(h && ReleaseSemaphore(h, 1, NULL), "SEMAPHORE_MODIFY_STATE releases");
	CHECK(WaitForSingleObject(h, 0) == WAIT_FAILED && GetLastError() == ERROR_ACCESS_DENIED,
	      "a wait needs SYNCHRONIZE");
	CloseHandle(h);
	h = OpenSemaphoreA(GENERIC_WRITE, FALSE, NAME);
	CHECK(h && ob_access(GetCurrentProcessId(), h) == (READ_CONTROL | SEMAPHORE_MODIFY_STATE),
	      "GENERIC_WRITE maps to 0x20002");
	CloseHandle(h);
	CHECK(drain(a) == 1, "released through the modify-only handle");
	CHECK_ERR(OpenSemaphoreA(SYNCHRONIZE, FALSE, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(OpenSemaphoreA(SYNCHRONIZE, FALSE, "no-such-semaphore"), ERROR_FILE_NOT_FOUND);
	CHECK_ERR(OpenSemaphoreA(4, FALSE, NAME), ERROR_ACCESS_DENIED);
	CloseHandle(a);
	CloseHandle(b);
}

/* A waiter: says it is ready, then waits for the named semaphore; 0 when it
 * got it, 1 when it timed out. */
static int child_waiter(void)
{
	HANDLE s = OpenSemaphoreA(SYNCHRONIZE, FALSE, NAME);
	HANDLE ready = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE, FALSE, READY);

	ob_started();
	if (!s || !ready || !ReleaseSemaphore(ready, 1, NULL))
		return 2;
	return WaitForSingleObject(s, CHILD_TIMEOUT) == WAIT_OBJECT_0 ? 0 : 1;
}

static void release_frees_up_to_count(const char *self)
{
	HANDLE s = CreateSemaphoreA(NULL, 0, WAITERS, NAME);
	HANDLE ready = CreateSemaphoreA(NULL, 0, WAITERS, READY);
	HANDLE child[WAITERS];
	PROCESS_INFORMATION pi;
	LONG previous = -1;
	int started = 0;

	for (int i = 0; i < WAITERS; i++)
		if (ob_start(self, "waiter", FALSE, &pi))
			child[started++] = pi.hProcess;
	for (int i = 0; i < started; i++)
		CHECK(WaitForSingleObject(ready, CHILD_TIMEOUT) == WAIT_OBJECT_0, "child %d ready", i);
	Sleep(50);              /* they block on the semaphore */
	CHECK(ob_ended(child, started) == 0, "all three wait");
	CHECK(ReleaseSemaphore(s, 2, &previous) && previous == 0, "release 2: %ld", previous);
	CHECK(ob_wait_ended(child, started, 2, CHILD_TIMEOUT) >= 2, "two got through");
	Sleep(100);
	CHECK(ob_ended(child, started) == 2, "exactly two got through: %d", ob_ended(child, started));
	CHECK(ReleaseSemaphore(s, 1, &previous) && previous == 0, "both counts were taken");
	CHECK(ob_wait_ended(child, started, 3, CHILD_TIMEOUT) == 3, "the third got the last one");
	for (int i = 0; i < started; i++)
		CHECK(ob_reap(child[i], FALSE) == 0, "child %d got the semaphore", i);
	CHECK(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "nothing left");
	CloseHandle(s);
	CloseHandle(ready);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "waiter") == 0)
		return child_waiter();
	counts_and_limit();
	names_and_rights();
	release_frees_up_to_count(argv[0]);
	printf("sync-semaphore: %d failures\n", failures);
	return failures;
}
