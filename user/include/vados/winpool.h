/* <windows.h>'s thread pools (Windows' threadpoollegacyapiset.h,
 * threadpoolapiset.h and winnt.h/winbase.h parts), with Windows' names,
 * values and layouts: the legacy pool (QueueUserWorkItem,
 * RegisterWaitForSingleObject, timer queues) and the Vista pool
 * (TP_WORK, TP_TIMER, TP_WAIT, pools, callback environments, callback
 * instances). Implemented in user/lib/tpool*.c over the SDK's threads,
 * events, SRW locks and condition variables. Included by <windows.h>. */
#ifndef VADOS_WINPOOL_H
#define VADOS_WINPOOL_H

/* The legacy pool's flags (winnt.h). */
#define WT_EXECUTEDEFAULT              0x00000000
#define WT_EXECUTEINIOTHREAD           0x00000001
#define WT_EXECUTEINUITHREAD           0x00000002
#define WT_EXECUTEINWAITTHREAD         0x00000004
#define WT_EXECUTEONLYONCE             0x00000008
#define WT_EXECUTELONGFUNCTION         0x00000010
#define WT_EXECUTEINTIMERTHREAD        0x00000020
#define WT_EXECUTEINPERSISTENTIOTHREAD 0x00000040
#define WT_EXECUTEINPERSISTENTTHREAD   0x00000080
#define WT_TRANSFER_IMPERSONATION      0x00000100
#define WT_SET_MAX_THREADPOOL_THREADS(Flags, Limit) ((Flags) |= (Limit) << 16)

typedef VOID (NTAPI *WAITORTIMERCALLBACK)(PVOID lpParameter, BOOLEAN TimerOrWaitFired);
typedef WAITORTIMERCALLBACK WAITORTIMERCALLBACKFUNC;

WINAPI BOOL QueueUserWorkItem(LPTHREAD_START_ROUTINE Function, PVOID Context, ULONG Flags);
WINAPI BOOL RegisterWaitForSingleObject(PHANDLE phNewWaitObject, HANDLE hObject,
					WAITORTIMERCALLBACK Callback, PVOID Context,
					ULONG dwMilliseconds, ULONG dwFlags);
WINAPI BOOL UnregisterWait(HANDLE WaitHandle);
WINAPI BOOL UnregisterWaitEx(HANDLE WaitHandle, HANDLE CompletionEvent);
WINAPI HANDLE CreateTimerQueue(VOID);
WINAPI BOOL CreateTimerQueueTimer(PHANDLE phNewTimer, HANDLE TimerQueue,
				  WAITORTIMERCALLBACK Callback, PVOID Parameter, DWORD DueTime,
				  DWORD Period, ULONG Flags);
WINAPI BOOL ChangeTimerQueueTimer(HANDLE TimerQueue, HANDLE Timer, ULONG DueTime, ULONG Period);
WINAPI BOOL DeleteTimerQueueTimer(HANDLE TimerQueue, HANDLE Timer, HANDLE CompletionEvent);
WINAPI BOOL DeleteTimerQueueEx(HANDLE TimerQueue, HANDLE CompletionEvent);
WINAPI BOOL DeleteTimerQueue(HANDLE TimerQueue);

/* The Vista pool's objects: opaque, as on Windows. */
typedef struct _TP_POOL TP_POOL, *PTP_POOL;
typedef struct _TP_WORK TP_WORK, *PTP_WORK;
typedef struct _TP_TIMER TP_TIMER, *PTP_TIMER;
typedef struct _TP_WAIT TP_WAIT, *PTP_WAIT;
typedef struct _TP_IO TP_IO, *PTP_IO;
typedef struct _TP_CALLBACK_INSTANCE TP_CALLBACK_INSTANCE, *PTP_CALLBACK_INSTANCE;
typedef struct _TP_CLEANUP_GROUP TP_CLEANUP_GROUP, *PTP_CLEANUP_GROUP;
typedef DWORD TP_VERSION, *PTP_VERSION;
typedef DWORD TP_WAIT_RESULT;

typedef VOID (NTAPI *PTP_SIMPLE_CALLBACK)(PTP_CALLBACK_INSTANCE Instance, PVOID Context);
typedef VOID (NTAPI *PTP_WORK_CALLBACK)(PTP_CALLBACK_INSTANCE Instance, PVOID Context,
					PTP_WORK Work);
typedef VOID (NTAPI *PTP_TIMER_CALLBACK)(PTP_CALLBACK_INSTANCE Instance, PVOID Context,
					 PTP_TIMER Timer);
