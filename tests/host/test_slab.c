/* Host unit tests for mm/slab.c: size classes, alignment, page reuse and
 * release, pointer validation, provider failure, poisoning, and a randomized
 * run against a reference model. Pages come from a fake provider backed by
 * aligned_alloc that counts live pages and can be told to run dry. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "mm/slab.h"
#include "tests/host/check.h"
#include "tests/host/isolate.h"

#define FAKE_MAX_PAGES 2048
#define UNLIMITED (-1L)
#define PAGE_MASK ((uintptr_t)SLAB_PAGE_SIZE - 1)

static const uint32_t class_sizes[SLAB_CLASSES] = { 16, 32, 64, 128, 256, 512, 1024 };

/* The fake page provider: every page it handed out and has not got back. */
struct fake_pages {
	void *live[FAKE_MAX_PAGES];
	unsigned live_count;
	unsigned allocs;        /* pages handed out in all */
	long budget;            /* pages it may still hand out; UNLIMITED */
	unsigned bad_frees;     /* free_page calls with a page it does not own */
};

/* A heap over a fake provider. Initialise in place: the heap must not move. */
struct env {
	struct fake_pages fake;
	struct slab_heap heap;
};

/* A fresh page full of garbage (the allocator must not count on zeroes). */
static void *fake_alloc_page(void *ctx)
{
	struct fake_pages *f = ctx;
	void *page;

	if (f->budget == 0 || f->live_count == FAKE_MAX_PAGES)
		return NULL;
	page = aligned_alloc(SLAB_PAGE_SIZE, SLAB_PAGE_SIZE);
	if (!page)
		return NULL;
	memset(page, 0xa5, SLAB_PAGE_SIZE);
	if (f->budget > 0)
		f->budget--;
	f->allocs++;
	f->live[f->live_count++] = page;
	return page;
}

/* The index of page in f->live, or -1. */
static int fake_find(const struct fake_pages *f, const void *page)
{
	for (unsigned i = 0; i < f->live_count; i++)
		if (f->live[i] == page)
			return (int)i;
	return -1;
}

/* Takes back a page it handed out; anything else is counted as a bad free. */
static void fake_free_page(void *ctx, void *page)
{
	struct fake_pages *f = ctx;
	int i = fake_find(f, page);

	if (i < 0) {
		f->bad_frees++;
		return;
	}
	f->live[i] = f->live[--f->live_count];
	free(page);
}

/* Whether the page holding p is still out with the heap (so reading it is safe). */
static bool fake_holds(const struct fake_pages *f, const void *p)
{
	return fake_find(f, (const void *)((uintptr_t)p & ~PAGE_MASK)) >= 0;
}

static void env_init(struct env *e, long budget)
{
	struct slab_pages pages = { fake_alloc_page, fake_free_page, &e->fake };

	memset(&e->fake, 0, sizeof(e->fake));
	e->fake.budget = budget;
	slab_init(&e->heap, &pages);
}

/* Frees every page still out (the heap's cached ones), as a kernel never would. */
static void env_teardown(struct env *e)
{
	while (e->fake.live_count)
		free(e->fake.live[--e->fake.live_count]);
}

static struct slab_stats stats_of(const struct slab_heap *h)
{
	struct slab_stats s;

	slab_get_stats(h, &s);
	return s;
}

/* The class size slab_alloc must pick for size (1..SLAB_MAX_SIZE). */
static uint32_t expected_class(size_t size)
{
	for (unsigned c = 0; c < SLAB_CLASSES; c++)
		if (size <= class_sizes[c])
			return class_sizes[c];
	return 0;
}

static uint32_t objects_per_page(uint32_t class_size)
{
	return (SLAB_PAGE_SIZE - SLAB_HEADER_SIZE) / class_size;
}

static uintptr_t page_offset(const void *p)
{
	return (uintptr_t)p & PAGE_MASK;
}

static void *page_of(const void *p)
{
	return (void *)((uintptr_t)p & ~PAGE_MASK);
}

