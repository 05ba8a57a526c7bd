/* Vectored exception handling in ring 3: the dispatcher the kernel enters
 * with an EXCEPTION_RECORD and a CONTEXT, and the handler list. Threads add,
 * remove and dispatch at once: the list has a lock, held only to change or
 * copy it. Handlers run without it, as Vista's do: one may end its thread
 * (ExitThread) or fault again, and a handler removed meanwhile may still be
 * called by a dispatch that had begun. */
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
static CRITICAL_SECTION list_lock;

/* Whether a vectored handler said CONTINUE_EXECUTION (they run in order
 * until one does), over a copy of the list taken under its lock. */
static bool vectored_continue(EXCEPTION_POINTERS *ep)
{
	PVECTORED_EXCEPTION_HANDLER fns[MAX_HANDLERS];
	int n = 0;

	EnterCriticalSection(&list_lock);
	for (struct vectored *v = first; v; v = v->next)
		fns[n++] = v->fn;
	LeaveCriticalSection(&list_lock);
	for (int i = 0; i < n; i++)
		if (fns[i](ep) == EXCEPTION_CONTINUE_EXECUTION)
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

	InitializeCriticalSection(&list_lock);
	vados_syscall(SYS_SET_DISPATCHER, args);
}

PVOID WINAPI AddVectoredExceptionHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler)
{
	struct vectored *v = NULL, **link = &first;

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

ULONG WINAPI RemoveVectoredExceptionHandler(PVOID Handle)
{
	struct vectored **link = &first;
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

VOID WINAPI RaiseException(DWORD dwExceptionCode, DWORD dwExceptionFlags,
			   DWORD nNumberOfArguments, const ULONG_PTR *lpArguments)
{
	uint32_t args[4] = { dwExceptionCode, dwExceptionFlags, nNumberOfArguments,
			     (uint32_t)lpArguments };

	vados_syscall(SYS_RAISE_EXCEPTION, args);
}
