/* Large pages (MEM_LARGE_PAGES): one mode per rule, named by the first
 * argument.
 *   rules    GetLargePageMinimum is 4 MB; the privilege, bad input, the region
 *            as VirtualQuery and QueryWorkingSetEx report it, zeroed contents,
 *            no faults, commit charge, what cannot be done to it, placement
 *            (bottom-up, top-down, at an address), MEM_RELEASE giving back.
 *   none     a CPU without PSE: GetLargePageMinimum 0, MEM_LARGE_PAGES refused.
 *   make     memory fragmented page by page: the run is made by moving pages,
 *            whose contents survive.
 *   swap     8 MB of large pages under paging of twice the RAM: no fault, not
 *            a word changed, still valid large pages.
 *   exhaust  large pages until no run can be made: ERROR_NO_SYSTEM_RESOURCES,
 *            changing nothing.
 *   exit     the process ends holding large pages (the runner's leak check).
 * Prints "large-pages: MODE: N failures". */
#define TEST_NAME "large-pages"
#include "check.h"
#include "swap-common.h"
#include "token-common.h"
#include <string.h>

#define LARGE (4u << 20)
#define WS_EX_LARGE (1u << 23)

/* VirtualAlloc with MEM_LARGE_PAGES; its error in *err (0 on success). */
static void *large_alloc(void *at, SIZE_T size, DWORD type, DWORD protect, DWORD *err)
{
	void *p;

	SetLastError(0);
	p = VirtualAlloc(at, size, type | MEM_LARGE_PAGES, protect);
	*err = p ? 0 : GetLastError();
	return p;
}

static const DWORD RC = MEM_RESERVE | MEM_COMMIT;

/* Available commit in pages (the "page file" of GlobalMemoryStatusEx). */
static DWORD commit_avail(void)
{
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };

	GlobalMemoryStatusEx(&m);
	return (DWORD)(m.ullAvailPageFile / 4096);
}

/* Each refusal of bad input: ERROR_INVALID_PARAMETER, commit unchanged. */
static void bad_input(void)
{
	static const struct { SIZE_T size; DWORD type, protect; UINT_PTR at; } bad[] = {
		{ 0, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, 0 },
		{ LARGE + 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, 0 },
		{ LARGE / 2, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, 0 },
		{ LARGE, MEM_RESERVE, PAGE_READWRITE, 0 },
		{ LARGE, MEM_COMMIT, PAGE_READWRITE, 0 },
		{ LARGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD, 0 },
		{ LARGE, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS, 0 },
		{ LARGE, MEM_RESERVE | MEM_COMMIT, PAGE_WRITECOPY, 0 },
		{ LARGE, MEM_RESERVE | MEM_COMMIT, 0, 0 },
		{ LARGE, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE, 0 },
		{ LARGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, 0x10010000 },
	};
	DWORD before = commit_avail(), err;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		void *p = large_alloc((void *)bad[i].at, bad[i].size, bad[i].type, bad[i].protect,
				      &err);
		CHECK(!p && err == ERROR_INVALID_PARAMETER, "bad input %u: %p, error %lu", i, p, err);
	}
	CHECK(commit_avail() == before, "commit %lu -> %lu", before, commit_avail());
}

/* What VirtualQuery says about p (size bytes, protect) and that every byte
 * reads 0. */
static void check_region(BYTE *p, SIZE_T size, DWORD protect)
{
	MEMORY_BASIC_INFORMATION m;
	PSAPI_WORKING_SET_EX_INFORMATION ex = { .VirtualAddress = p + size - 4096 };
	uint32_t nonzero = 0;

	CHECK(VirtualQuery(p + 4096, &m, sizeof(m)) == sizeof(m), "query");
	CHECK(m.BaseAddress == p + 4096 && m.AllocationBase == p && m.RegionSize == size - 4096 &&
	      m.State == MEM_COMMIT && m.Type == MEM_PRIVATE && m.Protect == protect &&
	      m.AllocationProtect == protect, "base %p alloc %p size 0x%lx state 0x%lx type "
	      "0x%lx protect 0x%lx/0x%lx", m.BaseAddress, m.AllocationBase, m.RegionSize,
	      m.State, m.Type, m.Protect, m.AllocationProtect);
	CHECK(((UINT_PTR)p & (LARGE - 1)) == 0, "%p not 4 MB aligned", p);
	for (SIZE_T i = 0; i < size; i += 4)
		nonzero += *(volatile uint32_t *)(p + i) != 0;
	CHECK(nonzero == 0, "%u words not zero", nonzero);
	CHECK(QueryWorkingSetEx(GetCurrentProcess(), &ex, sizeof(ex)) &&
	      ex.VirtualAttributes.Valid && (ex.VirtualAttributes.Flags & WS_EX_LARGE) &&
	      ex.VirtualAttributes.Win32Protection == protect, "working-set ex 0x%lx",
	      ex.VirtualAttributes.Flags);
}

/* Writing and reading all of an allocation takes no page fault and does not
 * grow the working set: it is in none. */