/* Fills n bytes at p with a pattern derived from seed. */
static void pattern_fill(void *p, size_t n, uint32_t seed)
{
	uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 8));
}

static bool pattern_ok(const void *p, size_t n, uint32_t seed)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (uint8_t)(seed * 131 + i * 7 + (i >> 8)))
			return false;
	return true;
}

static bool all_bytes(const void *p, size_t n, uint8_t v)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != v)
			return false;
	return true;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* A deterministic xorshift32 stream. */
static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

TEST(class_boundaries_size_and_alignment)
{
	static const size_t sizes[] = { 1, 2, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65,
					127, 128, 129, 255, 256, 257, 511, 512, 513,
					1023, 1024 };
	void *p[sizeof(sizes) / sizeof(sizes[0])];
	struct env e;
	uint32_t bytes = 0;

	env_init(&e, UNLIMITED);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint32_t cls = expected_class(sizes[i]);
		uintptr_t align = cls < 64 ? cls : 64;

		p[i] = slab_alloc(&e.heap, sizes[i]);
		CHECK(p[i] != NULL);
		CHECK_EQ_U(slab_size(&e.heap, p[i]), cls);
		CHECK_EQ_U((uintptr_t)p[i] % 16, 0);
		CHECK_EQ_U((uintptr_t)p[i] % align, 0);
		CHECK(page_offset(p[i]) >= SLAB_HEADER_SIZE);
		CHECK(page_offset(p[i]) + cls <= SLAB_PAGE_SIZE);
		bytes += cls;
	}
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, sizeof(sizes) / sizeof(sizes[0]));
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, bytes);
	CHECK_EQ_U(stats_of(&e.heap).pages, SLAB_CLASSES);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		CHECK_EQ_U(slab_free(&e.heap, p[i]), SLAB_OK);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, 0);
	env_teardown(&e);
}

TEST(zero_and_oversized_requests_fail)
{
	struct env e;

	env_init(&e, UNLIMITED);
	CHECK(slab_alloc(&e.heap, 0) == NULL);
	CHECK(slab_alloc(&e.heap, SLAB_MAX_SIZE + 1) == NULL);
	CHECK(slab_alloc(&e.heap, SLAB_PAGE_SIZE) == NULL);
	CHECK(slab_alloc(&e.heap, SIZE_MAX) == NULL);
	CHECK_EQ_U(e.fake.allocs, 0);
	CHECK_EQ_U(stats_of(&e.heap).pages, 0);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	env_teardown(&e);
}

TEST(new_heap_is_empty)
{
	struct env e;
	struct slab_stats s;

	env_init(&e, UNLIMITED);
	memset(&s, 0xff, sizeof(s));
	slab_get_stats(&e.heap, &s);
	CHECK_EQ_U(s.pages, 0);
	CHECK_EQ_U(s.objects_in_use, 0);
	CHECK_EQ_U(s.bytes_in_use, 0);
	CHECK_EQ_U(e.fake.allocs, 0);
	env_teardown(&e);
}

/* For every class: four pages' worth minus a bit, all distinct, patterns intact. */
TEST(many_objects_fill_pages_without_overlap)
{
	enum { MAX_OBJ = 4 * 252 };
	static void *p[MAX_OBJ], *sorted[MAX_OBJ];

	for (unsigned c = 0; c < SLAB_CLASSES; c++) {
		uint32_t cls = class_sizes[c], per = objects_per_page(cls);
		uint32_t n = 3 * per + 1;
		struct env e;

		env_init(&e, UNLIMITED);
		for (uint32_t i = 0; i < n; i++) {
			p[i] = slab_alloc(&e.heap, cls);
			CHECK(p[i] != NULL);
			if (!p[i])
				break;
			CHECK(page_offset(p[i]) >= SLAB_HEADER_SIZE);
			pattern_fill(p[i], cls, i + c * 1000);
		}
		if (check_failure)
			return;
		CHECK_EQ_U(stats_of(&e.heap).pages, 4);
		CHECK_EQ_U(e.fake.live_count, 4);
		CHECK_EQ_U(stats_of(&e.heap).objects_in_use, n);
		CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, n * cls);
		for (uint32_t i = 0; i < n; i++)
			CHECK(pattern_ok(p[i], cls, i + c * 1000));
		memcpy(sorted, p, n * sizeof(p[0]));
		qsort(sorted, n, sizeof(sorted[0]), cmp_ptr);
		for (uint32_t i = 0; i + 1 < n; i++)
			CHECK((uintptr_t)sorted[i] + cls <= (uintptr_t)sorted[i + 1]);
		for (uint32_t i = 0; i < n; i++)
			CHECK_EQ_U(slab_free(&e.heap, p[i]), SLAB_OK);
		CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
		CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, 0);
		CHECK_EQ_U(stats_of(&e.heap).pages, 1);
		CHECK_EQ_U(e.fake.live_count, 1);
		CHECK_EQ_U(e.fake.bad_frees, 0);
		env_teardown(&e);
	}
}

