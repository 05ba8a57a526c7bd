/* The process-exit rules of a multi-threaded process, each in a child of
 * this program started in one mode:
 *   last-thread    main calls ExitThread(5); another thread returns 42 later:
 *                  the process lives on after its first thread, and its exit
 *                  code is the last thread's, 42
 *   terminate-last main calls ExitThread; the last thread terminates itself
 *                  with TerminateThread(GetCurrentThread(), 31): the process
 *                  ends with 31 ("the thread's process is also terminated")
 *   exit-process   threads sleep (Sleep(INFINITE)), wait on an event, spin in
 *                  ring 3, sit suspended (CREATE_SUSPENDED and SuspendThread);
 *                  on the parent's word one more calls ExitProcess(77): every
 *                  thread ends, each with exit code 77, and so does the process
 *   victim         the same threads, ended by the parent's TerminateProcess
 * and CreateProcessA's thread: PROCESS_INFORMATION.hThread names the child's
 * first thread (GetThreadId, GetProcessIdOfThread, waitable: it wakes when
 * that thread ends, before the process does), and CREATE_SUSPENDED holds
 * the child until ResumeThread(hThread). */
#include <windows.h>

#define TEST_NAME "thread-process-exit"
#include "check.h"
#include "ob-common.h"

#define MAX_THREADS 16

/* ---- the child ---------------------------------------------------------- */

static DWORD WINAPI return_42_later(LPVOID p)
{
	(void)p;
	Sleep(300);
	return 42;
}

static DWORD WINAPI terminate_self_later(LPVOID p)
{
	(void)p;
	Sleep(100);
	TerminateThread(GetCurrentThread(), 31);
	return 1;                       /* never */
}

static DWORD WINAPI sleep_forever(LPVOID p)
{
	(void)p;
	Sleep(INFINITE);
	return 1;
}

static DWORD WINAPI wait_on_event(LPVOID p)
{
	WaitForSingleObject((HANDLE)p, INFINITE);
	return 1;
}

static volatile LONG spinning;

static DWORD WINAPI spin(LPVOID p)
{
	(void)p;
	InterlockedExchange(&spinning, 1);
	while (spinning)                /* nobody clears it */
		;
	return 1;
}

static DWORD WINAPI exit_process_on_mail(LPVOID p)
{
	(void)p;
	ob_wait_mail();
	ExitProcess(mailbox[1]);
}

/* Starts the threads that must die with the process; FALSE when one failed. */
static BOOL start_victims(void)
{
	HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE h[5] = {
		CreateThread(NULL, 0, sleep_forever, NULL, 0, NULL),
		CreateThread(NULL, 0, wait_on_event, event, 0, NULL),
		CreateThread(NULL, 0, spin, NULL, 0, NULL),
		CreateThread(NULL, 0, sleep_forever, NULL, CREATE_SUSPENDED, NULL),
		CreateThread(NULL, 0, spin, NULL, 0, NULL),
	};

	for (int i = 0; i < 5; i++)
		if (!h[i])
			return FALSE;
	while (!spinning)
		Sleep(1);
	return SuspendThread(h[4]) == 0;        /* suspended while spinning */
}

static int child(const char *mode)
{
	if (strcmp(mode, "last-thread") == 0) {
		CreateThread(NULL, 0, return_42_later, NULL, 0, NULL);
		ExitThread(5);
	}
	if (strcmp(mode, "terminate-last") == 0) {
		CreateThread(NULL, 0, terminate_self_later, NULL, 0, NULL);
		ExitThread(6);
	}
	if (strcmp(mode, "suspended") == 0) {
		ob_started();
		ob_wait_mail();
		return 0;
	}
	if (!start_victims())
		return 100;
	if (strcmp(mode, "exit-process") == 0 &&
	    !CreateThread(NULL, 0, exit_process_on_mail, NULL, 0, NULL))
		return 101;
	Sleep(30);                      /* everyone is where it blocks or spins */
	ob_started();
	Sleep(INFINITE);                /* the main thread waits too */
	return 102;
}

/* ---- the parent --------------------------------------------------------- */

static const char *self;

/* Starts "self mode" with flags, hThread kept; FALSE with a line if not. */
static BOOL start(const char *mode, DWORD flags, PROCESS_INFORMATION *pi)
{
	char cmdline[128];

	snprintf(cmdline, sizeof(cmdline), "%s %s", self, mode);
	if (CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, flags, NULL, NULL, NULL, pi))
		return TRUE;
	CHECK(0, "CreateProcessA(%s): %lu", cmdline, GetLastError());
	return FALSE;
}

static DWORD read_ready(HANDLE process)
{
	DWORD ready = 0;
	SIZE_T n;

	ReadProcessMemory(process, (void *)&ob_ready, &ready, sizeof(ready), &n);
	return ready;
}

static void wait_ready(HANDLE process)
{
	while (!read_ready(process) && WaitForSingleObject(process, 0) == WAIT_TIMEOUT)
		Sleep(1);
}

