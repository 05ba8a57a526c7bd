/* The heap under threads, as Windows serializes it: eight threads
 * allocating, filling, reallocating and freeing at once on the process heap
 * (malloc) and on a private heap keep every block's contents and leave both
 * heaps valid; moveable memory (LocalAlloc's handle table) likewise, even
 * with another thread's LocalAlloc/LocalFree between any two instructions;
 * HeapLock held by one thread keeps another's HeapAlloc waiting until
 * HeapUnlock, and a HeapUnlock by a thread that does not hold the lock
 * fails with ERROR_NOT_OWNER and changes nothing; threads racing to make
 * the process heap (child "first-heap") all get the same one, and it is
 * the only heap. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "thread-heap"
#include "check.h"
#include "thread-common.h"
#include "vados/calls.h"

#define WORKERS 8
#define ROUNDS  3000
#define SLOTS   32

static HANDLE private_heap;

static DWORD next_random(DWORD *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* Each block is filled with its owner's byte: a block handed to two
 * threads, or moved without its contents, shows as a wrong byte. */
static DWORD check_fill(const unsigned char *p, size_t n, unsigned char fill)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != fill)
			return 1;
	return 0;
}

static DWORD WINAPI churn(LPVOID param)
{
	DWORD me = (DWORD)param, seed = me * 7919 + 1, bad = 0;
	unsigned char *blocks[SLOTS] = { 0 };
	size_t sizes[SLOTS] = { 0 };
	HANDLE heaps[2] = { GetProcessHeap(), private_heap };
	unsigned char fill = (unsigned char)(0x40 + me);

	for (int round = 0; round < ROUNDS; round++) {
		DWORD slot = next_random(&seed) % SLOTS, r = next_random(&seed);
		HANDLE heap = heaps[slot % 2];
		size_t n = 1 + r % (slot % 4 == 3 ? 20000 : 200);

		if (blocks[slot])
			bad += check_fill(blocks[slot], sizes[slot], fill);
		if (blocks[slot] && r % 3 == 0) {
			unsigned char *p = slot % 2 ? HeapReAlloc(heap, 0, blocks[slot], n)
						    : realloc(blocks[slot], n);
			if (!p)
				continue;
			memset(p, fill, n);
			blocks[slot] = p;
			sizes[slot] = n;
		} else if (blocks[slot]) {
			if (slot % 2)
				HeapFree(heap, 0, blocks[slot]);
			else
				free(blocks[slot]);
			blocks[slot] = NULL;
		} else {
			blocks[slot] = slot % 2 ? HeapAlloc(heap, 0, n) : malloc(n);
			sizes[slot] = n;
			if (blocks[slot])
				memset(blocks[slot], fill, n);
		}
	}
	for (int slot = 0; slot < SLOTS; slot++)
		if (blocks[slot]) {
			bad += check_fill(blocks[slot], sizes[slot], fill);
			HeapFree(heaps[slot % 2], 0, blocks[slot]);
		}
	return bad;
}

static DWORD WINAPI moveable(LPVOID param)
{
	DWORD me = (DWORD)param, bad = 0;
	HLOCAL h[SLOTS] = { 0 };

	for (int round = 0; round < ROUNDS / 2; round++) {
		int slot = round % SLOTS;
		if (h[slot]) {
			char *p = LocalLock(h[slot]);
			bad += !p || p[0] != (char)me || p[99] != (char)me;
			LocalUnlock(h[slot]);
			bad += LocalFree(h[slot]) != NULL;
		}
		h[slot] = LocalAlloc(LMEM_MOVEABLE, 100 + round % 50);
		char *p = LocalLock(h[slot]);
		if (!p) {
			bad++;
			continue;
		}
		memset(p, (char)me, 100);
		LocalUnlock(h[slot]);
		h[slot] = LocalReAlloc(h[slot], 120 + round % 70, LMEM_MOVEABLE);
		bad += h[slot] == NULL;
	}
	for (int slot = 0; slot < SLOTS; slot++)
		if (h[slot])
			LocalFree(h[slot]);
	return bad;
}

