/* The fast system-call path: sysenter in, sysexit out (Pentium II and later),
 * as NT's KiFastSystemCall. Ring 3 enters with EAX = the call number, EDX =
 * its arguments, ECX = its ESP and EBX = the address to return to; the entry
 * (arch/isr.asm) builds the trap frame an int 0x2E would have, with vector
 * TRAP_SYSENTER and the return address also in the error slot, so every
 * handler and every way back (iret included) works on it unchanged. */
#ifndef ARCH_SYSENTER_H
#define ARCH_SYSENTER_H

#include "arch/trap.h"
#include "arch/gdt.h"

#define TRAP_SYSENTER 0x2fu     /* frame->vector of a call that came by sysenter */
#define TRAP_SYSEXIT  0x12fu    /* ... and may leave by sysexit (set by sysenter_leave) */

/* Points the SYSENTER MSRs at the entry when the CPU has a working sysenter
 * (CPUID SEP, not the first Pentium Pros); returns whether it did. */
bool sysenter_init(void);
/* Tells the entry the running thread's ring-0 stack top (with the TSS's). */
void sysenter_set_kernel_stack(vaddr_t esp0);
/* Whether sysenter_init enabled the path. */
bool sysenter_enabled(void);
/* Called last before a frame with vector TRAP_SYSENTER returns to ring 3:
 * marks it TRAP_SYSEXIT when sysexit gives exactly what iret would (still
 * the call's return address and stack, no flag iret alone restores).
 * sysexit loads EIP from EDX and ESP from ECX and the exit path pops the
 * flags itself: the call's landing, whose code takes ECX and EDX as
 * clobbered, must still be where the frame goes. Inline: it runs on every
 * fast call. */
static inline void sysenter_leave(struct trap_frame *f)
{
	bool same = f->eip == f->error && f->ecx == f->user_esp && f->cs == SEL_UCODE &&
		    f->user_ss == SEL_UDATA;
	bool plain = (f->eflags & (EFLAGS_TF | EFLAGS_RF | EFLAGS_NT | EFLAGS_VM)) == 0 &&
		     (f->eflags & EFLAGS_IF);

	if (same && plain)
		f->vector = TRAP_SYSEXIT;
}

#endif
