/* The C runtime's file descriptors as Microsoft documents them: _open's
 * flags, sharing and every errno it names (ENOENT, EEXIST, EACCES, EINVAL,
 * EMFILE), _read/_write in binary mode and their EBADF cases (a bad
 * descriptor through the invalid-parameter handler, -2 without it, a
 * descriptor not open that way with _doserrno ERROR_ACCESS_DENIED),
 * _lseek/_tell/_eof, _O_APPEND, _chsize/_filelength, _dup/_dup2 sharing
 * the offset, _get_osfhandle/_open_osfhandle, _setmode, _fstat, the POSIX
 * names, and the whole table filled to EMFILE and given back. */
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TEST_NAME "crt-lowio"
#include "check.h"
#include "crt-common.h"

#define F "C:\\lowio.bin"
#define RO "C:\\lowio-ro.bin"

static void open_errors(void)
{
	struct _stat st;
	int fd;

	_unlink(F);
	FAILS_ERRNO(_open(F, _O_RDONLY), -1, ENOENT, 0);
	CHECK(_doserrno == ERROR_FILE_NOT_FOUND, "_doserrno %lu", _doserrno);
	FAILS_ERRNO(_open("C:\\no-such-dir\\x", _O_RDONLY), -1, ENOENT, 0);
	fd = _open(F, _O_CREAT | _O_EXCL | _O_WRONLY | _O_BINARY, _S_IREAD | _S_IWRITE);
	CHECK(fd >= 3, "_O_CREAT | _O_EXCL makes it: %d", fd);
	_close(fd);
	FAILS_ERRNO(_open(F, _O_CREAT | _O_EXCL | _O_WRONLY, _S_IWRITE), -1, EEXIST, 0);
	CHECK(_doserrno == 80, "_doserrno ERROR_FILE_EXISTS: %lu", _doserrno);
	FAILS_ERRNO(_open("C:\\", _O_RDONLY), -1, EACCES, 0);
	FAILS_ERRNO(_open(F, _O_WRONLY | _O_RDWR), -1, EINVAL, 1);
	FAILS_ERRNO(_open(NULL, _O_RDONLY), -1, EINVAL, 1);
	FAILS_ERRNO(_sopen(F, _O_RDONLY, 0x50), -1, EINVAL, 1);
	FAILS_ERRNO(_open(F, _O_RDONLY | _O_TEXT | _O_BINARY), -1, EINVAL, 1);
	CHECK(_sopen_s(&fd, F, _O_RDONLY, _SH_DENYNO, 0644) == EINVAL && fd == -1,
	      "_sopen_s takes only _S_IREAD | _S_IWRITE: %d", fd);
	CHECK(_sopen_s(NULL, F, _O_RDONLY, _SH_DENYNO, 0) == EINVAL, "NULL pfh");
	fd = _open(F, _O_RDWR | _O_CREAT, 0644);
	CHECK(fd >= 0, "_open takes any pmode: %d", fd);
	_close(fd);

	/* sharing */
	CHECK(_sopen_s(&fd, F, _O_RDONLY, _SH_DENYRW, 0) == 0, "_SH_DENYRW");
	FAILS_ERRNO(_open(F, _O_RDONLY), -1, EACCES, 0);
	CHECK(_doserrno == ERROR_SHARING_VIOLATION, "_doserrno %lu", _doserrno);
	_close(fd);
	fd = _sopen(F, _O_RDONLY, _SH_DENYWR);
	CHECK(_open(F, _O_RDONLY) >= 0, "_SH_DENYWR lets others read");
	FAILS_ERRNO(_open(F, _O_WRONLY), -1, EACCES, 0);
	_close(fd);
	_close(fd + 1);

	/* _S_IREAD alone: read-only once made, writable through this descriptor */
	_chmod(RO, _S_IWRITE);
	_unlink(RO);
	fd = _open(RO, _O_CREAT | _O_WRONLY | _O_BINARY, _S_IREAD);
	CHECK(_write(fd, "ro", 2) == 2, "the creating descriptor writes");
	_close(fd);
	FAILS_ERRNO(_open(RO, _O_WRONLY), -1, EACCES, 0);
	fd = _open(RO, _O_RDONLY);
	CHECK(fd >= 0, "a read-only file opens to read");
	CHECK(_fstat(fd, &st) == 0 && st.st_mode == (_S_IFREG | 0444) && st.st_size == 2,
	      "_fstat sees it read-only: 0%o", st.st_mode);
	_close(fd);
	CHECK(_chmod(RO, _S_IREAD | _S_IWRITE) == 0 && _unlink(RO) == 0, "made writable, deleted");

	/* _umask's _S_IWRITE makes new files read-only */
	CHECK(_umask(_S_IWRITE) == 0 && _umask(_S_IWRITE) == _S_IWRITE, "_umask gives the old mask");
	fd = _open(RO, _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE);
	_close(fd);
	FAILS_ERRNO(_access(RO, 2), -1, EACCES, 0);
	CHECK(_umask_s(0, &fd) == 0 && fd == _S_IWRITE, "_umask_s");
	FAILS_ERRNO(_umask_s(0777, &fd), EINVAL, EINVAL, 1);
	_chmod(RO, _S_IWRITE);
	_unlink(RO);
}

