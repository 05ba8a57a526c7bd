/* The page-fault entry of the memory manager: decode the error code once,
 * then resolve by the state of the page, one resolver per PTE state. User
 * addresses resolve through the VAD tree; kernel addresses never fault
 * legitimately, so those go back unresolved to the trap dispatcher, which
 * applies an exception fix-up or reports them. */
#include "mm/mm.h"
#include "mm/vmspace.h"
#include "mm/commit.h"
#include "arch/cpu.h"
#include "kernel/panic.h"

static bool in_fault;

enum vm_fault mm_page_fault(struct trap_frame *f, struct vm_space *vm)
{
	vaddr_t addr = f->cr2;
	bool write = f->error & 2, reserved = f->error & 8;
	enum vm_fault r = VM_FAULT_ACCESS_VIOLATION;

	if (reserved)
		panic("page fault at 0x%08x: reserved bit set in a paging entry "
		      "(corrupted page table)", addr);
	/* A fault while resolving one would recurse until the stack overflows.
	 * Clear the mark first: the panic's own backtrace may fault, safely. */
	if (in_fault) {
		in_fault = false;
		panic("page fault at 0x%08x inside the page-fault handler", addr);
	}
	in_fault = true;
	if (vm && addr >= VM_USER_LOW && addr < VM_USER_HIGH)
		r = vm_fault(vm, addr, write);
	in_fault = false;
	return r;
}

/* A stack's guard page was hit: the page below becomes the guard, unless it
 * is the reservation's last page, which is never committed (NT's rule). */
static enum vm_fault stack_grow(struct vm_space *vm, struct vm_vad *v, uint32_t page,
				pte_prot_t prot)
{
	uint32_t below = page - 1;

	if (below <= v->node.start)
		return VM_FAULT_STACK_OVERFLOW;
	if (vm_page_get(v, vm_va(below)).committed)
		return VM_FAULT_RESOLVED;
	if (!commit_charge(1))
		return VM_FAULT_STACK_OVERFLOW;
	vm_pte_set(vm, vm_va(below), pte_make(PTE_DEMAND_ZERO, prot | PTE_PROT_GUARD, 0));
	vm_commit_add(vm, v, 1);
	return VM_FAULT_RESOLVED;
}

/* First touch of a guard page: the guard goes, once. */
static enum vm_fault guard_hit(struct vm_space *vm, struct vm_vad *v, vaddr_t va,
			       const struct vm_page *pg)
{
	pte_prot_t base = pg->prot & ~PTE_PROT_GUARD;

	vm_page_protect(vm, v, va, pg, base);
	if (v->node.flags & VAD_STACK)
		return stack_grow(vm, v, va >> 12, base);
	return VM_FAULT_GUARD_PAGE;
}

static enum vm_fault resolve(struct vm_space *vm, struct vm_vad *v, vaddr_t va, bool write)
{
	struct vm_page pg = vm_page_get(v, va);

	if (!pg.committed)
		return VM_FAULT_ACCESS_VIOLATION;
	if (pg.prot & PTE_PROT_GUARD)
		return guard_hit(vm, v, va, &pg);
	if (!pte_prot_mappable(pg.prot) || (write && !pte_prot_writable(pg.prot)))
		return VM_FAULT_ACCESS_VIOLATION;
	/* A write to a write-copy page makes it read-write: its frame is a
	 * private copy already. A resident page gets its hardware bits
	 * re-derived, which also settles a fault on a stale TLB entry. */
	if (write)
		pg.prot = pte_prot_written(pg.prot);
	if (pg.frame == PFN_NONE)
		vm_page_fill(vm, v, va, &pg);
	else
		vm_page_protect(vm, v, va, &pg, pg.prot);
	return VM_FAULT_RESOLVED;
}

enum vm_fault vm_fault(struct vm_space *vm, vaddr_t addr, bool write)
{
	bool irq = irq_save();
	struct vm_vad *v = vm->cleared ? NULL : vm_vad_at(vm, addr >> 12);
	enum vm_fault r = v ? resolve(vm, v, addr & ~(VM_PAGE - 1), write) :
			      VM_FAULT_ACCESS_VIOLATION;

	vm->c.faults++;
	irq_restore(irq);
	return r;
}
