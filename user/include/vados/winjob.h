/* <windows.h>'s job objects (Windows' jobapi.h, jobapi2.h and winnt.h
 * parts), with Windows' values and 32-bit layouts. Included by <windows.h>
 * after its types; not on its own. */
#ifndef VADOS_WINJOB_H
#define VADOS_WINJOB_H

#define JOB_OBJECT_ASSIGN_PROCESS          0x0001
#define JOB_OBJECT_SET_ATTRIBUTES          0x0002
#define JOB_OBJECT_QUERY                   0x0004
#define JOB_OBJECT_TERMINATE               0x0008
#define JOB_OBJECT_SET_SECURITY_ATTRIBUTES 0x0010
#define JOB_OBJECT_IMPERSONATE             0x0020
#define JOB_OBJECT_ALL_ACCESS              0x001F003F

#define JOB_OBJECT_LIMIT_WORKINGSET                 0x00000001
#define JOB_OBJECT_LIMIT_PROCESS_TIME               0x00000002
#define JOB_OBJECT_LIMIT_JOB_TIME                   0x00000004
#define JOB_OBJECT_LIMIT_ACTIVE_PROCESS             0x00000008
#define JOB_OBJECT_LIMIT_AFFINITY                   0x00000010
#define JOB_OBJECT_LIMIT_PRIORITY_CLASS             0x00000020
#define JOB_OBJECT_LIMIT_PRESERVE_JOB_TIME          0x00000040
#define JOB_OBJECT_LIMIT_SCHEDULING_CLASS           0x00000080
#define JOB_OBJECT_LIMIT_PROCESS_MEMORY             0x00000100
#define JOB_OBJECT_LIMIT_JOB_MEMORY                 0x00000200
#define JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION 0x00000400
#define JOB_OBJECT_LIMIT_BREAKAWAY_OK               0x00000800
#define JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK        0x00001000
#define JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE          0x00002000
#define JOB_OBJECT_LIMIT_SUBSET_AFFINITY            0x00004000
#define JOB_OBJECT_LIMIT_VALID_FLAGS                0x0007FFFF
#define JOB_OBJECT_BASIC_LIMIT_VALID_FLAGS          0x000000FF
#define JOB_OBJECT_EXTENDED_LIMIT_VALID_FLAGS       0x00007FFF
/* Notification limits (with JOB_OBJECT_LIMIT_JOB_TIME and _JOB_MEMORY). */
#define JOB_OBJECT_LIMIT_JOB_READ_BYTES             0x00010000
#define JOB_OBJECT_LIMIT_JOB_WRITE_BYTES            0x00020000
#define JOB_OBJECT_LIMIT_RATE_CONTROL               0x00040000
#define JOB_OBJECT_NOTIFICATION_LIMIT_VALID_FLAGS   0x00070204

#define JOB_OBJECT_MSG_END_OF_JOB_TIME        1
#define JOB_OBJECT_MSG_END_OF_PROCESS_TIME    2
#define JOB_OBJECT_MSG_ACTIVE_PROCESS_LIMIT   3
#define JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO    4
#define JOB_OBJECT_MSG_NEW_PROCESS            6
#define JOB_OBJECT_MSG_EXIT_PROCESS           7
#define JOB_OBJECT_MSG_ABNORMAL_EXIT_PROCESS  8
#define JOB_OBJECT_MSG_PROCESS_MEMORY_LIMIT   9
#define JOB_OBJECT_MSG_JOB_MEMORY_LIMIT       10
#define JOB_OBJECT_MSG_NOTIFICATION_LIMIT     11

#define JOB_OBJECT_TERMINATE_AT_END_OF_JOB 0
#define JOB_OBJECT_POST_AT_END_OF_JOB      1

#define CREATE_BREAKAWAY_FROM_JOB 0x01000000

#ifndef ERROR_NOT_ENOUGH_QUOTA
#define ERROR_NOT_ENOUGH_QUOTA 1816L  /* the active-process limit (STATUS_QUOTA_EXCEEDED) */
#endif

