// The heap story of "Win32 Memory Management" (../shared/seeds/004), in
// order: GlobalAlloc's fixed memory (a heap block) and moveable memory (a
// handle-table entry that GlobalReAlloc keeps while the block moves); a
// private heap's 4 MB region committed in 64 KB steps and decommitted as it
// empties; malloc and new on the process heap; _heapmin giving free pages
// back, seen with VirtualQuery and GetProcessMemoryInfo; and where constant
// data lives (the article's fragments, with small stand-ins for MFC's CRect
// and CString). Each step prints what the system answered; the last line is
// "seed-heap: N failures", the exit status 1 if N is not 0.
//
//   seed-heap literal   runs the article's "char* pch = "test"; *pch = 'x';",
//                       which ends the process with an access violation
#include <malloc.h>
#include <new>
#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int failures;

static void check(bool ok, int line, const char *what)
{
	if (!ok) {
		printf("seed-heap: FAIL line %d: %s\n", line, what);
		failures++;
	}
}
#define CHECK(cond) check((cond), __LINE__, #cond)

static void step(const char *title)
{
	printf("seed-heap: -- %s\n", title);
}

// The committed bytes of the reservation that holds p, and its base.
static SIZE_T committed_in(const void *p, void **base)
{
	MEMORY_BASIC_INFORMATION m;
	SIZE_T n = 0;

	VirtualQuery(p, &m, sizeof(m));
	*base = m.AllocationBase;
	for (const char *at = (const char *)m.AllocationBase;
	     VirtualQuery(at, &m, sizeof(m)) && m.AllocationBase == *base; at += m.RegionSize)
		n += m.State == MEM_COMMIT ? m.RegionSize : 0;
	return n;
}

static SIZE_T pagefile_usage()
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.PagefileUsage;
}

static void fixed_and_moveable()
{
	step("GlobalAlloc(GMEM_FIXED): HeapAlloc's address, cast to an HGLOBAL");
	HGLOBAL fixed = GlobalAlloc(GMEM_FIXED, 100);
	printf("seed-heap:   0x%08lx, a process-heap block of %lu bytes; GlobalLock gives it back\n",
	       (DWORD)fixed, HeapSize(GetProcessHeap(), 0, fixed));
	CHECK(HeapSize(GetProcessHeap(), 0, fixed) == 100 && GlobalLock(fixed) == fixed);
	GlobalFree(fixed);

	step("GlobalAlloc(GMEM_MOVEABLE): a pointer to a handle table entry");
	HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 100);
	char *p = (char *)GlobalLock(h);
	printf("seed-heap:   handle 0x%08lx -> entry holding 0x%08lx; GlobalLock: 0x%08lx\n",
	       (DWORD)h, *(DWORD *)h, (DWORD)p);
	CHECK(*(char **)h == p);
	strcpy(p, "moved with its handle");
	GlobalUnlock(h);

	step("GlobalReAlloc: a new block, the bytes copied, the same handle");
	CHECK(GlobalReAlloc(h, 1 << 20, GMEM_MOVEABLE) == h);
	char *q = (char *)GlobalLock(h);
	printf("seed-heap:   handle 0x%08lx now holds 0x%08lx (was 0x%08lx): \"%s\"\n", (DWORD)h,
	       (DWORD)q, (DWORD)p, q);
	CHECK(q != p && strcmp(q, "moved with its handle") == 0);
	GlobalUnlock(h);
	GlobalFree(h);
}

static void small_block_algorithm()
{
	step("a heap: 4 MB reserved, committed 64 KB at a time, decommitted as it empties");
	HANDLE heap = HeapCreate(0, 0, 0);
	void *blocks[100], *base;

	for (int i = 0; i < 100; i++)
		blocks[i] = HeapAlloc(heap, 0, 1000);
	SIZE_T full = committed_in(blocks[0], &base);
	for (int i = 99; i >= 0; i--)
		HeapFree(heap, 0, blocks[i]);
	SIZE_T empty = committed_in(base, &base);
	printf("seed-heap:   region 0x%08lx: 100 KB in blocks: %lu KB committed; all freed: %lu KB\n",
	       (DWORD)base, full / 1024, empty / 1024);
	CHECK(full == 128 * 1024 && empty <= 64 * 1024);
	HeapDestroy(heap);
	MEMORY_BASIC_INFORMATION m;
	VirtualQuery(base, &m, sizeof(m));
	printf("seed-heap:   HeapDestroy: the region is %s\n", m.State == MEM_FREE ? "free" : "kept");
	CHECK(m.State == MEM_FREE);
}

