/* The C runtime's command interpreter calls: system (NULL: whether COMSPEC
 * names the interpreter; the shell's /c exit code; COMSPEC naming no file:
 * the shell found by name), _wsystem, _popen/_pclose in "r" and "w", text
 * and binary (the child's exit code back from _pclose), _wpopen, and
 * _pipe's descriptors (text translation, a CR at a read's end, inheritance,
 * _isatty, bad arguments); "no-disk": a boot whose shell is a boot module
 * only. The program is its own child: "child-print", "child-count",
 * "child-isatty" and "child-exit N". */
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tchar.h>
#define TEST_NAME "crt-system-popen"
#include "check.h"
#include "crt-common.h"

#define SELF "crt-system-popen"

/* child-print: two CRLF lines straight to the standard output handle. */
static int child_print(void)
{
	DWORD n;

	WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "one\r\ntwo\r\n", 10, &n, NULL);
	return 3;
}

/* child-isatty: which of descriptors 0, 1 and 2 are the console (bits 0-2). */
static int child_isatty(void)
{
	return (_isatty(0) ? 1 : 0) | (_isatty(1) ? 2 : 0) | (_isatty(2) ? 4 : 0);
}

/* child-count: the bytes its standard input gives until the end. */
static int child_count(void)
{
	char buf[64];
	DWORD n, total = 0;

	while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf, sizeof(buf), &n, NULL) && n)
		total += n;
	return (int)total;
}

static void system_calls(void)
{
	char was[MAX_PATH];

	CHECK(system(NULL) != 0, "COMSPEC names the shell");
	CHECK(system(SELF " child-exit 7") == 7, "the child's exit code");
	CHECK(system("exit 5") == 5, "the shell's exit N");
	CHECK(system("") == 0, "an empty command");
	CHECK(system("no-such-program-here") == 9009, "cmd.exe's code for an unknown command");
	CHECK(_wsystem(L"exit 6") == 6, "_wsystem");
	CHECK(_wsystem(NULL) != 0, "_wsystem(NULL)");
	CHECK(_tsystem(_T("exit 3")) == 3, "<tchar.h>'s _tsystem");

	GetEnvironmentVariableA("COMSPEC", was, sizeof(was));
	SetEnvironmentVariableA("COMSPEC", "C:\\nope\\none.exe");
	CHECK(system(NULL) != 0, "COMSPEC naming no file: the shell found by name");
	CHECK(system("exit 4") == 4, "and run");
	SetEnvironmentVariableA("COMSPEC", was);
}

/* _popen(command, mode)'s whole output, and _pclose's result. */
static int read_all(const char *command, const char *mode, char *out, size_t size)
{
	FILE *f = _popen(command, mode);
	size_t n;

	CHECK(f != NULL, "_popen %s: errno %d", command, errno);
	if (!f)
		return -100;
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	return _pclose(f);
}

static void popen_read(void)
{
	char got[100];

	CHECK(read_all(SELF " child-print", "rt", got, sizeof(got)) == 3 &&
	      strcmp(got, "one\ntwo\n") == 0, "rt: '%s'", got);
	CHECK(read_all(SELF " child-print", "rb", got, sizeof(got)) == 3 &&
	      strcmp(got, "one\r\ntwo\r\n") == 0, "rb: '%s'", got);
	CHECK(read_all(SELF " child-exit 2", "r", got, sizeof(got)) == 2 && got[0] == '\0',
	      "no output: '%s'", got);
	CHECK(read_all(SELF " child-isatty", "r", got, sizeof(got)) == 5,
	      "the child's stdout, a pipe, is no device; stdin and stderr the console");
	CHECK(_isatty(0) && _isatty(1) && _isatty(2), "the console's are");

	FILE *f = _wpopen(L"" SELF " child-print", L"r");
	CHECK(f && fgets(got, sizeof(got), f) && strcmp(got, "one\n") == 0, "_wpopen");
	CHECK(f && _pclose(f) == 3, "_wpopen's _pclose");
}

static void popen_write(void)
{
	FILE *f = _popen(SELF " child-count", "wb");

	CHECK(f && fputs("hello\n", f) == 0, "wb");
	CHECK(f && _pclose(f) == 6, "wb: 6 bytes as written");
	f = _popen(SELF " child-count", "wt");
	CHECK(f && fputs("hello\nworld\n", f) == 0, "wt");
	CHECK(f && _pclose(f) == 14, "wt: each LF as CRLF");
}

