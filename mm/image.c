/* Image sections: a program file's control area, its prototype PTEs, the
 * reads of its pages and its one view per process; see mm/image.h. Faults
 * on its pages go through mm/protofault.c like any view's; this file says
 * what a page holds. */
#include "mm/image.h"
#include "mm/reloc.h"
#include "mm/filecache.h"
#include "mm/section.h"
#include "mm/sectionp.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "mm/stats.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

/* An image section: NT's control area of a SEC_IMAGE section, with what it
 * is read from. */
struct mm_image {
	struct mm_control_area ca;      /* first; backing MM_BACKING_IMAGE */
	struct vm_image desc;
	uint32_t base;                  /* the page of desc's first part */
	uint32_t delta;                 /* its base less the linked base (mod 2^32) */
	uint32_t *reloc_first;          /* the fixups' page index (mm/reloc.h), */
	uint32_t *reloc_index;          /* NULL when it sits where it was linked */
	const struct mm_image_source *src;
	void *file;
	struct mm_control_area **slot;  /* the creator's slot naming it */
	struct mm_image *next_dead;     /* on dead_images */
};

/* Image sections deleted under a spin lock (a view goes with the
 * working-set lock held), their files still to close: closing may sleep
 * (PFN lock). */
static struct mm_image *dead_images;

static struct mm_image *image_of(const struct mm_control_area *ca)
{
	if (ca->backing != MM_BACKING_IMAGE)
		panic("image: control area %p is no image section", ca);
	return (struct mm_image *)ca;
}

const struct vm_image *mm_image_description(const struct mm_control_area *ca)
{
	return &image_of(ca)->desc;
}

