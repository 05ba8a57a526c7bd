/* Handle-table bookkeeping; see kernel/ob/table.h. */
#include "kernel/ob/table.h"
#include "kernel/rtl/string.h"
#include "mm/pool.h"

#define LEAF_BYTES (OB_LEAF_ENTRIES * sizeof(struct ob_handle_entry))

struct ob_handle_entry *ob_table_at(struct ob_handle_table *t, uint32_t index)
{
	return &t->leaves[index / OB_LEAF_ENTRIES][index % OB_LEAF_ENTRIES];
}

static void charge(struct ob_handle_table *t, int32_t bytes)
{
	t->bytes += bytes;
	if (t->bytes > t->peak_bytes)
		t->peak_bytes = t->bytes;
}

/* Makes room for one more leaf pointer in the directory, doubling it. */
static bool directory_grow(struct ob_handle_table *t)
{
	uint32_t room = t->leaf_room ? t->leaf_room * 2 : 4;
	struct ob_handle_entry **d;

	if (t->leaf_count < t->leaf_room)
		return true;
	if (!(d = kmalloc(room * sizeof(*d))))
		return false;
	if (t->leaf_count)
		memcpy(d, t->leaves, t->leaf_count * sizeof(*d));
	kfree(t->leaves);
	t->leaves = d;
	charge(t, (int32_t)((room - t->leaf_room) * sizeof(*d)));
	t->leaf_room = room;
	return true;
}

/* Adds one leaf of free entries (not yet on the free list). */
static bool leaf_add(struct ob_handle_table *t)
{
	struct ob_handle_entry *leaf;

	if ((t->leaf_count + 1) * OB_LEAF_ENTRIES > OB_HANDLE_MAX || !directory_grow(t))
		return false;
	if (!(leaf = kmalloc(LEAF_BYTES)))
		return false;
	memset(leaf, 0, LEAF_BYTES);
	t->leaves[t->leaf_count++] = leaf;
	charge(t, LEAF_BYTES);
	return true;
}

/* Puts the entry at index on the free list. */
static void push_free(struct ob_handle_table *t, uint32_t index)
{
	struct ob_handle_entry *e = ob_table_at(t, index);

	e->word = 0;
	e->access = t->free_head;
	t->free_head = index + 1;
}

bool ob_table_alloc(struct ob_handle_table *t, uint32_t *index)
{
	struct ob_handle_entry *e;

	if (!t->free_head) {
		uint32_t first = t->leaf_count * OB_LEAF_ENTRIES;
		if (!leaf_add(t))
			return false;
		/* Lowest first: a new table hands out 4, 8, 12... */
		for (uint32_t i = OB_LEAF_ENTRIES; i-- > 0;)
			push_free(t, first + i);
	}
	*index = t->free_head - 1;
	e = ob_table_at(t, *index);
	t->free_head = e->access;
	e->access = 0;
	t->count++;
	return true;
}

void ob_table_release(struct ob_handle_table *t, uint32_t index)
{
	push_free(t, index);
	t->count--;
}

struct ob_handle_entry *ob_table_lookup(struct ob_handle_table *t, uint32_t handle)
{
	uint32_t index = (handle >> 2) - 1;
	struct ob_handle_entry *e;

	if (handle < 4 || index >= t->leaf_count * OB_LEAF_ENTRIES)
		return NULL;
	e = ob_table_at(t, index);
	return e->word ? e : NULL;
}

bool ob_table_take(struct ob_handle_table *t, uint32_t index)
{
	while (index >= t->leaf_count * OB_LEAF_ENTRIES)
		if (!leaf_add(t))
			return false;
	t->count++;
	return true;
}

void ob_table_relink(struct ob_handle_table *t)
{
	t->free_head = 0;
	for (uint32_t i = t->leaf_count * OB_LEAF_ENTRIES; i-- > 0;)
		if (!ob_table_at(t, i)->word)
			push_free(t, i);
}

void ob_table_free(struct ob_handle_table *t)
{
	for (uint32_t i = 0; i < t->leaf_count; i++)
		kfree(t->leaves[i]);
	kfree(t->leaves);
	*t = (struct ob_handle_table){ .peak_bytes = t->peak_bytes };
}
