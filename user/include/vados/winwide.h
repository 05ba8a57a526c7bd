/* <windows.h>'s UTF-16 side (Windows' stringapiset.h, winnls.h and the W
 * forms of the A calls), with Windows' values and layouts. Included by
 * <windows.h> last; not on its own.
 *
 * Code pages: the ANSI code page (CP_ACP, GetACP) and the OEM one
 * (CP_OEMCP, GetOEMCP) are both 437, the code page the FAT driver keeps
 * 8-bit names in (kernel/rtl/codepage.c); CP_UTF8 is the other one
 * supported. Every CP437 byte is one UTF-16 character and back, so a W
 * call's character counts are its A call's.
 *
 * The W calls (user/lib/wide_*.c) convert their strings to CP437 and call
 * the A form; what they return is converted back, sized as the W call's
 * own page says (in WCHARs). A name with a character CP437 lacks cannot be
 * a file's or an object's name here: ERROR_INVALID_NAME (Windows, whose
 * names are UTF-16, would take it). An unreadable string: ERROR_NOACCESS. */
#ifndef VADOS_WINWIDE_H
#define VADOS_WINWIDE_H

typedef const CHAR *LPCCH, *PCCH;
typedef WCHAR *PWCHAR;
typedef TCHAR *PTCHAR, *LPTCH, *PTCH;
#ifdef UNICODE
typedef WCHAR TBYTE, *PTBYTE;
#else
typedef unsigned char TBYTE, *PTBYTE;
#endif
#define UNICODE_NULL ((WCHAR)0)

#define CP_ACP        0
#define CP_OEMCP      1
#define CP_MACCP      2
#define CP_THREAD_ACP 3
#define CP_SYMBOL     42
#define CP_UTF7       65000
#define CP_UTF8       65001

#define MB_PRECOMPOSED       0x00000001
#define MB_COMPOSITE         0x00000002
#define MB_USEGLYPHCHARS     0x00000004
#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_DISCARDNS         0x00000010
#define WC_SEPCHARS          0x00000020
#define WC_DEFAULTCHAR       0x00000040
#define WC_ERR_INVALID_CHARS 0x00000080
#define WC_COMPOSITECHECK    0x00000200
#define WC_NO_BEST_FIT_CHARS 0x00000400

#define ERROR_INVALID_FLAGS          1004L
#define ERROR_NO_UNICODE_TRANSLATION 1113L

#define MAX_LEADBYTES   12
#define MAX_DEFAULTCHAR 2
typedef struct _cpinfo {
	UINT MaxCharSize;
	BYTE DefaultChar[MAX_DEFAULTCHAR];
	BYTE LeadByte[MAX_LEADBYTES];
} CPINFO, *LPCPINFO;

/* CodePage: CP_ACP, CP_OEMCP, CP_THREAD_ACP or 437 (CP437), or CP_UTF8;
 * others ERROR_INVALID_PARAMETER. cbMultiByte -1: lpMultiByteStr to its
 * NUL, which is converted too. cchWideChar 0: the characters needed, nothing
 * written. Invalid UTF-8 becomes U+FFFD, or with MB_ERR_INVALID_CHARS
 * fails with ERROR_NO_UNICODE_TRANSLATION. A buffer too small:
 * ERROR_INSUFFICIENT_BUFFER. 0 on failure. */
WINAPI int MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
			       int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar);
/* The reverse: a character CP437 lacks becomes *lpDefaultChar ('?' when
 * NULL) and sets *lpUsedDefaultChar (no best-fit mapping is made); with
 * CP_UTF8 both must be NULL and a lone surrogate becomes U+FFFD, or with
 * WC_ERR_INVALID_CHARS fails with ERROR_NO_UNICODE_TRANSLATION. cbMultiByte
 * 0: the bytes needed. */
WINAPI int WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
			       int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte,
			       LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar);
WINAPI UINT GetACP(VOID);
WINAPI UINT GetOEMCP(VOID);
WINAPI BOOL IsValidCodePage(UINT CodePage);
WINAPI BOOL GetCPInfo(UINT CodePage, LPCPINFO lpCPInfo);

