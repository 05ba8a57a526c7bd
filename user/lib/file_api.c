/* Files by handle (<windows.h>): CreateFileA, ReadFile, WriteFile,
 * SetFilePointer(Ex), GetFileSize(Ex), SetEndOfFile, FlushFileBuffers,
 * GetFileTime, SetFileTime, GetOverlappedResult(Ex), ReadFileEx, WriteFileEx
 * (their completion routines are APCs: apc_api.c), CancelIo(Ex). The kernel
 * does the work (kernel/sys/sys_file.c); these give Windows' return
 * conventions.
 * Transfers complete before they return: an OVERLAPPED gives ReadFile and
 * WriteFile their offset, and GetOverlappedResult reads what it recorded. */
#include <windows.h>
#include <string.h>
#include "runtime.h"
#include "win32call.h"

HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
	uint32_t existed = 0, h;
	uint32_t args[7] = { (uint32_t)lpFileName, dwDesiredAccess, dwShareMode,
			     dwCreationDisposition, dwFlagsAndAttributes,
			     lpSecurityAttributes && lpSecurityAttributes->bInheritHandle,
			     (uint32_t)&existed };

	(void)hTemplateFile;            /* extended attributes: FAT has none */
	if (!IsBadStringPtrA(lpFileName, 9) && !_strnicmp(lpFileName, "\\\\.\\pipe\\", 9))
		return __vados_pipe_open(lpFileName, dwDesiredAccess, dwFlagsAndAttributes,
					 (BOOL)args[5]);
	if (!win32_call(SYS_CREATE_FILE, args, &h))
		return INVALID_HANDLE_VALUE;
	SetLastError(existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
	return (HANDLE)h;
}

/* The NTSTATUS an OVERLAPPED keeps for each error a started transfer can
 * end with (any other: STATUS_UNSUCCESSFUL, ERROR_GEN_FAILURE). */
static const struct {
	DWORD error, status;
} io_status[] = {
	{ ERROR_SUCCESS, 0 },
	{ ERROR_HANDLE_EOF, 0xC0000011 },       /* STATUS_END_OF_FILE */
	{ ERROR_DISK_FULL, 0xC000007F },
	{ ERROR_CRC, 0xC000003F },
	{ ERROR_IO_DEVICE, 0xC0000185 },
	{ ERROR_NOACCESS, 0xC0000005 },         /* STATUS_ACCESS_VIOLATION */
	{ ERROR_OPERATION_ABORTED, 0xC0000120 },        /* STATUS_CANCELLED */
	{ ERROR_LOCK_VIOLATION, 0xC0000054 },   /* STATUS_FILE_LOCK_CONFLICT */
	{ ERROR_NOTIFY_CLEANUP, 0x0000010B },   /* ReadDirectoryChangesW's successes */
	{ ERROR_NOTIFY_ENUM_DIR, 0x0000010C },  /* without records */
	{ ERROR_MORE_DATA, 0x80000005 },        /* STATUS_BUFFER_OVERFLOW */
	{ ERROR_BROKEN_PIPE, 0xC000014B },      /* STATUS_PIPE_BROKEN */
	{ ERROR_PIPE_NOT_CONNECTED, 0xC00000B0 },       /* STATUS_PIPE_DISCONNECTED */
	{ ERROR_NO_DATA, 0xC00000B1 },          /* STATUS_PIPE_CLOSING */
	{ ERROR_PIPE_LISTENING, 0xC00000B3 },   /* STATUS_PIPE_LISTENING */
	{ ERROR_GEN_FAILURE, 0xC0000001 },      /* STATUS_UNSUCCESSFUL */
};
#define IO_STATUS_OTHER (sizeof(io_status) / sizeof(io_status[0]) - 1)

static DWORD status_of(DWORD error)
{
	size_t i = 0;

	while (i < IO_STATUS_OTHER && io_status[i].error != error)
		i++;
	return io_status[i].status;
}

DWORD __vados_io_error(DWORD status)
{
	size_t i = 0;

	while (i < IO_STATUS_OTHER && io_status[i].status != status)
		i++;
	return io_status[i].error;
}

/* Moves hFile's pointer to the OVERLAPPED's offset; a write's offset of
 * 0xFFFFFFFF:0xFFFFFFFF is the end of the file, as WriteFile documents
 * (the same as a handle opened for FILE_APPEND_DATA alone). */
