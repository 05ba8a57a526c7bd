/* <windows.h>'s threads, thread-local storage, critical sections and the
 * Interlocked family (Windows' processthreadsapi.h, synchapi.h, winnt.h
 * parts), with Windows' values and layouts. Included by <windows.h> after
 * its types; not on its own. */
#ifndef VADOS_WINTHREADS_H
#define VADOS_WINTHREADS_H

typedef DWORD (WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;

#define CREATE_SUSPENDED                  0x00000004UL
#define CREATE_UNICODE_ENVIRONMENT        0x00000400UL
/* CreateProcess's other creation flags (vados has one console and no
 * debugger: accepted and ignored, but DETACHED_PROCESS | CREATE_NEW_CONSOLE
 * is ERROR_INVALID_PARAMETER, as on Windows). */
#define DETACHED_PROCESS                  0x00000008UL
#define CREATE_NEW_CONSOLE                0x00000010UL
#define CREATE_NEW_PROCESS_GROUP          0x00000200UL
#define CREATE_SEPARATE_WOW_VDM           0x00000800UL
#define CREATE_SHARED_WOW_VDM             0x00001000UL
#define INHERIT_PARENT_AFFINITY           0x00010000UL
#define CREATE_PROTECTED_PROCESS          0x00040000UL
#define CREATE_SECURE_PROCESS             0x00400000UL
#define CREATE_PRESERVE_CODE_AUTHZ_LEVEL  0x02000000UL
#define CREATE_DEFAULT_ERROR_MODE         0x04000000UL
#define CREATE_NO_WINDOW                  0x08000000UL
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000UL

#define THREAD_TERMINATE                 0x0001UL
#define THREAD_SUSPEND_RESUME            0x0002UL
#define THREAD_GET_CONTEXT               0x0008UL
#define THREAD_SET_CONTEXT               0x0010UL
#define THREAD_SET_INFORMATION           0x0020UL
#define THREAD_QUERY_INFORMATION         0x0040UL
#define THREAD_SET_THREAD_TOKEN          0x0080UL
#define THREAD_IMPERSONATE               0x0100UL
#define THREAD_DIRECT_IMPERSONATION      0x0200UL
#define THREAD_SET_LIMITED_INFORMATION   0x0400UL
#define THREAD_QUERY_LIMITED_INFORMATION 0x0800UL
#define THREAD_RESUME                    0x1000UL
#define THREAD_ALL_ACCESS                0x001FFFFFUL

#define THREAD_PRIORITY_IDLE          (-15)
#define THREAD_PRIORITY_LOWEST        (-2)
#define THREAD_PRIORITY_BELOW_NORMAL  (-1)
#define THREAD_PRIORITY_NORMAL        0
#define THREAD_PRIORITY_ABOVE_NORMAL  1
#define THREAD_PRIORITY_HIGHEST       2
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_ERROR_RETURN  0x7FFFFFFFL
#define THREAD_MODE_BACKGROUND_BEGIN  0x00010000
#define THREAD_MODE_BACKGROUND_END    0x00020000
#define ERROR_THREAD_MODE_ALREADY_BACKGROUND 400L
#define ERROR_THREAD_MODE_NOT_BACKGROUND     401L

#define MAXIMUM_SUSPEND_COUNT 127
#define ERROR_SIGNAL_REFUSED  156L      /* SuspendThread past MAXIMUM_SUSPEND_COUNT */

#define TLS_OUT_OF_INDEXES    0xFFFFFFFFUL
#define TLS_MINIMUM_AVAILABLE 64

/* NT_TIB and the TEB's documented-by-use part, at NT's i386 offsets. */
typedef struct _NT_TIB {
	struct _EXCEPTION_REGISTRATION_RECORD *ExceptionList;  /* 0x00: -1 ends it */
	PVOID StackBase;                /* 0x04: the stack's top */
	PVOID StackLimit;               /* 0x08: its lowest committed page */
	PVOID SubSystemTib;
	PVOID FiberData;
	PVOID ArbitraryUserPointer;
	struct _NT_TIB *Self;           /* 0x18 */
} NT_TIB, *PNT_TIB;

typedef struct _CLIENT_ID {
	HANDLE UniqueProcess, UniqueThread;
} CLIENT_ID;

typedef struct _TEB {
	NT_TIB NtTib;                   /* 0x000 */
	PVOID EnvironmentPointer;       /* 0x01c */
	CLIENT_ID ClientId;             /* 0x020: pid, tid */
	PVOID ActiveRpcHandle;
	PVOID ThreadLocalStoragePointer;        /* 0x02c */
	PVOID ProcessEnvironmentBlock;  /* 0x030: vados has no PEB: NULL */
	DWORD LastErrorValue;           /* 0x034 */
	DWORD CountOfOwnedCriticalSections;     /* 0x038 */
	BYTE Reserved1[0xc4 - 0x3c];
	DWORD CurrentLocale;            /* 0x0c4: SetThreadLocale's (0: the default) */
	BYTE Reserved1b[0xe0c - 0xc8];
	PVOID DeallocationStack;        /* 0xe0c: the stack's reservation */
	PVOID TlsSlots[64];             /* 0xe10 */
	BYTE Reserved2[0xf28 - 0xf10];
	DWORD HardErrorMode;            /* 0xf28: SetThreadErrorMode's */
	BYTE Reserved2b[0xf94 - 0xf2c];
	PVOID *TlsExpansionSlots;       /* 0xf94: 1024 more, allocated on first use */
	BYTE Reserved3[0xfb4 - 0xf98];
	PVOID FlsData;                  /* 0xfb4: the running fiber's FLS block */
	BYTE Reserved4[0xfca - 0xfb8];
	USHORT SameTebFlags;            /* 0xfca: TEB_HAS_FIBER_DATA */
} TEB, *PTEB;
#define TEB_HAS_FIBER_DATA 0x0004u

/* The calling thread's TEB: FS:[0x18], as on Windows. */
static __inline__ PTEB NtCurrentTeb(void)
{
	PTEB teb;

	__asm__ __volatile__("movl %%fs:0x18, %0" : "=r"(teb));
	return teb;
}

WINAPI HANDLE CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
			   LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
			   DWORD dwCreationFlags, LPDWORD lpThreadId);
