/* Files by name (<windows.h>): DeleteFileA, MoveFileA/ExA, CopyFile(Ex)A,
 * CreateHardLinkA, CreateDirectoryA, RemoveDirectoryA,
 * Get/SetFileAttributesA, the FindFirstFile(Ex)A enumeration, the current
 * directory, GetFullPathNameA and GetDiskFreeSpace(Ex)A. Paths are resolved
 * by the kernel (kernel/sys/sys_path.c); CopyFileExA and MoveFileExA's copy
 * across volumes are done here, as kernel32 does them. */
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
#define COPY_FILE_VALID (COPY_FILE_FAIL_IF_EXISTS | COPY_FILE_RESTARTABLE |              \
			 COPY_FILE_OPEN_SOURCE_FOR_WRITE |                                   \
			 COPY_FILE_ALLOW_DECRYPTED_DESTINATION | COPY_FILE_COPY_SYMLINK |    \
			 COPY_FILE_NO_BUFFERING)

/* A copy's progress: what CopyFileExA tells its routine, and whether the
 * caller asked to stop. */
struct copy_progress {
	LPPROGRESS_ROUTINE routine;     /* NULL: none, or PROGRESS_QUIET said */
	LPVOID data;
	LPBOOL cancel;
	LARGE_INTEGER total, done;
	HANDLE in, out;
};

/* Reports reason to the routine; FALSE with ERROR_REQUEST_ABORTED when it
 * or *cancel stops the copy (*keep: PROGRESS_STOP, the partial copy stays). */
static BOOL copy_report(struct copy_progress *p, DWORD reason, BOOL *keep)
{
	DWORD answer = PROGRESS_CONTINUE;

	if (p->routine)
		answer = p->routine(p->total, p->done, p->total, p->done, 1, reason, p->in,
				    p->out, p->data);
	if (answer == PROGRESS_QUIET)
		p->routine = NULL;
	*keep = answer == PROGRESS_STOP;
	if (answer == PROGRESS_CANCEL || answer == PROGRESS_STOP || (p->cancel && *p->cancel)) {
		SetLastError(ERROR_REQUEST_ABORTED);
		return FALSE;
	}
	return TRUE;
}

/* Copies from's data, attributes and last-write time to to (created, or
 * replaced unless COPY_FILE_FAIL_IF_EXISTS: ERROR_FILE_EXISTS; the source
 * opened for writing too with COPY_FILE_OPEN_SOURCE_FOR_WRITE). The routine
 * (may be NULL) hears CALLBACK_STREAM_SWITCH first, then
 * CALLBACK_CHUNK_FINISHED after each 64 KB; PROGRESS_CANCEL or *pbCancel
 * set ends the copy with ERROR_REQUEST_ABORTED and no new file,
 * PROGRESS_STOP likewise but the partial file stays. The buffer is the
 * call's own: threads copy at once. */
