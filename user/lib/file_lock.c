/* Byte-range locks (<windows.h>): LockFile, LockFileEx, UnlockFile,
 * UnlockFileEx over SYS_LOCK_FILE and SYS_UNLOCK_FILE (the kernel keeps the
 * locks per file, kernel/io/lock.c). Every request completes before the
 * call returns, as vados's transfers do: a LockFileEx that must wait waits
 * here, on FILE_FLAG_OVERLAPPED handles too, and then records its result in
 * the OVERLAPPED and sets its hEvent. */
#include <windows.h>
#include "win32call.h"

/* One request: offset and length from their halves. */
static BOOL lock_call(uint32_t nr, HANDLE hFile, DWORD offset_low, DWORD offset_high,
		      DWORD length_low, DWORD length_high, DWORD flags)
{
	uint64_t range[2] = { (uint64_t)offset_high << 32 | offset_low,
			      (uint64_t)length_high << 32 | length_low };
	uint32_t args[3] = { (uint32_t)hFile, (uint32_t)range, flags };

	return win32_call(nr, args, NULL);
}

/* An exclusive lock, failing at once on a conflict (ERROR_LOCK_VIOLATION). */
BOOL WINAPI LockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh,
		     DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh)
{
	return lock_call(SYS_LOCK_FILE, hFile, dwFileOffsetLow, dwFileOffsetHigh,
			 nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh,
			 LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY);
}

BOOL WINAPI UnlockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh,
		       DWORD nNumberOfBytesToUnlockLow, DWORD nNumberOfBytesToUnlockHigh)
{
	return lock_call(SYS_UNLOCK_FILE, hFile, dwFileOffsetLow, dwFileOffsetHigh,
			 nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh, 0);
}

/* The range starts at the OVERLAPPED's offset; dwReserved must be 0 and
 * the OVERLAPPED is required (ERROR_INVALID_PARAMETER). hEvent (its low
 * bit is a completion-port flag) is reset first and set once the lock is
 * granted, with Internal 0 (STATUS_SUCCESS) and InternalHigh 0. */
BOOL WINAPI LockFileEx(HANDLE hFile, DWORD dwFlags, DWORD dwReserved,
		       DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh,
		       LPOVERLAPPED lpOverlapped)
{
	HANDLE event;

	if (dwReserved || !lpOverlapped) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	event = (HANDLE)((ULONG_PTR)lpOverlapped->hEvent & ~(ULONG_PTR)1);
	if (event)
		ResetEvent(event);
	if (!lock_call(SYS_LOCK_FILE, hFile, lpOverlapped->Offset, lpOverlapped->OffsetHigh,
		       nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh,
		       dwFlags & (LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY)))
		return FALSE;
	lpOverlapped->Internal = 0;
	lpOverlapped->InternalHigh = 0;
	if (event)
		SetEvent(event);
	return TRUE;
}

BOOL WINAPI UnlockFileEx(HANDLE hFile, DWORD dwReserved, DWORD nNumberOfBytesToUnlockLow,
			 DWORD nNumberOfBytesToUnlockHigh, LPOVERLAPPED lpOverlapped)
{
	if (dwReserved || !lpOverlapped) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return lock_call(SYS_UNLOCK_FILE, hFile, lpOverlapped->Offset, lpOverlapped->OffsetHigh,
			 nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh, 0);
}
