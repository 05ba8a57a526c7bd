/* Kernel thread stacks; see arch/context.h. */
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "arch/sysenter.h"

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

void arch_enter_user(vaddr_t eip, vaddr_t esp)
{
	asm volatile("movw %w0, %%ds\n\tmovw %w0, %%es\n\tmovw %w0, %%gs\n\t"
		     "movw %w4, %%fs\n\t"   /* the thread's TEB (gdt_set_teb) */
		     "pushl %0\n\t"           /* ss */
		     "pushl %1\n\t"           /* esp */
		     "pushl $0x202\n\t"       /* eflags: IF */
		     "pushl %2\n\t"           /* cs */
		     "pushl %3\n\t"           /* eip */
		     "xorl %%eax, %%eax\n\txorl %%ebx, %%ebx\n\txorl %%ecx, %%ecx\n\t"
		     "xorl %%edx, %%edx\n\txorl %%esi, %%esi\n\txorl %%edi, %%edi\n\t"
		     "xorl %%ebp, %%ebp\n\t"
		     "iret"
		     : : "r"((uint32_t)SEL_UDATA), "r"(esp), "i"(SEL_UCODE), "r"(eip),
		       "r"((uint32_t)SEL_UTEB)
		     : "memory");
	__builtin_unreachable();
}

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_NE (1u << 5)

void arch_fpu_init(struct arch_fpu_state *clean)
{
	uint32_t cr0;

	if (!(cpu_info.features & CPU_FPU))
		return;
	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 | CR0_MP | CR0_NE) & ~CR0_EM;
	asm volatile("mov %0, %%cr0\n\tfninit\n\tfnsave %1" : : "r"(cr0), "m"(*clean) : "memory");
}

void arch_fpu_switch(struct arch_fpu_state *save, const struct arch_fpu_state *load)
{
	if (cpu_info.features & CPU_FPU)
		asm volatile("fnsave %0\n\tfrstor %1" : "=m"(*save) : "m"(*load) : "memory");
}

void arch_set_kernel_stack(vaddr_t esp0)
{
	kernel_tss.esp0 = esp0;
	sysenter_set_kernel_stack(esp0);
}
