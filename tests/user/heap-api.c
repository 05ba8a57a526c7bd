/* The heap calls against their Windows contracts: GetProcessHeap, HeapAlloc
 * (alignment, HeapSize, HEAP_ZERO_MEMORY), HeapReAlloc (contents kept, the
 * grown tail zeroed, HEAP_REALLOC_IN_PLACE_ONLY honoured, a refusal leaves the
 * block alone), HeapCreate's arguments, a fixed heap's ceiling and its
 * largest block, HEAP_GENERATE_EXCEPTIONS (a continuable STATUS_NO_MEMORY
 * carrying the size), bad handles, HeapValidate, HeapDestroy giving back
 * exactly its commit, HEAP_CREATE_ENABLE_EXECUTE, the C rules of malloc,
 * calloc, realloc and free, and LocalAlloc/GlobalAlloc of fixed memory
 * (moveable memory: moveable-memory.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define KB 1024ul
#define MB (1024ul * KB)

#define TEST_NAME "heap-api"
#include "check.h"

static SIZE_T commit_now(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.PagefileUsage;
}

static BOOL all_zero(const unsigned char *p, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (p[k])
			return FALSE;
	return TRUE;
}

static BOOL all_byte(const unsigned char *p, int v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (p[k] != (unsigned char)v)
			return FALSE;
	return TRUE;
}

/* Sizes are what was asked for, blocks are 8-aligned; memory handed back
 * dirty comes back zeroed with HEAP_ZERO_MEMORY. */
static void alloc_and_size(HANDLE h)
{
	static const SIZE_T sizes[] = { 0, 1, 7, 8, 9, 100, 4095, 4096, 100000, 600000 };
	unsigned char *p;

	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p = HeapAlloc(h, 0, sizes[i]);
		CHECK(p && !((ULONG_PTR)p & 7), "%lu bytes at %p", sizes[i], p);
		CHECK(HeapSize(h, 0, p) == sizes[i], "HeapSize %lu for %lu",
		      HeapSize(h, 0, p), sizes[i]);
		memset(p, 0xee, sizes[i]);
		CHECK(HeapFree(h, 0, p), "error %lu", GetLastError());
		p = HeapAlloc(h, HEAP_ZERO_MEMORY, sizes[i]);
		CHECK(p && all_zero(p, 0, sizes[i]), "%lu zeroed bytes at %p", sizes[i], p);
		HeapFree(h, 0, p);
	}
}

/* Growing keeps the contents and (HEAP_ZERO_MEMORY) zeroes the new tail even
 * over dirty memory; in place only: a shrink stays put, a grow into a free
 * neighbour stays put, a grow against a busy one fails and changes nothing. */
static void realloc_rules(HANDLE h)
{
	unsigned char *dirty = HeapAlloc(h, 0, 4000), *p, *q, *wall;

	memset(dirty, 0x5a, 4000);
	HeapFree(h, 0, dirty);
	p = HeapAlloc(h, 0, 100);
	memset(p, 0x11, 100);
	q = HeapReAlloc(h, HEAP_ZERO_MEMORY, p, 3000);
	CHECK(q && all_byte(q, 0x11, 100) && all_zero(q, 100, 3000), "grow with zeroing");
	p = HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, q, 50);
	CHECK(p == q && HeapSize(h, 0, p) == 50 && all_byte(p, 0x11, 50), "in-place shrink");
	q = HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY | HEAP_ZERO_MEMORY, p, 2000);
	CHECK(q == p && all_byte(q, 0x11, 50) && all_zero(q, 50, 2000),
	      "in-place grow into the space it left");
	wall = HeapAlloc(h, 0, 16);                     /* right after q, if anywhere */
	SetLastError(0);
	p = HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, q, 200000);
	CHECK(p == NULL && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
	      "a blocked in-place grow gave %p, error %lu", p, GetLastError());
	CHECK(HeapSize(h, 0, q) == 2000 && all_byte(q, 0x11, 50), "the block changed");
	p = HeapReAlloc(h, 0, q, 200000);
	CHECK(p && p != q && all_byte(p, 0x11, 50) && HeapSize(h, 0, p) == 200000, "moved");
	SetLastError(0);
	CHECK(HeapReAlloc(h, 0, NULL, 10) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
	      "HeapReAlloc(NULL): error %lu", GetLastError());
	HeapFree(h, 0, p);
	HeapFree(h, 0, wall);
	CHECK(HeapValidate(h, 0, NULL), "the heap after reallocations");
}

/* A fixed heap fills up to its maximum and no further; the refusal says
 * ERROR_NOT_ENOUGH_MEMORY and harms nothing; freeing makes room again. */
