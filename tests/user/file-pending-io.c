/* Pending overlapped I/O and threads, as Windows documents it (the pending
 * requests are LockFileEx ones on a FILE_FLAG_OVERLAPPED handle):
 * CancelIo cancels only the calling thread's requests on the handle,
 * CancelIoEx(h, NULL) every thread's, and a thread's pending requests are
 * cancelled when it exits; a file handle is signaled when a request on it
 * completes (not while one is pending), so that it can be waited on and
 * GetOverlappedResult without hEvent waits on it. Needs a FAT C: drive. */
#include <windows.h>

#define TEST_NAME "file-pending-io"
#include "check.h"

#define F "C:\\pending.bin"
#define ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define CANCELLED 0xC0000120u

static HANDLE o, issued, release;

/* A thread's request: a lock of 1 byte at *offset that must wait. */
struct request {
	OVERLAPPED ov;
	DWORD error;
};

/* Issues its request, says so, waits for release, then returns (its
 * request still pending unless someone cancelled it). */
static DWORD WINAPI issue_and_wait(LPVOID p)
{
	struct request *r = p;

	if (!LockFileEx(o, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &r->ov))
		r->error = GetLastError();
	SetEvent(issued);
	WaitForSingleObject(release, 10000);
	return 0;
}

static HANDLE start(struct request *r, DWORD offset)
{
	HANDLE t;

	r->ov = (OVERLAPPED){ .Offset = offset, .hEvent = CreateEventA(NULL, TRUE, FALSE, NULL) };
	r->error = 0;
	ResetEvent(issued);
	ResetEvent(release);
	t = CreateThread(NULL, 0, issue_and_wait, r, 0, NULL);
	CHECK(WaitForSingleObject(issued, 5000) == WAIT_OBJECT_0 && r->error == ERROR_IO_PENDING,
	      "the thread's request pends: %lu", r->error);
	return t;
}

static BOOL cancelled(const OVERLAPPED *ov)
{
	return WaitForSingleObject(ov->hEvent, 2000) == WAIT_OBJECT_0 && ov->Internal == CANCELLED;
}

static BOOL still_pending(const OVERLAPPED *ov)
{
	return WaitForSingleObject(ov->hEvent, 100) == WAIT_TIMEOUT &&
	       ov->Internal == STATUS_PENDING;
}

static void cancel_io_cancels_only_the_calling_threads(void)
{
	struct request r;
	OVERLAPPED mine = { .Offset = 5, .hEvent = CreateEventA(NULL, TRUE, FALSE, NULL) };
	HANDLE t = start(&r, 1);

	FAILS(LockFileEx(o, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &mine), FALSE, ERROR_IO_PENDING);
	CHECK(CancelIo(o), "CancelIo: %lu", GetLastError());
	CHECK(cancelled(&mine), "mine cancelled: 0x%lx", (unsigned long)mine.Internal);
	CHECK(still_pending(&r.ov), "the other thread's left: 0x%lx", (unsigned long)r.ov.Internal);
	CHECK(CancelIoEx(o, NULL), "CancelIoEx: %lu", GetLastError());
	CHECK(cancelled(&r.ov), "CancelIoEx cancels it: 0x%lx", (unsigned long)r.ov.Internal);
	SetEvent(release);
	WaitForSingleObject(t, 5000);
	CloseHandle(t);
	CloseHandle(r.ov.hEvent);
	CloseHandle(mine.hEvent);
}

static void thread_exit_cancels_its_pending_io(void)
{
	struct request r;
	HANDLE t = start(&r, 2);
	DWORD n;

	CHECK(still_pending(&r.ov), "pending while its thread runs");
	SetEvent(release);
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the thread ended");
	CHECK(cancelled(&r.ov), "cancelled by its thread's end: 0x%lx",
	      (unsigned long)r.ov.Internal);
	FAILS(GetOverlappedResult(o, &r.ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);
	CloseHandle(t);
	CloseHandle(r.ov.hEvent);
}

static HANDLE a;

static DWORD WINAPI unlock_later(LPVOID p)
{
	(void)p;
	Sleep(200);
	return UnlockFile(a, 0, 0, 10, 0);
}

static void file_handle_is_signaled_when_its_io_completes(void)
{
	OVERLAPPED at = { .Offset = 100 }, lock = { .Offset = 3 };
	DWORD n = 0, started;
	HANDLE t;

	CHECK(WriteFile(o, "x", 1, NULL, &at), "write: %lu", GetLastError());
	CHECK(WaitForSingleObject(o, 0) == WAIT_OBJECT_0, "signaled by the write: %lu",
	      GetLastError());
	FAILS(LockFileEx(o, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &lock), FALSE, ERROR_IO_PENDING);
	CHECK(WaitForSingleObject(o, 0) == WAIT_TIMEOUT, "not signaled while the lock pends");
	FAILS(GetOverlappedResult(o, &lock, &n, FALSE), FALSE, ERROR_IO_INCOMPLETE);
	t = CreateThread(NULL, 0, unlock_later, NULL, 0, NULL);
	started = GetTickCount();
	CHECK(WaitForSingleObject(o, 5000) == WAIT_OBJECT_0, "signaled by the grant");
	CHECK(GetTickCount() - started >= 150, "waited for it: %lu ms", GetTickCount() - started);
	CHECK(GetOverlappedResult(o, &lock, &n, TRUE) && lock.Internal == 0, "granted: %lu",
	      GetLastError());
	CHECK(UnlockFile(o, 3, 0, 1, 0), "o held 3");
	WaitForSingleObject(t, 5000);
	CloseHandle(t);
}

int main(void)
{
	a = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, ALL, NULL, CREATE_ALWAYS, 0, NULL);

	o = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, ALL, NULL, OPEN_EXISTING,
			FILE_FLAG_OVERLAPPED, NULL);
	issued = CreateEventA(NULL, TRUE, FALSE, NULL);
	release = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(a != INVALID_HANDLE_VALUE && o != INVALID_HANDLE_VALUE, "open: %lu", GetLastError());
	CHECK(LockFile(a, 0, 0, 10, 0), "a holds 0-9");
	cancel_io_cancels_only_the_calling_threads();
	thread_exit_cancels_its_pending_io();
	file_handle_is_signaled_when_its_io_completes();
	CHECK(LockFile(o, 0, 0, 10, 0), "no request was left granted");
	CloseHandle(o);
	CloseHandle(a);
	CloseHandle(issued);
	CloseHandle(release);
	DeleteFileA(F);
	printf("file-pending-io: %d failures\n", failures);
	return failures != 0;
}
