/* The kernel pool: page runs in [MM_POOL_BASE, MM_POOL_END) backed by frames
 * from the PFN allocator, and kmalloc's slab classes on top; see mm/pool.h. */
#include "mm/pool.h"
#include "mm/mm.h"
#include "mm/commit.h"
#include "mm/pfn.h"
#include "mm/slab.h"
#include "arch/mmu.h"
#include "kernel/ke/lock.h"
#include "kernel/rtl/panic.h"

#define POOL_PAGES ((MM_POOL_END - MM_POOL_BASE) / PAGE_SIZE)
#define WORD_BITS 32u

/* used: the page's address is taken; head: it starts an allocation (a run
 * ends at the next head or unused page); slab: the page belongs to kmalloc's
 * slab heap, so only the heap may free it. */
static uint32_t used[POOL_PAGES / WORD_BITS], head[POOL_PAGES / WORD_BITS];
static uint32_t slab[POOL_PAGES / WORD_BITS];
static uint32_t search_from, pages_mapped;
static struct slab_heap heap;
static bool heap_ready;
static const struct ke_lock_class pool_class = { "kernel pool", KE_RANK_POOL, true, NULL };
static struct ke_spin_lock pool_spin = { .cls = &pool_class };

static bool test_bit(const uint32_t *map, uint32_t i) { return map[i / WORD_BITS] >> (i % WORD_BITS) & 1; }
static void set_bit(uint32_t *map, uint32_t i) { map[i / WORD_BITS] |= 1u << (i % WORD_BITS); }
static void clear_bit(uint32_t *map, uint32_t i) { map[i / WORD_BITS] &= ~(1u << (i % WORD_BITS)); }

/* First fit from the rotating hint, wrapping once; POOL_PAGES if none. */
static uint32_t find_run(uint32_t n)
{
	for (uint32_t scanned = 0, start = search_from, len = 0; scanned < 2 * POOL_PAGES;) {
		uint32_t i = (start + len) % POOL_PAGES;
		if (start + n > POOL_PAGES) {            /* a run may not wrap */
			scanned += POOL_PAGES - start;
			start = 0;
			len = 0;
			continue;
		}
		if (!used[i / WORD_BITS] && i % WORD_BITS == 0 && len + WORD_BITS <= n) {
			len += WORD_BITS;               /* a whole free word at once */
		} else if (!test_bit(used, i)) {
			len++;
		} else {
			scanned += len + 1;
			start = (i + 1) % POOL_PAGES;
			len = 0;
			continue;
		}
		if (len >= n)
			return start;
	}
	return POOL_PAGES;
}

static void release_run(uint32_t first, uint32_t n)
{
	for (uint32_t i = first; i < first + n; i++) {
		vaddr_t va = MM_POOL_BASE + i * PAGE_SIZE;
		struct mmu_mapping m = mmu_unmap(va);  /* cleared and flushed first */
		if (m.present) {
			pfn_free(m.pfn);
			commit_return(1);
			pages_mapped--;
		}
		clear_bit(used, i);
	}
	clear_bit(head, first);
}

/* Takes a run of npages pool pages and maps all but the first skip of them
 * with frames from pfn_alloc(flags); NULL, with nothing left taken, when
 * the pool's address space or memory runs out. The pool lock is held (the
 * slab heap asks for pages so). */
static void *alloc_run_locked(uint32_t npages, uint32_t skip, unsigned flags)
{
	uint32_t first;

	if (npages == 0 || npages > POOL_PAGES)
		return NULL;
	first = find_run(npages);
	if (first == POOL_PAGES)
		return NULL;
	for (uint32_t i = first; i < first + npages; i++)
		set_bit(used, i);
	set_bit(head, first);
	search_from = (first + npages) % POOL_PAGES;
	for (uint32_t i = first + skip; i < first + npages; i++) {
		vaddr_t va = MM_POOL_BASE + i * PAGE_SIZE;
		pfn_t pfn = PFN_NONE;
		if (commit_charge(1) && (pfn = pfn_alloc(flags)) == PFN_NONE)
			commit_return(1);
		if (pfn == PFN_NONE) {
			release_run(first, npages);
			return NULL;
		}
		mmu_map(va, pfn, MMU_WRITE | MMU_GLOBAL);
		pfn_set_pte(pfn, mmu_pte_va(va), mmu_table_pfn(va));
		pages_mapped++;
	}
	return (void *)(MM_POOL_BASE + first * PAGE_SIZE);
}