static void malloc_and_new()
{
	step("malloc and new: blocks of the C library's heap, the process heap");
	void *m = malloc(100);
	char *n = new char[100];
	printf("seed-heap:   malloc 0x%08lx, new 0x%08lx: HeapSize %lu and %lu\n", (DWORD)m,
	       (DWORD)n, HeapSize(GetProcessHeap(), 0, m), HeapSize(GetProcessHeap(), 0, n));
	CHECK(HeapValidate(GetProcessHeap(), 0, m) && HeapValidate(GetProcessHeap(), 0, n));
	delete[] n;
	free(m);
}

static void heapmin()
{
	step("_heapmin: HeapCompact gives the free pages back");
	char *blocks[40];
	void *base;

	for (int i = 0; i < 40; i++)
		memset(blocks[i] = (char *)malloc(64 * 1024), i, 64 * 1024);
	for (int i = 1; i < 39; i++)
		free(blocks[i]);
	SIZE_T before = committed_in(blocks[0], &base), usage = pagefile_usage();
	CHECK(_heapmin() == 0);
	SIZE_T after = committed_in(blocks[0], &base);
	printf("seed-heap:   2.4 MB freed in the middle: region 0x%08lx committed %lu KB -> %lu KB, "
	       "PagefileUsage %lu KB -> %lu KB\n", (DWORD)base, before / 1024, after / 1024,
	       usage / 1024, pagefile_usage() / 1024);
	CHECK(before - after >= 38 * 60 * 1024 && usage - pagefile_usage() >= 38 * 60 * 1024);
	free(blocks[0]);
	free(blocks[39]);
}

// Stand-ins for MFC's classes, enough for the article's fragments.
struct CRect {
	long left, top, right, bottom;
	CRect(long l, long t, long r, long b) : left(l), top(t), right(r), bottom(b) {}
};

class CString {
public:
	explicit CString(const char *s) : chars_(strcpy(new char[strlen(s) + 1], s)) {}
	~CString()
	{
		delete[] chars_;
	}
	const char *chars() const
	{
		return chars_;
	}

private:
	char *chars_;
};

const char g_pch[] = "test";
const CRect g_rect(0, 0, 100, 100);
const CString g_str("this is the worst thing I can do");

static DWORD protection(const void *p)
{
	MEMORY_BASIC_INFORMATION m;

	VirtualQuery(p, &m, sizeof(m));
	return m.Protect;
}

static void constant_data()
{
	step("constant data: const arrays in the image's read-only data, objects with constructors not");
	printf("seed-heap:   g_pch 0x%08lx protect 0x%lx; g_rect 0x%08lx protect 0x%lx; "
	       "g_str's characters 0x%08lx on the heap\n", (DWORD)g_pch, protection(g_pch),
	       (DWORD)&g_rect, protection(&g_rect), (DWORD)g_str.chars());
	CHECK(protection(g_pch) == PAGE_READONLY && protection(&g_rect) != PAGE_READONLY &&
	      g_rect.right == 100 && HeapValidate(GetProcessHeap(), 0, g_str.chars()));
}

#pragma GCC diagnostic ignored "-Wwrite-strings"
static int literal()
{
	char* pch = "test";

	*pch = 'x';
	printf("seed-heap: the literal is now \"%s\"\n", pch);
	return 0;
}

// The literal's store, in a child: it must end with an access violation.
static void string_literal()
{
	char cmd[] = "seed-heap literal";
	PROCESS_INFORMATION pi;
	DWORD code = 0;

	step("char* pch = \"test\"; *pch = 'x';  (in a child process)");
	CHECK(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi));
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("seed-heap:   the child ended with 0x%08lx: \"test\" is read-only data today\n",
	       code);
	CHECK(code == STATUS_ACCESS_VIOLATION);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "literal") == 0)
		return literal();
	fixed_and_moveable();
	small_block_algorithm();
	malloc_and_new();
	heapmin();
	constant_data();
	string_literal();
	printf("seed-heap: %d failures\n", failures);
	return failures != 0;
}
