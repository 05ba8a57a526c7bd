/* The page-fault entry of the memory manager: decode the error code once,
 * then resolve by the state of the page, one resolver per PTE state. User
 * addresses resolve through the VAD tree; kernel addresses never fault
 * legitimately, so those go back unresolved to the trap dispatcher, which
 * applies an exception fix-up or reports them.
 *
 * Resolvers run under the space's working-set lock alone (mm/vmspace.h).
 * Those that must wait (for a frame, for another fault's read) give it up,
 * sleep, take it back and return VM_FAULT_RESOLVED without finishing: the
 * world may have changed meanwhile, so the instruction runs again and faults
 * afresh if it still must. A hard fault holds no lock while the disk works:
 * its pages are published as being read (transition PTEs, frames marked
 * reading) before the lock goes, and only it changes them until it is back. */
#include "mm/mm.h"
#include "mm/sectionp.h"
#include "mm/commit.h"
#include "mm/stats.h"
#include "mm/swap.h"
#include "arch/mmu.h"
#include "kernel/rtl/panic.h"
#include "kernel/ke/thread.h"

struct mm_stats mm_stats;
static struct wait_queue in_page;      /* faults waiting for another's read */

#define READ_AHEAD_SPARE 64u    /* frames read-ahead leaves free for real faults */

enum vm_fault mm_page_fault(struct trap_frame *f, struct vm_space *vm)
{
	vaddr_t addr = f->cr2;
	bool write = f->error & 2, reserved = f->error & 8;

	if (reserved)
		panic("page fault at 0x%08x: reserved bit set in a paging entry "
		      "(corrupted page table)", addr);
	if (vm && addr >= VM_USER_LOW && addr < VM_USER_HIGH)
		return vm_fault(vm, addr, write, f->eip);
	return VM_FAULT_ACCESS_VIOLATION;
}

/* After a wait: the fault is retried (the world may have changed), unless
 * the wait was cut short because the thread is being terminated. */
static enum vm_fault waited(bool slept)
{
	return slept ? VM_FAULT_RESOLVED : VM_FAULT_INTERRUPTED;
}

enum wait_result vm_in_page_sleep_locked(struct vm_space *vm)
{
	enum wait_result r = ke_release_spin_lock_and_wait(&vm->ws_lock, &in_page, WAIT_FOREVER);

	ke_acquire_spin_lock(&vm->ws_lock);
	return r;
}

void vm_in_page_wake(void)
{
	wait_queue_wake_all(&in_page);
}

/* Another fault is reading page va (PTE pte) in: waits, without the
 * working-set lock, until that read has ended. Counted once, however often
 * other reads' ends wake it first. */
static enum vm_fault collided(struct vm_space *vm, vaddr_t va, uint32_t pte)
{
	mm_count(&mm_stats.collided_faults);
	do {
		if (vm_in_page_sleep_locked(vm) == WAIT_INTERRUPTED)
			return VM_FAULT_INTERRUPTED;
	} while (vm_pte_raw(va) == pte && (pfn_entry(pte_index(pte))->flags & PFN_FLAG_READING));
	return VM_FAULT_RESOLVED;
}

/* A stack's guard page was hit: the page below becomes the guard, unless it
 * is the reservation's last page, which is never committed (NT's rule). */
static enum vm_fault stack_grow(struct vm_space *vm, struct vm_vad *v, uint32_t page,
				pte_prot_t prot)
{
	uint32_t below = page - 1;

	if (below <= v->node.start)
		return VM_FAULT_STACK_OVERFLOW;
	if (vm_page_get(v, vm_va(below)).committed)
		return VM_FAULT_RESOLVED;
	if (!commit_charge(1))
		return VM_FAULT_STACK_OVERFLOW;
	vm_pte_set(vm, vm_va(below), pte_make(PTE_DEMAND_ZERO, prot | PTE_PROT_GUARD, 0));
	vm_commit_add(vm, v, 1);
	return VM_FAULT_RESOLVED;
}

/* First touch of a guard page: the guard goes, once. */
static enum vm_fault guard_hit(struct vm_space *vm, struct vm_vad *v, vaddr_t va,
			       const struct vm_page *pg)
{
	pte_prot_t base = pg->prot & ~PTE_PROT_MODIFIER;

	mm_count(&mm_stats.guard_faults);
	vm_page_protect(vm, v, va, pg, base);
	if (v->node.flags & VAD_STACK)
		return stack_grow(vm, v, va >> 12, base);
	return VM_FAULT_GUARD_PAGE;
}

/* A transition page: its frame is still on the standby or modified list,
 * or being read in by another fault. */
static enum vm_fault soft_fault(struct vm_space *vm, vaddr_t va, const struct vm_page *pg)
{
	pfn_t pfn = pte_index(pg->pte);
	struct pfn_entry *e = pfn_entry(pfn);
	bool standby;
	uint32_t slot;

