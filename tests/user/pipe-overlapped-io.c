/* Overlapped ReadFile and WriteFile on named pipes opened with
 * FILE_FLAG_OVERLAPPED, as Microsoft documents them: a transfer that can
 * complete at once returns TRUE (its event set); one that must wait
 * returns FALSE with ERROR_IO_PENDING, GetOverlappedResult says
 * ERROR_IO_INCOMPLETE until it is done, then its event and the pipe's
 * handle are signaled; CancelIo(Ex) ends pending requests with
 * ERROR_OPERATION_ABORTED (CancelIo the calling thread's; a thread's end
 * its own); ReadFileEx's routine runs once the data came;
 * a completion port gets packets of what completes on an associated end;
 * a pending read ends with ERROR_BROKEN_PIPE when the
 * client leaves, with ERROR_MORE_DATA for a longer message; a pending
 * write waits for room. Then Microsoft's "Named Pipe Server Using
 * Overlapped I/O" pattern: one thread serving four instances through their
 * events with WaitForMultipleObjects, for client threads. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#define TEST_NAME "pipe-overlapped-io"
#include "check.h"
#include "pipe-threads.h"

#define NAME "\\\\.\\pipe\\vados-overlapped"
#define INSTANCES 4
#define CLIENTS 4
#define ROUNDS 2                        /* transactions per client */

static HANDLE overlapped_server(DWORD type, DWORD size)
{
	return CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
				type | (type ? PIPE_READMODE_MESSAGE : 0), INSTANCES, size, size, 0,
				NULL);
}

static HANDLE client(void)
{
	return CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static void reads_and_writes(void)
{
	HANDLE s = overlapped_server(PIPE_TYPE_MESSAGE, 16), c = client(), t;
	OVERLAPPED ov = { 0 };
	char buf[64];
	DWORD n = 7, total;

	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(c != INVALID_HANDLE_VALUE, "client: %lu", GetLastError());
	/* Data there: done at once. */
	CHECK(WriteFile(c, "ready", 5, &n, NULL), "client writes");
	CHECK(ReadFile(s, buf, sizeof(buf), &n, &ov) && n == 5, "at once: %lu", GetLastError());
	CHECK(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "its event set");
	CHECK(GetOverlappedResult(s, &ov, &n, FALSE) && n == 5, "result %lu", n);

	/* No data: pending until the client writes. */
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "event reset");
	CHECK(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "the handle is not signaled");
	FAILS(GetOverlappedResult(s, &ov, &n, FALSE), FALSE, ERROR_IO_INCOMPLETE);
	shared = c;
	t = CreateThread(NULL, 0, write_later, "later", 0, NULL);
	CHECK(GetOverlappedResult(s, &ov, &n, TRUE) && n == 5 && !memcmp(buf, "later", 5),
	      "waited: %lu %lu", n, GetLastError());
	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "the handle is signaled");
	CHECK(finish(t) == 5, "the thread wrote");

	/* A pending read of a message longer than the buffer. */
	FAILS(ReadFile(s, buf, 3, &n, &ov), FALSE, ERROR_IO_PENDING);
	t = CreateThread(NULL, 0, write_later, "longer", 0, NULL);
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_MORE_DATA);
	CHECK(n == 3 && !memcmp(buf, "lon", 3), "its start: %lu", n);
	CHECK(ReadFile(s, buf, sizeof(buf), &n, &ov) && n == 3 && !memcmp(buf, "ger", 3),
	      "its rest %lu", n);
	finish(t);

	/* A write larger than the room waits for a reader. */
	memset(buf, 'w', 40);
	FAILS(WriteFile(s, buf, 40, &n, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(WaitForSingleObject(ov.hEvent, 50) == WAIT_TIMEOUT, "no reader yet");
	for (total = 0; total < 40 && ReadFile(c, buf, sizeof(buf), &n, NULL); total += n)
		;
	CHECK(total == 40, "the client read %lu", total);
	CHECK(GetOverlappedResult(s, &ov, &n, TRUE) && n == 40, "written: %lu", n);

	/* CancelIoEx and CancelIo end pending requests. */
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(CancelIoEx(s, &ov), "CancelIoEx: %lu", GetLastError());
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);
	FAILS(CancelIoEx(s, &ov), FALSE, ERROR_NOT_FOUND);
	CHECK(CancelIo(s), "CancelIo with nothing pending");
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(CancelIo(s), "CancelIo: %lu", GetLastError());
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);
	CHECK(WriteFile(c, "after", 5, &n, NULL), "the client writes");
	CHECK(ReadFile(s, buf, sizeof(buf), &n, &ov) && n == 5, "nothing was taken: %lu", n);

	/* A pending read that the client's leaving ends. */
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	t = CreateThread(NULL, 0, close_later, NULL, 0, NULL);
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_BROKEN_PIPE);
	finish(t);
	CHECK(DisconnectNamedPipe(s), "disconnect");

	/* A pending connect that CancelIo ends; then one a client answers. */
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(CancelIo(s), "CancelIo: %lu", GetLastError());
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	c = client();
	CHECK(GetOverlappedResult(s, &ov, &n, TRUE), "connected: %lu", GetLastError());
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	CloseHandle(s);
	CHECK(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "ended by the close");
	CHECK(ov.Internal != 0 && ov.Internal != STATUS_PENDING, "status %lx",
	      (unsigned long)ov.Internal);
	CloseHandle(c);
	CloseHandle(ov.hEvent);
}

