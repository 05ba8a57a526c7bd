/* The memory calls against Microsoft's pages, rule by rule, for what
 * virtual-conformance.c, section-api.c and write-watch.c do not cover:
 *   - MEM_RESET's valid-protection rule and its refusal of file views,
 *     MEM_RESET_UNDO (intact when it succeeds, zeros somewhere when not);
 *   - PAGE_WRITECOMBINE and how the modifiers combine;
 *   - SetProcessWorkingSetSize(Ex)'s 20-page minimum and flags, and the
 *     VirtualLock limit following the minimum working set;
 *   - VirtualLock's errors;
 *   - the NUMA forms (one node), Offer/Reclaim/DiscardVirtualMemory,
 *     PrefetchVirtualMemory, GetSystemFileCacheSize;
 *   - the AWE calls' answers (vados has no AWE).
 * Every part gives back what it took (the runner checks frames, commit and
 * objects after the program). Run with a FAT volume (for the file view).
 * Last line: "virtual-docs: N failures"; the exit status is N. */
#define TEST_NAME "virtual-docs"
#include "check.h"
#include "win32-conformance.h"
#include "token-common.h"
#include <psapi.h>
#include <string.h>

#define PAGE 4096u

static char *alloc_rw(SIZE_T pages)
{
	char *p = VirtualAlloc(NULL, pages * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);

	CHECK(p != NULL, "VirtualAlloc: %lu", GetLastError());
	return p;
}

static void release(void *p)
{
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "VirtualFree: %lu", GetLastError());
}

static void fill(char *p, SIZE_T n, BYTE seed)
{
	for (SIZE_T i = 0; i < n; i++)
		p[i] = (char)(seed + i * 7);
}

static BOOL filled(const char *p, SIZE_T n, BYTE seed)
{
	for (SIZE_T i = 0; i < n; i++)
		if (p[i] != (char)(seed + i * 7))
			return FALSE;
	return TRUE;
}

/* Whether some page of [p, p + pages) reads all zero. */
static BOOL some_page_zero(const char *p, SIZE_T pages)
{
	for (SIZE_T i = 0; i < pages; i++) {
		SIZE_T j = 0;
		while (j < PAGE && p[i * PAGE + j] == 0)
			j++;
		if (j == PAGE)
			return TRUE;
	}
	return FALSE;
}

static MEMORY_BASIC_INFORMATION query(const void *p)
{
	MEMORY_BASIC_INFORMATION m = { 0 };

	CHECK(VirtualQuery(p, &m, sizeof(m)) == sizeof(m), "VirtualQuery: %lu", GetLastError());
	return m;
}

/* MEM_RESET_UNDO of [at, at + size) (pages from base, filled with seed):
 * "If the function succeeds, that means all data in the specified address
 * range is intact. If the function fails, at least some of the data in the
 * address range has been replaced with zeroes." Returns whether it did. */
static BOOL check_undo(char *at, SIZE_T size, char *base, SIZE_T pages, BYTE seed)
{
	SetLastError(DIRTY);
	char *undo = VirtualAlloc(at, size, MEM_RESET_UNDO, PAGE_NOACCESS);

	if (undo) {
		CHECK(undo == base, "MEM_RESET_UNDO returned %p, want %p", undo, base);
		CHECK(filled(base, pages * PAGE, seed), "MEM_RESET_UNDO succeeded, contents changed");
	} else {
		CHECK(GetLastError() != DIRTY, "MEM_RESET_UNDO failed without an error");
		CHECK(some_page_zero(base, pages), "MEM_RESET_UNDO failed, yet no page reads zero");
	}
	return undo != NULL;
}

/* VirtualAlloc: MEM_RESET "cannot be used with any other value", ignores
 * flProtect "however, you must still set flProtect to a valid protection
 * value"; MEM_RESET_UNDO likewise, and "if the function succeeds, all data
 * in the range is intact; if it fails, at least some of the data has been
 * replaced with zeroes". */
