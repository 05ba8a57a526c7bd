/* <windows.h>'s kernel32 odds and ends (Windows' winnt.h, minwindef.h,
 * winbase.h, sysinfoapi.h, profileapi.h, debugapi.h, processthreadsapi.h
 * parts): the memory macros, WORD/LONG packing, counting and offset macros,
 * the performance counter, the version, debugging, message formatting,
 * CPU times, names and directories, the lstr* string calls and process
 * priority classes, with Windows' values. Included by <windows.h> after its
 * types and vados/winfiles.h; not on its own. */
#ifndef VADOS_WINMISC_H
#define VADOS_WINMISC_H

#include <stdarg.h>

/* More of Windows' basic types. */
typedef short SHORT, *PSHORT;
typedef int INT, *PINT, *LPINT;
typedef float FLOAT, *PFLOAT;
typedef BYTE *PBYTE, *LPBYTE;
typedef CHAR *PCHAR, *PCH;
typedef const CHAR *PCCH, *LPCCH;
typedef UCHAR *PUCHAR;
typedef WORD *PWORD, *LPWORD;
typedef USHORT *PUSHORT;
typedef ULONG *PULONG;
typedef BOOLEAN *PBOOLEAN;
typedef LONGLONG *PLONGLONG;
typedef signed char INT8, *PINT8;
typedef unsigned char UINT8, *PUINT8;
typedef short INT16, *PINT16;
typedef unsigned short UINT16, *PUINT16;
typedef int INT32, *PINT32, LONG32, *PLONG32;
typedef unsigned int UINT32, *PUINT32, ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef long long INT64, *PINT64, LONG64, *PLONG64;
typedef unsigned long long UINT64, *PUINT64, ULONG64, *PULONG64, DWORD64, *PDWORD64;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM, LRESULT;
typedef WORD ATOM;
typedef LONG HRESULT;

#define MAXCHAR     0x7f
#define MINCHAR     0x80
#define MAXBYTE     0xff
#define MAXSHORT    0x7fff
#define MINSHORT    0x8000
#define MAXWORD     0xffff
#define MAXLONG     0x7fffffff
#define MINLONG     0x80000000
#define MAXDWORD    0xffffffff
#define MAXULONG    0xffffffffUL
#define MAXLONGLONG (0x7fffffffffffffffLL)
#define MAXUINT_PTR (~((UINT_PTR)0))
#define MAXINT_PTR  ((INT_PTR)(MAXUINT_PTR >> 1))
#define MININT_PTR  (~MAXINT_PTR)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MINLONG_PTR (~MAXLONG_PTR)
#define MAXSIZE_T   ((SIZE_T)~((SIZE_T)0))
#define MAXUINT     ((UINT)~((UINT)0))
#define MAXINT      ((INT)(MAXUINT >> 1))
#define MININT      ((INT)~MAXINT)
#define MAXUINT8    ((UINT8)~((UINT8)0))
#define MAXUINT16   ((UINT16)~((UINT16)0))
#define MAXUINT32   ((UINT32)~((UINT32)0))
#define MAXUINT64   ((UINT64)~((UINT64)0))
#define MAXINT32    ((INT32)(MAXUINT32 >> 1))
#define MAXINT64    ((INT64)(MAXUINT64 >> 1))

/* HRESULTs. */
#define S_OK                  ((HRESULT)0L)
#define S_FALSE               ((HRESULT)1L)
#define E_FAIL                ((HRESULT)0x80004005L)
#define E_INVALIDARG          ((HRESULT)0x80070057L)
#define E_OUTOFMEMORY         ((HRESULT)0x8007000EL)
#define SUCCEEDED(hr)         (((HRESULT)(hr)) >= 0)
#define FAILED(hr)            (((HRESULT)(hr)) < 0)
#define FACILITY_WIN32        7
#define HRESULT_FROM_WIN32(x) ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) : \
			       ((HRESULT)(((x) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))

/* Packing and unpacking. */
#define MAKEWORD(a, b) ((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | \
			       ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#define MAKELONG(a, b) ((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | \
			       ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff))) << 16))
#define LOWORD(l)      ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#define HIWORD(l)      ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#define LOBYTE(w)      ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#define HIBYTE(w)      ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))
#define MAKEWPARAM(l, h) ((WPARAM)(DWORD)MAKELONG(l, h))
#define MAKELPARAM(l, h) ((LPARAM)(DWORD)MAKELONG(l, h))
#define MAKELRESULT(l, h) ((LRESULT)(DWORD)MAKELONG(l, h))

