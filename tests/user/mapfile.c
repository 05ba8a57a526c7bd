/* Memory-mapped files (file-backed sections), adapted from the Pintos mmap
 * suite (mmap-read, -write, -close, -unmap, -twice, -exit, -clean,
 * -overlap) and Windows' rules for CreateFileMapping on a file handle:
 *   mapfile            reading a file and its zero tail through a view, one
 *                      page in memory for ReadFile, WriteFile and every view
 *                      (two views, two sections, no flush needed), writing
 *                      through a view (FlushViewOfFile writes at once; a
 *                      child exits without unmapping), copy-on-write views
 *                      leaving the file alone, views outliving their
 *                      handles, growing a file by a larger section, every
 *                      documented error (access, empty file, SetEndOfFile,
 *                      DeleteFile), GetMappedFileNameA; the host reads the
 *                      files back (hostfile =);
 *   mapfile big MB     a file of MB megabytes (4x memory) mapped read-write,
 *                      random read-modify-write against a per-page shadow,
 *                      every word checked; its CRC-32 for the host (hostcrc =);
 *   mapfile ioerr      a read error on a mapped page: EXCEPTION_IN_PAGE_ERROR
 *                      with Windows' ExceptionInformation, the rest readable;
 *                      a child killed while it faults the file in.
 * Last line: "mapfile: N failures"; the exit status is N. */
#define TEST_NAME "mapfile"
#include "check.h"
#include "ob-common.h"
#include "file-common.h"
#include <psapi.h>
#include <stdlib.h>
#include <string.h>
#include <vados/calls.h>

#define PG 4096u
#define DATA_SIZE (3 * PG + 100)        /* DATA.BIN: three pages and a tail */
#define EXIT_SIZE (2 * PG + 7)

/* The bytes the files hold (tools' twin: tests/data/mapfile-*.bin). */
static BYTE pat(DWORD i, DWORD seed)
{
	return (BYTE)(((i + seed * 7919u) * 2654435761u) >> 24);
}

static HANDLE open_file(const char *path, DWORD access, DWORD disposition)
{
	return CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			   NULL, disposition, 0, NULL);
}

/* Makes path hold size bytes of pat(seed). */
static void make_file(const char *path, DWORD size, DWORD seed)
{
	HANDLE h = open_file(path, GENERIC_WRITE, CREATE_ALWAYS);
	static BYTE buf[4 * PG];
	DWORD done;

	for (DWORD at = 0; at < size; at += done) {
		DWORD n = size - at < sizeof(buf) ? size - at : sizeof(buf);
		for (DWORD i = 0; i < n; i++)
			buf[i] = pat(at + i, seed);
		if (!WriteFile(h, buf, n, &done, NULL) || done == 0) {
			CHECK(0, "writing %s: %lu", path, GetLastError());
			break;
		}
	}
	CloseHandle(h);
}

/* How many bytes of [0, size) of p differ from pat(seed). */
static DWORD bad_bytes(const volatile BYTE *p, DWORD size, DWORD seed)
{
	DWORD bad = 0;

	for (DWORD i = 0; i < size; i++)
		bad += p[i] != pat(i, seed);
	return bad;
}

/* ReadFile of n bytes at at. */
static void read_at(HANDLE h, DWORD at, void *buf, DWORD n)
{
	DWORD done = 0;

	SetFilePointer(h, (LONG)at, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, n, &done, NULL) && done == n, "read %lu at %lu: %lu (%lu)", n, at,
	      done, GetLastError());
}

static void write_at(HANDLE h, DWORD at, const void *buf, DWORD n)
{
	DWORD done = 0;

	SetFilePointer(h, (LONG)at, NULL, FILE_BEGIN);
	CHECK(WriteFile(h, buf, n, &done, NULL) && done == n, "write %lu at %lu: %lu (%lu)", n,
	      at, done, GetLastError());
}

/* CreateFileMapping's refusals on file handles (Microsoft's table of the
 * access each protection needs), MapViewOfFile's past them. */
