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

/* INIT_ONCE's word: 0 not yet run, ONCE_RUNNING while a thread runs the
 * function, else the context (its low 2 bits clear) | ONCE_DONE. */
#define ONCE_RUNNING 1
#define ONCE_DONE    2

VOID WINAPI InitOnceInitialize(PINIT_ONCE InitOnce)
{
	InitOnce->Ptr = NULL;
}

/* Waits while another thread runs the function. */
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

/* Runs InitFn once: the first caller runs it while the others wait; when
 * it fails (returns FALSE) the caller gets FALSE and a later call tries
 * again. *Context (if not NULL) gets what the function left in its context. */
BOOL WINAPI InitOnceExecuteOnce(PINIT_ONCE InitOnce, PINIT_ONCE_FN InitFn, PVOID Parameter,
				LPVOID *Context)
{
	PVOID volatile *word = &InitOnce->Ptr;

	for (;;) {
		ULONG_PTR v = (ULONG_PTR)*word;
		if (v & ONCE_DONE) {
			if (Context)
				*Context = (PVOID)(v & ~(ULONG_PTR)3);
			return TRUE;
		}
		if (v == ONCE_RUNNING) {
			once_wait(InitOnce);
			continue;
		}
		if (InterlockedCompareExchangePointer(word, (PVOID)ONCE_RUNNING, NULL) != NULL)
			continue;
		PVOID ctx = NULL;
		BOOL ok = InitFn(InitOnce, Parameter, &ctx);
		keyed_lock();
		*word = ok ? (PVOID)(((ULONG_PTR)ctx & ~(ULONG_PTR)3) | ONCE_DONE) : NULL;
		keyed_unlock();
		keyed_wake(InitOnce, ~0u);
		if (ok && Context)
			*Context = (PVOID)((ULONG_PTR)ctx & ~(ULONG_PTR)3);
		return ok;
	}
}