void *kpage_alloc(uint32_t npages)
{
	void *run;

	ke_acquire_spin_lock(&pool_spin);
	run = alloc_run_locked(npages, 0, PFN_ZERO);
	ke_release_spin_lock(&pool_spin);
	return run;
}

void *kpage_alloc_guarded(uint32_t npages)
{
	void *run = NULL;

	/* No frame for the guard page, and no zeroing: a kernel stack is
	 * written before it is read (NT too takes any page for one). */
	if (npages >= POOL_PAGES)
		return NULL;
	ke_acquire_spin_lock(&pool_spin);
	run = alloc_run_locked(npages + 1, 1, 0);
	ke_release_spin_lock(&pool_spin);
	return run;
}

/* The length of the run starting at page first. */
static uint32_t run_length(uint32_t first)
{
	uint32_t n = 1;
	while (first + n < POOL_PAGES && test_bit(used, first + n) && !test_bit(head, first + n))
		n++;
	return n;
}

/* The pool page index of a run kpage_alloc returned; panics for anything else,
 * including the slab heap's pages unless the heap itself frees them. */
static uint32_t run_index(void *p, bool slab_page)
{
	vaddr_t va = (vaddr_t)p;
	uint32_t first = (va - MM_POOL_BASE) / PAGE_SIZE;

	if (va < MM_POOL_BASE || va >= MM_POOL_END || (va & (PAGE_SIZE - 1)) ||
	    !test_bit(head, first))
		panic("kpage_free: %p is not an allocated pool page run", p);
	if (test_bit(slab, first) != slab_page)
		panic("kfree: %p is a page of kmalloc's small-object heap, not an allocation", p);
	return first;
}

static void free_run_locked(void *p, bool slab_page)
{
	uint32_t first = run_index(p, slab_page);

	clear_bit(slab, first);
	release_run(first, run_length(first));
}

void pool_lock(void)
{
	ke_acquire_spin_lock(&pool_spin);
}

void pool_unlock(void)
{
	ke_release_spin_lock(&pool_spin);
}

void kpage_free(void *p)
{
	ke_acquire_spin_lock(&pool_spin);
	free_run_locked(p, false);
	ke_release_spin_lock(&pool_spin);
}

/* The slab heap's page provider: called by slab_alloc and slab_free, under
 * the pool lock. */
static void *slab_page_alloc(void *ctx)
{
	void *page = alloc_run_locked(1, 0, PFN_ZERO);

	(void)ctx;
	if (page)
		set_bit(slab, ((vaddr_t)page - MM_POOL_BASE) / PAGE_SIZE);
	return page;
}

static void slab_page_free(void *ctx, void *page)
{
	(void)ctx;
	free_run_locked(page, true);
}

static void heap_init_once(void)
{
	static const struct slab_pages pages = { slab_page_alloc, slab_page_free, NULL };

	if (!heap_ready) {
		slab_init(&heap, &pages);
		heap_ready = true;
	}
}

void *kmalloc(size_t size)
{
	void *p;

	if (size == 0)
		return NULL;
	if (size > SLAB_MAX_SIZE)
		return size > (size_t)POOL_PAGES * PAGE_SIZE ? NULL :
			kpage_alloc((size + PAGE_SIZE - 1) / PAGE_SIZE);
	ke_acquire_spin_lock(&pool_spin);
	heap_init_once();
	p = slab_alloc(&heap, size);
	ke_release_spin_lock(&pool_spin);
	return p;
}

void kfree(void *p)
{
	enum slab_status st;

	if (!p)
		return;
	if (((vaddr_t)p & (PAGE_SIZE - 1)) == 0) {
		kpage_free(p);          /* slab objects never start a page */
		return;
	}
	if ((vaddr_t)p < MM_POOL_BASE || (vaddr_t)p >= MM_POOL_END ||
	    !mmu_query((vaddr_t)p).present)
		panic("kfree: %p is not in the kernel pool", p);
	ke_acquire_spin_lock(&pool_spin);
	heap_init_once();
	st = slab_free(&heap, p);
	ke_release_spin_lock(&pool_spin);
	if (st == SLAB_DOUBLE_FREE)
		panic("kfree: double free of %p", p);
	if (st != SLAB_OK)
		panic("kfree: %p was not returned by kmalloc", p);
}

void pool_get_stats(struct pool_stats *s)
{
	struct slab_stats ss = { 0 };

	ke_acquire_spin_lock(&pool_spin);
	if (heap_ready)
		slab_get_stats(&heap, &ss);
	s->pages = pages_mapped;
	s->slab_pages = ss.pages;
	s->slab_objects = ss.objects_in_use;
	ke_release_spin_lock(&pool_spin);
}
