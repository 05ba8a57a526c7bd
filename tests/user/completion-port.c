/* I/O completion ports as Windows documents them: packets posted and taken
 * in order with their key, count and OVERLAPPED; overlapped ReadFile and
 * WriteFile on an associated file post theirs (not when hEvent's low bit
 * is set, not with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, not for a read at
 * the end); GetQueuedCompletionStatusEx takes several; timeouts give
 * WAIT_TIMEOUT, an alertable wait runs an APC and gives
 * WAIT_IO_COMPLETION, closing the port releases a waiting thread with
 * ERROR_ABANDONED_WAIT_0; worker threads share the packets; bad arguments.
 * Needs C: (the scenario's disk). */
#include <windows.h>
#include <string.h>

#define TEST_NAME "completion-port"
#include "check.h"

#define FILE_NAME "C:\\IOCP.BIN"
#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define WORKERS 3
#define JOBS 300

static void basics(void)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	OVERLAPPED ov, *got;
	OVERLAPPED_ENTRY e[8];
	ULONG_PTR key;
	DWORD bytes;
	ULONG n;

	CHECK(port != NULL, "CreateIoCompletionPort: error %lu", GetLastError());
	for (DWORD i = 0; i < 5; i++)
		CHECK(PostQueuedCompletionStatus(port, 100 + i, 7 + i, i ? &ov : NULL), "post %lu", i);
	for (DWORD i = 0; i < 2; i++)
		CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0) && bytes == 100 + i &&
		      key == 7 + i && got == (i ? &ov : NULL), "take %lu: %lu %lu", i, bytes,
		      (DWORD)key);
	CHECK(GetQueuedCompletionStatusEx(port, e, 8, &n, 0, FALSE) && n == 3 &&
	      e[0].dwNumberOfBytesTransferred == 102 && e[2].lpCompletionKey == 11 &&
	      e[1].lpOverlapped == &ov && e[1].Internal == 0, "Ex took %lu", n);
	got = &ov;
	FAILS(GetQueuedCompletionStatus(port, &bytes, &key, &got, 30), FALSE, WAIT_TIMEOUT);
	CHECK(got == NULL, "a timeout leaves no OVERLAPPED");
	n = 5;
	FAILS(GetQueuedCompletionStatusEx(port, e, 8, &n, 0, FALSE), FALSE, WAIT_TIMEOUT);
	CHECK(n == 0, "none removed: %lu", n);
	FAILS(GetQueuedCompletionStatusEx(port, e, 0, &n, 0, FALSE), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetQueuedCompletionStatusEx(port, (LPOVERLAPPED_ENTRY)0xC0000000, 1, &n, 0, FALSE),
	      FALSE, ERROR_NOACCESS);
	FAILS(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(PostQueuedCompletionStatus(GetCurrentProcess(), 0, 0, NULL), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(GetQueuedCompletionStatus((HANDLE)0x1234, &bytes, &key, &got, 0), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(WaitForSingleObject(port, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
	CHECK(PostQueuedCompletionStatus(port, 1, 2, NULL), "a packet left for the close");
	CHECK(CloseHandle(port), "close with a packet queued");
}

static VOID CALLBACK apc(ULONG_PTR arg)
{
	*(int *)arg = 1;
}

static void alertable(void)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	OVERLAPPED_ENTRY e;
	int ran = 0;
	ULONG n;

	CHECK(QueueUserAPC(apc, GetCurrentThread(), (ULONG_PTR)&ran), "QueueUserAPC");
	FAILS(GetQueuedCompletionStatusEx(port, &e, 1, &n, INFINITE, TRUE), FALSE,
	      WAIT_IO_COMPLETION);
	CHECK(ran == 1, "the APC ran");
	CloseHandle(port);
}

/* Closing the port's last handle while a thread waits releases it. */
static DWORD WINAPI waiter(LPVOID port)
{
	OVERLAPPED *got = (OVERLAPPED *)1;
	ULONG_PTR key;
	DWORD bytes;

	SetLastError(0);
	if (GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000) || got)
		return 1;
	return GetLastError();
}

static void close_releases(void)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1), t;
	DWORD code = 0;

	t = CreateThread(NULL, 0, waiter, port, 0, NULL);
	Sleep(50);
	CloseHandle(port);
	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	CHECK(code == ERROR_ABANDONED_WAIT_0, "the waiter got %lu", code);
	CloseHandle(t);
}

