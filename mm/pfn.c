/* The PFN database and frame allocation; see mm/pfn.h. */
#include "mm/pfn.h"
#include "mm/mm.h"
#include "mm/pte.h"
#include "mm/sectionp.h"
#include "arch/arch.h"
#include "arch/mmu.h"
#include "kernel/ke/lock.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

#define PFN_FLAG_SEEN 0x80      /* transient mark used by pfn_check */

static struct pfn_entry *db;
static pfn_t db_highest;
static struct pfn_list lists[PFN_LISTS];
static uint32_t managed, active;
static uint32_t zeroed_idle, zeroed_on_demand;
static const struct ke_lock_class pfn_class = { "PFN database", KE_RANK_PFN, true, NULL };
static struct ke_spin_lock pfn_spin = { .cls = &pfn_class };

static const char *const state_names[] = {
	"zeroed", "free", "standby", "modified", "bad", "active", "unmanaged",
};

void pfn_db_init(struct pfn_entry *base, pfn_t highest)
{
	db = base;
	db_highest = highest;
	memset(db, 0, (highest + 1) * sizeof(*db));
	for (pfn_t p = 0; p <= highest; p++)
		db[p].state = PFN_UNMANAGED;
}

void pfn_db_add_free(pfn_t pfn)
{
	pfnlist_push_tail(db, &lists[PFN_FREE], pfn, PFN_FREE);
	managed++;
}

void pfn_db_add_active(pfn_t pfn, vaddr_t pte, pfn_t pt_frame)
{
	db[pfn] = (struct pfn_entry){ .pte = pte, .pt_frame = pt_frame, .share = 1,
				      .state = PFN_ACTIVE };
	managed++;
	active++;
}

struct pfn_entry *pfn_entry(pfn_t pfn)
{
	return pfn <= db_highest ? &db[pfn] : NULL;
}

void pfn_lock(void)
{
	ke_acquire_spin_lock(&pfn_spin);
}

void pfn_unlock(void)
{
	ke_release_spin_lock(&pfn_spin);
}

/* The _locked functions' check: a missing lock is a kernel bug. */
static void assert_locked(const char *fn)
{
	if (!ke_spin_lock_held(&pfn_spin))
		panic("%s: the PFN lock is not held", fn);
}

/* Frames in the direct window are zeroed there; others through hyperspace. */
static void zero_frame(pfn_t pfn)
{
	void *direct = arch_phys_to_virt((paddr_t)pfn << PAGE_SHIFT, PAGE_SIZE);

	if (direct) {
		memset(direct, 0, PAGE_SIZE);
		return;
	}
	memset(mmu_temp_map(TEMP_ZERO, pfn), 0, PAGE_SIZE);
	mmu_temp_unmap(TEMP_ZERO);
}

bool pfn_zero_one(void)
{
	pfn_t pfn;

	pfn_lock();
	/* Zeroed under the lock: the frame is on no list meanwhile, and the
	 * zeroing slot has one owner. */
	if ((pfn = pfnlist_pop_head(db, &lists[PFN_FREE])) != PFN_NONE) {
		zero_frame(pfn);
		pfnlist_push_tail(db, &lists[PFN_ZEROED], pfn, PFN_ZEROED);
		zeroed_idle++;
	}
	pfn_unlock();
	return pfn != PFN_NONE;
}

/* The PTE at e's back pointer, through its page table's frame. */
static volatile uint32_t *owner_pte(const struct pfn_entry *e, unsigned slot)
{
	uint32_t *pt = mmu_temp_map(slot, e->pt_frame);

	return &pt[(e->pte & (PAGE_SIZE - 1)) / 4];
}

/* Standby frame pfn, off its list, leaves its owner: the owner's transition
 * PTE becomes a paged-out one naming the swap slot the frame's contents are
 * in, or, for a file page, the subsection PTE saying "on the file". */
static void standby_disown(pfn_t pfn)
{
	volatile uint32_t *pte = owner_pte(&db[pfn], TEMP_REPURPOSE);
	uint32_t orig = db[pfn].original_pte;

	if (pte_kind(*pte) != PTE_TRANSITION || pte_index(*pte) != pfn)
		panic("pfn: standby frame 0x%x, its PTE holds 0x%08x", pfn, *pte);
	*pte = pte_is_subsection(orig) ? orig
				       : pte_make(PTE_PAGED_OUT, pte_prot(*pte), pte_index(orig));
	mmu_temp_unmap(TEMP_REPURPOSE);
}

/* Takes the oldest standby frame from its owner. */
static pfn_t take_standby(void)
{
	pfn_t pfn = pfnlist_pop_head(db, &lists[PFN_STANDBY]);

	if (pfn != PFN_NONE)
		standby_disown(pfn);
	return pfn;
}

