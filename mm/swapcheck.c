/* The swap-slot invariant: every slot in use is named by exactly one
 * paged-out PTE of some address space or section (a prototype PTE), one
 * standby frame, one resident
 * page's copy, a read under way (its frame's original PTE) or the write
 * under way; retired (bad) slots by nothing. The copies counted match
 * vm_swap_copies. */
#include "mm/sectionp.h"
#include "mm/swap.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/string.h"

struct marks {
	uint32_t *bits, count, named, bad, copies;
};

static void mark(struct marks *m, uint32_t slot, const char *by)
{
	if (slot >= m->count || (m->bits[slot / 32] >> (slot % 32) & 1)) {
		kprintf("swap_check: slot %u named twice or out of range (by %s)\n", slot, by);
		m->bad++;
		return;
	}
	m->bits[slot / 32] |= 1u << (slot % 32);
	m->named++;
	if (!swap_slot_in_use(slot)) {
		kprintf("swap_check: slot %u is named by %s but free\n", slot, by);
		m->bad++;
	}
}

/* The paged-out PTEs of the running address space's VADs. */
static void mark_space(struct marks *m, struct vm_space *vm)
{
	for (struct vad *n = vad_first(&vm->vads); n; n = vad_next(n)) {
		vaddr_t end = vm_va(n->end);
		for (vaddr_t va = mmu_next_used(vm_va(n->start), end); va < end;
		     va = mmu_next_used(va + VM_PAGE, end)) {
			uint32_t pte = vm_pte_raw(va);
			if (pte_kind(pte) == PTE_PAGED_OUT)
				mark(m, pte_index(pte), "a paged-out PTE");
		}
	}
}

/* The paged-out prototype PTEs of every section (PFN lock held). */
static void mark_sections(struct marks *m)
{
	for (const struct mm_control_area *ca = mm_control_areas; ca; ca = ca->next)
		for (uint32_t i = 0; i < ca->segment.pages; i++)
			if (pte_kind(ca->segment.proto[i]) == PTE_PAGED_OUT)
				mark(m, pte_index(ca->segment.proto[i]), "a prototype PTE");
}

/* Marks what names a slot, every space's lock and the PFN lock held: the
 * PTEs, the frames, the write under way and the slot map (changed only under
 * one of those) all stand still. */
static void mark_all(struct marks *m, pfn_t highest)
{
	for (struct vm_space *vm = vm_all; vm; vm = vm->next) {
		pfn_t previous = vm_attach(vm);
		mark_space(m, vm);
		vm_detach(previous);
	}
	for (pfn_t p = 1; p <= highest; p++) {
		struct pfn_entry *e = pfn_entry(p);
		if (pte_is_subsection(e->original_pte))
			continue;       /* a file page: no slot (mm/filecache.c) */
		if (e->state == PFN_STANDBY)
			mark(m, pte_index(e->original_pte), "a standby frame");
		else if (e->state == PFN_ACTIVE && (e->flags & PFN_FLAG_READING))
			mark(m, pte_index(e->original_pte), "a read under way");
		else if (e->state == PFN_ACTIVE && pte_kind(e->original_pte) == PTE_PAGED_OUT &&
			 ++m->copies)
			mark(m, pte_index(e->original_pte), "a resident page's copy");
	}
	mark_sections(m);
	uint32_t first, n = vm_writer_in_flight(&first);
	for (uint32_t i = 0; i < n; i++)
		mark(m, first + i, "the write under way");
}

uint32_t swap_check(void)
{
	struct swap_stats st;
	struct marks m = { .bits = swap_check_bitmap() };
	struct pfn_totals t;
	uint32_t copies;

	swap_get_stats(&st);
	if (!swap_present())
		return 0;
	pfn_get_totals(&t);
	memset(m.bits, 0, (st.slots + 31) / 32 * 4);
	m.count = st.slots;
	vm_lock_all_spaces();
	pfn_lock();
	mark_all(&m, t.highest);
	swap_get_stats(&st);
	copies = vm_swap_copies();      /* with the marks: nothing moved between */
	pfn_unlock();
	vm_unlock_all_spaces();
	if (m.copies != copies) {
		kprintf("swap_check: %u resident pages have a copy, the count says %u\n",
			m.copies, copies);
		m.bad++;
	}
	if (m.named + st.bad != st.used) {
		kprintf("swap_check: %u slots in use, %u named, %u bad; unnamed:", st.used, m.named,
			st.bad);
		for (uint32_t s = 0, shown = 0; s < m.count && shown < 8; s++)
			if (swap_slot_in_use(s) && !(m.bits[s / 32] >> (s % 32) & 1) && ++shown)
				kprintf(" %u", s);
		kprintf("\n");
		m.bad++;
	}
	return m.bad;
}
