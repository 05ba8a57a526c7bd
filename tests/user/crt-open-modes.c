/* The C runtime's open modes Microsoft documents and the other crt tests
 * leave out: _SH_SECURE (others may read a file opened to read, nothing
 * else), _O_NOINHERIT (a child started with bInheritHandles gets the other
 * descriptors' handles, not this one's), _open_osfhandle with _O_APPEND
 * and _O_TEXT, _lseek past LONG_MAX (EINVAL, the position kept), fopen's
 * "S" and "R" (one or the other: both is a bad mode). */
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <share.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TEST_NAME "crt-open-modes"
#include "check.h"
#include "crt-common.h"
#include "ob-common.h"

#define F "C:\\modes.txt"

static void sh_secure(void)
{
	int a = _sopen(F, _O_CREAT | _O_TRUNC | _O_RDWR, _SH_DENYNO, _S_IREAD | _S_IWRITE), b;

	_close(a);
	a = _sopen(F, _O_RDONLY, _SH_SECURE);
	b = _open(F, _O_RDONLY);
	CHECK(a >= 0 && b >= 0, "_SH_SECURE to read lets others read: %d %d", a, b);
	_close(b);
	FAILS_ERRNO(_open(F, _O_WRONLY), -1, EACCES, 0);
	_close(a);
	a = _sopen(F, _O_RDWR, _SH_SECURE);
	CHECK(a >= 0, "_SH_SECURE to write: %d", errno);
	FAILS_ERRNO(_open(F, _O_RDONLY), -1, EACCES, 0);
	_close(a);
}

/* The child's part: 0 when handle `kept` is its and `dropped` is not. */
static int child(const char *kept, const char *dropped)
{
	DWORD flags;
	HANDLE k = (HANDLE)strtoul(kept, NULL, 16), d = (HANDLE)strtoul(dropped, NULL, 16);

	SetLastError(0);
	return !(GetHandleInformation(k, &flags) && !GetHandleInformation(d, &flags) &&
		 GetLastError() == ERROR_INVALID_HANDLE);
}

static void no_inherit(const char *self)
{
	int kept = _open(F, _O_RDONLY), dropped = _open(F, _O_RDONLY | _O_NOINHERIT);
	HANDLE hk = (HANDLE)_get_osfhandle(kept), hd = (HANDLE)_get_osfhandle(dropped);
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	DWORD fk = 0, fd = 0, code = 99;
	char line[MAX_PATH + 40];

	CHECK(GetHandleInformation(hk, &fk) && (fk & HANDLE_FLAG_INHERIT) &&
	      GetHandleInformation(hd, &fd) && !(fd & HANDLE_FLAG_INHERIT),
	      "inheritable %lx, _O_NOINHERIT %lx", fk, fd);
	snprintf(line, sizeof(line), "\"%s\" %lx %lx", self, (unsigned long)hk, (unsigned long)hd);
	if (CreateProcessA(self, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
		CloseHandle(pi.hThread);
		code = ob_reap(pi.hProcess, FALSE);
	}
	CHECK(code == 0, "the child has the one handle, not the other: %lu", code);
	_close(kept);
	_close(dropped);
}

static void osfhandle_modes(void)
{
	HANDLE h = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			       FILE_ATTRIBUTE_NORMAL, NULL);
	int fd = _open_osfhandle((intptr_t)h, _O_APPEND | _O_TEXT), n;
	char buf[16];

	CHECK(fd >= 0, "_open_osfhandle: %d", errno);
	CHECK(_write(fd, "a\n", 2) == 2 && _lseek(fd, 0, SEEK_SET) == 0 &&
	      _write(fd, "b\n", 2) == 2, "writes");
	_close(fd);
	fd = _open(F, _O_RDONLY | _O_BINARY);
	n = _read(fd, buf, sizeof(buf));
	CHECK(n == 6 && memcmp(buf, "a\r\nb\r\n", 6) == 0, "_O_APPEND writes at the end, "
	      "_O_TEXT as CR LF: %d", n);
	_close(fd);
}

static void seek_limits(void)
{
	int fd = _open(F, _O_RDWR | _O_BINARY);

	CHECK(_lseek(fd, LONG_MAX, SEEK_SET) == LONG_MAX, "to LONG_MAX");
	FAILS_ERRNO(_lseek(fd, 1, SEEK_CUR), -1L, EINVAL, 0);
	CHECK(_lseeki64(fd, 0, SEEK_CUR) == LONG_MAX, "the position is kept: %lld",
	      _lseeki64(fd, 0, SEEK_CUR));
	CHECK(_lseeki64(fd, 0x80000000LL, SEEK_SET) == 0x80000000LL, "_lseeki64 goes past it");
	FAILS_ERRNO(_lseek(fd, 0, SEEK_CUR), -1L, EINVAL, 0);
	FAILS_ERRNO(_lseek(fd, -1, SEEK_SET), -1L, EINVAL, 0);
	_close(fd);
}

static void scan_letters(void)
{
	FILE *f = fopen(F, "rS");

	CHECK(f != NULL, "\"rS\"");
	if (f)
		fclose(f);
	f = fopen(F, "rR");
	CHECK(f != NULL, "\"rR\"");
	if (f)
		fclose(f);
	FAILS_ERRNO(fopen(F, "rSR"), NULL, EINVAL, 1);
	FAILS_ERRNO(fopen(F, "rRS"), NULL, EINVAL, 1);
}

int main(int argc, char **argv)
{
	if (argc == 3)
		return child(argv[1], argv[2]);
	_set_invalid_parameter_handler(count_handler);
	sh_secure();
	no_inherit(argv[0]);
	osfhandle_modes();
	seek_limits();
	scan_letters();
	_unlink(F);
	printf("crt-open-modes: %d failures\n", failures);
	return failures != 0;
}
