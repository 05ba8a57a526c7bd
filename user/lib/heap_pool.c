/* A heap's side tables: dense record arrays on pages of their own (see
 * heap_pool.h). */
#include <string.h>
#include "user/lib/heap_core.h"
#include "user/lib/heap_pool.h"

#define POOL_FIRST_RESERVE 0x10000

void pool_init(struct heap_pool *p, uint32_t record, void (*moved)(void *, uint32_t),
	       void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->record = record;
	p->moved = moved;
	p->ctx = ctx;
}

/* Moves the records into a new reservation of size bytes, committing what
 * they and one more need; false (nothing changed) when that fails. */
static bool pool_move(struct heap_pool *p, size_t size)
{
	size_t used = (size_t)p->count * p->record;
	size_t commit = heap_page_up(used + p->record);
	uint8_t *base = heap_os_reserve(size);

	if (!base)
		return false;
	if (!heap_os_commit(base, commit, false)) {
		heap_os_release(base);
		return false;
	}
	if (p->base) {
		memcpy(base, p->base, used);
		heap_os_release(p->base);
	}
	p->base = base;
	p->reserved = size;
	p->committed = commit;
	return true;
}

/* Makes sure one more record fits in committed memory: commits a page, or
 * moves to a reservation twice as large. False when memory is short. */
bool pool_spare(struct heap_pool *p)
{
	size_t need = ((size_t)p->count + 1) * p->record;
	size_t more;

	if (need <= p->committed)
		return true;
	if (need > p->reserved)
		return pool_move(p, p->reserved ? 2 * p->reserved : POOL_FIRST_RESERVE);
	more = heap_page_up(need) - p->committed;
	if (!heap_os_commit(p->base + p->committed, more, false))
		return false;
	p->committed += more;
	return true;
}

/* A new record (its contents undefined), or POOL_NONE when memory is short. */
uint32_t pool_add(struct heap_pool *p)
{
	if (!pool_spare(p))
		return POOL_NONE;
	return p->count++;
}

/* Gives committed pages back once two whole pages past the records are
 * unused, keeping one, so a record added and removed at a page boundary does
 * not commit and decommit each time. */
static void pool_shrink(struct heap_pool *p)
{
	size_t keep = heap_page_up((size_t)p->count * p->record) + HEAP_PAGE;

	if (p->committed < keep + HEAP_PAGE)
		return;
	heap_os_decommit(p->base + keep, p->committed - keep);
	p->committed = keep;
}

/* Removes record i: the last record moves into its slot (the owner is told). */
void pool_remove(struct heap_pool *p, uint32_t i)
{
	uint32_t last = --p->count;

	if (i != last) {
		memcpy(pool_at(p, i), pool_at(p, last), p->record);
		p->moved(p->ctx, i);
	}
	pool_shrink(p);
}

void pool_release(struct heap_pool *p)
{
	if (p->base)
		heap_os_release(p->base);
	p->base = NULL;
	p->reserved = p->committed = 0;
	p->count = 0;
}
