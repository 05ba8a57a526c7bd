/* Pagefile-backed sections in one process, against Microsoft's documentation
 * of CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex), UnmapViewOfFile
 * and FlushViewOfFile, and what VirtualQuery, VirtualProtect, VirtualFree,
 * VirtualAlloc(MEM_COMMIT, MEM_RESET) and VirtualLock do on views (a lock
 * is one mapping's: the same frame in another view still leaves that
 * working set): every documented error, commit
 * charged as Windows charges it (SEC_COMMIT at creation, SEC_RESERVE per
 * committed page, copy-on-write views at map time), two views of one
 * section seeing one memory, copy-on-write pages turning private, a view
 * outliving its handle. Last line: "section-api: N failures"; the exit
 * status is N. */
#define TEST_NAME "section-api"
#include "check.h"
#include "ob-common.h"
#include "section-common.h"

/* CreateFileMapping's refusals: sizes, protections, flags, names. */
static void create_errors(void)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, "section-api-event");
	DWORDLONG before;

	/* The object heap keeps pages for sections once it has made one. */
	CloseHandle(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SPAGE, NULL));
	before = sec_commit_charge();

	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_NOACCESS, 0, SPAGE, NULL),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_EXECUTE, 0, SPAGE, NULL),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | PAGE_GUARD, 0,
				     SPAGE, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY | PAGE_READWRITE,
				     0, SPAGE, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				     PAGE_READWRITE | SEC_COMMIT | SEC_RESERVE, 0, SPAGE, NULL),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_IMAGE, 0,
				     SPAGE, NULL), ERROR_BAD_EXE_FORMAT);
	/* More than memory and swap can back: SEC_COMMIT charges it all now. */
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x70000000,
				     NULL), ERROR_COMMITMENT_LIMIT);
	CHECK_ERR(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SPAGE,
				     "section-api-event"), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenFileMappingA(FILE_MAP_READ, FALSE, "section-api-event"), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenFileMappingA(FILE_MAP_READ, FALSE, "section-api-missing"),
		  ERROR_FILE_NOT_FOUND);
	CHECK_ERR(OpenFileMappingA(FILE_MAP_READ, FALSE, NULL), ERROR_INVALID_PARAMETER);
	CHECK(sec_commit_charge() == before, "the refusals charged %llu bytes",
	      sec_commit_charge() - before);
	CloseHandle(ev);
}

/* SEC_COMMIT charges the size, rounded up to pages, at creation; SEC_RESERVE
 * nothing until pages are committed through a view. */
static void commit_charges(void)
{
	DWORDLONG before = sec_commit_charge(), after;
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
				      256 * SPAGE - 100, NULL);

	after = sec_commit_charge();
	CHECK(h && after - before >= 256 * SPAGE && after - before <= 260 * SPAGE,
	      "SEC_COMMIT of 256 pages charged %llu bytes", after - before);
	CloseHandle(h);
	CHECK(sec_commit_charge() == before, "closing gave back %llu of %llu",
	      after - sec_commit_charge(), after - before);
	h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_RESERVE, 0,
			       0x60000000, NULL);
	after = sec_commit_charge();
	CHECK(h && after - before <= 0x60000000 / SPAGE * 4 + 8 * SPAGE,
	      "SEC_RESERVE of 1.5 GB charged %llu bytes (error %lu)", after - before,
	      GetLastError());
	CloseHandle(h);
}

/* Two views of one section in one process see one memory; VirtualQuery
 * reports each as Windows does. */
