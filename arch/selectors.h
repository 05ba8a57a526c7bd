/* Segment selectors kept in 32-bit slots: trap frames and CONTEXT records.
 *
 * A selector is 16 bits. A push of a segment register with a 32-bit operand
 * size may write only those 16 bits and leave the upper half of the stack
 * slot as it was (Intel SDM, PUSH; recent Intel CPUs and Bochs do so; QEMU's
 * TCG zero-extends), so the upper half of such a slot is never data: it is
 * whatever the stack held before. Everything that copies or compares a
 * selector slot goes through here. Inline and pure: tests/host tests it. */
#ifndef ARCH_SELECTORS_H
#define ARCH_SELECTORS_H

#include "arch/gdt.h"
#include "arch/trap.h"

#define SELECTOR_BITS 0xffffu

/* The selector a 32-bit slot holds: its low 16 bits. */
static inline uint32_t selector_of(uint32_t slot)
{
	return slot & SELECTOR_BITS;
}

/* Reduces each selector slot of f to its selector. user_ss only when the
 * trap came from ring 3: otherwise that slot lies beyond the frame, in the
 * interrupted kernel code's stack, and is left alone. trap_dispatch (and the
 * double-fault task) run it first, so no handler sees the upper halves. */
static inline void trap_frame_clean_selectors(struct trap_frame *f)
{
	f->gs = selector_of(f->gs);
	f->fs = selector_of(f->fs);
	f->es = selector_of(f->es);
	f->ds = selector_of(f->ds);
	f->cs = selector_of(f->cs);
	if (trap_from_user(f))
		f->user_ss = selector_of(f->user_ss);
}

/* The selectors of a context ring 3 asks to resume with. */
struct user_selectors {
	uint32_t cs, ss, ds, es, fs, gs;
};

/* Reduces each of *s to its selector (as a segment load would: the upper
 * halves are ignored, not refused) and says whether ring 3 may resume with
 * them: its own code and data selectors, FS also its TEB's, FS and GS also
 * null. */
static inline bool user_selectors_check(struct user_selectors *s)
{
	uint32_t *all[] = { &s->cs, &s->ss, &s->ds, &s->es, &s->fs, &s->gs };

	for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		*all[i] = selector_of(*all[i]);
	return s->cs == SEL_UCODE && s->ss == SEL_UDATA && s->ds == SEL_UDATA &&
	       s->es == SEL_UDATA && (s->fs == SEL_UDATA || s->fs == SEL_UTEB || s->fs == 0) &&
	       (s->gs == SEL_UDATA || s->gs == 0);
}

#endif
