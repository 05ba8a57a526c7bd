/* Thread contexts: GetThreadContext and SetThreadContext on the registers
 * a thread left ring 3 with (its kernel stack's top trap frame; a thread
 * that has not run yet: the ones it will start with). */
#include "kernel/sys/syscalls.h"
#include "kernel/ke/exception.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/rtl/string.h"
#include "arch/cpu.h"
#include "arch/sysenter.h"
#include "arch/uaccess.h"
#include "user/include/vados/syscall.h"

#define CONTEXT_GROUPS (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_SEGMENTS)

/* Copies the groups flags names (CONTEXT_CONTROL, _INTEGER, _SEGMENTS)
 * from src to dst. */
static void context_merge(struct _CONTEXT *dst, const struct _CONTEXT *src, uint32_t flags)
{
	if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
		dst->Ebp = src->Ebp; dst->Eip = src->Eip; dst->SegCs = src->SegCs;
		dst->EFlags = src->EFlags; dst->Esp = src->Esp; dst->SegSs = src->SegSs;
	}
	if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
		dst->Edi = src->Edi; dst->Esi = src->Esi; dst->Ebx = src->Ebx;
		dst->Edx = src->Edx; dst->Ecx = src->Ecx; dst->Eax = src->Eax;
	}
	if ((flags & CONTEXT_SEGMENTS) == CONTEXT_SEGMENTS) {
		dst->SegGs = src->SegGs; dst->SegFs = src->SegFs;
		dst->SegEs = src->SegEs; dst->SegDs = src->SegDs;
	}
}

/* (thread, CONTEXT *, set): the groups the CONTEXT's ContextFlags name are
 * read into it (THREAD_GET_CONTEXT) or loaded from it (THREAD_SET_CONTEXT),
 * CONTEXT_FLOATING_POINT the thread's x87 state (FloatSave),
 * CONTEXT_EXTENDED_REGISTERS its FXSAVE image (ExtendedRegisters: the XMM
 * registers and MXCSR); the debug group is left as it is. A
 * thread that has ended: ERROR_ACCESS_DENIED; a context asking for kernel
 * selectors, IOPL or virtual-8086 mode: ERROR_INVALID_PARAMETER, nothing
 * changed. */
struct sysret sys_thread_context(const uint32_t *a, struct trap_frame *f)
{
	struct _CONTEXT user, now;
	struct ps_thread *t;
	uint32_t err;
	bool irq;

	(void)f;
	if (!copy_from_user(&user, a[1], sizeof(user)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	err = ps_thread_by_handle(a[0], a[2] ? THREAD_SET_CONTEXT : THREAD_GET_CONTEXT, &t);
	if (err)
		return (struct sysret){ err, 0 };
	irq = irq_save();               /* the thread cannot end (and free its stack) meanwhile */
	if (t->exited) {
		err = ERROR_ACCESS_DENIED;
	} else {
		struct trap_frame *frame = thread_user_frame(&t->k);
		exception_context_from_frame(frame, &now);
		if (a[2]) {
			context_merge(&now, &user, user.ContextFlags);
			if (!exception_continue(frame, &now))
				err = ERROR_INVALID_PARAMETER;
			else if (frame->vector == TRAP_SYSENTER)
				frame->error = frame->eip + 1;  /* back by iret: every register */
			if (!err)
				exception_continue_fpu(&t->k, &user);
		} else {
			context_merge(&user, &now, user.ContextFlags);
			exception_context_fpu(&t->k, &user, user.ContextFlags);
		}
	}
	irq_restore(irq);
	ob_dereference(t);
	if (!err && !a[2] && !copy_to_user(a[1], &user, sizeof(user)))
		err = ERROR_NOACCESS;
	return (struct sysret){ err, 0 };
}
