/* <psapi.h> for vados: a process's memory counters. */
#ifndef _PSAPI_H
#define _PSAPI_H

#include <windows.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* The fields PROCESS_MEMORY_COUNTERS and its _EX share, in order. */
#define VADOS_PROCESS_MEMORY_COUNTERS_FIELDS                                              \
	DWORD cb;                                                                          \
	DWORD PageFaultCount;                                                              \
	SIZE_T PeakWorkingSetSize;                                                         \
	SIZE_T WorkingSetSize;                                                             \
	SIZE_T QuotaPeakPagedPoolUsage;                                                    \
	SIZE_T QuotaPagedPoolUsage;                                                        \
	SIZE_T QuotaPeakNonPagedPoolUsage;                                                 \
	SIZE_T QuotaNonPagedPoolUsage;                                                     \
	SIZE_T PagefileUsage;           /* the process's private commit */                 \
	SIZE_T PeakPagefileUsage;

typedef struct _PROCESS_MEMORY_COUNTERS {
	VADOS_PROCESS_MEMORY_COUNTERS_FIELDS
} PROCESS_MEMORY_COUNTERS, *PPROCESS_MEMORY_COUNTERS;

/* PrivateUsage: the process's commit charge, as PagefileUsage: its private
 * memory and its copy-on-write views (charged whole at map time, as Windows
 * charges them); a view's shared pages are the section's, not the process's. */
typedef struct _PROCESS_MEMORY_COUNTERS_EX {
	VADOS_PROCESS_MEMORY_COUNTERS_FIELDS
	SIZE_T PrivateUsage;
} PROCESS_MEMORY_COUNTERS_EX, *PPROCESS_MEMORY_COUNTERS_EX;

/* Fills ppsmemCounters (cb bytes, at least sizeof(PROCESS_MEMORY_COUNTERS);
 * with room for a PROCESS_MEMORY_COUNTERS_EX, that, cb set to its size).
 * Pool figures are the handle table's (NT charges it to paged pool). */
WINAPI BOOL GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS ppsmemCounters,
				 DWORD cb);
#define K32GetProcessMemoryInfo GetProcessMemoryInfo

/* Trims every page that can leave (user/lib/psapi.c): clean pages at once,
 * dirty ones when there is swap to write them to. */
WINAPI BOOL EmptyWorkingSet(HANDLE hProcess);
/* The device-form name ("\\Device\\HarddiskVolume1\\DIR\\FILE") of the file
 * mapped at lpv in hProcess (PROCESS_QUERY_INFORMATION): a view of a file,
 * or an image (a program run from a boot module: the module's name),
 * truncated to nSize - 1; its length, or 0 with ERROR_UNEXP_NET_ERR (no view
 * there: Windows' STATUS_INVALID_ADDRESS), ERROR_FILE_INVALID (a view of a
 * pagefile section), ERROR_INVALID_PARAMETER (no buffer),
 * ERROR_INSUFFICIENT_BUFFER (nSize 0). */
WINAPI DWORD GetMappedFileNameA(HANDLE hProcess, LPVOID lpv, LPSTR lpFilename, DWORD nSize);
/* The same name as UTF-16 (user/lib/wide_process.c), sized in WCHARs. */
WINAPI DWORD GetMappedFileNameW(HANDLE hProcess, LPVOID lpv, LPWSTR lpFilename, DWORD nSize);
#define K32GetMappedFileNameA GetMappedFileNameA
#define K32GetMappedFileNameW GetMappedFileNameW
#ifdef UNICODE
#define GetMappedFileName GetMappedFileNameW
#else
#define GetMappedFileName GetMappedFileNameA
#endif
#define K32EmptyWorkingSet EmptyWorkingSet

/* A process's program file (user/lib/image_name.c): its full path, or the
 * device form; its one module is its program (hModule NULL or its base). */
WINAPI DWORD GetModuleFileNameExA(HANDLE hProcess, HMODULE hModule, LPSTR lpFilename, DWORD nSize);
WINAPI DWORD GetModuleFileNameExW(HANDLE hProcess, HMODULE hModule, LPWSTR lpFilename, DWORD nSize);
WINAPI DWORD GetProcessImageFileNameA(HANDLE hProcess, LPSTR lpImageFileName, DWORD nSize);
WINAPI DWORD GetProcessImageFileNameW(HANDLE hProcess, LPWSTR lpImageFileName, DWORD nSize);
/* GetModuleFileNameEx's name without its directory ("HELLO.EXE"), cut to
 * nSize - 1 characters and terminated; the length copied. */