static void two_views(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
				      3 * SPAGE + 100, NULL);
	DWORD *a = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 0);
	DWORD *b = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 2 * SPAGE);
	MEMORY_BASIC_INFORMATION mbi;

	CHECK(a && b && a != b, "views %p %p (error %lu)", a, b, GetLastError());
	if (!a || !b)
		return;
	CHECK(((DWORD)a | (DWORD)b) % GRANULE == 0, "views at %p and %p", a, b);
	a[SPAGE / 4] = 0x5EC71011;
	CHECK(b[SPAGE / 4] == 0x5EC71011, "the second view reads 0x%lx", b[SPAGE / 4]);
	CHECK(VirtualQuery(a + 10, &mbi, sizeof(mbi)) == sizeof(mbi) &&
	      mbi.BaseAddress == a && mbi.AllocationBase == a &&
	      mbi.AllocationProtect == PAGE_READWRITE && mbi.RegionSize == 4 * SPAGE &&
	      mbi.State == MEM_COMMIT && mbi.Protect == PAGE_READWRITE && mbi.Type == MEM_MAPPED,
	      "view a: base %p alloc %p/0x%lx size 0x%lx state 0x%lx prot 0x%lx type 0x%lx",
	      mbi.BaseAddress, mbi.AllocationBase, mbi.AllocationProtect, mbi.RegionSize,
	      mbi.State, mbi.Protect, mbi.Type);
	CHECK(VirtualQuery(b, &mbi, sizeof(mbi)) && mbi.RegionSize == 2 * SPAGE &&
	      mbi.AllocationProtect == PAGE_READONLY && mbi.Protect == PAGE_READONLY &&
	      mbi.Type == MEM_MAPPED, "view b: size 0x%lx prot 0x%lx/0x%lx", mbi.RegionSize,
	      mbi.AllocationProtect, mbi.Protect);
	CHECK(sec_faults(b, 1, 1), "writing a FILE_MAP_READ view did not fault");
	CHECK(!sec_faults(b + SPAGE / 4, 0, 0), "reading it did");
	PSAPI_WORKING_SET_EX_BLOCK ws = sec_ws_ex(a + SPAGE / 4);
	CHECK(ws.Valid && ws.Shared && ws.ShareCount == 2 && ws.Win32Protection == PAGE_READWRITE,
	      "QueryWorkingSetEx: valid %u shared %u share count %u protection 0x%x",
	      (unsigned)ws.Valid, (unsigned)ws.Shared, (unsigned)ws.ShareCount,
	      (unsigned)ws.Win32Protection);
	/* The handle goes; the views keep the section. */
	CloseHandle(h);
	a[0] = 77;
	CHECK(b[0] == 77, "after CloseHandle the views read %lu", b[0]);
	CHECK_OK(UnmapViewOfFile((char *)a + 2 * SPAGE + 5));       /* any address inside */
	CHECK_ERR(UnmapViewOfFile(a), ERROR_INVALID_ADDRESS);
	CHECK(b[0] == 77 && b[SPAGE / 4] == 0x5EC71011, "the last view reads %lu", b[0]);
	CHECK_OK(UnmapViewOfFile(b));
}

/* MapViewOfFile(Ex)'s refusals and what UnmapViewOfFile, FlushViewOfFile and
 * VirtualFree say on views and around them. */
