/* Host unit tests for mm/vad.c: lookups, the hint, overlap rejection,
 * iteration, conflicts, gap searches (bottom-up and top-down, aligned,
 * windowed, at the edges of the page space), randomized runs against a
 * sorted-array reference model with a brute-force gap search, and 100000-node
 * trees (balance, invariants, and that a gap search stays logarithmic). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include "mm/vad.h"
#include "tests/host/check.h"

#define SUITE "host/vad"

/* A check the rest of the case depends on (a node that failed to go in must
 * not be removed): ends the case when it fails. */
#define REQUIRE(cond)                                                         \
	do {                                                                  \
		CHECK(cond);                                                  \
		if (check_failure)                                            \
			return;                                               \
	} while (0)

static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Sets v's range and a payload derived from tag (vad.c must leave it alone). */
static struct vad *vad_make(struct vad *v, uint32_t start, uint32_t end, uint32_t tag)
{
	memset(v, 0xa5, sizeof(*v));
	v->start = start;
	v->end = end;
	v->type = tag;
	v->protect = ~tag;
	v->flags = tag * 7u;
	return v;
}

static bool payload_ok(const struct vad *v, uint32_t tag)
{
	return v->type == tag && v->protect == ~tag && v->flags == tag * 7u;
}

static bool put(struct vad_tree *t, struct vad *v, uint32_t start, uint32_t end)
{
	return vad_insert(t, vad_make(v, start, end, start));
}

static bool gap(const struct vad_tree *t, uint32_t npages, uint32_t align, uint32_t lo,
		uint32_t hi, bool top_down, uint32_t *out)
{
	*out = 0xdeadbeef;
	return vad_find_gap(t, npages, align, lo, hi, top_down, out);
}

/* log2(x) for x >= 1, to a few decimals, without libm. */
static double log2_of(double x)
{
	double r = 0, bit = 0.5;

	while (x >= 2) {
		x /= 2;
		r += 1;
	}
	for (int i = 0; i < 30; i++, bit /= 2) {
		x *= x;
		if (x >= 2) {
			x /= 2;
			r += bit;
		}
	}
	return r;
}

/* Whether t is no taller than 1.45 * log2(count) + 2. */
static bool height_ok(const struct vad_tree *t)
{
	if (!t->root)
		return t->count == 0;
	return t->root->height <= 1.45 * log2_of(t->count) + 2;
}

TEST(empty_tree)
{
	struct vad_tree t;
	uint32_t s;

	vad_tree_init(&t);
	CHECK(vad_check(&t));
	CHECK(vad_find(&t, 0) == NULL);
	CHECK(vad_find(&t, 0xffffffff) == NULL);
	CHECK(vad_first(&t) == NULL);
	CHECK(vad_first_at_or_after(&t, 0) == NULL);
	CHECK(!vad_conflicts(&t, 0, 0xffffffff));
	CHECK(gap(&t, 16, 16, 0x10, 100, false, &s));
	CHECK_EQ_U(s, 0x10);
	CHECK(gap(&t, 16, 16, 0x11, 100, false, &s));
	CHECK_EQ_U(s, 0x20);
	CHECK(gap(&t, 16, 16, 0x10, 100, true, &s));
	CHECK_EQ_U(s, 0x50);
	CHECK(gap(&t, 1, 1, 0, 0xffffffff, true, &s));
	CHECK_EQ_U(s, 0xfffffffe);
	CHECK(gap(&t, 0xffffffff, 1, 0, 0xffffffff, false, &s));
	CHECK_EQ_U(s, 0);
	CHECK(!gap(&t, 0, 1, 0, 100, false, &s));          /* no pages */
	CHECK_EQ_U(s, 0xdeadbeef);
	CHECK(!gap(&t, 1, 3, 0, 100, false, &s));          /* not a power of two */
	CHECK(!gap(&t, 1, 0, 0, 100, false, &s));
	CHECK(!gap(&t, 1, 1, 100, 100, false, &s));        /* empty window */
	CHECK(!gap(&t, 1, 1, 101, 100, true, &s));
	CHECK(!gap(&t, 101, 1, 0, 100, false, &s));        /* wider than the window */
	CHECK(!gap(&t, 16, 16, 0x11, 0x2f, false, &s));    /* no aligned run */
	CHECK(!gap(&t, 16, 16, 0x11, 0x2f, true, &s));
	CHECK_EQ_U(t.count, 0);
}

TEST(insert_find_remove_basics)
{
	struct vad_tree t;
	struct vad a, b, c;

	vad_tree_init(&t);
	REQUIRE(put(&t, &b, 200, 300));
	REQUIRE(put(&t, &a, 100, 150));
	REQUIRE(put(&t, &c, 400, 401));
	CHECK(vad_check(&t));
	CHECK_EQ_U(t.count, 3);
	CHECK(vad_find(&t, 99) == NULL);
	CHECK(vad_find(&t, 100) == &a);
	CHECK(vad_find(&t, 149) == &a);
	CHECK(vad_find(&t, 150) == NULL);
	CHECK(vad_find(&t, 200) == &b);
	CHECK(vad_find(&t, 299) == &b);
	CHECK(vad_find(&t, 300) == NULL);
	CHECK(vad_find(&t, 400) == &c);
	CHECK(vad_find(&t, 401) == NULL);
	vad_remove(&t, &b);
	CHECK(vad_check(&t));
	CHECK_EQ_U(t.count, 2);
	CHECK(vad_find(&t, 250) == NULL);
	CHECK(vad_find(&t, 120) == &a);
	CHECK(vad_find(&t, 400) == &c);
	REQUIRE(put(&t, &b, 150, 400));                     /* fills the hole exactly */
	CHECK(vad_check(&t));
	CHECK(vad_find(&t, 150) == &b);
	CHECK(vad_find(&t, 399) == &b);
	vad_remove(&t, &a);
	vad_remove(&t, &c);
	vad_remove(&t, &b);
	CHECK(vad_check(&t));
	CHECK_EQ_U(t.count, 0);
	CHECK(t.root == NULL);
	CHECK(payload_ok(&a, 100) && payload_ok(&b, 150) && payload_ok(&c, 400));
}