#ifndef NOMINMAX
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

/* Counting, offsets and unused names. */
#define RTL_NUMBER_OF(A)   (sizeof(A) / sizeof((A)[0]))
#define ARRAYSIZE(A)       RTL_NUMBER_OF(A)
#ifndef _countof
#define _countof(A)        (sizeof(A) / sizeof((A)[0]))
#endif
#define FIELD_OFFSET(type, field)   ((LONG)__builtin_offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define CONTAINING_RECORD(address, type, field) \
	((type *)((char *)(address) - (ULONG_PTR)__builtin_offsetof(type, field)))
#define UNREFERENCED_PARAMETER(P)          ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P)      ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V)     ((void)(V))

/* The memory macros (GCC's builtins: inline for small constant sizes,
 * else the C library's memset/memcpy/memmove/memcmp). */
#define RtlEqualMemory(Destination, Source, Length) \
	(!__builtin_memcmp((Destination), (Source), (Length)))
#define RtlCopyMemory(Destination, Source, Length) \
	__builtin_memcpy((Destination), (Source), (Length))
#define RtlMoveMemory(Destination, Source, Length) \
	__builtin_memmove((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill) \
	__builtin_memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length) __builtin_memset((Destination), 0, (Length))
#define EqualMemory RtlEqualMemory
#define CopyMemory  RtlCopyMemory
#define MoveMemory  RtlMoveMemory
#define FillMemory  RtlFillMemory
#define ZeroMemory  RtlZeroMemory
/* Zeroes through a volatile pointer, so the compiler cannot drop the
 * stores when the memory is not read again; returns ptr. */
static __inline__ PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
	volatile char *p = (volatile char *)ptr;

	while (cnt--)
		*p++ = 0;
	return ptr;
}
#define SecureZeroMemory RtlSecureZeroMemory
/* How many bytes from the start are equal (Length when all are). */
WINAPI SIZE_T RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length);

/* The performance counter (user/lib/perfcounter.c): the PIT's input clock
 * divided as the tick, counted since boot; the frequency is fixed at boot
 * and the counter never goes back. */
WINAPI BOOL QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);
WINAPI BOOL QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);
WINAPI ULONGLONG GetTickCount64(VOID);
WINAPI VOID GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
/* The interrupt time: 100 ns units since boot, from the same counter (the
 * unbiased forms are the same: vados never sleeps). */
WINAPI VOID QueryInterruptTime(PULONGLONG lpInterruptTime);
WINAPI VOID QueryInterruptTimePrecise(PULONGLONG lpInterruptTimePrecise);
WINAPI BOOL QueryUnbiasedInterruptTime(PULONGLONG UnbiasedTime);
WINAPI VOID QueryUnbiasedInterruptTimePrecise(PULONGLONG lpUnbiasedInterruptTimePrecise);

/* CPU times (user/lib/cputimes.c): 100 ns units, counted a timer tick (10
 * ms) at a time to the thread that was running, in ring 3 (user) or not
 * (kernel). */
WINAPI BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime,
			    LPFILETIME lpKernelTime, LPFILETIME lpUserTime);
WINAPI BOOL GetThreadTimes(HANDLE hThread, LPFILETIME lpCreationTime, LPFILETIME lpExitTime,
			   LPFILETIME lpKernelTime, LPFILETIME lpUserTime);
WINAPI BOOL GetSystemTimes(PFILETIME lpIdleTime, PFILETIME lpKernelTime, PFILETIME lpUserTime);

/* The version (user/lib/version.c): vados answers as Windows 8 (6.2, build
 * 9200), what Windows 8.1 and later tell a program without a manifest. */
