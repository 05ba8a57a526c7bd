/* User APCs as Windows documents them: QueueUserAPC queues, only an
 * alertable wait (SleepEx, WaitForSingleObjectEx, WaitForMultipleObjectsEx,
 * SignalObjectAndWait) runs them, all of them, oldest first, on the waiting
 * thread, and returns WAIT_IO_COMPLETION; a signaled object wins over queued
 * APCs; non-alertable waits leave them queued; an APC queued from another
 * thread ends an alertable wait; APCs queued before a thread starts run
 * before its start routine; a thread that has ended refuses them
 * (ERROR_GEN_FAILURE); bad handles and missing rights fail; an APC queued to
 * the main thread of a child created suspended (the same program: the same
 * image address) runs in the child before its main.
 *   apc-queue          the checks
 *   apc-queue child    the child: exits 0x600D when the APC ran before main */
#define TEST_NAME "apc-queue"
#include <string.h>
#include <windows.h>
#include "check.h"

static ULONG_PTR ran[16];
static int nran;
static DWORD ran_on;

static VOID NTAPI record(ULONG_PTR data)
{
	if (nran < 16)
		ran[nran++] = data;
	ran_on = GetCurrentThreadId();
}

/* Queues another APC to its own thread: it runs in the same delivery. */
static VOID NTAPI requeue(ULONG_PTR data)
{
	record(data);
	QueueUserAPC(record, GetCurrentThread(), data + 1);
}

static void reset(void)
{
	nran = 0;
	ran_on = 0;
}

static void fifo_and_only_alertable(void)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL), both[1] = { ev };

	reset();
	CHECK(QueueUserAPC(record, GetCurrentThread(), 1) != 0, "%lu", GetLastError());
	CHECK(QueueUserAPC(record, GetCurrentThread(), 2) != 0, "%lu", GetLastError());
	CHECK(QueueUserAPC(record, GetCurrentThread(), 3) != 0, "%lu", GetLastError());
	Sleep(10);
	CHECK(SleepEx(10, FALSE) == 0, "non-alertable sleep");
	CHECK(WaitForSingleObject(ev, 10) == WAIT_TIMEOUT, "non-alertable wait");
	CHECK(WaitForSingleObjectEx(ev, 0, FALSE) == WAIT_TIMEOUT, "Ex, not alertable");
	CHECK(WaitForMultipleObjectsEx(1, both, FALSE, 0, FALSE) == WAIT_TIMEOUT, "multiple");
	CHECK(nran == 0, "%d ran in non-alertable waits", nran);
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "SleepEx(0, TRUE)");
	CHECK(nran == 3 && ran[0] == 1 && ran[1] == 2 && ran[2] == 3, "%d ran: %lu %lu %lu",
	      nran, ran[0], ran[1], ran[2]);
	CHECK(ran_on == GetCurrentThreadId(), "ran on thread %lu", ran_on);
	CHECK(SleepEx(20, TRUE) == 0, "nothing queued: the time runs out");
	CHECK(nran == 3, "ran again");

	/* A signaled object wins; the APC stays queued for the next one. */
	reset();
	SetEvent(ev);
	QueueUserAPC(record, GetCurrentThread(), 7);
	CHECK(WaitForSingleObjectEx(ev, INFINITE, TRUE) == WAIT_OBJECT_0, "signaled first");
	CHECK(WaitForMultipleObjectsEx(1, both, FALSE, 0, TRUE) == WAIT_OBJECT_0, "multiple");
	CHECK(nran == 0, "ran with a signaled object");
	ResetEvent(ev);
	CHECK(WaitForMultipleObjectsEx(1, both, TRUE, INFINITE, TRUE) == WAIT_IO_COMPLETION,
	      "wait-all alertable");
	CHECK(nran == 1 && ran[0] == 7, "%d", nran);

	/* Each alertable wait form, with a zero timeout too. */
	reset();
	QueueUserAPC(record, GetCurrentThread(), 8);
	CHECK(WaitForSingleObjectEx(ev, 0, TRUE) == WAIT_IO_COMPLETION, "single, 0 ms");
	QueueUserAPC(requeue, GetCurrentThread(), 10);
	CHECK(SleepEx(INFINITE, TRUE) == WAIT_IO_COMPLETION, "SleepEx(INFINITE, TRUE)");
	CHECK(nran == 3 && ran[0] == 8 && ran[1] == 10 && ran[2] == 11,
	      "requeued in the same pass: %d", nran);
	CloseHandle(ev);
}

