/* Microsoft's "Multithreaded Pipe Server" and "Named Pipe Client" samples
 * as a test: the server makes an instance per client (message type,
 * PIPE_UNLIMITED_INSTANCES), waits in ConnectNamedPipe (or finds the client
 * already there: ERROR_PIPE_CONNECTED) and gives each connection a thread
 * that reads requests until ERROR_BROKEN_PIPE, answers each, and ends with
 * FlushFileBuffers (which returns once the client has read the answer),
 * DisconnectNamedPipe and CloseHandle. The clients are child processes:
 * CreateFile, retried through WaitNamedPipe while every instance is busy
 * (ERROR_PIPE_BUSY), message read mode, then a reply read in pieces smaller
 * than the message (ERROR_MORE_DATA until its end). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define TEST_NAME "pipe-multithreaded-server"
#include "check.h"

#define NAME "\\\\.\\pipe\\vados-mynamedpipe"
#define CLIENTS 3
#define BUFSIZE 512
#define PIECE 8                         /* the client's read size */

static volatile LONG answered, flushed;

static DWORD WINAPI instance_thread(LPVOID param)
{
	HANDLE pipe = param;
	char request[BUFSIZE], reply[BUFSIZE + 32];
	DWORD got, put, len;

	for (;;) {
		if (!ReadFile(pipe, request, BUFSIZE, &got, NULL)) {
			if (GetLastError() != ERROR_BROKEN_PIPE)
				printf(TEST_NAME ": ReadFile: %lu\n", GetLastError());
			break;
		}
		len = (DWORD)snprintf(reply, sizeof(reply), "the server's answer to \"%.*s\"",
				      (int)got, request);
		if (!WriteFile(pipe, reply, len, &put, NULL) || put != len)
			break;
		InterlockedIncrement(&answered);
		if (FlushFileBuffers(pipe))     /* the client has read it all */
			InterlockedIncrement(&flushed);
	}
	DisconnectNamedPipe(pipe);
	CloseHandle(pipe);
	return 0;
}

static HANDLE spawn(const char *self, int id)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	char line[300];

	snprintf(line, sizeof(line), "%s client %d", self, id);
	if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static void server(const char *self)
{
	HANDLE children[CLIENTS], threads[CLIENTS];
	DWORD code;

	for (int k = 0; k < CLIENTS; k++) {
		children[k] = spawn(self, k);
		CHECK(children[k] != NULL, "CreateProcess: %lu", GetLastError());
	}
	for (int k = 0; k < CLIENTS; k++) {
		HANDLE pipe = CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX,
					       PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
					       PIPE_UNLIMITED_INSTANCES, BUFSIZE, BUFSIZE, 0, NULL);
		BOOL connected;

		CHECK(pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu", GetLastError());
		connected = ConnectNamedPipe(pipe, NULL) ? TRUE :
			    (GetLastError() == ERROR_PIPE_CONNECTED);
		CHECK(connected, "ConnectNamedPipe: %lu", GetLastError());
		threads[k] = CreateThread(NULL, 0, instance_thread, pipe, 0, NULL);
	}
	for (int k = 0; k < CLIENTS; k++) {
		WaitForSingleObject(children[k], INFINITE);
		code = 99;
		GetExitCodeProcess(children[k], &code);
		CHECK(code == 0, "client %d: %lu", k, code);
		CloseHandle(children[k]);
	}
	for (int k = 0; k < CLIENTS; k++) {
		WaitForSingleObject(threads[k], INFINITE);
		CloseHandle(threads[k]);
	}
	CHECK(answered == 2 * CLIENTS && flushed == 2 * CLIENTS, "answered %ld, flushed %ld",
	      answered, flushed);
}

/* One request and its answer, read PIECE bytes at a time. */
static int transact(HANDLE pipe, const char *msg)
{
	char want[BUFSIZE + 32], got[BUFSIZE + 32];
	DWORD n, total = 0, len = (DWORD)strlen(msg);
	BOOL ok;

	if (!WriteFile(pipe, msg, len, &n, NULL) || n != len)
		return 3;
	do {
		ok = ReadFile(pipe, got + total, PIECE, &n, NULL);
		if (!ok && GetLastError() != ERROR_MORE_DATA)
			return 4;
		total += n;
	} while (!ok);
	snprintf(want, sizeof(want), "the server's answer to \"%s\"", msg);
	return total == strlen(want) && !memcmp(got, want, total) ? 0 : 5;
}

static int client(int id)
{
	HANDLE pipe;
	DWORD mode = PIPE_READMODE_MESSAGE;
	char msg[64];
	int r;

	for (;;) {
		pipe = CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0,
				   NULL);
		if (pipe != INVALID_HANDLE_VALUE)
			break;
		if (GetLastError() != ERROR_PIPE_BUSY && GetLastError() != ERROR_FILE_NOT_FOUND)
			return 1;
		if (GetLastError() == ERROR_FILE_NOT_FOUND)
			Sleep(10);      /* the server has not made its pipe yet */
		else if (!WaitNamedPipeA(NAME, 20000))
			return 2;
	}
	if (!SetNamedPipeHandleState(pipe, &mode, NULL, NULL))
		return 6;
	snprintf(msg, sizeof(msg), "default message from client %d", id);
	if ((r = transact(pipe, msg)) || (r = transact(pipe, "a second one")))
		return r;
	CloseHandle(pipe);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "client"))
		return client(atoi(argv[2]));
	server(argv[0]);
	printf("pipe-multithreaded-server: %d failures\n", failures);
	return failures != 0;
}
