/* <windows.h> for vados: the Win32 subset with Windows' own types, values and
 * calling conventions, so Win32 C compiles unchanged. */
#ifndef _WINDOWS_H
#define _WINDOWS_H

#include <stddef.h>
#include <stdint.h>
#include "vados/ntabi.h"
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define WINAPI   __attribute__((stdcall))
#define CALLBACK __attribute__((stdcall))
#define WINAPIV  __attribute__((cdecl))  /* variadic: the caller pops */
#define VOID     void
#define CONST    const
#define TRUE     1
#define FALSE    0

typedef int BOOL;
typedef unsigned char BYTE, UCHAR, BOOLEAN;
typedef unsigned short WORD, USHORT;
typedef unsigned long DWORD, ULONG;
typedef unsigned int UINT;
typedef long LONG;
typedef char CHAR;
typedef unsigned long ULONG_PTR, DWORD_PTR, SIZE_T;
typedef long LONG_PTR, SSIZE_T;
typedef void *PVOID, *LPVOID, *HANDLE;
typedef HANDLE HLOCAL, HGLOBAL, *PHANDLE, *LPHANDLE;
typedef const void *LPCVOID;
typedef CHAR *LPSTR, *PSTR;
typedef const CHAR *LPCSTR, *PCSTR;
typedef DWORD *LPDWORD, *PDWORD;
typedef BOOL *LPBOOL, *PBOOL;
typedef LONG *LPLONG, *PLONG;
typedef ULONG_PTR *PULONG_PTR;
typedef SIZE_T *PSIZE_T;
/* UTF-16 text: wchar_t is 16-bit in the SDK (-fshort-wchar), as on Windows. */
typedef wchar_t WCHAR;
typedef WCHAR *LPWSTR, *PWSTR, *LPWCH, *PWCH;
typedef const WCHAR *LPCWSTR, *PCWSTR, *LPCWCH, *PCWCH;
/* The "generic" text type: WCHAR when UNICODE is defined, else CHAR (the
 * generic call names follow it: vados/winwide.h). */
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef LPWSTR LPTSTR, PTSTR;
typedef LPCWSTR LPCTSTR, PCTSTR;
#define __TEXT(quote) L##quote
#else
typedef CHAR TCHAR;
typedef LPSTR LPTSTR, PTSTR;
typedef LPCSTR LPCTSTR, PCTSTR;
#define __TEXT(quote) quote
#endif
#define TEXT(quote) __TEXT(quote)

