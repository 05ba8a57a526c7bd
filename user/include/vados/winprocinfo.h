/* <windows.h>'s Get/SetProcessInformation and Get/SetThreadInformation
 * (Windows' processthreadsapi.h part, user/lib/procinfo.c) with Windows'
 * values. Included by <windows.h> after its types; not on its own.
 *
 * The kernel keeps what is set and reports it (kernel/sys/sys_settings.c):
 * memory priorities (new processes and threads MEMORY_PRIORITY_NORMAL; no
 * page is treated differently by it), power throttling (nothing is
 * throttled) and the leap-second flag. ProcessMemoryExhaustionInfo is
 * acted on: with PME_FAILFAST_ON_COMMIT_FAIL_ENABLE a VirtualAlloc commit
 * that fails for want of commit ends the process with
 * STATUS_COMMITMENT_LIMIT. Read-only: ProcessAppMemoryInfo (the process's
 * commit and the system's), ProcessProtectionLevelInfo (PROTECTION_LEVEL_NONE),
 * ProcessMachineTypeInfo (i386, user and kernel mode), a thread's
 * ThreadAbsoluteCpuPriority (its base level; setting one picks the
 * THREAD_PRIORITY_* that gives it in its class).
 *
 * Errors: a class out of range or not handled, or a bad value,
 * ERROR_INVALID_PARAMETER; a size other than the structure's
 * ERROR_BAD_LENGTH; an unreadable or unwritable buffer ERROR_NOACCESS; the
 * handle's rights as documented (process: PROCESS_QUERY_LIMITED_INFORMATION
 * to get, PROCESS_SET_INFORMATION to set; thread: THREAD_QUERY_INFORMATION,
 * THREAD_SET_INFORMATION) else ERROR_ACCESS_DENIED. */
#ifndef VADOS_WINPROCINFO_H
#define VADOS_WINPROCINFO_H

typedef enum _PROCESS_INFORMATION_CLASS {
	ProcessMemoryPriority,
	ProcessMemoryExhaustionInfo,
	ProcessAppMemoryInfo,
	ProcessInPrivateInfo,
	ProcessPowerThrottling,
	ProcessReservedValue1,
	ProcessTelemetryCoverageInfo,
	ProcessProtectionLevelInfo,
	ProcessLeapSecondInfo,
	ProcessMachineTypeInfo,
	ProcessOverrideSubsequentPrefetchParameter,
	ProcessMaxOverridePrefetchParameter,
	ProcessInformationClassMax
} PROCESS_INFORMATION_CLASS;

typedef enum _THREAD_INFORMATION_CLASS {
	ThreadMemoryPriority,
	ThreadAbsoluteCpuPriority,
	ThreadDynamicCodePolicy,
	ThreadPowerThrottling,
	ThreadInformationClassMax
} THREAD_INFORMATION_CLASS;

#define MEMORY_PRIORITY_LOWEST       0
#define MEMORY_PRIORITY_VERY_LOW     1
#define MEMORY_PRIORITY_LOW          2
#define MEMORY_PRIORITY_MEDIUM       3
#define MEMORY_PRIORITY_BELOW_NORMAL 4
#define MEMORY_PRIORITY_NORMAL       5
typedef struct _MEMORY_PRIORITY_INFORMATION {
	ULONG MemoryPriority;
} MEMORY_PRIORITY_INFORMATION, *PMEMORY_PRIORITY_INFORMATION;

#define PROCESS_POWER_THROTTLING_CURRENT_VERSION        1
#define PROCESS_POWER_THROTTLING_EXECUTION_SPEED        0x1
#define PROCESS_POWER_THROTTLING_IGNORE_TIMER_RESOLUTION 0x4
#define PROCESS_POWER_THROTTLING_VALID_FLAGS \
	(PROCESS_POWER_THROTTLING_EXECUTION_SPEED | PROCESS_POWER_THROTTLING_IGNORE_TIMER_RESOLUTION)
typedef struct _PROCESS_POWER_THROTTLING_STATE {
	ULONG Version;
	ULONG ControlMask;
	ULONG StateMask;
} PROCESS_POWER_THROTTLING_STATE, *PPROCESS_POWER_THROTTLING_STATE;

