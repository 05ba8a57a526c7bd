/* HeapCompact's engine: gives back every whole page inside a free block (its
 * first and last pages, which hold its tags, stay) and the committed part of
 * each top down to the page it starts in (never below the segment's floor),
 * as seed 004 says _heapmin does. The pages come back when a block is carved
 * there again (seg_fill_holes). */
#include "user/lib/heap_internal.h"

static uintptr_t page_down(uintptr_t a)
{
	return a & ~(uintptr_t)(HEAP_PAGE - 1);
}

/* Decommits the top of s down to its start's page; returns what stays
 * committed of the top. */
static size_t compact_top(struct segment *s, uintptr_t top)
{
	uintptr_t to = heap_page_up(top);

	if (to < s->floor)
		to = s->floor;
	if (to < s->commit_end) {
		heap_os_decommit((void *)to, s->commit_end - to);
		s->commit_end = to;
		if (s->clean > to)
			s->clean = to;
	}
	return s->commit_end > top ? s->commit_end - top : 0;
}

/* Decommits the inside of the free block [start, end); returns its size if
 * it stays whole (too small to give a page back), else 0. */
static size_t compact_free(struct segment *s, uintptr_t start, uintptr_t end)
{
	uintptr_t from = heap_page_up(start + HEAP_TAG), to = page_down(end - HEAP_TAG);

	if (from >= to)
		return end - start;
	heap_os_decommit((void *)from, to - from);
	s->holes = true;
	return 0;
}

size_t heap_compact(struct heap *h)
{
	size_t largest = 0;

	for (uint32_t i = 0; i < hx_count(&h->free); i++) {
		const struct hx_node *n = hx_node(&h->free, i);
		struct segment *s = seg_find(h, n->start);
		size_t kept = s->top == i ? compact_top(s, n->start)
					  : compact_free(s, n->start, n->start + n->size);

		if (kept > largest)
			largest = kept;
	}
	return largest;
}
