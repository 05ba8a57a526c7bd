/* The heap family against Microsoft's documentation, call by call: what
 * each returns, the last error it leaves and what it writes, at the edges
 * the pages name. GetProcessHeap/GetProcessHeaps, HeapCreate (fixed and
 * growable, the fixed heap's largest block), HeapAlloc/HeapReAlloc/HeapFree/
 * HeapSize/HeapValidate/HeapCompact/HeapWalk/HeapLock/HeapDestroy,
 * HeapSetInformation/HeapQueryInformation, and the moveable memory of
 * GlobalAlloc/LocalAlloc (lock counts, GMEM_DISCARDABLE, discarding). */
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "conform-heap"
#include "check.h"

#define FIXED_LIMIT 0x7FFF8u    /* "slightly less than 512 KB" for a fixed heap */

static void process_heaps(void)
{
	HANDLE heap = GetProcessHeap(), mine = HeapCreate(0, 0, 0), list[64];
	HANDLE sentinel = (HANDLE)0x5a5a5a5a;
	DWORD n;

	CHECK(heap && heap == GetProcessHeap(), "%p", heap);
	n = GetProcessHeaps(0, NULL);
	CHECK(n >= 2, "GetProcessHeaps(0, NULL) = %lu", n);
	list[0] = sentinel;
	CHECK(GetProcessHeaps(1, list) == n && list[0] == sentinel,
	      "a buffer too small: %lu heaps, first %p", n, list[0]);
	CHECK(GetProcessHeaps(64, list) == n && list[0] == heap, "first %p, not %p", list[0],
	      heap);
	BOOL found = FALSE;
	for (DWORD i = 0; i < n; i++)
		found |= list[i] == mine;
	CHECK(found, "HeapCreate's heap is not listed");
	SetLastError(0);
	CHECK(!HeapDestroy(heap), "the process heap was destroyed");
	CHECK(HeapDestroy(mine), "error %lu", GetLastError());
	CHECK(GetProcessHeaps(0, NULL) == n - 1, "%lu after a destroy", GetProcessHeaps(0, NULL));
}

static void fixed_heap(void)
{
	HANDLE h = HeapCreate(0, 0x2000, 0x10000);
	void *p[64];
	int k = 0;

	CHECK(h, "HeapCreate(0, 8 KB, 64 KB): error %lu", GetLastError());
	if (!h)
		return;
	CHECK(!HeapAlloc(h, 0, 0x20000), "128 KB from a 64 KB heap");
	CHECK(!HeapAlloc(h, 0, 0x100000), "1 MB from a 64 KB heap");
	while (k < 64 && (p[k] = HeapAlloc(h, 0, 4000)) != NULL)
		k++;
	CHECK(k >= 10 && k < 17, "%d blocks of 4000 bytes in a 64 KB heap", k);
	CHECK(HeapDestroy(h), "error %lu", GetLastError());

	h = HeapCreate(0, 0, 4 * 1024 * 1024);
	CHECK(h, "error %lu", GetLastError());
	if (!h)
		return;
	CHECK(!HeapAlloc(h, 0, FIXED_LIMIT), "0x7FFF8 bytes from a fixed heap");
	CHECK(!HeapAlloc(h, 0, 0x100000), "1 MB from a fixed heap");
	void *q = HeapAlloc(h, 0, 0x70000);
	CHECK(q, "448 KB from a 4 MB fixed heap: error %lu", GetLastError());
	CHECK(HeapDestroy(h), "error %lu", GetLastError());

	h = HeapCreate(0, 0, 0);
	q = HeapAlloc(h, 0, 0x200000);
	CHECK(q && HeapSize(h, 0, q) == 0x200000, "2 MB from a growable heap: %p", q);
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
}

static BOOL zero(const unsigned char *p, size_t from, size_t to)
{
	while (from < to)
		if (p[from++])
			return FALSE;
	return TRUE;
}