#define VER_PLATFORM_WIN32s        0
#define VER_PLATFORM_WIN32_WINDOWS 1
#define VER_PLATFORM_WIN32_NT      2
#define VER_NT_WORKSTATION         0x0000001
#define VER_NT_DOMAIN_CONTROLLER   0x0000002
#define VER_NT_SERVER              0x0000003
#define VER_SUITE_SINGLEUSERTS     0x00000100
typedef struct _OSVERSIONINFOA {                    /* 148 bytes */
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
	CHAR szCSDVersion[128];
} OSVERSIONINFOA, *POSVERSIONINFOA, *LPOSVERSIONINFOA;
typedef struct _OSVERSIONINFOEXA {                  /* 156 bytes */
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
	CHAR szCSDVersion[128];
	WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
	BYTE wProductType, wReserved;
} OSVERSIONINFOEXA, *POSVERSIONINFOEXA, *LPOSVERSIONINFOEXA;
typedef struct _OSVERSIONINFOW {                    /* 276 bytes */
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
	WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW;
typedef struct _OSVERSIONINFOEXW {                  /* 284 bytes */
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
	WCHAR szCSDVersion[128];
	WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
	BYTE wProductType, wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW;
#ifdef UNICODE
typedef OSVERSIONINFOW OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXW OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#else
typedef OSVERSIONINFOA OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXA OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#endif
WINAPI DWORD GetVersion(VOID);
WINAPI BOOL GetVersionExA(LPOSVERSIONINFOA lpVersionInformation);
/* As GetVersionExA, dwOSVersionInfoSize sizeof(OSVERSIONINFOW) or
 * sizeof(OSVERSIONINFOEXW). */
WINAPI BOOL GetVersionExW(LPOSVERSIONINFOW lpVersionInformation);
#define GetVersionEx GetVersionExA
/* ntdll's: GetVersionExW's answer whatever the program's manifest (there is
 * none), STATUS_SUCCESS; another dwOSVersionInfoSize
 * STATUS_INVALID_PARAMETER (0xC000000D). */
typedef LONG NTSTATUS;
typedef OSVERSIONINFOW RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;
typedef OSVERSIONINFOEXW RTL_OSVERSIONINFOEXW, *PRTL_OSVERSIONINFOEXW;
WINAPI NTSTATUS RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation);

/* Debugging (user/lib/debug_api.c): no Win32 debugger ever attaches (gdb on
 * QEMU's stub is below the system); DebugBreak raises EXCEPTION_BREAKPOINT
 * (int3) in the caller; OutputDebugStringA writes to the console. */
WINAPI BOOL IsDebuggerPresent(VOID);
WINAPI BOOL CheckRemoteDebuggerPresent(HANDLE hProcess, PBOOL pbDebuggerPresent);
WINAPI VOID DebugBreak(VOID);
WINAPI VOID OutputDebugStringA(LPCSTR lpOutputString);
/* The string in CP437 ('?' for what it lacks) to OutputDebugStringA. */
WINAPI VOID OutputDebugStringW(LPCWSTR lpOutputString);
#define OutputDebugString OutputDebugStringA

/* Messages (user/lib/format_message.c, message_table.c): the system's
 * English texts for the error codes <windows.h> names. */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x00000200
#define FORMAT_MESSAGE_FROM_STRING     0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE    0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0x000000FF
#define LANG_NEUTRAL                   0x00
#define LANG_ENGLISH                   0x09
#define SUBLANG_NEUTRAL                0x00
#define SUBLANG_DEFAULT                0x01
#define SUBLANG_SYS_DEFAULT            0x02
#define SUBLANG_ENGLISH_US             0x01
#define MAKELANGID(p, s)               ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid)            ((WORD)(lgid) & 0x3ff)
#define SUBLANGID(lgid)                ((WORD)(lgid) >> 10)
#define LANG_SYSTEM_DEFAULT            MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT)
#define LANG_USER_DEFAULT              MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT)
#define ERROR_MORE_DATA                234L
#define ERROR_MR_MID_NOT_FOUND         317L
#define ERROR_RESOURCE_DATA_NOT_FOUND  1812L
#define ERROR_RESOURCE_TYPE_NOT_FOUND  1813L
#define ERROR_RESOURCE_NAME_NOT_FOUND  1814L
#define ERROR_RESOURCE_LANG_NOT_FOUND  1815L
WINAPI DWORD FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
			    DWORD dwLanguageId, LPSTR lpBuffer, DWORD nSize, va_list *Arguments);
/* As FormatMessageA in WCHARs: lpSource (FROM_STRING) is an LPCWSTR, nSize
 * and the LocalAlloc'd buffer count WCHARs, the result is UTF-16; inserts
 * %n and %n!s! take LPCWSTRs (%n!S! and %n!hs! LPCSTRs), %n!c! a WCHAR.
 * The message is formatted in CP437, so a character CP437 lacks, in the
 * source or an insert, comes back as '?'. */
