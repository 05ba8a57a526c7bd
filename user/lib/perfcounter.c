/* The performance counter, the 64-bit tick count and the precise system
 * time (<windows.h>, vados/winmisc.h) over SYS_PERFORMANCE_COUNTER: the
 * PIT's input clock as the kernel divides it for its tick, so the counter,
 * GetTickCount and GetSystemTimeAsFileTime agree. */
#include <windows.h>
#include "win32call.h"

/* Reads the counter and, if not NULL, its frequency and the precise system
 * time. */
static BOOL performance_counter(ULONGLONG *counter, ULONGLONG *frequency, ULONGLONG *now)
{
	uint32_t args[3] = { (uint32_t)counter, (uint32_t)frequency, (uint32_t)now };

	return win32_call(SYS_PERFORMANCE_COUNTER, args, NULL);
}

/* Never fails on a writable pointer (Windows XP and later); an unwritable
 * one: FALSE with ERROR_NOACCESS. */
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
	ULONGLONG counter;

	if (!performance_counter(&counter, NULL, NULL))
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

	if (!performance_counter(&counter, &frequency, NULL))
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

	if (!performance_counter(&counter, &frequency, NULL))
		return 0;
	return counter / frequency * 1000 + counter % frequency * 1000 / frequency;
}

/* 100 ns units since boot from the counter; vados never sleeps, so the
 * unbiased time (without time asleep) is the same. */
static ULONGLONG interrupt_time(void)
{
	ULONGLONG counter, frequency;

	if (!performance_counter(&counter, &frequency, NULL))
		return 0;
	return counter / frequency * 10000000 + counter % frequency * 10000000 / frequency;
}

VOID WINAPI QueryInterruptTime(PULONGLONG lpInterruptTime)
{
	*lpInterruptTime = interrupt_time();
}

VOID WINAPI QueryInterruptTimePrecise(PULONGLONG lpInterruptTimePrecise)
{
	*lpInterruptTimePrecise = interrupt_time();
}

/* An unwritable pointer: FALSE with ERROR_NOACCESS. */
BOOL WINAPI QueryUnbiasedInterruptTime(PULONGLONG UnbiasedTime)
{
	if (IsBadWritePtr(UnbiasedTime, sizeof(*UnbiasedTime))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*UnbiasedTime = interrupt_time();
	return TRUE;
}

VOID WINAPI QueryUnbiasedInterruptTimePrecise(PULONGLONG lpUnbiasedInterruptTimePrecise)
{
	*lpUnbiasedInterruptTimePrecise = interrupt_time();
}

/* GetSystemTimeAsFileTime's time plus the part of the current tick gone by
 * (the counter's resolution), never below it. */
VOID WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
	ULONGLONG counter, now = 0;

	performance_counter(&counter, NULL, &now);
	lpSystemTimeAsFileTime->dwLowDateTime = (DWORD)now;
	lpSystemTimeAsFileTime->dwHighDateTime = (DWORD)(now >> 32);
}
