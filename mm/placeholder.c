/* Windows 10's placeholders (VirtualAlloc2, VirtualFree, MapViewOfFile3,
 * UnmapViewOfFile2) and MEM_ADDRESS_REQUIREMENTS placement; see mm/vm.h and
 * mm/vmspace.h for the contracts. A placeholder is a VAD like any
 * reservation, flagged VAD_PLACEHOLDER: it owns no page, commit or page
 * table, so splitting and joining placeholders only moves VAD bounds, and
 * replacing one keeps its VAD (an allocation) or swaps it for a view's. */
#include "mm/sectionp.h"
#include "mm/commit.h"
#include "mm/image.h"
#include "mm/pool.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

#define USER_HIGHEST (VM_USER_HIGH - 1)         /* lpMaximumApplicationAddress */

uint32_t vm_placement_make(uint32_t lowest, uint32_t highest, uint32_t alignment,
			   struct vm_placement *out)
{
	if ((lowest & (VM_GRANULE - 1)) || (highest && ((highest + 1) & (VM_GRANULE - 1))) ||
	    highest > USER_HIGHEST || (highest && lowest > highest) ||
	    (alignment && ((alignment & (alignment - 1)) || alignment < VM_GRANULE)))
		return ERROR_INVALID_PARAMETER;
	out->lo = (lowest < VM_USER_LOW ? VM_USER_LOW : lowest) / VM_PAGE;
	out->hi = highest ? (highest + 1) / VM_PAGE : VM_USER_HIGH / VM_PAGE;
	out->align = alignment ? alignment / VM_PAGE : VM_GRANULE_PAGES;
	return 0;
}

static bool is_placeholder(const struct vad *v)
{
	return v && (v->flags & VAD_PLACEHOLDER);
}

/* Pages [addr, addr + size), page-aligned both; false otherwise. */
static bool exact_pages(vaddr_t addr, uint32_t size, struct vm_pages *r)
{
	return !((addr | size) & (VM_PAGE - 1)) && vm_round(addr, size, VM_PAGE, r);
}

/* The placeholder that is exactly pages r, or NULL. */
static struct vm_vad *whole_placeholder(struct vm_space *vm, const struct vm_pages *r)
{
	struct vm_vad *v = vm_vad_at(vm, r->first);

	return v && is_placeholder(&v->node) && v->node.start == r->first &&
	       v->node.end == r->end ? v : NULL;
}

uint32_t vm_placeholder_replace_locked(struct vm_space *vm, vaddr_t addr, uint32_t size,
				       uint32_t type, uint32_t protect)
{
	struct vm_pages r;
	struct vm_vad *v;
	uint32_t n, err = 0;

	if (!exact_pages(addr, size, &r))
		return ERROR_INVALID_PARAMETER;
	if ((v = whole_placeholder(vm, &r)) == NULL)
		return ERROR_INVALID_ADDRESS;
	n = type & MEM_COMMIT ? r.end - r.first : 0;
	if ((type & MEM_WRITE_WATCH) && !vm_watch_create(v))
		return ERROR_NOT_ENOUGH_MEMORY;
	if ((n && (err = vm_charge_private(vm, n)) != 0) ||
	    (n && !vm_charge_tables(vm, r.first, r.end) && (commit_return(n), true))) {
		kfree(v->watch);
		v->watch = NULL;
		return err ? err : ERROR_COMMITMENT_LIMIT;
	}
	v->node.flags = VAD_REPLACED;
	v->alloc_protect = protect;
	if (n) {
		vm_vad_commit_whole(v, protect);
		vm_commit_add(vm, v, n);
	}
	return 0;
}

/* A new placeholder VAD over pages [first, end), not yet linked; NULL when
 * out of memory. */
static struct vm_vad *placeholder_new(uint32_t first, uint32_t end)
{
	struct vm_vad *v = kmalloc(sizeof(*v));

	if (v) {
		memset(v, 0, sizeof(*v));
		v->node.start = first;
		v->node.end = end;
		v->node.type = MEM_PRIVATE;
		v->node.flags = VAD_PLACEHOLDER;
		v->alloc_protect = PAGE_NOACCESS;
	}
	return v;
}

/* Sets v's bounds to pages [first, end), relinking it. */
static void placeholder_resize(struct vm_space *vm, struct vm_vad *v, uint32_t first,
			       uint32_t end)
{
	vad_remove(&vm->vads, &v->node);
	v->node.start = first;
	v->node.end = end;
	if (!vad_insert(&vm->vads, &v->node))
		panic("placeholder_resize: [0x%x, 0x%x) conflicts", first, end);
}

static void placeholder_link(struct vm_space *vm, struct vm_vad *v)
{
	if (!vad_insert(&vm->vads, &v->node))
		panic("placeholder_link: [0x%x, 0x%x) conflicts", v->node.start, v->node.end);
}

