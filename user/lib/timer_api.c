/* Waitable timers (<windows.h>, vados/winapc.h): CreateWaitableTimerA,
 * CreateWaitableTimerExA, OpenWaitableTimerA, SetWaitableTimer(Ex),
 * CancelWaitableTimer. The timer is the kernel's (kernel/ex/timer.h), named
 * in the one namespace every named object type shares; its completion
 * routine is an APC of the thread that set it (apc_api.c runs it). */
#include <windows.h>
#include "win32call.h"

HANDLE WINAPI CreateWaitableTimerA(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
				   LPCSTR lpTimerName)
{
	return CreateWaitableTimerExA(lpTimerAttributes, lpTimerName,
				      bManualReset ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0,
				      TIMER_ALL_ACCESS);
}

/* dwFlags: CREATE_WAITABLE_TIMER_MANUAL_RESET and
 * CREATE_WAITABLE_TIMER_HIGH_RESOLUTION (accepted; every timer has the
 * clock tick's 10 ms resolution); anything else ERROR_INVALID_PARAMETER. */
HANDLE WINAPI CreateWaitableTimerExA(LPSECURITY_ATTRIBUTES lpTimerAttributes, LPCSTR lpTimerName,
				     DWORD dwFlags, DWORD dwDesiredAccess)
{
	uint32_t existed = 0;
	uint32_t args[5] = { (uint32_t)lpTimerName,
			     (dwFlags & CREATE_WAITABLE_TIMER_MANUAL_RESET) != 0, dwDesiredAccess,
			     lpTimerAttributes && lpTimerAttributes->bInheritHandle,
			     (uint32_t)&existed };

	if (dwFlags & ~(DWORD)(CREATE_WAITABLE_TIMER_MANUAL_RESET |
			       CREATE_WAITABLE_TIMER_HIGH_RESOLUTION)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return win32_create_named(SYS_CREATE_TIMER, args, &existed);
}

HANDLE WINAPI OpenWaitableTimerA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpTimerName)
{
	return win32_open_named(SYS_OPEN_TIMER, dwDesiredAccess, bInheritHandle, lpTimerName);
}

/* lpDueTime: negative, relative in 100 ns units; else an absolute UTC
 * FILETIME (one already past signals at once). lPeriod: milliseconds, 0
 * once, negative ERROR_INVALID_PARAMETER. Rounded up to the 10 ms tick.
 * fResume: vados has no power states, so the call succeeds and reports
 * ERROR_NOT_SUPPORTED, as Windows documents for such a system. */
BOOL WINAPI SetWaitableTimer(HANDLE hTimer, const LARGE_INTEGER *lpDueTime, LONG lPeriod,
			     PTIMERAPCROUTINE pfnCompletionRoutine, LPVOID lpArgToCompletionRoutine,
			     BOOL fResume)
{
	uint32_t args[5] = { (uint32_t)hTimer, (uint32_t)lpDueTime, (uint32_t)lPeriod,
			     (uint32_t)pfnCompletionRoutine, (uint32_t)lpArgToCompletionRoutine };

	if (!win32_call(SYS_SET_TIMER, args, NULL))
		return FALSE;
	if (fResume)
		SetLastError(ERROR_NOT_SUPPORTED);
	return TRUE;
}

/* WakeContext and TolerableDelay are hints for power management and timer
 * coalescing, neither of which vados has: SetWaitableTimer's work. */
BOOL WINAPI SetWaitableTimerEx(HANDLE hTimer, const LARGE_INTEGER *lpDueTime, LONG lPeriod,
			       PTIMERAPCROUTINE pfnCompletionRoutine,
			       LPVOID lpArgToCompletionRoutine, PREASON_CONTEXT WakeContext,
			       ULONG TolerableDelay)
{
	(void)WakeContext;
	(void)TolerableDelay;
	return SetWaitableTimer(hTimer, lpDueTime, lPeriod, pfnCompletionRoutine,
				lpArgToCompletionRoutine, FALSE);
}

/* Disarms the timer and takes back its queued completion routine; its
 * signal state stays as it is. */
BOOL WINAPI CancelWaitableTimer(HANDLE hTimer)
{
	uint32_t args[1] = { (uint32_t)hTimer };

	return win32_call(SYS_CANCEL_TIMER, args, NULL);
}
