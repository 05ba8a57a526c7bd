/* Vectored exception handling in ring 3: the dispatcher the kernel enters
 * with an EXCEPTION_RECORD and a CONTEXT, and the two handler lists
 * (exception handlers, run first; continue handlers, run once the exception
 * is handled, before execution resumes). Threads add, remove and dispatch at
 * once: the lists have a lock, held only to change or copy them. Handlers
 * run without it, as Vista's do: one may end its thread (ExitThread) or
 * fault again, and a handler removed meanwhile may still be called by a
 * dispatch that had begun. */
#include <stdbool.h>
#include <windows.h>
#include "vados/calls.h"
#include "user/lib/runtime.h"

#define MAX_HANDLERS 32         /* of both kinds */

struct vectored {
	PVECTORED_EXCEPTION_HANDLER fn;
	struct vectored *next;
	BOOL used;
};

static struct vectored nodes[MAX_HANDLERS];
static struct vectored *handlers, *continue_handlers;
static CRITICAL_SECTION list_lock;

/* Whether a handler of the list said CONTINUE_EXECUTION (they run in order
 * until one does), over a copy of the list taken under its lock. */
static bool run_list(struct vectored *const *list, EXCEPTION_POINTERS *ep)
{
	PVECTORED_EXCEPTION_HANDLER fns[MAX_HANDLERS];
	int n = 0;

	EnterCriticalSection(&list_lock);
	for (struct vectored *v = *list; v; v = v->next)
		fns[n++] = v->fn;
	LeaveCriticalSection(&list_lock);
	for (int i = 0; i < n; i++)
		if (fns[i](ep) == EXCEPTION_CONTINUE_EXECUTION)
			return true;
	return false;
}

/* Handler at the head of the list (First nonzero) or at its tail; the node
 * is the handle, NULL when Handler is NULL or every node is taken. */
static PVOID list_add(struct vectored **list, ULONG First, PVECTORED_EXCEPTION_HANDLER Handler)
{
	struct vectored *v = NULL, **link = list;

	if (!Handler)
		return NULL;
	EnterCriticalSection(&list_lock);
	for (int i = 0; i < MAX_HANDLERS && !v; i++)
		if (!nodes[i].used)
			v = &nodes[i];
	if (v) {
		v->used = TRUE;
		v->fn = Handler;
		while (!First && *link)
			link = &(*link)->next;
		v->next = *link;
		*link = v;
	}
	LeaveCriticalSection(&list_lock);
	return v;
}

/* 1 when Handle was on the list (it is off it now), else 0. */
static ULONG list_remove(struct vectored **list, PVOID Handle)
{
	struct vectored **link = list;
	ULONG found;

	EnterCriticalSection(&list_lock);
	while (*link && *link != Handle)
		link = &(*link)->next;
	if ((found = *link != NULL) != 0) {
		*link = (*link)->next;
		((struct vectored *)Handle)->used = FALSE;
	}
	LeaveCriticalSection(&list_lock);
	return found;
}

/* SetUnhandledExceptionFilter's filter, NULL when none is set. */
static LPTOP_LEVEL_EXCEPTION_FILTER volatile top_filter;

static void dispatch(EXCEPTION_RECORD *rec, CONTEXT *ctx);

/* A handler asked to continue after rec, which is noncontinuable: as
 * Windows' RtlDispatchException, STATUS_NONCONTINUABLE_EXCEPTION is raised
 * (itself noncontinuable) with ExceptionRecord pointing at rec, and
 * dispatched like any other, on the same context. Continuing that one too
 * ends the process with it (Windows would nest another, and another, until
 * the stack overflowed). */
static __attribute__((noreturn)) void refuse_continue(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	EXCEPTION_RECORD nested = {
		.ExceptionCode = STATUS_NONCONTINUABLE_EXCEPTION,
		.ExceptionFlags = EXCEPTION_NONCONTINUABLE,
		.ExceptionRecord = rec,
		.ExceptionAddress = rec->ExceptionAddress,
	};
	uint32_t args[1] = { (uint32_t)&nested };

	if (rec->ExceptionCode != STATUS_NONCONTINUABLE_EXCEPTION)
		dispatch(&nested, ctx);
	vados_syscall(SYS_UNHANDLED_EXCEPTION, args);
	for (;;)
		;
}

