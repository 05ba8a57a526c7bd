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
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define MXCSR_DEFAULT 0x1f80u           /* every exception masked, round to nearest */
#define FXSAVE_MXCSR 24                 /* offsets in FXSAVE's image */
#define FXSAVE_MXCSR_MASK 28

static bool fxsr;                       /* states are FXSAVE images */
/* AMD's FXRSTOR leaves the last x87 instruction and data pointers alone
 * unless an exception is pending: a thread would read the previous one's
 * (its code and data addresses). Before each load they are set to a
 * kernel constant's instead. */
static bool fxrstor_keeps_pointers;
static const uint32_t pointer_scrub;
static uint32_t mxcsr_mask;             /* MXCSR's writable bits */
/* Where the legacy conversions park the running thread's registers while
 * they borrow them: used with interrupts off, so one is enough on one CPU
 * (a kernel for several would keep one per CPU). */
static struct arch_fpu_state parked;

static uint32_t image_word(const struct arch_fpu_state *s, uint32_t off)
{
	uint32_t v;

	__builtin_memcpy(&v, s->bytes + off, sizeof(v));
	return v;
}

void arch_fpu_init(struct arch_fpu_state *clean, uint16_t control)
{
	uint32_t cr0, mxcsr = MXCSR_DEFAULT;

	if (!(cpu_info.features & CPU_FPU))
		return;
	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 | CR0_MP | CR0_NE) & ~CR0_EM;
	asm volatile("mov %0, %%cr0\n\tfninit\n\tfldcw %1" : : "r"(cr0), "m"(control) : "memory");
	if (!(cpu_info.features & CPU_FXSR)) {
		asm volatile("fnsave %0\n\tfrstor %0" : "+m"(*clean) : : "memory");
		return;
	}
	fxsr = true;
	fxrstor_keeps_pointers = !__builtin_memcmp(cpu_info.vendor, "AuthenticAMD", 12);
	write_cr4(read_cr4() | CR4_OSFXSR |
		  (cpu_info.features & CPU_SSE ? CR4_OSXMMEXCPT : 0));
	if (cpu_info.features & CPU_SSE)
		asm volatile("ldmxcsr %0" : : "m"(mxcsr));
	asm volatile("fxsave %0" : "=m"(*clean) : : "memory");
	/* 0 in the image: a CPU from before the field, whose mask is 0xffbf. */
	mxcsr_mask = image_word(clean, FXSAVE_MXCSR_MASK);
	if (!mxcsr_mask)
		mxcsr_mask = 0xffbf;
}

bool arch_fpu_extended(void)
{
	return fxsr;
}

/* FXRSTOR of *s, with scrub the old registers' pointers first where they
 * would survive it (after fnclex: nothing pending; emms: room to push). */
static void fx_load(const struct arch_fpu_state *s, bool scrub)
{
	if (scrub && fxrstor_keeps_pointers)
		asm volatile("fnclex\n\temms\n\tfildl %0" : : "m"(pointer_scrub));
	asm volatile("fxrstor %0" : : "m"(*s) : "memory");
}

void arch_fpu_switch(struct arch_fpu_state *save, const struct arch_fpu_state *load,
		     bool other_owner)
{
	if (fxsr) {
		asm volatile("fxsave %0" : "=m"(*save) : : "memory");
		fx_load(load, other_owner);
	} else if (cpu_info.features & CPU_FPU)
		asm volatile("fnsave %0\n\tfrstor %1" : "=m"(*save) : "m"(*load) : "memory");
}

void arch_fpu_save(struct arch_fpu_state *s)
{
	if (fxsr)
		asm volatile("fxsave %0" : "=m"(*s) : : "memory");
	else if (cpu_info.features & CPU_FPU)
		asm volatile("fnsave %0\n\tfrstor %0" : "+m"(*s) : : "memory");
}

/* FXRSTOR neither raises nor keeps the old state's pending exceptions;
 * FRSTOR is a waiting instruction, so fninit drops them first. */
void arch_fpu_load(const struct arch_fpu_state *s)
{
	if (fxsr)
		fx_load(s, true);
	else if (cpu_info.features & CPU_FPU)
		asm volatile("fninit\n\tfrstor %0" : : "m"(*s) : "memory");
}

void arch_fpu_clear_exceptions(void)
{
	if (cpu_info.features & CPU_FPU)
		asm volatile("fnclex" : : : "memory");
}

void arch_fpu_legacy_get(const struct arch_fpu_state *s, void *legacy)
{
	if (!fxsr) {
		__builtin_memcpy(legacy, s->bytes, ARCH_FPU_LEGACY_SIZE);
		return;
	}
	asm volatile("fxsave %0\n\tfxrstor %2\n\tfnsave %1\n\tfxrstor %0"
		     : "=m"(parked), "=m"(*(uint8_t (*)[ARCH_FPU_LEGACY_SIZE])legacy)
		     : "m"(*s) : "memory");
}

/* FRSTOR waits: fninit drops what *s had pending before it loads. */
void arch_fpu_legacy_set(struct arch_fpu_state *s, const void *legacy)
{
	if (!fxsr) {
		__builtin_memcpy(s->bytes, legacy, ARCH_FPU_LEGACY_SIZE);
		return;
	}
	asm volatile("fxsave %0\n\tfxrstor %1\n\tfninit\n\tfrstor %2\n\t"
		     "fxsave %1\n\tfxrstor %0"
		     : "=m"(parked), "+m"(*s)
		     : "m"(*(const uint8_t (*)[ARCH_FPU_LEGACY_SIZE])legacy) : "memory");
}

void arch_fpu_extended_set(struct arch_fpu_state *s, const void *image)
{
	uint32_t mxcsr;

	__builtin_memcpy(s->bytes, image, ARCH_FPU_STATE_SIZE);
	mxcsr = image_word(s, FXSAVE_MXCSR) & mxcsr_mask;
	__builtin_memcpy(s->bytes + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
}

/* fnsave's image keeps each word in 32 bits, FXSAVE's in 16: the low
 * halves sit at 0 and 4, or 0 and 2. */
void arch_fpu_x87_words(const struct arch_fpu_state *s, uint16_t *control, uint16_t *status)
{
	__builtin_memcpy(control, s->bytes, sizeof(*control));
	__builtin_memcpy(status, s->bytes + (fxsr ? 2 : 4), sizeof(*status));
}

uint32_t arch_fpu_mxcsr(const struct arch_fpu_state *s)
{
	return image_word(s, FXSAVE_MXCSR);
}

void arch_set_kernel_stack(vaddr_t esp0)
{
	kernel_tss.esp0 = esp0;
	sysenter_set_kernel_stack(esp0);
}
