/* Views of sections: MapViewOfFileEx, UnmapViewOfFile, FlushViewOfFile, and
 * what the VirtualAlloc family does inside a view; see mm/section.h. A view
 * is a MEM_MAPPED VAD with an mm_view: the segment pages it maps and each
 * page's protection in this view. Its pages are the section's (through
 * their prototype PTEs) until a copy-on-write page is written: that page
 * becomes a private copy, paged like any private page. */
#include "mm/sectionp.h"
#include "mm/filecache.h"
#include "mm/commit.h"
#include "mm/image.h"
#include "mm/pool.h"
#include "arch/mmu.h"
#include "kernel/rtl/string.h"

struct vm_page view_page_get(const struct vm_vad *v, vaddr_t va)
{
	struct vm_page pg = { .pte = vm_pte_raw(va), .frame = PFN_NONE, .committed = true,
			      .prot = v->view->prot[(va >> 12) - v->node.start] };

	pg.kind = pte_kind(pg.pte);
	switch (pg.kind) {
	case PTE_NONE:
	case PTE_PROTOTYPE:
		/* Read without the PFN lock: a prototype PTE is committed once
		 * and stays so while the view maps it. */
		pg.kind = PTE_PROTOTYPE;
		pg.committed = *view_proto(v, va) != 0;
		break;
	case PTE_PRESENT:
		pg.frame = pg.pte >> PAGE_SHIFT;
		break;
	case PTE_HELD:
		pg.frame = pte_index(pg.pte);
		break;
	default:                /* a private copy in transition or paged out */
		break;
	}
	return pg;
}

/* The access protection p grants, as bits: read 1, write 2, copy-on-write
 * 4, execute 8 (PAGE_WRITECOPY only reads until written; PAGE_EXECUTE
 * reads, on i386). */
static uint32_t prot_access(pte_prot_t p)
{
	static const uint8_t access[8] = { 0, 1, 3, 1, 9, 9, 15, 13 };

	return access[p & PTE_PROT_BASE];
}

bool view_protect_allowed(const struct vm_vad *v, pte_prot_t prot)
{
	uint32_t want = prot_access(prot), view = prot_access(pte_prot_from_win32(v->alloc_protect));
	uint32_t section = v->node.type == MEM_IMAGE ? view : prot_access(v->view->section_prot);

	return want == view || (view && !(want & ~view) && !(want & ~section));
}

bool view_charge_copies(struct vm_space *vm, struct vm_vad *v)
{
	uint32_t pages = v->node.end - v->node.start;

	if (v->node.type != MEM_MAPPED || v->committed)
		return true;
	if (!commit_charge(pages))
		return false;
	vm_commit_add(vm, v, pages);
	return true;
}

bool view_page_protect(struct vm_space *vm, const struct vm_vad *v, vaddr_t va,
		       const struct vm_page *pg, pte_prot_t prot)
{
	/* A SEC_NOCACHE or SEC_WRITECOMBINE view's pages keep their cache type
	 * through protection changes, as Windows reports them. */
	if (!(prot & PTE_PROT_MODIFIER))
		prot |= pte_prot_from_win32(v->alloc_protect) & PTE_PROT_MODIFIER;
	v->view->prot[(va >> 12) - v->node.start] = prot;
	if (pg->kind == PTE_PROTOTYPE)
		return true;
	if (pg->kind != PTE_PRESENT || !vm_frame_is_prototype(pg->frame))
		return false;
	if (pte_prot_mappable(prot)) {
		vm_pte_reprotect(vm, va, prot);
		return true;
	}
	/* The page leaves this working set, and so its lock. */
	vm_page_set_locked(vm, v, va, pg->frame, false);
	view_unmap_shared(vm, va, pg->frame, pte_make(PTE_PROTOTYPE, 0, view_page(v, va)), true);
	return true;
}

uint32_t view_commit(struct vm_space *vm, struct vm_vad *v, const struct vm_pages *r,
		     pte_prot_t prot)
{
	if (v->view->ca->backing != MM_BACKING_PAGEFILE)
		return ERROR_ACCESS_DENIED;
	if (!view_protect_allowed(v, prot))
		return ERROR_INVALID_PARAMETER;
	if (pte_prot_writecopy(prot) && !view_charge_copies(vm, v))
		return ERROR_COMMITMENT_LIMIT;
	if (!vm_tables_ready(r->first, r->end))
		return VM_RETRY;
	if (v->view->ca->reserve &&
	    !section_commit(v->view->ca, view_page(v, vm_va(r->first)), view_page(v, vm_va(r->end))))
		return ERROR_COMMITMENT_LIMIT;
	for (uint32_t p = r->first; p < r->end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (pg.prot != prot)
			vm_page_protect(vm, v, vm_va(p), &pg, prot);
	}
	return 0;
}

uint32_t view_place(struct vm_space *vm, vaddr_t base, uint32_t pages,
		    const struct vm_placement *place, uint32_t *first)
{
	static const struct vm_placement anywhere = { VM_USER_LOW / VM_PAGE,
						      VM_USER_HIGH / VM_PAGE, VM_GRANULE_PAGES };

	if (!place)
		place = &anywhere;
	if (base == 0)
		return vad_find_gap(&vm->vads, pages, place->align, place->lo, place->hi, false,
				    first) ? 0 : ERROR_NOT_ENOUGH_MEMORY;
	if (base < VM_USER_LOW || base >= VM_USER_HIGH || pages > (VM_USER_HIGH - base) / VM_PAGE)
		return ERROR_INVALID_PARAMETER;         /* outside user space, as VirtualAlloc */
	*first = base >> 12;
	return 0;
}

