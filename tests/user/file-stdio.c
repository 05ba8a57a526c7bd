/* The C library's streams over files (binary ones; file-conform checks text
 * mode): fopen's modes ("r" on nothing fails,
 * "w" truncates, "a" appends at the end even after fseek, "+" reads and
 * writes), buffered fwrite/fread across the buffer size, fgets/fputs/
 * fprintf lines, fseek/ftell with read-ahead and pending writes, feof and
 * ferror, fflush making data visible to another handle, remove, rename, and
 * a stream left open flushed at exit (checked by a child process). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-stdio"
#include "check.h"
#include "ob-common.h"

#define F "C:\\stdio.txt"

static long size_of(const char *name)
{
	WIN32_FIND_DATAA fd;
	HANDLE h = FindFirstFileA(name, &fd);

	if (h == INVALID_HANDLE_VALUE)
		return -1;
	FindClose(h);
	return (long)fd.nFileSizeLow;
}

/* Lets a bad argument fail instead of ending the process. */
static void keep_going(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned l,
		       uintptr_t r)
{
	(void)e, (void)f, (void)file, (void)l, (void)r;
}

static void modes_and_lines(void)
{
	char line[64];
	FILE *f;
	int n = 0;

	remove(F);
	CHECK(fopen(F, "r") == NULL && GetLastError() == ERROR_FILE_NOT_FOUND && errno == ENOENT,
	      "r on nothing");
	_set_invalid_parameter_handler(keep_going);
	CHECK(fopen(F, "x") == NULL && errno == EINVAL, "a bad mode (the handler returned)");
	f = fopen(F, "wb");
	CHECK(f != NULL, "wb: %lu", GetLastError());
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d of %s\n", i, "the test");
	CHECK(fputs("last\n", f) == 0, "fputs");
	CHECK(ftell(f) == 1995, "ftell with writes pending: %ld", ftell(f));
	CHECK(fclose(f) == 0, "fclose");
	CHECK(size_of(F) == 1995, "size %ld", size_of(F));
	f = fopen(F, "rb");
	while (fgets(line, sizeof(line), f))
		n++;
	CHECK(n == 101 && strcmp(line, "last\n") == 0, "%d lines, the last %s", n, line);
	CHECK(feof(f) && !ferror(f), "feof at the end");
	CHECK(fputc('x', f) == EOF && ferror(f), "writing a read-only stream sets the error");
	clearerr(f);
	CHECK(fseek(f, 5, SEEK_SET) == 0 && !feof(f), "fseek clears EOF");
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "0 of the test\n") == 0, "%s", line);
	CHECK(ftell(f) == 19, "ftell with read-ahead: %ld", ftell(f));
	CHECK(fseek(f, -5, SEEK_END) == 0 && fgetc(f) == 'l', "SEEK_END");
	fclose(f);
	f = fopen(F, "ab");
	fseek(f, 0, SEEK_SET);
	fputs("appended\n", f);
	fclose(f);
	CHECK(size_of(F) == 2004, "a writes at the end: %ld", size_of(F));
	f = fopen(F, "r+b");
	CHECK(fgetc(f) == 'l' && fseek(f, 0, SEEK_CUR) == 0 && fputc('I', f) == 'I',
	      "r+: read then write");
	fseek(f, 0, SEEK_SET);
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "lIne 0 of the test\n") == 0, "%s",
	      line);
	fclose(f);
	f = fopen(F, "w+b");
	CHECK(size_of(F) == 0, "w+ truncates");
	fclose(f);
}

static void big_blocks(void)
{
	enum { N = 3 * BUFSIZ + 123 };
	unsigned char *a = malloc(N), *b = malloc(N);
	FILE *f = fopen(F, "wb");
	HANDLE h;
	DWORD n;
	size_t bad = 0;

	for (int i = 0; i < N; i++)
		a[i] = (unsigned char)(i * 7 + 3);
	CHECK(fwrite(a, 1, 100, f) == 100 && fwrite(a + 100, 10, (N - 100) / 10, f) ==
	      (N - 100) / 10 && fwrite(a + N - (N - 100) % 10, 1, (N - 100) % 10, f) ==
	      (N - 100) % 10, "fwrite");
	h = CreateFileA(F, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
			0, NULL);
	CHECK(fflush(f) == 0 && GetFileSize(h, NULL) == N, "fflush: another handle sees %lu",
	      GetFileSize(h, NULL));
	CloseHandle(h);
	fclose(f);
	f = fopen(F, "rb");
	CHECK(fread(b, 1, 10, f) == 10 && fread(b + 10, 1, N, f) == N - 10, "fread short at the end");
	for (int i = 0; i < N; i++)
		bad += a[i] != b[i];
	CHECK(bad == 0, "%u bytes differ", (unsigned)bad);
	CHECK(fread(b, 1, 1, f) == 0 && feof(f), "then EOF");
	fclose(f);
	(void)n;
	free(a);
	free(b);
}

static void names(void)
{
	FILE *f = fopen(F, "w");

	fclose(f);
	CHECK(rename(F, "C:\\stdio2.txt") == 0 && size_of(F) == -1, "rename");
	CHECK(remove("C:\\stdio2.txt") == 0 && remove("C:\\stdio2.txt") == -1, "remove");
}

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi;

	if (argc == 2 && strcmp(argv[1], "leave-open") == 0) {
		FILE *f = fopen("C:\\left-open.txt", "w");
		fputs("flushed at exit\n", f);
		return 0;                       /* no fclose */
	}
	modes_and_lines();
	big_blocks();
	names();
	if (ob_start(argv[0], "leave-open", FALSE, &pi)) {
		WaitForSingleObject(pi.hProcess, INFINITE);
		CloseHandle(pi.hProcess);
	}
	/* 16 characters, the '\n' written as CR LF (text mode) */
	CHECK(size_of("C:\\left-open.txt") == 17, "a stream left open is flushed at exit: %ld",
	      size_of("C:\\left-open.txt"));
	remove("C:\\left-open.txt");
	printf("file-stdio: %d failures\n", failures);
	return failures != 0;
}