static void check_no_faults(uint32_t *p, SIZE_T size)
{
	PROCESS_MEMORY_COUNTERS before = swap_counters(), after;

	for (SIZE_T i = 0; i < size / 4; i++)
		p[i] = swap_word(i, 5);
	for (SIZE_T i = 0; i < size / 4; i++)
		CHECK(p[i] == swap_word(i, 5), "word %lu", i);
	after = swap_counters();
	CHECK(after.PageFaultCount == before.PageFaultCount, "%lu faults",
	      after.PageFaultCount - before.PageFaultCount);
	CHECK(after.WorkingSetSize == before.WorkingSetSize, "working set %lu -> %lu",
	      before.WorkingSetSize, after.WorkingSetSize);
}

/* What cannot be done to a large region, and what is harmless. */
static void check_limits(BYTE *p)
{
	DWORD old;

	CHECK(!VirtualFree(p, LARGE, MEM_DECOMMIT) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "decommit part: %lu", GetLastError());
	CHECK(!VirtualFree(p, 0, MEM_DECOMMIT) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "decommit whole: %lu", GetLastError());
	CHECK(!VirtualProtect(p, 4096, PAGE_READONLY, &old) &&
	      GetLastError() == ERROR_INVALID_ADDRESS, "protect: %lu", GetLastError());
	CHECK(!VirtualAlloc(p, 4096, MEM_COMMIT, PAGE_READWRITE) &&
	      GetLastError() == ERROR_INVALID_ADDRESS, "commit into: %lu", GetLastError());
	CHECK(VirtualLock(p, 8192), "lock: %lu", GetLastError());
	CHECK(!VirtualFree(p + 4096, 0, MEM_RELEASE) && GetLastError() == ERROR_INVALID_ADDRESS,
	      "release inside: %lu", GetLastError());
}

static void rules(void)
{
	DWORD err, before;
	BYTE *p, *q, *top;

	CHECK(GetLargePageMinimum() == LARGE, "minimum %lu", GetLargePageMinimum());
	CHECK(tk_own_state(SE_LOCK_MEMORY_NAME) == 0, "SeLockMemoryPrivilege not disabled");
	p = large_alloc(NULL, LARGE, RC, PAGE_READWRITE, &err);
	CHECK(!p && err == ERROR_PRIVILEGE_NOT_HELD, "disabled: %p, error %lu", p, err);
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enable: %lu", GetLastError());
	bad_input();

	before = commit_avail();
	p = large_alloc(NULL, 2 * LARGE, RC, PAGE_READWRITE, &err);
	CHECK(p != NULL, "8 MB: error %lu", err);
	if (!p)
		return;
	CHECK(before - commit_avail() >= 2 * LARGE / 4096, "commit %lu -> %lu", before,
	      commit_avail());
	check_region(p, 2 * LARGE, PAGE_READWRITE);
	check_no_faults((uint32_t *)p, 2 * LARGE);
	check_limits(p);

	q = large_alloc((void *)0x30000000, LARGE, RC, PAGE_EXECUTE_READWRITE, &err);
	CHECK(q == (BYTE *)0x30000000, "at 0x30000000: %p, error %lu", q, err);
	check_region(q, LARGE, PAGE_EXECUTE_READWRITE);
	CHECK(!large_alloc(q, LARGE, RC, PAGE_READWRITE, &err) && err == ERROR_INVALID_ADDRESS,
	      "twice at 0x30000000: error %lu", err);
	top = large_alloc(NULL, LARGE, RC | MEM_TOP_DOWN, PAGE_READONLY, &err);
	CHECK(top && top > q, "top-down: %p, error %lu", top, err);
	if (top)
		check_region(top, LARGE, PAGE_READONLY);

	CHECK(VirtualFree(p, 0, MEM_RELEASE), "release: %lu", GetLastError());
	CHECK(VirtualFree(q, 0, MEM_RELEASE) && (!top || VirtualFree(top, 0, MEM_RELEASE)),
	      "release: %lu", GetLastError());
	MEMORY_BASIC_INFORMATION m;
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.State == MEM_FREE, "after release: 0x%lx",
	      m.State);
	CHECK(commit_avail() == before, "commit %lu, was %lu", commit_avail(), before);
}

static void none(void)
{
	DWORD err;
	void *p;

	CHECK(GetLargePageMinimum() == 0, "minimum %lu", GetLargePageMinimum());
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enable: %lu", GetLastError());
	p = large_alloc(NULL, LARGE, RC, PAGE_READWRITE, &err);
	CHECK(!p && err == ERROR_INVALID_PARAMETER, "%p, error %lu", p, err);
}

/* Two allocations touched page by page in turn share every stretch of
 * physical memory; with one freed, no 4 MB run is free and the large page
 * must be made by moving the other's pages, which keep their contents. */
