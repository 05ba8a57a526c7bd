/* Bad input to every thread call gets Windows' answer and changes nothing:
 * NULL, never-opened, closed, pseudo and wrong-type handles fail with
 * ERROR_INVALID_HANDLE and each call's failure value (0, FALSE, (DWORD)-1,
 * THREAD_PRIORITY_ERROR_RETURN, WAIT_FAILED); a handle without the right
 * fails with ERROR_ACCESS_DENIED; OpenThread of no thread fails with
 * ERROR_INVALID_PARAMETER; the 128th SuspendThread fails with
 * ERROR_SIGNAL_REFUSED (MAXIMUM_SUSPEND_COUNT 127); stack sizes nothing can
 * hold fail and leave no commit; output pointers into unmapped memory raise
 * an access violation in the caller, as kernel32 writes them in user mode
 * (CreateThread's thread is made all the same); a thread terminating itself
 * while others run leaves its handles sound. */
#include <psapi.h>
#include <windows.h>

#define TEST_NAME "thread-bad-input"
#include "check.h"
#include "ob-common.h"

#define UNMAPPED ((void *)0x00001000)

static DWORD WINAPI quick(LPVOID p)
{
	return (DWORD)p;
}

static DWORD WINAPI sleep_long(LPVOID p)
{
	(void)p;
	Sleep(INFINITE);
	return 0;
}

/* Every call on h fails with error and its failure value (the wait too,
 * unless h is a waitable object of another type). */
static void every_call_fails(HANDLE h, DWORD error, BOOL waitable, const char *what)
{
	DWORD code = 0x5555, failed = 0;

	SetLastError(0);
	failed |= (GetExitCodeThread(h, &code) || GetLastError() != error || code != 0x5555) << 0;
	SetLastError(0);
	failed |= (GetThreadId(h) != 0 || GetLastError() != error) << 1;
	SetLastError(0);
	failed |= (GetProcessIdOfThread(h) != 0 || GetLastError() != error) << 2;
	SetLastError(0);
	failed |= (SuspendThread(h) != (DWORD)-1 || GetLastError() != error) << 3;
	SetLastError(0);
	failed |= (ResumeThread(h) != (DWORD)-1 || GetLastError() != error) << 4;
	SetLastError(0);
	failed |= (TerminateThread(h, 1) || GetLastError() != error) << 5;
	SetLastError(0);
	failed |= (SetThreadPriority(h, 1) || GetLastError() != error) << 6;
	SetLastError(0);
	failed |= (GetThreadPriority(h) != THREAD_PRIORITY_ERROR_RETURN ||
		   GetLastError() != error) << 7;
	SetLastError(0);
	failed |= (!waitable && (WaitForSingleObject(h, 0) != WAIT_FAILED ||
				 GetLastError() != error)) << 8;
	CHECK(failed == 0, "%s: calls that did not fail with %lu: mask %#lx", what, error, failed);
}

static void bad_handles(void)
{
	HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE closed = CreateThread(NULL, 0, quick, NULL, 0, NULL);

	WaitForSingleObject(closed, 5000);
	CloseHandle(closed);
	every_call_fails(NULL, ERROR_INVALID_HANDLE, FALSE, "NULL");
	every_call_fails((HANDLE)0x1234, ERROR_INVALID_HANDLE, FALSE, "never opened");
	every_call_fails(closed, ERROR_INVALID_HANDLE, FALSE, "closed");
	every_call_fails(event, ERROR_INVALID_HANDLE, TRUE, "an event");
	/* -1 is the current process: a handle, but not a thread's (the wait on
	 * it would block: it is left out there). */
	CHECK(!GetExitCodeThread(GetCurrentProcess(), &(DWORD){ 0 }) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "the process pseudo-handle");
	CHECK(SuspendThread(GetCurrentProcess()) == (DWORD)-1 &&
	      GetLastError() == ERROR_INVALID_HANDLE, "SuspendThread(-1)");
	CHECK(!TerminateThread(GetCurrentProcess(), 0) && GetLastError() == ERROR_INVALID_HANDLE,
	      "TerminateThread(-1) terminates nothing");
	CloseHandle(event);
}

