/* Named pipes (<windows.h>, vados/winfiles.h): CreateNamedPipe,
 * ConnectNamedPipe, DisconnectNamedPipe, WaitNamedPipe, the pipe's
 * settings and state, TransactNamedPipe and CallNamedPipe, over the
 * kernel's named pipes (kernel/io/npipe.c); CreateFile opens a client's
 * end (__vados_pipe_open). ReadFile, WriteFile, PeekNamedPipe and
 * CloseHandle work on the ends as on anonymous pipes' (pipe_api.c). */
#include <windows.h>
#include "user/lib/runtime.h"
#include "user/lib/wide_arg.h"
#include "user/lib/win32call.h"

/* A server end of \\.\pipe\NAME, another instance when the pipe exists:
 * dwOpenMode is a PIPE_ACCESS_* with FILE_FLAG_OVERLAPPED,
 * FILE_FLAG_FIRST_PIPE_INSTANCE (the pipe must not exist yet, else
 * ERROR_ACCESS_DENIED), FILE_FLAG_WRITE_THROUGH; dwPipeMode PIPE_TYPE_*,
 * PIPE_READMODE_* (message reads on a message-type pipe only) and
 * PIPE_WAIT or PIPE_NOWAIT; nMaxInstances 1 to PIPE_UNLIMITED_INSTANCES
 * (255), the first instance's count holding for all (past it:
 * ERROR_PIPE_BUSY); the sizes are the rings' (0: 4096, at most 65536);
 * nDefaultTimeOut is WaitNamedPipe's default (0: 50 ms). Another name:
 * ERROR_INVALID_NAME; other bad settings: ERROR_INVALID_PARAMETER. The new
 * instance listens: a client may connect before ConnectNamedPipe. */
HANDLE WINAPI CreateNamedPipeA(LPCSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode,
			       DWORD nMaxInstances, DWORD nOutBufferSize, DWORD nInBufferSize,
			       DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
	uint32_t h, a[8] = { (uint32_t)lpName, dwOpenMode, dwPipeMode, nMaxInstances,
			     nOutBufferSize, nInBufferSize, nDefaultTimeOut,
			     lpSecurityAttributes && lpSecurityAttributes->bInheritHandle };

	return win32_call(SYS_CREATE_NAMED_PIPE, a, &h) ? (HANDLE)h : INVALID_HANDLE_VALUE;
}

HANDLE __vados_pipe_open(LPCSTR name, DWORD access, DWORD flags, BOOL inherit)
{
	uint32_t h, a[4] = { (uint32_t)name, access, flags, inherit };

	if (!win32_call(SYS_OPEN_NAMED_PIPE, a, &h))
		return INVALID_HANDLE_VALUE;
	SetLastError(ERROR_SUCCESS);
	return (HANDLE)h;
}

/* Waits for a client on a server end (one that came since the instance
 * was made or last disconnected: FALSE with ERROR_PIPE_CONNECTED; one that
 * came and left: ERROR_NO_DATA). An overlapped end with lpOverlapped
 * returns FALSE with ERROR_IO_PENDING and answers in the OVERLAPPED (its
 * event set, a packet posted to the end's completion port unless hEvent's
 * low bit is set) once a client connects, as GetOverlappedResult reads. A
 * PIPE_NOWAIT end never waits: TRUE the first time after a disconnection,
 * else FALSE with ERROR_PIPE_LISTENING. A client's end:
 * ERROR_INVALID_FUNCTION. An OVERLAPPED's Internal is STATUS_PENDING from
 * the call on: a failure at once leaves it so, and the event reset, as
 * Windows does. */
BOOL WINAPI ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped)
{
	HANDLE event = lpOverlapped ? (HANDLE)((ULONG_PTR)lpOverlapped->hEvent & ~(ULONG_PTR)1)
				    : NULL;
	uint32_t a[3] = { (uint32_t)hNamedPipe, (uint32_t)lpOverlapped,
			  lpOverlapped ? (uint32_t)lpOverlapped->hEvent : 0 };

	if (lpOverlapped) {
		if (event)
			ResetEvent(event);
		lpOverlapped->Internal = STATUS_PENDING;
		lpOverlapped->InternalHigh = 0;
	}
	if (!win32_call(SYS_CONNECT_NAMED_PIPE, a, NULL))
		return FALSE;   /* pending, or failed at once: Internal stays pending */
	if (lpOverlapped) {
		lpOverlapped->Internal = 0;
		if (event)
			SetEvent(event);
	}
	return TRUE;
}

/* Ends the server end's connection: the client's reads and writes fail
 * with ERROR_PIPE_NOT_CONNECTED, unread data is discarded, a pending
 * ConnectNamedPipe ends so too; the instance takes no client until
 * ConnectNamedPipe. Again: ERROR_PIPE_NOT_CONNECTED. */