/* Objects of all classes freed in a shuffled order: one cached page per class. */
TEST(freeing_everything_returns_pages)
{
	enum { N = 700 };
	static void *p[N];
	uint32_t seed = 12345;
	struct env e;

	env_init(&e, UNLIMITED);
	for (unsigned i = 0; i < N; i++) {
		p[i] = slab_alloc(&e.heap, class_sizes[i % SLAB_CLASSES]);
		CHECK(p[i] != NULL);
	}
	CHECK(stats_of(&e.heap).pages > 2 * SLAB_CLASSES);
	CHECK_EQ_U(stats_of(&e.heap).pages, e.fake.live_count);
	for (unsigned i = N - 1; i > 0; i--) {
		unsigned j = rng_next(&seed) % (i + 1);
		void *t = p[i];
		p[i] = p[j];
		p[j] = t;
	}
	for (unsigned i = 0; i < N; i++)
		CHECK_EQ_U(slab_free(&e.heap, p[i]), SLAB_OK);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, 0);
	CHECK_EQ_U(stats_of(&e.heap).pages, SLAB_CLASSES);
	CHECK_EQ_U(e.fake.live_count, SLAB_CLASSES);
	CHECK_EQ_U(e.fake.bad_frees, 0);
	env_teardown(&e);
}

/* The cached empty page is reused before the provider is asked again. */
TEST(cached_empty_page_is_reused)
{
	void *p[6], *q;
	struct env e;

	env_init(&e, UNLIMITED);
	for (int i = 0; i < 6; i++)
		p[i] = slab_alloc(&e.heap, 1024);
	CHECK_EQ_U(e.fake.allocs, 2);
	for (int i = 0; i < 6; i++)
		CHECK_EQ_U(slab_free(&e.heap, p[i]), SLAB_OK);
	CHECK_EQ_U(e.fake.live_count, 1);
	CHECK_EQ_U(stats_of(&e.heap).pages, 1);
	q = slab_alloc(&e.heap, 1000);
	CHECK(q != NULL);
	CHECK_EQ_U(e.fake.allocs, 2);
	CHECK(fake_holds(&e.fake, q));
	CHECK_EQ_U(stats_of(&e.heap).pages, 1);
	CHECK_EQ_U(slab_free(&e.heap, q), SLAB_OK);
	CHECK_EQ_U(e.fake.live_count, 1);
	env_teardown(&e);
}

/* A full page leaves the partial list; a free puts it back at the front. */
TEST(full_page_rejoins_partial_list_on_free)
{
	void *p[8], *q;
	struct env e;

	env_init(&e, UNLIMITED);
	for (int i = 0; i < 7; i++)
		p[i] = slab_alloc(&e.heap, 512);
	CHECK_EQ_U(stats_of(&e.heap).pages, 1);
	p[7] = slab_alloc(&e.heap, 512);
	CHECK_EQ_U(stats_of(&e.heap).pages, 2);
	CHECK(page_of(p[7]) != page_of(p[0]));
	CHECK_EQ_U(slab_free(&e.heap, p[3]), SLAB_OK);
	q = slab_alloc(&e.heap, 500);
	CHECK(q == p[3]);
	q = slab_alloc(&e.heap, 500);
	CHECK(page_of(q) == page_of(p[7]));
	CHECK_EQ_U(stats_of(&e.heap).pages, 2);
	CHECK_EQ_U(slab_free(&e.heap, q), SLAB_OK);
	for (int i = 0; i < 8; i++)
		CHECK_EQ_U(slab_free(&e.heap, p[i]), SLAB_OK);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(e.fake.live_count, 1);
	env_teardown(&e);
}

