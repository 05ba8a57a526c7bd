/* Self-tests of the memory manager: PFN totals against the memory map, every
 * frame allocated and pattern-checked, the MMU contract, the kernel pool. */
#include "tests/kernel/selftest.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/string.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "arch/arch.h"
#include "arch/extable.h"
#include "arch/mmu.h"
#include "arch/cpu.h"
#include "arch/uaccess.h"

#define PFN_1GB 0x40000u
/* A kernel page no allocator hands out: just past the hyperspace slots. */
#define SELFTEST_VA (MMU_TEMP_BASE + MMU_TEMP_SLOTS * PAGE_SIZE)

/* Reads (or writes) a word at va under a fix-up; returns the trap vector or
 * EXTABLE_NO_TRAP, with the error code in *err. */
static uint32_t probe_access(vaddr_t va, bool write, uint32_t *err)
{
	uint32_t vec, e, cr2;

	if (write)
		asm volatile("1: movl %%eax, (%3)\n\tmovl %4, %%eax\n2:\n\t" EXTABLE_ENTRY("1b", "2b")
			     : "=&a"(vec), "=&d"(e), "=&c"(cr2) : "r"(va), "i"(EXTABLE_NO_TRAP)
			     : "memory");
	else
		asm volatile("1: movl (%3), %%eax\n\tmovl %4, %%eax\n2:\n\t" EXTABLE_ENTRY("1b", "2b")
			     : "=&a"(vec), "=&d"(e), "=&c"(cr2) : "r"(va), "i"(EXTABLE_NO_TRAP)
			     : "memory");
	*err = e;
	return vec;
}

/* Usable frames the memory map offers between 1 MB and the mem= cap. */
static uint32_t map_usable_frames(const struct boot_info *bi, uint64_t cap)
{
	uint32_t frames = 0;

	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_region *r = &bi->mmap[i];
		uint64_t lo = (r->base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
		uint64_t hi = (r->base + r->length) & ~(uint64_t)(PAGE_SIZE - 1);
		if (r->type != BOOT_MEM_USABLE)
			continue;
		if (lo < 0x100000)
			lo = 0x100000;
		if (hi > cap)
			hi = cap;
		if (hi > lo)
			frames += (uint32_t)((hi - lo) >> PAGE_SHIFT);
	}
	return frames;
}

static uint32_t span_pages(uint32_t start, uint32_t end)
{
	return end > start ? (end - start) / PAGE_SIZE + 2 : 0;  /* + partial pages */
}

/* An upper bound on the usable frames above 1 MB the kernel keeps for itself:
 * its image, the multiboot2 information, the symbol table and the modules. */
static uint32_t withheld_frames(const struct boot_info *bi)
{
	extern char __kernel_start[], __kernel_end[];
	uint32_t n = span_pages((uint32_t)__kernel_start, (uint32_t)__kernel_end) +
		     span_pages(bi->mbi_start, bi->mbi_end) +
		     span_pages(bi->symtab_phys, bi->symtab_phys + bi->symtab_size) +
		     span_pages(bi->strtab_phys, bi->strtab_phys + bi->strtab_size);

	for (uint32_t i = 0; i < bi->module_count; i++)
		n += span_pages(bi->modules[i].start, bi->modules[i].end);
	return n;
}

bool selftest_pfn_totals(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct pfn_totals t;
	uint64_t cap = opt->mem_bytes ? opt->mem_bytes : 1ull << 32;
	uint32_t offered = map_usable_frames(bi, cap), held = withheld_frames(bi);

	pfn_get_totals(&t);
	kprintf("selftest: memory map offers %u frames above 1 MB below the cap, the "
		"kernel withholds at most %u, the PFN database manages %u (%u free, "
		"%u zeroed, %u active), highest frame 0x%x\n", offered, held, t.managed,
		t.on_list[PFN_FREE], t.on_list[PFN_ZEROED], t.active, t.highest);
	return selftest_expect(t.managed <= offered, "managed frames exceed the memory map") &
	       selftest_expect(t.managed + held >= offered, "frames lost: neither managed nor withheld") &
	       selftest_expect((uint64_t)(t.highest + 1) << PAGE_SHIFT <= cap, "a frame beyond mem=") &
	       selftest_expect(t.on_list[PFN_FREE] + t.on_list[PFN_ZEROED] + t.active == t.managed,
		      "free + zeroed + active != managed");
}