/* A thread that starts an overlapped read (its OVERLAPPED the argument) on
 * `shared` and ends. */
static DWORD WINAPI read_and_end(LPVOID arg)
{
	static char buf[16];
	DWORD n;

	return !ReadFile(shared, buf, sizeof(buf), &n, arg) && GetLastError() == ERROR_IO_PENDING;
}

/* CancelIo cancels only the calling thread's requests; a thread's end
 * cancels its own. */
static void thread_requests(void)
{
	HANDLE s = overlapped_server(0, 1024), c = client(), t;
	OVERLAPPED ov = { 0 };
	DWORD n;

	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	FAILS(ReadFile(s, &n, sizeof(n), &n, &ov), FALSE, ERROR_IO_PENDING);
	shared = s;
	t = CreateThread(NULL, 0, (LPTHREAD_START_ROUTINE)CancelIo, s, 0, NULL);
	CHECK(finish(t), "another thread's CancelIo");
	CHECK(WaitForSingleObject(ov.hEvent, 50) == WAIT_TIMEOUT, "not this thread's request");
	CHECK(CancelIoEx(s, &ov), "CancelIoEx: %lu", GetLastError());
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);

	t = CreateThread(NULL, 0, read_and_end, &ov, 0, NULL);
	CHECK(finish(t), "the thread's read pended");
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);
	CloseHandle(ov.hEvent);
	CloseHandle(c);
	CloseHandle(s);
}

static DWORD routine_calls, routine_error, routine_bytes;
static LPOVERLAPPED routine_ov;

static VOID CALLBACK routine(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
	routine_calls++;
	routine_error = error;
	routine_bytes = bytes;
	routine_ov = ov;
}

/* ReadFileEx that must wait is pending: its routine runs in an alertable
 * wait once the data came. A zero-byte overlapped read waits for data too.
 * Failures at once leave the OVERLAPPED pending. */
