/* Working-set limits: SetProcessWorkingSetSize/GetProcessWorkingSetSize
 * round-trip and refuse bad values; the balance set manager trims a process
 * above its maximum back to it; (SIZE_T)-1 twice empties the working set;
 * the trimmed pages come back (soft or hard faults) intact. */
#include "swap-common.h"

#define PAGES 2000

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("swap-working-set: %s: WRONG (error %lu)\n", what, GetLastError());
		failures++;
	}
}

static SIZE_T ws_bytes(void)
{
	return swap_counters().WorkingSetSize;
}

int main(void)
{
	SIZE_T min = 0, max = 0;
	uint32_t *p = VirtualAlloc(NULL, PAGES * 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	check(p != NULL, "commit");
	check(GetProcessWorkingSetSize(GetCurrentProcess(), &min, &max), "get the defaults");
	check(min == 50 * 4096 && max == 345 * 4096, "defaults are 200 KB and 1380 KB");
	check(!SetProcessWorkingSetSize(GetCurrentProcess(), 400 * 4096, 100 * 4096) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "min above max is refused");
	check(!SetProcessWorkingSetSize((HANDLE)0x1234, 100 * 4096, 200 * 4096) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a bad handle is refused");
	check(SetProcessWorkingSetSize(GetCurrentProcess(), 40 * 4096, 120 * 4096), "set 40..120");
	check(GetProcessWorkingSetSize(GetCurrentProcess(), &min, &max) && min == 40 * 4096 &&
	      max == 120 * 4096, "get gives them back");
	for (uint32_t i = 0; i < PAGES; i++)
		p[i * 1024] = swap_word(i, 3);
	Sleep(300);                     /* the balance set manager runs every 100 ms */
	check(ws_bytes() <= 130 * 4096, "trimmed to about the maximum");
	check(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1), "empty it");
	check(ws_bytes() <= 16 * 4096, "an emptied working set keeps only what must stay");
	for (uint32_t i = 0; i < PAGES; i++)
		if (p[i * 1024] != swap_word(i, 3)) {
			check(0, "the pages come back intact");
			break;
		}
	printf("swap-working-set: working set %lu KB at the end, %d failures\n", ws_bytes() / 1024,
	       failures);
	return failures != 0;
}
