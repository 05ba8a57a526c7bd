/* Fault-around on views (mm/protofault.c proto_map_around): a read fault on
 * a view maps the resident pages of its aligned 16-page cluster with it, and
 * nothing else. Checked through QueryWorkingSetEx (Valid, ShareCount): the
 * cluster of a read fault, none for a write fault, none past the view's end,
 * a view at a section offset seeing its own pages, neighbours left out when
 * not committed (SEC_RESERVE), PAGE_NOACCESS or guard pages; a write through
 * a page mapped around a read-write view kept (its dirty bit tracked: an
 * unwritten zero page would be dropped), and copy-on-write still copying.
 * Last line: "section-around: N failures"; the exit status is N. */
#define TEST_NAME "section-around"
#include "check.h"
#include "section-common.h"

#define PAGES 64
#define WORDS (SPAGE / 4)

/* QueryWorkingSetEx's block for the page at p. */
static PSAPI_WORKING_SET_EX_BLOCK ws(volatile void *p)
{
	PSAPI_WORKING_SET_EX_INFORMATION i = { .VirtualAddress = (PVOID)p };

	if (!QueryWorkingSetEx(GetCurrentProcess(), &i, sizeof(i)))
		i.VirtualAttributes.Flags = 0xffffffffu;
	return i.VirtualAttributes;
}

/* A bitmap of which of view v's pages [0, n) are valid. */
static unsigned long long valid_map(volatile DWORD *v, int n)
{
	unsigned long long m = 0;

	for (int p = 0; p < n; p++)
		if (ws(v + p * WORDS).Valid)
			m |= 1ull << p;
	return m;
}

static HANDLE section(DWORD flags, DWORD pages)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | flags, 0,
				  pages * SPAGE, NULL);
}

/* Reads word 0 of each of pages [0, n) of view v (faults them in). */
static DWORD touch(volatile DWORD *v, int n)
{
	DWORD x = 0;

	for (int p = 0; p < n; p++)
		x ^= v[p * WORDS];
	return x;
}

/* A read-write view's read fault maps its cluster; a write fault only its
 * page; a view ending mid-cluster and one at a section offset. */
static void clusters(HANDLE s, volatile DWORD *a)
{
	volatile DWORD *b = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, PAGES * SPAGE);
	volatile DWORD *d = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 20 * SPAGE);
	volatile DWORD *e = MapViewOfFile(s, FILE_MAP_READ, 0, GRANULE, 40 * SPAGE);

	CHECK(b && d && e, "MapViewOfFile: error %lu", GetLastError());
	if (!b || !d || !e)
		return;
	CHECK(b[3 * WORDS] == 3, "page 3 reads %lu", b[3 * WORDS]);
	CHECK(valid_map(b, PAGES) == 0xffff, "valid after reading page 3: %llx",
	      valid_map(b, PAGES));
	CHECK(ws(b + 7 * WORDS).ShareCount == 2 && ws(b + 7 * WORDS).Shared,
	      "page 7 shared by %u", (unsigned)ws(b + 7 * WORDS).ShareCount);
	b[40 * WORDS] = 1040;   /* a write fault: its page alone */
	CHECK(valid_map(b, PAGES) == (0xffffull | 1ull << 40), "after the write: %llx",
	      valid_map(b, PAGES));
	CHECK(d[17 * WORDS] == 17, "d page 17 reads %lu", d[17 * WORDS]);
	CHECK(valid_map(d, 24) == 0xf0000, "the 20-page view's valid pages %llx",
	      valid_map(d, 24));
	CHECK(e[0] == 16, "the view at 64 KB reads %lu", e[0]);
	CHECK(valid_map(e, 40) == 0xffff, "its valid pages %llx", valid_map(e, 40));
	for (int p = 0; p < 16; p++)
		CHECK(e[p * WORDS] == (DWORD)(16 + p), "e page %d reads %lu", p, e[p * WORDS]);
	CHECK(ws(e).ShareCount == 3, "page 16 shared by %u",
	      (unsigned)ws(e).ShareCount);
	b[40 * WORDS] = 40;
	CHECK(UnmapViewOfFile((LPCVOID)b) && UnmapViewOfFile((LPCVOID)d) &&
	      UnmapViewOfFile((LPCVOID)e), "UnmapViewOfFile: error %lu", GetLastError());
	CHECK(ws(a + 7 * WORDS).ShareCount == 1, "page 7 shared by %u after the unmaps",
	      (unsigned)ws(a + 7 * WORDS).ShareCount);
}

/* Pages made resident by reads alone (zero, never written), then a write
 * through a page a read mapped around: it must survive both views going. */
