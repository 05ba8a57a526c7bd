/* The W forms of the file, directory and disk calls: each converts its
 * names to CP437 and calls the A form (user/lib/wide_arg.h). */
#include "user/lib/wide_arg.h"

HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
	return WIDE_CALL(lpFileName, INVALID_HANDLE_VALUE,
			 CreateFileA(a, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
			             dwCreationDisposition, dwFlagsAndAttributes,
			             hTemplateFile));
}

BOOL WINAPI DeleteFileW(LPCWSTR lpFileName)
{
	return WIDE_CALL(lpFileName, FALSE, DeleteFileA(a));
}

BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags)
{
	return WIDE_CALL2(lpExistingFileName, lpNewFileName, FALSE,
			  MoveFileExA(from, to, dwFlags));
}

BOOL WINAPI MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName)
{
	return WIDE_CALL2(lpExistingFileName, lpNewFileName, FALSE, MoveFileA(from, to));
}

BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists)
{
	return WIDE_CALL2(lpExistingFileName, lpNewFileName, FALSE,
			  CopyFileA(from, to, bFailIfExists));
}

BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
	return WIDE_CALL(lpPathName, FALSE, CreateDirectoryA(a, lpSecurityAttributes));
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName)
{
	return WIDE_CALL(lpPathName, FALSE, RemoveDirectoryA(a));
}

DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName)
{
	return WIDE_CALL(lpFileName, INVALID_FILE_ATTRIBUTES, GetFileAttributesA(a));
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
				 LPVOID lpFileInformation)
{
	return WIDE_CALL(lpFileName, FALSE,
			 GetFileAttributesExA(a, fInfoLevelId, lpFileInformation));
}

BOOL WINAPI SetFileAttributesW(LPCWSTR lpFileName, DWORD dwFileAttributes)
{
	return WIDE_CALL(lpFileName, FALSE, SetFileAttributesA(a, dwFileAttributes));
}

/* The A form's find data as the W form's. */
static void find_data_widen(const WIN32_FIND_DATAA *a, LPWIN32_FIND_DATAW w)
{
	w->dwFileAttributes = a->dwFileAttributes;
	w->ftCreationTime = a->ftCreationTime;
	w->ftLastAccessTime = a->ftLastAccessTime;
	w->ftLastWriteTime = a->ftLastWriteTime;
	w->nFileSizeHigh = a->nFileSizeHigh;
	w->nFileSizeLow = a->nFileSizeLow;
	w->dwReserved0 = a->dwReserved0;
	w->dwReserved1 = a->dwReserved1;
	wide_widen(a->cFileName, w->cFileName, MAX_PATH);
	wide_widen(a->cAlternateFileName, w->cAlternateFileName, 14);
}

HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData)
{
	WIN32_FIND_DATAA data;
	HANDLE h;
	char *a;

	if (IsBadWritePtr(lpFindFileData, sizeof(*lpFindFileData))) {
		SetLastError(ERROR_NOACCESS);
		return INVALID_HANDLE_VALUE;
	}
	if (!wide_arg(lpFileName, &a))
		return INVALID_HANDLE_VALUE;
	h = FindFirstFileA(a, &data);
	wide_free(a);
	if (h != INVALID_HANDLE_VALUE)
		find_data_widen(&data, lpFindFileData);
	return h;
}

BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData)
{
	WIN32_FIND_DATAA data;

	if (IsBadWritePtr(lpFindFileData, sizeof(*lpFindFileData))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!FindNextFileA(hFindFile, &data))
		return FALSE;
	find_data_widen(&data, lpFindFileData);
	return TRUE;
}

/* The A form's count is the W form's (one unit per byte): the length on
 * success, the size needed (NUL included) when nBufferLength is short. */
DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)
{
	char *a;
	DWORD n;

	if (!wide_scratch(lpBuffer, nBufferLength, &a))
		return 0;
	n = GetCurrentDirectoryA(nBufferLength, a);
	if (n && n < nBufferLength)
		wide_widen(a, lpBuffer, n + 1);
	wide_free(a);
	return n;
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR lpPathName)
{
	return WIDE_CALL(lpPathName, FALSE, SetCurrentDirectoryA(a));
}

/* As GetFullPathNameA, counted in WCHARs; *lpFilePart points into
 * lpBuffer. */
DWORD WINAPI GetFullPathNameW(LPCWSTR lpFileName, DWORD nBufferLength, LPWSTR lpBuffer,
			      LPWSTR *lpFilePart)
{
	char *name, *a = NULL, *part = NULL;
	DWORD n = 0;

	if (wide_arg(lpFileName, &name) && wide_scratch(lpBuffer, nBufferLength, &a)) {
		n = GetFullPathNameA(name, nBufferLength, a, lpFilePart ? &part : NULL);
		if (n && n < nBufferLength) {
			wide_widen(a, lpBuffer, n + 1);
			if (lpFilePart)
				*lpFilePart = part ? lpBuffer + (part - a) : NULL;
		}
	}
	wide_free(name);
	wide_free(a);
	return n;
}

BOOL WINAPI GetDiskFreeSpaceW(LPCWSTR lpRootPathName, LPDWORD lpSectorsPerCluster,
			      LPDWORD lpBytesPerSector, LPDWORD lpNumberOfFreeClusters,
			      LPDWORD lpTotalNumberOfClusters)
{
	return WIDE_CALL(lpRootPathName, FALSE,
			 GetDiskFreeSpaceA(a, lpSectorsPerCluster, lpBytesPerSector,
			                   lpNumberOfFreeClusters, lpTotalNumberOfClusters));
}

BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR lpDirectoryName,
				PULARGE_INTEGER lpFreeBytesAvailableToCaller,
				PULARGE_INTEGER lpTotalNumberOfBytes,
				PULARGE_INTEGER lpTotalNumberOfFreeBytes)
{
	return WIDE_CALL(lpDirectoryName, FALSE,
			 GetDiskFreeSpaceExA(a, lpFreeBytesAvailableToCaller,
			                     lpTotalNumberOfBytes, lpTotalNumberOfFreeBytes));
}

/* A root CP437 cannot name is no root: DRIVE_NO_ROOT_DIR. */
UINT WINAPI GetDriveTypeW(LPCWSTR lpRootPathName)
{
	return WIDE_CALL(lpRootPathName, DRIVE_NO_ROOT_DIR, GetDriveTypeA(a));
}

DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer)
{
	char *a;
	DWORD n;

	if (!wide_scratch(lpBuffer, nBufferLength, &a))
		return 0;
	n = GetTempPathA(nBufferLength, a);
	if (n && n < nBufferLength)
		wide_widen(a, lpBuffer, n + 1);
	wide_free(a);
	return n;
}

/* lpTempFileName holds MAX_PATH WCHARs, as the A form's holds MAX_PATH
 * bytes. */
UINT WINAPI GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
			     LPWSTR lpTempFileName)
{
	char *path, *prefix = NULL, *a = NULL;
	UINT u = 0;

	if (wide_arg(lpPathName, &path) && wide_arg(lpPrefixString, &prefix) &&
	    wide_scratch(lpTempFileName, MAX_PATH, &a)) {
		u = GetTempFileNameA(path, prefix, uUnique, a);
		if (u)
			wide_widen(a, lpTempFileName, MAX_PATH);
	}
	wide_free(path);
	wide_free(prefix);
	wide_free(a);
	return u;
}
