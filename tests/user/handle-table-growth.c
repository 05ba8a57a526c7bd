/* The handle table grows on demand: 100 000 handles (duplicates of one
 * process handle), all distinct multiples of 4 and all usable; the table's
 * memory, charged to the process as paged-pool quota (GetProcessMemoryInfo's
 * QuotaPagedPoolUsage), grows by at least their 8-byte entries; closed, they
 * are gone, and 100 000 new ones take the freed values again without the
 * table growing. (Like NT's, the table keeps its memory until the process
 * ends: the quota after closing is printed, not required to drop.) A child that opens 100 000 and exits without closing them
 * leaves nothing behind (the run: line).
 * Last line: "handle-table-growth: N handles, ... M failures"; exit status M. */
#define TEST_NAME "handle-table-growth"
#include "check.h"
#include "ob-common.h"
#include <psapi.h>

#define N     100000u
#define SELF  GetCurrentProcess()

static HANDLE *handles;
static DWORD *seen;                     /* bitmap over handle value / 4 */
static DWORD seen_max;                  /* values the bitmap covers, / 4 */

static PROCESS_MEMORY_COUNTERS counters(void)
{
	PROCESS_MEMORY_COUNTERS c = { 0 };

	CHECK(GetProcessMemoryInfo(SELF, &c, sizeof(c)), "GetProcessMemoryInfo: error %lu",
	      GetLastError());
	return c;
}

/* Opens N duplicates of h; how many it could. */
static DWORD open_all(HANDLE h)
{
	for (DWORD i = 0; i < N; i++)
		if (!DuplicateHandle(SELF, h, SELF, &handles[i], 0, FALSE, DUPLICATE_SAME_ACCESS)) {
			CHECK(0, "handle %lu of %u: error %lu", i, N, GetLastError());
			return i;
		}
	return N;
}

/* Every value distinct, a multiple of 4, not 0; with reuse, each one among
 * those the first round marked. The highest value. */
static DWORD check_values(DWORD n, BOOL reuse)
{
	DWORD max = 0, bad = 0, dup = 0, fresh = 0;
	static DWORD round[(N * 2) / 32 + 1];

	memset(round, 0, sizeof(round));
	for (DWORD i = 0; i < n; i++) {
		DWORD v = (DWORD)handles[i], k = v / 4;
		if (v == 0 || (v & 3) || k >= seen_max) {
			bad++;
			continue;
		}
		if (round[k / 32] & (1u << (k % 32)))
			dup++;
		round[k / 32] |= 1u << (k % 32);
		if (reuse && !(seen[k / 32] & (1u << (k % 32))))
			fresh++;
		seen[k / 32] |= 1u << (k % 32);
		if (v > max)
			max = v;
	}
	CHECK(bad == 0, "%lu values zero, not multiples of 4 or beyond 0x%lx", bad, seen_max * 4);
	CHECK(dup == 0, "%lu values handed out twice", dup);
	CHECK(fresh == 0, "%lu values never used before, though %u had been freed", fresh, N);
	return max;
}

/* Each handle works: it names this process, which runs. */
static void check_usable(DWORD n)
{
	DWORD bad = 0, code;

	for (DWORD i = 0; i < n; i++)
		if (!GetExitCodeProcess(handles[i], &code) || code != STILL_ACTIVE)
			bad++;
	CHECK(bad == 0, "%lu handles did not work", bad);
	for (DWORD i = 0; i < n; i += 997)
		CHECK(WaitForSingleObject(handles[i], 0) == WAIT_TIMEOUT, "wait on handle %p: %lu",
		      handles[i], GetLastError());
}

/* Closes them, every other one first, then the rest. */
static void close_all(DWORD n)
{
	DWORD bad = 0, flags;

	for (DWORD i = 0; i < n; i += 2)
		bad += !CloseHandle(handles[i]);
	for (DWORD i = 1; i < n; i += 2)
		bad += !CloseHandle(handles[i]);
	CHECK(bad == 0, "%lu handles did not close", bad);
	for (DWORD i = 0; i < n; i += 1009)
		CHECK(!GetHandleInformation(handles[i], &flags) &&
		      GetLastError() == ERROR_INVALID_HANDLE, "closed %p is still there", handles[i]);
}

int main(int argc, char **argv)
{
	DWORD me = GetCurrentProcessId(), count0, n, max1, max2, code;
	PROCESS_MEMORY_COUNTERS c0, c1, c2, c3;
	PROCESS_INFORMATION pi;
	HANDLE h0;

	ob_started();
	handles = VirtualAlloc(NULL, N * sizeof(HANDLE), MEM_COMMIT, PAGE_READWRITE);
	h0 = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, me);
	if (!handles || !h0)
		return 1;
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return open_all(h0) == N ? 0 : 1;       /* and ends with them open */
	seen_max = N * 2;
	seen = VirtualAlloc(NULL, seen_max / 8 + 4, MEM_COMMIT, PAGE_READWRITE);

	count0 = ob_handle_count(me);
	c0 = counters();
	n = open_all(h0);
	c1 = counters();
	CHECK(ob_handle_count(me) == count0 + n, "%lu handles held, want %lu",
	      ob_handle_count(me), count0 + n);
	max1 = check_values(n, FALSE);
	check_usable(n);
	/* 8 bytes an entry, less the page of them a table starts with. */
	CHECK(c1.QuotaPagedPoolUsage >= c0.QuotaPagedPoolUsage + N * 8 - PAGE,
	      "the table's quota went from %lu to %lu bytes for %u handles",
	      c0.QuotaPagedPoolUsage, c1.QuotaPagedPoolUsage, N);
	CHECK(c1.QuotaPeakPagedPoolUsage >= c1.QuotaPagedPoolUsage, "peak %lu below usage %lu",
	      c1.QuotaPeakPagedPoolUsage, c1.QuotaPagedPoolUsage);

	close_all(n);
	c2 = counters();
	CHECK(ob_handle_count(me) == count0, "%lu handles held after closing, want %lu",
	      ob_handle_count(me), count0);
	CHECK(c2.QuotaPagedPoolUsage <= c1.QuotaPagedPoolUsage, "closing grew the table");

	/* The freed values come back; the table does not grow again. */
	n = open_all(h0);
	c3 = counters();
	max2 = check_values(n, TRUE);
	CHECK(max2 <= max1, "the highest value went from 0x%lx to 0x%lx", max1, max2);
	CHECK(c3.QuotaPagedPoolUsage == c1.QuotaPagedPoolUsage,
	      "reopening moved the quota from %lu to %lu bytes", c1.QuotaPagedPoolUsage,
	      c3.QuotaPagedPoolUsage);
	check_usable(n);
	close_all(n);
	CloseHandle(h0);

	/* A process that ends holding 100 000 handles. */
	if (ob_start(argv[0], "child", FALSE, &pi)) {
		code = ob_reap(pi.hProcess, FALSE);
		CHECK(code == 0, "the child could not open its handles: status %lu", code);
	}
	printf("handle-table-growth: %u handles, highest 0x%lx; paged-pool quota %lu KB before, "
	       "%lu KB with them, %lu KB after closing, peak %lu KB; %d failures\n", N, max1,
	       c0.QuotaPagedPoolUsage / 1024, c1.QuotaPagedPoolUsage / 1024,
	       c2.QuotaPagedPoolUsage / 1024, c3.QuotaPeakPagedPoolUsage / 1024, failures);
	return failures;
}