/* Emptying a page in the middle of the partial list unlinks it cleanly. */
TEST(page_emptied_mid_list_is_unlinked)
{
	void *p[9];
	struct env e;

	env_init(&e, UNLIMITED);
	for (int i = 0; i < 9; i++)
		p[i] = slab_alloc(&e.heap, 1024);
	CHECK_EQ_U(stats_of(&e.heap).pages, 3);
	/* Make all three pages partial, then empty the middle one. */
	CHECK_EQ_U(slab_free(&e.heap, p[0]), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, p[3]), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, p[6]), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, p[4]), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, p[5]), SLAB_OK);
	CHECK_EQ_U(stats_of(&e.heap).pages, 3);
	/* The partial pages fill first (the newest first), then the cached one. */
	void *expect[5] = { p[6], p[0], p[3], p[4], p[5] };
	for (int i = 0; i < 5; i++)
		CHECK(slab_alloc(&e.heap, 1024) == expect[i]);
	CHECK_EQ_U(e.fake.allocs, 3);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 9);
	CHECK(slab_alloc(&e.heap, 1024) != NULL);
	CHECK_EQ_U(e.fake.allocs, 4);
	env_teardown(&e);
}

TEST(double_free_detected_and_harmless)
{
	void *a, *b, *c, *full[3];
	struct env e;

	env_init(&e, UNLIMITED);
	a = slab_alloc(&e.heap, 16);
	b = slab_alloc(&e.heap, 16);
	CHECK_EQ_U(slab_free(&e.heap, a), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, a), SLAB_DOUBLE_FREE);
	CHECK_EQ_U(slab_size(&e.heap, a), 0);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 1);
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, 16);
	c = slab_alloc(&e.heap, 10);
	CHECK(c == a);
	CHECK(c != b);
	CHECK_EQ_U(slab_size(&e.heap, c), 16);
	CHECK_EQ_U(slab_free(&e.heap, c), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, b), SLAB_OK);
	/* The page is now the cached empty one: still the heap's, still checked. */
	CHECK_EQ_U(slab_free(&e.heap, b), SLAB_DOUBLE_FREE);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(stats_of(&e.heap).pages, 1);

	/* On a page that was full: it must not be linked into the list twice. */
	for (int i = 0; i < 3; i++)
		full[i] = slab_alloc(&e.heap, 1024);
	CHECK_EQ_U(slab_free(&e.heap, full[1]), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, full[1]), SLAB_DOUBLE_FREE);
	CHECK(slab_alloc(&e.heap, 1024) == full[1]);
	CHECK(page_of(slab_alloc(&e.heap, 1024)) != page_of(full[0]));
	CHECK_EQ_U(stats_of(&e.heap).pages, 3);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 4);
	env_teardown(&e);
}

