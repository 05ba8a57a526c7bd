/* GlobalMemoryStatusEx and GetProcessMemoryInfo tell the truth: dwLength and
 * cb are checked; the totals are consistent; a 16 MB reserve costs address
 * space only; a 4 MB commit costs exactly 4 MB of the process's commit
 * (PagefileUsage), that plus its page tables of the system's, and no frames;
 * touching 256 of its pages costs 256 frames, 256 faults and 1 MB of working
 * set; releasing gives it all back; the peaks remember; bad handles and
 * pointers fail cleanly. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define PAGE      4096ull
#define MB        (1024ull * 1024)
#define TOUCHED   256
#define SLACK     (8 * PAGE)        /* page tables and kernel pool */

#define TEST_NAME "memory-stats"
#include "check.h"

/* GlobalMemoryStatusEx with the right dwLength. */
static void status(MEMORYSTATUSEX *m)
{
	memset(m, 0, sizeof(*m));
	m->dwLength = sizeof(*m);
	CHECK(GlobalMemoryStatusEx(m), "error %lu", GetLastError());
}

/* This process's counters. */
static void counters(PROCESS_MEMORY_COUNTERS *c)
{
	memset(c, 0, sizeof(*c));
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), c, sizeof(*c)), "error %lu",
	      GetLastError());
}

/* How far a figure fell from before to after (negative: it rose). */
static long long drop(DWORDLONG before, DWORDLONG after)
{
	return (long long)before - (long long)after;
}

/* A wrong dwLength is ERROR_INVALID_PARAMETER and fills nothing. */
static void length_is_checked(void)
{
	static const DWORD lengths[] = { 0, sizeof(MEMORYSTATUSEX) - 1, sizeof(MEMORYSTATUSEX) + 1,
					 32 };
	MEMORYSTATUSEX m;

	for (unsigned i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		memset(&m, 0xcc, sizeof(m));
		m.dwLength = lengths[i];
		SetLastError(0);
		BOOL ok = GlobalMemoryStatusEx(&m);
		CHECK(!ok && GetLastError() == ERROR_INVALID_PARAMETER,
		      "dwLength %lu: returned %d, error %lu", lengths[i], ok, GetLastError());
		CHECK(m.ullTotalPhys == 0xccccccccccccccccull, "dwLength %lu filled the buffer",
		      lengths[i]);
	}
}

/* The figures agree with one another and with this process's counters. */
static void totals_are_consistent(void)
{
	MEMORYSTATUSEX m;
	PROCESS_MEMORY_COUNTERS c;

	status(&m);
	counters(&c);
	printf("memory-stats: phys %llu/%llu KiB, commit %llu/%llu KiB, virtual %llu/%llu KiB, "
	       "load %lu%%\n", m.ullAvailPhys / 1024, m.ullTotalPhys / 1024,
	       m.ullAvailPageFile / 1024, m.ullTotalPageFile / 1024, m.ullAvailVirtual / 1024,
	       m.ullTotalVirtual / 1024, m.dwMemoryLoad);
	CHECK(m.ullTotalPhys > 0 && m.ullTotalPhys % PAGE == 0, "%llu", m.ullTotalPhys);
	CHECK(m.ullAvailPhys <= m.ullTotalPhys, "%llu > %llu", m.ullAvailPhys, m.ullTotalPhys);
	CHECK(m.ullTotalPageFile > 0 && m.ullTotalPageFile % PAGE == 0, "%llu",
	      m.ullTotalPageFile);
	CHECK(m.ullAvailPageFile <= m.ullTotalPageFile, "%llu > %llu", m.ullAvailPageFile,
	      m.ullTotalPageFile);
	CHECK(m.ullTotalPageFile - m.ullAvailPageFile >= c.PagefileUsage,
	      "the charge %llu is below this process's %lu", m.ullTotalPageFile -
	      m.ullAvailPageFile, c.PagefileUsage);
	CHECK(m.dwMemoryLoad <= 100 && m.dwMemoryLoad == (DWORD)((m.ullTotalPhys -
	      m.ullAvailPhys) * 100 / m.ullTotalPhys), "load %lu", m.dwMemoryLoad);
	CHECK(m.ullTotalVirtual == 0x7ffe0000ull, "0x%llx", m.ullTotalVirtual);
	CHECK(m.ullAvailVirtual < m.ullTotalVirtual && m.ullAvailVirtual > 0x70000000ull,
	      "0x%llx", m.ullAvailVirtual);
	CHECK(m.ullAvailExtendedVirtual == 0, "%llu", m.ullAvailExtendedVirtual);
	CHECK(c.PagefileUsage > 0 && c.PagefileUsage % PAGE == 0, "%lu", c.PagefileUsage);
	CHECK(c.WorkingSetSize > 0 && c.WorkingSetSize % PAGE == 0, "%lu", c.WorkingSetSize);
	CHECK(c.PageFaultCount > 0, "%lu", c.PageFaultCount);
	CHECK(c.PeakWorkingSetSize >= c.WorkingSetSize && c.PeakPagefileUsage >= c.PagefileUsage,
	      "peaks %lu %lu", c.PeakWorkingSetSize, c.PeakPagefileUsage);
	CHECK(c.QuotaPagedPoolUsage == 0 && c.QuotaNonPagedPoolUsage == 0 &&
	      c.QuotaPeakPagedPoolUsage == 0 && c.QuotaPeakNonPagedPoolUsage == 0,
	      "pool figures are not 0");
}