static void blocks(void)
{
	HANDLE h = HeapCreate(HEAP_NO_SERIALIZE, 0, 0);
	unsigned char *p, *q;

	p = HeapAlloc(h, HEAP_ZERO_MEMORY, 1000);
	CHECK(p && zero(p, 0, 1000) && HeapSize(h, 0, p) == 1000, "%p", p);
	memset(p, 0xAB, 1000);
	q = HeapReAlloc(h, HEAP_ZERO_MEMORY, p, 3000);
	CHECK(q && q[999] == 0xAB && zero(q, 1000, 3000) && HeapSize(h, 0, q) == 3000,
	      "the grown part is not zeroed");
	q = HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, q, 100);
	CHECK(q && HeapSize(h, 0, q) == 100, "shrinking in place: %p", q);
	void *other = HeapAlloc(h, 0, 16);
	CHECK(!HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, other, 1000000) &&
	      HeapSize(h, 0, other) == 16, "HEAP_REALLOC_IN_PLACE_ONLY moved the block");
	CHECK(HeapFree(h, 0, NULL), "HeapFree(NULL): error %lu", GetLastError());
	CHECK(!HeapAlloc(h, 0, ~(SIZE_T)0) && !HeapReAlloc(h, 0, q, ~(SIZE_T)0 - 7) &&
	      !HeapReAlloc(h, 0, NULL, 10) && HeapSize(h, 0, q) == 100, "huge sizes");
	void *empty = HeapReAlloc(h, 0, HeapAlloc(h, 0, 17), 0);
	CHECK(empty && HeapSize(h, 0, empty) == 0, "HeapReAlloc to 0 bytes: %p", empty);
	HeapFree(h, 0, empty);
	CHECK(HeapSize((HANDLE)0x1234, 0, q) == (SIZE_T)-1, "HeapSize with a bad heap");
	CHECK(HeapValidate(h, 0, NULL) && HeapValidate(h, 0, q), "HeapValidate");
	CHECK(HeapLock(h) && HeapUnlock(h), "a HEAP_NO_SERIALIZE heap: error %lu",
	      GetLastError());

	/* HeapWalk: a region first, the busy block as allocated, then
	 * ERROR_NO_MORE_ITEMS. */
	PROCESS_HEAP_ENTRY e = { .lpData = NULL };
	int entries = 0, busy = 0;
	BOOL first_region = FALSE;
	while (HeapWalk(h, &e)) {
		if (!entries++)
			first_region = (e.wFlags & PROCESS_HEAP_REGION) != 0;
		if ((e.wFlags & PROCESS_HEAP_ENTRY_BUSY) && e.lpData == q)
			busy += e.cbData == 100;
	}
	CHECK(GetLastError() == ERROR_NO_MORE_ITEMS, "the walk ended with %lu", GetLastError());
	CHECK(first_region && busy == 1, "%d entries, first a region %d, the block seen %d",
	      entries, first_region, busy);

	SetLastError(1234);
	SIZE_T largest = HeapCompact(h, 0);
	CHECK(largest > 0 || GetLastError() == NO_ERROR, "HeapCompact: 0, error %lu",
	      GetLastError());
	CHECK(HeapFree(h, 0, q) && HeapFree(h, 0, other), "error %lu", GetLastError());
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
}

static void heap_information(void)
{
	HANDLE plain = HeapCreate(0, 0, 0), nolock = HeapCreate(HEAP_NO_SERIALIZE, 0, 0);
	ULONG v = 77;
	SIZE_T len = 0;
	USHORT small;

	CHECK(HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &v,
				   sizeof(v), &len) && v == 2 && len == sizeof(ULONG),
	      "the process heap: %lu, length %lu, error %lu", v, len, GetLastError());
	len = 0;
	CHECK(!HeapQueryInformation(plain, HeapCompatibilityInformation, &small, sizeof(small),
				    &len) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
	      len == sizeof(ULONG), "2 bytes: error %lu, length %lu", GetLastError(), len);
	CHECK(HeapQueryInformation(nolock, HeapCompatibilityInformation, &v, sizeof(v), NULL) &&
	      v == 0, "a HEAP_NO_SERIALIZE heap: %lu", v);
	CHECK(HeapQueryInformation(plain, HeapCompatibilityInformation, &v, sizeof(v), NULL) &&
	      v == 0, "a new heap is a standard heap, as Windows reports it: %lu", v);
	v = 2;
	CHECK(HeapSetInformation(plain, HeapCompatibilityInformation, &v, sizeof(v)),
	      "enabling the LFH: error %lu", GetLastError());
	CHECK(HeapQueryInformation(plain, HeapCompatibilityInformation, &v, sizeof(v), NULL) &&
	      v == 2, "the LFH once asked for: %lu", v);
	v = 0;
	CHECK(!HeapSetInformation(plain, HeapCompatibilityInformation, &v, sizeof(v)) &&
	      GetLastError() == ERROR_GEN_FAILURE, "the LFH turned off: error %lu", GetLastError());
	v = 2;
	CHECK(!HeapSetInformation(nolock, HeapCompatibilityInformation, &v, sizeof(v)) &&
	      GetLastError() == ERROR_INVALID_PARAMETER,
	      "the LFH on a HEAP_NO_SERIALIZE heap: error %lu", GetLastError());
	CHECK(!HeapSetInformation(plain, HeapCompatibilityInformation, &v, 2) &&
	      GetLastError() == ERROR_INSUFFICIENT_BUFFER, "2 bytes: error %lu", GetLastError());
	CHECK(!HeapQueryInformation((HANDLE)0x1234, HeapCompatibilityInformation, &v, sizeof(v),
				    NULL), "a bad heap");
	CHECK(HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0),
	      "HeapEnableTerminationOnCorruption: error %lu", GetLastError());
	HEAP_OPTIMIZE_RESOURCES_INFORMATION o = { HEAP_OPTIMIZE_RESOURCES_CURRENT_VERSION, 0 };
	CHECK(HeapSetInformation(NULL, HeapOptimizeResources, &o, sizeof(o)),
	      "HeapOptimizeResources: error %lu", GetLastError());
	HeapDestroy(plain);
	HeapDestroy(nolock);
}