/* Pointers that are not objects: rejected, nothing changes, no crash. */
ISOLATED_TEST(bad_pointers_rejected)
{
	struct env e;
	uint8_t *a, *big, *page, *foreign, *copy;
	struct slab_stats before;
	uint8_t snapshot[SLAB_PAGE_SIZE];

	env_init(&e, UNLIMITED);
	a = slab_alloc(&e.heap, 16);
	big = slab_alloc(&e.heap, 1024);
	pattern_fill(a, 16, 1);
	pattern_fill(big, 1024, 2);
	page = page_of(a);
	memcpy(snapshot, page, sizeof(snapshot));
	slab_get_stats(&e.heap, &before);
	foreign = aligned_alloc(SLAB_PAGE_SIZE, SLAB_PAGE_SIZE);
	copy = aligned_alloc(SLAB_PAGE_SIZE, SLAB_PAGE_SIZE);
	memset(foreign, 0, SLAB_PAGE_SIZE);
	memcpy(copy, page, SLAB_PAGE_SIZE);     /* right magic, wrong address */

	uint8_t *bad[] = {
		a + 1, a + 8, a + 15,                   /* interior */
		big + 16, big + 512, big + 1023,
		page, page + 8, page + SLAB_HEADER_SIZE - 1, /* header */
		(uint8_t *)page_of(big),                /* page-aligned */
		(uint8_t *)page_of(big) + SLAB_HEADER_SIZE + 3 * 1024, /* tail slack */
		(uint8_t *)page_of(big) + SLAB_PAGE_SIZE - 16,
		foreign, foreign + SLAB_HEADER_SIZE,    /* magic wrong */
		copy + (a - page),                      /* copied header */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ_U(slab_free(&e.heap, bad[i]), SLAB_BAD_POINTER);
		CHECK_EQ_U(slab_size(&e.heap, bad[i]), 0);
		if (check_failure) {
			printf("  bad pointer %zu\n", i);
			break;
		}
	}
	CHECK_EQ_U(slab_free(&e.heap, NULL), SLAB_BAD_POINTER);
	CHECK_EQ_U(slab_size(&e.heap, NULL), 0);
	CHECK(memcmp(snapshot, page, sizeof(snapshot)) == 0);
	CHECK(pattern_ok(big, 1024, 2));
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, before.objects_in_use);
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, before.bytes_in_use);
	CHECK_EQ_U(stats_of(&e.heap).pages, before.pages);
	CHECK_EQ_U(slab_free(&e.heap, a), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, big), SLAB_OK);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(e.fake.bad_frees, 0);
	free(foreign);
	free(copy);
	env_teardown(&e);
}

/* An object of one heap is not an object of another. */
TEST(objects_of_another_heap_rejected)
{
	struct env x, y;
	void *p, *q;

	env_init(&x, UNLIMITED);
	env_init(&y, UNLIMITED);
	p = slab_alloc(&x.heap, 64);
	q = slab_alloc(&y.heap, 64);
	CHECK_EQ_U(slab_free(&y.heap, p), SLAB_BAD_POINTER);
	CHECK_EQ_U(slab_size(&y.heap, p), 0);
	CHECK_EQ_U(slab_size(&x.heap, p), 64);
	CHECK_EQ_U(slab_free(&x.heap, q), SLAB_BAD_POINTER);
	CHECK_EQ_U(stats_of(&x.heap).objects_in_use, 1);
	CHECK_EQ_U(stats_of(&y.heap).objects_in_use, 1);
	CHECK_EQ_U(slab_free(&x.heap, p), SLAB_OK);
	CHECK_EQ_U(slab_free(&y.heap, q), SLAB_OK);
	env_teardown(&x);
	env_teardown(&y);
}

TEST(provider_failure_then_recovery)
{
	enum { N = 2 * 252 };
	static void *p[N + 1];
	struct env e;
	uint32_t n = 0;

	env_init(&e, 2);
	while (n <= N && (p[n] = slab_alloc(&e.heap, 16)) != NULL)
		n++;
	CHECK_EQ_U(n, N);
	CHECK_EQ_U(stats_of(&e.heap).pages, 2);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, N);
	CHECK(slab_alloc(&e.heap, 16) == NULL);
	CHECK(slab_alloc(&e.heap, 300) == NULL);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, N);
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, N * 16);
	CHECK_EQ_U(stats_of(&e.heap).pages, 2);

	/* A free makes room in a full page without the provider. */
	CHECK_EQ_U(slab_free(&e.heap, p[17]), SLAB_OK);
	p[17] = slab_alloc(&e.heap, 16);
	CHECK(p[17] != NULL);
	CHECK(slab_alloc(&e.heap, 16) == NULL);

	e.fake.budget = 1;
	p[N] = slab_alloc(&e.heap, 16);
	CHECK(p[N] != NULL);
	CHECK_EQ_U(stats_of(&e.heap).pages, 3);
	for (uint32_t i = 0; i <= N; i++)
		CHECK_EQ_U(slab_free(&e.heap, p[i]), SLAB_OK);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(stats_of(&e.heap).pages, 1);
	CHECK_EQ_U(e.fake.live_count, 1);
	env_teardown(&e);
}