WINAPI __attribute__((noreturn)) VOID ExitThread(DWORD dwExitCode);
WINAPI BOOL GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);
WINAPI HANDLE GetCurrentThread(VOID);
WINAPI DWORD GetCurrentThreadId(VOID);
WINAPI DWORD GetThreadId(HANDLE Thread);
/* A thread's description (user/lib/thread_desc.c): kept by the kernel with
 * the thread; failures are HRESULT_FROM_NT of NT's status. */
typedef LONG HRESULT;                   /* as vados/winmisc.h's */
WINAPI HRESULT SetThreadDescription(HANDLE hThread, PCWSTR lpThreadDescription);
WINAPI HRESULT GetThreadDescription(HANDLE hThread, PWSTR *ppszThreadDescription);
WINAPI DWORD GetProcessIdOfThread(HANDLE Thread);
WINAPI HANDLE OpenThread(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwThreadId);
WINAPI DWORD ResumeThread(HANDLE hThread);
WINAPI DWORD SuspendThread(HANDLE hThread);
WINAPI BOOL TerminateThread(HANDLE hThread, DWORD dwExitCode);
WINAPI BOOL SwitchToThread(VOID);
WINAPI int GetThreadPriority(HANDLE hThread);
WINAPI BOOL SetThreadPriority(HANDLE hThread, int nPriority);
WINAPI VOID GetCurrentThreadStackLimits(PULONG_PTR LowLimit, PULONG_PTR HighLimit);
WINAPI DWORD TlsAlloc(VOID);
WINAPI BOOL TlsFree(DWORD dwTlsIndex);
WINAPI LPVOID TlsGetValue(DWORD dwTlsIndex);
WINAPI BOOL TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue);

/* Critical sections, with XP's layout and protocol: LockCount starts at -1
 * and counts the threads in or waiting; an uncontended enter and leave make
 * no system call; contention waits on an auto-reset event made on first
 * need (LockSemaphore). One CPU: the spin count is 0, as Windows sets it there. */
typedef struct _RTL_CRITICAL_SECTION_DEBUG *PRTL_CRITICAL_SECTION_DEBUG;
typedef struct _RTL_CRITICAL_SECTION {
	PRTL_CRITICAL_SECTION_DEBUG DebugInfo;
	LONG LockCount;
	LONG RecursionCount;
	HANDLE OwningThread;            /* the owner's thread id */
	HANDLE LockSemaphore;
	ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION, CRITICAL_SECTION, *LPCRITICAL_SECTION,
  *PCRITICAL_SECTION;

WINAPI VOID InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINAPI BOOL InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
						  DWORD dwSpinCount);
