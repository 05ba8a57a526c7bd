/* The heap engine's insides, shared by heap_core.c, heap_segment.c,
 * heap_big.c and heap_check.c (and the host tests).
 *
 * Blocks are multiples of 8 bytes and begin with an 8-byte tag (info, check);
 * check mixes info, the tag's address and the heap's cookie, so an overwritten
 * or stale tag is seen. A busy block's tag holds its size and slack (bytes
 * past the request) and whether the block before it is free. A free block has
 * a FREE tag at its start and a FOOTER tag in its last 8 bytes, both naming its
 * node in the index; no two free blocks touch, and none touches the top.
 * The top of a segment, its free tail, is a node of the index with no tags (its
 * pages may not be committed). */
#ifndef USER_LIB_HEAP_INTERNAL_H
#define USER_LIB_HEAP_INTERNAL_H

#include "user/lib/heap_core.h"
#include "user/lib/heap_index.h"

#define HEAP_TAG          8u
#define HEAP_MIN_BLOCK    16u
#define HEAP_MAX_SEGMENTS 64
#define HEAP_MAX_REQUEST  0x7FFE0000u   /* past this nothing fits anywhere */

#define TAG_TYPE        (7u << 29)
#define TAG_BUSY        (1u << 29)
#define TAG_BIG         (2u << 29)      /* index: the big-block record */
#define TAG_FREE        (3u << 29)      /* index: the node */
#define TAG_FOOTER      (4u << 29)      /* index: the node */
#define TAG_PREV_FREE   (1u << 28)      /* busy: the block before is free */
#define TAG_LOST        (1u << 27)      /* busy: freed when no node could be had */
#define TAG_INDEX       0x07FFFFFFu
#define TAG_UNITS       0x000FFFFFu     /* busy: size / 8 */
#define TAG_SLACK_SHIFT 20              /* busy: 5 bits of slack */

struct heap_tag {
	uint32_t info;
	uint32_t check;
};

struct segment {
	uintptr_t base, end;            /* the reservation */
	uintptr_t commit_end;           /* [base, commit_end) is committed */
	uintptr_t clean;                /* [clean, commit_end) is zero: never handed out */
	uintptr_t floor;                /* the commit never shrinks below this */
	uint32_t top;                   /* node of the free tail; HX_NONE when full */
	bool primary;                   /* made with the heap, kept until it goes */
	bool holes;                     /* heap_compact decommitted pages below commit_end */
};

struct big_block {                      /* a request with a reservation of its own */
	uintptr_t base;                 /* the tag; the data follows */
	size_t reserved, committed, request;
};

struct heap {
	uint32_t cookie;
	bool executable;
	unsigned options;               /* the Win32 layer's, kept for it */
	size_t maximum;                 /* 0: growable */
	struct heap_index free;
	struct heap_pool big;           /* struct big_block records */
	uint32_t nsegs;
	struct segment seg[HEAP_MAX_SEGMENTS];  /* sorted by base */
	struct heap *next;              /* every live heap */
	uint32_t lock_room[HEAP_LOCK_BYTES / 4];        /* heap_lock_room */
};

/* A live block, as block_find saw it. */
struct block {
	uintptr_t addr;                 /* its tag */
	size_t size;                    /* bytes from the tag on (big: committed) */
	size_t request;
	uint32_t info;
	struct segment *seg;            /* NULL for a big block */
	uint32_t big;                   /* a big block's record */
};

/* A range carved for a block. */
struct span {
	struct segment *seg;
	uintptr_t addr;
	size_t size;
};

static inline uint32_t tag_mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	return x ^ (x >> 16);
}

static inline void tag_put(const struct heap *h, uintptr_t at, uint32_t info)
{
	struct heap_tag *t = (struct heap_tag *)at;

	t->info = info;
	t->check = tag_mix(info ^ (uint32_t)at ^ h->cookie);
}

/* Reads the tag at at; false when its check value does not match. */
static inline bool tag_get(const struct heap *h, uintptr_t at, uint32_t *info)
{
	const struct heap_tag *t = (const struct heap_tag *)at;

	*info = t->info;
	return t->check == tag_mix(*info ^ (uint32_t)at ^ h->cookie);
}

/* Whether the tag at a in segment s may be read: a hole left by heap_compact
 * is not (tags of blocks never lie in one; a pointer from outside might). */
static inline bool tag_readable(const struct segment *s, uintptr_t a)
{
	return !s->holes || heap_os_readable((const void *)a, HEAP_TAG);
}

static inline size_t busy_size(uint32_t info)
{
	return (size_t)(info & TAG_UNITS) * 8;
}

static inline size_t busy_slack(uint32_t info)
{
	return (info >> TAG_SLACK_SHIFT) & 0x1F;
}

static inline bool big_request(const struct heap *h, size_t n)
{
	return !h->maximum && n >= HEAP_BIG_REQUEST;
}

/* heap_segment.c */
struct segment *seg_find(struct heap *h, uintptr_t a);
uintptr_t seg_top_start(const struct heap *h, const struct segment *s);
uint32_t seg_add(struct heap *h, size_t reserve, size_t commit, bool primary);
uint32_t seg_grow(struct heap *h);
bool seg_commit_to(struct heap *h, struct segment *s, uintptr_t a);
void seg_zero(const struct segment *s, uintptr_t from, uintptr_t to);
void seg_used(struct segment *s, uintptr_t to);
void seg_trim(struct heap *h, struct segment *s);
void seg_release_all(struct heap *h);
bool seg_fill_holes(struct heap *h, const struct segment *s, uintptr_t from, uintptr_t to);

/* heap_big.c */
void *big_alloc(struct heap *h, size_t n);
void big_free(struct heap *h, uint32_t i);
void *big_resize(struct heap *h, const struct block *b, size_t n, bool zero,
		 bool in_place_only);
bool big_find(struct heap *h, uintptr_t a, struct block *b);
bool big_check(struct heap *h);
void big_moved(void *ctx, uint32_t i);
void big_release_all(struct heap *h);

/* heap_core.c */
bool block_find(struct heap *h, const void *p, struct block *b);

#endif
