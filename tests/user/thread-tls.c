/* Thread-local storage as Microsoft documents it: 1088 indexes a process
 * (TLS_MINIMUM_AVAILABLE 64 + 1024 expansion slots), then TLS_OUT_OF_INDEXES;
 * a new slot reads NULL in every thread and TlsGetValue sets the last error
 * to 0; values are per thread; TlsFree clears the slot in every thread, so
 * the index handed out again reads 0 everywhere (expansion slots too);
 * concurrent TlsAlloc never hands one index out twice; bad indexes fail with
 * ERROR_INVALID_PARAMETER; a thread's expansion block goes with it. */
#include <windows.h>

#define TEST_NAME "thread-tls"
#include "check.h"
#include "thread-common.h"

#define TLS_TOTAL 1088
#define WORKERS   8

static DWORD slots[TLS_TOTAL];
static DWORD allocated;

static void alloc_all(void)
{
	static BYTE seen[TLS_TOTAL];
	DWORD i;

	for (allocated = 0; allocated < TLS_TOTAL + 1; allocated++) {
		DWORD index = TlsAlloc();
		if (index == TLS_OUT_OF_INDEXES)
			break;
		CHECK(index < TLS_TOTAL && !seen[index], "index %lu out of range or twice", index);
		if (index < TLS_TOTAL)
			seen[index] = 1;
		slots[allocated] = index;
	}
	CHECK(allocated == TLS_TOTAL, "%lu indexes before TLS_OUT_OF_INDEXES, want 1088",
	      allocated);
	SetLastError(0);
	CHECK(TlsAlloc() == TLS_OUT_OF_INDEXES && GetLastError() != ERROR_SUCCESS,
	      "the 1089th: TLS_OUT_OF_INDEXES with an error set (%lu)", GetLastError());
	for (i = 0; i < TLS_TOTAL; i++)
		CHECK(seen[i], "index %lu never handed out", i);
}

/* Every allocated slot reads NULL with the last error cleared; the count of
 * those that do not. */
static DWORD fresh_slots_wrong(void)
{
	DWORD wrong = 0;

	for (DWORD i = 0; i < allocated; i++) {
		SetLastError(1234);
		if (TlsGetValue(slots[i]) != NULL || GetLastError() != ERROR_SUCCESS)
			wrong++;
	}
	return wrong;
}

static DWORD WINAPI check_fresh(LPVOID p)
{
	(void)p;
	return fresh_slots_wrong();
}

/* Sets every slot to a value of its own (tag, index), yields, reads back. */
static DWORD own_values_wrong(DWORD tag)
{
	DWORD wrong = 0;

	for (DWORD i = 0; i < allocated; i++)
		if (!TlsSetValue(slots[i], (LPVOID)(tag << 16 | slots[i])))
			wrong++;
	Sleep(10);                      /* the other threads set theirs meanwhile */
	for (DWORD i = 0; i < allocated; i++) {
		SetLastError(1234);
		if (TlsGetValue(slots[i]) != (LPVOID)(tag << 16 | slots[i]) ||
		    GetLastError() != ERROR_SUCCESS)
			wrong++;
	}
	return wrong;
}

static DWORD WINAPI check_own(LPVOID p)
{
	return own_values_wrong((DWORD)p);
}

static void fresh_and_per_thread(void)
{
	CHECK(fresh_slots_wrong() == 0, "the main thread's new slots are not NULL");
	CHECK(run_threads(check_fresh, WORKERS, 0) == 0, "other threads' new slots are not NULL");
	/* Values set now by one thread are seen by no other. */
	CHECK(run_threads(check_own, WORKERS, 1) == 0, "a thread lost its own values");
	CHECK(own_values_wrong(99) == 0, "the main thread lost its own values");
	CHECK(run_threads(check_fresh, WORKERS, 0) == 0, "a new thread sees another's values");
}

/* TlsFree clears the slot in every thread, the waiting ones included; the
 * index comes back from TlsAlloc reading 0 in all of them. */
static HANDLE go;
static DWORD freed[2];

static DWORD WINAPI hold_then_check(LPVOID p)
{
	DWORD wrong = 0;

	(void)p;
	TlsSetValue(freed[0], (LPVOID)0x1111);
	TlsSetValue(freed[1], (LPVOID)0x2222);
	WaitForSingleObject(go, INFINITE);
	for (int i = 0; i < 2; i++) {
		SetLastError(1234);
		if (TlsGetValue(freed[i]) != NULL || GetLastError() != ERROR_SUCCESS)
			wrong++;
	}
	return wrong;
}

