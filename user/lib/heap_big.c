/* Big blocks: requests of HEAP_BIG_REQUEST bytes and more in a growable heap
 * get a reservation of their own (64 KB granules), committed to the page
 * they need and released on free. Their records live in a side table; the
 * block's tag names its record. */
#include <string.h>
#include "user/lib/heap_internal.h"

static struct big_block *big_at(struct heap *h, uint32_t i)
{
	return (struct big_block *)pool_at(&h->big, i);
}

/* The pool moved record i: its block's tag names the new index. */
void big_moved(void *ctx, uint32_t i)
{
	struct heap *h = ctx;

	tag_put(h, big_at(h, i)->base, TAG_BIG | i);
}

void *big_alloc(struct heap *h, size_t n)
{
	size_t commit, reserve;
	uint8_t *base;
	uint32_t i;

	if (n > HEAP_MAX_REQUEST || !pool_spare(&h->big))
		return NULL;
	commit = heap_page_up(n + HEAP_TAG);
	reserve = heap_step_up(commit);
	base = heap_os_reserve(reserve);
	if (!base)
		return NULL;
	if (!heap_os_commit(base, commit, h->executable)) {
		heap_os_release(base);
		return NULL;
	}
	i = pool_add(&h->big);
	*big_at(h, i) = (struct big_block){ (uintptr_t)base, reserve, commit, n };
	tag_put(h, (uintptr_t)base, TAG_BIG | i);
	return base + HEAP_TAG;
}

void big_free(struct heap *h, uint32_t i)
{
	uintptr_t base = big_at(h, i)->base;

	pool_remove(&h->big, i);
	heap_os_release((void *)base);
}

/* Resizes in place within the reservation: commits or decommits the pages at
 * the end. NULL when it does not fit, or (unless in_place_only) when n is no
 * longer big, so the block moves into a segment. */
void *big_resize(struct heap *h, const struct block *b, size_t n, bool zero,
		 bool in_place_only)
{
	struct big_block *r = big_at(h, b->big);
	uintptr_t data = r->base + HEAP_TAG, old_end = r->base + r->committed;
	size_t commit;

	if ((!in_place_only && !big_request(h, n)) || n > r->reserved - HEAP_TAG)
		return NULL;
	commit = heap_page_up(n + HEAP_TAG);
	if (commit > r->committed &&
	    !heap_os_commit((void *)old_end, commit - r->committed, h->executable))
		return NULL;
	if (zero && n > r->request) {
		uintptr_t to = data + n < old_end ? data + n : old_end;
		memset((void *)(data + r->request), 0, to - (data + r->request));
	}
	if (commit < r->committed)
		heap_os_decommit((void *)(r->base + commit), r->committed - commit);
	r->committed = commit;
	r->request = n;
	return (void *)data;
}

/* Whether a (a block's tag) is a live big block of h; fills b if so. */
bool big_find(struct heap *h, uintptr_t a, struct block *b)
{
	uint32_t info, i;
	struct big_block *r;

	if ((a & (HEAP_PAGE - 1)) || !heap_os_readable((const void *)a, HEAP_TAG) ||
	    !tag_get(h, a, &info) || (info & TAG_TYPE) != TAG_BIG)
		return false;
	i = info & TAG_INDEX;
	if (i >= h->big.count || big_at(h, i)->base != a)
		return false;
	r = big_at(h, i);
	*b = (struct block){ .addr = a, .size = r->committed, .request = r->request,
			     .info = info, .seg = NULL, .big = i };
	return true;
}

/* Every record: its block is readable, tagged with its index, sizes agree. */
bool big_check(struct heap *h)
{
	for (uint32_t i = 0; i < h->big.count; i++) {
		struct big_block *r = big_at(h, i);
		uint32_t info;
		if (!heap_os_readable((const void *)r->base, HEAP_TAG) ||
		    !tag_get(h, r->base, &info) || info != (TAG_BIG | i) ||
		    r->request + HEAP_TAG > r->committed || r->committed > r->reserved)
			return false;
	}
	return true;
}

void big_release_all(struct heap *h)
{
	for (uint32_t i = 0; i < h->big.count; i++)
		heap_os_release((void *)big_at(h, i)->base);
	pool_release(&h->big);
}
