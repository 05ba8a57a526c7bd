/* The insides of an address space, shared by mm/vm.c (the space and its
 * pages), mm/virtual.c (the VirtualAlloc family), mm/vmlock.c (locking) and
 * mm/fault.c (page faults). Nothing outside mm/ includes this.
 *
 * The locks of address spaces (NT's), in their place in the global order
 * (kernel/ke/lock.h):
 *   - the address-creation lock, vm->create_lock (a guarded mutex, rank
 *     KE_RANK_ADDRESS_CREATION, the first): serializes the operations that
 *     change a space's VAD tree or its pages wholesale (the VirtualAlloc
 *     family, write watch, SetProcessWorkingSetSize, mapping an image or a
 *     stack, vm_clear). Held across sleeps: VirtualLock faults pages in
 *     with it, and vm_enter waits for in-page reads with it;
 *   - the address-space list lock, vm_list_lock (a spinlock, rank
 *     KE_RANK_SPACE_LIST): vm_all and every space's next link. The balance
 *     set manager and the checkers hold it while they visit spaces, so none
 *     is destroyed under them; with it held, several working-set locks may
 *     be held at once (vm_lock_all_spaces);
 *   - the working-set lock, vm->ws_lock (a spinlock, rank
 *     KE_RANK_WORKING_SET): the space's PTEs and page tables (pt_used,
 *     pt_charged), its counters, working-set limits and clock hand,
 *     io_pending and idle_waiters, the entries of the active frames its PTEs
 *     map (mm/pfn.h), and the VAD tree together with the address-creation
 *     lock (changed with both held, read with the working-set lock). A page
 *     fault takes it alone; it is never held across a sleep: a fault gives it
 *     up to wait (for a frame, for another fault's read, for the disk) and
 *     the instruction faults again. A read in flight owns its pages (their
 *     PTEs in transition, their frames marked reading) while no lock is
 *     held: other faults on them wait for it (collided faults), and
 *     operations that would change them wait until io_pending is 0 (vm_enter).
 * Functions named _locked and the page-level functions below need the
 * working-set lock of vm held, and vm the address space the CPU runs on. */
#ifndef MM_VMSPACE_H
#define MM_VMSPACE_H

#include "mm/pfn.h"
#include "mm/pte.h"
#include "arch/mmu.h"
#include "kernel/ke/lock.h"
#include "mm/vad.h"
#include "mm/vm.h"
#include "mm/vmrange.h"

#define VM_CHUNKS (VM_USER_HIGH / (1u << 22) + 1)  /* 4 MB page-table chunks of user space */

enum vad_flags {
	VAD_COMMITTED = 1u << 0,        /* a zero PTE is a committed page (node.protect) */
	VAD_STACK = 1u << 1,            /* a thread stack: guard faults grow it */
	VAD_LARGE = 1u << 2,            /* mapped by large pages only (mm/largepage.c) */
	VAD_DISCARDED = 1u << 3,        /* some page was dropped unwritten since its fill
					   or a MEM_RESET, or by an offer or a discard: a
					   page without contents may have lost some
					   (mm/vmreset.c) */
	VAD_PLACEHOLDER = 1u << 4,      /* a placeholder (mm/placeholder.c): reserved,
					   never committed, only split, coalesced,
					   replaced or released */
	VAD_REPLACED = 1u << 5,         /* replaced a placeholder: MEM_PRESERVE_PLACEHOLDER
					   may make it one again */
};

struct mm_view;

/* One allocation. node.type is MEM_PRIVATE, MEM_IMAGE or MEM_MAPPED (a view
 * of a section, mm/section.h); node.protect the
 * 5-bit protection of pages a zero PTE commits (VAD_COMMITTED). */
struct vm_vad {
	struct vad node;                /* first: a struct vad * is a struct vm_vad * */
	uint32_t alloc_protect;         /* Win32 value given at reservation */
	uint32_t committed;             /* pages committed */
	uint32_t *watch;                /* MEM_WRITE_WATCH: a bit a page (mm/watch.c), owned */
	struct mm_view *view;           /* MEM_MAPPED: the view (mm/sectionp.h), owned */
};