typedef struct _EXCEPTION_RECORD EXCEPTION_RECORD, *PEXCEPTION_RECORD;
typedef struct _FLOATING_SAVE_AREA FLOATING_SAVE_AREA, *PFLOATING_SAVE_AREA;
typedef struct _CONTEXT CONTEXT, *PCONTEXT;
typedef struct _EXCEPTION_POINTERS {
	PEXCEPTION_RECORD ExceptionRecord;
	PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS;
typedef LONG (CALLBACK *PVECTORED_EXCEPTION_HANDLER)(PEXCEPTION_POINTERS ExceptionInfo);

/* Errors (GetLastError). */
#define ERROR_SUCCESS            0L
#define ERROR_INVALID_FUNCTION   1L
#define ERROR_ACCESS_DENIED      5L
#define ERROR_INVALID_HANDLE     6L
#define ERROR_NOT_ENOUGH_MEMORY  8L
#define ERROR_BAD_LENGTH         24L
#define ERROR_INSUFFICIENT_BUFFER 122L
#define ERROR_INVALID_PARAMETER  87L
#define ERROR_BAD_EXE_FORMAT     193L
#define ERROR_NOACCESS           998L

/* Exception codes and dispositions. */
#define STATUS_GUARD_PAGE_VIOLATION   ((DWORD)0x80000001L)
#define STATUS_DATATYPE_MISALIGNMENT  ((DWORD)0x80000002L)
#define STATUS_BREAKPOINT             ((DWORD)0x80000003L)
#define STATUS_SINGLE_STEP            ((DWORD)0x80000004L)
#define STATUS_ACCESS_VIOLATION       ((DWORD)0xC0000005L)
#define STATUS_IN_PAGE_ERROR          ((DWORD)0xC0000006L)
#define STATUS_NO_MEMORY              ((DWORD)0xC0000017L)
#define STATUS_ILLEGAL_INSTRUCTION    ((DWORD)0xC000001DL)
#define STATUS_ARRAY_BOUNDS_EXCEEDED  ((DWORD)0xC000008CL)
#define STATUS_FLOAT_INVALID_OPERATION ((DWORD)0xC0000090L)
#define STATUS_INTEGER_DIVIDE_BY_ZERO ((DWORD)0xC0000094L)
#define STATUS_INTEGER_OVERFLOW       ((DWORD)0xC0000095L)
#define STATUS_PRIVILEGED_INSTRUCTION ((DWORD)0xC0000096L)
#define STATUS_STACK_OVERFLOW         ((DWORD)0xC00000FDL)
#define STATUS_HEAP_CORRUPTION        ((DWORD)0xC0000374L)
#define STATUS_WAIT_0                 ((DWORD)0x00000000L)
#define STATUS_ABANDONED_WAIT_0       ((DWORD)0x00000080L)
#define STATUS_USER_APC               ((DWORD)0x000000C0L)
#define STATUS_TIMEOUT                ((DWORD)0x00000102L)
#define STATUS_PENDING                ((DWORD)0x00000103L)
#define STATUS_INVALID_HANDLE         ((DWORD)0xC0000008L)
#define STATUS_INVALID_PARAMETER      ((DWORD)0xC000000DL)
#define STATUS_NONCONTINUABLE_EXCEPTION ((DWORD)0xC0000025L)
#define STATUS_INVALID_DISPOSITION    ((DWORD)0xC0000026L)
#define STATUS_FLOAT_DENORMAL_OPERAND ((DWORD)0xC000008DL)
#define STATUS_FLOAT_DIVIDE_BY_ZERO   ((DWORD)0xC000008EL)
#define STATUS_FLOAT_INEXACT_RESULT   ((DWORD)0xC000008FL)
#define STATUS_FLOAT_OVERFLOW         ((DWORD)0xC0000091L)
#define STATUS_FLOAT_STACK_CHECK      ((DWORD)0xC0000092L)
#define STATUS_FLOAT_UNDERFLOW        ((DWORD)0xC0000093L)
#define STATUS_CONTROL_C_EXIT         ((DWORD)0xC000013AL)
#define STATUS_FLOAT_MULTIPLE_FAULTS  ((DWORD)0xC00002B4L)
#define STATUS_FLOAT_MULTIPLE_TRAPS   ((DWORD)0xC00002B5L)
#define STATUS_STACK_BUFFER_OVERRUN   ((DWORD)0xC0000409L)
#define EXCEPTION_DATATYPE_MISALIGNMENT STATUS_DATATYPE_MISALIGNMENT
#define EXCEPTION_SINGLE_STEP         STATUS_SINGLE_STEP
#define EXCEPTION_ARRAY_BOUNDS_EXCEEDED STATUS_ARRAY_BOUNDS_EXCEEDED
#define EXCEPTION_FLT_DENORMAL_OPERAND STATUS_FLOAT_DENORMAL_OPERAND
#define EXCEPTION_FLT_DIVIDE_BY_ZERO  STATUS_FLOAT_DIVIDE_BY_ZERO
#define EXCEPTION_FLT_INEXACT_RESULT  STATUS_FLOAT_INEXACT_RESULT
#define EXCEPTION_FLT_INVALID_OPERATION STATUS_FLOAT_INVALID_OPERATION
#define EXCEPTION_FLT_OVERFLOW        STATUS_FLOAT_OVERFLOW
#define EXCEPTION_FLT_STACK_CHECK     STATUS_FLOAT_STACK_CHECK
#define EXCEPTION_FLT_UNDERFLOW       STATUS_FLOAT_UNDERFLOW
#define EXCEPTION_NONCONTINUABLE_EXCEPTION STATUS_NONCONTINUABLE_EXCEPTION
#define EXCEPTION_INVALID_DISPOSITION STATUS_INVALID_DISPOSITION
#define EXCEPTION_INVALID_HANDLE      STATUS_INVALID_HANDLE
#define EXCEPTION_ACCESS_VIOLATION    STATUS_ACCESS_VIOLATION
#define EXCEPTION_BREAKPOINT          STATUS_BREAKPOINT
#define EXCEPTION_GUARD_PAGE          STATUS_GUARD_PAGE_VIOLATION
#define EXCEPTION_ILLEGAL_INSTRUCTION STATUS_ILLEGAL_INSTRUCTION
#define EXCEPTION_INT_DIVIDE_BY_ZERO  STATUS_INTEGER_DIVIDE_BY_ZERO
#define EXCEPTION_INT_OVERFLOW        STATUS_INTEGER_OVERFLOW
#define EXCEPTION_PRIV_INSTRUCTION    STATUS_PRIVILEGED_INSTRUCTION
#define EXCEPTION_STACK_OVERFLOW      STATUS_STACK_OVERFLOW
#define EXCEPTION_IN_PAGE_ERROR       STATUS_IN_PAGE_ERROR
#define EXCEPTION_CONTINUE_EXECUTION  (-1)
#define EXCEPTION_CONTINUE_SEARCH     0
#define EXCEPTION_EXECUTE_HANDLER     1

typedef unsigned long long DWORDLONG, ULONGLONG, *PULONGLONG;
typedef struct _SECURITY_ATTRIBUTES {
	DWORD nLength;
	LPVOID lpSecurityDescriptor;
	BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;
typedef struct _STARTUPINFOA {
	DWORD cb;
	LPSTR lpReserved, lpDesktop, lpTitle;
	DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute;
	DWORD dwFlags;
	WORD wShowWindow, cbReserved2;
	BYTE *lpReserved2;
	HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFOA, *LPSTARTUPINFOA;
typedef struct _PROCESS_INFORMATION {
	HANDLE hProcess;
	HANDLE hThread;
	DWORD dwProcessId;
	DWORD dwThreadId;
} PROCESS_INFORMATION, *LPPROCESS_INFORMATION;
typedef struct _SYSTEM_INFO {
	union {
		DWORD dwOemId;
		struct { WORD wProcessorArchitecture, wReserved; };
	};
	DWORD dwPageSize;
	LPVOID lpMinimumApplicationAddress, lpMaximumApplicationAddress;
	DWORD_PTR dwActiveProcessorMask;
	DWORD dwNumberOfProcessors, dwProcessorType, dwAllocationGranularity;
	WORD wProcessorLevel, wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;
typedef struct _MEMORYSTATUS {
	DWORD dwLength, dwMemoryLoad;
	SIZE_T dwTotalPhys, dwAvailPhys, dwTotalPageFile, dwAvailPageFile;
	SIZE_T dwTotalVirtual, dwAvailVirtual;
} MEMORYSTATUS, *LPMEMORYSTATUS;
typedef struct _MEMORYSTATUSEX {
	DWORD dwLength, dwMemoryLoad;
	DWORDLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile;
	DWORDLONG ullTotalVirtual, ullAvailVirtual, ullAvailExtendedVirtual;
} MEMORYSTATUSEX, *LPMEMORYSTATUSEX;

#define INFINITE              0xFFFFFFFFUL
#define WAIT_OBJECT_0         0x00000000UL
#define WAIT_ABANDONED        0x00000080UL
#define WAIT_ABANDONED_0      0x00000080UL
#define WAIT_TIMEOUT          0x00000102UL
#define WAIT_IO_COMPLETION    0x000000C0UL
#define WAIT_FAILED           0xFFFFFFFFUL
#define MAXIMUM_WAIT_OBJECTS  64
#define STILL_ACTIVE          259UL
#define STD_INPUT_HANDLE      ((DWORD)-10)
#define STD_OUTPUT_HANDLE     ((DWORD)-11)
#define STD_ERROR_HANDLE      ((DWORD)-12)
#define INVALID_HANDLE_VALUE  ((HANDLE)(LONG_PTR)-1)
#define DELETE                0x00010000UL
#define READ_CONTROL          0x00020000UL
#define WRITE_DAC             0x00040000UL
#define WRITE_OWNER           0x00080000UL
#define SYNCHRONIZE           0x00100000UL
#define STANDARD_RIGHTS_REQUIRED 0x000F0000UL
#define STANDARD_RIGHTS_READ  READ_CONTROL
#define STANDARD_RIGHTS_WRITE READ_CONTROL
#define STANDARD_RIGHTS_EXECUTE READ_CONTROL
#define STANDARD_RIGHTS_ALL   0x001F0000UL
#define SPECIFIC_RIGHTS_ALL   0x0000FFFFUL
#define ACCESS_SYSTEM_SECURITY 0x01000000UL
#define MAXIMUM_ALLOWED       0x02000000UL
#define GENERIC_READ          0x80000000UL
#define GENERIC_WRITE         0x40000000UL
#define GENERIC_EXECUTE       0x20000000UL
#define GENERIC_ALL           0x10000000UL
#define PROCESS_TERMINATE     0x0001UL
#define PROCESS_CREATE_THREAD 0x0002UL
#define PROCESS_SET_SESSIONID 0x0004UL
#define PROCESS_VM_OPERATION  0x0008UL
#define PROCESS_VM_READ       0x0010UL
#define PROCESS_VM_WRITE      0x0020UL
#define PROCESS_DUP_HANDLE    0x0040UL
#define PROCESS_CREATE_PROCESS 0x0080UL
#define PROCESS_SET_QUOTA     0x0100UL
#define PROCESS_SET_INFORMATION 0x0200UL
#define PROCESS_QUERY_INFORMATION 0x0400UL
#define PROCESS_SUSPEND_RESUME 0x0800UL
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000UL
#define PROCESS_SET_LIMITED_INFORMATION 0x2000UL
#define PROCESS_ALL_ACCESS    0x001FFFFFUL
#define HANDLE_FLAG_INHERIT   0x00000001UL
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x00000002UL
#define DUPLICATE_CLOSE_SOURCE 0x00000001UL
#define DUPLICATE_SAME_ACCESS 0x00000002UL
#define EVENT_MODIFY_STATE    0x0002UL
#define EVENT_ALL_ACCESS      0x001F0003UL
#define CREATE_EVENT_MANUAL_RESET 0x00000001UL
#define CREATE_EVENT_INITIAL_SET  0x00000002UL
#define MUTEX_MODIFY_STATE    0x0001UL
#define MUTEX_ALL_ACCESS      0x001F0001UL
#define CREATE_MUTEX_INITIAL_OWNER 0x00000001UL
#define SEMAPHORE_MODIFY_STATE 0x0002UL
#define SEMAPHORE_ALL_ACCESS  0x001F0003UL
#define ERROR_NOT_OWNER       288L
#define ERROR_TOO_MANY_POSTS  298L
#define PROCESSOR_ARCHITECTURE_INTEL 0
#define PROCESSOR_INTEL_486   486
#define PROCESSOR_INTEL_PENTIUM 586
#define ERROR_FILE_NOT_FOUND  2L

/* Memory (../shared/reference/win32-memory-api.md). */
#define MEM_COMMIT             0x00001000
#define MEM_RESERVE            0x00002000
#define MEM_DECOMMIT           0x00004000
#define MEM_RELEASE            0x00008000
#define MEM_FREE               0x00010000
#define MEM_PRIVATE            0x00020000
#define MEM_MAPPED             0x00040000
#define MEM_RESET              0x00080000
#define MEM_TOP_DOWN           0x00100000
#define MEM_IMAGE              0x01000000
/* With MEM_RESERVE | MEM_COMMIT: 4 MB pages (GetLargePageMinimum); needs
 * SeLockMemoryPrivilege enabled. */
#define MEM_LARGE_PAGES        0x20000000
#define PAGE_NOACCESS          0x01
#define PAGE_READONLY          0x02
#define PAGE_READWRITE         0x04
#define PAGE_WRITECOPY         0x08
#define PAGE_EXECUTE           0x10
#define PAGE_EXECUTE_READ      0x20
#define PAGE_EXECUTE_READWRITE 0x40
#define PAGE_EXECUTE_WRITECOPY 0x80
#define PAGE_GUARD             0x100
#define PAGE_NOCACHE           0x200
#define ERROR_PATH_NOT_FOUND    3L
#define ERROR_FILENAME_EXCED_RANGE 206L
#define ERROR_TIMEOUT             1460L
#define ERROR_PRIVILEGE_NOT_HELD 1314L
#define ERROR_NOT_LOCKED        158L
#define ERROR_ALREADY_EXISTS    183L
#define ERROR_PARTIAL_COPY      299L
#define ERROR_INVALID_ADDRESS   487L
#define ERROR_UNEXP_NET_ERR     59L
#define ERROR_STACK_OVERFLOW    1001L
#define ERROR_NO_SYSTEM_RESOURCES 1450L
#define ERROR_WORKING_SET_QUOTA 1453L
#define ERROR_COMMITMENT_LIMIT  1455L

typedef struct _MEMORY_BASIC_INFORMATION {          /* 28 bytes */
	PVOID BaseAddress;
	PVOID AllocationBase;
	DWORD AllocationProtect;
	SIZE_T RegionSize;
	DWORD State;
	DWORD Protect;
	DWORD Type;
} MEMORY_BASIC_INFORMATION, *PMEMORY_BASIC_INFORMATION;

/* Processes and time. */
WINAPI __attribute__((noreturn)) VOID ExitProcess(UINT uExitCode);
WINAPI HANDLE GetCurrentProcess(VOID);
WINAPI BOOL CreateProcessA(LPCSTR lpApplicationName, LPSTR lpCommandLine,
			   LPSECURITY_ATTRIBUTES lpProcessAttributes,
			   LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
			   DWORD dwCreationFlags, LPVOID lpEnvironment, LPCSTR lpCurrentDirectory,
			   LPSTARTUPINFOA lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation);
WINAPI HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId);
WINAPI DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
WINAPI BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode);
WINAPI BOOL TerminateProcess(HANDLE hProcess, UINT uExitCode);
WINAPI BOOL CloseHandle(HANDLE hObject);
/* TRUE when both handles name one object (no right needed; a pseudo-handle
 * counts as what it stands for); else FALSE with ERROR_NOT_SAME_OBJECT, or
 * ERROR_INVALID_HANDLE for a handle that names nothing. */
#define ERROR_NOT_SAME_OBJECT 1656L
WINAPI BOOL CompareObjectHandles(HANDLE hFirstObjectHandle, HANDLE hSecondObjectHandle);
WINAPI BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle,
			    HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle,
			    DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);
WINAPI BOOL GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags);
WINAPI BOOL SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags);
WINAPI HANDLE CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
			   BOOL bInitialState, LPCSTR lpName);
