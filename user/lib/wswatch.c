/* <psapi.h>'s working-set watch: InitializeProcessForWsWatch and
 * GetWsChanges(Ex) over SYS_WS_WATCH (the records: mm/wswatch.c). */
#include <windows.h>
#include <psapi.h>
#include "user/lib/win32call.h"

enum { WATCH_START, WATCH_TAKE, WATCH_TAKE_EX };

/* SYS_WS_WATCH: FALSE with the last error on failure; *need (if not NULL)
 * the bytes the records take, terminator included. */
static BOOL ws_watch(HANDLE process, uint32_t op, void *buf, DWORD cb, uint32_t *need)
{
	uint32_t a[4] = { (uint32_t)process, op, (uint32_t)buf, cb };

	return win32_call(SYS_WS_WATCH, a, need);
}

BOOL WINAPI InitializeProcessForWsWatch(HANDLE hProcess)
{
	return ws_watch(hProcess, WATCH_START, NULL, 0, NULL);
}

BOOL WINAPI GetWsChanges(HANDLE hProcess, PPSAPI_WS_WATCH_INFORMATION lpWatchInfo, DWORD cb)
{
	return ws_watch(hProcess, WATCH_TAKE, lpWatchInfo, cb, NULL);
}

BOOL WINAPI GetWsChangesEx(HANDLE hProcess, PPSAPI_WS_WATCH_INFORMATION_EX lpWatchInfoEx,
			   PDWORD cb)
{
	uint32_t need = 0;
	BOOL ok;

	if (IsBadWritePtr(cb, sizeof(*cb))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	ok = ws_watch(hProcess, WATCH_TAKE_EX, lpWatchInfoEx, *cb, &need);
	if (ok || GetLastError() == ERROR_INSUFFICIENT_BUFFER)
		*cb = need;
	return ok;
}
