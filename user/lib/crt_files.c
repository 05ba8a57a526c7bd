/* Microsoft's C runtime's calls on file and directory names: _access,
 * _unlink, _chmod, _mkdir, _rmdir, _chdir, _getcwd, _getdrive, _fullpath,
 * _splitpath and _makepath. A NULL name goes to the
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
	if (ok)
		return 0;
	crt_set_errno_from_win32(GetLastError());
	return -1;
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

char *_getcwd(char *buf, int size)
{
	DWORD need = GetCurrentDirectoryA(0, NULL);
	char *out = buf;

	if (buf && size <= 0)
		return crt_invalid_parameter(), NULL;
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
	GetCurrentDirectoryA(need, out);
	return out;
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

/* Copies n bytes of from into to (when to is not NULL) with a NUL, cut at
 * max - 1. */
static void part(char *to, const char *from, size_t n, size_t max)
{
	if (!to)
		return;
	if (n > max - 1)
		n = max - 1;
	memcpy(to, from, n);
	to[n] = '\0';
}

void _splitpath(const char *path, char *drive, char *dir, char *fname, char *ext)
{
	const char *name, *dot = NULL;

	if (!path)
		return (void)crt_invalid_parameter();
	part(drive, path, path[0] && path[1] == ':' ? 2 : 0, _MAX_DRIVE);
	if (path[0] && path[1] == ':')
		path += 2;
	name = path;
	for (const char *p = path; *p; p++)
		if (*p == '\\' || *p == '/')
			name = p + 1;
	for (const char *p = name; *p; p++)
		if (*p == '.')
			dot = p;
	if (!dot)
		dot = name + strlen(name);
	part(dir, path, (size_t)(name - path), _MAX_DIR);
	part(fname, name, (size_t)(dot - name), _MAX_FNAME);
	part(ext, dot, strlen(dot), _MAX_EXT);
}

void _makepath(char *path, const char *drive, const char *dir, const char *fname,
	       const char *ext)
{
	char *p = path;
	size_t n;

	if (!path)
		return (void)crt_invalid_parameter();
	if (drive && *drive) {
		*p++ = *drive;
		*p++ = ':';
	}
	if (dir && *dir) {
		n = strlen(dir);
		memcpy(p, dir, n);
		p += n;
		if (dir[n - 1] != '\\' && dir[n - 1] != '/')
			*p++ = '\\';
	}
	if (fname) {
		n = strlen(fname);
		memcpy(p, fname, n);
		p += n;
	}
	if (ext && *ext) {
		if (*ext != '.')
			*p++ = '.';
		n = strlen(ext);
		memcpy(p, ext, n);
		p += n;
	}
	*p = '\0';
}

int access(const char *path, int mode) __attribute__((alias("_access")));
int unlink(const char *path) __attribute__((alias("_unlink")));
int chmod(const char *path, int pmode) __attribute__((alias("_chmod")));
int mkdir(const char *path) __attribute__((alias("_mkdir")));
int rmdir(const char *path) __attribute__((alias("_rmdir")));
int chdir(const char *path) __attribute__((alias("_chdir")));
char *getcwd(char *buf, int size) __attribute__((alias("_getcwd")));
