/* The VirtualAlloc family over the VAD tree; see mm/vm.h for the contract
 * and ../shared/reference/win32-memory-api.md for the rules. */
#include "mm/sectionp.h"
#include "mm/commit.h"
#include "mm/pool.h"
#include "arch/mmu.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

bool vm_chunk_empty(const struct vm_vad *v, uint32_t p)
{
	return !v->view && !mmu_has_table(vm_va(p));
}


uint32_t vm_vad_create(struct vm_space *vm, uint32_t first, uint32_t end, uint32_t type,
		       uint32_t alloc_protect, uint32_t charge, struct vm_vad **out)
{
	bool tables = charge || type != MEM_PRIVATE;     /* a view's pages need tables */

	struct vm_vad *v;
	uint32_t err;

	if (vad_conflicts(&vm->vads, first, end))
		return ERROR_INVALID_ADDRESS;
	if ((v = kmalloc(sizeof(*v))) == NULL)
		return ERROR_NOT_ENOUGH_MEMORY;
	memset(v, 0, sizeof(*v));
	if (charge && (err = type == MEM_PRIVATE ? vm_charge_private(vm, charge) :
		       commit_charge(charge) ? 0 : ERROR_COMMITMENT_LIMIT) != 0) {
		kfree(v);
		return err;
	}
	if (tables && !vm_charge_tables(vm, first, end)) {
		if (charge)
			commit_return(charge);
		kfree(v);
		return ERROR_COMMITMENT_LIMIT;
	}
	v->node.start = first;
	v->node.end = end;
	v->node.type = type;
	v->alloc_protect = alloc_protect;
	if (!vad_insert(&vm->vads, &v->node))
		panic("vm_vad_create: [0x%x, 0x%x) conflicts after the check", first, end);
	vm->c.reserved += end - first;
	vm_commit_add(vm, v, charge);
	*out = v;
	return 0;
}

/* MEM_RESERVE, alone or with MEM_COMMIT (then the VAD is committed whole),
 * or with MEM_RESERVE_PLACEHOLDER; at *addr 0 where place allows (NULL:
 * the layout's first free place). */
static uint32_t reserve(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
			uint32_t protect, const struct vm_placement *place)
{
	bool top_down = type & MEM_TOP_DOWN;
	struct vm_pages r;
	struct vm_vad *v;
	uint32_t err, n;

	if (*addr == 0) {
		if ((n = vm_size_pages(size)) == 0)
			return ERROR_INVALID_PARAMETER;
		if (place ? !vad_find_gap(&vm->vads, n, place->align, place->lo, place->hi,
					  top_down, &r.first) :
			    !vm_find_free(vm, n, VM_GRANULE_PAGES, top_down, &r.first))
			return ERROR_NOT_ENOUGH_MEMORY;
		r.end = r.first + n;
	} else if (!vm_round(*addr, size, VM_GRANULE, &r)) {
		return ERROR_INVALID_PARAMETER;
	}
	n = type & MEM_COMMIT ? r.end - r.first : 0;
	if ((err = vm_vad_create(vm, r.first, r.end, MEM_PRIVATE, protect, n, &v)) != 0)
		return err;
	if ((type & MEM_WRITE_WATCH) && !vm_watch_create(v)) {
		vm_vad_release(vm, v);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	if (n)
		vm_vad_commit_whole(v, protect);
	if (type & MEM_RESERVE_PLACEHOLDER)
		v->node.flags = VAD_PLACEHOLDER;
	*addr = vm_va(r.first);
	return 0;
}

void vm_vad_commit_whole(struct vm_vad *v, uint32_t protect)
{
	v->node.flags |= VAD_COMMITTED;
	v->node.protect = pte_prot_from_win32(protect);
}

static bool same_state(const struct vm_page *a, const struct vm_page *b)
{
	return a->committed == b->committed && (!a->committed || a->prot == b->prot);
}

/* What a page with a zero PTE is in v. */
static struct vm_page default_page(const struct vm_vad *v)
{
	bool c = v->node.flags & VAD_COMMITTED;

	return (struct vm_page){ .committed = c, .prot = c ? (pte_prot_t)v->node.protect : 0,
				 .frame = PFN_NONE };
}

/* Pages of [first, end) in v that are not committed. */
static uint32_t count_uncommitted(const struct vm_vad *v, uint32_t first, uint32_t end)
{
	uint32_t n = 0;

	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p)) {
			uint32_t stop = vm_next_chunk(p) < end ? vm_next_chunk(p) : end;
			n += v->node.flags & VAD_COMMITTED ? 0 : stop - p;
			p = stop - 1;
			continue;
		}
		n += !vm_page_get(v, vm_va(p)).committed;
	}
	return n;
}

