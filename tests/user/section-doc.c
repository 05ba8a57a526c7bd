/* Sections against Microsoft's documentation of CreateFileMapping,
 * OpenFileMapping, MapViewOfFile(Ex), UnmapViewOfFile(Ex), FlushViewOfFile
 * and the *FromApp forms, where the existing section tests leave off:
 *   - CreateFileMapping's last error (0 for a new object, ERROR_ALREADY_EXISTS
 *     and the same object for an existing name; names are case-sensitive),
 *     its SEC_ attributes (SEC_NOCACHE and SEC_WRITECOMBINE only with
 *     SEC_COMMIT or SEC_RESERVE; SEC_LARGE_PAGES; SEC_IMAGE without a file);
 *   - the view protection dwDesiredAccess gives (FILE_MAP_COPY alone is
 *     copy-on-write, with FILE_MAP_READ it is read-only; 0 is a view of no
 *     access; FILE_MAP_EXECUTE adds execute, for a section created with a
 *     PAGE_EXECUTE_* protection only: the others allow no execute views and
 *     their handles hold no SECTION_MAP_EXECUTE), what the handle must
 *     hold, what VirtualProtect accepts in each view;
 *   - sizes: a pagefile section rounded up to pages, a file's to the byte;
 *   - file sections: VirtualAlloc(MEM_COMMIT) in their views, the file
 *     handle's access, exec views;
 *   - unmapping at any address of a view, and not elsewhere.
 * Run with a C: volume (the file part). Last line: "section-doc: N
 * failures"; the exit status is N. */
#define TEST_NAME "section-doc"
#include "check.h"
#include "section-common.h"
#include "token-common.h"
#include <string.h>

#define CHECK_ERR(call, error) FAILS(call, 0, error)

/* VirtualQuery's Protect, AllocationProtect, State and Type at p. */
static void expect_region(const void *p, DWORD size, DWORD protect, DWORD alloc, DWORD state,
			  int line)
{
	MEMORY_BASIC_INFORMATION mbi;

	CHECK(VirtualQuery(p, &mbi, sizeof(mbi)) == sizeof(mbi), "line %d", line);
	CHECK(mbi.AllocationBase == p && mbi.BaseAddress == p && mbi.RegionSize == size &&
	      mbi.Protect == protect && mbi.AllocationProtect == alloc && mbi.State == state &&
	      mbi.Type == MEM_MAPPED,
	      "line %d: base %p size %#lx protect %#lx alloc %#lx state %#lx type %#lx", line,
	      mbi.AllocationBase, mbi.RegionSize, mbi.Protect, mbi.AllocationProtect, mbi.State,
	      mbi.Type);
}
#define EXPECT_REGION(p, size, protect, alloc, state) \
	expect_region(p, size, protect, alloc, state, __LINE__)

static HANDLE anon(DWORD flags, DWORD size, const char *name)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, flags, 0, size, name);
}

/* A new object sets the last error to 0; an existing name returns that
 * object with ERROR_ALREADY_EXISTS (its size kept); names are
 * case-sensitive; the name goes with the last handle even while views
 * remain. OpenFileMapping(FILE_MAP_COPY) can map. */