static void view_errors(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4 * GRANULE,
				      "section-api-views");
	HANDLE ro = OpenFileMappingA(FILE_MAP_READ, FALSE, "section-api-views");
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	char *v, *free_spot, *priv = VirtualAlloc(NULL, SPAGE, MEM_COMMIT, PAGE_READWRITE);
	MEMORY_BASIC_INFORMATION mbi;
	DWORD old;

	CHECK(h && ro, "create/open: %p %p (error %lu)", h, ro, GetLastError());
	CHECK_ERR(MapViewOfFile(NULL, FILE_MAP_READ, 0, 0, 0), ERROR_INVALID_HANDLE);
	CHECK_ERR(MapViewOfFile(ev, FILE_MAP_READ, 0, 0, 0), ERROR_INVALID_HANDLE);
	CHECK_ERR(MapViewOfFile(ro, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(h, FILE_MAP_READ, 0, 0x1000, 0), ERROR_MAPPED_ALIGNMENT);
	CHECK_ERR(MapViewOfFile(h, FILE_MAP_READ, 0, 4 * GRANULE, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(h, FILE_MAP_READ, 1, 0, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(h, FILE_MAP_READ, 0, GRANULE, 3 * GRANULE + 1),
		  ERROR_ACCESS_DENIED);
	/* Size 0 maps to the end. */
	v = MapViewOfFile(ro, FILE_MAP_READ, 0, GRANULE, 0);
	CHECK(v && VirtualQuery(v, &mbi, sizeof(mbi)) && mbi.RegionSize == 3 * GRANULE,
	      "view from 64 KB to the end: %p, size 0x%lx", v, mbi.RegionSize);
	CHECK_ERR(VirtualProtect(v, SPAGE, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER);
	CHECK_ERR(VirtualFree(v, 0, MEM_RELEASE), ERROR_INVALID_PARAMETER);
	CHECK_ERR(VirtualFree(v, SPAGE, MEM_DECOMMIT), ERROR_INVALID_PARAMETER);
	CHECK_OK(FlushViewOfFile(v + 5, 0));
	CHECK_OK(FlushViewOfFile(v, 3 * GRANULE));
	CHECK_ERR(FlushViewOfFile(priv, 0), ERROR_INVALID_ADDRESS);
	CHECK_ERR(UnmapViewOfFile(priv), ERROR_INVALID_ADDRESS);
	CHECK_ERR(UnmapViewOfFile(NULL), ERROR_INVALID_ADDRESS);
	/* MapViewOfFileEx: a base must be a free 64 KB multiple. */
	CHECK_ERR(MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, 0, v + SPAGE), ERROR_MAPPED_ALIGNMENT);
	CHECK_ERR(MapViewOfFileEx(h, FILE_MAP_READ, 0, 0, 0, v), ERROR_INVALID_ADDRESS);
	free_spot = v;
	CHECK_OK(UnmapViewOfFile(v));
	v = MapViewOfFileEx(h, FILE_MAP_WRITE, 0, 0, GRANULE, free_spot);
	CHECK(v == free_spot, "MapViewOfFileEx at %p gave %p (error %lu)", free_spot, v,
	      GetLastError());
	CHECK_OK(VirtualProtect(v, SPAGE, PAGE_READONLY, &old));
	CHECK(old == PAGE_READWRITE, "old protection 0x%lx", old);
	CHECK(sec_faults((DWORD *)v, 1, 5), "writing a page made read-only did not fault");
	CHECK_OK(VirtualProtect(v, SPAGE, PAGE_READWRITE, &old));
	CHECK(!sec_faults((DWORD *)v, 1, 5), "writing it read-write again faulted");
	CHECK_ERR(VirtualProtect(v, SPAGE, PAGE_EXECUTE_READ, &old), ERROR_INVALID_PARAMETER);
	CHECK_OK(UnmapViewOfFile(v));
	/* A read-only section can be viewed read-only or copy-on-write only. */
	HANDLE rs = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, SPAGE, NULL);
	CHECK_ERR(MapViewOfFile(rs, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
	CHECK_ERR(MapViewOfFile(rs, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0),
		  ERROR_ACCESS_DENIED);
	v = MapViewOfFile(rs, FILE_MAP_COPY, 0, 0, 0);
	CHECK(v && !sec_faults((DWORD *)v, 1, 9) && *(DWORD *)v == 9,
	      "a copy-on-write view of a read-only section: %p", v);
	UnmapViewOfFile(v);
	CloseHandle(rs);
	/* The name goes with the last handle, though a view remains. */
	v = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
	CloseHandle(h);
	CloseHandle(ro);
	CHECK_ERR(OpenFileMappingA(FILE_MAP_READ, FALSE, "section-api-views"),
		  ERROR_FILE_NOT_FOUND);
	UnmapViewOfFile(v);
	VirtualFree(priv, 0, MEM_RELEASE);
	CloseHandle(ev);
}

/* A second CreateFileMapping of a name opens the first section (its size
 * ignored) and says ERROR_ALREADY_EXISTS. */
static void named_twice(void)
{
	HANDLE h1 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SPAGE,
				       "section-api-twice");
	DWORD first = GetLastError();
	HANDLE h2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 8 * SPAGE,
				       "section-api-twice");
	DWORD second = GetLastError();
	DWORD *a = MapViewOfFile(h1, FILE_MAP_WRITE, 0, 0, 0), *b = MapViewOfFile(h2, FILE_MAP_READ,
										0, 0, 0);
	MEMORY_BASIC_INFORMATION mbi;

	CHECK(h1 && h2 && h1 != h2 && first == 0 && second == ERROR_ALREADY_EXISTS,
	      "handles %p %p, errors %lu %lu", h1, h2, first, second);
	CHECK(a && b && VirtualQuery(b, &mbi, sizeof(mbi)) && mbi.RegionSize == SPAGE,
	      "the second create's view is 0x%lx bytes", mbi.RegionSize);
	if (a && b) {
		a[3] = 0xABCD;
		CHECK(b[3] == 0xABCD, "one section: read 0x%lx", b[3]);
	}
	UnmapViewOfFile(a);
	UnmapViewOfFile(b);
	CloseHandle(h1);
	CloseHandle(h2);
}

/* SEC_RESERVE: pages are reserved until VirtualAlloc(MEM_COMMIT) in a view
 * commits them, charged one by one and seen committed through every view. */
static void reserve_commit(void)
{
	DWORDLONG start = sec_commit_charge();
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_RESERVE, 0,
				      16 * SPAGE, NULL);
	char *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0), *b = MapViewOfFile(h, FILE_MAP_READ, 0,
									      0, 0);
	MEMORY_BASIC_INFORMATION mbi;
	DWORDLONG before;

	CHECK(a && b, "views %p %p (error %lu)", a, b, GetLastError());
	if (!a || !b)
		return;
	CHECK(VirtualQuery(a, &mbi, sizeof(mbi)) && mbi.State == MEM_RESERVE &&
	      mbi.RegionSize == 16 * SPAGE && mbi.Protect == 0 && mbi.Type == MEM_MAPPED,
	      "reserved view: state 0x%lx size 0x%lx prot 0x%lx", mbi.State, mbi.RegionSize,
	      mbi.Protect);
	CHECK(sec_faults((DWORD *)(a + 4 * SPAGE), 0, 0), "reading a reserved page did not fault");
	before = sec_commit_charge();
	CHECK(VirtualAlloc(a + 4 * SPAGE, 2 * SPAGE, MEM_COMMIT, PAGE_READWRITE) == a + 4 * SPAGE,
	      "commit in a view (error %lu)", GetLastError());
	CHECK(sec_commit_charge() - before == 2 * SPAGE, "committing 2 pages charged %llu",
	      sec_commit_charge() - before);
	CHECK(VirtualQuery(b + 4 * SPAGE, &mbi, sizeof(mbi)) && mbi.State == MEM_COMMIT &&
	      mbi.RegionSize == 2 * SPAGE && mbi.Protect == PAGE_READONLY,
	      "the other view: state 0x%lx size 0x%lx prot 0x%lx", mbi.State, mbi.RegionSize,
	      mbi.Protect);
	*(DWORD *)(a + 5 * SPAGE) = 0xC0117;
	CHECK(*(DWORD *)(b + 5 * SPAGE) == 0xC0117, "committed page through the other view");
	CHECK(VirtualAlloc(a + 4 * SPAGE, SPAGE, MEM_COMMIT, PAGE_READWRITE) && sec_commit_charge() -
	      before == 2 * SPAGE, "committing again charged more");
	UnmapViewOfFile(a);
	UnmapViewOfFile(b);
	CloseHandle(h);
	CHECK(sec_commit_charge() <= start, "%lld bytes of commit did not come back",
	      (long long)(sec_commit_charge() - start));
}