static void moveable(void)
{
	HGLOBAL g = GlobalAlloc(GMEM_MOVEABLE | GMEM_ZEROINIT, 100);
	unsigned char *p;

	CHECK(g && GlobalFlags(g) == 0 && GlobalSize(g) == 100, "%p flags 0x%x", g,
	      GlobalFlags(g));
	p = GlobalLock(g);
	CHECK(p && zero(p, 0, 100) && GlobalFlags(g) == 1 && GlobalHandle(p) == g,
	      "locked once: flags 0x%x", GlobalFlags(g));
	CHECK(GlobalLock(g) == p && (GlobalFlags(g) & GMEM_LOCKCOUNT) == 2, "flags 0x%x",
	      GlobalFlags(g));
	CHECK(GlobalUnlock(g), "still locked once: error %lu", GetLastError());
	SetLastError(1234);
	CHECK(!GlobalUnlock(g) && GetLastError() == NO_ERROR, "unlocked: error %lu",
	      GetLastError());
	CHECK(!GlobalUnlock(g) && GetLastError() == ERROR_NOT_LOCKED, "not locked: error %lu",
	      GetLastError());
	CHECK(!GlobalFree(g), "GlobalFree failed");

	g = GlobalAlloc(GMEM_MOVEABLE | GMEM_DISCARDABLE, 64);
	CHECK(g && GlobalFlags(g) == GMEM_DISCARDABLE, "GMEM_DISCARDABLE: flags 0x%x",
	      GlobalFlags(g));
	CHECK(GlobalReAlloc(g, 0, GMEM_MOVEABLE) == g &&
	      GlobalFlags(g) == (GMEM_DISCARDABLE | GMEM_DISCARDED),
	      "discarded: flags 0x%x", GlobalFlags(g));
	SetLastError(0);
	CHECK(!GlobalLock(g) && GetLastError() == ERROR_DISCARDED, "error %lu", GetLastError());
	CHECK(!GlobalFree(g), "GlobalFree failed");
	g = GlobalAlloc(GMEM_MOVEABLE, 64);
	CHECK(GlobalReAlloc(g, 0, GMEM_MODIFY | GMEM_DISCARDABLE) == g &&
	      GlobalFlags(g) == GMEM_DISCARDABLE && GlobalSize(g) == 64,
	      "made discardable by GMEM_MODIFY: flags 0x%x", GlobalFlags(g));
	CHECK(!GlobalFree(g), "GlobalFree failed");

	HLOCAL l = LocalAlloc(LMEM_MOVEABLE | LMEM_DISCARDABLE, 8);
	CHECK(l && LocalFlags(l) == LMEM_DISCARDABLE, "LMEM_DISCARDABLE: flags 0x%x",
	      LocalFlags(l));
	CHECK(!LocalFree(l), "LocalFree failed");

	p = GlobalAlloc(GPTR, 50);
	CHECK(p && zero(p, 0, 50) && GlobalLock(p) == p && GlobalFlags(p) == 0 &&
	      GlobalSize(p) == 50 && GlobalHandle(p) == p, "fixed memory %p", p);
	CHECK(GlobalUnlock(p), "GlobalUnlock of fixed memory: error %lu", GetLastError());
	CHECK(!LocalUnlock(p) && GetLastError() == ERROR_NOT_LOCKED, "LocalUnlock: error %lu",
	      GetLastError());
	CHECK(!GlobalFree(p), "GlobalFree failed");
	SetLastError(0);
	CHECK(GlobalSize((HGLOBAL)0x1234) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
	      "a bad handle: error %lu", GetLastError());
	CHECK(GlobalFlags((HGLOBAL)0x1234) == GMEM_INVALID_HANDLE, "0x%x",
	      GlobalFlags((HGLOBAL)0x1234));
}