/* Where a space's main stack, bottom-up allocations and TEBs go (mm/aslr.c). */
struct vm_layout {
	vaddr_t stack_top;              /* the main thread's stack ends here */
	uint32_t bottom_up;             /* page where bottom-up searches start */
	uint32_t teb_end;               /* page TEBs go below */
};

struct vm_space {
	struct ke_guarded_mutex create_lock;    /* see above */
	struct ke_spin_lock ws_lock;
	pfn_t pd;
	bool cleared;
	struct vm_space *next;          /* every address space (vm_all) */
	uint32_t ws_min, ws_max;        /* working-set limits, pages */
	bool ws_max_set;                /* ws_max came from SetProcessWorkingSetSize: enforced */
	uint32_t ws_flags;              /* QUOTA_LIMITS_HARDWS_*: as set, for vm_ws_get */
	uint32_t clock;                 /* the trimmer's hand: a page number */
	uint32_t io_pending;            /* in-page reads under way (they sleep) */
	uint32_t idle_waiters;          /* in vm_enter, waiting for io_pending 0 */
	struct vad_tree vads;
	struct vm_layout layout;        /* set once, at vm_create */
	struct vm_counters c;
	void *quota_owner;              /* its process, for the job limits (vm_set_quota_owner) */
	uint32_t pt_charged[(VM_CHUNKS + 31) / 32];     /* chunks charged a page table */
	uint16_t pt_used[VM_CHUNKS];                    /* non-zero PTEs per table */
	struct vm_ws_watch *ws_watch;   /* the working-set watch, or NULL (mm/wswatch.c) */
	uint32_t page_priority;         /* memory priority: below normal, its trimmed pages
					 * are repurposed first (vm_set_page_priority) */
};

/* What one page of an allocation is. */
struct vm_page {
	uint32_t pte;                   /* raw */
	enum pte_kind kind;
	bool committed;
	pte_prot_t prot;                /* of a committed page */
	pfn_t frame;                    /* present or held: its frame, else PFN_NONE */
};

/* Every address space, newest first (vm_list_lock to walk it). */
extern struct vm_space *vm_all;
extern struct ke_spin_lock vm_list_lock;

/* Takes vm's address-creation lock, then its working-set lock once no
 * in-page read is under way in vm (new ones wait meanwhile: see
 * vm_read_deferred). vm_leave releases both. */
void vm_enter(struct vm_space *vm);
void vm_leave(struct vm_space *vm);
/* Whether a fault about to start an in-page read must let vm_enter go first;
 * if so it has waited a moment (the working-set lock given up meanwhile) and
 * the fault is retried. */
bool vm_read_deferred(struct vm_space *vm);
/* Takes the list lock, every space's working-set lock and the pool lock:
 * nothing that maps a frame moves until vm_unlock_all_spaces (for the
 * invariant checkers). */
void vm_lock_all_spaces(void);
void vm_unlock_all_spaces(void);
/* Switches the CPU to vm's page tables (to reach its PTEs through the
 * self-map) and back. Only with a spinlock held (interrupts off): nothing
 * else may load CR3 in between. */
pfn_t vm_attach(struct vm_space *vm);
void vm_detach(pfn_t previous);
/* Replaces page va's present (or not) PTE with soft, a software PTE, and makes
 * every TLB that may hold va forget it before it returns: on one CPU this
 * one's, which mmu_set_soft flushes; the SMP issue adds the shootdown to the
 * other CPUs running vm here, so the caller may free or reuse the frame at
 * once. Returns what the PTE held, dirty bit included, read atomically. Page
 * tables are left alone: vm_pte_set keeps them. */
struct mmu_mapping vm_pte_revoke(struct vm_space *vm, vaddr_t va, uint32_t soft);
/* Lowers or raises the hardware rights of present page va to those of prot,
 * flushing what vm_pte_revoke flushes when rights go. */
void vm_pte_reprotect(struct vm_space *vm, vaddr_t va, pte_prot_t prot);

static inline struct vm_vad *vm_vad_of(struct vad *v) { return (struct vm_vad *)v; }
static inline vaddr_t vm_va(uint32_t page) { return page << 12; }

/* A new VAD over pages [first, end) with charge pages and their tables
 * charged; a Win32 error, or 0 with *out linked into the tree. (virtual.c) */
