/* The handle calls of <windows.h> every object type shares, and the
 * cross-process memory calls: DuplicateHandle, Get/SetHandleInformation,
 * ReadProcessMemory, WriteProcessMemory. The kernel's object manager checks
 * every handle's type and rights. */
#include <windows.h>
#include "win32call.h"

BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle,
			    HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle,
			    DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
{
	uint32_t args[7] = { (uint32_t)hSourceProcessHandle, (uint32_t)hSourceHandle,
			     (uint32_t)hTargetProcessHandle, (uint32_t)lpTargetHandle,
			     dwDesiredAccess, bInheritHandle != FALSE, dwOptions };

	return win32_call(SYS_DUPLICATE_HANDLE, args, NULL);
}

BOOL WINAPI GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)
{
	uint32_t args[1] = { (uint32_t)hObject }, flags;

	if (!win32_call(SYS_GET_HANDLE_INFO, args, &flags))
		return FALSE;
	if (!lpdwFlags) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpdwFlags = flags;
	return TRUE;
}

BOOL WINAPI SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags)
{
	uint32_t args[3] = { (uint32_t)hObject, dwMask, dwFlags };

	return win32_call(SYS_SET_HANDLE_INFO, args, NULL);
}

/* Both copies report how many bytes moved, also when they fail part way
 * (ERROR_PARTIAL_COPY). */
static BOOL copy_memory(uint32_t nr, HANDLE hProcess, const void *remote, const void *local,
			SIZE_T nSize, SIZE_T *lpNumberOfBytes)
{
	uint32_t args[4] = { (uint32_t)hProcess, (uint32_t)remote, (uint32_t)local, nSize }, done;
	BOOL ok = win32_call(nr, args, &done);

	if (lpNumberOfBytes)
		*lpNumberOfBytes = ok ? nSize : done;
	return ok;
}

BOOL WINAPI ReadProcessMemory(HANDLE hProcess, LPCVOID lpBaseAddress, LPVOID lpBuffer,
			      SIZE_T nSize, SIZE_T *lpNumberOfBytesRead)
{
	return copy_memory(SYS_READ_VM, hProcess, lpBaseAddress, lpBuffer, nSize,
			   lpNumberOfBytesRead);
}

BOOL WINAPI WriteProcessMemory(HANDLE hProcess, LPVOID lpBaseAddress, LPCVOID lpBuffer,
			       SIZE_T nSize, SIZE_T *lpNumberOfBytesWritten)
{
	return copy_memory(SYS_WRITE_VM, hProcess, lpBaseAddress, lpBuffer, nSize,
			   lpNumberOfBytesWritten);
}

BOOL WINAPI CompareObjectHandles(HANDLE hFirstObjectHandle, HANDLE hSecondObjectHandle)
{
	uint32_t args[2] = { (uint32_t)hFirstObjectHandle, (uint32_t)hSecondObjectHandle };

	return win32_call(SYS_COMPARE_OBJECTS, args, NULL);
}
