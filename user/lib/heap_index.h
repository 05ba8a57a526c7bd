/* The free-block index: a two-level segregated fit (TLSF) table. Sizes map to
 * a first level (the power of two) and 16 second-level classes within it
 * (sizes below 128 bytes get one class per 8 bytes); each class is a doubly
 * linked list, and bitmaps of the non-empty ones give a fit in O(1): the
 * search rounds the request up to the next class boundary, so the head of any
 * class it finds fits. The nodes (start, size, links) are records in a
 * heap_pool, apart from the blocks they describe. */
#ifndef USER_LIB_HEAP_INDEX_H
#define USER_LIB_HEAP_INDEX_H

#include <stdbool.h>
#include <stdint.h>
#include "user/lib/heap_pool.h"

#define HX_NONE     POOL_NONE
#define HX_SL_LOG2  4
#define HX_SL       (1u << HX_SL_LOG2)
#define HX_FL       26                  /* sizes below 2^32 */

struct hx_node {
	uintptr_t start;
	uint32_t size;
	uint32_t next, prev;            /* in its class list */
};

struct heap_index {
	uint32_t fl_map;                /* bit f: some class of level f is non-empty */
	uint32_t sl_map[HX_FL];         /* bit s: class (f, s) is non-empty */
	uint32_t head[HX_FL][HX_SL];
	struct heap_pool nodes;
	/* Told after node index was moved (and relinked) by a deletion. */
	void (*moved)(void *ctx, uint32_t index);
	void *ctx;
};

void hx_init(struct heap_index *x, void (*moved)(void *, uint32_t), void *ctx);
uint32_t hx_add(struct heap_index *x, uintptr_t start, uint32_t size);
void hx_set(struct heap_index *x, uint32_t i, uintptr_t start, uint32_t size);
void hx_delete(struct heap_index *x, uint32_t i);
uint32_t hx_find(const struct heap_index *x, uint32_t size);
bool hx_check(const struct heap_index *x);

static inline struct hx_node *hx_node(const struct heap_index *x, uint32_t i)
{
	return (struct hx_node *)pool_at(&x->nodes, i);
}

static inline uint32_t hx_count(const struct heap_index *x)
{
	return x->nodes.count;
}

#endif
