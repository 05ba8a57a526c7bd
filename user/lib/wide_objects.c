/* The W forms of the named-object calls (events, mutexes, semaphores, file
 * mappings): the name in CP437 (user/lib/wide_arg.h), so a W name and its A
 * form name the same object. */
#include "user/lib/wide_arg.h"

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
			   BOOL bInitialState, LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateEventA(lpEventAttributes, bManualReset, bInitialState, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateEventExA(lpEventAttributes, a, dwFlags, dwDesiredAccess);
	wide_free(a);
	return h;
}

HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = OpenEventA(dwDesiredAccess, bInheritHandle, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
			   LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateMutexA(lpMutexAttributes, bInitialOwner, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateMutexExA(lpMutexAttributes, a, dwFlags, dwDesiredAccess);
	wide_free(a);
	return h;
}

HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = OpenMutexA(dwDesiredAccess, bInheritHandle, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateSemaphoreA(lpSemaphoreAttributes, lInitialCount, lMaximumCount, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
				 LONG lMaximumCount, LPCWSTR lpName, DWORD dwFlags,
				 DWORD dwDesiredAccess)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateSemaphoreExA(lpSemaphoreAttributes, lInitialCount, lMaximumCount, a, dwFlags,
			       dwDesiredAccess);
	wide_free(a);
	return h;
}

HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = OpenSemaphoreA(dwDesiredAccess, bInheritHandle, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow,
				 LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = CreateFileMappingA(hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh,
			       dwMaximumSizeLow, a);
	wide_free(a);
	return h;
}

HANDLE WINAPI OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	HANDLE h;
	char *a;

	if (!wide_arg(lpName, &a))
		return NULL;
	h = OpenFileMappingA(dwDesiredAccess, bInheritHandle, a);
	wide_free(a);
	return h;
}
