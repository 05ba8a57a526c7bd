/* File mappings (<windows.h>): CreateFileMappingA, OpenFileMappingA,
 * MapViewOfFile(Ex), UnmapViewOfFile, FlushViewOfFile. Sections backed by
 * the paging file (INVALID_HANDLE_VALUE) or by a file (its handle). Named
 * sections share the kernel's one namespace with the other named types. */
#include <windows.h>
#include "win32call.h"

HANDLE WINAPI CreateFileMappingA(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow,
				 LPCSTR lpName)
{
	uint32_t existed = 0;
	uint32_t args[8] = { (uint32_t)lpName, flProtect, dwMaximumSizeHigh, dwMaximumSizeLow,
			     SECTION_ALL_ACCESS,
			     lpFileMappingAttributes && lpFileMappingAttributes->bInheritHandle,
			     (uint32_t)&existed, (uint32_t)hFile };

	return win32_create_named(SYS_CREATE_SECTION, args, &existed);
}

HANDLE WINAPI OpenFileMappingA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
	return win32_open_named(SYS_OPEN_SECTION, dwDesiredAccess, bInheritHandle, lpName);
}

LPVOID WINAPI MapViewOfFileEx(HANDLE hFileMappingObject, DWORD dwDesiredAccess,
			      DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow,
			      SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress)
{
	uint32_t args[6] = { (uint32_t)hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh,
			     dwFileOffsetLow, dwNumberOfBytesToMap, (uint32_t)lpBaseAddress };
	uint32_t base;

	return win32_call(SYS_MAP_VIEW, args, &base) ? (LPVOID)base : NULL;
}

LPVOID WINAPI MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess,
			    DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow,
			    SIZE_T dwNumberOfBytesToMap)
{
	return MapViewOfFileEx(hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh,
			       dwFileOffsetLow, dwNumberOfBytesToMap, NULL);
}

BOOL WINAPI UnmapViewOfFile(LPCVOID lpBaseAddress)
{
	uint32_t args[1] = { (uint32_t)lpBaseAddress };

	return win32_call(SYS_UNMAP_VIEW, args, NULL);
}

BOOL WINAPI FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush)
{
	uint32_t args[2] = { (uint32_t)lpBaseAddress, dwNumberOfBytesToFlush };

	return win32_call(SYS_FLUSH_VIEW, args, NULL);
}