/* lstr*W: lstrlenW(NULL) is 0; lstrcmp(i)W are CompareStringW's word
 * sort less 2 (vados/winnls.h: symbols, digits, then letters regardless of
 * accents and case; then accents; then, for lstrcmpW, case, lower first;
 * hyphens and apostrophes count last), NULL first; lstrcpynW copies at most iMaxLength - 1 characters and always
 * ends the copy with a NUL. */
WINAPI int lstrlenW(LPCWSTR lpString);
WINAPI LPWSTR lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);
WINAPI LPWSTR lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength);
WINAPI LPWSTR lstrcatW(LPWSTR lpString1, LPCWSTR lpString2);
WINAPI int lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
WINAPI int lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2);
WINAPI BOOL IsBadStringPtrW(LPCWSTR lpsz, UINT_PTR ucchMax);

/* Files (vados/winfiles.h's A calls). */
typedef struct _WIN32_FIND_DATAW {                  /* 592 bytes */
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD dwReserved0, dwReserved1;
	WCHAR cFileName[MAX_PATH];
	WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW, *PWIN32_FIND_DATAW, *LPWIN32_FIND_DATAW;

WINAPI HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
WINAPI BOOL DeleteFileW(LPCWSTR lpFileName);
WINAPI HANDLE CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode,
			       DWORD nMaxInstances, DWORD nOutBufferSize, DWORD nInBufferSize,
			       DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
WINAPI BOOL WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut);
WINAPI BOOL GetNamedPipeHandleStateW(HANDLE hNamedPipe, LPDWORD lpState,
				     LPDWORD lpCurInstances, LPDWORD lpMaxCollectionCount,
				     LPDWORD lpCollectDataTimeout, LPWSTR lpUserName,
				     DWORD nMaxUserNameSize);
WINAPI BOOL CallNamedPipeW(LPCWSTR lpNamedPipeName, LPVOID lpInBuffer, DWORD nInBufferSize,
			   LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesRead,
			   DWORD nTimeOut);
WINAPI BOOL MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName);
WINAPI BOOL MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags);
WINAPI BOOL CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists);
WINAPI BOOL CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
WINAPI BOOL RemoveDirectoryW(LPCWSTR lpPathName);
WINAPI DWORD GetFileAttributesW(LPCWSTR lpFileName);
WINAPI BOOL GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
				 LPVOID lpFileInformation);
WINAPI BOOL SetFileAttributesW(LPCWSTR lpFileName, DWORD dwFileAttributes);
WINAPI HANDLE FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData);
WINAPI BOOL FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData);
WINAPI DWORD GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer);
WINAPI BOOL SetCurrentDirectoryW(LPCWSTR lpPathName);
WINAPI DWORD GetFullPathNameW(LPCWSTR lpFileName, DWORD nBufferLength, LPWSTR lpBuffer,
			      LPWSTR *lpFilePart);
WINAPI BOOL GetDiskFreeSpaceW(LPCWSTR lpRootPathName, LPDWORD lpSectorsPerCluster,
			      LPDWORD lpBytesPerSector, LPDWORD lpNumberOfFreeClusters,
			      LPDWORD lpTotalNumberOfClusters);
WINAPI BOOL GetDiskFreeSpaceExW(LPCWSTR lpDirectoryName,
				PULARGE_INTEGER lpFreeBytesAvailableToCaller,
				PULARGE_INTEGER lpTotalNumberOfBytes,
				PULARGE_INTEGER lpTotalNumberOfFreeBytes);
WINAPI UINT GetDriveTypeW(LPCWSTR lpRootPathName);
WINAPI DWORD GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer);
WINAPI UINT GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
			     LPWSTR lpTempFileName);
WINAPI BOOL GetVolumeInformationW(LPCWSTR lpRootPathName, LPWSTR lpVolumeNameBuffer,
				  DWORD nVolumeNameSize, LPDWORD lpVolumeSerialNumber,
				  LPDWORD lpMaximumComponentLength, LPDWORD lpFileSystemFlags,
				  LPWSTR lpFileSystemNameBuffer, DWORD nFileSystemNameSize);
WINAPI BOOL GetVolumeInformationByHandleW(HANDLE hFile, LPWSTR lpVolumeNameBuffer,
					  DWORD nVolumeNameSize, LPDWORD lpVolumeSerialNumber,
					  LPDWORD lpMaximumComponentLength,
					  LPDWORD lpFileSystemFlags, LPWSTR lpFileSystemNameBuffer,
					  DWORD nFileSystemNameSize);
