/* The moveable-memory handle table (see mtable.h). */
#include "user/lib/mtable.h"

#define PER_CHUNK ((MT_CHUNK_BYTES - 8) / sizeof(struct mt_entry))

struct mt_chunk {
	struct mt_chunk *next;
	uint32_t pad;                   /* i386: keeps the entries 8-aligned */
	struct mt_entry e[PER_CHUNK];
};

/* On i386 a handle, &e->block, is then 4 modulo 8. */
_Static_assert(sizeof(struct mt_entry) == 8 || sizeof(void *) != 4, "8-byte entries");
_Static_assert(sizeof(struct mt_chunk) <= MT_CHUNK_BYTES, "a chunk fits its bytes");

static void push_free(struct mtable *t, struct mt_entry *e)
{
	e->flags = 0;
	e->lock = 0;
	e->block = NULL;
	if (t->free_tail)
		t->free_tail->block = e;
	else
		t->free_head = e;
	t->free_tail = e;
}

/* Adds a chunk's entries to the free queue; false when there is no memory. */
static bool add_chunk(struct mtable *t)
{
	struct mt_chunk *c = mt_os_chunk(MT_CHUNK_BYTES);

	if (!c)
		return false;
	c->next = t->chunks;
	t->chunks = c;
	for (size_t i = 0; i < PER_CHUNK; i++)
		push_free(t, &c->e[i]);
	return true;
}

struct mt_entry *mt_alloc(struct mtable *t)
{
	struct mt_entry *e;

	if (!t->free_head && !add_chunk(t))
		return NULL;
	e = t->free_head;
	t->free_head = e->block;
	if (!t->free_head)
		t->free_tail = NULL;
	e->flags = MT_USED;
	e->block = NULL;
	return e;
}

void mt_free(struct mtable *t, struct mt_entry *e)
{
	push_free(t, e);
}

struct mt_entry *mt_lookup(const struct mtable *t, const void *h)
{
	uintptr_t a = (uintptr_t)h;

	for (struct mt_chunk *c = t->chunks; c; c = c->next) {
		uintptr_t first = (uintptr_t)&c->e[0].block;

		if (a < first || a > (uintptr_t)&c->e[PER_CHUNK - 1].block)
			continue;
		if ((a - first) % sizeof(struct mt_entry))
			return NULL;
		struct mt_entry *e = &c->e[(a - first) / sizeof(struct mt_entry)];
		return e->flags & MT_USED ? e : NULL;
	}
	return NULL;
}

struct mt_entry *mt_find_block(const struct mtable *t, const void *block)
{
	for (struct mt_chunk *c = t->chunks; c; c = c->next)
		for (size_t i = 0; i < PER_CHUNK; i++)
			if ((c->e[i].flags & MT_USED) && c->e[i].block == block && block)
				return &c->e[i];
	return NULL;
}
