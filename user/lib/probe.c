/* IsBadReadPtr and friends: each touches the memory in question under a
 * handler, as Windows' do under a structured exception handler. The probe's
 * handler is consulted after the vectored handlers (Windows runs those before
 * any frame handler too), so they see the probe's exception first and may
 * resolve it. A PAGE_GUARD page fails the check and loses its guard, as on
 * Windows; the stack's own guard page just grows the stack. */
#include <stdbool.h>
#include <windows.h>
#include "user/lib/crt_thread.h"
#include "user/lib/runtime.h"

#define PAGE 4096u

/* One probe in progress (nested when a handler probes during a probe), the
 * thread's own: another thread's fault at the same instruction is not it. */
struct probe {
	void *at;               /* the probing instruction */
	void *resume;           /* where it resumes if that faults */
	DWORD code;             /* the exception it raised, or 0 */
	struct probe *outer;
};

bool __vados_probe_catch(const EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	struct probe *active = crt_thread()->probe;
	DWORD code = rec->ExceptionCode;

	if (!active || rec->ExceptionAddress != active->at ||
	    (code != STATUS_ACCESS_VIOLATION && code != STATUS_GUARD_PAGE_VIOLATION &&
	     code != STATUS_IN_PAGE_ERROR))
		return false;
	active->code = code;
	ctx->Eip = (DWORD)active->resume;
	return true;
}

/* Reads the byte at p (write: reads and writes it back unchanged, with one
 * locked instruction, so another thread's store to it meanwhile, on another
 * CPU, is not undone); returns the exception that raised, or 0. */
static DWORD touch(const volatile char *p, bool write)
{
	struct crt_thread *t = crt_thread();
	struct probe pr = { .outer = t->probe };

	t->probe = &pr;
	if (write)
		asm volatile("movl $1f, %0\n\tmovl $2f, %1\n"
			     "1:\tlock orb $0, (%2)\n"
			     "2:" : "=m"(pr.at), "=m"(pr.resume) : "r"(p) : "memory", "cc");
	else
		asm volatile("movl $1f, %0\n\tmovl $2f, %1\n"
			     "1:\tcmpb $0, (%2)\n"
			     "2:" : "=m"(pr.at), "=m"(pr.resume) : "r"(p) : "memory", "cc");
	t->probe = pr.outer;
	return pr.code;
}

/* Whether every byte of [p, p + n) can be read (or written): the first byte,
 * one in each further page and the last. n == 0 is fine; a range that wraps
 * is not. */
static bool accessible(const char *p, UINT_PTR n, bool write)
{
	UINT_PTR first = (UINT_PTR)p, last = first + n - 1;

	if (!n)
		return true;
	if (last < first || touch(p, write))
		return false;
	for (UINT_PTR page = (first & ~(PAGE - 1)) + PAGE; page && page <= last; page += PAGE)
		if (touch((const char *)page, write))
			return false;
	return !touch((const char *)last, write);
}

BOOL WINAPI IsBadReadPtr(const VOID *lp, UINT_PTR ucb)
{
	return !accessible(lp, ucb, false);
}

BOOL WINAPI IsBadWritePtr(LPVOID lp, UINT_PTR ucb)
{
	return !accessible(lp, ucb, true);
}

/* The "huge" forms: the same checks (no segments in a flat address space). */
BOOL WINAPI IsBadHugeReadPtr(const VOID *lp, UINT_PTR ucb)
{
	return IsBadReadPtr(lp, ucb);
}

BOOL WINAPI IsBadHugeWritePtr(LPVOID lp, UINT_PTR ucb)
{
	return IsBadWritePtr(lp, ucb);
}

BOOL WINAPI IsBadCodePtr(FARPROC lpfn)
{
	return touch((const char *)lpfn, false) != 0;
}

/* Reads up to ucchMax characters, stopping after the terminating NUL; each
 * page is probed before its first character is read. */
BOOL WINAPI IsBadStringPtrA(LPCSTR lpsz, UINT_PTR ucchMax)
{
	for (UINT_PTR i = 0; i < ucchMax; i++) {
		UINT_PTR at = (UINT_PTR)lpsz + i;

		if (at < (UINT_PTR)lpsz)
			return TRUE;
		if ((i == 0 || at % PAGE == 0) && touch(lpsz + i, false))
			return TRUE;
		if (!lpsz[i])
			break;
	}
	return FALSE;
}