WINAPI DWORD GetFinalPathNameByHandleW(HANDLE hFile, LPWSTR lpszFilePath, DWORD cchFilePath,
				       DWORD dwFlags);
/* Paths, searches and moves (user/lib/wide_files.c). */
WINAPI DWORD SearchPathW(LPCWSTR lpPath, LPCWSTR lpFileName, LPCWSTR lpExtension,
			 DWORD nBufferLength, LPWSTR lpBuffer, LPWSTR *lpFilePart);
WINAPI DWORD GetShortPathNameW(LPCWSTR lpszLongPath, LPWSTR lpszShortPath, DWORD cchBuffer);
WINAPI DWORD GetLongPathNameW(LPCWSTR lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer);
WINAPI HANDLE FindFirstFileExW(LPCWSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
			       LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
			       LPVOID lpSearchFilter, DWORD dwAdditionalFlags);
WINAPI BOOL CopyFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName,
			LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData, LPBOOL pbCancel,
			DWORD dwCopyFlags);
WINAPI BOOL CreateHardLinkW(LPCWSTR lpFileName, LPCWSTR lpExistingFileName,
			    LPSECURITY_ATTRIBUTES lpSecurityAttributes);
WINAPI BOOL ReplaceFileW(LPCWSTR lpReplacedFileName, LPCWSTR lpReplacementFileName,
			 LPCWSTR lpBackupFileName, DWORD dwReplaceFlags, LPVOID lpExclude,
			 LPVOID lpReserved);

/* Named objects: a W name and its A form (CP437) name the same object. */
WINAPI HANDLE CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
			   BOOL bInitialState, LPCWSTR lpName);
WINAPI HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess);
WINAPI HANDLE OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
WINAPI HANDLE CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
			   LPCWSTR lpName);
WINAPI HANDLE CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess);
WINAPI HANDLE OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
WINAPI HANDLE CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCWSTR lpName);
WINAPI HANDLE CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
				 LONG lMaximumCount, LPCWSTR lpName, DWORD dwFlags,
				 DWORD dwDesiredAccess);
WINAPI HANDLE OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
WINAPI HANDLE CreateWaitableTimerW(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
				   LPCWSTR lpTimerName);
WINAPI HANDLE CreateWaitableTimerExW(LPSECURITY_ATTRIBUTES lpTimerAttributes, LPCWSTR lpTimerName,
				     DWORD dwFlags, DWORD dwDesiredAccess);
WINAPI HANDLE OpenWaitableTimerW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpTimerName);
WINAPI HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow,
				 LPCWSTR lpName);
WINAPI HANDLE OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
WINAPI HANDLE CreateFileMappingNumaW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				     DWORD flProtect, DWORD dwMaximumSizeHigh,
				     DWORD dwMaximumSizeLow, LPCWSTR lpName, DWORD nndPreferred);

/* Processes, the program's module, the environment, the console. */
typedef struct _STARTUPINFOW {
	DWORD cb;
	LPWSTR lpReserved, lpDesktop, lpTitle;
	DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute;
	DWORD dwFlags;
	WORD wShowWindow, cbReserved2;
	BYTE *lpReserved2;
	HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFOW, *LPSTARTUPINFOW;
/* lpEnvironment is an ANSI block, or with CREATE_UNICODE_ENVIRONMENT a
 * UTF-16 one (converted for the child). */
/* As GetStartupInfoA, the strings in UTF-16. */
WINAPI VOID GetStartupInfoW(LPSTARTUPINFOW lpStartupInfo);
WINAPI BOOL CreateProcessW(LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
			   LPSECURITY_ATTRIBUTES lpProcessAttributes,
			   LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
			   DWORD dwCreationFlags, LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory,
			   LPSTARTUPINFOW lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation);
WINAPI BOOL CreateProcessAsUserW(HANDLE hToken, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
				 LPSECURITY_ATTRIBUTES lpProcessAttributes,
				 LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
				 DWORD dwCreationFlags, LPVOID lpEnvironment,
				 LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
				 LPPROCESS_INFORMATION lpProcessInformation);
/* The command line as UTF-16, made once and kept for the process's life. */
WINAPI LPWSTR GetCommandLineW(VOID);
/* shell32's: lpCmdLine split by the C runtime's rules into one LocalAlloc
 * block of pointers and strings (LocalFree frees it); an empty line gives
 * the program's file name alone; NULL pNumArgs: ERROR_INVALID_PARAMETER. */
WINAPI LPWSTR *CommandLineToArgvW(LPCWSTR lpCmdLine, int *pNumArgs);
WINAPI HMODULE GetModuleHandleW(LPCWSTR lpModuleName);
WINAPI DWORD GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize);
WINAPI BOOL QueryFullProcessImageNameW(HANDLE hProcess, DWORD dwFlags, LPWSTR lpExeName,
				       PDWORD lpdwSize);
