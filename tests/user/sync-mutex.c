/* Mutexes: recursive ownership by a thread, ERROR_NOT_OWNER for anyone else,
 * a mutex handed from one process's thread to another's, abandonment when
 * the owner's process exits or is terminated (WAIT_ABANDONED once, then
 * WAIT_OBJECT_0; WAIT_ABANDONED_0 + i from WaitForMultipleObjects), rights
 * as Windows checks them, create-or-open by name, names of another type, and
 * bad input. Today one thread per process, so the other threads are
 * children's. */
#include <windows.h>

#define TEST_NAME "sync-mutex"
#include "check.h"
#include "ob-common.h"

#define NAME     "vados-sync-mutex"
#define ACQUIRED "vados-sync-mutex-acquired"
#define CHILD_TIMEOUT 10000

static void recursion_and_not_owner(void)
{
	HANDLE m = CreateMutexA(NULL, TRUE, NULL), free_one = CreateMutexA(NULL, FALSE, NULL);
	int i;

	CHECK(m && free_one && GetLastError() == ERROR_SUCCESS, "CreateMutexA: %lu",
	      GetLastError());
	for (i = 0; i < 31; i++)
		CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "the owner waits again (%d)", i);
	for (i = 0; i < 32; i++)
		CHECK_OK(ReleaseMutex(m));
	CHECK_ERR(ReleaseMutex(m), ERROR_NOT_OWNER);            /* one release too many */
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "free again: acquired");
	CHECK_OK(ReleaseMutex(m));
	CHECK_ERR(ReleaseMutex(free_one), ERROR_NOT_OWNER);     /* never owned */
	CHECK(ob_access(GetCurrentProcessId(), m) == MUTEX_ALL_ACCESS, "created with every right");
	CloseHandle(free_one);
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "acquired before its close");
	CloseHandle(m);         /* the last handle of an owned mutex: it goes (leak check) */
}

/* Another process's thread: neither releases nor acquires the mutex the
 * parent owns. */
static int child_not_owner(void)
{
	HANDLE m = OpenMutexA(SYNCHRONIZE, FALSE, NAME);

	if (!m)
		return 10;
	if (ReleaseMutex(m) || GetLastError() != ERROR_NOT_OWNER)
		return 11;
	return WaitForSingleObject(m, 0) == WAIT_TIMEOUT ? 0 : 12;
}

/* Acquires the named mutex (after the parent lets go), says so, and then
 * exits owning it (how = "exit"), or sleeps until terminated ("hang"). */
static int child_take(const char *how)
{
	HANDLE m = OpenMutexA(SYNCHRONIZE, FALSE, NAME);
	HANDLE acquired = OpenEventA(EVENT_MODIFY_STATE, FALSE, ACQUIRED);

	if (!m || !acquired)
		return 20;
	ob_started();
	if (WaitForSingleObject(m, CHILD_TIMEOUT) != WAIT_OBJECT_0)
		return 21;
	SetEvent(acquired);
	Sleep(strcmp(how, "hang") == 0 ? INFINITE : 100);
	return 5;
}

static void across_processes(const char *self)
{
	HANDLE m = CreateMutexA(NULL, TRUE, NAME);
	HANDLE acquired = CreateEventA(NULL, FALSE, FALSE, ACQUIRED);
	HANDLE never = CreateEventA(NULL, TRUE, FALSE, NULL);
	PROCESS_INFORMATION pi;

	CHECK(m && acquired && never, "create: %lu", GetLastError());
	if (ob_start(self, "not-owner", FALSE, &pi))
		CHECK(ob_reap(pi.hProcess, FALSE) == 0, "a non-owner releases or acquires it");

	/* Handed over: the child blocks until the parent releases, then it
	 * exits owning it while the parent waits for it (blocked). */
	if (ob_start(self, "take exit", FALSE, &pi)) {
		Sleep(50);
		CHECK(WaitForSingleObject(acquired, 0) == WAIT_TIMEOUT, "owned by the parent");
		CHECK_OK(ReleaseMutex(m));
		CHECK(WaitForSingleObject(acquired, CHILD_TIMEOUT) == WAIT_OBJECT_0,
		      "the waiting child got it");
		CHECK(WaitForSingleObject(m, 0) == WAIT_TIMEOUT, "owned by the child now");
		HANDLE two[2] = { never, m };
		CHECK(WaitForMultipleObjects(2, two, FALSE, CHILD_TIMEOUT) == WAIT_ABANDONED_0 + 1,
		      "the child exited owning it: abandoned to the blocked parent");
		CHECK(ob_reap(pi.hProcess, FALSE) == 5, "the child's own exit");
		CHECK_OK(ReleaseMutex(m));
		CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "abandoned only once");
	}

	/* Terminated while owning it, nobody waiting: the next wait finds it
	 * abandoned, wait-all too (WAIT_ABANDONED_0). */
	CHECK_OK(ReleaseMutex(m));
	if (ob_start(self, "take hang", FALSE, &pi)) {
		CHECK(WaitForSingleObject(acquired, CHILD_TIMEOUT) == WAIT_OBJECT_0, "acquired");
		CHECK(ob_reap(pi.hProcess, TRUE) == 0, "terminated");
		SetEvent(never);
		HANDLE two[2] = { never, m };
		CHECK(WaitForMultipleObjects(2, two, TRUE, 0) == WAIT_ABANDONED_0,
		      "wait-all with an abandoned mutex");
		ResetEvent(never);
		CHECK_OK(ReleaseMutex(m));
	}
	CloseHandle(m);
	CloseHandle(acquired);
	CloseHandle(never);
}

/* Windows demands SYNCHRONIZE to wait and nothing to release (Wine's tests,
 * run on Windows: any handle releases; MUTEX_MODIFY_STATE is "reserved"). */