static void read_write(void)
{
	char buf[64];
	int fd = _open(F, _O_RDWR | _O_TRUNC | _O_BINARY), ro;

	CHECK(fd >= 0, "_O_TRUNC");
	CHECK(_filelength(fd) == 0, "truncated: %ld", _filelength(fd));
	CHECK(_write(fd, "hello\nworld", 11) == 11, "binary write");
	CHECK(_tell(fd) == 11 && _eof(fd) == 1, "at the end: %ld", _tell(fd));
	CHECK(_lseek(fd, 0, SEEK_SET) == 0 && _eof(fd) == 0, "_lseek to 0");
	CHECK(_read(fd, buf, sizeof(buf)) == 11 && memcmp(buf, "hello\nworld", 11) == 0,
	      "binary read");
	CHECK(_read(fd, buf, sizeof(buf)) == 0, "0 at the end");
	CHECK(_read(fd, buf, 0) == 0 && _write(fd, buf, 0) == 0, "count 0");
	CHECK(_lseek(fd, -5, SEEK_END) == 6 && _lseeki64(fd, 2, SEEK_CUR) == 8, "SEEK_END, SEEK_CUR");
	FAILS_ERRNO(_lseek(fd, -20, SEEK_SET), -1L, EINVAL, 0);
	FAILS_ERRNO(_lseek(fd, 0, 3), -1L, EINVAL, 0);
	CHECK(_tell(fd) == 8, "a failed seek keeps the offset: %ld", _tell(fd));
	FAILS_ERRNO(_read(fd, NULL, 4), -1, EINVAL, 1);
	FAILS_ERRNO(_write(fd, NULL, 4), -1, EINVAL, 1);
	CHECK(_commit(fd) == 0, "_commit");

	ro = _open(F, _O_RDONLY | _O_BINARY);
	FAILS_ERRNO(_write(ro, "x", 1), -1, EBADF, 0);
	CHECK(_doserrno == ERROR_ACCESS_DENIED, "_doserrno %lu", _doserrno);
	FAILS_ERRNO(_chsize(ro, 3), -1, EACCES, 0);
	_close(ro);
	ro = _open(F, _O_WRONLY | _O_BINARY);
	FAILS_ERRNO(_read(ro, buf, 1), -1, EBADF, 0);
	CHECK(_doserrno == ERROR_ACCESS_DENIED, "_doserrno %lu", _doserrno);
	_close(ro);

	/* _chsize: zeros added, the offset kept */
	CHECK(_chsize(fd, 16) == 0 && _filelength(fd) == 16 && _tell(fd) == 8, "grown");
	CHECK(_lseek(fd, 11, SEEK_SET) == 11 && _read(fd, buf, 8) == 5 &&
	      memcmp(buf, "\0\0\0\0\0", 5) == 0, "with zeros");
	CHECK(_chsize_s(fd, 5) == 0 && _filelengthi64(fd) == 5, "cut");
	FAILS_ERRNO(_chsize_s(fd, -1), EINVAL, EINVAL, 1);
	FAILS_ERRNO(_chsize(fd, -1), -1, EINVAL, 1);
	_close(fd);

	/* _O_APPEND writes at the end whatever the offset */
	fd = _open(F, _O_WRONLY | _O_APPEND | _O_BINARY);
	_lseek(fd, 0, SEEK_SET);
	CHECK(_write(fd, "!!", 2) == 2 && _filelength(fd) == 7 && _tell(fd) == 7, "appended");
	_close(fd);
}

static void bad_descriptors(void)
{
	char c;

	FAILS_ERRNO(_read(77, &c, 1), -1, EBADF, 1);
	CHECK(_doserrno == 0, "_doserrno cleared: %lu", _doserrno);
	FAILS_ERRNO(_write(-1, &c, 1), -1, EBADF, 1);
	FAILS_ERRNO(_close(8192), -1, EBADF, 1);
	FAILS_ERRNO(_read(-2, &c, 1), -1, EBADF, 0);
	FAILS_ERRNO(_close(-2), -1, EBADF, 0);
	FAILS_ERRNO(_lseek(77, 0, SEEK_SET), -1L, EBADF, 1);
	FAILS_ERRNO(_eof(77), -1, EBADF, 1);
	FAILS_ERRNO(_commit(77), -1, EBADF, 1);
	FAILS_ERRNO(_filelength(77), -1L, EBADF, 1);
	FAILS_ERRNO(_chsize_s(77, 0), EBADF, EBADF, 1);
	FAILS_ERRNO(_dup(77), -1, EBADF, 1);
	FAILS_ERRNO(_dup2(77, 5), -1, EBADF, 1);
	FAILS_ERRNO(_dup2(0, 8192), -1, EBADF, 1);
	FAILS_ERRNO(_get_osfhandle(77), (intptr_t)-1, EBADF, 1);
	FAILS_ERRNO(_setmode(77, _O_BINARY), -1, EBADF, 1);
	FAILS_ERRNO(_setmode(0, 0x1234), -1, EINVAL, 1);
}

