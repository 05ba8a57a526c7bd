/* Large pages: VirtualAlloc(MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES); see
 * mm/largepage.h and mm/vm.h. A large VAD is MEM_PRIVATE, committed whole
 * (VAD_COMMITTED, so VirtualQuery reports it as any committed private
 * region), flagged VAD_LARGE, 4 MB aligned at both ends, and mapped by 4 MB
 * PDEs only: its pages never have PTEs, so nothing that walks page tables
 * (trimmer, writer, working-set lists) ever sees them. */
#include "mm/largepage.h"
#include "mm/commit.h"
#include "mm/pool.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"

#define LARGE_PAGES_LOW  (MMU_LARGE_PAGE / VM_PAGE)             /* the first 4 MB holds the null guard */
#define LARGE_PAGES_HIGH ((VM_USER_HIGH & ~(MMU_LARGE_PAGE - 1)) / VM_PAGE)  /* the last, the top 64 KB */

uint32_t vm_large_page_minimum(void)
{
	return mmu_large_pages() ? MMU_LARGE_PAGE : 0;
}

/* Windows' rules: reserved and committed in one call, size and address
 * multiples of the large-page minimum, an accessible protection without
 * PAGE_GUARD. */
static bool large_args_valid(vaddr_t addr, uint32_t size, uint32_t type, uint32_t protect)
{
	uint32_t base = protect & 0xffu;

	return mmu_large_pages() &&
	       (type & ~MEM_TOP_DOWN) == (MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES) &&
	       size && !(size & (MMU_LARGE_PAGE - 1)) && !(addr & (MMU_LARGE_PAGE - 1)) &&
	       pte_protect_valid(protect, false) && !(protect & PAGE_GUARD) &&
	       base != PAGE_NOACCESS;
}

/* The self-map address of the PDE that maps va: large frames' back pointer. */
static vaddr_t pde_self_va(vaddr_t va)
{
	return MMU_PDE_BASE + (va >> 22) * 4;
}

/* Maps runs frames[] at the place *addr asks for (0: any, bottom-up or top
 * down) as one new large VAD; a Win32 error, changing nothing, or 0. */
static uint32_t large_map(struct vm_space *vm, vaddr_t *addr, uint32_t runs, uint32_t type,
			  uint32_t protect, const pfn_t *frames)
{
	uint32_t n = runs * MMU_LARGE_FRAMES, first, err;
	pte_prot_t prot = pte_prot_from_win32(protect);
	struct vm_vad *v;

	if (*addr == 0 && !vad_find_gap(&vm->vads, n, MMU_LARGE_FRAMES, LARGE_PAGES_LOW,
					LARGE_PAGES_HIGH, type & MEM_TOP_DOWN, &first))
		return ERROR_NOT_ENOUGH_MEMORY;
	if (*addr != 0) {
		first = *addr / VM_PAGE;
		if (first < LARGE_PAGES_LOW || first >= LARGE_PAGES_HIGH ||
		    n > LARGE_PAGES_HIGH - first)
			return ERROR_INVALID_PARAMETER;
	}
	if ((err = vm_vad_create(vm, first, first + n, MEM_PRIVATE, protect, 0, &v)) != 0)
		return err;
	v->node.flags = VAD_COMMITTED | VAD_LARGE;
	v->node.protect = prot;
	vm_commit_add(vm, v, n);
	for (uint32_t i = 0; i < runs; i++) {
		vaddr_t va = vm_va(first) + i * MMU_LARGE_PAGE;
		for (pfn_t p = frames[i]; p < frames[i] + MMU_LARGE_FRAMES; p++) {
			pfn_set_pte(p, pde_self_va(va), vm->pd);
			pfn_entry(p)->original_pte = pte_make(PTE_DEMAND_ZERO, prot, 0);
		}
		mmu_map_large(va, frames[i], vm_hw_prot(prot));
	}
	*addr = vm_va(first);
	return 0;
}

/* Makes runs runs into frames[]; false (none kept) when one cannot be had. */
static bool runs_take(pfn_t *frames, uint32_t runs)
{
	for (uint32_t i = 0; i < runs; i++) {
		if ((frames[i] = pfnrun_take()) != PFN_NONE)
			continue;
		while (i--)
			pfnrun_free(frames[i]);
		return false;
	}
	return true;
}

uint32_t vm_allocate_large(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
			   uint32_t protect, bool may_lock)
{
	uint32_t runs = size / MMU_LARGE_PAGE, n = size / VM_PAGE, err;
	pfn_t *frames;

	if (!large_args_valid(*addr, size, type, protect) || size > VM_USER_HIGH)
		return ERROR_INVALID_PARAMETER;
	if (!may_lock)
		return ERROR_PRIVILEGE_NOT_HELD;
	if ((frames = kmalloc(runs * sizeof(*frames))) == NULL)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (!commit_charge(n)) {
		kfree(frames);
		return ERROR_COMMITMENT_LIMIT;
	}
	/* The frames first, holding none of vm's locks: making a run takes
	 * every space's working-set lock. */
	if (!runs_take(frames, runs)) {
		err = ERROR_NO_SYSTEM_RESOURCES;
	} else {
		vm_enter(vm);
		err = vm->cleared ? ERROR_INVALID_ADDRESS :
				    large_map(vm, addr, runs, type, protect, frames);
		vm_leave(vm);
		for (uint32_t i = 0; err && i < runs; i++)
			pfnrun_free(frames[i]);
	}
	if (err)
		commit_return(n);
	kfree(frames);
	return err;
}

void vm_large_release(struct vm_space *vm, struct vm_vad *v)
{
	(void)vm;               /* the SMP issue: the CPUs running vm */
	for (vaddr_t va = vm_va(v->node.start); va < vm_va(v->node.end); va += MMU_LARGE_PAGE)
		pfnrun_free(mmu_unmap_large(va).pfn);
}

/* One large page of v at va: mapped as v says, its frames pointing back. */
static uint32_t check_one(struct vm_space *vm, const struct vm_vad *v, vaddr_t va)
{
	struct mmu_mapping m = mmu_query(va);
	pfn_t first = m.pfn;
	uint32_t bad = 0;

	if (!m.present || !m.large || m.prot != vm_hw_prot((pte_prot_t)v->node.protect)) {
		kprintf("vm_check: large page at 0x%08x: PDE 0x%08x\n", va, m.raw);
		return 1;
	}
	for (pfn_t p = first; p < first + MMU_LARGE_FRAMES; p++) {
		const struct pfn_entry *e = pfn_entry(p);
		if (e->state == PFN_ACTIVE && e->pte == pde_self_va(va) && e->pt_frame == vm->pd)
			continue;
		if (bad++ == 0)
			kprintf("vm_check: large page at 0x%08x: frame 0x%x is state %u, back "
				"pointer 0x%08x\n", va, p, e->state, e->pte);
	}
	return bad;
}

uint32_t vm_large_check(struct vm_space *vm, const struct vm_vad *v)
{
	uint32_t bad = 0;

	for (vaddr_t va = vm_va(v->node.start); va < vm_va(v->node.end); va += MMU_LARGE_PAGE)
		bad += check_one(vm, v, va);
	return bad;
}
