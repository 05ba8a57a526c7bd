/* NT's zero-page thread: while the machine idles, the idle thread zeroes
 * free frames, so demand-zero faults afterwards find zeroed frames and
 * rarely zero on the fault path. */
#include <stdio.h>
#include <windows.h>
#include "vados/calls.h"

#define PAGES 256

#define TEST_NAME "zero-page-thread"
#include "check.h"

int main(void)
{
	struct vados_mm_counters before, after;
	volatile char *p = VirtualAlloc(NULL, PAGES * 4096, MEM_COMMIT | MEM_RESERVE,
					PAGE_READWRITE);

	CHECK(p != NULL, "commit: error %lu", GetLastError());
	Sleep(300);                     /* idle: the idle thread zeroes free frames */
	before = vados_mm_counters();
	for (int i = 0; p && i < PAGES; i++)
		p[i * 4096] = 1;
	after = vados_mm_counters();
	CHECK(before.zeroed_by_idle > 0, "the idle thread zeroed nothing");
	CHECK(after.demand_zero_faults - before.demand_zero_faults >= PAGES, "%u faults",
	      after.demand_zero_faults - before.demand_zero_faults);
	CHECK(after.zeroed_on_fault_path - before.zeroed_on_fault_path < PAGES / 16,
	      "%u of %u faults zeroed on the fault path",
	      after.zeroed_on_fault_path - before.zeroed_on_fault_path, PAGES);
	printf("zero-page-thread: %u frames zeroed at idle, %u on the fault path for %d faults, "
	       "%d failures\n", before.zeroed_by_idle,
	       after.zeroed_on_fault_path - before.zeroed_on_fault_path, PAGES, failures);
	return failures != 0;
}
