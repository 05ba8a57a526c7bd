/* Committed memory larger than RAM works without losing a byte: commits
 * MULTIPLE times the machine's RAM (default 4), writes every word with a
 * position-dependent pattern, reads every word back, and checks the page
 * faults, the commit figures and that release gives every swap slot back
 * (the machine-wide figures only when not "shared" with other processes).
 *   swap-pattern [MULTIPLE [SEED [shared]]] */
#include <stdlib.h>
#include <string.h>
#include "swap-common.h"

int main(int argc, char **argv)
{
	uint32_t multiple = argc > 1 ? (uint32_t)atoi(argv[1]) : 4;
	uint32_t seed = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 1;
	struct vados_memory_status before = swap_status();
	uint32_t bytes = before.phys_pages * 4096u * multiple, words = bytes / 4, bad = 0;
	PROCESS_MEMORY_COUNTERS c0 = swap_counters(), c1;
	uint32_t *buf = VirtualAlloc(NULL, bytes, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	int failures = 0;

	if (!buf) {
		printf("swap-pattern: cannot commit %u MB: error %lu\n", bytes >> 20, GetLastError());
		return 1;
	}
	for (uint32_t i = 0; i < words; i++)
		buf[i] = swap_word(i, seed);
	for (uint32_t i = 0; i < words; i++)
		if (buf[i] != swap_word(i, seed) && bad++ < 5)
			printf("swap-pattern: word %u at %p is 0x%08x, want 0x%08x\n", i,
			       (void *)&buf[i], buf[i], swap_word(i, seed));
	c1 = swap_counters();
	if (c1.PageFaultCount - c0.PageFaultCount < bytes / 4096) {
		printf("swap-pattern: only %lu page faults for %u pages\n",
		       c1.PageFaultCount - c0.PageFaultCount, bytes / 4096);
		failures++;
	}
	if (c1.PagefileUsage - c0.PagefileUsage != bytes) {
		printf("swap-pattern: PagefileUsage grew by %lu, not %u\n",
		       c1.PagefileUsage - c0.PagefileUsage, bytes);
		failures++;
	}
	struct vados_memory_status during = swap_status();
	if (!VirtualFree(buf, 0, MEM_RELEASE))
		failures++;
	/* A write in flight frees its slot when it ends. */
	struct vados_memory_status after = swap_status();
	for (int i = 0; i < 100 && swap_slots_holding(&after) > swap_slots_holding(&before); i++) {
		Sleep(10);
		after = swap_status();
	}
	int shared = argc > 3 && strcmp(argv[3], "shared") == 0;
	if (!shared && (swap_slots_holding(&after) != swap_slots_holding(&before) ||
			after.commit_charge_pages != before.commit_charge_pages)) {
		printf("swap-pattern: slots %u -> %u, charge %u -> %u after release\n",
		       swap_slots_holding(&before), swap_slots_holding(&after), before.commit_charge_pages,
		       after.commit_charge_pages);
		failures++;
	}
	printf("swap-pattern: %u MB (%ux RAM), %u bad words, %u slots used at the peak, "
	       "%lu faults, %d failures\n", bytes >> 20, multiple, bad, during.swap_slots_used,
	       c1.PageFaultCount - c0.PageFaultCount, failures + (bad != 0));
	printf("swap-pattern: swap traffic so far %u MB\n", swap_traffic_mb());
	return failures || bad;
}
