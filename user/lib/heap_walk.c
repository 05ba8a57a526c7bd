/* HeapWalk's engine: a heap's entries in address order, region by region
 * (the region itself, its blocks busy and free, its top's committed part as
 * a free entry, the rest of its reservation uncommitted), then the big blocks
 * (busy entries with their own reservations). Each step starts from the
 * entry the caller hands back, checked against the heap first: a busy one
 * by its address, the others by kind, address, size and region index. */
#include "user/lib/heap_internal.h"

static uintptr_t committed_end(const struct heap *h, const struct segment *s)
{
	uintptr_t top = seg_top_start(h, s);

	return s->commit_end > top ? s->commit_end : top;
}

/* Segment k's region entry. */
static void region_entry(struct heap *h, uint32_t k, struct heap_entry *w)
{
	struct segment *s = &h->seg[k];
	size_t size = s->end - s->base;
	size_t committed = s->holes ? heap_os_committed((void *)s->base, size)
				    : s->commit_end - s->base;

	*w = (struct heap_entry){ .kind = HEAP_ENTRY_REGION, .region = k, .data = s->base,
				  .size = size, .committed = committed,
				  .uncommitted = size - committed, .first = s->base,
				  .last = committed_end(h, s) };
}

/* The block at p, below segment s's top; false when its tag is bad. */
static bool block_entry(struct heap *h, uintptr_t p, struct heap_entry *w)
{
	uint32_t info, i;

	if (!tag_get(h, p, &info))
		return false;
	if ((info & TAG_TYPE) == TAG_BUSY) {
		w->kind = HEAP_ENTRY_BUSY;
		w->data = p + HEAP_TAG;
		w->overhead = (uint32_t)(HEAP_TAG + busy_slack(info));
		w->size = busy_size(info) - w->overhead;
		return true;
	}
	i = info & TAG_INDEX;
	if ((info & TAG_TYPE) != TAG_FREE || i >= hx_count(&h->free) ||
	    hx_node(&h->free, i)->start != p)
		return false;
	*w = (struct heap_entry){ .kind = HEAP_ENTRY_FREE, .region = w->region, .data = p,
				  .size = hx_node(&h->free, i)->size };
	return true;
}

/* The entry at address p of segment k: a block, the top's committed part or
 * the uncommitted rest. 1, 0 past the segment's end, -1 for a bad tag. */
static int entry_at(struct heap *h, uint32_t k, uintptr_t p, struct heap_entry *w)
{
	struct segment *s = &h->seg[k];
	uintptr_t top = seg_top_start(h, s), uncommitted = committed_end(h, s);

	*w = (struct heap_entry){ .region = k };
	if (p < top)
		return tag_readable(s, p) && block_entry(h, p, w) ? 1 : -1;
	if (p == top && uncommitted > top)
		w->kind = HEAP_ENTRY_FREE, w->size = uncommitted - top;
	else if (p == uncommitted && p < s->end)
		w->kind = HEAP_ENTRY_UNCOMMITTED, w->size = s->end - p;
	else
		return 0;
	w->data = p;
	return 1;
}

/* Big block i's entry; 0 when there is none. Its reservation is a region of
 * its own, so its region index follows the segments'. */
static int big_entry(struct heap *h, uint32_t i, struct heap_entry *w)
{
	struct block b;

	if (i >= h->big.count)
		return 0;
	big_find(h, ((const struct big_block *)pool_at(&h->big, i))->base, &b);
	*w = (struct heap_entry){ .kind = HEAP_ENTRY_BUSY, .big = true, .region = h->nsegs + i,
				  .data = b.addr + HEAP_TAG, .size = b.request,
				  .overhead = (uint32_t)(b.size - b.request) };
	return 1;
}

/* Where the walk goes on after region, free or uncommitted entry w in its
 * segment; 0 when w is no such entry of h. */
static uintptr_t after(struct heap *h, const struct heap_entry *w)
{
	struct segment *s = &h->seg[w->region];
	struct heap_entry here;

	if (w->kind == HEAP_ENTRY_REGION)
		return w->data == s->base ? s->base : 0;
	if (w->data < s->base || w->data >= s->end ||
	    entry_at(h, w->region, w->data, &here) != 1 || here.kind != w->kind ||
	    here.size != w->size)
		return 0;
	return w->data + w->size;
}

/* The entry after w into *e: 1, 0 at the end, -1 when w is no entry. */
static int step(struct heap *h, const struct heap_entry *w, struct heap_entry *e)
{
	uint32_t k = w->region;
	uintptr_t next;
	struct block b;
	int r;

	if (!w->data) {
		if (!h->nsegs)
			return big_entry(h, 0, e);
		region_entry(h, 0, e);
		return 1;
	}
	if (w->kind == HEAP_ENTRY_BUSY) {       /* found by its address alone */
		if (!block_find(h, (void *)w->data, &b))
			return -1;
		if (!b.seg)
			return big_entry(h, b.big + 1, e);
		k = (uint32_t)(b.seg - h->seg);
		next = b.addr + b.size;
	} else if (k >= h->nsegs || !(next = after(h, w))) {
		return -1;
	}
	if ((r = entry_at(h, k, next, e)) != 0)
		return r;
	if (k + 1 < h->nsegs) {
		region_entry(h, k + 1, e);
		return 1;
	}
	return big_entry(h, 0, e);
}

int heap_walk(struct heap *h, struct heap_entry *w)
{
	struct heap_entry e;
	int r = step(h, w, &e);

	if (r == 1)
		*w = e;
	return r;
}
