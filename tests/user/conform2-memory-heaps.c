/* Heaps and Local/Global memory as Microsoft's pages give them, where no
 * other test looked (an audit: each CHECK is one documented rule): freeing
 * NULL, zero-size blocks, HEAP_ZERO_MEMORY on growth, in-place reallocation
 * (shrinking keeps the block, growing past room fails and keeps it),
 * HeapQuery/SetInformation buffer sizes, HeapWalk's first region and busy
 * entries, a fixed heap's 512 KB block limit and filling up, HeapValidate
 * of freed and inner pointers; moveable memory: zero-size blocks are
 * discarded (ERROR_DISCARDED on lock), lock counts saturate at 255, locked
 * blocks can be freed, GlobalDiscard, fixed and locked blocks reallocate in
 * place only unless GMEM_MOVEABLE lets them move. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "conform2-memory-heaps"
#include "check.h"

static void heaps(void)
{
	HANDLE h = HeapCreate(0, 0, 0), fixed;
	PROCESS_HEAP_ENTRY e;
	ULONG v;
	SIZE_T len = 99;
	char *p, *q;
	int i, regions = 0;

	CHECK(HeapFree(h, 0, NULL), "free NULL: %lu", GetLastError());
	p = HeapAlloc(h, HEAP_ZERO_MEMORY, 10);
	CHECK(p && HeapSize(h, 0, p) == 10, "size");
	memset(p, 1, 10);
	q = HeapReAlloc(h, HEAP_ZERO_MEMORY, p, 5000);
	CHECK(q && q[9] == 1 && q[10] == 0 && q[4999] == 0, "realloc zeroes the growth");
	p = HeapAlloc(h, 0, 0);
	CHECK(p && HeapSize(h, 0, p) == 0, "zero-size block");
	CHECK(HeapReAlloc(h, 0, p, 0) != NULL, "realloc to 0");
	FAILS(HeapQueryInformation(h, HeapCompatibilityInformation, &v, 2, &len), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(len == sizeof(ULONG), "len %lu", (unsigned long)len);
	FAILS(HeapSetInformation(h, HeapCompatibilityInformation, &v, 2), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	v = 7;

	CHECK(HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0), "%lu",
	      GetLastError());
	CHECK(HeapLock(h) && HeapUnlock(h), "lock");
	e.lpData = NULL;
	while (HeapWalk(h, &e))
		if (e.wFlags & PROCESS_HEAP_REGION)
			regions++;
	CHECK(GetLastError() == ERROR_NO_MORE_ITEMS && regions >= 1, "walk end %lu regions %d",
	      GetLastError(), regions);
	CHECK(HeapDestroy(h), "%lu", GetLastError());

	fixed = HeapCreate(0, 0x10000, 0x20000);
	CHECK(fixed != NULL, "%lu", GetLastError());
	p = HeapAlloc(fixed, 0, 0x7FFF0);
	CHECK(p == NULL, "a growable heap's limit");
	p = HeapAlloc(fixed, 0, 100);
	SetLastError(0);
	q = HeapReAlloc(fixed, HEAP_REALLOC_IN_PLACE_ONLY, p, 0x18000);
	CHECK(q == NULL || q == p, "in place");
	for (i = 0; i < 100 && HeapAlloc(fixed, 0, 4000); i++)
		;
	CHECK(i < 100, "fixed heap fills");
	HeapDestroy(fixed);
	CHECK(GetProcessHeaps(0, NULL) >= 1, "count");
}

static void locals(void)
{
	HGLOBAL g = GlobalAlloc(GMEM_MOVEABLE, 0), f;
	char *p;
	int i;

	CHECK(g && GlobalFlags(g) == GMEM_DISCARDED && GlobalSize(g) == 0, "flags %x",
	      GlobalFlags(g));
	FAILS(GlobalLock(g), NULL, ERROR_DISCARDED);
	g = GlobalReAlloc(g, 100, GMEM_MOVEABLE);
	CHECK(g && GlobalFlags(g) == 0 && GlobalSize(g) == 100, "revived %x", GlobalFlags(g));
	p = GlobalLock(g);
	CHECK(p && GlobalHandle(p) == g, "handle");
	for (i = 0; i < 300; i++)
		GlobalLock(g);
	CHECK((GlobalFlags(g) & GMEM_LOCKCOUNT) == 0xFF, "saturates %x", GlobalFlags(g));
	CHECK(GlobalFree(g) == NULL, "free locked %lu", GetLastError());
	g = GlobalAlloc(GMEM_MOVEABLE | GMEM_DISCARDABLE, 64);
	CHECK(GlobalFlags(g) == GMEM_DISCARDABLE, "%x", GlobalFlags(g));
	CHECK(GlobalDiscard(g) == g && GlobalFlags(g) == (GMEM_DISCARDABLE | GMEM_DISCARDED) &&
		  GlobalSize(g) == 0,
	      "discard %x", GlobalFlags(g));
	GlobalFree(g);
	f = GlobalAlloc(GMEM_FIXED, 0);
	CHECK(f != NULL && GlobalLock(f) == f, "fixed 0");
	CHECK(GlobalReAlloc(f, 0, GMEM_MODIFY | GMEM_DISCARDABLE) == f, "modify fixed");
	GlobalFree(f);
}

static void heap_walk_and_local_reallocation(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	PROCESS_HEAP_ENTRY e;
	char *a = HeapAlloc(h, 0, 100), *b = HeapAlloc(h, 0, 100), *c;
	int busy = 0, first = 1;
	HLOCAL f, g, blocker;
	char *lp, *lp2;

	e.lpData = NULL;
	while (HeapWalk(h, &e)) {
		if (first)
			CHECK((e.wFlags & PROCESS_HEAP_REGION) && e.Region.dwCommittedSize > 0 &&
				  e.Region.lpFirstBlock &&
				  e.Region.lpLastBlock > e.Region.lpFirstBlock,
			      "first entry: flags %x", e.wFlags);
		first = 0;
		if ((e.wFlags & PROCESS_HEAP_ENTRY_BUSY) && (e.lpData == a || e.lpData == b)) {
			busy++;
			CHECK(e.cbData == 100 && e.iRegionIndex == 0, "busy cbData %lu", e.cbData);
		}
	}
	CHECK(busy == 2, "busy %d", busy);
	c = HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 50);
	CHECK(c == a && HeapSize(h, 0, a) == 50, "shrinks in place");
	SetLastError(0xdead);
	c = HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 100000);
	CHECK(c == NULL && HeapSize(h, 0, a) == 50, "cannot grow in place: %p", c);
	CHECK(HeapCompact(h, 0) > 0, "compact %lu", (unsigned long)HeapCompact(h, 0));
	HeapDestroy(h);

	f = LocalAlloc(LMEM_FIXED, 16);
	blocker = LocalAlloc(LMEM_FIXED, 16);
	CHECK(LocalFlags(f) == 0 && LocalHandle(f) == f && LocalSize(f) == 16, "fixed");
	SetLastError(0xdead);
	g = LocalReAlloc(f, 100000, 0);
	CHECK(g == NULL || g == f, "a fixed block grows only in place: %p %p", g, f);
	g = LocalReAlloc(f, 100000, LMEM_MOVEABLE);
	CHECK(g != NULL && LocalSize(g) == 100000, "moves with LMEM_MOVEABLE: %lu", GetLastError());
	LocalFree(g);
	LocalFree(blocker);
	g = LocalAlloc(LMEM_MOVEABLE, 16);
	lp = LocalLock(g);
	blocker = LocalAlloc(LMEM_FIXED, 16);
	CHECK(LocalReAlloc(g, 100000, 0) == NULL && LocalLock(g) == lp, "locked: in place only");
	LocalUnlock(g);
	CHECK(LocalReAlloc(g, 100000, LMEM_MOVEABLE) == g, "locked moves with the flag: %lu",
	      GetLastError());
	lp2 = LocalLock(g);
	CHECK(lp2 && LocalSize(g) == 100000 && (LocalFlags(g) & LMEM_LOCKCOUNT) == 2, "flags %x",
	      LocalFlags(g));
	LocalUnlock(g);
	LocalUnlock(g);
	CHECK(LocalReAlloc(g, 10, 0) == g && LocalSize(g) == 10, "unlocked moveable shrinks");
	LocalFree(g);
	LocalFree(blocker);
}

static void fixed_heap_limits(void)
{
	HANDLE h = HeapCreate(0, 0, 0x200000), g;
	char *p, *q;
	PROCESS_HEAP_ENTRY e;

	CHECK(h != NULL, "%lu", GetLastError());
	CHECK(HeapAlloc(h, 0, 0x80000) == NULL, "a fixed heap refuses 512 KB");
	p = HeapAlloc(h, 0, 0x7E000);
	CHECK(p != NULL && HeapSize(h, 0, p) == 0x7E000, "just under 512 KB");
	CHECK(HeapReAlloc(h, 0, p, 0x80000) == NULL && HeapSize(h, 0, p) == 0x7E000,
	      "nor by growing");
	e.lpData = NULL;
	CHECK(HeapWalk(h, &e) && (e.wFlags & PROCESS_HEAP_REGION) &&
		  e.Region.dwCommittedSize + e.Region.dwUnCommittedSize <= 0x200000 &&
		  e.Region.dwUnCommittedSize > 0,
	      "region: committed %lx uncommitted %lx", e.Region.dwCommittedSize,
	      e.Region.dwUnCommittedSize);
	q = HeapAlloc(h, 0, 64);
	CHECK(HeapFree(h, 0, q) && !HeapValidate(h, 0, q), "a freed block fails HeapValidate");
	CHECK(HeapValidate(h, 0, p) && HeapValidate(h, 0, NULL), "sound");
	CHECK(HeapSize(h, 0, NULL) == (SIZE_T)-1, "NULL has no size");
	HeapDestroy(h);
	g = GlobalAlloc(GMEM_MOVEABLE, 16);
	GlobalFree(g);
	FAILS(GlobalSize(g), 0, ERROR_INVALID_HANDLE);
	FAILS(GlobalLock(g), NULL, ERROR_INVALID_HANDLE);
}

int main(void)
{
	heaps();
	locals();
	heap_walk_and_local_reallocation();
	fixed_heap_limits();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
