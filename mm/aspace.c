/* Process address spaces; see mm/aspace.h. */
#include "mm/aspace.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "kernel/panic.h"
#include "kernel/string.h"

#define PDE_SPAN (1u << 22)

static pfn_t kernel_pd;

void aspace_init(pfn_t kernel)
{
	kernel_pd = kernel;
}

pfn_t aspace_kernel(void)
{
	return kernel_pd;
}

pfn_t aspace_create(void)
{
	pfn_t pd = pfn_alloc(PFN_ZERO);
	uint32_t *dir;
	bool irq;

	if (pd == PFN_NONE)
		return PFN_NONE;
	/* The kernel half is copied once and never changes (every kernel table
	 * exists from boot); the self-map entry points at the new directory.
	 * Interrupts stay off while the shared slot is ours. */
	irq = irq_save();
	dir = mmu_temp_map(TEMP_ASPACE, pd);
	memcpy(&dir[PDE_KERNEL_FIRST], (const void *)(MMU_PDE_BASE + PDE_KERNEL_FIRST * 4),
	       (1024 - PDE_KERNEL_FIRST) * 4);
	dir[PDE_SELF] = mmu_make_pde(pd);
	mmu_temp_unmap(TEMP_ASPACE);
	irq_restore(irq);
	pfn_set_pte(pd, mmu_pte_va(MMU_PDE_BASE), pd);
	return pd;
}

void aspace_activate(pfn_t pd)
{
	mmu_activate(pd);
}

static bool ensure_table(vaddr_t va)
{
	pfn_t pt;
	vaddr_t table_va = MMU_PTE_BASE + (va >> 22) * PAGE_SIZE;

	if (mmu_has_table(va))
		return true;
	if ((pt = pfn_alloc(PFN_ZERO)) == PFN_NONE)
		return false;
	mmu_set_table(va, pt, true);
	pfn_set_pte(pt, mmu_pte_va(table_va), mmu_table_pfn(table_va));
	return true;
}

bool aspace_map_zeroed(vaddr_t va, bool writable)
{
	pfn_t page;

	if (va < MM_USER_FIRST || va >= MM_USER_END || !ensure_table(va))
		return false;
	if ((page = pfn_alloc(PFN_ZERO)) == PFN_NONE)
		return false;
	mmu_map(va, page, MMU_USER | (writable ? MMU_WRITE : 0));
	pfn_set_pte(page, mmu_pte_va(va), mmu_table_pfn(va));
	return true;
}

/* Unmaps and frees every page under one user page table, then the table. */
static uint32_t clear_table(vaddr_t base)
{
	uint32_t freed = 0;
	pfn_t pt = mmu_table_pfn(base);

	for (vaddr_t va = base; va < base + PDE_SPAN; va += PAGE_SIZE) {
		struct mmu_mapping m = mmu_query(va);
		if (!m.present)
			continue;
		mmu_unmap(va);          /* cleared and flushed before the frame goes */
		pfn_free(m.pfn);
		freed++;
	}
	mmu_set_table(base, 0, false);
	pfn_free(pt);
	return freed + 1;
}

uint32_t aspace_clear_user(void)
{
	uint32_t freed = 0;

	for (vaddr_t base = 0; base < KERNEL_BASE; base += PDE_SPAN)
		if (mmu_has_table(base))
			freed += clear_table(base);
	return freed;
}

void aspace_destroy(pfn_t pd)
{
	if (pd == aspace_kernel() || pd == read_cr3() >> PAGE_SHIFT)
		panic("aspace_destroy: directory 0x%x is still in use", pd);
	pfn_free(pd);
}
