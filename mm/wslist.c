/* QueryWorkingSet's and QueryWorkingSetEx's view of a working set: the
 * resident pages of the attached address space, described as psapi's
 * PSAPI_WORKING_SET_BLOCK and PSAPI_WORKING_SET_EX_BLOCK do (32-bit layouts).
 * A section's page mapped by views is shared, with the number of process
 * PTEs mapping it as share count (up to 7, the field's width); private
 * pages have share count 0 and are not shared. */
#include "mm/sectionp.h"
#include "arch/mmu.h"

#define WS_NOCACHE 8u           /* PSAPI_WORKING_SET_BLOCK.Protection: + non-cacheable */
#define WS_SHARE_SHIFT 5        /* ShareCount: bits 5..7 */
#define WS_SHARED  (1u << 8)
#define EX_VALID   1u
#define EX_SHARE_SHIFT 1        /* ShareCount: bits 1..3 */
#define EX_PROT_SHIFT 4         /* Win32Protection: bits 4..14 */
#define EX_SHARED  (1u << 15)
#define EX_LOCKED  (1u << 22)
#define EX_LARGE   (1u << 23)

/* A resident page's share count as the blocks hold it (0 when private). */
static uint32_t ws_share(pfn_t pfn)
{
	uint32_t n;

	if (!vm_frame_is_prototype(pfn))
		return 0;
	pfn_lock();
	n = pfn_entry(pfn)->share;
	pfn_unlock();
	return n > 7 ? 7 : n;
}

/* psapi's protection code of a resident page's protection: 1 read-only,
 * 2 execute, 3 execute-read, 4 read-write, 5 copy-on-write, 6 execute-read-
 * write, 7 execute-copy-on-write; + 8 non-cacheable. */
static uint32_t ws_protection(pte_prot_t p)
{
	static const uint8_t code[8] = { 0, 1, 4, 5, 2, 3, 6, 7 };

	return code[p & PTE_PROT_BASE] | (pte_prot_nocache(p) ? WS_NOCACHE : 0);
}

uint32_t vm_ws_list(struct vm_space *vm, uint32_t *out, uint32_t max)
{
	uint32_t n = 0;

	ke_acquire_spin_lock(&vm->ws_lock);
	for (struct vad *v = vad_first(&vm->vads); v; v = vad_next(v)) {
		vaddr_t end = vm_va(v->end);
		for (vaddr_t va = mmu_next_present(vm_va(v->start), end); va < end;
		     va = mmu_next_present(va + PAGE_SIZE, end), n++) {
			struct vm_page pg = vm_page_get(vm_vad_of(v), va);
			uint32_t share = ws_share(pg.frame);
			if (n < max)
				out[n] = va | ws_protection(pg.prot) | share << WS_SHARE_SHIFT |
					 (vm_frame_is_prototype(pg.frame) ? WS_SHARED : 0);
		}
	}
	ke_release_spin_lock(&vm->ws_lock);
	return n;
}

uint32_t vm_ws_query(struct vm_space *vm, vaddr_t va)
{
	struct vm_vad *v;
	struct pfn_entry *e;
	uint32_t block = 0;

	if (va >= VM_USER_HIGH)
		return 0;
	ke_acquire_spin_lock(&vm->ws_lock);
	if ((vm_pte_raw(va) & 1) && (v = vm_vad_at(vm, va >> 12)) != NULL) {
		struct vm_page pg = vm_page_get(v, va & ~(VM_PAGE - 1));
		block = EX_VALID | pte_prot_to_win32(pg.prot) << EX_PROT_SHIFT |
			ws_share(pg.frame) << EX_SHARE_SHIFT |
			(vm_frame_is_prototype(pg.frame) ? EX_SHARED : 0) |
			(vm_page_locked(v, va & ~(VM_PAGE - 1), pg.frame) ? EX_LOCKED : 0);
	} else if (mmu_query(va).large) {       /* in no working set, but valid */
		e = pfn_entry(mmu_query(va).pfn);
		block = EX_VALID | pte_prot_to_win32(pte_prot(e->original_pte)) << EX_PROT_SHIFT |
			EX_LOCKED | EX_LARGE;
	}
	ke_release_spin_lock(&vm->ws_lock);
	return block;
}
