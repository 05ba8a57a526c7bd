/* Exception fix-up table lookup; see arch/extable.h. */
#include "arch/extable.h"

struct extable_entry { uint32_t fault, fixup; };

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

/* Exceptions an instruction raises itself. NMI, #MC and #DB arrive between
 * instructions and say nothing about the one at EIP. */
static bool raised_by_instruction(uint32_t vector)
{
	switch (vector) {
	case T_DE: case T_BP: case T_OF: case T_BR: case T_UD: case T_NM:
	case T_NP: case T_SS: case T_GP: case T_PF: case T_MF: case T_AC: case T_XM:
		return true;
	default:
		return false;
	}
}

bool extable_fixup(struct trap_frame *f)
{
	if (!raised_by_instruction(f->vector))
		return false;
	for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->fault != f->eip)
			continue;
		f->eip = e->fixup;
		f->eax = f->vector;
		f->edx = f->error;
		f->ecx = f->cr2;
		return true;
	}
	return false;
}

bool safe_read32(vaddr_t addr, uint32_t *out)
{
	uint32_t value, trapped;

	asm volatile("1: movl (%2), %0\n\t"
		     "2:\n\t"
		     EXTABLE_ENTRY("1b", "2b")
		     : "=&r"(value), "=a"(trapped)
		     : "r"(addr), "1"(EXTABLE_NO_TRAP)
		     : "ecx", "edx", "memory");
	if (trapped != EXTABLE_NO_TRAP)
		return false;
	*out = value;
	return true;
}
