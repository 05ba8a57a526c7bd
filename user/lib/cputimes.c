/* CPU times (<windows.h>, vados/winmisc.h): GetProcessTimes, GetThreadTimes
 * and GetSystemTimes over SYS_QUERY_TIMES. The kernel charges each timer
 * tick (10 ms) to the thread it interrupted, as user or kernel time, so the
 * figures move in 100000 (100 ns) steps. */
#include <windows.h>
#include "win32call.h"

enum { TIMES_PROCESS, TIMES_THREAD, TIMES_SYSTEM };

static void filetime_set(LPFILETIME t, ULONGLONG v)
{
	t->dwLowDateTime = (DWORD)v;
	t->dwHighDateTime = (DWORD)(v >> 32);
}

/* Copies the kernel's four figures to the outputs that are given (NULL:
 * skipped when optional); an unwritable one: ERROR_NOACCESS, nothing
 * written. */
static BOOL times_out(uint32_t kind, HANDLE h, LPFILETIME out[4], BOOL optional)
{
	uint32_t args[3] = { kind, (uint32_t)h, 0 };
	ULONGLONG v[4];

	for (int i = 0; i < 4; i++)
		if ((out[i] || !optional) && IsBadWritePtr(out[i], sizeof(FILETIME))) {
			SetLastError(ERROR_NOACCESS);
			return FALSE;
		}
	args[2] = (uint32_t)v;
	if (!win32_call(SYS_QUERY_TIMES, args, NULL))
		return FALSE;
	for (int i = 0; i < 4; i++)
		if (out[i])
			filetime_set(out[i], v[i]);
	return TRUE;
}

/* Creation and exit as system times (the exit time is 0 while the process
 * runs: Windows leaves it undefined); kernel and user time summed over its
 * threads, the ended ones too. PROCESS_QUERY_(LIMITED_)INFORMATION. */
BOOL WINAPI GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime,
			    LPFILETIME lpKernelTime, LPFILETIME lpUserTime)
{
	LPFILETIME out[4] = { lpCreationTime, lpExitTime, lpKernelTime, lpUserTime };

	return times_out(TIMES_PROCESS, hProcess, out, FALSE);
}

/* The same for one thread; THREAD_QUERY_(LIMITED_)INFORMATION. */
BOOL WINAPI GetThreadTimes(HANDLE hThread, LPFILETIME lpCreationTime, LPFILETIME lpExitTime,
			   LPFILETIME lpKernelTime, LPFILETIME lpUserTime)
{
	LPFILETIME out[4] = { lpCreationTime, lpExitTime, lpKernelTime, lpUserTime };

	return times_out(TIMES_THREAD, hThread, out, FALSE);
}

/* Since boot, on the one CPU; the kernel time includes the idle time, as
 * Windows counts it. Each pointer may be NULL. */
BOOL WINAPI GetSystemTimes(PFILETIME lpIdleTime, PFILETIME lpKernelTime, PFILETIME lpUserTime)
{
	LPFILETIME out[4] = { lpIdleTime, lpKernelTime, lpUserTime, NULL };

	return times_out(TIMES_SYSTEM, NULL, out, TRUE);
}