/* A provider that breaks its contract with a misaligned page. */
struct skewed {
	uint8_t *raw;
	unsigned frees;
	void *freed;
};

static void *skewed_alloc_page(void *ctx)
{
	return ((struct skewed *)ctx)->raw + 16;
}

static void skewed_free_page(void *ctx, void *page)
{
	struct skewed *s = ctx;

	s->frees++;
	s->freed = page;
}

TEST(misaligned_page_refused)
{
	struct skewed s = { aligned_alloc(SLAB_PAGE_SIZE, 2 * SLAB_PAGE_SIZE), 0, NULL };
	struct slab_pages pages = { skewed_alloc_page, skewed_free_page, &s };
	struct slab_heap h;

	slab_init(&h, &pages);
	CHECK(slab_alloc(&h, 16) == NULL);
	CHECK_EQ_U(s.frees, 1);
	CHECK(s.freed == s.raw + 16);
	CHECK_EQ_U(stats_of(&h).pages, 0);
	CHECK_EQ_U(stats_of(&h).objects_in_use, 0);
	free(s.raw);
}

/* New objects hold poison, not zeroes; freed ones are repoisoned. */
TEST(freed_memory_is_poisoned)
{
	uint8_t *a, *b, *c;
	struct env e;

	env_init(&e, UNLIMITED);
	a = slab_alloc(&e.heap, 200);
	b = slab_alloc(&e.heap, 256);
	CHECK(all_bytes(a, 256, SLAB_POISON));
	CHECK(all_bytes(b, 256, SLAB_POISON));
	memset(a, 0, 256);
	pattern_fill(b, 256, 9);
	CHECK_EQ_U(slab_free(&e.heap, a), SLAB_OK);
	CHECK(all_bytes(a, 256, SLAB_POISON));
	CHECK(pattern_ok(b, 256, 9));
	c = slab_alloc(&e.heap, 256);
	CHECK(c == a);
	CHECK(all_bytes(c, 256, SLAB_POISON));
	CHECK_EQ_U(slab_free(&e.heap, b), SLAB_OK);
	CHECK_EQ_U(slab_free(&e.heap, c), SLAB_OK);
	/* The page is cached: every object in it is poison. */
	CHECK(all_bytes((uint8_t *)page_of(a) + SLAB_HEADER_SIZE,
			objects_per_page(256) * 256, SLAB_POISON));
	env_teardown(&e);
}

/* The reference model of the randomized run. */
#define MODEL_MAX 1500

struct model {
	void *p[MODEL_MAX];
	uint32_t size[MODEL_MAX], seed[MODEL_MAX];
	uint32_t count, objects, bytes;
};

/* Checks every live object and the heap's counters against m. */
static void model_verify(const struct env *e, const struct model *m)
{
	struct slab_stats s = stats_of(&e->heap);

	for (uint32_t i = 0; i < m->count && !check_failure; i++) {
		CHECK(pattern_ok(m->p[i], m->size[i], m->seed[i]));
		CHECK_EQ_U(slab_size(&e->heap, m->p[i]), expected_class(m->size[i]));
	}
	CHECK_EQ_U(s.objects_in_use, m->count);
	CHECK_EQ_U(s.bytes_in_use, m->bytes);
	CHECK_EQ_U(s.pages, e->fake.live_count);
	CHECK(s.pages >= (m->bytes + SLAB_PAGE_SIZE - 1) / SLAB_PAGE_SIZE);
	CHECK_EQ_U(e->fake.bad_frees, 0);
}

