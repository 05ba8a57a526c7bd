/* The address-space invariant checker: vm's counters against what its VAD
 * tree and page tables actually hold. Run when a process ends. */
#include "mm/vmspace.h"
#include "mm/largepage.h"
#include "mm/pfn.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"

struct tally {
	uint32_t committed, resident, locked;
};

/* Counts one VAD's pages; chunks without a table hold the VAD's default. A
 * view's committed pages are its section's: what it counts is its own
 * charge (a copy-on-write view's). */
static void count_vad(const struct vm_vad *v, struct tally *t)
{
	if (v->view)
		t->committed += v->committed;
	for (uint32_t p = v->node.start; p < v->node.end; p++) {
		if (!mmu_has_table(vm_va(p))) {
			uint32_t stop = (p | 1023) + 1 < v->node.end ? (p | 1023) + 1 : v->node.end;
			t->committed += v->node.flags & VAD_COMMITTED ? stop - p : 0;
			p = stop - 1;
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		t->committed += pg.committed && !v->view;
		if (pg.frame != PFN_NONE) {
			t->resident++;
			t->locked += vm_page_locked(v, vm_va(p), pg.frame);
		}
	}
}

static uint32_t check_vads(struct vm_space *vm)
{
	struct tally t = { 0 };
	uint32_t bad = 0, reserved = 0, private_commit = 0;

	for (struct vad *n = vad_first(&vm->vads); n; n = vad_next(n)) {
		struct vm_vad *v = vm_vad_of(n);
		uint32_t before = t.committed;
		count_vad(v, &t);
		if (n->flags & VAD_LARGE)
			bad += vm_large_check(vm, v);
		reserved += n->end - n->start;
		if (n->type != MEM_IMAGE)
			private_commit += v->committed;
		if (t.committed - before != v->committed) {
			kprintf("vm_check: VAD [0x%08x, 0x%08x) counts %u committed, holds %u\n",
				vm_va(n->start), vm_va(n->end), v->committed, t.committed - before);
			bad++;
		}
	}
	if (t.committed != vm->c.commit || t.resident != vm->c.resident ||
	    t.locked != vm->c.locked || reserved != vm->c.reserved ||
	    private_commit != vm->c.private_commit) {
		kprintf("vm_check: counted commit %u (private %u) resident %u locked %u "
			"reserved %u, kept %u (%u) %u %u %u\n", t.committed, private_commit,
			t.resident, t.locked, reserved, vm->c.commit, vm->c.private_commit,
			vm->c.resident, vm->c.locked, vm->c.reserved);
		bad++;
	}
	return bad;
}

/* Every table's use count is its number of non-zero PTEs, and no PTE lies
 * outside a VAD. */
static uint32_t check_tables(struct vm_space *vm)
{
	uint32_t bad = 0, tables = 0;

	for (uint32_t c = 0; c < VM_CHUNKS; c++) {
		uint32_t used = 0;
		if (!mmu_has_table(c << 22))
			continue;
		tables++;
		/* The table itself, through the self-map: one load per PTE (this
		 * runs at every process exit). */
		const volatile uint32_t *table = (const volatile uint32_t *)mmu_pte_va(c << 22);
		for (uint32_t i = 0; i < 1024; i++) {
			uint32_t pte = table[i], p = c << 10 | i;
			if (!pte)
				continue;
			used++;
			if (!vad_find(&vm->vads, p)) {
				kprintf("vm_check: PTE 0x%08x at 0x%08x outside every VAD\n", pte, vm_va(p));
				bad++;
			}
		}
		if (used != vm->pt_used[c] || !used) {
			kprintf("vm_check: table %u holds %u PTEs, counted %u\n", c, used, vm->pt_used[c]);
			bad++;
		}
	}
	if (tables != vm->c.page_tables) {
		kprintf("vm_check: %u page tables, counted %u\n", tables, vm->c.page_tables);
		bad++;
	}
	return bad;
}

uint32_t vm_check(struct vm_space *vm)
{
	uint32_t bad;

	ke_acquire_spin_lock(&vm->ws_lock);
	if ((bad = vad_check(&vm->vads) ? 0 : 1) != 0)
		kprintf("vm_check: the VAD tree is broken\n");
	bad += check_vads(vm) + check_tables(vm);
	ke_release_spin_lock(&vm->ws_lock);
	return bad;
}
