/* Sections between processes: a named section shared both ways (the parent
 * creates it and the child writes back; the child creates one and the
 * parent writes back), an unnamed one reached through an inherited handle,
 * copy-on-write in a child while its parent writes the section, a child
 * killed while it writes its views (nothing may leak: the boot's leak line
 * checks objects, frames, slots and commit), and the counters that tell
 * shared from private: PrivateUsage moves with private commit and
 * copy-on-write views, not with views of a section; a page two views and
 * another process map takes one frame (GlobalMemoryStatusEx) and is Shared
 * with ShareCount 3 (QueryWorkingSet); the walker, run on this process,
 * names its views' sections (the scenario checks its lines). The processes
 * step each other along through a phase word in the shared memory itself.
 *
 * Roles: the parent (no arguments); "named", "creator", "inherit HANDLE",
 * "cow HANDLE", "hold HANDLE", "touch" are the children, whose exit status
 * is their failures. Last line: "section-share: N failures"; the exit
 * status is N. */
#define TEST_NAME "section-share"
#include "check.h"
#include "ob-common.h"
#include "section-common.h"
#include <stdlib.h>

#define PAGES 8
#define WORDS (SPAGE / 4)

/* Waits until *phase reaches at least want (or 10 s pass); whether it did. */
static BOOL await(volatile DWORD *phase, DWORD want)
{
	DWORD start = GetTickCount();

	while (*phase < want && GetTickCount() - start < 10000)
		Sleep(1);
	return *phase >= want;
}

static void fill(volatile DWORD *v, DWORD seed)
{
	for (DWORD p = 1; p < PAGES; p++)
		v[p * WORDS + p] = seed + p;
}

static int filled(volatile DWORD *v, DWORD seed)
{
	for (DWORD p = 1; p < PAGES; p++)
		if (v[p * WORDS + p] != seed + p)
			return 0;
	return 1;
}

/* Child "named": opens the parent's section by name, checks its pattern,
 * writes its own. */
static int child_named(void)
{
	HANDLE h = OpenFileMappingA(FILE_MAP_WRITE, FALSE, "section-share-named");
	volatile DWORD *v = h ? MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0) : NULL;

	CHECK(v != NULL, "child: open/map the named section: error %lu", GetLastError());
	if (!v)
		return failures;
	CHECK(filled(v, 1000), "child: the parent's pattern is not there");
	fill(v, 2000);
	v[0] = 1;
	return failures;
}

/* Child "creator": makes a named section, waits for the parent's answer. */
static int child_creator(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGES * SPAGE,
				      "section-share-bychild");
	volatile DWORD *v = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);

	if (!v)
		return 1;
	fill(v, 3000);
	v[0] = 1;
	ob_started();
	CHECK(await(v, 2) && filled(v, 4000), "child: no answer from the parent");
	return failures;
}

/* Child "inherit HANDLE": the handle is its parent's unnamed section. */
static int child_inherit(HANDLE h)
{
	volatile DWORD *v = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);

	CHECK(v != NULL, "child: map the inherited handle %p: error %lu", h, GetLastError());
	if (!v)
		return failures;
	CHECK(filled(v, 5000), "child: the inherited section lacks the pattern");
	fill(v, 6000);
	v[0] = 1;
	return failures;
}

/* Child "cow HANDLE": a copy-on-write view sees the parent's writes until
 * it writes a page itself; from then on that page is its own. */
static int child_cow(HANDLE h)
{
	volatile DWORD *rw = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, SPAGE);   /* the phase */
	volatile DWORD *cow = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);

	if (!rw || !cow)
		return 1;
	ob_started();
	CHECK(filled(cow, 7000), "child: the copy view lacks the parent's pattern");
	for (DWORD p = 1; p < PAGES; p += 2)
		cow[p * WORDS + p] = 9000 + p;          /* odd pages become private */
	rw[0] = 1;
	CHECK(await(rw, 2), "child: the parent did not write again");
	for (DWORD p = 1; p < PAGES; p++) {
		DWORD want = p % 2 ? 9000 + p : 8000 + p;
		CHECK(cow[p * WORDS + p] == want, "child: copy page %lu reads %lu, want %lu", p,
		      cow[p * WORDS + p], want);
	}
	return failures;
}

