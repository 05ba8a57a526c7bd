/* Address spaces and their pages; see mm/vm.h and mm/vmspace.h. */
#include "mm/vmspace.h"
#include "mm/largepage.h"
#include "mm/sectionp.h"
#include "mm/aspace.h"
#include "mm/commit.h"
#include "mm/image.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/swap.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/spinlock.h"
#include "arch/trap.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

_Static_assert(sizeof(struct vm_space) <= PAGE_SIZE, "struct vm_space must fit a page");

#define WS_MAX_DEFAULT 345u     /* Windows' default maximum working set, pages */

static const struct ke_lock_class create_class = {
	"address creation", KE_RANK_ADDRESS_CREATION, false, NULL };
static const struct ke_lock_class list_class = {
	"address-space list", KE_RANK_SPACE_LIST, true, NULL };
static const struct ke_lock_class ws_class = {
	"working set", KE_RANK_WORKING_SET, true, &list_class };

struct vm_space *vm_all;
struct ke_spin_lock vm_list_lock = { .cls = &list_class };

struct vm_space *vm_create(void)
{
	struct vm_space *vm = kpage_alloc(1);

	if (!vm)
		return NULL;
	memset(vm, 0, sizeof(*vm));
	ke_init_guarded_mutex(&vm->create_lock, &create_class);
	ke_init_spin_lock(&vm->ws_lock, &ws_class);
	vad_tree_init(&vm->vads);
	if (!commit_charge(1)) {
		kpage_free(vm);
		return NULL;
	}
	if ((vm->pd = aspace_create()) == PFN_NONE) {
		commit_return(1);
		kpage_free(vm);
		return NULL;
	}
	vm->ws_min = VM_WS_MIN_PAGES;
	vm->ws_max = WS_MAX_DEFAULT;
	vm->ws_flags = VM_WS_MIN_DISABLE | VM_WS_MAX_DISABLE;
	vm->page_priority = VM_MEMORY_PRIORITY_NORMAL;
	ke_acquire_spin_lock(&vm_list_lock);
	vm_layout_choose(&vm->layout);  /* the list lock serializes the entropy pool */
	vm->next = vm_all;
	vm_all = vm;
	ke_release_spin_lock(&vm_list_lock);
	return vm;
}

pfn_t vm_directory(const struct vm_space *vm)
{
	return vm->pd;
}

bool vm_cleared(const struct vm_space *vm)
{
	return vm->cleared;
}

void vm_destroy(struct vm_space *vm)
{
	struct vm_space **link = &vm_all;

	if (!vm->cleared && vm->vads.count)
		panic("vm_destroy: address space 0x%x was not cleared", vm->pd);
	/* Off the list, no thread visits it any more: the balance set manager
	 * and the checkers hold the list lock while they do. */
	ke_acquire_spin_lock(&vm_list_lock);
	while (*link != vm)
		link = &(*link)->next;
	*link = vm->next;
	ke_release_spin_lock(&vm_list_lock);
	aspace_destroy(vm->pd);
	vm_ws_watch_free(vm);
	commit_return(1);
	kpage_free(vm);
}

pfn_t vm_attach(struct vm_space *vm)
{
	pfn_t previous = read_cr3() >> PAGE_SHIFT;

	if (read_eflags() & EFLAGS_IF)
		panic("vm_attach with interrupts on: a switch would reload CR3");
	if (previous != vm->pd)
		mmu_activate(vm->pd);
	return previous;
}

void vm_detach(pfn_t previous)
{
	if (previous != read_cr3() >> PAGE_SHIFT)
		mmu_activate(previous);
}

struct vm_vad *vm_vad_at(struct vm_space *vm, uint32_t page)
{
	return vm_vad_of(vad_find(&vm->vads, page));
}

uint32_t vm_pte_raw(vaddr_t va)
{
	uint32_t pde, pte;

	mmu_query_raw(va, &pde, &pte);
	return pte;
}

struct vm_page vm_page_get(const struct vm_vad *v, vaddr_t va)
{
	struct vm_page pg = { .pte = vm_pte_raw(va), .frame = PFN_NONE };