/* A random size: a random class, then a random size within it. */
static uint32_t random_size(uint32_t *rng)
{
	unsigned c = rng_next(rng) % SLAB_CLASSES;
	uint32_t lo = c ? class_sizes[c - 1] + 1 : 1;

	return lo + rng_next(rng) % (class_sizes[c] - lo + 1);
}

static void model_alloc(struct env *e, struct model *m, uint32_t *rng, uint32_t op)
{
	uint32_t size = random_size(rng), i = m->count;
	void *p = slab_alloc(&e->heap, size);

	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_EQ_U((uintptr_t)p % 16, 0);
	m->p[i] = p;
	m->size[i] = size;
	m->seed[i] = op;
	pattern_fill(p, size, op);
	m->bytes += expected_class(size);
	m->count++;
}

/* Frees a random live object; now and then also probes an interior pointer
 * and a double free (only while the page is still out, so reading it is safe). */
static void model_free(struct env *e, struct model *m, uint32_t *rng)
{
	uint32_t i = rng_next(rng) % m->count, probe = rng_next(rng) % 8;
	uint8_t *p = m->p[i];

	CHECK(pattern_ok(p, m->size[i], m->seed[i]));
	if (probe == 0)
		CHECK_EQ_U(slab_free(&e->heap, p + 8), SLAB_BAD_POINTER);
	CHECK_EQ_U(slab_free(&e->heap, p), SLAB_OK);
	if (probe == 1 && fake_holds(&e->fake, p)) {
		CHECK(all_bytes(p, expected_class(m->size[i]), SLAB_POISON));
		CHECK_EQ_U(slab_free(&e->heap, p), SLAB_DOUBLE_FREE);
	}
	m->bytes -= expected_class(m->size[i]);
	m->count--;
	m->p[i] = m->p[m->count];
	m->size[i] = m->size[m->count];
	m->seed[i] = m->seed[m->count];
}

TEST(randomized_against_model)
{
	static struct model m;
	static struct env e;
	uint32_t rng = 0x2545f491;

	memset(&m, 0, sizeof(m));
	env_init(&e, UNLIMITED);
	for (uint32_t op = 0; op < 20000 && !check_failure; op++) {
		/* Phases that grow and shrink the heap in turn. */
		bool growing = (op / 2500) % 2 == 0;
		uint32_t alloc_pct = growing ? 65 : 35;

		if (m.count < MODEL_MAX && (m.count == 0 || rng_next(&rng) % 100 < alloc_pct))
			model_alloc(&e, &m, &rng, op);
		else
			model_free(&e, &m, &rng);
		if (op % 500 == 499)
			model_verify(&e, &m);
	}
	while (m.count && !check_failure)
		model_free(&e, &m, &rng);
	model_verify(&e, &m);
	CHECK_EQ_U(stats_of(&e.heap).objects_in_use, 0);
	CHECK_EQ_U(stats_of(&e.heap).bytes_in_use, 0);
	CHECK(stats_of(&e.heap).pages <= SLAB_CLASSES);
	CHECK_EQ_U(stats_of(&e.heap).pages, e.fake.live_count);
	env_teardown(&e);
}

int main(void)
{
	RUN("host/slab", class_boundaries_size_and_alignment);
	RUN("host/slab", zero_and_oversized_requests_fail);
	RUN("host/slab", new_heap_is_empty);
	RUN("host/slab", many_objects_fill_pages_without_overlap);
	RUN("host/slab", freeing_everything_returns_pages);
	RUN("host/slab", cached_empty_page_is_reused);
	RUN("host/slab", full_page_rejoins_partial_list_on_free);
	RUN("host/slab", page_emptied_mid_list_is_unlinked);
	RUN("host/slab", double_free_detected_and_harmless);
	RUN("host/slab", bad_pointers_rejected);
	RUN("host/slab", objects_of_another_heap_rejected);
	RUN("host/slab", provider_failure_then_recovery);
	RUN("host/slab", misaligned_page_refused);
	RUN("host/slab", freed_memory_is_poisoned);
	RUN("host/slab", randomized_against_model);
	return check_summary();
}
