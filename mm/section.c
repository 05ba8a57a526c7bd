/* Control areas and segments: a section's prototype PTEs, its commit
 * charge, its lifetime and its checker; see mm/section.h. */
#include "mm/sectionp.h"
#include "mm/filecache.h"
#include "mm/commit.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "mm/swap.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

struct mm_control_area *mm_control_areas;

bool vm_frame_is_prototype(pfn_t pfn)
{
	vaddr_t back = pfn_entry(pfn)->pte;

	return back >= MM_POOL_BASE && back < MM_POOL_END;
}

/* A zeroed control area holding a copy of name ("": none); NULL when the
 * pool is out. */
static struct mm_control_area *control_area_new(const char *name)
{
	struct mm_control_area *ca = kmalloc(sizeof(*ca));

	if (!ca)
		return NULL;
	memset(ca, 0, sizeof(*ca));
	if (*name && (ca->name = kmalloc(strlen(name) + 1)) == NULL) {
		kfree(ca);
		return NULL;
	}
	if (ca->name)
		strlcpy(ca->name, name, strlen(name) + 1);
	return ca;
}

static void control_area_free(struct mm_control_area *ca)
{
	kfree(ca->name);
	kfree(ca);
}

uint32_t mm_section_create(uint32_t pages, uint32_t protect, bool reserve, const char *name,
			   struct mm_control_area **out)
{
	struct mm_control_area *ca = control_area_new(name);
	pte_prot_t prot = pte_prot_from_win32(protect);

	if (!ca)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (!reserve && !commit_charge(pages)) {
		control_area_free(ca);
		return ERROR_COMMITMENT_LIMIT;
	}
	ca->segment.proto = kpage_alloc((pages * 4 + PAGE_SIZE - 1) / PAGE_SIZE);
	if (!ca->segment.proto) {
		if (!reserve)
			commit_return(pages);
		control_area_free(ca);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	ca->segment.pages = pages;
	ca->backing = MM_BACKING_PAGEFILE;
	ca->prot = prot;
	ca->reserve = reserve;
	ca->section_refs = 1;
	if (!reserve) {
		ca->segment.committed = pages;
		for (uint32_t i = 0; i < pages; i++)
			ca->segment.proto[i] = pte_make(PTE_DEMAND_ZERO, prot, 0);
	}
	pfn_lock();
	ca->next = mm_control_areas;
	mm_control_areas = ca;
	pfn_unlock();
	*out = ca;
	return 0;
}

struct mm_control_area *section_unref_locked(struct mm_control_area *ca, bool view)
{
	struct mm_control_area **link = &mm_control_areas;

