/* Anonymous pipes (<windows.h>, vados/winfiles.h): CreatePipe and
 * PeekNamedPipe over the kernel's Pipe objects (kernel/io/pipe.c).
 * ReadFile, WriteFile and CloseHandle work on the ends as on files;
 * GetFileType calls them FILE_TYPE_PIPE. */
#include <windows.h>
#include "user/lib/runtime.h"
#include "user/lib/win32call.h"

/* A pipe of nSize bytes (0: 4096; at most 65536): *hReadPipe gets its read
 * end (GENERIC_READ | SYNCHRONIZE | FILE_WRITE_ATTRIBUTES), *hWritePipe its
 * write end (GENERIC_WRITE | SYNCHRONIZE | FILE_READ_ATTRIBUTES), both
 * inheritable when lpPipeAttributes->bInheritHandle. A read waits for data
 * and returns what there is; once every write end is closed and the pipe
 * is empty it fails with ERROR_BROKEN_PIPE. A write waits for room; with
 * every read end closed it fails with ERROR_NO_DATA. */
BOOL WINAPI CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe,
		       LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize)
{
	uint32_t h[2], a[3] = { (uint32_t)h, lpPipeAttributes && lpPipeAttributes->bInheritHandle,
				nSize };

	if (!win32_call(SYS_CREATE_PIPE, a, NULL))
		return FALSE;
	*hReadPipe = (HANDLE)h[0];
	*hWritePipe = (HANDLE)h[1];
	return TRUE;
}

/* Copies up to nBufferSize bytes of what the pipe holds into lpBuffer
 * without taking them; each count pointer is optional (an anonymous pipe
 * is a byte stream: no message is left). The read end only: the write end
 * fails with ERROR_ACCESS_DENIED. */
BOOL WINAPI PeekNamedPipe(HANDLE hNamedPipe, LPVOID lpBuffer, DWORD nBufferSize,
			  LPDWORD lpBytesRead, LPDWORD lpTotalBytesAvail,
			  LPDWORD lpBytesLeftThisMessage)
{
	uint32_t out[3], a[4] = { (uint32_t)hNamedPipe, (uint32_t)lpBuffer,
				  lpBuffer ? nBufferSize : 0, (uint32_t)out };

	if (!win32_call(SYS_PEEK_PIPE, a, NULL))
		return FALSE;
	if (lpBytesRead)
		*lpBytesRead = out[0];
	if (lpTotalBytesAvail)
		*lpTotalBytesAvail = out[1];
	if (lpBytesLeftThisMessage)
		*lpBytesLeftThisMessage = out[2];
	return TRUE;
}