typedef VOID (NTAPI *PTP_WAIT_CALLBACK)(PTP_CALLBACK_INSTANCE Instance, PVOID Context,
					PTP_WAIT Wait, TP_WAIT_RESULT WaitResult);
typedef VOID (NTAPI *PTP_CLEANUP_GROUP_CANCEL_CALLBACK)(PVOID ObjectContext,
							PVOID CleanupContext);

typedef enum _TP_CALLBACK_PRIORITY {
	TP_CALLBACK_PRIORITY_HIGH,
	TP_CALLBACK_PRIORITY_NORMAL,
	TP_CALLBACK_PRIORITY_LOW,
	TP_CALLBACK_PRIORITY_INVALID,
	TP_CALLBACK_PRIORITY_COUNT = TP_CALLBACK_PRIORITY_INVALID
} TP_CALLBACK_PRIORITY;

/* winnt.h's TP_CALLBACK_ENVIRON_V3. vados honours Pool (NULL: the
 * default pool), CleanupGroup and CleanupGroupCancelCallback; the rest is
 * kept as set. */
typedef struct _TP_CALLBACK_ENVIRON_V3 {
	TP_VERSION Version;
	PTP_POOL Pool;
	PTP_CLEANUP_GROUP CleanupGroup;
	PTP_CLEANUP_GROUP_CANCEL_CALLBACK CleanupGroupCancelCallback;
	PVOID RaceDll;
	struct _ACTIVATION_CONTEXT *ActivationContext;
	PTP_SIMPLE_CALLBACK FinalizationCallback;
	union {
		DWORD Flags;
		struct {
			DWORD LongFunction : 1;
			DWORD Persistent : 1;
			DWORD Private : 30;
		} s;
	} u;
	TP_CALLBACK_PRIORITY CallbackPriority;
	DWORD Size;
} TP_CALLBACK_ENVIRON_V3, TP_CALLBACK_ENVIRON, *PTP_CALLBACK_ENVIRON;

/* winbase.h's inline environment calls (TpInitializeCallbackEnviron...). */
static __inline__ VOID InitializeThreadpoolEnvironment(PTP_CALLBACK_ENVIRON pcbe)
{
	pcbe->Version = 3;
	pcbe->Pool = NULL;
	pcbe->CleanupGroup = NULL;
	pcbe->CleanupGroupCancelCallback = NULL;
	pcbe->RaceDll = NULL;
	pcbe->ActivationContext = NULL;
	pcbe->FinalizationCallback = NULL;
	pcbe->u.Flags = 0;
	pcbe->CallbackPriority = TP_CALLBACK_PRIORITY_NORMAL;
	pcbe->Size = sizeof(*pcbe);
}
static __inline__ VOID SetThreadpoolCallbackPool(PTP_CALLBACK_ENVIRON pcbe, PTP_POOL ptpp)
{
	pcbe->Pool = ptpp;
}
static __inline__ VOID SetThreadpoolCallbackRunsLong(PTP_CALLBACK_ENVIRON pcbe)
{
	pcbe->u.s.LongFunction = 1;
}
static __inline__ VOID SetThreadpoolCallbackPersistent(PTP_CALLBACK_ENVIRON pcbe)
{
	pcbe->u.s.Persistent = 1;
}
static __inline__ VOID SetThreadpoolCallbackLibrary(PTP_CALLBACK_ENVIRON pcbe, PVOID mod)
{
	pcbe->RaceDll = mod;
}
static __inline__ VOID SetThreadpoolCallbackPriority(PTP_CALLBACK_ENVIRON pcbe,
						     TP_CALLBACK_PRIORITY Priority)
{
	pcbe->CallbackPriority = Priority;
}
static __inline__ VOID SetThreadpoolCallbackCleanupGroup(PTP_CALLBACK_ENVIRON pcbe,
							 PTP_CLEANUP_GROUP ptpcg,
							 PTP_CLEANUP_GROUP_CANCEL_CALLBACK pfng)
{
	pcbe->CleanupGroup = ptpcg;
	pcbe->CleanupGroupCancelCallback = pfng;
}
static __inline__ VOID DestroyThreadpoolEnvironment(PTP_CALLBACK_ENVIRON pcbe)
{
	(void)pcbe;
}

WINAPI PTP_POOL CreateThreadpool(PVOID reserved);
WINAPI VOID SetThreadpoolThreadMaximum(PTP_POOL ptpp, DWORD cthrdMost);
WINAPI BOOL SetThreadpoolThreadMinimum(PTP_POOL ptpp, DWORD cthrdMic);
WINAPI VOID CloseThreadpool(PTP_POOL ptpp);