static void signal_and_wait(void)
{
	HANDLE a = CreateEventA(NULL, TRUE, FALSE, NULL), b = CreateEventA(NULL, TRUE, FALSE, NULL);

	reset();
	QueueUserAPC(record, GetCurrentThread(), 5);
	CHECK(SignalObjectAndWait(a, b, INFINITE, TRUE) == WAIT_IO_COMPLETION, "alertable");
	CHECK(WaitForSingleObject(a, 0) == WAIT_OBJECT_0, "signaled before the wait");
	CHECK(nran == 1 && ran[0] == 5, "%d", nran);
	QueueUserAPC(record, GetCurrentThread(), 6);
	CHECK(SignalObjectAndWait(a, b, 10, FALSE) == WAIT_TIMEOUT, "not alertable");
	CHECK(nran == 1, "ran in a non-alertable SignalObjectAndWait");
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && nran == 2, "%d", nran);
	CloseHandle(a);
	CloseHandle(b);
}

struct target {
	HANDLE thread;                  /* the waiter, THREAD_SET_CONTEXT */
	ULONG_PTR data;
};

static DWORD WINAPI queue_later(LPVOID p)
{
	struct target *t = p;

	Sleep(50);
	return QueueUserAPC(record, t->thread, t->data) ? 0 : GetLastError();
}

static void from_another_thread(void)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL), th;
	struct target t = { OpenThread(THREAD_SET_CONTEXT, FALSE, GetCurrentThreadId()), 42 };
	DWORD code = 1;

	CHECK(t.thread != NULL, "OpenThread: %lu", GetLastError());
	reset();
	th = CreateThread(NULL, 0, queue_later, &t, 0, NULL);
	CHECK(WaitForSingleObjectEx(ev, 5000, TRUE) == WAIT_IO_COMPLETION, "cut short");
	CHECK(nran == 1 && ran[0] == 42 && ran_on == GetCurrentThreadId(), "%d", nran);
	WaitForSingleObject(th, INFINITE);
	GetExitCodeThread(th, &code);
	CHECK(code == 0, "QueueUserAPC from the other thread: %lu", code);
	CloseHandle(th);

	reset();
	t.data = 43;
	th = CreateThread(NULL, 0, queue_later, &t, 0, NULL);
	CHECK(SleepEx(5000, TRUE) == WAIT_IO_COMPLETION, "SleepEx cut short");
	CHECK(nran == 1 && ran[0] == 43, "%d", nran);
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);

	/* A non-alertable wait is not cut short; the APC waits for the next. */
	reset();
	t.data = 44;
	th = CreateThread(NULL, 0, queue_later, &t, 0, NULL);
	CHECK(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "non-alertable wait");
	CHECK(WaitForSingleObjectEx(ev, 200, FALSE) == WAIT_TIMEOUT, "still not run");
	CHECK(nran == 0, "ran in a non-alertable wait");
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && nran == 1 && ran[0] == 44, "%d", nran);
	CloseHandle(th);
	CloseHandle(t.thread);
	CloseHandle(ev);
}

static DWORD WINAPI first_sees(LPVOID p)
{
	(void)p;
	return (DWORD)nran;             /* the APCs queued before it ran have run */
}

static DWORD WINAPI never_alertable(LPVOID p)
{
	(void)p;
	return 7;
}