/* Copy-on-write: FILE_MAP_COPY views are charged their size at map time;
 * a page is shared (and sees others' writes) until the view writes it,
 * then it is the view's own, PAGE_READWRITE. */
static void copy_on_write(void)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4 * SPAGE,
				      NULL);
	DWORD *rw = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0), *cow;
	DWORDLONG before = sec_commit_charge();
	MEMORY_BASIC_INFORMATION mbi;

	cow = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
	CHECK(cow && sec_commit_charge() - before >= 4 * SPAGE, "a copy-on-write view charged %llu",
	      sec_commit_charge() - before);
	if (!rw || !cow)
		return;
	rw[0] = 1;
	rw[SPAGE / 4] = 2;
	CHECK(cow[0] == 1 && cow[SPAGE / 4] == 2, "the copy view reads %lu %lu", cow[0],
	      cow[SPAGE / 4]);
	CHECK(VirtualQuery(cow, &mbi, sizeof(mbi)) && mbi.AllocationProtect == PAGE_WRITECOPY &&
	      mbi.Protect == PAGE_WRITECOPY && mbi.RegionSize == 4 * SPAGE,
	      "copy view: 0x%lx/0x%lx size 0x%lx", mbi.AllocationProtect, mbi.Protect,
	      mbi.RegionSize);
	cow[0] = 100;                   /* page 0 becomes the view's own */
	CHECK(rw[0] == 1, "the section saw the copy's write: %lu", rw[0]);
	rw[0] = 3;
	rw[SPAGE / 4] = 4;
	CHECK(cow[0] == 100 && cow[SPAGE / 4] == 4, "copy view: %lu (100) %lu (4)", cow[0],
	      cow[SPAGE / 4]);
	CHECK(VirtualQuery(cow, &mbi, sizeof(mbi)) && mbi.Protect == PAGE_READWRITE &&
	      mbi.RegionSize == SPAGE, "written copy page: 0x%lx size 0x%lx", mbi.Protect,
	      mbi.RegionSize);
	PSAPI_WORKING_SET_EX_BLOCK ws = sec_ws_ex(cow);
	CHECK(ws.Valid && !ws.Shared, "the written page is shared (%u)", (unsigned)ws.Shared);
	ws = sec_ws_ex(cow + SPAGE / 4);
	CHECK(ws.Valid && ws.Shared, "an unwritten page is not shared (%u)", (unsigned)ws.Shared);
	UnmapViewOfFile(cow);
	CHECK(sec_commit_charge() == before, "unmapping gave back %llu",
	      before + 4 * SPAGE - sec_commit_charge());
	UnmapViewOfFile(rw);
	CloseHandle(h);
}

