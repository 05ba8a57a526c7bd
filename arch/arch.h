/* Bringing up the processor: the one call the kernel makes at boot. */
#ifndef ARCH_ARCH_H
#define ARCH_ARCH_H

#include "arch/types.h"

/* Loads GDT, TSS, IDT and the PICs (all IRQs masked); removes the boot stub's
 * identity mapping and unmaps the boot stack's guard page. Interrupts stay off. */
void arch_init(void);

/* A pointer to physical [pa, pa + size) in the direct window mapped at
 * KERNEL_BASE (the boot stub's 16 MB until mm_init widens it), or NULL when the
 * range lies outside it. */
void *arch_phys_to_virt(paddr_t pa, uint32_t size);
/* Records how much physical memory the direct window now maps. */
void arch_set_direct_limit(uint32_t bytes);

/* The boot stack and its guard page (kernel virtual addresses). */
extern uint8_t boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];

#endif