typedef enum _JOBOBJECTINFOCLASS {
	JobObjectBasicAccountingInformation = 1,
	JobObjectBasicLimitInformation = 2,
	JobObjectBasicProcessIdList = 3,
	JobObjectBasicUIRestrictions = 4,
	JobObjectSecurityLimitInformation = 5,
	JobObjectEndOfJobTimeInformation = 6,
	JobObjectAssociateCompletionPortInformation = 7,
	JobObjectBasicAndIoAccountingInformation = 8,
	JobObjectExtendedLimitInformation = 9,
	JobObjectJobSetInformation = 10,
	JobObjectGroupInformation = 11,         /* USHORT groups: vados has group 0 only */
	JobObjectNotificationLimitInformation = 12,
	JobObjectLimitViolationInformation = 13,
	JobObjectGroupInformationEx = 14,
	JobObjectCpuRateControlInformation = 15,
} JOBOBJECTINFOCLASS;

typedef enum _JOBOBJECT_RATE_CONTROL_TOLERANCE {
	ToleranceLow = 1,
	ToleranceMedium,
	ToleranceHigh
} JOBOBJECT_RATE_CONTROL_TOLERANCE, *PJOBOBJECT_RATE_CONTROL_TOLERANCE;

typedef enum _JOBOBJECT_RATE_CONTROL_TOLERANCE_INTERVAL {
	ToleranceIntervalShort = 1,
	ToleranceIntervalMedium,
	ToleranceIntervalLong
} JOBOBJECT_RATE_CONTROL_TOLERANCE_INTERVAL, *PJOBOBJECT_RATE_CONTROL_TOLERANCE_INTERVAL;

typedef struct __attribute__((aligned(8))) _JOBOBJECT_BASIC_ACCOUNTING_INFORMATION {
	LARGE_INTEGER TotalUserTime;
	LARGE_INTEGER TotalKernelTime;
	LARGE_INTEGER ThisPeriodTotalUserTime;
	LARGE_INTEGER ThisPeriodTotalKernelTime;
	DWORD TotalPageFaultCount;
	DWORD TotalProcesses;
	DWORD ActiveProcesses;
	DWORD TotalTerminatedProcesses;
} JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, *PJOBOBJECT_BASIC_ACCOUNTING_INFORMATION;   /* 48 */

typedef struct __attribute__((aligned(8))) _JOBOBJECT_BASIC_LIMIT_INFORMATION {
	LARGE_INTEGER PerProcessUserTimeLimit;
	LARGE_INTEGER PerJobUserTimeLimit;
	DWORD LimitFlags;
	SIZE_T MinimumWorkingSetSize;
	SIZE_T MaximumWorkingSetSize;
	DWORD ActiveProcessLimit;
	ULONG_PTR Affinity;
	DWORD PriorityClass;
	DWORD SchedulingClass;
} JOBOBJECT_BASIC_LIMIT_INFORMATION, *PJOBOBJECT_BASIC_LIMIT_INFORMATION;     /* 48 */

/* A process's or job's I/O calls and bytes (GetProcessIoCounters'
 * answer too: vados/winioctl.h). */
typedef struct _IO_COUNTERS {
	ULONGLONG ReadOperationCount;
	ULONGLONG WriteOperationCount;
	ULONGLONG OtherOperationCount;
	ULONGLONG ReadTransferCount;
	ULONGLONG WriteTransferCount;
	ULONGLONG OtherTransferCount;
} IO_COUNTERS, *PIO_COUNTERS;   /* 48 */

typedef struct __attribute__((aligned(8))) _JOBOBJECT_EXTENDED_LIMIT_INFORMATION {
	JOBOBJECT_BASIC_LIMIT_INFORMATION BasicLimitInformation;
	IO_COUNTERS IoInfo;
	SIZE_T ProcessMemoryLimit;
	SIZE_T JobMemoryLimit;
	SIZE_T PeakProcessMemoryUsed;
	SIZE_T PeakJobMemoryUsed;
} JOBOBJECT_EXTENDED_LIMIT_INFORMATION, *PJOBOBJECT_EXTENDED_LIMIT_INFORMATION;       /* 112 */

