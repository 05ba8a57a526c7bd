/* Working-set limits: SetProcessWorkingSetSize/GetProcessWorkingSetSize
 * round-trip and refuse bad values; the balance set manager trims a process
 * above its maximum back to it; (SIZE_T)-1 twice empties the working set;
 * the trimmed pages come back (soft or hard faults) intact. */
#include "swap-common.h"

#define TEST_NAME "swap-working-set"
#include "check.h"

#define PAGES 2000


static SIZE_T ws_bytes(void)
{
	return swap_counters().WorkingSetSize;
}

int main(void)
{
	SIZE_T min = 0, max = 0;
	uint32_t *p = VirtualAlloc(NULL, PAGES * 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	CHECK(p != NULL, "commit: error %lu", GetLastError());
	CHECK(GetProcessWorkingSetSize(GetCurrentProcess(), &min, &max), "get the defaults: error %lu",
	      GetLastError());
	CHECK(min == 50 * 4096 && max == 345 * 4096, "defaults: %lu and %lu bytes", (DWORD)min,
	      (DWORD)max);
	CHECK(!SetProcessWorkingSetSize(GetCurrentProcess(), 400 * 4096, 100 * 4096) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "min above max: error %lu", GetLastError());
	CHECK(!SetProcessWorkingSetSize((HANDLE)0x1234, 100 * 4096, 200 * 4096) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a bad handle: error %lu", GetLastError());
	CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), 40 * 4096, 120 * 4096),
	      "set 40..120: error %lu", GetLastError());
	CHECK(GetProcessWorkingSetSize(GetCurrentProcess(), &min, &max) && min == 40 * 4096 &&
	      max == 120 * 4096, "get gives them back: error %lu", GetLastError());
	for (uint32_t i = 0; i < PAGES; i++)
		p[i * 1024] = swap_word(i, 3);
	Sleep(300);                     /* the balance set manager runs every 100 ms */
	CHECK(ws_bytes() <= 130 * 4096, "trimmed to about the maximum: %lu bytes", ws_bytes());
	CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1),
	      "empty it: error %lu", GetLastError());
	CHECK(ws_bytes() <= 16 * 4096, "an emptied working set keeps %lu bytes", ws_bytes());
	for (uint32_t i = 0; i < PAGES; i++)
		if (p[i * 1024] != swap_word(i, 3)) {
			CHECK(0, "page %u did not come back intact", i);
			break;
		}
	printf("swap-working-set: working set %lu KB at the end, %d failures\n", ws_bytes() / 1024,
	       failures);
	return failures != 0;
}
