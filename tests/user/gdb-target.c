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

#define REGION       0x20000000u
#define PAGE         4096u
#define RESERVED     64u
#define WRITTEN      16u        /* pages 0 .. 15 */
#define GUARD_PAGE   16u
#define UNTOUCHED    17u
#define EMPTY_CALLS  8

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("gdb-target: %s: WRONG (error %lu)\n", what, GetLastError());
		failures++;
	}
}

static uint32_t *page_at(uint32_t n)
{
	return (uint32_t *)(REGION + n * PAGE);
}

/* Reserves the region and commits its pages as the header says. */
static void lay_out(void)
{
	check(VirtualAlloc((void *)REGION, RESERVED * PAGE, MEM_RESERVE, PAGE_READWRITE) ==
	      (void *)REGION, "reserve the region");
	check(VirtualAlloc(page_at(0), WRITTEN * PAGE, MEM_COMMIT, PAGE_READWRITE) != NULL,
	      "commit the written pages");
	check(VirtualAlloc(page_at(GUARD_PAGE), PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD) !=
	      NULL, "commit the guard page");
	check(VirtualAlloc(page_at(UNTOUCHED), PAGE, MEM_COMMIT, PAGE_READWRITE) != NULL,
	      "commit the untouched page");
	for (uint32_t n = 0; n < WRITTEN; n++)
		*page_at(n) = 0x9d000000u + n;
	check(VirtualLock(page_at(0), PAGE), "lock page 0");
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
		check(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1),
		      "empty the working set");
	Sleep(700);                     /* the writer runs at least twice a second */
	check(GlobalMemoryStatusEx(&ms), "memory status");
	pages = (uint32_t)(ms.ullAvailPhys / PAGE) + 256;
	press = VirtualAlloc(NULL, pages * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	if (!press)
		return;                 /* no swap: nothing to push out to */
	for (uint32_t i = 0; i < pages; i++)
		press[i * (PAGE / 4)] = i;
	check(VirtualFree(press, 0, MEM_RELEASE), "release the pressure");
}

int main(void)
{
	MEMORY_BASIC_INFORMATION mbi;
	uint32_t page1;

	lay_out();
	push_out();
	/* gdb: break sys_virtual_query if a[1] == 0x20000000 */
	check(VirtualQuery((void *)REGION, &mbi, sizeof(mbi)) == sizeof(mbi), "query");
	check(mbi.RegionSize == WRITTEN * PAGE && mbi.State == MEM_COMMIT, "the committed run");
	/* gdb: break vm_fault if addr == 0x20001000 && !write */
	page1 = *(volatile uint32_t *)page_at(1);
	check(page1 == 0x9d000001u, "page 1 comes back");
	for (uint32_t n = 0; n < WRITTEN; n++)
		check(*page_at(n) == 0x9d000000u + n, "the written pages come back");
	printf("gdb-target: %d failures\n", failures);
	return failures != 0;
}