static void completion_routines(void)
{
	HANDLE s = overlapped_server(0, 1024), c, event = CreateEventA(NULL, TRUE, FALSE, NULL);
	OVERLAPPED ov = { 0 };
	char buf[64];
	DWORD n = 9, state, count, timeout;

	ov.hEvent = event;
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	c = client();
	CHECK(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "connected");
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_PIPE_CONNECTED);
	CHECK(ov.Internal == STATUS_PENDING, "Internal %lx", (unsigned long)ov.Internal);
	FAILS(GetNamedPipeHandleStateA(s, &state, &count, &n, &timeout, NULL, 0), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetNamedPipeHandleStateA(c, NULL, NULL, NULL, NULL, buf, sizeof(buf)), FALSE,
	      ERROR_INVALID_PARAMETER);

	ResetEvent(event);
	CHECK(ReadFileEx(s, buf, sizeof(buf), &ov, routine), "ReadFileEx: %lu", GetLastError());
	CHECK(SleepEx(0, TRUE) == 0 && routine_calls == 0, "not yet");
	CHECK(WriteFile(c, "test", 4, &n, NULL), "the client writes");
	CHECK(SleepEx(5000, TRUE) == WAIT_IO_COMPLETION, "the routine ran");
	CHECK(routine_calls == 1 && routine_error == 0 && routine_bytes == 4 && routine_ov == &ov &&
	      !memcmp(buf, "test", 4), "routine %lu %lu %lu", routine_calls, routine_error,
	      routine_bytes);

	ov.Internal = ov.InternalHigh = (ULONG_PTR)-1;
	n = 9;
	FAILS(ReadFile(s, buf, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(n == 0 && ov.Internal == STATUS_PENDING && ov.InternalHigh == (ULONG_PTR)-1,
	      "pending %lu %lx", n, (unsigned long)ov.Internal);
	CHECK(WaitForSingleObject(event, 100) == WAIT_TIMEOUT, "waits for data");
	CHECK(WriteFile(c, "x", 1, &n, NULL), "a byte");
	CHECK(WaitForSingleObject(event, 5000) == WAIT_OBJECT_0 && ov.Internal == 0 &&
	      ov.InternalHigh == 0, "done with 0 bytes");
	CHECK(ReadFile(s, buf, 1, &n, &ov) && n == 1, "the byte stayed");

	CHECK(DisconnectNamedPipe(s), "disconnect");
	ov.InternalHigh = 0xbeef;
	FAILS(ReadFile(s, buf, 1, &n, &ov), FALSE, ERROR_PIPE_NOT_CONNECTED);
	CHECK(ov.Internal == STATUS_PENDING && ov.InternalHigh == 0xbeef, "left pending");
	CloseHandle(c);
	CloseHandle(s);
	CloseHandle(event);
}

/* A pipe end associated with a completion port: what completes, at once
 * or pending, posts a packet (not with hEvent's low bit set); a pending
 * read the client's leaving ends comes out failed. */
static void completion_port(void)
{
	HANDLE s = overlapped_server(0, 1024), c, port, event = CreateEventA(NULL, TRUE, FALSE, NULL);
	OVERLAPPED ov = { 0 }, quiet = { 0 }, *got = NULL;
	ULONG_PTR key = 0;
	char buf[64];
	DWORD n = 0;

	port = CreateIoCompletionPort(s, NULL, 7, 0);
	CHECK(port != NULL, "CreateIoCompletionPort: %lu", GetLastError());
	FAILS(CreateIoCompletionPort(s, port, 8, 0), NULL, ERROR_INVALID_PARAMETER);
	ov.hEvent = event;
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	c = client();
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 5000) && key == 7 && got == &ov &&
	      n == 0, "the connect's packet: %lu", GetLastError());
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(WriteFile(c, "hello", 5, &n, NULL), "the client writes");
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 5000) && got == &ov && n == 5,
	      "the read's packet: %lu %lu", n, GetLastError());
	CHECK(WriteFile(c, "again", 5, &n, NULL), "the client writes");
	CHECK(ReadFile(s, buf, sizeof(buf), &n, &ov) && n == 5, "at once");
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 0) && got == &ov && n == 5,
	      "its packet too: %lu", GetLastError());
	quiet.hEvent = (HANDLE)((ULONG_PTR)event | 1);
	CHECK(WriteFile(c, "quiet", 5, &n, NULL), "the client writes");
	CHECK(ReadFile(s, buf, sizeof(buf), &n, &quiet) && n == 5, "at once, quietly");
	FAILS(GetQueuedCompletionStatus(port, &n, &key, &got, 0), FALSE, WAIT_TIMEOUT);
	FAILS(ReadFile(s, buf, sizeof(buf), &n, &ov), FALSE, ERROR_IO_PENDING);
	CloseHandle(c);
	got = NULL;
	FAILS(GetQueuedCompletionStatus(port, &n, &key, &got, 5000), FALSE, ERROR_BROKEN_PIPE);
	CHECK(got == &ov, "the failed read's OVERLAPPED");
	CloseHandle(s);
	CloseHandle(port);
	CloseHandle(event);
}

/* --- Microsoft's overlapped server pattern --- */

enum state { CONNECTING, READING, WRITING };

struct instance {
	OVERLAPPED ov;
	HANDLE pipe;
	enum state state;
	BOOL pending;
	char request[64], reply[80];
	DWORD got, put;
};

static struct instance inst[INSTANCES];

/* Starts a ConnectNamedPipe on i: pending, or already connected (then its
 * event is set by hand, as the sample does). */
static void connect_next(struct instance *i)
{
	i->state = CONNECTING;
	i->pending = FALSE;
	if (ConnectNamedPipe(i->pipe, &i->ov)) {
		CHECK(0, "an overlapped ConnectNamedPipe returned TRUE");
	} else if (GetLastError() == ERROR_IO_PENDING) {
		i->pending = TRUE;
	} else if (GetLastError() == ERROR_PIPE_CONNECTED) {
		SetEvent(i->ov.hEvent);
	} else {
		CHECK(0, "ConnectNamedPipe: %lu", GetLastError());
	}
}

