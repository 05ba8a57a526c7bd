/* Kernel memory: whole pages mapped in the pool region, and kmalloc's size
 * classes on top of them. Never user-accessible; exhaustion returns NULL.
 *
 * The pool lock (a spinlock, rank KE_RANK_POOL: taken under the address-space
 * locks, before the PFN, swap and commit locks it allocates with) protects
 * the pool's page maps and the slab heap; every call here takes it itself. */
#ifndef MM_POOL_H
#define MM_POOL_H

#include <stddef.h>
#include <stdint.h>

/* npages zeroed, contiguous, writable kernel pages; NULL when the pool's
 * address space or physical memory runs out (nothing is left allocated). */
void *kpage_alloc(uint32_t npages);
/* Like kpage_alloc(npages + 1), but the first page stays unmapped: a guard
 * an overflowing stack runs into. The usable pages start one page in, and
 * they are not zeroed (kernel stacks). */
void *kpage_alloc_guarded(uint32_t npages);
/* Frees what kpage_alloc or kpage_alloc_guarded returned; panics on any other pointer. */
void kpage_free(void *p);

/* size bytes, 16-byte aligned (page-aligned above 1 KB); NULL for size 0 or
 * when memory runs out. Contents are not zeroed. */
void *kmalloc(size_t size);
/* Frees what kmalloc returned (NULL is ignored); panics on a bad or double free. */
void kfree(void *p);

/* Takes and releases the pool lock, for callers that need the pool to stand
 * still (vm_lock_all_spaces); no pool call may be made meanwhile. */
void pool_lock(void);
void pool_unlock(void);

struct pool_stats {
	uint32_t pages;                 /* pool pages mapped */
	uint32_t slab_pages, slab_objects;
};
void pool_get_stats(struct pool_stats *s);

#endif