static void names(void)
{
	HANDLE a, b, c, o;
	DWORD *pa, *pb;

	SetLastError(0xdead);
	a = anon(PAGE_READWRITE, SPAGE, "section-doc-name");
	CHECK(a && GetLastError() == 0, "new: %lu", GetLastError());
	SetLastError(0xdead);
	b = anon(PAGE_READONLY, 8 * SPAGE, "section-doc-name");
	CHECK(b && b != a && GetLastError() == ERROR_ALREADY_EXISTS, "again: %lu", GetLastError());
	pa = MapViewOfFile(a, FILE_MAP_WRITE, 0, 0, 0);
	pb = MapViewOfFile(b, FILE_MAP_READ, 0, 0, 0);
	CHECK(pa && pb, "views %p %p: %lu", pa, pb, GetLastError());
	if (pa && pb) {
		*pa = 0x5ec7;
		CHECK(*pb == 0x5ec7, "the second handle maps another object");
		EXPECT_REGION(pb, SPAGE, PAGE_READONLY, PAGE_READONLY, MEM_COMMIT);
	}
	SetLastError(0xdead);
	c = anon(PAGE_READWRITE, SPAGE, "SECTION-DOC-NAME");
	CHECK(c && GetLastError() == 0, "other case: %lu", GetLastError());
	CHECK_ERR(OpenFileMappingA(FILE_MAP_READ, FALSE, "Section-Doc-Name"), ERROR_FILE_NOT_FOUND);
	/* A read-only create of the name: a handle to the section that cannot
	 * write it. */
	o = anon(PAGE_READONLY, SPAGE, "section-doc-name");
	CHECK(o && GetLastError() == ERROR_ALREADY_EXISTS, "read-only again: %lu", GetLastError());
	CHECK_ERR(MapViewOfFile(o, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(o, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0), ERROR_ACCESS_DENIED);
	CloseHandle(o);
	o = OpenFileMappingA(FILE_MAP_COPY, FALSE, "section-doc-name");
	CHECK(o, "OpenFileMapping(FILE_MAP_COPY): %lu", GetLastError());
	if (o) {
		DWORD *p = MapViewOfFile(o, FILE_MAP_READ, 0, 0, 0);
		CHECK(p && *p == 0x5ec7, "a FILE_MAP_COPY handle reads: %lu", GetLastError());
		UnmapViewOfFile(p);
		p = MapViewOfFile(o, FILE_MAP_COPY, 0, 0, 0);
		CHECK(p && *p == 0x5ec7, "a FILE_MAP_COPY handle copies: %lu", GetLastError());
		UnmapViewOfFile(p);
		CHECK_ERR(MapViewOfFile(o, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
		CloseHandle(o);
	}
	CloseHandle(a);
	CloseHandle(b);
	CloseHandle(c);
	CHECK_ERR(OpenFileMappingA(FILE_MAP_READ, FALSE, "section-doc-name"), ERROR_FILE_NOT_FOUND);
	CHECK(pa && *pa == 0x5ec7, "the view outlives the handles");
	SetLastError(0xdead);
	a = anon(PAGE_READWRITE, SPAGE, "section-doc-name");
	CHECK(a && GetLastError() == 0, "the name is free again: %lu", GetLastError());
	CloseHandle(a);
	CHECK(UnmapViewOfFile(pa) && UnmapViewOfFile(pb), "unmap: %lu", GetLastError());
}

/* The SEC_ attributes CreateFileMapping takes with a protection. */
static void sec_flags(void)
{
	static const struct { DWORD flags, error; } t[] = {
		{ SEC_RESERVE, 0 }, { SEC_RESERVE | SEC_NOCACHE, 0 },
		{ SEC_RESERVE | SEC_WRITECOMBINE, 0 }, { SEC_COMMIT, 0 },
		{ SEC_COMMIT | SEC_NOCACHE, 0 }, { SEC_COMMIT | SEC_WRITECOMBINE, 0 },
		{ SEC_RESERVE | SEC_LARGE_PAGES, ERROR_INVALID_PARAMETER },
		{ SEC_RESERVE | SEC_COMMIT, ERROR_INVALID_PARAMETER },
		{ SEC_IMAGE, ERROR_BAD_EXE_FORMAT },
		{ SEC_IMAGE_NO_EXECUTE, ERROR_BAD_EXE_FORMAT },
		{ SEC_IMAGE | SEC_RESERVE, ERROR_INVALID_PARAMETER },
		{ SEC_IMAGE | SEC_COMMIT, ERROR_INVALID_PARAMETER },
		{ SEC_NOCACHE, ERROR_INVALID_PARAMETER },
		{ SEC_WRITECOMBINE, ERROR_INVALID_PARAMETER },
		{ SEC_LARGE_PAGES, ERROR_INVALID_PARAMETER },
		{ SEC_FILE, ERROR_INVALID_PARAMETER },
		{ SEC_FILE | SEC_COMMIT, ERROR_INVALID_PARAMETER },
		{ SEC_NOCACHE | SEC_WRITECOMBINE | SEC_COMMIT, ERROR_INVALID_PARAMETER },
		/* Without SeLockMemoryPrivilege enabled. */
		{ SEC_COMMIT | SEC_LARGE_PAGES, ERROR_PRIVILEGE_NOT_HELD },
	};

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		HANDLE h;
		SetLastError(0xdead);
		h = anon(t[i].flags | PAGE_READWRITE, 4 << 20, NULL);
		CHECK(!h == !!t[i].error && GetLastError() == t[i].error,
		      "flags %#lx: %p, error %lu, want %lu", t[i].flags, h, GetLastError(),
		      t[i].error);
		CloseHandle(h);
	}
}

/* SEC_COMMIT | SEC_LARGE_PAGES with SeLockMemoryPrivilege enabled: a size
 * that is a multiple of GetLargePageMinimum. */
static void large_pages(void)
{
	SIZE_T large = GetLargePageMinimum();
	HANDLE h;
	DWORD *p;

	if (!large)
		return;         /* no large pages on this CPU: nothing to ask */
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enable: %lu", GetLastError());
	CHECK_ERR(anon(PAGE_READWRITE | SEC_COMMIT | SEC_LARGE_PAGES, large + SPAGE, NULL),
		  ERROR_INVALID_PARAMETER);
	h = anon(PAGE_READWRITE | SEC_COMMIT | SEC_LARGE_PAGES, large, NULL);
	CHECK(h, "a large-page section: %lu", GetLastError());
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	CHECK(p && !sec_faults(p, 1, 7) && !sec_faults(p + large / 4 - 1, 1, 8), "its view %p: %lu",
	      p, GetLastError());
	UnmapViewOfFile(p);
	CloseHandle(h);
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, FALSE), "disable: %lu", GetLastError());
}