/* A reservation takes address space and nothing else. */
static void reserve_costs_address_space_only(void)
{
	MEMORYSTATUSEX before, after;
	PROCESS_MEMORY_COUNTERS c0, c1;

	status(&before);
	counters(&c0);
	LPVOID p = VirtualAlloc(NULL, 16 * MB, MEM_RESERVE, PAGE_READWRITE);
	status(&after);
	counters(&c1);
	CHECK(p != NULL, "error %lu", GetLastError());
	CHECK(drop(before.ullAvailVirtual, after.ullAvailVirtual) == (long long)(16 * MB),
	      "address space fell by %lld", drop(before.ullAvailVirtual, after.ullAvailVirtual));
	CHECK(after.ullAvailPageFile == before.ullAvailPageFile, "commit fell by %lld",
	      drop(before.ullAvailPageFile, after.ullAvailPageFile));
	CHECK(c1.PagefileUsage == c0.PagefileUsage, "%lu -> %lu", c0.PagefileUsage,
	      c1.PagefileUsage);
	CHECK(drop(before.ullAvailPhys, after.ullAvailPhys) <= (long long)SLACK,
	      "frames fell by %lld bytes", drop(before.ullAvailPhys, after.ullAvailPhys));
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "error %lu", GetLastError());
	status(&after);
	CHECK(after.ullAvailVirtual == before.ullAvailVirtual, "0x%llx -> 0x%llx",
	      before.ullAvailVirtual, after.ullAvailVirtual);
}

/* Writes one byte into each of the first TOUCHED pages at p. */
static void touch(volatile char *p)
{
	for (int i = 0; i < TOUCHED; i++)
		p[i * PAGE] = (char)i;
}