uint32_t vm_vad_create(struct vm_space *vm, uint32_t first, uint32_t end, uint32_t type,
		       uint32_t alloc_protect, uint32_t charge, struct vm_vad **out);
/* The hardware rights (arch/mmu.h) of a mappable user page with prot. */
unsigned vm_hw_prot(pte_prot_t prot);
/* Chooses a new space's layout: random, or the fixed one with aslr=off
 * (mm/aslr.c). */
void vm_layout_choose(struct vm_layout *l);
/* Free room for n pages aligned to align pages: top-down from the top of
 * user space, or bottom-up from the layout's start (then from the bottom);
 * false when there is none. */
bool vm_find_free(const struct vm_space *vm, uint32_t n, uint32_t align, bool top_down,
		  uint32_t *first);
/* The highest free page below the layout's TEB end (then below the top
 * 64 KB); false when there is none. */
bool vm_find_teb(const struct vm_space *vm, uint32_t *page);
/* The VAD holding page, or NULL. */
struct vm_vad *vm_vad_at(struct vm_space *vm, uint32_t page);
/* The VAD that holds all of pages r, or NULL (also for a large-page VAD,
 * whose pages cannot be committed, reset or reprotected one by one). */
struct vm_vad *vm_vad_holding(struct vm_space *vm, const struct vm_pages *r);
/* Whether page p's chunk has no table: all its PTEs are 0, and so, outside
 * views (whose pages' state is their prototype PTEs'), its pages are what
 * v says by default. */
bool vm_chunk_empty(const struct vm_vad *v, uint32_t p);
/* The first page of the chunk after p's. */
static inline uint32_t vm_next_chunk(uint32_t p)
{
	return (p | 1023u) + 1;
}
/* MEM_RESET and MEM_RESET_UNDO on pages of vm (mm/vmreset.c; vm_enter
 * done): see vm_discard. */
uint32_t vm_reset_locked(struct vm_space *vm, enum vm_reset_op op, vaddr_t *addr,
			 uint32_t size);
/* The raw PTE of va (0 when its table is absent). */
uint32_t vm_pte_raw(vaddr_t va);
/* The same when va's table is known to exist (fault-around's loop). */
static inline uint32_t vm_pte_raw_in_table(vaddr_t va)
{
	return *(volatile const uint32_t *)mmu_pte_va(va);
}
/* What page va of v is. */
struct vm_page vm_page_get(const struct vm_vad *v, vaddr_t va);
/* The software PTE that makes va a committed page with prot and no contents
 * (0 where the VAD commits by default with that protection). */
uint32_t vm_pte_committed(const struct vm_vad *v, pte_prot_t prot);
/* Writes not-present value soft (0 or a software PTE) into va's PTE, keeping
 * page-table counts: a table is made on first use and freed when its last
 * PTE goes (so never call it holding the PFN lock). A present PTE it
 * replaces is flushed first. Returns what the PTE held (as vm_pte_revoke). */
struct mmu_mapping vm_pte_set(struct vm_space *vm, vaddr_t va, uint32_t soft);
/* Maps frame pfn (already filled) at va with prot; records it in the PFN
 * database and counts it resident. */
void vm_page_map(struct vm_space *vm, vaddr_t va, pfn_t pfn, pte_prot_t prot);
/* Maps a section's frame pfn at va with prot (a view's page; its share
 * count already counts this mapping, its PFN entry is the prototype PTE's)
 * and counts it resident. */
void vm_page_map_shared(struct vm_space *vm, vaddr_t va, pfn_t pfn, pte_prot_t prot);
/* The same for fault-around's pages, in the loop of the fault that holds the
 * working-set lock and made va's table: old is what va's PTE holds (0 or a
 * prototype pointer), read under that lock hold; nothing is checked again. */
void vm_page_map_shared_in_table(struct vm_space *vm, vaddr_t va, uint32_t old, pfn_t pfn,
				 pte_prot_t prot);
/* Page pfn, just mapped with prot from the contents of slot, keeps the slot
 * as a copy (its original PTE says PAGED_OUT) while swap_keep_copies; else
 * the slot goes. A clean page with a copy is trimmed without a write. */
void vm_page_keep_copy(pfn_t pfn, pte_prot_t prot, uint32_t slot);
/* Whether the page of e, being trimmed, has a copy: then the slot goes with
 * the frame to the standby list. */