static void duplicates(void)
{
	char buf[8];
	struct _stat st;
	int fd = _open(F, _O_RDWR | _O_BINARY), d, h_fd;
	HANDLE h;
	DWORD n;

	d = _dup(fd);
	CHECK(d > fd, "_dup: %d", d);
	CHECK(_read(fd, buf, 2) == 2 && _tell(d) == 2, "the offset is shared: %ld", _tell(d));
	CHECK(_dup2(fd, 40) == 0 && _tell(40) == 2, "_dup2 to a free number");
	CHECK(_dup2(d, 40) == 0 && _close(40) == 0, "_dup2 onto an open one closes it first");
	FAILS_ERRNO(_close(40), -1, EBADF, 1);
	CHECK(_dup2(fd, fd) == 0, "_dup2 onto itself");
	CHECK(_close(d) == 0, "close the dup");
	FAILS_ERRNO(_read(d, buf, 1), -1, EBADF, 1);

	h = (HANDLE)_get_osfhandle(fd);
	CHECK(h != INVALID_HANDLE_VALUE && SetFilePointer(h, 0, NULL, FILE_BEGIN) == 0 &&
	      ReadFile(h, buf, 5, &n, NULL) && n == 5 && memcmp(buf, "hello", 5) == 0,
	      "_get_osfhandle names the handle");
	CHECK(_fstat(fd, &st) == 0 && st.st_mode == (_S_IFREG | 0666) && st.st_size == 7 &&
	      st.st_nlink == 1, "_fstat: mode 0%o size %ld", st.st_mode, (long)st.st_size);
	CHECK(_fstat(1, &st) == 0 && (st.st_mode & _S_IFMT) == _S_IFCHR, "stdout is a device: 0%o",
	      st.st_mode);
	FAILS_ERRNO(_fstat(fd, NULL), -1, EINVAL, 1);
	FAILS_ERRNO(_fstat(77, &st), -1, EBADF, 1);
	CHECK(_isatty(1) && _isatty(0) && !_isatty(fd), "_isatty: the console only");
	FAILS_ERRNO(_isatty(77), 0, EBADF, 1);
	_close(fd);

	h = CreateFileA(F, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	h_fd = _open_osfhandle((intptr_t)h, _O_RDONLY);
	CHECK(h_fd >= 0 && _get_osfhandle(h_fd) == (intptr_t)h, "_open_osfhandle: %d", h_fd);
	CHECK(_setmode(h_fd, _O_TEXT) == _O_BINARY && _setmode(h_fd, _O_BINARY) == _O_TEXT,
	      "binary unless _O_TEXT; _setmode gives the old mode");
	CHECK(_close(h_fd) == 0, "_close closes the handle");
	h = CreateFileA(F, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "so it opens unshared again: %lu", GetLastError());
	CloseHandle(h);
	CHECK(_setmode(0, _O_BINARY) == _O_TEXT && _setmode(0, _O_TEXT) == _O_BINARY,
	      "stdin starts in text mode");
}

/* Every number taken (by _dup of stdin, which uses no handle) to EMFILE. */
static void table_full(void)
{
	static int fds[8192];
	int n = 0, fd;

	while ((fd = _dup(0)) >= 0 && n < 8192)
		fds[n++] = fd;
	CHECK(fd == -1 && errno == EMFILE && n > 8000 && fds[n - 1] == 8191,
	      "EMFILE after %d, the last 8191: %d", n, n ? fds[n - 1] : -1);
	FAILS_ERRNO(_open(F, _O_RDONLY), -1, EMFILE, 0);
	for (int i = 0; i < n; i++)
		_close(fds[i]);
	fd = _open(F, _O_RDONLY);
	CHECK(fd >= 3 && fd < 10, "the low numbers come back: %d", fd);
	_close(fd);
}

static void temporary_and_posix(void)
{
	char buf[4];
	int fd = _open("C:\\lowio.tmp", _O_CREAT | _O_RDWR | _O_TEMPORARY, _S_IREAD | _S_IWRITE);

	CHECK(fd >= 0 && _write(fd, "tmp", 3) == 3, "_O_TEMPORARY");
	CHECK(_access("C:\\lowio.tmp", 0) == 0, "there while open");
	_close(fd);
	FAILS_ERRNO(_access("C:\\lowio.tmp", 0), -1, ENOENT, 0);

	fd = open(F, O_RDONLY | O_BINARY);
	CHECK(fd >= 0 && lseek(fd, 1, SEEK_SET) == 1 && read(fd, buf, 4) == 4 &&
	      memcmp(buf, "ello", 4) == 0 && close(fd) == 0, "the POSIX names");
	CHECK(unlink(F) == 0 && access(F, 0) == -1, "unlink");
}

int main(void)
{
	_set_invalid_parameter_handler(count_handler);
	open_errors();
	read_write();
	bad_descriptors();
	duplicates();
	table_full();
	temporary_and_posix();
	printf("crt-lowio: %d failures\n", failures);
	return failures != 0;
}