WINAPI DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
			    DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments);
#define FormatMessage FormatMessageA

/* The process's start-up, the machine's names and directories
 * (user/lib/sysnames.c): the computer is VADOS, the user SYSTEM (the
 * token's), the system directory C:\BIN (where the disk keeps the
 * programs), the Windows directory C:\. */
#define STARTF_USESHOWWINDOW        0x00000001
#define STARTF_USESIZE              0x00000002
#define STARTF_USEPOSITION          0x00000004
#define STARTF_USECOUNTCHARS        0x00000008
#define STARTF_USEFILLATTRIBUTE     0x00000010
#define STARTF_RUNFULLSCREEN        0x00000020
#define STARTF_FORCEONFEEDBACK      0x00000040
#define STARTF_FORCEOFFFEEDBACK     0x00000080
#define STARTF_USESTDHANDLES        0x00000100
#define MAX_COMPUTERNAME_LENGTH     15
#define UNLEN                       256
/* The creator's lpStartupInfo as CreateProcess passed it (the reserved
 * fields empty, the standard handles only with STARTF_USESTDHANDLES); a
 * process the kernel started gets an empty one, cb set. */
WINAPI VOID GetStartupInfoA(LPSTARTUPINFOA lpStartupInfo);
WINAPI BOOL GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize);
WINAPI BOOL GetUserNameA(LPSTR lpBuffer, LPDWORD pcbBuffer);
WINAPI UINT GetSystemDirectoryA(LPSTR lpBuffer, UINT uSize);
WINAPI UINT GetWindowsDirectoryA(LPSTR lpBuffer, UINT uSize);
WINAPI UINT GetSystemWindowsDirectoryA(LPSTR lpBuffer, UINT uSize);
/* The W forms: the same names and sizes, in WCHARs. */
WINAPI BOOL GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize);
WINAPI BOOL GetUserNameW(LPWSTR lpBuffer, LPDWORD pcbBuffer);
WINAPI UINT GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize);
WINAPI UINT GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize);
WINAPI UINT GetSystemWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize);
/* The computer's names (user/lib/k32_misc.c): the NetBIOS and DNS host
 * names are GetComputerName's, the domain parts empty. */
typedef enum _COMPUTER_NAME_FORMAT {
	ComputerNameNetBIOS, ComputerNameDnsHostname, ComputerNameDnsDomain,
	ComputerNameDnsFullyQualified, ComputerNamePhysicalNetBIOS,
	ComputerNamePhysicalDnsHostname, ComputerNamePhysicalDnsDomain,
	ComputerNamePhysicalDnsFullyQualified, ComputerNameMax
} COMPUTER_NAME_FORMAT;
WINAPI BOOL GetComputerNameExA(COMPUTER_NAME_FORMAT NameType, LPSTR lpBuffer, LPDWORD nSize);
WINAPI BOOL GetComputerNameExW(COMPUTER_NAME_FORMAT NameType, LPWSTR lpBuffer, LPDWORD nSize);

/* Error modes (user/lib/k32_misc.c): kept, as Windows keeps them; vados
 * shows no dialog box whatever they say. */
#define SEM_FAILCRITICALERRORS     0x0001
#define SEM_NOGPFAULTERRORBOX      0x0002
#define SEM_NOALIGNMENTFAULTEXCEPT 0x0004
#define SEM_NOOPENFILEERRORBOX     0x8000
WINAPI UINT SetErrorMode(UINT uMode);
WINAPI UINT GetErrorMode(VOID);
WINAPI BOOL SetThreadErrorMode(DWORD dwNewMode, LPDWORD lpOldMode);
WINAPI DWORD GetThreadErrorMode(VOID);
/* Ends the process at once, without its atexit work: FatalAppExit with
 * STATUS_FATAL_APP_EXIT (0x40000015) after writing the message to the
 * console, FatalExit with its code, RaiseFailFastException with the
 * record's code (none: STATUS_FAIL_FAST_EXCEPTION, 0xC0000602) past every
 * handler. */
