/* Named pipes as Microsoft documents CreateNamedPipe, ConnectNamedPipe,
 * DisconnectNamedPipe, CreateFile on \\.\pipe\NAME and WaitNamedPipe: the
 * name's form (ERROR_INVALID_NAME), the instance limit (ERROR_PIPE_BUSY),
 * FILE_FLAG_FIRST_PIPE_INSTANCE (ERROR_ACCESS_DENIED), a client that came
 * before ConnectNamedPipe (ERROR_PIPE_CONNECTED), ERROR_PIPE_LISTENING,
 * ERROR_BROKEN_PIPE / ERROR_NO_DATA once the client leaves,
 * ERROR_PIPE_NOT_CONNECTED after DisconnectNamedPipe, WaitNamedPipe's
 * waits and ERROR_SEM_TIMEOUT, the info and process-id calls, an
 * overlapped ConnectNamedPipe (ERROR_IO_PENDING, its event, the waitable
 * handle, GetOverlappedResult), and a server and a client in two
 * processes. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define TEST_NAME "pipe-named-server-client"
#include "check.h"
#include "pipe-threads.h"

#define NAME "\\\\.\\pipe\\vados-test"
#define RW (GENERIC_READ | GENERIC_WRITE)

static HANDLE client(void)
{
	return CreateFileA(NAME, RW, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static DWORD WINAPI open_later(LPVOID unused)
{
	HANDLE c;

	(void)unused;
	Sleep(50);
	c = client();
	return c == INVALID_HANDLE_VALUE ? 0 : (DWORD)(ULONG_PTR)c;
}

static DWORD WINAPI reconnect_later(LPVOID unused)
{
	(void)unused;
	Sleep(50);
	return DisconnectNamedPipe(shared) && ConnectNamedPipe(shared, NULL);
}

static void bad_settings(void)
{
	FAILS(CreateNamedPipeA("\\\\.\\pip\\x", PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
	FAILS(CreateNamedPipeA("vados-test", PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
	FAILS(CreateNamedPipeA("\\\\.\\pipe\\", PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
	FAILS(CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, 0, 0, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, 0, 256, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(CreateNamedPipeA(NAME, 0, 0, 1, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE,
			       1, 0, 0, 0, NULL), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(WaitNamedPipeA(NAME, NMPWAIT_WAIT_FOREVER), FALSE, ERROR_FILE_NOT_FOUND);
}

static void instances(void)
{
	HANDLE s = CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE,
				    PIPE_TYPE_BYTE, 2, 512, 256, 0, NULL), s2;
	DWORD flags = 9, out = 0, in = 0, max = 0, state = 9, count = 0;

	CHECK(s != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu", GetLastError());
	FAILS(CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, 0, 2, 0,
			       0, 0, NULL), INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED);
	FAILS(CreateNamedPipeA(NAME, PIPE_ACCESS_INBOUND, 0, 2, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED);
	s2 = CreateNamedPipeA("\\\\.\\PIPE\\VADOS-TEST", PIPE_ACCESS_DUPLEX, 0, 2, 0, 0, 0, NULL);
	CHECK(s2 != INVALID_HANDLE_VALUE, "second instance (any case): %lu", GetLastError());
	FAILS(CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, 0, 2, 0, 0, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);
	CHECK(GetNamedPipeInfo(s, &flags, &out, &in, &max) && flags == PIPE_SERVER_END &&
	      out == 512 && in == 256 && max == 2, "info %lx %lu %lu %lu", flags, out, in, max);
	CHECK(GetNamedPipeHandleStateA(s, &state, &count, NULL, NULL, NULL, 0) &&
	      state == 0 && count == 2, "state %lx, %lu instances", state, count);
	CHECK(GetFileType(s) == FILE_TYPE_PIPE, "a pipe");
	CloseHandle(s2);
	CHECK(GetNamedPipeHandleStateA(s, NULL, &count, NULL, NULL, NULL, 0) && count == 1,
	      "%lu instances", count);
	CloseHandle(s);
	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
}

/* A client before ConnectNamedPipe, the data both ways, the client's leaving. */
static void connection(void)
{
	HANDLE s = CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1,
				    0, 0, 0, NULL), c, t;
	char buf[32];
	DWORD n = 0, avail = 0, left = 9, flags = 9;
	ULONG pid = 0;

	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "a new end is signaled");
	FAILS(ReadFile(s, buf, sizeof(buf), &n, NULL), FALSE, ERROR_PIPE_LISTENING);
	FAILS(WriteFile(s, "x", 1, &n, NULL), FALSE, ERROR_PIPE_LISTENING);
	FAILS(PeekNamedPipe(s, buf, sizeof(buf), &n, NULL, NULL), FALSE, ERROR_BAD_PIPE);
	FAILS(GetNamedPipeClientProcessId(s, &pid), FALSE, ERROR_PIPE_NOT_CONNECTED);
	CHECK(WaitNamedPipeA(NAME, 0), "an instance listens: %lu", GetLastError());
	c = client();
	CHECK(c != INVALID_HANDLE_VALUE, "client: %lu", GetLastError());
	FAILS(ConnectNamedPipe(s, NULL), FALSE, ERROR_PIPE_CONNECTED);
	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);
	FAILS(WaitNamedPipeA(NAME, 50), FALSE, ERROR_SEM_TIMEOUT);
	FAILS(WaitNamedPipeA(NAME, NMPWAIT_USE_DEFAULT_WAIT), FALSE, ERROR_SEM_TIMEOUT);
	FAILS(ConnectNamedPipe(c, NULL), FALSE, ERROR_INVALID_FUNCTION);
	CHECK(GetNamedPipeInfo(c, &flags, NULL, NULL, NULL) && flags == PIPE_CLIENT_END,
	      "client end %lx", flags);
	CHECK(GetNamedPipeClientProcessId(s, &pid) && pid == GetCurrentProcessId(), "pid %lu", pid);
	CHECK(GetNamedPipeServerProcessId(c, &pid) && pid == GetCurrentProcessId(), "pid %lu", pid);

	CHECK(WriteFile(c, "to server", 9, &n, NULL) && n == 9, "client writes");
	CHECK(WriteFile(s, "to client", 9, &n, NULL) && n == 9, "server writes");
	CHECK(PeekNamedPipe(s, buf, 2, &n, &avail, &left) && n == 2 && avail == 9 && left == 0,
	      "peek %lu %lu %lu", n, avail, left);
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 9 && !memcmp(buf, "to server", 9),
	      "server reads %lu", n);
	CHECK(ReadFile(c, buf, 3, &n, NULL) && n == 3 && !memcmp(buf, "to ", 3), "client reads");
	CHECK(WriteFile(c, "bye", 3, &n, NULL), "last words");
	CHECK(CloseHandle(c), "client closes");
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 3, "the data before it");
	n = 7;
	FAILS(ReadFile(s, buf, sizeof(buf), &n, NULL), FALSE, ERROR_BROKEN_PIPE);
	CHECK(n == 0, "%lu bytes", n);
	FAILS(WriteFile(s, "x", 1, &n, NULL), FALSE, ERROR_NO_DATA);
	FAILS(ConnectNamedPipe(s, NULL), FALSE, ERROR_NO_DATA);
	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);

	/* Disconnected, the instance waits in ConnectNamedPipe for the next. */
	CHECK(DisconnectNamedPipe(s), "disconnect: %lu", GetLastError());
	FAILS(DisconnectNamedPipe(s), FALSE, ERROR_PIPE_NOT_CONNECTED);
	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);
	t = CreateThread(NULL, 0, open_later, NULL, 0, NULL);
	CHECK(ConnectNamedPipe(s, NULL), "a client came: %lu", GetLastError());
	c = (HANDLE)(ULONG_PTR)finish(t);
	CHECK(c != NULL, "the thread's client");
	CHECK(WriteFile(s, "unread", 6, &n, NULL), "server writes");
	CHECK(DisconnectNamedPipe(s), "disconnect");
	FAILS(ReadFile(c, buf, sizeof(buf), &n, NULL), FALSE, ERROR_PIPE_NOT_CONNECTED);
	FAILS(WriteFile(c, "x", 1, &n, NULL), FALSE, ERROR_PIPE_NOT_CONNECTED);
	CHECK(WaitForSingleObject(c, 0) == WAIT_TIMEOUT, "a failed transfer leaves it reset");
	FAILS(ReadFile(s, buf, sizeof(buf), &n, NULL), FALSE, ERROR_PIPE_NOT_CONNECTED);
	CloseHandle(c);

	/* WaitNamedPipe waits until an instance listens again. */
	t = CreateThread(NULL, 0, open_later, NULL, 0, NULL);
	CHECK(ConnectNamedPipe(s, NULL), "again: %lu", GetLastError());
	c = (HANDLE)(ULONG_PTR)finish(t);
	shared = s;
	t = CreateThread(NULL, 0, reconnect_later, NULL, 0, NULL);
	CHECK(WaitNamedPipeA(NAME, NMPWAIT_WAIT_FOREVER), "waited: %lu", GetLastError());
	CloseHandle(c);
	c = client();
	CHECK(c != INVALID_HANDLE_VALUE, "the listening instance: %lu", GetLastError());
	CHECK(finish(t), "reconnected");

	/* The server closes: the client reads what was left, then the end. */
	CHECK(WriteFile(s, "last", 4, &n, NULL), "server writes");
	CloseHandle(s);
	CHECK(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 4, "left for the client");
	FAILS(ReadFile(c, buf, sizeof(buf), &n, NULL), FALSE, ERROR_BROKEN_PIPE);
	FAILS(WriteFile(c, "x", 1, &n, NULL), FALSE, ERROR_NO_DATA);
	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	CloseHandle(c);
}

