/* Slim reader/writer locks, condition variables and one-time initialization
 * (<windows.h>, synchapi.h). An SRW lock is one word: an uncontended
 * acquire or release is one compare-exchange and no system call; a thread
 * that must wait parks in the keyed queue (user/lib/keyedwait.h), and the
 * releaser hands the lock over to the queue's first waiter (or to the run
 * of readers at its head), so a waiting writer is not starved by readers
 * that come later. Condition variables and INIT_ONCE park there too. */
#include <windows.h>
#include "user/lib/keyedwait.h"

#define SRW_OWNED   1               /* a writer owns it */
#define SRW_WAITERS 2               /* the keyed queue holds waiters for it */
#define SRW_READER  4               /* one reader (the readers: word / 4) */

enum { WANT_WRITE, WANT_READ };

static LONG volatile *srw_word(PSRWLOCK l)
{
	return (LONG volatile *)&l->Ptr;
}

static BOOL cas(LONG volatile *w, LONG from, LONG to)
{
	return InterlockedCompareExchange(w, to, from) == from;
}

/* Whether a want can be had at once in state v (a newcomer reader does
 * not pass a queued waiter). */
static BOOL grantable(LONG v, DWORD want)
{
	return want == WANT_WRITE ? v == 0 : !(v & (SRW_OWNED | SRW_WAITERS));
}

static LONG grant_of(DWORD want)
{
	return want == WANT_WRITE ? SRW_OWNED : SRW_READER;
}

static void srw_acquire(PSRWLOCK l, DWORD want)
{
	LONG volatile *w = srw_word(l);
	struct keyed_waiter waiter;
	LONG v = *w;

	if (grantable(v, want) && cas(w, v, v + grant_of(want)))
		return;
	keyed_prepare(&waiter, l, want);
	keyed_lock();
	for (;;) {
		v = *w;
		if (grantable(v, want)) {
			if (!cas(w, v, v + grant_of(want)))
				continue;
			keyed_unlock();
			keyed_discard(&waiter);
			return;
		}
		if (cas(w, v, v | SRW_WAITERS))
			break;
	}
	keyed_enqueue_locked(&waiter);
	keyed_unlock();
	keyed_wait(&waiter, INFINITE);  /* the releaser made us the owner */
}

/* Queue lock held, l free with waiters: the first waiter gets it, a
 * reader together with the readers right behind it. The word is set after
 * the grants: an owner woken (and boosted) at once that releases before it
 * is set still sees SRW_WAITERS, so it waits for the queue lock and then
 * reads the word set here. */
static void srw_hand_over_locked(PSRWLOCK l)
{
	struct keyed_waiter *first = keyed_first_locked(l);
	LONG state = 0;

	if (first->kind == WANT_WRITE) {
		state = SRW_OWNED;
		keyed_grant_locked(first);      /* first may be gone from here on */
	} else {
		for (; first && first->kind == WANT_READ; first = keyed_first_locked(l)) {
			state += SRW_READER;
			keyed_grant_locked(first);
		}
	}
	if (keyed_first_locked(l))
		state |= SRW_WAITERS;
	InterlockedExchange(srw_word(l), state);
}

static void srw_release(PSRWLOCK l, LONG held)
{
	LONG volatile *w = srw_word(l);
	LONG v = *w;

	while (!(v & SRW_WAITERS)) {
		if (cas(w, v, v - held))
			return;
		v = *w;
	}
	/* With waiters queued the word changes only under the queue lock; they
	 * may be gone by now (handed the lock before we got it). */
	keyed_lock();
	v = *w - held;
	InterlockedExchange(w, v);
	if (v == SRW_WAITERS)
		srw_hand_over_locked(l);
	keyed_unlock();
}

VOID WINAPI InitializeSRWLock(PSRWLOCK SRWLock)
{
	SRWLock->Ptr = NULL;
}

VOID WINAPI AcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
	srw_acquire(SRWLock, WANT_WRITE);
}

VOID WINAPI AcquireSRWLockShared(PSRWLOCK SRWLock)
{
	srw_acquire(SRWLock, WANT_READ);
}

VOID WINAPI ReleaseSRWLockExclusive(PSRWLOCK SRWLock)
{
	srw_release(SRWLock, SRW_OWNED);
}

VOID WINAPI ReleaseSRWLockShared(PSRWLOCK SRWLock)
{
	srw_release(SRWLock, SRW_READER);
}

BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
	return cas(srw_word(SRWLock), 0, SRW_OWNED);
}

BOOLEAN WINAPI TryAcquireSRWLockShared(PSRWLOCK SRWLock)
{
	LONG volatile *w = srw_word(SRWLock);

	for (LONG v = *w; grantable(v, WANT_READ); v = *w)
		if (cas(w, v, v + SRW_READER))
			return TRUE;
	return FALSE;
}
