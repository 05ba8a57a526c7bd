/* Host unit tests for the heap engine (user/lib/heap_*.c) over an mmap page
 * provider that counts commit: the TLSF index's fits, randomized
 * alloc/realloc/free runs against a model with content checks and full
 * validation, the commit rules (64 KB steps, decommit once 128 KB is free,
 * empty segments released, destroy returns everything), a fixed heap's
 * ceiling, commit refusals that change nothing, a free that cannot get a node,
 * and corruption: double frees, overwritten tags, stale pointers. The random
 * runs compact the heap now and then (heap_compact.c), so blocks are carved
 * from holes it left; the provider crashes on any touch of one. */
#include "tests/host/heap_provider.h"
#include "tests/host/check.h"

#define SUITE "host/heap"

/* ---- the index ---- */

/* Whatever hx_find returns fits; a node twice the request is always found. */
static void ignore_move(void *ctx, uint32_t i)
{
	(void)ctx;
	(void)i;
}

TEST(index_fits)
{
	static struct heap_index index;
	struct heap_index *x = &index;

	hx_init(x, ignore_move, NULL);

	for (uint32_t size = 8; size < 300000 && !check_failure; size += size < 4096 ? 8 : 4088) {
		uint32_t i = hx_add(x, 0x100000, size);
		for (uint32_t r = 8; r <= 2 * size + 64; r += r < 1024 ? 8 : 1000) {
			uint32_t got = hx_find(x, r);
			CHECK(got == HX_NONE || got == i || hx_node(x, got)->size >= r);
			if (got == i)
				CHECK(size >= r);
			if (2 * r <= size)
				CHECK(got != HX_NONE);
		}
		hx_delete(x, i);
		CHECK(hx_check(x) && hx_count(x) == 0);
	}
	pool_release(&x->nodes);
	CHECK_EQ_U(committed_bytes, 0);
}

/* ---- random runs against a model ---- */

struct slot {
	uint8_t *p;
	size_t n;
	uint8_t seed;
};

static void fill(struct slot *s)
{
	for (size_t k = 0; k < s->n; k++)
		s->p[k] = (uint8_t)(s->seed + k * 7);
}

static bool intact(const struct slot *s, size_t upto)
{
	for (size_t k = 0; k < upto && k < s->n; k++)
		if (s->p[k] != (uint8_t)(s->seed + k * 7))
			return false;
	return true;
}

static size_t cap = SIZE_MAX;           /* requests are below this */

static size_t random_size(uint32_t *rng)
{
	uint32_t r = rng_next(rng) % 1000;

	if (r >= 995 && cap != SIZE_MAX)
		return cap - 1 - rng_next(rng) % 100000;

	if (r < 700)
		return rng_next(rng) % 257;
	if (r < 950)
		return rng_next(rng) % 4097;
	if (r < 995)
		return rng_next(rng) % 70000;
	return HEAP_BIG_REQUEST - 4096 + rng_next(rng) % 600000;     /* both sides */
}

/* One random step on slot s: allocate, reallocate (maybe zeroing, maybe in
 * place only) or free, checking contents and HeapSize. */
static void random_step(struct heap *h, struct slot *s, uint32_t *rng)
{
	uint32_t op = rng_next(rng) % 4;
	size_t n = random_size(rng);

	if (!s->p) {
		s->p = heap_alloc(h, n, op == 0);
		CHECK(s->p != NULL);
		s->n = n;
		if (op == 0)
			for (size_t k = 0; k < n; k++)
				CHECK(s->p[k] == 0);
	} else if (op == 0) {
		CHECK(intact(s, s->n) && heap_size(h, s->p) == s->n);
		heap_free(h, s->p);
		s->p = NULL;
		return;
	} else {
		bool zero = op == 1, in_place = op == 3;
		uint8_t *q = heap_realloc(h, s->p, n, zero, in_place);
		CHECK(q != NULL || in_place);
		if (!q)
			return;
		CHECK(!in_place || q == s->p);
		s->p = q;
		CHECK(intact(s, n));
		for (size_t k = s->n; zero && k < n; k++)
			CHECK(q[k] == 0);
		s->n = n;
	}
	CHECK(heap_size(h, s->p) == s->n && ((uintptr_t)s->p & 7) == 0);
	s->seed = (uint8_t)rng_next(rng);
	fill(s);
}

