/* <direct.h>: Microsoft's C runtime's directory calls (user/lib/crt_files.c). */
#ifndef _DIRECT_H
#define _DIRECT_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* 0, or -1 with errno: _mkdir EEXIST (the name exists) or ENOENT (no such
 * path); _rmdir ENOTEMPTY (not empty), ENOENT (no such directory) or
 * EACCES (open, or some process's current directory, as Windows); _chdir
 * ENOENT. A NULL name goes to the invalid-parameter handler (EINVAL). */
int _mkdir(const char *path);
int _rmdir(const char *path);
int _chdir(const char *path);
int _wmkdir(const wchar_t *path);
int _wrmdir(const wchar_t *path);
int _wchdir(const wchar_t *path);
/* The current directory in buf (size bytes with the NUL) and buf; for a
 * NULL buf one malloc'd of at least size bytes (free it). NULL with errno
 * ERANGE when it does not fit, ENOMEM, or EINVAL (size <= 0 with a buf, to
 * the invalid-parameter handler). */
char *_getcwd(char *buf, int size);
wchar_t *_wgetcwd(wchar_t *buf, int size);
/* _getcwd's for a drive: 0 the current one, 1 A:, 3 C:; a drive that is
 * not there goes to the invalid-parameter handler (EACCES). */
char *_getdcwd(int drive, char *buf, int size);
wchar_t *_wgetdcwd(int drive, wchar_t *buf, int size);
/* The current drive: 1 for A:, 3 for C:. */
int _getdrive(void);

int mkdir(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buf, int size);

VADOS_END_DECLS

#endif
