/* Contents no longer needed: MEM_RESET and MEM_RESET_UNDO (VirtualAlloc),
 * OfferVirtualMemory, ReclaimVirtualMemory and DiscardVirtualMemory; see
 * mm/vm.h for the contract. A reset page loses its frame (or swap slot) at
 * once, as NT's would under memory pressure, so it reads zero when touched
 * again, and nothing is ever written to swap for it; an undo or a reclaim
 * then tells whether every page still has its contents. */
#include "mm/sectionp.h"

/* Whether page pg has contents of its own: a private frame, or one on the
 * standby or modified list or in swap. A view's page without a private copy
 * has the section's. */
static bool has_contents(const struct vm_vad *v, const struct vm_page *pg)
{
	if (pg->frame != PFN_NONE || pg->kind == PTE_TRANSITION || pg->kind == PTE_PAGED_OUT)
		return true;
	return v->view != NULL && (pg->kind == PTE_PROTOTYPE || pg->kind == PTE_NONE);
}

/* Drops the contents of the committed pages [first, end) of v; locked pages
 * keep theirs unless unlock (an offer unlocks them). */
static void drop_range(struct vm_space *vm, struct vm_vad *v, uint32_t first, uint32_t end,
		       bool unlock)
{
	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p)) {
			p = vm_next_chunk(p) - 1;
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		bool own = pg.frame != PFN_NONE && !vm_frame_is_prototype(pg.frame);
		if (own && unlock)
			vm_page_set_locked(vm, v, vm_va(p), pg.frame, false);
		if (own && vm_page_locked(v, vm_va(p), pg.frame))
			continue;
		if (own || pg.kind == PTE_TRANSITION || pg.kind == PTE_PAGED_OUT)
			vm_page_drop(vm, vm_va(p), &pg, vm_pte_committed(v, pg.prot));
	}
}

/* Whether some committed page of [first, end) of v has lost its contents. */
static bool some_lost(const struct vm_vad *v, uint32_t first, uint32_t end)
{
	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p) && !(v->node.flags & VAD_COMMITTED)) {
			p = vm_next_chunk(p) - 1;       /* reserved: nothing to lose */
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (pg.committed && !has_contents(v, &pg))
			return true;
	}
	return false;
}

uint32_t vm_reset_locked(struct vm_space *vm, enum vm_reset_op op, vaddr_t *addr,
			 uint32_t size)
{
	struct vm_pages r;
	struct vm_vad *v;

	if (!vm_round(*addr, size, VM_PAGE, &r))
		return ERROR_INVALID_PARAMETER;
	if ((v = vm_vad_holding(vm, &r)) == NULL || v->node.type == MEM_IMAGE)
		return ERROR_INVALID_ADDRESS;
	/* NT's STATUS_USER_MAPPED_FILE: a file's pages are the file's. */
	if (v->view && v->view->ca->backing != MM_BACKING_PAGEFILE)
		return ERROR_USER_MAPPED_FILE;
	if (op == VM_RESET_UNDO && some_lost(v, r.first, r.end))
		return ERROR_INVALID_ADDRESS;
	if (op == VM_RESET)
		drop_range(vm, v, r.first, r.end, false);
	*addr = vm_va(r.first);
	return 0;
}

/* The pages of an offer, a reclaim or a discard: committed PAGE_READWRITE
 * private pages of one allocation. */
static uint32_t offer_range(struct vm_space *vm, vaddr_t addr, uint32_t size,
			    struct vm_pages *r, struct vm_vad **out)
{
	struct vm_vad *v;

	if ((addr | size) & (VM_PAGE - 1) || !vm_round(addr, size, VM_PAGE, r))
		return ERROR_INVALID_PARAMETER;
	if ((v = vm_vad_holding(vm, r)) == NULL || v->node.type != MEM_PRIVATE)
		return ERROR_INVALID_ADDRESS;
	for (uint32_t p = r->first; p < r->end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (!pg.committed)
			return ERROR_INVALID_ADDRESS;
		if (pte_prot_to_win32(pg.prot) != PAGE_READWRITE)
			return ERROR_INVALID_PARAMETER;
	}
	*out = v;
	return 0;
}

uint32_t vm_discard(struct vm_space *vm, enum vm_reset_op op, vaddr_t addr, uint32_t size,
		    bool *busy)
{
	struct vm_pages r;
	struct vm_vad *v;
	uint32_t err;

	vm_enter(vm);
	err = vm->cleared ? ERROR_INVALID_ADDRESS : offer_range(vm, addr, size, &r, &v);
	if (!err && op == VM_RECLAIM)
		*busy = some_lost(v, r.first, r.end);
	else if (!err)
		drop_range(vm, v, r.first, r.end, op == VM_OFFER);
	vm_leave(vm);
	return err;
}
