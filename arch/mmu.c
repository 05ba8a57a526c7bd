/* i386 two-level paging through the self-map; see arch/mmu.h. */
#include "arch/mmu.h"
#include "arch/cpu.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"

#define PTE_P    0x001u
#define PTE_W    0x002u
#define PTE_U    0x004u
#define PTE_PCD  0x010u
#define PTE_A    0x020u
#define PTE_D    0x040u
#define PDE_PS   0x080u          /* a PDE mapping a 4 MB page */
#define PTE_G    0x100u
#define PTE_FRAME 0xfffff000u

#define CR0_WP   (1u << 16)
#define CR4_PSE  (1u << 4)
#define CR4_PGE  (1u << 7)
#define CR4_SMEP (1u << 20)
#define CR4_SMAP (1u << 21)

static bool global_pages, large_pages;
static struct mmu_stats stats;

/* Every single-entry flush goes through here, so it can be counted. */
static inline void flush_one(vaddr_t va)
{
	stats.page_flushes++;
	invlpg(va);
}

void mmu_get_stats(struct mmu_stats *out)
{
	*out = stats;
}

static inline volatile uint32_t *pte_of(vaddr_t va)
{
	return (volatile uint32_t *)mmu_pte_va(va);
}

static inline volatile uint32_t *pde_of(vaddr_t va)
{
	return (volatile uint32_t *)(MMU_PDE_BASE + (va >> 22) * 4);
}

uint32_t mmu_make_pte(pfn_t pfn, unsigned prot)
{
	uint32_t pte = (pfn << PAGE_SHIFT) | PTE_P;

	if (prot & MMU_WRITE)
		pte |= PTE_W;
	if (prot & MMU_USER)
		pte |= PTE_U;
	if ((prot & MMU_GLOBAL) && global_pages)
		pte |= PTE_G;
	if (prot & MMU_NOCACHE)
		pte |= PTE_PCD;
	return pte;
}

/* A PDE never carries G: through the self-map it is read as a PTE, and a global
 * self-map entry would survive address-space switches. User bits are granted
 * per PTE; the PDE allows user access only for user tables. */
uint32_t mmu_make_pde(pfn_t pt)
{
	return (pt << PAGE_SHIFT) | PTE_P | PTE_W;
}

static struct mmu_mapping decode(uint32_t pte)
{
	struct mmu_mapping m = { .raw = pte, .present = (pte & PTE_P) != 0 };

	if (!m.present)
		return m;
	m.pfn = pte >> PAGE_SHIFT;
	m.prot = (pte & PTE_W ? MMU_WRITE : 0) | (pte & PTE_U ? MMU_USER : 0) |
		 (pte & PTE_G ? MMU_GLOBAL : 0) | (pte & PTE_PCD ? MMU_NOCACHE : 0);
	m.accessed = (pte & PTE_A) != 0;
	m.dirty = (pte & PTE_D) != 0;
	return m;
}

static inline bool pde_large(uint32_t pde)
{
	return (pde & (PTE_P | PDE_PS)) == (PTE_P | PDE_PS);
}

static void write_cr0(uint32_t v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }

void mmu_enable_features(void)
{
	uint32_t cr4 = read_cr4();

	write_cr0(read_cr0() | CR0_WP);
	if (cpu_info.features & CPU_PGE)
		cr4 |= CR4_PGE;
	if (cpu_info.features & CPU_PSE)
		cr4 |= CR4_PSE;
	if (cpu_info.features & CPU_SMEP)
		cr4 |= CR4_SMEP;
	if (cpu_info.features & CPU_SMAP)
		cr4 |= CR4_SMAP;
	if (cr4 != read_cr4())
		write_cr4(cr4);
	global_pages = (cr4 & CR4_PGE) != 0;
	large_pages = (cr4 & CR4_PSE) != 0;
}

bool mmu_large_pages(void)
{
	return large_pages;
}

void mmu_activate(pfn_t pd)
{
	stats.address_space_switches++;
	asm volatile("mov %0, %%cr3" : : "r"(pd << PAGE_SHIFT) : "memory");
}

/* Toggling CR4.PGE flushes global entries too; a CR3 reload alone would not. */
void mmu_flush_all(void)
{
	stats.full_flushes++;
	uint32_t cr4 = read_cr4();

	if (cr4 & CR4_PGE) {
		write_cr4(cr4 & ~CR4_PGE);
		write_cr4(cr4);
	} else {
		asm volatile("mov %%cr3, %%eax; mov %%eax, %%cr3" ::: "eax", "memory");
	}
}

/* The first page in [va, end) whose PTE has any of the bits in mask; end if
 * none. Tables absent are skipped whole. */
