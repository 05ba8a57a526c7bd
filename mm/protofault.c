/* Faults on views, resolved through the prototype PTE (NT's
 * MiResolveProtoPteFault): the resolvers of mm/fault.c one level down, the
 * section's page shared by every view that maps it; copy-on-write; and a
 * shared page leaving a working set (trimmed, reprotected away, unmapped).
 *
 * Locks: the faulting space's working-set lock, and the PFN lock over every
 * look at or change of a prototype PTE and its frame's entry (mm/sectionp.h).
 * The PFN lock is let go before a process PTE is written (a new page table
 * takes a frame) and while waiting or reading; fault-around writes its
 * neighbours' PTEs under it, in the table the faulting page's mapping made. */
#include "mm/sectionp.h"
#include "mm/mm.h"
#include "mm/stats.h"
#include "mm/swap.h"
#include "arch/arch.h"
#include "arch/mmu.h"
#include "kernel/rtl/string.h"

/* After a wait: as in mm/fault.c. */
static enum vm_fault waited(bool slept)
{
	return slept ? VM_FAULT_RESOLVED : VM_FAULT_INTERRUPTED;
}

#define PROTO_AROUND 16u        /* pages a read fault maps at most (Linux: 64 KB) */

/* The frame holding prototype PTE proto (a pool page). */
static pfn_t proto_frame(const uint32_t *proto)
{
	return mmu_query((vaddr_t)proto).pfn;
}

/* Makes frame pfn the valid page of prototype PTE proto, with one share
 * (the faulting view's) and original PTE orig (PFN lock held). */
static void proto_validate_locked(uint32_t *proto, pfn_t pfn, uint32_t orig)
{
	struct pfn_entry *e = pfn_entry(pfn);

	pfn_set_pte(pfn, (vaddr_t)proto, proto_frame(proto));
	e->original_pte = orig;
	e->share = 1;
	*proto = pfn << PAGE_SHIFT | 1;
}

/* Another fault (of any process) is reading the page of prototype PTE
 * proto, which said pte: waits for that read to end. */
static enum vm_fault proto_collided(struct vm_space *vm, const volatile uint32_t *proto,
				    uint32_t pte)
{
	mm_count(&mm_stats.collided_faults);
	do {
		if (vm_in_page_sleep_locked(vm) == WAIT_INTERRUPTED)
			return VM_FAULT_INTERRUPTED;
	} while (*proto == pte && (pfn_entry(pte_index(pte))->flags & PFN_FLAG_READING));
	return VM_FAULT_RESOLVED;
}

/* A frame (pfn_alloc flags) for the page of prototype PTE proto, which
 * said pte, returned with the PFN lock held. PFN_NONE, with *r saying what
 * to do, when none is free (after a wait) or another view changed the
 * prototype PTE meanwhile (the frame goes back; the fault is retried). */
static pfn_t proto_frame_locked(struct vm_space *vm, const uint32_t *proto, uint32_t pte,
				unsigned flags, enum vm_fault *r)
{
	pfn_t pfn = pfn_alloc(flags | PFN_USER);

	if (pfn == PFN_NONE) {
		*r = waited(vm_wait_for_memory_locked(vm));
		return PFN_NONE;
	}
	pfn_lock();
	if (*proto == pte)
		return pfn;
	pfn_free_locked(pfn);
	pfn_unlock();
	*r = VM_FAULT_RESOLVED;
	return PFN_NONE;
}

/* A demand-zero prototype PTE: a zeroed frame becomes the section's page. */
static enum vm_fault proto_fill(struct vm_space *vm, uint32_t *proto, uint32_t pte,
				pfn_t *out)
{
	enum vm_fault r;
	pfn_t pfn = proto_frame_locked(vm, proto, pte, PFN_ZERO, &r);

	if (pfn == PFN_NONE)
		return r;
	proto_validate_locked(proto, pfn, pte_make(PTE_DEMAND_ZERO, pte_prot(pte), 0));
	pfn_entry(pfn)->flags = PFN_FLAG_FILLED;
	pfn_unlock();
	mm_count(&mm_stats.demand_zero_faults);
	*out = pfn;
	return VM_FAULT_RESOLVED;
}

/* A paged-out prototype PTE, or an image page on the file: the page is read
 * (from swap, or from the program file) into a new frame, the prototype
 * PTE in transition and the frame marked reading meanwhile (other views'
 * faults on it wait: collided), no lock held while the disk works. An
 * image page keeps "on the file" as its original PTE: trimmed, it is
 * dropped, never written to swap. */