/* Child "hold HANDLE": maps views and writes them until it is killed. */
static int child_hold(HANDLE h)
{
	volatile DWORD *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	volatile DWORD *b = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);

	if (!a || !b)
		return 1;
	fill(a, 11000);
	fill(b, 12000);
	ob_started();
	for (DWORD seed = 13000;; seed++) {
		fill(a, seed);
		fill(b, seed);
	}
}

#define BIG_PAGES 256u          /* the counters' section: 1 MB */
#define SLACK 16u               /* pages other work may take meanwhile (page tables...) */

/* Child "touch": maps the counters' section, reads every page when the
 * parent's phase word (word 0) says 1, says so in word 1 and waits for 2. */
static int child_touch(void)
{
	HANDLE h = OpenFileMappingA(FILE_MAP_WRITE, FALSE, "section-share-counters");
	volatile DWORD *v = h ? MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	DWORD sum = 0;

	if (!v)
		return 1;
	ob_started();
	if (!await(v, 1))
		return 1;
	for (DWORD p = 0; p < BIG_PAGES; p++)
		sum += v[p * WORDS + 2];
	v[1] = 1;
	CHECK(await(v, 2), "child: the parent did not finish counting");
	return failures + (sum != 0);
}

static HANDLE inheritable_section(void)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };

	return CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, PAGES * SPAGE, NULL);
}

static void named_both_ways(const char *self)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGES * SPAGE,
				      "section-share-named");
	volatile DWORD *v = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	PROCESS_INFORMATION pi;

	if (!v)
		return;
	fill(v, 1000);
	if (!ob_start(self, "named", FALSE, &pi))
		return;
	CHECK(ob_reap(pi.hProcess, FALSE) == 0, "the named child failed");
	CHECK(v[0] == 1 && filled(v, 2000), "the child's writes are not in the section");
	UnmapViewOfFile((void *)v);
	CloseHandle(h);

	if (!ob_start(self, "creator", FALSE, &pi))
		return;
	h = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, "section-share-bychild");
	v = h ? MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
	CHECK(v && await(v, 1) && filled(v, 3000), "the child's section: %p", v);
	if (v) {
		fill(v, 4000);
		v[0] = 2;
	}
	CHECK(ob_reap(pi.hProcess, FALSE) == 0, "the creating child failed");
	UnmapViewOfFile((void *)v);
	CloseHandle(h);
}

/* An inheritable section holding pattern seed, mapped in *v, and a child
 * "role HANDLE" that inherits it; FALSE when either cannot be had. */
static BOOL start_sharing(const char *self, const char *role, DWORD seed, HANDLE *h,
			  volatile DWORD **v, PROCESS_INFORMATION *pi)
{
	char args[32];

	*h = inheritable_section();
	*v = MapViewOfFile(*h, FILE_MAP_WRITE, 0, 0, 0);
	if (!*v)
		return FALSE;
	fill(*v, seed);
	snprintf(args, sizeof(args), "%s %lx", role, (DWORD)*h);
	return ob_start(self, args, TRUE, pi);
}

static void inherited(const char *self)
{
	volatile DWORD *v;
	PROCESS_INFORMATION pi;
	HANDLE h;

	if (!start_sharing(self, "inherit", 5000, &h, &v, &pi))
		return;
	CHECK(ob_reap(pi.hProcess, FALSE) == 0, "the inheriting child failed");
	CHECK(v[0] == 1 && filled(v, 6000), "the inheriting child's writes are missing");
	UnmapViewOfFile((void *)v);
	CloseHandle(h);
}

static void copy_on_write(const char *self)
{
	volatile DWORD *v;
	PROCESS_INFORMATION pi;
	HANDLE h;

	if (!start_sharing(self, "cow", 7000, &h, &v, &pi))
		return;
	CHECK(await(v, 1), "the copying child did not write");
	CHECK(filled(v, 7000), "the child's copy-on-write writes reached the section");
	fill(v, 8000);          /* seen by the child where it has not written */
	v[0] = 2;
	CHECK(ob_reap(pi.hProcess, FALSE) == 0, "the copying child failed");
	UnmapViewOfFile((void *)v);
	CloseHandle(h);
}

