/* Windows 10's placeholders as Microsoft's VirtualAlloc2, VirtualFree and
 * MapViewOfFile3 pages describe them: the VirtualAlloc2 page's circular
 * buffer (a placeholder split in two, one section mapped into both halves,
 * a write through one view read through the other); VirtualQuery's view of
 * a placeholder (MEM_RESERVE, MEM_PRIVATE, PAGE_NOACCESS); splitting into
 * three and coalescing back; a private allocation replacing a placeholder
 * and freed back to it (MEM_PRESERVE_PLACEHOLDER); a view unmapped back to
 * a placeholder (UnmapViewOfFile2, UnmapViewOfFileEx); and every refusal:
 * the wrong protection or flags (ERROR_INVALID_PARAMETER), a replacement
 * that is not exactly one placeholder, committing, protecting or
 * decommitting inside one (ERROR_INVALID_ADDRESS), a split of a whole
 * placeholder or a coalesce of one (ERROR_INVALID_PARAMETER). Each refusal
 * leaves the placeholder as it was; an exit frees what is left. Last line "placeholders: N failures". */
#define TEST_NAME "placeholders"
#include "check.h"
#include "win32-conformance.h"
#include <string.h>

#define SIZE 0x10000u

static void query(const void *p, const void *base, SIZE_T size, DWORD state, DWORD type,
		  DWORD alloc_protect, int line)
{
	MEMORY_BASIC_INFORMATION m;

	CHECK(VirtualQuery(p, &m, sizeof(m)) == sizeof(m) && m.AllocationBase == base &&
	      m.RegionSize == size && m.State == state && m.Type == type &&
	      m.AllocationProtect == alloc_protect,
	      "line %d: base %p size 0x%lx state 0x%lx type 0x%lx protect 0x%lx", line,
	      m.AllocationBase, m.RegionSize, m.State, m.Type, m.AllocationProtect);
}
#define QUERY(p, base, size, state, type, prot) query(p, base, size, state, type, prot, __LINE__)
#define PLACEHOLDER(p, size) QUERY(p, p, size, MEM_RESERVE, MEM_PRIVATE, PAGE_NOACCESS)

static void check_free(const void *p, int line)
{
	MEMORY_BASIC_INFORMATION m;

	CHECK(VirtualQuery(p, &m, sizeof(m)) == sizeof(m) && m.State == MEM_FREE,
	      "line %d: %p is in state 0x%lx", line, p, m.State);
}
#define FREE(p) check_free(p, __LINE__)

static char *placeholder(SIZE_T size)
{
	char *p = VirtualAlloc2(NULL, NULL, size, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
				PAGE_NOACCESS, NULL, 0);

	CHECK(p != NULL, "VirtualAlloc2: %lu", GetLastError());
	return p;
}

/* The VirtualAlloc2 page's example, step by step. */
static void circular_buffer(void)
{
	char *p1 = placeholder(2 * SIZE), *p2 = p1 + SIZE, *v1, *v2;
	HANDLE section;

	PLACEHOLDER(p1, 2 * SIZE);
	CHECK(VirtualFree(p1, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "split: %lu",
	      GetLastError());
	PLACEHOLDER(p1, SIZE);
	PLACEHOLDER(p2, SIZE);
	section = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, NULL);
	v1 = MapViewOfFile3(section, NULL, p1, 0, SIZE, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE,
			    NULL, 0);
	v2 = MapViewOfFile3(section, GetCurrentProcess(), p2, 0, SIZE, MEM_REPLACE_PLACEHOLDER,
			    PAGE_READWRITE, NULL, 0);
	CHECK(v1 == p1 && v2 == p2, "views %p %p at %p %p: %lu", v1, v2, p1, p2, GetLastError());
	CloseHandle(section);   /* the views keep it */
	if (v1 != p1 || v2 != p2)
		return;
	QUERY(p1, p1, SIZE, MEM_COMMIT, MEM_MAPPED, PAGE_READWRITE);
	strcpy(v1 + SIZE - 3, "wrap");          /* runs on into the second view */
	CHECK(memcmp(v1, "p", 2) == 0 && memcmp(v2 + SIZE - 3, "wra", 3) == 0,
	      "the views disagree: '%s' '%.3s'", v1, v2 + SIZE - 3);
	CHECK(UnmapViewOfFile(v1) && UnmapViewOfFileEx(v2, 0), "unmap: %lu", GetLastError());
	FREE(p1);
	FREE(p2);
}