static void random_run(struct heap *h, uint32_t seed, int steps, int nslots)
{
	struct slot *slots = calloc((size_t)nslots, sizeof(*slots));
	uint32_t rng = seed;

	for (int k = 0; k < steps && !check_failure; k++) {
		random_step(h, &slots[rng_next(&rng) % (uint32_t)nslots], &rng);
		if (k % 4096 == 0)
			CHECK(heap_validate(h, NULL));
		if (k % 5003 == 0)      /* holes everywhere: the steps must commit what they use */
			heap_compact(h);
	}
	CHECK(heap_validate(h, NULL));
	for (int k = 0; k < nslots; k++)
		if (slots[k].p) {
			CHECK(intact(&slots[k], slots[k].n));
			heap_free(h, slots[k].p);
		}
	CHECK(heap_validate(h, NULL));
	free(slots);
}

TEST(random_growable_heap_returns_its_commit)
{
	size_t before = committed_bytes;
	struct heap *h = heap_create(0, 0, false, 0);

	random_run(h, 12345, 200000, 2000);
	CHECK(h->nsegs == 1 && h->big.count == 0 && hx_count(&h->free) == 1);
	CHECK(committed_bytes - before < 128 * KB + 4 * HEAP_PAGE);
	heap_destroy(h);
	CHECK_EQ_U(committed_bytes, before);
}

TEST(random_small_pool_many_segments)
{
	size_t before = committed_bytes;
	struct heap *h = heap_create(64 * KB, 0, false, 0);

	random_run(h, 777, 100000, 300);
	heap_destroy(h);
	CHECK_EQ_U(committed_bytes, before);
}

TEST(random_fixed_heap)
{
	struct heap *h = heap_create(0, 8 << 20, false, 0);

	cap = HEAP_FIXED_LIMIT;
	random_run(h, 99, 100000, 500);
	cap = SIZE_MAX;
	CHECK(h->nsegs == 1);
	heap_destroy(h);
}

/* ---- the commit rules ---- */

TEST(commit_grows_in_64k_steps_and_shrinks_at_128k_free)
{
	struct heap *h = heap_create(0, 0, false, 0);
	void *p[300];

	p[0] = heap_alloc(h, 1000, false);
	CHECK_EQ_U(seg_commit(h, p[0]), 4 * KB);               /* the initial page */
	for (int i = 1; i < 5; i++)
		p[i] = heap_alloc(h, 1000, false);
	CHECK_EQ_U(seg_commit(h, p[0]), 64 * KB);
	for (int i = 5; i < 300; i++)
		p[i] = heap_alloc(h, 1000, false);
	CHECK_EQ_U(seg_commit(h, p[0]), 320 * KB);      /* 300 * 1008 bytes */
	for (int i = 299; i >= 100; i--)
		heap_free(h, p[i]);
	CHECK(seg_commit(h, p[0]) >= 100 * 1008 + 64 * KB &&
	      seg_commit(h, p[0]) < 100 * 1008 + 128 * KB);
	for (int i = 0; i < 100; i++)
		heap_free(h, p[i]);
	CHECK_EQ_U(seg_commit(h, p[0]), 64 * KB);
	CHECK(heap_validate(h, NULL));
	heap_destroy(h);
}

TEST(segments_added_and_released_when_empty)
{
	size_t before = committed_bytes;
	struct heap *h = heap_create(0, 0, false, 0);
	void *p[100];

	for (int i = 0; i < 100; i++)
		p[i] = heap_alloc(h, 200000, false);
	CHECK(h->nsegs >= 5 && heap_validate(h, NULL));
	for (int i = 0; i < 100; i++)
		heap_free(h, p[i]);
	CHECK(h->nsegs == 1 && heap_validate(h, NULL));
	CHECK(committed_bytes - before <= 128 * KB + 4 * HEAP_PAGE);
	heap_destroy(h);
	CHECK_EQ_U(committed_bytes, before);
}