/* A 4-page section mapped in *a (FILE_MAP_WRITE) and *b (access); its handle. */
static HANDLE four_pages_twice(DWORD access, DWORD **a, DWORD **b)
{
	HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4 * SPAGE,
				      NULL);

	*a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
	*b = MapViewOfFile(h, access, 0, 0, 0);
	CHECK(*a && *b, "two views: error %lu", GetLastError());
	return h;
}

/* VirtualLock in a view locks this mapping of the page: EmptyWorkingSet
 * takes the page out of another view of it, not out of the locked one; a
 * view unmapped while locked gives its locks up. */
static void lock_in_views(void)
{
	DWORD *a, *b;
	HANDLE h = four_pages_twice(FILE_MAP_WRITE, &a, &b);
	PSAPI_WORKING_SET_EX_BLOCK wa, wb;
	DWORD old;

	if (!a || !b)
		return;
	a[0] = 0x10C4ED;
	b[SPAGE / 4] = 0x10C4EE;
	CHECK(b[0] == 0x10C4ED && a[SPAGE / 4] == 0x10C4EE, "the views differ");
	CHECK_OK(VirtualLock(a, 2 * SPAGE));
	wa = sec_ws_ex(a);
	wb = sec_ws_ex(b);
	CHECK(wa.Valid && wa.Locked && wa.Shared && wb.Valid && !wb.Locked && wb.ShareCount == 2,
	      "locked in a: a valid %u locked %u, b valid %u locked %u share %u",
	      (unsigned)wa.Valid, (unsigned)wa.Locked, (unsigned)wb.Valid, (unsigned)wb.Locked,
	      (unsigned)wb.ShareCount);
	CHECK_OK(EmptyWorkingSet(GetCurrentProcess()));
	wa = sec_ws_ex(a + SPAGE / 4);
	wb = sec_ws_ex(b + SPAGE / 4);
	CHECK(wa.Valid && wa.Locked && wa.ShareCount == 1 && !wb.Valid,
	      "emptied: a valid %u locked %u share %u, b valid %u", (unsigned)wa.Valid,
	      (unsigned)wa.Locked, (unsigned)wa.ShareCount, (unsigned)wb.Valid);
	CHECK(b[0] == 0x10C4ED && b[SPAGE / 4] == 0x10C4EE, "b reads 0x%lx 0x%lx", b[0],
	      b[SPAGE / 4]);
	CHECK_OK(VirtualUnlock(a, 2 * SPAGE));
	CHECK_ERR(VirtualUnlock(a, SPAGE), ERROR_NOT_LOCKED);
	CHECK_ERR(VirtualUnlock(b, SPAGE), ERROR_NOT_LOCKED);
	CHECK_OK(VirtualProtect(b + 3 * SPAGE / 4, SPAGE, PAGE_NOACCESS, &old));
	CHECK_ERR(VirtualLock(b + 3 * SPAGE / 4, SPAGE), ERROR_NOACCESS);
	CHECK_ERR(VirtualLock(b, 5 * SPAGE), ERROR_INVALID_ADDRESS);     /* past the view */
	CHECK_OK(VirtualLock(b, SPAGE));
	CHECK_OK(VirtualLock(a + SPAGE / 4, SPAGE));
	CHECK_OK(UnmapViewOfFile(b));   /* locked: the lock goes with the view */
	CHECK(a[0] == 0x10C4ED, "a reads 0x%lx", a[0]);
	CHECK_OK(UnmapViewOfFile(a));
	CloseHandle(h);
}

