/* ProcessMemoryPriority acts on the standby list: pages a process below
 * MEMORY_PRIORITY_NORMAL gives up are repurposed before other pages, even
 * older ones. A and B are written and paged out at normal priority (B the
 * older on the standby list once A is read back); then A is read back and
 * given up again at MEMORY_PRIORITY_LOW, so it goes to the list's head. New
 * memory that takes part of the standby list must then take A's frames and
 * leave B's: reading B back needs no swap read, reading A needs many. At
 * normal priority the list's order alone would have taken B's first. */
#include <stdio.h>
#include <windows.h>

#define TEST_NAME "memory-priority"
#include "check.h"
#include "swap-common.h"

#define PAGE  4096u
#define PAGES 512u              /* of A and of B */
#define TAKE  256u              /* standby frames the new memory takes */

static volatile DWORD sink;

static void set_priority(ULONG priority)
{
	MEMORY_PRIORITY_INFORMATION m = { priority };

	CHECK(SetProcessInformation(GetCurrentProcess(), ProcessMemoryPriority, &m, sizeof(m)),
	      "error %lu", GetLastError());
}

static void read_pages(const char *p)
{
	for (unsigned i = 0; i < PAGES; i++)
		sink += p[i * PAGE];
}

/* Empties the working set and waits (up to 10 s) until the modified page
 * writer has written at least `written` more pages. */
static void page_out(unsigned written)
{
	unsigned before = vados_mm_counters().swap_pages_written;

	EmptyWorkingSet(GetCurrentProcess());
	for (int i = 0; i < 100 && vados_mm_counters().swap_pages_written - before < written; i++)
		Sleep(100);
	Sleep(200);
}

/* Swap pages read while p's pages are read back. */
static unsigned reads_for(const char *p)
{
	unsigned before = vados_mm_counters().swap_pages_read;

	read_pages(p);
	return vados_mm_counters().swap_pages_read - before;
}

int main(void)
{
	char *a = VirtualAlloc(NULL, PAGES * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *b = VirtualAlloc(NULL, PAGES * PAGE, MEM_COMMIT, PAGE_READWRITE);
	struct vados_memory_status s;
	unsigned free_pages, a_reads, b_reads;
	char *c;

	for (unsigned i = 0; i < PAGES * PAGE; i += PAGE)
		a[i] = b[i] = 1;
	page_out(2 * PAGES);
	/* A back (clean, its swap copy kept), then out again at low priority:
	 * to the head of the standby list with no write. */
	read_pages(a);
	set_priority(MEMORY_PRIORITY_LOW);
	EmptyWorkingSet(GetCurrentProcess());
	set_priority(MEMORY_PRIORITY_NORMAL);
	s = swap_status();
	free_pages = s.phys_avail_pages - s.cache_pages;
	c = VirtualAlloc(NULL, (free_pages + TAKE) * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(c != NULL, "error %lu", GetLastError());
	for (unsigned i = 0; c && i < (free_pages + TAKE) * PAGE; i += PAGE)
		c[i] = 1;
	b_reads = reads_for(b);
	a_reads = reads_for(a);
	printf("memory-priority: %u free pages, then swap reads: %u for B (normal), %u for A (low)\n",
	       free_pages, b_reads, a_reads);
	CHECK(b_reads < TAKE / 8, "B lost %u pages", b_reads);
	CHECK(a_reads >= TAKE / 2, "A lost only %u pages", a_reads);
	printf("memory-priority: %d failures\n", failures);
	return failures != 0;
}