/* Makes pfn, just taken off a list, active with share 1 and no mapping. */
static void made_active(pfn_t pfn)
{
	db[pfn] = (struct pfn_entry){ .share = 1, .state = PFN_ACTIVE };
	active++;
}

bool pfn_take_locked(pfn_t pfn)
{
	uint8_t state = db[pfn].state;

	assert_locked("pfn_take_locked");
	if (state != PFN_ZEROED && state != PFN_FREE && state != PFN_STANDBY)
		return false;
	pfnlist_remove(db, &lists[state], pfn);
	if (state == PFN_STANDBY)
		standby_disown(pfn);
	made_active(pfn);
	return true;
}

uint32_t pfn_available(void)
{
	return lists[PFN_ZEROED].count + lists[PFN_FREE].count + lists[PFN_STANDBY].count;
}

pfn_t pfn_alloc_locked(unsigned flags)
{
	bool zero = false;
	int first = flags & PFN_ZERO ? PFN_ZEROED : PFN_FREE;
	pfn_t pfn = PFN_NONE;

	assert_locked("pfn_alloc_locked");
	/* Down to the kernel's reserve, the file cache's working set gives its
	 * oldest pages back (clean ones reach standby) before anyone waits. */
	while (pfn_available() <= PFN_KERNEL_RESERVE && filews_trim_locked(1))
		;
	if (!(flags & PFN_USER) || pfn_available() > PFN_KERNEL_RESERVE) {
		pfn = pfnlist_pop_head(db, &lists[first]);
		if (pfn == PFN_NONE)
			pfn = pfnlist_pop_head(db, &lists[first == PFN_FREE ? PFN_ZEROED : PFN_FREE]);
		if (pfn == PFN_NONE)
			pfn = take_standby();
	}
	if (pfn != PFN_NONE) {
		zero = (flags & PFN_ZERO) && db[pfn].state != PFN_ZEROED;
		made_active(pfn);
	}
	/* Still under the lock: the zeroing slot has one owner at a time. */
	if (zero) {
		zero_frame(pfn);
		zeroed_on_demand++;
	}
	return pfn;
}

pfn_t pfn_alloc(unsigned flags)
{
	pfn_t pfn;

	pfn_lock();
	pfn = pfn_alloc_locked(flags);
	pfn_unlock();
	return pfn;
}

void pfn_to_list_locked(pfn_t pfn, enum pfn_state list)
{
	assert_locked("pfn_to_list_locked");
	if (db[pfn].state != PFN_ACTIVE)
		panic("pfn_to_list: frame 0x%x is %s, not active", pfn, state_names[db[pfn].state]);
	active--;
	if (list == PFN_STANDBY && (db[pfn].flags & PFN_FLAG_LOW_PRIORITY))
		pfnlist_push_head(db, &lists[list], pfn, list);
	else
		pfnlist_push_tail(db, &lists[list], pfn, list);
}

void pfn_from_list_locked(pfn_t pfn)
{
	uint8_t state = db[pfn].state;

	assert_locked("pfn_from_list_locked");
	if (state != PFN_STANDBY && state != PFN_MODIFIED)
		panic("pfn_from_list: frame 0x%x is %s", pfn, state_names[state]);
	pfnlist_remove(db, &lists[state], pfn);
	db[pfn].state = PFN_ACTIVE;
	active++;
}

pfn_t pfn_modified_head_locked(void)
{
	assert_locked("pfn_modified_head_locked");
	return lists[PFN_MODIFIED].head;
}

uint32_t pfn_list_count(enum pfn_state list)
{
	return lists[list].count;
}

void pfn_set_pte(pfn_t pfn, vaddr_t pte, pfn_t pt_frame)
{
	db[pfn].pte = pte;
	db[pfn].pt_frame = pt_frame;
}

void pfn_free_locked(pfn_t pfn)
{
	assert_locked("pfn_free_locked");
	if (pfn > db_highest || db[pfn].state != PFN_ACTIVE)
		panic("pfn_free: frame 0x%x is %s, not active", pfn,
		      pfn > db_highest ? "beyond the database" : state_names[db[pfn].state]);
	active--;
	db[pfn].share = 0;
	db[pfn].pte = 0;
	pfnlist_push_tail(db, &lists[PFN_FREE], pfn, PFN_FREE);
}

void pfn_free(pfn_t pfn)
{
	pfn_lock();
	pfn_free_locked(pfn);
	pfn_unlock();
}

