/* I/O completion ports (<windows.h>, vados/winfiles.h): CreateIoCompletionPort,
 * PostQueuedCompletionStatus, GetQueuedCompletionStatus(Ex) and
 * SetFileCompletionNotificationModes over the kernel's IoCompletion objects
 * (kernel/io/completion.c). Overlapped ReadFile and WriteFile on an
 * associated file post their packets from the kernel (file_api.c). */
#include <windows.h>
#include "user/lib/runtime.h"
#include "user/lib/win32call.h"

/* A new port letting concurrency of its threads run at once (0: as many
 * as there are processors), as NT enforces it (kernel/ke/queue.h). */
static HANDLE create_port(DWORD concurrency)
{
	uint32_t h, a[1] = { concurrency };

	return win32_call(SYS_CREATE_IO_COMPLETION, a, &h) ? (HANDLE)h : NULL;
}

/* FileHandle INVALID_HANDLE_VALUE: a new port (ExistingCompletionPort must
 * be NULL, else ERROR_INVALID_PARAMETER). Otherwise FileHandle is
 * associated with ExistingCompletionPort, or with a new port when that is
 * NULL, under CompletionKey: the port is returned; a file already
 * associated fails with ERROR_INVALID_PARAMETER (a new port made for it is
 * closed again). */
HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
				     ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads)
{
	HANDLE port = ExistingCompletionPort;
	uint32_t a[4] = { (uint32_t)FileHandle, 0, 0, CompletionKey };

	if (FileHandle == INVALID_HANDLE_VALUE) {
		if (ExistingCompletionPort) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return NULL;
		}
		return create_port(NumberOfConcurrentThreads);
	}
	if (!port && !(port = create_port(NumberOfConcurrentThreads)))
		return NULL;
	a[2] = (uint32_t)port;
	if (win32_call(SYS_FILE_COMPLETION, a, NULL))
		return port;
	if (!ExistingCompletionPort) {
		DWORD error = GetLastError();
		CloseHandle(port);
		SetLastError(error);
	}
	return NULL;
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
				       ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)
{
	uint32_t a[4] = { (uint32_t)CompletionPort, dwCompletionKey, dwNumberOfBytesTransferred,
			  (uint32_t)lpOverlapped };

	return win32_call(SYS_SET_IO_COMPLETION, a, NULL);
}

/* Takes up to count packets into entries: how many, 0 with the last error
 * set (WAIT_TIMEOUT, ERROR_ABANDONED_WAIT_0 when the port's handle was
 * closed; alertable, WAIT_IO_COMPLETION after the APCs that came ran). */
static ULONG remove_packets(HANDLE port, LPOVERLAPPED_ENTRY entries, ULONG count, DWORD ms,
			    BOOL alertable)
{
	uint32_t a[5] = { (uint32_t)port, (uint32_t)entries, count, ms, alertable != FALSE }, n;

	if (win32_call(SYS_REMOVE_IO_COMPLETION, a, &n))
		return n;
	if (GetLastError() == WAIT_IO_COMPLETION)
		__vados_run_apcs();
	return 0;
}

/* One packet; a timeout or a closed port: FALSE with *lpOverlapped NULL.
 * The packet of a request that failed or was cancelled (a pipe's pending
 * transfer posts whatever became of it) gives FALSE with its OVERLAPPED,
 * key and count, and its error as the last error. */
BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
				      PULONG_PTR lpCompletionKey, LPOVERLAPPED *lpOverlapped,
				      DWORD dwMilliseconds)
{
	OVERLAPPED_ENTRY e;

	if (IsBadWritePtr(lpNumberOfBytesTransferred, sizeof(DWORD)) ||
	    IsBadWritePtr(lpCompletionKey, sizeof(ULONG_PTR)) ||
	    IsBadWritePtr(lpOverlapped, sizeof(LPOVERLAPPED))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpOverlapped = NULL;
	if (!remove_packets(CompletionPort, &e, 1, dwMilliseconds, FALSE))
		return FALSE;
	*lpNumberOfBytesTransferred = e.dwNumberOfBytesTransferred;
	*lpCompletionKey = e.lpCompletionKey;
	*lpOverlapped = e.lpOverlapped;
	if ((LONG)e.Internal >= 0)
		return TRUE;
	SetLastError(__vados_io_error((DWORD)e.Internal));
	return FALSE;
}

/* Up to ulCount packets at once (0: ERROR_INVALID_PARAMETER); *removed
 * their number, 0 on failure. */
BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort,
					LPOVERLAPPED_ENTRY lpCompletionPortEntries, ULONG ulCount,
					ULONG *ulNumEntriesRemoved, DWORD dwMilliseconds,
					BOOL fAlertable)
{
	if (IsBadWritePtr(ulNumEntriesRemoved, sizeof(ULONG))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*ulNumEntriesRemoved = 0;
	if (!ulCount) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*ulNumEntriesRemoved = remove_packets(CompletionPort, lpCompletionPortEntries, ulCount,
					      dwMilliseconds, fAlertable);
	return *ulNumEntriesRemoved != 0;
}

/* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: a transfer that completes at once
 * (vados's all do) posts no packet; FILE_SKIP_SET_EVENT_ON_HANDLE is
 * accepted (vados never signals the file itself). Other bits:
 * ERROR_INVALID_PARAMETER. */
BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)
{
	uint32_t a[4] = { (uint32_t)FileHandle, 1, Flags, 0 };

	return win32_call(SYS_FILE_COMPLETION, a, NULL);
}