static void rights(void)
{
	HANDLE m = CreateMutexA(NULL, FALSE, NAME), h;

	h = OpenMutexA(READ_CONTROL, FALSE, NAME);
	CHECK(h && WaitForSingleObject(h, 0) == WAIT_FAILED &&
	      GetLastError() == ERROR_ACCESS_DENIED, "a wait needs SYNCHRONIZE");
	CHECK(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "acquired through the full handle");
	CHECK_OK(ReleaseMutex(h));                              /* READ_CONTROL releases */
	CloseHandle(h);
	h = OpenMutexA(MUTEX_MODIFY_STATE, FALSE, NAME);
	CHECK(h && ob_access(GetCurrentProcessId(), h) == MUTEX_MODIFY_STATE,
	      "MUTEX_MODIFY_STATE granted");
	CHECK(WaitForSingleObject(h, 0) == WAIT_FAILED && GetLastError() == ERROR_ACCESS_DENIED,
	      "MUTEX_MODIFY_STATE does not wait");
	CloseHandle(h);
	h = OpenMutexA(GENERIC_READ | GENERIC_WRITE, FALSE, NAME);
	CHECK(h && WaitForSingleObject(h, 0) == WAIT_FAILED, "GENERIC_READ|WRITE: no SYNCHRONIZE");
	CloseHandle(h);
	h = OpenMutexA(GENERIC_EXECUTE, FALSE, NAME);
	CHECK(h && ob_access(GetCurrentProcessId(), h) == (SYNCHRONIZE | READ_CONTROL),
	      "GENERIC_EXECUTE maps to 0x120000");
	CHECK(WaitForSingleObject(h, 0) == WAIT_OBJECT_0, "GENERIC_EXECUTE waits");
	CHECK_OK(ReleaseMutex(h));
	CloseHandle(h);
	CHECK_ERR(OpenMutexA(2, FALSE, NAME), ERROR_ACCESS_DENIED);     /* not a mutex right */
	CloseHandle(m);
}

static void names(void)
{
	SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
	HANDLE a = CreateMutexA(&inherit, FALSE, NAME), b, e, s;
	DWORD flags = 0;

	CHECK(a && GetLastError() == ERROR_SUCCESS, "created: %lu", GetLastError());
	CHECK(GetHandleInformation(a, &flags) && flags == HANDLE_FLAG_INHERIT, "inheritable");
	b = CreateMutexA(NULL, TRUE, NAME);
	CHECK(b && b != a && GetLastError() == ERROR_ALREADY_EXISTS, "opened: %lu", GetLastError());
	CHECK_ERR(ReleaseMutex(b), ERROR_NOT_OWNER);    /* bInitialOwner ignored for an existing one */
	CHECK(WaitForSingleObject(b, 0) == WAIT_OBJECT_0 && ReleaseMutex(a), "one mutex, two handles");
	CHECK_ERR(OpenMutexA(SYNCHRONIZE, FALSE, "no-such-mutex"), ERROR_FILE_NOT_FOUND);
	CHECK_ERR(OpenMutexA(SYNCHRONIZE, FALSE, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(OpenMutexA(SYNCHRONIZE, FALSE, "VADOS-SYNC-MUTEX"), ERROR_FILE_NOT_FOUND);
	CHECK_ERR(CreateMutexA(NULL, FALSE, "a\\b"), ERROR_PATH_NOT_FOUND);
	CHECK_ERR(CreateMutexA(NULL, FALSE, (LPCSTR)0x80000000), ERROR_NOACCESS);
	CHECK_ERR(OpenMutexA(SYNCHRONIZE, FALSE, (LPCSTR)0x80000000), ERROR_NOACCESS);

	/* One namespace: a name held by another type. */
	e = CreateEventA(NULL, TRUE, FALSE, NAME "-event");
	s = CreateSemaphoreA(NULL, 1, 1, NAME "-semaphore");
	CHECK_ERR(CreateMutexA(NULL, FALSE, NAME "-event"), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenMutexA(SYNCHRONIZE, FALSE, NAME "-semaphore"), ERROR_INVALID_HANDLE);
	CHECK_ERR(CreateEventA(NULL, TRUE, FALSE, NAME), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenEventA(SYNCHRONIZE, FALSE, NAME), ERROR_INVALID_HANDLE);
	CHECK_ERR(CreateSemaphoreA(NULL, 0, 1, NAME), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenSemaphoreA(SYNCHRONIZE, FALSE, NAME), ERROR_INVALID_HANDLE);

	/* Handles that are no mutex. */
	CHECK_ERR(ReleaseMutex(e), ERROR_INVALID_HANDLE);
	CHECK_ERR(ReleaseMutex(s), ERROR_INVALID_HANDLE);
	CHECK_ERR(ReleaseMutex(GetCurrentProcess()), ERROR_INVALID_HANDLE);
	CHECK_ERR(ReleaseMutex(NULL), ERROR_INVALID_HANDLE);
	CHECK_ERR(ReleaseMutex((HANDLE)0x7ffc), ERROR_INVALID_HANDLE);
	CHECK_ERR(SetEvent(a), ERROR_INVALID_HANDLE);
	CloseHandle(e);
	CloseHandle(s);
	CloseHandle(a);
	CloseHandle(b);
	CHECK_ERR(OpenMutexA(SYNCHRONIZE, FALSE, NAME), ERROR_FILE_NOT_FOUND);  /* gone with its handles */
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "not-owner") == 0)
		return child_not_owner();
	if (argc == 3 && strcmp(argv[1], "take") == 0)
		return child_take(argv[2]);
	recursion_and_not_owner();
	across_processes(argv[0]);
	rights();
	names();
	printf("sync-mutex: %d failures\n", failures);
	return failures;
}
