/* The program tests/gdb/vados-commands.gdb debugs: it lays out a region whose
 * pages are in every state the gdb commands decode, then makes one system
 * call and one page fault for gdb to stop at.
 *
 * At REGION (0x20000000) a 64-page reservation, MEM_PRIVATE read-write:
 *   page 0        committed, written, VirtualLock'ed (present, locked)
 *   pages 1..15   committed, written, then trimmed and pushed out of memory
 *                 by pressure: paged out to swap (needs a swap disk)
 *   page 16       committed PAGE_READWRITE | PAGE_GUARD, never touched
 *   page 17       committed, never touched (demand-zero)
 *   pages 18..63  reserved only
 * Then VirtualQuery(REGION) (gdb breaks in sys_virtual_query) and a read of
 * page 1 (gdb breaks in vm_fault on it). Without swap, pages 1..15 stay
 * resident and the program still ends well. Last line "gdb-target: N
 * failures". */
#include <stdio.h>
#include <windows.h>

#define TEST_NAME "gdb-target"
#include "check.h"

#define REGION       0x20000000u
#define PAGE         4096u
#define RESERVED     64u
#define WRITTEN      16u        /* pages 0 .. 15 */
#define GUARD_PAGE   16u
#define UNTOUCHED    17u
#define EMPTY_CALLS  8


static uint32_t *page_at(uint32_t n)
{
	return (uint32_t *)(REGION + n * PAGE);
}

/* Reserves the region and commits its pages as the header says. */
static void lay_out(void)
{
	CHECK(VirtualAlloc((void *)REGION, RESERVED * PAGE, MEM_RESERVE, PAGE_READWRITE) ==
	      (void *)REGION, "reserve the region: error %lu", GetLastError());
	CHECK(VirtualAlloc(page_at(0), WRITTEN * PAGE, MEM_COMMIT, PAGE_READWRITE) != NULL,
	      "commit the written pages: error %lu", GetLastError());
	CHECK(VirtualAlloc(page_at(GUARD_PAGE), PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD) !=
	      NULL, "commit the guard page: error %lu", GetLastError());
	CHECK(VirtualAlloc(page_at(UNTOUCHED), PAGE, MEM_COMMIT, PAGE_READWRITE) != NULL,
	      "commit the untouched page: error %lu", GetLastError());
	for (uint32_t n = 0; n < WRITTEN; n++)
		*page_at(n) = 0x9d000000u + n;
	CHECK(VirtualLock(page_at(0), PAGE), "lock page 0: error %lu", GetLastError());
}

/* Empties the working set, lets the modified page writer save the pages,
 * then touches more pages than are free so their standby frames are reused:
 * their PTEs end paged out. The pressure region is released afterwards.
 * Emptying is asked for EMPTY_CALLS times: one call sweeps a bounded number
 * of page positions (mm/wset.c's budget), and a page whose accessed bit is
 * set only leaves on the second visit. */
static void push_out(void)
{
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };
	uint32_t pages, *press;

	for (int i = 0; i < EMPTY_CALLS; i++)
		CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1),
		      "empty the working set: error %lu", GetLastError());
	Sleep(700);                     /* the writer runs at least twice a second */
	CHECK(GlobalMemoryStatusEx(&ms), "memory status: error %lu", GetLastError());
	pages = (uint32_t)(ms.ullAvailPhys / PAGE) + 256;
	press = VirtualAlloc(NULL, pages * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	if (!press)
		return;                 /* no swap: nothing to push out to */
	for (uint32_t i = 0; i < pages; i++)
		press[i * (PAGE / 4)] = i;
	CHECK(VirtualFree(press, 0, MEM_RELEASE), "release the pressure: error %lu", GetLastError());
}

int main(void)
{
	MEMORY_BASIC_INFORMATION mbi;
	uint32_t page1;

	lay_out();
	push_out();
	/* gdb: break sys_virtual_query if a[1] == 0x20000000 */
	CHECK(VirtualQuery((void *)REGION, &mbi, sizeof(mbi)) == sizeof(mbi), "query: error %lu",
	      GetLastError());
	CHECK(mbi.RegionSize == WRITTEN * PAGE && mbi.State == MEM_COMMIT, 
	      "the committed run: size 0x%lx state 0x%lx", mbi.RegionSize, mbi.State);
	/* gdb: break vm_fault if addr == 0x20001000 && !write */
	page1 = *(volatile uint32_t *)page_at(1);
	CHECK(page1 == 0x9d000001u, "page 1 came back as 0x%x", page1);
	for (uint32_t n = 0; n < WRITTEN; n++)
		CHECK(*page_at(n) == 0x9d000000u + n, "page %u came back as 0x%x", n, *page_at(n));
	printf("gdb-target: %d failures\n", failures);
	return failures != 0;
}
