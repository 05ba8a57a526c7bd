/* The MMU contract: the only code that knows hardware page-table bits.
 * Two-level i386 paging with 4 KB pages, and 4 MB pages (a PDE with PS set,
 * CR4.PSE) where the CPU has PSE: the kernel's direct window and user
 * large-page allocations (mm/largepage.c). A large PDE has no page table: the
 * table walkers below skip it as they skip an absent one. The page directory maps itself at
 * PDE_SELF, so the PTEs of the current address space lie at MMU_PTE_BASE and
 * its PDEs at MMU_PDE_BASE; everything here works through that self-map. */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include "arch/types.h"

#define MMU_PTE_BASE   0xC0000000u          /* PTE of va: MMU_PTE_BASE + (va >> 12) * 4 */
#define MMU_PTE_SPAN   0x00400000u          /* all PTEs of an address space */
#define MMU_PDE_BASE   0xC0300000u          /* the page directory, seen through itself */
#define PDE_SELF       (MMU_PTE_BASE >> 22) /* 768 */
#define PDE_KERNEL_FIRST (KERNEL_BASE >> 22) /* 512 */
#define MMU_TEMP_BASE  0xC0400000u          /* hyperspace: temporary mapping slots */
#define MMU_TEMP_SLOTS 16u
#define MMU_LOWEST_MAPPABLE 0x00010000u     /* the null-pointer guard below */
#define MMU_LARGE_PAGE 0x00400000u          /* a PDE's span: a large page */
#define MMU_LARGE_FRAMES 1024u              /* frames in a large page */

/* Protection, in hardware-independent bits. */
enum mmu_prot {
	MMU_READ = 0,           /* present and readable: always implied */
	MMU_WRITE = 1u << 0,
	MMU_USER = 1u << 1,     /* ring 3 may access */
	MMU_GLOBAL = 1u << 2,   /* survives CR3 reloads (kernel half only) */
	MMU_NOCACHE = 1u << 3,
};

/* What a PTE says. Software (not-present) PTE contents belong to mm/pte.h. */
struct mmu_mapping {
	bool present;
	pfn_t pfn;
	unsigned prot;          /* enum mmu_prot bits */
	bool accessed, dirty;
	bool large;             /* a 4 MB PDE: pfn is the frame of this 4 KB within it */
	uint32_t raw;           /* the PTE (or large PDE), for reports and software formats */
};

/* TLB work done so far: single entries (invlpg), full flushes (global ones
 * too), and CR3 loads (every non-global entry). */
struct mmu_stats {
	uint32_t page_flushes, full_flushes, address_space_switches;
};
void mmu_get_stats(struct mmu_stats *out);
/* Turns on CR0.WP and, where the CPU has them, CR4.PGE, CR4.PSE, SMEP and SMAP. */
void mmu_enable_features(void);
/* Whether 4 MB pages are on (the CPU has PSE). */
bool mmu_large_pages(void);
/* Loads CR3 with the page directory at frame pd. Flushes non-global entries. */
void mmu_activate(pfn_t pd);
/* Maps va to frame pfn with prot in the current address space. The page
 * table covering va must exist. Flushes va's TLB entry if the old PTE was
 * present (the CPU caches no other kind). Panics for va below
 * 64 KB and for user access to the kernel half. */
void mmu_map(vaddr_t va, pfn_t pfn, unsigned prot);
/* Clears va's PTE, then flushes its TLB entry; returns what it mapped. The
 * caller frees the frame only after this returns. */
struct mmu_mapping mmu_unmap(vaddr_t va);
/* Stores a not-present value (0 or a software PTE of mm/pte.h, bit 0 clear)
 * in va's PTE, whose table must exist; flushes va, as the old PTE may have
 * been present. Returns what the PTE held, read in the same atomic exchange
 * (its dirty bit cannot be set after it was read). */
struct mmu_mapping mmu_set_soft(vaddr_t va, uint32_t raw);
/* Changes the protection of a present mapping; flushes va when rights were
 * taken away (a stale entry with fewer rights only faults spuriously). */
