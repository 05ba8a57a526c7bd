/* CreateMemoryResourceNotification's events follow the available memory,
 * the memory manager signalling and resetting them (mm/memnotify.c): at
 * rest memory is high (not low); the handles only wait and query (SetEvent:
 * ERROR_ACCESS_DENIED, as Windows grants SYNCHRONIZE | EVENT_QUERY_STATE);
 * touching private pages until the available memory is between the low
 * mark (a 32nd of memory) and the high one (three 32nds) resets the high
 * event, the low one staying reset; freeing them signals the high event
 * again, which a wait sees. Last line "memory-notifications: N failures". */
#define TEST_NAME "memory-notifications"
#include "check.h"
#include "win32-conformance.h"

static DWORDLONG available(void)
{
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };

	GlobalMemoryStatusEx(&m);
	return m.ullAvailPhys;
}

/* Polls the event's state for up to 3 s until it is want. */
static BOOL becomes(HANDLE h, BOOL want)
{
	BOOL state = !want;

	for (int i = 0; i < 60 && QueryMemoryResourceNotification(h, &state) && state != want; i++)
		Sleep(50);
	return state == want;
}

int main(void)
{
	HANDLE high = CreateMemoryResourceNotification(HighMemoryResourceNotification);
	HANDLE low = CreateMemoryResourceNotification(LowMemoryResourceNotification);
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };
	DWORDLONG mark, size;
	char *p;

	GlobalMemoryStatusEx(&m);
	mark = m.ullTotalPhys / 32 > 64 * 4096 ? m.ullTotalPhys / 32 : 64 * 4096;
	CHECK(high && low, "create: %lu", GetLastError());
	CHECK(becomes(high, TRUE) && becomes(low, FALSE), "at rest: %llu of %llu available",
	      available(), m.ullTotalPhys);
	CHECK_FAIL(SetEvent(high), FALSE, ERROR_ACCESS_DENIED);
	CHECK_FAIL(ResetEvent(low), FALSE, ERROR_ACCESS_DENIED);
	/* Down to about twice the low mark: neither condition holds. */
	size = available() - 2 * mark;
	p = VirtualAlloc(NULL, (SIZE_T)size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	CHECK(p != NULL, "commit %llu: %lu", size, GetLastError());
	for (DWORDLONG i = 0; p && i < size && available() > 2 * mark; i += 64 * 4096)
		for (DWORDLONG j = i; j < i + 64 * 4096 && j < size; j += 4096)
			p[j] = 1;
	CHECK(becomes(high, FALSE) && becomes(low, FALSE), "%llu available, mark %llu",
	      available(), mark);
	VirtualFree(p, 0, MEM_RELEASE);
	CHECK(WaitForSingleObject(high, 3000) == WAIT_OBJECT_0, "high again: %llu available",
	      available());
	CHECK(becomes(low, FALSE), "low after the free");
	CloseHandle(high);
	CloseHandle(low);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
