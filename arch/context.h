/* Kernel thread contexts: what the scheduler needs from the CPU. */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include "arch/types.h"

/* Saves the current kernel context, storing its stack pointer in *save, and
 * resumes the context whose stack pointer is new_esp. Interrupts must be off. */
void arch_switch_context(uint32_t *save, uint32_t new_esp);

/* Lays out a fresh kernel stack ending at top so that switching to the
 * returned stack pointer enters start() with interrupts off and a
 * frame-pointer chain that ends there. */
uint32_t arch_prepare_stack(vaddr_t top, void (*start)(void));

/* The x87 (and MMX) registers of a thread, as fnsave stores them. */
#define ARCH_FPU_STATE_SIZE 108
struct arch_fpu_state {
	uint8_t bytes[ARCH_FPU_STATE_SIZE];
};

/* Sets CR0 for native x87 error reporting (#MF) and captures the state a
 * fresh thread starts with into *clean: fninit's, with control word control.
 * Once at boot. */
void arch_fpu_init(struct arch_fpu_state *clean, uint16_t control);
/* Saves the running thread's x87 state into *save and loads *load. Every
 * switch does it: the kernel never touches the FPU, so only threads own it. */
void arch_fpu_switch(struct arch_fpu_state *save, const struct arch_fpu_state *load);
/* Copies the running thread's x87 state into *s and leaves it loaded. */
void arch_fpu_save(struct arch_fpu_state *s);
/* Replaces the running thread's x87 state with *s (the old one's pending
 * exceptions are dropped first; *s's own are raised, as #MF, by ring 3's
 * next waiting x87 instruction). */
void arch_fpu_load(const struct arch_fpu_state *s);
/* Clears the running thread's pending x87 exceptions (fnclex): status word
 * flags, ES and B; the stack and control word stay. */
void arch_fpu_clear_exceptions(void);

/* Sets the ring-0 stack the CPU loads when an interrupt arrives from ring 3. */
void arch_set_kernel_stack(vaddr_t esp0);

struct trap_frame;
/* Leaves the kernel for ring 3 with the registers of frame f, which sits at
 * the top of the running thread's kernel stack (nothing above it is needed
 * any more), through the traps' own return path. The thread comes back only
 * through traps. */
__attribute__((noreturn)) void arch_enter_user_frame(const struct trap_frame *f);

#endif
