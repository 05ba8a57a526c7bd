/* <io.h>: Microsoft's C runtime's file descriptors (user/lib/lowio.c,
 * lowio_rw.c), file names (crt_files.c) and directory search (crt_stat.c).
 *
 * A descriptor is a small number naming a Win32 handle: 0, 1 and 2 are the
 * standard input, output and error, and _open takes the lowest free one
 * (up to 8192 at once). Each is in text mode (_O_TEXT, the default _fmode)
 * or binary (_O_BINARY): text mode writes '\n' as CR LF and reads CR LF as
 * '\n', and a CTRL+Z read ends the text until the next _lseek; the console
 * is never translated. A call given a bad descriptor sets errno EBADF
 * (_doserrno 0) and returns -1, after the invalid-parameter handler for any
 * number but -2; a NULL or out-of-range argument is EINVAL through the
 * handler too. Other failures set errno from the Win32 error (_dosmaperr's
 * table: ENOENT, EACCES, EEXIST...) and _doserrno to it. */
#ifndef _IO_H
#define _IO_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
typedef unsigned long _fsize_t;

/* Opens or creates path (oflag: <fcntl.h>'s _O_ flags; shflag: <share.h>;
 * pmode, read when _O_CREAT is given: _S_IREAD alone makes the new file
 * read-only once closed). The descriptor, or -1 with errno EACCES (a
 * directory, a read-only file opened to write, a sharing refusal), EEXIST
 * (_O_CREAT | _O_EXCL on a file that exists), EINVAL (a bad oflag, shflag,
 * or for _sopen_s a pmode other than _S_IREAD | _S_IWRITE bits), EMFILE (no
 * free descriptor), ENOENT (no such file or path). _sopen_s returns errno's
 * value and puts the descriptor, or -1, in *fd. */
int _open(const char *path, int oflag, ...);
int _sopen(const char *path, int oflag, int shflag, ...);
errno_t _sopen_s(int *fd, const char *path, int oflag, int shflag, int pmode);
int _wopen(const wchar_t *path, int oflag, ...);
int _wsopen(const wchar_t *path, int oflag, int shflag, ...);
errno_t _wsopen_s(int *fd, const wchar_t *path, int oflag, int shflag, int pmode);
int _creat(const char *path, int pmode);        /* _O_CREAT | _O_TRUNC | _O_RDWR */

/* Bytes read (0 at the end of the file, fewer than count in text mode as
 * CR LF became '\n'), or -1: EBADF also for a descriptor not open to read. */
int _read(int fd, void *buf, unsigned int count);
/* Bytes of buf written (not counting the CRs text mode adds), or -1: EBADF
 * also for a descriptor not open to write, ENOSPC when nothing fit. An
 * _O_APPEND descriptor writes at the end each time. */
int _write(int fd, const void *buf, unsigned int count);
int _close(int fd);
/* The new offset (origin SEEK_SET, SEEK_CUR or SEEK_END), or -1 with
 * EINVAL (a bad origin, a place before the start, or for _lseek one past
 * 2 GB). _tell: _lseek(fd, 0, SEEK_CUR). */
long _lseek(int fd, long offset, int origin);
long long _lseeki64(int fd, long long offset, int origin);
long _tell(int fd);
long long _telli64(int fd);
/* 1 at the end of the file, 0 before it, -1 (EBADF). */
int _eof(int fd);
int _commit(int fd);                    /* FlushFileBuffers; -1 EBADF */
/* Sets the file's size (zeros added), the offset kept: 0, or -1 (EACCES
 * not open to write, ENOSPC, EINVAL size < 0); _chsize_s returns errno's
 * value instead. */
int _chsize(int fd, long size);
errno_t _chsize_s(int fd, long long size);
long _filelength(int fd);
long long _filelengthi64(int fd);
/* A new descriptor (the lowest free) for the same file, mode and offset,
 * or -1 (EBADF, EMFILE). _dup2 makes fd2 that, closing what it named: 0
 * or -1. */
int _dup(int fd);
int _dup2(int fd1, int fd2);
/* The Win32 handle of fd, or -1 (INVALID_HANDLE_VALUE) with EBADF. */
intptr_t _get_osfhandle(int fd);
/* A descriptor owning handle (flags: _O_APPEND, _O_RDONLY, _O_TEXT,
 * _O_BINARY), or -1 with EMFILE; _close closes the handle. */
int _open_osfhandle(intptr_t handle, int flags);
/* A pipe: fds[0] reads what fds[1] writes; psize its buffer (0: the
 * default); textmode _O_TEXT or _O_BINARY (neither: _fmode's), with
 * _O_NOINHERIT for ends children do not inherit. 0, or -1 with errno
 * (EINVAL through the invalid-parameter handler, EMFILE). */
int _pipe(int *fds, unsigned int psize, int textmode);
/* Sets fd's mode to _O_TEXT or _O_BINARY: the mode it had, or -1 (EINVAL
 * for another mode, EBADF). */
int _setmode(int fd, int mode);
/* Nonzero (0x40) when fd is a character device (the console; not a pipe
 * or disk file), else 0
 * (EBADF through the handler for a bad fd). */
int _isatty(int fd);
/* The pmode bits a later _open drops (_S_IWRITE: new files read-only); the
 * mask before. _umask_s: EINVAL for other bits or a NULL old. */
int _umask(int mode);
errno_t _umask_s(int mode, int *old);
/* The mode a descriptor or stream opened without _O_TEXT/_O_BINARY ("t"
 * or "b") gets: _O_TEXT unless set; EINVAL for another value. */
