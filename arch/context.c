/* Kernel thread stacks; see arch/context.h. */
#include "arch/context.h"
#include "arch/gdt.h"

uint32_t arch_prepare_stack(vaddr_t top, void (*start)(void))
{
	uint32_t *sp = (uint32_t *)top;

	*--sp = 0;                      /* start's return address: ends backtraces */
	*--sp = (uint32_t)start;        /* arch_switch_context returns here */
	*--sp = 0;                      /* ebp: the end of the frame chain */
	*--sp = 0;                      /* ebx */
	*--sp = 0;                      /* esi */
	*--sp = 0;                      /* edi */
	return (uint32_t)sp;
}

void arch_set_kernel_stack(vaddr_t esp0)
{
	kernel_tss.esp0 = esp0;
}
