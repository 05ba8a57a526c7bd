/* VirtualLock and VirtualUnlock: a locked page is resident and stays so (the
 * trimmer skips it). The lock is one bit: in the frame's PFN entry for a
 * private page, in the view for a view's page (a section's frame is every
 * view's); locks do not count, one unlock undoes any number of locks. An
 * unlock finding a page of its range unlocked fails with ERROR_NOT_LOCKED
 * and takes the range's unlocked pages out of the working set, as
 * Microsoft's VirtualUnlock page says. */
#include "mm/sectionp.h"
#include "mm/pfn.h"

/* The VAD holding all of [addr, addr + size) rounded out to pages; a Win32
 * error or 0. */
static uint32_t lock_range(struct vm_space *vm, vaddr_t addr, uint32_t size,
			   struct vm_pages *r, struct vm_vad **v)
{
	if (!vm_round(addr, size, VM_PAGE, r))
		return ERROR_INVALID_PARAMETER;
	*v = vm->cleared ? NULL : vm_vad_at(vm, r->first);
	return *v && r->end <= (*v)->node.end ? 0 : ERROR_INVALID_ADDRESS;
}

bool vm_page_locked(const struct vm_vad *v, vaddr_t va, pfn_t pfn)
{
	uint32_t i = (va >> 12) - v->node.start;

	if (v->view)
		return v->view->locked[i / 32] >> (i % 32) & 1;
	return pfn != PFN_NONE && (pfn_entry(pfn)->flags & PFN_FLAG_LOCKED);
}

void vm_page_set_locked(struct vm_space *vm, const struct vm_vad *v, vaddr_t va, pfn_t pfn,
			bool on)
{
	uint32_t i = (va >> 12) - v->node.start;

	if (vm_page_locked(v, va, pfn) == on)
		return;
	if (v->view)
		v->view->locked[i / 32] ^= 1u << (i % 32);
	else
		pfn_entry(pfn)->flags ^= PFN_FLAG_LOCKED;
	if (on)
		vm->c.locked++;
	else
		vm->c.locked--;
}

static bool page_locked(const struct vm_vad *v, vaddr_t va, const struct vm_page *pg)
{
	return pg->frame != PFN_NONE && vm_page_locked(v, va, pg->frame);
}

/* Makes page p resident and locks it. Resolving may sleep without the
 * working-set lock, after which the page is looked at again: other threads'
 * faults may have changed it (the address-creation lock, still held, keeps
 * the VADs). */
static uint32_t lock_page(struct vm_space *vm, uint32_t p)
{
	for (;;) {
		struct vm_vad *v = vm_vad_at(vm, p);
		struct vm_page pg = v ? vm_page_get(v, vm_va(p)) : (struct vm_page){ 0 };
		if (!pg.committed)
			return ERROR_INVALID_ADDRESS;
		if (!pte_prot_mappable(pg.prot))
			return ERROR_NOACCESS;
		if (pg.kind == PTE_PRESENT) {
			vm_page_set_locked(vm, v, vm_va(p), pg.frame, true);
			return 0;
		}
		if (vm_resolve(vm, v, vm_va(p), false) != VM_FAULT_RESOLVED)
			return ERROR_NOACCESS;
	}
}

/* The first page of a lock that cannot be touched: a guard page loses its
 * guard, as a touch would take it, and fails the lock with
 * STATUS_GUARD_PAGE_VIOLATION as its error (Windows' answer; the next lock
 * succeeds); PAGE_NOACCESS is ERROR_NOACCESS. */
static uint32_t untouchable(struct vm_space *vm, struct vm_vad *v, uint32_t p)
{
	if (!pte_prot_guard(vm_page_get(v, vm_va(p)).prot))
		return ERROR_NOACCESS;
	vm_resolve(vm, v, vm_va(p), false);
	return ERROR_LOCK_GUARD_PAGE;
}

static uint32_t lock_locked(struct vm_space *vm, vaddr_t addr, uint32_t size)
{
	struct vm_pages r;
	struct vm_vad *v;
	uint32_t err = lock_range(vm, addr, size, &r, &v), more = 0, bad = 0;

	if (err || (v->node.flags & VAD_LARGE))
		return err;     /* large pages are resident for good already */
	for (uint32_t p = r.first; p < r.end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (!pg.committed)
			return ERROR_INVALID_ADDRESS;
		if (!pte_prot_mappable(pg.prot) && !bad)
			bad = p;
		more += !page_locked(v, vm_va(p), &pg);
	}
	if (bad)
		return untouchable(vm, v, bad);
	if (vm->c.locked + more > vm->ws_min - VM_LOCK_OVERHEAD)
		return ERROR_WORKING_SET_QUOTA;
	for (uint32_t p = r.first; p < r.end && !err; p++)
		err = lock_page(vm, p);
	return err;
}

uint32_t vm_lock(struct vm_space *vm, vaddr_t addr, uint32_t size)
{
	uint32_t err;

	vm_enter(vm);
	err = lock_locked(vm, addr, size);
	vm_leave(vm);
	return err;
}

static uint32_t unlock_locked(struct vm_space *vm, vaddr_t addr, uint32_t size)
{
	struct vm_pages r;
	struct vm_vad *v;
	uint32_t err = lock_range(vm, addr, size, &r, &v);

	if (err)
		return err;
	for (uint32_t p = r.first; p < r.end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (!page_locked(v, vm_va(p), &pg)) {
			/* Microsoft's page: such pages leave the working set, and
			 * the call fails (the locked ones stay locked); large
			 * pages never leave. */
			if (!(v->node.flags & VAD_LARGE))
				vm_ws_trim_range_locked(vm, v, vm_va(r.first), vm_va(r.end));
			return ERROR_NOT_LOCKED;
		}
	}
	for (uint32_t p = r.first; p < r.end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		vm_page_set_locked(vm, v, vm_va(p), pg.frame, false);
	}
	return 0;
}

uint32_t vm_unlock(struct vm_space *vm, vaddr_t addr, uint32_t size)
{
	uint32_t err;

	vm_enter(vm);
	err = unlock_locked(vm, addr, size);
	vm_leave(vm);
	return err;
}
