/* The W forms of the named-object calls (events, mutexes, semaphores, file
 * mappings): the name in CP437 (user/lib/wide_arg.h), so a W name and its A
 * form name the same object. */
#include "user/lib/wide_arg.h"

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
			   BOOL bInitialState, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL,
			 CreateEventA(lpEventAttributes, bManualReset, bInitialState, a));
}

HANDLE WINAPI CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess)
{
	return WIDE_CALL(lpName, NULL,
			 CreateEventExA(lpEventAttributes, a, dwFlags, dwDesiredAccess));
}

HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, OpenEventA(dwDesiredAccess, bInheritHandle, a));
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
			   LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, CreateMutexA(lpMutexAttributes, bInitialOwner, a));
}

HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess)
{
	return WIDE_CALL(lpName, NULL,
			 CreateMutexExA(lpMutexAttributes, a, dwFlags, dwDesiredAccess));
}

HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, OpenMutexA(dwDesiredAccess, bInheritHandle, a));
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL,
			 CreateSemaphoreA(lpSemaphoreAttributes, lInitialCount, lMaximumCount,
			                  a));
}

HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
				 LONG lMaximumCount, LPCWSTR lpName, DWORD dwFlags,
				 DWORD dwDesiredAccess)
{
	return WIDE_CALL(lpName, NULL,
			 CreateSemaphoreExA(lpSemaphoreAttributes, lInitialCount, lMaximumCount,
			                    a, dwFlags, dwDesiredAccess));
}

HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, OpenSemaphoreA(dwDesiredAccess, bInheritHandle, a));
}

HANDLE WINAPI CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow,
				 LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL,
			 CreateFileMappingA(hFile, lpFileMappingAttributes, flProtect,
			                    dwMaximumSizeHigh, dwMaximumSizeLow, a));
}

HANDLE WINAPI CreateFileMappingNumaW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				     DWORD flProtect, DWORD dwMaximumSizeHigh,
				     DWORD dwMaximumSizeLow, LPCWSTR lpName, DWORD nndPreferred)
{
	return WIDE_CALL(lpName, NULL,
			 CreateFileMappingNumaA(hFile, lpFileMappingAttributes, flProtect,
						dwMaximumSizeHigh, dwMaximumSizeLow, a,
						nndPreferred));
}

HANDLE WINAPI OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, OpenFileMappingA(dwDesiredAccess, bInheritHandle, a));
}

HANDLE WINAPI CreateWaitableTimerW(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
				   LPCWSTR lpTimerName)
{
	return WIDE_CALL(lpTimerName, NULL,
			 CreateWaitableTimerA(lpTimerAttributes, bManualReset, a));
}

HANDLE WINAPI CreateWaitableTimerExW(LPSECURITY_ATTRIBUTES lpTimerAttributes, LPCWSTR lpTimerName,
				     DWORD dwFlags, DWORD dwDesiredAccess)
{
	return WIDE_CALL(lpTimerName, NULL,
			 CreateWaitableTimerExA(lpTimerAttributes, a, dwFlags, dwDesiredAccess));
}

HANDLE WINAPI OpenWaitableTimerW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpTimerName)
{
	return WIDE_CALL(lpTimerName, NULL, OpenWaitableTimerA(dwDesiredAccess, bInheritHandle, a));
}