	if (v->view)
		return view_page_get(v, va);
	pg.kind = pte_kind(pg.pte);
	switch (pg.kind) {
	case PTE_NONE:
		pg.committed = v->node.flags & VAD_COMMITTED;
		pg.prot = pg.committed ? (pte_prot_t)v->node.protect : 0;
		break;
	case PTE_PRESENT:
		pg.committed = true;
		pg.frame = pg.pte >> PAGE_SHIFT;
		pg.prot = pte_prot(pfn_entry(pg.frame)->original_pte);
		break;
	case PTE_DECOMMITTED:
		break;
	case PTE_HELD:
		pg.frame = pte_index(pg.pte);
		/* fall through */
	default:
		pg.committed = true;
		pg.prot = pte_prot(pg.pte);
		break;
	}
	return pg;
}

uint32_t vm_pte_committed(const struct vm_vad *v, pte_prot_t prot)
{
	if ((v->node.flags & VAD_COMMITTED) && prot == v->node.protect)
		return 0;
	return pte_make(PTE_DEMAND_ZERO, prot, 0);
}

static bool chunk_charged(const struct vm_space *vm, uint32_t chunk)
{
	return vm->pt_charged[chunk / 32] >> (chunk % 32) & 1;
}

/* Makes the page table covering va exist. Its frame was charged when the
 * chunk's first page was committed, so one must be free. */
static void table_ensure(struct vm_space *vm, vaddr_t va)
{
	vaddr_t table_va = MMU_PTE_BASE + (va >> 22) * PAGE_SIZE;
	pfn_t pt;

	if (mmu_has_table(va))
		return;
	if (!chunk_charged(vm, va >> 22))
		panic("vm: a page table for 0x%08x without a charge", va);
	if ((pt = pfn_alloc(PFN_ZERO)) == PFN_NONE)
		panic("vm: no frame for a charged page table (charge %u of %u)",
		      commit_charged(), commit_limit());
	mmu_set_table(va, pt, true);
	pfn_set_pte(pt, mmu_pte_va(table_va), mmu_table_pfn(table_va));
	vm->c.page_tables++;
}

/* One more or one fewer non-zero PTE in va's table; the last one frees it. */
static void table_count(struct vm_space *vm, vaddr_t va, uint32_t old, uint32_t new)
{
	uint32_t chunk = va >> 22;
	pfn_t pt;

	if (!old == !new)
		return;
	if (new) {
		vm->pt_used[chunk]++;
		return;
	}
	if (--vm->pt_used[chunk])
		return;
	pt = mmu_table_pfn(va);
	mmu_set_table(va, 0, false);    /* every PTE is clear and was flushed */
	pfn_free(pt);
	vm->c.page_tables--;
}

/* The _locked functions' check: a missing lock is a kernel bug. */
static void assert_ws_locked(const struct vm_space *vm, const char *fn)
{
	if (!ke_spin_lock_held(&vm->ws_lock))
		panic("%s: the working-set lock of 0x%x is not held", fn, vm->pd);
}

struct mmu_mapping vm_pte_revoke(struct vm_space *vm, vaddr_t va, uint32_t soft)
{
	(void)vm;               /* the SMP issue: the CPUs running vm */
	return mmu_set_soft(va, soft);
}

struct mmu_mapping vm_pte_set(struct vm_space *vm, vaddr_t va, uint32_t soft)
{
	uint32_t old = vm_pte_raw(va);
	struct mmu_mapping m = { .raw = old };

	assert_ws_locked(vm, "vm_pte_set");
	if (old == soft)
		return m;
	table_ensure(vm, va);
	m = vm_pte_revoke(vm, va, soft);
	table_count(vm, va, old, soft);
	return m;
}

unsigned vm_hw_prot(pte_prot_t prot)
{
	/* Write-copy pages map read-only: the first write faults and turns
	 * them read-write (their frames are private copies already). */
	bool write = pte_prot_writable(prot) && !pte_prot_writecopy(prot);

	return MMU_USER | (write ? MMU_WRITE : 0) | (pte_prot_nocache(prot) ? MMU_NOCACHE : 0);
}

static void counted_resident(struct vm_space *vm)
{
	if (++vm->c.resident > vm->c.peak_resident)
		vm->c.peak_resident = vm->c.resident;
}

void vm_pte_reprotect(struct vm_space *vm, vaddr_t va, pte_prot_t prot)
{
	(void)vm;               /* the SMP issue: as in vm_pte_revoke */
	mmu_protect(va, vm_hw_prot(prot));
}

