/* Contents no longer needed: MEM_RESET and MEM_RESET_UNDO (VirtualAlloc),
 * OfferVirtualMemory, ReclaimVirtualMemory and DiscardVirtualMemory; see
 * mm/vm.h for the contract.
 *
 * MEM_RESET is NT's: a resident page stays, but counts as unwritten (its
 * frame marked PFN_FLAG_FILLED, its dirty bit cleared, its swap copy gone),
 * so the trimmer drops it instead of writing it to swap unless it is
 * written again; a page already out (standby, modified, swap) is dropped at
 * once. An offer or a discard drops every page at once. Whatever drops a
 * page unwritten marks its VAD VAD_DISCARDED; an undo or a reclaim then
 * finds a page's contents lost when it has none in such a VAD. */
#include "mm/sectionp.h"

/* Whether page pg has contents of its own: a frame, or one on the standby
 * or modified list or in swap. A view's page without a private copy has
 * the section's. */
static bool has_contents(const struct vm_vad *v, const struct vm_page *pg)
{
	if (pg->frame != PFN_NONE || pg->kind == PTE_TRANSITION || pg->kind == PTE_PAGED_OUT)
		return true;
	return v->view != NULL && (pg->kind == PTE_PROTOTYPE || pg->kind == PTE_NONE);
}

/* MEM_RESET of resident private page va (frame pfn): unwritten from now on.
 * A write since the last look is kept for write watch first. */
static void reset_resident(struct vm_vad *v, vaddr_t va, const struct vm_page *pg)
{
	struct pfn_entry *e = pfn_entry(pg->frame);

	if (pg->kind == PTE_PRESENT && mmu_test_clear_dirty(va))
		vm_watch_note(v, va);
	vm_page_forget_copy(e);
	e->flags |= PFN_FLAG_FILLED;
}

/* Resets the committed pages [first, end) of v (MEM_RESET, lazily), or
 * drops their contents at once (an offer or a discard; an offer unlocks
 * locked pages first). Locked pages keep theirs. */
static void reset_range(struct vm_space *vm, struct vm_vad *v, uint32_t first, uint32_t end,
			enum vm_reset_op op)
{
	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p)) {
			p = vm_next_chunk(p) - 1;
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		bool own = pg.frame != PFN_NONE && !vm_frame_is_prototype(pg.frame);
		if (own && op == VM_OFFER)
			vm_page_set_locked(vm, v, vm_va(p), pg.frame, false);
		if (own && vm_page_locked(v, vm_va(p), pg.frame))
			continue;
		if (own && op == VM_RESET && !v->view) {
			reset_resident(v, vm_va(p), &pg);
		} else if (own || pg.kind == PTE_TRANSITION || pg.kind == PTE_PAGED_OUT) {
			vm_page_drop(vm, vm_va(p), &pg, vm_pte_committed(v, pg.prot));
			v->node.flags |= VAD_DISCARDED;
		}
	}
}

/* Whether some committed page of [first, end) of v may have lost its
 * contents: one without any in a VAD that dropped some. */
static bool some_lost(const struct vm_vad *v, uint32_t first, uint32_t end)
{
	if (!(v->node.flags & VAD_DISCARDED))
		return false;
	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p)) {
			if (v->node.flags & VAD_COMMITTED)
				return true;
			p = vm_next_chunk(p) - 1;
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (pg.committed && !has_contents(v, &pg))
			return true;
	}
	return false;
}

/* The resident private pages of [first, end) of v are to be kept from now
 * on (an undo of MEM_RESET): no longer unwritten. */
static void keep_range(const struct vm_vad *v, uint32_t first, uint32_t end)
{
	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p)) {
			p = vm_next_chunk(p) - 1;
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (pg.frame != PFN_NONE && !vm_frame_is_prototype(pg.frame))
			pfn_entry(pg.frame)->flags &= ~PFN_FLAG_FILLED;
	}
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
	if (op == VM_RESET_UNDO)
		keep_range(v, r.first, r.end);
	else
		reset_range(vm, v, r.first, r.end, op);
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
		reset_range(vm, v, r.first, r.end, op);
	vm_leave(vm);
	return err;
}
