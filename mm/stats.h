/* The memory manager's event counters (for make bench, the shell's mem and
 * gdb). Updated atomically (mm_count) under whatever lock the event happens
 * under, several of which run at once; read as a snapshot. */
#ifndef MM_STATS_H
#define MM_STATS_H

#include "arch/spinlock.h"
#include "arch/types.h"

struct mm_stats {
	uint32_t demand_zero_faults;    /* a zeroed frame for a committed page */
	uint32_t image_faults;          /* a page copied from a program image */
	uint32_t soft_faults;           /* taken back from the standby or modified list */
	uint32_t shared_faults;         /* a view mapped a section page another view has valid */
	uint32_t copy_on_write_faults;  /* a write made a private copy of a section page */
	uint32_t hard_faults;           /* read back from swap */
	uint32_t collided_faults;       /* waited for another fault's read */
	uint32_t guard_faults;
	uint32_t access_violations;
	uint32_t in_page_errors;
	uint32_t pages_trimmed;         /* taken out of working sets */
	uint32_t clean_pages_dropped;   /* unwritten image pages trimmed without I/O */
	uint32_t swap_copies_kept;      /* clean pages trimmed onto standby: their slot still holds them */
	uint32_t swap_copies_dropped;   /* copies resident pages gave up when swap ran short */
	uint32_t large_pages_made;      /* 4 MB runs that needed pages moved out */
	uint32_t large_page_moves;      /* pages moved to make them */
	uint32_t cache_hits;            /* file cache: a page found in memory */
	uint32_t cache_misses;          /* a page not in memory: read (or zeroed when overwritten) */
	uint32_t cache_pages_read;      /* read from files, clustering included */
	uint32_t cache_pages_written;   /* written back to files (every writer) */
	uint32_t cache_lazy_pages;      /* of those, by the lazy writer */
};

extern struct mm_stats mm_stats;

/* One more event of the counter c (a field of mm_stats). */
static inline void mm_count(uint32_t *c)
{
	arch_atomic_add(c, 1);
}

#endif
