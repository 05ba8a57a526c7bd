/* The commit limit, reached and recovered from.
 *
 *   commit-exhaust [exhaust]   (the default) commits in ever smaller chunks
 *       until VirtualAlloc refuses with ERROR_COMMITMENT_LIMIT (or
 *       ERROR_NOT_ENOUGH_MEMORY): each refusal changes nothing, the limit is
 *       then reached to the page (the system's charge also counts page
 *       tables, as Windows' does), reserving and protecting still work there
 *       but starting a process fails cleanly,
 *       a decommit makes room that a recommit takes again, releasing brings
 *       ullAvailPageFile back, and committing and starting processes work
 *       again. A 1 GB commit
 *       beyond the limit fails cleanly, with or without a reservation.
 *   commit-exhaust no-frames   (needs RAM over 1 GB) a 1 GB commit takes 1 GB
 *       of charge and no frames beyond page tables; touched pages take one
 *       frame each; releasing returns it all. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define PAGE      4096ul
#define MB        (1024ul * 1024)
#define GB        (1024ul * MB)
#define PT_PAGES  (GB / (1024 * PAGE))  /* page tables mapping 1 GB */
#define SLACK     8                     /* pages of kernel pool and the like */

#define TEST_NAME "commit-exhaust"
#include "check.h"

struct snapshot {
	DWORDLONG total_commit, avail_commit, avail_virtual, avail_phys;
	SIZE_T usage;                   /* this process's PagefileUsage */
};

/* Takes the figures the tests compare. */
static void snap(struct snapshot *s)
{
	MEMORYSTATUSEX m;
	PROCESS_MEMORY_COUNTERS c;

	m.dwLength = sizeof(m);
	CHECK(GlobalMemoryStatusEx(&m), "error %lu", GetLastError());
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c)), "error %lu",
	      GetLastError());
	s->total_commit = m.ullTotalPageFile;
	s->avail_commit = m.ullAvailPageFile;
	s->avail_virtual = m.ullAvailVirtual;
	s->avail_phys = m.ullAvailPhys;
	s->usage = c.PagefileUsage;
}

/* The most page tables a range of size bytes can need (and be charged for). */
static DWORD tables_for(DWORD size)
{
	return size / (1024 * PAGE) + 2;
}

/* Frames taken between two snapshots, in pages (negative: given back). */
static long frames_taken(const struct snapshot *a, const struct snapshot *b)
{
	return (long)(((long long)a->avail_phys - (long long)b->avail_phys) / (long long)PAGE);
}

/* The commit charge, the free address space and PagefileUsage are as before. */
static void unchanged(const char *what, const struct snapshot *before)
{
	struct snapshot now;

	snap(&now);
	CHECK(now.avail_commit == before->avail_commit && now.usage == before->usage &&
	      now.avail_virtual == before->avail_virtual,
	      "%s: commit %llu -> %llu, usage %lu -> %lu, address space 0x%llx -> 0x%llx",
	      what, before->avail_commit, now.avail_commit, before->usage, now.usage,
	      before->avail_virtual, now.avail_virtual);
}

/* Whether e is an error a commit past the limit may give. */
static int limit_error(DWORD e)
{
	return e == ERROR_COMMITMENT_LIMIT || e == ERROR_NOT_ENOUGH_MEMORY;
}

/* Whether the region at p has this state and size (printing it if not). */
static int query_is(LPVOID p, DWORD state, SIZE_T size)
{
	MEMORY_BASIC_INFORMATION m;

	if (VirtualQuery(p, &m, sizeof(m)) != sizeof(m))
		return 0;
	if (m.State == state && m.RegionSize == size)
		return 1;
	printf("commit-exhaust: at %p: state 0x%lx size 0x%lx, want 0x%lx 0x%lx\n", p, m.State,
	       m.RegionSize, state, size);
	return 0;
}

/* Commits 64 KB of stack now, so that nothing later needs new charge for it. */
static void __attribute__((noinline)) grow_stack(void)
{
	volatile char buf[64 * 1024];

	for (int i = sizeof(buf) - 1; i >= 0; i -= 512)
		buf[i] = 0;
}

/* Commits [r, r+size) chunk by chunk, shrinking the chunk at each refusal,
 * and checks each refusal; returns the bytes committed. */
static DWORD commit_to_the_limit(char *r, DWORD size)
{
	DWORD at = 0, chunk = 4 * MB;
	int refusals = 0;
	struct snapshot before;

	while (chunk >= PAGE && at + chunk <= size) {
		snap(&before);
		if (VirtualAlloc(r + at, chunk, MEM_COMMIT, PAGE_READWRITE)) {
			at += chunk;
			continue;
		}
		DWORD e = GetLastError();
		refusals++;
		CHECK(limit_error(e), "committing 0x%lx at %p: error %lu", chunk, r + at, e);
		unchanged("a refused commit", &before);
		CHECK(query_is(r + at, MEM_RESERVE, size - at), "a refused commit left pages");
		chunk /= 4;
	}
	CHECK(refusals > 0, "committed all 0x%lx bytes of the reservation", size);
	return at;
}

