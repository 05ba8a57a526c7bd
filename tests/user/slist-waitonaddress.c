/* Interlocked singly linked lists and WaitOnAddress as Microsoft documents
 * them: the 32-bit SLIST_HEADER (8 bytes, 8-aligned, Depth and Sequence),
 * push/pop/flush/push-list return values and depth, every change bumps the
 * sequence (ABA safety), 8 threads popping and pushing 512 entries 200000
 * times each lose and duplicate none; WaitOnAddress returns at once when
 * the value differs (comparing exactly AddressSize bytes), times out with
 * ERROR_TIMEOUT, wakes by WakeByAddressSingle (one waiter) and
 * WakeByAddressAll (all), and refuses sizes other than 1, 2, 4, 8. Run
 * with cpu = 486 too (no cmpxchg8b: the lists take a lock). */
#include <stddef.h>
#include <windows.h>

#define TEST_NAME "slist-waitonaddress"
#include "check.h"
#include "thread-common.h"

struct item {
	SLIST_ENTRY entry;              /* first: an entry is an item */
	LONG visits;
	DWORD id;
} __attribute__((aligned(8)));

#define THREADS   8
#define PER_THREAD 64
#define ROUNDS    200000

static SLIST_HEADER head;
static struct item items[THREADS * PER_THREAD];
static volatile LONG pops, empty_pops;

static void test_basics(void)
{
	struct item a = { .id = 1 }, b = { .id = 2 }, c[3];
	WORD seq;

	CHECK(sizeof(SLIST_HEADER) == 8 && __alignof__(SLIST_HEADER) == 8 &&
	      offsetof(SLIST_HEADER, Depth) == 4 && offsetof(SLIST_HEADER, Sequence) == 6,
	      "the 32-bit SLIST_HEADER layout");
	InitializeSListHead(&head);
	CHECK(QueryDepthSList(&head) == 0 && !RtlFirstEntrySList(&head) &&
	      !InterlockedPopEntrySList(&head) && !InterlockedFlushSList(&head), "empty list");
	CHECK(InterlockedPushEntrySList(&head, &a.entry) == NULL, "first push returns NULL");
	CHECK(InterlockedPushEntrySList(&head, &b.entry) == &a.entry,
	      "push returns the previous first entry");
	CHECK(QueryDepthSList(&head) == 2 && RtlFirstEntrySList(&head) == &b.entry, "depth 2");
	seq = head.Sequence;
	CHECK(InterlockedPopEntrySList(&head) == &b.entry, "LIFO pop");
	CHECK(InterlockedPushEntrySList(&head, &b.entry) == &a.entry, "pushed again");
	CHECK(RtlFirstEntrySList(&head) == &b.entry && head.Sequence != seq,
	      "the same first entry after a pop and a push, with another sequence");
	for (int i = 0; i < 3; i++)
		c[i].entry.Next = i < 2 ? &c[i + 1].entry : NULL;
	CHECK(InterlockedPushListSListEx(&head, &c[0].entry, &c[2].entry, 3) == &b.entry,
	      "push list returns the previous first entry");
	CHECK(QueryDepthSList(&head) == 5 && c[2].entry.Next == &b.entry,
	      "the list's end links to the old first entry");
	CHECK(InterlockedFlushSList(&head) == &c[0].entry && QueryDepthSList(&head) == 0 &&
	      !RtlFirstEntrySList(&head), "flush returns the chain and empties the list");
	CHECK(a.entry.Next == NULL && b.entry.Next == &a.entry, "the flushed chain is intact");
}

/* No yields: only the clock preempts a thread, so some preemptions fall
 * between a thread's read of the header and its swap, and the swap must
 * see the others' changes meanwhile. */
static DWORD WINAPI churn(LPVOID parameter)
{
	(void)parameter;
	for (int i = 0; i < ROUNDS; i++) {
		struct item *it = (struct item *)InterlockedPopEntrySList(&head);
		if (!it) {
			InterlockedIncrement(&empty_pops);
			continue;
		}
		InterlockedIncrement(&it->visits);
		InterlockedIncrement(&pops);
		InterlockedPushEntrySList(&head, &it->entry);
	}
	return 0;
}