WINAPI __attribute__((noreturn)) VOID FatalAppExitA(UINT uAction, LPCSTR lpMessageText);
WINAPI __attribute__((noreturn)) VOID FatalAppExitW(UINT uAction, LPCWSTR lpMessageText);
WINAPI __attribute__((noreturn)) VOID FatalExit(int ExitCode);
#define STATUS_FAIL_FAST_EXCEPTION 0xC0000602L
#define FAIL_FAST_GENERATE_EXCEPTION_ADDRESS 0x1
WINAPI __attribute__((noreturn)) VOID RaiseFailFastException(PEXCEPTION_RECORD pExceptionRecord,
							      PCONTEXT pContextRecord,
							      DWORD dwFlags);
/* Writes everything the process wrote before it to memory (one CPU: a
 * barrier). */
WINAPI VOID FlushProcessWriteBuffers(VOID);
/* The clock's adjustment: none (disabled), 10 ms ticks, in 100 ns units. */
WINAPI BOOL GetSystemTimeAdjustment(PDWORD lpTimeAdjustment, PDWORD lpTimeIncrement,
				    PBOOL lpTimeAdjustmentDisabled);
#define GetStartupInfo         GetStartupInfoA
#define GetComputerName        GetComputerNameA
#define GetUserName            GetUserNameA
#define GetSystemDirectory     GetSystemDirectoryA
#define GetWindowsDirectory    GetWindowsDirectoryA
#define GetSystemWindowsDirectory GetSystemWindowsDirectoryA

/* The lstr* calls (user/lib/lstr.c): a bad pointer makes them fail quietly
 * (0, NULL, or an unchanged result) as Windows' exception handlers do.
 * lstrcmp(i)A are CompareStringA (NORM_IGNORECASE) in the thread's locale
 * less 2 (user/lib/nls_compare.c, vados/winnls.h); NULL sorts first. */
WINAPI int lstrlenA(LPCSTR lpString);
WINAPI LPSTR lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
WINAPI LPSTR lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
WINAPI LPSTR lstrcatA(LPSTR lpString1, LPCSTR lpString2);
WINAPI int lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
WINAPI int lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);
#define lstrlen  lstrlenA
#define lstrcpy  lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat  lstrcatA
#define lstrcmp  lstrcmpA
#define lstrcmpi lstrcmpiA

/* Processors and priorities (user/lib/priority.c): one CPU, number 0. */
#define NORMAL_PRIORITY_CLASS       0x00000020
#define IDLE_PRIORITY_CLASS         0x00000040
#define HIGH_PRIORITY_CLASS         0x00000080
#define REALTIME_PRIORITY_CLASS     0x00000100
#define BELOW_NORMAL_PRIORITY_CLASS 0x00004000
#define ABOVE_NORMAL_PRIORITY_CLASS 0x00008000
#define PROCESS_MODE_BACKGROUND_BEGIN 0x00100000
#define PROCESS_MODE_BACKGROUND_END   0x00200000
#define ALL_PROCESSOR_GROUPS        0xffff
WINAPI DWORD GetPriorityClass(HANDLE hProcess);
WINAPI BOOL SetPriorityClass(HANDLE hProcess, DWORD dwPriorityClass);
/* The processor's features (user/lib/processor_info.c): those the CPU has
 * and the kernel lets ring 3 use (SSE up to SSE4.2 where the CPU has it;
 * no XSAVE or AVX: the kernel saves what FXSAVE covers; no PAE or NX: a
 * non-PAE kernel). */
