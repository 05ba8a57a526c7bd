/* Sections between processes: a named section shared both ways (the parent
 * creates it and the child writes back; the child creates one and the
 * parent writes back), an unnamed one reached through an inherited handle,
 * copy-on-write in a child while its parent writes the section, and a child
 * killed while it maps views (nothing may leak: the boot's leak line checks
 * objects, frames, slots and commit). The processes step each other along
 * through a phase word in the shared memory itself.
 *
 * Roles: the parent (no arguments); "named", "creator", "inherit HANDLE",
 * "cow HANDLE", "hold HANDLE" are the children, whose exit status is their
 * failures. Last line: "section-share: N failures"; the exit status is N. */
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

/* Child "hold HANDLE": maps and touches views, then waits to be killed. */
static int child_hold(HANDLE h)
{
	volatile DWORD *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	volatile DWORD *b = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);

	if (!a || !b)
		return 1;
	fill(a, 11000);
	fill(b, 12000);
	ob_started();
	for (;;)
		Sleep(1000);
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
		return 100;
	}
	named_both_ways(argv[0]);
	inherited(argv[0]);
	copy_on_write(argv[0]);
	killed_holding_views(argv[0]);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