WINAPI HANDLE CreateEventExA(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess);
WINAPI HANDLE OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
WINAPI BOOL SetEvent(HANDLE hEvent);
WINAPI BOOL ResetEvent(HANDLE hEvent);
WINAPI BOOL PulseEvent(HANDLE hEvent);
#define CreateEvent CreateEventA
#define CreateEventEx CreateEventExA
#define OpenEvent OpenEventA
WINAPI HANDLE CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
			   LPCSTR lpName);
WINAPI HANDLE CreateMutexExA(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess);
WINAPI HANDLE OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
WINAPI BOOL ReleaseMutex(HANDLE hMutex);
WINAPI HANDLE CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCSTR lpName);
WINAPI HANDLE CreateSemaphoreExA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
				 LONG lMaximumCount, LPCSTR lpName, DWORD dwFlags,
				 DWORD dwDesiredAccess);
WINAPI HANDLE OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
WINAPI BOOL ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount);
WINAPI DWORD WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				    DWORD dwMilliseconds);
WINAPI DWORD SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn,
				 DWORD dwMilliseconds, BOOL bAlertable);
WINAPI DWORD WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable);
WINAPI DWORD WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				      DWORD dwMilliseconds, BOOL bAlertable);
#define CreateMutex CreateMutexA
#define CreateMutexEx CreateMutexExA
#define CreateSemaphoreEx CreateSemaphoreExA
#define OpenMutex OpenMutexA
#define CreateSemaphore CreateSemaphoreA
#define OpenSemaphore OpenSemaphoreA