/* A handle with every right but the one each call needs. */
static void missing_rights(void)
{
	DWORD tid, code;
	HANDLE h = CreateThread(NULL, 0, sleep_long, NULL, 0, &tid), weak;

	weak = OpenThread(THREAD_ALL_ACCESS & ~(THREAD_QUERY_INFORMATION |
						THREAD_QUERY_LIMITED_INFORMATION), FALSE, tid);
	CHECK_ERR(GetExitCodeThread(weak, &code), ERROR_ACCESS_DENIED);
	CHECK_ERR(GetThreadId(weak), ERROR_ACCESS_DENIED);
	CHECK_ERR(GetProcessIdOfThread(weak), ERROR_ACCESS_DENIED);
	CloseHandle(weak);
	weak = OpenThread(THREAD_ALL_ACCESS & ~THREAD_SUSPEND_RESUME, FALSE, tid);
	CHECK(SuspendThread(weak) == (DWORD)-1 && GetLastError() == ERROR_ACCESS_DENIED,
	      "SuspendThread without THREAD_SUSPEND_RESUME");
	CHECK(ResumeThread(weak) == (DWORD)-1 && GetLastError() == ERROR_ACCESS_DENIED,
	      "ResumeThread without THREAD_SUSPEND_RESUME");
	CloseHandle(weak);
	weak = OpenThread(THREAD_ALL_ACCESS & ~THREAD_TERMINATE, FALSE, tid);
	CHECK_ERR(TerminateThread(weak, 1), ERROR_ACCESS_DENIED);
	CloseHandle(weak);
	weak = OpenThread(THREAD_ALL_ACCESS & ~SYNCHRONIZE, FALSE, tid);
	CHECK(WaitForSingleObject(weak, 0) == WAIT_FAILED && GetLastError() == ERROR_ACCESS_DENIED,
	      "a wait needs SYNCHRONIZE: %lu", GetLastError());
	CloseHandle(weak);
	weak = OpenThread(0, FALSE, tid);
	CHECK(weak != NULL, "OpenThread with no rights at all: %lu", GetLastError());
	CHECK_ERR(GetThreadId(weak), ERROR_ACCESS_DENIED);
	CloseHandle(weak);
	CHECK(GetExitCodeThread(h, &code) && code == STILL_ACTIVE, "all that left it running");
	TerminateThread(h, 0);
	WaitForSingleObject(h, 5000);
	CloseHandle(h);
}

static void open_thread(void)
{
	DWORD tid;
	HANDLE h = CreateThread(NULL, 0, quick, NULL, 0, &tid);

	CHECK_ERR(OpenThread(THREAD_ALL_ACCESS, FALSE, 0), ERROR_INVALID_PARAMETER);
	CHECK_ERR(OpenThread(THREAD_ALL_ACCESS, FALSE, 0x7FFFFFF0), ERROR_INVALID_PARAMETER);
	WaitForSingleObject(h, 5000);
	Sleep(10);                      /* reaped */
	CHECK_ERR(OpenThread(THREAD_ALL_ACCESS, FALSE, tid), ERROR_INVALID_PARAMETER);
	CloseHandle(h);
}

static void suspend_limit(void)
{
	HANDLE h = CreateThread(NULL, 0, quick, (LPVOID)3, CREATE_SUSPENDED, NULL);
	DWORD code, i;

	for (i = 1; i < MAXIMUM_SUSPEND_COUNT; i++)
		if (SuspendThread(h) != i)
			break;
	CHECK(i == MAXIMUM_SUSPEND_COUNT, "the suspend count climbs to 127 (stopped at %lu)", i);
	CHECK(SuspendThread(h) == (DWORD)-1 && GetLastError() == ERROR_SIGNAL_REFUSED,
	      "the 128th: ERROR_SIGNAL_REFUSED, got %lu", GetLastError());
	CHECK(ResumeThread(h) == MAXIMUM_SUSPEND_COUNT, "the count stayed 127");
	while (ResumeThread(h) > 1)
		;
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0 && GetExitCodeThread(h, &code) &&
	      code == 3, "it ran once the count reached 0");
	CHECK(SuspendThread(h) == (DWORD)-1 && GetLastError() == ERROR_ACCESS_DENIED,
	      "suspending an ended thread: %lu", GetLastError());
	CHECK(ResumeThread(h) == 0, "resuming one: 0");
	CloseHandle(h);
}

static SIZE_T commit_now(void)
{
	PROCESS_MEMORY_COUNTERS pmc = { .cb = sizeof(pmc) };

	GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc));
	return pmc.PagefileUsage;
}