static void killed_holding_views(const char *self)
{
	volatile DWORD *v;
	PROCESS_INFORMATION pi;
	HANDLE h;

	if (start_sharing(self, "hold", 10000, &h, &v, &pi))
		ob_reap(pi.hProcess, TRUE);
	UnmapViewOfFile((void *)v);
	CloseHandle(h);
}

static PROCESS_MEMORY_COUNTERS_EX counters_of(HANDLE process)
{
	PROCESS_MEMORY_COUNTERS_EX c = { 0 };

	GetProcessMemoryInfo(process, (PROCESS_MEMORY_COUNTERS *)&c, sizeof(c));
	return c;
}

static long avail_pages(void)
{
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };

	GlobalMemoryStatusEx(&ms);
	return (long)(ms.ullAvailPhys / SPAGE);
}

/* QueryWorkingSet's block for the page at p in this process (0: none). */
static PSAPI_WORKING_SET_BLOCK ws_block(volatile void *p)
{
	static ULONG_PTR buf[4096];
	PSAPI_WORKING_SET_INFORMATION *info = (PSAPI_WORKING_SET_INFORMATION *)buf;
	PSAPI_WORKING_SET_BLOCK none = { 0 };

	if (!QueryWorkingSet(GetCurrentProcess(), info, sizeof(buf)))
		return none;
	for (ULONG_PTR i = 0; i < info->NumberOfEntries; i++)
		if (info->WorkingSetInfo[i].VirtualPage == (DWORD)p >> 12)
			return info->WorkingSetInfo[i];
	return none;
}

/* PrivateUsage (= PagefileUsage) moves with private commit and with
 * copy-on-write views (charged whole when mapped), not with a view of the
 * section however much of it is written. */
static void private_usage(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 16 * SPAGE,
				      NULL);
	SIZE_T u0 = counters_of(GetCurrentProcess()).PrivateUsage, u;
	volatile DWORD *rw = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0), *cow;
	PROCESS_MEMORY_COUNTERS_EX c;
	void *priv;

	for (DWORD p = 0; rw && p < 16; p++)
		rw[p * WORDS] = p;
	c = counters_of(GetCurrentProcess());
	CHECK(rw && c.cb == sizeof(c) && c.PrivateUsage == u0 && c.PagefileUsage == u0,
	      "a written view of a section: PrivateUsage %lu -> %lu, PagefileUsage %lu, cb %lu",
	      u0, c.PrivateUsage, c.PagefileUsage, c.cb);
	priv = VirtualAlloc(NULL, 16 * SPAGE, MEM_COMMIT, PAGE_READWRITE);
	u = counters_of(GetCurrentProcess()).PrivateUsage;
	CHECK(u == u0 + 16 * SPAGE, "16 private pages: PrivateUsage %lu -> %lu", u0, u);
	cow = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
	u = counters_of(GetCurrentProcess()).PrivateUsage;
	CHECK(cow && u == u0 + 32 * SPAGE, "a 16-page copy-on-write view: PrivateUsage %lu -> %lu",
	      u0, u);
	for (DWORD p = 0; cow && p < 16; p += 2)
		cow[p * WORDS] = 100 + p;
	u = counters_of(GetCurrentProcess()).PrivateUsage;
	CHECK(u == u0 + 32 * SPAGE, "writing copy-on-write pages: PrivateUsage %lu -> %lu", u0, u);
	UnmapViewOfFile((void *)cow);
	VirtualFree(priv, 0, MEM_RELEASE);
	UnmapViewOfFile((void *)rw);
	CloseHandle(h);
	u = counters_of(GetCurrentProcess()).PrivateUsage;
	CHECK(u == u0, "all gone: PrivateUsage %lu, was %lu", u, u0);
}

/* Runs the walker on this process; whether it exited with 0. */
static BOOL walk_self(void)
{
	char cmdline[32];
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;

	snprintf(cmdline, sizeof(cmdline), "walker %lu", GetCurrentProcessId());
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return FALSE;
	CloseHandle(pi.hThread);
	return ob_reap(pi.hProcess, FALSE) == 0;
}

/* The counters' section, written through view a, read through view b and by
 * a child: its frames are taken once; each page is in both working sets,
 * Shared, ShareCount 3 (2 once the child is gone). Then the walker names
 * the views' sections: this one after its last handle is closed, and an
 * unnamed one. */