/* Three placeholders out of one, joined again; what coalescing refuses. */
static void split_and_coalesce(void)
{
	char *p = placeholder(3 * SIZE);

	CHECK_FAIL(VirtualFree(p, 3 * SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), FALSE,
		   ERROR_INVALID_PARAMETER);    /* it is one already */
	CHECK_FAIL(VirtualFree(p, 3 * SIZE, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), FALSE,
		   ERROR_INVALID_PARAMETER);    /* nothing to join */
	CHECK_FAIL(VirtualFree(p + 0x800, 0x1000, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), FALSE,
		   ERROR_INVALID_PARAMETER);    /* not page-aligned */
	CHECK(VirtualFree(p + SIZE, 0x3000, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER),
	      "split in three: %lu", GetLastError());
	PLACEHOLDER(p, SIZE);
	PLACEHOLDER(p + SIZE, 0x3000);
	PLACEHOLDER(p + SIZE + 0x3000, 2 * SIZE - 0x3000);
	CHECK_FAIL(VirtualFree(p, SIZE + 0x1000, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), FALSE,
		   ERROR_INVALID_ADDRESS);      /* ends inside one */
	CHECK_FAIL(VirtualFree(p + 0x1000, SIZE + 0x2000, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS),
		   FALSE, ERROR_INVALID_ADDRESS);       /* starts inside one */
	CHECK(VirtualFree(p, SIZE + 0x3000, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS),
	      "coalesce two: %lu", GetLastError());
	PLACEHOLDER(p, SIZE + 0x3000);
	CHECK(VirtualFree(p, 3 * SIZE, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS),
	      "coalesce the rest: %lu", GetLastError());
	PLACEHOLDER(p, 3 * SIZE);
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "release: %lu", GetLastError());
	FREE(p);
}

/* A placeholder next to an ordinary reservation: they do not coalesce. */
static void coalesce_needs_placeholders(void)
{
	char *p = placeholder(2 * SIZE);

	CHECK(VirtualFree(p + SIZE, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "split: %lu",
	      GetLastError());
	CHECK(VirtualFree(p + SIZE, 0, MEM_RELEASE), "release the half: %lu", GetLastError());
	CHECK(VirtualAlloc(p + SIZE, SIZE, MEM_RESERVE, PAGE_READWRITE) == p + SIZE,
	      "reserve there: %lu", GetLastError());
	CHECK_FAIL(VirtualFree(p, 2 * SIZE, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), FALSE,
		   ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualFree(p + SIZE, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), FALSE,
		   ERROR_INVALID_ADDRESS);      /* no placeholder, never replaced one */
	CHECK(VirtualFree(p + SIZE, 0, MEM_RELEASE) && VirtualFree(p, 0, MEM_RELEASE),
	      "release: %lu", GetLastError());
}

/* Nothing is committed, changed or locked in a placeholder. */
static void placeholder_is_inert(void)
{
	char *p = placeholder(2 * SIZE);
	DWORD old;

	CHECK_FAIL(VirtualAlloc(p, 0x1000, MEM_COMMIT, PAGE_READWRITE), NULL,
		   ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualProtect(p, 0x1000, PAGE_READONLY, &old), FALSE, ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualFree(p, 0x1000, MEM_DECOMMIT), FALSE, ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualFree(p, 0, MEM_DECOMMIT), FALSE, ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualLock(p, 0x1000), FALSE, ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualAlloc(p, SIZE, MEM_RESERVE, PAGE_READWRITE), NULL, ERROR_INVALID_ADDRESS);
	PLACEHOLDER(p, 2 * SIZE);
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "release: %lu", GetLastError());
}

