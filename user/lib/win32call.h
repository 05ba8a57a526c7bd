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

#endif