#define WORDS (PAGE_SIZE / 4)

/* Frame contents for the allocation test: a chain link, then a fill that
 * differs for every frame, then the frame's complement. */
static void fill_frame(pfn_t pfn, pfn_t next)
{
	uint32_t *w = mmu_temp_map(TEMP_SELFTEST, pfn), *p = w + 1, n = WORDS - 2;

	asm volatile("rep stosl" : "+D"(p), "+c"(n) : "a"(pfn * 2654435761u) : "memory");
	w[0] = next;
	w[WORDS - 1] = ~pfn;
	mmu_temp_unmap(TEMP_SELFTEST);
}

/* Whether fill_frame's pattern is intact; *next gets the chain link. */
static bool frame_intact(pfn_t pfn, pfn_t *next)
{
	const uint32_t *w = mmu_temp_map(TEMP_SELFTEST, pfn);
	bool ok = w[WORDS - 1] == ~pfn;

	for (uint32_t i = 1; ok && i < WORDS - 1; i++)
		ok = w[i] == pfn * 2654435761u;
	*next = w[0];
	mmu_temp_unmap(TEMP_SELFTEST);
	return ok;
}

bool selftest_alloc_all(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct pfn_totals before, after;
	pfn_t chain = PFN_NONE, next, top = 0, p;
	uint32_t n = 0, above_1g = 0, verified = 0;

	(void)bi, (void)opt;
	pfn_get_totals(&before);
	for (; (p = pfn_alloc(0)) != PFN_NONE; n++, chain = p) {
		fill_frame(p, chain);
		above_1g += p >= PFN_1GB;
		top = p > top ? p : top;
	}
	for (p = chain; p != PFN_NONE; p = next, verified++) {
		if (!frame_intact(p, &next)) {
			kprintf("selftest: frame 0x%x lost its pattern\n", p);
			break;
		}
		pfn_free(p);
	}
	pfn_get_totals(&after);
	kprintf("selftest: allocated %u frames (%u above 1 GB, highest 0x%x), "
		"verified and freed %u\n", n, above_1g, top, verified);
	return selftest_expect(n == before.on_list[PFN_FREE] + before.on_list[PFN_ZEROED],
		      "not every free frame could be allocated") &
	       selftest_expect(verified == n, "a pattern did not survive") &
	       selftest_expect(after.active == before.active && after.managed == before.managed &&
		      after.on_list[PFN_FREE] + after.on_list[PFN_ZEROED] ==
		      before.on_list[PFN_FREE] + before.on_list[PFN_ZEROED],
		      "totals changed across allocate-all and free-all");
}

/* The MMU contract on one page: map, query, write, protect, unmap, and an
 * unmapped page stays gone after a full TLB flush. */