WINAPI PTP_CLEANUP_GROUP CreateThreadpoolCleanupGroup(VOID);
WINAPI VOID CloseThreadpoolCleanupGroupMembers(PTP_CLEANUP_GROUP ptpcg,
					       BOOL fCancelPendingCallbacks, PVOID pvCleanupContext);
WINAPI VOID CloseThreadpoolCleanupGroup(PTP_CLEANUP_GROUP ptpcg);

WINAPI BOOL TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK pfns, PVOID pv,
					PTP_CALLBACK_ENVIRON pcbe);
WINAPI PTP_WORK CreateThreadpoolWork(PTP_WORK_CALLBACK pfnwk, PVOID pv,
				     PTP_CALLBACK_ENVIRON pcbe);
WINAPI VOID SubmitThreadpoolWork(PTP_WORK pwk);
WINAPI VOID WaitForThreadpoolWorkCallbacks(PTP_WORK pwk, BOOL fCancelPendingCallbacks);
WINAPI VOID CloseThreadpoolWork(PTP_WORK pwk);

WINAPI PTP_TIMER CreateThreadpoolTimer(PTP_TIMER_CALLBACK pfnti, PVOID pv,
				       PTP_CALLBACK_ENVIRON pcbe);
WINAPI VOID SetThreadpoolTimer(PTP_TIMER pti, PFILETIME pftDueTime, DWORD msPeriod,
			       DWORD msWindowLength);
WINAPI BOOL SetThreadpoolTimerEx(PTP_TIMER pti, PFILETIME pftDueTime, DWORD msPeriod,
				 DWORD msWindowLength);
WINAPI BOOL IsThreadpoolTimerSet(PTP_TIMER pti);
WINAPI VOID WaitForThreadpoolTimerCallbacks(PTP_TIMER pti, BOOL fCancelPendingCallbacks);
WINAPI VOID CloseThreadpoolTimer(PTP_TIMER pti);

WINAPI PTP_WAIT CreateThreadpoolWait(PTP_WAIT_CALLBACK pfnwa, PVOID pv,
				     PTP_CALLBACK_ENVIRON pcbe);
WINAPI VOID SetThreadpoolWait(PTP_WAIT pwa, HANDLE h, PFILETIME pftTimeout);
WINAPI BOOL SetThreadpoolWaitEx(PTP_WAIT pwa, HANDLE h, PFILETIME pftTimeout, PVOID Reserved);
WINAPI VOID WaitForThreadpoolWaitCallbacks(PTP_WAIT pwa, BOOL fCancelPendingCallbacks);
WINAPI VOID CloseThreadpoolWait(PTP_WAIT pwa);

WINAPI VOID SetEventWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HANDLE evt);
WINAPI VOID ReleaseSemaphoreWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HANDLE sem,
						DWORD crel);
WINAPI VOID ReleaseMutexWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HANDLE mut);
WINAPI VOID LeaveCriticalSectionWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci,
						    PCRITICAL_SECTION pcs);
WINAPI VOID FreeLibraryWhenCallbackReturns(PTP_CALLBACK_INSTANCE pci, HMODULE mod);
WINAPI BOOL CallbackMayRunLong(PTP_CALLBACK_INSTANCE pci);
WINAPI VOID DisassociateCurrentThreadFromCallback(PTP_CALLBACK_INSTANCE pci);

/* I/O completion objects (user/lib/tpool_io.c): the file (opened with
 * FILE_FLAG_OVERLAPPED) is bound to the pool's completion port; call
 * StartThreadpoolIo before each overlapped call, CancelThreadpoolIo when
 * it fails at once. Each completion runs the callback on a worker with
 * the OVERLAPPED, NO_ERROR or the Win32 error, and the count. */
typedef VOID (NTAPI *PTP_WIN32_IO_CALLBACK)(PTP_CALLBACK_INSTANCE Instance, PVOID Context,
					    PVOID Overlapped, ULONG IoResult,
					    ULONG_PTR NumberOfBytesTransferred, PTP_IO Io);
WINAPI PTP_IO CreateThreadpoolIo(HANDLE fl, PTP_WIN32_IO_CALLBACK pfnio, PVOID pv,
				 PTP_CALLBACK_ENVIRON pcbe);
WINAPI VOID StartThreadpoolIo(PTP_IO pio);
WINAPI VOID CancelThreadpoolIo(PTP_IO pio);
WINAPI VOID WaitForThreadpoolIoCallbacks(PTP_IO pio, BOOL fCancelPendingCallbacks);
WINAPI VOID CloseThreadpoolIo(PTP_IO pio);

#endif