#define PF_FLOATING_POINT_PRECISION_ERRATA  0
#define PF_FLOATING_POINT_EMULATED          1
#define PF_COMPARE_EXCHANGE_DOUBLE          2
#define PF_MMX_INSTRUCTIONS_AVAILABLE       3
#define PF_PPC_MOVEMEM_64BIT_OK             4
#define PF_ALPHA_BYTE_INSTRUCTIONS          5
#define PF_XMMI_INSTRUCTIONS_AVAILABLE      6
#define PF_3DNOW_INSTRUCTIONS_AVAILABLE     7
#define PF_RDTSC_INSTRUCTION_AVAILABLE      8
#define PF_PAE_ENABLED                      9
#define PF_XMMI64_INSTRUCTIONS_AVAILABLE    10
#define PF_SSE_DAZ_MODE_AVAILABLE           11
#define PF_NX_ENABLED                       12
#define PF_SSE3_INSTRUCTIONS_AVAILABLE      13
#define PF_COMPARE_EXCHANGE128              14
#define PF_COMPARE64_EXCHANGE128            15
#define PF_CHANNELS_ENABLED                 16
#define PF_XSAVE_ENABLED                    17
#define PF_SECOND_LEVEL_ADDRESS_TRANSLATION 20
#define PF_VIRT_FIRMWARE_ENABLED            21
#define PF_RDWRFSGSBASE_AVAILABLE           22
#define PF_FASTFAIL_AVAILABLE               23
#define PF_RDRAND_INSTRUCTION_AVAILABLE     28
#define PF_RDTSCP_INSTRUCTION_AVAILABLE     32
#define PF_SSSE3_INSTRUCTIONS_AVAILABLE     36
#define PF_SSE4_1_INSTRUCTIONS_AVAILABLE    37
#define PF_SSE4_2_INSTRUCTIONS_AVAILABLE    38
#define PF_AVX_INSTRUCTIONS_AVAILABLE       39
#define PF_AVX2_INSTRUCTIONS_AVAILABLE      40
#define PF_AVX512F_INSTRUCTIONS_AVAILABLE   41
WINAPI BOOL IsProcessorFeaturePresent(DWORD ProcessorFeature);

/* The processors' relationships: one core in one package on NUMA node 0. */
typedef enum _LOGICAL_PROCESSOR_RELATIONSHIP {
	RelationProcessorCore,
	RelationNumaNode,
	RelationCache,
	RelationProcessorPackage,
	RelationGroup,
	RelationAll = 0xffff
} LOGICAL_PROCESSOR_RELATIONSHIP;
typedef enum _PROCESSOR_CACHE_TYPE {
	CacheUnified, CacheInstruction, CacheData, CacheTrace
} PROCESSOR_CACHE_TYPE;
typedef struct _CACHE_DESCRIPTOR {
	BYTE Level, Associativity;
	WORD LineSize;
	DWORD Size;
	PROCESSOR_CACHE_TYPE Type;
} CACHE_DESCRIPTOR, *PCACHE_DESCRIPTOR;
typedef struct _SYSTEM_LOGICAL_PROCESSOR_INFORMATION {     /* 24 bytes */
	ULONG_PTR ProcessorMask;
	LOGICAL_PROCESSOR_RELATIONSHIP Relationship;
	union {
		struct { BYTE Flags; } ProcessorCore;
		struct { DWORD NodeNumber; } NumaNode;
		CACHE_DESCRIPTOR Cache;
		ULONGLONG Reserved[2];
	};
} SYSTEM_LOGICAL_PROCESSOR_INFORMATION, *PSYSTEM_LOGICAL_PROCESSOR_INFORMATION;
WINAPI BOOL GetLogicalProcessorInformation(PSYSTEM_LOGICAL_PROCESSOR_INFORMATION Buffer,
					   PDWORD ReturnedLength);
/* The Ex form's variable-size records (Size each), group-aware. */
#define LTP_PC_SMT 0x1
typedef struct _PROCESSOR_RELATIONSHIP {            /* 36 bytes */
	BYTE Flags, EfficiencyClass, Reserved[20];
	WORD GroupCount;
	GROUP_AFFINITY GroupMask[1];
} PROCESSOR_RELATIONSHIP, *PPROCESSOR_RELATIONSHIP;
typedef struct _NUMA_NODE_RELATIONSHIP {            /* 36 bytes */
	DWORD NodeNumber;
	BYTE Reserved[18];
	WORD GroupCount;
	union {
		GROUP_AFFINITY GroupMask;
		GROUP_AFFINITY GroupMasks[1];
	};
} NUMA_NODE_RELATIONSHIP, *PNUMA_NODE_RELATIONSHIP;
typedef struct _CACHE_RELATIONSHIP {                /* 44 bytes */
	BYTE Level, Associativity;
	WORD LineSize;
	DWORD CacheSize;
	PROCESSOR_CACHE_TYPE Type;
	BYTE Reserved[18];
	WORD GroupCount;
	union {
		GROUP_AFFINITY GroupMask;
		GROUP_AFFINITY GroupMasks[1];
	};
} CACHE_RELATIONSHIP, *PCACHE_RELATIONSHIP;
typedef struct _PROCESSOR_GROUP_INFO {              /* 44 bytes */
	BYTE MaximumProcessorCount, ActiveProcessorCount, Reserved[38];
	KAFFINITY ActiveProcessorMask;
} PROCESSOR_GROUP_INFO, *PPROCESSOR_GROUP_INFO;
typedef struct _GROUP_RELATIONSHIP {                /* 68 bytes */
	WORD MaximumGroupCount, ActiveGroupCount;
	BYTE Reserved[20];
	PROCESSOR_GROUP_INFO GroupInfo[1];
} GROUP_RELATIONSHIP, *PGROUP_RELATIONSHIP;
typedef struct _SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX {
	LOGICAL_PROCESSOR_RELATIONSHIP Relationship;
	DWORD Size;                     /* this record's bytes: 8 and its relationship's */
	union {
		PROCESSOR_RELATIONSHIP Processor;
		NUMA_NODE_RELATIONSHIP NumaNode;
		CACHE_RELATIONSHIP Cache;
		GROUP_RELATIONSHIP Group;
	};
} SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, *PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX;
/* The records of RelationshipType (RelationAll: the core, the NUMA node,
 * the package and the group, in that order; no caches), packed. */