errno_t _set_fmode(int mode);
errno_t _get_fmode(int *mode);

/* 0 when path exists and allows mode (00 exists, 02 write, 04 read, 06
 * both; a directory allows all), else -1 with errno ENOENT or EACCES
 * (EINVAL: a bad mode or NULL, to the invalid-parameter handler).
 * _access_s returns errno's value. */
int _access(const char *path, int mode);
errno_t _access_s(const char *path, int mode);
int _waccess(const wchar_t *path, int mode);
errno_t _waccess_s(const wchar_t *path, int mode);
/* Deletes a file: 0, or -1 with ENOENT or EACCES (read-only, a directory
 * or open). */
int _unlink(const char *path);
int _wunlink(const wchar_t *path);
/* nameTemplate ends in six X's: they become a letter and a five-digit
 * number of the calling thread, the letter the first from 'a' naming no
 * file. _mktemp: the template, or NULL (EINVAL through the
 * invalid-parameter handler for NULL or no six X's; EEXIST when a..z are
 * all taken). _mktemp_s: 0 or the errno value; sizeInChars must hold the
 * template and its NUL (else EINVAL); on failure the template is emptied. */
char *_mktemp(char *nameTemplate);
errno_t _mktemp_s(char *nameTemplate, size_t sizeInChars);
char *mktemp(char *nameTemplate);
wchar_t *_wmktemp(wchar_t *nameTemplate);
errno_t _wmktemp_s(wchar_t *nameTemplate, size_t sizeInChars);
/* Makes a file read-only (pmode without _S_IWRITE) or writable: 0, or -1
 * with ENOENT. */
int _chmod(const char *path, int pmode);
int _wchmod(const wchar_t *path, int pmode);

/* Directory search: _A_* attributes, times in seconds since 1970 (-1 for
 * one the file system lacks), the size and the name. _findfirst returns a
 * handle for _findnext and _findclose, or -1 with errno ENOENT (nothing
 * matches) or EINVAL; _findnext 0, or -1 with ENOENT after the last (EINVAL
 * for a bad handle, as _findclose). */
#define _A_NORMAL 0x00
#define _A_RDONLY 0x01
#define _A_HIDDEN 0x02
#define _A_SYSTEM 0x04
#define _A_SUBDIR 0x10
#define _A_ARCH   0x20

/* One width of find data (its time, size and name character types) and
 * its first and next calls. */
#define VADOS_FIND_WIDTH(tag, time_type, size_type, char_type, first, next)              \
	struct tag {                                                                     \
		unsigned attrib;                                                         \
		time_type time_create, time_access, time_write;                          \
		size_type size;                                                          \
		char_type name[260];                                                     \
	};                                                                               \
	intptr_t first(const char_type *spec, struct tag *data);                         \
	int next(intptr_t handle, struct tag *data)
VADOS_FIND_WIDTH(_finddata32_t, __time32_t, _fsize_t, char, _findfirst32, _findnext32);
VADOS_FIND_WIDTH(_finddata64i32_t, __time64_t, _fsize_t, char, _findfirst64i32, _findnext64i32);
VADOS_FIND_WIDTH(__finddata64_t, __time64_t, long long, char, _findfirst64, _findnext64);
/* The wide forms: the spec and names in UTF-16 (as the W calls take them). */
VADOS_FIND_WIDTH(_wfinddata32_t, __time32_t, _fsize_t, wchar_t, _wfindfirst32, _wfindnext32);
VADOS_FIND_WIDTH(_wfinddata64i32_t, __time64_t, _fsize_t, wchar_t, _wfindfirst64i32,
		 _wfindnext64i32);
VADOS_FIND_WIDTH(_wfinddata64_t, __time64_t, long long, wchar_t, _wfindfirst64, _wfindnext64);
int _findclose(intptr_t handle);
#ifdef _USE_32BIT_TIME_T
#define _finddata_t    _finddata32_t
#define _findfirst     _findfirst32
#define _findnext      _findnext32
#define _wfinddata_t   _wfinddata32_t
#define _wfindfirst    _wfindfirst32
#define _wfindnext     _wfindnext32
#else
#define _finddata_t    _finddata64i32_t
#define _finddatai64_t __finddata64_t
#define _findfirst     _findfirst64i32
#define _findnext      _findnext64i32
#define _findfirsti64  _findfirst64
#define _findnexti64   _findnext64
#define _wfinddata_t   _wfinddata64i32_t
#define _wfinddatai64_t _wfinddata64_t
#define _wfindfirst    _wfindfirst64i32
#define _wfindnext     _wfindnext64i32
#define _wfindfirsti64 _wfindfirst64
#define _wfindnexti64  _wfindnext64
#endif

/* The POSIX names, as Microsoft's C runtime gives them. */
int open(const char *path, int oflag, ...);
int read(int fd, void *buf, unsigned int count);
int write(int fd, const void *buf, unsigned int count);
int close(int fd);
long lseek(int fd, long offset, int origin);
long tell(int fd);
int eof(int fd);
int dup(int fd);
int dup2(int fd1, int fd2);
int setmode(int fd, int mode);
int isatty(int fd);
int umask(int mode);
int chsize(int fd, long size);
long filelength(int fd);
int creat(const char *path, int pmode);
int sopen(const char *path, int oflag, int shflag, ...);
int access(const char *path, int mode);
int unlink(const char *path);
int chmod(const char *path, int pmode);

VADOS_END_DECLS

#endif
