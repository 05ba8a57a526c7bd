/* The performance counter and the 64-bit tick count (<windows.h>,
 * vados/winmisc.h) over SYS_PERFORMANCE_COUNTER: the PIT's input clock as
 * the kernel divides it for its tick, so the counter and GetTickCount agree. */
#include <windows.h>
#include "win32call.h"

/* Reads the counter and, if frequency is not NULL, its frequency. */
static BOOL performance_counter(ULONGLONG *counter, ULONGLONG *frequency)
{
	uint32_t args[2] = { (uint32_t)counter, (uint32_t)frequency };

	return win32_call(SYS_PERFORMANCE_COUNTER, args, NULL);
}

/* Never fails on a writable pointer (Windows XP and later); an unwritable
 * one: FALSE with ERROR_NOACCESS. */
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
	ULONGLONG counter;

	if (!performance_counter(&counter, NULL))
		return FALSE;
	if (IsBadWritePtr(lpPerformanceCount, sizeof(*lpPerformanceCount))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	lpPerformanceCount->QuadPart = (LONGLONG)counter;
	return TRUE;
}

/* Fixed at boot: the same value every call. */
BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
	ULONGLONG counter, frequency;

	if (!performance_counter(&counter, &frequency))
		return FALSE;
	if (IsBadWritePtr(lpFrequency, sizeof(*lpFrequency))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	lpFrequency->QuadPart = (LONGLONG)frequency;
	return TRUE;
}

/* Milliseconds since boot, without GetTickCount's wrap after 49.7 days. */
ULONGLONG WINAPI GetTickCount64(VOID)
{
	ULONGLONG counter, frequency;

	if (!performance_counter(&counter, &frequency))
		return 0;
	return counter / frequency * 1000 + counter % frequency * 1000 / frequency;
}