/* Starts "hello" and waits for it; returns whether it started (and then
 * checks that it exited with 0). */
static BOOL run_hello(void)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char cmdline[] = "hello";
	DWORD code = 1;

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return FALSE;
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "hello exited with 0x%lx",
	      code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return TRUE;
}

/* At the limit, what needs no charge still works, and decommitting makes room. */
static void at_the_limit(char *r, DWORD committed)
{
	struct snapshot s, t;
	DWORD old;

	snap(&s);
	CHECK(VirtualAlloc(NULL, PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE) == NULL &&
	      limit_error(GetLastError()), "a 1-page commit at the limit: error %lu",
	      GetLastError());
	unchanged("a refused NULL commit", &s);
	LPVOID res = VirtualAlloc(NULL, 64 * MB, MEM_RESERVE, PAGE_READWRITE);
	CHECK(res != NULL, "reserving 64 MB at the limit: error %lu", GetLastError());
	snap(&t);
	CHECK(t.avail_commit == s.avail_commit && t.usage == s.usage, "a reserve was charged");
	CHECK(VirtualFree(res, 0, MEM_RELEASE), "error %lu", GetLastError());
	CHECK(!run_hello() && limit_error(GetLastError()),
	      "starting a process at the limit: error %lu", GetLastError());
	unchanged("a refused CreateProcessA", &s);

	volatile DWORD *first = (volatile DWORD *)r;
	volatile DWORD *last = (volatile DWORD *)(r + committed - PAGE);
	*first = 0x1234;
	*last = 0x5678;
	CHECK(*first == 0x1234 && *last == 0x5678, "committed pages at the limit do not work");
	CHECK(VirtualProtect(r, PAGE, PAGE_READONLY, &old) && old == PAGE_READWRITE &&
	      VirtualProtect(r, PAGE, PAGE_READWRITE, &old), "protecting at the limit: error %lu",
	      GetLastError());
	unchanged("touching and protecting", &s);

	CHECK(VirtualFree(r, MB, MEM_DECOMMIT), "error %lu", GetLastError());
	snap(&t);
	CHECK(t.avail_commit == s.avail_commit + MB && t.usage == s.usage - MB,
	      "a 1 MB decommit gave back %lld bytes", (long long)(t.avail_commit - s.avail_commit));
	CHECK(VirtualAlloc(r, MB, MEM_COMMIT, PAGE_READWRITE) == r, "recommitting: error %lu",
	      GetLastError());
	CHECK(*first == 0, "a recommitted page reads 0x%lx", *first);
	unchanged("decommit and recommit", &s);
}