static void fixed_ceiling(void)
{
	HANDLE h = HeapCreate(0, 4 * KB, 256 * KB);
	void *p[300], *last = NULL;
	int n = 0;

	CHECK(h != NULL, "error %lu", GetLastError());
	while (n < 300 && (p[n] = HeapAlloc(h, 0, 1000)))
		last = p[n++];
	CHECK(n >= 240 && n <= 260, "%d blocks of 1000 bytes in 256 KB", n);
	CHECK(GetLastError() == ERROR_NOT_ENOUGH_MEMORY, "error %lu", GetLastError());
	CHECK(HeapValidate(h, 0, NULL), "after the refusal");
	HeapFree(h, 0, last);
	CHECK(HeapAlloc(h, 0, 1000) != NULL, "room again after a free");
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
	h = HeapCreate(0, 0, 4096 * KB);
	CHECK(HeapAlloc(h, 0, 0x7FFF8) == NULL, "a fixed heap's blocks are below 0x7FFF8");
	CHECK(HeapAlloc(h, 0, 0x7FFF0) != NULL, "a block just below the limit");
	HeapDestroy(h);
	SetLastError(0);
	CHECK(HeapCreate(0, 8192, 4096) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
	      "initial above maximum: error %lu", GetLastError());
}

static volatile LONG no_memory_seen;
static volatile ULONG_PTR no_memory_size;

static LONG CALLBACK on_no_memory(PEXCEPTION_POINTERS ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;

	if (r->ExceptionCode != STATUS_NO_MEMORY)
		return EXCEPTION_CONTINUE_SEARCH;
	if (r->ExceptionFlags == 0 && r->NumberParameters == 1)
		no_memory_size = r->ExceptionInformation[0];
	no_memory_seen++;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* HEAP_GENERATE_EXCEPTIONS, on the call or the heap: STATUS_NO_MEMORY with
 * the size; continued, the call returns NULL. */
static void generate_exceptions(void)
{
	PVOID v = AddVectoredExceptionHandler(1, on_no_memory);
	HANDLE h = HeapCreate(0, 0, 64 * KB), g = HeapCreate(HEAP_GENERATE_EXCEPTIONS, 0, 64 * KB);

	CHECK(HeapAlloc(h, 0, 100000) == NULL && no_memory_seen == 0, "no exception unasked");
	CHECK(HeapAlloc(h, HEAP_GENERATE_EXCEPTIONS, 100000) == NULL, "continued");
	CHECK(no_memory_seen == 1 && no_memory_size == 100000, "seen %ld, size %lu",
	      no_memory_seen, no_memory_size);
	CHECK(HeapAlloc(g, 0, 70000) == NULL && no_memory_seen == 2 && no_memory_size == 70000,
	      "heap option: seen %ld, size %lu", no_memory_seen, no_memory_size);
	void *p = HeapAlloc(g, 0, 100);
	CHECK(HeapReAlloc(g, 0, p, 90000) == NULL && no_memory_seen == 3, "HeapReAlloc raises");
	RemoveVectoredExceptionHandler(v);
	HeapDestroy(h);
	HeapDestroy(g);
}

/* Handles that are no heap fail cleanly; NULL blocks and stray pointers are
 * reported by HeapValidate without an exception. */
static void bad_arguments(void)
{
	HANDLE bad = (HANDLE)0x12345678, h = GetProcessHeap();
	char local, *p = HeapAlloc(h, 0, 64);

	SetLastError(0);
	CHECK(HeapAlloc(bad, 0, 10) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
	      "error %lu", GetLastError());
	CHECK(!HeapFree(bad, 0, p) && HeapSize(bad, 0, p) == (SIZE_T)-1, "bad handle");
	CHECK(!HeapValidate(bad, 0, NULL) && !HeapDestroy(bad), "bad handle");
	CHECK(!HeapDestroy(h), "the process heap cannot be destroyed");
	CHECK(HeapFree(h, 0, NULL), "HeapFree(NULL) does nothing");
	CHECK(HeapValidate(h, 0, p) && !HeapValidate(h, 0, p + 8) && !HeapValidate(h, 0, &local),
	      "HeapValidate on blocks");
	HeapFree(h, 0, p);
	CHECK(!HeapValidate(h, 0, p) && HeapValidate(h, 0, NULL), "HeapValidate after free");
}

/* A heap grown to several regions with big blocks gives all its commit back;
 * its addresses are free again. */
static void destroy_returns_everything(void)
{
	SIZE_T before = commit_now();
	HANDLE h = HeapCreate(0, 64 * KB, 0);
	MEMORY_BASIC_INFORMATION m;
	char *first = HeapAlloc(h, 0, 10), *big = HeapAlloc(h, 0, 2048 * KB);

	for (int i = 0; i < 60; i++)
		CHECK(HeapAlloc(h, 0, 100000 + i) != NULL, "block %d", i);
	CHECK(commit_now() > before + 7 * MB, "commit %lu", commit_now() - before);
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
	CHECK(commit_now() == before, "%ld bytes more than before HeapCreate",
	      (long)(commit_now() - before));
	CHECK(VirtualQuery(first, &m, sizeof(m)) && m.State == MEM_FREE, "first block's region");
	CHECK(VirtualQuery(big, &m, sizeof(m)) && m.State == MEM_FREE, "big block's region");
	SetLastError(0);
	CHECK(HeapAlloc(h, 0, 10) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
	      "a destroyed heap: error %lu", GetLastError());
}

static void executable_heap(void)
{
	HANDLE h = HeapCreate(HEAP_CREATE_ENABLE_EXECUTE, 0, 0);
	MEMORY_BASIC_INFORMATION m;
	void *p = HeapAlloc(h, 0, 100), *big = HeapAlloc(h, 0, 1024 * KB);

	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_EXECUTE_READWRITE,
	      "protection 0x%lx", m.Protect);
	CHECK(VirtualQuery(big, &m, sizeof(m)) && m.Protect == PAGE_EXECUTE_READWRITE,
	      "big block's protection 0x%lx", m.Protect);
	HeapDestroy(h);
}

