/* Byte-range locks (<windows.h>): LockFile, LockFileEx, UnlockFile,
 * UnlockFileEx over SYS_LOCK_FILE and SYS_UNLOCK_FILE (the kernel keeps the
 * locks per file, kernel/io/lock.c). A LockFileEx that must wait waits in
 * the kernel, or, on a FILE_FLAG_OVERLAPPED handle, is left pending there:
 * the only requests vados ever leaves pending (CancelIo, GetOverlappedResult
 * in file_api.c). */
#include <windows.h>
#include "win32call.h"

/* SYS_LOCK_FILE's own flag: a grant also goes to the file's completion
 * port (the OVERLAPPED's hEvent has its low bit clear). */
#define LOCKFILE_REPORT 0x80000000u

/* One request: offset and length from their halves; event and ov for
 * LockFileEx's pending requests (0 otherwise). */
static BOOL lock_call(uint32_t nr, HANDLE hFile, DWORD offset_low, DWORD offset_high,
		      DWORD length_low, DWORD length_high, DWORD flags, HANDLE event,
		      LPOVERLAPPED ov)
{
	uint64_t range[2] = { (uint64_t)offset_high << 32 | offset_low,
			      (uint64_t)length_high << 32 | length_low };
	uint32_t args[5] = { (uint32_t)hFile, (uint32_t)range, flags, (uint32_t)event,
			     (uint32_t)ov };

	return win32_call(nr, args, NULL);
}

/* An exclusive lock, failing at once on a conflict (ERROR_LOCK_VIOLATION). */
BOOL WINAPI LockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh,
		     DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh)
{
	return lock_call(SYS_LOCK_FILE, hFile, dwFileOffsetLow, dwFileOffsetHigh,
			 nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh,
			 LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, NULL, NULL);
}

BOOL WINAPI UnlockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh,
		       DWORD nNumberOfBytesToUnlockLow, DWORD nNumberOfBytesToUnlockHigh)
{
	return lock_call(SYS_UNLOCK_FILE, hFile, dwFileOffsetLow, dwFileOffsetHigh,
			 nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh, 0, NULL, NULL);
}

/* The range starts at the OVERLAPPED's offset; dwReserved must be 0 and
 * the OVERLAPPED is required (ERROR_INVALID_PARAMETER). hEvent (its low
 * bit is a completion-port flag) is reset first. Granted here: Internal
 * and InternalHigh become 0 and hEvent is set. On a FILE_FLAG_OVERLAPPED
 * handle a request that must wait returns FALSE with ERROR_IO_PENDING and
 * Internal STATUS_PENDING; the kernel writes Internal (0, or
 * STATUS_CANCELLED) and sets hEvent when it is answered. */
BOOL WINAPI LockFileEx(HANDLE hFile, DWORD dwFlags, DWORD dwReserved,
		       DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh,
		       LPOVERLAPPED lpOverlapped)
{
	HANDLE event;
	ULONG_PTR internal;

	if (dwReserved || !lpOverlapped) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	event = (HANDLE)((ULONG_PTR)lpOverlapped->hEvent & ~(ULONG_PTR)1);
	if (event)
		ResetEvent(event);
	internal = lpOverlapped->Internal;
	lpOverlapped->Internal = STATUS_PENDING;        /* before the kernel may answer */
	if (!lock_call(SYS_LOCK_FILE, hFile, lpOverlapped->Offset, lpOverlapped->OffsetHigh,
		       nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh,
		       (dwFlags & (LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY)) |
		       (event == lpOverlapped->hEvent ? LOCKFILE_REPORT : 0), event,
		       lpOverlapped)) {
		if (GetLastError() != ERROR_IO_PENDING)
			lpOverlapped->Internal = internal;
		return FALSE;
	}
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
			 nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh, 0, NULL, NULL);
}