static vaddr_t next_with(vaddr_t va, vaddr_t end, uint32_t mask)
{
	while (va < end) {
		vaddr_t table_end = (va | ((1u << 22) - 1)) + 1;
		vaddr_t stop = table_end < end && table_end ? table_end : end;
		if (mmu_has_table(va)) {
			for (volatile uint32_t *pte = pte_of(va); va < stop; va += PAGE_SIZE, pte++)
				if (*pte & mask)
					return va;
		}
		va = stop;
	}
	return end;
}

vaddr_t mmu_next_used(vaddr_t va, vaddr_t end)
{
	return next_with(va, end, ~0u);
}

vaddr_t mmu_next_present(vaddr_t va, vaddr_t end)
{
	return next_with(va, end, PTE_P);
}

bool mmu_has_table(vaddr_t va)
{
	uint32_t pde = *pde_of(va);
	return (pde & PTE_P) && !(pde & PDE_PS);
}

pfn_t mmu_table_pfn(vaddr_t va)
{
	return mmu_has_table(va) ? *pde_of(va) >> PAGE_SHIFT : 0;
}

void mmu_set_table(vaddr_t va, pfn_t pt, bool user)
{
	volatile uint32_t *first = pte_of(va & ~((1u << 22) - 1));

	if (pde_large(*pde_of(va)))
		panic("mmu_set_table: 0x%08x is mapped by a large page", va);
	/* Only an empty table may go: its PTEs were cleared and flushed one by one,
	 * so no TLB entry of its 4 MB can outlive it. */
	for (uint32_t i = 0; !pt && (*pde_of(va) & PTE_P) && i < 1024; i++)
		if (first[i])
			panic("mmu_set_table: removing the table for 0x%08x with PTE %u = 0x%08x",
			      va, i, first[i]);
	*pde_of(va) = pt ? mmu_make_pde(pt) | (user ? PTE_U : 0) : 0;
	/* The table's own self-map address may hold a stale translation. */
	flush_one((vaddr_t)pte_of(va) & ~(PAGE_SIZE - 1));
}

/* Writes va's PTE and returns the old one. An atomic exchange: a dirty or
 * accessed bit another CPU's page walk sets meanwhile is in what it returns,
 * not lost. The CPU caches only translations of present PTEs (Intel SDM
 * 4.10.2.3): replacing a not-present PTE needs no flush. */
static uint32_t pte_write(vaddr_t va, uint32_t value)
{
	volatile uint32_t *pte = pte_of(va);
	uint32_t old = value;

	asm volatile("xchgl %0, %1" : "+r"(old), "+m"(*pte) : : "memory");
	if (old & PTE_P)
		flush_one(va);
	return old;
}

void mmu_map(vaddr_t va, pfn_t pfn, unsigned prot)
{
	if (va < MMU_LOWEST_MAPPABLE || ((prot & MMU_USER) && va >= KERNEL_BASE))
		panic("mmu_map: refusing to map 0x%08x%s", va,
		      va < MMU_LOWEST_MAPPABLE ? " (below 64 KB)" : " user-accessible");
	pte_write(va, mmu_make_pte(pfn, prot));
}

struct mmu_mapping mmu_unmap(vaddr_t va)
{
	struct mmu_mapping old = mmu_query(va);

	if (!mmu_has_table(va))
		return old;
	*pte_of(va) = 0;
	/* Flush before anyone may reuse the frame: a stale entry would still
	 * reach it. */
	flush_one(va);
	return old;
}

struct mmu_mapping mmu_set_soft(vaddr_t va, uint32_t raw)
{
	if ((raw & PTE_P) || !mmu_has_table(va))
		panic("mmu_set_soft: 0x%08x into the PTE of 0x%08x%s", raw, va,
		      raw & PTE_P ? " is present" : ", which has no table");
	/* The old PTE may have been present: no stale entry may outlive it. */
	return decode(pte_write(va, raw));
}

void mmu_protect(vaddr_t va, unsigned prot)
{
	struct mmu_mapping m = mmu_query(va);
	uint32_t new;

	if (!m.present)
		return;
	new = mmu_make_pte(m.pfn, prot) | (m.raw & (PTE_A | PTE_D));
	*pte_of(va) = new;
	/* A stale entry with fewer rights than the new PTE only costs a spurious
	 * fault, which re-derives the PTE; one with more must go now. */
	if ((m.raw & ~new & (PTE_W | PTE_U)) || ((m.raw ^ new) & PTE_PCD))
		flush_one(va);
}

void mmu_flush_page(vaddr_t va)
{
	flush_one(va);
}

/* Clears bit (A or D) of va's present PTE; returns whether it was set. A
 * cached translation would let accesses go on without setting it again, so
 * va is flushed when it was. */
static bool test_clear(vaddr_t va, uint32_t bit)
{
	volatile uint32_t *pte = pte_of(va);

	if (!(*pte & PTE_P) || !(*pte & bit))
		return false;
	*pte &= ~bit;
	flush_one(va);
	return true;
}

bool mmu_test_clear_accessed(vaddr_t va)
{
	return test_clear(va, PTE_A);
}

