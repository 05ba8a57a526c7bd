/* Process address spaces; see mm/aspace.h. */
#include "mm/aspace.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

#define PDE_SPAN (1u << 22)

static pfn_t kernel_pd;

void aspace_init(pfn_t kernel)
{
	kernel_pd = kernel;
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
	if (pd != read_cr3() >> PAGE_SHIFT)
		mmu_activate(pd);
}

void aspace_destroy(pfn_t pd)
{
	if (pd == kernel_pd)
		panic("aspace_destroy: the kernel's own directory 0x%x", pd);
	/* A kernel thread may still run on it (they keep whatever directory
	 * they find): move to the kernel's before the frame goes. */
	if (pd == read_cr3() >> PAGE_SHIFT)
		mmu_activate(kernel_pd);
	pfn_free(pd);
}
