/* Exception delivery to ring 3; see kernel/ke/exception.h. */
#include "kernel/ke/exception.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/rtl/string.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "arch/uaccess.h"
#include "arch/selectors.h"
#include "mm/mm.h"

#define STATUS_ACCESS_VIOLATION 0xC0000005u
#define STATUS_GUARD_PAGE_VIOLATION 0x80000001u
#define STATUS_STACK_OVERFLOW   0xC00000FDu
#define STATUS_IN_PAGE_ERROR    0xC0000006u
#define STATUS_DEVICE_DATA_ERROR 0xC000009Cu
#define STATUS_FLOAT_DENORMAL_OPERAND   0xC000008Du
#define STATUS_FLOAT_DIVIDE_BY_ZERO     0xC000008Eu
#define STATUS_FLOAT_INEXACT_RESULT     0xC000008Fu
#define STATUS_FLOAT_INVALID_OPERATION  0xC0000090u
#define STATUS_FLOAT_OVERFLOW           0xC0000091u
#define STATUS_FLOAT_STACK_CHECK        0xC0000092u
#define STATUS_FLOAT_UNDERFLOW          0xC0000093u
#define STATUS_FLOAT_MULTIPLE_TRAPS     0xC00002B5u
/* x87 status and control word bits: the six exceptions (same bits in both)
 * and the status word's stack fault. */
#define FPU_IE 0x01u
#define FPU_DE 0x02u
#define FPU_ZE 0x04u
#define FPU_OE 0x08u
#define FPU_UE 0x10u
#define FPU_PE 0x20u
#define FPU_SF 0x40u
/* EFLAGS bits ring 3 may set through a CONTEXT: CF PF AF ZF SF TF DF OF AC ID;
 * the others are the kernel's (RF and NT are dropped, IOPL and VM refused). */
#define EFLAGS_USER  0x00240dd5u
#define EFLAGS_FIXED 0x00000202u        /* reserved bit 1, IF */
#define EFLAGS_IOPL  0x00003000u

static uint32_t exception_code(uint32_t vector)
{
	switch (vector) {
	case T_DE: return 0xC0000094;   /* STATUS_INTEGER_DIVIDE_BY_ZERO */
	case T_DB: return 0x80000004;   /* STATUS_SINGLE_STEP */
	case T_BP: return 0x80000003;   /* STATUS_BREAKPOINT */
	case T_OF: return 0xC0000095;   /* STATUS_INTEGER_OVERFLOW */
	case T_BR: return 0xC000008C;   /* STATUS_ARRAY_BOUNDS_EXCEEDED */
	case T_UD: return 0xC000001D;   /* STATUS_ILLEGAL_INSTRUCTION */
	case T_AC: return 0x80000002;   /* STATUS_DATATYPE_MISALIGNMENT */
	case T_NM: return STATUS_FLOAT_INVALID_OPERATION;
	case T_XM: return STATUS_FLOAT_MULTIPLE_TRAPS;
	case T_GP: return 0xC0000096;   /* STATUS_PRIVILEGED_INSTRUCTION */
	default: return STATUS_ACCESS_VIOLATION;
	}
}

/* The code of the x87 exception #MF reports, from the thread's status and
 * control words: the first pending unmasked one in Windows' order (invalid,
 * a stack fault among them, divide by zero, denormal, overflow, underflow,
 * inexact). */
static uint32_t fpu_exception_code(void)
{
	uint16_t control, status;
	uint32_t pending;
	bool irq = irq_save();

	arch_fpu_x87_words(thread_fpu_locked(thread_current()), &control, &status);
	irq_restore(irq);
	pending = status & ~control & 0x3fu;
	if (pending & FPU_IE)
		return (status & FPU_SF) ? STATUS_FLOAT_STACK_CHECK : STATUS_FLOAT_INVALID_OPERATION;
	if (pending & FPU_ZE)
		return STATUS_FLOAT_DIVIDE_BY_ZERO;
	if (pending & FPU_DE)
		return STATUS_FLOAT_DENORMAL_OPERAND;
	if (pending & FPU_OE)
		return STATUS_FLOAT_OVERFLOW;
	if (pending & FPU_UE)
		return STATUS_FLOAT_UNDERFLOW;
	if (pending & FPU_PE)
		return STATUS_FLOAT_INEXACT_RESULT;
	return STATUS_FLOAT_INVALID_OPERATION;
}