static void concurrent_blocks(void)
{
	DWORD start = GetTickCount();

	private_heap = HeapCreate(0, 0, 0);
	CHECK(run_threads(churn, WORKERS, 0) == 0, "blocks lost their contents under threads");
	CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "the process heap is valid");
	CHECK(HeapValidate(private_heap, 0, NULL), "the private heap is valid");
	CHECK(run_threads(moveable, WORKERS, 0) == 0, "moveable memory under threads");
	CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "the process heap is valid after");
	printf(TEST_NAME ": %d threads x %d heap operations in %lu ms\n", WORKERS, ROUNDS,
	       GetTickCount() - start);
	HeapDestroy(private_heap);
}

static volatile LONG allocated;

static DWORD WINAPI alloc_one(LPVOID heap)
{
	void *p = HeapAlloc(heap, 0, 64);

	InterlockedExchange(&allocated, 1);
	HeapFree(heap, 0, p);
	return 0;
}

static volatile DWORD foreign_unlock_error;

/* Another thread's HeapUnlock of a lock it does not hold. */
static DWORD WINAPI unlock_foreign(LPVOID heap)
{
	SetLastError(0);
	if (HeapUnlock(heap))
		return 1;
	foreign_unlock_error = GetLastError();
	return 0;
}

/* A thread's exit code, once it ended (5 s at most); 99 if it did not. */
static DWORD ended_with(HANDLE h)
{
	DWORD code = 99;

	if (WaitForSingleObject(h, 5000) == WAIT_OBJECT_0)
		GetExitCodeThread(h, &code);
	CloseHandle(h);
	return code;
}

static void heap_lock_blocks_others(void)
{
	HANDLE heap = HeapCreate(0, 0, 0), h;

	CHECK(HeapLock(heap), "HeapLock: %lu", GetLastError());
	CHECK(HeapLock(heap) && HeapUnlock(heap), "HeapLock nests for its holder");
	void *mine = HeapAlloc(heap, 0, 32);    /* the holder's own calls go on */
	CHECK(mine != NULL, "the holder allocates");
	h = CreateThread(NULL, 0, alloc_one, heap, 0, NULL);
	CHECK(WaitForSingleObject(h, 200) == WAIT_TIMEOUT && !allocated,
	      "another thread's HeapAlloc waits while the heap is locked");
	CHECK(ended_with(CreateThread(NULL, 0, unlock_foreign, heap, 0, NULL)) == 0 &&
	      foreign_unlock_error == ERROR_NOT_OWNER, "HeapUnlock by a thread that does not "
	      "hold the lock: error %lu", foreign_unlock_error);
	CHECK(WaitForSingleObject(h, 200) == WAIT_TIMEOUT && !allocated,
	      "the lock is still held after the foreign HeapUnlock");
	CHECK(HeapUnlock(heap), "HeapUnlock: %lu", GetLastError());
	CHECK(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0 && allocated,
	      "and goes on once it is unlocked");
	CloseHandle(h);
	SetLastError(0);
	CHECK(!HeapUnlock(heap) && GetLastError() == ERROR_NOT_OWNER,
	      "HeapUnlock of an unlocked heap: error %lu", GetLastError());
	allocated = 0;
	CHECK(ended_with(CreateThread(NULL, 0, alloc_one, heap, 0, NULL)) == 0 && allocated,
	      "the heap still works for other threads after it");
	HeapFree(heap, 0, mine);
	CHECK(HeapDestroy(heap), "HeapDestroy");
	CHECK(!HeapLock(heap) && GetLastError() == ERROR_INVALID_HANDLE, "HeapLock of a "
	      "destroyed heap: %lu", GetLastError());
}

/* Moveable memory with another thread's LocalAlloc/LocalFree between any
 * two instructions of ours: the stepper runs single-stepped, and its handler
 * yields at every step to the other thread, which does one whole operation
 * and yields back. System calls go by int 0x2e, which single-steps cleanly
 * (sysenter would enter the kernel with TF set). */
#define EFLAGS_TF 0x100u

static volatile DWORD stepper_tid, steps;
static volatile LONG stepping_done, other_bad, other_ops;
extern char interleave_end[];

