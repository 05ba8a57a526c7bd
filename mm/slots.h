/* Swap slots: a bitmap allocator over the pages of the swap partition, with
 * clustering: pages written together get contiguous slots, so one request
 * moves them. Pure (host-tested in tests/host/test_slots.c); the caller
 * serializes. */
#ifndef MM_SLOTS_H
#define MM_SLOTS_H

#include <stdbool.h>
#include <stdint.h>

struct slot_map {
	uint32_t *bits;         /* 1: in use (or bad); (count + 31) / 32 words */
	uint32_t count;         /* slots */
	uint32_t used;          /* in use, bad ones included */
	uint32_t bad;
	uint32_t hint;          /* where the next search starts (next fit) */
};

/* Makes every one of count slots free; bits holds (count + 31) / 32 words. */
void slots_init(struct slot_map *m, uint32_t *bits, uint32_t count);
/* Takes a run of contiguous free slots: want of them if one is found, else
 * the longest run seen (at least 1); after 2048 slots a run of want / 4 or
 * more is taken rather than searching the whole map. Stores its first slot in *first
 * and returns its length; 0 (nothing taken) when every slot is in use or
 * want is 0. */
uint32_t slots_alloc(struct slot_map *m, uint32_t want, uint32_t *first);
/* Frees slots [first, first + n), which must all be in use and not bad. */
void slots_free(struct slot_map *m, uint32_t first, uint32_t n);
/* Retires a slot (a write to it failed, or the header lists it as bad),
 * in use or free: it stays taken for good. */
void slots_mark_bad(struct slot_map *m, uint32_t slot);
bool slots_in_use(const struct slot_map *m, uint32_t slot);

#endif