static void free_clears_everywhere(void)
{
	HANDLE h[WORKERS];
	DWORD code, wrong = 0;

	freed[0] = slots[5];            /* one of the 64 */
	freed[1] = slots[700];          /* and an expansion slot */
	CHECK(freed[0] < 64 && freed[1] >= 64, "indexes %lu and %lu", freed[0], freed[1]);
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (DWORD i = 0; i < WORKERS; i++)
		h[i] = CreateThread(NULL, 0, hold_then_check, NULL, 0, NULL);
	TlsSetValue(freed[0], (LPVOID)0x3333);
	TlsSetValue(freed[1], (LPVOID)0x4444);
	Sleep(20);                      /* all have set theirs */
	CHECK(TlsFree(freed[0]) && TlsFree(freed[1]), "TlsFree: %lu", GetLastError());
	CHECK(TlsAlloc() == freed[0] && TlsAlloc() == freed[1],
	      "the freed indexes are the only free ones");
	SetEvent(go);
	for (DWORD i = 0; i < WORKERS; i++) {
		if (!h[i] || WaitForSingleObject(h[i], 30000) != WAIT_OBJECT_0 ||
		    !GetExitCodeThread(h[i], &code) || code != 0)
			wrong++;
		if (h[i])
			CloseHandle(h[i]);
	}
	CHECK(wrong == 0, "%lu threads still saw their values after TlsFree", wrong);
	CHECK(TlsGetValue(freed[0]) == NULL && TlsGetValue(freed[1]) == NULL,
	      "the freeing thread's own values are gone too");
	CloseHandle(go);
}

static void bad_indexes(void)
{
	DWORD some = slots[3];

	SetLastError(0);
	CHECK(TlsGetValue(TLS_TOTAL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
	      "TlsGetValue(1088): %lu", GetLastError());
	CHECK(TlsGetValue(TLS_OUT_OF_INDEXES) == NULL &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "TlsGetValue(TLS_OUT_OF_INDEXES)");
	CHECK(!TlsSetValue(TLS_TOTAL, (LPVOID)1) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "TlsSetValue(1088): %lu", GetLastError());
	CHECK(!TlsFree(TLS_TOTAL) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "TlsFree(1088): %lu", GetLastError());
	CHECK(!TlsFree(TLS_OUT_OF_INDEXES) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "TlsFree(TLS_OUT_OF_INDEXES)");
	CHECK(TlsFree(some), "TlsFree(%lu): %lu", some, GetLastError());
	CHECK(!TlsFree(some) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "TlsFree of a free index: %lu", GetLastError());
	CHECK(TlsAlloc() == some, "the index freed is handed out again");
}

/* Threads allocating and freeing at once: no index goes to two of them. */
#define PER_THREAD 100
static DWORD got[WORKERS][PER_THREAD];

static DWORD WINAPI alloc_many(LPVOID p)
{
	DWORD me = (DWORD)p, n = 0;

	for (int i = 0; i < PER_THREAD; i++) {
		got[me][i] = TlsAlloc();
		n += got[me][i] != TLS_OUT_OF_INDEXES;
		if (i % 10 == 0)
			Sleep(0);
	}
	return n == PER_THREAD ? 0 : 1;
}

static DWORD WINAPI free_many(LPVOID p)
{
	DWORD me = (DWORD)p, bad = 0;

	for (int i = 0; i < PER_THREAD; i++)
		bad += !TlsFree(got[me][i]);
	return bad;
}

static void concurrent_alloc(void)
{
	static BYTE owner[TLS_TOTAL];

	for (DWORD i = 0; i < allocated; i++)
		CHECK(TlsFree(slots[i]), "TlsFree(%lu)", slots[i]);
	allocated = 0;
	CHECK(run_threads(alloc_many, WORKERS, 0) == 0, "TlsAlloc failed with indexes left");
	for (DWORD t = 0; t < WORKERS; t++)
		for (int i = 0; i < PER_THREAD; i++) {
			DWORD index = got[t][i];
			if (index >= TLS_TOTAL)
				continue;
			CHECK(!owner[index], "index %lu handed to two threads", index);
			owner[index] = 1;
		}
	CHECK(run_threads(free_many, WORKERS, 0) == 0, "TlsFree of indexes the threads held");
}

/* An expansion block belongs to its thread: when the thread exits, the heap
 * has no more busy bytes than before it ran. */
static SIZE_T heap_busy_bytes(void)
{
	PROCESS_HEAP_ENTRY e = { 0 };
	SIZE_T busy = 0;

	while (HeapWalk(GetProcessHeap(), &e))
		if (e.wFlags & PROCESS_HEAP_ENTRY_BUSY)
			busy += e.cbData;
	return busy;
}

static DWORD expansion_index;

static DWORD WINAPI use_expansion(LPVOID p)
{
	return TlsSetValue(expansion_index, p) ? 0 : 1;
}

static void expansion_block_freed(void)
{
	SIZE_T before;

	for (DWORD i = 0; i < 100; i++)         /* past the 64 */
		slots[allocated++] = TlsAlloc();
	expansion_index = slots[allocated - 1];
	CHECK(expansion_index >= 64 && expansion_index < TLS_TOTAL, "index %lu",
	      expansion_index);
	before = heap_busy_bytes();
	for (int round = 0; round < 4; round++)
		CHECK(run_threads(use_expansion, WORKERS, 1) == 0, "TlsSetValue in an expansion slot");
	CHECK(heap_busy_bytes() == before, "busy heap bytes %lu before, %lu after 32 threads "
	      "used an expansion slot", (unsigned long)before, (unsigned long)heap_busy_bytes());
}

int main(void)
{
	alloc_all();
	fresh_and_per_thread();
	free_clears_everywhere();
	bad_indexes();
	concurrent_alloc();
	expansion_block_freed();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