/* File mappings (sections): pagefile-backed ones, hFile INVALID_HANDLE_VALUE. */
#define SECTION_QUERY         0x0001
#define SECTION_MAP_WRITE     0x0002
#define SECTION_MAP_READ      0x0004
#define SECTION_MAP_EXECUTE   0x0008
#define SECTION_EXTEND_SIZE   0x0010
#define SECTION_ALL_ACCESS    0x000F001FUL
#define FILE_MAP_COPY         0x0001
#define FILE_MAP_WRITE        0x0002
#define FILE_MAP_READ         0x0004
#define FILE_MAP_EXECUTE      0x0020
#define FILE_MAP_ALL_ACCESS   SECTION_ALL_ACCESS
#define SEC_FILE              0x00800000
#define SEC_IMAGE             0x01000000
#define SEC_RESERVE           0x04000000
#define SEC_COMMIT            0x08000000
#define SEC_NOCACHE           0x10000000
#define ERROR_MAPPED_ALIGNMENT 1132L
#define ERROR_FILE_INVALID     1006L
#define ERROR_USER_MAPPED_FILE 1224L
WINAPI HANDLE CreateFileMappingA(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow,
				 LPCSTR lpName);
WINAPI HANDLE OpenFileMappingA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
WINAPI LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess,
			    DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow,
			    SIZE_T dwNumberOfBytesToMap);
WINAPI LPVOID MapViewOfFileEx(HANDLE hFileMappingObject, DWORD dwDesiredAccess,
			      DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow,
			      SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress);