/* Reaches the limit, checks it there, releases, and commits again. */
static void exhaust(void)
{
	struct snapshot s0, s;

	grow_stack();
	snap(&s0);
	DWORD size = (DWORD)((s0.avail_commit + 32 * MB) & ~0xffffull);
	char *r = VirtualAlloc(NULL, size, MEM_RESERVE, PAGE_NOACCESS);
	CHECK(r != NULL, "reserving 0x%lx: error %lu", size, GetLastError());
	if (!r)
		return;
	DWORD committed = commit_to_the_limit(r, size);
	snap(&s);
	printf("commit-exhaust: limit %llu KiB, committed %lu KiB, %llu bytes left\n",
	       s0.total_commit / 1024, committed / 1024, s.avail_commit);
	/* A last page may also have needed a page table. */
	CHECK(s.avail_commit < 2 * PAGE, "%llu bytes of commit left after a 1-page refusal",
	      s.avail_commit);
	CHECK(s0.avail_commit - s.avail_commit >= committed &&
	      s0.avail_commit - s.avail_commit <= committed + tables_for(size) * PAGE,
	      "the charge rose by %llu for %lu", s0.avail_commit - s.avail_commit, committed);
	CHECK(s.usage == s0.usage + committed, "PagefileUsage %lu -> %lu", s0.usage, s.usage);
	at_the_limit(r, committed);

	CHECK(VirtualFree(r, 0, MEM_RELEASE), "error %lu", GetLastError());
	snap(&s);
	CHECK(s.avail_commit + 4 * PAGE >= s0.avail_commit && s.avail_commit <= s0.avail_commit,
	      "ullAvailPageFile %llu, at the start %llu", s.avail_commit, s0.avail_commit);
	CHECK(s.usage == s0.usage, "PagefileUsage %lu, at the start %lu", s.usage, s0.usage);

	CHECK(run_hello(), "starting a process after the release: error %lu", GetLastError());
	/* Nearly all the commit there was at the start: what the release gave back
	 * is usable again (less a margin for page tables and the new process's
	 * leftovers, which RAM-only limits on small machines feel). */
	DWORD again_size = (DWORD)((s0.avail_commit - MB / 2) & ~0xffffull);
	if (again_size > 8 * MB)
		again_size = 8 * MB;
	char *again = VirtualAlloc(NULL, again_size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	CHECK(again != NULL, "committing 0x%lx after the release: error %lu", again_size,
	      GetLastError());
	for (DWORD i = 0; again && i < again_size; i += PAGE)
		again[i] = 1;
	CHECK(!again || VirtualFree(again, 0, MEM_RELEASE), "error %lu", GetLastError());
}

/* A 1 GB commit past the limit fails and leaves no trace. */
static void huge_commit_fails(void)
{
	struct snapshot s;

	snap(&s);
	if (s.avail_commit >= GB) {
		printf("commit-exhaust: the limit is over 1 GB; no huge refusal to test\n");
		return;
	}
	char *spot = VirtualAlloc(NULL, GB, MEM_RESERVE, PAGE_NOACCESS);
	CHECK(spot != NULL && VirtualFree(spot, 0, MEM_RELEASE), "error %lu", GetLastError());
	CHECK(VirtualAlloc(NULL, GB, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE) == NULL &&
	      limit_error(GetLastError()), "a 1 GB commit: error %lu", GetLastError());
	unchanged("a refused 1 GB commit", &s);
	MEMORY_BASIC_INFORMATION m;
	CHECK(VirtualQuery(spot, &m, sizeof(m)) == sizeof(m) && m.State == MEM_FREE &&
	      m.RegionSize >= GB, "state 0x%lx size 0x%lx", m.State, m.RegionSize);

	char *r = VirtualAlloc(NULL, GB, MEM_RESERVE, PAGE_NOACCESS);
	CHECK(r != NULL, "reserving 1 GB: error %lu", GetLastError());
	if (!r)
		return;
	snap(&s);
	CHECK(VirtualAlloc(r, GB, MEM_COMMIT, PAGE_READWRITE) == NULL &&
	      limit_error(GetLastError()), "committing 1 GB of a reservation: error %lu",
	      GetLastError());
	unchanged("a refused 1 GB commit in a reservation", &s);
	CHECK(query_is(r, MEM_RESERVE, GB), "the reservation changed");
	CHECK(VirtualFree(r, 0, MEM_RELEASE), "error %lu", GetLastError());
}

/* A committed gigabyte: charge yes, frames no (but page tables), until touched. */
static void gigabyte(int in_reservation)
{
	struct snapshot s0, s1, s2, s3;

	snap(&s0);
	char *p = VirtualAlloc(NULL, GB, in_reservation ? MEM_RESERVE : MEM_RESERVE | MEM_COMMIT,
			       PAGE_READWRITE);
	if (p && in_reservation)
		CHECK(VirtualAlloc(p, GB, MEM_COMMIT, PAGE_READWRITE) == p, "error %lu",
		      GetLastError());
	CHECK(p != NULL, "error %lu", GetLastError());
	if (!p)
		return;
	snap(&s1);
	CHECK(s0.avail_commit - s1.avail_commit >= GB &&
	      s0.avail_commit - s1.avail_commit <= GB + tables_for(GB) * PAGE &&
	      s1.usage - s0.usage == GB, "charge +%llu, PagefileUsage +%lu",
	      s0.avail_commit - s1.avail_commit, s1.usage - s0.usage);
	CHECK(frames_taken(&s0, &s1) <= (long)(PT_PAGES + SLACK), "the commit took %ld frames",
	      frames_taken(&s0, &s1));
	for (DWORD off = 0; off < GB; off += 64 * MB) {
		CHECK(p[off] == 0, "offset 0x%lx reads %d", off, p[off]);
		p[off] = 1;
	}
	snap(&s2);
	CHECK(frames_taken(&s1, &s2) >= 16 && frames_taken(&s1, &s2) <= 16 + 16 + SLACK,
	      "touching 16 pages took %ld frames", frames_taken(&s1, &s2));
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "error %lu", GetLastError());
	snap(&s3);
	CHECK(s3.avail_commit == s0.avail_commit && s3.usage == s0.usage,
	      "commit %llu -> %llu, PagefileUsage %lu -> %lu", s0.avail_commit, s3.avail_commit,
	      s0.usage, s3.usage);
	CHECK(frames_taken(&s0, &s3) <= (long)(PT_PAGES + SLACK), "%ld frames not returned",
	      frames_taken(&s0, &s3));
	printf("commit-exhaust: 1 GB committed%s: %ld frames for the commit, %ld for 16 touches, "
	       "%ld kept after release\n", in_reservation ? " in a reservation" : "",
	       frames_taken(&s0, &s1), frames_taken(&s1, &s2), frames_taken(&s0, &s3));
}

/* Commits a gigabyte twice: at once, and into a reservation. */
static void no_frames(void)
{
	struct snapshot s;

	snap(&s);
	if (s.avail_commit < GB + 64 * MB) {
		CHECK(0, "needs over 1 GB of commit, has %llu KiB", s.avail_commit / 1024);
		return;
	}
	gigabyte(0);
	gigabyte(1);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "exhaust";

	if (strcmp(mode, "no-frames") == 0) {
		no_frames();
	} else if (strcmp(mode, "exhaust") == 0) {
		exhaust();
		huge_commit_fails();
	} else {
		printf("usage: commit-exhaust [exhaust|no-frames]\n");
		return 2;
	}
	printf("commit-exhaust: %d failures\n", failures);
	return failures != 0;
}
