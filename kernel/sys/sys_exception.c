/* Exception system calls: the ring-3 dispatcher's registration, continue,
 * RaiseException and the end of an unhandled exception. */
#include "kernel/sys/syscalls.h"
#include "kernel/rtl/console.h"
#include "kernel/ke/exception.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"
#include "mm/mm.h"

struct sysret sys_set_dispatcher(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[0] < MM_USER_FIRST || a[0] >= MM_USER_END)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	process_current()->dispatcher = a[0];
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

/* Resumes at a CONTEXT (its x87 state too when it has
 * CONTEXT_FLOATING_POINT, its SSE state with CONTEXT_EXTENDED_REGISTERS);
 * comes back (with an error) only when refused. */
struct sysret sys_continue(const uint32_t *a, struct trap_frame *f)
{
	struct _CONTEXT ctx;

	if (!copy_from_user(&ctx, a[0], sizeof(ctx)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!exception_continue(f, &ctx)) {
		kprintf("pid %u %s: continue refused: the context asks for privileges\n",
			process_current()->pid, process_current()->name);
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	}
	exception_continue_fpu(thread_current(), &ctx);
	return SYSRET_FRAME_WRITTEN;
}

/* RaiseException: the context is the caller's, returning success. */
struct sysret sys_raise_exception(const uint32_t *a, struct trap_frame *f)
{
	struct _EXCEPTION_RECORD rec = { .ExceptionCode = a[0],
					 .ExceptionFlags = a[1] & EXCEPTION_NONCONTINUABLE,
					 .ExceptionAddress = (void *)f->eip,
					 .NumberParameters = a[2] };

	if (a[2] > EXCEPTION_MAXIMUM_PARAMETERS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (a[2] && !copy_from_user(rec.ExceptionInformation, a[3], a[2] * 4))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	syscall_set_result(f, ERROR_SUCCESS, 0);       /* what a continued context returns */
	exception_raise(f, &rec);
	return SYSRET_FRAME_WRITTEN;
}

struct sysret sys_unhandled_exception(const uint32_t *a, struct trap_frame *f)
{
	struct _EXCEPTION_RECORD rec;

	(void)f;
	if (!copy_from_user(&rec, a[0], sizeof(rec)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	exception_terminate(&rec);
}
