/* Vectored exception handling in ring 3: the dispatcher the kernel enters
 * with an EXCEPTION_RECORD and a CONTEXT, and the handler list. */
#include <stdbool.h>
#include <windows.h>
#include "vados/calls.h"
#include "user/lib/runtime.h"

#define MAX_HANDLERS 32

struct vectored {
	PVECTORED_EXCEPTION_HANDLER fn;
	struct vectored *next;
	BOOL used;
};

static struct vectored nodes[MAX_HANDLERS];
static struct vectored *first;

/* Whether a vectored handler said CONTINUE_EXECUTION (they run in order
 * until one does). */
static bool vectored_continue(EXCEPTION_POINTERS *ep)
{
	for (struct vectored *v = first; v; v = v->next)
		if (v->fn(ep) == EXCEPTION_CONTINUE_EXECUTION)
			return true;
	return false;
}

/* Runs the vectored handlers, then the probe of IsBadReadPtr and friends (in
 * Windows' place of frame handlers); the first to take the exception resumes
 * the (possibly edited) context. None, or a refused context: the process
 * ends. */
static void dispatch(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	EXCEPTION_POINTERS ep = { rec, ctx };
	uint32_t args[1];

	if ((vectored_continue(&ep) || __vados_probe_catch(rec, ctx)) &&
	    !(rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE)) {
		args[0] = (uint32_t)ctx;
		vados_syscall(SYS_CONTINUE, args);
	}
	args[0] = (uint32_t)rec;
	vados_syscall(SYS_UNHANDLED_EXCEPTION, args);
	for (;;)
		;
}

void __vados_exceptions_init(void)
{
	uint32_t args[1] = { (uint32_t)dispatch };

	vados_syscall(SYS_SET_DISPATCHER, args);
}

PVOID WINAPI AddVectoredExceptionHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler)
{
	struct vectored *v = NULL, **link = &first;

	for (int i = 0; i < MAX_HANDLERS && !v; i++)
		if (!nodes[i].used)
			v = &nodes[i];
	if (!v || !Handler)
		return NULL;
	v->used = TRUE;
	v->fn = Handler;
	while (!First && *link)
		link = &(*link)->next;
	v->next = *link;
	*link = v;
	return v;
}

ULONG WINAPI RemoveVectoredExceptionHandler(PVOID Handle)
{
	for (struct vectored **link = &first; *link; link = &(*link)->next) {
		if (*link != Handle)
			continue;
		*link = (*link)->next;
		((struct vectored *)Handle)->used = FALSE;
		return 1;
	}
	return 0;
}

VOID WINAPI RaiseException(DWORD dwExceptionCode, DWORD dwExceptionFlags,
			   DWORD nNumberOfArguments, const ULONG_PTR *lpArguments)
{
	uint32_t args[4] = { dwExceptionCode, dwExceptionFlags, nNumberOfArguments,
			     (uint32_t)lpArguments };

	vados_syscall(SYS_RAISE_EXCEPTION, args);
}