/* Whether the VADs of t, in order, are exactly the count ranges in r. */
static bool tree_is(const struct vad_tree *t, const uint32_t (*r)[2], uint32_t count)
{
	const struct vad *v = vad_first(t);

	for (uint32_t i = 0; i < count; i++, v = vad_next(v))
		if (!v || v->start != r[i][0] || v->end != r[i][1])
			return false;
	return v == NULL && t->count == count && vad_check(t);
}

TEST(overlapping_inserts_rejected)
{
	static const uint32_t bad[][2] = {
		{ 100, 200 }, { 120, 150 }, { 100, 101 }, { 199, 200 }, { 50, 250 },
		{ 50, 101 }, { 199, 300 }, { 99, 201 }, { 0, 0xffffffff },
		{ 300, 300 }, { 301, 300 }, { 0, 0 }, { 0xffffffff, 0xffffffff },
	};
	static const uint32_t one[][2] = { { 100, 200 } };
	static const uint32_t three[][2] = { { 50, 100 }, { 100, 200 }, { 200, 250 } };
	struct vad_tree t;
	struct vad base, x, left, right;

	vad_tree_init(&t);
	REQUIRE(put(&t, &base, 100, 200));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		REQUIRE(!put(&t, &x, bad[i][0], bad[i][1]));
		CHECK(tree_is(&t, one, 1));
	}
	REQUIRE(put(&t, &left, 50, 100));                  /* touching neighbours */
	REQUIRE(put(&t, &right, 200, 250));
	CHECK(tree_is(&t, three, 3));
	REQUIRE(!put(&t, &x, 99, 201));                    /* spans three */
	REQUIRE(!put(&t, &x, 60, 210));
	REQUIRE(!put(&t, &x, 249, 260));
	REQUIRE(!put(&t, &x, 40, 51));
	REQUIRE(!put(&t, &x, 0, 1000));
	CHECK(tree_is(&t, three, 3));
	CHECK(put(&t, &x, 250, 0xffffffff));
	CHECK(vad_check(&t));
	CHECK_EQ_U(t.count, 4);
}

TEST(hint_behaviour)
{
	struct vad_tree t;
	struct vad a, b, c;

	vad_tree_init(&t);
	REQUIRE(put(&t, &a, 10, 20));
	REQUIRE(put(&t, &b, 30, 40));
	REQUIRE(put(&t, &c, 50, 60));
	CHECK(t.hint == NULL);
	CHECK(vad_find(&t, 15) == &a);
	CHECK(t.hint == &a);
	CHECK(vad_find(&t, 19) == &a);                     /* served from the hint */
	CHECK(t.hint == &a);
	CHECK(vad_find(&t, 35) == &b);
	CHECK(t.hint == &b);
	CHECK(vad_find(&t, 25) == NULL);                   /* a miss keeps the hint */
	CHECK(t.hint == &b);
	CHECK(vad_find(&t, 40) == NULL);                   /* just past the hint */
	CHECK(vad_find(&t, 29) == NULL);                   /* just before it */
	CHECK(t.hint == &b);
	CHECK(vad_check(&t));
	vad_remove(&t, &a);                                /* another VAD: hint stays */
	CHECK(t.hint == &b);
	CHECK(vad_check(&t));
	vad_remove(&t, &b);
	CHECK(t.hint == NULL);
	CHECK(vad_find(&t, 35) == NULL);
	CHECK(vad_check(&t));
	CHECK(vad_find(&t, 55) == &c);
	CHECK(t.hint == &c);
	CHECK(vad_first_at_or_after(&t, 0) == &c);
	CHECK(!vad_conflicts(&t, 0, 50));
	CHECK(t.hint == &c);
	vad_remove(&t, &c);
	CHECK(t.hint == NULL);
	CHECK(vad_check(&t));
}

TEST(in_order_iteration)
{
	static struct vad v[64];
	struct vad_tree t;
	struct vad *p, *last = NULL;
	uint32_t i, n = 0;

	vad_tree_init(&t);
	for (i = 0; i < 64; i++) {                         /* 37 is coprime to 64 */
		uint32_t k = i * 37 % 64;

		REQUIRE(put(&t, &v[k], k * 10, k * 10 + 1 + k % 9));
	}
	CHECK(vad_check(&t));
	for (p = vad_first(&t); p; p = vad_next(p), n++) {
		CHECK(p == &v[n]);
		CHECK(vad_prev(p) == (n ? &v[n - 1] : NULL));
		last = p;
	}
	CHECK_EQ_U(n, 64);
	CHECK(last == &v[63]);
	CHECK(vad_next(&v[63]) == NULL);
	CHECK(vad_prev(&v[0]) == NULL);
	for (p = last; p; p = vad_prev(p))
		CHECK(p == &v[--n]);
	CHECK_EQ_U(n, 0);
	for (i = 0; i < 64; i += 2) {
		vad_remove(&t, &v[i]);
		REQUIRE(vad_check(&t));
	}
	for (p = vad_first(&t), n = 1; p; p = vad_next(p), n += 2)
		CHECK(p == &v[n]);
	CHECK_EQ_U(n, 65);
}