WINAPI DWORD GetModuleBaseNameA(HANDLE hProcess, HMODULE hModule, LPSTR lpBaseName, DWORD nSize);
WINAPI DWORD GetModuleBaseNameW(HANDLE hProcess, HMODULE hModule, LPWSTR lpBaseName, DWORD nSize);
#define K32GetModuleFileNameExA     GetModuleFileNameExA
#define K32GetModuleFileNameExW     GetModuleFileNameExW
#define K32GetModuleBaseNameA       GetModuleBaseNameA
#define K32GetModuleBaseNameW       GetModuleBaseNameW
#define K32GetProcessImageFileNameA GetProcessImageFileNameA
#define K32GetProcessImageFileNameW GetProcessImageFileNameW
#ifdef UNICODE
#define GetModuleFileNameEx     GetModuleFileNameExW
#define GetModuleBaseName       GetModuleBaseNameW
#define GetProcessImageFileName GetProcessImageFileNameW
#else
#define GetModuleFileNameEx     GetModuleFileNameExA
#define GetModuleBaseName       GetModuleBaseNameA
#define GetProcessImageFileName GetProcessImageFileNameA
#endif

/* The working set page by page (user/lib/psapi.c, mm/wslist.c). A section's
 * page that views map is Shared, ShareCount the process PTEs mapping it (up
 * to 7); a private page has neither. */
typedef union _PSAPI_WORKING_SET_BLOCK {
	ULONG_PTR Flags;
	struct {
		ULONG_PTR Protection : 5;       /* 1 RO, 2 X, 3 XR, 4 RW, 5 CoW, 6 XRW, 7 XCoW; +8 no cache */
		ULONG_PTR ShareCount : 3;
		ULONG_PTR Shared : 1;
		ULONG_PTR Reserved : 3;
		ULONG_PTR VirtualPage : 20;
	};
} PSAPI_WORKING_SET_BLOCK, *PPSAPI_WORKING_SET_BLOCK;

typedef struct _PSAPI_WORKING_SET_INFORMATION {
	ULONG_PTR NumberOfEntries;
	PSAPI_WORKING_SET_BLOCK WorkingSetInfo[1];
} PSAPI_WORKING_SET_INFORMATION, *PPSAPI_WORKING_SET_INFORMATION;

typedef union _PSAPI_WORKING_SET_EX_BLOCK {
	ULONG_PTR Flags;
	struct {
		ULONG_PTR Valid : 1;            /* resident; the rest is 0 when not */
		ULONG_PTR ShareCount : 3;
		ULONG_PTR Win32Protection : 11;
		ULONG_PTR Shared : 1;
		ULONG_PTR Node : 6;
		ULONG_PTR Locked : 1;           /* VirtualLock */
		ULONG_PTR LargePage : 1;
		ULONG_PTR Reserved : 7;
		ULONG_PTR Bad : 1;
	};
} PSAPI_WORKING_SET_EX_BLOCK, *PPSAPI_WORKING_SET_EX_BLOCK;

typedef struct _PSAPI_WORKING_SET_EX_INFORMATION {
	PVOID VirtualAddress;
	PSAPI_WORKING_SET_EX_BLOCK VirtualAttributes;
} PSAPI_WORKING_SET_EX_INFORMATION, *PPSAPI_WORKING_SET_EX_INFORMATION;

/* The system's figures (user/lib/sysinfo.c), in pages of PageSize bytes.
 * The commit figures are the kernel's commit charge and limit (RAM plus
 * swap); SystemCache the standby and modified pages; Kernel* the kernel's
 * pool (all of it nonpaged); the counts are of processes that have not
 * ended. */
typedef struct _PERFORMANCE_INFORMATION {
	DWORD cb;
	SIZE_T CommitTotal, CommitLimit, CommitPeak;
	SIZE_T PhysicalTotal, PhysicalAvailable, SystemCache;
	SIZE_T KernelTotal, KernelPaged, KernelNonpaged;
	SIZE_T PageSize;
	DWORD HandleCount, ProcessCount, ThreadCount;
} PERFORMANCE_INFORMATION, *PPERFORMANCE_INFORMATION, PERFORMACE_INFORMATION,
  *PPERFORMACE_INFORMATION;
/* cb below sizeof(PERFORMANCE_INFORMATION): FALSE, ERROR_BAD_LENGTH. */
WINAPI BOOL GetPerformanceInfo(PPERFORMANCE_INFORMATION pPerformanceInformation, DWORD cb);
#define K32GetPerformanceInfo GetPerformanceInfo

/* The identifiers of the processes that have not ended, as many as cb
 * bytes hold; *lpcbNeeded the bytes written (a full buffer: ask again with
 * a larger one). */