static void reset_and_undo(void)
{
	char *p = alloc_rw(4);
	MEMORY_BASIC_INFORMATION m;

	fill(p, 4 * PAGE, 3);
	CHECK_FAIL(VirtualAlloc(p, PAGE, MEM_RESET, 0), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc(p, PAGE, MEM_RESET, PAGE_READWRITE | PAGE_NOACCESS), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc(p, PAGE, MEM_RESET_UNDO, 0), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc(p, PAGE, MEM_RESET_UNDO | MEM_COMMIT, PAGE_READWRITE), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc(p, PAGE, MEM_RESET | MEM_RESET_UNDO, PAGE_READWRITE), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK(filled(p, 4 * PAGE, 3), "a refused MEM_RESET changed the contents");

	CHECK(VirtualAlloc(p + 10, 2 * PAGE, MEM_RESET, PAGE_NOACCESS) == p,
	      "MEM_RESET: %lu", GetLastError());
	CHECK(check_undo(p + 10, 2 * PAGE, p, 3, 3), "MEM_RESET_UNDO with nothing taken failed");
	/* Nothing took the pages meanwhile: the undo finds them all (as
	 * Windows does when memory is not short). */
	CHECK(filled(p, 3 * PAGE, 3), "MEM_RESET lost contents nothing needed");
	m = query(p);
	CHECK(m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE && m.RegionSize == 4 * PAGE,
	      "after reset and undo: state 0x%lx protect 0x%lx size 0x%lx", m.State, m.Protect,
	      m.RegionSize);
	CHECK(filled(p + 3 * PAGE, PAGE, (BYTE)(3 + 3 * PAGE * 7)), "a page outside the reset changed");

	/* A locked page keeps its contents through MEM_RESET: the undo of it
	 * alone succeeds with the data intact. */
	fill(p, PAGE, 9);
	CHECK(VirtualLock(p, PAGE), "VirtualLock: %lu", GetLastError());
	CHECK(VirtualAlloc(p, PAGE, MEM_RESET, PAGE_READWRITE) == p, "MEM_RESET: %lu",
	      GetLastError());
	CHECK(VirtualAlloc(p, PAGE, MEM_RESET_UNDO, PAGE_READWRITE) == p,
	      "MEM_RESET_UNDO of a locked page: %lu", GetLastError());
	CHECK(filled(p, PAGE, 9), "a locked page lost its contents to MEM_RESET");
	CHECK(VirtualUnlock(p, PAGE), "VirtualUnlock: %lu", GetLastError());
	release(p);

	/* Reset pages the trimmer takes are dropped, not saved ("The pages
	 * should not be read from or written to the paging file"): emptied
	 * from the working set (no swap here), the page written since the
	 * reset stays, the other goes; an undo over it fails, of the written
	 * page alone succeeds. */
	p = alloc_rw(2);
	fill(p, 2 * PAGE, 5);
	CHECK(VirtualAlloc(p, 2 * PAGE, MEM_RESET, PAGE_READWRITE) == p, "MEM_RESET: %lu",
	      GetLastError());
	fill(p, PAGE, 5);
	CHECK(EmptyWorkingSet(SELF), "EmptyWorkingSet: %lu", GetLastError());
	CHECK(!check_undo(p, 2 * PAGE, p, 2, 5), "the undo found a dropped page intact");
	CHECK(filled(p, PAGE, 5), "the page written since the reset lost its contents");
	CHECK(check_undo(p, PAGE, p, 1, 5), "the undo of the written page failed");
	m = query(p);
	CHECK(m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE && m.RegionSize == 2 * PAGE,
	      "after a failed undo: state 0x%lx protect 0x%lx", m.State, m.Protect);
	release(p);
}

/* "VirtualAlloc returns an error if you use MEM_RESET and the range of
 * memory is mapped to a file. A shared view is only acceptable if it is
 * mapped to a paging file." */
static void reset_refuses_file_views(void)
{
	HANDLE f = CreateFileA("C:\\VDOCS.BIN", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, 0, NULL);
	HANDLE s, ps;
	char *v, *pv;
	DWORD done;
	static char page[PAGE];

	CHECK(f != INVALID_HANDLE_VALUE, "CreateFileA: %lu", GetLastError());
	if (f == INVALID_HANDLE_VALUE)
		return;
	fill(page, PAGE, 5);
	CHECK(WriteFile(f, page, PAGE, &done, NULL) && done == PAGE, "WriteFile: %lu",
	      GetLastError());
	s = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	v = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	CHECK(v != NULL, "mapping the file: %lu", GetLastError());
	if (v) {
		CHECK(filled(v, PAGE, 5), "the view does not show the file");
		CHECK_FAIL(VirtualAlloc(v, PAGE, MEM_RESET, PAGE_READWRITE), NULL,
			   ERROR_USER_MAPPED_FILE);
		CHECK(filled(v, PAGE, 5), "a refused MEM_RESET changed a file's page");
		CHECK(UnmapViewOfFile(v), "UnmapViewOfFile: %lu", GetLastError());
	}
	ps = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGE, NULL);
	pv = ps ? MapViewOfFile(ps, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	CHECK(pv != NULL, "a pagefile view: %lu", GetLastError());
	if (pv) {
		CHECK(VirtualAlloc(pv, PAGE, MEM_RESET, PAGE_READWRITE) == pv,
		      "MEM_RESET on a pagefile view: %lu", GetLastError());
		CHECK(UnmapViewOfFile(pv), "UnmapViewOfFile: %lu", GetLastError());
	}
	CHECK(!s || CloseHandle(s), "CloseHandle: %lu", GetLastError());
	CHECK(!ps || CloseHandle(ps), "CloseHandle: %lu", GetLastError());
	CHECK(CloseHandle(f), "CloseHandle: %lu", GetLastError());
	CHECK(DeleteFileA("C:\\VDOCS.BIN"), "DeleteFileA: %lu", GetLastError());
}

/* Memory Protection Constants: "The PAGE_WRITECOMBINE flag cannot be
 * specified with the PAGE_NOACCESS, PAGE_GUARD, and PAGE_NOCACHE flags"; it
 * is for private memory (VirtualAlloc); CreateFileMapping takes none of the
 * modifiers. */
static void writecombine_combines_as_documented(void)
{
	static const DWORD bad[] = {
		PAGE_READWRITE | PAGE_WRITECOMBINE | PAGE_NOCACHE,
		PAGE_READWRITE | PAGE_WRITECOMBINE | PAGE_GUARD,
		PAGE_NOACCESS | PAGE_WRITECOMBINE, PAGE_WRITECOMBINE,
		PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE, PAGE_NOACCESS | PAGE_NOCACHE,
		PAGE_NOACCESS | PAGE_GUARD, PAGE_READWRITE | 0x800,
	};
	char *p = VirtualAlloc(NULL, 2 * PAGE, MEM_RESERVE | MEM_COMMIT,
			       PAGE_READWRITE | PAGE_WRITECOMBINE);
	MEMORY_BASIC_INFORMATION m;
	DWORD old = 0;

	CHECK(p != NULL, "VirtualAlloc(PAGE_READWRITE | PAGE_WRITECOMBINE): %lu", GetLastError());
	if (!p)
		return;
	m = query(p);
	CHECK(m.Protect == (PAGE_READWRITE | PAGE_WRITECOMBINE) &&
	      m.AllocationProtect == (PAGE_READWRITE | PAGE_WRITECOMBINE) &&
	      m.RegionSize == 2 * PAGE, "protect 0x%lx allocation protect 0x%lx size 0x%lx",
	      m.Protect, m.AllocationProtect, m.RegionSize);
	fill(p, 2 * PAGE, 1);
	CHECK(filled(p, 2 * PAGE, 1), "write-combined memory does not keep what was written");
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_FAIL(VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, bad[i]), NULL,
			   ERROR_INVALID_PARAMETER);
		CHECK_FAIL(VirtualProtect(p, PAGE, bad[i], &old), FALSE, ERROR_INVALID_PARAMETER);
	}
	CHECK(VirtualProtect(p + PAGE, PAGE, PAGE_READONLY, &old) &&
	      old == (PAGE_READWRITE | PAGE_WRITECOMBINE), "VirtualProtect: %lu old 0x%lx",
	      GetLastError(), old);
	CHECK(query(p).RegionSize == PAGE && query(p + PAGE).Protect == PAGE_READONLY,
	      "the protection change did not split the region");
	CHECK(VirtualProtect(p + PAGE, PAGE, PAGE_READWRITE | PAGE_WRITECOMBINE, &old) &&
	      old == PAGE_READONLY, "VirtualProtect back: %lu", GetLastError());
	CHECK(query(p).RegionSize == 2 * PAGE, "the region did not merge back");
	CHECK(filled(p, 2 * PAGE, 1), "protection changes lost write-combined data");
	CHECK_FAIL(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				      PAGE_READWRITE | PAGE_WRITECOMBINE, 0, PAGE, NULL),
		   NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | PAGE_NOCACHE,
				      0, PAGE, NULL), NULL, ERROR_INVALID_PARAMETER);
	release(p);

	/* "To enable write-combined memory access for shared memory, specify
	 * the SEC_WRITECOMBINE flag when calling CreateFileMapping." */
	CHECK_FAIL(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_NOCACHE |
				      SEC_WRITECOMBINE, 0, PAGE, NULL), NULL,
		   ERROR_INVALID_PARAMETER);
	/* "SEC_WRITECOMBINE requires either the SEC_RESERVE or SEC_COMMIT
	 * attribute to be set." */
	CHECK_FAIL(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_WRITECOMBINE,
				      0, PAGE, NULL), NULL, ERROR_INVALID_PARAMETER);
	HANDLE s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				      PAGE_READWRITE | SEC_COMMIT | SEC_WRITECOMBINE, 0, PAGE, NULL);
	char *v = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	CHECK(v != NULL, "a SEC_WRITECOMBINE view: %lu", GetLastError());
	if (v) {
		m = query(v);
		CHECK(m.Protect == (PAGE_READWRITE | PAGE_WRITECOMBINE) && m.Type == MEM_MAPPED,
		      "a SEC_WRITECOMBINE view's protect 0x%lx", m.Protect);
		fill(v, PAGE, 3);
		CHECK(filled(v, PAGE, 3), "a SEC_WRITECOMBINE view does not keep what is written");
		CHECK(UnmapViewOfFile(v), "UnmapViewOfFile: %lu", GetLastError());
	}
	CHECK(!s || CloseHandle(s), "CloseHandle: %lu", GetLastError());
}