TEST(first_at_or_after)
{
	struct vad_tree t;
	struct vad a, b;

	vad_tree_init(&t);
	CHECK(put(&t, &a, 10, 20));
	CHECK(put(&t, &b, 30, 40));
	CHECK(vad_first_at_or_after(&t, 0) == &a);         /* before all */
	CHECK(vad_first_at_or_after(&t, 9) == &a);
	CHECK(vad_first_at_or_after(&t, 10) == &a);        /* inside */
	CHECK(vad_first_at_or_after(&t, 19) == &a);
	CHECK(vad_first_at_or_after(&t, 20) == &b);        /* in the gap */
	CHECK(vad_first_at_or_after(&t, 29) == &b);
	CHECK(vad_first_at_or_after(&t, 30) == &b);
	CHECK(vad_first_at_or_after(&t, 39) == &b);
	CHECK(vad_first_at_or_after(&t, 40) == NULL);      /* after all */
	CHECK(vad_first_at_or_after(&t, 0xffffffff) == NULL);
	CHECK(vad_first(&t) == &a);
}

TEST(conflicts)
{
	struct vad_tree t;
	struct vad a, b;

	vad_tree_init(&t);
	CHECK(put(&t, &a, 10, 20));
	CHECK(put(&t, &b, 30, 40));
	CHECK(!vad_conflicts(&t, 0, 10));
	CHECK(vad_conflicts(&t, 0, 11));
	CHECK(vad_conflicts(&t, 10, 20));
	CHECK(vad_conflicts(&t, 12, 13));
	CHECK(vad_conflicts(&t, 19, 21));
	CHECK(!vad_conflicts(&t, 20, 30));
	CHECK(vad_conflicts(&t, 20, 31));
	CHECK(vad_conflicts(&t, 25, 35));
	CHECK(vad_conflicts(&t, 0, 100));
	CHECK(vad_conflicts(&t, 39, 40));
	CHECK(!vad_conflicts(&t, 40, 0xffffffff));
	CHECK(!vad_conflicts(&t, 15, 15));                 /* empty ranges */
	CHECK(!vad_conflicts(&t, 35, 12));
}

/* VADs [0x10,0x20) [0x30,0x35) [0x40,0x50) [0x62,0x70): free gaps of 16 pages
 * at 0x20, 11 at 0x35, 18 at 0x50, and everything from 0x70. */
static void gap_fixture(struct vad_tree *t, struct vad *v)
{
	vad_tree_init(t);
	put(t, &v[0], 0x40, 0x50);
	put(t, &v[1], 0x10, 0x20);
	put(t, &v[2], 0x62, 0x70);
	put(t, &v[3], 0x30, 0x35);
}

/* The lowest (or highest) fitting start, or ~0u if none. */
static uint32_t gap_at(const struct vad_tree *t, uint32_t npages, uint32_t align,
		       uint32_t lo, uint32_t hi, bool top_down)
{
	uint32_t s;

	return gap(t, npages, align, lo, hi, top_down, &s) ? s : ~0u;
}

TEST(gap_search_bottom_up)
{
	struct vad_tree t;
	struct vad v[4];

	gap_fixture(&t, v);
	CHECK_EQ_U(t.count, 4);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0, 0x100, false), 0x0);    /* before the first */
	CHECK_EQ_U(gap_at(&t, 17, 16, 0, 0x100, false), 0x50);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x10, 0x100, false), 0x20); /* exact fit */
	CHECK_EQ_U(gap_at(&t, 17, 16, 0x10, 0x100, false), 0x50);
	CHECK_EQ_U(gap_at(&t, 18, 16, 0x10, 0x100, false), 0x50); /* exact fit */
	CHECK_EQ_U(gap_at(&t, 19, 16, 0x10, 0x100, false), 0x70); /* after the last */
	CHECK_EQ_U(gap_at(&t, 18, 1, 0x10, 0x100, false), 0x50);
	CHECK_EQ_U(gap_at(&t, 5, 1, 0x10, 0x100, false), 0x20);
	CHECK_EQ_U(gap_at(&t, 11, 2, 0x35, 0x100, false), 0x50);  /* 0x35 is odd */
	CHECK_EQ_U(gap_at(&t, 11, 1, 0x35, 0x100, false), 0x35);
	CHECK_EQ_U(gap_at(&t, 15, 1, 0x21, 0x100, false), 0x21);  /* window cuts a gap */
	CHECK_EQ_U(gap_at(&t, 16, 1, 0x21, 0x100, false), 0x50);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x21, 0x100, false), 0x50);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x21, 0x60, false), 0x50);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x21, 0x5f, false), ~0u);   /* window too short */
	CHECK_EQ_U(gap_at(&t, 0x90, 16, 0x10, 0x100, false), 0x70);
	CHECK_EQ_U(gap_at(&t, 0x91, 16, 0x10, 0x100, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0x10, 0x20, false), ~0u);     /* inside a VAD */
	CHECK_EQ_U(gap_at(&t, 1, 1, 0x12, 0x18, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 1, 64, 0x10, 0x100, false), 0x80);
	CHECK_EQ_U(gap_at(&t, 1, 32, 0x10, 0x100, false), 0x20);
	CHECK(vad_check(&t));
}

