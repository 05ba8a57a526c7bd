/* Regression (review): the dispatcher inherited the faulting EFLAGS. With DF
 * set it ran against the ABI; with TF set it single-stepped itself to death.
 * Handlers must run with DF and TF clear while the CONTEXT keeps the
 * originals, and a trap flag raises STATUS_SINGLE_STEP. */
#include <stdio.h>
#include <windows.h>

#define EFLAGS_TF 0x100
#define EFLAGS_DF 0x400

static volatile DWORD handler_flags, context_flags, code;

static LONG CALLBACK handler(PEXCEPTION_POINTERS ep)
{
	DWORD flags;

	asm volatile("pushfl; popl %0" : "=r"(flags));
	handler_flags = flags;
	context_flags = ep->ContextRecord->EFlags;
	code = ep->ExceptionRecord->ExceptionCode;
	if (code == STATUS_BREAKPOINT)
		ep->ContextRecord->Eip++;                       /* past the int3 */
	ep->ContextRecord->EFlags &= ~(EFLAGS_TF | EFLAGS_DF);
	return EXCEPTION_CONTINUE_EXECUTION;
}

int main(void)
{
	int ok;

	AddVectoredExceptionHandler(1, handler);
	asm volatile("std\n\tint3\n\tcld" ::: "memory");
	ok = code == STATUS_BREAKPOINT && !(handler_flags & EFLAGS_DF) && (context_flags & EFLAGS_DF);
	printf("flags-in-handler: int3 with DF set: handler DF %d, context DF %d: %s\n",
	       !!(handler_flags & EFLAGS_DF), !!(context_flags & EFLAGS_DF), ok ? "ok" : "WRONG");
	code = 0;
	asm volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\tnop\n\tnop" ::: "memory", "cc");
	int ok2 = code == STATUS_SINGLE_STEP && !(handler_flags & EFLAGS_TF);
	printf("flags-in-handler: trap flag: code 0x%lx, handler TF %d: %s\n", code,
	       !!(handler_flags & EFLAGS_TF), ok2 ? "ok" : "WRONG");
	return ok && ok2 ? 0 : 1;
}
