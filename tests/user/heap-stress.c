/* Randomized heap stress with content checks, from a fixed seed:
 *   heap-stress malloc SEED OPS   malloc/calloc/realloc/free on the process heap;
 *                                 after freeing everything the commit is back
 *                                 within 512 KB of where it started
 *   heap-stress heap SEED OPS     HeapAlloc/HeapReAlloc (HEAP_ZERO_MEMORY,
 *                                 HEAP_REALLOC_IN_PLACE_ONLY)/HeapSize/HeapFree
 *                                 on a private heap; HeapDestroy gives back
 *                                 exactly the commit HeapCreate took
 *   heap-stress fixed SEED OPS    the same on a 2 MB fixed heap kept near its
 *                                 ceiling: refusals are ERROR_NOT_ENOUGH_MEMORY
 *                                 and leave every block as it was
 * Sizes: mostly 1-256 bytes, some to 4 KB and 64 KB, a few of 500 KB-1.1 MB
 * (either side of the 508 KB big-block line). Every block carries a pattern
 * (whole up to 512 bytes, its ends and one byte a page beyond) checked before
 * it is freed or resized; HeapValidate runs every 20000 operations. Prints the
 * rate and the commit, then "heap-stress: N failures". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define SLOTS      1024
#define FULL_CHECK 512
#define EDGE       256
#define KB         1024ul

static int failures;

#define CHECK(cond, fmt, ...)                                                            \
	do {                                                                             \
		if (!(cond) && failures++ < 20)                                          \
			printf("heap-stress: line %d: %s: " fmt "\n", __LINE__, #cond,   \
			       ##__VA_ARGS__);                                           \
	} while (0)

enum mode { MODE_MALLOC, MODE_HEAP, MODE_FIXED };

struct slot {
	unsigned char *p;
	size_t n;
	unsigned char seed;
};

static struct slot slots[SLOTS];
static enum mode mode;
static HANDLE heap;
static unsigned long rng_state;
static unsigned long refusals;

static unsigned long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static size_t random_size(void)
{
	unsigned long r = rng() % 1000;

	if (r < 700)
		return rng() % 257;
	if (r < 950)
		return rng() % 4097;
	if (r < 996 || mode == MODE_FIXED)
		return rng() % 65537;
	return 500 * KB + rng() % (600 * KB);
}

static SIZE_T commit_now(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.PagefileUsage;
}

/* Calls f on the offsets that carry the pattern in a block of n bytes. */
#define FOR_PATTERN(n, k)                                                                \
	for (size_t k = 0, end_ = (n); k < end_;                                         \
	     k = end_ <= FULL_CHECK || k + 1 < EDGE || k + 1 >= end_ - EDGE ? k + 1       \
		 : k + 4096 < end_ - EDGE ? k + 4096 : end_ - EDGE)

static unsigned char pattern(const struct slot *s, size_t k)
{
	return (unsigned char)(s->seed + k * 7 + (k >> 8));
}

static void fill(struct slot *s)
{
	FOR_PATTERN(s->n, k)
		s->p[k] = pattern(s, k);
}

/* The pattern holds in the first upto bytes. */
static void check_pattern(const struct slot *s, size_t upto, const char *when)
{
	FOR_PATTERN(s->n, k)
		if (k < upto && s->p[k] != pattern(s, k)) {
			CHECK(0, "%s: block %p (%lu bytes) byte %lu is 0x%02x", when, s->p,
			      (unsigned long)s->n, (unsigned long)k, s->p[k]);
			return;
		}
}

static void check_zero(const unsigned char *p, size_t from, size_t to)
{
	for (size_t k = from; k < to; k = k + 1 < from + EDGE || k + EDGE + 1 >= to ? k + 1 : k + 997)
		if (p[k]) {
			CHECK(0, "byte %lu of %p is 0x%02x, not zero", (unsigned long)k, p, p[k]);
			return;
		}
}

static void *do_alloc(size_t n, BOOL zero)
{
	if (mode == MODE_MALLOC)
		return zero ? calloc(1, n) : malloc(n);
	return HeapAlloc(heap, zero ? HEAP_ZERO_MEMORY : 0, n);
}

static void *do_realloc(void *p, size_t n, DWORD flags)
{
	if (mode == MODE_MALLOC)
		return realloc(p, n ? n : 1);
	return HeapReAlloc(heap, flags, p, n);
}

static void do_free(void *p)
{
	if (mode == MODE_MALLOC)
		free(p);
	else
		CHECK(HeapFree(heap, 0, p), "error %lu", GetLastError());
}