WINAPI BOOL UnmapViewOfFile(LPCVOID lpBaseAddress);
WINAPI BOOL FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush);
#define CreateFileMapping CreateFileMappingA
#define OpenFileMapping OpenFileMappingA
/* The rest of memoryapi.h's file-mapping calls (user/lib/section_api.c):
 * SECTION_MAP_EXECUTE_EXPLICIT is FILE_MAP_EXECUTE's right; the FromApp forms
 * are the plain ones (a 64-bit size or offset, a wide name);
 * UnmapViewOfFileEx and UnmapViewOfFile2 (in the process its handle names,
 * PROCESS_VM_OPERATION) take flags MEM_UNMAP_WITH_TRANSIENT_BOOST (a hint) and
 * MEM_PRESERVE_PLACEHOLDER (a view that replaced a placeholder becomes it
 * again), else ERROR_INVALID_PARAMETER. */
#define SECTION_MAP_EXECUTE_EXPLICIT 0x0020
#define SEC_IMAGE_NO_EXECUTE  0x11000000
#define SEC_LARGE_PAGES       0x80000000
#define FILE_MAP_LARGE_PAGES  0x20000000
#define FILE_MAP_TARGETS_INVALID 0x40000000
#define FILE_MAP_RESERVE      0x80000000
#define MEM_UNMAP_WITH_TRANSIENT_BOOST 0x00000001
#define MEM_PRESERVE_PLACEHOLDER       0x00000002
WINAPI BOOL UnmapViewOfFileEx(PVOID BaseAddress, ULONG UnmapFlags);
WINAPI BOOL UnmapViewOfFile2(HANDLE Process, PVOID BaseAddress, ULONG UnmapFlags);
WINAPI HANDLE CreateFileMappingFromApp(HANDLE hFile, LPSECURITY_ATTRIBUTES SecurityAttributes,
				       ULONG PageProtection, ULONGLONG MaximumSize,
				       const WCHAR *Name);
WINAPI HANDLE OpenFileMappingFromApp(ULONG DesiredAccess, BOOL InheritHandle,
				     const WCHAR *Name);
WINAPI PVOID MapViewOfFileFromApp(HANDLE hFileMappingObject, ULONG DesiredAccess,
				  ULONGLONG FileOffset, SIZE_T NumberOfBytesToMap);
/* MapViewOfFile2 and MapViewOfFileNuma2 (node 0 or NUMA_NO_PREFERRED_NODE):
 * into the process ProcessHandle names (PROCESS_VM_OPERATION), a page
 * protection for the view, AllocationType 0. */
WINAPI PVOID MapViewOfFile2(HANDLE FileMappingHandle, HANDLE ProcessHandle, ULONGLONG Offset,
			    PVOID BaseAddress, SIZE_T ViewSize, ULONG AllocationType,
			    ULONG PageProtection);
WINAPI PVOID MapViewOfFileNuma2(HANDLE FileMappingHandle, HANDLE ProcessHandle,
				ULONGLONG Offset, PVOID BaseAddress, SIZE_T ViewSize,
				ULONG AllocationType, ULONG PageProtection, ULONG PreferredNode);
WINAPI BOOL ReadProcessMemory(HANDLE hProcess, LPCVOID lpBaseAddress, LPVOID lpBuffer,
			      SIZE_T nSize, SIZE_T *lpNumberOfBytesRead);
WINAPI BOOL WriteProcessMemory(HANDLE hProcess, LPVOID lpBaseAddress, LPCVOID lpBuffer,
			       SIZE_T nSize, SIZE_T *lpNumberOfBytesWritten);
/* The system's figures (user/lib/sysinfo.c): GetNativeSystemInfo is
 * GetSystemInfo (no WOW64 here); GlobalMemoryStatus clamps to 4 GB - 1 and
 * sets dwLength itself, GlobalMemoryStatusEx needs it set. */
WINAPI VOID GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);
WINAPI VOID GetNativeSystemInfo(LPSYSTEM_INFO lpSystemInfo);
WINAPI BOOL GlobalMemoryStatusEx(LPMEMORYSTATUSEX lpBuffer);
WINAPI VOID GlobalMemoryStatus(LPMEMORYSTATUS lpBuffer);
/* In KB: the memory the kernel manages (no firmware table is read). */
WINAPI BOOL GetPhysicallyInstalledSystemMemory(PULONGLONG TotalMemoryInKilobytes);
WINAPI HANDLE GetStdHandle(DWORD nStdHandle);
WINAPI BOOL SetStdHandle(DWORD nStdHandle, HANDLE hHandle);
WINAPI BOOL WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer,
			  DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
			  LPVOID lpReserved);
#define CreateProcess CreateProcessA
#define WriteConsole WriteConsoleA
WINAPI DWORD GetCurrentProcessId(VOID);
WINAPI DWORD GetProcessId(HANDLE Process);
/* Session 1 for every process (an interactive session's). */
WINAPI BOOL ProcessIdToSessionId(DWORD dwProcessId, DWORD *pSessionId);
/* A 32-bit process on 32-bit (x86) Windows: never WOW64. */
#define IMAGE_FILE_MACHINE_UNKNOWN 0
#define IMAGE_FILE_MACHINE_I386    0x014c
WINAPI BOOL IsWow64Process(HANDLE hProcess, PBOOL Wow64Process);
/* The handles in its table (user/lib/psapi.c). */
WINAPI BOOL GetProcessHandleCount(HANDLE hProcess, PDWORD pdwHandleCount);
WINAPI BOOL IsWow64Process2(HANDLE hProcess, USHORT *pProcessMachine, USHORT *pNativeMachine);
WINAPI DWORD WTSGetActiveConsoleSessionId(VOID);
WINAPI DWORD GetLastError(VOID);
WINAPI VOID SetLastError(DWORD dwErrCode);
WINAPI VOID Sleep(DWORD dwMilliseconds);
WINAPI DWORD SleepEx(DWORD dwMilliseconds, BOOL bAlertable);
WINAPI DWORD GetTickCount(VOID);