bool vm_page_copy_to_standby(struct pfn_entry *e);
/* The page of e was written (or may have been): its copy, if any, goes.
 * Returns whether it had one. */
bool vm_page_forget_copy(struct pfn_entry *e);
/* Swap is full: every resident page gives its copy up (the writer needs
 * the slots more than clean pages need to skip a write). */
void vm_copies_release(void);
/* Gives up page va's frame or slot, if it has one (the PTE cleared and
 * flushed first), and leaves soft in its PTE. A transition page's frame is
 * dropped under the PFN lock, or its slot if the frame was taken meanwhile.
 * No read may be under way in vm (vm_enter), or the page be one the trimmer
 * just took out (see vm_frame_release). */
void vm_page_drop(struct vm_space *vm, vaddr_t va, const struct vm_page *pg, uint32_t soft);
/* The end of dropping resident page va: leaves soft in its PTE and frees
 * frame pfn with its copy in swap, if any. */
void vm_frame_release(struct vm_space *vm, vaddr_t va, pfn_t pfn, uint32_t soft);
/* Whether VirtualLock holds resident page va (frame pfn) of v: a view's
 * pages by the view's own bits (a section's frame is shared: each mapping is
 * locked on its own, as NT locks working-set entries, not frames), the
 * others by their frame's PFN_FLAG_LOCKED (mm/vmlock.c). */
bool vm_page_locked(const struct vm_vad *v, vaddr_t va, pfn_t pfn);
/* Takes the resident pages of v in [start, end) that are not locked out of
 * vm's working set, as trimming would (VirtualUnlock's answer for pages it
 * finds unlocked); under vm_enter (mm/wset.c). */
void vm_ws_trim_range_locked(struct vm_space *vm, struct vm_vad *v, vaddr_t start, vaddr_t end);
/* Sets page va's lock (it is resident, frame pfn) to on, counting it in
 * vm->c.locked. */
void vm_page_set_locked(struct vm_space *vm, const struct vm_vad *v, vaddr_t va, pfn_t pfn,
			bool on);
/* Sets the protection of committed page va, keeping its contents. */
void vm_page_protect(struct vm_space *vm, const struct vm_vad *v, vaddr_t va,
		     const struct vm_page *pg, pte_prot_t prot);
/* Gives committed page va, which has no frame (demand-zero), a
 * filled frame and maps it with pg->prot. false when no frame is free now
 * (the caller waits with vm_wait_for_memory_locked and retries). */
bool vm_page_fill(struct vm_space *vm, vaddr_t va, const struct vm_page *pg);
/* Whether frames for every page table missing over pages [first, end) of
 * the attached space can be had now, leaving half the kernel's reserve (the
 * working-set lock held until those PTEs are written: on one CPU nothing
 * else allocates meanwhile). If not, asks the balance set manager for them:
 * the caller returns VM_RETRY, changing nothing. */
bool vm_tables_ready(uint32_t first, uint32_t end);
/* The balance set manager's next pass frees until frames are available
 * (once; waiters ask again each time they look). */
void vm_balance_want(uint32_t frames);
/* Sleeps a moment for the balance set manager to free frames, giving vm's
 * working-set lock up meanwhile (held on entry and on return); false when
 * the sleep was cut short because the thread is being terminated (its
 * waits return at once from then on: the caller must give up, not retry). */
bool vm_wait_for_memory_locked(struct vm_space *vm);
/* Wakes those waiting for memory (the balance set manager freed frames). */
void vm_memory_freed(void);
/* Below vm_low_water() available frames (a 32nd of memory, 64 at least)
 * the balance set manager trims up to twice that. */
uint32_t vm_low_water(void);
/* The balance set manager's pass ended: the memory resource notifications
 * follow the available memory (mm/memnotify.c). No lock held. */
void vm_memory_conditions_update(void);
/* Wakes the balance set manager early (memory is short). */
void vm_balance_wake(void);
/* A fault took frames: wakes the manager once fewer than its low water mark
 * remain. */
void vm_frames_taken(void);
/* Wakes the modified page writer early (the modified list grew). */
void vm_writer_wake(void);
/* The slots of the write under way: their number (0: none), the first in
 * *first. */