/* VirtualAlloc2's placeholder flags: what they go with. */
static void reserve_flags(void)
{
	char *p = placeholder(2 * SIZE), *q;

	CHECK_FAIL(VirtualAlloc2(NULL, NULL, SIZE, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER,
				 PAGE_READWRITE, NULL, 0), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, SIZE, MEM_RESERVE | MEM_COMMIT |
				 MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, NULL, 0), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, SIZE, MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, NULL, 0),
		   NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 2 * SIZE, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER,
				 PAGE_READWRITE, NULL, 0), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc2(NULL, p, 2 * SIZE, MEM_COMMIT | MEM_REPLACE_PLACEHOLDER,
				 PAGE_READWRITE, NULL, 0), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS),
		   NULL, ERROR_INVALID_PARAMETER);      /* VirtualAlloc2's only */
	CHECK_FAIL(VirtualAlloc(p, 2 * SIZE, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER, PAGE_NOACCESS),
		   NULL, ERROR_INVALID_PARAMETER);
	/* A replacement names exactly one placeholder. */
	CHECK_FAIL(VirtualAlloc2(NULL, p, SIZE, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER,
				 PAGE_READWRITE, NULL, 0), NULL, ERROR_INVALID_ADDRESS);
	CHECK_FAIL(VirtualAlloc2(NULL, p + SIZE, SIZE, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER,
				 PAGE_READWRITE, NULL, 0), NULL, ERROR_INVALID_ADDRESS);
	q = VirtualAlloc(NULL, SIZE, MEM_RESERVE, PAGE_READWRITE);
	CHECK_FAIL(VirtualAlloc2(NULL, q, SIZE, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER,
				 PAGE_READWRITE, NULL, 0), NULL, ERROR_INVALID_ADDRESS);
	CHECK(VirtualFree(q, 0, MEM_RELEASE), "release: %lu", GetLastError());
	PLACEHOLDER(p, 2 * SIZE);
	/* Top-down placeholders are placeholders too. */
	q = VirtualAlloc2(NULL, NULL, SIZE, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER | MEM_TOP_DOWN,
			  PAGE_NOACCESS, NULL, 0);
	CHECK(q > p, "top-down %p below %p", q, p);
	PLACEHOLDER(q, SIZE);
	CHECK(VirtualFree(q, 0, MEM_RELEASE) && VirtualFree(p, 0, MEM_RELEASE), "release: %lu",
	      GetLastError());
}

