/* Interlocked singly linked lists (vados/winthreads.h), lock-free as
 * Windows': every change replaces the whole 8-byte header (first entry,
 * Depth, Sequence) with one cmpxchg8b, and every change bumps Sequence, so
 * a pop that read an entry, lost the CPU while it was popped and pushed
 * again, and compares the same first entry, still fails (no ABA). A CPU
 * without cmpxchg8b (a 486) swaps the header under the keyed queue's short
 * lock instead. A pop reads the first entry's Next: as on Windows, an entry
 * must stay readable while on a list another thread pops. */
#include <windows.h>
#include "user/lib/keyedwait.h"

/* 0 unknown, 1 cmpxchg8b, 2 the lock. */
static volatile LONG slist_method;

/* Replaces *head with next if it still holds seen. */
static BOOL slist_swap(PSLIST_HEADER head, SLIST_HEADER seen, SLIST_HEADER next)
{
	BOOL same;

	if (!slist_method)
		slist_method = IsProcessorFeaturePresent(PF_COMPARE_EXCHANGE_DOUBLE) ? 1 : 2;
	if (slist_method == 1)
		return InterlockedCompareExchange64((long long volatile *)&head->Alignment,
						    (long long)next.Alignment,
						    (long long)seen.Alignment) ==
		       (long long)seen.Alignment;
	keyed_lock();
	same = head->Alignment == seen.Alignment;
	if (same)
		head->Alignment = next.Alignment;
	keyed_unlock();
	return same;
}

/* The header as it is now: two reads, which a torn pair of only makes the
 * swap that follows fail and try again. */
static SLIST_HEADER slist_read(const SLIST_HEADER *head)
{
	SLIST_HEADER h;

	h.Next.Next = ((const volatile SLIST_HEADER *)head)->Next.Next;
	h.Depth = ((const volatile SLIST_HEADER *)head)->Depth;
	h.Sequence = ((const volatile SLIST_HEADER *)head)->Sequence;
	return h;
}

VOID WINAPI InitializeSListHead(PSLIST_HEADER ListHead)
{
	ListHead->Alignment = 0;
}

/* List ... ListEnd (Count entries, linked by Next) goes on at the front;
 * the previous first entry comes back. */
PSLIST_ENTRY WINAPI InterlockedPushListSListEx(PSLIST_HEADER ListHead, PSLIST_ENTRY List,
					       PSLIST_ENTRY ListEnd, ULONG Count)
{
	SLIST_HEADER seen, next;

	do {
		seen = slist_read(ListHead);
		ListEnd->Next = seen.Next.Next;
		next.Next.Next = List;
		next.Depth = (WORD)(seen.Depth + Count);
		next.Sequence = (WORD)(seen.Sequence + 1);
	} while (!slist_swap(ListHead, seen, next));
	return seen.Next.Next;
}

PSLIST_ENTRY WINAPI InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
	return InterlockedPushListSListEx(ListHead, ListEntry, ListEntry, 1);
}

/* Takes the first entry (all: the whole chain, still linked) off the list
 * and returns it; NULL when the list is empty. */
static PSLIST_ENTRY slist_take(PSLIST_HEADER head, BOOL all)
{
	SLIST_HEADER seen, next;

	do {
		seen = slist_read(head);
		if (!seen.Next.Next)
			return NULL;
		next.Next.Next = all ? NULL : seen.Next.Next->Next;
		next.Depth = all ? 0 : (WORD)(seen.Depth - 1);
		next.Sequence = (WORD)(seen.Sequence + 1);
	} while (!slist_swap(head, seen, next));
	return seen.Next.Next;
}

PSLIST_ENTRY WINAPI InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
	return slist_take(ListHead, FALSE);
}

PSLIST_ENTRY WINAPI InterlockedFlushSList(PSLIST_HEADER ListHead)
{
	return slist_take(ListHead, TRUE);
}

USHORT WINAPI QueryDepthSList(PSLIST_HEADER ListHead)
{
	return ((volatile SLIST_HEADER *)ListHead)->Depth;
}

PSLIST_ENTRY WINAPI RtlFirstEntrySList(const SLIST_HEADER *ListHead)
{
	return ((const volatile SLIST_HEADER *)ListHead)->Next.Next;
}