WINAPI BOOL GetLogicalProcessorInformationEx(LOGICAL_PROCESSOR_RELATIONSHIP RelationshipType,
					     PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX Buffer,
					     PDWORD ReturnedLength);

/* Disabling a boost stops the +1 a thread gets when its wait ends (the
 * starvation boost stays); a process's setting is its threads', new ones
 * included. */
WINAPI BOOL GetProcessPriorityBoost(HANDLE hProcess, PBOOL pDisablePriorityBoost);
WINAPI BOOL SetProcessPriorityBoost(HANDLE hProcess, BOOL bDisablePriorityBoost);
WINAPI BOOL GetThreadPriorityBoost(HANDLE hThread, PBOOL pDisablePriorityBoost);
WINAPI BOOL SetThreadPriorityBoost(HANDLE hThread, BOOL bDisablePriorityBoost);
WINAPI DWORD GetCurrentProcessorNumber(VOID);
WINAPI DWORD GetActiveProcessorCount(WORD GroupNumber);
WINAPI DWORD GetMaximumProcessorCount(WORD GroupNumber);
/* Thread contexts (user/lib/thread_context.c): the registers a suspended
 * thread left ring 3 with; CONTEXT_CONTROL, _INTEGER, _SEGMENTS,
 * _FLOATING_POINT and (on a CPU with FXSR) _EXTENDED_REGISTERS are read
 * and written, the debug registers left as they are. */
#define CONTEXT_DEBUG_REGISTERS    (CONTEXT_i386 | 0x10u)
#define CONTEXT_ALL (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_SEGMENTS | \
		     CONTEXT_FLOATING_POINT | CONTEXT_DEBUG_REGISTERS | CONTEXT_EXTENDED_REGISTERS)
typedef CONTEXT *LPCONTEXT;
WINAPI BOOL GetThreadContext(HANDLE hThread, LPCONTEXT lpContext);
WINAPI BOOL SetThreadContext(HANDLE hThread, const CONTEXT *lpContext);

/* Threads in another process's address space: vados makes them only in
 * the caller's (another process: ERROR_ACCESS_DENIED). */
WINAPI HANDLE CreateRemoteThread(HANDLE hProcess, LPSECURITY_ATTRIBUTES lpThreadAttributes,
				 SIZE_T dwStackSize, LPTHREAD_START_ROUTINE lpStartAddress,
				 LPVOID lpParameter, DWORD dwCreationFlags, LPDWORD lpThreadId);

/* The caller's registers and return addresses (user/lib/stack_capture.c):
 * RtlCaptureContext fills CONTEXT_FULL as its caller will be on its
 * return; RtlCaptureStackBackTrace (CaptureStackBackTrace) walks the EBP
 * chain, skipping FramesToSkip, the hash the sum of the addresses. */
WINAPI VOID RtlCaptureContext(PCONTEXT ContextRecord);
WINAPI USHORT RtlCaptureStackBackTrace(ULONG FramesToSkip, ULONG FramesToCapture,
				       PVOID *BackTrace, PULONG BackTraceHash);
#define CaptureStackBackTrace RtlCaptureStackBackTrace

#endif