bool selftest_mmu(const struct boot_info *bi, const struct kernel_options *opt)
{
	const vaddr_t va = SELFTEST_VA;
	pfn_t pfn = pfn_alloc(PFN_ZERO);
	struct mmu_mapping m;
	uint32_t err, pde, pte;
	bool ok = selftest_expect(pfn != PFN_NONE, "no frame");

	(void)bi, (void)opt;
	mmu_map(va, pfn, MMU_WRITE | MMU_GLOBAL);
	m = mmu_query(va);
	ok &= selftest_expect(m.present && m.pfn == pfn && (m.prot & MMU_WRITE) && !(m.prot & MMU_USER),
		     "query after map");
	*(volatile uint32_t *)va = 0xfeedf00d;
	ok &= selftest_expect(*(uint32_t *)mmu_temp_map(TEMP_SELFTEST, pfn) == 0xfeedf00d,
		     "the frame does not hold what was written through the mapping");
	mmu_temp_unmap(TEMP_SELFTEST);
	mmu_protect(va, MMU_READ);
	ok &= selftest_expect(probe_access(va, true, &err) == T_PF && err == 3,
		     "a write to a read-only page did not fault as a protection violation");
	ok &= selftest_expect(probe_access(va, false, &err) == EXTABLE_NO_TRAP,
			      "read-only page unreadable");
	m = mmu_unmap(va);
	ok &= selftest_expect(m.present && m.pfn == pfn, "unmap did not return the frame");
	mmu_query_raw(va, &pde, &pte);
	ok &= selftest_expect(pte == 0 && *(volatile uint32_t *)mmu_pte_va(va) == 0,
		     "the self-map still shows a PTE");
	ok &= selftest_expect(probe_access(va, false, &err) == T_PF && err == 0, "unmapped page readable");
	mmu_flush_all();
	ok &= selftest_expect(probe_access(va, false, &err) == T_PF, "unmapped page back after a flush");
	pfn_free(pfn);
	ok &= selftest_expect(probe_access(KERNEL_BASE + 0x100000, true, &err) == T_PF && err == 3,
		     "kernel text is writable");
	kprintf("selftest: mmu map/query/protect/unmap/flush %s\n", ok ? "behave" : "MISBEHAVE");
	return ok;
}

/* No user-accessible page in the kernel half, nothing at all in the user half
 * (no process exists yet), every kernel-half page table present. */
bool selftest_layout(const struct boot_info *bi, const struct kernel_options *opt)
{
	uint32_t user_pdes = 0, missing = 0, user_ptes = 0, mapped = 0, pde, pte;

	(void)bi, (void)opt;
	for (vaddr_t va = 0; va < KERNEL_BASE; va += 1u << 22) {
		mmu_query_raw(va, &pde, &pte);
		user_pdes += (pde & 1) != 0;
	}
	for (vaddr_t va = KERNEL_BASE; va != 0; va += PAGE_SIZE) {
		if ((va & ((1u << 22) - 1)) == 0) {
			mmu_query_raw(va, &pde, &pte);
			missing += !(pde & 1);
			user_ptes += (pde & 4) != 0;
		}
		if (!mmu_has_table(va))
			continue;
		struct mmu_mapping m = mmu_query(va);
		mapped += m.present;
		user_ptes += m.present && (m.prot & MMU_USER);
	}
	kprintf("selftest: layout: %u user-half tables, %u kernel tables missing, "
		"%u kernel pages mapped, %u of them user-accessible\n", user_pdes, missing,
		mapped, user_ptes);
	return selftest_expect(user_pdes == 0 && missing == 0 && user_ptes == 0, "layout");
}

static const uint32_t pool_sizes[] = { 1, 15, 16, 17, 31, 33, 64, 100, 128, 200, 256,
				       300, 512, 700, 1024, 1025, 4096, 5000, 3 * 4096 + 1 };

/* One kmalloc round: every size class and some page runs, patterns checked,
 * freed in an interleaved order. */
static bool pool_round(void)
{
	void *p[ARRAY_SIZE(pool_sizes)];
	bool ok = true;

	for (uint32_t i = 0; i < ARRAY_SIZE(pool_sizes); i++) {
		p[i] = kmalloc(pool_sizes[i]);
		if (!p[i] || ((vaddr_t)p[i] & 15) || (mmu_query((vaddr_t)p[i]).prot & MMU_USER))
			return selftest_expect(false, "kmalloc gave NULL, a misaligned or a user page");
		memset(p[i], (int)i + 1, pool_sizes[i]);
	}
	for (uint32_t i = 0; i < ARRAY_SIZE(pool_sizes); i++)
		for (uint32_t j = 0; j < pool_sizes[i]; j++)
			ok &= ((uint8_t *)p[i])[j] == i + 1;
	for (uint32_t i = 0; i < ARRAY_SIZE(pool_sizes); i += 2)
		kfree(p[i]);
	for (uint32_t i = 1; i < ARRAY_SIZE(pool_sizes); i += 2)
		kfree(p[i]);
	return selftest_expect(ok, "kmalloc'd objects overlap");
}