/* Runs the vectored handlers, then the probe of IsBadReadPtr and friends (in
 * Windows' place of frame handlers), then UnhandledExceptionFilter (Windows'
 * outermost frame); the first to take the exception resumes the (possibly
 * edited) context, after the continue handlers when it was continued (the
 * probe's is an __except block's: it unwinds, it does not continue). A
 * noncontinuable exception that a handler or the filter continues raises
 * STATUS_NONCONTINUABLE_EXCEPTION (refuse_continue). None, or a refused
 * context: the process ends with the exception's code. */
static void dispatch(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	EXCEPTION_POINTERS ep = { rec, ctx };
	bool continued = run_list(&handlers, &ep), unwound = false;
	bool noncontinuable = (rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE) != 0;
	uint32_t args[1];

	if (!continued)
		unwound = __vados_probe_catch(rec, ctx);
	if (!continued && !unwound)
		continued = UnhandledExceptionFilter(&ep) == EXCEPTION_CONTINUE_EXECUTION;
	if (continued && noncontinuable)
		refuse_continue(rec, ctx);
	if ((continued || unwound) && !noncontinuable) {
		if (continued)
			run_list(&continue_handlers, &ep);
		args[0] = (uint32_t)ctx;
		vados_syscall(SYS_CONTINUE, args);
	}
	args[0] = (uint32_t)rec;
	vados_syscall(SYS_UNHANDLED_EXCEPTION, args);
	for (;;)
		;
}

/* The previous filter comes back; NULL restores the default handling. */
LPTOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(
	LPTOP_LEVEL_EXCEPTION_FILTER lpTopLevelExceptionFilter)
{
	return InterlockedExchangePointer((PVOID volatile *)&top_filter,
					  (PVOID)lpTopLevelExceptionFilter);
}

/* The top-level filter's answer when it gives one other than
 * EXCEPTION_CONTINUE_SEARCH; else the default's: EXCEPTION_EXECUTE_HANDLER,
 * the process ends (no debugger, no error report). */
LONG WINAPI UnhandledExceptionFilter(PEXCEPTION_POINTERS ExceptionInfo)
{
	LPTOP_LEVEL_EXCEPTION_FILTER filter = top_filter;
	LONG r;

	if (filter && (r = filter(ExceptionInfo)) != EXCEPTION_CONTINUE_SEARCH)
		return r;
	return EXCEPTION_EXECUTE_HANDLER;
}

void __vados_exceptions_init(void)
{
	uint32_t args[1] = { (uint32_t)dispatch };

	InitializeCriticalSection(&list_lock);
	vados_syscall(SYS_SET_DISPATCHER, args);
}

PVOID WINAPI AddVectoredExceptionHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler)
{
	return list_add(&handlers, First, Handler);
}

ULONG WINAPI RemoveVectoredExceptionHandler(PVOID Handle)
{
	return list_remove(&handlers, Handle);
}

PVOID WINAPI AddVectoredContinueHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler)
{
	return list_add(&continue_handlers, First, Handler);
}

ULONG WINAPI RemoveVectoredContinueHandler(PVOID Handle)
{
	return list_remove(&continue_handlers, Handle);
}

/* As Windows: more than EXCEPTION_MAXIMUM_PARAMETERS arguments are cut to
 * that many, and none are passed when lpArguments is NULL. */
VOID WINAPI RaiseException(DWORD dwExceptionCode, DWORD dwExceptionFlags,
			   DWORD nNumberOfArguments, const ULONG_PTR *lpArguments)
{
	DWORD n = nNumberOfArguments < EXCEPTION_MAXIMUM_PARAMETERS ? nNumberOfArguments
								      : EXCEPTION_MAXIMUM_PARAMETERS;
	uint32_t args[4] = { dwExceptionCode, dwExceptionFlags, lpArguments ? n : 0,
			     (uint32_t)lpArguments };

	vados_syscall(SYS_RAISE_EXCEPTION, args);
}
