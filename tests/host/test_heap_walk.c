/* Host unit tests for HeapWalk's and HeapCompact's engines (heap_walk.c,
 * heap_compact.c) over the mmap provider: a walk tiles every region with its
 * entries and finds exactly the live blocks, big ones last; a walk refuses
 * an entry that names nothing; compaction gives back the pages inside free
 * blocks and of the top, reports the largest committed free block, and the
 * holes are committed again when blocks are carved there. */
#include "tests/host/heap_provider.h"
#include "tests/host/check.h"

#define SUITE "host/heap_walk"
#define NBLOCKS 64

/* The end of the memory an entry covers. */
static uintptr_t entry_end(const struct heap_entry *e)
{
	if (e->kind == HEAP_ENTRY_BUSY)
		return e->data - HEAP_TAG + e->size + e->overhead;
	return e->data + e->size;
}

/* Index of the block whose data is at p, or -1. */
static int block_index(void *const *blocks, uintptr_t p)
{
	for (int i = 0; i < NBLOCKS; i++)
		if (blocks[i] && (uintptr_t)blocks[i] == p)
			return i;
	return -1;
}

/* Walks h: every region tiled end to end, every busy entry one of blocks
 * (with its size), each of them seen once, each region (a big block is one)
 * with an index of its own; returns the entries seen. */
static int walk_all(struct heap *h, void *const *blocks, const size_t *sizes)
{
	struct heap_entry e = { 0 };
	uintptr_t at = 0, region_end = 0;
	int seen[NBLOCKS] = { 0 }, n = 0, r;
	uint32_t regions = 0;           /* region indices: 0, 1, ... then each big block's */

	while ((r = heap_walk(h, &e)) == 1 && n < 100000) {
		n++;
		if (e.big) {
			CHECK(e.region == regions);
			regions++;
		}
		if (e.kind == HEAP_ENTRY_REGION) {
			CHECK(at == region_end && e.committed + e.uncommitted == e.size &&
			      e.region == regions);
			regions++;
			at = e.data;
			region_end = e.data + e.size;
			continue;
		}
		if (!e.big)
			CHECK(e.data - (e.kind == HEAP_ENTRY_BUSY ? HEAP_TAG : 0) == at);
		at = e.big ? at : entry_end(&e);
		if (e.kind == HEAP_ENTRY_BUSY) {
			int i = block_index(blocks, e.data);
			CHECK(i >= 0 && sizes[i] == e.size && !seen[i]);
			if (i >= 0)
				seen[i]++;
		}
	}
	CHECK(r == 0 && at == region_end);
	for (int i = 0; i < NBLOCKS; i++)
		CHECK(!blocks[i] || seen[i] == 1);
	return n;
}

static void fill_heap(struct heap *h, void **blocks, size_t *sizes)
{
	for (int i = 0; i < NBLOCKS; i++) {
		sizes[i] = i % 9 == 8 ? HEAP_BIG_REQUEST + (size_t)i * 1000 : 100 + (size_t)i * 700;
		blocks[i] = heap_alloc(h, sizes[i], false);
		memset(blocks[i], i, sizes[i]);
	}
}

TEST(walk_tiles_regions_and_finds_every_block)
{
	struct heap *h = heap_create(0, 0, false, 0);
	void *blocks[NBLOCKS];
	size_t sizes[NBLOCKS];

	fill_heap(h, blocks, sizes);
	CHECK(walk_all(h, blocks, sizes) > NBLOCKS);
	for (int i = 0; i < NBLOCKS; i += 3) {
		heap_free(h, blocks[i]);
		blocks[i] = NULL;
	}
	walk_all(h, blocks, sizes);
	heap_destroy(h);
}

TEST(walk_refuses_an_entry_that_names_nothing)
{
	struct heap *h = heap_create(0, 0, false, 0);
	char *p = heap_alloc(h, 1000, false);
	struct heap_entry e = { .kind = HEAP_ENTRY_BUSY, .data = (uintptr_t)(p + 8) };
	struct heap_entry kept = e;

	CHECK(heap_walk(h, &e) == -1 && memcmp(&e, &kept, sizeof(e)) == 0);
	e = (struct heap_entry){ .kind = HEAP_ENTRY_FREE, .data = (uintptr_t)p, .size = 8 };
	CHECK(heap_walk(h, &e) == -1);
	e = (struct heap_entry){ .kind = HEAP_ENTRY_REGION, .data = 0x1000, .region = 0 };
	CHECK(heap_walk(h, &e) == -1);
	e = (struct heap_entry){ .kind = HEAP_ENTRY_BUSY, .data = (uintptr_t)p, .region = 7 };
	CHECK(heap_walk(h, &e) == 1 && e.region == 0);         /* found by its address */
	e = (struct heap_entry){ .kind = HEAP_ENTRY_FREE, .data = 0x10, .size = 8 };
	CHECK(heap_walk(h, &e) == -1);
	heap_destroy(h);
}

TEST(compact_gives_back_the_middle_and_holes_fill_again)
{
	struct heap *h = heap_create(0, 0, false, 0);
	void *blocks[NBLOCKS] = { 0 };
	size_t sizes[NBLOCKS], before, largest;
	struct heap_entry e = { 0 };

	for (int i = 0; i < NBLOCKS; i++) {
		sizes[i] = 20000;
		blocks[i] = heap_alloc(h, sizes[i], false);
		memset(blocks[i], 1, sizes[i]);
	}
	for (int i = 8; i < 40; i++) {          /* 640 KB free in the middle */
		heap_free(h, blocks[i]);
		blocks[i] = NULL;
	}
	before = committed_bytes;
	largest = heap_compact(h);
	CHECK(before - committed_bytes >= 600 * KB);
	CHECK(largest < 2 * HEAP_PAGE);         /* nothing large stays committed */
	CHECK(heap_validate(h, NULL));
	CHECK(heap_walk(h, &e) == 1 && e.kind == HEAP_ENTRY_REGION &&
	      e.committed == heap_os_committed((void *)e.data, e.size) &&
	      e.committed < 700 * KB);
	walk_all(h, blocks, sizes);
	for (int i = 8; i < 40; i++) {          /* into the holes: they must be committed */
		blocks[i] = heap_alloc(h, sizes[i], i % 2);
		memset(blocks[i], 2, sizes[i]);
	}
	CHECK(heap_validate(h, NULL));
	walk_all(h, blocks, sizes);
	for (int i = 0; i < NBLOCKS; i++)
		heap_free(h, blocks[i]);
	heap_destroy(h);
	CHECK_EQ_U(committed_bytes, 0);
}

TEST(compact_keeps_the_top_committed_part_it_reports)
{
	struct heap *h = heap_create(256 * KB, 0, false, 0);     /* a floor of 256 KB */
	void *p = heap_alloc(h, 1000, false);
	struct segment *s = seg_find(h, (uintptr_t)p);

	CHECK(heap_compact(h) == s->commit_end - seg_top_start(h, s));
	CHECK(s->commit_end - s->base == 256 * KB);
	heap_free(h, p);
	heap_destroy(h);
}

int main(void)
{
	RUN(SUITE, walk_tiles_regions_and_finds_every_block);
	RUN(SUITE, walk_refuses_an_entry_that_names_nothing);
	RUN(SUITE, compact_gives_back_the_middle_and_holes_fill_again);
	RUN(SUITE, compact_keeps_the_top_committed_part_it_reports);
	return check_summary();
}
