/* The process's one queue of threads waiting on an address (NT's keyed
 * events, in the SDK): slim reader/writer locks, condition variables and
 * one-time initialization park their waiters here, first come first served,
 * and a waker hands each one what it waited for. A short spin lock (the
 * queue lock) guards the queue; nothing blocks while holding it. Private to
 * user/lib; calls only the Win32 event and wait calls. */
#ifndef USER_LIB_KEYEDWAIT_H
#define USER_LIB_KEYEDWAIT_H

#include <windows.h>

struct keyed_waiter {
	struct keyed_waiter *next;
	const void *key;
	DWORD kind;                     /* what the waiter wants (its user's meaning) */
	HANDLE event;                   /* set when granted; NULL: the waiter polls */
	volatile LONG granted;
};

/* Makes w's event (before taking the queue lock: it is a system call). */
void keyed_prepare(struct keyed_waiter *w, const void *key, DWORD kind);
/* Closes the event of a w that was never queued. */
void keyed_discard(struct keyed_waiter *w);

void keyed_lock(void);
void keyed_unlock(void);

/* Queue lock held: appends w; the first waiter on key, or NULL; hands w
 * what it waited for (it leaves the queue and wakes). */
void keyed_enqueue_locked(struct keyed_waiter *w);
struct keyed_waiter *keyed_first_locked(const void *key);
void keyed_grant_locked(struct keyed_waiter *w);

/* Queue lock not held: wakes up to n waiters on key, the oldest first;
 * how many woke. */
unsigned keyed_wake(const void *key, unsigned n);

/* Queue lock not held, w queued: waits until w is granted (TRUE) or ms
 * pass (FALSE, w out of the queue); closes w's event. */
BOOL keyed_wait(struct keyed_waiter *w, DWORD ms);

#endif
