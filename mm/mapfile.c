/* Views of files (file-backed sections): a view's page is the file cache's
 * page (mm/filecache.c), reached through the file's one control area. A
 * fault shares a frame already in memory (in use, or on the standby or
 * modified list) or has the file system read it, with its neighbours, into
 * the cache (io->page_in); a page leaving a working set hands its PTE's
 * dirty bit to the prototype PTE, and the last view's going puts the frame
 * on the modified list, which the mapped page writer and the lazy writer
 * write back to the file (kernel/io/cache.c), never to swap.
 *
 * Locks as mm/protofault.c: the faulting space's working-set lock, the PFN
 * lock over prototype PTEs and frames; the file's own lock (the volume's) is
 * below the working-set lock in rank, so it is only ever taken through io
 * callbacks with no memory-manager lock held. */
#include "mm/sectionp.h"
#include "mm/filecache.h"
#include "mm/mm.h"
#include "mm/stats.h"
#include "arch/mmu.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"

enum vm_fault file_view_share_locked(const struct vm_vad *v, vaddr_t va, uint32_t pte,
				     pfn_t *out)
{
	*out = file_page_ref_locked(v->view->ca, view_page(v, va));
	mm_count(pte & 1 ? &mm_stats.shared_faults : &mm_stats.soft_faults);
	return VM_FAULT_RESOLVED;
}

enum vm_fault file_view_read(struct vm_space *vm, struct vm_vad *v, vaddr_t va, pfn_t *out)
{
	struct mm_control_area *ca = v->view->ca;
	uint32_t page = view_page(v, va), err;

	*out = PFN_NONE;
	if (vm_read_deferred(vm))
		return VM_FAULT_RESOLVED;
	vm->io_pending++;       /* this view stays until the read is over (vm_enter) */
	ke_release_spin_lock(&vm->ws_lock);
	err = ca->io->page_in(ca->file, page, out);
	ke_acquire_spin_lock(&vm->ws_lock);
	/* Another thread of this process mapped the page meanwhile: it holds
	 * the view's reference already. */
	if (!err && (vm_pte_raw(va) & 1)) {
		mm_file_page_put(ca, page, *out, false);
		*out = PFN_NONE;
	}
	vm_io_done(vm);
	if (err == ERROR_NOT_ENOUGH_MEMORY)
		return VM_FAULT_RESOLVED;       /* tried long already: again */
	if (err) {
		mm_count(&mm_stats.in_page_errors);
		return VM_FAULT_IN_PAGE_ERROR;
	}
	mm_count(&mm_stats.hard_faults);
	return VM_FAULT_RESOLVED;
}

bool file_view_unmap(struct vm_space *vm, const struct vm_vad *v, vaddr_t va, pfn_t pfn,
		     uint32_t soft)
{
	struct mm_control_area *ca = v->view->ca;
	uint32_t page = view_page(v, va);
	/* The exchange returns the dirty bit as it was when the PTE went. */
	bool dirty = vm_pte_set(vm, va, soft).dirty;

	pfn_lock();
	if (dirty)
		file_page_dirty_locked(ca, page);
	if (--pfn_entry(pfn)->share == 0)
		file_page_unref_locked(ca, page, pfn);
	pfn_unlock();
	vm->c.resident--;
	return true;
}

/* FlushViewOfFile's first half (working-set lock held): the dirty bits of
 * pages [first, end) of file view v in this process go into their
 * prototype PTEs (NT's MiFlushDirtyBitsToPfn). */
static void dirty_bits_collect(const struct vm_vad *v, vaddr_t first, vaddr_t end)
{
	for (vaddr_t va = mmu_next_present(first, end); va < end;
	     va = mmu_next_present(va + PAGE_SIZE, end)) {
		if (!vm_frame_is_prototype(vm_pte_raw(va) >> PAGE_SHIFT) ||
		    !mmu_test_clear_dirty(va))
			continue;
		pfn_lock();
		file_page_dirty_locked(v->view->ca, view_page(v, va));
		pfn_unlock();
	}
}

uint32_t vm_flush_view(struct vm_space *vm, vaddr_t addr, uint32_t size)
{
	struct mm_control_area *ca = NULL;
	uint32_t first = 0, end = 0, err = ERROR_SUCCESS;
	struct vm_vad *v;
	bool ok;

	ke_acquire_spin_lock(&vm->ws_lock);
	v = vm->cleared || addr >= VM_USER_HIGH ? NULL : vm_vad_at(vm, addr >> 12);
	ok = v && v->view && size <= vm_va(v->node.end) - addr;
	/* A pagefile section has no file to write: its pages reach the paging
	 * file when they are trimmed. */
	if (ok && v->view->ca->backing == MM_BACKING_FILE) {
		vaddr_t lo = addr & ~(VM_PAGE - 1);
		vaddr_t hi = size ? (addr + size + VM_PAGE - 1) & ~(VM_PAGE - 1) : vm_va(v->node.end);
		ca = v->view->ca;
		first = view_page(v, lo);
		end = view_page(v, hi - VM_PAGE) + 1;
		dirty_bits_collect(v, lo, hi);
		vm->io_pending++;       /* the view (and its control area) stays */
	}
	ke_release_spin_lock(&vm->ws_lock);
	if (!ok)
		return ERROR_INVALID_ADDRESS;
	if (!ca)
		return ERROR_SUCCESS;
	err = ca->io->flush(ca->file, first, end);
	ke_acquire_spin_lock(&vm->ws_lock);
	vm_io_done(vm);
	ke_release_spin_lock(&vm->ws_lock);
	return err;
}