/* Takes pool runs until memory runs out, chained through their first word,
 * then frees them; returns how many it got. */
static uint32_t pool_exhaust(uint32_t pages)
{
	void *chain = NULL, *p;
	uint32_t n = 0;

	while ((p = kpage_alloc(pages)) != NULL) {
		*(void **)p = chain;
		chain = p;
		n++;
	}
	while (chain) {
		p = *(void **)chain;
		kpage_free(chain);
		chain = p;
	}
	return n;
}

bool selftest_pool(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct pfn_totals t0, t1;
	uint32_t runs;
	bool ok = pool_round();         /* warm-up: slab classes keep a page */

	(void)bi, (void)opt;
	pfn_get_totals(&t0);
	ok &= pool_round();
	runs = pool_exhaust(64);
	ok &= selftest_expect(kmalloc(0) == NULL && kmalloc(0x80000000u) == NULL &&
		     kpage_alloc(0) == NULL && kpage_alloc(0x100000) == NULL,
		     "impossible requests did not fail");
	pfn_get_totals(&t1);
	kprintf("selftest: pool rounds done; memory ran out after %u runs of 64 pages; "
		"active frames %u before, %u after\n", runs, t0.active, t1.active);
	return ok & selftest_expect(runs > 0 && t0.active == t1.active &&
			   t0.on_list[PFN_FREE] + t0.on_list[PFN_ZEROED] ==
			   t1.on_list[PFN_FREE] + t1.on_list[PFN_ZEROED],
			   "pool memory leaked");
}

bool selftest_kfree_bad_pointer(const struct boot_info *bi, const struct kernel_options *opt)
{
	char *p = kmalloc(32);

	(void)bi, (void)opt;
	kfree(p + 4);
	return false;
}

bool selftest_kfree_double(const struct boot_info *bi, const struct kernel_options *opt)
{
	void *p = kmalloc(64), *keep = kmalloc(64);  /* keep the page in the heap */

	(void)bi, (void)opt, (void)keep;
	kfree(p);
	kfree(p);
	return false;
}

bool selftest_kernel_fault(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	return *(volatile uint32_t *)SELFTEST_VA == 0;
}

/* copy_from_user/copy_to_user on a real user page: they work inside user
 * space, fail cleanly on unmapped, read-only and kernel addresses, and with
 * SMAP a plain kernel access to the user page faults. */
bool selftest_uaccess(const struct boot_info *bi, const struct kernel_options *opt)
{
	const vaddr_t uva = 0x00400000;
	pfn_t pt = pfn_alloc(PFN_ZERO), page = pfn_alloc(PFN_ZERO);
	char buf[16] = { 0 };
	uint32_t err, vec;
	bool smap = cpu_info.features & CPU_SMAP, ok;

	(void)bi, (void)opt;
	mmu_set_table(uva, pt, true);
	mmu_map(uva, page, MMU_WRITE | MMU_USER);
	ok = selftest_expect(copy_to_user(uva + 100, "hello", 6), "copy_to_user into a user page");
	ok &= selftest_expect(copy_from_user(buf, uva + 100, 6) && strcmp(buf, "hello") == 0,
		     "copy_from_user out of a user page");
	vec = probe_access(uva + 100, false, &err);
	ok &= selftest_expect(smap ? vec == T_PF && err == 1 : vec == EXTABLE_NO_TRAP,
		     "a plain kernel read of a user page (SMAP decides)");
	ok &= selftest_expect(!copy_from_user(buf, uva + PAGE_SIZE - 3, 6),
			      "copy across into an unmapped page");
	ok &= selftest_expect(!copy_from_user(buf, 0x7fffff00, 0x200), "copy past the end of user space");
	ok &= selftest_expect(!copy_from_user(buf, KERNEL_BASE + 0x100000, 4),
			      "copy from the kernel half");
	ok &= selftest_expect(!copy_to_user(0, buf, 4), "copy to address 0");
	ok &= selftest_expect(copy_to_user(uva, buf, 0), "an empty copy");
	mmu_protect(uva, MMU_USER);
	ok &= selftest_expect(!copy_to_user(uva, buf, 4), "copy_to_user into a read-only page");
	mmu_unmap(uva);
	pfn_free(page);
	mmu_set_table(uva, 0, false);
	pfn_free(pt);
	kprintf("selftest: user copies %s (SMAP %s)\n", ok ? "behave" : "MISBEHAVE",
		smap ? "on" : "absent");
	return ok;
}