static void ws_get(SIZE_T *min, SIZE_T *max, DWORD *flags)
{
	CHECK(GetProcessWorkingSetSizeEx(SELF, min, max, flags),
	      "GetProcessWorkingSetSizeEx: %lu", GetLastError());
}

/* SetProcessWorkingSetSizeEx: "If the value is greater than zero but less
 * than 20 pages, the minimum value is set to 20 pages"; the flags, one of
 * each pair; VirtualLock: "The maximum number of pages that a process can
 * lock is equal to the number of pages in its minimum working set minus a
 * small overhead", raised by raising the minimum first. */
static void working_set_limits(void)
{
	SIZE_T min0, max0, min, max, plain_min, plain_max;
	DWORD flags0, flags;
	char *p = alloc_rw(160);

	ws_get(&min0, &max0, &flags0);
	CHECK(min0 == 50 * PAGE && max0 == 345 * PAGE, "default limits %lu, %lu: want 50 and 345 "
	      "pages", min0, max0);
	CHECK(flags0 == (QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE),
	      "flags 0x%lx before any were set", flags0);
	CHECK(GetProcessWorkingSetSize(SELF, &plain_min, &plain_max) && plain_min == min0 &&
	      plain_max == max0, "GetProcessWorkingSetSize disagrees with the Ex form");
	CHECK_FAIL(SetProcessWorkingSetSizeEx(SELF, min0, max0, QUOTA_LIMITS_HARDWS_MIN_ENABLE |
					      QUOTA_LIMITS_HARDWS_MIN_DISABLE), FALSE,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(SetProcessWorkingSetSizeEx(SELF, min0, max0, QUOTA_LIMITS_HARDWS_MAX_ENABLE |
					      QUOTA_LIMITS_HARDWS_MAX_DISABLE), FALSE,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(SetProcessWorkingSetSizeEx(SELF, min0, max0, 0x10), FALSE,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(SetProcessWorkingSetSize(SELF, 0, max0), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(SetProcessWorkingSetSize(SELF, 60 * PAGE, 40 * PAGE), FALSE,
		   ERROR_INVALID_PARAMETER);

	CHECK(SetProcessWorkingSetSizeEx(SELF, 10 * PAGE, max0, QUOTA_LIMITS_HARDWS_MAX_ENABLE),
	      "SetProcessWorkingSetSizeEx(10 pages): %lu", GetLastError());
	ws_get(&min, &max, &flags);
	CHECK(min == 20 * PAGE && max == max0, "limits %lu, %lu after asking 10 pages", min, max);
	CHECK(flags == (QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_ENABLE),
	      "flags 0x%lx", flags);
	CHECK_FAIL(VirtualLock(p, 20 * PAGE), FALSE, ERROR_WORKING_SET_QUOTA);
	CHECK(VirtualLock(p, 10 * PAGE), "VirtualLock of 10 pages: %lu", GetLastError());
	CHECK(VirtualUnlock(p, 10 * PAGE), "VirtualUnlock: %lu", GetLastError());
	CHECK(SetProcessWorkingSetSizeEx(SELF, 10 * PAGE, max0, QUOTA_LIMITS_HARDWS_MIN_ENABLE),
	      "SetProcessWorkingSetSizeEx: %lu", GetLastError());
	ws_get(&min, &max, &flags);
	CHECK(flags == (QUOTA_LIMITS_HARDWS_MIN_ENABLE | QUOTA_LIMITS_HARDWS_MAX_ENABLE),
	      "flags 0x%lx: a flag of one pair changed the other's", flags);

	/* Raising the minimum needs SeIncreaseWorkingSetPrivilege. */
	CHECK(tk_set_own("SeIncreaseWorkingSetPrivilege", TRUE), "enabling the privilege: %lu",
	      GetLastError());
	CHECK(SetProcessWorkingSetSizeEx(SELF, 200 * PAGE, 400 * PAGE,
					 QUOTA_LIMITS_HARDWS_MIN_DISABLE |
					 QUOTA_LIMITS_HARDWS_MAX_DISABLE),
	      "raising the minimum to 200 pages: %lu", GetLastError());
	CHECK(VirtualLock(p, 160 * PAGE), "VirtualLock of 160 pages under a 200-page minimum: %lu",
	      GetLastError());
	CHECK(VirtualUnlock(p, 160 * PAGE), "VirtualUnlock: %lu", GetLastError());
	CHECK(SetProcessWorkingSetSizeEx(SELF, min0, max0, QUOTA_LIMITS_HARDWS_MIN_DISABLE |
					 QUOTA_LIMITS_HARDWS_MAX_DISABLE),
	      "restoring the limits: %lu", GetLastError());
	CHECK(tk_set_own("SeIncreaseWorkingSetPrivilege", FALSE), "disabling the privilege");
	ws_get(&min, &max, &flags);
	CHECK(min == min0 && max == max0 && flags == flags0, "limits not restored");
	release(p);
}

/* VirtualLock: "All pages in the specified region must be committed. Memory
 * protected with PAGE_NOACCESS cannot be locked." */
static void lock_errors(void)
{
	char *r = VirtualAlloc(NULL, 4 * PAGE, MEM_RESERVE, PAGE_READWRITE);
	DWORD old;

	CHECK(r && VirtualAlloc(r, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE) == r, "commit: %lu",
	      GetLastError());
	if (!r)
		return;
	CHECK(VirtualProtect(r + PAGE, PAGE, PAGE_NOACCESS, &old), "VirtualProtect: %lu",
	      GetLastError());
	CHECK_FAIL(VirtualLock(r + PAGE, PAGE), FALSE, ERROR_NOACCESS);
	CHECK_FAIL(VirtualLock(r + 2 * PAGE, PAGE), FALSE, ERROR_INVALID_ADDRESS);
	CHECK(!VirtualLock(r, 3 * PAGE), "VirtualLock over a page it cannot lock succeeded");
	CHECK_FAIL(VirtualUnlock(r, PAGE), FALSE, ERROR_NOT_LOCKED);    /* nothing stayed locked */
	release(r);
}

/* One node: node 0 holds every processor; the Numa forms act as the others
 * for node 0 and NUMA_NO_PREFERRED_NODE. */
static void numa_is_one_node(void)
{
	ULONG highest = 7;
	ULONGLONG mask = 0, avail = 0;
	UCHAR node = 7;
	SYSTEM_INFO si;
	char *p, *q, *v;
	HANDLE s;

	GetSystemInfo(&si);
	CHECK(GetNumaHighestNodeNumber(&highest) && highest == 0, "highest node %lu", highest);
	CHECK(GetNumaNodeProcessorMask(0, &mask) && mask == si.dwActiveProcessorMask,
	      "node 0's mask 0x%llx", mask);
	CHECK_FAIL(GetNumaNodeProcessorMask(1, &mask), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(GetNumaProcessorNode(0, &node) && node == 0, "processor 0 on node %u", node);
	CHECK_FAIL(GetNumaProcessorNode(200, &node), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(node == 0xff, "a processor that does not exist is on node %u", node);
	CHECK(GetNumaAvailableMemoryNode(0, &avail) && avail > 0, "node 0 has %llu bytes", avail);
	CHECK(GetNumaAvailableMemoryNodeEx(0, &avail) && avail > 0, "node 0 has %llu bytes", avail);
	CHECK_FAIL(GetNumaAvailableMemoryNodeEx(1, &avail), FALSE, ERROR_INVALID_PARAMETER);

	p = VirtualAllocExNuma(SELF, NULL, 3 * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, 0);
	q = VirtualAllocExNuma(SELF, NULL, PAGE, MEM_RESERVE, PAGE_NOACCESS,
			       NUMA_NO_PREFERRED_NODE);
	CHECK(p && q, "VirtualAllocExNuma: %lu", GetLastError());
	CHECK_FAIL(VirtualAllocExNuma(SELF, NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE,
				      1), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAllocExNuma(SELF, NULL, 0, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE,
				      0), NULL, ERROR_INVALID_PARAMETER);
	if (p) {
		fill(p, 3 * PAGE, 2);
		CHECK(query(p).RegionSize == 3 * PAGE && query(p).Type == MEM_PRIVATE,
		      "a Numa allocation's region");
		release(p);
	}
	if (q)
		release(q);

	CHECK_FAIL(CreateFileMappingNumaA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGE,
					  NULL, 3), NULL, ERROR_INVALID_PARAMETER);
	s = CreateFileMappingNumaA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 2 * PAGE, NULL,
				   0);
	CHECK(s != NULL, "CreateFileMappingNumaA: %lu", GetLastError());
	if (!s)
		return;
	CHECK_FAIL(MapViewOfFileExNuma(s, FILE_MAP_WRITE, 0, 0, 0, NULL, 2), NULL,
		   ERROR_INVALID_PARAMETER);
	v = MapViewOfFileExNuma(s, FILE_MAP_WRITE, 0, 0, 0, NULL, NUMA_NO_PREFERRED_NODE);
	CHECK(v != NULL, "MapViewOfFileExNuma: %lu", GetLastError());
	if (v) {
		fill(v, 2 * PAGE, 4);
		CHECK(query(v).Type == MEM_MAPPED && filled(v, 2 * PAGE, 4), "the Numa view");
		CHECK(UnmapViewOfFile(v), "UnmapViewOfFile: %lu", GetLastError());
	}
	CHECK(CloseHandle(s), "CloseHandle: %lu", GetLastError());
}

static SIZE_T working_set(void)
{
	PROCESS_MEMORY_COUNTERS c = { .cb = sizeof(c) };

	CHECK(GetProcessMemoryInfo(SELF, &c, sizeof(c)), "GetProcessMemoryInfo: %lu",
	      GetLastError());
	return c.WorkingSetSize;
}

static SIZE_T private_usage(void)
{
	PROCESS_MEMORY_COUNTERS c = { .cb = sizeof(c) };

	GetProcessMemoryInfo(SELF, &c, sizeof(c));
	return c.PagefileUsage;
}

/* OfferVirtualMemory: page-aligned address, a size that is a multiple of
 * the page size, one of the priorities; "the specified pages will be ...
 * removed from the process working set"; ReclaimVirtualMemory:
 * ERROR_SUCCESS "if the memory was reclaimed intact", ERROR_BUSY if it was
 * discarded; DiscardVirtualMemory "will fail if the memory protection is
 * not PAGE_READWRITE", and "if DiscardVirtualMemory fails, the contents of
 * the region is not altered". The memory stays committed throughout. */
static void offer_reclaim_discard(void)
{
	char *p = alloc_rw(8), *ro = alloc_rw(1), *r;
	SIZE_T ws, charge = private_usage();
	DWORD err, old;

	fill(p, 8 * PAGE, 6);
	fill(ro, PAGE, 8);
	CHECK(VirtualProtect(ro, PAGE, PAGE_READONLY, &old), "VirtualProtect: %lu",
	      GetLastError());
	CHECK_FAIL(OfferVirtualMemory(p + 1, PAGE, VmOfferPriorityNormal), ERROR_INVALID_PARAMETER,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(OfferVirtualMemory(p, PAGE + 1, VmOfferPriorityNormal), ERROR_INVALID_PARAMETER,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(OfferVirtualMemory(p, 0, VmOfferPriorityNormal), ERROR_INVALID_PARAMETER,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(OfferVirtualMemory(p, PAGE, (OFFER_PRIORITY)0), ERROR_INVALID_PARAMETER,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(OfferVirtualMemory(p, PAGE, (OFFER_PRIORITY)5), ERROR_INVALID_PARAMETER,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(DiscardVirtualMemory(p + 8, PAGE), ERROR_INVALID_PARAMETER,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(ReclaimVirtualMemory(p, 3), ERROR_INVALID_PARAMETER, ERROR_INVALID_PARAMETER);
	CHECK(filled(p, 8 * PAGE, 6), "a refused offer changed the contents");

	SetLastError(DIRTY);
	err = DiscardVirtualMemory(ro, PAGE);
	CHECK(err != ERROR_SUCCESS, "DiscardVirtualMemory of a read-only page succeeded");
	CHECK(filled(ro, PAGE, 8), "a failed DiscardVirtualMemory altered the contents");
	CHECK(OfferVirtualMemory(ro, PAGE, VmOfferPriorityLow) != ERROR_SUCCESS,
	      "OfferVirtualMemory of a read-only page succeeded");

	ws = working_set();
	CHECK_FAIL(OfferVirtualMemory(p, 8 * PAGE, VmOfferPriorityVeryLow), ERROR_SUCCESS, DIRTY);
	CHECK(working_set() + 8 * PAGE <= ws, "the working set went from %lu to %lu", ws,
	      working_set());
	CHECK(private_usage() == charge, "an offer changed the commit charge: %lu -> %lu",
	      charge, private_usage());
	err = ReclaimVirtualMemory(p, 8 * PAGE);
	CHECK(err == ERROR_SUCCESS || err == ERROR_BUSY, "ReclaimVirtualMemory: %lu", err);
	if (err == ERROR_SUCCESS)
		CHECK(filled(p, 8 * PAGE, 6), "reclaimed intact, yet the contents changed");
	CHECK(query(p).State == MEM_COMMIT && query(p).Protect == PAGE_READWRITE &&
	      query(p).RegionSize == 8 * PAGE, "the reclaimed region is not committed read-write");
	fill(p, 8 * PAGE, 7);
	CHECK(filled(p, 8 * PAGE, 7), "reclaimed memory does not keep what is written");
	CHECK(ReclaimVirtualMemory(p, 8 * PAGE) == ERROR_SUCCESS,
	      "memory written since is not reclaimed intact");

	/* A locked page offered is unlocked ("Doing so will unlock the
	 * specified range of pages"). */
	CHECK(VirtualLock(p, PAGE), "VirtualLock: %lu", GetLastError());
	CHECK(OfferVirtualMemory(p, PAGE, VmOfferPriorityBelowNormal) == ERROR_SUCCESS, "offer");
	CHECK_FAIL(VirtualUnlock(p, PAGE), FALSE, ERROR_NOT_LOCKED);
	CHECK(ReclaimVirtualMemory(p, PAGE) == ERROR_BUSY || filled(p, PAGE, 7),
	      "reclaimed intact, yet the contents changed");

	CHECK_FAIL(DiscardVirtualMemory(p + PAGE, 2 * PAGE), ERROR_SUCCESS, DIRTY);
	CHECK(query(p + PAGE).State == MEM_COMMIT && query(p + PAGE).Protect == PAGE_READWRITE,
	      "discarded memory is no longer committed read-write");
	CHECK(filled(p + 3 * PAGE, 5 * PAGE, (BYTE)(7 + 3 * PAGE * 7)),
	      "pages outside the discarded range changed");
	fill(p + PAGE, 2 * PAGE, 1);
	CHECK(filled(p + PAGE, 2 * PAGE, 1), "discarded memory does not keep what is written");
	CHECK(private_usage() == charge, "the commit charge moved: %lu -> %lu", charge,
	      private_usage());

	r = VirtualAlloc(NULL, 2 * PAGE, MEM_RESERVE, PAGE_READWRITE);
	CHECK(r != NULL, "VirtualAlloc: %lu", GetLastError());
	if (r) {
		CHECK(DiscardVirtualMemory(r, PAGE) != ERROR_SUCCESS, "discarding reserved memory");
		CHECK(OfferVirtualMemory(r, PAGE, VmOfferPriorityLow) != ERROR_SUCCESS,
		      "offering reserved memory");
		release(r);
	}
	release(p);
	release(ro);
}

/* PrefetchVirtualMemory: "Flags: Reserved. Must be 0"; a hint that may do
 * nothing. GetSystemFileCacheSize: the limits and which are enabled. */
static void prefetch_and_file_cache(void)
{
	char *p = alloc_rw(4);
	WIN32_MEMORY_RANGE_ENTRY e[2] = { { p, 4 * PAGE }, { p + PAGE, PAGE } };
	SIZE_T min = 0, max = 0;
	DWORD flags = 0xdead;

	fill(p, 4 * PAGE, 2);
	CHECK(PrefetchVirtualMemory(SELF, 2, e, 0), "PrefetchVirtualMemory: %lu",
	      GetLastError());
	CHECK_FAIL(PrefetchVirtualMemory(SELF, 2, e, 1), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(filled(p, 4 * PAGE, 2), "a prefetch changed the contents");
	CHECK(GetSystemFileCacheSize(&min, &max, &flags), "GetSystemFileCacheSize: %lu",
	      GetLastError());
	CHECK(min > 0 && min <= max && (flags & ~0xfu) == 0, "file cache %lu..%lu flags 0x%lx",
	      min, max, flags);
	release(p);
}

/* AWE: "The SeLockMemoryPrivilege privilege must be enabled in the
 * caller's token or the function will fail with ERROR_PRIVILEGE_NOT_HELD";
 * vados has no AWE, so with it enabled the calls say so, allocating
 * nothing. */
static void awe_refused(void)
{
	ULONG_PTR n = 4, pfns[4];
	char *p = alloc_rw(1);

	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, FALSE), "disabling SeLockMemoryPrivilege");
	CHECK_FAIL(AllocateUserPhysicalPages(SELF, &n, pfns), FALSE, ERROR_PRIVILEGE_NOT_HELD);
	CHECK(n == 0, "%lu pages allocated", n);
	n = 4;
	CHECK_FAIL(MapUserPhysicalPages(p, 1, NULL), FALSE, ERROR_PRIVILEGE_NOT_HELD);
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enabling SeLockMemoryPrivilege");
	CHECK_FAIL(AllocateUserPhysicalPages(SELF, &n, pfns), FALSE, ERROR_NOT_SUPPORTED);
	CHECK(n == 0, "%lu pages allocated", n);
	CHECK_FAIL(VirtualAlloc(NULL, 16 * PAGE, MEM_RESERVE | MEM_PHYSICAL, PAGE_READWRITE), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, FALSE), "disabling SeLockMemoryPrivilege");
	release(p);
}

int main(void)
{
	reset_and_undo();
	reset_refuses_file_views();
	writecombine_combines_as_documented();
	working_set_limits();
	lock_errors();
	numa_is_one_node();
	offer_reclaim_discard();
	prefetch_and_file_cache();
	awe_refused();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
