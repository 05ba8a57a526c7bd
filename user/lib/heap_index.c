/* The free-block index: TLSF classes over side-table nodes (see heap_index.h). */
#include <string.h>
#include "user/lib/heap_index.h"

#define HX_ALIGN_LOG2 3
#define HX_SMALL      (1u << (HX_SL_LOG2 + HX_ALIGN_LOG2))     /* 128 */

static uint32_t fls32(uint32_t v)
{
	return 31 - (uint32_t)__builtin_clz(v);
}

/* The class of a block of size bytes (size > 0). */
static void class_of(uint32_t size, uint32_t *fl, uint32_t *sl)
{
	uint32_t f;

	if (size < HX_SMALL) {
		*fl = 0;
		*sl = size >> HX_ALIGN_LOG2;
		return;
	}
	f = fls32(size);
	*sl = (size >> (f - HX_SL_LOG2)) ^ HX_SL;
	*fl = f - (HX_SL_LOG2 + HX_ALIGN_LOG2) + 1;
}

/* The first class whose every block holds size bytes (fl may be HX_FL: none). */
static void class_above(uint32_t size, uint32_t *fl, uint32_t *sl)
{
	if (size >= HX_SMALL) {
		uint32_t round = (1u << (fls32(size) - HX_SL_LOG2)) - 1;
		if (size > UINT32_MAX - round) {
			*fl = HX_FL;
			*sl = 0;
			return;
		}
		size += round;
	}
	class_of(size, fl, sl);
}

/* The pool moved the last node into slot i: its neighbours and class head
 * now point at i. */
static void node_moved(void *ctx, uint32_t i)
{
	struct heap_index *x = ctx;
	struct hx_node *n = hx_node(x, i);
	uint32_t fl, sl;

	class_of(n->size, &fl, &sl);
	if (n->prev != HX_NONE)
		hx_node(x, n->prev)->next = i;
	else
		x->head[fl][sl] = i;
	if (n->next != HX_NONE)
		hx_node(x, n->next)->prev = i;
	x->moved(x->ctx, i);
}

void hx_init(struct heap_index *x, void (*moved)(void *, uint32_t), void *ctx)
{
	memset(x, 0, sizeof(*x));
	memset(x->head, 0xff, sizeof(x->head));
	pool_init(&x->nodes, sizeof(struct hx_node), node_moved, x);
	x->moved = moved;
	x->ctx = ctx;
}

static void class_push(struct heap_index *x, uint32_t i)
{
	struct hx_node *n = hx_node(x, i);
	uint32_t fl, sl;

	class_of(n->size, &fl, &sl);
	n->prev = HX_NONE;
	n->next = x->head[fl][sl];
	if (n->next != HX_NONE)
		hx_node(x, n->next)->prev = i;
	x->head[fl][sl] = i;
	x->sl_map[fl] |= 1u << sl;
	x->fl_map |= 1u << fl;
}

static void class_pull(struct heap_index *x, uint32_t i)
{
	struct hx_node *n = hx_node(x, i);
	uint32_t fl, sl;

	class_of(n->size, &fl, &sl);
	if (n->next != HX_NONE)
		hx_node(x, n->next)->prev = n->prev;
	if (n->prev != HX_NONE) {
		hx_node(x, n->prev)->next = n->next;
		return;
	}
	x->head[fl][sl] = n->next;
	if (n->next != HX_NONE)
		return;
	x->sl_map[fl] &= ~(1u << sl);
	if (!x->sl_map[fl])
		x->fl_map &= ~(1u << fl);
}

/* Indexes a free range; HX_NONE when the side table cannot grow. */
uint32_t hx_add(struct heap_index *x, uintptr_t start, uint32_t size)
{
	uint32_t i = pool_add(&x->nodes);
	struct hx_node *n;

	if (i == HX_NONE)
		return HX_NONE;
	n = hx_node(x, i);
	n->start = start;
	n->size = size;
	class_push(x, i);
	return i;
}

/* Node i now describes [start, start + size). */
void hx_set(struct heap_index *x, uint32_t i, uintptr_t start, uint32_t size)
{
	struct hx_node *n = hx_node(x, i);

	class_pull(x, i);
	n->start = start;
	n->size = size;
	class_push(x, i);
}

/* Forgets node i; another node may move into slot i (x->moved is told). */
void hx_delete(struct heap_index *x, uint32_t i)
{
	class_pull(x, i);
	pool_remove(&x->nodes, i);
}

/* A node of at least size bytes, or HX_NONE: O(1), good fit. */
uint32_t hx_find(const struct heap_index *x, uint32_t size)
{
	uint32_t fl, sl, map;

	class_above(size, &fl, &sl);
	if (fl >= HX_FL)
		return HX_NONE;
	map = x->sl_map[fl] & (~0u << sl);
	if (!map) {
		uint32_t fmap = fl + 1 < HX_FL ? x->fl_map & (~0u << (fl + 1)) : 0;
		if (!fmap)
			return HX_NONE;
		fl = (uint32_t)__builtin_ctz(fmap);
		map = x->sl_map[fl];
	}
	return x->head[fl][__builtin_ctz(map)];
}

/* One class list: every node is in range, of this class, linked both ways. */
static bool class_ok(const struct heap_index *x, uint32_t fl, uint32_t sl, uint32_t *seen)
{
	uint32_t prev = HX_NONE, f, s;

	for (uint32_t i = x->head[fl][sl]; i != HX_NONE; prev = i, i = hx_node(x, i)->next) {
		const struct hx_node *n;
		if (i >= hx_count(x) || ++*seen > hx_count(x))
			return false;
		n = hx_node(x, i);
		class_of(n->size, &f, &s);
		if (!n->size || (n->size & 7) || n->prev != prev || f != fl || s != sl)
			return false;
	}
	return (x->head[fl][sl] != HX_NONE) == !!(x->sl_map[fl] & (1u << sl));
}

/* The whole index: classes, bitmaps, and every node in exactly one list. */
bool hx_check(const struct heap_index *x)
{
	uint32_t seen = 0;

	for (uint32_t fl = 0; fl < HX_FL; fl++) {
		for (uint32_t sl = 0; sl < HX_SL; sl++)
			if (!class_ok(x, fl, sl, &seen))
				return false;
		if (!!x->sl_map[fl] != !!(x->fl_map & (1u << fl)) || (x->sl_map[fl] >> HX_SL))
			return false;
	}
	return seen == hx_count(x);
}