void pfn_get_totals(struct pfn_totals *t)
{
	pfn_lock();
	t->managed = managed;
	for (int i = 0; i < PFN_LISTS; i++)
		t->on_list[i] = lists[i].count;
	t->active = active;
	t->highest = db_highest;
	t->zeroed_idle = zeroed_idle;
	t->zeroed_on_demand = zeroed_on_demand;
	pfn_unlock();
}

/* A standby or modified frame's back pointer must lead to a transition PTE
 * naming it. */
static bool named_in_transition(pfn_t p)
{
	uint32_t pte = *owner_pte(&db[p], TEMP_CHECK);

	mmu_temp_unmap(TEMP_CHECK);
	if (pte_kind(pte) == PTE_TRANSITION && pte_index(pte) == p)
		return true;
	kprintf("pfn_check: %s frame 0x%x: its PTE holds 0x%08x\n", state_names[db[p].state], p, pte);
	return false;
}

/* Walks one list: states, links and count must agree; marks members seen. */
static uint32_t check_list(int which)
{
	const struct pfn_list *l = &lists[which];
	uint32_t bad = 0, n = 0;
	pfn_t prev = PFN_NONE;

	for (pfn_t p = l->head; p != PFN_NONE; prev = p, p = db[p].flink) {
		if (p > db_highest || n > managed) {
			kprintf("pfn_check: %s list runs off the database at 0x%x\n",
				state_names[which], p);
			return bad + 1;
		}
		if (db[p].flags & PFN_FLAG_SEEN) {
			kprintf("pfn_check: frame 0x%x is on two lists (or a cycle)\n", p);
			return bad + 1;
		}
		db[p].flags |= PFN_FLAG_SEEN;
		if ((which == PFN_STANDBY || which == PFN_MODIFIED) && !named_in_transition(p))
			bad++;
		if (db[p].state != which || db[p].blink != prev) {
			kprintf("pfn_check: frame 0x%x on the %s list says state %u blink 0x%x\n",
				p, state_names[which], db[p].state, db[p].blink);
			bad++;
		}
		n++;
	}
	if (n != l->count || prev != l->tail) {
		kprintf("pfn_check: %s list holds %u frames, counted %u\n",
			state_names[which], n, l->count);
		bad++;
	}
	return bad;
}

/* An active frame's back pointer must lead to a PTE naming it: present, or
 * holding it behind a protection that denies access; a large page's frames
 * lead to the PDE that maps them all. */
static uint32_t check_active(pfn_t p)
{
	const struct pfn_entry *e = &db[p];
	struct mmu_mapping m = { 0 };

	/* A process PTE in the self-map, or a section's prototype PTE in the
	 * pool (mm/section.h): valid, or in transition for a read. */
	bool in_pool = e->pte >= MM_POOL_BASE && e->pte < MM_POOL_END;

	if ((e->pte - MMU_PTE_BASE < MMU_PTE_SPAN || in_pool) && (e->pte & 3) == 0 &&
	    e->pt_frame != PFN_NONE && e->pt_frame <= db_highest) {
		m.raw = *owner_pte(e, TEMP_CHECK);
		mmu_temp_unmap(TEMP_CHECK);
	}
	if ((m.raw & 1) && (m.raw >> PAGE_SHIFT) == p)
		return 0;
	if (mmu_large_holds(m.raw, p))
		return 0;
	if (pte_kind(m.raw) == PTE_HELD && pte_index(m.raw) == p)
		return 0;
	if ((e->flags & PFN_FLAG_READING) && pte_kind(m.raw) == PTE_TRANSITION &&
	    pte_index(m.raw) == p)
		return 0;
	kprintf("pfn_check: active frame 0x%x: back pointer 0x%08x (table 0x%x) holds "
		"0x%08x\n", p, e->pte, e->pt_frame, m.raw);
	return 1;
}

uint32_t pfn_check(void)
{
	uint32_t bad = 0, seen_active = 0, listed = 0;

	pfn_lock();
	for (int i = 0; i < PFN_LISTS; i++) {
		bad += check_list(i);
		listed += lists[i].count;
	}
	for (pfn_t p = 0; p <= db_highest; p++) {
		if (db[p].state == PFN_ACTIVE) {
			seen_active++;
			bad += check_active(p);
		} else if (db[p].state < PFN_LISTS && !(db[p].flags & PFN_FLAG_SEEN)) {
			kprintf("pfn_check: frame 0x%x says %s but is on no list\n", p,
				state_names[db[p].state]);
			bad++;
		}
		db[p].flags &= ~PFN_FLAG_SEEN;
	}
	if (seen_active != active || listed + active != managed) {
		kprintf("pfn_check: %u listed + %u active (counted %u) != %u managed\n",
			listed, active, seen_active, managed);
		bad++;
	}
	pfn_unlock();
	return bad;
}