/* dwDesiredAccess -> the view's protection, on a read-write section and a
 * read-only one (an executable one for FILE_MAP_EXECUTE, which the other two
 * refuse); what the handle must grant. */
static void view_access(void)
{
	static const struct { DWORD access, protect; } t[] = {
		{ 0, PAGE_NOACCESS },
		{ FILE_MAP_COPY, PAGE_WRITECOPY },
		{ FILE_MAP_WRITE, PAGE_READWRITE },
		{ FILE_MAP_WRITE | FILE_MAP_COPY, PAGE_READWRITE },
		{ FILE_MAP_READ, PAGE_READONLY },
		{ FILE_MAP_READ | FILE_MAP_COPY, PAGE_READONLY },
		{ FILE_MAP_ALL_ACCESS, PAGE_READWRITE },
		{ FILE_MAP_EXECUTE, PAGE_NOACCESS },
		{ FILE_MAP_EXECUTE | FILE_MAP_COPY, PAGE_EXECUTE_WRITECOPY },
		{ FILE_MAP_EXECUTE | FILE_MAP_WRITE, PAGE_EXECUTE_READWRITE },
		{ FILE_MAP_EXECUTE | FILE_MAP_READ, PAGE_EXECUTE_READ },
		{ FILE_MAP_EXECUTE | FILE_MAP_READ | FILE_MAP_COPY, PAGE_EXECUTE_READ },
	};
	HANDLE rw = anon(PAGE_READWRITE, 4090, NULL), ro = anon(PAGE_READONLY, SPAGE, NULL), dup;
	HANDLE rx = anon(PAGE_EXECUTE_READWRITE, SPAGE, NULL);
	BYTE *p;

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		BOOL exec = (t[i].access & FILE_MAP_EXECUTE) != 0;
		p = MapViewOfFile(exec ? rx : rw, t[i].access, 0, 0, 0);
		CHECK(p, "access %#lx: %lu", t[i].access, GetLastError());
		if (!p)
			continue;
		EXPECT_REGION(p, SPAGE, t[i].protect, t[i].protect, MEM_COMMIT);
		if (t[i].protect == PAGE_NOACCESS)
			CHECK(sec_faults((DWORD *)p, 0, 0), "a view of no access reads");
		UnmapViewOfFile(p);
		if (exec) {
			CHECK_ERR(MapViewOfFile(rw, t[i].access, 0, 0, 0), ERROR_ACCESS_DENIED);
			CHECK_ERR(MapViewOfFile(ro, t[i].access, 0, 0, 0), ERROR_ACCESS_DENIED);
			continue;
		}
		p = MapViewOfFile(ro, t[i].access, 0, 0, 0);
		if (t[i].access & FILE_MAP_WRITE) {
			CHECK(!p && GetLastError() == ERROR_ACCESS_DENIED, "read-only %#lx: %lu",
			      t[i].access, GetLastError());
		} else {
			CHECK(p, "read-only %#lx: %lu", t[i].access, GetLastError());
			EXPECT_REGION(p, SPAGE, t[i].protect, t[i].protect, MEM_COMMIT);
		}
		UnmapViewOfFile(p);
	}
	/* A handle with FILE_MAP_READ maps reading and no-access views only;
	 * one with no access maps nothing. */
	DuplicateHandle(GetCurrentProcess(), rw, GetCurrentProcess(), &dup, FILE_MAP_READ, FALSE, 0);
	CHECK_ERR(MapViewOfFile(dup, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(dup, FILE_MAP_EXECUTE | FILE_MAP_READ, 0, 0, 0),
		  ERROR_ACCESS_DENIED);
	p = MapViewOfFile(dup, 0, 0, 0, 0);
	CHECK(p, "no-access view through a FILE_MAP_READ handle: %lu", GetLastError());
	UnmapViewOfFile(p);
	p = MapViewOfFile(dup, FILE_MAP_COPY, 0, 0, 0);
	CHECK(p, "copy view through a FILE_MAP_READ handle: %lu", GetLastError());
	UnmapViewOfFile(p);
	CloseHandle(dup);
	DuplicateHandle(GetCurrentProcess(), rw, GetCurrentProcess(), &dup, 0, FALSE, 0);
	CHECK_ERR(MapViewOfFile(dup, 0, 0, 0, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(dup, FILE_MAP_READ, 0, 0, 0), ERROR_ACCESS_DENIED);
	CloseHandle(dup);
	/* Sizes: 4090 bytes are a page; more than that is past the end. */
	p = MapViewOfFile(rw, FILE_MAP_READ, 0, 0, SPAGE);
	CHECK(p, "a page of a 4090-byte section: %lu", GetLastError());
	UnmapViewOfFile(p);
	CHECK_ERR(MapViewOfFile(rw, FILE_MAP_READ, 0, 0, SPAGE + 1), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(rw, FILE_MAP_READ, 0, 0x10000, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(rw, FILE_MAP_READ, 0, SPAGE, 0), ERROR_MAPPED_ALIGNMENT);
	CHECK_ERR(MapViewOfFileEx(rw, FILE_MAP_READ, 0, 0, 0, (void *)0x20001000),
		  ERROR_MAPPED_ALIGNMENT);
	CHECK_ERR(MapViewOfFileEx(rw, FILE_MAP_READ, 0, 0, 0, (void *)0x80000000),
		  ERROR_INVALID_PARAMETER);
	/* hFile NULL is no file, as INVALID_HANDLE_VALUE (NtCreateSection's). */
	CHECK_ERR(CreateFileMappingA(NULL, NULL, PAGE_READWRITE, 0, 0, NULL),
		  ERROR_INVALID_PARAMETER);
	dup = CreateFileMappingA(NULL, NULL, PAGE_READWRITE, 0, SPAGE, NULL);
	p = MapViewOfFile(dup, FILE_MAP_WRITE, 0, 0, 0);
	CHECK(p && !sec_faults((DWORD *)p, 1, 3), "a section of hFile NULL: %lu", GetLastError());
	UnmapViewOfFile(p);
	CloseHandle(dup);
	CloseHandle(rw);
	CloseHandle(ro);
	CloseHandle(rx);
}

/* VirtualProtect in a view: a protection within both the view's access and
 * the section's, or the view's own (Windows' rule); else
 * ERROR_INVALID_PARAMETER. PAGE_WRITECOPY only reads, so a read-only view
 * takes it, and a write then makes the page a private copy. */
static void view_protect(void)
{
	HANDLE rw = anon(PAGE_READWRITE, SPAGE, NULL), rx = anon(PAGE_EXECUTE_READ, SPAGE, NULL);
	DWORD *r = MapViewOfFile(rw, FILE_MAP_READ, 0, 0, 0), old;
	DWORD *w = MapViewOfFile(rw, FILE_MAP_WRITE, 0, 0, 0);
	DWORD *x = MapViewOfFile(rx, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0);

	CHECK(r && w && x, "views %p %p %p: %lu", r, w, x, GetLastError());
	if (!r || !w || !x)
		return;
	*w = 1;
	CHECK_ERR(VirtualProtect(r, SPAGE, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER);
	CHECK_ERR(VirtualProtect(r, SPAGE, PAGE_EXECUTE_READ, &old), ERROR_INVALID_PARAMETER);
	MEMORYSTATUSEX before, after;
	before.dwLength = after.dwLength = sizeof(before);
	GlobalMemoryStatusEx(&before);
	CHECK(VirtualProtect(r, SPAGE, PAGE_WRITECOPY, &old) && old == PAGE_READONLY,
	      "WRITECOPY in a read view: %lu", GetLastError());
	/* The copy its write will make is charged now, once. */
	GlobalMemoryStatusEx(&after);
	CHECK(before.ullAvailPageFile - after.ullAvailPageFile == SPAGE,
	      "WRITECOPY charged %lu bytes", (unsigned long)(before.ullAvailPageFile -
						      after.ullAvailPageFile));
	EXPECT_REGION(r, SPAGE, PAGE_WRITECOPY, PAGE_READONLY, MEM_COMMIT);
	CHECK(!sec_faults(r, 1, 2), "writing a WRITECOPY page of a read view");
	CHECK(*r == 2 && *w == 1, "the copy is private: %lu %lu", *r, *w);
	EXPECT_REGION(r, SPAGE, PAGE_READWRITE, PAGE_READONLY, MEM_COMMIT);
	CHECK_ERR(VirtualProtect(w, SPAGE, PAGE_EXECUTE_READ, &old), ERROR_INVALID_PARAMETER);
	CHECK(VirtualProtect(w, SPAGE, PAGE_WRITECOPY, &old) && old == PAGE_READWRITE,
	      "WRITECOPY in a write view: %lu", GetLastError());
	/* An executable view of an execute-read section: reading or
	 * executing, never writing. */
	EXPECT_REGION(x, SPAGE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READ, MEM_COMMIT);
	CHECK_ERR(VirtualProtect(x, SPAGE, PAGE_EXECUTE_READWRITE, &old), ERROR_INVALID_PARAMETER);
	CHECK(VirtualProtect(x, SPAGE, PAGE_READONLY, &old) && old == PAGE_EXECUTE_READ,
	      "READONLY in an exec view: %lu", GetLastError());
	CHECK(VirtualProtect(x, SPAGE, PAGE_EXECUTE_READ, &old) && old == PAGE_READONLY,
	      "back to the view's own: %lu", GetLastError());
	UnmapViewOfFile(r);
	UnmapViewOfFile(w);
	UnmapViewOfFile(x);
	CloseHandle(rw);
	CloseHandle(rx);
}

/* UnmapViewOfFile takes any address inside a view; nothing else.
 * UnmapViewOfFileEx does the same with flags 0. */
static void unmapping(void)
{
	HANDLE h = anon(PAGE_READWRITE, 3 * SPAGE, NULL);
	BYTE *p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	void *priv = VirtualAlloc(NULL, GRANULE, MEM_COMMIT, PAGE_READWRITE);
	MEMORY_BASIC_INFORMATION mbi;

	CHECK(p && UnmapViewOfFile(p + SPAGE + 100), "inside: %lu", GetLastError());
	CHECK(VirtualQuery(p, &mbi, sizeof(mbi)) && mbi.State == MEM_FREE, "state %#lx",
	      mbi.State);
	CHECK_ERR(UnmapViewOfFile(p), ERROR_INVALID_ADDRESS);
	CHECK_ERR(UnmapViewOfFile(priv), ERROR_INVALID_ADDRESS);
	CHECK_ERR(UnmapViewOfFile((BYTE *)priv + 0x3000), ERROR_INVALID_ADDRESS);
	CHECK_ERR(UnmapViewOfFile(NULL), ERROR_INVALID_ADDRESS);
	CHECK_ERR(FlushViewOfFile(priv, 0), ERROR_INVALID_ADDRESS);
	p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	CHECK(FlushViewOfFile(p, 0), "flushing a pagefile view: %lu", GetLastError());
	CHECK_ERR(UnmapViewOfFileEx(p, 0x80), ERROR_INVALID_PARAMETER);
	CHECK(UnmapViewOfFileEx(p + 5, 0), "UnmapViewOfFileEx: %lu", GetLastError());
	p = MapViewOfFileFromApp(h, FILE_MAP_WRITE, 0, 0);
	CHECK(p, "MapViewOfFileFromApp: %lu", GetLastError());
	CHECK(UnmapViewOfFile2(GetCurrentProcess(), p, 0), "UnmapViewOfFile2: %lu", GetLastError());
	/* MapViewOfFile2 takes a page protection and rounds the base down. */
	p = MapViewOfFile2(h, GetCurrentProcess(), 0, (BYTE *)priv + GRANULE + 0x1234, 0, 0,
			   PAGE_READONLY);
	CHECK(p == (BYTE *)priv + GRANULE || (!p && GetLastError() == ERROR_INVALID_ADDRESS),
	      "MapViewOfFile2: %p for %p: %lu", p, (BYTE *)priv + GRANULE, GetLastError());
	if (p)
		EXPECT_REGION(p, 3 * SPAGE, PAGE_READONLY, PAGE_READONLY, MEM_COMMIT);
	UnmapViewOfFile(p);
	CHECK_ERR(MapViewOfFile2(h, GetCurrentProcess(), 0, NULL, 0, 0, PAGE_EXECUTE),
		  ERROR_INVALID_PARAMETER);
	VirtualFree(priv, 0, MEM_RELEASE);
	CloseHandle(h);
	h = CreateFileMappingFromApp(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, SPAGE,
				     L"section-doc-app");
	CHECK(h && OpenFileMappingFromApp(FILE_MAP_READ, FALSE, L"section-doc-app"),
	      "FromApp: %lu", GetLastError());
	CloseHandle(h);
}

/* Pagefile views: VirtualAlloc(MEM_COMMIT) sets a protection in a SEC_COMMIT
 * view; SEC_NOCACHE shows in the protections and stays through changes. */
static void pagefile_views(void)
{
	HANDLE h = anon(PAGE_READWRITE | SEC_COMMIT, GRANULE, NULL);
	HANDLE n = anon(PAGE_READWRITE | SEC_COMMIT | SEC_NOCACHE, GRANULE, NULL);
	BYTE *p = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	BYTE *q = MapViewOfFile(n, FILE_MAP_WRITE, 0, 0, 0);
	DWORD old;

	CHECK(p && VirtualAlloc(p, SPAGE, MEM_COMMIT, PAGE_READONLY) == p, "commit: %lu",
	      GetLastError());
	EXPECT_REGION(p, SPAGE, PAGE_READONLY, PAGE_READWRITE, MEM_COMMIT);
	EXPECT_REGION(q, GRANULE, PAGE_READWRITE | PAGE_NOCACHE, PAGE_READWRITE | PAGE_NOCACHE,
		      MEM_COMMIT);
	CHECK(q && VirtualAlloc(q, SPAGE, MEM_COMMIT, PAGE_READONLY) == q, "commit: %lu",
	      GetLastError());
	EXPECT_REGION(q, SPAGE, PAGE_READONLY | PAGE_NOCACHE, PAGE_READWRITE | PAGE_NOCACHE,
		      MEM_COMMIT);
	CHECK(VirtualProtect(q, SPAGE, PAGE_READWRITE, &old) &&
	      old == (PAGE_READONLY | PAGE_NOCACHE), "old %#lx: %lu", old, GetLastError());
	UnmapViewOfFile(p);
	UnmapViewOfFile(q);
	CloseHandle(h);
	CloseHandle(n);
}

static HANDLE open_file(const char *path, DWORD access, DWORD disposition)
{
	return CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			   NULL, disposition, 0, NULL);
}

/* A file's section is as large as asked, to the byte; views past it fail.
 * VirtualAlloc(MEM_COMMIT) in a file's view: ERROR_ACCESS_DENIED. */
static void file_sizes(void)
{
	HANDLE f = open_file("C:\\SECDOC.BIN", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS), m;
	BYTE *p;
	DWORD old;

	CHECK(f != INVALID_HANDLE_VALUE, "create: %lu", GetLastError());
	CHECK_ERR(CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL), ERROR_FILE_INVALID);
	CHECK_ERR(CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL),
		  ERROR_BAD_EXE_FORMAT);
	SetFilePointer(f, 0x3456, NULL, FILE_BEGIN);
	SetEndOfFile(f);
	CHECK_ERR(CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL),
		  ERROR_BAD_EXE_FORMAT);
	m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
	CHECK(m, "size 0: %lu", GetLastError());
	CHECK_ERR(MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0x3457), ERROR_ACCESS_DENIED);
	p = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0x3456);
	CHECK(p, "the file's size: %lu", GetLastError());
	EXPECT_REGION(p, 0x4000, PAGE_READONLY, PAGE_READONLY, MEM_COMMIT);
	CHECK_ERR(VirtualAlloc(p, SPAGE, MEM_COMMIT, PAGE_READONLY), ERROR_ACCESS_DENIED);
	CHECK(VirtualProtect(p, SPAGE, PAGE_WRITECOPY, &old), "WRITECOPY: %lu", GetLastError());
	UnmapViewOfFile(p);
	CloseHandle(m);
	m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 36, NULL);
	CHECK(m, "36 bytes: %lu", GetLastError());
	p = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 36);
	CHECK(p, "36 of 36: %lu", GetLastError());
	UnmapViewOfFile(p);
	CHECK_ERR(MapViewOfFile(m, FILE_MAP_READ, 0, 0, 37), ERROR_ACCESS_DENIED);
	p = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
	CHECK(p, "0 of 36: %lu", GetLastError());
	EXPECT_REGION(p, SPAGE, PAGE_READONLY, PAGE_READONLY, MEM_COMMIT);
	UnmapViewOfFile(p);
	CloseHandle(m);
	/* A read-write section of a file has no executable views. */
	m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	CHECK_ERR(MapViewOfFile(m, FILE_MAP_EXECUTE | FILE_MAP_READ, 0, 0, 0), ERROR_ACCESS_DENIED);
	CloseHandle(m);
	CloseHandle(f);
	f = open_file("C:\\SECDOC.BIN", GENERIC_READ, OPEN_EXISTING);
	CHECK_ERR(CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL), ERROR_ACCESS_DENIED);
	m = CreateFileMappingA(f, NULL, PAGE_WRITECOPY, 0, 0, NULL);
	CHECK(m, "WRITECOPY of a read handle: %lu", GetLastError());
	CloseHandle(m);
	CloseHandle(f);
	f = open_file("C:\\SECDOC.BIN", 0, OPEN_EXISTING);
	CHECK_ERR(CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL), ERROR_ACCESS_DENIED);
	CloseHandle(f);
	CHECK(DeleteFileA("C:\\SECDOC.BIN"), "delete: %lu", GetLastError());
}

