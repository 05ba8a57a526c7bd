/* Message-type named pipes as Microsoft documents them: a ReadFile smaller
 * than the message (ERROR_MORE_DATA, the rest on the next read), zero-length
 * messages, byte reads across messages, PeekNamedPipe's bytes left in the
 * message, the read mode (a client starts in byte mode;
 * SetNamedPipeHandleState, message mode refused on a byte pipe),
 * TransactNamedPipe (ERROR_BAD_PIPE, ERROR_PIPE_BUSY), CallNamedPipe
 * against a server thread, PIPE_NOWAIT (ERROR_NO_DATA,
 * ERROR_PIPE_LISTENING) and the W forms. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#define TEST_NAME "pipe-named-message-mode"
#include "check.h"

#define NAME "\\\\.\\pipe\\vados-messages"
#define RW (GENERIC_READ | GENERIC_WRITE)

static HANDLE server(DWORD mode)
{
	return CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, mode, PIPE_UNLIMITED_INSTANCES,
				1024, 1024, 0, NULL);
}

static HANDLE client(void)
{
	return CreateFileA(NAME, RW, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static void messages(void)
{
	HANDLE s = server(PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE), c = client();
	char buf[32];
	DWORD n = 0, avail = 0, left = 0, state = 9, flags = 0, mode;

	CHECK(s != INVALID_HANDLE_VALUE && c != INVALID_HANDLE_VALUE, "pipe: %lu", GetLastError());
	CHECK(GetNamedPipeInfo(s, &flags, NULL, NULL, NULL) &&
	      flags == (PIPE_SERVER_END | PIPE_TYPE_MESSAGE), "flags %lx", flags);
	CHECK(GetNamedPipeHandleStateA(c, &state, NULL, NULL, NULL, NULL, 0) && state == 0,
	      "a client starts in byte mode: %lx", state);
	CHECK(WriteFile(c, "one", 3, &n, NULL) && n == 3, "message 1");
	CHECK(WriteFile(c, "seven!!", 7, &n, NULL) && n == 7, "message 2");
	CHECK(WriteFile(c, "", 0, &n, NULL) && n == 0, "an empty message");
	CHECK(WriteFile(c, "last", 4, &n, NULL), "message 4");
	CHECK(PeekNamedPipe(s, buf, 2, &n, &avail, &left) && n == 2 && avail == 14 && left == 1,
	      "peek %lu %lu %lu", n, avail, left);
	CHECK(PeekNamedPipe(s, buf, sizeof(buf), &n, &avail, &left) && n == 3 && left == 0,
	      "peek the whole first: %lu %lu", n, left);
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 3 && !memcmp(buf, "one", 3),
	      "one message: %lu", n);
	n = 0;
	FAILS(ReadFile(s, buf, 4, &n, NULL), FALSE, ERROR_MORE_DATA);
	CHECK(n == 4 && !memcmp(buf, "seve", 4), "its start: %lu", n);
	CHECK(PeekNamedPipe(s, NULL, 0, NULL, &avail, &left) && avail == 7 && left == 3,
	      "peek the rest %lu %lu", avail, left);
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 3 && !memcmp(buf, "n!!", 3),
	      "its rest: %lu", n);
	n = 9;
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 0, "the empty one: %lu", n);
	/* In byte read mode the server reads across messages. */
	mode = PIPE_READMODE_BYTE;
	CHECK(SetNamedPipeHandleState(s, &mode, NULL, NULL), "byte mode: %lu", GetLastError());
	CHECK(WriteFile(c, "more", 4, &n, NULL), "message 5");
	CHECK(ReadFile(s, buf, 6, &n, NULL) && n == 6 && !memcmp(buf, "lastmo", 6),
	      "bytes across: %lu", n);
	mode = PIPE_READMODE_MESSAGE;
	CHECK(SetNamedPipeHandleState(s, &mode, NULL, NULL), "message mode: %lu", GetLastError());
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 2 && !memcmp(buf, "re", 2),
	      "the message's rest: %lu", n);

	/* The client in message mode reads the server's messages. */
	CHECK(SetNamedPipeHandleState(c, &mode, NULL, NULL), "client message mode");
	CHECK(GetNamedPipeHandleStateA(c, &state, NULL, NULL, NULL, NULL, 0) &&
	      state == PIPE_READMODE_MESSAGE, "state %lx", state);
	CHECK(WriteFile(s, "abc", 3, &n, NULL) && WriteFile(s, "de", 2, &n, NULL), "server");
	FAILS(ReadFile(c, buf, 1, &n, NULL), FALSE, ERROR_MORE_DATA);
	CHECK(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 2 && !memcmp(buf, "bc", 2), "rest");
	CHECK(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 2 && !memcmp(buf, "de", 2), "next");
	mode = 0x10;
	FAILS(SetNamedPipeHandleState(c, &mode, NULL, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(c);
	CloseHandle(s);

	s = server(PIPE_TYPE_BYTE);
	c = client();
	mode = PIPE_READMODE_MESSAGE;
	FAILS(SetNamedPipeHandleState(c, &mode, NULL, NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetNamedPipeHandleState(s, &mode, NULL, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(c);
	CloseHandle(s);
}

/* A server thread: answers each client's message with "re:" and it, then
 * disconnects; count clients. */
static HANDLE echo_end;

static DWORD WINAPI echo(LPVOID count)
{
	char buf[64];
	DWORD n, i, served = 0;

	for (i = 0; i < (DWORD)(ULONG_PTR)count; i++) {
		if (!ConnectNamedPipe(echo_end, NULL) && GetLastError() != ERROR_PIPE_CONNECTED)
			break;
		if (ReadFile(echo_end, buf + 3, sizeof(buf) - 3, &n, NULL)) {
			memcpy(buf, "re:", 3);
			served += WriteFile(echo_end, buf, n + 3, &n, NULL);
		}
		while (ReadFile(echo_end, buf, sizeof(buf), &n, NULL))
			;               /* until the client leaves */
		DisconnectNamedPipe(echo_end);
	}
	return served;
}

static void transactions(void)
{
	HANDLE t, c;
	char buf[64];
	DWORD n = 0, mode = PIPE_READMODE_MESSAGE;

	echo_end = server(PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE);
	t = CreateThread(NULL, 0, echo, (LPVOID)3, 0, NULL);
	c = client();
	CHECK(c != INVALID_HANDLE_VALUE, "client: %lu", GetLastError());
	FAILS(TransactNamedPipe(c, "x", 1, buf, sizeof(buf), &n, NULL), FALSE, ERROR_BAD_PIPE);
	CHECK(SetNamedPipeHandleState(c, &mode, NULL, NULL), "message mode");
	CHECK(TransactNamedPipe(c, "ping", 4, buf, sizeof(buf), &n, NULL) && n == 7 &&
	      !memcmp(buf, "re:ping", 7), "transact: %lu %lu", n, GetLastError());
	CloseHandle(c);

	n = 0;
	CHECK(CallNamedPipeA(NAME, "call", 4, buf, sizeof(buf), &n, NMPWAIT_WAIT_FOREVER) &&
	      n == 7 && !memcmp(buf, "re:call", 7), "CallNamedPipe: %lu %lu", n, GetLastError());
	n = 0;
	FAILS(CallNamedPipeA(NAME, "small", 5, buf, 4, &n, NMPWAIT_WAIT_FOREVER), FALSE,
	      ERROR_MORE_DATA);
	CHECK(n == 4 && !memcmp(buf, "re:s", 4), "the start: %lu", n);
	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &n);
	CHECK(n == 3, "served %lu", n);
	CloseHandle(t);
	CloseHandle(echo_end);
	FAILS(CallNamedPipeA(NAME, "x", 1, buf, 4, &n, NMPWAIT_NOWAIT), FALSE,
	      ERROR_FILE_NOT_FOUND);
}

/* Unread data makes a transaction fail with ERROR_PIPE_BUSY. */
static void busy_transaction(void)
{
	HANDLE s = server(PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE), c = client();
	DWORD n, mode = PIPE_READMODE_MESSAGE;
	char buf[8];

	SetNamedPipeHandleState(c, &mode, NULL, NULL);
	CHECK(WriteFile(s, "unread", 6, &n, NULL), "server");
	FAILS(TransactNamedPipe(c, "x", 1, buf, sizeof(buf), &n, NULL), FALSE, ERROR_PIPE_BUSY);
	CloseHandle(c);
	CloseHandle(s);
}

static void nowait(void)
{
	HANDLE s = server(PIPE_TYPE_BYTE | PIPE_NOWAIT), c;
	char buf[8];
	DWORD n = 5, state = 0;

	FAILS(ConnectNamedPipe(s, NULL), FALSE, ERROR_PIPE_LISTENING);
	c = client();
	FAILS(ConnectNamedPipe(s, NULL), FALSE, ERROR_PIPE_CONNECTED);
	CHECK(GetNamedPipeHandleStateA(s, &state, NULL, NULL, NULL, NULL, 0) &&
	      state == PIPE_NOWAIT, "state %lx", state);
	FAILS(ReadFile(s, buf, sizeof(buf), &n, NULL), FALSE, ERROR_NO_DATA);
	CHECK(WriteFile(c, "hi", 2, &n, NULL) && ReadFile(s, buf, sizeof(buf), &n, NULL) &&
	      n == 2, "data: %lu", n);
	CloseHandle(c);
	FAILS(ConnectNamedPipe(s, NULL), FALSE, ERROR_NO_DATA);
	CHECK(DisconnectNamedPipe(s), "disconnect");
	CHECK(ConnectNamedPipe(s, NULL), "listening again: %lu", GetLastError());
	FAILS(ConnectNamedPipe(s, NULL), FALSE, ERROR_PIPE_LISTENING);
	CloseHandle(s);
}

static void wide(void)
{
	HANDLE s = CreateNamedPipeW(L"\\\\.\\pipe\\vados-wide", PIPE_ACCESS_OUTBOUND,
				    PIPE_TYPE_MESSAGE, 1, 0, 0, 0, NULL), c;
	DWORD n = 0, count = 0;
	WCHAR user[8] = L"x";
	char buf[8];

	CHECK(s != INVALID_HANDLE_VALUE, "CreateNamedPipeW: %lu", GetLastError());
	CHECK(WaitNamedPipeW(L"\\\\.\\pipe\\VADOS-WIDE", 0), "WaitNamedPipeW: %lu", GetLastError());
	c = CreateFileW(L"\\\\.\\pipe\\vados-wide", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(c != INVALID_HANDLE_VALUE, "CreateFileW: %lu", GetLastError());
	CHECK(GetNamedPipeHandleStateW(s, NULL, &count, NULL, NULL, user, 8) && count == 1 &&
	      user[0] == 0, "state %lu", count);
	CHECK(WriteFile(s, "w", 1, &n, NULL) && ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 1,
	      "data");
	CloseHandle(c);
	CloseHandle(s);
}

int main(void)
{
	messages();
	transactions();
	busy_transaction();
	nowait();
	wide();
	printf("pipe-named-message-mode: %d failures\n", failures);
	return failures != 0;
}