/* Virtual memory. PAGE_EXECUTE* are accepted and reported, but non-PAE i386
 * cannot refuse an instruction fetch from a readable page. */
WINAPI LPVOID VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize, DWORD flAllocationType,
			   DWORD flProtect);
WINAPI LPVOID VirtualAllocEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize,
			     DWORD flAllocationType, DWORD flProtect);
WINAPI BOOL VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType);
WINAPI BOOL VirtualFreeEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType);
WINAPI BOOL VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect,
			   PDWORD lpflOldProtect);
WINAPI BOOL VirtualProtectEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize,
			     DWORD flNewProtect, PDWORD lpflOldProtect);
WINAPI SIZE_T VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer,
			   SIZE_T dwLength);
WINAPI SIZE_T VirtualQueryEx(HANDLE hProcess, LPCVOID lpAddress,
			     PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength);
WINAPI BOOL VirtualLock(LPVOID lpAddress, SIZE_T dwSize);
WINAPI BOOL VirtualUnlock(LPVOID lpAddress, SIZE_T dwSize);
/* VirtualUnlock in the process hProcess names (PROCESS_VM_OPERATION). */
WINAPI BOOL VirtualUnlockEx(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize);
WINAPI BOOL SetProcessWorkingSetSize(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize,
				     SIZE_T dwMaximumWorkingSetSize);
WINAPI BOOL GetProcessWorkingSetSize(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize,
				     PSIZE_T lpMaximumWorkingSetSize);

/* Heaps (user/lib/heap*.c): the process heap, private heaps, and
 * LocalAlloc/GlobalAlloc over the process heap (moveable memory: below). */
#define HEAP_NO_SERIALIZE           0x00000001
#define HEAP_GROWABLE               0x00000002
#define HEAP_GENERATE_EXCEPTIONS    0x00000004
#define HEAP_ZERO_MEMORY            0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY  0x00000010
#define HEAP_CREATE_ENABLE_EXECUTE  0x00040000
#define LMEM_FIXED      0x0000
#define LMEM_MOVEABLE   0x0002
#define LMEM_NOCOMPACT  0x0010
#define LMEM_NODISCARD  0x0020
#define LMEM_ZEROINIT   0x0040
#define LPTR            (LMEM_FIXED | LMEM_ZEROINIT)
#define NONZEROLPTR     LMEM_FIXED
#define GMEM_FIXED      0x0000
#define GMEM_MOVEABLE   0x0002
#define GMEM_NOCOMPACT  0x0010
#define GMEM_NODISCARD  0x0020
#define GMEM_ZEROINIT   0x0040
#define GMEM_DDESHARE   0x2000
#define GMEM_SHARE      GMEM_DDESHARE
#define GPTR            (GMEM_FIXED | GMEM_ZEROINIT)

WINAPI HANDLE GetProcessHeap(VOID);
WINAPI HANDLE HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize);
WINAPI BOOL HeapDestroy(HANDLE hHeap);
WINAPI LPVOID HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
WINAPI LPVOID HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
WINAPI BOOL HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
WINAPI SIZE_T HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
WINAPI BOOL HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
WINAPI HLOCAL LocalAlloc(UINT uFlags, SIZE_T uBytes);
WINAPI HLOCAL LocalFree(HLOCAL hMem);
WINAPI HGLOBAL GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
WINAPI HGLOBAL GlobalFree(HGLOBAL hMem);

/* Exceptions (user/lib/exception.c): vectored handlers first, then the
 * top-level filter (SetUnhandledExceptionFilter) through
 * UnhandledExceptionFilter; EXCEPTION_EXECUTE_HANDLER from it ends the
 * process with the exception's code. */
typedef LONG (WINAPI *PTOP_LEVEL_EXCEPTION_FILTER)(PEXCEPTION_POINTERS ExceptionInfo);
typedef PTOP_LEVEL_EXCEPTION_FILTER LPTOP_LEVEL_EXCEPTION_FILTER;
WINAPI LPTOP_LEVEL_EXCEPTION_FILTER SetUnhandledExceptionFilter(
	LPTOP_LEVEL_EXCEPTION_FILTER lpTopLevelExceptionFilter);
WINAPI LONG UnhandledExceptionFilter(PEXCEPTION_POINTERS ExceptionInfo);
WINAPI PVOID AddVectoredExceptionHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler);
WINAPI ULONG RemoveVectoredExceptionHandler(PVOID Handle);
/* Run, in order, once an exception is handled, before execution resumes. */
WINAPI PVOID AddVectoredContinueHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler);
WINAPI ULONG RemoveVectoredContinueHandler(PVOID Handle);
WINAPI VOID RaiseException(DWORD dwExceptionCode, DWORD dwExceptionFlags,
			   DWORD nNumberOfArguments, const ULONG_PTR *lpArguments);

/* The program's image and command line, the processor, and pointer checks
 * (user/lib/cmdline.c, module.c, cpu.c, probe.c): calls that need no kernel
 * object. */
#define MAX_PATH            260
#define ERROR_MOD_NOT_FOUND 126L
typedef int INT_PTR;
typedef unsigned int UINT_PTR;
typedef HANDLE HINSTANCE, HMODULE;
typedef INT_PTR (WINAPI *FARPROC)();