#define THREAD_POWER_THROTTLING_CURRENT_VERSION 1
#define THREAD_POWER_THROTTLING_EXECUTION_SPEED 0x1
#define THREAD_POWER_THROTTLING_VALID_FLAGS     THREAD_POWER_THROTTLING_EXECUTION_SPEED
typedef struct _THREAD_POWER_THROTTLING_STATE {
	ULONG Version;
	ULONG ControlMask;
	ULONG StateMask;
} THREAD_POWER_THROTTLING_STATE;

#define PROCESS_LEAP_SECOND_INFO_FLAG_ENABLE_SIXTY_SECOND 0x1
#define PROCESS_LEAP_SECOND_INFO_VALID_FLAGS              0x1
typedef struct _PROCESS_LEAP_SECOND_INFO {
	ULONG Flags;
	ULONG Reserved;                 /* 0 */
} PROCESS_LEAP_SECOND_INFO, *PPROCESS_LEAP_SECOND_INFO;

typedef enum _PROCESS_MEMORY_EXHAUSTION_TYPE {
	PMETypeFailFastOnCommitFailure,
	PMETypeMax
} PROCESS_MEMORY_EXHAUSTION_TYPE, *PPROCESS_MEMORY_EXHAUSTION_TYPE;
#define PME_CURRENT_VERSION                 1
#define PME_FAILFAST_ON_COMMIT_FAIL_DISABLE 0x0
#define PME_FAILFAST_ON_COMMIT_FAIL_ENABLE  0x1
typedef struct _PROCESS_MEMORY_EXHAUSTION_INFO {
	USHORT Version;
	USHORT Reserved;                /* 0 */
	PROCESS_MEMORY_EXHAUSTION_TYPE Type;
	ULONG_PTR Value;
} PROCESS_MEMORY_EXHAUSTION_INFO, *PPROCESS_MEMORY_EXHAUSTION_INFO;

typedef struct _APP_MEMORY_INFORMATION {
	ULONG64 AvailableCommit;
	ULONG64 PrivateCommitUsage;
	ULONG64 PeakPrivateCommitUsage;
	ULONG64 TotalCommitUsage;
} APP_MEMORY_INFORMATION, *PAPP_MEMORY_INFORMATION;

#define PROTECTION_LEVEL_NONE 0xFFFFFFFEu
typedef struct _PROCESS_PROTECTION_LEVEL_INFORMATION {
	DWORD ProtectionLevel;
} PROCESS_PROTECTION_LEVEL_INFORMATION;

typedef enum _MACHINE_ATTRIBUTES {
	UserEnabled = 0x00000001,
	KernelEnabled = 0x00000002,
	Wow64Container = 0x00000004
} MACHINE_ATTRIBUTES;
typedef struct _PROCESS_MACHINE_INFORMATION {
	USHORT ProcessMachine;
	USHORT Res0;
	MACHINE_ATTRIBUTES MachineAttributes;
} PROCESS_MACHINE_INFORMATION;

/* ThreadDynamicCodePolicy: THREAD_DYNAMIC_CODE_ALLOW (1) or 0, kept. */
#define THREAD_DYNAMIC_CODE_ALLOW 1

WINAPI BOOL GetProcessInformation(HANDLE hProcess, PROCESS_INFORMATION_CLASS ProcessInformationClass,
				  LPVOID ProcessInformation, DWORD ProcessInformationSize);
WINAPI BOOL SetProcessInformation(HANDLE hProcess, PROCESS_INFORMATION_CLASS ProcessInformationClass,
				  LPVOID ProcessInformation, DWORD ProcessInformationSize);
WINAPI BOOL GetThreadInformation(HANDLE hThread, THREAD_INFORMATION_CLASS ThreadInformationClass,
				 LPVOID ThreadInformation, DWORD ThreadInformationSize);
WINAPI BOOL SetThreadInformation(HANDLE hThread, THREAD_INFORMATION_CLASS ThreadInformationClass,
				 LPVOID ThreadInformation, DWORD ThreadInformationSize);

#endif