TEST(gap_search_top_down)
{
	struct vad_tree t;
	struct vad v[4];

	gap_fixture(&t, v);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x10, 0x100, true), 0xf0);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x10, 0x62, true), 0x50);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x10, 0x60, true), 0x50);   /* exact fit */
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x10, 0x5f, true), 0x20);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x20, 0x5f, true), 0x20);   /* window = gap */
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x21, 0x5f, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 17, 16, 0x10, 0x62, true), 0x50);
	CHECK_EQ_U(gap_at(&t, 18, 16, 0x10, 0x62, true), 0x50);
	CHECK_EQ_U(gap_at(&t, 19, 16, 0x10, 0x62, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 19, 16, 0x00, 0x62, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x00, 0x62, true), 0x50);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x00, 0x1f, true), 0x0);    /* before the first */
	CHECK_EQ_U(gap_at(&t, 16, 16, 0x00, 0x0f, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 3, 1, 0x10, 0x62, true), 0x5f);
	CHECK_EQ_U(gap_at(&t, 11, 1, 0x10, 0x40, true), 0x35);
	CHECK_EQ_U(gap_at(&t, 11, 2, 0x10, 0x40, true), 0x24);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0x10, 0x20, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 0x90, 16, 0x10, 0x100, true), 0x70);
	CHECK_EQ_U(gap_at(&t, 0x90, 32, 0x10, 0x100, true), ~0u);
	CHECK(vad_check(&t));
}

TEST(gap_search_edges_of_page_space)
{
	struct vad_tree t;
	struct vad lo, hi;

	vad_tree_init(&t);
	REQUIRE(put(&t, &lo, 0, 1));
	REQUIRE(put(&t, &hi, 0xffffff00, 0xffffffff));
	CHECK_EQ_U(gap_at(&t, 16, 16, 0, 0xffffffff, false), 0x10);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0, 0xffffffff, true), 0xfffffef0);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0, 0xffffffff, true), 0xfffffeff);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0xffffff00, 0xffffffff, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0xffffff00, 0xffffffff, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0xfffffef1, 0xffffffff, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 0xfffffeff, 1, 0, 0xffffffff, false), 1);
	CHECK_EQ_U(gap_at(&t, 0xfffffeff, 1, 0, 0xffffffff, true), 1);
	CHECK_EQ_U(gap_at(&t, 0xfffffeff, 2, 0, 0xffffffff, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 0xffffff00, 1, 0, 0xffffffff, false), ~0u);
	vad_remove(&t, &hi);
	CHECK_EQ_U(gap_at(&t, 0x10, 0x10, 0xfffffff0, 0xffffffff, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 0xf, 0x10, 0xfffffff0, 0xffffffff, false), 0xfffffff0);
	CHECK_EQ_U(gap_at(&t, 0xf, 0x10, 0xfffffff0, 0xffffffff, true), 0xfffffff0);
	CHECK_EQ_U(gap_at(&t, 0x80000000, 0x80000000, 1, 0xffffffff, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 0x7fffffff, 0x80000000, 1, 0xffffffff, false), 0x80000000);
	CHECK(vad_check(&t));
}

TEST(gap_search_full_and_exact)
{
	static struct vad v[200];
	struct vad_tree t;

	vad_tree_init(&t);
	for (uint32_t i = 0; i < 200; i++)                 /* [0, 3200) wall to wall */
		REQUIRE(put(&t, &v[i], i * 16, i * 16 + 16));
	CHECK(vad_check(&t));
	CHECK_EQ_U(gap_at(&t, 1, 1, 0, 3200, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0, 3200, true), ~0u);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0, 3201, true), 3200);
	CHECK_EQ_U(gap_at(&t, 1, 16, 0, 3201, false), 3200);
	vad_remove(&t, &v[77]);                            /* a hole of 16 at 1232 */
	vad_remove(&t, &v[150]);                           /* and at 2400 */
	CHECK(vad_check(&t));
	CHECK_EQ_U(gap_at(&t, 16, 16, 0, 3200, false), 1232);
	CHECK_EQ_U(gap_at(&t, 16, 16, 0, 3200, true), 2400);
	CHECK_EQ_U(gap_at(&t, 16, 16, 1233, 3200, false), 2400);
	CHECK_EQ_U(gap_at(&t, 16, 32, 0, 3200, false), 2400);      /* 1232 is not 32-aligned */
	CHECK_EQ_U(gap_at(&t, 16, 32, 0, 3200, true), 2400);
	CHECK_EQ_U(gap_at(&t, 16, 64, 0, 3200, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 17, 1, 0, 3200, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 17, 1, 0, 3217, false), 3200);
	CHECK_EQ_U(gap_at(&t, 15, 1, 0, 3200, true), 2401);
	vad_remove(&t, &v[78]);                            /* widens 1232 to 32 */
	CHECK_EQ_U(gap_at(&t, 32, 1, 0, 3200, false), 1232);
	CHECK_EQ_U(gap_at(&t, 17, 16, 0, 3200, true), 1232);
	CHECK_EQ_U(gap_at(&t, 16, 32, 0, 3200, true), 2400);
	CHECK_EQ_U(gap_at(&t, 16, 32, 0, 3200, false), 1248);
	CHECK_EQ_U(gap_at(&t, 16, 64, 0, 3200, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 16, 64, 0, 3200, true), ~0u);
	CHECK(vad_check(&t));
}

/* A node linked by hand, its cached fields computed from its children's as
 * vad.c defines them (gaps wrap around if the order is wrong). */
static void hand_link(struct vad *v, uint32_t start, uint32_t end, struct vad *left,
		      struct vad *right, struct vad *parent)
{
	int32_t hl = left ? left->height : 0, hr = right ? right->height : 0;
	uint32_t g = 0;