static void make(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t pages = (st.phys_avail_pages - 768) / 2, bad = 0;
	DWORD err;
	uint32_t *a = VirtualAlloc(NULL, pages * 4096, RC, PAGE_READWRITE);
	uint32_t *b = VirtualAlloc(NULL, pages * 4096, RC, PAGE_READWRITE);
	struct vados_mm_counters c0 = vados_mm_counters(), c1;
	BYTE *p;

	CHECK(a && b && tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "setup: %lu", GetLastError());
	if (!a || !b)
		return;
	/* The page tables first, so that they are not spread over the runs. */
	for (uint32_t i = 0; i < pages; i += 1024)
		a[i * 1024] = b[i * 1024] = 0;
	for (uint32_t i = 0; i < pages; i++) {
		a[i * 1024] = swap_word(i, 9);
		b[i * 1024] = i;
	}
	VirtualFree(b, 0, MEM_RELEASE);
	p = large_alloc(NULL, LARGE, RC, PAGE_READWRITE, &err);
	c1 = vados_mm_counters();
	CHECK(p != NULL, "error %lu", err);
	CHECK(c1.large_pages_made > c0.large_pages_made && c1.large_page_moves > c0.large_page_moves,
	      "made %u -> %u, moved %u -> %u", c0.large_pages_made, c1.large_pages_made,
	      c0.large_page_moves, c1.large_page_moves);
	for (uint32_t i = 0; i < pages; i++)
		bad += a[i * 1024] != swap_word(i, 9);
	CHECK(bad == 0, "%u moved pages lost their contents", bad);
	if (p)
		check_region(p, LARGE, PAGE_READWRITE);
	printf("large-pages: make: %u pages moved for %u runs\n",
	       c1.large_page_moves - c0.large_page_moves, c1.large_pages_made - c0.large_pages_made);
}

static void swap(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t big = st.phys_pages * 2 * 4096, traffic = swap_traffic_mb(), bad = 0;
	DWORD err;
	uint32_t *p, *press = VirtualAlloc(NULL, big, RC, PAGE_READWRITE);

	CHECK(press && tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "setup: %lu", GetLastError());
	p = large_alloc(NULL, 2 * LARGE, RC, PAGE_READWRITE, &err);
	CHECK(p != NULL, "error %lu", err);
	if (!p || !press)
		return;
	for (uint32_t i = 0; i < 2 * LARGE / 4; i++)
		p[i] = swap_word(i, 31);
	for (int round = 0; round < 2; round++)
		for (uint32_t i = 0; i < big / 4; i += 1024)
			press[i] = swap_word(i, round);
	CHECK(swap_traffic_mb() > traffic, "no paging happened");
	DWORD before = swap_counters().PageFaultCount;
	for (uint32_t i = 0; i < 2 * LARGE / 4; i++)
		bad += p[i] != swap_word(i, 31);
	CHECK(swap_counters().PageFaultCount == before, "%lu faults on large pages",
	      swap_counters().PageFaultCount - before);
	CHECK(bad == 0, "%u words changed", bad);
	PSAPI_WORKING_SET_EX_INFORMATION ex = { .VirtualAddress = p };
	CHECK(QueryWorkingSetEx(GetCurrentProcess(), &ex, sizeof(ex)) &&
	      (ex.VirtualAttributes.Flags & WS_EX_LARGE), "not a large page any more");
	for (uint32_t i = 0; i < big / 4; i += 1024)
		bad += press[i] != swap_word(i, 1);
	CHECK(bad == 0, "%u pressure pages changed", bad);
}

static void exhaust(void)
{
	void *got[64];
	unsigned n = 0;
	DWORD err = 0, before;

	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enable: %lu", GetLastError());
	while (n < 64 && (got[n] = large_alloc(NULL, LARGE, RC, PAGE_READWRITE, &err)) != NULL)
		((volatile BYTE *)got[n++])[0] = 1;
	before = commit_avail();
	CHECK(!large_alloc(NULL, LARGE, RC, PAGE_READWRITE, &err) &&
	      err == ERROR_NO_SYSTEM_RESOURCES, "after %u: error %lu", n, err);
	CHECK(commit_avail() == before, "commit %lu -> %lu", before, commit_avail());
	CHECK(n >= 1, "not even one large page");
	printf("large-pages: exhaust: refused after %u large pages\n", n);
	while (n)
		CHECK(VirtualFree(got[--n], 0, MEM_RELEASE), "release %u", n);
}

static void exit_holding(void)
{
	DWORD err;
	uint32_t *p;

	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enable: %lu", GetLastError());
	p = large_alloc(NULL, 2 * LARGE, RC, PAGE_READWRITE, &err);
	CHECK(p != NULL, "error %lu", err);
	if (p)
		p[0] = p[2 * LARGE / 4 - 1] = 1;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; void (*run)(void); } modes[] = {
		{ "rules", rules }, { "none", none }, { "make", make }, { "swap", swap },
		{ "exhaust", exhaust }, { "exit", exit_holding },
	};
	const char *mode = argc > 1 ? argv[1] : "rules";

	for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcmp(mode, modes[i].name) != 0)
			continue;
		modes[i].run();
		printf("large-pages: %s: %d failures\n", mode, failures);
		return failures != 0;
	}
	printf("large-pages: unknown mode %s\n", mode);
	return 2;
}