void vm_page_map_shared(struct vm_space *vm, vaddr_t va, pfn_t pfn, pte_prot_t prot)
{
	uint32_t old = vm_pte_raw(va);

	assert_ws_locked(vm, "vm_page_map");
	table_ensure(vm, va);
	vm_page_map_shared_in_table(vm, va, old, pfn, prot);
}

void vm_page_map_shared_in_table(struct vm_space *vm, vaddr_t va, uint32_t old, pfn_t pfn,
				 pte_prot_t prot)
{
	mmu_map(va, pfn, vm_hw_prot(prot));
	table_count(vm, va, old, 1);
	counted_resident(vm);
}

void vm_page_map(struct vm_space *vm, vaddr_t va, pfn_t pfn, pte_prot_t prot)
{
	assert_ws_locked(vm, "vm_page_map");
	table_ensure(vm, va);
	pfn_entry(pfn)->original_pte = pte_make(PTE_DEMAND_ZERO, prot, 0);
	pfn_set_pte(pfn, mmu_pte_va(va), mmu_table_pfn(va));
	vm_page_map_shared(vm, va, pfn, prot);
}

/* Resident pages with a copy in swap: changed under the working-set locks of
 * many spaces, so atomically. */
static volatile uint32_t copies;

uint32_t vm_swap_copies(void)
{
	return copies;
}

void vm_page_keep_copy(pfn_t pfn, pte_prot_t prot, uint32_t slot)
{
	if (!swap_keep_copies()) {
		swap_free(slot);
		return;
	}
	pfn_entry(pfn)->original_pte = pte_make(PTE_PAGED_OUT, prot, slot);
	arch_atomic_add(&copies, 1);
}

bool vm_page_forget_copy(struct pfn_entry *e)
{
	if (pte_kind(e->original_pte) != PTE_PAGED_OUT)
		return false;
	swap_free(pte_index(e->original_pte));
	e->original_pte = pte_make(PTE_DEMAND_ZERO, pte_prot(e->original_pte), 0);
	arch_atomic_add(&copies, (uint32_t)-1);
	return true;
}

bool vm_page_copy_to_standby(struct pfn_entry *e)
{
	if (pte_kind(e->original_pte) != PTE_PAGED_OUT)
		return false;
	arch_atomic_add(&copies, (uint32_t)-1);   /* its slot names a standby frame now */
	return true;
}

/* Drops transition page va: its frame (on the standby or modified list)
 * goes free, a standby frame's slot too; a write in flight of a modified one
 * finds the frame gone and frees its own slot. Under the PFN lock, which may
 * have taken the standby frame since the PTE was read: then the PTE names
 * its slot, which goes. */
static void drop_transition(struct vm_space *vm, vaddr_t va, uint32_t soft)
{
	uint32_t pte;
	struct pfn_entry *e;

	pfn_lock();
	pte = vm_pte_raw(va);
	vm_pte_revoke(vm, va, soft);
	if (pte_kind(pte) == PTE_PAGED_OUT) {
		swap_free(pte_index(pte));
	} else {
		e = pfn_entry(pte_index(pte));
		if (e->state == PFN_STANDBY)
			swap_free(pte_index(e->original_pte));
		pfn_from_list_locked(pte_index(pte));
		e->flags = 0;
		pfn_free_locked(pte_index(pte));
	}
	pfn_unlock();
	table_count(vm, va, pte, soft);
}

void vm_frame_release(struct vm_space *vm, vaddr_t va, pfn_t pfn, uint32_t soft)
{
	struct pfn_entry *e = pfn_entry(pfn);

	vm_pte_set(vm, va, soft);       /* cleared and flushed before the frame goes */
	if (e->flags & PFN_FLAG_LOCKED)
		vm->c.locked--;
	vm_page_forget_copy(e);
	e->flags = 0;
	pfn_free(pfn);
	vm->c.resident--;
}

void vm_page_drop(struct vm_space *vm, vaddr_t va, const struct vm_page *pg, uint32_t soft)
{
	if (pg->kind == PTE_TRANSITION) {
		drop_transition(vm, va, soft);
	} else if (pg->frame != PFN_NONE) {
		vm_frame_release(vm, va, pg->frame, soft);
	} else {
		vm_pte_set(vm, va, soft);
		if (pg->kind == PTE_PAGED_OUT)
			swap_free(pte_index(pg->pte));
	}
}

