/* errno and _doserrno per thread (crt_thread.h), Microsoft's _dosmaperr
 * table, and the invalid-parameter rule of Microsoft's C library. */
#include <errno.h>
#include <stdlib.h>
#include "crt_thread.h"

int *_errno(void)
{
	return &crt_thread()->err;
}

unsigned long *__doserrno(void)
{
	return &crt_thread()->doserr;
}

errno_t _set_errno(int value)
{
	crt_thread()->err = value;
	return 0;
}

errno_t _get_errno(int *value)
{
	if (!value)
		return crt_invalid_parameter();
	*value = crt_thread()->err;
	return 0;
}

errno_t _set_doserrno(unsigned long value)
{
	crt_thread()->doserr = value;
	return 0;
}

errno_t _get_doserrno(unsigned long *value)
{
	if (!value)
		return crt_invalid_parameter();
	*value = crt_thread()->doserr;
	return 0;
}

/* Microsoft's table: the Win32 errors with an errno of their own. */
static const struct { unsigned short win32; unsigned char err; } error_table[] = {
	{ ERROR_INVALID_FUNCTION, EINVAL }, { ERROR_FILE_NOT_FOUND, ENOENT },
	{ ERROR_PATH_NOT_FOUND, ENOENT }, { 4 /* ERROR_TOO_MANY_OPEN_FILES */, EMFILE },
	{ ERROR_ACCESS_DENIED, EACCES }, { ERROR_INVALID_HANDLE, EBADF },
	{ 7 /* ERROR_ARENA_TRASHED */, ENOMEM }, { ERROR_NOT_ENOUGH_MEMORY, ENOMEM },
	{ 9 /* ERROR_INVALID_BLOCK */, ENOMEM }, { 10 /* ERROR_BAD_ENVIRONMENT */, E2BIG },
	{ 11 /* ERROR_BAD_FORMAT */, ENOEXEC }, { 12 /* ERROR_INVALID_ACCESS */, EINVAL },
	{ 13 /* ERROR_INVALID_DATA */, EINVAL }, { 15 /* ERROR_INVALID_DRIVE */, ENOENT },
	{ 16 /* ERROR_CURRENT_DIRECTORY */, EACCES }, { 17 /* ERROR_NOT_SAME_DEVICE */, EXDEV },
	{ 18 /* ERROR_NO_MORE_FILES */, ENOENT }, { 33 /* ERROR_LOCK_VIOLATION */, EACCES },
	{ 53 /* ERROR_BAD_NETPATH */, ENOENT }, { 65 /* ERROR_NETWORK_ACCESS_DENIED */, EACCES },
	{ 67 /* ERROR_BAD_NET_NAME */, ENOENT }, { 80 /* ERROR_FILE_EXISTS */, EEXIST },
	{ 82 /* ERROR_CANNOT_MAKE */, EACCES }, { 83 /* ERROR_FAIL_I24 */, EACCES },
	{ ERROR_INVALID_PARAMETER, EINVAL }, { 89 /* ERROR_NO_PROC_SLOTS */, EAGAIN },
	{ 108 /* ERROR_DRIVE_LOCKED */, EACCES }, { 109 /* ERROR_BROKEN_PIPE */, EPIPE },
	{ 112 /* ERROR_DISK_FULL */, ENOSPC }, { 114 /* ERROR_INVALID_TARGET_HANDLE */, EBADF },
	{ 128 /* ERROR_WAIT_NO_CHILDREN */, ECHILD }, { 129 /* ERROR_CHILD_NOT_COMPLETE */, ECHILD },
	{ 130 /* ERROR_DIRECT_ACCESS_HANDLE */, EBADF }, { 131 /* ERROR_NEGATIVE_SEEK */, EINVAL },
	{ 132 /* ERROR_SEEK_ON_DEVICE */, EACCES }, { 145 /* ERROR_DIR_NOT_EMPTY */, ENOTEMPTY },
	{ 158 /* ERROR_NOT_LOCKED */, EACCES }, { 161 /* ERROR_BAD_PATHNAME */, ENOENT },
	{ 164 /* ERROR_MAX_THRDS_REACHED */, EAGAIN }, { 167 /* ERROR_LOCK_FAILED */, EACCES },
	{ 183 /* ERROR_ALREADY_EXISTS */, EEXIST }, { 206 /* ERROR_FILENAME_EXCED_RANGE */, ENOENT },
	{ 215 /* ERROR_NESTING_NOT_ALLOWED */, EAGAIN }, { 1816 /* ERROR_NOT_ENOUGH_QUOTA */, ENOMEM },
};

void crt_set_errno_from_win32(unsigned long error)
{
	struct crt_thread *t = crt_thread();

	t->doserr = error;
	for (size_t i = 0; i < sizeof(error_table) / sizeof(error_table[0]); i++)
		if (error_table[i].win32 == error) {
			t->err = error_table[i].err;
			return;
		}
	if (error >= 19 && error <= 36)         /* ERROR_WRITE_PROTECT..SHARING_BUFFER_EXCEEDED */
		t->err = EACCES;
	else if (error >= 188 && error <= 202)  /* the bad-executable range */
		t->err = ENOEXEC;
	else
		t->err = EINVAL;
}

static _invalid_parameter_handler invalid_parameter_handler;

_invalid_parameter_handler _set_invalid_parameter_handler(_invalid_parameter_handler handler)
{
	return (_invalid_parameter_handler)InterlockedExchangePointer(
		(PVOID volatile *)&invalid_parameter_handler, (PVOID)handler);
}

_invalid_parameter_handler _get_invalid_parameter_handler(void)
{
	return invalid_parameter_handler;
}

int crt_invalid_parameter(void)
{
	_invalid_parameter_handler handler = invalid_parameter_handler;

	crt_thread()->err = EINVAL;
	if (!handler)   /* Windows 8 on: __fastfail(FAST_FAIL_INVALID_ARG) */
		TerminateProcess(GetCurrentProcess(), 0xC0000409);
	handler(NULL, NULL, NULL, 0, 0);
	crt_thread()->err = EINVAL;
	return EINVAL;
}

int crt_fail_last_error(void)
{
	crt_set_errno_from_win32(GetLastError());
	return -1;
}
