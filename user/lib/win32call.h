/* The SDK's one way to make a system call from a Win32 function: the
 * kernel's error becomes the thread's last error. Private to user/lib. */
#ifndef USER_LIB_WIN32CALL_H
#define USER_LIB_WIN32CALL_H

#include <windows.h>
#include "vados/calls.h"

/* Makes call nr; *value (if not NULL) gets the result value even on failure.
 * On failure records the error for GetLastError and returns FALSE. */
static inline BOOL win32_call(uint32_t nr, const uint32_t *args, uint32_t *value)
{
	struct vados_result r = vados_syscall(nr, args);

	if (value)
		*value = r.value;
	if (r.error) {
		SetLastError(r.error);
		return FALSE;
	}
	return TRUE;
}

/* A Create* call of a named object type whose last argument is existed's
 * address: the handle, with the last error ERROR_ALREADY_EXISTS when the name
 * was taken (Windows reports it even on success), else ERROR_SUCCESS; NULL
 * on failure. */
static inline HANDLE win32_create_named(uint32_t nr, const uint32_t *args,
					const uint32_t *existed)
{
	uint32_t h;

	if (!win32_call(nr, args, &h))
		return NULL;
	SetLastError(*existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
	return (HANDLE)h;
}

/* An Open* call of a named object type: (name, access, inherit) -> handle,
 * NULL on failure. */
static inline HANDLE win32_open_named(uint32_t nr, DWORD dwDesiredAccess, BOOL bInheritHandle,
				      LPCSTR lpName)
{
	uint32_t args[3] = { (uint32_t)lpName, dwDesiredAccess, bInheritHandle != FALSE }, h;

	return win32_call(nr, args, &h) ? (HANDLE)h : NULL;
}

#endif
