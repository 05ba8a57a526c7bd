/* Three processes share a pagefile-backed section of four times the
 * machine's RAM and walk it at random, read-modify-write, against a shadow:
 * every page's words follow a pattern of the page's version, which only the
 * shadow (a second section: a version and a lock word a page) remembers.
 * Each step locks a page, checks all of it and rewrites it with the next
 * version, so pages move between the processes' working sets, are trimmed
 * from one while another writes them, go to swap through their prototype
 * PTEs and come back. At the end the parent checks every word.
 *   section-pressure [STEPS]        (the parent; "worker STEPS" for children) */
#include <stdlib.h>
#include <string.h>
#include "swap-common.h"

#define WORKERS 3

struct shadow {
	volatile LONG started, done;
	uint32_t pages;
	volatile LONG lock[];           /* then a uint16_t version a page */
};

static uint32_t rng;

static uint32_t word(uint32_t page, uint32_t w, uint32_t version)
{
	return version ? swap_word(page * 1024 + w, version * 0x9e3779b9u) : 0;
}

static volatile uint16_t *versions(struct shadow *s)
{
	return (volatile uint16_t *)&s->lock[s->pages];
}

static void page_lock(volatile LONG *l)
{
	LONG old;

	for (;;) {
		old = 0;
		asm volatile("lock cmpxchgl %2, %1" : "+a"(old), "+m"(*l) : "r"(1L) : "memory");
		if (old == 0)
			return;
		Sleep(0);
	}
}

static void atomic_inc(volatile LONG *l)
{
	asm volatile("lock incl %0" : "+m"(*l) : : "memory");
}

/* Checks page p of mem against version v; the number of wrong words. */
static uint32_t check_page(const volatile uint32_t *mem, uint32_t p, uint32_t v)
{
	uint32_t bad = 0;

	for (uint32_t w = 0; w < 1024; w++)
		bad += mem[p * 1024 + w] != word(p, w, v);
	return bad;
}

static uint32_t walk(volatile uint32_t *mem, struct shadow *s, uint32_t steps)
{
	volatile uint16_t *version = versions(s);
	uint32_t bad = 0;

	for (uint32_t i = 0; i < steps; i++) {
		uint32_t p = swap_random(&rng) % s->pages, v;
		page_lock(&s->lock[p]);
		v = version[p];
		bad += check_page(mem, p, v);
		for (uint32_t w = 0; w < 1024; w++)
			mem[p * 1024 + w] = word(p, w, v + 1);
		version[p] = (uint16_t)(v + 1);
		s->lock[p] = 0;
	}
	return bad;
}

/* Opens (or, parent, creates) the two sections and maps them. */
static int attach(uint32_t pages, volatile uint32_t **mem, struct shadow **s)
{
	uint32_t shadow_bytes = sizeof(struct shadow) + pages * 6;
	HANDLE hm = pages ? CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
					       pages * 4096, "section-pressure-data") :
			    OpenFileMappingA(FILE_MAP_WRITE, FALSE, "section-pressure-data");
	HANDLE hs = pages ? CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
					       shadow_bytes, "section-pressure-shadow") :
			    OpenFileMappingA(FILE_MAP_WRITE, FALSE, "section-pressure-shadow");

	*mem = hm ? MapViewOfFile(hm, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	*s = hs ? MapViewOfFile(hs, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	if (!*mem || !*s) {
		printf("section-pressure: cannot map %u pages: error %lu\n", pages, GetLastError());
		return 0;
	}
	/* The views keep the sections, but their names go with the last
	 * handle: the parent keeps its handles until every worker has opened. */
	if (pages) {
		(*s)->pages = pages;
		return 1;
	}
	CloseHandle(hm);
	CloseHandle(hs);
	return 1;
}

static int worker(uint32_t steps)
{
	volatile uint32_t *mem;
	struct shadow *s;
	uint32_t bad;

	if (!attach(0, &mem, &s))
		return 1;
	rng = 0x2545f491 ^ GetCurrentProcessId() * 2654435761u;
	atomic_inc(&s->started);
	while (s->started < WORKERS)
		Sleep(1);
	bad = walk(mem, s, steps);
	atomic_inc(&s->done);
	return bad ? 2 : 0;
}

int main(int argc, char **argv)
{
	uint32_t steps = argc > 1 ? (uint32_t)atoi(argv[1]) : 6000, bad = 0, faults;
	struct vados_memory_status st = swap_status();
	uint32_t pages = st.phys_pages * 4;
	PROCESS_INFORMATION pi[WORKERS - 1];
	struct vados_mm_counters c0 = vados_mm_counters(), c1;
	volatile uint32_t *mem;
	struct shadow *s;
	char cmdline[64];
	DWORD code;

	if (argc > 2 && !strcmp(argv[1], "worker"))
		return worker((uint32_t)atoi(argv[2]));
	if (!attach(pages, &mem, &s))
		return 1;
	snprintf(cmdline, sizeof(cmdline), "%s worker %u", argv[0], steps);
	for (int i = 0; i < WORKERS - 1; i++)
		if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi[i])) {
			printf("section-pressure: cannot start a worker: error %lu\n", GetLastError());
			return 1;
		}
	rng = 0x9e3779b9;
	atomic_inc(&s->started);
	while (s->started < WORKERS) {
		for (int i = 0; i < WORKERS - 1; i++)
			if (WaitForSingleObject(pi[i].hProcess, 0) == WAIT_OBJECT_0) {
				printf("section-pressure: a worker ended before it started\n");
				return 1;
			}
		Sleep(1);
	}
	bad += walk(mem, s, steps);
	for (int i = 0; i < WORKERS - 1; i++) {
		WaitForSingleObject(pi[i].hProcess, INFINITE);
		GetExitCodeProcess(pi[i].hProcess, &code);
		bad += code != 0;
		if (code)
			printf("section-pressure: worker %d found bad words (status %lu)\n", i, code);
		CloseHandle(pi[i].hProcess);
		CloseHandle(pi[i].hThread);
	}
	for (uint32_t p = 0; p < pages; p++)
		bad += check_page(mem, p, versions(s)[p]);
	c1 = vados_mm_counters();
	faults = c1.hard_faults - c0.hard_faults;
	printf("section-pressure: %u steps over %u pages by %d processes, %u hard faults, "
	       "%u bad words\n", steps * WORKERS, pages, WORKERS, faults, bad);
	return bad != 0;
}
