/* CreateThread and the calls on threads: start routine and parameter, exit
 * codes (return, ExitThread, TerminateThread; STILL_ACTIVE meanwhile),
 * thread ids and pseudo-handles, CREATE_SUSPENDED and suspend counts, the
 * TEB through FS with a per-thread last error, waits on thread handles, and
 * bad handles and rights. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "thread-basics"
#include "check.h"

static volatile LONG ran;

static DWORD WINAPI add_one(LPVOID p)
{
	InterlockedIncrement(&ran);
	return (DWORD)p + 1;
}

static void start_and_exit_code(void)
{
	DWORD tid = 0, code = 0;
	HANDLE h = CreateThread(NULL, 0, add_one, (LPVOID)41, 0, &tid);

	CHECK(h != NULL && tid != 0, "CreateThread: %lu", GetLastError());
	CHECK(tid != GetCurrentThreadId(), "a new id");
	CHECK(GetThreadId(h) == tid, "GetThreadId %lu, want %lu", GetThreadId(h), tid);
	CHECK(GetProcessIdOfThread(h) == GetCurrentProcessId(), "GetProcessIdOfThread");
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "a thread handle is waitable");
	CHECK(GetExitCodeThread(h, &code) && code == 42, "exit code %lu, want 42", code);
	CHECK(WaitForSingleObject(h, 0) == WAIT_OBJECT_0, "an ended thread stays signaled");
	CloseHandle(h);
}

static DWORD WINAPI exit_inside(LPVOID p)
{
	(void)p;
	ExitThread(7);
}

static DWORD WINAPI spin(LPVOID p)
{
	volatile LONG *stop = p;

	while (!*stop)
		;
	return 1;
}

static void exit_and_terminate(void)
{
	static volatile LONG stop;
	DWORD code = 0;
	HANDLE a = CreateThread(NULL, 0, exit_inside, NULL, 0, NULL);
	HANDLE b = CreateThread(NULL, 0, spin, (LPVOID)&stop, 0, NULL);

	CHECK(WaitForSingleObject(a, 5000) == WAIT_OBJECT_0, "ExitThread ends it");
	CHECK(GetExitCodeThread(a, &code) && code == 7, "ExitThread code %lu", code);
	CHECK(GetExitCodeThread(b, &code) && code == STILL_ACTIVE, "running: %lu", code);
	CHECK(WaitForSingleObject(b, 30) == WAIT_TIMEOUT, "a spinning thread times a wait out");
	CHECK(TerminateThread(b, 77), "TerminateThread: %lu", GetLastError());
	CHECK(WaitForSingleObject(b, 5000) == WAIT_OBJECT_0, "terminated");
	CHECK(GetExitCodeThread(b, &code) && code == 77, "terminated with %lu", code);
	CHECK(!TerminateThread(b, 1) && GetLastError() == ERROR_ACCESS_DENIED,
	      "terminating an ended thread: %lu", GetLastError());
	CloseHandle(a);
	CloseHandle(b);
}

static void suspended(void)
{
	DWORD code;
	HANDLE h;

	ran = 0;
	h = CreateThread(NULL, 0, add_one, NULL, CREATE_SUSPENDED, NULL);
	CHECK(h != NULL, "CREATE_SUSPENDED: %lu", GetLastError());
	Sleep(30);
	CHECK(ran == 0, "a suspended thread does not run");
	CHECK(SuspendThread(h) == 1, "SuspendThread returns the previous count");
	CHECK(ResumeThread(h) == 2, "ResumeThread returns the previous count");
	Sleep(20);
	CHECK(ran == 0, "still suspended once");
	CHECK(ResumeThread(h) == 1, "the last resume");
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0 && ran == 1, "ran after resuming");
	CHECK(ResumeThread(h) == 0, "resuming a running or ended thread: 0");
	CHECK(GetExitCodeThread(h, &code) && code == 1, "exit code %lu", code);
	CloseHandle(h);
}

static DWORD WINAPI teb_check(LPVOID p)
{
	PTEB teb = NtCurrentTeb();
	int local;
	DWORD bad = 0;

	(void)p;
	if ((PVOID)teb->NtTib.Self != (PVOID)teb)
		bad |= 1;
	if ((DWORD)teb->ClientId.UniqueThread != GetCurrentThreadId() ||
	    (DWORD)teb->ClientId.UniqueProcess != GetCurrentProcessId())
		bad |= 2;
	if ((char *)&local >= (char *)teb->NtTib.StackBase ||
	    (char *)&local < (char *)teb->NtTib.StackLimit)
		bad |= 4;
	SetLastError(1234);
	Sleep(20);              /* the main thread sets its own meanwhile */
	if (GetLastError() != 1234)
		bad |= 8;
	return bad;
}