WINAPI DWORD GetEnvironmentVariableW(LPCWSTR lpName, LPWSTR lpBuffer, DWORD nSize);
WINAPI BOOL SetEnvironmentVariableW(LPCWSTR lpName, LPCWSTR lpValue);
/* A UTF-16 copy of the block (FreeEnvironmentStringsW frees it). */
WINAPI LPWCH GetEnvironmentStringsW(VOID);
WINAPI BOOL FreeEnvironmentStringsW(LPWCH penv);
WINAPI DWORD ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize);
/* nNumberOfCharsToWrite UTF-16 characters, written in the console's output
 * code page (CP437, '?' for what it lacks, until SetConsoleOutputCP makes
 * it CP_UTF8); *lpNumberOfCharsWritten counts UTF-16 characters. */
WINAPI BOOL WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer,
			  DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
			  LPVOID lpReserved);
/* The console's code pages: 437 at first; Set* take what IsValidCodePage
 * does (437, CP_UTF8), else ERROR_INVALID_PARAMETER. */
WINAPI UINT GetConsoleCP(VOID);
WINAPI UINT GetConsoleOutputCP(VOID);
WINAPI BOOL SetConsoleCP(UINT wCodePageID);
WINAPI BOOL SetConsoleOutputCP(UINT wCodePageID);
/* user32's wsprintfW: the wide printf's conventions (%s wide), at most 1024
 * characters with the NUL; the count stored without it. */
int __attribute__((cdecl)) wsprintfW(LPWSTR lpOut, LPCWSTR lpFmt, ...);
int WINAPI wvsprintfW(LPWSTR lpOut, LPCWSTR lpFmt, __builtin_va_list arglist);
/* CSTR_LESS_THAN, CSTR_EQUAL or CSTR_GREATER_THAN by code units (a length
 * of -1: to the NUL); bIgnoreCase folds as towupper; 0 with
 * ERROR_INVALID_PARAMETER for a NULL string or a length below -1. */
#define CSTR_LESS_THAN    1
#define CSTR_EQUAL        2
#define CSTR_GREATER_THAN 3
WINAPI int CompareStringOrdinal(LPCWCH lpString1, int cchCount1, LPCWCH lpString2,
				int cchCount2, BOOL bIgnoreCase);
WINAPI BOOL LookupPrivilegeValueW(LPCWSTR lpSystemName, LPCWSTR lpName, PLUID lpLuid);
WINAPI BOOL LookupPrivilegeNameW(LPCWSTR lpSystemName, PLUID lpLuid, LPWSTR lpName,
				 LPDWORD cchName);

#ifdef __cplusplus
int wmain(int argc, wchar_t **argv);    /* C linkage, as MSVC gives it */
#endif

/* The generic names: W with UNICODE defined, A (as the other headers
 * define them) without. */
#ifndef STARTUPINFO
#ifdef UNICODE
#define STARTUPINFO   STARTUPINFOW
#define LPSTARTUPINFO LPSTARTUPINFOW
#else
#define STARTUPINFO   STARTUPINFOA
#define LPSTARTUPINFO LPSTARTUPINFOA
#endif
#endif
#ifdef UNICODE
#undef WIN32_FIND_DATA
#undef PWIN32_FIND_DATA
#undef LPWIN32_FIND_DATA
#define WIN32_FIND_DATA   WIN32_FIND_DATAW
#define PWIN32_FIND_DATA  PWIN32_FIND_DATAW
#define LPWIN32_FIND_DATA LPWIN32_FIND_DATAW
#include "vados/winwide_generic.h"
#endif

#endif
