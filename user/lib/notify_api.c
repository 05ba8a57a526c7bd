/* Directory change notifications (<windows.h>, vados/winnotify.h) over
 * SYS_NOTIFY_CHANGE; the kernel keeps each directory handle's watch and
 * its records (kernel/io/notify.c). A change notification handle is the
 * directory's handle itself, opened here with FILE_LIST_DIRECTORY, as
 * Windows opens it: waiting on it waits for the answer of its pending
 * request, which FindNextChangeNotification renews. */
#include <windows.h>
#include "runtime.h"
#include "win32call.h"
#include "wide_arg.h"

#define NOTIFY_SUBTREE 0x1u
#define NOTIFY_SIGNAL  0x2u
#define NOTIFY_REPORT  0x4u
#define NOTIFY_FILTERS 0x17fu           /* every FILE_NOTIFY_CHANGE_* */

/* One request on hDirectory: a synchronous one's count in *bytes. */
static BOOL notify_call(HANDLE dir, LPVOID buffer, DWORD length, DWORD filter, DWORD flags,
			HANDLE event, LPOVERLAPPED ov, LPOVERLAPPED_COMPLETION_ROUTINE routine,
			uint32_t *bytes)
{
	uint32_t args[8] = { (uint32_t)dir, (uint32_t)buffer, length, filter, flags,
			     (uint32_t)event, (uint32_t)ov, (uint32_t)routine };

	if (!filter || (filter & ~NOTIFY_FILTERS)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return win32_call(SYS_NOTIFY_CHANGE, args, bytes);
}

/* The directory is opened for listing, shared every way; a file is
 * ERROR_DIRECTORY, a filter of no or unknown bits ERROR_INVALID_PARAMETER,
 * a missing path CreateFile's errors. */
HANDLE WINAPI FindFirstChangeNotificationA(LPCSTR lpPathName, BOOL bWatchSubtree,
					   DWORD dwNotifyFilter)
{
	HANDLE h;

	if (!dwNotifyFilter || (dwNotifyFilter & ~NOTIFY_FILTERS)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	h = CreateFileA(lpPathName, FILE_LIST_DIRECTORY | SYNCHRONIZE,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
			FILE_FLAG_BACKUP_SEMANTICS, NULL);
	if (h == INVALID_HANDLE_VALUE)
		return h;
	if (!notify_call(h, NULL, 0, dwNotifyFilter, NOTIFY_SIGNAL | (bWatchSubtree ? NOTIFY_SUBTREE : 0),
			 NULL, NULL, NULL, NULL)) {
		DWORD error = GetLastError();

		CloseHandle(h);
		SetLastError(error == ERROR_INVALID_PARAMETER ? ERROR_DIRECTORY : error);
		return INVALID_HANDLE_VALUE;
	}
	return h;
}

HANDLE WINAPI FindFirstChangeNotificationW(LPCWSTR lpPathName, BOOL bWatchSubtree,
					   DWORD dwNotifyFilter)
{
	return WIDE_CALL(lpPathName, INVALID_HANDLE_VALUE,
			 FindFirstChangeNotificationA(a, bWatchSubtree, dwNotifyFilter));
}

/* Resets the handle and asks again: changes made since its last answer
 * were kept, and signal it at once. */
BOOL WINAPI FindNextChangeNotification(HANDLE hChangeHandle)
{
	return notify_call(hChangeHandle, NULL, 0, NOTIFY_FILTERS, NOTIFY_SIGNAL, NULL, NULL, NULL,
			   NULL);
}

BOOL WINAPI FindCloseChangeNotification(HANDLE hChangeHandle)
{
	return CloseHandle(hChangeHandle);
}

/* Synchronous (no OVERLAPPED): waits for changes; records that do not fit
 * (or were lost) give TRUE, a count of 0 and ERROR_NOTIFY_ENUM_DIR. With
 * an OVERLAPPED: TRUE once queued (or answered at once); the answer sets
 * Internal/InternalHigh, hEvent (reset first; not used with a completion
 * routine), posts to the handle's completion port (unless hEvent's low bit
 * is set) and queues lpCompletionRoutine to this thread. A misaligned
 * buffer is ERROR_NOACCESS, as NT's alignment check gives. */
BOOL WINAPI ReadDirectoryChangesW(HANDLE hDirectory, LPVOID lpBuffer, DWORD nBufferLength,
				  BOOL bWatchSubtree, DWORD dwNotifyFilter,
				  LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped,
				  LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	DWORD flags = bWatchSubtree ? NOTIFY_SUBTREE : 0;
	HANDLE event = NULL;
	ULONG_PTR internal;
	uint32_t bytes = 0;
	BOOL ok;

	if ((ULONG_PTR)lpBuffer & 3) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!lpOverlapped) {
		ok = notify_call(hDirectory, lpBuffer, nBufferLength, dwNotifyFilter, flags, NULL,
				 NULL, NULL, &bytes);
		if (!ok && (GetLastError() == ERROR_NOTIFY_ENUM_DIR ||
			    GetLastError() == ERROR_NOTIFY_CLEANUP))
			ok = TRUE;
		if (ok && lpBytesReturned)
			*lpBytesReturned = bytes;
		return ok;
	}
	if (!lpCompletionRoutine) {
		event = (HANDLE)((ULONG_PTR)lpOverlapped->hEvent & ~(ULONG_PTR)1);
		if (event == lpOverlapped->hEvent)
			flags |= NOTIFY_REPORT;
		if (event)
			ResetEvent(event);
	}
	internal = lpOverlapped->Internal;
	lpOverlapped->Internal = STATUS_PENDING;        /* before the kernel may answer */
	lpOverlapped->InternalHigh = 0;
	ok = notify_call(hDirectory, lpBuffer, nBufferLength, dwNotifyFilter, flags, event,
			 lpOverlapped, lpCompletionRoutine, NULL);
	if (!ok)
		lpOverlapped->Internal = internal;
	return ok;
}

/* ReadDirectoryNotifyInformation is ReadDirectoryChangesW; the extended
 * classes are ERROR_INVALID_FUNCTION (FAT keeps no file ids to report, as
 * a file system that lacks them answers), others ERROR_INVALID_PARAMETER. */
BOOL WINAPI ReadDirectoryChangesExW(HANDLE hDirectory, LPVOID lpBuffer, DWORD nBufferLength,
				    BOOL bWatchSubtree, DWORD dwNotifyFilter,
				    LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped,
				    LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
				    READ_DIRECTORY_NOTIFY_INFORMATION_CLASS
				    ReadDirectoryNotifyInformationClass)
{
	if (ReadDirectoryNotifyInformationClass == ReadDirectoryNotifyInformation)
		return ReadDirectoryChangesW(hDirectory, lpBuffer, nBufferLength, bWatchSubtree,
					     dwNotifyFilter, lpBytesReturned, lpOverlapped,
					     lpCompletionRoutine);
	SetLastError(ReadDirectoryNotifyInformationClass == ReadDirectoryNotifyExtendedInformation ||
		     ReadDirectoryNotifyInformationClass == ReadDirectoryNotifyFullInformation
		     ? ERROR_INVALID_FUNCTION : ERROR_INVALID_PARAMETER);
	return FALSE;
}
