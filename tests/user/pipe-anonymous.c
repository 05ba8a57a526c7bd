/* Anonymous pipes as Microsoft documents CreatePipe, ReadFile, WriteFile,
 * PeekNamedPipe, GetNamedPipeInfo and GetFileType on them: partial reads, a
 * read that waits for a writer, a write that waits for room,
 * ERROR_BROKEN_PIPE once every
 * write end is closed (the data before it still read), ERROR_NO_DATA for a
 * write with no reader, the ends' rights, inheritance, and the ends a
 * terminated child held closing with it. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define TEST_NAME "pipe-anonymous"
#include "check.h"
#include "pipe-threads.h"

#define BIG 12000u                      /* three times the default size */

static DWORD WINAPI write_big(LPVOID unused)
{
	static char buf[BIG];
	DWORD n = 0;

	(void)unused;
	for (unsigned i = 0; i < BIG; i++)
		buf[i] = (char)('a' + i % 26);
	if (!WriteFile(shared, buf, BIG, &n, NULL))
		return 0x80000000u | GetLastError();
	return n;
}

static void basics(void)
{
	HANDLE r, w;
	char buf[100];
	DWORD n = 0, got = 0, avail = 0, left = 7, flags = 1;

	CHECK(CreatePipe(&r, &w, NULL, 0), "CreatePipe: %lu", GetLastError());
	CHECK(GetFileType(r) == FILE_TYPE_PIPE && GetFileType(w) == FILE_TYPE_PIPE, "types");
	CHECK(GetHandleInformation(r, &flags) && flags == 0, "not inheritable: %lu", flags);
	CHECK(PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL) && avail == 0, "empty: %lu", avail);
	CHECK(GetNamedPipeInfo(r, &flags, &n, &got, &avail) && flags == PIPE_SERVER_END &&
	      n == 4096 && got == 4096 && avail == 1, "read end %lx %lu %lu %lu", flags, n, got,
	      avail);
	CHECK(GetNamedPipeInfo(w, &flags, NULL, NULL, NULL) && flags == PIPE_CLIENT_END,
	      "write end %lx", flags);
	CHECK(WriteFile(w, "hello", 5, &n, NULL) && n == 5, "write: %lu", GetLastError());
	CHECK(WriteFile(w, "", 0, &n, NULL) && n == 0, "empty write");
	memset(buf, 0, sizeof(buf));
	CHECK(PeekNamedPipe(r, buf, 2, &got, &avail, &left) && got == 2 && avail == 5 &&
	      left == 0 && memcmp(buf, "he", 2) == 0, "peek: %lu %lu %lu", got, avail, left);
	CHECK(ReadFile(r, buf, sizeof(buf), &n, NULL) && n == 5 && memcmp(buf, "hello", 5) == 0,
	      "partial read: %lu", n);
	n = 9;
	FAILS(ReadFile(w, buf, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	FAILS(WriteFile(r, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	FAILS(PeekNamedPipe(w, buf, 1, &got, &avail, NULL), FALSE, ERROR_ACCESS_DENIED);

	/* What was written before the last write end closed is still read. */
	CHECK(WriteFile(w, "ab", 2, &n, NULL), "write");
	CHECK(CloseHandle(w), "close");
	CHECK(ReadFile(r, buf, 1, &n, NULL) && n == 1 && buf[0] == 'a', "first");
	CHECK(ReadFile(r, buf, 10, &n, NULL) && n == 1 && buf[0] == 'b', "second");
	n = 9;
	FAILS(ReadFile(r, buf, 10, &n, NULL), FALSE, ERROR_BROKEN_PIPE);
	CHECK(n == 0, "broken: %lu bytes", n);
	CHECK(CloseHandle(r), "close");

	CHECK(CreatePipe(&r, &w, NULL, 0), "CreatePipe");
	CHECK(CloseHandle(r), "close");
	FAILS(WriteFile(w, "x", 1, &n, NULL), FALSE, ERROR_NO_DATA);
	CHECK(CloseHandle(w), "close");
	FAILS(GetFileType(w), FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE);
}

static void inheritance(void)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE r, w;
	DWORD fr = 0, fw = 0;

	CHECK(CreatePipe(&r, &w, &sa, 100), "CreatePipe: %lu", GetLastError());
	CHECK(GetHandleInformation(r, &fr) && GetHandleInformation(w, &fw) &&
	      (fr & fw & HANDLE_FLAG_INHERIT), "inheritable: %lu %lu", fr, fw);
	CloseHandle(r);
	CloseHandle(w);
}

/* A read waits for a writer, and for the last write end's close. */
static void waits(void)
{
	HANDLE r, w, t;
	char buf[100];
	DWORD n = 0;

	CHECK(CreatePipe(&r, &w, NULL, 0), "CreatePipe");
	shared = w;
	t = CreateThread(NULL, 0, write_later, "later", 0, NULL);
	CHECK(ReadFile(r, buf, sizeof(buf), &n, NULL) && n == 5 && memcmp(buf, "later", 5) == 0,
	      "waited read: %lu", n);
	CHECK(finish(t) == 5, "writer");
	t = CreateThread(NULL, 0, close_later, NULL, 0, NULL);
	n = 9;
	FAILS(ReadFile(r, buf, sizeof(buf), &n, NULL), FALSE, ERROR_BROKEN_PIPE);
	CHECK(n == 0 && finish(t), "closer");
	CloseHandle(r);

	/* A write bigger than the pipe waits for the reader to make room. */
	CHECK(CreatePipe(&r, &w, NULL, 0), "CreatePipe");
	shared = w;
	t = CreateThread(NULL, 0, write_big, NULL, 0, NULL);
	{
		static char in[BIG];
		DWORD total = 0;
		BOOL same = TRUE;

		Sleep(50);
		while (total < BIG && ReadFile(r, in + total, BIG - total, &n, NULL))
			total += n;
		for (unsigned i = 0; i < BIG; i++)
			same &= in[i] == (char)('a' + i % 26);
		CHECK(total == BIG && same, "read %lu of %u", total, BIG);
	}
	CHECK(finish(t) == BIG, "big write");
	CloseHandle(w);

	/* A writer waiting for room fails once the reader is gone. */
	CHECK(CreatePipe(&r, &w, NULL, 0), "CreatePipe");
	shared = w;
	t = CreateThread(NULL, 0, write_big, NULL, 0, NULL);
	Sleep(50);
	CHECK(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "the writer waits");
	CloseHandle(r);
	CHECK((finish(t) & 0x80000000u) != 0, "the waiting write failed");
	CloseHandle(w);
}

/* A child that holds an inherited end and never closes it; terminated, its
 * end closes. */
static HANDLE spawn(const char *self, const char *what, HANDLE h)
{
	char line[300];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	snprintf(line, sizeof(line), "%s %s %lu", self, what, (DWORD)(ULONG_PTR)h);
	if (!CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static void terminated(const char *self)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE r, w, child;
	char buf[10];
	DWORD n = 0;

	CHECK(CreatePipe(&r, &w, &sa, 0), "CreatePipe");
	child = spawn(self, "writer", w);
	CHECK(child != NULL, "spawn: %lu", GetLastError());
	CloseHandle(w);
	CHECK(ReadFile(r, buf, sizeof(buf), &n, NULL) && n == 1 && buf[0] == 'x', "child wrote");
	CHECK(TerminateProcess(child, 3), "terminate");
	WaitForSingleObject(child, INFINITE);
	FAILS(ReadFile(r, buf, sizeof(buf), &n, NULL), FALSE, ERROR_BROKEN_PIPE);
	CloseHandle(child);
	CloseHandle(r);

	CHECK(CreatePipe(&r, &w, &sa, 0), "CreatePipe");
	child = spawn(self, "reader", r);
	CHECK(child != NULL, "spawn: %lu", GetLastError());
	CloseHandle(r);
	CHECK(WriteFile(w, "y", 1, &n, NULL) && n == 1, "a reader is there");
	CHECK(TerminateProcess(child, 3), "terminate");
	WaitForSingleObject(child, INFINITE);
	FAILS(WriteFile(w, "y", 1, &n, NULL), FALSE, ERROR_NO_DATA);
	CloseHandle(child);
	CloseHandle(w);
}

int main(int argc, char **argv)
{
	if (argc == 3) {                /* a child: use the end, then wait to be ended */
		HANDLE h = (HANDLE)(ULONG_PTR)strtoul(argv[2], NULL, 10);
		DWORD n;

		if (strcmp(argv[1], "writer") == 0)
			WriteFile(h, "x", 1, &n, NULL);
		Sleep(INFINITE);
		return 1;
	}
	basics();
	inheritance();
	waits();
	terminated(argv[0]);
	printf("pipe-anonymous: %d failures\n", failures);
	return failures != 0;
}
