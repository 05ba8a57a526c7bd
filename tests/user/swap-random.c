/* A random read-modify-write walk over twice the machine's RAM, checked
 * against a shadow: every page's words follow a pattern of the page's
 * version, which only the shadow array (2 bytes a page) remembers. Each step
 * checks a whole page and rewrites it with the next version.
 *   swap-random [STEPS [SEED]] */
#include <stdlib.h>
#include "swap-common.h"

static uint32_t rng;

static uint32_t word(uint32_t page, uint32_t w, uint32_t version)
{
	return swap_word(page * 1024 + w, version * 0x9e3779b9u);
}

int main(int argc, char **argv)
{
	uint32_t steps = argc > 1 ? (uint32_t)atoi(argv[1]) : 20000;
	struct vados_memory_status st = swap_status();
	uint32_t pages = st.phys_pages * 2, bad = 0;
	uint32_t *mem = VirtualAlloc(NULL, pages * 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	uint16_t *version = VirtualAlloc(NULL, pages * 2, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	rng = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 0x2545f491;
	if (!mem || !version) {
		printf("swap-random: cannot commit %u pages: error %lu\n", pages, GetLastError());
		return 1;
	}
	/* Version 0 is all zeroes: untouched committed memory. */
	for (uint32_t s = 0; s < steps; s++) {
		uint32_t p = swap_random(&rng) % pages, *page = mem + p * 1024;
		for (uint32_t w = 0; w < 1024; w++) {
			uint32_t want = version[p] ? word(p, w, version[p]) : 0;
			if (page[w] != want && bad++ < 5)
				printf("swap-random: step %u page %u word %u is 0x%08x, want 0x%08x\n",
				       s, p, w, page[w], want);
		}
		version[p]++;
		for (uint32_t w = 0; w < 1024; w++)
			page[w] = word(p, w, version[p]);
	}
	for (uint32_t p = 0; p < pages; p++)            /* and everything at the end */
		for (uint32_t w = 0; w < 1024; w += 97)
			if (mem[p * 1024 + w] != (version[p] ? word(p, w, version[p]) : 0))
				bad++;
	PROCESS_MEMORY_COUNTERS c = swap_counters();
	printf("swap-random: %u steps over %u pages, %lu faults, %u bad words\n", steps, pages,
	       c.PageFaultCount, bad);
	printf("swap-random: swap traffic %u MB\n", swap_traffic_mb());
	return bad != 0;
}