static void thread_lifetimes(void)
{
	HANDLE th = CreateThread(NULL, 0, first_sees, NULL, CREATE_SUSPENDED, NULL);
	DWORD code = 0;

	reset();
	CHECK(QueueUserAPC(record, th, 1) && QueueUserAPC(record, th, 2), "%lu", GetLastError());
	ResumeThread(th);
	WaitForSingleObject(th, INFINITE);
	GetExitCodeThread(th, &code);
	CHECK(code == 2 && ran[0] == 1 && ran[1] == 2, "queued before it started: %lu", code);
	/* An ended thread refuses APCs (Windows: ERROR_GEN_FAILURE). */
	SetLastError(0);
	CHECK(QueueUserAPC(record, th, 3) == 0 && GetLastError() == ERROR_GEN_FAILURE,
	      "to an ended thread: %lu", GetLastError());
	CloseHandle(th);

	/* Being terminated, it refuses them already. */
	th = CreateThread(NULL, 0, never_alertable, NULL, CREATE_SUSPENDED, NULL);
	CHECK(TerminateThread(th, 9), "TerminateThread: %lu", GetLastError());
	CHECK(QueueUserAPC(record, th, 4) == 0 && GetLastError() == ERROR_GEN_FAILURE,
	      "to a terminated thread: %lu", GetLastError());
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);

	/* APCs left queued at its end are lost (freed: the leak check). */
	reset();
	th = CreateThread(NULL, 0, never_alertable, NULL, CREATE_SUSPENDED, NULL);
	for (int i = 0; i < 50; i++)
		QueueUserAPC(record, th, 100);
	ResumeThread(th);
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);
}

static void bad_input(void)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE limited = OpenThread(SYNCHRONIZE | THREAD_QUERY_INFORMATION, FALSE,
				    GetCurrentThreadId());

	SetLastError(0);
	CHECK(QueueUserAPC(record, (HANDLE)0x1230, 1) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
	      "bad handle: %lu", GetLastError());
	CHECK(QueueUserAPC(record, NULL, 1) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
	      "NULL: %lu", GetLastError());
	CHECK(QueueUserAPC(record, ev, 1) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
	      "an event: %lu", GetLastError());
	CHECK(QueueUserAPC(record, limited, 1) == 0 && GetLastError() == ERROR_ACCESS_DENIED,
	      "no THREAD_SET_CONTEXT: %lu", GetLastError());
	CHECK(!QueueUserAPC2(record, GetCurrentThread(), 1, QUEUE_USER_APC_FLAGS_SPECIAL_USER_APC) &&
	      GetLastError() == ERROR_NOT_SUPPORTED, "special: %lu", GetLastError());
	CHECK(!QueueUserAPC2(record, GetCurrentThread(), 1, (QUEUE_USER_APC_FLAGS)8) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "unknown flag: %lu", GetLastError());
	CHECK(SleepEx(0, TRUE) == 0, "a failed QueueUserAPC queued something");
	reset();
	CHECK(QueueUserAPC2(record, GetCurrentThread(), 9, QUEUE_USER_APC_FLAGS_NONE), "%lu",
	      GetLastError());
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && nran == 1 && ran[0] == 9, "QueueUserAPC2");
	CHECK(WaitForSingleObjectEx((HANDLE)0x1230, 0, TRUE) == WAIT_FAILED &&
	      GetLastError() == ERROR_INVALID_HANDLE, "alertable wait, bad handle");
	CHECK(WaitForMultipleObjectsEx(0, &ev, FALSE, 0, TRUE) == WAIT_FAILED &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "alertable wait, no handles");
	CloseHandle(limited);
	CloseHandle(ev);
}

static volatile ULONG_PTR early;

static VOID NTAPI early_bird(ULONG_PTR data)
{
	early = data;
}

static void other_process(void)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char cmdline[] = "apc-queue child";
	DWORD code = 0;

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si,
			    &pi)) {
		CHECK(0, "CreateProcessA: %lu", GetLastError());
		return;
	}
	CHECK(QueueUserAPC(early_bird, pi.hThread, 0x600D), "to the child: %lu", GetLastError());
	ResumeThread(pi.hThread);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CHECK(code == 0x600D, "the child's APC: exit code %lx", code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child"))
		return (int)early;      /* set before main by the parent's APC, else 0 */
	fifo_and_only_alertable();
	signal_and_wait();
	from_another_thread();
	thread_lifetimes();
	bad_input();
	other_process();
	printf("apc-queue: %d failures\n", failures);
	return failures != 0;
}