	/* The PFN lock's PTE (mm/pfn.h): a standby frame may have been taken
	 * since it was read, the PTE paged out now. Then the fault is retried. */
	pfn_lock();
	if (vm_pte_raw(va) != pg->pte) {
		pfn_unlock();
		return VM_FAULT_RESOLVED;
	}
	if (e->flags & PFN_FLAG_READING) {
		pfn_unlock();
		return collided(vm, va, pg->pte);
	}
	standby = e->state == PFN_STANDBY;
	slot = pte_index(e->original_pte);
	pfn_from_list_locked(pfn);
	/* A write in flight finds the flag gone and frees its slot: the page is
	 * in use again and its copy on disk may go stale. */
	e->flags &= ~(PFN_FLAG_WRITING | PFN_FLAG_FILLED);
	vm_page_map(vm, va, pfn, pg->prot);     /* its table exists: no allocation */
	pfn_unlock();
	if (standby)
		vm_page_keep_copy(pfn, pg->prot, slot);
	mm_count(&mm_stats.soft_faults);
	return VM_FAULT_RESOLVED;
}

/* Sets up frame pfn to receive page va's contents from its slot: the PTE in
 * transition, the frame marked reading with the slot in its original PTE
 * (for swap_check; a second fault on the page waits for this read). */
static void read_begin(struct vm_space *vm, vaddr_t va, pfn_t pfn, uint32_t pte)
{
	pfn_entry(pfn)->flags = PFN_FLAG_READING;
	pfn_entry(pfn)->original_pte = pte;
	pfn_set_pte(pfn, mmu_pte_va(va), mmu_table_pfn(va));
	vm_pte_set(vm, va, pte_make(PTE_TRANSITION, pte_prot(pte), pfn));
}

/* Pages after va (up to SWAP_READ_AHEAD in all, same VAD and page table)
 * paged out to the slots after va's: they were written together, and are
 * read together. Takes their frames; returns how many pages in all. */
static uint32_t read_ahead(struct vm_space *vm, const struct vm_vad *v, vaddr_t va,
			   uint32_t slot, pfn_t *frames)
{
	uint32_t n = 1;

	for (vaddr_t next = va + VM_PAGE; n < SWAP_READ_AHEAD && next < vm_va(v->node.end) &&
	     (next & 0x3fffff); next += VM_PAGE, n++) {
		uint32_t pte = vm_pte_raw(next);
		if (pte_kind(pte) != PTE_PAGED_OUT || pte_index(pte) != slot + n ||
		    pfn_available() < READ_AHEAD_SPARE ||
		    (frames[n] = pfn_alloc(PFN_USER)) == PFN_NONE)
			break;
		read_begin(vm, next, frames[n], pte);
	}
	return n;
}

/* After the read: the pages read ahead go to the standby list, keeping
 * their slots (a touch takes them back as a soft fault); after a failure
 * they are paged out again as before. */
static void read_ahead_end(struct vm_space *vm, vaddr_t va, const pfn_t *frames, uint32_t n,
			   bool ok)
{
	for (uint32_t i = 1; i < n; i++) {
		struct pfn_entry *e = pfn_entry(frames[i]);
		e->flags = 0;
		if (ok) {
			pfn_lock();
			pfn_to_list_locked(frames[i], PFN_STANDBY);
			pfn_unlock();
			continue;
		}
		vm_pte_set(vm, va + i * VM_PAGE, pte_make(PTE_PAGED_OUT,
			   pte_prot(vm_pte_raw(va + i * VM_PAGE)), pte_index(e->original_pte)));
		pfn_free(frames[i]);
	}
}

/* A paged-out page: read it (and the pages after it written with it) back
 * into new frames, the working-set lock given up meanwhile. The PTEs are in
 * transition with the frames marked reading, so a second fault on one waits
 * for this one (collided fault), and operations that would change the pages
 * wait for vm->io_pending to drop (vm_enter). */
