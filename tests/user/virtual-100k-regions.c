/* 100 000 regions in one process: a 100 000-page reservation with every
 * other page committed (alternately read-write and read-only) is 100 000
 * regions; a VirtualQuery walk finds each exactly, a walk of the whole user
 * address space stays contiguous through them, committed pages work, filling
 * the gaps of a stretch merges it into one region, and one release frees it
 * all: the commit charge (PagefileUsage and ullAvailPageFile) returns to where
 * it started. Needs 200 MB of commit (boot with mem=512). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define PAGE      4096ul
#define PAGES     100000ul
#define REGIONS   100000ul
#define COMMITTED (PAGES / 2)
#define MERGE_AT  20000ul       /* an even page: the merged stretch starts here */
#define MERGE_LEN 64ul
#define USER_LOW  0x00010000ul
#define USER_END  0x7fff0000ul

static int failures;

#define CHECK(cond, fmt, ...)                                                            \
	do {                                                                             \
		if (!(cond) && ++failures <= 20)                                          \
			printf("virtual-100k-regions: line %d: %s: " fmt "\n", __LINE__,  \
			       #cond, ##__VA_ARGS__);                                    \
	} while (0)

static DWORD base;

/* The address of page i of the reservation. */
static DWORD page_addr(DWORD i)
{
	return base + i * PAGE;
}

/* Even pages are committed: page 2k read-only when k % 4 == 3, else read-write. */
static DWORD protect_of(DWORD i)
{
	if (i % 2)
		return 0;
	return (i / 2) % 4 == 3 ? PAGE_READONLY : PAGE_READWRITE;
}

/* This process's PagefileUsage. */
static SIZE_T pagefile_usage(void)
{
	PROCESS_MEMORY_COUNTERS c;

	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c)), "error %lu",
	      GetLastError());
	return c.PagefileUsage;
}

/* The commit still available system-wide. */
static DWORDLONG avail_commit(void)
{
	MEMORYSTATUSEX m;

	m.dwLength = sizeof(m);
	CHECK(GlobalMemoryStatusEx(&m), "error %lu", GetLastError());
	return m.ullAvailPageFile;
}

/* Commits the even pages one call each, with protect_of's protection. */
static void commit_every_other_page(void)
{
	for (DWORD i = 0; i < PAGES; i += 2) {
		LPVOID r = VirtualAlloc((LPVOID)page_addr(i), PAGE, MEM_COMMIT, protect_of(i));
		CHECK(r == (LPVOID)page_addr(i), "commit of page %lu: %p, error %lu", i, r,
		      GetLastError());
	}
}

/* Walks the reservation region by region; returns the number of regions. */
static DWORD walk_reservation(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD at = base, n = 0;

	while (at < page_addr(PAGES)) {
		DWORD i = (at - base) / PAGE;
		if (VirtualQuery((LPCVOID)at, &m, sizeof(m)) != sizeof(m)) {
			CHECK(0, "VirtualQuery(0x%08lx): error %lu", at, GetLastError());
			return n;
		}
		CHECK((DWORD)m.BaseAddress == at && (DWORD)m.AllocationBase == base &&
		      m.AllocationProtect == PAGE_NOACCESS && m.RegionSize == PAGE &&
		      m.State == (i % 2 ? MEM_RESERVE : MEM_COMMIT) &&
		      m.Protect == protect_of(i) && m.Type == MEM_PRIVATE,
		      "page %lu: base %p alloc %p/0x%lx size 0x%lx state 0x%lx protect 0x%lx",
		      i, m.BaseAddress, m.AllocationBase, m.AllocationProtect, m.RegionSize,
		      m.State, m.Protect);
		at += m.RegionSize ? m.RegionSize : PAGE;
		n++;
	}
	return n;
}

/* Walks all of user space: every region starts where the last ended. */
static DWORD walk_address_space(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD at = USER_LOW, n = 0;

	while (at < USER_END) {
		if (VirtualQuery((LPCVOID)at, &m, sizeof(m)) != sizeof(m)) {
			CHECK(0, "VirtualQuery(0x%08lx): error %lu", at, GetLastError());
			return n;
		}
		CHECK((DWORD)m.BaseAddress == at && m.RegionSize > 0 &&
		      m.RegionSize % PAGE == 0 && at + m.RegionSize <= USER_END,
		      "at 0x%08lx: base %p size 0x%lx", at, m.BaseAddress, m.RegionSize);
		if (m.RegionSize == 0)
			return n;
		at += m.RegionSize;
		n++;
	}
	return n;
}

