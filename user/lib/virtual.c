/* The VirtualAlloc family and GetProcessMemoryInfo: thin wrappers over the
 * kernel's calls, which check every argument themselves. */
#include <windows.h>
#include <psapi.h>
#include "win32call.h"

_Static_assert(sizeof(MEMORY_BASIC_INFORMATION) == sizeof(struct vados_region),
	       "MEMORY_BASIC_INFORMATION must match the kernel's layout");
_Static_assert(sizeof(PROCESS_MEMORY_COUNTERS) == sizeof(struct vados_process_memory),
	       "PROCESS_MEMORY_COUNTERS must match the kernel's layout");

/* Makes a call; on failure records its error and returns 0, else the value. */
static uint32_t call_value(uint32_t nr, const uint32_t *args)
{
	uint32_t value;

	return win32_call(nr, args, &value) ? value : 0;
}

LPVOID WINAPI VirtualAllocEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize,
			     DWORD flAllocationType, DWORD flProtect)
{
	uint32_t a[5] = { (uint32_t)hProcess, (uint32_t)lpAddress, dwSize, flAllocationType,
			  flProtect };
	return (LPVOID)call_value(SYS_VIRTUAL_ALLOC, a);
}

LPVOID WINAPI VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize, DWORD flAllocationType,
			   DWORD flProtect)
{
	return VirtualAllocEx(GetCurrentProcess(), lpAddress, dwSize, flAllocationType, flProtect);
}

BOOL WINAPI VirtualFreeEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType)
{
	uint32_t a[4] = { (uint32_t)hProcess, (uint32_t)lpAddress, dwSize, dwFreeType };
	return win32_call(SYS_VIRTUAL_FREE, a, NULL);
}

BOOL WINAPI VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType)
{
	return VirtualFreeEx(GetCurrentProcess(), lpAddress, dwSize, dwFreeType);
}

BOOL WINAPI VirtualProtectEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize,
			     DWORD flNewProtect, PDWORD lpflOldProtect)
{
	uint32_t a[5] = { (uint32_t)hProcess, (uint32_t)lpAddress, dwSize, flNewProtect,
			  (uint32_t)lpflOldProtect };
	return win32_call(SYS_VIRTUAL_PROTECT, a, NULL);
}

BOOL WINAPI VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect,
			   PDWORD lpflOldProtect)
{
	return VirtualProtectEx(GetCurrentProcess(), lpAddress, dwSize, flNewProtect,
				lpflOldProtect);
}

SIZE_T WINAPI VirtualQueryEx(HANDLE hProcess, LPCVOID lpAddress,
			     PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength)
{
	uint32_t a[4] = { (uint32_t)hProcess, (uint32_t)lpAddress, (uint32_t)lpBuffer, dwLength };
	return call_value(SYS_VIRTUAL_QUERY, a);
}

SIZE_T WINAPI VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer,
			   SIZE_T dwLength)
{
	return VirtualQueryEx(GetCurrentProcess(), lpAddress, lpBuffer, dwLength);
}

BOOL WINAPI VirtualLock(LPVOID lpAddress, SIZE_T dwSize)
{
	uint32_t a[3] = { (uint32_t)GetCurrentProcess(), (uint32_t)lpAddress, dwSize };
	return win32_call(SYS_VIRTUAL_LOCK, a, NULL);
}

BOOL WINAPI VirtualUnlockEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize)
{
	uint32_t a[3] = { (uint32_t)hProcess, (uint32_t)lpAddress, dwSize };
	return win32_call(SYS_VIRTUAL_UNLOCK, a, NULL);
}

BOOL WINAPI VirtualUnlock(LPVOID lpAddress, SIZE_T dwSize)
{
	return VirtualUnlockEx(GetCurrentProcess(), lpAddress, dwSize);
}

BOOL WINAPI GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS c, DWORD cb)
{
	uint32_t a[2] = { (uint32_t)Process, (uint32_t)c };

	if (cb < sizeof(*c)) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (!win32_call(SYS_PROCESS_MEMORY, a, NULL))
		return FALSE;
	if (cb >= sizeof(PROCESS_MEMORY_COUNTERS_EX)) {
		PROCESS_MEMORY_COUNTERS_EX *ex = (PROCESS_MEMORY_COUNTERS_EX *)c;
		ex->cb = sizeof(*ex);
		ex->PrivateUsage = ex->PagefileUsage;   /* both the commit charge, as Windows */
	}
	return TRUE;
}

BOOL WINAPI SetProcessWorkingSetSizeEx(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize,
				       SIZE_T dwMaximumWorkingSetSize, DWORD Flags)
{
	uint32_t a[4] = { (uint32_t)hProcess, dwMinimumWorkingSetSize, dwMaximumWorkingSetSize,
			  Flags };
	return win32_call(SYS_SET_WORKING_SET, a, NULL);
}

BOOL WINAPI SetProcessWorkingSetSize(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize,
				     SIZE_T dwMaximumWorkingSetSize)
{
	return SetProcessWorkingSetSizeEx(hProcess, dwMinimumWorkingSetSize,
					  dwMaximumWorkingSetSize, 0);
}

BOOL WINAPI GetProcessWorkingSetSizeEx(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize,
				       PSIZE_T lpMaximumWorkingSetSize, PDWORD Flags)
{
	uint32_t out[3], a[2] = { (uint32_t)hProcess, (uint32_t)out };

	if (!win32_call(SYS_GET_WORKING_SET, a, NULL))
		return FALSE;
	*lpMinimumWorkingSetSize = out[0];
	*lpMaximumWorkingSetSize = out[1];
	*Flags = out[2];
	return TRUE;
}

BOOL WINAPI GetProcessWorkingSetSize(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize,
				     PSIZE_T lpMaximumWorkingSetSize)
{
	DWORD flags;

	return GetProcessWorkingSetSizeEx(hProcess, lpMinimumWorkingSetSize,
					  lpMaximumWorkingSetSize, &flags);
}
