/* Reading, writing and placing on a descriptor (Microsoft's _read, _write,
 * _lseek, _tell, _eof, _commit, _chsize, _filelength), text mode by
 * crt_text.h's rules. */
#include <errno.h>
#include <io.h>
#include <limits.h>
#include <stdio.h>
#include "crt_text.h"
#include "crt_thread.h"
#include "lowio.h"

#define TEXT_CHUNK 512

/* errno for a failed ReadFile or WriteFile: EBADF when the descriptor was
 * not opened for it (_doserrno ERROR_ACCESS_DENIED), else _dosmaperr's. */
static int io_failed(DWORD error)
{
	crt_set_errno_from_win32(error);
	if (error == ERROR_ACCESS_DENIED)
		errno = EBADF;
	return -1;
}

/* Makes text of the n file bytes at buf in place; the text's length. A CR
 * ending them is settled by the next byte (put back when not LF: a pipe
 * keeps it for the next read). */
static int text_in(struct lowio_fd *e, unsigned char *buf, size_t n)
{
	LARGE_INTEGER back = { .QuadPart = -1 };
	size_t src = 0, dst = 0, used;
	unsigned char next;
	DWORD got;
	int c;

	while (src < n) {
		c = crt_text_next(buf + src, n - src, &used);
		if (c == CRT_TEXT_END) {
			e->flags |= LOWIO_EOF;
			break;
		}
		if (c == CRT_TEXT_MORE) {
			c = '\r';
			used = 1;
			if (ReadFile(e->h, &next, 1, &got, NULL) && got == 1) {
				if (next == '\n')
					c = '\n';
				else if (e->flags & LOWIO_PIPE)
					e->lookahead = next + 1;
				else
					SetFilePointerEx(e->h, back, NULL, FILE_CURRENT);
			}
		}
		buf[dst++] = (unsigned char)c;
		src += used;
	}
	return (int)dst;
}

int _read(int fd, void *buf, unsigned int count)
{
	struct lowio_fd *e = lowio_entry(fd);
	DWORD got;

	if (!e)
		return -1;
	if (count > INT_MAX)
		return crt_invalid_parameter(), -1;
	if (count == 0 || (e->flags & LOWIO_EOF))
		return 0;
	if (!buf)
		return crt_invalid_parameter(), -1;
	if (e->lookahead) {     /* a pipe's byte kept: it alone, as the next may not come yet */
		*(unsigned char *)buf = (unsigned char)(e->lookahead - 1);
		e->lookahead = 0;
		return text_in(e, buf, 1);
	}
	if (!ReadFile(e->h, buf, count, &got, NULL))      /* a pipe's writers gone: the end */
		return GetLastError() == ERROR_BROKEN_PIPE ? 0 : io_failed(GetLastError());
	return (e->flags & LOWIO_TEXT) ? text_in(e, buf, got) : (int)got;
}

/* Writes n bytes whole; FALSE when WriteFile failed or wrote short. */
static BOOL put(HANDLE h, const void *p, DWORD n, DWORD *done)
{
	*done = 0;
	return WriteFile(h, p, n, done, NULL) && *done == n;
}

int _write(int fd, const void *buf, unsigned int count)
{
	struct lowio_fd *e = lowio_entry(fd);
	LARGE_INTEGER zero = { .QuadPart = 0 };
	unsigned char chunk[TEXT_CHUNK];
	const unsigned char *src = buf;
	size_t written = 0, taken, made;
	DWORD done;
	BOOL ok = TRUE;

	if (!e)
		return -1;
	if (count == 0)
		return 0;
	if (!buf)
		return crt_invalid_parameter(), -1;
	SetLastError(0);
	if (e->flags & LOWIO_APPEND)
		SetFilePointerEx(e->h, zero, NULL, FILE_END);
	if (!(e->flags & LOWIO_TEXT)) {
		ok = put(e->h, buf, count, &done);
		written = done;
	}
	while ((e->flags & LOWIO_TEXT) && ok && written < count) {
		taken = crt_text_encode(src + written, count - written, chunk, sizeof(chunk), &made);
		ok = put(e->h, chunk, (DWORD)made, &done);
		if (!ok)        /* what of the text the bytes written hold */
			taken = crt_text_encode(src + written, taken, chunk, done, &made);
		written += taken;
	}
	if (written)
		return (int)written;
	if (GetLastError())
		return io_failed(GetLastError());
	errno = ENOSPC;
	_doserrno = 0;
	return -1;
}

