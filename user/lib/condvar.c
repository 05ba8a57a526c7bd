/* Condition variables and one-time initialization (<windows.h>,
 * synchapi.h), parked in the keyed queue (user/lib/keyedwait.h) under the
 * variable's or the INIT_ONCE's address. A condition variable's word is
 * never written: its waiters are the queue's entries under its address. */
#include <windows.h>
#include "user/lib/keyedwait.h"

VOID WINAPI InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
	ConditionVariable->Ptr = NULL;
}

/* Queues the caller on cv, then lets the lock go: a wake after the release
 * finds the caller queued, so none is lost. */
static void cv_enqueue(PCONDITION_VARIABLE cv, struct keyed_waiter *w)
{
	keyed_prepare(w, cv, 0);
	keyed_lock();
	keyed_enqueue_locked(w);
	keyed_unlock();
}

static BOOL cv_wait(struct keyed_waiter *w, DWORD ms)
{
	if (keyed_wait(w, ms))
		return TRUE;
	SetLastError(ERROR_TIMEOUT);
	return FALSE;
}

BOOL WINAPI SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable,
				     PCRITICAL_SECTION CriticalSection, DWORD dwMilliseconds)
{
	struct keyed_waiter w;
	BOOL woken;

	cv_enqueue(ConditionVariable, &w);
	LeaveCriticalSection(CriticalSection);
	woken = cv_wait(&w, dwMilliseconds);
	EnterCriticalSection(CriticalSection);
	return woken;
}

BOOL WINAPI SleepConditionVariableSRW(PCONDITION_VARIABLE ConditionVariable, PSRWLOCK SRWLock,
				      DWORD dwMilliseconds, ULONG Flags)
{
	BOOL shared = (Flags & CONDITION_VARIABLE_LOCKMODE_SHARED) != 0, woken;
	struct keyed_waiter w;

	if (Flags & ~CONDITION_VARIABLE_LOCKMODE_SHARED) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	cv_enqueue(ConditionVariable, &w);
	if (shared)
		ReleaseSRWLockShared(SRWLock);
	else
		ReleaseSRWLockExclusive(SRWLock);
	woken = cv_wait(&w, dwMilliseconds);
	if (shared)
		AcquireSRWLockShared(SRWLock);
	else
		AcquireSRWLockExclusive(SRWLock);
	return woken;
}

VOID WINAPI WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
	keyed_wake(ConditionVariable, 1);
}

VOID WINAPI WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
	keyed_wake(ConditionVariable, ~0u);
}

/* INIT_ONCE's word: 0 not yet run, ONCE_RUNNING while a thread runs a
 * synchronous initialization, ONCE_ASYNC while asynchronous ones run, else
 * the context (its low 2 bits clear) | ONCE_DONE. */
#define ONCE_STATE   3
#define ONCE_RUNNING 1
#define ONCE_DONE    2
#define ONCE_ASYNC   3

VOID WINAPI InitOnceInitialize(PINIT_ONCE InitOnce)
{
	InitOnce->Ptr = NULL;
}

/* Waits while another thread runs a synchronous initialization. */
static void once_wait(PINIT_ONCE once)
{
	struct keyed_waiter w;

	keyed_prepare(&w, once, 0);
	keyed_lock();
	if (once->Ptr != (PVOID)ONCE_RUNNING) {
		keyed_unlock();
		keyed_discard(&w);
		return;
	}
	keyed_enqueue_locked(&w);
	keyed_unlock();
	keyed_wait(&w, INFINITE);
}

static BOOL once_invalid(void)
{
	SetLastError(ERROR_INVALID_PARAMETER);
	return FALSE;
}

/* Done: *fPending FALSE and *lpContext the context. Else INIT_ONCE_CHECK_ONLY
 * fails with ERROR_GEN_FAILURE; synchronously the caller waits while another
 * thread initializes, then (not done) becomes the one that does; with
 * INIT_ONCE_ASYNC any number of callers initialize at once. *fPending TRUE:
 * the caller initializes and calls InitOnceComplete. Mixing synchronous and
 * asynchronous attempts, or both flags: ERROR_INVALID_PARAMETER. */
