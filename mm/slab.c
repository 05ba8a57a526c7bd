/* Size-class object allocator; see mm/slab.h. */
#include <stdbool.h>
#include "kernel/rtl/string.h"
#include "mm/slab.h"

#define SLAB_MAGIC     0x51ab0000u      /* XORed with the page's address */
#define SLAB_MAP_WORDS 8                /* 256 bits: class 16 has 252 objects */

/* The first SLAB_HEADER_SIZE bytes of every slab page. */
struct slab_page {
	uint32_t magic;                 /* slab_page_magic(this page) */
	uint8_t class_index;
	uint8_t reserved;
	uint16_t in_use;                /* live objects */
	const struct slab_heap *owner;
	struct slab_page *prev, *next;  /* the class's partial list */
	uint32_t free_map[SLAB_MAP_WORDS]; /* bit i set: object i is free */
};

_Static_assert(sizeof(struct slab_page) <= SLAB_HEADER_SIZE, "slab header too big");
_Static_assert((SLAB_PAGE_SIZE - SLAB_HEADER_SIZE) / SLAB_MIN_SIZE <= SLAB_MAP_WORDS * 32,
	       "slab bitmap too small");
_Static_assert(SLAB_MIN_SIZE << (SLAB_CLASSES - 1) == SLAB_MAX_SIZE, "slab classes");

/* The object size of class c. */
static uint32_t slab_class_size(unsigned c)
{
	return SLAB_MIN_SIZE << c;
}

/* How many objects of class c fit after the header of a page. */
static uint32_t slab_class_objects(unsigned c)
{
	return (SLAB_PAGE_SIZE - SLAB_HEADER_SIZE) / slab_class_size(c);
}

/* The smallest class holding size bytes; -1 if size is 0 or over SLAB_MAX_SIZE. */
static int slab_class_of(size_t size)
{
	if (size == 0)
		return -1;
	for (unsigned c = 0; c < SLAB_CLASSES; c++)
		if (size <= slab_class_size(c))
			return (int)c;
	return -1;
}

/* The magic a header at pg must hold: a header copied elsewhere does not match. */
static uint32_t slab_page_magic(const struct slab_page *pg)
{
	return SLAB_MAGIC ^ (uint32_t)(uintptr_t)pg;
}

/* Whether object i of pg is free. */
static bool slab_map_test(const struct slab_page *pg, uint32_t i)
{
	return pg->free_map[i / 32] >> (i % 32) & 1;
}

/* Marks object i of pg free. */
static void slab_map_set(struct slab_page *pg, uint32_t i)
{
	pg->free_map[i / 32] |= 1u << (i % 32);
}

/* Marks the lowest-numbered free object of pg used and returns its number;
 * pg must have a free object. */
static uint32_t slab_map_take(struct slab_page *pg)
{
	for (uint32_t w = 0;; w++) {
		if (pg->free_map[w]) {
			uint32_t bit = (uint32_t)__builtin_ctz(pg->free_map[w]);
			pg->free_map[w] &= pg->free_map[w] - 1;
			return w * 32 + bit;
		}
	}
}

/* Puts pg at the head of the list at *head. */
static void slab_list_push(struct slab_page **head, struct slab_page *pg)
{
	pg->prev = NULL;
	pg->next = *head;
	if (*head)
		(*head)->prev = pg;
	*head = pg;
}

/* Unlinks pg from the list at *head. */
static void slab_list_remove(struct slab_page **head, struct slab_page *pg)
{
	if (pg->prev)
		pg->prev->next = pg->next;
	else
		*head = pg->next;
	if (pg->next)
		pg->next->prev = pg->prev;
	pg->prev = pg->next = NULL;
}

/* A new page of class c from the provider, every object free and poisoned;
 * NULL if the provider has none (or breaks its contract with a misaligned one,
 * which goes straight back). */
static struct slab_page *slab_page_new(struct slab_heap *h, unsigned c)
{
	void *mem = h->pages.alloc_page(h->pages.ctx);
	struct slab_page *pg = mem;

