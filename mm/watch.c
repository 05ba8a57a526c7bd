/* Write watch (VirtualAlloc's MEM_WRITE_WATCH): a bitmap per watched VAD, one
 * bit a page, keeps the writes whose dirty bit the memory manager is about to
 * lose (a page trimmed, or going held); a page was written since the last
 * reset when its bit is set or it is present and dirty now. So a written page
 * is reported even after it went to swap and came back. A reset clears both,
 * after marking a dirty page dirty in the memory manager's own terms (no
 * refill from zeroes or the image, no swap copy): paging never loses it. */
#include "mm/vmspace.h"
#include "mm/pool.h"
#include "arch/mmu.h"
#include "kernel/rtl/string.h"

bool vm_watch_create(struct vm_vad *v)
{
	uint32_t bytes = (v->node.end - v->node.start + 31) / 32 * 4;

	if ((v->watch = kmalloc(bytes)) == NULL)
		return false;
	memset(v->watch, 0, bytes);
	return true;
}

void vm_watch_note(const struct vm_vad *v, vaddr_t va)
{
	uint32_t i = (va >> 12) - v->node.start;

	if (v->watch)
		v->watch[i / 32] |= 1u << (i % 32);
}

/* Whether page va (bit i of v) was written since the last reset. */
static bool written(const struct vm_vad *v, vaddr_t va, uint32_t i)
{
	return (v->watch[i / 32] >> (i % 32) & 1) ||
	       ((vm_pte_raw(va) & 1) && mmu_query(va).dirty);
}

/* Forgets the writes of page va (bit i of v). */
static void forget(struct vm_vad *v, vaddr_t va, uint32_t i)
{
	struct pfn_entry *e;

	v->watch[i / 32] &= ~(1u << (i % 32));
	if (!(vm_pte_raw(va) & 1) || !mmu_query(va).dirty)
		return;
	e = pfn_entry(vm_pte_raw(va) >> 12);
	e->flags &= ~PFN_FLAG_FILLED;
	vm_page_forget_copy(e);
	mmu_test_clear_dirty(va);
}

/* The watched VAD holding all of [addr, addr + size), its pages in *r; NULL
 * when there is none. */
static struct vm_vad *watched(struct vm_space *vm, vaddr_t addr, uint32_t size,
			      struct vm_pages *r)
{
	struct vm_vad *v;

	if (vm->cleared || !vm_round(addr, size, VM_PAGE, r))
		return NULL;
	v = vm_vad_at(vm, r->first);
	return v && v->watch && r->end <= v->node.end ? v : NULL;
}

uint32_t vm_watch_get(struct vm_space *vm, vaddr_t addr, uint32_t size, bool reset,
		      vaddr_t *out, uint32_t *count)
{
	struct vm_pages r;
	struct vm_vad *v;
	uint32_t n = 0;

	vm_enter(vm);
	v = watched(vm, addr, size, &r);
	for (uint32_t p = r.first; v && p < r.end && n < *count; p++) {
		if (!written(v, vm_va(p), p - v->node.start))
			continue;
		out[n++] = vm_va(p);
		if (reset)
			forget(v, vm_va(p), p - v->node.start);
	}
	*count = n;
	vm_leave(vm);
	return v ? 0 : ERROR_INVALID_PARAMETER;
}

uint32_t vm_watch_reset(struct vm_space *vm, vaddr_t addr, uint32_t size)
{
	struct vm_pages r;
	struct vm_vad *v;

	vm_enter(vm);
	v = watched(vm, addr, size, &r);
	for (uint32_t p = r.first; v && p < r.end; p++)
		forget(v, vm_va(p), p - v->node.start);
	vm_leave(vm);
	return v ? 0 : ERROR_INVALID_PARAMETER;
}
