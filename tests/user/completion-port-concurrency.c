/* I/O completion ports' concurrency as Microsoft documents it: no more of
 * the threads that wait on a port run at once than its
 * NumberOfConcurrentThreads (busy workers hold the others back even with
 * packets queued); a worker that blocks on something else lets another
 * take the next packet; threads waiting on a port are released last in,
 * first out. */
#define TEST_NAME "completion-port-concurrency"
#include <windows.h>
#include "check.h"

#define WORKERS 3
#define JOBS    6

static HANDLE port;
static LONG running, most_running, jobs_done;

/* Takes packets until key 0; each job spins 50 ms without blocking. */
static DWORD WINAPI busy_worker(LPVOID p)
{
	OVERLAPPED *ov;
	ULONG_PTR key;
	DWORD bytes, start;
	LONG now;

	(void)p;
	while (GetQueuedCompletionStatus(port, &bytes, &key, &ov, 10000) && key) {
		now = InterlockedIncrement(&running);
		if (now > most_running)
			most_running = now;
		for (start = GetTickCount(); GetTickCount() - start < 50;)
			;
		InterlockedIncrement(&jobs_done);
		InterlockedDecrement(&running);
	}
	return 0;
}

/* WORKERS threads on a port of concurrency limit: at most limit run. */
static void at_most(DWORD limit)
{
	HANDLE t[WORKERS];
	int i;

	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, limit);
	running = most_running = jobs_done = 0;
	for (i = 0; i < WORKERS; i++)
		t[i] = CreateThread(NULL, 0, busy_worker, NULL, 0, NULL);
	Sleep(100);                     /* all of them waiting */
	for (i = 1; i <= JOBS; i++)
		PostQueuedCompletionStatus(port, 0, i, NULL);
	for (i = 0; i < WORKERS; i++)
		PostQueuedCompletionStatus(port, 0, 0, NULL);
	CHECK(WaitForMultipleObjects(WORKERS, t, TRUE, 20000) == WAIT_OBJECT_0, "workers ended");
	CHECK(jobs_done == JOBS && most_running == (LONG)limit,
	      "concurrency %lu: %ld jobs, at most %ld at once", limit, jobs_done, most_running);
	for (i = 0; i < WORKERS; i++)
		CloseHandle(t[i]);
	CloseHandle(port);
}

static void concurrency_limits_running_threads(void)
{
	at_most(1);
	at_most(2);
}

static HANDLE gate;
static DWORD gate_wait;

/* Key 1 blocks on the gate; key 2 opens it. */
static DWORD WINAPI gate_worker(LPVOID p)
{
	OVERLAPPED *ov;
	ULONG_PTR key;
	DWORD bytes;

	(void)p;
	while (GetQueuedCompletionStatus(port, &bytes, &key, &ov, 10000) && key) {
		if (key == 1)
			gate_wait = WaitForSingleObject(gate, 5000);
		else
			SetEvent(gate);
	}
	return 0;
}

static void blocked_worker_lets_another_run(void)
{
	HANDLE t[2];
	int i;

	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	gate = CreateEventA(NULL, TRUE, FALSE, NULL);
	gate_wait = 0xdead;
	for (i = 0; i < 2; i++)
		t[i] = CreateThread(NULL, 0, gate_worker, NULL, 0, NULL);
	Sleep(100);
	PostQueuedCompletionStatus(port, 0, 1, NULL);
	PostQueuedCompletionStatus(port, 0, 2, NULL);
	PostQueuedCompletionStatus(port, 0, 0, NULL);
	PostQueuedCompletionStatus(port, 0, 0, NULL);
	CHECK(WaitForMultipleObjects(2, t, TRUE, 20000) == WAIT_OBJECT_0, "workers ended");
	CHECK(gate_wait == WAIT_OBJECT_0, "the blocked worker's wait: %lu (another ran)",
	      gate_wait);
	for (i = 0; i < 2; i++)
		CloseHandle(t[i]);
	CloseHandle(gate);
	CloseHandle(port);
}

static LONG first_taker = -1;

/* Waits once; records which worker took the first packet. */
static DWORD WINAPI order_worker(LPVOID p)
{
	OVERLAPPED *ov;
	ULONG_PTR key;
	DWORD bytes;

	if (GetQueuedCompletionStatus(port, &bytes, &key, &ov, 10000) && key == 1)
		first_taker = (LONG)(ULONG_PTR)p;
	return 0;
}

static void waiters_released_last_in_first_out(void)
{
	HANDLE t[WORKERS];
	int i;

	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, WORKERS);
	for (i = 0; i < WORKERS; i++) {
		t[i] = CreateThread(NULL, 0, order_worker, (LPVOID)(ULONG_PTR)i, 0, NULL);
		Sleep(50);              /* each waits before the next starts */
	}
	PostQueuedCompletionStatus(port, 0, 1, NULL);
	Sleep(50);
	for (i = 1; i < WORKERS; i++)
		PostQueuedCompletionStatus(port, 0, 2, NULL);
	CHECK(WaitForMultipleObjects(WORKERS, t, TRUE, 20000) == WAIT_OBJECT_0, "workers ended");
	CHECK(first_taker == WORKERS - 1, "the first packet went to worker %ld, not the last",
	      first_taker);
	for (i = 0; i < WORKERS; i++)
		CloseHandle(t[i]);
	CloseHandle(port);
}

int main(void)
{
	concurrency_limits_running_threads();
	blocked_worker_lets_another_run();
	waiters_released_last_in_first_out();
	printf("completion-port-concurrency: %d failures\n", failures);
	return failures != 0;
}