bool selftest_map_below_64k(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	mmu_map(0x0000f000, PFN_NONE + 1, MMU_READ);
	return false;
}

/* Regression (review): a fix-up applied to an NMI abandoned user copies. Only
 * exceptions raised by the instruction at EIP may take its fix-up, and an NMI
 * is reported and resumed. */
bool selftest_nmi(const struct boot_info *bi, const struct kernel_options *opt)
{
	extern const struct { uint32_t fault, fixup; } __ex_table_start[];
	struct trap_frame nmi = { .vector = T_NMI, .eip = __ex_table_start[0].fault };
	struct trap_frame pf = { .vector = T_PF, .eip = __ex_table_start[0].fault };
	bool ok;

	(void)bi, (void)opt;
	ok = selftest_expect(!extable_fixup(&nmi) && nmi.eip == __ex_table_start[0].fault,
		    "an NMI took a fix-up");
	ok &= selftest_expect(extable_fixup(&pf) && pf.eip == __ex_table_start[0].fixup,
		     "a page fault did not take its fix-up");
	asm volatile("int $2");         /* through the NMI gate: reported, resumed */
	kprintf("selftest: NMI resumed; fix-ups apply only to instruction faults\n");
	return ok;
}

static uint32_t eflags_in_handler;

static bool record_eflags(struct trap_frame *f)
{
	(void)f;
	eflags_in_handler = read_eflags();
	return true;
}

/* Regression (review): gates do not clear EFLAGS.AC, so a handler entered
 * with AC set ran with SMAP off. The handler must see AC clear and the
 * interrupted code get its AC back. */
bool selftest_ac_cleared(const struct boot_info *bi, const struct kernel_options *opt)
{
	const uint32_t ac = 1u << 18, vector = 0x40;
	uint32_t after;

	(void)bi, (void)opt;
	trap_set_handler(vector, record_eflags);
	asm volatile("pushfl; orl %1, (%%esp); popfl\n\t"
		     "int $0x40\n\t"
		     "pushfl; popl %0\n\t"
		     "pushfl; andl %2, (%%esp); popfl"
		     : "=r"(after) : "i"(ac), "i"(~ac) : "cc", "memory");
	trap_set_handler(vector, NULL);
	kprintf("selftest: AC in the handler %u, after iret %u\n",
		(eflags_in_handler & ac) != 0, (after & ac) != 0);
	return selftest_expect(!(eflags_in_handler & ac), "a handler ran with EFLAGS.AC set") &
	       selftest_expect(after & ac, "iret lost the interrupted EFLAGS.AC");
}

/* Regression (review): kfree of a slab page's base address unmapped a page
 * the small-object heap still used. */
bool selftest_kfree_slab_page(const struct boot_info *bi, const struct kernel_options *opt)
{
	char *p = kmalloc(32);

	(void)bi, (void)opt;
	kfree((void *)((vaddr_t)p & ~(PAGE_SIZE - 1)));
	return false;
}

/* Regression (review): dropping a page table that still maps pages would let
 * their TLB entries outlive it. */
bool selftest_remove_busy_table(const struct boot_info *bi, const struct kernel_options *opt)
{
	const vaddr_t uva = 0x00800000;
	pfn_t pt = pfn_alloc(PFN_ZERO), page = pfn_alloc(PFN_ZERO);

	(void)bi, (void)opt;
	mmu_set_table(uva, pt, true);
	mmu_map(uva + 5 * PAGE_SIZE, page, MMU_USER);
	mmu_set_table(uva, 0, false);
	return false;
}