	if (ca->backing == MM_BACKING_FILE)
		return file_section_unref_locked(ca, view) ? ca : NULL;
	if (view)
		ca->mapped_views--;
	else
		ca->section_refs--;
	if (ca->mapped_views || ca->section_refs)
		return NULL;
	while (*link != ca)
		link = &(*link)->next;
	*link = ca->next;
	return ca;
}

void mm_section_dereference(struct mm_control_area *ca)
{
	struct mm_control_area *dead;

	pfn_lock();
	dead = section_unref_locked(ca, false);
	pfn_unlock();
	if (dead)
		section_delete(dead);
}

/* Gives up what prototype PTE pte holds: a listed frame (and a standby
 * frame's slot; a write in flight finds its frame gone and frees its own)
 * or a slot. No view maps the page: it cannot be valid or being read. */
static void proto_drop_locked(uint32_t pte)
{
	struct pfn_entry *e;

	switch (pte_kind(pte)) {
	case PTE_TRANSITION:
		e = pfn_entry(pte_index(pte));
		if (e->flags & PFN_FLAG_READING)
			panic("section: deleting a page being read (frame 0x%x)", pte_index(pte));
		if (e->state == PFN_STANDBY)
			swap_free(pte_index(e->original_pte));
		pfn_from_list_locked(pte_index(pte));
		e->flags = 0;
		pfn_free_locked(pte_index(pte));
		break;
	case PTE_PAGED_OUT:
		swap_free(pte_index(pte));
		break;
	case PTE_PRESENT:
		panic("section: deleting a valid prototype PTE 0x%08x", pte);
	default:
		break;
	}
}

void section_delete(struct mm_control_area *ca)
{
	struct mm_segment *s = &ca->segment;

	if (ca->backing == MM_BACKING_FILE) {
		ca->io->release(ca->file);
		return;
	}
	if (ca->backing == MM_BACKING_IMAGE) {
		image_delete(ca);
		return;
	}
	pfn_lock();
	for (uint32_t i = 0; i < s->pages; i++)
		proto_drop_locked(s->proto[i]);
	pfn_unlock();
	commit_return(s->committed);
	kpage_free(s->proto);
	control_area_free(ca);
}

bool section_commit(struct mm_control_area *ca, uint32_t first, uint32_t end)
{
	uint32_t *proto = ca->segment.proto, n = 0;

	pfn_lock();
	for (uint32_t i = first; i < end; i++)
		n += proto[i] == 0;
	if (n && !commit_charge(n)) {
		pfn_unlock();
		return false;
	}
	for (uint32_t i = first; i < end; i++)
		if (proto[i] == 0)
			proto[i] = pte_make(PTE_DEMAND_ZERO, ca->prot, 0);
	ca->segment.committed += n;
	pfn_unlock();
	return true;
}

/* Counts into each shared frame's flink (list links are unused while a
 * frame is active) the PTEs of view w that map it; each such PTE must map
 * the frame its prototype PTE names. */
static uint32_t count_view_locked(const struct mm_view *w)
{
	pfn_t previous = vm_attach(w->vm);
	vaddr_t end = vm_va(w->start + w->pages);
	uint32_t bad = 0;

	for (vaddr_t va = mmu_next_present(vm_va(w->start), end); va < end;
	     va = mmu_next_present(va + PAGE_SIZE, end)) {
		pfn_t pfn = vm_pte_raw(va) >> PAGE_SHIFT;
		uint32_t *proto = &w->ca->segment.proto[w->first + (va >> 12) - w->start];
		if (!vm_frame_is_prototype(pfn))
			continue;       /* a private copy */
		if (pfn_entry(pfn)->pte != (vaddr_t)proto || *proto != (pfn << PAGE_SHIFT | 1)) {
			kprintf("section_check: view page 0x%08x maps frame 0x%x, its prototype "
				"PTE holds 0x%08x\n", va, pfn, *proto);
			bad++;
			continue;
		}
		pfn_entry(pfn)->flink++;
	}
	vm_detach(previous);
	return bad;
}

/* Every valid prototype PTE of ca: its frame active, pointing back at it,
 * with a share count of the view PTEs counted (the count is then cleared). */
static uint32_t check_shares_locked(const struct mm_control_area *ca, bool count)
{
	const struct mm_segment *s = &ca->segment;
	uint32_t bad = 0, committed = 0;

	for (uint32_t i = 0; i < s->pages; i++) {
		uint32_t pte = s->proto[i];
		struct pfn_entry *e = pfn_entry(pte >> PAGE_SHIFT);
		committed += pte != 0;
		if (!(pte & 1))
			continue;
		if (!count) {
			e->flink = 0;
			continue;
		}
		/* A file page also counts the file cache's copies under way. */
		bool shares_ok = ca->backing == MM_BACKING_FILE ? e->share >= e->flink
								: e->share == e->flink;
		if (e->state != PFN_ACTIVE || e->pte != (vaddr_t)&s->proto[i] || !shares_ok) {
			kprintf("section_check: prototype PTE %u holds 0x%08x: frame state %u, back "
				"pointer 0x%08x, share %u, mapped by %u\n", i, pte, e->state, e->pte,
				e->share, e->flink);
			bad++;
		}
		e->flink = 0;
	}
	if (count && committed != s->committed) {
		kprintf("section_check: %u prototype PTEs committed, counted %u\n", committed,
			s->committed);
		bad++;
	}
	return bad;
}

uint32_t mm_section_check(void)
{
	uint32_t bad = 0, views;

	vm_lock_all_spaces();
	pfn_lock();
	for (struct mm_control_area *ca = mm_control_areas; ca; ca = ca->next) {
		check_shares_locked(ca, false);
		views = 0;
		for (const struct mm_view *w = ca->views; w; w = w->next, views++)
			bad += count_view_locked(w);
		bad += check_shares_locked(ca, true);
		if (views != ca->mapped_views) {
			kprintf("section_check: %u views listed, %u counted\n", views,
				ca->mapped_views);
			bad++;
		}
	}
	pfn_unlock();
	vm_unlock_all_spaces();
	return bad;
}