WINAPI BOOL EnumProcesses(DWORD *lpidProcess, DWORD cb, LPDWORD lpcbNeeded);
/* A process's modules: its program image alone (no DLLs here), found as
 * the allocation base of its MEM_IMAGE memory; *lpcbNeeded the bytes all of
 * them need. PROCESS_QUERY_INFORMATION | PROCESS_VM_READ. */
WINAPI BOOL EnumProcessModules(HANDLE hProcess, HMODULE *lphModule, DWORD cb,
			       LPDWORD lpcbNeeded);
#define K32EnumProcesses      EnumProcesses
#define K32EnumProcessModules EnumProcessModules

/* EnumProcessModules with a filter, LIST_MODULES_DEFAULT to _ALL (the one
 * module is 32-bit and listed by each); another: ERROR_INVALID_PARAMETER. */
#define LIST_MODULES_DEFAULT 0x0
#define LIST_MODULES_32BIT   0x01
#define LIST_MODULES_64BIT   0x02
#define LIST_MODULES_ALL     (LIST_MODULES_32BIT | LIST_MODULES_64BIT)
WINAPI BOOL EnumProcessModulesEx(HANDLE hProcess, HMODULE *lphModule, DWORD cb,
				 LPDWORD lpcbNeeded, DWORD dwFilterFlag);
#define K32EnumProcessModulesEx EnumProcessModulesEx

/* A module's base, the bytes its image spans and its entry point
 * (user/lib/psapi.c): hModule NULL or the program's base; cb below
 * sizeof(MODULEINFO) is ERROR_INSUFFICIENT_BUFFER, another module
 * ERROR_INVALID_HANDLE. */
typedef struct _MODULEINFO {
	LPVOID lpBaseOfDll;
	DWORD SizeOfImage;
	LPVOID EntryPoint;
} MODULEINFO, *LPMODULEINFO;
WINAPI BOOL GetModuleInformation(HANDLE hProcess, HMODULE hModule, LPMODULEINFO lpmodinfo,
				 DWORD cb);
#define K32GetModuleInformation GetModuleInformation

WINAPI BOOL QueryWorkingSet(HANDLE hProcess, PVOID pv, DWORD cb);
WINAPI BOOL QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb);
#define K32QueryWorkingSet   QueryWorkingSet
#define K32QueryWorkingSetEx QueryWorkingSetEx

/* The working-set watch (user/lib/wswatch.c, mm/wswatch.c), for a handle
 * with PROCESS_QUERY_INFORMATION. InitializeProcessForWsWatch starts it (or
 * empties it again). From then each fault that brings a page of the process
 * into its working set is recorded: the faulting instruction, the page's
 * address (page-aligned) and, in the _EX form, the thread. The kernel keeps
 * at most 1024 records; a full buffer drops the rest and counts them.
 * GetWsChanges(Ex) moves the records out, ending with an entry whose
 * FaultingPc is NULL and FaultingVa the number dropped. Failures:
 * ERROR_NO_MORE_ITEMS (nothing new), ERROR_INSUFFICIENT_BUFFER (the buffer,
 * returned empty, is too small; the records stay; the Ex form's *cb the
 * bytes needed), ERROR_GEN_FAILURE (the watch was never started). */
typedef struct _PSAPI_WS_WATCH_INFORMATION {
	LPVOID FaultingPc;
	LPVOID FaultingVa;
} PSAPI_WS_WATCH_INFORMATION, *PPSAPI_WS_WATCH_INFORMATION;

typedef struct _PSAPI_WS_WATCH_INFORMATION_EX {
	PSAPI_WS_WATCH_INFORMATION BasicInfo;
	ULONG_PTR FaultingThreadId;
	ULONG_PTR Flags;                /* reserved: 0 */
} PSAPI_WS_WATCH_INFORMATION_EX, *PPSAPI_WS_WATCH_INFORMATION_EX;

WINAPI BOOL InitializeProcessForWsWatch(HANDLE hProcess);
WINAPI BOOL GetWsChanges(HANDLE hProcess, PPSAPI_WS_WATCH_INFORMATION lpWatchInfo, DWORD cb);
WINAPI BOOL GetWsChangesEx(HANDLE hProcess, PPSAPI_WS_WATCH_INFORMATION_EX lpWatchInfoEx,
			   PDWORD cb);
#define K32InitializeProcessForWsWatch InitializeProcessForWsWatch
#define K32GetWsChanges                GetWsChanges
#define K32GetWsChangesEx              GetWsChangesEx

VADOS_END_DECLS

#endif
