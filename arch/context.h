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

/* Sets the ring-0 stack the CPU loads when an interrupt arrives from ring 3. */
void arch_set_kernel_stack(vaddr_t esp0);

/* Leaves the kernel for ring 3 at eip with stack esp, interrupts on, every
 * general register zero. The thread comes back only through traps. */
__attribute__((noreturn)) void arch_enter_user(vaddr_t eip, vaddr_t esp);

#endif
