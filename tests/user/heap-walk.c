/* HeapWalk, HeapCompact, HeapLock/HeapUnlock, GetProcessHeaps and _heapmin
 * against their Windows contracts: a walk starts with the region (its
 * reservation and committed size as VirtualQuery sees them), lists every
 * live block with its size and ends with ERROR_NO_MORE_ITEMS; HeapCompact
 * decommits the pages inside free blocks (VirtualQuery shows MEM_RESERVE in
 * the middle of the region, PagefileUsage falls) and the heap goes on
 * working; a destroyed heap fails with ERROR_INVALID_HANDLE; a moveable
 * object's block is flagged PROCESS_HEAP_ENTRY_MOVEABLE with its handle, a
 * big block has a region index of its own; _heapmin gives the process
 * heap's pages back. */
#include <malloc.h>
#include <psapi.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "heap-walk"
#include "check.h"

#define N     48
#define BLOCK 30000

static SIZE_T private_commit(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.PagefileUsage;
}

/* Walks h: the busy entries that are blocks[] (sizes BLOCK), the region
 * entries; returns how many of blocks[] it found, -1 on a bad walk. */
static int walk(HANDLE h, void *const *blocks, PROCESS_HEAP_ENTRY *region)
{
	PROCESS_HEAP_ENTRY e = { .lpData = NULL };
	int found = 0, regions = 0;

	while (HeapWalk(h, &e)) {
		if (e.wFlags & PROCESS_HEAP_REGION && !regions++)
			*region = e;
		for (int i = 0; i < N && (e.wFlags & PROCESS_HEAP_ENTRY_BUSY); i++)
			found += blocks[i] == e.lpData && e.cbData == BLOCK;
	}
	CHECK(GetLastError() == ERROR_NO_MORE_ITEMS, "the walk ended with error %lu",
	      GetLastError());
	return regions ? found : -1;
}

static void walk_and_compact(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	void *blocks[N];
	PROCESS_HEAP_ENTRY region;
	MEMORY_BASIC_INFORMATION m;
	SIZE_T before, largest;

	for (int i = 0; i < N; i++)
		memset(blocks[i] = HeapAlloc(h, 0, BLOCK), i, BLOCK);
	CHECK(walk(h, blocks, &region) == N, "the walk missed blocks");
	VirtualQuery(region.lpData, &m, sizeof(m));
	CHECK(m.AllocationBase == region.lpData && region.cbData == 4u << 20 &&
	      region.Region.dwCommittedSize >= N * BLOCK, "region %p, %lu bytes, %lu committed",
	      region.lpData, region.cbData, region.Region.dwCommittedSize);
	for (int i = 4; i < 40; i++) {
		HeapFree(h, 0, blocks[i]);
		blocks[i] = NULL;
	}
	before = private_commit();
	largest = HeapCompact(h, 0);
	CHECK(before - private_commit() >= 36 * BLOCK - 64 * 1024, "PagefileUsage %lu -> %lu",
	      before, private_commit());
	CHECK(largest < 8192, "largest committed free block %lu", largest);
	VirtualQuery((char *)blocks[3] + 20 * 4096, &m, sizeof(m));
	CHECK(m.State == MEM_RESERVE, "the middle of the region is state 0x%lx", m.State);
	CHECK(walk(h, blocks, &region) == N - 36 && region.Region.dwCommittedSize < 400000,
	      "after compacting: %lu committed", region.Region.dwCommittedSize);
	for (int i = 4; i < 40; i++)            /* the holes are committed again */
		memset(blocks[i] = HeapAlloc(h, HEAP_ZERO_MEMORY, BLOCK), i, BLOCK);
	CHECK(HeapValidate(h, 0, NULL) && walk(h, blocks, &region) == N, "refilled");
	CHECK(HeapLock(h) && HeapUnlock(h), "HeapLock/HeapUnlock");
	HeapDestroy(h);
	PROCESS_HEAP_ENTRY e = { .lpData = NULL };
	SetLastError(0);
	CHECK(!HeapWalk(h, &e) && GetLastError() == ERROR_INVALID_HANDLE,
	      "HeapWalk on a destroyed heap: error %lu", GetLastError());
	CHECK(!HeapCompact(h, 0) && !HeapLock(h), "HeapCompact/HeapLock on a destroyed heap");
}

static void bad_entries(void)
{
	HANDLE h = GetProcessHeap();
	char *p = HeapAlloc(h, 0, 100);
	PROCESS_HEAP_ENTRY e = { .lpData = p + 16, .wFlags = PROCESS_HEAP_ENTRY_BUSY };

	SetLastError(0);
	CHECK(!HeapWalk(h, &e) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "an entry inside a block: error %lu", GetLastError());
	SetLastError(0);
	CHECK(!HeapWalk(h, (LPPROCESS_HEAP_ENTRY)0x80000000) && GetLastError() == ERROR_NOACCESS,
	      "a kernel address: error %lu", GetLastError());
	HeapFree(h, 0, p);
}