WINAPI BOOL InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection,
					DWORD dwSpinCount, DWORD Flags);
WINAPI DWORD SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection,
					 DWORD dwSpinCount);
WINAPI VOID EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINAPI BOOL TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINAPI VOID LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINAPI VOID DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection);

/* Slim reader/writer locks, condition variables and one-time
 * initialization (user/lib/srwlock.c, condvar.c): one zeroed word each,
 * statically (the *_INIT values) or by their Initialize calls. */
typedef struct _RTL_SRWLOCK {
	PVOID Ptr;
} RTL_SRWLOCK, SRWLOCK, *PSRWLOCK;
#define SRWLOCK_INIT { 0 }
typedef struct _RTL_CONDITION_VARIABLE {
	PVOID Ptr;
} RTL_CONDITION_VARIABLE, CONDITION_VARIABLE, *PCONDITION_VARIABLE;
#define CONDITION_VARIABLE_INIT { 0 }
#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1
typedef union _RTL_RUN_ONCE {
	PVOID Ptr;
} RTL_RUN_ONCE, INIT_ONCE, *PINIT_ONCE, *LPINIT_ONCE;
#define INIT_ONCE_STATIC_INIT { 0 }
#define INIT_ONCE_CTX_RESERVED_BITS 2
#define INIT_ONCE_CHECK_ONLY  0x00000001UL
#define INIT_ONCE_ASYNC       0x00000002UL
#define INIT_ONCE_INIT_FAILED 0x00000004UL
typedef BOOL (WINAPI *PINIT_ONCE_FN)(PINIT_ONCE InitOnce, PVOID Parameter, PVOID *Context);

WINAPI VOID InitializeSRWLock(PSRWLOCK SRWLock);
WINAPI VOID AcquireSRWLockExclusive(PSRWLOCK SRWLock);
WINAPI VOID AcquireSRWLockShared(PSRWLOCK SRWLock);
WINAPI VOID ReleaseSRWLockExclusive(PSRWLOCK SRWLock);
WINAPI VOID ReleaseSRWLockShared(PSRWLOCK SRWLock);
WINAPI BOOLEAN TryAcquireSRWLockExclusive(PSRWLOCK SRWLock);
WINAPI BOOLEAN TryAcquireSRWLockShared(PSRWLOCK SRWLock);
WINAPI VOID InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable);
WINAPI BOOL SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable,
				     PCRITICAL_SECTION CriticalSection, DWORD dwMilliseconds);
WINAPI BOOL SleepConditionVariableSRW(PCONDITION_VARIABLE ConditionVariable, PSRWLOCK SRWLock,
				      DWORD dwMilliseconds, ULONG Flags);
WINAPI VOID WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable);
WINAPI VOID WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable);
WINAPI VOID InitOnceInitialize(PINIT_ONCE InitOnce);
WINAPI BOOL InitOnceExecuteOnce(PINIT_ONCE InitOnce, PINIT_ONCE_FN InitFn, PVOID Parameter,
				LPVOID *Context);
WINAPI BOOL InitOnceBeginInitialize(LPINIT_ONCE lpInitOnce, DWORD dwFlags, PBOOL fPending,
				    LPVOID *lpContext);
WINAPI BOOL InitOnceComplete(LPINIT_ONCE lpInitOnce, DWORD dwFlags, LPVOID lpContext);

/* The Interlocked family: full barriers (lock-prefixed instructions), as
 * Windows' intrinsics. The 64-bit compare-exchange needs cmpxchg8b (a
 * Pentium). */
