/* The memory figures as system calls: GlobalMemoryStatusEx's,
 * GetProcessMemoryInfo's, and the memory manager's counters for make bench. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "mm/commit.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/stats.h"
#include "mm/swap.h"
#include "user/include/vados/syscall.h"

#define USER_PAGES ((MM_USER_END - MM_USER_FIRST) / PAGE_SIZE)

/* (struct vados_memory_status *out) */
struct sysret sys_memory_status(const uint32_t *a, struct trap_frame *f)
{
	struct vm_counters c;
	struct pfn_totals t;
	struct vados_memory_status s;
	struct swap_stats sw;
	struct pool_stats pool;

	(void)f;
	pfn_get_totals(&t);
	pool_get_stats(&pool);
	swap_get_stats(&sw);
	vm_get_counters(process_current()->vm, &c);
	s = (struct vados_memory_status){
		.phys_pages = t.managed,
		.phys_avail_pages = t.on_list[PFN_FREE] + t.on_list[PFN_ZEROED] +
				    t.on_list[PFN_STANDBY],
		.commit_limit_pages = commit_limit(),
		.commit_charge_pages = commit_charged(),
		.virtual_pages = USER_PAGES,
		.virtual_free_pages = USER_PAGES - c.reserved,
		.swap_slots = sw.slots,
		.swap_slots_used = sw.used - sw.bad,
		.swap_slots_copies = vm_swap_copies(),
		.large_page_minimum = vm_large_page_minimum(),
		.commit_peak_pages = commit_peak(),
		.cache_pages = t.on_list[PFN_STANDBY] + t.on_list[PFN_MODIFIED],
		.kernel_pages = pool.pages,
	};
	return sys_copy_out(a[0], &s, sizeof(s));
}

/* (process, struct vados_process_memory *out) */
struct sysret sys_process_memory(const uint32_t *a, struct trap_frame *f)
{
	struct process *p;
	struct vados_process_memory m = { .cb = sizeof(m) };
	struct vm_counters c = { 0 };
	uint32_t err = process_by_handle(a[0], PROCESS_QUERY_LIMITED_INFORMATION, &p);
	bool irq;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	irq = irq_save();
	if (p->vm)
		vm_get_counters(p->vm, &c);
	/* The handle table is the process's paged-pool quota, as in NT. */
	m.pool[0] = p->handles.peak_bytes;
	m.pool[1] = p->handles.bytes;
	irq_restore(irq);
	ob_dereference(p);
	m.page_faults = c.faults;
	m.working_set = c.resident * PAGE_SIZE;
	m.peak_working_set = c.peak_resident * PAGE_SIZE;
	m.commit = c.private_commit * PAGE_SIZE;        /* Windows: private bytes */
	m.peak_commit = c.peak_private_commit * PAGE_SIZE;
	return sys_copy_out(a[1], &m, sizeof(m));
}

/* (struct vados_mm_counters *out) */
struct sysret sys_mm_counters(const uint32_t *a, struct trap_frame *f)
{
	struct pfn_totals t;
	struct swap_stats sw;
	struct mmu_stats tlb;
	struct vados_mm_counters c;
	bool irq = irq_save();

	(void)f;
	pfn_get_totals(&t);
	swap_get_stats(&sw);
	mmu_get_stats(&tlb);
	c = (struct vados_mm_counters){
		.demand_zero_faults = mm_stats.demand_zero_faults,
		.image_faults = mm_stats.image_faults, .soft_faults = mm_stats.soft_faults,
		.hard_faults = mm_stats.hard_faults, .collided_faults = mm_stats.collided_faults,
		.guard_faults = mm_stats.guard_faults,
		.access_violations = mm_stats.access_violations,
		.in_page_errors = mm_stats.in_page_errors, .pages_trimmed = mm_stats.pages_trimmed,
		.clean_pages_dropped = mm_stats.clean_pages_dropped,
		.swap_copies_kept = mm_stats.swap_copies_kept,
		.swap_copies_dropped = mm_stats.swap_copies_dropped,
		.zeroed_by_idle = t.zeroed_idle, .zeroed_on_fault_path = t.zeroed_on_demand,
		.swap_pages_written = sw.pages_written, .swap_pages_read = sw.pages_read,
		.swap_write_requests = sw.write_requests, .swap_read_requests = sw.read_requests,
		.tlb_page_flushes = tlb.page_flushes, .tlb_full_flushes = tlb.full_flushes,
		.address_space_switches = tlb.address_space_switches,
		.large_pages_made = mm_stats.large_pages_made,
		.large_page_moves = mm_stats.large_page_moves,
		.cache_hits = mm_stats.cache_hits, .cache_misses = mm_stats.cache_misses,
		.cache_pages_read = mm_stats.cache_pages_read,
		.cache_pages_written = mm_stats.cache_pages_written,
		.cache_lazy_pages = mm_stats.cache_lazy_pages,
	};
	irq_restore(irq);
	return sys_copy_out(a[0], &c, sizeof(c));
}