typedef struct __attribute__((aligned(8))) JOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION {
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION BasicInfo;
	IO_COUNTERS IoInfo;
} JOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION,
	*PJOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION;        /* 96 */

/* JobObjectNotificationLimitInformation: passing a limit posts
 * JOB_OBJECT_MSG_NOTIFICATION_LIMIT once (until the limits are set again);
 * nothing ends. JOB_OBJECT_LIMIT_RATE_CONTROL: ERROR_INVALID_PARAMETER
 * (vados has no CPU rate control). */
typedef struct __attribute__((aligned(8))) _JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION {
	DWORD64 IoReadBytesLimit;
	DWORD64 IoWriteBytesLimit;
	LARGE_INTEGER PerJobUserTimeLimit;
	DWORD64 JobMemoryLimit;
	JOBOBJECT_RATE_CONTROL_TOLERANCE RateControlTolerance;
	JOBOBJECT_RATE_CONTROL_TOLERANCE_INTERVAL RateControlToleranceInterval;
	DWORD LimitFlags;
} JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION, *PJOBOBJECT_NOTIFICATION_LIMIT_INFORMATION;  /* 48 */

/* JobObjectLimitViolationInformation (query only). */
typedef struct __attribute__((aligned(8))) _JOBOBJECT_LIMIT_VIOLATION_INFORMATION {
	DWORD LimitFlags;
	DWORD ViolationLimitFlags;
	DWORD64 IoReadBytes;
	DWORD64 IoReadBytesLimit;
	DWORD64 IoWriteBytes;
	DWORD64 IoWriteBytesLimit;
	LARGE_INTEGER PerJobUserTime;
	LARGE_INTEGER PerJobUserTimeLimit;
	DWORD64 JobMemory;
	DWORD64 JobMemoryLimit;
	JOBOBJECT_RATE_CONTROL_TOLERANCE RateControlTolerance;
	JOBOBJECT_RATE_CONTROL_TOLERANCE RateControlToleranceLimit;
} JOBOBJECT_LIMIT_VIOLATION_INFORMATION, *PJOBOBJECT_LIMIT_VIOLATION_INFORMATION;        /* 80 */

#define JOB_OBJECT_CPU_RATE_CONTROL_ENABLE       0x1
#define JOB_OBJECT_CPU_RATE_CONTROL_WEIGHT_BASED 0x2
#define JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP     0x4
#define JOB_OBJECT_CPU_RATE_CONTROL_NOTIFY       0x8
#define JOB_OBJECT_CPU_RATE_CONTROL_MIN_MAX_RATE 0x10

/* JobObjectCpuRateControlInformation: queried, ControlFlags 0; set,
 * ERROR_NOT_SUPPORTED (as Windows with fair-share scheduling: vados's
 * scheduler has no rate control). */
typedef struct _JOBOBJECT_CPU_RATE_CONTROL_INFORMATION {
	DWORD ControlFlags;
	union {
		DWORD CpuRate;
		DWORD Weight;
		struct {
			WORD MinRate;
			WORD MaxRate;
		};
	};
} JOBOBJECT_CPU_RATE_CONTROL_INFORMATION, *PJOBOBJECT_CPU_RATE_CONTROL_INFORMATION;    /* 8 */

typedef struct _JOBOBJECT_BASIC_PROCESS_ID_LIST {
	DWORD NumberOfAssignedProcesses;
	DWORD NumberOfProcessIdsInList;
	ULONG_PTR ProcessIdList[1];
} JOBOBJECT_BASIC_PROCESS_ID_LIST, *PJOBOBJECT_BASIC_PROCESS_ID_LIST;