/* Commit costs charge, touching costs frames, releasing returns both. */
static void commit_touch_release(void)
{
	MEMORYSTATUSEX m0, m1, m2, m3;
	PROCESS_MEMORY_COUNTERS c0, c1, c2, c3;

	status(&m0);
	counters(&c0);
	char *p = VirtualAlloc(NULL, 4 * MB, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	status(&m1);
	counters(&c1);
	CHECK(p != NULL, "error %lu", GetLastError());
	if (!p)
		return;
	/* The system's charge also counts the page tables (as Windows' does). */
	long long charged = drop(m0.ullAvailPageFile, m1.ullAvailPageFile);
	CHECK(charged >= (long long)(4 * MB) && charged <= (long long)(4 * MB + 2 * PAGE),
	      "commit fell by %lld", charged);
	CHECK(c1.PagefileUsage - c0.PagefileUsage == 4 * MB, "PagefileUsage %lu -> %lu",
	      c0.PagefileUsage, c1.PagefileUsage);
	CHECK(drop(m0.ullAvailPhys, m1.ullAvailPhys) <= (long long)SLACK,
	      "a commit took %lld bytes of frames", drop(m0.ullAvailPhys, m1.ullAvailPhys));
	CHECK(c1.WorkingSetSize <= c0.WorkingSetSize + 2 * PAGE, "working set %lu -> %lu",
	      c0.WorkingSetSize, c1.WorkingSetSize);

	touch(p);
	status(&m2);
	counters(&c2);
	long long frames = drop(m1.ullAvailPhys, m2.ullAvailPhys);
	CHECK(frames >= (long long)(TOUCHED * PAGE) && frames <= (long long)(TOUCHED * PAGE +
	      SLACK), "touching %d pages took %lld bytes of frames", TOUCHED, frames);
	CHECK(c2.PageFaultCount - c1.PageFaultCount >= TOUCHED, "faults %lu -> %lu",
	      c1.PageFaultCount, c2.PageFaultCount);
	CHECK(c2.WorkingSetSize - c1.WorkingSetSize >= TOUCHED * PAGE &&
	      c2.WorkingSetSize - c1.WorkingSetSize <= TOUCHED * PAGE + 4 * PAGE,
	      "working set %lu -> %lu", c1.WorkingSetSize, c2.WorkingSetSize);
	CHECK(c2.PagefileUsage == c1.PagefileUsage, "touching changed PagefileUsage %lu -> %lu",
	      c1.PagefileUsage, c2.PagefileUsage);
	CHECK(m2.ullAvailPageFile == m1.ullAvailPageFile, "touching changed the charge");
	CHECK(c2.PeakWorkingSetSize >= c2.WorkingSetSize &&
	      c2.PeakPagefileUsage >= c2.PagefileUsage, "peaks %lu %lu",
	      c2.PeakWorkingSetSize, c2.PeakPagefileUsage);

	CHECK(VirtualFree(p, 0, MEM_RELEASE), "error %lu", GetLastError());
	status(&m3);
	counters(&c3);
	CHECK(m3.ullAvailPageFile == m0.ullAvailPageFile, "commit %llu -> %llu",
	      m0.ullAvailPageFile, m3.ullAvailPageFile);
	CHECK(c3.PagefileUsage == c0.PagefileUsage, "PagefileUsage %lu -> %lu",
	      c0.PagefileUsage, c3.PagefileUsage);
	CHECK(drop(m0.ullAvailPhys, m3.ullAvailPhys) <= (long long)SLACK,
	      "%lld bytes of frames not returned", drop(m0.ullAvailPhys, m3.ullAvailPhys));
	CHECK(c3.WorkingSetSize <= c1.WorkingSetSize + 2 * PAGE, "working set %lu -> %lu",
	      c1.WorkingSetSize, c3.WorkingSetSize);
	CHECK(c3.PeakPagefileUsage >= c0.PagefileUsage + 4 * MB, "peak PagefileUsage %lu",
	      c3.PeakPagefileUsage);
	CHECK(c3.PeakWorkingSetSize >= c1.WorkingSetSize + TOUCHED * PAGE,
	      "peak working set %lu", c3.PeakWorkingSetSize);
	CHECK(c3.PageFaultCount >= c2.PageFaultCount, "faults went down");
	printf("memory-stats: 4 MB commit, %d pages touched: %lld KiB of frames, %lu faults\n",
	       TOUCHED, frames / 1024, c2.PageFaultCount - c1.PageFaultCount);
}

/* cb, the handle and the buffer are checked. */
static void process_memory_arguments(void)
{
	PROCESS_MEMORY_COUNTERS c, mine;
	static const DWORD short_cbs[] = { 0, sizeof(c) - 1, 4 };
	BOOL ok;

	for (unsigned i = 0; i < sizeof(short_cbs) / sizeof(short_cbs[0]); i++) {
		SetLastError(0);
		ok = GetProcessMemoryInfo(GetCurrentProcess(), &c, short_cbs[i]);
		CHECK(!ok && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "cb %lu: %d, error %lu",
		      short_cbs[i], ok, GetLastError());
	}
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c) + 8),
	      "a larger cb fails: %lu", GetLastError());

	static const HANDLE bad[] = { NULL, (HANDLE)0x1234, (HANDLE)0x7ffffff0, (HANDLE)-2 };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		SetLastError(0);
		ok = GetProcessMemoryInfo(bad[i], &c, sizeof(c));
		CHECK(!ok && GetLastError() == ERROR_INVALID_HANDLE, "handle %p: %d, error %lu",
		      bad[i], ok, GetLastError());
	}

	static const DWORD bad_buffers[] = { 0, 0x80100000u, 0x7ffeffc0u };
	for (unsigned i = 0; i < sizeof(bad_buffers) / sizeof(bad_buffers[0]); i++) {
		SetLastError(0);
		ok = GetProcessMemoryInfo(GetCurrentProcess(),
					  (PPROCESS_MEMORY_COUNTERS)bad_buffers[i], sizeof(c));
		CHECK(!ok && GetLastError() == ERROR_NOACCESS, "buffer 0x%lx: %d, error %lu",
		      bad_buffers[i], ok, GetLastError());
	}

	/* A real handle to this process says the same as the pseudo-handle. */
	HANDLE h = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
	CHECK(h != NULL, "OpenProcess: error %lu", GetLastError());
	counters(&mine);
	CHECK(GetProcessMemoryInfo(h, &c, sizeof(c)), "error %lu", GetLastError());
	CHECK(c.PagefileUsage == mine.PagefileUsage, "%lu vs %lu", c.PagefileUsage,
	      mine.PagefileUsage);
	CloseHandle(h);
	SetLastError(0);
	ok = GetProcessMemoryInfo(h, &c, sizeof(c));
	CHECK(!ok && GetLastError() == ERROR_INVALID_HANDLE, "a closed handle: %d, error %lu", ok,
	      GetLastError());
}

int main(void)
{
	length_is_checked();
	totals_are_consistent();
	reserve_costs_address_space_only();
	commit_touch_release();
	process_memory_arguments();
	printf("memory-stats: %d failures\n", failures);
	return failures != 0;
}