BOOL WINAPI InitOnceBeginInitialize(LPINIT_ONCE lpInitOnce, DWORD dwFlags, PBOOL fPending,
				    LPVOID *lpContext)
{
	PVOID volatile *word = &lpInitOnce->Ptr;
	DWORD mode = dwFlags & INIT_ONCE_ASYNC ? ONCE_ASYNC : ONCE_RUNNING;
	ULONG_PTR v;

	if ((dwFlags & ~(DWORD)(INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC)) ||
	    dwFlags == (INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC) || !fPending)
		return once_invalid();
	for (;;) {
		v = (ULONG_PTR)*word;
		if ((v & ONCE_STATE) == ONCE_DONE) {
			*fPending = FALSE;
			if (lpContext)
				*lpContext = (PVOID)(v & ~(ULONG_PTR)ONCE_STATE);
			return TRUE;
		}
		if (dwFlags & INIT_ONCE_CHECK_ONLY) {
			SetLastError(ERROR_GEN_FAILURE);
			return FALSE;
		}
		if (v && v != mode)
			return once_invalid();
		if (v == ONCE_RUNNING) {
			once_wait(lpInitOnce);
			continue;
		}
		if (v == ONCE_ASYNC ||
		    InterlockedCompareExchangePointer(word, (PVOID)mode, NULL) == NULL) {
			*fPending = TRUE;
			return TRUE;
		}
	}
}

/* Ends the caller's attempt (its mode as InitOnceBeginInitialize's, else
 * ERROR_INVALID_PARAMETER, as is a context with its low 2 bits set):
 * lpContext is kept as the result, or with INIT_ONCE_INIT_FAILED (synchronous
 * only) the structure is as before and the next caller initializes. An
 * asynchronous attempt another one completed first: ERROR_GEN_FAILURE. */
BOOL WINAPI InitOnceComplete(LPINIT_ONCE lpInitOnce, DWORD dwFlags, LPVOID lpContext)
{
	PVOID volatile *word = &lpInitOnce->Ptr;
	PVOID done = (PVOID)((ULONG_PTR)lpContext | ONCE_DONE);
	ULONG_PTR v = (ULONG_PTR)*word;

	if ((dwFlags & ~(DWORD)(INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED)) ||
	    dwFlags == (INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED) ||
	    ((ULONG_PTR)lpContext & ONCE_STATE))
		return once_invalid();
	if (dwFlags & INIT_ONCE_ASYNC) {
		if ((v & ONCE_STATE) == ONCE_DONE) {
			SetLastError(ERROR_GEN_FAILURE);
			return FALSE;
		}
		if (v != ONCE_ASYNC)
			return once_invalid();
		if (InterlockedCompareExchangePointer(word, done, (PVOID)ONCE_ASYNC) ==
		    (PVOID)ONCE_ASYNC)
			return TRUE;
		SetLastError(ERROR_GEN_FAILURE);
		return FALSE;
	}
	if (v != ONCE_RUNNING)
		return once_invalid();
	keyed_lock();
	*word = dwFlags & INIT_ONCE_INIT_FAILED ? NULL : done;
	keyed_unlock();
	keyed_wake(lpInitOnce, ~0u);
	return TRUE;
}

/* Runs InitFn once: the first caller runs it while the others wait; when
 * it fails (returns FALSE) the caller gets FALSE and a later call tries
 * again. *Context (if not NULL) gets what the function left in its context. */
BOOL WINAPI InitOnceExecuteOnce(PINIT_ONCE InitOnce, PINIT_ONCE_FN InitFn, PVOID Parameter,
				LPVOID *Context)
{
	BOOL pending, ok;
	PVOID ctx = NULL;

	if (!InitOnceBeginInitialize(InitOnce, 0, &pending, Context))
		return FALSE;
	if (!pending)
		return TRUE;
	ok = InitFn(InitOnce, Parameter, &ctx);
	ctx = (PVOID)((ULONG_PTR)ctx & ~(ULONG_PTR)ONCE_STATE);
	InitOnceComplete(InitOnce, ok ? 0 : INIT_ONCE_INIT_FAILED, ctx);
	if (ok && Context)
		*Context = ctx;
	return ok;
}