#define VADOS_ATOMIC __attribute__((always_inline)) static __inline__
VADOS_ATOMIC LONG InterlockedIncrement(LONG volatile *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedDecrement(LONG volatile *p)
{
	return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedExchange(LONG volatile *p, LONG v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedExchangeAdd(LONG volatile *p, LONG v)
{
	return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedAdd(LONG volatile *p, LONG v)
{
	return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedCompareExchange(LONG volatile *p, LONG exchange, LONG comparand)
{
	__atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return comparand;
}
/* cmpxchg8b itself: for -march=i486 GCC's builtin would call libatomic's
 * __atomic_compare_exchange_8, which the SDK does not link. */
VADOS_ATOMIC long long InterlockedCompareExchange64(long long volatile *p, long long exchange,
						    long long comparand)
{
	__asm__ __volatile__("lock cmpxchg8b %1"
			     : "+A"(comparand), "+m"(*p)
			     : "b"((unsigned long)exchange), "c"((unsigned long)(exchange >> 32))
			     : "memory", "cc");
	return comparand;
}
VADOS_ATOMIC PVOID InterlockedCompareExchangePointer(PVOID volatile *p, PVOID exchange,
						     PVOID comparand)
{
	__atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return comparand;
}
VADOS_ATOMIC PVOID InterlockedExchangePointer(PVOID volatile *p, PVOID v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedAnd(LONG volatile *p, LONG v)
{
	return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedOr(LONG volatile *p, LONG v)
{
	return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedXor(LONG volatile *p, LONG v)
{
	return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
}
VADOS_ATOMIC LONG InterlockedExchangeSubtract(LONG volatile *p, LONG v)
{
	return __atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);
}
#undef VADOS_ATOMIC
#define MemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* Fibers (user/lib/fiber.c): NtTib.FiberData is the running fiber, whose
 * first word is its parameter, as Windows' GetCurrentFiber and GetFiberData
 * read them; a thread that is no fiber holds NT_TIB's Version (0x1E00)
 * there, which GetCurrentFiber then returns, as on Windows. */
#define FIBER_FLAG_FLOAT_SWITCH 0x1     /* switch the x87 control word too */
#define ERROR_ALREADY_FIBER     1280L
#define ERROR_ALREADY_THREAD    1281L
typedef VOID (WINAPI *PFIBER_START_ROUTINE)(LPVOID lpFiberParameter);
typedef PFIBER_START_ROUTINE LPFIBER_START_ROUTINE;
static __inline__ PVOID GetCurrentFiber(void)
{
	PVOID fiber;

	__asm__ __volatile__("movl %%fs:0x10, %0" : "=r"(fiber));
	return fiber;
}
static __inline__ PVOID GetFiberData(void)
{
	return *(PVOID *)GetCurrentFiber();
}
WINAPI LPVOID ConvertThreadToFiber(LPVOID lpParameter);
WINAPI LPVOID ConvertThreadToFiberEx(LPVOID lpParameter, DWORD dwFlags);
WINAPI BOOL ConvertFiberToThread(VOID);
WINAPI LPVOID CreateFiber(SIZE_T dwStackSize, LPFIBER_START_ROUTINE lpStartAddress,
			  LPVOID lpParameter);
WINAPI LPVOID CreateFiberEx(SIZE_T dwStackCommitSize, SIZE_T dwStackReserveSize, DWORD dwFlags,
			    LPFIBER_START_ROUTINE lpStartAddress, LPVOID lpParameter);
WINAPI VOID SwitchToFiber(LPVOID lpFiber);
WINAPI VOID DeleteFiber(LPVOID lpFiber);
WINAPI BOOL IsThreadAFiber(VOID);

/* Fiber-local storage (user/lib/fls.c): 128 indexes, a value per fiber (or
 * per thread that is no fiber). */
#define FLS_OUT_OF_INDEXES    0xFFFFFFFFUL
#define FLS_MAXIMUM_AVAILABLE 128
typedef VOID (WINAPI *PFLS_CALLBACK_FUNCTION)(PVOID lpFlsData);
WINAPI DWORD FlsAlloc(PFLS_CALLBACK_FUNCTION lpCallback);
WINAPI BOOL FlsFree(DWORD dwFlsIndex);
WINAPI PVOID FlsGetValue(DWORD dwFlsIndex);
WINAPI BOOL FlsSetValue(DWORD dwFlsIndex, PVOID lpFlsData);

/* Interlocked singly linked lists (user/lib/slist.c), the 32-bit layout:
 * entries aligned on MEMORY_ALLOCATION_ALIGNMENT (8). */
#define MEMORY_ALLOCATION_ALIGNMENT 8
typedef struct _SINGLE_LIST_ENTRY {
	struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY, SLIST_ENTRY, *PSLIST_ENTRY;
typedef union __attribute__((aligned(8))) _SLIST_HEADER {
	ULONGLONG Alignment;
	struct {
		SLIST_ENTRY Next;
		WORD Depth;
		WORD Sequence;
	};
} SLIST_HEADER, *PSLIST_HEADER;
WINAPI VOID InitializeSListHead(PSLIST_HEADER ListHead);
WINAPI PSLIST_ENTRY InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry);
WINAPI PSLIST_ENTRY InterlockedPopEntrySList(PSLIST_HEADER ListHead);
WINAPI PSLIST_ENTRY InterlockedPushListSListEx(PSLIST_HEADER ListHead, PSLIST_ENTRY List,
					       PSLIST_ENTRY ListEnd, ULONG Count);
WINAPI PSLIST_ENTRY InterlockedFlushSList(PSLIST_HEADER ListHead);
WINAPI USHORT QueryDepthSList(PSLIST_HEADER ListHead);
WINAPI PSLIST_ENTRY RtlFirstEntrySList(const SLIST_HEADER *ListHead);

/* Waits on an address (user/lib/waitaddress.c), the Synchronization API. */
WINAPI BOOL WaitOnAddress(volatile VOID *Address, PVOID CompareAddress, SIZE_T AddressSize,
			  DWORD dwMilliseconds);
WINAPI VOID WakeByAddressSingle(PVOID Address);
WINAPI VOID WakeByAddressAll(PVOID Address);

/* Processor affinity (user/lib/priority.c): one group, its CPUs. */
#define MAXIMUM_PROCESSORS 32
typedef DWORD_PTR *PDWORD_PTR;
typedef struct _PROCESSOR_NUMBER {
	WORD Group;
	BYTE Number;
	BYTE Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;
WINAPI BOOL GetProcessAffinityMask(HANDLE hProcess, PDWORD_PTR lpProcessAffinityMask,
				   PDWORD_PTR lpSystemAffinityMask);
WINAPI BOOL SetProcessAffinityMask(HANDLE hProcess, DWORD_PTR dwProcessAffinityMask);
WINAPI DWORD_PTR SetThreadAffinityMask(HANDLE hThread, DWORD_PTR dwThreadAffinityMask);
WINAPI DWORD SetThreadIdealProcessor(HANDLE hThread, DWORD dwIdealProcessor);
WINAPI BOOL SetThreadIdealProcessorEx(HANDLE hThread, PPROCESSOR_NUMBER lpIdealProcessor,
				      PPROCESSOR_NUMBER lpPreviousIdealProcessor);
WINAPI BOOL GetThreadIdealProcessorEx(HANDLE hThread, PPROCESSOR_NUMBER lpIdealProcessor);
typedef ULONG_PTR KAFFINITY;
typedef struct _GROUP_AFFINITY {                    /* 12 bytes */
	KAFFINITY Mask;
	WORD Group;
	WORD Reserved[3];
} GROUP_AFFINITY, *PGROUP_AFFINITY;
WINAPI VOID GetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber);
WINAPI BOOL GetThreadGroupAffinity(HANDLE hThread, PGROUP_AFFINITY GroupAffinity);
WINAPI BOOL SetThreadGroupAffinity(HANDLE hThread, const GROUP_AFFINITY *GroupAffinity,
				   PGROUP_AFFINITY PreviousGroupAffinity);
WINAPI BOOL GetProcessGroupAffinity(HANDLE hProcess, USHORT *GroupCount, USHORT *GroupArray);

/* Synchronization barriers (user/lib/barrier.c), Windows 8's: the threads
 * of a phase wait until lTotalThreads have entered; the last one's
 * EnterSynchronizationBarrier returns TRUE, the others' FALSE. */
typedef struct _RTL_BARRIER {
	DWORD Reserved1;
	DWORD Reserved2;
	ULONG_PTR Reserved3[2];
	DWORD Reserved4;
	DWORD Reserved5;
} RTL_BARRIER, *PRTL_BARRIER, SYNCHRONIZATION_BARRIER, *PSYNCHRONIZATION_BARRIER,
	*LPSYNCHRONIZATION_BARRIER;
#define SYNCHRONIZATION_BARRIER_FLAGS_SPIN_ONLY  0x01
#define SYNCHRONIZATION_BARRIER_FLAGS_BLOCK_ONLY 0x02
#define SYNCHRONIZATION_BARRIER_FLAGS_NO_DELETE  0x04
WINAPI BOOL InitializeSynchronizationBarrier(LPSYNCHRONIZATION_BARRIER lpBarrier,
					     LONG lTotalThreads, LONG lSpinCount);
WINAPI BOOL EnterSynchronizationBarrier(LPSYNCHRONIZATION_BARRIER lpBarrier, DWORD dwFlags);
WINAPI BOOL DeleteSynchronizationBarrier(LPSYNCHRONIZATION_BARRIER lpBarrier);

#endif