static LONG CALLBACK yield_each_step(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != STATUS_SINGLE_STEP ||
	    GetCurrentThreadId() != stepper_tid)
		return EXCEPTION_CONTINUE_SEARCH;
	if (ep->ContextRecord->Eip == (DWORD)interleave_end) {
		ep->ContextRecord->EFlags &= ~EFLAGS_TF;
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	steps++;
	SwitchToThread();
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* A moveable object's life: allocate, fill, check, free; 0 when sound. */
static DWORD moveable_life(char fill)
{
	HLOCAL h = LocalAlloc(LMEM_MOVEABLE, 24);
	char *p = LocalLock(h);
	DWORD bad;

	if (!p)
		return 1;
	memset(p, fill, 24);
	LocalUnlock(h);
	p = LocalLock(h);
	bad = !p || p[0] != fill || p[23] != fill;
	LocalUnlock(h);
	return bad + (LocalFree(h) != NULL);
}

static DWORD WINAPI stepper(LPVOID p)
{
	DWORD bad = 0;

	(void)p;
	asm volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl" ::: "memory", "cc");
	for (int i = 0; i < 4; i++)
		bad += moveable_life('s');
	asm volatile(".globl interleave_end\ninterleave_end:\n\t"
		     "pushfl\n\tandl $~0x100, (%%esp)\n\tpopfl" ::: "memory", "cc");
	InterlockedExchange(&stepping_done, 1);
	return bad;
}

static DWORD WINAPI other(LPVOID p)
{
	(void)p;
	while (!stepping_done) {
		InterlockedAdd(&other_bad, (LONG)moveable_life('o'));
		InterlockedIncrement(&other_ops);
		SwitchToThread();
	}
	return 0;
}

static void moveable_interleaved(void)
{
	PVOID vh = AddVectoredExceptionHandler(1, yield_each_step);
	int fast = __vados_sysenter;
	DWORD tid, code = 99;
	HANDLE s, o;

	__vados_sysenter = 0;
	s = CreateThread(NULL, 0, stepper, NULL, CREATE_SUSPENDED, &tid);
	stepper_tid = tid;
	o = CreateThread(NULL, 0, other, NULL, 0, NULL);
	ResumeThread(s);
	CHECK(WaitForSingleObject(s, 60000) == WAIT_OBJECT_0 && GetExitCodeThread(s, &code) &&
	      code == 0, "the stepped thread's objects: %lu bad", code);
	WaitForSingleObject(o, 10000);
	CHECK(other_bad == 0, "the other thread's objects: %ld bad", other_bad);
	CHECK(steps > 1000 && other_ops > 1000, "%lu steps, %ld operations between them",
	      steps, other_ops);
	printf(TEST_NAME ": moveable memory: %lu instructions, each followed by another "
	       "thread's LocalAlloc/LocalFree\n", steps);
	CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "the process heap is valid");
	CloseHandle(s);
	CloseHandle(o);
	RemoveVectoredExceptionHandler(vh);
	__vados_sysenter = fast;
}

/* ---- the child: threads racing to make the process heap ----------------- */

static HANDLE go, got[WORKERS];

static DWORD WINAPI first_heap(LPVOID p)
{
	WaitForSingleObject(go, INFINITE);
	got[(DWORD)p] = GetProcessHeap();
	return 0;
}

static int first_heap_child(void)
{
	HANDLE h[WORKERS], heaps[4];
	DWORD n;

	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (DWORD i = 0; i < WORKERS; i++)
		h[i] = CreateThread(NULL, 0, first_heap, (LPVOID)i, 0, NULL);
	Sleep(20);
	SetEvent(go);                   /* all at once, each at its wait boost */
	for (DWORD i = 0; i < WORKERS; i++)
		WaitForSingleObject(h[i], INFINITE);
	for (DWORD i = 1; i < WORKERS; i++)
		if (got[i] != got[0] || !got[i])
			return 1;
	n = GetProcessHeaps(4, heaps);
	return n == 1 && heaps[0] == got[0] ? 0 : 2;
}

static void racing_first_heap(const char *self)
{
	DWORD first_thread, code = run_child(self, "first-heap", &first_thread);

	CHECK(code == 0, "threads racing for the process heap: %lu (1: different heaps, "
	      "2: more than one heap)", code);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "first-heap") == 0)
		return first_heap_child();
	concurrent_blocks();
	heap_lock_blocks_others();
	moveable_interleaved();
	racing_first_heap(argv[0]);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
