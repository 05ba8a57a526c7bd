/* The W forms of the file, directory, path and disk calls: each converts
 * its names to CP437 and calls the A form (user/lib/wide_arg.h). */
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

BOOL WINAPI MoveFileWithProgressW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName,
				  LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData, DWORD dwFlags)
{
	return WIDE_CALL2(lpExistingFileName, lpNewFileName, FALSE,
			  MoveFileWithProgressA(from, to, lpProgressRoutine, lpData, dwFlags));
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

/* The routine gets the same sizes and handles as from CopyFileExA. */
BOOL WINAPI CopyFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName,
			LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData, LPBOOL pbCancel,
			DWORD dwCopyFlags)
{
	return WIDE_CALL2(lpExistingFileName, lpNewFileName, FALSE,
			  CopyFileExA(from, to, lpProgressRoutine, lpData, pbCancel, dwCopyFlags));
}

BOOL WINAPI CreateHardLinkW(LPCWSTR lpFileName, LPCWSTR lpExistingFileName,
			    LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
	return WIDE_CALL2(lpFileName, lpExistingFileName, FALSE,
			  CreateHardLinkA(from, to, lpSecurityAttributes));
}

BOOL WINAPI ReplaceFileW(LPCWSTR lpReplacedFileName, LPCWSTR lpReplacementFileName,
			 LPCWSTR lpBackupFileName, DWORD dwReplaceFlags, LPVOID lpExclude,
			 LPVOID lpReserved)
{
	char *backup;
	BOOL ok;

	if (!wide_arg(lpBackupFileName, &backup))
		return FALSE;
	ok = WIDE_CALL2(lpReplacedFileName, lpReplacementFileName, FALSE,
			ReplaceFileA(from, to, backup, dwReplaceFlags, lpExclude, lpReserved));
	wide_free(backup);
	return ok;
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

/* Both levels fill a WIN32_FIND_DATAW (FindExInfoBasic leaves
 * cAlternateFileName empty). */
HANDLE WINAPI FindFirstFileExW(LPCWSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
			       LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
			       LPVOID lpSearchFilter, DWORD dwAdditionalFlags)
{
	WIN32_FIND_DATAA data;
	HANDLE h;
	char *a;

	if (IsBadWritePtr(lpFindFileData, sizeof(WIN32_FIND_DATAW))) {
		SetLastError(ERROR_NOACCESS);
		return INVALID_HANDLE_VALUE;
	}
	if (!wide_arg(lpFileName, &a))
		return INVALID_HANDLE_VALUE;
	h = FindFirstFileExA(a, fInfoLevelId, &data, fSearchOp, lpSearchFilter, dwAdditionalFlags);
	wide_free(a);
	if (h != INVALID_HANDLE_VALUE)
		find_data_widen(&data, lpFindFileData);
	return h;
}

HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData)
{
	return FindFirstFileExW(lpFileName, FindExInfoStandard, lpFindFileData,
				FindExSearchNameMatch, NULL, 0);
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

/* The answer of an A call that wrote a (a wide_scratch of n bytes) and
 * returned r, the length or the size needed, put in w; *w_part (when
 * asked) points into w where a_part pointed into a. */
static void path_widen(DWORD r, const char *a, const char *a_part, LPWSTR w, DWORD n,
			LPWSTR *w_part)
{
	if (r && r < n && a) {
		wide_widen(a, w, r + 1);
		if (w_part)
			*w_part = a_part ? w + (a_part - a) : NULL;
	}
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
		path_widen(n, a, part, lpBuffer, nBufferLength, lpFilePart);
	}
	wide_free(name);
	wide_free(a);
	return n;
}

/* As SearchPathA, counted in WCHARs; *lpFilePart points into lpBuffer. */
DWORD WINAPI SearchPathW(LPCWSTR lpPath, LPCWSTR lpFileName, LPCWSTR lpExtension,
			 DWORD nBufferLength, LPWSTR lpBuffer, LPWSTR *lpFilePart)
{
	char *path = NULL, *name = NULL, *ext = NULL, *a = NULL, *part = NULL;
	DWORD n = 0;

	if (wide_arg(lpPath, &path) && wide_arg(lpFileName, &name) &&
	    wide_arg(lpExtension, &ext) && wide_scratch(lpBuffer, nBufferLength, &a)) {
		n = SearchPathA(path, name, ext, nBufferLength, a, lpFilePart ? &part : NULL);
		path_widen(n, a, part, lpBuffer, nBufferLength, lpFilePart);
	}
	wide_free(path);
	wide_free(name);
	wide_free(ext);
	wide_free(a);
	return n;
}

/* GetShortPathNameW and GetLongPathNameW: their A form's answer, in WCHARs
 * (in and out may be one buffer: in is converted first). */
static DWORD path_form_wide(DWORD (WINAPI *call)(LPCSTR, LPSTR, DWORD), LPCWSTR in, LPWSTR out,
			    DWORD size)
{
	char *name, *a = NULL;
	DWORD n = 0;

	if (!in) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (wide_arg(in, &name) && wide_scratch(out, size, &a)) {
		n = call(name, a, size);
		path_widen(n, a, NULL, out, size, NULL);
	}
	wide_free(name);
	wide_free(a);
	return n;
}

DWORD WINAPI GetShortPathNameW(LPCWSTR lpszLongPath, LPWSTR lpszShortPath, DWORD cchBuffer)
{
	return path_form_wide(GetShortPathNameA, lpszLongPath, lpszShortPath, cchBuffer);
}

DWORD WINAPI GetLongPathNameW(LPCWSTR lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer)
{
	return path_form_wide(GetLongPathNameA, lpszShortPath, lpszLongPath, cchBuffer);
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