struct vm_vad *vm_vad_holding(struct vm_space *vm, const struct vm_pages *r)
{
	struct vm_vad *v = vm_vad_at(vm, r->first);

	return v && r->end <= v->node.end && !(v->node.flags & (VAD_LARGE | VAD_PLACEHOLDER)) ?
	       v : NULL;
}

/* MEM_COMMIT inside a reservation: new pages are charged and become
 * demand-zero; committed ones take the new protection. */
static uint32_t commit_range(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t protect)
{
	struct vm_pages r;
	struct vm_vad *v;
	pte_prot_t prot = pte_prot_from_win32(protect);
	uint32_t n, err;

	if (!vm_round(*addr, size, VM_PAGE, &r))
		return ERROR_INVALID_PARAMETER;
	if ((v = vm_vad_holding(vm, &r)) == NULL || v->node.type == MEM_IMAGE)
		return ERROR_INVALID_ADDRESS;
	if (v->view) {
		*addr = vm_va(r.first);
		return view_commit(vm, v, &r, prot);
	}
	n = count_uncommitted(v, r.first, r.end);
	/* Past the limit it fails at once, not after a wait for tables. */
	if (n && n + vm_tables_uncharged(vm, r.first, r.end) > commit_limit() - commit_charged())
		return ERROR_COMMITMENT_LIMIT;
	if (!vm_tables_ready(r.first, r.end))
		return VM_RETRY;
	if (n && (err = vm_charge_private(vm, n)) != 0)
		return err;
	if (n && !vm_charge_tables(vm, r.first, r.end)) {
		commit_return(n);
		return ERROR_COMMITMENT_LIMIT;
	}
	for (uint32_t p = r.first; p < r.end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (!pg.committed)
			vm_pte_set(vm, vm_va(p), vm_pte_committed(v, prot));
		else if (pg.prot != prot)
			vm_page_protect(vm, v, vm_va(p), &pg, prot);
	}
	vm_commit_add(vm, v, n);
	*addr = vm_va(r.first);
	return 0;
}

uint32_t vm_allocate(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
		     uint32_t protect)
{
	if (type & (MEM_RESERVE_PLACEHOLDER | MEM_REPLACE_PLACEHOLDER))
		return ERROR_INVALID_PARAMETER;         /* VirtualAlloc2's only */
	return vm_allocate2(vm, addr, size, type, protect, NULL);
}

uint32_t vm_allocate2(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
		      uint32_t protect, const struct vm_placement *place)
{
	uint32_t err;

	bool reset = type & (MEM_RESET | MEM_RESET_UNDO);

	if (type & ~(MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO | MEM_TOP_DOWN |
		     MEM_WRITE_WATCH | MEM_RESERVE_PLACEHOLDER | MEM_REPLACE_PLACEHOLDER) ||
	    ((type & MEM_WRITE_WATCH) && !(type & MEM_RESERVE)) || (place && *addr))
		return ERROR_INVALID_PARAMETER;
	/* MEM_RESET and MEM_RESET_UNDO go alone, and ignore the protection,
	 * which must still be a valid one (Microsoft's VirtualAlloc page). */
	if ((reset && type != MEM_RESET && type != MEM_RESET_UNDO) ||
	    (!reset && !(type & (MEM_COMMIT | MEM_RESERVE))) || !pte_protect_valid(protect, false))
		return ERROR_INVALID_PARAMETER;
	/* A placeholder is reserved alone, PAGE_NOACCESS; a replacement
	 * names the one it replaces. */
	if ((type & MEM_RESERVE_PLACEHOLDER) &&
	    ((type & ~MEM_TOP_DOWN) != (MEM_RESERVE | MEM_RESERVE_PLACEHOLDER) ||
	     protect != PAGE_NOACCESS))
		return ERROR_INVALID_PARAMETER;
	if ((type & MEM_REPLACE_PLACEHOLDER) &&
	    (!(type & MEM_RESERVE) || (type & MEM_RESERVE_PLACEHOLDER) || *addr == 0))
		return ERROR_INVALID_PARAMETER;
	vm_enter(vm);
	if (vm->cleared)
		err = ERROR_INVALID_ADDRESS;
	else if (reset)
		err = vm_reset_locked(vm, type == MEM_RESET ? VM_RESET : VM_RESET_UNDO, addr, size);
	else if (type & MEM_REPLACE_PLACEHOLDER)
		err = vm_placeholder_replace_locked(vm, *addr, size, type, protect);
	else if ((type & MEM_RESERVE) || *addr == 0)
		err = reserve(vm, addr, size, type, protect, place);
	else
		err = commit_range(vm, addr, size, protect);
	vm_leave(vm);
	return err;
}

