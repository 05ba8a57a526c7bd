/* The memory manager's boot-time setup and the kernel address-space layout
 * (NT's x86 layout; see README.md). */
#ifndef MM_MM_H
#define MM_MM_H

#include "arch/types.h"
#include "arch/trap.h"
#include "boot/bootinfo.h"
#include "mm/vm.h"

#define MM_USER_FIRST    0x00010000u   /* nothing is ever mapped below */
#define MM_USER_END      0x7fff0000u   /* user space ends before this */
#define MM_DIRECT_MAX    0x20000000u   /* physical RAM mapped at KERNEL_BASE: 512 MB */
#define MM_POOL_BASE     0xa0000000u   /* kernel pool pages */
#define MM_POOL_END      0xc0000000u
#define MM_PFN_DB_BASE   0xc0800000u   /* the PFN database */
#define MM_PFN_DB_END    0xc2800000u   /* room for 2^20 frames: all of 4 GB */

/* Owners of the temporary mapping slots (arch/mmu.h). */
enum mm_temp_slot {
	TEMP_ZERO,              /* pfn_alloc zeroing a frame */
	TEMP_CHECK,             /* pfn_check reading page tables */
	TEMP_SELFTEST,          /* the self-tests */
	TEMP_ASPACE,            /* aspace_create filling a new directory */
	TEMP_FILL,              /* a copy-on-write copy being filled */
	TEMP_REPURPOSE,         /* pfn_alloc rewriting a standby frame's owner PTE */
	TEMP_IDE,               /* the IDE driver's PIO to frames beyond the direct window */
	TEMP_RUN_PT,            /* pfnrun: a moved page's page table (PFN lock held) */
	TEMP_RUN_FROM,          /* pfnrun: copying and zeroing frames (PFN lock held) */
	TEMP_RUN_TO,
	TEMP_COPY,              /* copy-on-write reading the section's frame */
	TEMP_CACHE,             /* the file cache copying beyond the direct window
				   (its window lock held, mm/filecache.c) */
};

/* Takes over physical memory and the MMU: builds the kernel page directory
 * (every kernel-half page table, the self-map, the direct window), the PFN
 * database, and switches to them. mem_cap_bytes (0: none) ignores RAM at or
 * above that physical address. Prints the one "mm:" summary line. */
void mm_init(const struct boot_info *bi, uint64_t mem_cap_bytes);

/* The page-fault handler: decodes f once and resolves a user address
 * through vm (the running process's address space, NULL for none). Kernel
 * addresses are never resolved (the caller applies an exception fix-up or
 * reports them). */
enum vm_fault mm_page_fault(struct trap_frame *f, struct vm_space *vm);

/* Runs pfn_check, commit_check and swap_check; prints "mm: pfn_check ok: ..."
 * or the number of violations. True when all hold. */
bool mm_invariants_hold(void);

#endif
