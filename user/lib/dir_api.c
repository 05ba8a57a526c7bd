/* Files by name (<windows.h>): DeleteFileA, MoveFileA/ExA, CopyFileA,
 * CreateDirectoryA, RemoveDirectoryA, Get/SetFileAttributesA, the
 * FindFirstFileA enumeration, the current directory, GetFullPathNameA and
 * GetDiskFreeSpace(Ex)A. Paths are resolved by the kernel
 * (kernel/sys/sys_path.c); CopyFileA and MoveFileExA's copy across volumes
 * are done here, as kernel32 does them. */
#include <windows.h>
#include <string.h>
#include "win32call.h"

static BOOL one_path(uint32_t nr, LPCSTR path)
{
	uint32_t args[1] = { (uint32_t)path };

	return win32_call(nr, args, NULL);
}

BOOL WINAPI DeleteFileA(LPCSTR lpFileName) { return one_path(SYS_DELETE_FILE, lpFileName); }
BOOL WINAPI RemoveDirectoryA(LPCSTR lpPathName) { return one_path(SYS_REMOVE_DIRECTORY, lpPathName); }
BOOL WINAPI SetCurrentDirectoryA(LPCSTR lpPathName)
{
	return one_path(SYS_SET_CURRENT_DIRECTORY, lpPathName);
}

BOOL WINAPI CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
	(void)lpSecurityAttributes;     /* FAT keeps no security */
	return one_path(SYS_CREATE_DIRECTORY, lpPathName);
}

DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName)
{
	uint32_t args[2] = { (uint32_t)lpFileName, 0 }, attr;

	return win32_call(SYS_GET_FILE_ATTRIBUTES, args, &attr) ? attr : INVALID_FILE_ATTRIBUTES;
}

BOOL WINAPI SetFileAttributesA(LPCSTR lpFileName, DWORD dwFileAttributes)
{
	uint32_t args[2] = { (uint32_t)lpFileName, dwFileAttributes };

	return win32_call(SYS_SET_FILE_ATTRIBUTES, args, NULL);
}

#define COPY_CHUNK 65536

/* Copies from's data, attributes and last-write time to to (created, or
 * replaced unless fail_if_exists: ERROR_FILE_EXISTS). The buffer is the
 * call's own: threads copy at once. */
BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists)
{
	HANDLE in, out;
	FILETIME written;
	DWORD attr, n, put;
	char *buf;
	BOOL ok;

	in = CreateFileA(lpExistingFileName, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
			 0, NULL);
	if (in == INVALID_HANDLE_VALUE)
		return FALSE;
	attr = GetFileAttributesA(lpExistingFileName);
	out = CreateFileA(lpNewFileName, GENERIC_WRITE, 0, NULL,
			  bFailIfExists ? CREATE_NEW : CREATE_ALWAYS,
			  attr & ~FILE_ATTRIBUTE_READONLY & ~FILE_ATTRIBUTE_NORMAL, NULL);
	if (out == INVALID_HANDLE_VALUE) {
		CloseHandle(in);
		return FALSE;
	}
	if (!(ok = (buf = HeapAlloc(GetProcessHeap(), 0, COPY_CHUNK)) != NULL))
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	while (ok && (ok = ReadFile(in, buf, COPY_CHUNK, &n, NULL)) && n)
		ok = WriteFile(out, buf, n, &put, NULL);
	if (ok && GetFileTime(in, NULL, NULL, &written))
		ok = SetFileTime(out, NULL, NULL, &written);
	if (buf)
		HeapFree(GetProcessHeap(), 0, buf);
	CloseHandle(in);
	CloseHandle(out);
	if (ok && (attr & FILE_ATTRIBUTE_READONLY))
		ok = SetFileAttributesA(lpNewFileName, attr);
	if (!ok) {
		DWORD error = GetLastError();
		DeleteFileA(lpNewFileName);
		SetLastError(error);
	}
	return ok;
}

BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags)
{
	uint32_t args[3] = { (uint32_t)lpExistingFileName, (uint32_t)lpNewFileName, dwFlags };

	if (win32_call(SYS_MOVE_FILE, args, NULL))
		return TRUE;
	if (GetLastError() != ERROR_NOT_SAME_DEVICE || !(dwFlags & MOVEFILE_COPY_ALLOWED))
		return FALSE;
	return CopyFileA(lpExistingFileName, lpNewFileName,
			 !(dwFlags & MOVEFILE_REPLACE_EXISTING)) && DeleteFileA(lpExistingFileName);
}

BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName)
{
	return MoveFileExA(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}

/* Find handles are kernel handles to the directory being enumerated. */
HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData)
{
	uint32_t args[2] = { (uint32_t)lpFileName, (uint32_t)lpFindFileData }, h;

	return win32_call(SYS_FIND_FIRST_FILE, args, &h) ? (HANDLE)h : INVALID_HANDLE_VALUE;
}

BOOL WINAPI FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData)
{
	uint32_t args[2] = { (uint32_t)hFindFile, (uint32_t)lpFindFileData };

	return win32_call(SYS_FIND_NEXT_FILE, args, NULL);
}

BOOL WINAPI FindClose(HANDLE hFindFile)
{
	if (hFindFile == INVALID_HANDLE_VALUE) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return CloseHandle(hFindFile);
}

/* The length copied (without the NUL), or the size needed (with it) when
 * nBufferLength is too small; 0 on failure. */
DWORD WINAPI GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer)
{
	uint32_t args[2] = { (uint32_t)lpBuffer, nBufferLength }, n;

	return win32_call(SYS_GET_CURRENT_DIRECTORY, args, &n) ? n : 0;
}

DWORD WINAPI GetFullPathNameA(LPCSTR lpFileName, DWORD nBufferLength, LPSTR lpBuffer,
			      LPSTR *lpFilePart)
{
	uint32_t args[3] = { (uint32_t)lpFileName, (uint32_t)lpBuffer, nBufferLength }, n;
	char *last;

	if (!win32_call(SYS_GET_FULL_PATH, args, &n))
		return 0;
	if (lpFilePart && n < nBufferLength) {
		last = strrchr(lpBuffer, '\\');
		*lpFilePart = last && last[1] ? last + 1 : NULL;
	}
	return n;
}

/* The volume's figures: sectors per cluster, bytes per sector, free and
 * total clusters. */
static BOOL disk_space(LPCSTR root, DWORD out[4])
{
	uint32_t args[2] = { (uint32_t)root, (uint32_t)out };

	return win32_call(SYS_DISK_FREE_SPACE, args, NULL);
}

BOOL WINAPI GetDiskFreeSpaceA(LPCSTR lpRootPathName, LPDWORD lpSectorsPerCluster,
			      LPDWORD lpBytesPerSector, LPDWORD lpNumberOfFreeClusters,
			      LPDWORD lpTotalNumberOfClusters)
{
	DWORD s[4];

	if (!disk_space(lpRootPathName, s))
		return FALSE;
	if (lpBytesPerSector)
		*lpBytesPerSector = s[0];
	if (lpSectorsPerCluster)
		*lpSectorsPerCluster = s[1];
	if (lpNumberOfFreeClusters)
		*lpNumberOfFreeClusters = s[2];
	if (lpTotalNumberOfClusters)
		*lpTotalNumberOfClusters = s[3];
	return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceExA(LPCSTR lpDirectoryName, PULARGE_INTEGER lpFreeBytesAvailableToCaller,
				PULARGE_INTEGER lpTotalNumberOfBytes,
				PULARGE_INTEGER lpTotalNumberOfFreeBytes)
{
	DWORD s[4];
	ULONGLONG cluster;

	if (!disk_space(lpDirectoryName, s))
		return FALSE;
	cluster = (ULONGLONG)s[0] * s[1];
	if (lpFreeBytesAvailableToCaller)
		lpFreeBytesAvailableToCaller->QuadPart = cluster * s[2];
	if (lpTotalNumberOfBytes)
		lpTotalNumberOfBytes->QuadPart = cluster * s[3];
	if (lpTotalNumberOfFreeBytes)
		lpTotalNumberOfFreeBytes->QuadPart = cluster * s[2];
	return TRUE;
}