/* SEC_IMAGE_NO_EXECUTE is SEC_IMAGE with SEC_NOCACHE: a program maps so. */
static void image_no_execute(void)
{
	HANDLE f = open_file("C:\\BIN\\section-doc.exe", GENERIC_READ, OPEN_EXISTING), m;
	MEMORY_BASIC_INFORMATION mbi;
	void *p;

	CHECK(f != INVALID_HANDLE_VALUE, "open: %lu", GetLastError());
	m = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE_NO_EXECUTE, 0, 0, NULL);
	CHECK(m, "SEC_IMAGE_NO_EXECUTE: %lu", GetLastError());
	p = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
	CHECK(p && VirtualQuery(p, &mbi, sizeof(mbi)) && mbi.Type == MEM_IMAGE, "view %p: %lu", p,
	      GetLastError());
	UnmapViewOfFile(p);
	/* An image maps whole whatever offset and size are asked (NT maps
	 * image sections in their entirety); the offset is still checked for
	 * alignment first. */
	p = MapViewOfFile(m, FILE_MAP_READ, 0, GRANULE, 5);
	CHECK(p && VirtualQuery(p, &mbi, sizeof(mbi)) && mbi.AllocationBase == p &&
	      mbi.Type == MEM_IMAGE, "image view at an offset: %p: %lu", p, GetLastError());
	UnmapViewOfFile(p);
	CHECK_ERR(MapViewOfFile(m, FILE_MAP_READ, 0, SPAGE, 0), ERROR_MAPPED_ALIGNMENT);
	CHECK_ERR(MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
	CloseHandle(m);
	CloseHandle(f);
}

int main(void)
{
	sec_catch_avs();
	names();
	sec_flags();
	large_pages();
	view_access();
	view_protect();
	unmapping();
	pagefile_views();
	file_sizes();
	image_no_execute();
	printf("section-doc: %d failures\n", failures);
	return failures;
}
