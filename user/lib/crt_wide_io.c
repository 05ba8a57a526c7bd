/* The wide forms of the C runtime's descriptor, name and stat calls: each
 * converts its name to CP437 (user/lib/wide_arg.h) and calls the narrow
 * form; a name that does not convert fails with errno from the conversion's
 * Win32 error. */
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utime.h>
#include "crt_thread.h"
#include "lowio.h"
#include "user/lib/wide_arg.h"

/* call's value, a narrow call naming w's CP437 form `a`; fail (errno set)
 * when w does not convert. */
#define CRT_WIDE(w, fail, call)                                                          \
	({                                                                               \
		char *a;                                                                 \
		__typeof__(call) crt_r = (fail);                                         \
		if (wide_arg((w), &a)) {                                                 \
			crt_r = (call);                                                  \
			wide_free(a);                                                    \
		} else {                                                                 \
			crt_set_errno_from_win32(GetLastError());                        \
		}                                                                        \
		crt_r;                                                                   \
	})

errno_t _wsopen_s(int *fd, const wchar_t *path, int oflag, int shflag, int pmode)
{
	if (!fd)
		return crt_invalid_parameter();
	*fd = -1;
	return CRT_WIDE(path, -1, lowio_open(a, oflag, shflag, pmode, fd, TRUE)) ? errno : 0;
}

int _wsopen(const wchar_t *path, int oflag, int shflag, ...)
{
	int fd = -1, pmode = LOWIO_PMODE(oflag, shflag);

	CRT_WIDE(path, 0, lowio_open(a, oflag, shflag, pmode, &fd, FALSE));
	return fd;
}

int _wopen(const wchar_t *path, int oflag, ...)
{
	return _wsopen(path, oflag, _SH_DENYNO, LOWIO_PMODE(oflag, oflag));
}

int _waccess(const wchar_t *path, int mode) { return CRT_WIDE(path, -1, _access(a, mode)); }
errno_t _waccess_s(const wchar_t *path, int mode)
{
	return CRT_WIDE(path, -1, _access_s(a, mode)) ? errno : 0;
}
int _wunlink(const wchar_t *path) { return CRT_WIDE(path, -1, _unlink(a)); }

/* _mktemp_s on the template's CP437 form, the name made written back in
 * place (one unit per byte); on failure the template emptied as there. */
errno_t _wmktemp_s(wchar_t *nameTemplate, size_t sizeInChars)
{
	char *a;
	errno_t r;

	if (!nameTemplate)
		return crt_invalid_parameter();
	if (!wide_arg(nameTemplate, &a)) {
		crt_set_errno_from_win32(GetLastError());
		return errno;
	}
	r = _mktemp_s(a, sizeInChars);
	if (!r)
		wide_widen(a, nameTemplate, (DWORD)strlen(a));
	else if (sizeInChars)
		nameTemplate[0] = L'\0';
	wide_free(a);
	return r;
}

wchar_t *_wmktemp(wchar_t *nameTemplate)
{
	char *a, *made;

	if (!nameTemplate)
		return crt_invalid_parameter(), NULL;
	if (!wide_arg(nameTemplate, &a)) {
		crt_set_errno_from_win32(GetLastError());
		return NULL;
	}
	if ((made = _mktemp(a)))
		wide_widen(a, nameTemplate, (DWORD)strlen(a));
	wide_free(a);
	return made ? nameTemplate : NULL;
}
int _wchmod(const wchar_t *path, int pmode) { return CRT_WIDE(path, -1, _chmod(a, pmode)); }
int _wmkdir(const wchar_t *path) { return CRT_WIDE(path, -1, _mkdir(a)); }
int _wrmdir(const wchar_t *path) { return CRT_WIDE(path, -1, _rmdir(a)); }
int _wchdir(const wchar_t *path) { return CRT_WIDE(path, -1, _chdir(a)); }
int _wstat32(const wchar_t *path, struct _stat32 *st)
{
	return CRT_WIDE(path, -1, _stat32(a, st));
}
int _wstat64i32(const wchar_t *path, struct _stat64i32 *st)
{
	return CRT_WIDE(path, -1, _stat64i32(a, st));
}
int _wstat64(const wchar_t *path, struct _stat64 *st)
{
	return CRT_WIDE(path, -1, _stat64(a, st));
}
int _wutime(const wchar_t *path, struct _utimbuf *times)
{
	return CRT_WIDE(path, -1, _utime(a, times));
}

wchar_t *_wgetdcwd(int drive, wchar_t *buf, int size)
{
	char *cwd;
	size_t n;

	if (buf && size <= 0)
		return crt_invalid_parameter(), NULL;
	if (!(cwd = _getdcwd(drive, NULL, 0)))
		return NULL;
	n = strlen(cwd) + 1;
	if (buf && n > (size_t)size) {
		errno = ERANGE;
		buf = NULL;
	} else if (!buf && !(buf = malloc((n > (size_t)size ? n : (size_t)size) * sizeof(wchar_t)))) {
		errno = ENOMEM;
	}
	if (buf)
		wide_widen(cwd, buf, (DWORD)n);
	free(cwd);
	return buf;
}

wchar_t *_wgetcwd(wchar_t *buf, int size)
{
	return _wgetdcwd(0, buf, size);
}
