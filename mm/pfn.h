/* The PFN database: one entry per physical frame, NT style. Managed frames sit
 * on exactly one of the zeroed, free, standby, modified and bad lists, or are
 * active (in use, mapped by the PTE the entry points back at). Frames the
 * memory manager does not own (the first megabyte, the kernel image, boot
 * modules, firmware areas) are PFN_UNMANAGED and on no list.
 *
 * The PFN lock (NT's PFN lock: a spinlock, rank KE_RANK_PFN, after the
 * address-space and pool locks, before the swap and commit locks) protects
 * the lists and their counts, every frame's state, and the whole entry of a
 * frame on a list. An active frame's other fields (back pointer, original
 * PTE, flags) belong to whoever maps it: the working-set lock of the address
 * space whose PTE names it (mm/vmspace.h), the pool lock for pool pages.
 * Moving a frame between active and a list takes both. A transition PTE whose
 * frame is on the standby or modified list is the PFN lock's as well: taking
 * a standby frame (pfn_alloc) rewrites it in an address space whose lock the
 * allocator does not hold, so whoever acts on such a PTE takes the PFN lock
 * and reads it again. Functions named _locked need the lock held (checked);
 * the others take it themselves. */
#ifndef MM_PFN_H
#define MM_PFN_H

#include "arch/types.h"

enum pfn_state {
	PFN_ZEROED,
	PFN_FREE,
	PFN_STANDBY,
	PFN_MODIFIED,
	PFN_BAD,
	PFN_LISTS,              /* the states above are lists */
	PFN_ACTIVE = PFN_LISTS,
	PFN_UNMANAGED,
};

#define PFN_NONE 0u              /* frame 0 is never managed: list terminator */
#define PFN_FLAG_LOCKED  0x01u   /* VirtualLock: the page stays resident */
#define PFN_FLAG_WRITING 0x02u   /* modified: the modified page writer is writing it */
#define PFN_FLAG_READING 0x04u   /* active: being read in from swap (PTE in transition) */
#define PFN_FLAG_FILLED  0x08u   /* active: filled by the fault path (zeroes or image
				    bytes): unwritten, it can be dropped and filled again */
#define PFN_FLAG_LOW_PRIORITY 0x80u /* left a space of memory priority below normal:
				      * on the standby list it is repurposed first */
#define PFN_AGE_SHIFT    4       /* bits 4..6: working-set age (0 .. PFN_AGE_MAX) */
#define PFN_AGE_MAX      7u
#define PFN_KERNEL_RESERVE 16u   /* frames PFN_USER allocations leave to the kernel */

struct pfn_entry {              /* 24 bytes, like NT's x86 MMPFN */
	pfn_t flink, blink;     /* list links (on a list) */
	vaddr_t pte;            /* self-map address of the PTE mapping it (active) */
	pfn_t pt_frame;         /* the page table holding that PTE */
	uint32_t original_pte;  /* what that PTE held before (paging) */
	uint16_t share;         /* references: mappings and locks */
	uint8_t state;          /* enum pfn_state */
	uint8_t flags;
};

struct pfn_list {
	pfn_t head, tail;
	uint32_t count;
};

/* List primitives over a database array db (pure; host-tested). */
void pfnlist_push_tail(struct pfn_entry *db, struct pfn_list *l, pfn_t pfn, uint8_t state);
void pfnlist_remove(struct pfn_entry *db, struct pfn_list *l, pfn_t pfn);
pfn_t pfnlist_pop_head(struct pfn_entry *db, struct pfn_list *l);
void pfnlist_push_head(struct pfn_entry *db, struct pfn_list *l, pfn_t pfn, uint8_t state);

struct pfn_totals {
	uint32_t managed;       /* every frame the memory manager owns */
	uint32_t on_list[PFN_LISTS];
	uint32_t active;
	pfn_t highest;          /* highest managed frame */
	uint32_t zeroed_idle;   /* frames zeroed by pfn_zero_one (the idle thread) */
	uint32_t zeroed_on_demand;      /* frames pfn_alloc had to zero itself */
};

enum pfn_alloc_flags {
	PFN_ZERO = 1u << 0,     /* the caller needs the frame zeroed */
	PFN_USER = 1u << 1,     /* for a user page: fails rather than take the kernel's reserve */
};

/* Takes a frame for the caller, active with share 1 and no mapping yet; the
 * caller maps it and records the mapping with pfn_set_pte. With PFN_ZERO the
 * frame comes from the zeroed list, or is zeroed here when that is empty.
 * The free, zeroed, then standby lists are tried (a standby frame's owner PTE
 * becomes paged-out). Returns PFN_NONE when no frame is left. */
pfn_t pfn_alloc(unsigned flags);
/* pfn_alloc with the PFN lock held. */
pfn_t pfn_alloc_locked(unsigned flags);
/* Takes frame pfn itself off the zeroed, free or standby list (a standby
 * frame's owner PTE becomes paged-out): active with share 1, no mapping, not
 * zeroed. false when pfn is on none of those lists. */
bool pfn_take_locked(pfn_t pfn);
/* Frames pfn_alloc can hand out: zeroed, free and standby (read without the
 * lock: a snapshot, for heuristics; with it, exact). */
uint32_t pfn_available(void);
/* Takes and releases the PFN lock. */
void pfn_lock(void);
void pfn_unlock(void);
/* Moves an active frame, whose PTE the caller has made a transition PTE, to
 * the standby or modified list: at the tail (the newest), or at the head of
 * standby (the next to be repurposed) when PFN_FLAG_LOW_PRIORITY is set. */
void pfn_to_list_locked(pfn_t pfn, enum pfn_state list);
/* Takes a frame off the standby or modified list: active again. */
void pfn_from_list_locked(pfn_t pfn);
/* The oldest modified frame (PFN_NONE if none), for the modified page writer. */
pfn_t pfn_modified_head_locked(void);
uint32_t pfn_list_count(enum pfn_state list);
/* Zeroes one frame of the free list onto the zeroed list: NT's zero-page
 * thread's work, done by the idle thread. false when the free list is empty. */
bool pfn_zero_one(void);
/* Records that the PTE at self-map address pte (in page table pt_frame) maps pfn. */
void pfn_set_pte(pfn_t pfn, vaddr_t pte, pfn_t pt_frame);
/* Returns an active frame to the free list. Its PTE must already be cleared
 * and flushed. */
void pfn_free(pfn_t pfn);
void pfn_free_locked(pfn_t pfn);
/* Fills t with the current counts. */
void pfn_get_totals(struct pfn_totals *t);
/* The database entry of a frame (NULL when pfn lies beyond the database). */
struct pfn_entry *pfn_entry(pfn_t pfn);
/* Checks the invariants: the list counts and active frames add up to the
 * managed total, every frame is on at most one list, list links are
 * consistent, and every active frame's PTE maps it. Prints one line per
 * violation and returns how many it found. Exact when the mappers stand
 * still too (mm_invariants_hold holds every address space's lock). */
uint32_t pfn_check(void);

/* Builds the database (called by mm_init): db at dbva with entries for
 * frames 0..highest, all PFN_UNMANAGED. */
void pfn_db_init(struct pfn_entry *db, pfn_t highest);
/* Hands a frame to the memory manager: onto the free list. */
void pfn_db_add_free(pfn_t pfn);
/* Records a frame the boot code already uses and maps (page tables, the
 * database itself) as active. */
void pfn_db_add_active(pfn_t pfn, vaddr_t pte, pfn_t pt_frame);

#endif
