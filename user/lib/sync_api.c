/* Mutexes, semaphores and the waits (<windows.h>): CreateMutexA, OpenMutexA,
 * ReleaseMutex, CreateSemaphoreA, OpenSemaphoreA, ReleaseSemaphore,
 * WaitForSingleObject(Ex), WaitForMultipleObjects(Ex). Named ones share the kernel's
 * one namespace with events and every other named object type. */
#include <windows.h>
#include "win32call.h"

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
			   LPCSTR lpName)
{
	uint32_t existed = 0;
	uint32_t args[5] = { (uint32_t)lpName, bInitialOwner != FALSE, MUTEX_ALL_ACCESS,
			     lpMutexAttributes && lpMutexAttributes->bInheritHandle,
			     (uint32_t)&existed };

	return win32_create_named(SYS_CREATE_MUTEX, args, &existed);
}

HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
	return win32_open_named(SYS_OPEN_MUTEX, dwDesiredAccess, bInheritHandle, lpName);
}

BOOL WINAPI ReleaseMutex(HANDLE hMutex)
{
	uint32_t args[1] = { (uint32_t)hMutex };

	return win32_call(SYS_RELEASE_MUTEX, args, NULL);
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCSTR lpName)
{
	uint32_t existed = 0;
	uint32_t args[6] = { (uint32_t)lpName, (uint32_t)lInitialCount, (uint32_t)lMaximumCount,
			     SEMAPHORE_ALL_ACCESS,
			     lpSemaphoreAttributes && lpSemaphoreAttributes->bInheritHandle,
			     (uint32_t)&existed };

	return win32_create_named(SYS_CREATE_SEMAPHORE, args, &existed);
}

HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
	return win32_open_named(SYS_OPEN_SEMAPHORE, dwDesiredAccess, bInheritHandle, lpName);
}

/* lpPreviousCount is optional; the kernel writes it (a bad pointer fails
 * with ERROR_NOACCESS before anything changes). */
BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount)
{
	uint32_t args[3] = { (uint32_t)hSemaphore, (uint32_t)lReleaseCount,
			     (uint32_t)lpPreviousCount };

	return win32_call(SYS_RELEASE_SEMAPHORE, args, NULL);
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
	uint32_t args[2] = { (uint32_t)hHandle, dwMilliseconds }, r;

	return win32_call(SYS_WAIT_FOR_OBJECT, args, &r) ? r : WAIT_FAILED;
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				    DWORD dwMilliseconds)
{
	uint32_t args[4] = { nCount, (uint32_t)lpHandles, bWaitAll != FALSE, dwMilliseconds }, r;

	return win32_call(SYS_WAIT_FOR_MULTIPLE, args, &r) ? r : WAIT_FAILED;
}

/* The alertable forms: vados queues no APCs, so bAlertable changes nothing
 * (WAIT_IO_COMPLETION never comes). */
DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
	(void)bAlertable;
	return WaitForSingleObject(hHandle, dwMilliseconds);
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				      DWORD dwMilliseconds, BOOL bAlertable)
{
	(void)bAlertable;
	return WaitForMultipleObjects(nCount, lpHandles, bWaitAll, dwMilliseconds);
}
