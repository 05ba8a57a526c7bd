/* I/O calls beyond ReadFile and WriteFile (vados/winioctl.h): DeviceIoControl,
 * ReadFileScatter and WriteFileGather (the kernel's sys_iocontrol.c and
 * sys_file.c), CancelSynchronousIo and GetProcessIoCounters. */
#include <windows.h>
#include "user/lib/runtime.h"
#include "user/lib/win32call.h"

#define SECTOR_SIZE 512u

/* The control is done at once; with an OVERLAPPED the answer is recorded in
 * it and hEvent set (its low bit set: no completion packet). */
BOOL WINAPI DeviceIoControl(HANDLE hDevice, DWORD dwIoControlCode, LPVOID lpInBuffer,
			    DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
			    LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped)
{
	LPOVERLAPPED ov = lpOverlapped;
	HANDLE event = ov ? (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1) : NULL;
	BOOL report = ov && !((ULONG_PTR)ov->hEvent & 1);
	uint32_t a[7] = { (uint32_t)hDevice, dwIoControlCode, (uint32_t)lpInBuffer, nInBufferSize,
			  (uint32_t)lpOutBuffer, nOutBufferSize, report ? (uint32_t)ov : 0 };
	uint32_t n = 0;
	BOOL ok;

	if (event)
		ResetEvent(event);
	ok = win32_call(SYS_DEVICE_IO_CONTROL, a, &n);
	if (lpBytesReturned)
		*lpBytesReturned = n;
	if (ov) {
		ov->Internal = __vados_io_status(ok ? ERROR_SUCCESS : GetLastError());
		ov->InternalHigh = n;
		if (event)
			SetEvent(event);
	}
	return ok;
}

/* The checks kernel32 and the I/O manager make before the transfer: an
 * OVERLAPPED with a sector-aligned offset, lpReserved NULL, a disk file. */
static BOOL segments_call(uint32_t nr, HANDLE hFile, FILE_SEGMENT_ELEMENT *segments,
			  DWORD bytes, LPDWORD lpReserved, LPOVERLAPPED ov)
{
	DWORD type;

	if (!ov || lpReserved || ov->Offset % SECTOR_SIZE) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	SetLastError(NO_ERROR);
	if ((type = GetFileType(hFile)) != FILE_TYPE_DISK) {
		if (type != FILE_TYPE_UNKNOWN || GetLastError() == NO_ERROR)
			SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return __vados_file_transfer(nr, hFile, segments, bytes, ov);
}

BOOL WINAPI ReadFileScatter(HANDLE hFile, FILE_SEGMENT_ELEMENT aSegmentArray[],
			    DWORD nNumberOfBytesToRead, LPDWORD lpReserved,
			    LPOVERLAPPED lpOverlapped)
{
	return segments_call(SYS_READ_SCATTER, hFile, aSegmentArray, nNumberOfBytesToRead,
			     lpReserved, lpOverlapped);
}

BOOL WINAPI WriteFileGather(HANDLE hFile, FILE_SEGMENT_ELEMENT aSegmentArray[],
			    DWORD nNumberOfBytesToWrite, LPDWORD lpReserved,
			    LPOVERLAPPED lpOverlapped)
{
	return segments_call(SYS_WRITE_GATHER, hFile, aSegmentArray, nNumberOfBytesToWrite,
			     lpReserved, lpOverlapped);
}

BOOL WINAPI CancelSynchronousIo(HANDLE hThread)
{
	uint32_t a[1] = { (uint32_t)hThread };

	return win32_call(SYS_CANCEL_SYNCHRONOUS_IO, a, NULL);
}

/* PROCESS_QUERY_LIMITED_INFORMATION (or PROCESS_QUERY_INFORMATION). */
BOOL WINAPI GetProcessIoCounters(HANDLE hProcess, PIO_COUNTERS lpIoCounters)
{
	uint32_t a[2] = { (uint32_t)hProcess, (uint32_t)lpIoCounters };

	return win32_call(SYS_IO_COUNTERS, a, NULL);
}
