/* The handle table of moveable memory (LocalAlloc/GlobalAlloc with
 * LMEM_MOVEABLE), as seed 004 describes it: a moveable handle is the address
 * of its entry's block pointer, so *(void **)handle is the memory, and since
 * entries are 8-aligned with the pointer at offset 4, such handles are 4
 * modulo 8 while heap blocks (fixed memory) are 8-aligned. Entries live in
 * chunks that are never given back and freed entries are reused oldest
 * first, so a stale handle names a free entry: using it is an error, never a
 * stray write. Pure logic over mt_os_chunk (HeapAlloc in ring 3, malloc in
 * the host tests). */
#ifndef USER_LIB_MTABLE_H
#define USER_LIB_MTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MT_CHUNK_BYTES 4096u
#define MT_LOCK_MAX    255u             /* the lock count saturates here */

#define MT_USED      0x0001u
#define MT_DISCARDED 0x4000u            /* no block: reallocated to 0 bytes */
#define MT_DISCARDABLE 0x0100u          /* allocated or modified with LMEM_DISCARDABLE */
#define MT_DDESHARE  0x2000u            /* GlobalAlloc's GMEM_DDESHARE */

struct mt_entry {
	uint16_t flags;                 /* 0: free */
	uint16_t lock;
	void *block;                    /* the memory; free: the next free entry */
};

struct mt_chunk;

struct mtable {
	struct mt_chunk *chunks;
	struct mt_entry *free_head, *free_tail;
};

/* MT_CHUNK_BYTES of 8-aligned memory for a chunk, or NULL. */
void *mt_os_chunk(size_t size);

/* A used entry (no block, unlocked), or NULL when no chunk can be had. */
struct mt_entry *mt_alloc(struct mtable *t);
/* Frees a used entry. */
void mt_free(struct mtable *t, struct mt_entry *e);
/* The used entry whose handle h is, or NULL for anything else. */
struct mt_entry *mt_lookup(const struct mtable *t, const void *h);
/* The used entry whose memory is block, or NULL. */
struct mt_entry *mt_find_block(const struct mtable *t, const void *block);

static inline void *mt_handle(struct mt_entry *e)
{
	return &e->block;
}

#endif