/* A private allocation in place of a placeholder, and back. */
static void replace_with_private(void)
{
	char *p = placeholder(2 * SIZE), *a;

	CHECK(VirtualFree(p, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "split: %lu",
	      GetLastError());
	a = VirtualAlloc2(GetCurrentProcess(), p, SIZE,
			  MEM_RESERVE | MEM_COMMIT | MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	CHECK(a == p, "replaced at %p, not %p: %lu", a, p, GetLastError());
	if (a != p)
		return;
	QUERY(a, a, SIZE, MEM_COMMIT, MEM_PRIVATE, PAGE_READWRITE);
	memset(a, 0x5a, SIZE);
	CHECK(VirtualLock(a, 0x2000), "lock: %lu", GetLastError());    /* unlocked as it goes */
	CHECK_FAIL(VirtualFree(a, 0x1000, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), FALSE,
		   ERROR_INVALID_PARAMETER);    /* all of it or nothing */
	CHECK_FAIL(VirtualFree(a, SIZE, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), FALSE,
		   ERROR_INVALID_ADDRESS);
	CHECK(VirtualFree(a, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "back: %lu",
	      GetLastError());
	PLACEHOLDER(p, SIZE);
	/* Reserved only this time, committed afterwards as usual. */
	a = VirtualAlloc2(NULL, p, SIZE, MEM_RESERVE | MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE,
			  NULL, 0);
	CHECK(a == p && VirtualAlloc(a + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE) == a + 0x1000,
	      "reserve, commit: %lu", GetLastError());
	QUERY(a, a, 0x1000, MEM_RESERVE, MEM_PRIVATE, PAGE_READWRITE);
	CHECK(a[0x1000] == 0, "a new page reads %d", a[0x1000]);
	a[0x1000] = 1;
	CHECK(VirtualFree(a, 0, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "back (size 0): %lu",
	      GetLastError());
	/* Watched writes, in a replacement too. */
	a = VirtualAlloc2(NULL, p, SIZE, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH |
			  MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	CHECK(a == p, "watched: %lu", GetLastError());
	if (a == p) {
		PVOID hits[4];
		ULONG_PTR count = 4;
		ULONG granularity;
		a[0x3000] = 1;
		CHECK(GetWriteWatch(0, a, SIZE, hits, &count, &granularity) == 0 && count == 1 &&
		      hits[0] == a + 0x3000, "%lu written", (unsigned long)count);
		CHECK(VirtualFree(a, 0, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "back: %lu",
		      GetLastError());
	}
	CHECK(VirtualFree(p, 2 * SIZE, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), "join: %lu",
	      GetLastError());
	PLACEHOLDER(p, 2 * SIZE);
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "release: %lu", GetLastError());
}

/* A view in place of a placeholder, and back; what a view refuses. */
static void replace_with_view(void)
{
	HANDLE s = CreateFileMapping2(INVALID_HANDLE_VALUE, NULL, FILE_MAP_ALL_ACCESS,
				      PAGE_READWRITE, SEC_COMMIT, 2 * SIZE, NULL, NULL, 0);
	char *p = placeholder(2 * SIZE), *v, *w;

	CHECK(s != NULL, "CreateFileMapping2: %lu", GetLastError());
	CHECK_FAIL(MapViewOfFile3(s, NULL, p, 0, SIZE, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE,
				  NULL, 0), NULL, ERROR_INVALID_ADDRESS);       /* half of it */
	CHECK_FAIL(MapViewOfFile3(s, NULL, p, 0, 0, MEM_RESERVE, PAGE_READWRITE, NULL, 0), NULL,
		   ERROR_INVALID_PARAMETER);
	PLACEHOLDER(p, 2 * SIZE);
	v = MapViewOfFile3(s, NULL, p, 0, 0, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	CHECK(v == p, "view at %p, not %p: %lu", v, p, GetLastError());
	if (v != p)
		return;
	strcpy(v, "kept");
	CHECK_FAIL(VirtualFree(v, 0, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), FALSE,
		   ERROR_INVALID_PARAMETER);    /* a view goes by UnmapViewOfFile2 */
	CHECK(UnmapViewOfFile2(GetCurrentProcess(), v, MEM_PRESERVE_PLACEHOLDER),
	      "unmap to a placeholder: %lu", GetLastError());
	PLACEHOLDER(p, 2 * SIZE);
	/* The section kept what the view wrote; a split placeholder takes a
	 * view at a page, not 64 KB, boundary. */
	CHECK(VirtualFree(p, 0x1000, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "split: %lu",
	      GetLastError());
	w = MapViewOfFile3(s, NULL, p + 0x1000, 0, 2 * SIZE - 0x1000, MEM_REPLACE_PLACEHOLDER,
			   PAGE_READONLY, NULL, 0);
	CHECK(w == p + 0x1000 && strcmp(w, "kept") == 0, "view at %p: %lu", w, GetLastError());
	CHECK(UnmapViewOfFileEx(w, MEM_PRESERVE_PLACEHOLDER | MEM_UNMAP_WITH_TRANSIENT_BOOST),
	      "unmap: %lu", GetLastError());
	PLACEHOLDER(p + 0x1000, 2 * SIZE - 0x1000);
	/* An ordinary view has no placeholder to go back to. */
	v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
	CHECK_FAIL(UnmapViewOfFileEx(v, MEM_PRESERVE_PLACEHOLDER), FALSE, ERROR_INVALID_ADDRESS);
	CHECK_FAIL(UnmapViewOfFileEx(v, 4), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(UnmapViewOfFile(v), "unmap: %lu", GetLastError());
	CHECK(VirtualFree(p, 2 * SIZE, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS) &&
	      VirtualFree(p, 0, MEM_RELEASE), "release: %lu", GetLastError());
	CloseHandle(s);
}

/* The process ends holding placeholders, a view in one and an allocation
 * in another: its exit frees them all (the runner's leak check). */
static void left_at_exit(void)
{
	HANDLE s = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, NULL);
	char *p = placeholder(4 * SIZE), *v, *a;

	CHECK(VirtualFree(p, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER) &&
	      VirtualFree(p + SIZE, SIZE, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "split: %lu",
	      GetLastError());
	v = MapViewOfFile3(s, NULL, p, 0, SIZE, MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
	a = VirtualAlloc2(NULL, p + SIZE, SIZE, MEM_RESERVE | MEM_COMMIT | MEM_REPLACE_PLACEHOLDER,
			  PAGE_READWRITE, NULL, 0);
	CHECK(v == p && a == p + SIZE, "view %p, allocation %p: %lu", v, a, GetLastError());
	if (v == p && a == p + SIZE)
		v[0] = a[0] = 1;
	CloseHandle(s);
}

int main(void)
{
	circular_buffer();
	split_and_coalesce();
	coalesce_needs_placeholders();
	placeholder_is_inert();
	reserve_flags();
	replace_with_private();
	replace_with_view();
	left_at_exit();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