static void shared_once(const char *self)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
				      BIG_PAGES * SPAGE, "section-share-counters"), unnamed;
	volatile DWORD *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	volatile DWORD *b = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0), *c;
	PROCESS_INFORMATION pi;
	PSAPI_WORKING_SET_BLOCK wa, wb;
	long avail, taken;
	SIZE_T ws;
	DWORD sum = 0;

	CHECK(a && b, "map the counters' section: error %lu", GetLastError());
	if (!a || !b || !ob_start(self, "touch", FALSE, &pi))
		return;
	avail = avail_pages();
	ws = counters_of(GetCurrentProcess()).WorkingSetSize / SPAGE;
	for (DWORD p = 0; p < BIG_PAGES; p++)
		a[p * WORDS + 3] = p;
	taken = avail - avail_pages();
	CHECK(taken + SLACK >= (long)BIG_PAGES && taken <= (long)(BIG_PAGES + SLACK),
	      "writing %u pages of a view took %ld frames", BIG_PAGES, taken);
	avail = avail_pages();
	for (DWORD p = 0; p < BIG_PAGES; p++)
		sum += b[p * WORDS + 3];
	a[0] = 1;
	CHECK(await(&a[1], 1), "the child did not read its view");
	taken = avail - avail_pages();
	CHECK(sum == BIG_PAGES * (BIG_PAGES - 1) / 2 && taken <= (long)SLACK,
	      "the second view and the child's took %ld more frames (sum %lu)", taken, sum);
	CHECK(counters_of(GetCurrentProcess()).WorkingSetSize / SPAGE >= ws + 2 * BIG_PAGES &&
	      counters_of(pi.hProcess).WorkingSetSize / SPAGE >= BIG_PAGES,
	      "working sets: %lu pages (was %lu), the child's %lu",
	      counters_of(GetCurrentProcess()).WorkingSetSize / SPAGE, ws,
	      counters_of(pi.hProcess).WorkingSetSize / SPAGE);
	wa = ws_block(a + 5 * WORDS);
	wb = ws_block(b + 5 * WORDS);
	CHECK(wa.Shared && wa.ShareCount == 3 && wa.Protection == 4 && wb.Shared &&
	      wb.ShareCount == 3 && wb.Protection == 1, "QueryWorkingSet: shared %lu/%lu, "
	      "share count %lu/%lu, protection %lu/%lu", (DWORD)wa.Shared, (DWORD)wb.Shared,
	      (DWORD)wa.ShareCount, (DWORD)wb.ShareCount, (DWORD)wa.Protection,
	      (DWORD)wb.Protection);
	a[0] = 2;
	CHECK(ob_reap(pi.hProcess, FALSE) == 0, "the touching child failed");
	wa = ws_block(a + 5 * WORDS);
	CHECK(wa.Shared && wa.ShareCount == 2, "the child gone: share count %lu",
	      (DWORD)wa.ShareCount);
	CloseHandle(h);
	unnamed = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 8 * SPAGE,
				     NULL);
	c = MapViewOfFile(unnamed, FILE_MAP_READ, 0, 0, 0);
	CHECK(c && walk_self(), "the walker on this process failed");
	UnmapViewOfFile((void *)c);
	CloseHandle(unnamed);
	UnmapViewOfFile((void *)b);
	UnmapViewOfFile((void *)a);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		HANDLE h = argc > 2 ? (HANDLE)strtoul(argv[2], NULL, 16) : NULL;
		if (!strcmp(argv[1], "named"))
			return child_named();
		if (!strcmp(argv[1], "creator"))
			return child_creator();
		if (!strcmp(argv[1], "inherit"))
			return child_inherit(h);
		if (!strcmp(argv[1], "cow"))
			return child_cow(h);
		if (!strcmp(argv[1], "hold"))
			return child_hold(h);
		if (!strcmp(argv[1], "touch"))
			return child_touch();
		return 100;
	}
	named_both_ways(argv[0]);
	inherited(argv[0]);
	copy_on_write(argv[0]);
	killed_holding_views(argv[0]);
	private_usage();
	shared_once(argv[0]);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