/* A refusal is only allowed in the fixed heap, and must say why. */
static void refused(size_t n)
{
	CHECK(mode == MODE_FIXED, "%lu bytes refused, error %lu", (unsigned long)n,
	      GetLastError());
	CHECK(GetLastError() == ERROR_NOT_ENOUGH_MEMORY, "error %lu", GetLastError());
	refusals++;
}

static void step_alloc(struct slot *s)
{
	size_t n = random_size();
	BOOL zero = rng() % 4 == 0;

	SetLastError(0);
	s->p = do_alloc(n, zero);
	if (!s->p) {
		refused(n);
		return;
	}
	s->n = n;
	if (zero)
		check_zero(s->p, 0, n);
	s->seed = (unsigned char)rng();
	fill(s);
}

static void step_realloc(struct slot *s)
{
	size_t n = random_size();
	DWORD flags = rng() % 3 == 0 ? HEAP_ZERO_MEMORY : 0;
	unsigned char *q;

	if (mode != MODE_MALLOC && rng() % 4 == 0)
		flags |= HEAP_REALLOC_IN_PLACE_ONLY;
	if (mode == MODE_MALLOC && !n)
		n = 1;
	SetLastError(0);
	q = do_realloc(s->p, n, flags);
	if (!q) {
		if (!(flags & HEAP_REALLOC_IN_PLACE_ONLY))
			refused(n);
		check_pattern(s, s->n, "after a refused realloc");
		return;
	}
	CHECK(!(flags & HEAP_REALLOC_IN_PLACE_ONLY) || q == s->p, "in place moved it");
	s->p = q;
	check_pattern(s, n, "after realloc");
	if ((flags & HEAP_ZERO_MEMORY) && mode != MODE_MALLOC)
		check_zero(q, s->n, n);
	s->n = n;
	fill(s);
}

static void step(struct slot *s)
{
	if (!s->p) {
		step_alloc(s);
		return;
	}
	check_pattern(s, s->n, "before free or realloc");
	if (mode != MODE_MALLOC)
		CHECK(HeapSize(heap, 0, s->p) == s->n, "HeapSize %lu, not %lu",
		      HeapSize(heap, 0, s->p), (unsigned long)s->n);
	if (rng() % 2) {
		do_free(s->p);
		s->p = NULL;
	} else {
		step_realloc(s);
	}
}

static void free_all(void)
{
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].p) {
			check_pattern(&slots[i], slots[i].n, "at the end");
			do_free(slots[i].p);
			slots[i].p = NULL;
		}
}

static HANDLE heap_for(enum mode m)
{
	if (m == MODE_MALLOC)
		return GetProcessHeap();
	return m == MODE_HEAP ? HeapCreate(0, 0, 0) : HeapCreate(0, 64 * KB, 2048 * KB);
}

static void run(unsigned long ops)
{
	for (unsigned long i = 0; i < ops && failures < 20; i++) {
		step(&slots[rng() % SLOTS]);
		if (i % 20000 == 19999)
			CHECK(HeapValidate(heap, 0, NULL), "after %lu operations", i + 1);
	}
}

int main(int argc, char **argv)
{
	static const char *names[] = { "malloc", "heap", "fixed" };
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
	unsigned long ops = argc > 3 ? strtoul(argv[3], NULL, 0) : 100000;
	SIZE_T before, peak, after;
	DWORD t0, ms;

	mode = argc > 1 && !strcmp(argv[1], "heap") ? MODE_HEAP
	       : argc > 1 && !strcmp(argv[1], "fixed") ? MODE_FIXED : MODE_MALLOC;
	rng_state = seed * 2654435761ul + 1;
	before = commit_now();
	heap = heap_for(mode);
	CHECK(heap != NULL, "no heap: error %lu", GetLastError());
	t0 = GetTickCount();
	run(ops);
	ms = GetTickCount() - t0;
	peak = commit_now();
	free_all();
	CHECK(HeapValidate(heap, 0, NULL), "after freeing everything");
	after = commit_now();
	if (mode == MODE_MALLOC)
		CHECK(after - before <= 512 * KB, "%lu KB more than at the start",
		      (unsigned long)((after - before) / KB));
	else
		CHECK(HeapDestroy(heap) && commit_now() == before,
		      "HeapDestroy left %ld bytes", (long)(commit_now() - before));
	printf("heap-stress: %s seed %lu, %lu operations in %lu ms (%lu/s), %lu refused\n",
	       names[mode], seed, ops, ms, ms ? ops * 1000 / ms : 0, refusals);
	printf("heap-stress: commit %lu KB at the start, %lu KB at the end of the run, "
	       "%lu KB after freeing everything\n", (unsigned long)(before / KB),
	       (unsigned long)(peak / KB), (unsigned long)(after / KB));
	printf("heap-stress: %d failures\n", failures);
	return failures != 0;
}