/* The process heap's entry whose data is p (a zeroed entry if none), and the
 * region indices its walk used: regions[i] set for index i. */
static PROCESS_HEAP_ENTRY entry_of(const void *p, int *regions)
{
	PROCESS_HEAP_ENTRY e = { .lpData = NULL }, found = { .lpData = NULL };

	while (HeapWalk(GetProcessHeap(), &e)) {
		if (e.lpData == p)
			found = e;
		if (e.wFlags & PROCESS_HEAP_REGION)
			regions[e.iRegionIndex]++;
	}
	return found;
}

/* PROCESS_HEAP_ENTRY's documented flags: the block of a moveable object is
 * BUSY | MOVEABLE with its handle in Block.hMem (after GlobalReAlloc moved
 * it too), a fixed block BUSY alone; a block with a reservation of its own
 * is a region of its own: a region index no other region has, and no
 * PROCESS_HEAP_REGION entry. */
static void entry_flags(void)
{
	HGLOBAL m = GlobalAlloc(GMEM_MOVEABLE, 100);
	void *fixed = GlobalAlloc(GMEM_FIXED, 100), *big = HeapAlloc(GetProcessHeap(), 0, 2 << 20);
	int regions[256] = { 0 };
	PROCESS_HEAP_ENTRY e = entry_of(GlobalLock(m), regions);

	CHECK(e.wFlags == (PROCESS_HEAP_ENTRY_BUSY | PROCESS_HEAP_ENTRY_MOVEABLE) &&
	      e.Block.hMem == m && e.cbData == 100, "a moveable block: flags 0x%x, hMem %p (%p)",
	      e.wFlags, e.Block.hMem, m);
	GlobalUnlock(m);
	CHECK(GlobalReAlloc(m, 100000, GMEM_MOVEABLE) == m, "GlobalReAlloc");
	e = entry_of(GlobalLock(m), regions);
	CHECK(e.wFlags == (PROCESS_HEAP_ENTRY_BUSY | PROCESS_HEAP_ENTRY_MOVEABLE) &&
	      e.Block.hMem == m && e.cbData == 100000, "moved: flags 0x%x, hMem %p", e.wFlags,
	      e.Block.hMem);
	e = entry_of(fixed, regions);
	CHECK(e.wFlags == PROCESS_HEAP_ENTRY_BUSY && e.Block.hMem == NULL,
	      "a fixed block: flags 0x%x, hMem %p", e.wFlags, e.Block.hMem);
	memset(regions, 0, sizeof(regions));
	e = entry_of(big, regions);
	CHECK(e.wFlags == PROCESS_HEAP_ENTRY_BUSY && e.cbData == 2u << 20 &&
	      regions[0] && !regions[e.iRegionIndex], "a big block: flags 0x%x, region %u",
	      e.wFlags, e.iRegionIndex);
	GlobalFree(m);
	GlobalFree(fixed);
	HeapFree(GetProcessHeap(), 0, big);
}

static void process_heaps(void)
{
	HANDLE mine = HeapCreate(0, 0, 0), list[8];
	DWORD n = GetProcessHeaps(8, list);

	CHECK(n == 2 && list[0] == GetProcessHeap() && list[1] == mine, "%lu heaps", n);
	CHECK(GetProcessHeaps(1, list) == 2, "too small a buffer");
	SetLastError(0);
	CHECK(GetProcessHeaps(8, (PHANDLE)0x80000000) == 0 && GetLastError() == ERROR_NOACCESS,
	      "a bad buffer: error %lu", GetLastError());
	HeapDestroy(mine);
}

static void heapmin(void)
{
	void *p[N];
	SIZE_T before;

	for (int i = 0; i < N; i++)
		memset(p[i] = malloc(BLOCK), 1, BLOCK);
	for (int i = 1; i < N - 1; i++)
		free(p[i]);
	before = private_commit();
	CHECK(_heapmin() == 0 && before - private_commit() >= (N - 2) * BLOCK - 128 * 1024,
	      "_heapmin: PagefileUsage %lu -> %lu", before, private_commit());
	free(p[0]);
	free(p[N - 1]);
}

int main(void)
{
	walk_and_compact();
	bad_entries();
	entry_flags();
	process_heaps();
	heapmin();
	printf("heap-walk: %d failures\n", failures);
	return failures != 0;
}
