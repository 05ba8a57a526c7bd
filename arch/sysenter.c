/* The fast system-call path; see arch/sysenter.h. */
#include "arch/sysenter.h"
#include "arch/cpu.h"
#include "arch/gdt.h"

#define MSR_SYSENTER_CS  0x174u
#define MSR_SYSENTER_ESP 0x175u
#define MSR_SYSENTER_EIP 0x176u

#define TRAMPOLINE_WORDS 256u

extern char sysenter_entry[], sysenter_entry_first_end[];
/* Where sysenter puts ESP: its top word holds the running thread's ring-0
 * stack pointer, which the entry's first instruction loads. The rest is
 * stack only for one case: ring 3 set TF, which sysenter keeps, so a debug
 * trap is taken before that first instruction, on this stack. */
static uint32_t trampoline[TRAMPOLINE_WORDS];
/* Set by sysenter_debug_trap, consumed by the entry (interrupts are off
 * from sysenter until then, and there is one CPU). */
uint8_t sysenter_stepped;
static bool enabled;

static void wrmsr(uint32_t msr, uint32_t value)
{
	asm volatile("wrmsr" : : "c"(msr), "a"(value), "d"(0u));
}

/* The debug-trap handler: a single step in ring 0 at the entry (ring 3 set
 * TF, and sysenter keeps it) clears TF there and has the entry put it back
 * into the caller's saved flags; any other debug trap is not ours. */
static bool sysenter_debug_trap(struct trap_frame *f)
{
	/* The CPU (and QEMU) trap before the first instruction; after it would
	 * do as well (the stack is the thread's then). */
	if (trap_from_user(f) ||
	    (f->eip != (uint32_t)sysenter_entry && f->eip != (uint32_t)sysenter_entry_first_end))
		return false;
	f->eflags &= ~EFLAGS_TF;
	sysenter_stepped = 1;
	return true;
}

bool sysenter_init(void)
{
	/* Pentium Pro before model 3 stepping 3 reports SEP without having it. */
	bool broken = cpu_info.family == 6 && cpu_info.model < 3 && cpu_info.stepping < 3;

	if (!(cpu_info.features & CPU_SEP) || broken)
		return false;
	/* sysexit derives ring 3's CS and SS from this: SEL_KCODE + 16 and + 24,
	 * which the GDT's order (kernel code, data, user code, data) makes
	 * SEL_UCODE and SEL_UDATA. */
	wrmsr(MSR_SYSENTER_CS, SEL_KCODE);
	/* A thread switch changes the trampoline's top word, not the MSR. */
	trampoline[TRAMPOLINE_WORDS - 1] = kernel_tss.esp0;
	wrmsr(MSR_SYSENTER_ESP, (uint32_t)&trampoline[TRAMPOLINE_WORDS - 1]);
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
	trap_set_handler(T_DB, sysenter_debug_trap);
	enabled = true;
	return true;
}

bool sysenter_enabled(void)
{
	return enabled;
}

void sysenter_set_kernel_stack(vaddr_t esp0)
{
	trampoline[TRAMPOLINE_WORDS - 1] = esp0;
}

