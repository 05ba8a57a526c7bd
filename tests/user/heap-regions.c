/* The seed's heap algorithm (../shared/seeds/004), seen from outside through
 * VirtualQuery and the process counters: a heap reserves 4 MB regions, commits
 * them in 64 KB steps as it grows, decommits 64 KB as 128 KB gathers free at
 * the end, releases a region once it is empty; blocks of 508 KB and more get
 * a VirtualAlloc of their own and go straight back on free; and a large
 * malloc, or calloc, does not touch (fault in) the pages it returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define KB    1024ul
#define MB    (1024ul * KB)
#define BLOCK 1000                      /* 1008 bytes with its tag */

#define TEST_NAME "heap-regions"
#include "check.h"

/* The region p lies in: its reservation's size and the committed bytes at
 * its start (heaps commit from the bottom up). */
struct region {
	char *base;
	SIZE_T reserved, committed;
	DWORD state;
};

static struct region region_of(const void *p)
{
	MEMORY_BASIC_INFORMATION m;
	struct region r = { 0 };

	if (!VirtualQuery(p, &m, sizeof(m)))
		return r;
	r.state = m.State;
	r.base = m.AllocationBase;
	for (char *a = r.base; VirtualQuery(a, &m, sizeof(m)) && m.AllocationBase == r.base;
	     a += m.RegionSize) {
		if (a == r.base && m.State == MEM_COMMIT)
			r.committed = m.RegionSize;
		r.reserved += m.RegionSize;
	}
	return r;
}

static PROCESS_MEMORY_COUNTERS counters(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c;
}

/* One 4 MB reservation, one page committed at first; 64 KB steps as blocks
 * fill it; freed from the end, never 128 KB free and committed at the end. */
static void commit_steps(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	static void *p[400];
	struct region r;

	p[0] = HeapAlloc(h, 0, BLOCK);
	r = region_of(p[0]);
	printf("heap-regions: a new heap: %lu KB reserved, %lu KB committed\n",
	       r.reserved / KB, r.committed / KB);
	CHECK(r.reserved == 4 * MB && r.committed == 4 * KB, "reserved %lu, committed %lu",
	      r.reserved, r.committed);
	for (int i = 1; i < 400; i++) {
		SIZE_T used = (SIZE_T)(i + 1) * 1008;
		p[i] = HeapAlloc(h, 0, BLOCK);
		r = region_of(p[0]);
		CHECK(r.committed == (used <= 4 * KB ? 4 * KB : (used + 64 * KB - 1) & -64 * KB),
		      "%d blocks, %lu committed", i + 1, r.committed);
	}
	printf("heap-regions: 400 blocks of %d bytes: %lu KB committed\n", BLOCK,
	       region_of(p[0]).committed / KB);
	for (int i = 399; i > 0; i--) {
		HeapFree(h, 0, p[i]);
		r = region_of(p[0]);
		CHECK(r.committed % (64 * KB) == 0 && r.committed >= (SIZE_T)i * 1008 &&
		      r.committed < (SIZE_T)i * 1008 + 128 * KB,
		      "%d blocks left, %lu committed", i, r.committed);
	}
	HeapFree(h, 0, p[0]);
	r = region_of(p[0]);
	printf("heap-regions: all freed: %lu KB committed\n", r.committed / KB);
	CHECK(r.committed == 64 * KB, "%lu committed", r.committed);
	HeapDestroy(h);
}

/* Past 4 MB the heap reserves more regions; empty, they are released and
 * only the first stays. */
static void regions_come_and_go(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	static char *p[60];
	char *bases[8];
	int nbases = 0;

	for (int i = 0; i < 60; i++) {
		struct region r;
		p[i] = HeapAlloc(h, 0, 300 * KB);
		r = region_of(p[i]);
		if (!nbases || bases[nbases - 1] != r.base) {
			CHECK(r.reserved == 4 * MB, "region of %lu KB", r.reserved / KB);
			if (nbases < 8)
				bases[nbases++] = r.base;
		}
	}
	printf("heap-regions: 60 blocks of 300 KB: %d regions of 4 MB\n", nbases);
	CHECK(nbases >= 5, "%d regions", nbases);
	for (int i = 0; i < 60; i++)
		HeapFree(h, 0, p[i]);
	CHECK(region_of(bases[0]).state != MEM_FREE, "the first region stays");
	for (int k = 1; k < nbases; k++)
		CHECK(region_of(bases[k]).state == MEM_FREE, "region %d at %p is still there", k,
		      bases[k]);
	HeapDestroy(h);
}

/* 508 KB and up: a reservation of its own, committed to the page, gone on
 * free; below that, from the heap's region. */
static void big_blocks(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	char *small = HeapAlloc(h, 0, 500 * KB), *big = HeapAlloc(h, 0, 600 * KB);
	struct region rs = region_of(small), rb = region_of(big);

	CHECK(rs.reserved == 4 * MB, "500 KB is from a region of %lu KB", rs.reserved / KB);
	CHECK(rb.base != rs.base && rb.base == big - 8 && rb.reserved == 640 * KB &&
	      rb.committed == 604 * KB, "600 KB: base %p, reserved %lu, committed %lu", rb.base,
	      rb.reserved, rb.committed);
	HeapFree(h, 0, big);
	CHECK(region_of(rb.base).state == MEM_FREE, "a big block goes straight back");
	HeapDestroy(h);
}

/* The pages of a large malloc or calloc are not touched until the program
 * touches them: a few faults for the heap's own bookkeeping at most. */
static void untouched_pages(void)
{
	PROCESS_MEMORY_COUNTERS a, b;
	char *p;

	free(malloc(16));                       /* the process heap exists */
	a = counters();
	p = malloc(8 * MB);
	b = counters();
	printf("heap-regions: malloc(8 MB): %lu faults, working set +%ld KB, commit +%lu KB\n",
	       b.PageFaultCount - a.PageFaultCount,
	       (long)(b.WorkingSetSize - a.WorkingSetSize) / 1024,
	       (b.PagefileUsage - a.PagefileUsage) / KB);
	CHECK(p && b.PageFaultCount - a.PageFaultCount <= 3, "%lu faults",
	      b.PageFaultCount - a.PageFaultCount);
	CHECK(b.PagefileUsage - a.PagefileUsage >= 8 * MB, "commit +%lu",
	      b.PagefileUsage - a.PagefileUsage);
	p[8 * MB - 1] = 1;
	CHECK(counters().PageFaultCount - b.PageFaultCount == 1, "touching its end: %lu faults",
	      counters().PageFaultCount - b.PageFaultCount);
	free(p);
	a = counters();
	p = calloc(4, MB);
	b = counters();
	CHECK(p && b.PageFaultCount - a.PageFaultCount <= 3, "calloc(4 MB): %lu faults",
	      b.PageFaultCount - a.PageFaultCount);
	CHECK(p[0] == 0 && p[4 * MB - 1] == 0, "calloc zeroes");
	free(p);
	a = counters();
	p = malloc(400 * KB);                   /* from the heap's region */
	b = counters();
	printf("heap-regions: malloc(400 KB) in a region: %lu faults\n",
	       b.PageFaultCount - a.PageFaultCount);
	CHECK(p && b.PageFaultCount - a.PageFaultCount <= 3, "%lu faults",
	      b.PageFaultCount - a.PageFaultCount);
	free(p);
}

int main(void)
{
	commit_steps();
	regions_come_and_go();
	big_blocks();
	untouched_pages();
	printf("heap-regions: %d failures\n", failures);
	return failures != 0;
}