static BOOL seek_to_offset(uint32_t nr, HANDLE hFile, const OVERLAPPED *ov)
{
	LARGE_INTEGER at = { 0 };

	if (nr == SYS_WRITE_FILE && ov->Offset == 0xFFFFFFFF && ov->OffsetHigh == 0xFFFFFFFF)
		return SetFilePointerEx(hFile, at, NULL, FILE_END);
	at.LowPart = ov->Offset;
	at.HighPart = (LONG)ov->OffsetHigh;
	return SetFilePointerEx(hFile, at, NULL, FILE_BEGIN);
}

/* ReadFile and WriteFile. The count (optional, as on Windows since 7) is
 * written even when the call fails. With an OVERLAPPED the transfer starts
 * at its offset and completes here (vados does every transfer on a file at
 * once, on FILE_FLAG_OVERLAPPED handles too, as Windows may): a read at the
 * end fails with ERROR_HANDLE_EOF, Internal/InternalHigh get the status and
 * the count, and hEvent is set; a success posts a packet to the completion
 * port the file is associated with, unless hEvent's low bit is set (the
 * kernel posts it: completion_api.c). A pipe has no offset: one that would
 * wait, on an overlapped end, returns ERROR_IO_PENDING, and the kernel
 * records the result and sets hEvent when it is done (for ReadFileEx and
 * WriteFileEx, whose routine is given, it queues the routine's APC to the
 * calling thread instead); one that fails at once leaves Internal
 * STATUS_PENDING and the event as they were, as NT does for an error
 * status; ERROR_MORE_DATA is recorded (the count given only there). */
static BOOL transfer(uint32_t nr, HANDLE hFile, LPCVOID buffer, DWORD bytes, LPDWORD done,
		     LPOVERLAPPED ov, BOOL use_event, LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
	/* An OVERLAPPED whose event has its low bit set asks for no completion
	 * packet; ReadFileEx's (use_event FALSE) completes by its APC alone. */
	BOOL report = ov && use_event && !((ULONG_PTR)ov->hEvent & 1), pipe = FALSE;
	uint32_t args[6] = { (uint32_t)hFile, (uint32_t)buffer, bytes, report ? (uint32_t)ov : 0 };
	HANDLE event = ov && use_event ? (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1) : NULL;
	uint32_t n = 0;
	BOOL ok;

	if (done)
		*done = 0;
	if (event)
		ResetEvent(event);
	if (ov) {
		if (!seek_to_offset(nr, hFile, ov)) {
			if (GetLastError() != ERROR_INVALID_HANDLE)
				return FALSE;
			pipe = TRUE;    /* no file; a pipe has no position */
			args[3] = (nr == SYS_WRITE_FILE) | (use_event || routine ? 2 : 0) |
				  (routine ? 4 : 0) | (report ? 8 : 0);
			args[4] = (uint32_t)ov;
			args[5] = routine ? (uint32_t)routine : (uint32_t)event;
			ov->Internal = STATUS_PENDING;
		}
	}
	ok = win32_call(pipe ? SYS_PIPE_OVERLAPPED : nr, args, &n);
	if (pipe && !ok && GetLastError() != ERROR_MORE_DATA)
		return FALSE;   /* pending, or failed at once: the OVERLAPPED stays so */
	if (done)
		*done = pipe && !ok ? 0 : n;
	if (!ov)
		return ok;
	if (ok && !pipe && (nr == SYS_READ_FILE || nr == SYS_READ_SCATTER) && bytes && !n) {
		SetLastError(ERROR_HANDLE_EOF);
		ok = FALSE;
	}
	ov->Internal = status_of(ok ? ERROR_SUCCESS : GetLastError());
	ov->InternalHigh = n;
	if (event)
		SetEvent(event);
	return ok;
}

/* ReadFile's and WriteFile's work on a console handle: ReadConsoleA's or
 * WriteConsoleA's, done at once; an OVERLAPPED gets the status and the
 * count and its event is set, as a request the device completed. */
