/* <sys/utime.h>: Microsoft's _utime, _futime and their struct (user/lib/crt_files.c). */
#ifndef _SYS_UTIME_H
#define _SYS_UTIME_H

#include <stddef.h>
#include <time.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

struct _utimbuf {
	time_t actime;          /* last access */
	time_t modtime;         /* last write */
};
struct utimbuf {
	time_t actime;
	time_t modtime;
};

/* Sets a file's access and write times (NULL: both now); 0, or -1 with
 * errno ENOENT (no such file), EACCES (a directory, read-only or open
 * elsewhere), EINVAL (a time before 1980, FAT's first, or a NULL name to the
 * invalid-parameter handler), EBADF (_futime's bad descriptor, to the
 * handler too). */
int _utime(const char *path, struct _utimbuf *times);
int _futime(int fd, struct _utimbuf *times);
int _wutime(const wchar_t *path, struct _utimbuf *times);
static inline int utime(const char *path, struct utimbuf *times)
{
	return _utime(path, (struct _utimbuf *)times);
}

VADOS_END_DECLS

#endif