	vad_make(v, start, end, start);
	v->left = left;
	v->right = right;
	v->parent = parent;
	v->height = 1 + (hl > hr ? hl : hr);
	v->min_start = left ? left->min_start : start;
	v->max_end = right ? right->max_end : end;
	if (left) {
		g = left->max_gap > g ? left->max_gap : g;
		g = start - left->max_end > g ? start - left->max_end : g;
	}
	if (right) {
		g = right->max_gap > g ? right->max_gap : g;
		g = right->min_start - end > g ? right->min_start - end : g;
	}
	v->max_gap = g;
}

/* Trees that are consistent in all but one invariant, each of which
 * vad_check must catch. */
TEST(check_catches_hand_built_trees)
{
	struct vad_tree t = { 0 };
	struct vad a, b, c, outsider;

	hand_link(&a, 5, 15, NULL, NULL, &b);           /* a sound three-node tree */
	hand_link(&c, 30, 40, NULL, NULL, &b);
	hand_link(&b, 15, 20, &a, &c, NULL);
	t.root = &b;
	t.count = 3;
	CHECK(vad_check(&t));
	hand_link(&a, 5, 16, NULL, NULL, &b);           /* overlap */
	hand_link(&b, 15, 20, &a, &c, NULL);
	CHECK(!vad_check(&t));
	hand_link(&a, 25, 26, NULL, NULL, &b);          /* left child after its parent */
	hand_link(&b, 15, 20, &a, &c, NULL);
	CHECK(!vad_check(&t));
	hand_link(&a, 5, 5, NULL, NULL, &b);            /* empty */
	hand_link(&b, 15, 20, &a, &c, NULL);
	CHECK(!vad_check(&t));
	hand_link(&a, 5, 15, NULL, NULL, &b);
	hand_link(&b, 15, 20, &a, &c, NULL);
	CHECK(vad_check(&t));
	t.count = 4;                                    /* count */
	CHECK(!vad_check(&t));
	t.count = 3;
	a.parent = &a;                                  /* parent link */
	CHECK(!vad_check(&t));
	a.parent = &b;
	b.parent = &c;
	CHECK(!vad_check(&t));
	b.parent = NULL;
	a.height = 2;                                   /* heights */
	CHECK(!vad_check(&t));
	a.height = 1;
	c.max_gap = 1;                                  /* each cached span and gap */
	CHECK(!vad_check(&t));
	c.max_gap = 0;
	b.max_gap = 9;
	CHECK(!vad_check(&t));
	b.max_gap = 10;
	b.min_start = 4;
	CHECK(!vad_check(&t));
	b.min_start = 5;
	b.max_end = 41;
	CHECK(!vad_check(&t));
	b.max_end = 40;
	CHECK(vad_check(&t));
	vad_make(&outsider, 15, 20, 0);                 /* a hint not in the tree */
	t.hint = &outsider;
	CHECK(!vad_check(&t));
	t.hint = &b;
	CHECK(vad_check(&t));
	hand_link(&c, 30, 40, NULL, NULL, &b);          /* a chain: AVL balance */
	hand_link(&b, 20, 25, NULL, &c, &a);
	hand_link(&a, 5, 15, NULL, &b, NULL);
	t.root = &a;
	CHECK(!vad_check(&t));
	hand_link(&b, 20, 25, NULL, NULL, &a);          /* and without c, sound */
	hand_link(&a, 5, 15, NULL, &b, NULL);
	t.count = 2;
	CHECK(vad_check(&t));
}

/* ---- Randomized runs against a reference model. ---- */

#define MODEL_NODES 1024

struct model_entry {
	uint32_t start, end;
	struct vad *node;
};

struct model {
	struct model_entry e[MODEL_NODES];      /* sorted by start */
	uint32_t count;
	struct vad nodes[MODEL_NODES];
	struct vad *free_nodes[MODEL_NODES];
	uint32_t free_count;
	struct vad_tree tree;
};

/* A randomized run's shape: ranges of 1..max_len pages starting in
 * [base, base + span), optionally 16-page aligned (64 KB granularity). */
struct model_config {
	uint32_t seed, base, span, max_len;
	bool aligned;
};

static void model_init(struct model *m)
{
	m->count = 0;
	m->free_count = 0;
	for (uint32_t i = 0; i < MODEL_NODES; i++)
		m->free_nodes[m->free_count++] = &m->nodes[i];
	vad_tree_init(&m->tree);
}