static enum vm_fault hard_fault(struct vm_space *vm, const struct vm_vad *v, vaddr_t va,
				const struct vm_page *pg)
{
	uint32_t slot = pte_index(pg->pte), n;
	pfn_t frames[SWAP_READ_AHEAD];
	bool ok;

	if (vm_read_deferred(vm))
		return VM_FAULT_RESOLVED;
	if ((frames[0] = pfn_alloc(PFN_USER)) == PFN_NONE)
		return waited(vm_wait_for_memory_locked(vm));
	mm_count(&mm_stats.hard_faults);
	read_begin(vm, va, frames[0], pg->pte);
	n = read_ahead(vm, v, va, slot, frames);
	vm->io_pending++;
	/* No lock while the disk works: the other threads of the process run
	 * and fault meanwhile. */
	ke_release_spin_lock(&vm->ws_lock);
	ok = swap_io(frames, n, slot, false);
	if (!ok && n > 1) {     /* the bad slot may be a neighbour's: this page alone */
		ke_acquire_spin_lock(&vm->ws_lock);
		read_ahead_end(vm, va, frames, n, false);
		ke_release_spin_lock(&vm->ws_lock);
		n = 1;
		ok = swap_io(frames, 1, slot, false);
	}
	ke_acquire_spin_lock(&vm->ws_lock);
	/* Nothing else changed these pages while we slept: see above. Their
	 * protection may have, so it is read again. */
	pte_prot_t prot = pte_prot(vm_pte_raw(va));
	pfn_entry(frames[0])->flags = 0;
	if (ok) {
		vm_page_map(vm, va, frames[0], prot);
		vm_page_keep_copy(frames[0], prot, slot);
	} else {
		vm_pte_set(vm, va, pte_make(PTE_PAGED_OUT, prot, slot));
		pfn_free(frames[0]);
		mm_count(&mm_stats.in_page_errors);
	}
	read_ahead_end(vm, va, frames, n, ok);
	vm_io_done(vm);
	vm_in_page_wake();
	return ok ? VM_FAULT_RESOLVED : VM_FAULT_IN_PAGE_ERROR;
}

/* A page without contents yet: a zeroed frame. In a view (an image's page
 * of zeroes) the view keeps the page's protection: a write made it
 * read-write. */
static enum vm_fault fill_fault(struct vm_space *vm, struct vm_vad *v, vaddr_t va,
				const struct vm_page *pg)
{
	if (!vm_page_fill(vm, va, pg))
		return waited(vm_wait_for_memory_locked(vm));
	if (v->view)
		v->view->prot[(va >> 12) - v->node.start] = pg->prot;
	mm_count(&mm_stats.demand_zero_faults);
	return VM_FAULT_RESOLVED;
}

enum vm_fault vm_resolve(struct vm_space *vm, struct vm_vad *v, vaddr_t va, bool write)
{
	struct vm_page pg = vm_page_get(v, va);

	/* A large page is mapped whole from the start: what faults on it is
	 * an access its protection denies. */
	if (!pg.committed || (v->node.flags & VAD_LARGE))
		return VM_FAULT_ACCESS_VIOLATION;
	if (pte_prot_guard(pg.prot))
		return guard_hit(vm, v, va, &pg);
	if (!pte_prot_mappable(pg.prot) || (write && !pte_prot_writable(pg.prot)))
		return VM_FAULT_ACCESS_VIOLATION;
	/* A write to a write-copy page makes it read-write: its frame is a
	 * private copy already. */
	if (write)
		pg.prot = pte_prot_written(pg.prot);
	/* A view's page through its prototype PTE, or shared already: the
	 * section's business. Private copies resolve as private pages. */
	if (pg.kind == PTE_PROTOTYPE || (pg.kind == PTE_PRESENT && v->view &&
					 vm_frame_is_prototype(pg.frame)))
		return view_fault(vm, v, va, write, &pg);
	switch (pg.kind) {
	case PTE_TRANSITION:
		return soft_fault(vm, va, &pg);
	case PTE_PAGED_OUT:
		return hard_fault(vm, v, va, &pg);
	case PTE_PRESENT:
		/* A write-copy page turning read-write, or a stale TLB entry with
		 * fewer rights than the PTE (mmu_protect leaves those). */
		vm_page_protect(vm, v, va, &pg, pg.prot);
		mmu_flush_page(va);
		return VM_FAULT_RESOLVED;
	default:
		return fill_fault(vm, v, va, &pg);
	}
}

/* Whether page va is present (its PTE read through the self-map). */
static bool page_present(vaddr_t va)
{
	return pte_kind(vm_pte_raw(va)) == PTE_PRESENT;
}

enum vm_fault vm_fault(struct vm_space *vm, vaddr_t addr, bool write, vaddr_t pc)
{
	vaddr_t page = addr & ~(VM_PAGE - 1);
	struct vm_vad *v;
	enum vm_fault r;
	bool watched;

	ke_acquire_spin_lock(&vm->ws_lock);
	v = vm->cleared ? NULL : vm_vad_at(vm, addr >> 12);
	/* Watched: the page was absent (two PTE reads only then). */
	watched = vm->ws_watch && pc && !page_present(page);
	r = v ? vm_resolve(vm, v, page, write) : VM_FAULT_ACCESS_VIOLATION;
	/* A resolver that waited may return without the page: the retry
	 * that brings it in is the one recorded. The watch cannot go while
	 * the space lives (vm_destroy frees it). */
	if (watched && r == VM_FAULT_RESOLVED && page_present(page))
		vm_ws_watch_note_locked(vm, pc, page, thread_current()->id);
	vm->c.faults++;
	ke_release_spin_lock(&vm->ws_lock);
	vm_frames_taken();      /* fills, soft and hard faults all take frames */
	if (r == VM_FAULT_ACCESS_VIOLATION)
		mm_count(&mm_stats.access_violations);
	return r;
}
