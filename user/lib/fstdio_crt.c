/* Microsoft's stream calls beyond the C standard's few: _fileno, _fdopen,
 * _fsopen, freopen, tmpfile (in the root directory, deleted when closed),
 * tmpnam (in GetTempPath's directory), gets_s, _fseeki64, _ftelli64,
 * _flushall, _fcloseall and _rmtmp. */
#include <errno.h>
#include <io.h>
#include <share.h>
#include <stdlib.h>
#include <string.h>
#include "crt_thread.h"
#include "fstdio.h"
#include "lowio.h"

int _fileno(FILE *f)
{
	return f ? f->fd : (crt_invalid_parameter(), -1);
}

FILE *_fdopen(int fd, const char *mode)
{
	if (!mode)
		return crt_invalid_parameter(), NULL;
	return lowio_entry(fd) ? fstdio_attach(fd, mode, NULL) : NULL;
}

FILE *_fsopen(const char *path, const char *mode, int shflag)
{
	return fstdio_open(path, mode, shflag, NULL);
}

static int vprintf_to_stdout(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* A console stream gives up its descriptor (0, 1 or 2) for the new file
 * to take; printf follows stdout. */
FILE *freopen(const char *path, const char *mode, FILE *f)
{
	if (!f || !path || !mode)
		return crt_invalid_parameter(), NULL;
	if (f == stdout)
		stdio_reopened_vprintf = vprintf_to_stdout;
	if (f->fd >= 0)
		fstdio_close(f, TRUE);
	return fstdio_open(path, mode, _SH_DENYNO, f);
}

errno_t freopen_s(FILE **pf, const char *path, const char *mode, FILE *f)
{
	if (!pf)
		return crt_invalid_parameter();
	*pf = freopen(path, mode, f);
	return *pf ? 0 : errno;
}

/* A name in dir (ending in '\' or empty) that names no file: 's', the
 * process id and a count, in hex; FALSE with errno (ERANGE: size too
 * small, EEXIST: no free name) otherwise. */
static BOOL unused_name(const char *dir, char *out, size_t size)
{
	static LONG count;

	for (int tries = 0; tries < 0x10000; tries++) {
		int n = snprintf(out, size, "%ss%lx.%lx", dir, GetCurrentProcessId(),
				 (unsigned long)InterlockedIncrement(&count));

		if (n < 0 || (size_t)n >= size) {
			errno = ERANGE;
			return FALSE;
		}
		if (GetFileAttributesA(out) == INVALID_FILE_ATTRIBUTES &&
		    GetLastError() == ERROR_FILE_NOT_FOUND)
			return TRUE;
	}
	errno = EEXIST;
	return FALSE;
}

static BOOL temp_name(char *out, size_t size)
{
	char dir[MAX_PATH + 1];
	DWORD n = GetTempPathA(sizeof(dir), dir);

	if (!n || n >= sizeof(dir))
		strcpy(dir, "\\");
	return unused_name(dir, out, size);
}

char *tmpnam(char *s)
{
	static char name[L_tmpnam];

	if (!s)
		s = name;
	return temp_name(s, L_tmpnam) ? s : NULL;
}

errno_t tmpnam_s(char *s, size_t size)
{
	if (!s)
		return crt_invalid_parameter();
	if (temp_name(s, size))
		return 0;
	if (errno == ERANGE) {
		s[0] = '\0';
		crt_invalid_parameter();
		errno = ERANGE;
	}
	return errno;
}

/* "w+bD" on a new name in the root directory. */
FILE *tmpfile(void)
{
	char name[L_tmpnam];
	FILE *f;

	for (int tries = 0; tries < 16; tries++) {
		if (!unused_name("\\", name, sizeof(name)))
			return NULL;
		f = fstdio_open(name, "w+bDx", _SH_DENYNO, NULL);
		if (f) {
			f->flags |= F_TEMP;
			return f;
		}
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

errno_t tmpfile_s(FILE **pf)
{
	if (!pf)
		return crt_invalid_parameter();
	*pf = tmpfile();
	return *pf ? 0 : errno;
}

/* The line from stdin without its '\n'; NULL at the end of the input (buf
 * ""), and for a line longer than size - 1 (the rest of it read and
 * dropped, buf "", ERANGE through the invalid-parameter handler). */
char *gets_s(char *buf, size_t size)
{
	size_t n = 0;
	int c;

	if (!buf || !size)
		return crt_invalid_parameter(), NULL;
	while ((c = fgetc(stdin)) != EOF && c != '\n') {
		if (n < size)
			buf[n] = (char)c;
		n++;
	}
	if (n >= size) {
		buf[0] = '\0';
		crt_invalid_parameter();
		errno = ERANGE;
		return NULL;
	}
	buf[n] = '\0';
	return c == EOF && n == 0 ? NULL : buf;
}

int _fseeki64(FILE *f, long long offset, int whence) { return fstdio_seek(f, offset, whence); }
long long _ftelli64(FILE *f) { return fstdio_tell(f); }

/* The open streams, stdin, stdout and stderr on the console counted too. */
int _flushall(void)
{
	FILE *const std[] = { stdin, stdout, stderr };
	int n = 0;

	for (FILE *s = fstdio_streams; s; s = s->next, n++)
		fflush(s);
	for (int i = 0; i < 3; i++)
		n += (std[i]->flags & F_CONSOLE) != 0;
	return n;
}

/* Closes the streams that match want in their flags (0: all) but stdin,
 * stdout and stderr; how many, or EOF when a close failed. */
static int close_streams(int want)
{
	int n = 0, failed = 0;
	FILE *next;

	for (FILE *s = fstdio_streams; s; s = next) {
		next = s->next;
		if ((s->flags & F_STATIC) || (s->flags & want) != want)
			continue;
		failed |= fstdio_close(s, FALSE) != 0;
		n++;
	}
	return failed ? EOF : n;
}

int _fcloseall(void) { return close_streams(0); }
int _rmtmp(void) { return close_streams(F_TEMP); }

int fileno(FILE *f) __attribute__((alias("_fileno")));
FILE *fdopen(int fd, const char *mode) __attribute__((alias("_fdopen")));
int flushall(void) __attribute__((alias("_flushall")));
int fcloseall(void) __attribute__((alias("_fcloseall")));
int rmtmp(void) __attribute__((alias("_rmtmp")));
