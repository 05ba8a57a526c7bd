/* VirtualLock'ed pages never leave the working set: with 32 pages locked,
 * memory pressure from twice the RAM pages everything else out, yet touching
 * the locked pages afterwards takes no page fault and finds their data. */
#include "swap-common.h"

#define LOCKED 32

int main(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t big = st.phys_pages * 2 * 4096, failures = 0;
	uint32_t *keep = VirtualAlloc(NULL, LOCKED * 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	uint32_t *press = VirtualAlloc(NULL, big, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	volatile uint32_t sum = 0;

	if (!keep || !press || !VirtualLock(keep, LOCKED * 4096)) {
		printf("swap-lock: setup failed: error %lu\n", GetLastError());
		return 1;
	}
	for (uint32_t i = 0; i < LOCKED * 1024; i++)
		keep[i] = swap_word(i, 77);
	for (int round = 0; round < 2; round++)
		for (uint32_t i = 0; i < big / 4; i += 1024)
			press[i] = i;
	DWORD before = swap_counters().PageFaultCount;
	for (uint32_t i = 0; i < LOCKED * 1024; i++) {
		if (keep[i] != swap_word(i, 77))
			failures++;
		sum += keep[i];
	}
	DWORD faults = swap_counters().PageFaultCount - before;
	if (faults) {
		printf("swap-lock: touching the locked pages took %lu faults\n", faults);
		failures++;
	}
	if (!VirtualUnlock(keep, LOCKED * 4096))
		failures++;
	printf("swap-lock: %d locked pages stayed, %u failures\n", LOCKED, failures);
	return failures != 0;
}