uint32_t vm_writer_in_flight(uint32_t *first);
/* Sleeps until some in-page read ends, giving vm's working-set lock up
 * meanwhile (held on entry and on return); vm_in_page_wake wakes all. */
enum wait_result vm_in_page_sleep_locked(struct vm_space *vm);
void vm_in_page_wake(void);
/* Ends one in-page read of vm: wakes vm_enter. */
void vm_io_done(struct vm_space *vm);
/* Resolves a fault on page va of v (see vm_fault). It may give the
 * working-set lock up to sleep and take it back; then the result is
 * VM_FAULT_RESOLVED (try again) or VM_FAULT_INTERRUPTED, and v may be gone:
 * callers look it up again. */
enum vm_fault vm_resolve(struct vm_space *vm, struct vm_vad *v, vaddr_t va, bool write);
/* Charges the page tables pages [first, end) will need (once per 4 MB chunk
 * and space); false (nothing charged) past the commit limit. */
bool vm_charge_tables(struct vm_space *vm, uint32_t first, uint32_t end);
/* How many of those charges vm_charge_tables would add. */
uint32_t vm_tables_uncharged(const struct vm_space *vm, uint32_t first, uint32_t end);
/* A new VAD of type over pages [first, end) with charge pages charged, and
 * the tables it needs when it commits pages (charge) or is a view; a Win32
 * error, or 0 with *out linked into the tree. */
uint32_t vm_vad_create(struct vm_space *vm, uint32_t first, uint32_t end, uint32_t type,
		       uint32_t alloc_protect, uint32_t charge, struct vm_vad **out);
/* Unlinks v, gives up every page, its commit charge and the table charges no
 * other VAD needs, and frees it. */
void vm_vad_release(struct vm_space *vm, struct vm_vad *v);
/* Counts n pages more (add) or fewer (sub) committed in v; the commit charge
 * itself is the caller's. */
void vm_commit_add(struct vm_space *vm, struct vm_vad *v, uint32_t n);
/* Charges pages of private commit to vm: the job limits' check (mm/vm.h),
 * then the commit charge. 0, the check's error, or ERROR_COMMITMENT_LIMIT
 * (nothing charged then). */
uint32_t vm_charge_private(struct vm_space *vm, uint32_t pages);
void vm_commit_sub(struct vm_space *vm, struct vm_vad *v, uint32_t n);
/* Placeholders (mm/placeholder.c) and their helpers in mm/virtual.c.
 * Makes v, a new private VAD, committed whole with Win32 protect (its
 * charge the caller's). */
void vm_vad_commit_whole(struct vm_vad *v, uint32_t protect);
/* Decommits pages [first, end) of v: committed ones lose frame and charge.
 * Decommitting the whole of a VAD committed whole makes it a plain
 * reservation again instead of marking each page. */
void vm_decommit(struct vm_space *vm, struct vm_vad *v, uint32_t first, uint32_t end);
/* vm_allocate2's MEM_REPLACE_PLACEHOLDER, vm_free's placeholder operations
 * (arguments checked, vm_enter done). */
uint32_t vm_placeholder_replace_locked(struct vm_space *vm, vaddr_t addr, uint32_t size,
				       uint32_t type, uint32_t protect);
uint32_t vm_placeholder_free_locked(struct vm_space *vm, vaddr_t addr, uint32_t size,
				    uint32_t type);
/* The placeholder that is exactly pages [first, first + pages), unlinked
 * from the tree for a view to take its place (vm_placeholder_put_back
 * relinks it if the view cannot be made, vm_placeholder_drop frees it once
 * the view is in); ERROR_INVALID_ADDRESS when there is none. */
uint32_t vm_placeholder_take(struct vm_space *vm, uint32_t first, uint32_t pages,
			     struct vm_vad **out);
void vm_placeholder_put_back(struct vm_space *vm, struct vm_vad *v);
void vm_placeholder_drop(struct vm_vad *v);

/* Gives v a write-watch bitmap, all clear; false when out of memory. */
bool vm_watch_create(struct vm_vad *v);
/* Page va of v is dirty and about to lose its dirty bit: if v is watched,
 * the write is kept. */
void vm_watch_note(const struct vm_vad *v, vaddr_t va);

#endif
