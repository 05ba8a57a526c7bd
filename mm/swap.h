/* The swap partition: NT's paging file on a Linux-format swap partition of
 * an IDE disk. Slots are its pages after the header; the commit limit grows
 * by their number.
 *
 * The swap lock (a spinlock, rank KE_RANK_SWAP: taken under the working-set
 * and PFN locks, before the commit lock) protects the slot map and the
 * statistics; every call here takes it itself. swap_io takes no lock and
 * sleeps: call it holding none. */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "arch/types.h"

#define SWAP_CLUSTER 64u        /* pages per swap_io: the writer's cluster */
#define SWAP_READ_AHEAD 16u     /* pages a hard fault reads at most */

/* Finds the first usable type-0x82 partition of the IDE disks (disk 0 first),
 * checks its swap signature and takes it into use; prints which it took and
 * a "swap:" line of its size, or one "swap: none (why, disk by disk)". */
void swap_init(void);
bool swap_present(void);
/* Whether a page read back may keep its slot as a copy (Linux's swap cache):
 * while at least half the slots are free. */
bool swap_keep_copies(void);
/* Takes up to want contiguous slots (see slots_alloc); 0 when full. */
uint32_t swap_alloc(uint32_t want, uint32_t *first);
void swap_free(uint32_t slot);
/* A slot whose write failed: never used again. */
void swap_retire(uint32_t slot);
/* Moves n (1..SWAP_CLUSTER) frames to (write) or from slots [first,
 * first + n), in as many disk requests as it takes, queued together; sleeps
 * until all are done. true on success; a failure is logged once per request
 * (the whole call then fails). */
bool swap_io(const pfn_t *frames, uint32_t n, uint32_t first, bool write);

struct swap_stats {
	uint32_t slots, used, bad;
	uint32_t pages_written, pages_read, write_requests, read_requests, errors;
};
void swap_get_stats(struct swap_stats *s);
/* Scratch space for swap_check: a bit per slot. */
uint32_t *swap_check_bitmap(void);
/* Whether slot is allocated (for the checker). */
bool swap_slot_in_use(uint32_t slot);
/* Checks the slots: each one in use is named by exactly one paged-out PTE
 * (of any address space), standby frame, resident page's copy, read or
 * write under way, bad ones aside.
 * Prints one line per problem; returns how many. */
uint32_t swap_check(void);

#endif
