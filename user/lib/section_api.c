/* File mappings (<windows.h>): CreateFileMappingA, OpenFileMappingA,
 * MapViewOfFile(Ex), UnmapViewOfFile(Ex, 2), FlushViewOfFile and the FromApp
 * forms. Sections backed by
 * the paging file (INVALID_HANDLE_VALUE) or by a file (its handle). Named
 * sections share the kernel's one namespace with the other named types. */
#include <windows.h>
#include "section_api.h"
#include "win32call.h"

HANDLE section_create(HANDLE hFile, LPSECURITY_ATTRIBUTES sa, DWORD flProtect, DWORD high,
		      DWORD low, LPCSTR lpName, DWORD access)
{
	uint32_t existed = 0;
	uint32_t args[8] = { (uint32_t)lpName, flProtect, high, low, access,
			     sa && sa->bInheritHandle, (uint32_t)&existed, (uint32_t)hFile };

	return win32_create_named(SYS_CREATE_SECTION, args, &existed);
}

/* The handle CreateFileMapping returns: every right but mapping for writing
 * unless the protection writes, and for executing unless it executes
 * (kernel32's mask: a handle to an existing section asked for read-only
 * cannot map it for writing). */
static DWORD section_create_rights(DWORD page)
{
	DWORD rights = SECTION_ALL_ACCESS & ~(SECTION_MAP_WRITE | SECTION_MAP_EXECUTE);

	if (page == PAGE_READWRITE || page == PAGE_EXECUTE_READWRITE)
		rights |= SECTION_MAP_WRITE;
	if (page & (PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY))
		rights |= SECTION_MAP_EXECUTE;
	return rights;
}

HANDLE WINAPI CreateFileMappingA(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow,
				 LPCSTR lpName)
{
	return section_create(hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh,
			      dwMaximumSizeLow, lpName, section_create_rights(flProtect & 0xff));
}

/* FILE_MAP_COPY alone is SECTION_QUERY's bit: Windows asks for
 * SECTION_MAP_READ instead, which copy-on-write views need. */
HANDLE WINAPI OpenFileMappingA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
	if (dwDesiredAccess == FILE_MAP_COPY)
		dwDesiredAccess = SECTION_MAP_READ;
	return win32_open_named(SYS_OPEN_SECTION, dwDesiredAccess, bInheritHandle, lpName);
}

HANDLE WINAPI CreateFileMappingFromApp(HANDLE hFile, LPSECURITY_ATTRIBUTES SecurityAttributes,
				       ULONG PageProtection, ULONGLONG MaximumSize,
				       const WCHAR *Name)
{
	return CreateFileMappingW(hFile, SecurityAttributes, PageProtection,
				  (DWORD)(MaximumSize >> 32), (DWORD)MaximumSize, Name);
}

HANDLE WINAPI OpenFileMappingFromApp(ULONG DesiredAccess, BOOL InheritHandle, const WCHAR *Name)
{
	return OpenFileMappingW(DesiredAccess, InheritHandle, Name);
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

PVOID WINAPI MapViewOfFileFromApp(HANDLE hFileMappingObject, ULONG DesiredAccess,
				  ULONGLONG FileOffset, SIZE_T NumberOfBytesToMap)
{
	return MapViewOfFileEx(hFileMappingObject, DesiredAccess, (DWORD)(FileOffset >> 32),
			       (DWORD)FileOffset, NumberOfBytesToMap, NULL);
}

DWORD section_access_of_protection(ULONG protect)
{
	switch (protect) {
	case PAGE_NOACCESS:             return 0;
	case PAGE_READONLY:             return FILE_MAP_READ;
	case PAGE_READWRITE:            return FILE_MAP_WRITE;
	case PAGE_WRITECOPY:            return FILE_MAP_COPY;
	case PAGE_EXECUTE_READ:         return FILE_MAP_READ | FILE_MAP_EXECUTE;
	case PAGE_EXECUTE_READWRITE:    return FILE_MAP_WRITE | FILE_MAP_EXECUTE;
	case PAGE_EXECUTE_WRITECOPY:    return FILE_MAP_COPY | FILE_MAP_EXECUTE;
	default:                        return 0xffffffffu;
	}
}

/* MapViewOfFile3 with the node as its extended parameter: into the process
 * ProcessHandle names (NULL is no process here); the base is rounded down to
 * 64 KB, as documented; no reserved or large-page views (AllocationType 0). */
PVOID WINAPI MapViewOfFileNuma2(HANDLE FileMappingHandle, HANDLE ProcessHandle, ULONGLONG Offset,
				PVOID BaseAddress, SIZE_T ViewSize, ULONG AllocationType,
				ULONG PageProtection, ULONG PreferredNode)
{
	MEM_EXTENDED_PARAMETER node = { .Type = MemExtendedParameterNumaNode,
					.ULong = PreferredNode };

	if (!ProcessHandle || AllocationType) {
		SetLastError(ProcessHandle ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
		return NULL;
	}
	return MapViewOfFile3(FileMappingHandle, ProcessHandle, BaseAddress, Offset, ViewSize, 0,
			      PageProtection, &node, 1);
}

PVOID WINAPI MapViewOfFile2(HANDLE FileMappingHandle, HANDLE ProcessHandle, ULONGLONG Offset,
			    PVOID BaseAddress, SIZE_T ViewSize, ULONG AllocationType,
			    ULONG PageProtection)
{
	return MapViewOfFileNuma2(FileMappingHandle, ProcessHandle, Offset, BaseAddress, ViewSize,
				  AllocationType, PageProtection, NUMA_NO_PREFERRED_NODE);
}

/* MEM_UNMAP_WITH_TRANSIENT_BOOST is a scheduling hint; MEM_PRESERVE_PLACEHOLDER
 * gives a view that replaced a placeholder back to it. */
BOOL WINAPI UnmapViewOfFileEx(PVOID BaseAddress, ULONG UnmapFlags)
{
	return UnmapViewOfFile2(GetCurrentProcess(), BaseAddress, UnmapFlags);
}

/* UnmapViewOfFileEx's, in the process Process names. */
BOOL WINAPI UnmapViewOfFile2(HANDLE Process, PVOID BaseAddress, ULONG UnmapFlags)
{
	uint32_t args[3] = { (uint32_t)Process, (uint32_t)BaseAddress,
			     (UnmapFlags & MEM_PRESERVE_PLACEHOLDER) != 0 };

	if (UnmapFlags & ~(MEM_UNMAP_WITH_TRANSIENT_BOOST | MEM_PRESERVE_PLACEHOLDER)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return win32_call(SYS_UNMAP_VIEW2, args, NULL);
}

BOOL WINAPI FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush)
{
	uint32_t args[2] = { (uint32_t)lpBaseAddress, dwNumberOfBytesToFlush };

	return win32_call(SYS_FLUSH_VIEW, args, NULL);
}
