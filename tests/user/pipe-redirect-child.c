/* Microsoft's "Creating a Child Process with Redirected Input and Output":
 * the parent makes two pipes, keeps its own ends out of inheritance
 * (SetHandleInformation), starts a child with STARTF_USESTDHANDLES, writes
 * its input and closes it, then reads all it printed until
 * ERROR_BROKEN_PIPE. The child reads its standard input through the C
 * runtime's stdin and GetStdHandle, and writes with printf (its stdout is
 * the pipe), WriteFile on GetStdHandle(STD_ERROR_HANDLE) and fputs to
 * stderr. Also GetStdHandle/SetStdHandle in one process. */
#include <windows.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#define TEST_NAME "pipe-redirect-child"
#include "check.h"

#define INPUT "first line\nsecond line\n"
#define EXPECTED "type 3 3 3\nFIRST LINE\nSECOND LINE\nerr\nend 2\n"

/* The child: every line of stdin upper-cased to stdout, then a word on
 * stderr both ways, and its lines' count. */
static int child(void)
{
	char line[100];
	int lines = 0;
	DWORD n;

	printf("type %lu %lu %lu\n", GetFileType(GetStdHandle(STD_INPUT_HANDLE)),
	       GetFileType(GetStdHandle(STD_OUTPUT_HANDLE)),
	       GetFileType(GetStdHandle(STD_ERROR_HANDLE)));
	while (fgets(line, sizeof(line), stdin)) {
		for (char *p = line; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		printf("%s", line);
		lines++;
	}
	WriteFile(GetStdHandle(STD_ERROR_HANDLE), "err\n", 4, &n, NULL);
	fprintf(stderr, "end %d\n", lines);
	return feof(stdin) && !ferror(stdin) ? 0 : 5;
}

static void std_handles(void)
{
	HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);

	CHECK(out == (HANDLE)STD_OUTPUT_HANDLE, "the console's: %p", out);
	CHECK(SetStdHandle(STD_OUTPUT_HANDLE, (HANDLE)0x1234), "set");
	CHECK(GetStdHandle(STD_OUTPUT_HANDLE) == (HANDLE)0x1234, "got back");
	CHECK(SetStdHandle(STD_OUTPUT_HANDLE, out), "restore");
	FAILS(SetStdHandle(5, out), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetStdHandle(5), INVALID_HANDLE_VALUE, ERROR_INVALID_HANDLE);
}

static void redirected(const char *self)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE out_rd, out_wr, in_rd, in_wr;
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char line[300], got[300];
	DWORD n, total = 0, code = 9, flags = 1;
	BOOL ok;

	CHECK(CreatePipe(&out_rd, &out_wr, &sa, 0), "stdout pipe: %lu", GetLastError());
	CHECK(SetHandleInformation(out_rd, HANDLE_FLAG_INHERIT, 0), "out_rd");
	CHECK(CreatePipe(&in_rd, &in_wr, &sa, 0), "stdin pipe: %lu", GetLastError());
	CHECK(SetHandleInformation(in_wr, HANDLE_FLAG_INHERIT, 0), "in_wr");
	CHECK(GetHandleInformation(in_wr, &flags) && flags == 0, "in_wr flags %lu", flags);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.hStdError = out_wr;
	si.hStdOutput = out_wr;
	si.hStdInput = in_rd;
	si.dwFlags |= STARTF_USESTDHANDLES;
	snprintf(line, sizeof(line), "%s child", self);
	CHECK(CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi),
	      "CreateProcess: %lu", GetLastError());
	CloseHandle(out_wr);            /* the child's now: its exit ends the output */
	CloseHandle(in_rd);
	CHECK(WriteFile(in_wr, INPUT, sizeof(INPUT) - 1, &n, NULL) && n == sizeof(INPUT) - 1,
	      "write the input: %lu", GetLastError());
	CHECK(CloseHandle(in_wr), "close the input");
	while ((ok = ReadFile(out_rd, got + total, sizeof(got) - 1 - total, &n, NULL)) && n)
		total += n;
	got[total] = '\0';
	CHECK(!ok && GetLastError() == ERROR_BROKEN_PIPE, "the end: %d %lu", ok, GetLastError());
	CHECK(strcmp(got, EXPECTED) == 0, "the child printed \"%s\"", got);
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "child exit %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(out_rd);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return child();
	std_handles();
	redirected(argv[0]);
	printf("pipe-redirect-child: %d failures\n", failures);
	return failures != 0;
}