static void teb_and_last_error(void)
{
	DWORD code = 99;
	HANDLE h = CreateThread(NULL, 0, teb_check, NULL, 0, NULL);
	PTEB teb = NtCurrentTeb();

	SetLastError(5678);
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "wait");
	CHECK(GetLastError() == 5678, "the main thread's last error is its own: %lu",
	      GetLastError());
	CHECK(GetExitCodeThread(h, &code) && code == 0, "TEB checks in the thread: %#lx", code);
	CHECK(teb->NtTib.Self == &teb->NtTib, "the main thread's TEB");
	CHECK((DWORD)teb->NtTib.ExceptionList == 0xFFFFFFFF, "an empty SEH chain is -1");
	CloseHandle(h);
}

static void pseudo_handles_and_bad_input(void)
{
	HANDLE h, pseudo = GetCurrentThread();
	DWORD code;

	CHECK(pseudo == (HANDLE)(LONG_PTR)-2, "GetCurrentThread is -2");
	CHECK(GetThreadId(pseudo) == GetCurrentThreadId(), "-2 names the caller");
	CHECK(GetExitCodeThread(pseudo, &code) && code == STILL_ACTIVE, "the caller is active");
	CHECK(GetThreadPriority(pseudo) == THREAD_PRIORITY_NORMAL, "normal priority");
	CHECK(DuplicateHandle(GetCurrentProcess(), pseudo, GetCurrentProcess(), &h, 0, FALSE,
			      DUPLICATE_SAME_ACCESS), "DuplicateHandle of -2: %lu", GetLastError());
	CHECK(h != pseudo && GetThreadId(h) == GetCurrentThreadId(),
	      "a duplicated -2 is a real handle to the caller");
	CloseHandle(h);
	CHECK(!GetExitCodeThread((HANDLE)0x1234, &code) && GetLastError() == ERROR_INVALID_HANDLE,
	      "a bad handle: %lu", GetLastError());
	CHECK(!GetExitCodeThread(GetCurrentProcess(), &code) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a process handle is no thread handle");
	CHECK(SuspendThread(NULL) == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE,
	      "SuspendThread(NULL)");
	CHECK(!OpenThread(THREAD_ALL_ACCESS, FALSE, 0) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "OpenThread of id 0: %lu", GetLastError());
	h = OpenThread(SYNCHRONIZE, FALSE, GetCurrentThreadId());
	CHECK(h != NULL, "OpenThread of the caller: %lu", GetLastError());
	CHECK(SuspendThread(h) == (DWORD)-1 && GetLastError() == ERROR_ACCESS_DENIED,
	      "SuspendThread needs THREAD_SUSPEND_RESUME");
	CHECK(!TerminateThread(h, 0) && GetLastError() == ERROR_ACCESS_DENIED,
	      "TerminateThread needs THREAD_TERMINATE");
	CHECK(!SetThreadPriority(h, 1) && GetLastError() == ERROR_ACCESS_DENIED,
	      "SetThreadPriority needs SET_(LIMITED_)INFORMATION");
	CloseHandle(h);
	CHECK(!SetThreadPriority(pseudo, 3) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "priority 3 is no THREAD_PRIORITY_* value");
	CHECK(!CreateThread(NULL, 0, NULL, NULL, 0, NULL), "no start routine");
	CHECK(!CreateThread(NULL, 0, add_one, NULL, 0x8, NULL) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "unknown creation flags");
}

int main(void)
{
	start_and_exit_code();
	exit_and_terminate();
	suspended();
	teb_and_last_error();
	pseudo_handles_and_bad_input();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
