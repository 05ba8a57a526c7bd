/* The memory manager's global invariants, checked after every scenario and at
 * shutdown: the PFN database, the commit charge and the swap slots agree, and
 * the running space obeys the hardening rules (arch/mmu.h). */
#include "mm/mm.h"
#include "mm/commit.h"
#include "mm/pfn.h"
#include "mm/section.h"
#include "mm/swap.h"
#include "mm/vmspace.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"

bool mm_invariants_hold(void)
{
	uint32_t bad;
	struct pfn_totals t;

	/* The mappers stand still while the PFN database is checked. */
	vm_lock_all_spaces();
	bad = pfn_check() + mmu_check_hardening();
	vm_unlock_all_spaces();
	bad += commit_check() + swap_check() + mm_section_check();

	pfn_get_totals(&t);
	if (bad == 0)
		kprintf("mm: pfn_check ok: %u frames, %u active, commit %u of %u\n", t.managed,
			t.active, commit_charged(), commit_limit());
	else
		kprintf("mm: pfn_check found %u violations\n", bad);
	return bad == 0;
}
