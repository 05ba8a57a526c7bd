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

/* The FPU registers of a thread: FXSAVE's image (x87, MMX, the XMM registers
 * and MXCSR) on a CPU with FXSR, which the kernel then enables for ring 3
 * (CR4.OSFXSR, and CR4.OSXMMEXCPT with SSE: #XM reports SSE exceptions);
 * else fnsave's image of the x87 alone in its first 108 bytes. */
#define ARCH_FPU_STATE_SIZE 512      /* 16-byte aligned: the kernel's stack is not, so never a local */
#define ARCH_FPU_LEGACY_SIZE 108        /* fnsave's image: FLOATING_SAVE_AREA's start */
struct arch_fpu_state {
	uint8_t bytes[ARCH_FPU_STATE_SIZE];
} __attribute__((aligned(16)));

/* Sets CR0 for native x87 error reporting (#MF), CR4 for FXSAVE and SSE
 * when the CPU has them, and captures the state a fresh thread starts with
 * into *clean: fninit's, with control word control (MXCSR 0x1f80: every
 * SSE exception masked). Once at boot. */
void arch_fpu_init(struct arch_fpu_state *clean, uint16_t control);
/* Whether states are FXSAVE images (the XMM registers and MXCSR exist). */
bool arch_fpu_extended(void);
/* Saves the running thread's FPU state into *save and loads *load. Every
 * switch does it: the kernel never touches the FPU, so only threads own it.
 * other_owner: *load belongs to another process than the state last loaded
 * for ring 3 (AMD's FXRSTOR would let it read that one's last x87
 * instruction and data addresses, which are then scrubbed first). */
void arch_fpu_switch(struct arch_fpu_state *save, const struct arch_fpu_state *load,
		     bool other_owner);
/* Copies the running thread's FPU state into *s and leaves it loaded. */
void arch_fpu_save(struct arch_fpu_state *s);
/* Replaces the running thread's FPU state with *s (the old one's pending
 * exceptions are dropped; *s's own x87 ones are raised, as #MF, by ring 3's
 * next waiting x87 instruction). */
void arch_fpu_load(const struct arch_fpu_state *s);
/* Clears the running thread's pending x87 exceptions (fnclex): status word
 * flags, ES and B; the stack and control word stay. */
void arch_fpu_clear_exceptions(void);
/* The x87 part of *s as fnsave's image (ARCH_FPU_LEGACY_SIZE bytes at
 * legacy); the CPU converts FXSAVE's abridged tags in its own registers,
 * the running thread's parked meanwhile: interrupts must be off. */
void arch_fpu_legacy_get(const struct arch_fpu_state *s, void *legacy);
/* Replaces the x87 part of *s with fnsave's image at legacy; the XMM
 * registers and MXCSR stay. Interrupts must be off (as above). */
void arch_fpu_legacy_set(struct arch_fpu_state *s, const void *legacy);
/* Replaces *s with the FXSAVE image at image (arch_fpu_extended only),
 * MXCSR's reserved bits cleared (FXRSTOR would fault on them). */
void arch_fpu_extended_set(struct arch_fpu_state *s, const void *image);
/* *s's x87 control and status words (either image: both keep them first). */
void arch_fpu_x87_words(const struct arch_fpu_state *s, uint16_t *control, uint16_t *status);
/* *s's MXCSR (arch_fpu_extended only). */
uint32_t arch_fpu_mxcsr(const struct arch_fpu_state *s);

/* Sets the ring-0 stack the CPU loads when an interrupt arrives from ring 3. */
void arch_set_kernel_stack(vaddr_t esp0);

struct trap_frame;
/* Leaves the kernel for ring 3 with the registers of frame f, which sits at
 * the top of the running thread's kernel stack (nothing above it is needed
 * any more), through the traps' own return path. The thread comes back only
 * through traps. */
__attribute__((noreturn)) void arch_enter_user_frame(const struct trap_frame *f);

#endif
