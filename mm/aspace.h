/* Process address spaces: a page directory whose kernel half is the kernel's
 * (every kernel page table is shared), and user pages mapped on demand. */
#ifndef MM_ASPACE_H
#define MM_ASPACE_H

#include "arch/types.h"

/* Records the kernel's own page directory (mm_init). */
void aspace_init(pfn_t kernel);
/* A new address space with an empty user half; PFN_NONE when memory is out. */
pfn_t aspace_create(void);
/* Switches the CPU to address space pd (nothing to do if it runs on it). */
void aspace_activate(pfn_t pd);
/* Frees the directory of an address space no thread of its own runs on any
 * more (a kernel thread running on it is moved to the kernel's). */
void aspace_destroy(pfn_t pd);

#endif
