/* A heap's segments: reservations whose top (free tail) is committed in 64 KB
 * steps as it is carved and decommitted once 128 KB of it is free; an empty
 * segment other than the first is released. After heap_compact a segment may
 * have holes: decommitted pages inside free blocks (and the top), committed
 * again before they are handed out. */
#include <string.h>
#include "user/lib/heap_internal.h"

/* The segment holding address a, or NULL (binary search: few segments). */
struct segment *seg_find(struct heap *h, uintptr_t a)
{
	uint32_t lo = 0, hi = h->nsegs;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		struct segment *s = &h->seg[mid];
		if (a < s->base)
			hi = mid;
		else if (a >= s->end)
			lo = mid + 1;
		else
			return s;
	}
	return NULL;
}

/* Where the top begins: the end of the last block (the end when full). */
uintptr_t seg_top_start(const struct heap *h, const struct segment *s)
{
	return s->top == HX_NONE ? s->end : hx_node(&h->free, s->top)->start;
}

/* Puts a new segment into the sorted table. */
static void seg_insert(struct heap *h, const struct segment *s)
{
	uint32_t pos = 0;

	while (pos < h->nsegs && h->seg[pos].base < s->base)
		pos++;
	memmove(&h->seg[pos + 1], &h->seg[pos], (h->nsegs - pos) * sizeof(*s));
	h->seg[pos] = *s;
	h->nsegs++;
}

/* Reserves reserve bytes, commits the first commit bytes, and makes all of it
 * the top. Returns the top's node, HX_NONE (nothing changed) on failure. */
uint32_t seg_add(struct heap *h, size_t reserve, size_t commit, bool primary)
{
	struct segment s = { .top = HX_NONE, .primary = primary };
	uint8_t *base;

	if (h->nsegs == HEAP_MAX_SEGMENTS || reserve > HEAP_MAX_REQUEST)
		return HX_NONE;
	base = heap_os_reserve(reserve);
	if (!base)
		return HX_NONE;
	if (commit && !heap_os_commit(base, commit, h->executable)) {
		heap_os_release(base);
		return HX_NONE;
	}
	s.top = hx_add(&h->free, (uintptr_t)base, (uint32_t)reserve);
	if (s.top == HX_NONE) {
		heap_os_release(base);
		return HX_NONE;
	}
	s.base = s.clean = (uintptr_t)base;
	s.end = s.base + reserve;
	s.commit_end = s.base + commit;
	s.floor = primary ? s.commit_end : s.base;
	seg_insert(h, &s);
	return s.top;
}

/* A growable heap's next segment: 4 MB, doubling every 16 segments (4, 8,
 * 16, 32 MB: 960 MB in 64 segments); 4 MB when the larger does not fit. */
uint32_t seg_grow(struct heap *h)
{
	uint32_t shift = h->nsegs / 16;
	uint32_t top = seg_add(h, (size_t)HEAP_SEG_RESERVE << shift, 0, false);

	if (top == HX_NONE && shift)
		top = seg_add(h, HEAP_SEG_RESERVE, 0, false);
	return top;
}

/* Commits up to a, in 64 KB steps from the base. False when refused. */
bool seg_commit_to(struct heap *h, struct segment *s, uintptr_t a)
{
	uintptr_t to;

	if (a <= s->commit_end)
		return true;
	to = s->base + heap_step_up(a - s->base);
	if (to > s->end)
		to = s->end;
	if (!heap_os_commit((void *)s->commit_end, to - s->commit_end, h->executable))
		return false;
	s->commit_end = to;
	return true;
}

/* Zeroes what of [from, to) may have been written: memory above clean is
 * still as the commit left it, so it is not touched. */
void seg_zero(const struct segment *s, uintptr_t from, uintptr_t to)
{
	if (to > s->clean)
		to = s->clean;
	if (from < to)
		memset((void *)from, 0, to - from);
}

/* Memory below to has been handed out. */
void seg_used(struct segment *s, uintptr_t to)
{
	if (s->clean < to)
		s->clean = to;
}

static void seg_release(struct heap *h, struct segment *s)
{
	uint32_t top = s->top;
	uintptr_t base = s->base;

	s->top = HX_NONE;
	hx_delete(&h->free, top);
	heap_os_release((void *)base);
	memmove(s, s + 1, (size_t)(&h->seg[h->nsegs] - (s + 1)) * sizeof(*s));
	h->nsegs--;
}

/* After the top grew: an empty secondary segment goes; otherwise once 128 KB
 * of the top is committed, the commit is cut back to the 64 KB step past the
 * next one, leaving 64 to 128 KB (never below the floor). */
void seg_trim(struct heap *h, struct segment *s)
{
	uintptr_t top = seg_top_start(h, s), to;

	if (top == s->base && !s->primary) {
		seg_release(h, s);
		return;
	}
	to = s->base + heap_step_up(top - s->base) + HEAP_STEP;
	if (to < s->floor)
		to = s->floor;
	if (to >= s->commit_end)
		return;
	heap_os_decommit((void *)to, s->commit_end - to);
	s->commit_end = to;
	if (s->clean > to)
		s->clean = to;
}

void seg_release_all(struct heap *h)
{
	for (uint32_t k = 0; k < h->nsegs; k++)
		heap_os_release((void *)h->seg[k].base);
	h->nsegs = 0;
}

/* Commits the pages of [from, to) if s may have holes there and they are
 * not all committed; false when the commit is refused. */
bool seg_fill_holes(struct heap *h, const struct segment *s, uintptr_t from, uintptr_t to)
{
	uintptr_t first = from & ~(uintptr_t)(HEAP_PAGE - 1);
	size_t size = heap_page_up(to - first);

	if (!s->holes || from >= to || heap_os_readable((void *)first, size))
		return true;
	return heap_os_commit((void *)first, size, h->executable);
}
