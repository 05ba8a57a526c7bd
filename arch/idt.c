/* IDT setup and trap dispatch; see arch/trap.h. */
#include "arch/trap.h"
#include "arch/sysenter.h"
#include "arch/cpu.h"
#include "arch/extable.h"
#include "arch/gdt.h"
#include "arch/selectors.h"

#define GATE_INT32  0x8e        /* present, DPL 0, 32-bit interrupt gate */
#define GATE_TASK   0x85        /* present, DPL 0, task gate */
#define GATE_DPL3   0x60

struct idt_gate {
	uint16_t offset_lo, selector;
	uint8_t zero, type;
	uint16_t offset_hi;
} __attribute__((packed));

extern const uint32_t isr_stub_table[256];

static struct idt_gate idt[256];
static trap_handler_fn handlers[256];
static trap_fatal_fn fatal;
static trap_user_return_fn user_return;

static void set_gate(unsigned v, uint32_t offset, uint16_t sel, uint8_t type)
{
	idt[v] = (struct idt_gate){ offset & 0xffff, sel, 0, type, offset >> 16 };
}

void idt_init(void)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr;

	for (unsigned v = 0; v < 256; v++)
		set_gate(v, isr_stub_table[v], SEL_KCODE, GATE_INT32);
	/* A task gate switches to a known-good stack even when ESP is unusable. */
	set_gate(T_DF, 0, SEL_DF_TSS, GATE_TASK);
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint32_t)idt;
	asm volatile("lidt %0" : : "m"(idtr));
}

void idt_allow_user(unsigned vector)
{
	idt[vector & 0xff].type = GATE_INT32 | GATE_DPL3;
}

void trap_set_handler(unsigned vector, trap_handler_fn fn)
{
	handlers[vector & 0xff] = fn;
}

void trap_set_fatal(trap_fatal_fn fn)
{
	fatal = fn;
}

void trap_set_user_return(trap_user_return_fn fn)
{
	user_return = fn;
}

/* Every trap that came from ring 3 goes back through the user-return hook. */
static void return_to(struct trap_frame *f)
{
	if (trap_from_user(f) && user_return)
		user_return(f);
}

void trap_dispatch(struct trap_frame *f)
{
	/* CR2 first: any later fault would overwrite it. */
	if (f->vector == T_PF)
		f->cr2 = read_cr2();
	trap_frame_clean_selectors(f);
	if (f->vector >= T_IRQ_BASE && f->vector < T_IRQ_BASE + T_IRQ_COUNT) {
		pic_dispatch(f);
	} else if (handlers[f->vector] && handlers[f->vector](f)) {
		/* resolved */
	} else if (f->vector < T_EXCEPTIONS && !trap_from_user(f) && extable_fixup(f)) {
		return;
	} else {
		if (fatal)
			fatal(f);
		if (!trap_from_user(f))
			cpu_halt_forever();
	}
	return_to(f);
	if (f->vector == TRAP_SYSENTER)
		sysenter_leave(f);
}

/* C entry of the double-fault task (arch/isr.asm): rebuilds a trap frame from
 * the context the CPU saved in kernel_tss and reports it as fatal. */
void trap_double_fault(void)
{
	struct tss *t = &kernel_tss;
	struct trap_frame f = {
		.cr2 = read_cr2(),
		.gs = t->gs, .fs = t->fs, .es = t->es, .ds = t->ds,
		.edi = t->edi, .esi = t->esi, .ebp = t->ebp,
		.esp_pusha = t->esp - TRAP_KERNEL_PUSH,
		.ebx = t->ebx, .edx = t->edx, .ecx = t->ecx, .eax = t->eax,
		.vector = T_DF, .error = 0,
		.eip = t->eip, .cs = t->cs, .eflags = t->eflags,
		.user_esp = t->esp, .user_ss = t->ss,
	};
	trap_frame_clean_selectors(&f);         /* the TSS's upper halves are reserved */
	if (fatal)
		fatal(&f);
	cpu_halt_forever();
}