bool mmu_test_clear_dirty(vaddr_t va)
{
	return test_clear(va, PTE_D);
}

struct mmu_mapping mmu_query(vaddr_t va)
{
	uint32_t pde = *pde_of(va);
	struct mmu_mapping m;

	if (pde_large(pde)) {
		m = decode(pde);
		m.large = true;
		m.pfn = (pde >> 22 << 10) + (va >> PAGE_SHIFT & (MMU_LARGE_FRAMES - 1));
		return m;
	}
	if (!mmu_has_table(va))
		return (struct mmu_mapping){ 0 };
	return decode(*pte_of(va));
}

void mmu_query_raw(vaddr_t va, uint32_t *pde, uint32_t *pte)
{
	*pde = *pde_of(va);
	*pte = mmu_has_table(va) ? *pte_of(va) : 0;
}

uint32_t mmu_make_large_pde(pfn_t first, unsigned prot)
{
	return mmu_make_pte(first, prot) | PDE_PS;
}

void mmu_map_large(vaddr_t va, pfn_t first, unsigned prot)
{
	volatile uint32_t *pde = pde_of(va);

	if (!large_pages || (va & (MMU_LARGE_PAGE - 1)) || (first & (MMU_LARGE_FRAMES - 1)) ||
	    va < MMU_LARGE_PAGE || (*pde & PTE_P) || ((prot & MMU_USER) && va >= KERNEL_BASE))
		panic("mmu_map_large: refusing 0x%08x -> frame 0x%x (PDE 0x%08x)", va, first,
		      *pde);
	/* User PDEs stay non-global (they differ between spaces). The entry was
	 * not present: nothing cached to flush. */
	*pde = mmu_make_large_pde(first, prot & ~MMU_GLOBAL);
}

struct mmu_mapping mmu_unmap_large(vaddr_t va)
{
	volatile uint32_t *pde = pde_of(va);
	struct mmu_mapping old = decode(*pde);

	if (!pde_large(old.raw))
		panic("mmu_unmap_large: 0x%08x has PDE 0x%08x", va, old.raw);
	old.large = true;
	old.pfn = old.raw >> 22 << 10;
	*pde = 0;
	/* invlpg of any address inside drops the whole large entry (Intel SDM
	 * 4.10.4.1); the self-map's view of the PDE is a PTE, flushed too. */
	flush_one(va);
	flush_one((vaddr_t)pte_of(va) & ~(PAGE_SIZE - 1));
	return old;
}

bool mmu_large_holds(uint32_t raw, pfn_t pfn)
{
	return pde_large(raw) && pfn - (raw >> 22 << 10) < MMU_LARGE_FRAMES;
}

uint32_t mmu_retarget(uint32_t raw, pfn_t pfn)
{
	return (raw & ~PTE_FRAME) | (pfn << PAGE_SHIFT);
}

uint32_t mmu_exchange(volatile uint32_t *pte, uint32_t value)
{
	asm volatile("xchgl %0, %1" : "+r"(value), "+m"(*pte) : : "memory");
	return value;
}

/* Kernel-half entries ring 3 can reach: a user PDE over a user PTE, or a
 * large user PDE. */
static uint32_t check_kernel_half(void)
{
	uint32_t bad = 0;

	for (uint32_t i = PDE_KERNEL_FIRST; i < 1024; i++) {
		uint32_t pde = *(volatile uint32_t *)(MMU_PDE_BASE + i * 4);
		if (!(pde & PTE_P) || !(pde & PTE_U))
			continue;
		for (uint32_t j = 0; j < (pde_large(pde) ? 1 : 1024); j++) {
			uint32_t pte = pde_large(pde) ? pde : *pte_of((i << 22) | (j << 12));
			if ((pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
				continue;
			kprintf("mmu: kernel address 0x%08x is user-accessible (PDE 0x%08x, "
				"PTE 0x%08x)\n", (i << 22) | (j << 12), pde, pte);
			bad++;
		}
	}
	return bad;
}

uint32_t mmu_check_hardening(void)
{
	uint32_t bad = check_kernel_half();
	vaddr_t low = mmu_next_used(0, MMU_LOWEST_MAPPABLE);

	if (pde_large(*pde_of(0)) || low < MMU_LOWEST_MAPPABLE) {
		kprintf("mmu: a mapping below 0x%08x (PDE 0x%08x, at 0x%08x)\n",
			MMU_LOWEST_MAPPABLE, *pde_of(0), low);
		bad++;
	}
	return bad;
}

void *mmu_temp_map(unsigned slot, pfn_t pfn)
{
	vaddr_t va = MMU_TEMP_BASE + slot * PAGE_SIZE;

	pte_write(va, mmu_make_pte(pfn, MMU_WRITE));
	return (void *)va;
}

void mmu_temp_unmap(unsigned slot)
{
	vaddr_t va = MMU_TEMP_BASE + slot * PAGE_SIZE;

	*pte_of(va) = 0;
	flush_one(va);
}
