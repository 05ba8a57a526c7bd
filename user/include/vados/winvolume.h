/* Volume and file calls of <windows.h> beyond winfiles.h's (user/lib/
 * volume_api.c; MoveFileWithProgress in dir_api.c): the drives' roots and
 * device names, a path's volume, the size a file takes, CreateFile2, an
 * executable's type, the valid data length. Included by <windows.h>. */
#ifndef VADOS_WINVOLUME_H
#define VADOS_WINVOLUME_H

/* GetBinaryType's answers. */
#define SCS_32BIT_BINARY 0
#define SCS_DOS_BINARY   1
#define SCS_WOW_BINARY   2
#define SCS_PIF_BINARY   3
#define SCS_POSIX_BINARY 4
#define SCS_OS216_BINARY 5
#define SCS_64BIT_BINARY 6

typedef struct _CREATEFILE2_EXTENDED_PARAMETERS {
	DWORD dwSize;
	DWORD dwFileAttributes;
	DWORD dwFileFlags;
	DWORD dwSecurityQosFlags;
	LPSECURITY_ATTRIBUTES lpSecurityAttributes;
	HANDLE hTemplateFile;
} CREATEFILE2_EXTENDED_PARAMETERS, *PCREATEFILE2_EXTENDED_PARAMETERS,
  *LPCREATEFILE2_EXTENDED_PARAMETERS;

/* "C:\", "D:\"... each NUL-ended, one more NUL after the last: the length
 * without that last NUL; a buffer too small: the size needed, nothing
 * written. */
WINAPI DWORD GetLogicalDriveStringsA(DWORD nBufferLength, LPSTR lpBuffer);
WINAPI DWORD GetLogicalDriveStringsW(DWORD nBufferLength, LPWSTR lpBuffer);
/* The root of the volume holding the path ("C:\"); a path without a drive
 * of a mounted volume: the boot volume's, C:\. "": FALSE with
 * ERROR_SUCCESS; a buffer of 3: "C:"; smaller: ERROR_FILENAME_EXCED_RANGE. */
WINAPI BOOL GetVolumePathNameA(LPCSTR lpszFileName, LPSTR lpszVolumePathName,
			       DWORD cchBufferLength);
WINAPI BOOL GetVolumePathNameW(LPCWSTR lpszFileName, LPWSTR lpszVolumePathName,
			       DWORD cchBufferLength);
/* "C:" -> "\Device\HarddiskVolume1" (then two NULs); NULL: every drive's
 * name. The characters stored; 0 with ERROR_FILE_NOT_FOUND (no such name)
 * or ERROR_INSUFFICIENT_BUFFER. */
WINAPI DWORD QueryDosDeviceA(LPCSTR lpDeviceName, LPSTR lpTargetPath, DWORD ucchMax);
WINAPI DWORD QueryDosDeviceW(LPCWSTR lpDeviceName, LPWSTR lpTargetPath, DWORD ucchMax);
/* FAT compresses nothing: the file's size (its high half in
 * *lpFileSizeHigh); INVALID_FILE_SIZE with the error on failure
 * (ERROR_SUCCESS when the size's low half is just that). */
WINAPI DWORD GetCompressedFileSizeA(LPCSTR lpFileName, LPDWORD lpFileSizeHigh);
WINAPI DWORD GetCompressedFileSizeW(LPCWSTR lpFileName, LPDWORD lpFileSizeHigh);
/* CreateFileW with the attributes, flags and QoS flags, security
 * attributes and template of pCreateExParams (NULL: none; a dwSize not
 * the structure's: ERROR_INVALID_PARAMETER). */
WINAPI HANDLE CreateFile2(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  DWORD dwCreationDisposition,
			  LPCREATEFILE2_EXTENDED_PARAMETERS pCreateExParams);
/* Whether the file is a program and of which kind: a PE image by its
 * optional header (SCS_32BIT_BINARY, SCS_64BIT_BINARY; a DLL:
 * ERROR_BAD_EXE_FORMAT), vados's own i386 ELF programs SCS_32BIT_BINARY,
 * an MZ header alone SCS_DOS_BINARY, NE SCS_WOW_BINARY; anything else
 * ERROR_BAD_EXE_FORMAT. */
WINAPI BOOL GetBinaryTypeA(LPCSTR lpApplicationName, LPDWORD lpBinaryType);
WINAPI BOOL GetBinaryTypeW(LPCWSTR lpApplicationName, LPDWORD lpBinaryType);
/* MoveFileEx whose copy across volumes (MOVEFILE_COPY_ALLOWED) reports to
 * lpProgressRoutine as CopyFileEx does (a rename calls it not). */
WINAPI BOOL MoveFileWithProgressA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName,
				  LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData,
				  DWORD dwFlags);
WINAPI BOOL MoveFileWithProgressW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName,
				  LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData,
				  DWORD dwFlags);
/* A file opened for writing, and the caller's SeManageVolumePrivilege
 * enabled (else ERROR_PRIVILEGE_NOT_HELD); FAT's data is valid to the
 * end, so a length in 0..size is taken as it is (another:
 * ERROR_INVALID_PARAMETER). */
WINAPI BOOL SetFileValidData(HANDLE hFile, LONGLONG ValidDataLength);

#ifdef UNICODE
#define GetLogicalDriveStrings GetLogicalDriveStringsW
#define GetVolumePathName      GetVolumePathNameW
#define QueryDosDevice         QueryDosDeviceW
#define GetCompressedFileSize  GetCompressedFileSizeW
#define GetBinaryType          GetBinaryTypeW
#define MoveFileWithProgress   MoveFileWithProgressW
#else
#define GetLogicalDriveStrings GetLogicalDriveStringsA
#define GetVolumePathName      GetVolumePathNameA
#define QueryDosDevice         QueryDosDeviceA
#define GetCompressedFileSize  GetCompressedFileSizeA
#define GetBinaryType          GetBinaryTypeA
#define MoveFileWithProgress   MoveFileWithProgressA
#endif

#endif