BOOL WINAPI CopyFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName,
			LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData, LPBOOL pbCancel,
			DWORD dwCopyFlags)
{
	struct copy_progress p = { .routine = lpProgressRoutine, .data = lpData,
				   .cancel = pbCancel };
	FILETIME written;
	DWORD attr, n, put;
	BOOL ok, keep = FALSE;
	char *buf;

	if (dwCopyFlags & ~COPY_FILE_VALID) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	p.in = CreateFileA(lpExistingFileName, GENERIC_READ |
			   (dwCopyFlags & COPY_FILE_OPEN_SOURCE_FOR_WRITE ? GENERIC_WRITE : 0),
			   FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	if (p.in == INVALID_HANDLE_VALUE)
		return FALSE;
	attr = GetFileAttributesA(lpExistingFileName);
	p.out = CreateFileA(lpNewFileName, GENERIC_WRITE, 0, NULL,
			    dwCopyFlags & COPY_FILE_FAIL_IF_EXISTS ? CREATE_NEW : CREATE_ALWAYS,
			    attr & ~FILE_ATTRIBUTE_READONLY & ~FILE_ATTRIBUTE_NORMAL, NULL);
	if (p.out == INVALID_HANDLE_VALUE) {
		CloseHandle(p.in);
		return FALSE;
	}
	if (!(ok = (buf = HeapAlloc(GetProcessHeap(), 0, COPY_CHUNK)) != NULL))
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	ok = ok && GetFileSizeEx(p.in, &p.total) && copy_report(&p, CALLBACK_STREAM_SWITCH, &keep);
	while (ok && (ok = ReadFile(p.in, buf, COPY_CHUNK, &n, NULL)) && n &&
	       (ok = WriteFile(p.out, buf, n, &put, NULL))) {
		p.done.QuadPart += n;
		ok = copy_report(&p, CALLBACK_CHUNK_FINISHED, &keep);
	}
	if (ok && GetFileTime(p.in, NULL, NULL, &written))
		ok = SetFileTime(p.out, NULL, NULL, &written);
	if (buf)
		HeapFree(GetProcessHeap(), 0, buf);
	CloseHandle(p.in);
	CloseHandle(p.out);
	if (ok && (attr & FILE_ATTRIBUTE_READONLY))
		ok = SetFileAttributesA(lpNewFileName, attr);
	if (!ok && !keep) {
		DWORD error = GetLastError();
		DeleteFileA(lpNewFileName);
		SetLastError(error);
	}
	return ok;
}

BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists)
{
	return CopyFileExA(lpExistingFileName, lpNewFileName, NULL, NULL, NULL,
			   bFailIfExists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

#define MOVEFILE_VALID (MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED |                 \
			MOVEFILE_DELAY_UNTIL_REBOOT | MOVEFILE_WRITE_THROUGH |                \
			MOVEFILE_CREATE_HARDLINK | MOVEFILE_FAIL_IF_NOT_TRACKABLE)

/* Renames or moves within a volume (the kernel's rules); across volumes
 * with MOVEFILE_COPY_ALLOWED a copy (CopyFileEx's, reporting to the
 * progress routine) and a delete. MOVEFILE_WRITE_THROUGH
 * changes nothing (the move is written in order, as every metadata change);
 * MOVEFILE_CREATE_HARDLINK (reserved) and MOVEFILE_FAIL_IF_NOT_TRACKABLE
 * (no link tracking here) are accepted. MOVEFILE_DELAY_UNTIL_REBOOT needs
 * an administrator, whom vados has not (no groups, no registry): always
 * ERROR_ACCESS_DENIED; with MOVEFILE_COPY_ALLOWED ERROR_INVALID_PARAMETER. */
BOOL WINAPI MoveFileWithProgressA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName,
				  LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData, DWORD dwFlags)
{
	uint32_t args[3] = { (uint32_t)lpExistingFileName, (uint32_t)lpNewFileName,
			     dwFlags & MOVEFILE_REPLACE_EXISTING };

	if (dwFlags & ~MOVEFILE_VALID ||
	    (dwFlags & MOVEFILE_DELAY_UNTIL_REBOOT && dwFlags & MOVEFILE_COPY_ALLOWED)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (dwFlags & MOVEFILE_DELAY_UNTIL_REBOOT) {
		SetLastError(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	if (win32_call(SYS_MOVE_FILE, args, NULL))
		return TRUE;
	if (GetLastError() != ERROR_NOT_SAME_DEVICE || !(dwFlags & MOVEFILE_COPY_ALLOWED))
		return FALSE;
	return CopyFileExA(lpExistingFileName, lpNewFileName, lpProgressRoutine, lpData, NULL,
			   dwFlags & MOVEFILE_REPLACE_EXISTING ? 0 : COPY_FILE_FAIL_IF_EXISTS) &&
	       DeleteFileA(lpExistingFileName);
}

BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags)
{
	return MoveFileWithProgressA(lpExistingFileName, lpNewFileName, NULL, NULL, dwFlags);
}

BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName)
{
	return MoveFileExA(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}

#define REPLACEFILE_VALID (REPLACEFILE_WRITE_THROUGH | REPLACEFILE_IGNORE_MERGE_ERRORS |       \
			   REPLACEFILE_IGNORE_ACL_ERRORS)

/* The replaced file's creation time and attributes (what FAT can merge)
 * put on the replacement, opened without sharing as Windows opens it; the
 * replaced one is opened for GENERIC_READ | DELETE sharing everything
 * first. Either open's error is the call's. */
static BOOL replace_merge(LPCSTR replaced, LPCSTR replacement)
{
	HANDLE old, new;
	FILETIME created;
	DWORD attr = INVALID_FILE_ATTRIBUTES;
	BOOL ok;

	old = CreateFileA(replaced, GENERIC_READ | DELETE,
			  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
			  OPEN_EXISTING, 0, NULL);
	if (old == INVALID_HANDLE_VALUE)
		return FALSE;
	ok = GetFileTime(old, &created, NULL, NULL) &&
	     (attr = GetFileAttributesA(replaced)) != INVALID_FILE_ATTRIBUTES;
	CloseHandle(old);
	if (ok && attr & FILE_ATTRIBUTE_READONLY) {
		SetLastError(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	new = ok ? CreateFileA(replacement, GENERIC_READ | GENERIC_WRITE | DELETE, 0, NULL,
			       OPEN_EXISTING, 0, NULL) : INVALID_HANDLE_VALUE;
	if (new == INVALID_HANDLE_VALUE)
		return FALSE;
	ok = SetFileTime(new, &created, NULL, NULL);
	CloseHandle(new);
	return ok && SetFileAttributesA(replacement, attr);
}

/* The replacement takes the replaced file's name, creation time and
 * attributes; the replaced file becomes lpBackupFileName (replacing it) or
 * goes. Refused before anything changes: a missing file's own error, an
 * open one's ERROR_SHARING_VIOLATION, a READONLY replaced file
 * ERROR_ACCESS_DENIED, lpExclude, lpReserved or an unknown flag
 * ERROR_INVALID_PARAMETER. Then ERROR_UNABLE_TO_REMOVE_REPLACED (both names
 * as they were) or ERROR_UNABLE_TO_MOVE_REPLACEMENT (the replaced file back
 * from its backup, else gone), as documented. */
BOOL WINAPI ReplaceFileA(LPCSTR lpReplacedFileName, LPCSTR lpReplacementFileName,
			 LPCSTR lpBackupFileName, DWORD dwReplaceFlags, LPVOID lpExclude,
			 LPVOID lpReserved)
{
	if (lpExclude || lpReserved || dwReplaceFlags & ~REPLACEFILE_VALID) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!replace_merge(lpReplacedFileName, lpReplacementFileName))
		return FALSE;
	if (!(lpBackupFileName ? MoveFileExA(lpReplacedFileName, lpBackupFileName,
					     MOVEFILE_REPLACE_EXISTING)
			       : DeleteFileA(lpReplacedFileName))) {
		SetLastError(ERROR_UNABLE_TO_REMOVE_REPLACED);
		return FALSE;
	}
	if (!MoveFileExA(lpReplacementFileName, lpReplacedFileName, 0)) {
		/* _2: the replaced file stays under the backup's name. */
		SetLastError(lpBackupFileName &&
			     !MoveFileExA(lpBackupFileName, lpReplacedFileName, 0) ?
			     ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 : ERROR_UNABLE_TO_MOVE_REPLACEMENT);
		return FALSE;
	}
	return TRUE;
}

/* A file system without links (FAT): the existing file's own error when it
 * is missing, ERROR_ACCESS_DENIED for a directory, else ERROR_INVALID_FUNCTION,
 * Windows' answer on FAT. */
BOOL WINAPI CreateHardLinkA(LPCSTR lpFileName, LPCSTR lpExistingFileName,
			    LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
	DWORD attr = GetFileAttributesA(lpExistingFileName);

	(void)lpFileName;
	(void)lpSecurityAttributes;
	if (attr == INVALID_FILE_ATTRIBUTES)
		return FALSE;
	SetLastError(attr & FILE_ATTRIBUTE_DIRECTORY ? ERROR_ACCESS_DENIED
						       : ERROR_INVALID_FUNCTION);
	return FALSE;
}

#define FIND_FIRST_EX_VALID (FIND_FIRST_EX_CASE_SENSITIVE | FIND_FIRST_EX_LARGE_FETCH |      \
			     FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY)

/* Find handles are kernel handles to the directory being enumerated.
 * FindExInfoBasic leaves every answer's cAlternateFileName empty;
 * FindExSearchLimitToDirectories, advice a file system may take, is taken:
 * only directories are listed; FIND_FIRST_EX_CASE_SENSITIVE changes nothing
 * on FAT, whose names compare without case, and FIND_FIRST_EX_LARGE_FETCH
 * and ON_DISK_ENTRIES_ONLY nothing either. Another level or search, a
 * search filter or an unknown flag: ERROR_INVALID_PARAMETER. */
HANDLE WINAPI FindFirstFileExA(LPCSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
			       LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
			       LPVOID lpSearchFilter, DWORD dwAdditionalFlags)
{
	uint32_t args[3] = { (uint32_t)lpFileName, (uint32_t)lpFindFileData,
			     (fInfoLevelId == FindExInfoBasic ? VADOS_FIND_BASIC : 0) |
			     (fSearchOp == FindExSearchLimitToDirectories ? VADOS_FIND_DIRECTORIES
									  : 0) }, h;

	if ((fInfoLevelId != FindExInfoStandard && fInfoLevelId != FindExInfoBasic) ||
	    (fSearchOp != FindExSearchNameMatch && fSearchOp != FindExSearchLimitToDirectories) ||
	    lpSearchFilter || dwAdditionalFlags & ~FIND_FIRST_EX_VALID) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	return win32_call(SYS_FIND_FIRST_FILE, args, &h) ? (HANDLE)h : INVALID_HANDLE_VALUE;
}

HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData)
{
	return FindFirstFileExA(lpFileName, FindExInfoStandard, lpFindFileData,
				FindExSearchNameMatch, NULL, 0);
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