BOOL WINAPI DisconnectNamedPipe(HANDLE hNamedPipe)
{
	uint32_t a[1] = { (uint32_t)hNamedPipe };

	return win32_call(SYS_DISCONNECT_NAMED_PIPE, a, NULL);
}

/* Waits up to nTimeOut ms (NMPWAIT_USE_DEFAULT_WAIT: the pipe's default,
 * NMPWAIT_WAIT_FOREVER) until an instance of the pipe listens:
 * ERROR_SEM_TIMEOUT when none did, ERROR_FILE_NOT_FOUND at once with no
 * such pipe. */
BOOL WINAPI WaitNamedPipeA(LPCSTR lpNamedPipeName, DWORD nTimeOut)
{
	uint32_t a[2] = { (uint32_t)lpNamedPipeName, nTimeOut };

	return win32_call(SYS_WAIT_NAMED_PIPE, a, NULL);
}

/* The kernel's record of an end: GetNamedPipeInfo's flags, out size, in
 * size and max instances, the mode, instances, client and server pids. */
static BOOL pipe_state(HANDLE h, const DWORD *mode, DWORD out[8])
{
	uint32_t a[4] = { (uint32_t)h, mode != NULL, mode ? *mode : 0, (uint32_t)out };

	return win32_call(SYS_NAMED_PIPE_STATE, a, NULL);
}

/* lpMode: PIPE_READMODE_BYTE or _MESSAGE (a message-type pipe's only, else
 * ERROR_INVALID_PARAMETER) with PIPE_WAIT or PIPE_NOWAIT; the collection
 * settings are for remote clients (kept nowhere). Needs
 * FILE_WRITE_ATTRIBUTES. */
BOOL WINAPI SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode,
				    LPDWORD lpMaxCollectionCount, LPDWORD lpCollectDataTimeout)
{
	DWORD out[8];

	(void)lpMaxCollectionCount;
	(void)lpCollectDataTimeout;
	return !lpMode || pipe_state(hNamedPipe, lpMode, out);
}

/* An optional answer. */
static void give(LPDWORD to, DWORD value)
{
	if (to)
		*to = value;
}

/* Each pointer optional: PIPE_SERVER_END or PIPE_CLIENT_END with
 * PIPE_TYPE_MESSAGE or _BYTE, the buffer sizes CreateNamedPipe was given,
 * nMaxInstances (PIPE_UNLIMITED_INSTANCES: 255). */
BOOL WINAPI GetNamedPipeInfo(HANDLE hNamedPipe, LPDWORD lpFlags, LPDWORD lpOutBufferSize,
			     LPDWORD lpInBufferSize, LPDWORD lpMaxInstances)
{
	DWORD out[8];

	if (!pipe_state(hNamedPipe, NULL, out))
		return FALSE;
	give(lpFlags, out[0]);
	give(lpOutBufferSize, out[1]);
	give(lpInBufferSize, out[2]);
	give(lpMaxInstances, out[3]);
	return TRUE;
}

/* Each pointer optional: the handle's mode (PIPE_NOWAIT,
 * PIPE_READMODE_MESSAGE), the pipe's instances now. The collection
 * settings are a remote client's: asked for on a local pipe,
 * ERROR_INVALID_PARAMETER; so is the user name on a client's end (a
 * server's is empty: no impersonation). */
BOOL WINAPI GetNamedPipeHandleStateA(HANDLE hNamedPipe, LPDWORD lpState,
				     LPDWORD lpCurInstances, LPDWORD lpMaxCollectionCount,
				     LPDWORD lpCollectDataTimeout, LPSTR lpUserName,
				     DWORD nMaxUserNameSize)
{
	DWORD out[8];

	if (!pipe_state(hNamedPipe, NULL, out))
		return FALSE;
	if (lpMaxCollectionCount || lpCollectDataTimeout ||
	    (lpUserName && !(out[0] & PIPE_SERVER_END))) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	give(lpState, out[4]);
	give(lpCurInstances, out[5]);
	if (lpUserName && nMaxUserNameSize)
		*lpUserName = '\0';
	return TRUE;
}

/* A pipe end's process id: the client's (connected, else
 * ERROR_PIPE_NOT_CONNECTED) or the server's. */
static BOOL pipe_pid(HANDLE h, unsigned which, PULONG pid)
{
	DWORD out[8];

	if (!pipe_state(h, NULL, out))
		return FALSE;
	if (!out[which]) {
		SetLastError(ERROR_PIPE_NOT_CONNECTED);
		return FALSE;
	}
	*pid = out[which];
	return TRUE;
}

