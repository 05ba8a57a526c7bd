/* The memory manager under threads: 3 processes x 8 threads doing random
 * Virtual* calls and touches against a shadow model, with swap under
 * pressure. Each thread owns a slice of one big allocation: it rewrites
 * pages with versioned patterns, decommits and recommits runs of them, and
 * makes them read-only and back; a shared slice is rewritten under a
 * critical section by all. Then every thread of a process reads the same
 * paged-out pages at once: faults on a page whose read is in flight collide
 * (counted machine-wide). Every word read must match the shadow.
 *   thread-memory-stress             the parent: starts 3 children
 *   thread-memory-stress child SEED  one process of 8 threads */
#include <stdlib.h>
#include <string.h>
#include "swap-common.h"

#define CHILDREN 3
#define THREADS  8
#define STEPS    1500
#define RUN      8              /* pages a decommit/recommit takes at most */

static uint32_t *mem;           /* THREADS slices of slice_pages, then the shared slice */
static uint32_t slice_pages, shared_pages;
static uint16_t *version;       /* the shadow: a page's version, 0 = zero */
static CRITICAL_SECTION shared_lock;
static volatile LONG bad, go;

static uint32_t word(uint32_t page, uint32_t w, uint32_t v)
{
	return v ? swap_word(page * 1024 + w, v * 0x9e3779b9u) : 0;
}

static uint32_t next(uint32_t *rng)
{
	*rng ^= *rng << 13;
	*rng ^= *rng >> 17;
	*rng ^= *rng << 5;
	return *rng;
}

/* Checks page p against the shadow and rewrites it with the next version. */
static void rewrite(uint32_t p)
{
	uint32_t *page = mem + p * 1024;

	for (uint32_t w = 0; w < 1024; w++)
		if (page[w] != word(p, w, version[p]) && InterlockedIncrement(&bad) < 5)
			printf("thread-memory-stress: page %u word %u is 0x%08x, want 0x%08x\n", p,
			       w, page[w], word(p, w, version[p]));
	version[p]++;
	for (uint32_t w = 0; w < 1024; w++)
		page[w] = word(p, w, version[p]);
}

/* Decommits a run of the thread's pages and commits it again: they read zero. */
static void recommit(uint32_t first, uint32_t n)
{
	if (!VirtualFree(mem + first * 1024, n * 4096, MEM_DECOMMIT) ||
	    !VirtualAlloc(mem + first * 1024, n * 4096, MEM_COMMIT, PAGE_READWRITE)) {
		InterlockedIncrement(&bad);
		printf("thread-memory-stress: decommit/recommit at page %u: error %lu\n", first,
		       GetLastError());
	}
	for (uint32_t p = first; p < first + n; p++)
		version[p] = 0;
}

/* Makes a run read-only (a read must still see its data) and writable again. */
static void protect_cycle(uint32_t first, uint32_t n)
{
	DWORD old;

	if (!VirtualProtect(mem + first * 1024, n * 4096, PAGE_READONLY, &old) ||
	    mem[first * 1024 + 5] != word(first, 5, version[first]) ||
	    !VirtualProtect(mem + first * 1024, n * 4096, PAGE_READWRITE, &old)) {
		InterlockedIncrement(&bad);
		printf("thread-memory-stress: protect cycle at page %u\n", first);
	}
}

static DWORD WINAPI worker(LPVOID arg)
{
	uint32_t id = (uint32_t)arg, rng = 0x2545f491u * (id + 1), base = id * slice_pages;

	for (uint32_t s = 0; s < STEPS; s++) {
		uint32_t r = next(&rng) % 100, p = base + next(&rng) % slice_pages;
		uint32_t n = 1 + next(&rng) % RUN;
		if (p + n > base + slice_pages)
			n = base + slice_pages - p;
		if (r < 80) {
			rewrite(p);
		} else if (r < 88) {
			recommit(p, n);
		} else if (r < 94) {
			protect_cycle(p, n);
		} else {
			EnterCriticalSection(&shared_lock);
			rewrite(THREADS * slice_pages + next(&rng) % shared_pages);
			LeaveCriticalSection(&shared_lock);
		}
	}
	/* All together over the same pages, which the others' work paged out. */
	InterlockedIncrement(&go);
	while (go < THREADS)
		SwitchToThread();
	for (uint32_t p = 0; p < slice_pages; p++)
		if (mem[p * 1024 + id] != word(p, id, version[p]))
			InterlockedIncrement(&bad);
	return 0;
}

static int child(uint32_t pages)
{
	HANDLE t[THREADS];

	slice_pages = pages / (THREADS + 1);
	shared_pages = slice_pages;
	mem = VirtualAlloc(NULL, (THREADS + 1) * slice_pages * 4096, MEM_COMMIT | MEM_RESERVE,
			   PAGE_READWRITE);
	version = VirtualAlloc(NULL, (THREADS + 1) * slice_pages * 2, MEM_COMMIT | MEM_RESERVE,
			       PAGE_READWRITE);
	if (!mem || !version) {
		printf("thread-memory-stress: cannot commit %u pages: %lu\n", pages, GetLastError());
		return 1;
	}
	InitializeCriticalSection(&shared_lock);
	for (uint32_t i = 0; i < THREADS; i++)
		if (!(t[i] = CreateThread(NULL, 0, worker, (LPVOID)i, 0, NULL))) {
			printf("thread-memory-stress: CreateThread: %lu\n", GetLastError());
			return 1;
		}
	for (uint32_t i = 0; i < THREADS; i++) {
		WaitForSingleObject(t[i], INFINITE);
		CloseHandle(t[i]);
	}
	DeleteCriticalSection(&shared_lock);
	return bad != 0;
}

int main(int argc, char **argv)
{
	struct vados_memory_status st = swap_status();
	struct vados_mm_counters before = vados_mm_counters(), after;
	PROCESS_INFORMATION pi[CHILDREN];
	STARTUPINFOA si = { .cb = sizeof(si) };
	int failures = 0;

	/* Each child gets 2/3 of RAM: 2x RAM in all, so swap is under pressure. */
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child(st.phys_pages * 2 / 3);
	for (int i = 0; i < CHILDREN; i++)
		if (!CreateProcessA(NULL, "thread-memory-stress child", NULL, NULL, FALSE, 0, NULL,
				    NULL, &si, &pi[i])) {
			printf("thread-memory-stress: cannot start a child: %lu\n", GetLastError());
			return 1;
		}
	for (int i = 0; i < CHILDREN; i++) {
		DWORD code = 1;
		WaitForSingleObject(pi[i].hProcess, INFINITE);
		GetExitCodeProcess(pi[i].hProcess, &code);
		failures += code != 0;
		CloseHandle(pi[i].hProcess);
		CloseHandle(pi[i].hThread);
	}
	after = vados_mm_counters();
	printf("thread-memory-stress: %d processes x %d threads, %u hard faults, %u collided, "
	       "%d failures\n", CHILDREN, THREADS, after.hard_faults - before.hard_faults,
	       after.collided_faults - before.collided_faults, failures);
	return failures != 0;
}
