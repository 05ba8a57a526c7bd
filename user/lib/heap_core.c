/* The heap engine: heaps, and blocks carved from segments and given back with
 * their free neighbours merged (see heap_core.h and heap_internal.h). */
#include <string.h>
#include "user/lib/heap_internal.h"

static struct heap *heaps;      /* every live heap, newest first */

static uint32_t busy_info(size_t size, size_t slack, bool prev_free)
{
	return TAG_BUSY | (uint32_t)(size / 8) | (uint32_t)slack << TAG_SLACK_SHIFT |
	       (prev_free ? TAG_PREV_FREE : 0);
}

/* The block that holds n bytes in h; 0 when h cannot hold it in a segment. */
static size_t block_need(const struct heap *h, size_t n)
{
	if (n >= (h->maximum ? HEAP_FIXED_LIMIT : HEAP_BIG_REQUEST))
		return 0;
	if (n + HEAP_TAG <= HEAP_MIN_BLOCK)
		return HEAP_MIN_BLOCK;
	return (n + HEAP_TAG + 7) & ~(size_t)7;
}

static uintptr_t node_end(const struct heap *h, uint32_t i)
{
	const struct hx_node *n = hx_node(&h->free, i);

	return n->start + n->size;
}

/* Writes free node i's FREE and FOOTER tags. */
static void free_tags_put(struct heap *h, uint32_t i)
{
	tag_put(h, hx_node(&h->free, i)->start, TAG_FREE | i);
	tag_put(h, node_end(h, i) - HEAP_TAG, TAG_FOOTER | i);
}

/* The index moved node i: its tags, or its segment's top, follow. */
static void free_node_moved(void *ctx, uint32_t i)
{
	struct heap *h = ctx;
	struct segment *s = seg_find(h, hx_node(&h->free, i)->start);

	if (node_end(h, i) == s->end)
		s->top = i;
	else
		free_tags_put(h, i);
}

/* The free block starting at a (its node), or HX_NONE when a busy block
 * starts there; anything else is corruption. */
static uint32_t free_at(struct heap *h, uintptr_t a)
{
	uint32_t info, i;

	if (!tag_get(h, a, &info))
		heap_os_corrupt(h, (void *)(a + HEAP_TAG));
	if ((info & TAG_TYPE) == TAG_BUSY)
		return HX_NONE;
	i = info & TAG_INDEX;
	if ((info & TAG_TYPE) != TAG_FREE || i >= hx_count(&h->free) ||
	    hx_node(&h->free, i)->start != a)
		heap_os_corrupt(h, (void *)(a + HEAP_TAG));
	return i;
}

/* The free block that ends at a, found by its footer. */
static uint32_t free_before(struct heap *h, uintptr_t a)
{
	uint32_t info, i;

	if (!tag_get(h, a - HEAP_TAG, &info) || (info & TAG_TYPE) != TAG_FOOTER ||
	    (i = info & TAG_INDEX) >= hx_count(&h->free) || node_end(h, i) != a)
		heap_os_corrupt(h, (void *)(a + HEAP_TAG));
	return i;
}

/* Sets or clears PREV_FREE in the busy block at a. */
static void prev_free_mark(struct heap *h, uintptr_t a, bool prev_free)
{
	uint32_t info;

	if (!tag_get(h, a, &info) || (info & TAG_TYPE) != TAG_BUSY)
		heap_os_corrupt(h, (void *)(a + HEAP_TAG));
	tag_put(h, a, prev_free ? info | TAG_PREV_FREE : info & ~TAG_PREV_FREE);
}

bool block_find(struct heap *h, const void *p, struct block *b)
{
	uintptr_t a = (uintptr_t)p - HEAP_TAG;

	if (!p || ((uintptr_t)p & 7))
		return false;
	b->seg = seg_find(h, a);
	if (!b->seg)
		return big_find(h, a, b);
	if (a >= seg_top_start(h, b->seg) || !tag_readable(b->seg, a) ||
	    !tag_get(h, a, &b->info) || (b->info & (TAG_TYPE | TAG_LOST)) != TAG_BUSY)
		return false;
	b->addr = a;
	b->size = busy_size(b->info);
	b->request = b->size - HEAP_TAG - busy_slack(b->info);
	return b->size >= HEAP_MIN_BLOCK && a + b->size <= seg_top_start(h, b->seg);
}

/* need bytes from the front of segment s's top, committing what they cover. */
static bool carve_top(struct heap *h, struct segment *s, size_t need, struct span *out)
{
	uint32_t top = s->top;
	uintptr_t start = hx_node(&h->free, top)->start;
	uint32_t rest = hx_node(&h->free, top)->size - (uint32_t)need;

	if (!seg_commit_to(h, s, start + need) || !seg_fill_holes(h, s, start, start + need))
		return false;
	*out = (struct span){ s, start, need };
	if (rest) {
		hx_set(&h->free, top, start + need, rest);
		return true;
	}
	s->top = HX_NONE;
	hx_delete(&h->free, top);
	return true;
}

