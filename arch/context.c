/* Kernel thread stacks; see arch/context.h. */
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "arch/sysenter.h"
#include "arch/trap.h"

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

void arch_enter_user_frame(const struct trap_frame *f)
{
	/* trap_return starts at the segment registers: the dispatcher's
	 * argument and the cr2 slot are already off the stack there. */
	asm volatile("movl %0, %%esp\n\t"
		     "jmp trap_return"
		     : : "r"(&f->gs) : "memory");
	__builtin_unreachable();
}

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_NE (1u << 5)

void arch_fpu_init(struct arch_fpu_state *clean, uint16_t control)
{
	uint32_t cr0;

	if (!(cpu_info.features & CPU_FPU))
		return;
	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 | CR0_MP | CR0_NE) & ~CR0_EM;
	asm volatile("mov %0, %%cr0\n\tfninit\n\tfldcw %1\n\tfnsave %2"
		     : : "r"(cr0), "m"(control), "m"(*clean) : "memory");
}

void arch_fpu_switch(struct arch_fpu_state *save, const struct arch_fpu_state *load)
{
	if (cpu_info.features & CPU_FPU)
		asm volatile("fnsave %0\n\tfrstor %1" : "=m"(*save) : "m"(*load) : "memory");
}

void arch_fpu_save(struct arch_fpu_state *s)
{
	if (cpu_info.features & CPU_FPU)
		asm volatile("fnsave %0\n\tfrstor %0" : "+m"(*s) : : "memory");
}

void arch_fpu_load(const struct arch_fpu_state *s)
{
	if (cpu_info.features & CPU_FPU)
		asm volatile("fninit\n\tfrstor %0" : : "m"(*s) : "memory");
}

void arch_fpu_clear_exceptions(void)
{
	if (cpu_info.features & CPU_FPU)
		asm volatile("fnclex" : : : "memory");
}

void arch_set_kernel_stack(vaddr_t esp0)
{
	kernel_tss.esp0 = esp0;
	sysenter_set_kernel_stack(esp0);
}