BOOL WINAPI GetNamedPipeClientProcessId(HANDLE Pipe, PULONG ClientProcessId)
{
	return pipe_pid(Pipe, 6, ClientProcessId);
}

BOOL WINAPI GetNamedPipeServerProcessId(HANDLE Pipe, PULONG ServerProcessId)
{
	return pipe_pid(Pipe, 7, ServerProcessId);
}

/* Writes a message and reads the answer, on an end in message read mode
 * (else ERROR_BAD_PIPE) with nothing unread in it (else ERROR_PIPE_BUSY):
 * an answer longer than nOutBufferSize gives ERROR_MORE_DATA, its rest
 * left for ReadFile. The transfer is done here; with lpOverlapped it is
 * recorded there as ReadFile records it. */
BOOL WINAPI TransactNamedPipe(HANDLE hNamedPipe, LPVOID lpInBuffer, DWORD nInBufferSize,
			      LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesRead,
			      LPOVERLAPPED lpOverlapped)
{
	DWORD out[8], avail = 0, n;

	if (!pipe_state(hNamedPipe, NULL, out))
		return FALSE;
	if (!(out[4] & PIPE_READMODE_MESSAGE)) {
		SetLastError(ERROR_BAD_PIPE);
		return FALSE;
	}
	if (PeekNamedPipe(hNamedPipe, NULL, 0, NULL, &avail, NULL) && avail) {
		SetLastError(ERROR_PIPE_BUSY);
		return FALSE;
	}
	if (!WriteFile(hNamedPipe, lpInBuffer, nInBufferSize, &n, NULL))
		return FALSE;
	return ReadFile(hNamedPipe, lpOutBuffer, nOutBufferSize, lpBytesRead, lpOverlapped);
}

/* Connects to a message-type pipe (waiting up to nTimeOut, as
 * WaitNamedPipe, while every instance is busy), puts it in message read
 * mode, transacts one message and closes. */
BOOL WINAPI CallNamedPipeA(LPCSTR lpNamedPipeName, LPVOID lpInBuffer, DWORD nInBufferSize,
			   LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesRead,
			   DWORD nTimeOut)
{
	DWORD mode = PIPE_READMODE_MESSAGE, error;
	HANDLE h;
	BOOL ok;

	while ((h = CreateFileA(lpNamedPipeName, GENERIC_READ | GENERIC_WRITE, 0, NULL,
				OPEN_EXISTING, 0, NULL)) == INVALID_HANDLE_VALUE) {
		if (GetLastError() != ERROR_PIPE_BUSY || !WaitNamedPipeA(lpNamedPipeName, nTimeOut))
			return FALSE;
	}
	ok = SetNamedPipeHandleState(h, &mode, NULL, NULL) &&
	     TransactNamedPipe(h, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize,
			       lpBytesRead, NULL);
	error = GetLastError();
	CloseHandle(h);
	SetLastError(error);
	return ok;
}

HANDLE WINAPI CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode,
			       DWORD nMaxInstances, DWORD nOutBufferSize, DWORD nInBufferSize,
			       DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
	return WIDE_CALL(lpName, INVALID_HANDLE_VALUE,
			 CreateNamedPipeA(a, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize,
					  nInBufferSize, nDefaultTimeOut, lpSecurityAttributes));
}

BOOL WINAPI WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut)
{
	return WIDE_CALL(lpNamedPipeName, FALSE, WaitNamedPipeA(a, nTimeOut));
}

BOOL WINAPI GetNamedPipeHandleStateW(HANDLE hNamedPipe, LPDWORD lpState,
				     LPDWORD lpCurInstances, LPDWORD lpMaxCollectionCount,
				     LPDWORD lpCollectDataTimeout, LPWSTR lpUserName,
				     DWORD nMaxUserNameSize)
{
	if (!lpUserName)
		return GetNamedPipeHandleStateA(hNamedPipe, lpState, lpCurInstances,
						lpMaxCollectionCount, lpCollectDataTimeout, NULL, 0);
	return WIDE_OUT(lpUserName, nMaxUserNameSize,
			GetNamedPipeHandleStateA(hNamedPipe, lpState, lpCurInstances,
						 lpMaxCollectionCount, lpCollectDataTimeout, a,
						 nMaxUserNameSize));
}

BOOL WINAPI CallNamedPipeW(LPCWSTR lpNamedPipeName, LPVOID lpInBuffer, DWORD nInBufferSize,
			   LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesRead,
			   DWORD nTimeOut)
{
	return WIDE_CALL(lpNamedPipeName, FALSE,
			 CallNamedPipeA(a, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize,
					lpBytesRead, nTimeOut));
}