void vm_page_protect(struct vm_space *vm, const struct vm_vad *v, vaddr_t va,
		     const struct vm_page *pg, pte_prot_t prot)
{
	uint32_t now;

	if (v->view && view_page_protect(vm, v, va, pg, prot))
		return;
	switch (pg->kind) {
	case PTE_TRANSITION:
		/* The PFN lock's as long as its frame is listed (mm/pfn.h):
		 * read again under it, the frame may have been taken. */
		pfn_lock();
		now = vm_pte_raw(va);
		vm_pte_revoke(vm, va, pte_make(pte_kind(now), prot, pte_index(now)));
		pfn_unlock();
		return;
	case PTE_PAGED_OUT:
		vm_pte_set(vm, va, pte_make(pg->kind, prot, pte_index(pg->pte)));
		return;
	case PTE_PRESENT:
	case PTE_HELD:
		break;
	default:
		vm_pte_set(vm, va, vm_pte_committed(v, prot));
		return;
	}
	struct pfn_entry *e = pfn_entry(pg->frame);
	/* Going held, the page loses its hardware PTE and so the dirty bit
	 * (read in the exchange that clears it): written, it may no longer be
	 * refilled from zeroes or the image when trimmed (that lost its data).
	 * Its swap copy goes in any case: held pages are out of reach of
	 * vm_copies_release. */
	if (!pte_prot_mappable(prot)) {
		if (vm_pte_revoke(vm, va, pte_make(PTE_HELD, prot, pg->frame)).dirty) {
			e->flags &= ~PFN_FLAG_FILLED;
			vm_watch_note(v, va);
		}
		if (pg->kind == PTE_PRESENT)
			vm_page_forget_copy(e);
	}
	e->original_pte = pte_make(pte_kind(e->original_pte) == PTE_PAGED_OUT ? PTE_PAGED_OUT :
				   PTE_DEMAND_ZERO, prot, pte_index(e->original_pte));
	if (pg->kind == PTE_PRESENT && pte_prot_mappable(prot))
		vm_pte_reprotect(vm, va, prot);
	else if (pte_prot_mappable(prot))
		mmu_map(va, pg->frame, vm_hw_prot(prot));  /* held: rights only come back */
}

bool vm_page_fill(struct vm_space *vm, vaddr_t va, const struct vm_page *pg)
{
	pfn_t pfn = pfn_alloc(PFN_ZERO | PFN_USER);

	if (pfn == PFN_NONE)
		return false;
	vm_page_map(vm, va, pfn, pg->prot);
	pfn_entry(pfn)->flags |= PFN_FLAG_FILLED;
	return true;
}

uint32_t vm_tables_uncharged(const struct vm_space *vm, uint32_t first, uint32_t end)
{
	uint32_t need = 0;

	for (uint32_t c = first >> 10; c <= (end - 1) >> 10; c++)
		need += !chunk_charged(vm, c);
	return need;
}

bool vm_charge_tables(struct vm_space *vm, uint32_t first, uint32_t end)
{
	uint32_t need = vm_tables_uncharged(vm, first, end);

	if (need && !commit_charge(need))
		return false;
	for (uint32_t c = first >> 10; c <= (end - 1) >> 10; c++)
		vm->pt_charged[c / 32] |= 1u << (c % 32);
	return true;
}

bool vm_tables_ready(uint32_t first, uint32_t end)
{
	uint32_t need = 0, last = (end - 1) >> 10;

	for (uint32_t c = first >> 10; c <= last; c++)
		need += !mmu_has_table(vm_va(c << 10));
	/* The working-set lock (interrupts off) stays held from here to the
	 * last PTE written: on one CPU what is available now is what the tables
	 * will find. Several CPUs allocate meanwhile: the SMP issue turns this
	 * look into a reservation of the frames. */
	if (!need || pfn_available() >= need + PFN_KERNEL_RESERVE / 2)
		return true;
	vm_balance_want(need + PFN_KERNEL_RESERVE / 2);
	return false;
}

/* Returns the table charges of v's chunks that no other VAD reaches (v is
 * already out of the tree). */
