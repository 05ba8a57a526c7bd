/* The heap engine under HeapAlloc and malloc: pure logic over a small page
 * provider (the heap_os_* calls: VirtualAlloc in ring 3, mmap in the host
 * tests). The Win32 layer (heap.c) adds handles, flags and errors.
 *
 * A heap is one or more segments (reservations of 4 MB and up, or the fixed
 * maximum) whose free tail, the top, is committed in 64 KB steps as blocks are
 * carved from it and decommitted 64 KB at a time once 128 KB of it is free;
 * empty segments other than the first are released. Requests of 508 KB and
 * more in growable heaps get a reservation of their own, released on free.
 * Every block starts with an 8-byte tag holding its size and a check value;
 * free blocks are indexed by a two-level segregated fit (TLSF) table whose
 * nodes live in a side table, so finding a fit reads no block memory. */
#ifndef USER_LIB_HEAP_CORE_H
#define USER_LIB_HEAP_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_PAGE          0x1000u
#define HEAP_STEP          0x10000u     /* commit and decommit granularity */
#define HEAP_SEG_RESERVE   0x400000u    /* a growable heap's reservations */
#define HEAP_BIG_REQUEST   0x7F000u     /* growable: from here on, a reservation each */
#define HEAP_FIXED_LIMIT   0x7FFF8u     /* fixed heaps: requests must be below */

static inline size_t heap_page_up(size_t n)
{
	return (n + HEAP_PAGE - 1) & ~(size_t)(HEAP_PAGE - 1);
}

static inline size_t heap_step_up(size_t n)
{
	return (n + HEAP_STEP - 1) & ~(size_t)(HEAP_STEP - 1);
}

struct heap;

/* Every heap keeps room for its Win32 layer's lock (a CRITICAL_SECTION),
 * zeroed at creation; the engine itself never touches it. */
#define HEAP_LOCK_BYTES 24u
void *heap_lock_room(struct heap *h);

struct heap *heap_create(size_t initial, size_t maximum, bool executable, unsigned options);
void heap_destroy(struct heap *h);
bool heap_is_heap(const struct heap *h);
/* Every live heap, newest first: fills out[0 .. max), returns how many. */
size_t heap_list(struct heap **out, size_t max);
unsigned heap_options(const struct heap *h);
/* Adds flags to the Win32 layer's options (HeapSetInformation's record). */
void heap_add_options(struct heap *h, unsigned more);
void *heap_alloc(struct heap *h, size_t n, bool zero);
void *heap_realloc(struct heap *h, void *p, size_t n, bool zero, bool in_place_only);
void heap_free(struct heap *h, void *p);
size_t heap_size(struct heap *h, const void *p);
bool heap_validate(struct heap *h, const void *p);
/* Decommits the pages free blocks and tops do not need; returns the largest
 * free block that stays committed (heap_compact.c). */
size_t heap_compact(struct heap *h);

/* One entry of a heap walk (heap_walk.c). A region is a segment: data, size
 * its reservation; committed and uncommitted bytes; first and last bound its
 * blocks and committed free tail. A busy block: data, size as asked for,
 * overhead the rest; a free one or the top's committed part: data, size;
 * the uncommitted rest of a region likewise. region: the segment's index
 * (a big block, big set: the segment count plus its record index, as its
 * reservation is a region of its own). A busy entry is found again by its
 * data alone; the others need kind, data, size and region. */
enum heap_entry_kind { HEAP_ENTRY_REGION, HEAP_ENTRY_BUSY, HEAP_ENTRY_FREE,
		       HEAP_ENTRY_UNCOMMITTED };

struct heap_entry {
	enum heap_entry_kind kind;
	uintptr_t data;                 /* 0: the walk has not started */
	size_t size;
	uint32_t overhead;
	uint32_t region;
	bool big;
	size_t committed, uncommitted;
	uintptr_t first, last;
};

/* Steps *w to the next entry: 1, or 0 past the last, or -1 when *w is no
 * entry of h (nothing changed). */
int heap_walk(struct heap *h, struct heap_entry *w);

/* The page provider. reserve: size bytes of address space (64 KB aligned),
 * NULL when there is none; commit: pages of it, zero-filled, false when the
 * commit limit refuses; decommit and release cannot fail. readable: whether
 * [addr, addr + size) is committed and readable. */
void *heap_os_reserve(size_t size);
bool heap_os_commit(void *addr, size_t size, bool executable);
void heap_os_decommit(void *addr, size_t size);
void heap_os_release(void *addr);
bool heap_os_readable(const void *addr, size_t size);
/* The committed bytes of [addr, addr + size) (whole pages). */
size_t heap_os_committed(const void *addr, size_t size);
uint32_t heap_os_entropy(void);
/* A bad block at addr: raises STATUS_HEAP_CORRUPTION, never returns. */
__attribute__((noreturn)) void heap_os_corrupt(struct heap *h, const void *addr);

#endif