void vm_decommit(struct vm_space *vm, struct vm_vad *v, uint32_t first, uint32_t end)
{
	bool whole = first == v->node.start && end == v->node.end;
	uint32_t marker = (v->node.flags & VAD_COMMITTED) && !whole ?
			  pte_make(PTE_DECOMMITTED, 0, 0) : 0, n = 0;

	for (uint32_t p = first; p < end; p++) {
		if (vm_chunk_empty(v, p) && !marker) {
			uint32_t stop = vm_next_chunk(p) < end ? vm_next_chunk(p) : end;
			n += v->node.flags & VAD_COMMITTED ? stop - p : 0;
			p = stop - 1;
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		n += pg.committed;
		if (pg.committed || (whole && pg.pte))
			vm_page_drop(vm, vm_va(p), &pg, marker);
	}
	if (whole)
		v->node.flags &= ~VAD_COMMITTED;
	commit_return(n);
	vm_commit_sub(vm, v, n);
}

static uint32_t free_locked(struct vm_space *vm, vaddr_t addr, uint32_t size, uint32_t type)
{
	struct vm_pages r = { addr >> 12, 0 };
	struct vm_vad *v;

	if (type == MEM_RELEASE || size == 0) {
		v = addr < VM_USER_HIGH ? vm_vad_at(vm, r.first) : NULL;
		if (!v || r.first != v->node.start || v->node.type == MEM_IMAGE ||
		    (type != MEM_RELEASE && (v->node.flags & VAD_PLACEHOLDER)))
			return ERROR_INVALID_ADDRESS;
		if (v->view)
			return ERROR_INVALID_PARAMETER;         /* UnmapViewOfFile's */
		if (type != MEM_RELEASE && (v->node.flags & VAD_LARGE))
			return ERROR_INVALID_PARAMETER;  /* large pages only go whole */
		if (type == MEM_RELEASE)
			vm_vad_release(vm, v);
		else
			vm_decommit(vm, v, v->node.start, v->node.end);
		return 0;
	}
	if (!vm_round(addr, size, VM_PAGE, &r))
		return ERROR_INVALID_PARAMETER;
	if ((v = vm_vad_at(vm, r.first)) == NULL || v->node.type == MEM_IMAGE ||
	    (v->node.flags & VAD_PLACEHOLDER))
		return ERROR_INVALID_ADDRESS;
	if (r.end > v->node.end || (v->node.flags & VAD_LARGE) || v->view)
		return ERROR_INVALID_PARAMETER;
	if ((v->node.flags & VAD_COMMITTED) && !vm_tables_ready(r.first, r.end))
		return VM_RETRY;        /* decommitting part of it writes markers */
	vm_decommit(vm, v, r.first, r.end);
	return 0;
}

uint32_t vm_free(struct vm_space *vm, vaddr_t addr, uint32_t size, uint32_t type)
{
	uint32_t err;

	bool placeholder = type == (MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER) ||
			   type == (MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS);

	if ((type != MEM_RELEASE && type != MEM_DECOMMIT && !placeholder) ||
	    (type == MEM_RELEASE && size))
		return ERROR_INVALID_PARAMETER;
	vm_enter(vm);
	if (vm->cleared)
		err = ERROR_INVALID_ADDRESS;
	else if (placeholder)
		err = vm_placeholder_free_locked(vm, addr, size, type);
	else
		err = free_locked(vm, addr, size, type);
	vm_leave(vm);
	return err;
}

/* Checks that pages r of v are all committed. */
static bool all_committed(const struct vm_vad *v, const struct vm_pages *r)
{
	return count_uncommitted(v, r->first, r->end) == 0;
}

static uint32_t protect_locked(struct vm_space *vm, const struct vm_pages *r, uint32_t protect,
			       uint32_t *old)
{
	struct vm_vad *v = vm_vad_holding(vm, r);
	pte_prot_t prot = pte_prot_from_win32(protect);

	if (!v || !all_committed(v, r))
		return ERROR_INVALID_ADDRESS;
	if (pte_prot_writecopy(prot) && v->node.type == MEM_PRIVATE)
		return ERROR_INVALID_PARAMETER;
	if (v->view && !view_protect_allowed(v, prot))
		return ERROR_INVALID_PARAMETER;         /* beyond the view's access */
	if (v->view && pte_prot_writecopy(prot) && !view_charge_copies(vm, v))
		return ERROR_COMMITMENT_LIMIT;
	if (!vm_tables_ready(r->first, r->end))
		return VM_RETRY;
	*old = pte_prot_to_win32(vm_page_get(v, vm_va(r->first)).prot);
	for (uint32_t p = r->first; p < r->end; p++) {
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (pg.prot != prot)
			vm_page_protect(vm, v, vm_va(p), &pg, prot);
	}
	return 0;
}

uint32_t vm_protect(struct vm_space *vm, vaddr_t addr, uint32_t size, uint32_t protect,
		    uint32_t *old)
{
	struct vm_pages r;
	uint32_t err;

	if (!pte_protect_valid(protect, true) || !vm_round(addr, size, VM_PAGE, &r))
		return ERROR_INVALID_PARAMETER;
	vm_enter(vm);
	err = vm->cleared ? ERROR_INVALID_ADDRESS : protect_locked(vm, &r, protect, old);
	vm_leave(vm);
	return err;
}

/* The end of the run of pages from first that share first's state in v. */
static uint32_t run_end(const struct vm_vad *v, uint32_t first, const struct vm_page *key)
{
	struct vm_page dflt = default_page(v);
	uint32_t p = first + 1;

	while (p < v->node.end) {
		if (vm_chunk_empty(v, p)) {
			if (!same_state(&dflt, key))
				break;
			p = vm_next_chunk(p);
			continue;
		}
		struct vm_page pg = vm_page_get(v, vm_va(p));
		if (!same_state(&pg, key))
			break;
		p++;
	}
	return p < v->node.end ? p : v->node.end;
}

static void query_locked(struct vm_space *vm, uint32_t page, struct vm_region *out)
{
	struct vm_vad *v = vm_vad_at(vm, page);
	struct vad *next;

	memset(out, 0, sizeof(*out));
	out->base = vm_va(page);
	if (!v) {
		next = vad_first_at_or_after(&vm->vads, page);
		out->size = vm_va((next ? next->start : VM_USER_HIGH / VM_PAGE) - page);
		out->state = MEM_FREE;
		out->protect = PAGE_NOACCESS;
		return;
	}
	struct vm_page pg = vm_page_get(v, vm_va(page));
	out->allocation_base = vm_va(v->node.start);
	out->allocation_protect = v->alloc_protect;
	out->size = vm_va(run_end(v, page, &pg) - page);
	out->state = pg.committed ? MEM_COMMIT : MEM_RESERVE;
	out->protect = pg.committed ? pte_prot_to_win32(pg.prot) : 0;
	out->type = v->node.type;
}

uint32_t vm_query(struct vm_space *vm, vaddr_t addr, struct vm_region *out)
{

	if (addr >= VM_USER_HIGH)
		return ERROR_INVALID_PARAMETER;
	ke_acquire_spin_lock(&vm->ws_lock);
	query_locked(vm, addr >> 12, out);
	ke_release_spin_lock(&vm->ws_lock);
	return 0;
}

uint32_t vm_map_stack(struct vm_space *vm, vaddr_t *top, uint32_t reserve_bytes,
		      uint32_t commit_pages)
{
	uint32_t n = reserve_bytes / VM_PAGE, end, first, err = 0;
	pte_prot_t rw = pte_prot_from_win32(PAGE_READWRITE);
	struct vm_vad *v;

	vm_enter(vm);
	if (*top == 0 && !vm_find_free(vm, n, VM_GRANULE_PAGES, false, &first))
		err = ERROR_NOT_ENOUGH_MEMORY;
	else if (*top == 0)
		*top = vm_va(first + n);
	end = *top >> 12;
	first = end - n;
	if (!err)
		err = vm->cleared ? ERROR_INVALID_ADDRESS :
			vm_vad_create(vm, first, end, MEM_PRIVATE, PAGE_READWRITE, commit_pages + 1, &v);
	if (!err) {
		v->node.flags = VAD_STACK;
		for (uint32_t p = end - commit_pages; p < end; p++)
			vm_pte_set(vm, vm_va(p), pte_make(PTE_DEMAND_ZERO, rw, 0));
		vm_pte_set(vm, vm_va(end - commit_pages - 1),
			   pte_make(PTE_DEMAND_ZERO, rw | PTE_PROT_GUARD, 0));
	}
	vm_leave(vm);
	return err;
}

uint32_t vm_map_teb(struct vm_space *vm, vaddr_t *teb)
{
	uint32_t first, err;
	struct vm_vad *v;

	vm_enter(vm);
	if (vm->cleared)
		err = ERROR_INVALID_ADDRESS;
	else if (!vm_find_teb(vm, &first))
		err = ERROR_NOT_ENOUGH_MEMORY;
	else
		err = vm_vad_create(vm, first, first + 1, MEM_PRIVATE, PAGE_READWRITE, 1, &v);
	if (!err) {
		vm_vad_commit_whole(v, PAGE_READWRITE);
		*teb = vm_va(first);
	}
	vm_leave(vm);
	return err;
}
