/* Microsoft's C runtime's calls on file and directory names: _access,
 * _unlink, _chmod, _mkdir, _rmdir, _chdir, _getcwd, _getdcwd, _getdrive,
 * _fullpath and _mktemp. A NULL name goes to the
 * invalid-parameter handler (EINVAL); a Win32 failure sets errno by
 * _dosmaperr's table and _doserrno to the error. */
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "crt_thread.h"

/* 0 for a call that worked, else -1 with errno from its Win32 error. */
static int win32_result(BOOL ok)
{
	return ok ? 0 : crt_fail_last_error();
}

errno_t _access_s(const char *path, int mode)
{
	DWORD attributes;

	if (!path || (mode & ~6))
		return crt_invalid_parameter();
	attributes = GetFileAttributesA(path);
	if (attributes == INVALID_FILE_ATTRIBUTES) {
		crt_set_errno_from_win32(GetLastError());
		return errno;
	}
	if (!(attributes & FILE_ATTRIBUTE_DIRECTORY) && (attributes & FILE_ATTRIBUTE_READONLY) &&
	    (mode & 2)) {
		crt_set_errno_from_win32(ERROR_ACCESS_DENIED);
		return EACCES;
	}
	return 0;
}

int _access(const char *path, int mode)
{
	return _access_s(path, mode) ? -1 : 0;
}

int _unlink(const char *path)
{
	if (!path)
		return crt_invalid_parameter(), -1;
	return win32_result(DeleteFileA(path));
}

int _chmod(const char *path, int pmode)
{
	DWORD attributes;

	if (!path)
		return crt_invalid_parameter(), -1;
	attributes = GetFileAttributesA(path);
	if (attributes == INVALID_FILE_ATTRIBUTES)
		return win32_result(FALSE);
	if (pmode & _S_IWRITE)
		attributes &= ~FILE_ATTRIBUTE_READONLY;
	else
		attributes |= FILE_ATTRIBUTE_READONLY;
	return win32_result(SetFileAttributesA(path, attributes));
}

int _mkdir(const char *path)
{
	if (!path)
		return crt_invalid_parameter(), -1;
	return win32_result(CreateDirectoryA(path, NULL));
}

int _rmdir(const char *path)
{
	if (!path)
		return crt_invalid_parameter(), -1;
	return win32_result(RemoveDirectoryA(path));
}

int _chdir(const char *path)
{
	if (!path)
		return crt_invalid_parameter(), -1;
	return win32_result(SetCurrentDirectoryA(path));
}

/* Drive 0 is the current one, 1 A:, 3 C:; one that is not there goes to
 * the invalid-parameter handler with EACCES (_doserrno
 * ERROR_INVALID_DRIVE), as Microsoft's. */
char *_getdcwd(int drive, char *buf, int size)
{
	char spec[] = { (char)('A' - 1 + drive), ':', '\\', '\0' }, *out = buf;
	DWORD need;

	if (buf && size <= 0)
		return crt_invalid_parameter(), NULL;
	if (drive && (drive < 1 || drive > 26 || GetDriveTypeA(spec) <= DRIVE_NO_ROOT_DIR)) {
		crt_invalid_parameter();
		crt_set_errno_from_win32(ERROR_INVALID_DRIVE);
		errno = EACCES;
		return NULL;
	}
	spec[2] = '.';
	need = GetFullPathNameA(drive ? spec : ".", 0, NULL, NULL);
	if (!need) {
		win32_result(FALSE);
		return NULL;
	}
	if (!buf && !(out = malloc(need > (DWORD)size ? need : (DWORD)size))) {
		errno = ENOMEM;
		return NULL;
	}
	if (buf && need > (DWORD)size) {
		errno = ERANGE;
		return NULL;
	}
	GetFullPathNameA(drive ? spec : ".", need, out, NULL);
	return out;
}

char *_getcwd(char *buf, int size)
{
	return _getdcwd(0, buf, size);
}

int _getdrive(void)
{
	char cwd[MAX_PATH];

	if (!GetCurrentDirectoryA(sizeof(cwd), cwd) || cwd[1] != ':')
		return 0;
	return (cwd[0] | 0x20) - 'a' + 1;
}

char *_fullpath(char *abs, const char *rel, size_t size)
{
	DWORD need;
	char *out = abs;

	if (!rel || !*rel)
		return _getcwd(abs, (int)size);
	need = GetFullPathNameA(rel, 0, NULL, NULL);
	if (!need) {
		win32_result(FALSE);
		return NULL;
	}
	if (!abs && !(out = malloc(need > size ? need : size))) {
		errno = ENOMEM;
		return NULL;
	}
	if (abs && need > size) {
		errno = ERANGE;
		return NULL;
	}
	GetFullPathNameA(rel, need, out, NULL);
	return out;
}

#define MKTEMP_XS 6

/* The template's six trailing X's made a letter and the thread's number in
 * five digits, the letter the first from 'a' whose name no file has: 0,
 * EINVAL (no six X's at the end) or EEXIST (a to z all taken). */
static int make_temp_name(char *t, size_t n)
{
	char *x = t + n - MKTEMP_XS;

	if (n < MKTEMP_XS || strspn(x, "X") != MKTEMP_XS)
		return EINVAL;
	snprintf(x + 1, MKTEMP_XS, "%05lu", GetCurrentThreadId() % 100000);
	for (char c = 'a'; c <= 'z'; c++) {
		*x = c;
		if (GetFileAttributesA(t) == INVALID_FILE_ATTRIBUTES)
			return 0;
	}
	return EEXIST;
}

char *_mktemp(char *nameTemplate)
{
	int r;

	if (!nameTemplate)
		return crt_invalid_parameter(), NULL;
	r = make_temp_name(nameTemplate, strlen(nameTemplate));
	if (r == EINVAL)
		return crt_invalid_parameter(), NULL;
	if (r) {
		errno = r;
		return NULL;
	}
	return nameTemplate;
}

errno_t _mktemp_s(char *nameTemplate, size_t sizeInChars)
{
	size_t n;
	int r;

	if (!nameTemplate)
		return crt_invalid_parameter();
	n = strnlen(nameTemplate, sizeInChars);
	r = n >= sizeInChars ? EINVAL : make_temp_name(nameTemplate, n);
	if (r && sizeInChars)
		nameTemplate[0] = '\0';
	if (r == EINVAL)
		return crt_invalid_parameter();
	if (r)
		errno = r;
	return r;
}

char *mktemp(char *nameTemplate) __attribute__((alias("_mktemp")));
int access(const char *path, int mode) __attribute__((alias("_access")));
int unlink(const char *path) __attribute__((alias("_unlink")));
int chmod(const char *path, int pmode) __attribute__((alias("_chmod")));
int mkdir(const char *path) __attribute__((alias("_mkdir")));
int rmdir(const char *path) __attribute__((alias("_rmdir")));
int chdir(const char *path) __attribute__((alias("_chdir")));
char *getcwd(char *buf, int size) __attribute__((alias("_getcwd")));