long long _lseeki64(int fd, long long offset, int origin)
{
	struct lowio_fd *e = lowio_entry(fd);
	LARGE_INTEGER to = { .QuadPart = offset }, at;

	if (!e)
		return -1;
	if (origin < SEEK_SET || origin > SEEK_END) {
		crt_set_errno_from_win32(ERROR_INVALID_PARAMETER);
		return -1;
	}
	if (!SetFilePointerEx(e->h, to, &at, (DWORD)origin))
		return crt_fail_last_error();
	e->flags &= ~LOWIO_EOF;
	return at.QuadPart;
}

/* A place past LONG_MAX is refused (EINVAL) and the old one kept. */
long _lseek(int fd, long offset, int origin)
{
	long long was = _lseeki64(fd, 0, SEEK_CUR), at;

	if (was < 0)
		return -1;
	at = _lseeki64(fd, offset, origin);
	if (at > LONG_MAX) {
		_lseeki64(fd, was, SEEK_SET);
		errno = EINVAL;
		return -1;
	}
	return (long)at;
}

long _tell(int fd) { return _lseek(fd, 0, SEEK_CUR); }
long long _telli64(int fd) { return _lseeki64(fd, 0, SEEK_CUR); }

long long _filelengthi64(int fd)
{
	struct lowio_fd *e = lowio_entry(fd);
	LARGE_INTEGER size;

	if (!e)
		return -1;
	if (!GetFileSizeEx(e->h, &size))
		return crt_fail_last_error();
	return size.QuadPart;
}

long _filelength(int fd)
{
	long long n = _filelengthi64(fd);

	return n > LONG_MAX ? (errno = EFBIG, -1) : (long)n;
}

int _eof(int fd)
{
	long long at = _lseeki64(fd, 0, SEEK_CUR), end;

	if (at < 0 || (end = _filelengthi64(fd)) < 0)
		return -1;
	return at >= end;
}

int _commit(int fd)
{
	struct lowio_fd *e = lowio_entry(fd);

	if (!e)
		return -1;
	if (!FlushFileBuffers(e->h)) {
		_doserrno = GetLastError();
		errno = EBADF;
		return -1;
	}
	return 0;
}

errno_t _chsize_s(int fd, long long size)
{
	struct lowio_fd *e = lowio_entry(fd);
	LARGE_INTEGER zero = { .QuadPart = 0 }, to = { .QuadPart = size }, was;
	BOOL ok;

	if (!e)
		return EBADF;
	if (size < 0)
		return crt_invalid_parameter();
	if (!SetFilePointerEx(e->h, zero, &was, FILE_CURRENT)) {
		crt_set_errno_from_win32(GetLastError());
		return errno;
	}
	ok = SetFilePointerEx(e->h, to, NULL, FILE_BEGIN) && SetEndOfFile(e->h);
	if (!ok)
		crt_set_errno_from_win32(GetLastError());
	SetFilePointerEx(e->h, was, NULL, FILE_BEGIN);
	return ok ? 0 : errno;
}

int _chsize(int fd, long size)
{
	return _chsize_s(fd, size) ? -1 : 0;
}

int read(int fd, void *buf, unsigned int count) __attribute__((alias("_read")));
int write(int fd, const void *buf, unsigned int count) __attribute__((alias("_write")));
long lseek(int fd, long offset, int origin) __attribute__((alias("_lseek")));
long tell(int fd) __attribute__((alias("_tell")));
int eof(int fd) __attribute__((alias("_eof")));
int chsize(int fd, long size) __attribute__((alias("_chsize")));
long filelength(int fd) __attribute__((alias("_filelength")));
