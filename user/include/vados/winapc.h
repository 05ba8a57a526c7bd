/* User APCs, alertable waits' completion routines and waitable timers
 * (<windows.h> includes this): QueueUserAPC(2), ReadFileEx, WriteFileEx,
 * CancelIo(Ex), GetOverlappedResultEx,
 * CreateWaitableTimer(Ex)A, OpenWaitableTimerA, SetWaitableTimer(Ex),
 * CancelWaitableTimer. The alertable waits themselves (SleepEx,
 * WaitForSingleObjectEx, WaitForMultipleObjectsEx, SignalObjectAndWait) are
 * declared with the other waits in <windows.h>: one that ends for queued
 * APCs runs them all, oldest first, on the waiting thread and returns
 * WAIT_IO_COMPLETION. Implemented in user/lib/apc_api.c, timer_api.c and
 * file_api.c over kernel/ke/apc.h's queues. */
#ifndef VADOS_WINAPC_H
#define VADOS_WINAPC_H

#ifndef NTAPI
#define NTAPI __attribute__((stdcall))
#endif

typedef VOID (NTAPI *PAPCFUNC)(ULONG_PTR Parameter);
WINAPI DWORD QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData);

/* QueueUserAPC2: QUEUE_USER_APC_FLAGS_NONE is QueueUserAPC; special user
 * APCs (delivered without an alertable wait) are not supported. */
typedef enum _QUEUE_USER_APC_FLAGS {
	QUEUE_USER_APC_FLAGS_NONE = 0x0,
	QUEUE_USER_APC_FLAGS_SPECIAL_USER_APC = 0x1,
} QUEUE_USER_APC_FLAGS;
WINAPI BOOL QueueUserAPC2(PAPCFUNC ApcRoutine, HANDLE Thread, ULONG_PTR Data,
			  QUEUE_USER_APC_FLAGS Flags);

typedef VOID (WINAPI *LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwErrorCode,
						       DWORD dwNumberOfBytesTransfered,
						       LPOVERLAPPED lpOverlapped);
WINAPI BOOL ReadFileEx(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
		       LPOVERLAPPED lpOverlapped, LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINAPI BOOL WriteFileEx(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
			LPOVERLAPPED lpOverlapped,
			LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED 50L         /* SetWaitableTimer's fResume: no power states */
#endif

/* Transfers never stay pending in vados: CancelIo has nothing to cancel,
 * CancelIoEx finds nothing (ERROR_NOT_FOUND), GetOverlappedResultEx returns
 * the recorded result (for an OVERLAPPED still marked STATUS_PENDING it
 * waits, alertably if asked, on its hEvent). */
#ifndef ERROR_NOT_FOUND
#define ERROR_NOT_FOUND     1168L
#endif
#ifndef ERROR_IO_INCOMPLETE
#define ERROR_IO_INCOMPLETE 996L
#endif
WINAPI BOOL CancelIo(HANDLE hFile);
WINAPI BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped);
WINAPI BOOL GetOverlappedResultEx(HANDLE hFile, LPOVERLAPPED lpOverlapped,
				  LPDWORD lpNumberOfBytesTransferred, DWORD dwMilliseconds,
				  BOOL bAlertable);

#define TIMER_QUERY_STATE  0x0001
#define TIMER_MODIFY_STATE 0x0002
#define TIMER_ALL_ACCESS   0x001F0003
#define CREATE_WAITABLE_TIMER_MANUAL_RESET     0x00000001
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION  0x00000002

typedef VOID (CALLBACK *PTIMERAPCROUTINE)(LPVOID lpArgToCompletionRoutine,
					  DWORD dwTimerLowValue, DWORD dwTimerHighValue);

/* SetWaitableTimerEx's wake context (power requests; vados has none). The
 * strings are wide (LPWSTR on Windows): void pointers here. */
#define POWER_REQUEST_CONTEXT_VERSION          0
#define POWER_REQUEST_CONTEXT_SIMPLE_STRING    0x00000001
#define POWER_REQUEST_CONTEXT_DETAILED_STRING  0x00000002
typedef struct _REASON_CONTEXT {
	ULONG Version;
	DWORD Flags;
	union {
		struct {
			HMODULE LocalizedReasonModule;
			ULONG LocalizedReasonId;
			ULONG ReasonStringCount;
			void **ReasonStrings;
		} Detailed;
		void *SimpleReasonString;
	} Reason;
} REASON_CONTEXT, *PREASON_CONTEXT;

WINAPI HANDLE CreateWaitableTimerA(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
				   LPCSTR lpTimerName);
WINAPI HANDLE CreateWaitableTimerExA(LPSECURITY_ATTRIBUTES lpTimerAttributes, LPCSTR lpTimerName,
				     DWORD dwFlags, DWORD dwDesiredAccess);
WINAPI HANDLE OpenWaitableTimerA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpTimerName);
WINAPI BOOL SetWaitableTimer(HANDLE hTimer, const LARGE_INTEGER *lpDueTime, LONG lPeriod,
			     PTIMERAPCROUTINE pfnCompletionRoutine, LPVOID lpArgToCompletionRoutine,
			     BOOL fResume);
WINAPI BOOL SetWaitableTimerEx(HANDLE hTimer, const LARGE_INTEGER *lpDueTime, LONG lPeriod,
			       PTIMERAPCROUTINE pfnCompletionRoutine,
			       LPVOID lpArgToCompletionRoutine, PREASON_CONTEXT WakeContext,
			       ULONG TolerableDelay);
WINAPI BOOL CancelWaitableTimer(HANDLE hTimer);
#ifndef UNICODE
#define CreateWaitableTimer CreateWaitableTimerA
#define CreateWaitableTimerEx CreateWaitableTimerExA
#define OpenWaitableTimer OpenWaitableTimerA
#endif

#endif