static enum vm_fault proto_read(struct vm_space *vm, struct mm_control_area *ca, uint32_t *proto,
				uint32_t pte, pfn_t *out)
{
	uint32_t slot = pte_index(pte);
	bool image = pte_is_subsection(pte);
	enum vm_fault r;
	pfn_t pfn;
	bool ok;

	if (vm_read_deferred(vm))
		return VM_FAULT_RESOLVED;
	if ((pfn = proto_frame_locked(vm, proto, pte, image ? PFN_ZERO : 0, &r)) == PFN_NONE)
		return r;
	pfn_set_pte(pfn, (vaddr_t)proto, proto_frame(proto));
	pfn_entry(pfn)->flags = PFN_FLAG_READING;
	pfn_entry(pfn)->original_pte = pte;
	pfn_entry(pfn)->share = 0;
	*proto = pte_make(PTE_TRANSITION, pte_prot(pte), pfn);
	pfn_unlock();
	if (!image)
		mm_count(&mm_stats.hard_faults);
	vm->io_pending++;       /* this view stays until the read is over (vm_enter) */
	ke_release_spin_lock(&vm->ws_lock);
	ok = image ? image_read_page(ca, (uint32_t)(proto - ca->segment.proto), pfn)
		   : swap_io(&pfn, 1, slot, false);
	ke_acquire_spin_lock(&vm->ws_lock);
	pfn_lock();
	pfn_entry(pfn)->flags = 0;
	if (ok) {
		proto_validate_locked(proto, pfn, image ? pte :
				      pte_make(PTE_DEMAND_ZERO, pte_prot(pte), 0));
		if (!image)
			vm_page_keep_copy(pfn, pte_prot(pte), slot);
	} else {
		*proto = pte;
		pfn_free_locked(pfn);
		mm_count(&mm_stats.in_page_errors);
	}
	pfn_unlock();
	vm_io_done(vm);
	vm_in_page_wake();
	*out = ok ? pfn : PFN_NONE;
	return ok ? VM_FAULT_RESOLVED : VM_FAULT_IN_PAGE_ERROR;
}

/* Takes the frame of prototype PTE pte (valid or in transition) for one
 * more view (PFN lock held): its share count goes up; a listed frame comes
 * off its list (a soft fault), keeping a standby frame's slot as a copy. */
static enum vm_fault proto_share_locked(uint32_t *proto, uint32_t pte, pfn_t *out)
{
	pfn_t pfn = pte & 1 ? pte >> PAGE_SHIFT : pte_index(pte);
	struct pfn_entry *e = pfn_entry(pfn);

	if (pte & 1) {
		e->share++;
		mm_count(&mm_stats.shared_faults);
	} else {
		uint32_t orig = e->original_pte;
		bool standby = e->state == PFN_STANDBY, image = pte_is_subsection(orig);
		pfn_from_list_locked(pfn);
		/* A write in flight finds the flag gone and frees its slot. */
		e->flags &= ~(PFN_FLAG_WRITING | PFN_FLAG_FILLED);
		proto_validate_locked(proto, pfn, image ? orig :
				      pte_make(PTE_DEMAND_ZERO, pte_prot(pte), 0));
		if (standby && !image)
			vm_page_keep_copy(pfn, pte_prot(pte), pte_index(orig));
		mm_count(&mm_stats.soft_faults);
	}
	*out = pfn;
	return VM_FAULT_RESOLVED;
}

/* Whether page va of view v, whose process PTE holds pte, may be mapped
 * around a fault (working-set and PFN locks held): pte holds nothing else (0
 * or a prototype pointer), its protection in the view maps without a guard,
 * and its prototype PTE is valid (the page resident, active). */
static bool proto_around_ok_locked(const struct vm_vad *v, vaddr_t va, uint32_t pte)
{
	pte_prot_t prot = v->view->prot[(va >> 12) - v->node.start];
	uint32_t proto = *view_proto(v, va);

	/* A file's page on the standby or modified list is resident too (the
	 * read that brought the faulting page brought its neighbours there), as
	 * Linux maps the page cache's pages around a fault. */
	return (pte == 0 || pte_kind(pte) == PTE_PROTOTYPE) && pte_prot_mappable(prot) &&
	       !pte_prot_guard(prot) &&
	       ((proto & 1) || (v->view->ca->backing == MM_BACKING_FILE &&
				pte_kind(proto) == PTE_TRANSITION &&
				!(pfn_entry(pte_index(proto))->flags & PFN_FLAG_READING)));
}