static void write_after_around(void)
{
	HANDLE s = section(0, 32);
	volatile DWORD *a = s ? MapViewOfFile(s, FILE_MAP_READ, 0, 0, 32 * SPAGE) : NULL;
	volatile DWORD *b = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 32 * SPAGE) : NULL;
	volatile DWORD *c;

	CHECK(a && b, "views: error %lu", GetLastError());
	if (!a || !b)
		return;
	CHECK(touch(a, 16) == 0, "zero pages read non-zero");
	CHECK(valid_map(a, 32) == 0xffff, "read faults on zero pages: %llx", valid_map(a, 32));
	CHECK(b[0] == 0 && valid_map(b, 32) == 0xffff, "b after one read: %llx",
	      valid_map(b, 32));
	b[5 * WORDS + 9] = 0xfeed5;     /* no fault: mapped around, writable */
	CHECK(UnmapViewOfFile((LPCVOID)a) && UnmapViewOfFile((LPCVOID)b), "unmap: error %lu",
	      GetLastError());
	c = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 32 * SPAGE);
	CHECK(c && c[5 * WORDS + 9] == 0xfeed5, "the write through the page mapped around "
	      "was lost: %lx", c ? c[5 * WORDS + 9] : 0);
	CHECK(c && c[6 * WORDS] == 0, "an untouched page reads %lx", c ? c[6 * WORDS] : 0);
	CHECK(c && UnmapViewOfFile((LPCVOID)c) && CloseHandle(s), "close: error %lu",
	      GetLastError());
}

/* Neighbours not committed, PAGE_NOACCESS or guard pages stay out. */
static void left_out(void)
{
	HANDLE s = section(SEC_RESERVE, 32);
	volatile DWORD *a = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 32 * SPAGE) : NULL;
	volatile DWORD *b = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 32 * SPAGE) : NULL;
	DWORD old;

	CHECK(a && b, "views: error %lu", GetLastError());
	if (!a || !b)
		return;
	CHECK(VirtualAlloc((LPVOID)a, 4 * SPAGE, MEM_COMMIT, PAGE_READWRITE) &&
	      VirtualAlloc((LPVOID)(a + 6 * WORDS), 26 * SPAGE, MEM_COMMIT, PAGE_READWRITE),
	      "MEM_COMMIT: error %lu", GetLastError());
	for (int p = 0; p < 32; p++)
		if (p != 4 && p != 5)
			a[p * WORDS] = p;
	CHECK(VirtualProtect((LPVOID)(b + 9 * WORDS), SPAGE, PAGE_NOACCESS, &old) &&
	      VirtualProtect((LPVOID)(b + 10 * WORDS), SPAGE, PAGE_READWRITE | PAGE_GUARD, &old),
	      "VirtualProtect: error %lu", GetLastError());
	CHECK(b[8 * WORDS] == 8, "page 8 reads %lu", b[8 * WORDS]);
	CHECK(valid_map(b, 32) == 0xf9cf, "valid around page 8: %llx (4, 5, 9, 10 out)",
	      valid_map(b, 32));
	CHECK(sec_faults(b + 4 * WORDS, 0, 0), "reading an uncommitted page did not fault");
	CHECK(sec_faults(b + 9 * WORDS, 0, 0), "reading a PAGE_NOACCESS page did not fault");
	CHECK(UnmapViewOfFile((LPCVOID)a) && UnmapViewOfFile((LPCVOID)b) && CloseHandle(s),
	      "close: error %lu", GetLastError());
}

/* A copy-on-write view: pages mapped around are shared and read-only; the
 * first write still makes a private copy. */
static void copy_on_write(HANDLE s, volatile DWORD *a)
{
	volatile DWORD *f = MapViewOfFile(s, FILE_MAP_COPY, 0, 0, PAGES * SPAGE);

	CHECK(f != NULL, "FILE_MAP_COPY: error %lu", GetLastError());
	if (!f)
		return;
	CHECK(f[0] == 0 && valid_map(f, PAGES) == 0xffff, "copy view after a read: %llx",
	      valid_map(f, PAGES));
	f[2 * WORDS] = 777;
	CHECK(!ws(f + 2 * WORDS).Shared && a[2 * WORDS] == 2 && f[2 * WORDS] == 777,
	      "copy-on-write of a page mapped around: shared %u, section %lu, copy %lu",
	      (unsigned)ws(f + 2 * WORDS).Shared, a[2 * WORDS], f[2 * WORDS]);
	CHECK(ws(f + 3 * WORDS).Shared && f[3 * WORDS] == 3, "page 3 of the copy view");
	CHECK(UnmapViewOfFile((LPCVOID)f), "unmap: error %lu", GetLastError());
}

int main(void)
{
	HANDLE s = section(0, PAGES);
	volatile DWORD *a = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, PAGES * SPAGE) : NULL;

	sec_catch_avs();
	CHECK(a != NULL, "the section: error %lu", GetLastError());
	if (a) {
		for (int p = 0; p < PAGES; p++)
			a[p * WORDS] = p;       /* write faults: resident, one share */
		clusters(s, a);
		copy_on_write(s, a);
		CHECK(UnmapViewOfFile((LPCVOID)a) && CloseHandle(s), "close: error %lu",
		      GetLastError());
	}
	write_after_around();
	left_out();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