static BOOL console_transfer(BOOL write, HANDLE h, LPVOID buffer, DWORD bytes, LPDWORD done,
			     LPOVERLAPPED ov)
{
	DWORD n = 0;
	BOOL ok = write ? WriteConsoleA(h, buffer, bytes, &n, NULL)
			: ReadConsoleA(h, buffer, bytes, &n, NULL);

	if (done)
		*done = n;
	if (ov) {
		ov->Internal = status_of(ok ? ERROR_SUCCESS : GetLastError());
		ov->InternalHigh = n;
		if (ov->hEvent)
			SetEvent((HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1));
	}
	return ok;
}

/* The standard input handle, and a console input handle (CreateFile's
 * "CONIN$", which the kernel does not read: ERROR_INVALID_HANDLE), read
 * the console as ReadConsoleA does. */
BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
		     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped)
{
	BOOL std = hFile == (HANDLE)STD_INPUT_HANDLE;
	BOOL ok = !std && transfer(SYS_READ_FILE, hFile, lpBuffer, nNumberOfBytesToRead,
				   lpNumberOfBytesRead, lpOverlapped, TRUE, NULL);

	if (std || (!ok && GetLastError() == ERROR_INVALID_HANDLE &&
		    __vados_console_is(hFile, FALSE)))
		return console_transfer(FALSE, hFile, lpBuffer, nNumberOfBytesToRead,
					lpNumberOfBytesRead, lpOverlapped);
	return ok;
}

/* The standard output and error handles, and a console output handle
 * ("CONOUT$"), write to the console. */
BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
		      LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)
{
	BOOL std = hFile == (HANDLE)STD_OUTPUT_HANDLE || hFile == (HANDLE)STD_ERROR_HANDLE;
	BOOL ok = !std && transfer(SYS_WRITE_FILE, hFile, lpBuffer, nNumberOfBytesToWrite,
				   lpNumberOfBytesWritten, lpOverlapped, TRUE, NULL);

	if (std || (!ok && GetLastError() == ERROR_INVALID_HANDLE &&
		    __vados_console_is(hFile, TRUE)))
		return console_transfer(TRUE, hFile, (LPVOID)lpBuffer, nNumberOfBytesToWrite,
					lpNumberOfBytesWritten, lpOverlapped);
	return ok;
}

/* ReadFileEx and WriteFileEx: the transfer is done here, at the
 * OVERLAPPED's offset (hEvent is the caller's, untouched), and on success
 * the completion routine is queued as an APC to the calling thread, to run
 * at its next alertable wait with (0, bytes, lpOverlapped). A transfer that
 * fails at once (a read at the end of the file: ERROR_HANDLE_EOF) returns
 * FALSE and queues nothing, as NT completes no I/O that failed before it
 * was pending. A pipe's that must wait is pending (TRUE): the kernel
 * queues the APC once it is done. */
static BOOL transfer_ex(uint32_t nr, HANDLE hFile, LPCVOID buffer, DWORD bytes,
			LPOVERLAPPED ov, LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
	uint32_t args[6] = { (uint32_t)GetCurrentThread(), (uint32_t)routine, 3, 0, 0,
			     (uint32_t)ov };

	if (!ov) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!transfer(nr, hFile, buffer, bytes, NULL, ov, FALSE, routine)) {
		if (GetLastError() != ERROR_IO_PENDING)
			return FALSE;
		SetLastError(ERROR_SUCCESS);
		return TRUE;
	}
	args[4] = (uint32_t)ov->InternalHigh;
	return !routine || win32_call(SYS_QUEUE_APC, args, NULL);
}

BOOL WINAPI ReadFileEx(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
		       LPOVERLAPPED lpOverlapped, LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	return transfer_ex(SYS_READ_FILE, hFile, lpBuffer, nNumberOfBytesToRead, lpOverlapped,
			   lpCompletionRoutine);
}

BOOL WINAPI WriteFileEx(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
			LPOVERLAPPED lpOverlapped, LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	return transfer_ex(SYS_WRITE_FILE, hFile, lpBuffer, nNumberOfBytesToWrite, lpOverlapped,
			   lpCompletionRoutine);
}

/* What an answered request recorded in its OVERLAPPED: a success status
 * other than 0 (a change notification without records) is TRUE with its
 * error as the last one, as NT_SUCCESS lets it through. */