static void reconnect(struct instance *i)
{
	CHECK(DisconnectNamedPipe(i->pipe), "disconnect: %lu", GetLastError());
	connect_next(i);
}

static DWORD WINAPI client_thread(LPVOID arg)
{
	DWORD id = (DWORD)(ULONG_PTR)arg, ok = 0, n, mode = PIPE_READMODE_MESSAGE;
	char msg[64], want[80], buf[80];

	for (int round = 0; round < ROUNDS; round++) {
		HANDLE c;

		while ((c = client()) == INVALID_HANDLE_VALUE)
			if (GetLastError() != ERROR_PIPE_BUSY ||
			    !WaitNamedPipeA(NAME, NMPWAIT_WAIT_FOREVER))
				return ok;
		snprintf(msg, sizeof(msg), "client %lu round %d", id, round);
		snprintf(want, sizeof(want), "answer to %s", msg);
		if (SetNamedPipeHandleState(c, &mode, NULL, NULL) &&
		    WriteFile(c, msg, (DWORD)strlen(msg), &n, NULL) &&
		    ReadFile(c, buf, sizeof(buf), &n, NULL) && n == strlen(want) &&
		    !memcmp(buf, want, n))
			ok++;
		CloseHandle(c);
	}
	return ok;
}

static void sample_server(void)
{
	HANDLE events[INSTANCES], threads[CLIENTS];
	DWORD served = 0, n, ok = 0;

	for (int k = 0; k < INSTANCES; k++) {
		inst[k].ov.hEvent = events[k] = CreateEventA(NULL, TRUE, TRUE, NULL);
		inst[k].pipe = overlapped_server(PIPE_TYPE_MESSAGE, 512);
		CHECK(inst[k].pipe != INVALID_HANDLE_VALUE, "instance %d: %lu", k, GetLastError());
		connect_next(&inst[k]);
	}
	for (int k = 0; k < CLIENTS; k++)
		threads[k] = CreateThread(NULL, 0, client_thread, (LPVOID)(ULONG_PTR)k, 0, NULL);
	while (served < CLIENTS * ROUNDS) {
		DWORD w = WaitForMultipleObjects(INSTANCES, events, FALSE, 10000);
		struct instance *i;

		if (w >= WAIT_OBJECT_0 + INSTANCES) {
			CHECK(0, "wait: %lx %lu", w, GetLastError());
			break;
		}
		i = &inst[w - WAIT_OBJECT_0];
		if (i->pending) {
			BOOL done = GetOverlappedResult(i->pipe, &i->ov, &n, FALSE);

			i->pending = FALSE;
			if (i->state == READING && done)
				i->got = n;
			if (i->state != CONNECTING && (!done || (i->state == WRITING && n != i->put))) {
				reconnect(i);   /* the client left */
				continue;
			}
			if (i->state == CONNECTING)
				i->state = READING;
			else if (i->state == READING)
				i->state = WRITING;
			else
				i->state = READING;
		}
		if (i->state == READING) {
			if (ReadFile(i->pipe, i->request, sizeof(i->request), &i->got, &i->ov) && i->got) {
				i->state = WRITING;
			} else if (GetLastError() == ERROR_IO_PENDING) {
				i->pending = TRUE;
				continue;
			} else {
				reconnect(i);
				continue;
			}
		}
		if (i->state == WRITING) {
			i->put = (DWORD)snprintf(i->reply, sizeof(i->reply), "answer to %.*s",
						 (int)i->got, i->request);
			if (WriteFile(i->pipe, i->reply, i->put, &n, &i->ov) && n == i->put) {
				served++;
				i->state = READING;
				continue;       /* its event is set: read again */
			}
			if (GetLastError() == ERROR_IO_PENDING) {
				served++;
				i->pending = TRUE;
				continue;
			}
			reconnect(i);
		}
	}
	for (int k = 0; k < CLIENTS; k++)
		ok += finish(threads[k]);
	CHECK(served == CLIENTS * ROUNDS && ok == CLIENTS * ROUNDS, "served %lu, answered %lu",
	      served, ok);
	for (int k = 0; k < INSTANCES; k++) {
		CloseHandle(inst[k].pipe);
		CloseHandle(events[k]);
	}
}

int main(void)
{
	reads_and_writes();
	completion_routines();
	completion_port();
	thread_requests();
	sample_server();
	printf("pipe-overlapped-io: %d failures\n", failures);
	return failures != 0;
}
