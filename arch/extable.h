/* Exception fix-ups: code that may fault on purpose (fault-safe copies, probes,
 * self-tests) lists its faulting instruction here. A kernel-mode fault at such an
 * instruction that no handler resolved resumes at the fix-up with
 * EAX = vector, EDX = error code, ECX = CR2 (page faults; else 0). */
#ifndef ARCH_EXTABLE_H
#define ARCH_EXTABLE_H

#include "arch/trap.h"

#define EXTABLE_NO_TRAP 0xffffffffu

#define EXTABLE_ENTRY(fault, fixup) \
	".pushsection __ex_table, \"a\"\n\t.balign 4\n\t.long " fault ", " fixup "\n\t.popsection\n\t"

/* Redirects f to the fix-up for f->eip, if there is one and the trap is an
 * exception the instruction itself raised (never NMI, #MC or #DB). */
bool extable_fixup(struct trap_frame *f);

/* Reads a 32-bit word at addr; false (and nothing read) if that faults. */
bool safe_read32(vaddr_t addr, uint32_t *out);

#endif