/* MEM_RESET in a view of a pagefile section (Windows refuses it only in
 * views of files): the written copy-on-write pages (private) are dropped,
 * the section's pages keep their contents for the other views; the charge
 * stays. Past the view's end: ERROR_INVALID_ADDRESS. */
static void reset_in_views(void)
{
	DWORD *rw, *cow;
	HANDLE h = four_pages_twice(FILE_MAP_COPY, &rw, &cow);
	DWORDLONG charge;
	PSAPI_WORKING_SET_EX_BLOCK ws;

	if (!rw || !cow)
		return;
	rw[0] = 0x5E5E7;
	rw[SPAGE / 4] = 0x5E5E8;
	cow[0] = 0xC0B1;                /* page 0 becomes cow's own */
	CHECK(cow[SPAGE / 4] == 0x5E5E8, "the copy view reads 0x%lx", cow[SPAGE / 4]);
	charge = sec_commit_charge();
	CHECK(VirtualAlloc(rw, 4 * SPAGE, MEM_RESET, PAGE_NOACCESS) == rw,
	      "MEM_RESET on a view: error %lu", GetLastError());
	CHECK(VirtualAlloc(cow, 4 * SPAGE, MEM_RESET, PAGE_NOACCESS) == cow,
	      "MEM_RESET on a copy view: error %lu", GetLastError());
	ws = sec_ws_ex(cow);
	CHECK(!ws.Valid, "the copy view's private page stayed");
	ws = sec_ws_ex(cow + SPAGE / 4);
	CHECK(ws.Valid && ws.Shared, "the copy view's shared page went: valid %u shared %u",
	      (unsigned)ws.Valid, (unsigned)ws.Shared);
	CHECK(rw[0] == 0x5E5E7 && rw[SPAGE / 4] == 0x5E5E8 && cow[SPAGE / 4] == 0x5E5E8,
	      "the section's pages changed: 0x%lx 0x%lx 0x%lx", rw[0], rw[SPAGE / 4],
	      cow[SPAGE / 4]);
	CHECK(cow[0] == 0 && rw[0] == 0x5E5E7, "after the reset the copy reads 0x%lx", cow[0]);
	cow[0] = 0xC0B2;
	CHECK(rw[0] == 0x5E5E7 && sec_commit_charge() == charge,
	      "a write after the reset: the section reads 0x%lx, charge %+lld", rw[0],
	      (long long)(sec_commit_charge() - charge));
	CHECK_ERR(VirtualAlloc(rw, 5 * SPAGE, MEM_RESET, PAGE_NOACCESS), ERROR_INVALID_ADDRESS);
	UnmapViewOfFile(cow);
	UnmapViewOfFile(rw);
	CloseHandle(h);
}

int main(void)
{
	sec_catch_avs();
	create_errors();
	commit_charges();
	two_views();
	view_errors();
	named_twice();
	reserve_commit();
	copy_on_write();
	lock_in_views();
	reset_in_views();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
