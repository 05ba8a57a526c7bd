/* VirtualLock'ed pages never leave the working set: with 32 pages locked,
 * memory pressure from twice the RAM pages everything else out, yet
 * QueryWorkingSetEx finds every locked page valid and locked afterwards,
 * and their data is there. (A count of the process's page faults would
 * also count its own code and stack pages, which may go meanwhile.) */
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
	static PSAPI_WORKING_SET_EX_INFORMATION ws[LOCKED];
	for (uint32_t p = 0; p < LOCKED; p++)
		ws[p].VirtualAddress = (char *)keep + p * 4096;
	if (!QueryWorkingSetEx(GetCurrentProcess(), ws, sizeof(ws))) {
		printf("swap-lock: QueryWorkingSetEx: error %lu\n", GetLastError());
		failures++;
	}
	for (uint32_t p = 0; p < LOCKED; p++)
		if (!ws[p].VirtualAttributes.Valid || !ws[p].VirtualAttributes.Locked) {
			printf("swap-lock: locked page %u left the working set\n", p);
			failures++;
		}
	for (uint32_t i = 0; i < LOCKED * 1024; i++) {
		if (keep[i] != swap_word(i, 77))
			failures++;
		sum += keep[i];
	}
	if (!VirtualUnlock(keep, LOCKED * 4096))
		failures++;
	printf("swap-lock: %d locked pages stayed, %u failures\n", LOCKED, failures);
	return failures != 0;
}
