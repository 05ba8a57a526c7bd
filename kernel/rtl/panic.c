/* Kernel panic reports; see kernel/rtl/panic.h. */
#include "kernel/rtl/panic.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/ksym.h"
#include "kernel/ke/thread.h"
#include "kernel/rtl/trapdesc.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/mmu.h"

static enum panic_action action = PANIC_HALT;
static volatile int panicking;

void panic_set_action(enum panic_action a)
{
	action = a;
}

__attribute__((noreturn)) static void panic_stop(void)
{
	if (panicking == 1)
		kprintf("vados: system halted after panic\n");
	if (action == PANIC_EXIT)
		machine_exit(EXIT_PANIC);
	cpu_halt_forever();
}

/* A second panic while reporting the first says so once and stops; a third
 * (the console itself failing) stops without a word. */
static void enter_panic(void)
{
	irq_disable();
	if (panicking++) {
		if (panicking == 2)
			kprintf("\nPANIC: nested panic while reporting; stopping\n");
		if (action == PANIC_EXIT)
			machine_exit(EXIT_PANIC);
		cpu_halt_forever();
	}
}

/* general: whether f holds the general registers (a trap) or only the stack
 * and segment state of a panic() call. */
static void print_registers(const struct trap_frame *f, bool general)
{
	uint32_t off;
	const char *fn = ksym_lookup(f->eip, &off);

	if (general) {
		kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", f->eax, f->ebx,
			f->ecx, f->edx);
		kprintf("  esi=%08x edi=%08x ", f->esi, f->edi);
	} else {
		kprintf("  ");
	}
	kprintf("ebp=%08x esp=%08x\n", f->ebp, trap_frame_esp(f));
	kprintf("  eip=%08x (%s+0x%x) eflags=%08x\n", f->eip, fn ? fn : "?",
		fn ? off : 0, f->eflags);
	kprintf("  cs=%04x ds=%04x es=%04x fs=%04x gs=%04x\n", f->cs & 0xffff,
		f->ds & 0xffff, f->es & 0xffff, f->fs & 0xffff, f->gs & 0xffff);
	kprintf("  cr0=%08x cr2=%08x cr3=%08x cr4=%08x\n", read_cr0(), read_cr2(),
		read_cr3(), read_cr4());
}

void panic(const char *fmt, ...)
{
	struct trap_frame f = { 0 };
	va_list ap;

	enter_panic();
	/* One byte back from the return address: inside the call, so a call that
	 * ends its function still names that function. */
	f.eip = (uint32_t)__builtin_return_address(0) - 1;
	f.ebp = (uint32_t)__builtin_frame_address(0);
	asm volatile("movl %%esp, %0; movw %%cs, %w1; movw %%ds, %w2; movw %%es, %w3;"
		     "movw %%fs, %w4; movw %%gs, %w5"
		     : "=m"(f.esp_pusha), "=r"(f.cs), "=r"(f.ds), "=r"(f.es),
		       "=r"(f.fs), "=r"(f.gs));
	f.esp_pusha -= TRAP_KERNEL_PUSH;
	f.eflags = read_eflags();
	kprintf("\nPANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	print_registers(&f, false);
	/* Start from our own frame: its return address is the caller of panic. */
	backtrace_print((uint32_t)panic, f.ebp);
	panic_stop();
}

void panic_trap(struct trap_frame *f)
{
	char name[24], detail[96];

	enter_panic();
	kprintf("\nPANIC: unhandled %s (vector %u) in %s mode\n",
		trap_name(f->vector, name, sizeof(name)), f->vector,
		trap_from_user(f) ? "user" : "kernel");
	trap_describe_error(f->vector, f->error, detail, sizeof(detail));
	kprintf("  error code 0x%x%s%s\n", f->error, detail[0] ? ": " : "", detail);
	if (f->vector == T_PF) {
		uint32_t pde, pte;
		mmu_query_raw(f->cr2, &pde, &pte);
		kprintf("  fault address 0x%08x: PDE 0x%08x, PTE 0x%08x\n", f->cr2, pde, pte);
	}
	if (f->vector == T_DF) {
		const struct thread *t = thread_guard_owner(f->cr2);
		if (!t)
			t = thread_guard_owner(trap_frame_esp(f));
		if (t)
			kprintf("  kernel stack overflow: esp 0x%08x ran into the guard page of "
				"thread %u \"%s\" (cr2 0x%08x)\n", trap_frame_esp(f), t->id,
				t->name, f->cr2);
	}
	print_registers(f, true);
	backtrace_print(f->eip, f->ebp);
	panic_stop();
}
