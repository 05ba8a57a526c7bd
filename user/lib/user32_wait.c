/* user32's waits (vados/winuser.h) for a program with no message queue:
 * MsgWaitForMultipleObjects(Ex) wait for the handles alone, as no QS_*
 * input ever arrives, and WaitForInputIdle finds every process a console
 * one, which Windows does not wait for. */
#include <windows.h>

#define QS_VALID (QS_ALLINPUT | QS_ALLPOSTMESSAGE | 0x8000u)    /* 0x8000: QS_SMRESULT */
#define MWMO_VALID (MWMO_WAITALL | MWMO_ALERTABLE | MWMO_INPUTAVAILABLE)

/* MWMO_WAITALL waits for every handle and input at once: with no input
 * that never happens, so the wait runs its time (the handles checked
 * first, a bad one failing as the wait would). */
static DWORD wait_all_and_input(DWORD nCount, const HANDLE *pHandles, DWORD ms, BOOL alertable)
{
	if (nCount && WaitForMultipleObjectsEx(nCount, pHandles, FALSE, 0, FALSE) == WAIT_FAILED)
		return WAIT_FAILED;
	return SleepEx(ms, alertable) == WAIT_IO_COMPLETION ? WAIT_IO_COMPLETION : WAIT_TIMEOUT;
}

/* WAIT_OBJECT_0 + i / WAIT_ABANDONED_0 + i for a handle, WAIT_TIMEOUT,
 * WAIT_IO_COMPLETION (MWMO_ALERTABLE) or WAIT_FAILED; never WAIT_OBJECT_0
 * + nCount (input). More than MAXIMUM_WAIT_OBJECTS - 1 handles or unknown
 * dwFlags: ERROR_INVALID_PARAMETER; unknown QS_ bits: ERROR_INVALID_FLAGS. */
DWORD WINAPI MsgWaitForMultipleObjectsEx(DWORD nCount, const HANDLE *pHandles,
					 DWORD dwMilliseconds, DWORD dwWakeMask, DWORD dwFlags)
{
	BOOL alertable = (dwFlags & MWMO_ALERTABLE) != 0;

	if (nCount > MAXIMUM_WAIT_OBJECTS - 1 || dwFlags & ~MWMO_VALID) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	if (dwWakeMask & ~QS_VALID) {
		SetLastError(ERROR_INVALID_FLAGS);
		return WAIT_FAILED;
	}
	if (!nCount || dwFlags & MWMO_WAITALL)
		return wait_all_and_input(nCount, pHandles, dwMilliseconds, alertable);
	return WaitForMultipleObjectsEx(nCount, pHandles, FALSE, dwMilliseconds, alertable);
}

DWORD WINAPI MsgWaitForMultipleObjects(DWORD nCount, const HANDLE *pHandles, BOOL fWaitAll,
				       DWORD dwMilliseconds, DWORD dwWakeMask)
{
	return MsgWaitForMultipleObjectsEx(nCount, pHandles, dwMilliseconds, dwWakeMask,
					   fWaitAll ? MWMO_WAITALL : 0);
}

/* A console process returns at once: 0. Not a process handle (or one
 * without PROCESS_QUERY_LIMITED_INFORMATION): WAIT_FAILED. */
DWORD WINAPI WaitForInputIdle(HANDLE hProcess, DWORD dwMilliseconds)
{
	(void)dwMilliseconds;
	return GetProcessId(hProcess) ? 0 : WAIT_FAILED;
}