/* The edges Windows' own tests pin down. */
static void moveable_edges(void)
{
	static const struct { UINT alloc, flags; } obsolete[] = {
		{ GMEM_FIXED | GMEM_NOTIFY, 0 },
		{ GMEM_FIXED | GMEM_DISCARDABLE, 0 },
		{ GMEM_MOVEABLE | GMEM_DDESHARE, GMEM_DDESHARE },
		{ GMEM_MOVEABLE | GMEM_NOT_BANKED | GMEM_NODISCARD, 0 },
		{ GMEM_MOVEABLE | GMEM_DDESHARE | GMEM_DISCARDABLE | GMEM_NOCOMPACT | GMEM_NOTIFY,
		  GMEM_DDESHARE | GMEM_DISCARDABLE },
	};
	HGLOBAL g, h;
	void *p;

	for (unsigned i = 0; i < sizeof(obsolete) / sizeof(obsolete[0]); i++) {
		g = GlobalAlloc(obsolete[i].alloc, 4);
		CHECK(g && GlobalFlags(g) == obsolete[i].flags, "0x%x: flags 0x%x, not 0x%x",
		      obsolete[i].alloc, GlobalFlags(g), obsolete[i].flags);
		GlobalFree(g);
	}
	g = GlobalAlloc(GMEM_FIXED, 0);
	CHECK(g && GlobalSize(g) == 1, "GlobalAlloc(GMEM_FIXED, 0): size %lu", GlobalSize(g));
	GlobalFree(g);
	g = LocalAlloc(LMEM_FIXED, 0);
	CHECK(g && LocalSize(g) == 0, "LocalAlloc(LMEM_FIXED, 0): size %lu", LocalSize(g));
	LocalFree(g);
	CHECK(!GlobalReAlloc(NULL, 10, GMEM_MOVEABLE), "GlobalReAlloc(NULL) allocated");

	g = GlobalAlloc(GMEM_MOVEABLE, 0x123);
	p = GlobalLock(g);
	CHECK(p && p != g && GlobalSize(p) == 0x123 && GlobalSize(g) == 0x123,
	      "GlobalSize of the locked address");
	CHECK(!GlobalDiscard(g), "a locked object was discarded");
	GlobalUnlock(g);
	CHECK(!GlobalFree(g), "GlobalFree failed");
	SetLastError(0);
	CHECK(GlobalFree(g) == g && GetLastError() == ERROR_INVALID_HANDLE,
	      "freed twice: error %lu", GetLastError());
	SetLastError(0);
	CHECK(!GlobalLock(g) && GetLastError() == ERROR_INVALID_HANDLE, "error %lu",
	      GetLastError());
	SetLastError(0);
	CHECK(!LocalUnlock(g) && GetLastError() == ERROR_INVALID_HANDLE, "error %lu",
	      GetLastError());
	SetLastError(0);
	CHECK(GlobalFlags(g) == GMEM_INVALID_HANDLE && GetLastError() == ERROR_INVALID_HANDLE,
	      "error %lu", GetLastError());

	g = GlobalAlloc(GMEM_FIXED, 100);
	SetLastError(0xdeadbeef);
	CHECK(GlobalUnlock(g) && GetLastError() == 0xdeadbeef, "fixed: error %lu",
	      GetLastError());
	h = GlobalReAlloc(g, 0, GMEM_MODIFY | GMEM_MOVEABLE);
	CHECK(h && h != g && GlobalLock(h) == g, "made moveable: %p", h);
	SetLastError(1234);
	CHECK(!GlobalUnlock(h) && GetLastError() == NO_ERROR, "error %lu", GetLastError());
	CHECK(!GlobalFree(h), "GlobalFree failed");
}

static void c_library(void)
{
	unsigned char *p = calloc(10, 10);

	CHECK(p && zero(p, 0, 100), "calloc");
	p = realloc(p, 5000);
	CHECK(p && HeapSize(GetProcessHeap(), 0, p) == 5000, "realloc");
	free(p);
	CHECK(!calloc((size_t)-1 / 2, 4), "calloc's overflow");
	free(NULL);
}

int main(void)
{
	process_heaps();
	fixed_heap();
	blocks();
	heap_information();
	moveable();
	moveable_edges();
	c_library();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