static void return_tables(struct vm_space *vm, const struct vm_vad *v)
{
	uint32_t last = (v->node.end - 1) >> 10;

	for (uint32_t c = v->node.start >> 10; c <= last; c++) {
		if (!chunk_charged(vm, c) || vad_conflicts(&vm->vads, c << 10, (c + 1) << 10))
			continue;
		vm->pt_charged[c / 32] &= ~(1u << (c % 32));
		commit_return(1);
	}
}

static vm_quota_check_fn *quota_check;

void vm_set_quota_check(vm_quota_check_fn *check)
{
	quota_check = check;
}

void vm_set_quota_owner(struct vm_space *vm, void *owner)
{
	vm->quota_owner = owner;
}

uint32_t vm_private_commit(const struct vm_space *vm)
{
	return vm->c.private_commit;
}

uint32_t vm_fault_count(const struct vm_space *vm)
{
	return vm->c.faults;
}

uint32_t vm_charge_private(struct vm_space *vm, uint32_t pages)
{
	uint32_t err;

	if (vm->quota_owner && quota_check &&
	    (err = quota_check(vm->quota_owner, vm->c.private_commit, pages)) != 0)
		return err;
	return commit_charge(pages) ? 0 : ERROR_COMMITMENT_LIMIT;
}

void vm_commit_add(struct vm_space *vm, struct vm_vad *v, uint32_t n)
{
	v->committed += n;
	vm->c.commit += n;
	if (vm->c.commit > vm->c.peak_commit)
		vm->c.peak_commit = vm->c.commit;
	if (v->node.type == MEM_IMAGE)
		return;
	vm->c.private_commit += n;
	if (vm->c.private_commit > vm->c.peak_private_commit)
		vm->c.peak_private_commit = vm->c.private_commit;
}

void vm_commit_sub(struct vm_space *vm, struct vm_vad *v, uint32_t n)
{
	v->committed -= n;
	vm->c.commit -= n;
	if (v->node.type != MEM_IMAGE)
		vm->c.private_commit -= n;
}

/* Gives up every page of v: frames go, PTEs become 0. Only pages with a
 * non-zero PTE are visited, so releasing a big reservation costs little. */
static void drop_all(struct vm_space *vm, struct vm_vad *v)
{
	vaddr_t end = vm_va(v->node.end);

	for (vaddr_t va = mmu_next_used(vm_va(v->node.start), end); va < end;
	     va = mmu_next_used(va + PAGE_SIZE, end)) {
		struct vm_page pg = vm_page_get(v, va);
		vm_page_drop(vm, va, &pg, 0);
	}
}

void vm_vad_release(struct vm_space *vm, struct vm_vad *v)
{
	if (v->view) {
		view_release(vm, v);
	} else {
		if (v->node.flags & VAD_LARGE)
			vm_large_release(vm, v);
		drop_all(vm, v);
	}
	commit_return(v->committed);
	vm_commit_sub(vm, v, v->committed);
	vm->c.reserved -= v->node.end - v->node.start;
	vad_remove(&vm->vads, &v->node);
	return_tables(vm, v);
	kfree(v->watch);
	kfree(v);
}

void vm_clear(struct vm_space *vm)
{
	struct vad *v;

	vm_enter(vm);
	while ((v = vm->vads.root) != NULL)
		vm_vad_release(vm, vm_vad_of(v));
	vm->cleared = true;
	if (vm->c.commit || vm->c.resident || vm->c.locked || vm->c.page_tables ||
	    vm->c.reserved)
		panic("vm_clear: left commit %u, resident %u, locked %u, tables %u, reserved %u",
		      vm->c.commit, vm->c.resident, vm->c.locked, vm->c.page_tables,
		      vm->c.reserved);
	for (uint32_t i = 0; i < sizeof(vm->pt_charged) / 4; i++)
		if (vm->pt_charged[i])
			panic("vm_clear: page-table charges left in word %u: 0x%08x", i,
			      vm->pt_charged[i]);
	vm_leave(vm);
	mm_image_reap();        /* the program's image, when this was its last process */
}

void vm_get_counters(struct vm_space *vm, struct vm_counters *c)
{
	ke_acquire_spin_lock(&vm->ws_lock);
	*c = vm->c;
	ke_release_spin_lock(&vm->ws_lock);
}
