/* The thread pool's I/O completion objects as Microsoft documents them:
 * CreateThreadpoolIo binds an overlapped file or pipe to the pool (a
 * handle bound already, no callback or a bad handle fail);
 * StartThreadpoolIo before each request; a request done at once and one
 * that pended each run the callback once on a worker with its OVERLAPPED,
 * NO_ERROR and the count, the context and the TP_IO; a request that
 * failed at once is given back with CancelThreadpoolIo (no callback); a
 * cancelled pipe read reports ERROR_OPERATION_ABORTED;
 * WaitForThreadpoolIoCallbacks waits for them; a TP_IO closed with a
 * request outstanding still calls back for it. Prints "threadpool-io: N
 * failures". */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "threadpool-io"
#include "check.h"

#define PIPE_NAME "\\\\.\\pipe\\threadpool-io"

struct seen {
	LONG calls;
	PVOID overlapped;
	ULONG result;
	ULONG_PTR bytes;
	PTP_IO io;
	DWORD thread;
	HANDLE done;
};

static VOID CALLBACK on_io(PTP_CALLBACK_INSTANCE inst, PVOID context, PVOID overlapped,
			   ULONG result, ULONG_PTR bytes, PTP_IO io)
{
	struct seen *s = context;

	s->overlapped = overlapped;
	s->result = result;
	s->bytes = bytes;
	s->io = io;
	s->thread = GetCurrentThreadId();
	InterlockedIncrement(&s->calls);
	SetEventWhenCallbackReturns(inst, s->done);
}

/* Waits for the next callback: whether it came. */
static BOOL next_callback(struct seen *s)
{
	BOOL came = WaitForSingleObject(s->done, 5000) == WAIT_OBJECT_0;

	ResetEvent(s->done);
	return came;
}

static void test_file(void)
{
	static char buf[3000], back[3000];
	struct seen s = { 0 };
	OVERLAPPED ov;
	PTP_IO io;
	DWORD n;
	HANDLE f = CreateFileA("C:\\tpio.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);

	s.done = CreateEventA(NULL, TRUE, FALSE, NULL);
	memset(buf, 'q', sizeof(buf));
	memset(&ov, 0, sizeof(ov));
	FAILS(CreateThreadpoolIo(f, NULL, &s, NULL), NULL, ERROR_INVALID_PARAMETER);
	FAILS(CreateThreadpoolIo((HANDLE)0x1234, on_io, &s, NULL), NULL, ERROR_INVALID_HANDLE);
	io = CreateThreadpoolIo(f, on_io, &s, NULL);
	CHECK(io != NULL, "create %lu", GetLastError());
	FAILS(CreateThreadpoolIo(f, on_io, &s, NULL), NULL, ERROR_INVALID_PARAMETER);

	StartThreadpoolIo(io);
	CHECK(WriteFile(f, buf, sizeof(buf), NULL, &ov) || GetLastError() == ERROR_IO_PENDING,
	      "write %lu", GetLastError());
	CHECK(next_callback(&s), "the write's callback");
	CHECK(s.calls == 1 && s.overlapped == &ov && s.result == NO_ERROR &&
	      s.bytes == sizeof(buf) && s.io == io && s.thread != GetCurrentThreadId(),
	      "write: %ld calls, %p, %lu, %lu bytes", s.calls, s.overlapped, s.result,
	      (DWORD)s.bytes);

	StartThreadpoolIo(io);
	ov.Offset = 10000;
	FAILS(ReadFile(f, back, sizeof(back), NULL, &ov), FALSE, ERROR_HANDLE_EOF);
	CancelThreadpoolIo(io);
	Sleep(100);
	CHECK(s.calls == 1, "a request that failed at once calls nothing back: %ld", s.calls);

	StartThreadpoolIo(io);
	ov.Offset = 1000;
	CHECK(ReadFile(f, back, sizeof(back), &n, &ov) || GetLastError() == ERROR_IO_PENDING,
	      "read %lu", GetLastError());
	CHECK(next_callback(&s) && s.calls == 2 && s.bytes == 2000 && s.result == NO_ERROR,
	      "the read's callback: %lu bytes", (DWORD)s.bytes);
	CHECK(!memcmp(back, buf, 2000), "read back");
	WaitForThreadpoolIoCallbacks(io, FALSE);
	CloseThreadpoolIo(io);
	CloseHandle(f);
	CloseHandle(s.done);
	DeleteFileA("C:\\tpio.bin");
}

static void test_pipe(void)
{
	struct seen s = { 0 };
	OVERLAPPED ov;
	char buf[100];
	PTP_IO io;
	DWORD n;
	HANDLE server = CreateNamedPipeA(PIPE_NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
					 PIPE_TYPE_BYTE, 1, 4096, 4096, 0, NULL);
	HANDLE client = CreateFileA(PIPE_NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL,
				    OPEN_EXISTING, 0, NULL);

	s.done = CreateEventA(NULL, TRUE, FALSE, NULL);
	memset(&ov, 0, sizeof(ov));
	CHECK(server != INVALID_HANDLE_VALUE && client != INVALID_HANDLE_VALUE, "pipe %lu",
	      GetLastError());
	io = CreateThreadpoolIo(server, on_io, &s, NULL);
	CHECK(io != NULL, "create on a pipe %lu", GetLastError());

	StartThreadpoolIo(io);
	FAILS(ReadFile(server, buf, sizeof(buf), NULL, &ov), FALSE, ERROR_IO_PENDING);
	Sleep(50);
	CHECK(s.calls == 0, "nothing yet");
	WriteFile(client, "hello", 5, &n, NULL);
	CHECK(next_callback(&s) && s.calls == 1 && s.bytes == 5 && s.result == NO_ERROR &&
	      s.overlapped == &ov && !memcmp(buf, "hello", 5), "the pending read: %lu bytes",
	      (DWORD)s.bytes);

	StartThreadpoolIo(io);
	FAILS(ReadFile(server, buf, sizeof(buf), NULL, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(CancelIoEx(server, &ov), "cancel %lu", GetLastError());
	CHECK(next_callback(&s) && s.calls == 2 && s.result == ERROR_OPERATION_ABORTED &&
	      s.bytes == 0, "cancelled: %lu", s.result);

	/* Closed with a read outstanding: its callback still comes. */
	StartThreadpoolIo(io);
	FAILS(ReadFile(server, buf, sizeof(buf), NULL, &ov), FALSE, ERROR_IO_PENDING);
	CloseThreadpoolIo(io);
	WriteFile(client, "late", 4, &n, NULL);
	CHECK(next_callback(&s) && s.calls == 3 && s.bytes == 4, "after the close: %ld calls",
	      s.calls);
	Sleep(50);
	CloseHandle(client);
	CloseHandle(server);
	CloseHandle(s.done);
}

int main(void)
{
	test_file();
	test_pipe();
	printf("threadpool-io: %d failures\n", failures);
	return failures != 0;
}
