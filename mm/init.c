/* Memory-manager bring-up: from the boot stub's 16 MB window to the kernel's
 * own page directory and the PFN database; see mm/mm.h. */
#include "mm/mm.h"
#include "mm/aspace.h"
#include "mm/commit.h"
#include "mm/pfn.h"
#include "arch/arch.h"
#include "arch/gdt.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

#define FIRST_MANAGED  0x100000ull      /* the first megabyte stays with firmware */
#define PHYS_4G        0x100000000ull
#define EXCLUDED_MAX   (BOOT_MODULES_MAX + 6)

struct range { uint64_t start, end; };

/* Physical memory the memory manager must not hand out. */
static struct range excluded[EXCLUDED_MAX];
static uint32_t excluded_count;
static uint64_t phys_limit;

extern char __kernel_start[], __kernel_end[], __data_start[];

static void exclude(uint64_t start, uint64_t end)
{
	if (end > start && excluded_count < EXCLUDED_MAX)
		excluded[excluded_count++] = (struct range){
			start & ~(uint64_t)(PAGE_SIZE - 1),
			(end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1) };
}

static void collect_exclusions(const struct boot_info *bi)
{
	exclude(0, FIRST_MANAGED);
	exclude((uint32_t)__kernel_start - KERNEL_BASE, (uint32_t)__kernel_end - KERNEL_BASE);
	exclude(bi->mbi_start, bi->mbi_end);
	exclude(bi->symtab_phys, (uint64_t)bi->symtab_phys + bi->symtab_size);
	exclude(bi->strtab_phys, (uint64_t)bi->strtab_phys + bi->strtab_size);
	for (uint32_t i = 0; i < bi->module_count; i++)
		exclude(bi->modules[i].start, bi->modules[i].end);
}

static bool frame_excluded(pfn_t pfn)
{
	uint64_t pa = (uint64_t)pfn << PAGE_SHIFT;

	for (uint32_t i = 0; i < excluded_count; i++)
		if (pa >= excluded[i].start && pa < excluded[i].end)
			return true;
	return false;
}