/* Opens every thread of process pid: how many, into h. */
static DWORD open_threads(DWORD pid, HANDLE *h)
{
	static struct vados_thread_info info[MAX_THREADS];
	uint32_t args[3] = { pid, (uint32_t)info, MAX_THREADS };
	struct vados_result r = vados_syscall(SYS_LIST_THREADS, args);
	DWORD n = 0;

	for (DWORD i = 0; r.error == 0 && i < r.value; i++)
		if ((h[n] = OpenThread(THREAD_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE,
				       info[i].tid)) != NULL)
			n++;
	return n;
}

static DWORD exit_code(HANDLE process)
{
	DWORD code = 0xDEADDEAD;

	GetExitCodeProcess(process, &code);
	return code;
}

/* Every thread in h ended with code; closes them. */
static void threads_ended_with(HANDLE *h, DWORD n, DWORD code, const char *how)
{
	for (DWORD i = 0; i < n; i++) {
		DWORD got = 0xDEADDEAD;
		CHECK(WaitForSingleObject(h[i], 0) == WAIT_OBJECT_0 &&
		      GetExitCodeThread(h[i], &got) && got == code,
		      "%s: thread %lu of %lu ended with %#lx, want %#lx", how, i, n, got, code);
		CloseHandle(h[i]);
	}
}

static void last_thread_sets_the_code(void)
{
	PROCESS_INFORMATION pi;
	DWORD code = 0;

	if (!start("last-thread", 0, &pi))
		return;
	CHECK(GetThreadId(pi.hThread) == pi.dwThreadId, "GetThreadId(hThread) %lu, want %lu",
	      GetThreadId(pi.hThread), pi.dwThreadId);
	CHECK(GetProcessIdOfThread(pi.hThread) == pi.dwProcessId, "GetProcessIdOfThread");
	CHECK(WaitForSingleObject(pi.hThread, 5000) == WAIT_OBJECT_0,
	      "the first thread's handle is signaled when it ends");
	CHECK(GetExitCodeThread(pi.hThread, &code) && code == 5, "its code %lu", code);
	CHECK(WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT &&
	      exit_code(pi.hProcess) == STILL_ACTIVE, "the process outlives its first thread");
	CHECK(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "it ends");
	CHECK(exit_code(pi.hProcess) == 42, "with the last thread's code: %lu",
	      exit_code(pi.hProcess));
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	if (!start("terminate-last", 0, &pi))
		return;
	CHECK(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0 &&
	      exit_code(pi.hProcess) == 31, "TerminateThread of the last thread ends the "
	      "process with its code: %lu", exit_code(pi.hProcess));
	CHECK(GetExitCodeThread(pi.hThread, &code) && code == 6, "the first thread's %lu", code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
}

/* ExitProcess from one thread, or TerminateProcess from the parent, ends
 * every thread of the child with the given code. */
static void everyone_ends(BOOL from_inside)
{
	const DWORD code = from_inside ? 77 : 0x99;
	PROCESS_INFORMATION pi;
	HANDLE h[MAX_THREADS];
	DWORD n, mail[2] = { 1, code };

	if (!start(from_inside ? "exit-process" : "victim", 0, &pi))
		return;
	wait_ready(pi.hProcess);
	n = open_threads(pi.dwProcessId, h);
	CHECK(n == (from_inside ? 7u : 6u), "%lu threads in the child", n);
	CHECK(WaitForSingleObject(pi.hThread, 50) == WAIT_TIMEOUT, "its first thread waits");
	if (from_inside)
		CHECK(ob_send_mail(pi.hProcess, mail, 2), "mail: %lu", GetLastError());
	else
		CHECK(TerminateProcess(pi.hProcess, code), "TerminateProcess: %lu", GetLastError());
	CHECK(WaitForSingleObject(pi.hThread, 5000) == WAIT_OBJECT_0,
	      "a wait on the child's first thread wakes when it is killed");
	CHECK(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "the child ends");
	CHECK(exit_code(pi.hProcess) == code, "the child's code %#lx, want %#lx",
	      exit_code(pi.hProcess), code);
	threads_ended_with(h, n, code, from_inside ? "ExitProcess" : "TerminateProcess");
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
}

static void created_suspended(void)
{
	PROCESS_INFORMATION pi;
	DWORD code = 0, mail[1] = { 1 };

	if (!start("suspended", CREATE_SUSPENDED, &pi))
		return;
	Sleep(100);
	CHECK(!read_ready(pi.hProcess), "a CREATE_SUSPENDED child does not run");
	CHECK(GetThreadId(pi.hThread) == pi.dwThreadId, "hThread names its first thread");
	CHECK(SuspendThread(pi.hThread) == 1, "its suspend count is 1");
	CHECK(ResumeThread(pi.hThread) == 2 && ResumeThread(pi.hThread) == 1,
	      "ResumeThread returns the previous count");
	wait_ready(pi.hProcess);
	CHECK(read_ready(pi.hProcess), "it runs once resumed");
	CHECK(ob_send_mail(pi.hProcess, mail, 1), "mail");
	CHECK(WaitForSingleObject(pi.hThread, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeThread(pi.hThread, &code) && code == 0, "its thread ends: %lu", code);
	CHECK(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "and the process");
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
}

int main(int argc, char **argv)
{
	if (argc == 2)
		return child(argv[1]);
	self = argv[0];
	last_thread_sets_the_code();
	everyone_ends(TRUE);
	everyone_ends(FALSE);
	created_suspended();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
