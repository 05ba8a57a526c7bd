/* The queue of threads waiting on an address (user/lib/keyedwait.h). */
#include "user/lib/keyedwait.h"

static volatile LONG queue_busy;
static struct keyed_waiter *queue_head, **queue_tail = &queue_head;

void keyed_lock(void)
{
	/* Held for a few list steps only; a holder preempted on this one CPU
	 * must get to run, so a waiter yields, then sleeps. */
	for (unsigned spins = 0; InterlockedExchange(&queue_busy, 1) != 0; spins++)
		if (spins < 16)
			SwitchToThread();
		else
			Sleep(1);
}

void keyed_unlock(void)
{
	InterlockedExchange(&queue_busy, 0);
}

void keyed_prepare(struct keyed_waiter *w, const void *key, DWORD kind)
{
	w->next = NULL;
	w->key = key;
	w->kind = kind;
	w->granted = 0;
	w->event = CreateEventA(NULL, FALSE, FALSE, NULL);
}

void keyed_discard(struct keyed_waiter *w)
{
	if (w->event)
		CloseHandle(w->event);
}

void keyed_enqueue_locked(struct keyed_waiter *w)
{
	*queue_tail = w;
	queue_tail = &w->next;
}

struct keyed_waiter *keyed_first_locked(const void *key)
{
	struct keyed_waiter *w = queue_head;

	while (w && w->key != key)
		w = w->next;
	return w;
}

static void unlink_locked(struct keyed_waiter *w)
{
	struct keyed_waiter **p = &queue_head;

	while (*p != w)
		p = &(*p)->next;
	*p = w->next;
	if (queue_tail == &w->next)
		queue_tail = p;
}

void keyed_grant_locked(struct keyed_waiter *w)
{
	/* A polling waiter may return (and its stack frame go) as soon as it
	 * sees granted: read the event first. */
	HANDLE event = w->event;

	unlink_locked(w);
	InterlockedExchange(&w->granted, 1);
	if (event)
		SetEvent(event);
}

/* Without an event (none could be made): looks at granted every tick. */
static BOOL poll_granted(struct keyed_waiter *w, DWORD ms)
{
	DWORD start = GetTickCount();

	while (!w->granted) {
		if (ms != INFINITE && GetTickCount() - start >= ms)
			return FALSE;
		Sleep(1);
	}
	return TRUE;
}

BOOL keyed_wait(struct keyed_waiter *w, DWORD ms)
{
	BOOL granted = w->event ? WaitForSingleObject(w->event, ms) == WAIT_OBJECT_0 :
		poll_granted(w, ms);

	if (!granted) {
		/* Timed out, unless a waker got there first. */
		keyed_lock();
		granted = w->granted;
		if (!granted)
			unlink_locked(w);
		keyed_unlock();
	}
	keyed_discard(w);
	return granted;
}

unsigned keyed_wake(const void *key, unsigned n)
{
	struct keyed_waiter *w;
	unsigned woken = 0;

	keyed_lock();
	while (woken < n && (w = keyed_first_locked(key)) != NULL) {
		keyed_grant_locked(w);
		woken++;
	}
	keyed_unlock();
	return woken;
}
