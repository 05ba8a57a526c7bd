/* ReadFileEx and WriteFileEx as Windows documents them: the transfer at the
 * OVERLAPPED's offset, and the completion routine (error 0, the bytes, the
 * OVERLAPPED) queued as an APC to the calling thread, run only in its next
 * alertable wait; hEvent is the caller's and untouched; a read at the end
 * of the file fails at once (ERROR_HANDLE_EOF) with nothing queued; bad
 * handles and a missing OVERLAPPED fail; GetOverlappedResultEx, CancelIo and
 * CancelIoEx find nothing pending. Needs a FAT C: drive. */
#define TEST_NAME "apc-file-ex"
#include <string.h>
#include <windows.h>
#include "check.h"

static int calls;
static DWORD got_error, got_bytes;
static LPOVERLAPPED got_ov;

static VOID WINAPI done(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
	calls++;
	got_error = error;
	got_bytes = bytes;
	got_ov = ov;
}

int main(void)
{
	HANDLE f = CreateFileA("C:\\APCEX.TXT", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
	OVERLAPPED ov;
	char buf[16] = { 0 };

	CHECK(f != INVALID_HANDLE_VALUE, "create: %lu", GetLastError());
	memset(&ov, 0, sizeof(ov));
	ov.hEvent = (HANDLE)0x5678;     /* ReadFileEx and WriteFileEx ignore it */
	CHECK(WriteFileEx(f, "0123456789", 10, &ov, done), "write: %lu", GetLastError());
	CHECK(calls == 0, "the routine ran before an alertable wait");
	Sleep(20);
	CHECK(calls == 0, "the routine ran in Sleep");
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "alertable");
	CHECK(calls == 1 && got_error == 0 && got_bytes == 10 && got_ov == &ov,
	      "write completion: %d calls, %lu, %lu", calls, got_error, got_bytes);
	CHECK(ov.hEvent == (HANDLE)0x5678, "hEvent changed");
	CHECK(ov.Internal == 0 && ov.InternalHigh == 10, "Internal %lx InternalHigh %lu",
	      ov.Internal, ov.InternalHigh);

	ov.Offset = 3;
	CHECK(ReadFileEx(f, buf, 4, &ov, done), "read: %lu", GetLastError());
	CHECK(calls == 1, "the read's routine ran before an alertable wait");
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "alertable");
	CHECK(calls == 2 && got_error == 0 && got_bytes == 4 && !memcmp(buf, "3456", 4),
	      "read completion: %d calls, %lu bytes, %.4s", calls, got_bytes, buf);

	/* Two queued, run oldest first in one alertable wait. */
	ov.Offset = 0;
	ReadFileEx(f, buf, 2, &ov, done);
	ov.Offset = 8;
	ReadFileEx(f, buf + 2, 2, &ov, done);
	CHECK(SleepEx(100, TRUE) == WAIT_IO_COMPLETION && calls == 4 && !memcmp(buf, "0189", 4),
	      "two reads: %d calls, %.4s", calls, buf);

	/* At the end of the file: fails at once, nothing queued. */
	ov.Offset = 100;
	SetLastError(0);
	CHECK(!ReadFileEx(f, buf, 4, &ov, done) && GetLastError() == ERROR_HANDLE_EOF,
	      "past the end: %lu", GetLastError());
	CHECK(SleepEx(0, TRUE) == 0 && calls == 4, "a routine was queued for a failure");
	CHECK(!ReadFileEx(f, buf, 4, NULL, done) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "no OVERLAPPED: %lu", GetLastError());
	CHECK(!ReadFileEx((HANDLE)0x1230, buf, 4, &ov, done) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lu", GetLastError());
	CHECK(!WriteFileEx(NULL, buf, 4, &ov, done) && GetLastError() == ERROR_INVALID_HANDLE,
	      "NULL handle: %lu", GetLastError());
	CHECK(SleepEx(0, TRUE) == 0 && calls == 4, "a failed call queued a routine");

	/* Nothing stays pending: the result is there at once, nothing to cancel. */
	DWORD n = 0;
	ov.Offset = 1;
	ReadFileEx(f, buf, 3, &ov, done);
	CHECK(GetOverlappedResultEx(f, &ov, &n, 0, FALSE) && n == 3, "result: %lu", n);
	CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && calls == 5, "%d calls", calls);
	CHECK(CancelIo(f), "CancelIo: %lu", GetLastError());
	CHECK(!CancelIoEx(f, &ov) && GetLastError() == ERROR_NOT_FOUND, "CancelIoEx: %lu",
	      GetLastError());
	CHECK(!CancelIo((HANDLE)0x1230) && GetLastError() == ERROR_INVALID_HANDLE, "bad handle");
	ov.Internal = STATUS_PENDING;
	CHECK(!GetOverlappedResultEx(f, &ov, &n, 0, TRUE) && GetLastError() == ERROR_IO_INCOMPLETE,
	      "pending, 0 ms: %lu", GetLastError());
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(!GetOverlappedResultEx(f, &ov, &n, 20, FALSE) && GetLastError() == WAIT_TIMEOUT,
	      "pending, timed out: %lu", GetLastError());
	QueueUserAPC((PAPCFUNC)(void *)SetLastError, GetCurrentThread(), 0);
	CHECK(!GetOverlappedResultEx(f, &ov, &n, INFINITE, TRUE) &&
	      GetLastError() == WAIT_IO_COMPLETION, "pending, alerted: %lu", GetLastError());
	CloseHandle(ov.hEvent);
	CloseHandle(f);
	DeleteFileA("C:\\APCEX.TXT");
	printf("apc-file-ex: %d failures\n", failures);
	return failures != 0;
}