/* Another handle's LockFileEx waits (ERROR_IO_PENDING); the first handle's
 * unlock grants it, and the grant reaches that handle's port, even with
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS (it did not succeed at once). */
static void pending_lock(HANDLE f)
{
	HANDLE g = CreateFileA(FILE_NAME, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, NULL,
			       OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
	OVERLAPPED mine, theirs, *got;
	HANDLE other;
	ULONG_PTR key;
	DWORD bytes;

	memset(&mine, 0, sizeof(mine));
	memset(&theirs, 0, sizeof(theirs));
	CHECK(g != INVALID_HANDLE_VALUE, "a second handle: error %lu", GetLastError());
	other = CreateIoCompletionPort(g, NULL, 0x77, 0);
	CHECK(SetFileCompletionNotificationModes(g, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
	      "skip on success");
	FAILS(LockFileEx(g, LOCKFILE_EXCLUSIVE_LOCK, 0, 10, 0, &theirs), FALSE, ERROR_IO_PENDING);
	CHECK(UnlockFileEx(f, 0, 10, 0, &mine), "the first lock goes");
	CHECK(GetQueuedCompletionStatus(other, &bytes, &key, &got, 1000) && key == 0x77 &&
	      got == &theirs, "the pending lock's grant reached the port");
	CHECK(UnlockFileEx(g, 0, 10, 0, &theirs), "its lock goes");
	CloseHandle(g);
	CloseHandle(other);
}

static void file_transfers(void)
{
	HANDLE f = CreateFileA(FILE_NAME, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, NULL, CREATE_ALWAYS,
			       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
	HANDLE port, other, ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	OVERLAPPED ov, *got;
	char buf[512], back[512];
	ULONG_PTR key;
	DWORD bytes;

	CHECK(f != INVALID_HANDLE_VALUE, "CreateFileA: error %lu", GetLastError());
	port = CreateIoCompletionPort(f, NULL, 0x51, 0);
	CHECK(port != NULL, "a new port for the file: error %lu", GetLastError());
	other = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	FAILS(CreateIoCompletionPort(f, other, 1, 0), NULL, ERROR_INVALID_PARAMETER);
	memset(buf, 'q', sizeof(buf));
	memset(&ov, 0, sizeof(ov));
	ov.Offset = 4096;
	CHECK(WriteFile(f, buf, sizeof(buf), NULL, &ov), "overlapped write: %lu", GetLastError());
	CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && bytes == sizeof(buf) &&
	      key == 0x51 && got == &ov, "the write's packet: %lu %lx", bytes, (DWORD)key);
	ov.hEvent = (HANDLE)((ULONG_PTR)ev | 1);        /* no packet, event set */
	CHECK(ReadFile(f, back, sizeof(back), NULL, &ov) && !memcmp(back, buf, sizeof(buf)),
	      "read back");
	CHECK(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "its event is set");
	FAILS(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0), FALSE, WAIT_TIMEOUT);
	ov.hEvent = NULL;
	ov.Offset = 1 << 20;                            /* at the end: fails, no packet */
	FAILS(ReadFile(f, back, sizeof(back), NULL, &ov), FALSE, ERROR_HANDLE_EOF);
	FAILS(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0), FALSE, WAIT_TIMEOUT);
	ov.Offset = 0;
	CHECK(LockFileEx(f, LOCKFILE_EXCLUSIVE_LOCK, 0, 10, 0, &ov), "a lock granted at once");
	CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && bytes == 0 &&
	      key == 0x51 && got == &ov, "the lock's packet");
	pending_lock(f);
	CHECK(SetFileCompletionNotificationModes(f, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
	      "skip on success");
	ov.Offset = 0;
	CHECK(WriteFile(f, buf, 10, NULL, &ov), "a skipped write");
	FAILS(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0), FALSE, WAIT_TIMEOUT);
	FAILS(SetFileCompletionNotificationModes(f, 4), FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(other);
	CloseHandle(ev);
	CloseHandle(f);                 /* the file holds the port until it goes */
	CloseHandle(port);
}

/* Workers take jobs from one port until a key-0 packet each. */
static LONG done_jobs, bad_jobs;

static DWORD WINAPI worker(LPVOID port)
{
	OVERLAPPED *got;
	ULONG_PTR key;
	DWORD bytes;

	while (GetQueuedCompletionStatus(port, &bytes, &key, &got, 10000) && key) {
		if (bytes != key * 3)
			InterlockedIncrement(&bad_jobs);
		InterlockedIncrement(&done_jobs);
		if (key % 7 == 0)
			Sleep(1);
	}
	return 0;
}

static void workers(void)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, WORKERS), t[WORKERS];

	for (int i = 0; i < WORKERS; i++)
		t[i] = CreateThread(NULL, 0, worker, port, 0, NULL);
	for (DWORD k = 1; k <= JOBS; k++)
		PostQueuedCompletionStatus(port, k * 3, k, NULL);
	for (int i = 0; i < WORKERS; i++)
		PostQueuedCompletionStatus(port, 0, 0, NULL);
	WaitForMultipleObjects(WORKERS, t, TRUE, INFINITE);
	CHECK(done_jobs == JOBS && bad_jobs == 0, "%ld jobs done, %ld bad", done_jobs, bad_jobs);
	for (int i = 0; i < WORKERS; i++)
		CloseHandle(t[i]);
	CloseHandle(port);
}

int main(void)
{
	basics();
	alertable();
	close_releases();
	file_transfers();
	workers();
	printf("completion-port: %d failures\n", failures);
	return failures != 0;
}