WINAPI LPSTR GetCommandLineA(VOID);
WINAPI HMODULE GetModuleHandleA(LPCSTR lpModuleName);
WINAPI DWORD GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize);
/* Dynamic linking (user/lib/sysmodule.c): the system DLLs (kernel32, ntdll,
 * kernelbase, advapi32, psapi, user32, msvcrt, ucrtbase, vcruntime140) are
 * always loaded, their functions the SDK's; no other DLL can be loaded. */
#define ERROR_PROC_NOT_FOUND 127L
#define DONT_RESOLVE_DLL_REFERENCES         0x00000001
#define LOAD_LIBRARY_AS_DATAFILE            0x00000002
#define LOAD_WITH_ALTERED_SEARCH_PATH       0x00000008
#define LOAD_IGNORE_CODE_AUTHZ_LEVEL        0x00000010
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE      0x00000020
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE  0x00000040
#define LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR    0x00000100
#define LOAD_LIBRARY_SEARCH_APPLICATION_DIR 0x00000200
#define LOAD_LIBRARY_SEARCH_USER_DIRS       0x00000400
#define LOAD_LIBRARY_SEARCH_SYSTEM32        0x00000800
#define LOAD_LIBRARY_SEARCH_DEFAULT_DIRS    0x00001000
#define GET_MODULE_HANDLE_EX_FLAG_PIN                0x00000001
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x00000002
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS       0x00000004
WINAPI HMODULE LoadLibraryA(LPCSTR lpLibFileName);
WINAPI HMODULE LoadLibraryW(LPCWSTR lpLibFileName);
WINAPI HMODULE LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags);
WINAPI HMODULE LoadLibraryExW(LPCWSTR lpLibFileName, HANDLE hFile, DWORD dwFlags);
WINAPI FARPROC GetProcAddress(HMODULE hModule, LPCSTR lpProcName);
WINAPI BOOL FreeLibrary(HMODULE hLibModule);
WINAPI __attribute__((noreturn)) VOID FreeLibraryAndExitThread(HMODULE hLibModule,
								DWORD dwExitCode);
WINAPI BOOL DisableThreadLibraryCalls(HMODULE hLibModule);
WINAPI BOOL GetModuleHandleExA(DWORD dwFlags, LPCSTR lpModuleName, HMODULE *phModule);
WINAPI BOOL GetModuleHandleExW(DWORD dwFlags, LPCWSTR lpModuleName, HMODULE *phModule);
#define PROCESS_NAME_NATIVE 0x00000001
WINAPI BOOL QueryFullProcessImageNameA(HANDLE hProcess, DWORD dwFlags, LPSTR lpExeName,
				       PDWORD lpdwSize);
WINAPI BOOL FlushInstructionCache(HANDLE hProcess, LPCVOID lpBaseAddress, SIZE_T dwSize);
WINAPI SIZE_T GetLargePageMinimum(VOID);
WINAPI BOOL IsBadReadPtr(const VOID *lp, UINT_PTR ucb);
WINAPI BOOL IsBadWritePtr(LPVOID lp, UINT_PTR ucb);
WINAPI BOOL IsBadHugeReadPtr(const VOID *lp, UINT_PTR ucb);
WINAPI BOOL IsBadHugeWritePtr(LPVOID lp, UINT_PTR ucb);
WINAPI BOOL IsBadCodePtr(FARPROC lpfn);
WINAPI BOOL IsBadStringPtrA(LPCSTR lpsz, UINT_PTR ucchMax);

/* Environment variables (user/lib/environ.c): the process's block, kept in
 * its own memory, inherited by the processes it creates. */
#define ERROR_ENVVAR_NOT_FOUND 203L
typedef CHAR *LPCH;
WINAPI DWORD GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize);
WINAPI BOOL SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue);
WINAPI LPCH GetEnvironmentStringsA(VOID);
WINAPI BOOL FreeEnvironmentStringsA(LPCH penv);
WINAPI DWORD ExpandEnvironmentStringsA(LPCSTR lpSrc, LPSTR lpDst, DWORD nSize);
#define GetEnvironmentVariable   GetEnvironmentVariableA
#define SetEnvironmentVariable   SetEnvironmentVariableA
#define GetEnvironmentStrings    GetEnvironmentStringsA
#define FreeEnvironmentStrings   FreeEnvironmentStringsA
#define ExpandEnvironmentStrings ExpandEnvironmentStringsA
#define GetCommandLine    GetCommandLineA
#define GetModuleHandle   GetModuleHandleA
#define LoadLibrary       LoadLibraryA
#define LoadLibraryEx     LoadLibraryExA
#define GetModuleHandleEx GetModuleHandleExA
#define GetModuleFileName GetModuleFileNameA
#define QueryFullProcessImageName QueryFullProcessImageNameA
#define IsBadStringPtr    IsBadStringPtrA

/* Moveable memory (user/lib/localalloc.c, globalalloc.c, mtable.c): a handle
 * table entry, not the block's address; GlobalLock gives the address. */
#define NO_ERROR            0L
#define ERROR_DISCARDED     157L
#define LMEM_MODIFY         0x0080
#define LMEM_DISCARDABLE    0x0F00
#define LMEM_DISCARDED      0x4000
#define LMEM_LOCKCOUNT      0x00FF
#define LMEM_INVALID_HANDLE 0x8000
#define LHND                (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define GMEM_MODIFY         0x0080
#define GMEM_DISCARDABLE    0x0100
#define GMEM_NOT_BANKED     0x1000
#define GMEM_LOWER          GMEM_NOT_BANKED
#define GMEM_NOTIFY         0x4000
#define GMEM_DISCARDED      0x4000
#define GMEM_LOCKCOUNT      0x00FF
#define GMEM_INVALID_HANDLE 0x8000
#define GHND                (GMEM_MOVEABLE | GMEM_ZEROINIT)