static BOOL recorded_result(LPOVERLAPPED ov, LPDWORD transferred)
{
	*transferred = (DWORD)ov->InternalHigh;
	if (ov->Internal == 0)
		return TRUE;
	SetLastError(__vados_io_error((DWORD)ov->Internal));
	return !((DWORD)ov->Internal & 0x80000000u);
}

/* Transfers have completed when ReadFile or WriteFile returns; the one
 * request vados leaves pending is a LockFileEx on a FILE_FLAG_OVERLAPPED
 * handle (file_lock.c), answered by the kernel, which writes Internal and
 * then sets hEvent and signals the file. A pending OVERLAPPED is waited for
 * on its hEvent, or without one on the file handle (signaled when a request
 * on it completes, as Windows documents): 0 ms ERROR_IO_INCOMPLETE, else up
 * to dwMilliseconds, alertably if asked (WAIT_IO_COMPLETION or WAIT_TIMEOUT
 * as the last error when that ends it); still pending after the wait (the
 * file signaled by another request): ERROR_IO_INCOMPLETE. */
BOOL WINAPI GetOverlappedResultEx(HANDLE hFile, LPOVERLAPPED lpOverlapped,
				  LPDWORD lpNumberOfBytesTransferred, DWORD dwMilliseconds,
				  BOOL bAlertable)
{
	HANDLE event = (HANDLE)((ULONG_PTR)lpOverlapped->hEvent & ~(ULONG_PTR)1);
	DWORD r = WAIT_OBJECT_0;

	if (lpOverlapped->Internal == STATUS_PENDING && dwMilliseconds)
		r = WaitForSingleObjectEx(event ? event : hFile, dwMilliseconds, bAlertable);
	if (r == WAIT_IO_COMPLETION || r == WAIT_TIMEOUT)
		SetLastError(r);
	if (r != WAIT_OBJECT_0)
		return FALSE;
	if (lpOverlapped->Internal == STATUS_PENDING) {
		SetLastError(ERROR_IO_INCOMPLETE);
		return FALSE;
	}
	return recorded_result(lpOverlapped, lpNumberOfBytesTransferred);
}

BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped,
				LPDWORD lpNumberOfBytesTransferred, BOOL bWait)
{
	return GetOverlappedResultEx(hFile, lpOverlapped, lpNumberOfBytesTransferred,
				     bWait ? INFINITE : 0, FALSE);
}

/* Cancel pending LockFileEx requests through hFile: CancelIo the calling
 * thread's, CancelIoEx the process's (the one of lpOverlapped, or all when
 * NULL: ERROR_NOT_FOUND when there is none); each completes with
 * ERROR_OPERATION_ABORTED (STATUS_CANCELLED in Internal, hEvent set).
 * CancelIo succeeds with nothing to cancel. A thread's end cancels its
 * own. */
static BOOL cancel(HANDLE hFile, LPOVERLAPPED ov, BOOL this_thread)
{
	uint32_t args[3] = { (uint32_t)hFile, (uint32_t)ov, this_thread };

	return win32_call(SYS_CANCEL_FILE_IO, args, NULL);
}

BOOL WINAPI CancelIo(HANDLE hFile)
{
	DWORD error = GetLastError();

	if (cancel(hFile, NULL, TRUE))
		return TRUE;
	if (GetLastError() != ERROR_NOT_FOUND)
		return FALSE;
	SetLastError(error);
	return TRUE;
}

BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)
{
	return cancel(hFile, lpOverlapped, FALSE);
}

BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
			     PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
{
	LONGLONG position = liDistanceToMove.QuadPart;
	uint32_t args[3] = { (uint32_t)hFile, (uint32_t)&position, dwMoveMethod };

	if (!win32_call(SYS_SET_FILE_POINTER, args, NULL))
		return FALSE;
	if (lpNewFilePointer)
		lpNewFilePointer->QuadPart = position;
	return TRUE;
}

/* Without lpDistanceToMoveHigh the distance is a signed 32-bit one and the
 * new position must fit 32 bits (else ERROR_INVALID_PARAMETER and the
 * position stays). A success whose low part is INVALID_SET_FILE_POINTER
 * says NO_ERROR. */
DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
			    DWORD dwMoveMethod)
{
	LARGE_INTEGER distance, old, now, zero = { .QuadPart = 0 };

	distance.QuadPart = lDistanceToMove;
	if (lpDistanceToMoveHigh) {
		distance.LowPart = (DWORD)lDistanceToMove;
		distance.HighPart = *lpDistanceToMoveHigh;
	} else if (!SetFilePointerEx(hFile, zero, &old, FILE_CURRENT)) {
		return INVALID_SET_FILE_POINTER;
	}
	if (!SetFilePointerEx(hFile, distance, &now, dwMoveMethod))
		return INVALID_SET_FILE_POINTER;
	if (!lpDistanceToMoveHigh && now.QuadPart > 0xffffffffLL) {
		SetFilePointerEx(hFile, old, NULL, FILE_BEGIN);
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_SET_FILE_POINTER;
	}
	if (lpDistanceToMoveHigh)
		*lpDistanceToMoveHigh = now.HighPart;
	if (now.LowPart == INVALID_SET_FILE_POINTER)
		SetLastError(NO_ERROR);
	return now.LowPart;
}

bool __vados_query_file(HANDLE hFile, struct vados_file_info *info, bool size_only)
{
	uint32_t args[3] = { (uint32_t)hFile, (uint32_t)info, size_only };

	return win32_call(SYS_QUERY_FILE, args, NULL);
}

bool __vados_query_attributes(HANDLE hFile, struct vados_file_info *info)
{
	if (!__vados_query_file(hFile, info, false))
		return false;
	if (!info->readable) {
		SetLastError(ERROR_ACCESS_DENIED);
		return false;
	}
	return true;
}

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
{
	struct vados_file_info info;

	if (!__vados_query_file(hFile, &info, true))
		return FALSE;
	lpFileSize->QuadPart = (LONGLONG)info.size_high << 32 | info.size_low;
	return TRUE;
}

/* INVALID_FILE_SIZE on failure; a size whose low part is that says NO_ERROR. */
DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh)
{
	struct vados_file_info info;

	if (!__vados_query_file(hFile, &info, true))
		return INVALID_FILE_SIZE;
	if (lpFileSizeHigh)
		*lpFileSizeHigh = info.size_high;
	if (info.size_low == INVALID_FILE_SIZE)
		SetLastError(NO_ERROR);
	return info.size_low;
}

BOOL WINAPI GetFileTime(HANDLE hFile, LPFILETIME lpCreationTime, LPFILETIME lpLastAccessTime,
			LPFILETIME lpLastWriteTime)
{
	struct vados_file_info info;

	if (!__vados_query_attributes(hFile, &info))
		return FALSE;
	if (lpCreationTime)
		*lpCreationTime = (FILETIME){ info.created[0], info.created[1] };
	if (lpLastAccessTime)
		*lpLastAccessTime = (FILETIME){ info.accessed[0], info.accessed[1] };
	if (lpLastWriteTime)
		*lpLastWriteTime = (FILETIME){ info.written[0], info.written[1] };
	return TRUE;
}

BOOL WINAPI SetFileTime(HANDLE hFile, const FILETIME *lpCreationTime,
			const FILETIME *lpLastAccessTime, const FILETIME *lpLastWriteTime)
{
	uint32_t args[4] = { (uint32_t)hFile, (uint32_t)lpCreationTime, (uint32_t)lpLastAccessTime,
			     (uint32_t)lpLastWriteTime };

	return win32_call(SYS_SET_FILE_TIME, args, NULL);
}

static BOOL one_handle(uint32_t nr, HANDLE h)
{
	uint32_t args[1] = { (uint32_t)h };

	return win32_call(nr, args, NULL);
}

BOOL WINAPI SetEndOfFile(HANDLE hFile) { return one_handle(SYS_SET_END_OF_FILE, hFile); }
BOOL WINAPI FlushFileBuffers(HANDLE hFile) { return one_handle(SYS_FLUSH_FILE, hFile); }

/* For the other transfers (io_control.c): transfer's work with an
 * OVERLAPPED (its offset, Internal, InternalHigh, hEvent, the port). */
BOOL __vados_file_transfer(uint32_t nr, HANDLE hFile, LPCVOID buffer, DWORD bytes,
			   LPOVERLAPPED ov)
{
	return transfer(nr, hFile, buffer, bytes, NULL, ov, TRUE, NULL);
}

DWORD __vados_io_status(DWORD error)
{
	return status_of(error);
}