/* Fault-around (Linux's do_fault_around): after a read fault mapped page
 * va of view v, the other pages of its aligned PROTO_AROUND-page cluster
 * that are inside the view (so inside va's page table, which exists) and
 * that proto_around_ok_locked accepts are mapped too, under one PFN lock
 * hold: one share and one working-set page each, with the view's
 * protection. A write through one is tracked as through the faulting page:
 * its PTE's dirty bit is collected when it leaves (view_unmap_shared), and
 * copy-on-write pages map read-only, so their first write still faults.
 * Nothing is counted as a fault: these pages were not touched. */
static void proto_map_around(struct vm_space *vm, struct vm_vad *v, vaddr_t va)
{
	vaddr_t lo = va & ~(PROTO_AROUND * VM_PAGE - 1), hi = lo + PROTO_AROUND * VM_PAGE;

	if (lo < vm_va(v->node.start))
		lo = vm_va(v->node.start);
	if (hi > vm_va(v->node.end))
		hi = vm_va(v->node.end);
	pfn_lock();
	for (vaddr_t p = lo; p < hi; p += VM_PAGE) {
		uint32_t pte = vm_pte_raw_in_table(p);
		if (p == va || !proto_around_ok_locked(v, p, pte))
			continue;
		pfn_t pfn;
		if (v->view->ca->backing == MM_BACKING_FILE)
			pfn = file_page_ref_locked(v->view->ca, view_page(v, p));
		else
			pfn_entry(pfn = *view_proto(v, p) >> PAGE_SHIFT)->share++;
		/* The table exists (va's): no frame is taken under the PFN lock. */
		vm_page_map_shared_in_table(vm, p, pte, pfn,
					    v->view->prot[(p >> 12) - v->node.start]);
	}
	pfn_unlock();
}

/* Page va of view v, not valid in this process: its prototype PTE says
 * what the section's page is. The page is mapped with the view's
 * protection once the section has it; after a read, its resident
 * neighbours too (proto_map_around). */
static enum vm_fault proto_resolve(struct vm_space *vm, struct vm_vad *v, vaddr_t va,
				   bool write)
{
	uint32_t *proto = view_proto(v, va), pte;
	pfn_t pfn = PFN_NONE;
	enum vm_fault r;

	pfn_lock();
	pte = *proto;
	if ((pte & 1) || (pte_kind(pte) == PTE_TRANSITION &&
			  !(pfn_entry(pte_index(pte))->flags & PFN_FLAG_READING))) {
		r = v->view->ca->backing == MM_BACKING_FILE
			    ? file_view_share_locked(v, va, pte, &pfn)
			    : proto_share_locked(proto, pte, &pfn);
		pfn_unlock();
	} else {
		pfn_unlock();
		switch (pte_kind(pte)) {
		case PTE_TRANSITION:
			return proto_collided(vm, proto, pte);
		case PTE_DEMAND_ZERO:
			r = proto_fill(vm, proto, pte, &pfn);
			break;
		case PTE_SUBSECTION:    /* on the file: a data file's page, or an image's */
			r = v->view->ca->backing == MM_BACKING_FILE
				    ? file_view_read(vm, v, va, &pfn)
				    : proto_read(vm, v->view->ca, proto, pte, &pfn);
			break;
		case PTE_PAGED_OUT:
			r = proto_read(vm, v->view->ca, proto, pte, &pfn);
			break;
		default:
			return VM_FAULT_ACCESS_VIOLATION;       /* not committed */
		}
	}
	if (pfn == PFN_NONE)
		return r;
	vm_page_map_shared(vm, va, pfn, v->view->prot[(va >> 12) - v->node.start]);
	if (!write)
		proto_map_around(vm, v, va);
	return r;
}

/* Copies frame from into frame to, through the direct window where it
 * reaches, else through hyperspace. */
static void copy_frame(pfn_t to, pfn_t from)
{
	void *dst = arch_phys_to_virt((paddr_t)to << PAGE_SHIFT, PAGE_SIZE);
	void *src = arch_phys_to_virt((paddr_t)from << PAGE_SHIFT, PAGE_SIZE);

	memcpy(dst ? dst : mmu_temp_map(TEMP_FILL, to), src ? src : mmu_temp_map(TEMP_COPY, from),
	       PAGE_SIZE);
	if (!dst)
		mmu_temp_unmap(TEMP_FILL);
	if (!src)
		mmu_temp_unmap(TEMP_COPY);
}

/* A write to copy-on-write page va, mapping the section's frame shared:
 * the process gets a private copy, read-write from now on (charged when
 * the view was mapped), and the section's page one share less. */