static void impossible_stacks(void)
{
	static const DWORD sizes[] = { 0x7FFF0000, 0xFFFFE000, 0xFFFFF001, 0xFFFFFFFF };
	SIZE_T before = commit_now();
	DWORD handles = ob_handle_count(GetCurrentProcessId());

	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (DWORD flags = 0; flags <= STACK_SIZE_PARAM_IS_A_RESERVATION;
		     flags += STACK_SIZE_PARAM_IS_A_RESERVATION) {
			HANDLE h;
			SetLastError(0);
			h = CreateThread(NULL, sizes[i], quick, NULL, flags, NULL);
			CHECK(h == NULL && (GetLastError() == ERROR_NOT_ENOUGH_MEMORY ||
					    GetLastError() == ERROR_COMMITMENT_LIMIT),
			      "a stack of %#lx (flags %#lx): %p, error %lu", sizes[i], flags, h,
			      GetLastError());
			if (h) {
				WaitForSingleObject(h, 5000);
				CloseHandle(h);
			}
		}
	}
	CHECK(commit_now() == before, "commit %lu, was %lu", (DWORD)commit_now(), (DWORD)before);
	CHECK(ob_handle_count(GetCurrentProcessId()) == handles, "no handle left");
}

/* Runs fn on a thread whose access violation ends it with the code; the
 * thread's exit code. */
static DWORD victim_tid;

static LONG CALLBACK end_victim(PEXCEPTION_POINTERS ep)
{
	if (GetCurrentThreadId() != victim_tid ||
	    ep->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION)
		return EXCEPTION_CONTINUE_SEARCH;
	ExitThread(STATUS_ACCESS_VIOLATION);
}

static DWORD outcome(LPTHREAD_START_ROUTINE fn, LPVOID p)
{
	DWORD code = 0;
	PVOID vh = AddVectoredExceptionHandler(1, end_victim);
	HANDLE h = CreateThread(NULL, 0, fn, p, CREATE_SUSPENDED, &victim_tid);

	ResumeThread(h);
	WaitForSingleObject(h, 5000);
	GetExitCodeThread(h, &code);
	CloseHandle(h);
	RemoveVectoredExceptionHandler(vh);
	return code;
}

static volatile LONG made_anyway;

static DWORD WINAPI count_made(LPVOID p)
{
	(void)p;
	InterlockedIncrement(&made_anyway);
	return 0;
}

static DWORD WINAPI create_with_bad_id(LPVOID p)
{
	(void)p;
	CreateThread(NULL, 0, count_made, NULL, 0, UNMAPPED);
	return 0;
}

static DWORD WINAPI exit_code_to_bad_pointer(LPVOID p)
{
	GetExitCodeThread((HANDLE)p, UNMAPPED);
	return 0;
}

static void bad_pointers(void)
{
	HANDLE h = CreateThread(NULL, 0, quick, NULL, 0, NULL);

	CHECK(outcome(create_with_bad_id, NULL) == STATUS_ACCESS_VIOLATION,
	      "CreateThread's lpThreadId into unmapped memory: an access violation");
	Sleep(20);
	CHECK(made_anyway == 1, "the thread was made all the same (%ld)", made_anyway);
	CHECK(outcome(exit_code_to_bad_pointer, h) == STATUS_ACCESS_VIOLATION,
	      "GetExitCodeThread's lpExitCode into unmapped memory: an access violation");
	CHECK_ERR(GetExitCodeThread(h, NULL), ERROR_NOACCESS);
	WaitForSingleObject(h, 5000);
	CloseHandle(h);
}

/* TerminateThread(GetCurrentThread()) while other threads run: the thread
 * ends with the code and its handles stay sound. */
static DWORD WINAPI terminate_self(LPVOID p)
{
	(void)p;
	TerminateThread(GetCurrentThread(), 0x77);
	return 1;
}

static void self_termination(void)
{
	DWORD tid, code = 0;
	HANDLE h = CreateThread(NULL, 0, terminate_self, NULL, CREATE_SUSPENDED, &tid);
	HANDLE second = OpenThread(SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, FALSE, tid);

	ResumeThread(h);
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0 && GetExitCodeThread(h, &code) &&
	      code == 0x77, "a thread terminating itself ends with its code: %#lx", code);
	CloseHandle(h);
	Sleep(10);
	CHECK(GetExitCodeThread(second, &code) && code == 0x77 &&
	      WaitForSingleObject(second, 0) == WAIT_OBJECT_0, "its second handle still works");
	CloseHandle(second);
}

int main(void)
{
	bad_handles();
	missing_rights();
	open_thread();
	suspend_limit();
	impossible_stacks();
	bad_pointers();
	self_termination();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