/* Committed pages read zero and keep what is written; a sample of them. */
static void use_some_pages(void)
{
	for (DWORD i = 0; i < PAGES; i += 2 * 997) {
		volatile DWORD *p = (volatile DWORD *)page_addr(i);
		CHECK(*p == 0, "page %lu reads 0x%lx", i, *p);
		if (protect_of(i) == PAGE_READWRITE) {
			*p = i;
			CHECK(*p == i, "page %lu", i);
		}
	}
}

/* Committing a stretch's gaps read-write merges it into one region (with the
 * next page too when that one is read-write). */
static void filling_gaps_merges(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD end = MERGE_AT + MERGE_LEN;
	DWORD want = (MERGE_LEN + (protect_of(end) == PAGE_READWRITE)) * PAGE;

	CHECK(VirtualAlloc((LPVOID)page_addr(MERGE_AT), MERGE_LEN * PAGE, MEM_COMMIT,
			   PAGE_READWRITE) == (LPVOID)page_addr(MERGE_AT), "error %lu",
	      GetLastError());
	CHECK(VirtualQuery((LPCVOID)page_addr(MERGE_AT), &m, sizeof(m)) == sizeof(m) &&
	      m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE && m.RegionSize == want,
	      "state 0x%lx protect 0x%lx size 0x%lx, want size 0x%lx", m.State, m.Protect,
	      m.RegionSize, want);
	CHECK(VirtualQuery((LPCVOID)page_addr(MERGE_AT - 1), &m, sizeof(m)) == sizeof(m) &&
	      m.State == MEM_RESERVE && m.RegionSize == PAGE, "state 0x%lx size 0x%lx",
	      m.State, m.RegionSize);
}

int main(void)
{
	MEMORY_BASIC_INFORMATION m;
	SIZE_T usage0 = pagefile_usage();
	DWORDLONG avail0 = avail_commit();
	DWORD t0 = GetTickCount();

	base = (DWORD)VirtualAlloc(NULL, PAGES * PAGE, MEM_RESERVE, PAGE_NOACCESS);
	CHECK(base != 0, "reserving %lu pages: error %lu", PAGES, GetLastError());
	if (!base)
		goto out;
	CHECK(pagefile_usage() == usage0, "a reservation is charged");
	commit_every_other_page();
	DWORD t1 = GetTickCount();
	CHECK(pagefile_usage() == usage0 + COMMITTED * PAGE, "PagefileUsage %lu, want %lu",
	      pagefile_usage(), usage0 + COMMITTED * PAGE);
	/* The system's charge also counts page tables, as Windows' does. */
	DWORDLONG charged = avail0 - avail_commit();
	CHECK(charged >= COMMITTED * PAGE && charged <= (COMMITTED + PAGES / 1024 + 2) * PAGE,
	      "ullAvailPageFile fell by %llu for %lu committed", charged, COMMITTED * PAGE);

	DWORD n = walk_reservation();
	CHECK(n == REGIONS, "%lu regions", n);
	DWORD all = walk_address_space();
	CHECK(all > REGIONS, "%lu regions in the address space", all);
	DWORD t2 = GetTickCount();
	printf("virtual-100k-regions: %lu regions in the reservation, %lu in the address space\n",
	       n, all);
	use_some_pages();
	filling_gaps_merges();

	CHECK(VirtualFree((LPVOID)base, 0, MEM_RELEASE), "error %lu", GetLastError());
	CHECK(VirtualQuery((LPCVOID)base, &m, sizeof(m)) == sizeof(m) && m.State == MEM_FREE &&
	      m.RegionSize >= PAGES * PAGE, "after release: state 0x%lx size 0x%lx", m.State,
	      m.RegionSize);
	printf("virtual-100k-regions: %lu commits %lu ms, walks %lu ms, release %lu ms\n",
	       COMMITTED, t1 - t0, t2 - t1, GetTickCount() - t2);
out:
	CHECK(pagefile_usage() == usage0, "PagefileUsage %lu, at the start %lu", pagefile_usage(),
	      usage0);
	CHECK(avail_commit() == avail0, "ullAvailPageFile %llu, at the start %llu",
	      avail_commit(), avail0);
	printf("virtual-100k-regions: %d failures\n", failures);
	return failures != 0;
}