void mmu_protect(vaddr_t va, unsigned prot);
/* Flushes va's TLB entry (after a spurious fault on a stale entry). */
void mmu_flush_page(vaddr_t va);
/* Clears the accessed bit of va's present PTE; returns whether it was set.
 * Flushes va when it was, so the next access sets it again. */
bool mmu_test_clear_accessed(vaddr_t va);
/* Clears the dirty bit of present va (and its TLB entry); returns whether it
 * was set. */
bool mmu_test_clear_dirty(vaddr_t va);
/* Reads va's PTE (not present when its page table is absent); within a
 * large page, what its PDE maps at va (large set). */
struct mmu_mapping mmu_query(vaddr_t va);
/* The raw PDE covering va and its PTE (0 when the table is absent or the
 * PDE maps a large page). */
void mmu_query_raw(vaddr_t va, uint32_t *pde, uint32_t *pte);
/* The first page at or after va, below end, whose PTE is not 0 (present or
 * software); end if none. Pages without a table are skipped a table at a
 * time, zero PTEs a word at a time. */
vaddr_t mmu_next_used(vaddr_t va, vaddr_t end);
/* The same for present PTEs: what a working-set sweep looks at. */
vaddr_t mmu_next_present(vaddr_t va, vaddr_t end);
/* Whether a page table covers va (a large PDE is none). */
bool mmu_has_table(vaddr_t va);
/* Installs frame pt (already zeroed) as the page table covering va; pt 0
 * removes the table, which must be empty (panics otherwise, and over a large
 * PDE); the caller frees its frame after this returns. */
void mmu_set_table(vaddr_t va, pfn_t pt, bool user);
/* Flushes every TLB entry, global ones included. */
void mmu_flush_all(void);
/* The frame of the page table covering va (0 when absent). */
pfn_t mmu_table_pfn(vaddr_t va);
/* The self-map address of va's PTE: the back pointer kept in the PFN database. */
static inline vaddr_t mmu_pte_va(vaddr_t va) { return MMU_PTE_BASE + (va >> PAGE_SHIFT) * 4; }

/* Large pages. mmu_map_large maps the 4 MB at va (aligned, its PDE empty:
 * panics otherwise, and for the first 4 MB, which holds the null guard, or a
 * user mapping of the kernel half) to frames first .. first + 1023 (first
 * aligned) with prot. mmu_unmap_large clears that PDE and flushes the large
 * entry; the caller frees the frames after it returns. */
void mmu_map_large(vaddr_t va, pfn_t first, unsigned prot);
struct mmu_mapping mmu_unmap_large(vaddr_t va);
/* Whether raw, a PDE, maps a large page that holds frame pfn (pfn_check
 * following a large frame's back pointer). */
bool mmu_large_holds(uint32_t raw, pfn_t pfn);
/* Raw present PTE raw, pointing at frame pfn instead (its rights and A/D
 * bits kept): moving a page's contents to another frame. */
uint32_t mmu_retarget(uint32_t raw, pfn_t pfn);
/* Exchanges the PTE at pte (any space's, reached through a temporary
 * mapping) for value and returns what it held, dirty bit included, in one
 * atomic step. Flushes nothing: the caller flushes the address it maps. */
uint32_t mmu_exchange(volatile uint32_t *pte, uint32_t value);
/* Checks the hardening rules of the running address space: no PTE below
 * MMU_LOWEST_MAPPABLE is in use, and nothing in the kernel half is
 * user-accessible (the PDE's U/S and the PTE's together, a large PDE's
 * alone). Prints one line per violation and returns how many. */
uint32_t mmu_check_hardening(void);

/* Maps frame pfn at temporary slot slot (0 .. MMU_TEMP_SLOTS-1) and returns its
 * address; each slot has one owner (see mm/hyperspace users). */
void *mmu_temp_map(unsigned slot, pfn_t pfn);
void mmu_temp_unmap(unsigned slot);

/* Building the first page directory, before paging uses it: pd and tables are
 * reachable at the given virtual addresses. */
uint32_t mmu_make_pde(pfn_t pt);
/* A large, global PDE of the kernel's direct window: frames first .. +1023. */
uint32_t mmu_make_large_pde(pfn_t first, unsigned prot);
uint32_t mmu_make_pte(pfn_t pfn, unsigned prot);

#endif
