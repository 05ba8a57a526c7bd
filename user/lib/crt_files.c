/* Microsoft's C runtime's calls on file and directory names: _access,
 * _unlink, _chmod, _mkdir, _rmdir, _chdir, _getcwd, _getdcwd, _getdrive and
 * _fullpath. A NULL name goes to the
 * invalid-parameter handler (EINVAL); a Win32 failure sets errno by
 * _dosmaperr's table and _doserrno to the error. */
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
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

int access(const char *path, int mode) __attribute__((alias("_access")));
int unlink(const char *path) __attribute__((alias("_unlink")));
int chmod(const char *path, int pmode) __attribute__((alias("_chmod")));
int mkdir(const char *path) __attribute__((alias("_mkdir")));
int rmdir(const char *path) __attribute__((alias("_rmdir")));
int chdir(const char *path) __attribute__((alias("_chdir")));
char *getcwd(char *buf, int size) __attribute__((alias("_getcwd")));