/* need bytes from the front of free block i; a rest too small to be a block
 * goes with them. False (nothing changed) when holes cannot be committed. */
static bool carve_free(struct heap *h, struct segment *s, uint32_t i, size_t need,
		       struct span *out)
{
	uintptr_t start = hx_node(&h->free, i)->start, end = node_end(h, i);
	bool split = end - start - need >= HEAP_MIN_BLOCK;

	if (!seg_fill_holes(h, s, start, split ? start + need + HEAP_TAG : end))
		return false;
	if (split) {
		hx_set(&h->free, i, start + need, (uint32_t)(end - start - need));
		free_tags_put(h, i);
		*out = (struct span){ s, start, need };
		return true;
	}
	prev_free_mark(h, end, false);
	hx_delete(&h->free, i);
	*out = (struct span){ s, start, end - start };
	return true;
}

static bool carve(struct heap *h, uint32_t i, size_t need, struct span *out)
{
	struct segment *s = seg_find(h, hx_node(&h->free, i)->start);

	if (s->top == i)
		return carve_top(h, s, need, out);
	return carve_free(h, s, i, need, out);
}

/* A top the good-fit search passed over (it rounds requests up a class). */
static uint32_t top_fit(struct heap *h, size_t need)
{
	for (uint32_t k = 0; k < h->nsegs; k++) {
		uint32_t top = h->seg[k].top;
		if (top != HX_NONE && hx_node(&h->free, top)->size >= need)
			return top;
	}
	return HX_NONE;
}

/* Finds room for a block of need bytes (a new segment if the heap may grow)
 * and carves it. False when there is none; the heap is unchanged. */
static bool take(struct heap *h, size_t need, struct span *out)
{
	uint32_t i = hx_find(&h->free, (uint32_t)need);

	if (i == HX_NONE)
		i = top_fit(h, need);
	if (i == HX_NONE && !h->maximum)
		i = seg_grow(h);
	return i != HX_NONE && carve(h, i, need, out);
}

/* Tags a carved span as a busy block of n bytes, zeroing bytes zero_from to n
 * (none when zero_from >= n). */
static void *hand_out(struct heap *h, const struct span *sp, size_t n, bool prev_free,
		      size_t zero_from)
{
	uintptr_t data = sp->addr + HEAP_TAG;

	tag_put(h, sp->addr, busy_info(sp->size, sp->size - HEAP_TAG - n, prev_free));
	if (zero_from < n)
		seg_zero(sp->seg, data + zero_from, data + n);
	seg_used(sp->seg, sp->addr + sp->size);
	return (void *)data;
}

void *heap_alloc(struct heap *h, size_t n, bool zero)
{
	size_t need = block_need(h, n);
	struct span sp;

	if (big_request(h, n))
		return big_alloc(h, n);
	if (!need || !pool_spare(&h->free.nodes) || !take(h, need, &sp))
		return NULL;
	return hand_out(h, &sp, n, false, zero ? 0 : n);
}

/* The block at b could not be recorded as free (no node to be had): it stays
 * busy, marked so that freeing it again is still seen. */
static void lose(struct heap *h, uintptr_t b)
{
	uint32_t info;

	tag_get(h, b, &info);
	tag_put(h, b, info | TAG_LOST);
}

/* Frees [b, b + size), a busy block in s whose tag is at b, merged with the
 * free block before it (prev_free) and the free block or top after it. */
static void release_range(struct heap *h, struct segment *s, uintptr_t b, size_t size,
			  bool prev_free)
{
	uintptr_t start = b, end = b + size;
	bool at_top = end == seg_top_start(h, s);
	uint32_t next = at_top ? s->top : free_at(h, end);
	uint32_t prev = prev_free ? free_before(h, b) : HX_NONE;
	uint32_t keep = at_top && next != HX_NONE ? next : prev != HX_NONE ? prev : next;
	uint32_t drop = keep == prev ? next : prev;

	if (prev != HX_NONE)
		start = hx_node(&h->free, prev)->start;
	if (next != HX_NONE)
		end = node_end(h, next);
	if (keep != HX_NONE)
		hx_set(&h->free, keep, start, (uint32_t)(end - start));
	else if ((keep = hx_add(&h->free, start, (uint32_t)(end - start))) == HX_NONE) {
		lose(h, b);
		return;
	}
	tag_put(h, b, TAG_FREE);        /* stale if merged: freeing b again is seen */
	if (at_top)
		s->top = keep;
	else
		free_tags_put(h, keep);
	if (!at_top && next == HX_NONE)
		prev_free_mark(h, end, true);
	if (drop != HX_NONE)
		hx_delete(&h->free, drop);
	if (at_top)
		seg_trim(h, s);
}

