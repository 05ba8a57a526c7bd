/* A heap's side tables: dense arrays of fixed-size records kept on pages of
 * their own, apart from the heap's blocks. Records are named by index; the
 * array is reserved, committed a page at a time as it fills and decommitted
 * as it empties, and moved to a reservation twice as large when full (indices
 * stay valid, pointers do not). Removing a record moves the last one into its
 * slot, so the array stays dense; the owner hears of every move. Pure logic
 * over the heap_os_* page calls (heap_core.h). */
#ifndef USER_LIB_HEAP_POOL_H
#define USER_LIB_HEAP_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POOL_NONE 0xFFFFFFFFu

struct heap_pool {
	uint8_t *base;          /* the reservation, NULL until the first record */
	size_t reserved;        /* bytes reserved */
	size_t committed;       /* bytes committed, from base */
	uint32_t record;        /* bytes per record */
	uint32_t count;         /* records in use: [0, count) */
	/* Called after the last record moved into slot index (by pool_remove). */
	void (*moved)(void *ctx, uint32_t index);
	void *ctx;
};

void pool_init(struct heap_pool *p, uint32_t record, void (*moved)(void *, uint32_t),
	       void *ctx);
bool pool_spare(struct heap_pool *p);
uint32_t pool_add(struct heap_pool *p);
void pool_remove(struct heap_pool *p, uint32_t i);
void pool_release(struct heap_pool *p);

/* Record i (i < count); the pointer is good until the next pool_spare/add. */
static inline void *pool_at(const struct heap_pool *p, uint32_t i)
{
	return p->base + (size_t)i * p->record;
}

#endif
