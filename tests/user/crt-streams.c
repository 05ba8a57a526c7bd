/* Microsoft's stream calls beyond the C standard: tmpfile (in the root,
 * gone when closed or by _rmtmp), tmpnam/tmpnam_s (ERANGE, EINVAL),
 * fopen's "x" (EEXIST) and "D" letters and a bad mode (EINVAL), _fsopen's
 * sharing, _fdopen and _fileno, gets_s on a reopened stdin (a line too
 * long: ERANGE through the handler), _fseeki64/_ftelli64, and remove and
 * rename setting errno. */
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_NAME "crt-streams"
#include "check.h"
#include "crt-common.h"

#define F "C:\\streams.txt"

/* How many files in the root match "s*.*" (tmpfile's names). */
static int temp_files(void)
{
	struct _finddata_t fd;
	intptr_t h = _findfirst("C:\\s*.*", &fd);
	int n = 0;

	if (h == -1)
		return 0;
	do
		n += !(fd.attrib & _A_SUBDIR);
	while (_findnext(h, &fd) == 0);
	_findclose(h);
	return n;
}

static void temporary(void)
{
	char a[L_tmpnam], b[L_tmpnam], small[3], buf[8];
	int before = temp_files();
	FILE *t1 = tmpfile(), *t2, *t3;

	CHECK(t1 && temp_files() == before + 1, "tmpfile makes a file in the root");
	CHECK(fputs("scratch", t1) >= 0 && fseek(t1, 0, SEEK_SET) == 0 &&
	      fread(buf, 1, 7, t1) == 7 && memcmp(buf, "scratch", 7) == 0, "read back (w+b)");
	CHECK(fclose(t1) == 0 && temp_files() == before, "gone when closed");
	t2 = tmpfile();
	t3 = tmpfile();
	CHECK(tmpfile_s(&t1) == 0 && t1 && temp_files() == before + 3, "three open");
	CHECK(_rmtmp() == 3 && temp_files() == before, "_rmtmp closes and deletes them");
	(void)t2, (void)t3;
	FAILS_ERRNO(tmpfile_s(NULL), EINVAL, EINVAL, 1);

	CHECK(tmpnam(a) == a && tmpnam(b) == b && strcmp(a, b) != 0, "%s %s", a, b);
	CHECK(_access(a, 0) == -1 && errno == ENOENT, "no such file yet");
	CHECK(tmpnam(NULL) != NULL, "a static buffer");
	CHECK(tmpnam_s(a, sizeof(a)) == 0 && _access(a, 0) == -1, "tmpnam_s");
	FAILS_ERRNO(tmpnam_s(small, sizeof(small)), ERANGE, ERANGE, 1);
	FAILS_ERRNO(tmpnam_s(NULL, 10), EINVAL, EINVAL, 1);
}

static void modes_and_sharing(void)
{
	FILE *f, *g;
	int fd;

	remove(F);
	f = fopen(F, "wx");
	CHECK(f != NULL, "\"wx\" makes a new file");
	fclose(f);
	FAILS_ERRNO(fopen(F, "wx"), NULL, EEXIST, 0);
	FAILS_ERRNO(fopen(F, "rx"), NULL, EINVAL, 1);
	FAILS_ERRNO(fopen(F, "rbt"), NULL, EINVAL, 1);
	FAILS_ERRNO(fopen(F, "q"), NULL, EINVAL, 1);
	FAILS_ERRNO(fopen(NULL, "r"), NULL, EINVAL, 1);
	FAILS_ERRNO(fclose(NULL), EOF, EINVAL, 1);
	FAILS_ERRNO(fopen("C:\\no\\such", "r"), NULL, ENOENT, 0);

	f = _fsopen(F, "r", _SH_DENYWR);
	CHECK(f != NULL, "_fsopen");
	FAILS_ERRNO(fopen(F, "a"), NULL, EACCES, 0);
	g = fopen(F, "r");
	CHECK(g != NULL, "others may read");
	fclose(g);
	fclose(f);

	f = fopen("C:\\gone.txt", "wD");
	CHECK(f && _access("C:\\gone.txt", 0) == 0, "\"D\": there while open");
	fclose(f);
	CHECK(_access("C:\\gone.txt", 0) == -1, "and deleted when closed");

	fd = _open(F, _O_RDWR | _O_TRUNC);
	f = _fdopen(fd, "w+");
	CHECK(f && _fileno(f) == fd, "_fdopen keeps the descriptor: %d", f ? _fileno(f) : -1);
	fputs("0123456789", f);
	CHECK(_ftelli64(f) == 10 && _fseeki64(f, 4, SEEK_SET) == 0 && fgetc(f) == '4' &&
	      _ftelli64(f) == 5, "_fseeki64, _ftelli64");
	FAILS_ERRNO(_fseeki64(f, 0, 7), -1, EINVAL, 1);
	FAILS_ERRNO(fseek(NULL, 0, SEEK_SET), -1, EINVAL, 1);
	CHECK(fclose(f) == 0, "fclose");
	FAILS_ERRNO(_close(fd), -1, EBADF, 1);          /* fclose closed it */
	FAILS_ERRNO(_fdopen(77, "r"), NULL, EBADF, 1);
	FAILS_ERRNO(_fileno(NULL), -1, EINVAL, 1);

	FAILS_ERRNO(remove("C:\\no-such.txt"), -1, ENOENT, 0);
	FAILS_ERRNO(rename("C:\\no-such.txt", "C:\\other.txt"), -1, ENOENT, 0);
}

/* gets_s on stdin reopened on a file. */
static void lines(void)
{
	char buf[8];
	FILE *f = fopen(F, "w");

	fputs("short\nthis line is too long\nlast", f);
	fclose(f);
	CHECK(freopen(F, "r", stdin) == stdin, "freopen stdin");
	CHECK(gets_s(buf, sizeof(buf)) == buf && strcmp(buf, "short") == 0, "%s", buf);
	FAILS_ERRNO(gets_s(buf, sizeof(buf)), NULL, ERANGE, 1);
	CHECK(buf[0] == '\0', "emptied");
	CHECK(gets_s(buf, sizeof(buf)) == buf && strcmp(buf, "last") == 0, "the rest was dropped");
	CHECK(gets_s(buf, sizeof(buf)) == NULL, "NULL at the end");
	FAILS_ERRNO(gets_s(NULL, 5), NULL, EINVAL, 1);
	fclose(stdin);
	remove(F);
}

int main(void)
{
	_set_invalid_parameter_handler(count_handler);
	temporary();
	modes_and_sharing();
	lines();
	printf("crt-streams: %d failures\n", failures);
	return failures != 0;
}