static void popen_errors(void)
{
	FILE *f;

	FAILS_ERRNO(_popen(NULL, "r"), NULL, EINVAL, 1);
	FAILS_ERRNO(_popen("exit", NULL), NULL, EINVAL, 1);
	FAILS_ERRNO(_popen("exit", "rw"), NULL, EINVAL, 1);
	FAILS_ERRNO(_popen("exit", "r+"), NULL, EINVAL, 1);
	FAILS_ERRNO(_popen("exit", "a"), NULL, EINVAL, 1);
	FAILS_ERRNO(_popen("exit", "rtb"), NULL, EINVAL, 1);
	FAILS_ERRNO(_pclose(NULL), -1, EINVAL, 1);
	f = tmpfile();
	FAILS_ERRNO(_pclose(f), -1, EINVAL, 0);
	CHECK(f && fclose(f) == 0, "a stream not _popen's stays open");
}

static void pipes(void)
{
	int fds[2] = { 5, 5 };
	char buf[16];
	DWORD flags = 0, n;

	CHECK(_pipe(fds, 256, _O_BINARY) == 0 && fds[0] >= 3 && fds[1] > fds[0], "binary");
	CHECK(_write(fds[1], "a\nb", 3) == 3 && _read(fds[0], buf, sizeof(buf)) == 3 &&
	      memcmp(buf, "a\nb", 3) == 0, "binary bytes as they are");
	CHECK(_isatty(fds[0]) == 0 && _isatty(fds[1]) == 0, "a pipe is no device");
	CHECK(GetHandleInformation((HANDLE)_get_osfhandle(fds[0]), &flags) &&
	      (flags & HANDLE_FLAG_INHERIT), "inheritable by default");
	CHECK(_close(fds[1]) == 0 && _read(fds[0], buf, sizeof(buf)) == 0,
	      "the writer closed: the end");
	CHECK(_close(fds[0]) == 0, "close");

	CHECK(_pipe(fds, 0, _O_TEXT | _O_NOINHERIT) == 0, "text");
	CHECK(GetHandleInformation((HANDLE)_get_osfhandle(fds[1]), &flags) &&
	      !(flags & HANDLE_FLAG_INHERIT), "_O_NOINHERIT");
	CHECK(_write(fds[1], "x\ny", 3) == 3 && _read(fds[0], buf, sizeof(buf)) == 3 &&
	      memcmp(buf, "x\ny", 3) == 0, "LF written as CRLF, read back as LF");
	CHECK(WriteFile((HANDLE)_get_osfhandle(fds[1]), "ab\rc", 4, &n, NULL), "raw");
	CHECK(_read(fds[0], buf, 3) == 3 && memcmp(buf, "ab\r", 3) == 0, "a CR before no LF");
	CHECK(_read(fds[0], buf, sizeof(buf)) == 1 && buf[0] == 'c', "the byte after it kept");
	CHECK(_close(fds[0]) == 0 && _close(fds[1]) == 0, "close both");

	FAILS_ERRNO(_pipe(NULL, 0, _O_BINARY), -1, EINVAL, 1);
	fds[0] = fds[1] = 5;
	FAILS_ERRNO(_pipe(fds, 0, _O_TEXT | _O_BINARY), -1, EINVAL, 1);
	CHECK(fds[0] == -1 && fds[1] == -1, "both -1 after a failure");
	FAILS_ERRNO(_pipe(fds, 0, _O_APPEND), -1, EINVAL, 1);
}

/* A boot without a disk: COMSPEC names no file, the shell is a boot module. */
static void no_disk(void)
{
	char got[100];

	CHECK(GetFileAttributesA("C:\\BIN\\shell.exe") == INVALID_FILE_ATTRIBUTES, "no disk");
	CHECK(system(NULL) != 0, "the interpreter found");
	CHECK(system(SELF " child-exit 7") == 7, "run");
	CHECK(read_all(SELF " child-print", "rt", got, sizeof(got)) == 3 &&
	      strcmp(got, "one\ntwo\n") == 0, "_popen: '%s'", got);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child-print") == 0)
		return child_print();
	if (argc > 1 && strcmp(argv[1], "child-count") == 0)
		return child_count();
	if (argc > 1 && strcmp(argv[1], "child-isatty") == 0)
		return child_isatty();
	if (argc > 2 && strcmp(argv[1], "child-exit") == 0)
		return atoi(argv[2]);
	_set_invalid_parameter_handler(count_handler);
	if (argc > 1 && strcmp(argv[1], "no-disk") == 0) {
		no_disk();
		printf(TEST_NAME ": %d failures\n", failures);
		return failures != 0;
	}
	system_calls();
	popen_read();
	popen_write();
	popen_errors();
	pipes();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