/* The index of the first entry with end > page (count if none). */
static uint32_t model_first_end_after(const struct model *m, uint64_t page)
{
	uint32_t lo = 0, hi = m->count;

	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;

		if (m->e[mid].end > page)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The index of the first entry with start >= page (count if none). */
static uint32_t model_first_start_at(const struct model *m, uint64_t page)
{
	uint32_t lo = 0, hi = m->count;

	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;

		if (m->e[mid].start >= page)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static bool model_conflicts(const struct model *m, uint32_t start, uint32_t end)
{
	uint32_t i = model_first_end_after(m, start);

	return start < end && i < m->count && m->e[i].start < end;
}

/* Brute force, probe and skip: tries the lowest aligned start, and past each
 * VAD in its way the next aligned start after it. */
static bool ref_gap_up(const struct model *m, uint32_t npages, uint32_t align,
		       uint32_t lo, uint32_t hi, uint32_t *out)
{
	uint64_t s = ((uint64_t)lo + align - 1) & ~(uint64_t)(align - 1);

	for (;;) {
		uint32_t i;

		if (s + npages > hi)
			return false;
		i = model_first_end_after(m, s);
		if (i == m->count || m->e[i].start >= s + npages) {
			*out = (uint32_t)s;
			return true;
		}
		s = ((uint64_t)m->e[i].end + align - 1) & ~(uint64_t)(align - 1);
	}
}

/* Brute force, top-down: the highest aligned start, then below each VAD in
 * its way. */
static bool ref_gap_down(const struct model *m, uint32_t npages, uint32_t align,
			 uint32_t lo, uint32_t hi, uint32_t *out)
{
	int64_t s = ((int64_t)hi - npages) & ~(int64_t)(align - 1);

	for (;;) {
		uint32_t i;

		if (s < (int64_t)lo)
			return false;
		i = model_first_start_at(m, (uint64_t)s + npages);
		if (i == 0 || m->e[i - 1].end <= s) {
			*out = (uint32_t)s;
			return true;
		}
		s = ((int64_t)m->e[i - 1].start - npages) & ~(int64_t)(align - 1);
	}
}

static bool ref_gap(const struct model *m, uint32_t npages, uint32_t align, uint32_t lo,
		    uint32_t hi, bool top_down, uint32_t *out)
{
	if (npages == 0 || lo >= hi)
		return false;
	return top_down ? ref_gap_down(m, npages, align, lo, hi, out)
			: ref_gap_up(m, npages, align, lo, hi, out);
}

/* A random page in the configured span, sometimes a bit outside it. */
static uint32_t model_page(const struct model_config *c, uint32_t *rng)
{
	uint64_t p = (uint64_t)c->base + rng_next(rng) % (c->span + 64);

	if (c->base >= 32 && rng_next(rng) % 8 == 0)
		p -= 32;
	return p > 0xffffffffu ? 0xffffffffu : (uint32_t)p;
}

static void model_insert(struct model *m, const struct model_config *c, uint32_t *rng)
{
	uint32_t start = model_page(c, rng), len = 1 + rng_next(rng) % c->max_len, i;
	uint64_t end;
	struct vad *v;
	bool expect;

	if (rng_next(rng) % 4 == 0)
		len = 1 + len % 4;
	if (c->aligned) {
		start &= ~15u;
		len = (len + 15) & ~15u;
	}
	end = (uint64_t)start + len;
	if (end > 0xffffffffu)
		end = 0xffffffffu;
	if (rng_next(rng) % 64 == 0)
		end = start - rng_next(rng) % 2;                /* empty or backwards */
	if (m->free_count == 0)
		return;
	v = m->free_nodes[m->free_count - 1];
	expect = start < end && !model_conflicts(m, start, (uint32_t)end);
	CHECK_EQ_U(vad_insert(&m->tree, vad_make(v, start, (uint32_t)end, start)), expect);
	if (!expect)
		return;
	m->free_count--;
	i = model_first_start_at(m, start);
	memmove(&m->e[i + 1], &m->e[i], (m->count - i) * sizeof(m->e[0]));
	m->e[i] = (struct model_entry){ start, (uint32_t)end, v };
	m->count++;
}

static void model_remove(struct model *m, uint32_t *rng)
{
	uint32_t i = rng_next(rng) % m->count;
	struct vad *v = m->e[i].node;

	vad_remove(&m->tree, v);
	CHECK(m->tree.hint != v);
	m->free_nodes[m->free_count++] = v;
	memmove(&m->e[i], &m->e[i + 1], (m->count - i - 1) * sizeof(m->e[0]));
	m->count--;
}

static void model_lookups(struct model *m, const struct model_config *c, uint32_t *rng)
{
	uint32_t page = model_page(c, rng), i = model_first_end_after(m, page);
	struct vad *after = i < m->count ? m->e[i].node : NULL;
	struct vad *in = after && m->e[i].start <= page ? after : NULL;
	struct vad *hint = m->tree.hint;

	CHECK(vad_find(&m->tree, page) == in);
	CHECK(m->tree.hint == (in ? in : hint));
	CHECK(vad_first_at_or_after(&m->tree, page) == after);
	if (after) {
		CHECK(vad_next(after) == (i + 1 < m->count ? m->e[i + 1].node : NULL));
		CHECK(vad_prev(after) == (i > 0 ? m->e[i - 1].node : NULL));
	}
}

static void model_conflict_probe(struct model *m, const struct model_config *c, uint32_t *rng)
{
	uint32_t a = model_page(c, rng), b = a + rng_next(rng) % (2 * c->max_len + 2);

	if (b < a)
		b = 0xffffffff;
	if (rng_next(rng) % 16 == 0)
		b = a - rng_next(rng) % 3;
	CHECK_EQ_U(vad_conflicts(&m->tree, a, b), model_conflicts(m, a, b));
}

/* One random gap search, compared with the brute-force answer. */
static void model_gap_probe(struct model *m, const struct model_config *c, uint32_t *rng)
{
	static const uint32_t scales[] = { 4, 16, 64, 256, 4096 };
	uint32_t npages = 1 + rng_next(rng) % scales[rng_next(rng) % 5];
	uint32_t align = 1u << (rng_next(rng) % 8), lo, hi, got = 0, want = 0;
	bool top_down = rng_next(rng) & 1, ok_got, ok_want;

	if (c->aligned && rng_next(rng) % 2)
		npages = (npages + 15) & ~15u;
	lo = model_page(c, rng);
	hi = model_page(c, rng);
	if (lo > hi) {
		uint32_t x = lo;

		lo = hi;
		hi = x;
	}
	switch (rng_next(rng) % 4) {
	case 0:
		lo = c->base;
		hi = rng_next(rng) % 2 ? 0xffffffff : c->base + c->span + 64;
		break;
	case 1:
		hi = lo + npages + rng_next(rng) % 8;
		hi = hi < lo ? 0xffffffff : hi;
		break;
	}
	ok_got = vad_find_gap(&m->tree, npages, align, lo, hi, top_down, &got);
	ok_want = ref_gap(m, npages, align, lo, hi, top_down, &want);
	CHECK_EQ_U(ok_got, ok_want);
	if (ok_got && ok_want)
		CHECK_EQ_U(got, want);
	if (ok_got)
		CHECK(!model_conflicts(m, got, got + npages));
}

/* The tree holds exactly the model's VADs, in order, payloads untouched. */
static void model_verify(const struct model *m)
{
	const struct vad *v = vad_first(&m->tree);

	CHECK(vad_check(&m->tree));
	CHECK(height_ok(&m->tree));
	CHECK_EQ_U(m->tree.count, m->count);
	for (uint32_t i = 0; i < m->count; i++, v = vad_next(v)) {
		if (v != m->e[i].node) {
			CHECK(v == m->e[i].node);
			return;
		}
		CHECK(payload_ok(v, m->e[i].start));
	}
	CHECK(v == NULL);
}

/* One run of ops random operations; returns the largest tree size seen. */
static uint32_t model_run(const struct model_config *c, uint32_t ops)
{
	static struct model m;
	uint32_t rng = c->seed, peak = 0;

	model_init(&m);
	for (uint32_t op = 0; op < ops && !check_failure; op++) {
		/* Phases that grow and shrink the tree in turn. */
		uint32_t r = rng_next(&rng) % 100, ins = (op / 4000) % 2 ? 25 : 50;

		if (m.count == 0 || r < ins)
			model_insert(&m, c, &rng);
		else if (r < ins + 20)
			model_remove(&m, &rng);
		else if (r < ins + 30)
			model_lookups(&m, c, &rng);
		else if (r < ins + 38)
			model_conflict_probe(&m, c, &rng);
		else
			model_gap_probe(&m, c, &rng);
		if (m.count > peak)
			peak = m.count;
		CHECK(vad_check(&m.tree));
	}
	model_verify(&m);
	while (m.count && !check_failure) {
		model_remove(&m, &rng);
		if (m.count % 16 == 0)
			model_verify(&m);
	}
	CHECK(m.tree.root == NULL);
	return peak;
}

static const struct model_config model_configs[] = {
	{ 0x2545f491, 0x10, 16384, 32, false },         /* mixed, moderately dense */
	{ 0x9e3779b9, 0x10, 32768, 64, true },          /* 64 KB granularity */
	{ 0x12345678, 0, 2048, 8, false },              /* small and crowded */
	{ 0xcafef00d, 0xfffe0000, 0x1ff80, 300, false },/* the top of the page space */
	{ 0x0badc0de, 0x100, 200000, 1500, false },     /* sparse, big ranges */
};

TEST(randomized_against_model)
{
	for (size_t i = 0; i < sizeof(model_configs) / sizeof(model_configs[0]); i++) {
		uint32_t peak = model_run(&model_configs[i], 24000);

		CHECK(peak >= 40);
		if (check_failure) {
			printf("  (config %zu, seed 0x%x)\n", i, model_configs[i].seed);
			break;
		}
	}
}

/* ---- 100000-node trees. ---- */

#define BIG 100000u

/* Brute force over the tree itself: the answer vad_find_gap should give. */
static bool walk_gap(const struct vad_tree *t, uint32_t npages, uint32_t align,
		     uint32_t lo, uint32_t hi, bool top_down, uint32_t *out)
{
	uint64_t prev_end = 0, best = UINT64_MAX;

	for (const struct vad *v = vad_first(t);; v = vad_next(v)) {
		uint64_t a = prev_end > lo ? prev_end : lo;
		uint64_t b = v ? (v->start < hi ? v->start : hi) : hi, s;

		if (top_down) {
			s = b >= npages ? (b - npages) & ~(uint64_t)(align - 1) : 0;
			if (b >= a + npages && s >= a)
				best = s;
		} else {
			s = (a + align - 1) & ~(uint64_t)(align - 1);
			if (s + npages <= b) {
				*out = (uint32_t)s;
				return true;
			}
		}
		if (!v)
			break;
		prev_end = v->end;
	}
	if (best == UINT64_MAX)
		return false;
	*out = (uint32_t)best;
	return true;
}

static void big_compare_gap(const struct vad_tree *t, uint32_t npages, uint32_t align,
			    uint32_t lo, uint32_t hi, bool top_down)
{
	uint32_t got = 0, want = 0;
	bool ok = vad_find_gap(t, npages, align, lo, hi, top_down, &got);

	CHECK_EQ_U(ok, walk_gap(t, npages, align, lo, hi, top_down, &want));
	if (ok)
		CHECK_EQ_U(got, want);
}

/* Whether t passes vad_check and is no taller than AVL allows (checked every
 * 10000 operations, so that a broken tree stops a test before it gets slow). */
static bool big_sound(const struct vad_tree *t)
{
	return vad_check(t) && height_ok(t);
}

/* CPU seconds for reps gap searches on t that the augmentation answers by
 * pruning almost everything. */
static double big_gap_timing(const struct vad_tree *t, uint32_t reps)
{
	clock_t t0 = clock();
	uint32_t rng = 7, s, sum = 0;

	for (uint32_t i = 0; i < reps; i++) {
		uint32_t lo = rng_next(&rng) % (3 * BIG);

		sum += vad_find_gap(t, 2 + i % 3, 1, lo, 0xffffffff, i & 1, &s) ? 1 : 0;
	}
	CHECK_EQ_U(sum, reps);
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

TEST(big_sequential_tree)
{
	struct vad *v = calloc(BIG, sizeof(*v));
	struct vad_tree t;
	uint32_t rng = 99;

	CHECK(v != NULL);
	if (!v)
		return;
	vad_tree_init(&t);
	for (uint32_t i = 0; i < BIG && !check_failure; i++) { /* [2i, 2i+1): gaps of 1 */
		CHECK(put(&t, &v[i], 2 * i, 2 * i + 1));
		if (i % 10000 == 9999)
			CHECK(big_sound(&t));
	}
	if (check_failure)
		goto out;
	CHECK(vad_check(&t));
	CHECK(height_ok(&t));
	CHECK_EQ_U(t.count, BIG);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0, 0xffffffff, false), 1);
	CHECK_EQ_U(gap_at(&t, 1, 1, 1001, 0xffffffff, false), 1001);
	CHECK_EQ_U(gap_at(&t, 1, 1, 1002, 0xffffffff, false), 1003);
	CHECK_EQ_U(gap_at(&t, 2, 1, 0, 0xffffffff, false), 2 * BIG - 1);
	CHECK_EQ_U(gap_at(&t, 2, 1, 0, 2 * BIG, false), ~0u);
	CHECK_EQ_U(gap_at(&t, 1, 1, 0, 2 * BIG - 1, true), 2 * BIG - 3);
	CHECK_EQ_U(gap_at(&t, 1, 2, 0, 2 * BIG, true), ~0u);
	vad_remove(&t, &v[50000]);                         /* a gap of 3 at 99999 */
	CHECK(vad_check(&t));
	CHECK_EQ_U(gap_at(&t, 3, 1, 0, 0xffffffff, false), 99999);   /* exact fit */
	CHECK_EQ_U(gap_at(&t, 3, 1, 0, 0xffffffff, true), 0xfffffffc);
	CHECK_EQ_U(gap_at(&t, 3, 1, 0, 2 * BIG, true), 99999);
	CHECK_EQ_U(gap_at(&t, 2, 2, 0, 2 * BIG, false), 100000);
	CHECK_EQ_U(gap_at(&t, 3, 2, 0, 0xffffffff, false), 2 * BIG);  /* alignment defeats it */
	CHECK_EQ_U(gap_at(&t, 4, 1, 0, 2 * BIG, false), ~0u);
	for (uint32_t i = 0; i < 40 && !check_failure; i++)
		big_compare_gap(&t, 1 + rng_next(&rng) % 4, 1u << rng_next(&rng) % 3,
				rng_next(&rng) % (2 * BIG), 0xffffffff, i & 1);
	/* 1000x the work of a logarithmic search would take tens of seconds. */
	CHECK(big_gap_timing(&t, 20000) < 2.0);
	for (uint32_t i = 0; i < BIG && !check_failure; i++) {
		if (i != 50000)
			vad_remove(&t, &v[i]);
		if (i % 10000 == 9999)
			CHECK(big_sound(&t));
	}
	CHECK(vad_check(&t));
	CHECK_EQ_U(t.count, 0);
out:
	free(v);
}

TEST(big_random_tree)
{
	struct vad *v = calloc(BIG, sizeof(*v));
	uint32_t *order = calloc(BIG, sizeof(*order));
	struct vad_tree t;
	uint32_t rng = 0x51ab51ab;

	CHECK(v && order);
	if (!v || !order)
		goto out;
	for (uint32_t i = 0; i < BIG; i++)
		order[i] = i;
	for (uint32_t i = BIG - 1; i > 0; i--) {           /* Fisher-Yates */
		uint32_t j = rng_next(&rng) % (i + 1), x = order[i];

		order[i] = order[j];
		order[j] = x;
	}
	vad_tree_init(&t);
	for (uint32_t i = 0; i < BIG && !check_failure; i++) { /* slot k: [3k, 3k+1..2) */
		uint32_t k = order[i];

		CHECK(put(&t, &v[k], 3 * k, 3 * k + 1 + rng_next(&rng) % 2));
		if (i % 10000 == 9999)
			CHECK(big_sound(&t));
	}
	if (check_failure)
		goto out;
	CHECK(vad_check(&t));
	CHECK(height_ok(&t));
	CHECK_EQ_U(t.count, BIG);
	for (uint32_t i = 0; i < 40 && !check_failure; i++)
		big_compare_gap(&t, 1 + rng_next(&rng) % 3, 1u << rng_next(&rng) % 3,
				rng_next(&rng) % (3 * BIG), 3 * BIG + rng_next(&rng) % 64, i & 1);
	for (uint32_t i = 0; i < BIG && !check_failure; i++) { /* in another order */
		uint32_t k = order[(i * 7919u) % BIG];

		CHECK(vad_find(&t, 3 * k) == &v[k]);
		vad_remove(&t, &v[k]);
		if (i % 10000 == 9999)
			CHECK(big_sound(&t));
	}
	CHECK(vad_check(&t));
	CHECK(t.root == NULL && t.count == 0 && t.hint == NULL);
out:
	free(order);
	free(v);
}

int main(void)
{
	RUN(SUITE, empty_tree);
	RUN(SUITE, insert_find_remove_basics);
	RUN(SUITE, overlapping_inserts_rejected);
	RUN(SUITE, hint_behaviour);
	RUN(SUITE, in_order_iteration);
	RUN(SUITE, first_at_or_after);
	RUN(SUITE, conflicts);
	RUN(SUITE, gap_search_bottom_up);
	RUN(SUITE, gap_search_top_down);
	RUN(SUITE, gap_search_edges_of_page_space);
	RUN(SUITE, gap_search_full_and_exact);
	RUN(SUITE, check_catches_hand_built_trees);
	RUN(SUITE, randomized_against_model);
	RUN(SUITE, big_sequential_tree);
	RUN(SUITE, big_random_tree);
	return check_summary();
}
