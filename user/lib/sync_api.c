/* Mutexes, semaphores and the waits (<windows.h>): CreateMutexA, OpenMutexA,
 * ReleaseMutex, CreateSemaphoreA, OpenSemaphoreA, ReleaseSemaphore (and the
 * Ex forms of the creates), WaitForSingleObject(Ex), WaitForMultipleObjects(Ex),
 * SignalObjectAndWait (whose alertable forms run APCs: apc_api.c). Named
 * ones share the kernel's one namespace with events and every other named
 * object type. */
#include <windows.h>
#include "win32call.h"
#include "user/lib/runtime.h"

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
			   LPCSTR lpName)
{
	return CreateMutexExA(lpMutexAttributes, lpName,
			      bInitialOwner ? CREATE_MUTEX_INITIAL_OWNER : 0, MUTEX_ALL_ACCESS);
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
	return CreateSemaphoreExA(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName, 0,
				  SEMAPHORE_ALL_ACCESS);
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

/* The alertable waits: an object signaled at once wins (queued APCs stay
 * queued); else queued APCs, or one queued during the wait, end it: they
 * run here, oldest first, and the call returns WAIT_IO_COMPLETION. */
static DWORD wait_alertable(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
			    DWORD dwMilliseconds, BOOL signal, HANDLE hObjectToSignal)
{
	uint32_t args[6] = { nCount, (uint32_t)lpHandles, bWaitAll != FALSE, dwMilliseconds,
			     signal != FALSE, (uint32_t)hObjectToSignal }, r;

	if (!win32_call(SYS_WAIT_ALERTABLE, args, &r))
		return WAIT_FAILED;
	return __vados_alerted(r);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
	if (!bAlertable)
		return WaitForSingleObject(hHandle, dwMilliseconds);
	return wait_alertable(1, &hHandle, FALSE, dwMilliseconds, FALSE, NULL);
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				      DWORD dwMilliseconds, BOOL bAlertable)
{
	if (!bAlertable)
		return WaitForMultipleObjects(nCount, lpHandles, bWaitAll, dwMilliseconds);
	return wait_alertable(nCount, lpHandles, bWaitAll, dwMilliseconds, FALSE, NULL);
}

/* The object to signal may be an event, a mutex or a semaphore (released
 * by one); the wait is as WaitForSingleObject(Ex)'s. */
DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn,
				 DWORD dwMilliseconds, BOOL bAlertable)
{
	uint32_t args[3] = { (uint32_t)hObjectToSignal, (uint32_t)hObjectToWaitOn,
			     dwMilliseconds }, r;

	if (bAlertable)
		return wait_alertable(1, &hObjectToWaitOn, FALSE, dwMilliseconds, TRUE,
				      hObjectToSignal);
	return win32_call(SYS_SIGNAL_AND_WAIT, args, &r) ? r : WAIT_FAILED;
}

/* dwFlags: CREATE_MUTEX_INITIAL_OWNER only. */
HANDLE WINAPI CreateMutexExA(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess)
{
	uint32_t existed = 0;
	uint32_t args[5] = { (uint32_t)lpName, (dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0,
			     dwDesiredAccess,
			     lpMutexAttributes && lpMutexAttributes->bInheritHandle,
			     (uint32_t)&existed };

	if (dwFlags & ~CREATE_MUTEX_INITIAL_OWNER) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return win32_create_named(SYS_CREATE_MUTEX, args, &existed);
}

/* dwFlags is reserved: 0. */
HANDLE WINAPI CreateSemaphoreExA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
				 LONG lMaximumCount, LPCSTR lpName, DWORD dwFlags,
				 DWORD dwDesiredAccess)
{
	uint32_t existed = 0;
	uint32_t args[6] = { (uint32_t)lpName, (uint32_t)lInitialCount, (uint32_t)lMaximumCount,
			     dwDesiredAccess,
			     lpSemaphoreAttributes && lpSemaphoreAttributes->bInheritHandle,
			     (uint32_t)&existed };

	if (dwFlags) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return win32_create_named(SYS_CREATE_SEMAPHORE, args, &existed);
}