/* The usable frames of region r below phys_limit: [*first, *end). */
static bool usable_frames(const struct boot_mem_region *r, pfn_t *first, pfn_t *end)
{
	uint64_t lo = (r->base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t hi = (r->base + r->length) & ~(uint64_t)(PAGE_SIZE - 1);

	if (r->type != BOOT_MEM_USABLE)
		return false;
	if (hi > phys_limit)
		hi = phys_limit;
	if (lo >= hi)
		return false;
	*first = (pfn_t)(lo >> PAGE_SHIFT);
	*end = (pfn_t)(hi >> PAGE_SHIFT);
	return true;
}

/* The bump allocator that feeds page tables and the database before the PFN
 * database exists. Frames it hands out become active entries later. */
struct early {
	const struct boot_info *bi;
	uint32_t region;
	pfn_t next;
};

static pfn_t early_alloc(struct early *e)
{
	pfn_t first, end;

	for (; e->region < e->bi->mmap_count; e->region++, e->next = 0) {
		if (!usable_frames(&e->bi->mmap[e->region], &first, &end))
			continue;
		if (e->next < first)
			e->next = first;
		for (; e->next < end; e->next++)
			if (!frame_excluded(e->next))
				return e->next++;
	}
	panic("mm: out of memory while building the kernel page tables");
}

/* A frame the old boot window can reach, zeroed: page directory and tables are
 * written through it before the switch. */
static uint32_t *early_table(struct early *e, pfn_t *pfn)
{
	uint32_t *va;

	*pfn = early_alloc(e);
	va = arch_phys_to_virt(*pfn << PAGE_SHIFT, PAGE_SIZE);
	if (!va)
		panic("mm: no RAM below 16 MB left for the kernel page tables");
	memset(va, 0, PAGE_SIZE);
	return va;
}

static uint32_t *table_of(uint32_t *pd, vaddr_t va)
{
	return arch_phys_to_virt(pd[va >> 22] & ~(PAGE_SIZE - 1), PAGE_SIZE);
}

static void set_pte(uint32_t *pd, vaddr_t va, pfn_t pfn, unsigned prot)
{
	table_of(pd, va)[(va >> PAGE_SHIFT) & 1023] = mmu_make_pte(pfn, prot);
}

/* Whether the direct window's 4 MB at physical pa is one global large page:
 * where the CPU has PSE, for every whole 4 MB of the window but those
 * holding the kernel image, whose text and read-only data (and the boot
 * stack's guard page) need 4 KB pages. */
static bool direct_large(uint32_t pa, uint32_t bytes)
{
	uint32_t image_start = (uint32_t)__kernel_start - KERNEL_BASE;
	uint32_t image_end = (uint32_t)__kernel_end - KERNEL_BASE;

	return mmu_large_pages() && bytes - pa >= MMU_LARGE_PAGE &&
	       (pa + MMU_LARGE_PAGE <= image_start || pa >= image_end);
}

/* Kernel text and read-only data stay read-only (CR0.WP makes the kernel obey). */
static void map_direct_window(uint32_t *pd, uint32_t bytes)
{
	uint32_t ro_start = (uint32_t)__kernel_start - KERNEL_BASE;
	uint32_t ro_end = (uint32_t)__data_start - KERNEL_BASE;

	for (uint32_t pa = 0; pa < bytes; pa += PAGE_SIZE) {
		if (direct_large(pa & ~(MMU_LARGE_PAGE - 1), bytes)) {
			pa |= MMU_LARGE_PAGE - PAGE_SIZE;       /* mapped by its PDE */
			continue;
		}
		unsigned prot = MMU_GLOBAL;
		if (pa < ro_start || pa >= ro_end)
			prot |= MMU_WRITE;
		set_pte(pd, KERNEL_BASE + pa, pa >> PAGE_SHIFT, prot);
	}
}

static pfn_t highest_usable(const struct boot_info *bi)
{
	pfn_t first, end, highest = 0;

	for (uint32_t i = 0; i < bi->mmap_count; i++)
		if (usable_frames(&bi->mmap[i], &first, &end) && end - 1 > highest)
			highest = end - 1;
	return highest;
}

static uint32_t db_pages(pfn_t highest)
{
	return ((highest + 1) * sizeof(struct pfn_entry) + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* Builds the kernel page directory; returns its frame. */
static pfn_t build_kernel_tables(struct early *e, pfn_t highest, uint32_t direct)
{
	pfn_t pd_pfn, pt;
	uint32_t *pd = early_table(e, &pd_pfn);

	for (uint32_t i = PDE_KERNEL_FIRST; i < 1024; i++) {
		uint32_t pa = (i - PDE_KERNEL_FIRST) << 22;
		if (i == PDE_SELF) {
			pd[i] = mmu_make_pde(pd_pfn);
			continue;
		}
		if (pa < direct && direct_large(pa, direct)) {
			pd[i] = mmu_make_large_pde(pa >> PAGE_SHIFT, MMU_WRITE | MMU_GLOBAL);
			continue;
		}
		early_table(e, &pt);
		pd[i] = mmu_make_pde(pt);
	}
	map_direct_window(pd, direct);
	for (uint32_t i = 0; i < db_pages(highest); i++)
		set_pte(pd, MM_PFN_DB_BASE + i * PAGE_SIZE, early_alloc(e),
			MMU_WRITE | MMU_GLOBAL);
	return pd_pfn;
}

/* Enters what the boot code allocated into the fresh database as active:
 * the directory (mapped by its own self-map entry), every kernel page table
 * (mapped by its PDE; large PDEs have none) and the database pages. */
static void record_boot_frames(pfn_t pd, pfn_t highest)
{
	pfn_db_add_active(pd, mmu_pte_va(MMU_PDE_BASE), pd);
	for (uint32_t i = PDE_KERNEL_FIRST; i < 1024; i++) {
		vaddr_t table_va = MMU_PTE_BASE + i * PAGE_SIZE;
		if (i != PDE_SELF && mmu_has_table(i << 22))
			pfn_db_add_active(mmu_query(table_va).pfn, mmu_pte_va(table_va), pd);
	}
	for (uint32_t i = 0; i < db_pages(highest); i++) {
		vaddr_t va = MM_PFN_DB_BASE + i * PAGE_SIZE;
		pfn_db_add_active(mmu_query(va).pfn, mmu_pte_va(va), mmu_table_pfn(va));
	}
}

static void add_free_frames(const struct boot_info *bi)
{
	pfn_t first, end;

	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		if (!usable_frames(&bi->mmap[i], &first, &end))
			continue;
		for (pfn_t p = first; p < end; p++)
			if (pfn_entry(p)->state == PFN_UNMANAGED && !frame_excluded(p))
				pfn_db_add_free(p);
	}
}

void mm_init(const struct boot_info *bi, uint64_t mem_cap_bytes)
{
	struct early e = { .bi = bi };
	struct pfn_totals t;
	pfn_t highest, pd;
	uint32_t direct;

	phys_limit = mem_cap_bytes && mem_cap_bytes < PHYS_4G ? mem_cap_bytes : PHYS_4G;
	collect_exclusions(bi);
	highest = highest_usable(bi);
	if (highest == 0 || (uint64_t)(highest + 1) * sizeof(struct pfn_entry) >
			    MM_PFN_DB_END - MM_PFN_DB_BASE)
		panic("mm: no usable memory in the memory map (highest frame 0x%x)", highest);
	direct = (highest + 1) << PAGE_SHIFT;
	if (direct > MM_DIRECT_MAX || direct == 0)
		direct = MM_DIRECT_MAX;
	if (direct < FIRST_MANAGED)
		direct = FIRST_MANAGED;

	/* PGE before building: the tables get global bits only when it is on. */
	mmu_enable_features();
	pd = build_kernel_tables(&e, highest, direct);
	mmu_activate(pd);
	aspace_init(pd);
	gdt_set_double_fault_cr3(pd << PAGE_SHIFT);     /* the boot directory is gone */
	arch_set_direct_limit(direct);
	mmu_unmap((vaddr_t)boot_stack_guard);   /* the direct window mapped it again */

	pfn_db_init((struct pfn_entry *)MM_PFN_DB_BASE, highest);
	record_boot_frames(pd, highest);
	add_free_frames(bi);
	commit_init();
	pfn_get_totals(&t);
	kprintf("mm: usable %u KiB, frames %u, pfn entry %u bytes\n", t.managed * 4,
		t.managed, (uint32_t)sizeof(struct pfn_entry));
}
