/* Size-class object allocator under kmalloc: objects of 16, 32, ... 1024 bytes
 * carved out of 4 KB pages that come from an injected page provider. Pure
 * logic (no locking, no console): problems come back as return values.
 *
 * Each slab page starts with a SLAB_HEADER_SIZE-byte header (magic, owner,
 * class, in-use count, free-object bitmap, partial-list links); objects follow
 * it, so no object ever starts at page offset 0 and a page-aligned pointer is
 * never a slab object. Objects are aligned to min(class size, 64), hence always
 * to 16. Memory of a new object is NOT zeroed: it holds SLAB_POISON (or
 * whatever a use-after-free wrote there). Freed objects are refilled with
 * SLAB_POISON. Each class keeps at most one empty page cached; further empty
 * pages go straight back to the provider. */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <stddef.h>
#include <stdint.h>

#define SLAB_PAGE_SIZE   4096u
#define SLAB_MAX_SIZE    1024u  /* larger requests are the caller's (whole pages) */
#define SLAB_MIN_SIZE    16u    /* the smallest class */
#define SLAB_CLASSES     7      /* 16, 32, 64, 128, 256, 512, 1024 */
#define SLAB_HEADER_SIZE 64u    /* page offset of a page's first object */
#define SLAB_POISON      0x6b   /* fills every free object */

struct slab_pages {                     /* where slab pages come from */
	void *(*alloc_page)(void *ctx); /* a 4096-aligned page, or NULL when out of memory */
	void (*free_page)(void *ctx, void *page);
	void *ctx;
};

enum slab_status {
	SLAB_OK,
	SLAB_BAD_POINTER,       /* not an object of this heap (nothing changed) */
	SLAB_DOUBLE_FREE,       /* an object of this heap that is already free */
};

struct slab_stats {
	uint32_t pages;                 /* pages held, cached empty ones included */
	uint32_t objects_in_use;
	uint32_t bytes_in_use;          /* sum of the class sizes of live objects */
};

struct slab_page;                       /* a page header; private to mm/slab.c */

struct slab_class {
	struct slab_page *partial;      /* pages with live and free objects */
	struct slab_page *empty;        /* the cached page with no live object, or NULL */
};

/* One heap; all of its state lives here (embed it statically if you like). */
struct slab_heap {
	struct slab_pages pages;
	struct slab_class classes[SLAB_CLASSES];
	struct slab_stats stats;
};

/* Makes h an empty heap drawing pages from a copy of *pages. Holds no pages.
 * Pages record h's address, so h must not move while it holds any. */
void slab_init(struct slab_heap *h, const struct slab_pages *pages);

/* An object of at least size bytes (1..SLAB_MAX_SIZE), not zeroed; NULL if
 * size is 0 or too big, or the provider has no page. */
void *slab_alloc(struct slab_heap *h, size_t size);

/* Frees p, an object from slab_alloc(h). SLAB_BAD_POINTER if p is NULL, in a
 * page header, not at an object boundary, or in a page that is not one of h's;
 * SLAB_DOUBLE_FREE if the object is already free. Either way nothing changes.
 * p's page must be readable; a double free is caught only while h still holds
 * the page (a page handed back to the provider is no longer h's). */
enum slab_status slab_free(struct slab_heap *h, void *p);

/* The class size of p if it is a live object of h, else 0 (same checks as
 * slab_free). */
size_t slab_size(const struct slab_heap *h, const void *p);

/* Copies h's counters to *out. */
void slab_get_stats(const struct slab_heap *h, struct slab_stats *out);

#endif