uint32_t view_insert(struct vm_space *vm, struct mm_view *w, uint32_t type, uint32_t protect,
		     uint32_t charge)
{
	struct vm_vad *v;
	uint32_t err = vm_vad_create(vm, w->start, w->start + w->pages, type, protect, charge, &v);

	if (err)
		return err;
	v->view = w;
	w->vm = vm;
	pfn_lock();
	w->ca->mapped_views++;
	w->next = w->ca->views;
	w->ca->views = w;
	pfn_unlock();
	return 0;
}

struct mm_view *view_alloc(struct mm_control_area *ca, uint32_t first, uint32_t pages,
			   pte_prot_t prot)
{
	uint32_t bits = (pages + 31) / 32 * 4;          /* the lock bits follow prot[] */
	uint32_t prot_bytes = (pages + 3) & ~3u;
	struct mm_view *w = kmalloc(sizeof(*w) + prot_bytes + bits);

	if (!w)
		return NULL;
	*w = (struct mm_view){ .ca = ca, .first = first, .pages = pages,
			       .locked = (uint32_t *)(w->prot + prot_bytes) };
	memset(w->prot, prot, pages);
	memset(w->locked, 0, bits);
	return w;
}

uint32_t vm_map_view(struct vm_space *vm, struct mm_control_area *ca, uint32_t first,
		     uint32_t pages, vaddr_t *base, uint32_t protect, uint32_t section,
		     uint32_t type, const struct vm_placement *place)
{
	uint32_t total = ca->segment.pages, err;
	bool copy = pte_prot_writecopy(pte_prot_from_win32(protect));
	struct vm_vad *placeholder = NULL;
	struct mm_view *w;

	if (first >= total || pages > total - first)
		return ERROR_ACCESS_DENIED;     /* STATUS_INVALID_VIEW_SIZE */
	if (pages == 0)
		pages = total - first;
	if ((w = view_alloc(ca, first, pages, pte_prot_from_win32(protect))) == NULL)
		return ERROR_NOT_ENOUGH_MEMORY;
	w->section_prot = pte_prot_from_win32(section);
	vm_enter(vm);
	if (vm->cleared)
		err = ERROR_INVALID_ADDRESS;
	else if (type & MEM_REPLACE_PLACEHOLDER)
		err = vm_placeholder_take(vm, w->start = *base >> 12, pages, &placeholder);
	else
		err = view_place(vm, *base, pages, place, &w->start);
	if (!err)
		err = view_insert(vm, w, MEM_MAPPED, protect, copy ? pages : 0);
	if (placeholder && err)
		vm_placeholder_put_back(vm, placeholder);
	else if (placeholder)
		vm_vad_at(vm, w->start)->node.flags |= VAD_REPLACED;
	vm_leave(vm);
	if (placeholder && !err)
		vm_placeholder_drop(placeholder);
	if (err) {
		kfree(w);
		return err;
	}
	*base = vm_va(w->start);
	return 0;
}

void view_release(struct vm_space *vm, struct vm_vad *v)
{
	struct mm_view *w = v->view, **link;
	struct mm_control_area *dead;
	vaddr_t end = vm_va(v->node.end);

	for (vaddr_t va = mmu_next_used(vm_va(v->node.start), end); va < end;
	     va = mmu_next_used(va + PAGE_SIZE, end)) {
		struct vm_page pg = view_page_get(v, va);
		if (pg.frame != PFN_NONE)
			vm_page_set_locked(vm, v, va, pg.frame, false);
		if (pg.kind == PTE_PRESENT && vm_frame_is_prototype(pg.frame))
			view_unmap_shared(vm, va, pg.frame, 0, true);
		else if (pg.kind == PTE_PROTOTYPE)
			vm_pte_set(vm, va, 0);
		else
			vm_page_drop(vm, va, &pg, 0);   /* a private copy */
	}
	pfn_lock();
	for (link = &w->ca->views; *link != w; link = &(*link)->next)
		;
	*link = w->next;
	dead = section_unref_locked(w->ca, true);
	pfn_unlock();
	v->view = NULL;
	kfree(w);
	if (dead)
		section_delete(dead);
}

uint32_t vm_unmap_view(struct vm_space *vm, vaddr_t addr)
{
	struct vm_vad *v;
	uint32_t err = 0;

	vm_enter(vm);
	v = vm->cleared || addr >= VM_USER_HIGH ? NULL : vm_vad_at(vm, addr >> 12);
	if (v && v->view)
		vm_vad_release(vm, v);
	else
		err = ERROR_INVALID_ADDRESS;
	vm_leave(vm);
	mm_image_reap();
	return err;
}

uint32_t vm_view_name(struct vm_space *vm, vaddr_t addr, bool file, char *buf, uint32_t size)
{
	struct vm_vad *v;
	struct mm_control_area *ca;
	uint32_t err = ERROR_INVALID_ADDRESS;

	/* The working-set lock keeps the view, and the view its control area,
	 * whose name never changes, and its file. */
	ke_acquire_spin_lock(&vm->ws_lock);
	v = vm->cleared || addr >= VM_USER_HIGH ? NULL : vm_vad_at(vm, addr >> 12);
	ca = v && v->view ? v->view->ca : NULL;
	if (ca && file && ca->backing == MM_BACKING_PAGEFILE) {
		err = ERROR_FILE_INVALID;       /* a pagefile section's view */
	} else if (ca && file && ca->backing == MM_BACKING_FILE) {
		ca->io->name(ca->file, buf, size);
		err = 0;
	} else if (ca) {                /* an image's name is its file's path */
		strlcpy(buf, ca->name ? ca->name : "", size);
		err = 0;
	}
	ke_release_spin_lock(&vm->ws_lock);
	return err;
}