void heap_free(struct heap *h, void *p)
{
	struct block b;

	if (!block_find(h, p, &b))
		heap_os_corrupt(h, p);
	if (!b.seg)
		big_free(h, b.big);
	else
		release_range(h, b.seg, b.addr, b.size, b.info & TAG_PREV_FREE);
}

/* Gives back the end of block b past need bytes, if it can be a block. */
static void shrink(struct heap *h, struct block *b, size_t need)
{
	size_t rest = b->size - need;

	if (rest < HEAP_MIN_BLOCK)
		return;
	tag_put(h, b->addr + need, busy_info(rest, 0, false));
	b->size = need;
	release_range(h, b->seg, b->addr + need, rest, false);
}

/* Grows block b to need bytes into the free block or top after it. */
static bool grow(struct heap *h, struct block *b, size_t need)
{
	uintptr_t end = b->addr + b->size;
	struct segment *s = b->seg;
	size_t more = need - b->size;
	struct span sp;
	uint32_t i;

	if (end == seg_top_start(h, s)) {
		if (s->top == HX_NONE || hx_node(&h->free, s->top)->size < more ||
		    !carve_top(h, s, more, &sp))
			return false;
	} else {
		i = free_at(h, end);
		if (i == HX_NONE || hx_node(&h->free, i)->size < more ||
		    !carve_free(h, s, i, more, &sp))
			return false;
	}
	b->size += sp.size;
	return true;
}

/* Resizes segment block b to n bytes where it stands; NULL if it cannot. */
static void *resize(struct heap *h, struct block *b, size_t n, bool zero)
{
	size_t need = block_need(h, n), old = b->request;
	struct span sp;

	if (!need || big_request(h, n) || !pool_spare(&h->free.nodes))
		return NULL;
	if (need <= b->size)
		shrink(h, b, need);
	else if (!grow(h, b, need))
		return NULL;
	sp = (struct span){ b->seg, b->addr, b->size };
	return hand_out(h, &sp, n, b->info & TAG_PREV_FREE, zero ? old : n);
}

void *heap_realloc(struct heap *h, void *p, size_t n, bool zero, bool in_place_only)
{
	struct block b;
	void *q;

	if (!block_find(h, p, &b))
		heap_os_corrupt(h, p);
	q = b.seg ? resize(h, &b, n, zero) : big_resize(h, &b, n, zero, in_place_only);
	if (q || in_place_only)
		return q;
	q = heap_alloc(h, n, zero);
	if (!q)
		return NULL;
	memcpy(q, p, b.request < n ? b.request : n);
	heap_free(h, p);
	return q;
}

size_t heap_size(struct heap *h, const void *p)
{
	struct block b;

	if (!block_find(h, p, &b))
		heap_os_corrupt(h, p);
	return b.request;
}

struct heap *heap_create(size_t initial, size_t maximum, bool executable, unsigned options)
{
	size_t first = maximum ? heap_step_up(maximum) : heap_step_up(initial);
	size_t commit = initial ? heap_page_up(initial) : HEAP_PAGE;
	struct heap *h;

	if (initial > HEAP_MAX_REQUEST || maximum > HEAP_MAX_REQUEST)
		return NULL;
	if (first < HEAP_SEG_RESERVE && !maximum)
		first = HEAP_SEG_RESERVE;
	h = heap_os_reserve(heap_page_up(sizeof(*h)));
	if (!h)
		return NULL;
	if (!heap_os_commit(h, heap_page_up(sizeof(*h)), false)) {
		heap_os_release(h);
		return NULL;
	}
	memset(h, 0, sizeof(*h));
	h->cookie = tag_mix(heap_os_entropy() ^ (uint32_t)(uintptr_t)h);
	h->executable = executable;
	h->options = options;
	h->maximum = maximum;
	hx_init(&h->free, free_node_moved, h);
	pool_init(&h->big, sizeof(struct big_block), big_moved, h);
	if (seg_add(h, first, commit < first ? commit : first, true) == HX_NONE) {
		pool_release(&h->free.nodes);
		heap_os_release(h);
		return NULL;
	}
	h->next = heaps;
	heaps = h;
	return h;
}

void heap_destroy(struct heap *h)
{
	struct heap **link = &heaps;

	while (*link != h)
		link = &(*link)->next;
	*link = h->next;
	seg_release_all(h);
	big_release_all(h);
	pool_release(&h->free.nodes);
	heap_os_release(h);
}

size_t heap_list(struct heap **out, size_t max)
{
	size_t n = 0;

	for (struct heap *k = heaps; k; k = k->next, n++)
		if (n < max)
			out[n] = k;
	return n;
}

bool heap_is_heap(const struct heap *h)
{
	for (const struct heap *k = heaps; k; k = k->next)
		if (k == h)
			return true;
	return false;
}

void *heap_lock_room(struct heap *h)
{
	return h->lock_room;
}

unsigned heap_options(const struct heap *h)
{
	return h->options;
}

void heap_add_options(struct heap *h, unsigned more)
{
	h->options |= more;
}