/* Pages r of placeholder v, less than all of it, become a placeholder of
 * their own, the pages on either side the others. */
static uint32_t split(struct vm_space *vm, struct vm_vad *v, const struct vm_pages *r)
{
	uint32_t start = v->node.start, end = v->node.end;
	struct vm_vad *left = NULL, *right = NULL;

	if ((start < r->first && (left = placeholder_new(start, r->first)) == NULL) ||
	    (r->end < end && (right = placeholder_new(r->end, end)) == NULL)) {
		kfree(left);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	placeholder_resize(vm, v, r->first, r->end);
	if (left)
		placeholder_link(vm, left);
	if (right)
		placeholder_link(vm, right);
	return 0;
}

/* An allocation that replaced a placeholder (private, whole) becomes one
 * again: its pages, commit and write watch go. */
static uint32_t unreplace(struct vm_space *vm, struct vm_vad *v, uint32_t size)
{
	if (size && vm_va(v->node.end - v->node.start) != size)
		return ERROR_INVALID_PARAMETER;
	if (v->view)
		return ERROR_INVALID_PARAMETER;         /* UnmapViewOfFile2's */
	vm_decommit(vm, v, v->node.start, v->node.end);
	kfree(v->watch);
	v->watch = NULL;
	v->node.flags = VAD_PLACEHOLDER;
	v->node.protect = 0;
	v->alloc_protect = PAGE_NOACCESS;
	return 0;
}

/* The placeholders making up exactly pages r, two or more, become one. */
static uint32_t coalesce(struct vm_space *vm, struct vm_vad *first, const struct vm_pages *r)
{
	struct vad *v = &first->node, *next;

	if (v->start != r->first)
		return ERROR_INVALID_ADDRESS;
	while (v->end < r->end) {
		next = vad_next(v);
		if (!is_placeholder(next) || next->start != v->end)
			return ERROR_INVALID_ADDRESS;
		v = next;
	}
	if (v->end != r->end)
		return ERROR_INVALID_ADDRESS;
	if (v == &first->node)
		return ERROR_INVALID_PARAMETER;         /* one placeholder already */
	while ((next = vad_next(&first->node)) != NULL && next->start < r->end) {
		vad_remove(&vm->vads, next);
		kfree(vm_vad_of(next));
	}
	placeholder_resize(vm, first, r->first, r->end);
	return 0;
}

uint32_t vm_placeholder_free_locked(struct vm_space *vm, vaddr_t addr, uint32_t size,
				    uint32_t type)
{
	struct vm_pages r;
	struct vm_vad *v = addr >= VM_USER_LOW && addr < VM_USER_HIGH ?
			   vm_vad_at(vm, addr >> 12) : NULL;

	if (v && (v->node.flags & VAD_REPLACED) && type == (MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER) &&
	    addr == vm_va(v->node.start))
		return unreplace(vm, v, size);
	if (!exact_pages(addr, size, &r))
		return ERROR_INVALID_PARAMETER;
	if (!v || !is_placeholder(&v->node))
		return ERROR_INVALID_ADDRESS;
	if (type == (MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS))
		return coalesce(vm, v, &r);
	if (r.end > v->node.end)
		return ERROR_INVALID_ADDRESS;
	if (r.first == v->node.start && r.end == v->node.end)
		return ERROR_INVALID_PARAMETER;         /* nothing to split off */
	return split(vm, v, &r);
}

uint32_t vm_placeholder_take(struct vm_space *vm, uint32_t first, uint32_t pages,
			     struct vm_vad **out)
{
	struct vm_pages r = { first, first + pages };

	if ((*out = whole_placeholder(vm, &r)) == NULL)
		return ERROR_INVALID_ADDRESS;
	vad_remove(&vm->vads, &(*out)->node);
	vm->c.reserved -= pages;
	return 0;
}

void vm_placeholder_put_back(struct vm_space *vm, struct vm_vad *v)
{
	placeholder_link(vm, v);
	vm->c.reserved += v->node.end - v->node.start;
}

void vm_placeholder_drop(struct vm_vad *v)
{
	kfree(v);
}

uint32_t vm_unmap_view_preserve(struct vm_space *vm, vaddr_t addr)
{
	struct vm_vad *v, *p;
	uint32_t err = 0;

	vm_enter(vm);
	v = vm->cleared || addr >= VM_USER_HIGH ? NULL : vm_vad_at(vm, addr >> 12);
	if (!v || !v->view || !(v->node.flags & VAD_REPLACED)) {
		err = ERROR_INVALID_ADDRESS;
	} else if ((p = placeholder_new(v->node.start, v->node.end)) == NULL) {
		err = ERROR_NOT_ENOUGH_MEMORY;
	} else {
		vm_vad_release(vm, v);
		vm_placeholder_put_back(vm, p);
	}
	vm_leave(vm);
	mm_image_reap();
	return err;
}
