/* HeapValidate's engine: one block, or the whole heap walked block by block
 * against the index, the segments' bounds and the big-block records. Reports,
 * never raises. */
#include "user/lib/heap_internal.h"

/* Free node i describes the free block at a, whose footer names it too. */
static bool free_block_ok(struct heap *h, uint32_t i, uintptr_t a)
{
	const struct hx_node *n;
	uint32_t info;

	if (i >= hx_count(&h->free))
		return false;
	n = hx_node(&h->free, i);
	return n->start == a && n->size >= HEAP_MIN_BLOCK &&
	       tag_get(h, a + n->size - HEAP_TAG, &info) && info == (TAG_FOOTER | i);
}

/* The size of the block at a (0 when its tag is bad); *free says if it is free. */
static size_t block_at(struct heap *h, uintptr_t a, bool prev_free, bool *free)
{
	uint32_t info;

	*free = false;
	if (!tag_get(h, a, &info))
		return 0;
	if ((info & TAG_TYPE) == TAG_BUSY) {
		bool slack_ok = busy_slack(info) + HEAP_TAG <= busy_size(info);
		return slack_ok && !!(info & TAG_PREV_FREE) == prev_free ? busy_size(info) : 0;
	}
	*free = true;
	if ((info & TAG_TYPE) != TAG_FREE || prev_free ||
	    !free_block_ok(h, info & TAG_INDEX, a))
		return 0;
	return hx_node(&h->free, info & TAG_INDEX)->size;
}

/* The bounds of a segment, and its top's node. */
static bool seg_bounds_ok(struct heap *h, const struct segment *s)
{
	uintptr_t top = seg_top_start(h, s);

	if (s->top != HX_NONE && (s->top >= hx_count(&h->free) || top + hx_node(&h->free,
	    s->top)->size != s->end))
		return false;
	return s->base <= top && top <= s->commit_end && s->commit_end <= s->end &&
	       s->base <= s->clean && s->clean <= s->commit_end && s->floor <= s->commit_end;
}

/* Walks segment s from its base to its top; counts its free nodes. */
static bool seg_ok(struct heap *h, const struct segment *s, uint32_t *nodes)
{
	uintptr_t a = s->base, top;
	bool prev_free = false, free;

	if (!seg_bounds_ok(h, s))
		return false;
	top = seg_top_start(h, s);
	while (a < top) {
		size_t size = block_at(h, a, prev_free, &free);
		if (size < HEAP_MIN_BLOCK || size > top - a)
			return false;
		*nodes += free;
		prev_free = free;
		a += size;
	}
	*nodes += s->top != HX_NONE;
	return a == top && !prev_free;
}

bool heap_validate(struct heap *h, const void *p)
{
	struct block b;
	uint32_t nodes = 0;

	if (p)
		return block_find(h, p, &b);
	for (uint32_t k = 0; k < h->nsegs; k++)
		if (!seg_ok(h, &h->seg[k], &nodes) ||
		    (k && h->seg[k - 1].end > h->seg[k].base))
			return false;
	return nodes == hx_count(&h->free) && hx_check(&h->free) && big_check(h);
}