/* One-way pipes: the client's access must match the direction. */
static void directions(void)
{
	HANDLE s = CreateNamedPipeA(NAME, PIPE_ACCESS_INBOUND, 0, 1, 0, 0, 0, NULL), c;
	DWORD n;
	char buf[8];

	FAILS(client(), INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED);
	c = CreateFileA(NAME, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(c != INVALID_HANDLE_VALUE, "a writer: %lu", GetLastError());
	FAILS(WriteFile(s, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	CHECK(WriteFile(c, "in", 2, &n, NULL) && ReadFile(s, buf, 8, &n, NULL) && n == 2, "inbound");
	CloseHandle(c);
	CloseHandle(s);
}

/* An overlapped ConnectNamedPipe pends until a client comes; its event and
 * the pipe's handle are signaled then. */
static void overlapped_connect(void)
{
	HANDLE s = CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, 0,
				    PIPE_UNLIMITED_INSTANCES, 0, 0, 0, NULL), c, t;
	OVERLAPPED ov = { 0 };
	DWORD n = 5, max = 0;

	ov.hEvent = CreateEventA(NULL, TRUE, TRUE, NULL);
	CHECK(GetNamedPipeInfo(s, NULL, NULL, NULL, &max) && max == PIPE_UNLIMITED_INSTANCES,
	      "max %lu", max);
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "event reset");
	CHECK(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "the handle too");
	FAILS(GetOverlappedResult(s, &ov, &n, FALSE), FALSE, ERROR_IO_INCOMPLETE);
	t = CreateThread(NULL, 0, open_later, NULL, 0, NULL);
	CHECK(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected");
	CHECK(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "the handle is signaled");
	CHECK(GetOverlappedResult(s, &ov, &n, TRUE) && n == 0, "result: %lu", GetLastError());
	c = (HANDLE)(ULONG_PTR)finish(t);
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_PIPE_CONNECTED);
	CloseHandle(c);
	CHECK(DisconnectNamedPipe(s), "disconnect");

	/* A pending connect that DisconnectNamedPipe ends. */
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(DisconnectNamedPipe(s), "disconnect a listening instance");
	FAILS(GetOverlappedResult(s, &ov, &n, TRUE), FALSE, ERROR_PIPE_NOT_CONNECTED);
	FAILS(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
	CloseHandle(s);                 /* ends it too, with its instance */
	CHECK(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "ended by the close");
	CloseHandle(ov.hEvent);
}

/* A client process: it opens the pipe, says hello and checks the answer. */
static int child_client(DWORD server_pid)
{
	HANDLE c;
	char buf[32];
	DWORD n;
	ULONG pid = 0;

	if (!WaitNamedPipeA(NAME, NMPWAIT_WAIT_FOREVER))
		return 10;
	c = client();
	if (c == INVALID_HANDLE_VALUE)
		return 11;
	if (!GetNamedPipeServerProcessId(c, &pid) || pid != server_pid)
		return 12;
	if (!WriteFile(c, "hello from the child", 20, &n, NULL))
		return 13;
	if (!ReadFile(c, buf, sizeof(buf), &n, NULL) || n != 5 || memcmp(buf, "hello", 5))
		return 14;
	CloseHandle(c);
	return 0;
}

static void processes(const char *self)
{
	HANDLE s = CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX, 0, PIPE_UNLIMITED_INSTANCES,
				    0, 0, 0, NULL);
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	char line[300], buf[32];
	DWORD n = 0, code = 99;
	ULONG pid = 0;

	snprintf(line, sizeof(line), "%s client %lu", self, GetCurrentProcessId());
	CHECK(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
	      "CreateProcess: %lu", GetLastError());
	CHECK(ConnectNamedPipe(s, NULL) || GetLastError() == ERROR_PIPE_CONNECTED,
	      "connect: %lu", GetLastError());
	CHECK(GetNamedPipeClientProcessId(s, &pid) && pid == pi.dwProcessId, "child pid %lu", pid);
	CHECK(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 20 &&
	      !memcmp(buf, "hello from the child", 20), "child says %lu", n);
	CHECK(WriteFile(s, "hello", 5, &n, NULL), "answer");
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CHECK(code == 0, "child: %lu", code);
	FAILS(ReadFile(s, buf, sizeof(buf), &n, NULL), FALSE, ERROR_BROKEN_PIPE);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(s);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "client"))
		return child_client(strtoul(argv[2], NULL, 10));
	bad_settings();
	instances();
	connection();
	directions();
	overlapped_connect();
	processes(argv[0]);
	printf("pipe-named-server-client: %d failures\n", failures);
	return failures != 0;
}