typedef struct _JOBOBJECT_ASSOCIATE_COMPLETION_PORT {
	PVOID CompletionKey;
	HANDLE CompletionPort;
} JOBOBJECT_ASSOCIATE_COMPLETION_PORT, *PJOBOBJECT_ASSOCIATE_COMPLETION_PORT;

typedef struct _JOBOBJECT_END_OF_JOB_TIME_INFORMATION {
	DWORD EndOfJobTimeAction;
} JOBOBJECT_END_OF_JOB_TIME_INFORMATION, *PJOBOBJECT_END_OF_JOB_TIME_INFORMATION;

/* A new job (lpName NULL: unnamed; an existing job's name opens it, with
 * ERROR_ALREADY_EXISTS) with every right; lpJobAttributes->bInheritHandle
 * makes the handle inheritable. */
WINAPI HANDLE CreateJobObjectA(LPSECURITY_ATTRIBUTES lpJobAttributes, LPCSTR lpName);
WINAPI HANDLE CreateJobObjectW(LPSECURITY_ATTRIBUTES lpJobAttributes, LPCWSTR lpName);
WINAPI HANDLE OpenJobObjectA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
WINAPI HANDLE OpenJobObjectW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
/* hJob needs JOB_OBJECT_ASSIGN_PROCESS, hProcess PROCESS_SET_QUOTA and
 * PROCESS_TERMINATE. A process in another job nests an empty job in its
 * own (Windows 8's nested jobs), else ERROR_ACCESS_DENIED; past
 * ActiveProcessLimit: ERROR_NOT_ENOUGH_QUOTA. */
WINAPI BOOL AssignProcessToJobObject(HANDLE hJob, HANDLE hProcess);
/* JobHandle NULL: any job. */
WINAPI BOOL IsProcessInJob(HANDLE ProcessHandle, HANDLE JobHandle, PBOOL Result);
WINAPI BOOL TerminateJobObject(HANDLE hJob, UINT uExitCode);
/* hJob NULL: the caller's own job. */
WINAPI BOOL QueryInformationJobObject(HANDLE hJob, JOBOBJECTINFOCLASS JobObjectInformationClass,
				      LPVOID lpJobObjectInformation,
				      DWORD cbJobObjectInformationLength, LPDWORD lpReturnLength);
WINAPI BOOL SetInformationJobObject(HANDLE hJob, JOBOBJECTINFOCLASS JobObjectInformationClass,
				    LPVOID lpJobObjectInformation,
				    DWORD cbJobObjectInformationLength);

#define JOB_OBJECT_IO_RATE_CONTROL_ENABLE 0x1

typedef struct JOBOBJECT_IO_RATE_CONTROL_INFORMATION {
	LONG64 MaxIops;
	LONG64 MaxBandwidth;
	LONG64 ReservationIops;
	PCWSTR VolumeName;
	ULONG BaseIoSize;
	ULONG ControlFlags;
} JOBOBJECT_IO_RATE_CONTROL_INFORMATION;

/* I/O rate control: ERROR_NOT_SUPPORTED (as Windows 10 1607 and later);
 * FreeMemoryJobObject frees nothing this library hands out. */
WINAPI DWORD QueryIoRateControlInformationJobObject(HANDLE hJob, PCWSTR VolumeName,
						    JOBOBJECT_IO_RATE_CONTROL_INFORMATION **InfoBlocks,
						    ULONG *InfoBlockCount);
WINAPI DWORD SetIoRateControlInformationJobObject(HANDLE hJob,
						  JOBOBJECT_IO_RATE_CONTROL_INFORMATION *IoRateControlInfo);
WINAPI void FreeMemoryJobObject(void *Buffer);

#ifdef UNICODE
#define CreateJobObject CreateJobObjectW
#define OpenJobObject   OpenJobObjectW
#else
#define CreateJobObject CreateJobObjectA
#define OpenJobObject   OpenJobObjectA
#endif

#endif
