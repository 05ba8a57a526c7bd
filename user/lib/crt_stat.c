/* Microsoft's _stat, _fstat and _findfirst families (sys/stat.h, io.h):
 * each fills the widest form (struct _stat64, struct __finddata64_t; the
 * wide finds struct _wfinddata64_t) and the narrower forms copy it, EOVERFLOW when a size or time does not fit; and
 * _utime and _futime (sys/utime.h), which set those times. */
#include <errno.h>
#include <io.h>
#include <direct.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utime.h>
#include "crt_thread.h"
#include "crt_time.h"
#include "lowio.h"
#include "runtime.h"
#include "win32call.h"
#include "user/lib/wide_arg.h"

/* st_mode's permission bits: _S_IREAD, _S_IWRITE unless read-only, the
 * user's bits repeated for group and others. */
static unsigned short permissions(unsigned short mode, BOOL read_only)
{
	mode |= _S_IREAD | (read_only ? 0 : _S_IWRITE);
	return (unsigned short)(mode | (mode & 0700) >> 3 | (mode & 0700) >> 6);
}

static BOOL is_program(const char *path)
{
	static const char *const exts[] = { ".exe", ".com", ".bat", ".cmd" };
	const char *dot = strrchr(path, '.');

	for (unsigned i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (_stricmp(dot, exts[i]) == 0)
			return TRUE;
	return FALSE;
}

/* The times of a file; one the file system lacks is the last write's. */
static void times_of(struct _stat64 *st, const FILETIME *created, const FILETIME *accessed,
		     const FILETIME *written)
{
	st->st_mtime = crt_seconds_of(written);
	st->st_atime = crt_seconds_of(accessed);
	st->st_ctime = crt_seconds_of(created);
	if (st->st_atime <= 0)
		st->st_atime = st->st_mtime;
	if (st->st_ctime <= 0)
		st->st_ctime = st->st_mtime;
}

static int stat_path(const char *path, struct _stat64 *st)
{
	WIN32_FILE_ATTRIBUTE_DATA a;
	BOOL dir;

	if (!path || !st)
		return crt_invalid_parameter(), -1;
	memset(st, 0, sizeof(*st));
	if (strpbrk(path, "*?")) {
		crt_set_errno_from_win32(ERROR_FILE_NOT_FOUND);
		return -1;
	}
	if (!GetFileAttributesExA(path, GetFileExInfoStandard, &a))
		return crt_fail_last_error();
	dir = (a.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
	st->st_mode = permissions(dir ? _S_IFDIR | _S_IEXEC :
				  _S_IFREG | (is_program(path) ? _S_IEXEC : 0),
				  (a.dwFileAttributes & FILE_ATTRIBUTE_READONLY) != 0);
	st->st_nlink = 1;
	st->st_dev = st->st_rdev = path[0] && path[1] == ':' ? (unsigned)((path[0] | 0x20) - 'a')
							    : (unsigned)_getdrive() - 1;
	st->st_size = dir ? 0 : ((long long)a.nFileSizeHigh << 32) | a.nFileSizeLow;
	times_of(st, &a.ftCreationTime, &a.ftLastAccessTime, &a.ftLastWriteTime);
	return 0;
}

/* A console is _S_IFCHR (st_dev the descriptor); a disk file _S_IFREG (or
 * _S_IFDIR), its attributes, size and times asked of the handle (the
 * query GetFileSizeEx and GetFileTime make). */
static int stat_fd(int fd, struct _stat64 *st)
{
	struct lowio_fd *e = lowio_entry(fd);
	struct vados_file_info info;
	BOOL dir;

	if (!e)
		return -1;
	if (!st)
		return crt_invalid_parameter(), -1;
	memset(st, 0, sizeof(*st));
	st->st_nlink = 1;
	if (GetFileType(e->h) != FILE_TYPE_DISK) {
		st->st_mode = permissions(_S_IFCHR, FALSE);
		st->st_dev = st->st_rdev = (unsigned)fd;
		return 0;
	}
	if (!__vados_query_attributes(e->h, &info))
		return crt_fail_last_error();
	dir = (info.attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
	st->st_mode = permissions(dir ? _S_IFDIR | _S_IEXEC : _S_IFREG,
				  (info.attributes & FILE_ATTRIBUTE_READONLY) != 0);
	st->st_size = (long long)info.size_high << 32 | info.size_low;
	times_of(st, &(FILETIME){ info.created[0], info.created[1] },
		 &(FILETIME){ info.accessed[0], info.accessed[1] },
		 &(FILETIME){ info.written[0], info.written[1] });
	return 0;
}

/* Copies the wide form w into the narrower *out, or EOVERFLOW. */
#define NARROW_STAT(out, w)                                                              \
	({                                                                               \
		int narrow_r = -1;                                                       \
		(out)->st_size = (__typeof__((out)->st_size))(w).st_size;                \
		(out)->st_atime = (__typeof__((out)->st_atime))(w).st_atime;             \
		(out)->st_mtime = (__typeof__((out)->st_mtime))(w).st_mtime;             \
		(out)->st_ctime = (__typeof__((out)->st_ctime))(w).st_ctime;             \
		if ((out)->st_size != (w).st_size || (out)->st_mtime != (w).st_mtime ||  \
		    (out)->st_atime != (w).st_atime || (out)->st_ctime != (w).st_ctime)  \
			errno = EOVERFLOW;                                               \
		else                                                                     \
			narrow_r = 0;                                                    \
		(out)->st_dev = (w).st_dev;                                              \
		(out)->st_ino = (w).st_ino;                                              \
		(out)->st_mode = (w).st_mode;                                            \
		(out)->st_nlink = (w).st_nlink;                                          \
		(out)->st_uid = (w).st_uid;                                              \
		(out)->st_gid = (w).st_gid;                                              \
		(out)->st_rdev = (w).st_rdev;                                            \
		narrow_r;                                                                \
	})

/* The path and descriptor forms of one struct width. */
#define STAT_FORMS(path_name, fd_name, type)                                             \
	int path_name(const char *path, struct type *st)                                 \
	{                                                                                \
		struct _stat64 w;                                                        \
		return !st ? (crt_invalid_parameter(), -1)                               \
			   : stat_path(path, &w) ? -1 : NARROW_STAT(st, w);              \
	}                                                                                \
	int fd_name(int fd, struct type *st)                                             \
	{                                                                                \
		struct _stat64 w;                                                        \
		return stat_fd(fd, st ? &w : NULL) ? -1 : NARROW_STAT(st, w);            \
	}

STAT_FORMS(_stat32, _fstat32, _stat32)
STAT_FORMS(_stat32i64, _fstat32i64, _stat32i64)
STAT_FORMS(_stat64i32, _fstat64i32, _stat64i32)

int _stat64(const char *path, struct _stat64 *st) { return stat_path(path, st); }
int _fstat64(int fd, struct _stat64 *st) { return stat_fd(fd, st); }

/* A found file into the widest find data. */
static void found(const WIN32_FIND_DATAA *fd, struct __finddata64_t *d)
{
	d->attrib = fd->dwFileAttributes == FILE_ATTRIBUTE_NORMAL ? 0 : fd->dwFileAttributes;
	d->time_create = crt_seconds_of(&fd->ftCreationTime);
	d->time_access = crt_seconds_of(&fd->ftLastAccessTime);
	d->time_write = crt_seconds_of(&fd->ftLastWriteTime);
	d->size = ((long long)fd->nFileSizeHigh << 32) | fd->nFileSizeLow;
	strcpy(d->name, fd->cFileName);
}

/* A search's failure as Microsoft's: ENOENT when nothing (more) matches,
 * ENOMEM, else EINVAL (a bad handle too); _doserrno the Win32 error. */
static void find_failed(void)
{
	DWORD error = GetLastError();

	crt_set_errno_from_win32(error);
	if (errno != ENOMEM && error != ERROR_FILE_NOT_FOUND && error != ERROR_PATH_NOT_FOUND &&
	    error != ERROR_NO_MORE_FILES)
		errno = EINVAL;
}

intptr_t _findfirst64(const char *spec, struct __finddata64_t *data)
{
	WIN32_FIND_DATAA fd;
	HANDLE h;

	if (!spec || !data)
		return crt_invalid_parameter(), -1;
	h = FindFirstFileA(spec, &fd);
	if (h == INVALID_HANDLE_VALUE) {
		find_failed();
		return -1;
	}
	found(&fd, data);
	return (intptr_t)h;
}

int _findnext64(intptr_t handle, struct __finddata64_t *data)
{
	WIN32_FIND_DATAA fd;

	if (!data)
		return crt_invalid_parameter(), -1;
	if (!FindNextFileA((HANDLE)handle, &fd)) {
		find_failed();
		return -1;
	}
	found(&fd, data);
	return 0;
}

int _findclose(intptr_t handle)
{
	if (!FindClose((HANDLE)handle)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Copies the widest find data into a narrower one, or EOVERFLOW. */
#define NARROW_FIND(out, w)                                                              \
	({                                                                               \
		(out)->attrib = (w).attrib;                                              \
		(out)->time_create = (__typeof__((out)->time_create))(w).time_create;    \
		(out)->time_access = (__typeof__((out)->time_access))(w).time_access;    \
		(out)->time_write = (__typeof__((out)->time_write))(w).time_write;       \
		(out)->size = (__typeof__((out)->size))(w).size;                         \
		memcpy((out)->name, (w).name, sizeof((out)->name));                      \
		(out)->time_create == (w).time_create &&                                 \
		(out)->time_access == (w).time_access &&                                 \
		(out)->time_write == (w).time_write && (long long)(out)->size == (w).size \
			? 0 : (errno = EOVERFLOW, -1);                                   \
	})

/* The first and next calls of one find data width, over the widest
 * (wide: the wide ones). */
#define FIND_FORMS(first_name, next_name, type, char_type, widest, first64, next64)     \
	intptr_t first_name(const char_type *spec, struct type *data)                    \
	{                                                                                \
		struct widest w;                                                         \
		intptr_t h;                                                              \
		if (!data)                                                               \
			return crt_invalid_parameter(), -1;                              \
		h = first64(spec, &w);                                                   \
		if (h != -1 && NARROW_FIND(data, w)) {                                   \
			FindClose((HANDLE)h);                                            \
			h = -1;                                                          \
		}                                                                        \
		return h;                                                                \
	}                                                                                \
	int next_name(intptr_t handle, struct type *data)                                \
	{                                                                                \
		struct widest w;                                                         \
		if (!data)                                                               \
			return crt_invalid_parameter(), -1;                              \
		return next64(handle, &w) ? -1 : NARROW_FIND(data, w);                   \
	}

#define NARROW_FORMS(first_name, next_name, type)                                        \
	FIND_FORMS(first_name, next_name, type, char, __finddata64_t, _findfirst64, _findnext64)
#define WIDE_FORMS(first_name, next_name, type)                                          \
	FIND_FORMS(first_name, next_name, type, wchar_t, _wfinddata64_t, _wfindfirst64,  \
		   _wfindnext64)

/* The widest find data as the wide one's (its name widened). */
static void widen_found(const struct __finddata64_t *n, struct _wfinddata64_t *w)
{
	w->attrib = n->attrib;
	w->time_create = n->time_create;
	w->time_access = n->time_access;
	w->time_write = n->time_write;
	w->size = n->size;
	wide_widen(n->name, w->name, sizeof(w->name) / sizeof(w->name[0]));
}

/* _findfirst64's for a spec in UTF-16 (converted to CP437, as the W calls
 * do: one that does not convert fails with errno from that error). */
intptr_t _wfindfirst64(const wchar_t *spec, struct _wfinddata64_t *data)
{
	struct __finddata64_t n;
	intptr_t h = -1;
	char *a;

	if (!spec || !data)
		return crt_invalid_parameter(), -1;
	if (!wide_arg(spec, &a))
		return crt_fail_last_error();
	h = _findfirst64(a, &n);
	wide_free(a);
	if (h != -1)
		widen_found(&n, data);
	return h;
}

int _wfindnext64(intptr_t handle, struct _wfinddata64_t *data)
{
	struct __finddata64_t n;

	if (!data)
		return crt_invalid_parameter(), -1;
	if (_findnext64(handle, &n))
		return -1;
	widen_found(&n, data);
	return 0;
}

NARROW_FORMS(_findfirst32, _findnext32, _finddata32_t)
NARROW_FORMS(_findfirst64i32, _findnext64i32, _finddata64i32_t)
WIDE_FORMS(_wfindfirst32, _wfindnext32, _wfinddata32_t)
WIDE_FORMS(_wfindfirst64i32, _wfindnext64i32, _wfinddata64i32_t)

/* SetFileTime's refusal (a time FAT cannot hold) is EINVAL, as Microsoft's. */
int _futime(int fd, struct _utimbuf *times)
{
	struct lowio_fd *e = lowio_entry(fd);
	struct _utimbuf now;
	FILETIME access, write;

	if (!e)
		return -1;
	if (!times) {
		now.actime = now.modtime = time(NULL);
		times = &now;
	}
	if (times->actime < 0 || times->modtime < 0)
		return crt_invalid_parameter(), -1;
	access = crt_filetime_of(times->actime);
	write = crt_filetime_of(times->modtime);
	if (!SetFileTime(e->h, NULL, &access, &write)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int _utime(const char *path, struct _utimbuf *times)
{
	int fd, r;

	if (!path)
		return crt_invalid_parameter(), -1;
	fd = _open(path, _O_RDWR | _O_BINARY);
	if (fd < 0)
		return -1;
	r = _futime(fd, times);
	_close(fd);
	return r;
}
