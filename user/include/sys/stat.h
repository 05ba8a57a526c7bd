/* <sys/stat.h>: Microsoft's _stat family (user/lib/crt_stat.c). st_mode
 * holds _S_IFDIR, _S_IFREG or _S_IFCHR (a console) and the permission bits
 * as Microsoft sets them: _S_IREAD always, _S_IWRITE unless read-only,
 * _S_IEXEC for a directory or a name ending .exe .com .bat or .cmd, each
 * repeated for group and others (a writable file: 0100666). st_dev and
 * st_rdev are the drive number (C: is 2), st_nlink 1, st_ino, st_uid and
 * st_gid 0; the times are seconds since 1970 (st_ctime the creation time;
 * one the file system lacks is the last write's). */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <stddef.h>
#include <sys/types.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define _S_IFMT   0xF000
#define _S_IFDIR  0x4000
#define _S_IFCHR  0x2000
#define _S_IFIFO  0x1000
#define _S_IFREG  0x8000
#define _S_IREAD  0x0100
#define _S_IWRITE 0x0080
#define _S_IEXEC  0x0040

#define S_IFMT   _S_IFMT
#define S_IFDIR  _S_IFDIR
#define S_IFCHR  _S_IFCHR
#define S_IFREG  _S_IFREG
#define S_IREAD  _S_IREAD
#define S_IWRITE _S_IWRITE
#define S_IEXEC  _S_IEXEC

/* One layout, four widths of size and time, as Microsoft's. */
#define CRT_STAT_FIELDS(off, tim)                                                        \
	_dev_t st_dev;                                                                   \
	_ino_t st_ino;                                                                   \
	unsigned short st_mode;                                                          \
	short st_nlink, st_uid, st_gid;                                                  \
	_dev_t st_rdev;                                                                  \
	off st_size;                                                                     \
	tim st_atime, st_mtime, st_ctime;
struct _stat32 { CRT_STAT_FIELDS(_off_t, __time32_t) };
struct _stat32i64 { CRT_STAT_FIELDS(long long, __time32_t) };
struct _stat64i32 { CRT_STAT_FIELDS(_off_t, __time64_t) };
struct _stat64 { CRT_STAT_FIELDS(long long, __time64_t) };
struct stat { CRT_STAT_FIELDS(_off_t, time_t) };

/* 0, or -1 with errno ENOENT (no such file or directory, or a name with a
 * wildcard), EBADF (_fstat's bad descriptor) or EINVAL (a NULL argument,
 * to the invalid-parameter handler; a size or time the narrow forms cannot
 * hold is EOVERFLOW). */
int _stat32(const char *path, struct _stat32 *st);
int _stat32i64(const char *path, struct _stat32i64 *st);
int _stat64i32(const char *path, struct _stat64i32 *st);
int _stat64(const char *path, struct _stat64 *st);
int _fstat32(int fd, struct _stat32 *st);
int _fstat32i64(int fd, struct _stat32i64 *st);
int _fstat64i32(int fd, struct _stat64i32 *st);
int _fstat64(int fd, struct _stat64 *st);
int _wstat32(const wchar_t *path, struct _stat32 *st);
int _wstat64i32(const wchar_t *path, struct _stat64i32 *st);
int _wstat64(const wchar_t *path, struct _stat64 *st);

#ifdef _USE_32BIT_TIME_T
#define _stat     _stat32
#define _stati64  _stat32i64
#define _fstat    _fstat32
#define _fstati64 _fstat32i64
#define _wstat    _wstat32
#else
#define _stat     _stat64i32
#define _stati64  _stat64
#define _fstat    _fstat64i32
#define _fstati64 _fstat64
#define _wstat    _wstat64i32
#define _wstati64 _wstat64
#endif

static inline int stat(const char *path, struct stat *st)
{
#ifdef _USE_32BIT_TIME_T
	return _stat32(path, (struct _stat32 *)st);
#else
	return _stat64i32(path, (struct _stat64i32 *)st);
#endif
}

static inline int fstat(int fd, struct stat *st)
{
#ifdef _USE_32BIT_TIME_T
	return _fstat32(fd, (struct _stat32 *)st);
#else
	return _fstat64i32(fd, (struct _stat64i32 *)st);
#endif
}

VADOS_END_DECLS

#endif