TEST(big_blocks_have_their_own_reservation)
{
	size_t before = committed_bytes;
	struct heap *h = heap_create(0, 0, false, 0);
	uint8_t *p = heap_alloc(h, 1 << 20, true), *q;

	CHECK(p && ((uintptr_t)p & (HEAP_STEP - 1)) == HEAP_TAG && !seg_find(h, (uintptr_t)p));
	CHECK(p[0] == 0 && p[(1 << 20) - 1] == 0);
	memset(p, 0xab, 1 << 20);
	q = heap_realloc(h, p, (1 << 20) + 30000, true, true);  /* grows in its reservation */
	CHECK(q == p && p[(1 << 20) - 1] == 0xab && p[(1 << 20) + 29999] == 0);
	q = heap_realloc(h, p, 600000, false, false);           /* shrinks in place */
	CHECK(q == p && heap_size(h, p) == 600000 && p[599999] == 0xab);
	q = heap_realloc(h, p, 700000, true, false);
	CHECK(q == p && p[599999] == 0xab && p[600000] == 0 && p[699999] == 0);
	q = heap_realloc(h, p, 100, false, false);              /* moves into a segment */
	CHECK(q != p && seg_find(h, (uintptr_t)q) && q[99] == 0xab && h->big.count == 0);
	heap_free(h, q);
	heap_destroy(h);
	CHECK_EQ_U(committed_bytes, before);
}

/* 15000 free blocks: the side table moves to larger reservations as it grows
 * and gives its pages back as the blocks merge. */
TEST(side_table_grows_moves_and_shrinks)
{
	enum { N = 30000 };
	struct heap *h = heap_create(0, 0, false, 0);
	static void *p[N];

	for (int i = 0; i < N; i++)
		p[i] = heap_alloc(h, 16 + i % 3 * 8, false);
	for (int i = 0; i < N; i += 2)
		heap_free(h, p[i]);
	CHECK(hx_count(&h->free) >= N / 2 && h->free.nodes.reserved >= 4 * 0x10000);
	CHECK(heap_validate(h, NULL));
	for (int i = 1; i < N; i += 2)
		heap_free(h, p[i]);
	CHECK(hx_count(&h->free) == 1 && h->free.nodes.committed <= 2 * HEAP_PAGE);
	CHECK(heap_validate(h, NULL));
	heap_destroy(h);
}

/* ---- limits and refusals ---- */

TEST(fixed_heap_stops_at_its_ceiling)
{
	struct heap *h = heap_create(4 * KB, 256 * KB, false, 0);
	void *p[300], *last = NULL;
	int n = 0;

	while (n < 300 && (p[n] = heap_alloc(h, 1000, false)))
		last = p[n++];
	CHECK(n >= 250 && n < 261 && heap_validate(h, NULL));
	CHECK(heap_alloc(h, HEAP_FIXED_LIMIT, false) == NULL);
	heap_free(h, last);
	CHECK(heap_alloc(h, 1000, false) == last);
	CHECK(heap_realloc(h, p[0], 5000, false, false) == NULL && heap_size(h, p[0]) == 1000);
	heap_destroy(h);
}

TEST(refused_commits_change_nothing)
{
	struct heap *h = heap_create(0, 0, false, 0);
	uint8_t *p = heap_alloc(h, 60000, false), *q;

	memset(p, 1, 60000);
	commit_limit = committed_bytes;
	CHECK(heap_alloc(h, 10000, false) == NULL);             /* the top needs a commit */
	CHECK(heap_alloc(h, 1 << 20, false) == NULL);           /* a big block */
	CHECK(heap_realloc(h, p, 100000, false, false) == NULL && heap_size(h, p) == 60000);
	CHECK(heap_validate(h, NULL) && p[59999] == 1);
	commit_limit = SIZE_MAX;
	q = heap_realloc(h, p, 100000, false, true);
	CHECK(q == p && p[59999] == 1);
	heap_destroy(h);
}

