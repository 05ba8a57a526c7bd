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
/* Guards the list; held while the handlers run, as XP's lock is, so one
 * being removed is not running (a handler's own fault re-enters it on the
 * same thread). */
static CRITICAL_SECTION handlers_lock;

/* Whether a vectored handler said CONTINUE_EXECUTION (they run in order
 * until one does). */
static bool vectored_continue(EXCEPTION_POINTERS *ep)
{
	bool taken = false;

	EnterCriticalSection(&handlers_lock);
	for (struct vectored *v = first; v && !taken; v = v->next)
		taken = v->fn(ep) == EXCEPTION_CONTINUE_EXECUTION;
	LeaveCriticalSection(&handlers_lock);
	return taken;
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

	InitializeCriticalSection(&handlers_lock);
	vados_syscall(SYS_SET_DISPATCHER, args);
}

PVOID WINAPI AddVectoredExceptionHandler(ULONG First, PVECTORED_EXCEPTION_HANDLER Handler)
{
	struct vectored *v = NULL, **link = &first;

	if (!Handler)
		return NULL;
	EnterCriticalSection(&handlers_lock);
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
	LeaveCriticalSection(&handlers_lock);
	return v;
}

ULONG WINAPI RemoveVectoredExceptionHandler(PVOID Handle)
{
	ULONG found = 0;

	EnterCriticalSection(&handlers_lock);
	for (struct vectored **link = &first; *link; link = &(*link)->next) {
		if (*link != Handle)
			continue;
		*link = (*link)->next;
		((struct vectored *)Handle)->used = FALSE;
		found = 1;
		break;
	}
	LeaveCriticalSection(&handlers_lock);
	return found;
}

VOID WINAPI RaiseException(DWORD dwExceptionCode, DWORD dwExceptionFlags,
			   DWORD nNumberOfArguments, const ULONG_PTR *lpArguments)
{
	uint32_t args[4] = { dwExceptionCode, dwExceptionFlags, nNumberOfArguments,
			     (uint32_t)lpArguments };

	vados_syscall(SYS_RAISE_EXCEPTION, args);
}