/* malloc(0) is a unique pointer, free(NULL) nothing, realloc(NULL, n) malloc,
 * realloc(p, 0) frees, calloc zeroes and refuses an overflowing product. */
static void c_rules(void)
{
	char *a = malloc(0), *b = malloc(0), *c;

	CHECK(a && b && a != b, "malloc(0): %p %p", a, b);
	free(NULL);
	free(a);
	free(b);
	c = realloc(NULL, 40);
	CHECK(c && HeapSize(GetProcessHeap(), 0, c) == 40, "realloc(NULL, 40)");
	strcpy(c, "kept across realloc");
	c = realloc(c, 100000);
	CHECK(c && !strcmp(c, "kept across realloc"), "realloc grow");
	CHECK(realloc(c, 0) == NULL && !HeapValidate(GetProcessHeap(), 0, c), "realloc(p, 0)");
	c = calloc(1000, 10);
	CHECK(c && all_zero((unsigned char *)c, 0, 10000), "calloc zeroes");
	free(c);
	SetLastError(0);
	CHECK(calloc(0x10000, 0x10001) == NULL && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
	      "calloc overflow: error %lu", GetLastError());
	SetLastError(0);
	CHECK(malloc(0x7FFFFFFF) == NULL && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
	      "malloc(2 GB): error %lu", GetLastError());
}

static void local_and_global(void)
{
	HANDLE h = GetProcessHeap();
	unsigned char *l = LocalAlloc(LPTR, 300), *g = GlobalAlloc(GPTR, 500);
	void *f = GlobalAlloc(GMEM_FIXED, 50);

	CHECK(l && all_zero(l, 0, 300) && HeapSize(h, 0, l) == 300, "LocalAlloc(LPTR)");
	CHECK(g && all_zero(g, 0, 500) && HeapSize(h, 0, g) == 500, "GlobalAlloc(GPTR)");
	CHECK(f && HeapSize(h, 0, f) == 50, "GlobalAlloc(GMEM_FIXED)");
	CHECK(LocalFree(l) == NULL && GlobalFree(g) == NULL && GlobalFree(f) == NULL, "frees");
	CHECK(LocalFree(NULL) == NULL, "LocalFree(NULL)");
	SetLastError(0);
	CHECK(LocalAlloc(0x10000, 10) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
	      "an unknown flag: error %lu", GetLastError());
	CHECK(LocalAlloc(LMEM_MODIFY, 10) == NULL, "LMEM_MODIFY is no allocation flag");
}

int main(void)
{
	HANDLE h = GetProcessHeap();

	CHECK(h != NULL && GetProcessHeap() == h, "GetProcessHeap %p", h);
	alloc_and_size(h);
	realloc_rules(h);
	fixed_ceiling();
	generate_exceptions();
	bad_arguments();
	destroy_returns_everything();
	executable_heap();
	c_rules();
	local_and_global();
	CHECK(HeapValidate(h, 0, NULL), "the process heap at the end");
	printf("heap-api: %d failures\n", failures);
	return failures != 0;
}