static void create_errors(void)
{
	HANDLE r = open_file("C:\\MAP\\DATA.BIN", GENERIC_READ, OPEN_EXISTING);
	HANDLE w = open_file("C:\\MAP\\DATA.BIN", GENERIC_WRITE, OPEN_EXISTING);
	HANDLE rx = open_file("C:\\MAP\\DATA.BIN", GENERIC_READ | GENERIC_EXECUTE, OPEN_EXISTING);
	HANDLE e = open_file("C:\\MAP\\EMPTY.BIN", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	HANDLE s;

	CHECK_ERR(CreateFileMappingA(r, NULL, PAGE_READWRITE, 0, 0, NULL), ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateFileMappingA(w, NULL, PAGE_READONLY, 0, 0, NULL), ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateFileMappingA(w, NULL, PAGE_WRITECOPY, 0, 0, NULL), ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateFileMappingA(r, NULL, PAGE_EXECUTE_READ, 0, 0, NULL), ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateFileMappingA(rx, NULL, PAGE_EXECUTE_READWRITE, 0, 0, NULL),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateFileMappingA(r, NULL, PAGE_NOACCESS, 0, 0, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateFileMappingA(e, NULL, PAGE_READWRITE, 0, 0, NULL), ERROR_FILE_INVALID);
	/* A read-only section cannot grow its file (STATUS_SECTION_TOO_BIG). */
	CHECK_ERR(CreateFileMappingA(r, NULL, PAGE_READONLY, 0, DATA_SIZE + 1, NULL),
		  ERROR_NOT_ENOUGH_MEMORY);
	CHECK_ERR(CreateFileMappingA((HANDLE)0x1234, NULL, PAGE_READONLY, 0, 0, NULL),
		  ERROR_INVALID_HANDLE);
	CHECK_OK(s = CreateFileMappingA(rx, NULL, PAGE_EXECUTE_READ, 0, 0, NULL));
	CloseHandle(s);
	CHECK_OK(s = CreateFileMappingA(r, NULL, PAGE_WRITECOPY, 0, 0, NULL));
	CHECK_ERR(MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0), ERROR_ACCESS_DENIED);
	/* Past the section's end: its size, not the file's. */
	CHECK_ERR(MapViewOfFile(s, FILE_MAP_READ, 0, 0, DATA_SIZE + PG), ERROR_ACCESS_DENIED);
	CloseHandle(s);
	CHECK_OK(s = CreateFileMappingA(r, NULL, PAGE_READONLY, 0, PG, NULL));
	CHECK_ERR(MapViewOfFile(s, FILE_MAP_READ, 0, 0, 2 * PG), ERROR_ACCESS_DENIED);
	CloseHandle(s);
	CHECK(GetFileSize(r, NULL) == DATA_SIZE, "the refusals changed the size: %lu",
	      GetFileSize(r, NULL));
	CloseHandle(r);
	CloseHandle(w);
	CloseHandle(rx);
	CloseHandle(e);
	CHECK_OK(DeleteFileA("C:\\MAP\\EMPTY.BIN"));
}

/* mmap-read, mmap-close: the file and its zero tail through a read-only
 * view, which outlives both handles. */
static void read_view(void)
{
	HANDLE f = open_file("C:\\MAP\\DATA.BIN", GENERIC_READ, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
	const BYTE *v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
	char name[MAX_PATH];
	DWORD tail = 0, n;
	MEMORY_BASIC_INFORMATION m;

	CHECK(v != NULL, "map: %lu", GetLastError());
	if (!v)
		return;
	CloseHandle(s);
	CloseHandle(f);
	CHECK(bad_bytes(v, DATA_SIZE, 1) == 0, "%lu bytes differ", bad_bytes(v, DATA_SIZE, 1));
	for (DWORD i = DATA_SIZE; i < 4 * PG; i++)
		tail += v[i] != 0;
	CHECK(tail == 0, "%lu bytes of the tail past the end are not zero", tail);
	CHECK(VirtualQuery(v, &m, sizeof(m)) && m.Type == MEM_MAPPED && m.RegionSize == 4 * PG &&
	      m.Protect == PAGE_READONLY, "VirtualQuery: type 0x%lx size %lu protect 0x%lx",
	      m.Type, m.RegionSize, m.Protect);
	n = GetMappedFileNameA(GetCurrentProcess(), (LPVOID)(v + 5), name, sizeof(name));
	CHECK(n == strlen("\\Device\\HarddiskVolume1\\MAP\\DATA.BIN") &&
	      strcmp(name, "\\Device\\HarddiskVolume1\\MAP\\DATA.BIN") == 0,
	      "GetMappedFileNameA: %lu \"%s\" (%lu)", n, n ? name : "", GetLastError());
	n = GetMappedFileNameA(GetCurrentProcess(), (LPVOID)(v + 5), name, 8);
	CHECK(n == 8 && strcmp(name, "\\Device") == 0, "truncated: %lu \"%s\"", n, name);
	CHECK_ERR(GetMappedFileNameA(GetCurrentProcess(), (LPVOID)&tail, name, sizeof(name)),
		  ERROR_UNEXP_NET_ERR);         /* Windows' STATUS_INVALID_ADDRESS */
	CHECK_ERR(GetMappedFileNameA(GetCurrentProcess(), NULL, name, sizeof(name)),
		  ERROR_UNEXP_NET_ERR);
	CHECK_ERR(GetMappedFileNameA(GetCurrentProcess(), (LPVOID)v, NULL, sizeof(name)),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(GetMappedFileNameA(NULL, (LPVOID)v, name, sizeof(name)), ERROR_INVALID_HANDLE);
	HANDLE p = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PG, NULL);
	void *pv = MapViewOfFile(p, FILE_MAP_READ, 0, 0, 0);
	CHECK_ERR(GetMappedFileNameA(GetCurrentProcess(), pv, name, sizeof(name)),
		  ERROR_FILE_INVALID);
	UnmapViewOfFile(pv);
	CloseHandle(p);
	/* The walker shows the view's file (the scenario's log line). */
	snprintf(name, sizeof(name), "walker %lu", GetCurrentProcessId());
	CHECK(file_run(NULL, name) == 0, "the walker failed");
	/* Mapped with no handle open: DeleteFile refuses, as Windows does. */
	CHECK_ERR(DeleteFileA("C:\\MAP\\DATA.BIN"), ERROR_ACCESS_DENIED);
	CHECK_OK(UnmapViewOfFile(v));
}

/* mmap-write, mmap-twice, mmap-overlap: two views (two sections) of one
 * file and ReadFile/WriteFile see one page; the tail past the end is never
 * written; SetEndOfFile below a view or a section is refused, allowed once
 * they are gone. DATA.BIN ends as pat(3). */
static void write_views(void)
{
	HANDLE f = open_file("C:\\MAP\\DATA.BIN", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	HANDLE s1 = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	HANDLE s2 = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
	BYTE *a = MapViewOfFile(s1, FILE_MAP_WRITE, 0, 0, 0);
	const volatile BYTE *b = MapViewOfFile(s2, FILE_MAP_READ, 0, 0, 0);
	BYTE buf[64];

	CHECK(a && b && (void *)a != (void *)b, "views %p %p: %lu", a, b, GetLastError());
	if (!a || !b)
		return;
	a[PG + 10] = 0x5a;
	CHECK(b[PG + 10] == 0x5a, "the other view reads 0x%x", b[PG + 10]);
	read_at(f, PG + 8, buf, 4);
	CHECK(buf[2] == 0x5a, "ReadFile after a view's write reads 0x%x", buf[2]);
	memset(buf, 0xc3, sizeof(buf));
	write_at(f, 2 * PG - 32, buf, sizeof(buf));      /* across two pages */
	CHECK(a[2 * PG - 32] == 0xc3 && b[2 * PG + 31] == 0xc3, "views after WriteFile: 0x%x 0x%x",
	      a[2 * PG - 32], b[2 * PG + 31]);
	for (DWORD i = 0; i < DATA_SIZE; i++)
		a[i] = pat(i, 3);
	memset(a + DATA_SIZE, 0xee, 4 * PG - DATA_SIZE);        /* never reaches the file */
	CHECK(bad_bytes(b, DATA_SIZE, 3) == 0, "the other view: %lu bytes differ",
	      bad_bytes(b, DATA_SIZE, 3));
	SetFilePointer(f, PG, NULL, FILE_BEGIN);
	CHECK_ERR(SetEndOfFile(f), ERROR_USER_MAPPED_FILE);
	CHECK(GetFileSize(f, NULL) == DATA_SIZE, "size %lu", GetFileSize(f, NULL));
	CHECK_OK(FlushViewOfFile(a, 0));
	CHECK_ERR(FlushViewOfFile((void *)&buf, 0), ERROR_INVALID_ADDRESS);
	CHECK_OK(UnmapViewOfFile(a));
	CHECK_OK(UnmapViewOfFile((void *)b));
	/* The sections alone still refuse it (NT's MmCanFileBeTruncated:
	 * not below the segment while it has users); once they are closed,
	 * or smaller than the new size, it is allowed. */
	CHECK_ERR(SetEndOfFile(f), ERROR_USER_MAPPED_FILE);
	CloseHandle(s1);
	CloseHandle(s2);
	CHECK(GetFileSize(f, NULL) == DATA_SIZE, "size after the views %lu", GetFileSize(f, NULL));
	SetFilePointer(f, DATA_SIZE + PG, NULL, FILE_BEGIN);
	CHECK_OK(SetEndOfFile(f));
	s1 = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, PG, NULL);
	CHECK(s1 != NULL, "a one-page section: %lu", GetLastError());
	SetFilePointer(f, DATA_SIZE, NULL, FILE_BEGIN);
	CHECK_OK(SetEndOfFile(f));
	CloseHandle(s1);
	CHECK(GetFileSize(f, NULL) == DATA_SIZE, "size after growing and truncating %lu",
	      GetFileSize(f, NULL));
	CloseHandle(f);
}

/* What a view wrote past the end never reaches the file, and reads zero
 * once WriteFile grows the file over it. */
static void tail_growth(void)
{
	HANDLE f;
	HANDLE s;
	BYTE *v, one = 0x11, buf[100];
	DWORD nonzero = 0;

	make_file("C:\\MAP\\TAIL.BIN", 100, 1);
	f = open_file("C:\\MAP\\TAIL.BIN", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	s = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
	CHECK(v != NULL, "map: %lu", GetLastError());
	if (!v)
		return;
	memset(v + 100, 0xee, PG - 100);
	write_at(f, 200, &one, 1);
	read_at(f, 100, buf, sizeof(buf));
	for (DWORD i = 0; i < sizeof(buf); i++)
		nonzero += buf[i] != 0 || v[100 + i] != 0;
	CHECK(nonzero == 0 && v[200] == 0x11, "%lu bytes of the grown tail are not zero",
	      nonzero);
	UnmapViewOfFile(v);
	CloseHandle(s);
	CloseHandle(f);
	CHECK_OK(DeleteFileA("C:\\MAP\\TAIL.BIN"));
}

/* A larger section grows a file opened for writing; FlushViewOfFile writes
 * to the disk before it returns. FLUSH.BIN: five pages of pat(4). */
static void grow_and_flush(void)
{
	HANDLE f = open_file("C:\\MAP\\FLUSH.BIN", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 5 * PG, NULL);
	BYTE *v = MapViewOfFile(s, FILE_MAP_ALL_ACCESS, 0, 0, 0);
	DWORD zero = 0, before;

	CHECK(v != NULL, "map: %lu", GetLastError());
	CHECK(GetFileSize(f, NULL) == 5 * PG, "the section grew the file to %lu",
	      GetFileSize(f, NULL));
	if (!v)
		return;
	for (DWORD i = 0; i < 5 * PG; i++)
		zero += v[i] != 0;
	CHECK(zero == 0, "%lu bytes of the grown file are not zero", zero);
	for (DWORD i = 0; i < 5 * PG; i++)
		v[i] = pat(i, 4);
	before = vados_mm_counters().cache_pages_written;
	CHECK_OK(FlushViewOfFile(v + PG, 3 * PG));
	DWORD written = vados_mm_counters().cache_pages_written - before;
	CHECK(written >= 3, "FlushViewOfFile wrote %lu pages", written);
	CloseHandle(s);
	CloseHandle(f);
	/* The view stays; the process ends with it mapped (see main). */
}

/* mmap-exit: a child writes through a view and exits without unmapping or
 * closing anything; the pages reach the file. */
static int child_writes(const char *path)
{
	HANDLE f = open_file(path, GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	BYTE *v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);

	if (!v)
		return 1;
	for (DWORD i = 0; i < EXIT_SIZE; i++)
		v[i] = pat(i, 2);
	return 0;
}

static void exit_without_unmap(void)
{
	static BYTE buf[EXIT_SIZE];
	HANDLE f;

	make_file("C:\\MAP\\EXIT.BIN", EXIT_SIZE, 1);
	CHECK(file_run(NULL, "mapfile child C:\\MAP\\EXIT.BIN") == 0, "the child failed");
	f = open_file("C:\\MAP\\EXIT.BIN", GENERIC_READ, OPEN_EXISTING);
	read_at(f, 0, buf, EXIT_SIZE);
	CHECK(bad_bytes(buf, EXIT_SIZE, 2) == 0, "ReadFile after the child: %lu bytes differ",
	      bad_bytes(buf, EXIT_SIZE, 2));
	CloseHandle(f);
}

/* Copy-on-write views: written pages are private; the file, ReadFile and a
 * shared view keep pat(5). */
static void copy_on_write(void)
{
	HANDLE f, s;
	BYTE *c, buf[16];
	const volatile BYTE *r;

	make_file("C:\\MAP\\COW.BIN", 2 * PG, 5);
	f = open_file("C:\\MAP\\COW.BIN", GENERIC_READ, OPEN_EXISTING);
	s = CreateFileMappingA(f, NULL, PAGE_WRITECOPY, 0, 0, NULL);
	c = MapViewOfFile(s, FILE_MAP_COPY, 0, 0, 0);
	r = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
	CHECK(c && r, "map: %lu", GetLastError());
	if (!c || !r)
		return;
	memset(c, 0x77, 2 * PG);
	CHECK(c[PG] == 0x77 && bad_bytes(r, 2 * PG, 5) == 0, "the shared view: %lu bytes differ",
	      bad_bytes(r, 2 * PG, 5));
	read_at(f, PG, buf, sizeof(buf));
	CHECK(buf[0] == pat(PG, 5), "ReadFile sees the private copy");
	CHECK_OK(FlushViewOfFile(c, 0));
	UnmapViewOfFile(c);
	UnmapViewOfFile((void *)r);
	CloseHandle(s);
	CloseHandle(f);
}

/* Named file mappings: OpenFileMapping finds the file's section. Then the
 * file is deleted once nothing maps it. */
static void names_and_delete(void)
{
	HANDLE f = open_file("C:\\MAP\\COW.BIN", GENERIC_READ, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, "mapfile-cow");
	HANDLE o = OpenFileMappingA(FILE_MAP_READ, FALSE, "mapfile-cow");
	const BYTE *v = o ? MapViewOfFile(o, FILE_MAP_READ, 0, 0, 0) : NULL;

	CHECK_ERR(MapViewOfFile(o, FILE_MAP_READ, 0, PG, 0), ERROR_MAPPED_ALIGNMENT);
	CHECK(v && v[PG] == pat(PG, 5), "a view through the name: %lu", GetLastError());
	CloseHandle(f);
	CloseHandle(s);
	CloseHandle(o);
	CHECK_ERR(DeleteFileA("C:\\MAP\\COW2.BIN"), ERROR_FILE_NOT_FOUND);
	CHECK_ERR(DeleteFileA("C:\\MAP\\COW.BIN"), ERROR_ACCESS_DENIED);
	if (v)
		UnmapViewOfFile(v);
	CHECK_OK(DeleteFileA("C:\\MAP\\COW.BIN"));
	CHECK(GetFileAttributesA("C:\\MAP\\COW.BIN") == INVALID_FILE_ATTRIBUTES,
	      "COW.BIN is still there");
	make_file("C:\\MAP\\COW.BIN", 2 * PG, 5);       /* for the host */
}

/* --- mapfile big MB --- */

static DWORD word_of(DWORD page, DWORD w, BYTE version)
{
	return version ? (page * 1024u + w) * 2654435761u ^ version * 0x9e3779b9u : 0;
}

static DWORD crc_table[256];

static DWORD crc32_update(DWORD crc, const volatile BYTE *p, DWORD n)
{
	if (!crc_table[1])
		for (DWORD i = 0; i < 256; i++) {
			DWORD c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static void big(DWORD mb)
{
	DWORD pages = mb * 256, bad = 0, seed = 12345, swap_before, crc = 0;
	HANDLE f = open_file("C:\\MAP\\BIG.BIN", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, pages * PG, NULL);
	DWORD made = GetLastError();
	volatile DWORD *v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
	BYTE *version = calloc(pages, 1);
	struct vados_mm_counters c0 = vados_mm_counters(), c1;

	CHECK(s != NULL, "a section of %lu MB: %lu", mb, made);
	CHECK(v != NULL && version, "map %lu MB: %lu", mb, GetLastError());
	if (!v || !version)
		return;
	swap_before = c0.swap_pages_written;
	for (DWORD p = 0; p < pages; p++) {             /* every page once, in order */
		for (DWORD w = 0; w < 1024; w++)
			v[p * 1024 + w] = word_of(p, w, 1);
		version[p] = 1;
	}
	for (DWORD n = 0; n < pages / 8; n++) {         /* then at random */
		seed = seed * 1103515245u + 12345u;
		DWORD p = (seed >> 8) % pages;
		for (DWORD w = 0; w < 1024; w++) {
			bad += v[p * 1024 + w] != word_of(p, w, version[p]);
			v[p * 1024 + w] = word_of(p, w, (BYTE)(version[p] + 1));
		}
		version[p]++;
	}
	for (DWORD p = 0; p < pages; p++) {             /* every word checked */
		for (DWORD w = 0; w < 1024; w++)
			bad += v[p * 1024 + w] != word_of(p, w, version[p]);
		crc = crc32_update(crc, (const volatile BYTE *)(v + p * 1024), PG);
	}
	c1 = vados_mm_counters();
	printf("mapfile: %lu MB mapped, %lu random pages rewritten, %lu bad words, %u pages read "
	       "from the file, %u written to it, %u to swap\n", mb, pages / 8, bad,
	       c1.cache_pages_read - c0.cache_pages_read,
	       c1.cache_pages_written - c0.cache_pages_written,
	       (unsigned)(c1.swap_pages_written - swap_before));
	CHECK(bad == 0, "%lu bad words", bad);
	CHECK(c1.swap_pages_written == swap_before, "file pages went to swap");
	CHECK_OK(UnmapViewOfFile((void *)v));
	CloseHandle(s);
	CloseHandle(f);
	printf("mapfile: crc32 of C:\\MAP\\BIG.BIN is 0x%08lx\n", crc);
	free(version);
}

/* --- mapfile ioerr --- */

static volatile DWORD resume_at, seen_code, seen_info[3], seen_params;

static LONG CALLBACK in_page_handler(PEXCEPTION_POINTERS ep)
{
	seen_code = ep->ExceptionRecord->ExceptionCode;
	seen_params = ep->ExceptionRecord->NumberParameters;
	for (int i = 0; i < 3; i++)
		seen_info[i] = ep->ExceptionRecord->ExceptionInformation[i];
	ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Reads the word at addr under the handler. */
static void touch(const volatile DWORD *addr)
{
	asm volatile("movl $1f, %0\n\tmovl (%1), %%eax\n1:"
		     : "=m"(resume_at) : "r"(addr) : "eax", "memory");
}

/* A child faulting the file in, page after page, forever (killed). */
static int child_reads(const char *path)
{
	HANDLE f = open_file(path, GENERIC_READ, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
	const volatile BYTE *v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
	DWORD size = GetFileSize(f, NULL), sum = 0;

	if (!v)
		return 1;
	for (;;)
		for (DWORD i = 0; i < size; i += PG)
			sum += v[i];
	return (int)sum;
}

/* Writes of WRITEERR.BIN's first sector fail: FlushViewOfFile says so, and
 * the page stays dirty in memory, written again and again by the writers,
 * never dropped: the view and ReadFile keep seeing what was written. */
static void write_error(void)
{
	HANDLE f = open_file("C:\\MAP\\WRITEERR.BIN", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	BYTE *v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0), buf[8];

	CHECK(v != NULL, "map: %lu", GetLastError());
	if (!v)
		return;
	memset(v, 0x6b, 2 * PG);
	CHECK_ERR(FlushViewOfFile(v, 0), ERROR_IO_DEVICE);
	CHECK_OK(UnmapViewOfFile(v));
	CloseHandle(s);
	Sleep(1500);            /* the lazy writer fails too */
	read_at(f, 0, buf, sizeof(buf));
	CHECK(buf[0] == 0x6b && buf[7] == 0x6b, "the unwritten page was dropped: 0x%x", buf[0]);
	read_at(f, PG, buf, sizeof(buf));
	CHECK(buf[0] == 0x6b, "the second page: 0x%x", buf[0]);
	CloseHandle(f);
}

static void ioerr(void)
{
	HANDLE f = open_file("C:\\MAP\\READERR.BIN", GENERIC_READ, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
	const volatile DWORD *v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
	PROCESS_INFORMATION pi;
	char line[80] = "mapfile childread C:\\MAP\\GOOD.BIN";

	CHECK(v != NULL, "map: %lu", GetLastError());
	if (!v)
		return;
	AddVectoredExceptionHandler(1, in_page_handler);
	touch(v + 1);
	CHECK(seen_code == EXCEPTION_IN_PAGE_ERROR && seen_params == 3 && seen_info[0] == 0 &&
	      seen_info[1] == (DWORD)(v + 1) && seen_info[2] == 0xC000009Cu,
	      "code 0x%lx, %lu parameters: %lu 0x%lx 0x%lx", seen_code, seen_params, seen_info[0],
	      seen_info[1], seen_info[2]);
	seen_code = 0;
	touch(v + 1);           /* again: the page is still on the file */
	CHECK(seen_code == EXCEPTION_IN_PAGE_ERROR, "second touch: code 0x%lx", seen_code);
	seen_code = 0;
	touch(v + 9 * PG / 4);  /* past the failing cluster's first page */
	CHECK(seen_code == 0, "a good page raised 0x%lx", seen_code);
	UnmapViewOfFile((void *)v);
	CloseHandle(s);
	CloseHandle(f);
	write_error();
	/* Killed while its faults read the file: nothing leaks (run='s check). */
	if (CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi)) {
		Sleep(300);
		CHECK_OK(TerminateProcess(pi.hProcess, 7));
		WaitForSingleObject(pi.hProcess, INFINITE);
		CloseHandle(pi.hProcess);
		CloseHandle(pi.hThread);
	} else {
		CHECK(0, "childread: %lu", GetLastError());
	}
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child_writes(argv[2]);
	if (argc == 3 && strcmp(argv[1], "childread") == 0)
		return child_reads(argv[2]);
	if (argc == 3 && strcmp(argv[1], "big") == 0) {
		CreateDirectoryA("C:\\MAP", NULL);
		big((DWORD)atoi(argv[2]));
	} else if (argc == 2 && strcmp(argv[1], "ioerr") == 0) {
		ioerr();
	} else {
		CreateDirectoryA("C:\\MAP", NULL);
		make_file("C:\\MAP\\DATA.BIN", DATA_SIZE, 1);
		create_errors();
		read_view();
		write_views();
		tail_growth();
		grow_and_flush();
		exit_without_unmap();
		copy_on_write();
		names_and_delete();
	}
	printf("mapfile: %d failures\n", failures);
	return failures;
}
