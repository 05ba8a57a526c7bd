/* The page-fault entry of the memory manager: decode once, then resolve by
 * the state of the address. Nothing is resolvable yet: user space has no
 * regions (the VAD issue adds them) and kernel addresses never fault
 * legitimately, so every fault goes back unresolved to the trap dispatcher,
 * which applies an exception fix-up or reports it. */
#include "mm/mm.h"
#include "kernel/panic.h"

struct mm_fault {
	vaddr_t addr;
	bool present;           /* protection violation (else: not present) */
	bool write;
	bool user;              /* from ring 3 */
	bool reserved;          /* a reserved bit was set in a paging entry */
	bool fetch;             /* instruction fetch */
};

static struct mm_fault decode(const struct trap_frame *f)
{
	return (struct mm_fault){
		.addr = f->cr2,
		.present = f->error & 1,
		.write = f->error & 2,
		.user = f->error & 4,
		.reserved = f->error & 8,
		.fetch = f->error & 16,
	};
}

static bool in_fault;

bool mm_page_fault(struct trap_frame *f)
{
	struct mm_fault flt = decode(f);

	if (flt.reserved)
		panic("page fault at 0x%08x: reserved bit set in a paging entry "
		      "(corrupted page table)", flt.addr);
	/* A fault while resolving one would recurse until the stack overflows.
	 * Clear the mark first: the panic's own backtrace may fault, safely. */
	if (in_fault) {
		in_fault = false;
		panic("page fault at 0x%08x inside the page-fault handler", flt.addr);
	}
	in_fault = true;
	/* User addresses resolve through the VAD tree (not yet); kernel addresses
	 * fault only on bugs or on purpose under an exception fix-up. */
	in_fault = false;
	return false;
}