WINAPI LPVOID LocalLock(HLOCAL hMem);
WINAPI BOOL LocalUnlock(HLOCAL hMem);
WINAPI HLOCAL LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags);
WINAPI SIZE_T LocalSize(HLOCAL hMem);
WINAPI UINT LocalFlags(HLOCAL hMem);
WINAPI HLOCAL LocalHandle(LPCVOID pMem);
WINAPI LPVOID GlobalLock(HGLOBAL hMem);
WINAPI BOOL GlobalUnlock(HGLOBAL hMem);
WINAPI HGLOBAL GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags);
WINAPI SIZE_T GlobalSize(HGLOBAL hMem);
WINAPI UINT GlobalFlags(HGLOBAL hMem);
WINAPI HGLOBAL GlobalHandle(LPCVOID pMem);
#define LocalDiscard(h)  LocalReAlloc((h), 0, LMEM_MOVEABLE)
#define GlobalDiscard(h) GlobalReAlloc((h), 0, GMEM_MOVEABLE)

/* Heap walking and compaction (user/lib/heap_tools.c, heap_walk.c,
 * heap_compact.c). */
#define ERROR_NO_MORE_ITEMS            259L
#define PROCESS_HEAP_REGION            0x0001
#define PROCESS_HEAP_UNCOMMITTED_RANGE 0x0002
#define PROCESS_HEAP_ENTRY_BUSY        0x0004
#define PROCESS_HEAP_SEG_ALLOC         0x0008
#define PROCESS_HEAP_ENTRY_MOVEABLE    0x0010
#define PROCESS_HEAP_ENTRY_DDESHARE    0x0020
typedef HANDLE *PHANDLE;
typedef struct _PROCESS_HEAP_ENTRY {
	PVOID lpData;
	DWORD cbData;
	BYTE cbOverhead;
	BYTE iRegionIndex;
	WORD wFlags;
	union {
		struct {
			HANDLE hMem;
			DWORD dwReserved[3];
		} Block;
		struct {
			DWORD dwCommittedSize;
			DWORD dwUnCommittedSize;
			LPVOID lpFirstBlock;
			LPVOID lpLastBlock;
		} Region;
	};
} PROCESS_HEAP_ENTRY, *LPPROCESS_HEAP_ENTRY, *PPROCESS_HEAP_ENTRY;

WINAPI SIZE_T HeapCompact(HANDLE hHeap, DWORD dwFlags);
WINAPI BOOL HeapWalk(HANDLE hHeap, LPPROCESS_HEAP_ENTRY lpEntry);
WINAPI BOOL HeapLock(HANDLE hHeap);
WINAPI BOOL HeapUnlock(HANDLE hHeap);
WINAPI DWORD GetProcessHeaps(DWORD NumberOfHeaps, PHANDLE ProcessHeaps);

/* Heap information (user/lib/heap_info.c). */
#define ERROR_GEN_FAILURE 31L
typedef enum _HEAP_INFORMATION_CLASS {
	HeapCompatibilityInformation = 0,
	HeapEnableTerminationOnCorruption = 1,
	HeapOptimizeResources = 3,
} HEAP_INFORMATION_CLASS;
#define HEAP_OPTIMIZE_RESOURCES_CURRENT_VERSION 1
typedef struct _HEAP_OPTIMIZE_RESOURCES_INFORMATION {
	DWORD Version;
	DWORD Flags;
} HEAP_OPTIMIZE_RESOURCES_INFORMATION, *PHEAP_OPTIMIZE_RESOURCES_INFORMATION;
WINAPI BOOL HeapSetInformation(HANDLE HeapHandle, HEAP_INFORMATION_CLASS HeapInformationClass,
			       PVOID HeapInformation, SIZE_T HeapInformationLength);
WINAPI BOOL HeapQueryInformation(HANDLE HeapHandle, HEAP_INFORMATION_CLASS HeapInformationClass,
				 PVOID HeapInformation, SIZE_T HeapInformationLength,
				 PSIZE_T ReturnLength);

/* Write watch (user/lib/writewatch.c, mm/watch.c): VirtualAlloc with
 * MEM_RESERVE | MEM_WRITE_WATCH tracks the pages written. */
#define MEM_WRITE_WATCH        0x00200000
#define WRITE_WATCH_FLAG_RESET 0x01
WINAPI UINT GetWriteWatch(DWORD dwFlags, PVOID lpBaseAddress, SIZE_T dwRegionSize,
			  PVOID *lpAddresses, ULONG_PTR *lpdwCount, LPDWORD lpdwGranularity);
WINAPI UINT ResetWriteWatch(LPVOID lpBaseAddress, SIZE_T dwRegionSize);

#include "vados/winthreads.h"
#include "vados/winsecurity.h"
#include "vados/winfiles.h"
#include "vados/winmem.h"
#include "vados/winapc.h"
#include "vados/winmisc.h"
#include "vados/winwide.h"
#include "vados/winvolume.h"
#include "vados/winnotify.h"
#include "vados/wincon.h"
#include "vados/winpool.h"
#include "vados/winuser.h"
#include "vados/winjob.h"
#include "vados/winprocinfo.h"
#include "vados/winioctl.h"
#include "vados/winnls.h"

VADOS_END_DECLS

#endif