static void test_stress(void)
{
	static BYTE seen[THREADS * PER_THREAD];
	LONG visits = 0;
	DWORD n = 0, start = GetTickCount();
	PSLIST_ENTRY e;

	InitializeSListHead(&head);
	for (DWORD i = 0; i < THREADS * PER_THREAD; i++) {
		items[i].id = i;
		InterlockedPushEntrySList(&head, &items[i].entry);
	}
	CHECK(run_threads(churn, THREADS, 0) == 0, "a churn thread failed");
	CHECK(QueryDepthSList(&head) == THREADS * PER_THREAD, "depth %u after the churn",
	      QueryDepthSList(&head));
	for (e = InterlockedFlushSList(&head); e && n <= THREADS * PER_THREAD; e = e->Next, n++) {
		struct item *it = (struct item *)e;
		CHECK(it->id < THREADS * PER_THREAD && !seen[it->id], "item %lu twice", it->id);
		if (it->id < THREADS * PER_THREAD)
			seen[it->id] = 1;
		visits += it->visits;
	}
	CHECK(n == THREADS * PER_THREAD, "%lu items on the list, want %u", n,
	      THREADS * PER_THREAD);
	CHECK(visits == pops && pops + empty_pops == THREADS * ROUNDS,
	      "%ld visits, %ld pops, %ld empty", visits, pops, empty_pops);
	printf("slist-waitonaddress: %d threads x %d rounds over %d entries in %lu ms\n",
	       THREADS, ROUNDS, THREADS * PER_THREAD, GetTickCount() - start);
}

static volatile LONG word, woken;

static DWORD WINAPI waiter(LPVOID parameter)
{
	LONG zero = 0;

	(void)parameter;
	while (word == 0)
		WaitOnAddress(&word, &zero, sizeof(word), INFINITE);
	InterlockedIncrement(&woken);
	return 0;
}

static void wait_for_count(volatile LONG *count, LONG want)
{
	for (int i = 0; i < 200 && *count < want; i++)
		Sleep(10);
}

static void test_wait_on_address(void)
{
	BYTE bytes[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, other[8] = { 9, 2, 9, 9, 9, 9, 9, 9 };
	ULONGLONG big = 0x100000001ull, low_same = 0x000000001ull;
	LONG value = 5, five = 5, six = 6;
	HANDLE h[4];
	DWORD start;

	FAILS(WaitOnAddress(&value, &five, 0, 0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(WaitOnAddress(&value, &five, 3, 0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(WaitOnAddress(&value, &five, 16, 0), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(WaitOnAddress(&value, &six, 4, INFINITE), "a different value returns at once");
	FAILS(WaitOnAddress(&value, &five, 4, 0), FALSE, ERROR_TIMEOUT);
	start = GetTickCount();
	FAILS(WaitOnAddress(&value, &five, 4, 100), FALSE, ERROR_TIMEOUT);
	CHECK(GetTickCount() - start >= 90, "timed out after %lu ms", GetTickCount() - start);
	FAILS(WaitOnAddress(&bytes[1], &other[1], 1, 20), FALSE, ERROR_TIMEOUT);
	CHECK(WaitOnAddress(&bytes[0], &other[0], 2, 20), "2 bytes compared");
	FAILS(WaitOnAddress(&big, &low_same, 4, 20), FALSE, ERROR_TIMEOUT);
	CHECK(WaitOnAddress(&big, &low_same, 8, 20), "8 bytes compared");
	WakeByAddressSingle(&value);    /* nobody waits: nothing happens */
	WakeByAddressAll(&value);

	/* One waiter per WakeByAddressSingle, all at WakeByAddressAll. */
	for (int i = 0; i < 4; i++)
		h[i] = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
	Sleep(100);
	CHECK(woken == 0, "%ld woke before the value changed", woken);
	word = 1;
	WakeByAddressSingle((PVOID)&word);
	wait_for_count(&woken, 1);
	Sleep(100);
	CHECK(woken == 1, "WakeByAddressSingle woke %ld", woken);
	WakeByAddressAll((PVOID)&word);
	wait_for_count(&woken, 4);
	CHECK(woken == 4, "WakeByAddressAll woke %ld of 3 more", woken - 1);
	CHECK(WaitForMultipleObjects(4, h, TRUE, 5000) == WAIT_OBJECT_0, "waiters ended");
	for (int i = 0; i < 4; i++)
		CloseHandle(h[i]);
}

int main(void)
{
	test_basics();
	test_stress();
	test_wait_on_address();
	printf("slist-waitonaddress: %d failures\n", failures);
	return failures != 0;
}
