/* Decommitting, releasing and exiting with paged-out memory give its swap
 * slots back at once (a write still in flight gives its slot back when it
 * ends). */
#include <stdlib.h>
#include <string.h>
#include "swap-common.h"

/* Waits up to a second for the slots in use to come back to want. */
/* How many of this process's own pages besides its test memory could be
 * in swap: a generous bound on its stack, image data and environment. */
#define OWN_PAGES 32u

static uint32_t slots_settle(uint32_t want)
{
	struct vados_memory_status st = swap_status();
	uint32_t used = swap_slots_holding(&st);

	for (int i = 0; i < 100 && used != want; i++) {
		Sleep(10);
		st = swap_status();
		used = swap_slots_holding(&st);
	}
	return used;
}

/* Commits twice the RAM and writes it: most of it is paged out. */
static uint32_t *fill(uint32_t bytes)
{
	uint32_t *p = VirtualAlloc(NULL, bytes, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	for (uint32_t i = 0; p && i < bytes / 4; i += 1024)
		p[i] = i | 1;
	return p;
}

int main(int argc, char **argv)
{
	struct vados_memory_status st = swap_status();
	uint32_t bytes = st.phys_pages * 2 * 4096, base = swap_slots_holding(&st), failures = 0, mid, used;
	uint32_t *p;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return fill(bytes) ? 0 : 1;     /* and exit with it all */
	if ((p = fill(bytes)) == NULL)
		return 1;
	st = swap_status();
	mid = swap_slots_holding(&st);
	if (!VirtualFree(p, bytes / 2, MEM_DECOMMIT))
		failures++;
	used = slots_settle(0xffffffff);
	if (used >= mid) {
		printf("swap-release: decommit left %u slots of %u\n", used, mid);
		failures++;
	}
	if (!VirtualFree(p, 0, MEM_RELEASE) || (used = slots_settle(base)) != base) {
		printf("swap-release: release left %u slots (%u before)\n", used, base);
		failures++;
	}
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	char cmd[] = "swap-release child";
	DWORD code = 1;
	if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi) ||
	    WaitForSingleObject(pi.hProcess, INFINITE) != WAIT_OBJECT_0 ||
	    !GetExitCodeProcess(pi.hProcess, &code) || code != 0) {
		printf("swap-release: the child failed (0x%lx)\n", code);
		failures++;
	}
	/* While the child filled twice the RAM, this process's own pages (its
	 * stack, data, the environment) may have gone to swap and stay there
	 * until touched: up to OWN_PAGES slots are ours, not the child's. Slots
	 * leaked by any exit are still caught after the run by swap_check. */
	if ((used = slots_settle(base)) > base + OWN_PAGES) {
		printf("swap-release: the child's exit left %u slots (%u before)\n", used, base);
		failures++;
	}
	printf("swap-release: %u slots at the peak, %u failures\n", mid, failures);
	return failures != 0;
}