VADOS_STATIC_ASSERT(ARCH_FPU_LEGACY_SIZE ==
		    __builtin_offsetof(struct _FLOATING_SAVE_AREA, Cr0NpxState),
		    "FLOATING_SAVE_AREA is fnsave's image");
VADOS_STATIC_ASSERT(ARCH_FPU_STATE_SIZE == MAXIMUM_SUPPORTED_EXTENSION,
		    "ExtendedRegisters is FXSAVE's image");

void exception_context_fpu(struct thread *t, struct _CONTEXT *c, uint32_t flags)
{
	const struct arch_fpu_state *s;
	bool legacy = (flags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT;
	bool extended = (flags & CONTEXT_EXTENDED_REGISTERS) == CONTEXT_EXTENDED_REGISTERS &&
			arch_fpu_extended();
	bool irq;

	if (!legacy && !extended)
		return;
	irq = irq_save();
	s = thread_fpu_locked(t);
	if (legacy) {
		arch_fpu_legacy_get(s, &c->FloatSave);
		c->FloatSave.Cr0NpxState = 0;
		c->ContextFlags |= CONTEXT_FLOATING_POINT;
	}
	if (extended) {
		memcpy(c->ExtendedRegisters, s->bytes, sizeof(s->bytes));
		c->ContextFlags |= CONTEXT_EXTENDED_REGISTERS;
	}
	irq_restore(irq);
}

void exception_continue_fpu(struct thread *t, const struct _CONTEXT *c)
{
	struct arch_fpu_state *s;
	bool legacy = (c->ContextFlags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT;
	bool extended = (c->ContextFlags & CONTEXT_EXTENDED_REGISTERS) ==
			CONTEXT_EXTENDED_REGISTERS && arch_fpu_extended();
	bool irq;

	if (!legacy && !extended)
		return;
	irq = irq_save();
	s = thread_fpu_locked(t);
	if (extended)
		arch_fpu_extended_set(s, c->ExtendedRegisters);
	if (legacy)                     /* FloatSave wins for the x87, as on Windows */
		arch_fpu_legacy_set(s, &c->FloatSave);
	thread_fpu_changed_locked(t);
	irq_restore(irq);
}

void exception_context_from_frame(const struct trap_frame *f, struct _CONTEXT *c)
{
	memset(c, 0, sizeof(*c));
	c->ContextFlags = CONTEXT_FULL;
	c->SegGs = f->gs; c->SegFs = f->fs; c->SegEs = f->es; c->SegDs = f->ds;
	c->Edi = f->edi; c->Esi = f->esi; c->Ebx = f->ebx;
	c->Edx = f->edx; c->Ecx = f->ecx; c->Eax = f->eax;
	c->Ebp = f->ebp; c->Eip = f->eip; c->SegCs = f->cs;
	c->EFlags = f->eflags; c->Esp = f->user_esp; c->SegSs = f->user_ss;
}

/* Builds the record and context below the user's ESP and points f at the
 * dispatcher: dispatcher(record, context) with a null return address. The
 * context has the x87 state too; the dispatcher runs on it without its
 * pending exceptions (its own x87 code would raise them again). */
static bool deliver(struct trap_frame *f, const struct _EXCEPTION_RECORD *rec)
{
	struct process *p = process_current();
	struct _CONTEXT ctx;
	uint32_t sp = (f->user_esp - sizeof(ctx)) & ~15u, ctx_at = sp, rec_at, args[3];

	/* The record's 80 bytes keep it 16-aligned below the context; the pad
	 * below it makes the dispatcher's ESP + 4 16-aligned at entry, as GCC's
	 * code (SSE spills included) expects of every call. */
	VADOS_STATIC_ASSERT(sizeof(*rec) % 16 == 0, "the record keeps the alignment");

	if (!p->dispatcher)
		return false;
	exception_context_from_frame(f, &ctx);
	exception_context_fpu(thread_current(), &ctx,
			      CONTEXT_FLOATING_POINT | CONTEXT_EXTENDED_REGISTERS);
	sp -= sizeof(*rec);
	rec_at = sp;
	args[0] = 0;
	args[1] = rec_at;
	args[2] = ctx_at;
	sp -= sizeof(args) + 8;
	if (sp >= f->user_esp || !copy_to_user(ctx_at, &ctx, sizeof(ctx)) ||
	    !copy_to_user(rec_at, rec, sizeof(*rec)) || !copy_to_user(sp, args, sizeof(args)))
		return false;
	arch_fpu_clear_exceptions();
	f->eip = p->dispatcher;
	f->user_esp = sp;
	/* Its segment registers are NT's for the dispatcher: flat data, FS at
	 * the thread's TEB (GetLastError, GetCurrentThreadId, the handler
	 * list's lock all read it), GS 0. The CONTEXT keeps ring 3's. */
	f->ds = f->es = SEL_UDATA;
	f->fs = SEL_UTEB;
	f->gs = 0;
	/* The dispatcher is ordinary C: no single-stepping, DF clear as the ABI
	 * says, no alignment checks. The CONTEXT keeps the originals. */
	f->eflags &= ~(EFLAGS_TF | EFLAGS_DF | EFLAGS_AC | EFLAGS_RF);
	return true;
}

/* The one-line report of an exception nobody handled. */
static void report(const struct process *p, const struct _EXCEPTION_RECORD *rec)
{
	uint32_t code = rec->ExceptionCode;
	bool memory = rec->NumberParameters >= 2 && (code == STATUS_ACCESS_VIOLATION ||
		code == STATUS_GUARD_PAGE_VIOLATION || code == STATUS_STACK_OVERFLOW ||
		code == STATUS_IN_PAGE_ERROR);

	if (memory)
		kprintf("pid %u %s: exception 0x%08x at eip 0x%08x, address 0x%08lx (%s)\n",
			p->pid, p->name, code, (uint32_t)rec->ExceptionAddress,
			rec->ExceptionInformation[1],
			rec->ExceptionInformation[0] == 1 ? "write" :
			rec->ExceptionInformation[0] == 8 ? "execute" : "read");
	else
		kprintf("pid %u %s: exception 0x%08x at eip 0x%08x\n", p->pid, p->name, code,
			(uint32_t)rec->ExceptionAddress);
}

void exception_terminate(const struct _EXCEPTION_RECORD *rec)
{
	struct process *p = process_current();

	/* A delivery cut short by TerminateProcess is no program's fault. */
	if (!p->terminating)
		report(p, rec);
	process_exit(rec->ExceptionCode);
}

void exception_raise(struct trap_frame *f, const struct _EXCEPTION_RECORD *rec)
{
	if (!deliver(f, rec))
		exception_terminate(rec);
}

#define PF_WRITE 0x02u
#define PF_FETCH 0x10u          /* reported with SMEP (or NX) enabled */

/* A memory exception's record: the access (0 read, 1 write, 8 an
 * instruction fetch, as Windows' EXCEPTION_EXECUTE_FAULT) and the address.
 * A fetch is known by the error code's I/D bit, or, on a CPU that does not
 * report it, by the fault's address being the instruction's own. */
static void memory_record(struct _EXCEPTION_RECORD *rec, uint32_t code,
			  const struct trap_frame *f)
{
	memset(rec, 0, sizeof(*rec));
	rec->ExceptionCode = code;
	rec->ExceptionAddress = (void *)f->eip;
	rec->NumberParameters = 2;
	if ((f->error & PF_FETCH) || f->cr2 == f->eip)
		rec->ExceptionInformation[0] = 8;
	else
		rec->ExceptionInformation[0] = (f->error & PF_WRITE) ? 1 : 0;
	rec->ExceptionInformation[1] = f->cr2;
}

bool exception_page_fault(struct trap_frame *f)
{
	static const uint32_t codes[] = {
		[VM_FAULT_ACCESS_VIOLATION] = STATUS_ACCESS_VIOLATION,
		[VM_FAULT_GUARD_PAGE] = STATUS_GUARD_PAGE_VIOLATION,
		[VM_FAULT_STACK_OVERFLOW] = STATUS_STACK_OVERFLOW,
		[VM_FAULT_IN_PAGE_ERROR] = STATUS_IN_PAGE_ERROR,
	};
	struct process *p = process_current();
	struct thread *t = thread_current();
	struct _EXCEPTION_RECORD rec;
	enum vm_fault r;

	/* A fault while resolving one on the same thread would recurse until
	 * the stack overflows. Clear the mark first: the panic's own backtrace
	 * may fault, safely. (Resolving may sleep: the mark is per thread.) */
	if (t->in_page_fault) {
		t->in_page_fault = false;
		panic("page fault at 0x%08x inside the page-fault handler", f->cr2);
	}
	t->in_page_fault = true;
	/* Attached to another process (ReadProcessMemory), the kernel's
	 * copies fault in that process's address space. */
	r = mm_page_fault(f, t->attached ? t->attached->vm : p ? p->vm : NULL);
	t->in_page_fault = false;
	/* Interrupted, ring 3 is being terminated: its return there ends it. A
	 * user copy in the kernel fails instead (through its fix-up). */
	if (r == VM_FAULT_RESOLVED && p && !t->attached)
		ps_stack_touched(f->cr2);       /* the TEB's StackLimit follows a growing stack */
	/* A fiber's stack grows through its guard page whoever touches it
	 * first: ring 3, or a system call's copy to a buffer there. */
	if (r == VM_FAULT_GUARD_PAGE && p && !t->attached) {
		uint32_t hit = ps_stack_guard_hit(f->cr2);

		if (hit == PS_GUARD_GROWN)
			return true;
		if (hit == PS_GUARD_OVERFLOW)
			r = VM_FAULT_STACK_OVERFLOW;
	}
	if (r == VM_FAULT_RESOLVED || (r == VM_FAULT_INTERRUPTED && trap_from_user(f)))
		return true;
	if (!trap_from_user(f))
		return false;           /* the kernel's: a fix-up (a user copy) or a panic */
	memory_record(&rec, codes[r], f);
	if (r == VM_FAULT_IN_PAGE_ERROR) {     /* NT adds the I/O's status */
		rec.NumberParameters = 3;
		rec.ExceptionInformation[2] = STATUS_DEVICE_DATA_ERROR;
	}
	exception_raise(f, &rec);
	return true;
}

void exception_from_trap(struct trap_frame *f)
{
	struct _EXCEPTION_RECORD rec;

	memset(&rec, 0, sizeof(rec));
	if (f->vector == T_BP)
		f->eip--;               /* int3 traps after itself; NT reports the int3 */
	rec.ExceptionCode = f->vector == T_MF ? fpu_exception_code() : exception_code(f->vector);
	/* An SSE exception: native 32-bit Windows reports every kind as
	 * STATUS_FLOAT_MULTIPLE_TRAPS with one parameter, 0 (the handler reads
	 * which from MXCSR in the context's ExtendedRegisters). */
	if (f->vector == T_XM)
		rec.NumberParameters = 1;
	rec.ExceptionAddress = (void *)f->eip;
	exception_raise(f, &rec);
}

bool exception_continue(struct trap_frame *f, const struct _CONTEXT *c)
{
	struct user_selectors sel = { .cs = c->SegCs, .ss = c->SegSs, .ds = c->SegDs,
				      .es = c->SegEs, .fs = c->SegFs, .gs = c->SegGs };

	if (!user_selectors_check(&sel) || (c->EFlags & (EFLAGS_IOPL | EFLAGS_VM)) != 0)
		return false;
	f->gs = sel.gs; f->fs = sel.fs; f->es = sel.es; f->ds = sel.ds;
	f->edi = c->Edi; f->esi = c->Esi; f->ebx = c->Ebx;
	f->edx = c->Edx; f->ecx = c->Ecx; f->eax = c->Eax;
	f->ebp = c->Ebp; f->eip = c->Eip;
	f->eflags = (c->EFlags & EFLAGS_USER) | EFLAGS_FIXED;
	f->user_esp = c->Esp;
	return true;
}