	if (!mem)
		return NULL;
	if ((uintptr_t)mem & (SLAB_PAGE_SIZE - 1)) {
		h->pages.free_page(h->pages.ctx, mem);
		return NULL;
	}
	memset(pg, 0, SLAB_HEADER_SIZE);
	memset((char *)pg + SLAB_HEADER_SIZE, SLAB_POISON, SLAB_PAGE_SIZE - SLAB_HEADER_SIZE);
	pg->magic = slab_page_magic(pg);
	pg->class_index = (uint8_t)c;
	pg->owner = h;
	for (uint32_t i = 0; i < slab_class_objects(c); i++)
		slab_map_set(pg, i);
	h->stats.pages++;
	return pg;
}

/* Hands pg (no live objects, on no list) back to the provider. Its magic is
 * wiped so a stale pointer into it is no longer taken for an object. */
static void slab_page_release(struct slab_heap *h, struct slab_page *pg)
{
	pg->magic = 0;
	pg->owner = NULL;
	h->pages.free_page(h->pages.ctx, pg);
	h->stats.pages--;
}

/* Takes pg, whose last live object was just freed, off its partial list: it
 * becomes the class's cached empty page, or goes back if one is cached already. */
static void slab_page_retire(struct slab_heap *h, struct slab_class *sc, struct slab_page *pg)
{
	slab_list_remove(&sc->partial, pg);
	if (!sc->empty)
		sc->empty = pg;
	else
		slab_page_release(h, pg);
}

/* The header of the page holding p if p is at an object boundary (live or
 * free) of one of h's pages, else NULL; *index gets the object's number. Reads
 * the header only when p is past it, so p's page must be readable. */
static struct slab_page *slab_find(const struct slab_heap *h, const void *p, uint32_t *index)
{
	uintptr_t off = (uintptr_t)p & (SLAB_PAGE_SIZE - 1);
	struct slab_page *pg;
	uint32_t size;

	if (!p || off < SLAB_HEADER_SIZE)
		return NULL;
	pg = (struct slab_page *)((uintptr_t)p - off);
	if (pg->magic != slab_page_magic(pg) || pg->owner != h || pg->class_index >= SLAB_CLASSES)
		return NULL;
	size = slab_class_size(pg->class_index);
	off -= SLAB_HEADER_SIZE;
	if (off % size || off / size >= slab_class_objects(pg->class_index))
		return NULL;
	*index = (uint32_t)(off / size);
	return pg;
}

void slab_init(struct slab_heap *h, const struct slab_pages *pages)
{
	memset(h, 0, sizeof(*h));
	h->pages = *pages;
}

void *slab_alloc(struct slab_heap *h, size_t size)
{
	int c = slab_class_of(size);
	struct slab_class *sc;
	struct slab_page *pg;
	uint32_t i;

	if (c < 0)
		return NULL;
	sc = &h->classes[c];
	pg = sc->partial;
	if (!pg) {
		pg = sc->empty;
		sc->empty = NULL;
		if (!pg && !(pg = slab_page_new(h, (unsigned)c)))
			return NULL;
		slab_list_push(&sc->partial, pg);
	}
	i = slab_map_take(pg);
	if (++pg->in_use == slab_class_objects((unsigned)c))
		slab_list_remove(&sc->partial, pg);
	h->stats.objects_in_use++;
	h->stats.bytes_in_use += slab_class_size((unsigned)c);
	return (char *)pg + SLAB_HEADER_SIZE + i * slab_class_size((unsigned)c);
}

enum slab_status slab_free(struct slab_heap *h, void *p)
{
	uint32_t i;
	struct slab_page *pg = slab_find(h, p, &i);
	struct slab_class *sc;
	uint32_t size;

	if (!pg)
		return SLAB_BAD_POINTER;
	if (slab_map_test(pg, i))
		return SLAB_DOUBLE_FREE;
	sc = &h->classes[pg->class_index];
	size = slab_class_size(pg->class_index);
	memset(p, SLAB_POISON, size);
	slab_map_set(pg, i);
	h->stats.objects_in_use--;
	h->stats.bytes_in_use -= size;
	if (pg->in_use-- == slab_class_objects(pg->class_index))
		slab_list_push(&sc->partial, pg);
	if (pg->in_use == 0)
		slab_page_retire(h, sc, pg);
	return SLAB_OK;
}

size_t slab_size(const struct slab_heap *h, const void *p)
{
	uint32_t i;
	const struct slab_page *pg = slab_find(h, p, &i);

	if (!pg || slab_map_test(pg, i))
		return 0;
	return slab_class_size(pg->class_index);
}

void slab_get_stats(const struct slab_heap *h, struct slab_stats *out)
{
	*out = h->stats;
}