static enum vm_fault copy_on_write(struct vm_space *vm, struct vm_vad *v, vaddr_t va,
				   pfn_t shared)
{
	pte_prot_t *prot = &v->view->prot[(va >> 12) - v->node.start];
	pfn_t copy = pfn_alloc(PFN_USER);

	if (copy == PFN_NONE)
		return waited(vm_wait_for_memory_locked(vm));
	copy_frame(copy, shared);
	/* Its table stays: the PTE is never 0 on the way. */
	view_unmap_shared(vm, va, shared, pte_make(PTE_PROTOTYPE, 0, view_page(v, va)), true);
	*prot = pte_prot_written(*prot);
	vm_page_map(vm, va, copy, *prot);
	mm_count(&mm_stats.copy_on_write_faults);
	return VM_FAULT_RESOLVED;
}

enum vm_fault view_fault(struct vm_space *vm, struct vm_vad *v, vaddr_t va, bool write,
			 const struct vm_page *pg)
{
	if (pg->kind != PTE_PRESENT)
		return proto_resolve(vm, v, va, write);
	if (write && pte_prot_writecopy(v->view->prot[(va >> 12) - v->node.start]))
		return copy_on_write(vm, v, va, pg->frame);
	mmu_flush_page(va);     /* a stale TLB entry with fewer rights */
	return VM_FAULT_RESOLVED;
}

/* The last view let the section's page pfn go (PFN lock held): an
 * unwritten zero page is freed (its prototype PTE demand-zero again), any
 * other goes to the standby list (with its copy in swap) or the modified
 * list, its prototype PTE in transition. */
static void proto_release_locked(uint32_t *proto, pfn_t pfn)
{
	struct pfn_entry *e = pfn_entry(pfn);
	pte_prot_t prot = pte_prot(e->original_pte);
	bool copy;

	if (pte_is_subsection(e->original_pte)) {       /* an image page: clean, on the file */
		e->flags = 0;
		*proto = pte_make(PTE_TRANSITION, 0, pfn);
		pfn_to_list_locked(pfn, PFN_STANDBY);
		mm_count(&mm_stats.clean_pages_dropped);
		return;
	}
	if (e->flags & PFN_FLAG_FILLED) {
		*proto = pte_make(PTE_DEMAND_ZERO, prot, 0);
		e->flags = 0;
		pfn_free_locked(pfn);
		mm_count(&mm_stats.clean_pages_dropped);
		return;
	}
	e->flags = 0;
	copy = vm_page_copy_to_standby(e);
	*proto = pte_make(PTE_TRANSITION, prot, pfn);
	pfn_to_list_locked(pfn, copy ? PFN_STANDBY : PFN_MODIFIED);
	if (copy)
		mm_count(&mm_stats.swap_copies_kept);
}

bool view_unmap_shared(struct vm_space *vm, vaddr_t va, pfn_t pfn, uint32_t soft, bool must_go)
{
	struct pfn_entry *e = pfn_entry(pfn);
	uint32_t *proto = (uint32_t *)e->pte;
	bool keep;

	/* A file's page goes back to its file (mm/mapfile.c); an image's page
	 * (on its file too) is released below. */
	if (pte_is_subsection(e->original_pte)) {
		const struct vm_vad *v = vm_vad_at(vm, va >> 12);
		if (v->view->ca->backing == MM_BACKING_FILE)
			return file_view_unmap(vm, v, va, pfn, soft);
	}
	/* Without swap the last mapping of a page that cannot be filled again
	 * stays (one written on another CPU after this look waits on the
	 * modified list: kept, not lost). */
	pfn_lock();
	keep = !must_go && e->share == 1 && !swap_present() &&
	       pte_kind(e->original_pte) != PTE_PAGED_OUT && !pte_is_subsection(e->original_pte) &&
	       (!(e->flags & PFN_FLAG_FILLED) || mmu_query(va).dirty);
	pfn_unlock();
	if (keep)
		return false;
	/* The exchange returns the dirty bit as it was when the PTE went; the
	 * PTE is written without the PFN lock (its table may go, freeing a
	 * frame), and only this space sees it. */
	bool dirty = vm_pte_set(vm, va, soft).dirty;
	pfn_lock();
	if (dirty) {
		vm_page_forget_copy(e);
		e->flags &= ~PFN_FLAG_FILLED;
	}
	if (--e->share == 0)
		proto_release_locked(proto, pfn);
	pfn_unlock();
	vm->c.resident--;
	return true;
}
