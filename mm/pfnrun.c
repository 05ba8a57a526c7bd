/* Contiguous, aligned runs of frames for large pages; see mm/largepage.h.
 *
 * The run chosen is the one that costs least: every frame free, zeroed or
 * standby if there is one, else the fewest pages to move. A frame that cannot
 * be had (kernel, page tables, pool, modified pages on their way to swap, a
 * read in flight) rules its run out. */
#include "mm/largepage.h"
#include "mm/mm.h"
#include "mm/sectionp.h"
#include "mm/stats.h"
#include "arch/arch.h"
#include "arch/mmu.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

#define RUN_IMPOSSIBLE 0xffffffffu

/* Frame pfn's contents, reachable: through the direct window, else the
 * temporary slot slot (the caller unmaps it with frame_done). */
static uint8_t *frame_at(pfn_t pfn, unsigned slot)
{
	void *direct = arch_phys_to_virt((paddr_t)pfn << PAGE_SHIFT, PAGE_SIZE);

	return direct ? direct : mmu_temp_map(slot, pfn);
}

static void frame_done(pfn_t pfn, unsigned slot)
{
	if (!arch_phys_to_virt((paddr_t)pfn << PAGE_SHIFT, PAGE_SIZE))
		mmu_temp_unmap(slot);
}

/* The user PTE e points back at, mapped in TEMP_RUN_PT (NULL when e's back
 * pointer is no user PTE: kernel pages, page tables, frames just taken). */
static volatile uint32_t *user_pte(const struct pfn_entry *e)
{
	const struct pfn_entry *table = pfn_entry(e->pt_frame);

	if (e->pte < MMU_PTE_BASE || e->pte >= mmu_pte_va(VM_USER_HIGH) || (e->pte & 3) ||
	    !table || table->state != PFN_ACTIVE)
		return NULL;
	return (volatile uint32_t *)(mmu_temp_map(TEMP_RUN_PT, e->pt_frame) +
				     (e->pte & (PAGE_SIZE - 1)));
}

/* Whether active frame pfn holds a user page that may move: its PTE names it
 * (present, or held behind NOACCESS or a guard), one mapping, no read in flight. */
static bool movable(pfn_t pfn)
{
	const struct pfn_entry *e = pfn_entry(pfn);
	volatile uint32_t *pte;
	bool ok;

	if (e->share != 1 || (e->flags & PFN_FLAG_READING) || (pte = user_pte(e)) == NULL)
		return false;
	ok = ((*pte & 1) && mmu_retarget(*pte, pfn) == *pte) ||
	     (pte_kind(*pte) == PTE_HELD && pte_index(*pte) == pfn);
	mmu_temp_unmap(TEMP_RUN_PT);
	return ok;
}

/* Pages to move to have the run at first; RUN_IMPOSSIBLE when a frame of it
 * cannot be had. */
static uint32_t run_cost(pfn_t first)
{
	uint32_t cost = 0;

	for (pfn_t p = first; p < first + MMU_LARGE_FRAMES; p++) {
		uint8_t state = pfn_entry(p)->state;
		if (state == PFN_ZEROED || state == PFN_FREE || state == PFN_STANDBY)
			continue;
		if (state != PFN_ACTIVE || !movable(p))
			return RUN_IMPOSSIBLE;
		cost++;
	}
	return cost;
}

/* The cheapest run (PFN_NONE: none can be made). */
static pfn_t run_choose(uint32_t *cost)
{
	pfn_t best = PFN_NONE;

	*cost = RUN_IMPOSSIBLE;
	/* Frames 0..1023 hold the first megabyte, never managed. */
	for (pfn_t f = MMU_LARGE_FRAMES; pfn_entry(f + MMU_LARGE_FRAMES - 1) && *cost;
	     f += MMU_LARGE_FRAMES) {
		uint32_t c = run_cost(f);
		if (c < *cost) {
			*cost = c;
			best = f;
		}
	}
	return best;
}

static void frame_zero(pfn_t pfn)
{
	memset(frame_at(pfn, TEMP_RUN_TO), 0, PAGE_SIZE);
	frame_done(pfn, TEMP_RUN_TO);
}

/* Moves the user page in frame from to a new frame: its PTE is emptied in one
 * exchange (so the dirty bit read is final), the contents copied, the PTE
 * pointed at the copy; the new frame takes over from's PFN entry. from is
 * left active, unmapped and zeroed. */
static void page_move(pfn_t from)
{
	pfn_t to = pfn_alloc_locked(0);
	struct pfn_entry *e = pfn_entry(from);
	volatile uint32_t *pte;
	uint32_t old;

	if (to == PFN_NONE)
		panic("pfnrun: no frame to move frame 0x%x to, after counting them", from);
	pte = user_pte(e);
	old = mmu_exchange(pte, 0);
	memcpy(frame_at(to, TEMP_RUN_TO), frame_at(from, TEMP_RUN_FROM), PAGE_SIZE);
	frame_done(to, TEMP_RUN_TO);
	frame_done(from, TEMP_RUN_FROM);
	*pfn_entry(to) = *e;
	*e = (struct pfn_entry){ .share = 1, .state = PFN_ACTIVE };
	mmu_exchange(pte, (old & 1) ? mmu_retarget(old, to) : pte_make(PTE_HELD, pte_prot(old), to));
	mmu_temp_unmap(TEMP_RUN_PT);
	frame_zero(from);
}

/* Takes every frame of the run at first, moving cost pages out of it. */
static void run_take(pfn_t first, uint32_t cost)
{
	for (pfn_t p = first; p < first + MMU_LARGE_FRAMES; p++) {
		uint8_t state = pfn_entry(p)->state;
		if (state == PFN_ACTIVE)
			continue;
		pfn_take_locked(p);
		if (state != PFN_ZEROED)
			frame_zero(p);
	}
	/* The run's own frames are all taken: the copies land outside it. */
	for (pfn_t p = first; cost && p < first + MMU_LARGE_FRAMES; p++)
		if (pfn_entry(p)->pte)
			page_move(p);
	if (cost) {
		/* Moved pages of any space, this one too, may be cached: one CPU
		 * today; the SMP issue adds the shootdown. */
		mmu_flush_all();
		mm_count(&mm_stats.large_pages_made);
		arch_atomic_add(&mm_stats.large_page_moves, cost);
	}
}

pfn_t pfnrun_take(void)
{
	pfn_t first;
	uint32_t cost;

	vm_lock_all_spaces();
	pfn_lock();
	/* The cheapest run; when none can be made, the file cache's working
	 * set lets its frames go (they cannot move; clean ones become standby,
	 * which a run may take) and the search runs again. */
	first = run_choose(&cost);
	if (first == PFN_NONE && filews_trim_locked(UINT32_MAX))
		first = run_choose(&cost);
	/* The run takes MMU_LARGE_FRAMES available frames in all: its own, and
	 * one outside it for every page moved. */
	if (first != PFN_NONE && pfn_available() >= MMU_LARGE_FRAMES + PFN_KERNEL_RESERVE)
		run_take(first, cost);
	else
		first = PFN_NONE;
	pfn_unlock();
	vm_unlock_all_spaces();
	return first;
}

void pfnrun_free(pfn_t first)
{
	pfn_lock();
	for (pfn_t p = first; p < first + MMU_LARGE_FRAMES; p++) {
		pfn_entry(p)->flags = 0;
		pfn_free_locked(p);
	}
	pfn_unlock();
}