/* With no commit to be had, a free that needs a new node keeps its block,
 * marked lost: the heap stays sound and freeing it again is still seen. */
TEST(free_without_a_node_loses_the_block_safely)
{
	struct heap *h = heap_create(0, 0, false, 0);
	void *p[4000];
	int i, lost = -1;

	for (i = 0; i < 4000; i++)
		p[i] = heap_alloc(h, 16, false);
	commit_limit = committed_bytes;
	for (i = 0; i < 4000 && lost < 0; i += 2) {
		uint32_t before = hx_count(&h->free);
		heap_free(h, p[i]);
		if (hx_count(&h->free) == before)
			lost = i;
	}
	commit_limit = SIZE_MAX;
	CHECK(lost > 0 && heap_validate(h, NULL));
	CHECK(CORRUPTS(heap_free(h, p[lost])));
	heap_destroy(h);
}

/* ---- corruption ---- */

TEST(double_free_is_corruption)
{
	struct heap *h = heap_create(0, 0, false, 0);
	void *a = heap_alloc(h, 100, false), *b = heap_alloc(h, 100, false);
	void *c = heap_alloc(h, 100, false), *big = heap_alloc(h, 1 << 20, false);

	heap_free(h, b);
	CHECK(!heap_validate(h, b) && CORRUPTS(heap_free(h, b)));
	heap_free(h, a);                                        /* merged with b */
	CHECK(CORRUPTS(heap_free(h, a)) && CORRUPTS(heap_free(h, b)));
	heap_free(h, c);                                        /* merged into the top */
	CHECK(CORRUPTS(heap_free(h, c)) && CORRUPTS(heap_size(h, c)));
	heap_free(h, big);
	CHECK(CORRUPTS(heap_free(h, big)) && CORRUPTS(heap_realloc(h, big, 5, false, false)));
	CHECK(heap_validate(h, NULL));
	heap_destroy(h);
}

TEST(overwritten_tags_are_corruption)
{
	struct heap *h = heap_create(0, 0, false, 0);
	uint8_t *a = heap_alloc(h, 24, false), *b = heap_alloc(h, 24, false);
	uint8_t *c = heap_alloc(h, 24, false);
	int local;

	memset(a, 0x41, 24 + 4);                                /* into b's tag */
	CHECK(!heap_validate(h, NULL) && !heap_validate(h, b));
	CHECK(CORRUPTS(heap_free(h, a)));                       /* a's neighbour is bad */
	CHECK(CORRUPTS(heap_free(h, b)));
	CHECK(heap_validate(h, c) && CORRUPTS(heap_free(h, &local)));
	CHECK(CORRUPTS(heap_free(h, c + 8)) && CORRUPTS(heap_free(h, (char *)c + 1)));
	heap_destroy(h);
}

int main(void)
{
	RUN(SUITE, index_fits);
	RUN(SUITE, random_growable_heap_returns_its_commit);
	RUN(SUITE, random_small_pool_many_segments);
	RUN(SUITE, random_fixed_heap);
	RUN(SUITE, commit_grows_in_64k_steps_and_shrinks_at_128k_free);
	RUN(SUITE, segments_added_and_released_when_empty);
	RUN(SUITE, big_blocks_have_their_own_reservation);
	RUN(SUITE, side_table_grows_moves_and_shrinks);
	RUN(SUITE, fixed_heap_stops_at_its_ceiling);
	RUN(SUITE, refused_commits_change_nothing);
	RUN(SUITE, free_without_a_node_loses_the_block_safely);
	RUN(SUITE, double_free_is_corruption);
	RUN(SUITE, overwritten_tags_are_corruption);
	return check_summary();
}
