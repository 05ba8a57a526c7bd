/* IsBadReadPtr, IsBadWritePtr, IsBadCodePtr and IsBadStringPtrA probe the
 * memory under a handler, as Windows does: committed pages pass, read-only
 * pages fail the write check only, NOACCESS, reserved, free and kernel
 * addresses fail, a range fails if any page of it does, a zero length always
 * passes, a wrapping range fails. A PAGE_GUARD page fails once and loses its
 * guard (Windows' documented pitfall). A write check leaves the data as it
 * was. The vectored handlers see each probe's exception first, as they see
 * every first-chance exception on Windows; one that resolves it makes the
 * check pass. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "pointer-checks"
#include "check.h"

#define PAGE 4096u

static volatile LONG seen;              /* exceptions the handler saw */
static volatile int open_noaccess;      /* the handler makes NOACCESS pages read-write */
static const char rodata[] = "read-only data";
static char data[] = "writable data";

static LONG CALLBACK watcher(PEXCEPTION_POINTERS ep)
{
	ULONG_PTR *info = ep->ExceptionRecord->ExceptionInformation;
	DWORD old;

	seen++;
	if (!open_noaccess || ep->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION)
		return EXCEPTION_CONTINUE_SEARCH;
	return VirtualProtect((LPVOID)info[1], 1, PAGE_READWRITE, &old) ?
		EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

/* Four pages: read-write, read-only, no access, then reserved only. */
static char *make_pages(void)
{
	char *p = VirtualAlloc(NULL, 4 * PAGE, MEM_RESERVE, PAGE_NOACCESS);
	DWORD old;

	VirtualAlloc(p, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	memset(p, 'a', 2 * PAGE);
	VirtualProtect(p + PAGE, PAGE, PAGE_READONLY, &old);
	VirtualProtect(p + 2 * PAGE, PAGE, PAGE_NOACCESS, &old);
	return p;
}

static void ranges(char *p)
{
	CHECK(!IsBadReadPtr(p, 2 * PAGE) && !IsBadWritePtr(p, PAGE), "read-write page");
	CHECK(!IsBadReadPtr(p + PAGE, PAGE) && IsBadWritePtr(p + PAGE, 1), "read-only page");
	CHECK(IsBadWritePtr(p, PAGE + 1), "write check across into the read-only page");
	CHECK(p[PAGE] == 'a' && p[PAGE - 1] == 'a', "a write check changed the data");
	CHECK(IsBadReadPtr(p + 2 * PAGE, 1) && IsBadReadPtr(p + PAGE, PAGE + 1),
	      "no-access page");
	CHECK(IsBadReadPtr(p + 3 * PAGE, 4) && IsBadWritePtr(p + 3 * PAGE + 100, 4),
	      "reserved page");
	CHECK(IsBadReadPtr(NULL, 1) && IsBadReadPtr((void *)0x80000000, 4), "null, kernel");
	CHECK(!IsBadReadPtr(NULL, 0) && !IsBadWritePtr((void *)0x80000000, 0), "zero length");
	CHECK(IsBadReadPtr(p, (UINT_PTR)-1), "a range that wraps");
	CHECK(!IsBadReadPtr(rodata, sizeof(rodata)) && IsBadWritePtr((LPVOID)rodata, 1),
	      "the image's read-only data");
	CHECK(!IsBadWritePtr(data, sizeof(data)) && strcmp(data, "writable data") == 0,
	      "the image's data");
	CHECK(!IsBadCodePtr((FARPROC)(void *)ranges) && IsBadCodePtr((FARPROC)(p + 2 * PAGE)) &&
	      IsBadCodePtr(NULL), "IsBadCodePtr");
}

static void strings(char *p)
{
	char *end = p + PAGE - 6;       /* 5 characters and a NUL end the read-write page */

	memcpy(end, "tail.", 6);
	CHECK(!IsBadStringPtrA(end, (UINT_PTR)-1) && !IsBadStringPtrA(end, 3), "ends in time");
	memset(p + PAGE - 3, 'z', 3);   /* no NUL before the read-only page, all 'a' */
	CHECK(!IsBadStringPtrA(p + PAGE - 3, 10), "runs into readable memory, limited");
	CHECK(IsBadStringPtrA(p + PAGE, (UINT_PTR)-1), "runs into the no-access page");
	/* No NUL in the read-only page: the maximum decides, to the character. */
	CHECK(!IsBadStringPtrA(p + 2 * PAGE - 3, 3) && IsBadStringPtrA(p + 2 * PAGE - 3, 4),
	      "3 readable characters before the no-access page: max 3 passes, max 4 fails");
	CHECK(!IsBadStringPtrA(p + 2 * PAGE, 0) && IsBadStringPtrA(NULL, 1), "zero, NULL");
}

static void guard_page(char *p)
{
	DWORD old;

	VirtualProtect(p, PAGE, PAGE_READWRITE | PAGE_GUARD, &old);
	CHECK(IsBadReadPtr(p, 1), "a guard page passed the check");
	CHECK(!IsBadReadPtr(p, 1), "the guard did not go with the first check");
}

static void handlers(char *p)
{
	LONG before = seen;

	CHECK(IsBadReadPtr(p + 2 * PAGE, 1) && seen == before + 1,
	      "the vectored handler saw %ld exceptions, want 1", seen - before);
	open_noaccess = 1;
	CHECK(!IsBadWritePtr(p + 2 * PAGE, 8), "a handler that opens the page: still bad");
	open_noaccess = 0;
}

int main(void)
{
	PVOID h = AddVectoredExceptionHandler(1, watcher);
	char *p = make_pages();

	ranges(p);
	strings(p);
	guard_page(p);
	handlers(p);
	RemoveVectoredExceptionHandler(h);
	printf("pointer-checks: %d failures\n", failures);
	return failures != 0;
}