/* The first page past part s. */
static uint32_t part_end(const struct vm_image_segment *s)
{
	return (s->vaddr + s->memsz + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* Fills the prototype PTEs: pages with file bytes on the file, pages of
 * zeroes only demand-zero, pages between parts not committed (0). */
static void image_fill_segment(struct mm_image *im)
{
	const struct vm_image *d = &im->desc;

	for (uint32_t i = 0; i < d->count; i++) {
		const struct vm_image_segment *s = &d->seg[i];
		pte_prot_t prot = pte_prot_from_win32(s->protect);
		uint32_t file_end = (s->vaddr + s->filesz + PAGE_SIZE - 1) >> PAGE_SHIFT;
		for (uint32_t p = s->vaddr >> PAGE_SHIFT; p < part_end(s); p++)
			im->ca.segment.proto[p - im->base] = p < file_end ?
				pte_make(PTE_SUBSECTION, 0, 0) : pte_make(PTE_DEMAND_ZERO, prot, 0);
	}
	for (uint32_t p = 0; p < im->ca.segment.pages; p++)
		im->ca.segment.committed += im->ca.segment.proto[p] != 0;
}

static void image_free(struct mm_image *im)
{
	kfree(im->reloc_first);
	kfree(im->reloc_index);
	kfree(im->ca.name);
	kfree(im);
}

/* Moves im's description to its base, chosen once for the section (mm/aslr.c),
 * and indexes its fixups by page when it moved. false when the pool is out. */
static bool image_relocate(struct mm_image *im, const struct vm_image *img, const char *name)
{
	uint32_t linked = img->seg[0].vaddr & ~(PAGE_SIZE - 1), pages = im->ca.segment.pages;
	vaddr_t at = img->relocatable ? vm_image_base_choose(name, linked, pages) : linked;
	uint32_t n;

	im->base = at >> PAGE_SHIFT;
	im->delta = at - linked;        /* may be "negative": the sums wrap alike */
	im->desc.entry += im->delta;
	for (uint32_t i = 0; i < im->desc.count; i++)
		im->desc.seg[i].vaddr += im->delta;
	if (!im->delta || !img->fixup_count)
		return true;
	n = mm_reloc_index_size(img->fixups, img->fixup_count);
	im->reloc_first = kmalloc((pages + 1) * sizeof(uint32_t));
	im->reloc_index = kmalloc(n * sizeof(uint32_t));
	if (!im->reloc_first || !im->reloc_index)
		return false;
	mm_reloc_index_build(img->fixups, img->fixup_count, pages, im->reloc_first,
			     im->reloc_index);
	return true;
}

/* A new image section of img, not yet listed; NULL when the pool is out. */
static struct mm_image *image_new(const struct vm_image *img, const char *name)
{
	uint32_t first = img->seg[0].vaddr >> PAGE_SHIFT;
	uint32_t pages = part_end(&img->seg[img->count - 1]) - first;
	struct mm_image *im = kmalloc(sizeof(*im));

	if (!im)
		return NULL;
	memset(im, 0, sizeof(*im));
	im->desc = *img;
	im->ca.segment.pages = pages;
	im->ca.name = kmalloc(strlen(name) + 1);
	im->ca.segment.proto = kpage_alloc((pages * 4 + PAGE_SIZE - 1) / PAGE_SIZE);
	if (!im->ca.name || !im->ca.segment.proto || !image_relocate(im, img, name)) {
		if (im->ca.segment.proto)
			kpage_free(im->ca.segment.proto);
		image_free(im);
		return NULL;
	}
	strlcpy(im->ca.name, name, strlen(name) + 1);
	memset(im->ca.segment.proto, 0, pages * 4);
	im->ca.backing = MM_BACKING_IMAGE;
	im->ca.prot = pte_prot_from_win32(PAGE_EXECUTE_WRITECOPY);
	im->ca.section_refs = 1;
	im->desc.fixups = NULL;         /* the caller's: the index replaces them */
	image_fill_segment(im);
	return im;
}

/* One more section reference on *slot's control area when it lives (PFN
 * lock held); NULL otherwise. */
static struct mm_control_area *lookup_locked(struct mm_control_area **slot)
{
	struct mm_control_area *ca = *slot;

	if (!ca || (!ca->section_refs && !ca->mapped_views))
		return NULL;            /* none, or dying: image_delete clears the slot */
	ca->section_refs++;
	return ca;
}

struct mm_control_area *mm_image_lookup(struct mm_control_area **slot)
{
	struct mm_control_area *ca;

	pfn_lock();
	ca = lookup_locked(slot);
	pfn_unlock();
	return ca;
}

uint32_t mm_image_create(const struct vm_image *img, const struct mm_image_source *src,
			 void *file, const char *name, struct mm_control_area **slot,
			 struct mm_control_area **out)
{
	struct mm_image *im = image_new(img, name);
	struct mm_control_area *other;

	if (!im) {
		src->close(file);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	im->src = src;
	im->file = file;
	im->slot = slot;
	pfn_lock();
	if ((other = lookup_locked(slot)) == NULL) {
		*slot = &im->ca;
		im->ca.next = mm_control_areas;
		mm_control_areas = &im->ca;
	}
	pfn_unlock();
	if (other) {            /* another process of the program was quicker */
		im->slot = NULL;
		image_delete(&im->ca);
		mm_image_reap();
	}
	*out = other ? other : &im->ca;
	return 0;
}

void image_delete(struct mm_control_area *ca)
{
	struct mm_image *im = image_of(ca);
	uint32_t *proto = ca->segment.proto;

	pfn_lock();
	if (im->slot && *im->slot == ca)
		*im->slot = NULL;
	for (uint32_t i = 0; i < ca->segment.pages; i++) {
		if (proto[i] & 1)
			panic("image: deleting valid page %u (0x%08x)", i, proto[i]);
		if (pte_kind(proto[i]) != PTE_TRANSITION)
			continue;
		pfn_t pfn = pte_index(proto[i]);
		if (pfn_entry(pfn)->flags & PFN_FLAG_READING)
			panic("image: deleting page %u being read (frame 0x%x)", i, pfn);
		pfn_from_list_locked(pfn);
		pfn_entry(pfn)->flags = 0;
		pfn_entry(pfn)->original_pte = 0;
		pfn_free_locked(pfn);
	}
	im->next_dead = dead_images;
	dead_images = im;
	pfn_unlock();
	kpage_free(proto);
}

uint32_t image_frames_resident(void)
{
	uint32_t n = 0;

	pfn_lock();
	for (const struct mm_control_area *ca = mm_control_areas; ca; ca = ca->next)
		for (uint32_t i = 0; ca->backing == MM_BACKING_IMAGE && i < ca->segment.pages; i++)
			n += ca->segment.proto[i] & 1;
	pfn_unlock();
	return n;
}

void mm_image_reap(void)
{
	struct mm_image *im;

	for (;;) {
		pfn_lock();
		if ((im = dead_images) != NULL)
			dead_images = im->next_dead;
		pfn_unlock();
		if (!im)
			return;
		im->src->close(im->file);
		image_free(im);
	}
}

void mm_image_release(struct mm_control_area *ca)
{
	mm_section_dereference(ca);
	mm_image_reap();
}

/* Reads the file bytes of im's addresses [va, va + n) into buf (zeroed:
 * bytes outside the parts' file bytes stay 0); false on an I/O error. */
static bool image_read_bytes(const struct mm_image *im, vaddr_t va, uint32_t n, uint8_t *buf)
{
	bool ok = true;

	for (uint32_t i = 0; ok && i < im->desc.count; i++) {
		const struct vm_image_segment *s = &im->desc.seg[i];
		vaddr_t from = s->vaddr > va ? s->vaddr : va;
		vaddr_t to = s->vaddr + s->filesz < va + n ? s->vaddr + s->filesz : va + n;
		if (from < to)
			ok = im->src->read(im->file, s->offset + (from - s->vaddr), to - from,
					   buf + (from - va));
	}
	return ok;
}

/* Relocates page page of im, read into bytes: its fixups get the delta, the
 * bytes of the neighbours read where a fixup crosses an edge (the page
 * before the first is never needed: nothing starts before the image). */
static bool image_relocate_page(const struct mm_image *im, uint32_t page, uint8_t *bytes)
{
	struct mm_reloc_page p = { .bytes = bytes };
	vaddr_t va = (im->base + page) << PAGE_SHIFT;
	uint32_t edges = mm_reloc_edges(im->reloc_first, im->reloc_index, page);
	bool ok = true;

	if (edges & MM_RELOC_EDGE_LOW)
		ok = image_read_bytes(im, va - MM_RELOC_MARGIN, MM_RELOC_MARGIN, p.before);
	if (ok && edges & MM_RELOC_EDGE_HIGH)
		ok = image_read_bytes(im, va + PAGE_SIZE, MM_RELOC_MARGIN, p.after);
	mm_reloc_apply(im->reloc_first, im->reloc_index, page, &p, im->delta);
	return ok;
}

bool image_read_page(struct mm_control_area *ca, uint32_t page, pfn_t pfn)
{
	struct mm_image *im = image_of(ca);
	vaddr_t va = (im->base + page) << PAGE_SHIFT;
	uint8_t *direct = mm_frame_direct(pfn), *buf = direct ? direct : kpage_alloc(1);
	bool ok = buf != NULL;

	/* No allocation on the way when the frame is in the direct window: a
	 * page-in must work with the pool exhausted. */
	if (buf && !direct)
		memset(buf, 0, PAGE_SIZE);
	if (ok)
		ok = image_read_bytes(im, va, PAGE_SIZE, buf);
	if (ok && im->reloc_first)
		ok = image_relocate_page(im, page, buf);
	if (buf && !direct) {
		mm_frame_copy(pfn, 0, buf, PAGE_SIZE, true);
		kpage_free(buf);
	}
	mm_count(&mm_stats.image_faults);
	return ok;
}

/* The view's protection of each page and its charge: the writable pages
 * (copy-on-write: each may become a private copy). */
static uint32_t image_view_prot(const struct mm_image *im, struct mm_view *w)
{
	uint32_t charge = 0;

	for (uint32_t i = 0; i < im->desc.count; i++) {
		const struct vm_image_segment *s = &im->desc.seg[i];
		pte_prot_t prot = pte_prot_from_win32(s->protect);
		for (uint32_t p = s->vaddr >> PAGE_SHIFT; p < part_end(s); p++) {
			w->prot[p - im->base] = prot;
			charge += pte_prot_writable(prot);
		}
	}
	return charge;
}

/* Makes the view's pages of zeroes only private demand-zero pages. */
static void image_view_zero_pages(struct vm_space *vm, const struct mm_image *im,
				  const struct mm_view *w)
{
	for (uint32_t p = 0; p < im->ca.segment.pages; p++) {
		uint32_t proto = im->ca.segment.proto[p];
		if (pte_kind(proto) == PTE_DEMAND_ZERO)
			vm_pte_set(vm, vm_va(w->start + p), proto);
	}
}

/* Links image view w into vm (vm_enter held): at base, or at the image's
 * base, else (taken) at the lowest free 64 KB-aligned place. */
static uint32_t image_view_insert(struct vm_space *vm, const struct mm_image *im,
				  struct mm_view *w, vaddr_t base, uint32_t charge)
{
	uint32_t err;

	if (vm->cleared)
		return ERROR_INVALID_ADDRESS;
	w->start = im->base;
	err = base ? view_place(vm, base, w->pages, NULL, &w->start) : 0;
	if (!err)
		err = view_insert(vm, w, MEM_IMAGE, PAGE_EXECUTE_WRITECOPY, charge);
	if (err == ERROR_INVALID_ADDRESS && !base && !view_place(vm, 0, w->pages, NULL, &w->start))
		err = view_insert(vm, w, MEM_IMAGE, PAGE_EXECUTE_WRITECOPY, charge);
	return err;
}

uint32_t vm_map_image(struct vm_space *vm, struct mm_control_area *ca, vaddr_t *base)
{
	struct mm_image *im = image_of(ca);
	struct mm_view *w = view_alloc(ca, 0, ca->segment.pages, 0);
	uint32_t charge, err;

	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	charge = image_view_prot(im, w);
	vm_enter(vm);
	err = image_view_insert(vm, im, w, *base, charge);
	if (!err)
		image_view_zero_pages(vm, im, w);
	vm_leave(vm);
	if (err) {
		kfree(w);
		return err;
	}
	*base = vm_va(w->start);
	return 0;
}
