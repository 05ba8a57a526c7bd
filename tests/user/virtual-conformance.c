/* The VirtualAlloc family against ../shared/reference/win32-memory-api.md,
 * rule by rule, from ring 3: protection values, reserve rounding and limits,
 * commits inside reservations, MEM_RESET, decommit and release, protection
 * changes, VirtualQuery's regions and arguments, guard pages and access
 * violations seen by a vectored handler, VirtualLock and its quota, bad
 * pointers, and the Ex forms on a child process (tests/user/virtual-child.c).
 * Every CHECK is one assertion; a failed one prints its line, its section and
 * what was seen. The last line is "virtual-conformance: N assertions, M
 * failures"; the exit status is M != 0.
 *
 * Fixed-address tests use a 1 MB span found free at start-up (a reservation
 * made and released); every section leaves the address space as it found it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "image_base.h"
#include "virtual-child.h"

#define PAGE        0x1000u
#define GRANULE     0x10000u
#define SPAN        0x100000u       /* the free span for fixed addresses */
#define ANY         0xFFFFFFFFu     /* CHECK_REGION: any RegionSize */
#define LOCK_QUOTA  42u             /* lockable pages: minimum working set 50 - 8 */
#define KERNEL_ADDR 0x80100000u
#define IMAGE_BASE  ((DWORD)GetModuleHandleA(NULL))       /* where ASLR put it */
#define STACK_TOP   ((DWORD)NtCurrentTeb()->NtTib.StackBase)    /* where ASLR put it */
#define STACK_BASE  (STACK_TOP - 0x00100000u)
#define TOP_GRANULE 0x7FFE0000u     /* the highest allocatable granule */
#define N(a)        (sizeof(a) / sizeof((a)[0]))
#define SELF        GetCurrentProcess()

static int assertions, failures;
static const char *section = "";
static char detail[64];
static char *span;                  /* base of the free span */
static HANDLE child;
static volatile DWORD image_data = 0x1234;

/* ---- counting ------------------------------------------------------------ */

/* Counts one assertion; a failed one prints where it is and what was seen. */
static void __attribute__((format(printf, 3, 4))) tally(int line, int ok, const char *fmt, ...)
{
	va_list ap;

	assertions++;
	if (ok)
		return;
	failures++;
	printf("virtual-conformance: line %d [%s%s%s]: WRONG: ", line, section,
	       detail[0] ? " " : "", detail);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Names the case a loop is on, for failure lines. */
static void __attribute__((format(printf, 1, 2))) at(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
}

/* cond must hold; a failure shows the last error as it was right after cond. */
#define CHECK(cond)                                                                       \
	do {                                                                              \
		int ok_ = !!(cond);                                                       \
		DWORD error_ = GetLastError();                                            \
		tally(__LINE__, ok_, "%s (last error %lu)", #cond, error_);               \
	} while (0)
#define CHECK_EQ(got, want) check_eq(__LINE__, #got, (DWORD)(got), (DWORD)(want))

/* The call must fail (return 0 or NULL) with GetLastError() == err. */
#define CHECK_ERR(call, err)                                                              \
	do {                                                                              \
		SetLastError(0xE0E0);                                                     \
		DWORD got_ = (DWORD)(call);                                               \
		DWORD error_ = GetLastError();                                            \
		tally(__LINE__, got_ == 0 && error_ == (DWORD)(err),                      \
		      "%s returned 0x%lx with error %lu, want 0 with error %lu", #call, got_, \
		      error_, (DWORD)(err));                                              \
	} while (0)

/* got must equal want. */
static void check_eq(int line, const char *what, DWORD got, DWORD want)
{
	tally(line, got == want, "%s is 0x%lx, want 0x%lx (last error %lu)", what, got, want,
	      GetLastError());
}

/* ---- VirtualQuery helpers -------------------------------------------------- */

/* VirtualQueryEx's answer for addr in process h; all ones if the call fails. */
static MEMORY_BASIC_INFORMATION query(HANDLE h, const void *addr)
{
	MEMORY_BASIC_INFORMATION m;

	if (VirtualQueryEx(h, addr, &m, sizeof(m)) != sizeof(m))
		memset(&m, 0xff, sizeof(m));
	return m;
}

#define CHECK_REGION(h, addr, size, state, protect) \
	check_region(__LINE__, (h), (const void *)(addr), (size), (state), (protect))

/* The region from addr's page: its base, size (unless ANY), State, Protect. */
static void check_region(int line, HANDLE h, const void *addr, DWORD size, DWORD state,
			 DWORD protect)
{
	MEMORY_BASIC_INFORMATION m = query(h, addr);
	DWORD page = (DWORD)addr & ~(PAGE - 1);

	tally(line, (DWORD)m.BaseAddress == page && (size == ANY || m.RegionSize == size) &&
		    m.State == state && m.Protect == protect,
	      "region at 0x%lx: base 0x%lx size 0x%lx state 0x%lx protect 0x%lx; want base 0x%lx "
	      "size 0x%lx state 0x%lx protect 0x%lx", (DWORD)addr, (DWORD)m.BaseAddress,
	      m.RegionSize, m.State, m.Protect, page, size, state, protect);
}

#define CHECK_ALLOCATION(h, addr, base, protect, type) \
	check_allocation(__LINE__, (h), (const void *)(addr), (DWORD)(base), (protect), (type))

/* The allocation addr belongs to: AllocationBase, AllocationProtect, Type. */
static void check_allocation(int line, HANDLE h, const void *addr, DWORD base, DWORD protect,
			     DWORD type)
{
	MEMORY_BASIC_INFORMATION m = query(h, addr);

	tally(line, (DWORD)m.AllocationBase == base && m.AllocationProtect == protect &&
		    m.Type == type,
	      "allocation at 0x%lx: base 0x%lx protect 0x%lx type 0x%lx; want 0x%lx 0x%lx 0x%lx",
	      (DWORD)addr, (DWORD)m.AllocationBase, m.AllocationProtect, m.Type, base, protect,
	      type);
}

/* Releases an allocation, counting it as an assertion. */
#define RELEASE(h, p) CHECK(VirtualFreeEx((h), (p), 0, MEM_RELEASE))

/* ---- probing memory under a vectored handler --------------------------------- */

enum repair { SKIP, COMMIT_PAGE, MAKE_WRITABLE };

/* What the handler saw during the current probe, and how to resume. */
static volatile struct {
	int armed;
	enum repair repair;
	DWORD count, code, params, rw, addr, eip;
	DWORD fault_at, resume_at;
} ex;

/* Fixes the faulting page as the probe asked; whether it did. */
static int repair(DWORD addr)
{
	void *page = (void *)(addr & ~(PAGE - 1));
	DWORD old;

	if (ex.repair == COMMIT_PAGE)
		return VirtualAlloc(page, PAGE, MEM_COMMIT, PAGE_READWRITE) != NULL;
	if (ex.repair == MAKE_WRITABLE)
		return VirtualProtect(page, PAGE, PAGE_READWRITE, &old);
	return 0;
}

/* Records a probe's first exception. A guard-page violation resumes by
 * re-running the access; an access violation by the repair the probe asked
 * for, then re-running, or else by skipping the access. Any later exception
 * in the same probe is skipped (a guard that fires twice, a repair that did
 * not hold). Outside probes it leaves exceptions to the default. */
static LONG CALLBACK handler(PEXCEPTION_POINTERS ep)
{
	PEXCEPTION_RECORD rec = ep->ExceptionRecord;

	if (!ex.armed)
		return EXCEPTION_CONTINUE_SEARCH;
	if (ex.count++ == 0) {
		ex.code = rec->ExceptionCode;
		ex.params = rec->NumberParameters;
		ex.rw = rec->ExceptionInformation[0];
		ex.addr = rec->ExceptionInformation[1];
		ex.eip = (DWORD)rec->ExceptionAddress == ep->ContextRecord->Eip ?
			 (DWORD)rec->ExceptionAddress : 0;
		if (ex.code == STATUS_GUARD_PAGE_VIOLATION ||
		    (ex.code == STATUS_ACCESS_VIOLATION && repair(ex.addr)))
			return EXCEPTION_CONTINUE_EXECUTION;
	}
	ep->ContextRecord->Eip = ex.resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* One 32-bit access to p under the handler (a write stores value). Returns
 * what was read, 0xDEADBEEF if the read was skipped; for a write, value. */
static DWORD probe(void *p, int write, DWORD value, enum repair how)
{
	DWORD v = 0xDEADBEEF;

	ex.count = 0;
	ex.repair = how;
	ex.armed = 1;
	if (write)
		asm volatile("movl $2f, %0\n\tmovl $1f, %1\n2:\tmovl %2, (%3)\n1:"
			     : "=m"(ex.fault_at), "=m"(ex.resume_at) : "r"(value), "r"(p)
			     : "memory");
	else
		asm volatile("movl $2f, %1\n\tmovl $1f, %2\n2:\tmovl (%3), %0\n1:"
			     : "+a"(v), "=m"(ex.fault_at), "=m"(ex.resume_at) : "r"(p)
			     : "memory");
	ex.armed = 0;
	return write ? value : v;
}

#define CHECK_FAULT(code, rw, addr) check_fault(__LINE__, (code), (rw), (DWORD)(addr))
#define CHECK_NO_FAULT() check_eq(__LINE__, "exceptions raised", ex.count, 0)

/* The last probe raised exactly one exception: code, a read (0) or write (1)
 * of addr, two parameters, reported at the faulting instruction. */
static void check_fault(int line, DWORD code, DWORD rw, DWORD addr)
{
	tally(line, ex.count == 1 && ex.code == code && ex.params == 2 && ex.rw == rw &&
		    ex.addr == addr && ex.eip == ex.fault_at,
	      "%lu exception(s), first 0x%lx with %lu parameters [0] %lu [1] 0x%lx at 0x%lx; "
	      "want one 0x%lx, 2 parameters, [0] %lu [1] 0x%lx at 0x%lx", ex.count, ex.code,
	      ex.params, ex.rw, ex.addr, ex.eip, code, rw, addr, ex.fault_at);
}

/* Whether the n bytes at p (n a multiple of 4) all equal byte; probed, so a
 * fault (a kernel bug) is a plain no. */
static int has_only(void *p, SIZE_T n, unsigned char byte)
{
	for (SIZE_T i = 0; i < n; i += 4)
		if (probe((char *)p + i, 0, 0, SKIP) != byte * 0x01010101u || ex.count)
			return 0;
	return 1;
}

/* memset through probes (n a multiple of 4), stopping at a fault. */
static void fill(void *p, unsigned char byte, SIZE_T n)
{
	for (SIZE_T i = 0; i < n; i += 4)
		if (probe((char *)p + i, 1, byte * 0x01010101u, SKIP), ex.count)
			return;
}

/* ---- protection values and allocation types --------------------------------- */

/* Every protection the contract refuses (0, two base bits, the write-copy
 * ones on private memory, a modifier alone, guard with nocache) fails a pure
 * reservation, a commit and VirtualProtect alike with ERROR_INVALID_PARAMETER,
 * and changes nothing. */
static void bad_protections_refused(void)
{
	static const DWORD bad[] = {
		0, PAGE_READONLY | PAGE_READWRITE, PAGE_NOACCESS | PAGE_EXECUTE,
		PAGE_READWRITE | PAGE_EXECUTE_READ, PAGE_WRITECOPY, PAGE_EXECUTE_WRITECOPY,
		PAGE_GUARD, PAGE_NOCACHE, PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE,
	};
	static const DWORD types[] = { MEM_RESERVE, MEM_RESERVE | MEM_COMMIT, MEM_COMMIT };
	char *p = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
	DWORD old;

	CHECK(p != NULL);
	for (unsigned i = 0; i < N(bad); i++) {
		for (unsigned t = 0; t < N(types); t++) {
			at("protect 0x%lx type 0x%lx", bad[i], types[t]);
			CHECK_ERR(VirtualAlloc(NULL, PAGE, types[t], bad[i]), ERROR_INVALID_PARAMETER);
		}
		at("protect 0x%lx", bad[i]);
		CHECK_ERR(VirtualProtect(p, PAGE, bad[i], &old), ERROR_INVALID_PARAMETER);
	}
	at("%s", "");
	CHECK_ERR(VirtualAlloc(p, PAGE, MEM_COMMIT, PAGE_WRITECOPY), ERROR_INVALID_PARAMETER);
	CHECK_REGION(SELF, p, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_ERR(VirtualAlloc(span, PAGE, MEM_RESERVE, PAGE_WRITECOPY), ERROR_INVALID_PARAMETER);
	CHECK_REGION(SELF, span, ANY, MEM_FREE, PAGE_NOACCESS);
	RELEASE(SELF, p);
}

/* Each valid protection (one base bit, optionally PAGE_GUARD or PAGE_NOCACHE)
 * reserves and commits; VirtualQuery reports it as AllocationProtect, and as
 * Protect once committed (reserved pages show 0). */
static void good_protections_reported(void)
{
	static const DWORD good[] = {
		PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE, PAGE_EXECUTE_READ,
		PAGE_EXECUTE_READWRITE, PAGE_READWRITE | PAGE_GUARD, PAGE_READONLY | PAGE_NOCACHE,
	};

	for (unsigned i = 0; i < N(good); i++) {
		char *c = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, good[i]);
		char *r = VirtualAlloc(NULL, PAGE, MEM_RESERVE, good[i]);

		at("protect 0x%lx", good[i]);
		CHECK(c != NULL && r != NULL);
		CHECK_REGION(SELF, c, PAGE, MEM_COMMIT, good[i]);
		CHECK_ALLOCATION(SELF, c, c, good[i], MEM_PRIVATE);
		CHECK_REGION(SELF, r, PAGE, MEM_RESERVE, 0);
		CHECK_ALLOCATION(SELF, r, r, good[i], MEM_PRIVATE);
		RELEASE(SELF, c);
		RELEASE(SELF, r);
	}
}

/* The allocation type must be MEM_RESERVE and/or MEM_COMMIT (MEM_TOP_DOWN
 * only beside them) or MEM_RESET alone: ERROR_INVALID_PARAMETER otherwise. */
static void bad_types_refused(void)
{
	static const DWORD bad[] = {
		0, MEM_DECOMMIT, MEM_RELEASE, MEM_TOP_DOWN, MEM_RESET | MEM_COMMIT,
		MEM_RESET | MEM_RESERVE, MEM_COMMIT | MEM_DECOMMIT,
	};
	char *p = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);

	for (unsigned i = 0; i < N(bad); i++) {
		at("type 0x%lx", bad[i]);
		CHECK_ERR(VirtualAlloc(p, PAGE, bad[i], PAGE_READWRITE), ERROR_INVALID_PARAMETER);
	}
	at("%s", "");
	CHECK_REGION(SELF, p, PAGE, MEM_COMMIT, PAGE_READWRITE);
	RELEASE(SELF, p);
}

/* ---- reserve ----------------------------------------------------------------- */

/* With a NULL address a reservation starts on 64 KB and its size rounds up to
 * pages; the rest of its granule reads as free yet cannot be reserved. */
static void reserve_rounds_sizes_up(void)
{
	static const DWORD sizes[][2] = {
		{ 1, PAGE }, { PAGE, PAGE }, { PAGE + 1, 2 * PAGE }, { 0x12345, 0x13000 },
	};

	for (unsigned i = 0; i < N(sizes); i++) {
		char *p = VirtualAlloc(NULL, sizes[i][0], MEM_RESERVE, PAGE_READWRITE);
		char *end = p + sizes[i][1];

		at("size 0x%lx", sizes[i][0]);
		CHECK(p != NULL && ((DWORD)p & (GRANULE - 1)) == 0);
		CHECK_REGION(SELF, p, sizes[i][1], MEM_RESERVE, 0);
		CHECK_ALLOCATION(SELF, p, p, PAGE_READWRITE, MEM_PRIVATE);
		CHECK_REGION(SELF, end, ANY, MEM_FREE, PAGE_NOACCESS);
		CHECK_ERR(VirtualAlloc(end, PAGE, MEM_RESERVE, PAGE_READWRITE), ERROR_INVALID_ADDRESS);
		RELEASE(SELF, p);
	}
}

/* With an address the base rounds down to 64 KB and the end up to a page;
 * a range touching a reserved granule is ERROR_INVALID_ADDRESS and changes
 * nothing; the granules around a reservation stay usable. */
static void reserve_at_address_rounds_and_conflicts(void)
{
	static const DWORD clash[][2] = {
		{ 0x18000, PAGE }, { 0x00000, 0x10001 }, { 0x20000, 0x10001 },
		{ 0x40000, PAGE }, { 0x4F000, 0x2000 }, { 0x00000, 0x80000 },
	};
	static const DWORD fits[][2] = { { 0x00000, 0x10000 }, { 0x20000, 0x10000 },
					 { 0x50000, PAGE } };
	char *a = VirtualAlloc(span + 0x12345, PAGE, MEM_RESERVE, PAGE_NOACCESS);
	char *b = VirtualAlloc(span + 0x30000, 0x20000, MEM_RESERVE, PAGE_NOACCESS);

	CHECK_EQ(a, span + 0x10000);
	CHECK_REGION(SELF, a, 0x4000, MEM_RESERVE, 0);
	CHECK_EQ(b, span + 0x30000);
	CHECK_REGION(SELF, b, 0x20000, MEM_RESERVE, 0);
	for (unsigned i = 0; i < N(clash); i++) {
		at("at +0x%lx size 0x%lx", clash[i][0], clash[i][1]);
		CHECK_ERR(VirtualAlloc(span + clash[i][0], clash[i][1], MEM_RESERVE, PAGE_NOACCESS),
			  ERROR_INVALID_ADDRESS);
	}
	at("%s", "");
	CHECK_REGION(SELF, a, 0x4000, MEM_RESERVE, 0);
	CHECK_REGION(SELF, b, 0x20000, MEM_RESERVE, 0);
	for (unsigned i = 0; i < N(fits); i++) {
		char *p = VirtualAlloc(span + fits[i][0], fits[i][1], MEM_RESERVE, PAGE_NOACCESS);

		at("at +0x%lx size 0x%lx", fits[i][0], fits[i][1]);
		CHECK_EQ(p, span + fits[i][0]);
		RELEASE(SELF, p);
	}
	RELEASE(SELF, a);
	RELEASE(SELF, b);
}

/* Size 0, addresses in the first 64 KB and ranges reaching past 0x7FFEFFFF
 * are ERROR_INVALID_PARAMETER; the lowest and the highest granule are usable. */
static void reserve_limits(void)
{
	static const DWORD bad[][2] = {
		{ 0, 0 }, { 0x00500000, 0 }, { 0x1000, PAGE }, { 0xF000, 0x2000 },
		{ 0x7FFF0000, PAGE }, { TOP_GRANULE, 0x10001 }, { 0x7FFEF000, 0x2000 },
		{ 0x80000000, PAGE }, { 0xFFFF0000, PAGE }, { 0x10000000, 0xF0000000 },
	};
	static const DWORD ends[] = { 0x00010000, TOP_GRANULE };

	for (unsigned i = 0; i < N(bad); i++) {
		at("at 0x%lx size 0x%lx", bad[i][0], bad[i][1]);
		CHECK_ERR(VirtualAlloc((void *)bad[i][0], bad[i][1], MEM_RESERVE, PAGE_READWRITE),
			  ERROR_INVALID_PARAMETER);
	}
	for (unsigned i = 0; i < N(ends); i++) {
		MEMORY_BASIC_INFORMATION m;
		char *p;

		/* ASLR's lowest place for the main thread's stack (one boot in
		 * 48) starts it at 0x10000. */
		if (VirtualQuery((void *)ends[i], &m, sizeof(m)) && m.State != MEM_FREE)
			continue;
		p = VirtualAlloc((void *)ends[i], GRANULE, MEM_RESERVE, PAGE_READWRITE);

		at("at 0x%lx", ends[i]);
		CHECK_EQ(p, ends[i]);
		CHECK_REGION(SELF, p + GRANULE - 1, PAGE, MEM_RESERVE, 0);
		RELEASE(SELF, p);
	}
}

/* MEM_TOP_DOWN takes the highest free granule (reserve_limits just showed
 * 0x7FFE0000 free), above anything bottom-up; the next goes below it. */
static void top_down_goes_high(void)
{
	char *t = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_TOP_DOWN, PAGE_NOACCESS);
	char *b = VirtualAlloc(NULL, PAGE, MEM_RESERVE, PAGE_NOACCESS);
	char *t2 = VirtualAlloc(NULL, 2 * GRANULE, MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE);

	CHECK_EQ(t, TOP_GRANULE);
	CHECK(b != NULL && t > b);
	CHECK(t2 != NULL && t2 < t && t2 > b);
	CHECK(((DWORD)t2 & (GRANULE - 1)) == 0);
	CHECK_REGION(SELF, t2, 2 * GRANULE, MEM_COMMIT, PAGE_READWRITE);
	RELEASE(SELF, t);
	RELEASE(SELF, b);
	RELEASE(SELF, t2);
}

/* ---- commit ------------------------------------------------------------------ */

/* MEM_COMMIT inside a reservation rounds out to pages and returns the first;
 * the pages read zero; committing committed pages applies the new protection
 * and keeps the data; AllocationProtect never changes. */
static void commit_inside_reservation(void)
{
	char *r = VirtualAlloc(NULL, GRANULE, MEM_RESERVE, PAGE_NOACCESS);

	CHECK_EQ(VirtualAlloc(r + 0x1800, PAGE, MEM_COMMIT, PAGE_READWRITE), r + PAGE);
	CHECK_REGION(SELF, r, PAGE, MEM_RESERVE, 0);
	CHECK_REGION(SELF, r + PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, r + 3 * PAGE, GRANULE - 3 * PAGE, MEM_RESERVE, 0);
	CHECK_ALLOCATION(SELF, r + PAGE, r, PAGE_NOACCESS, MEM_PRIVATE);
	CHECK(has_only(r + PAGE, 2 * PAGE, 0));
	fill(r + PAGE, 0xA5, 2 * PAGE);
	CHECK_EQ(VirtualAlloc(r + PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READONLY), r + PAGE);
	CHECK_REGION(SELF, r + PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READONLY);
	CHECK(has_only(r + PAGE, 2 * PAGE, 0xA5));
	CHECK_EQ(VirtualAlloc(r, GRANULE, MEM_COMMIT, PAGE_READWRITE), r);
	CHECK_REGION(SELF, r, GRANULE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(has_only(r, PAGE, 0) && has_only(r + 3 * PAGE, GRANULE - 3 * PAGE, 0));
	CHECK(has_only(r + PAGE, 2 * PAGE, 0xA5));
	CHECK_ALLOCATION(SELF, r, r, PAGE_NOACCESS, MEM_PRIVATE);
	RELEASE(SELF, r);
}

/* A commit must lie in one reservation: across two, past the end (into the
 * rest of the granule) or in free memory it is ERROR_INVALID_ADDRESS and
 * changes nothing. */
static void commit_outside_reservation_refused(void)
{
	char *r1 = VirtualAlloc(span, GRANULE, MEM_RESERVE, PAGE_NOACCESS);
	char *r2 = VirtualAlloc(span + GRANULE, 0x8000, MEM_RESERVE, PAGE_NOACCESS);

	CHECK(r1 == span && r2 == span + GRANULE);
	CHECK_ERR(VirtualAlloc(r2 - PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE),
		  ERROR_INVALID_ADDRESS);
	CHECK_ERR(VirtualAlloc(r2 + 0x7000, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE),
		  ERROR_INVALID_ADDRESS);
	CHECK_ERR(VirtualAlloc(span + 3 * GRANULE, PAGE, MEM_COMMIT, PAGE_READWRITE),
		  ERROR_INVALID_ADDRESS);
	CHECK_REGION(SELF, r1, GRANULE, MEM_RESERVE, 0);
	CHECK_REGION(SELF, r2, 0x8000, MEM_RESERVE, 0);
	CHECK_REGION(SELF, span + 3 * GRANULE, ANY, MEM_FREE, PAGE_NOACCESS);
	RELEASE(SELF, r1);
	RELEASE(SELF, r2);
}

/* MEM_COMMIT alone with a NULL address reserves and commits; so does
 * MEM_RESERVE | MEM_COMMIT at an address, from its 64 KB boundary. */
static void commit_reserves_when_needed(void)
{
	char *p = VirtualAlloc(NULL, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *q = VirtualAlloc(span + 0x2345, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READONLY);

	CHECK(p != NULL && ((DWORD)p & (GRANULE - 1)) == 0);
	CHECK_REGION(SELF, p, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_ALLOCATION(SELF, p, p, PAGE_READWRITE, MEM_PRIVATE);
	CHECK(has_only(p, 3 * PAGE, 0));
	CHECK_EQ(q, span);
	CHECK_REGION(SELF, q, 0x4000, MEM_COMMIT, PAGE_READONLY);
	CHECK(has_only(q, 0x4000, 0));
	RELEASE(SELF, p);
	RELEASE(SELF, q);
}

/* ---- MEM_RESET ---------------------------------------------------------------- */

/* MEM_RESET (alone) ignores its protection and keeps state and protection;
 * reset pages read back as before or as zero and stay writable, the others
 * are untouched; reserved pages are accepted; a range leaving the
 * reservation, or free memory, is ERROR_INVALID_ADDRESS. */
static void reset_keeps_state(void)
{
	char *p = VirtualAlloc(NULL, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *r = VirtualAlloc(NULL, GRANULE, MEM_RESERVE, PAGE_NOACCESS);

	fill(p, 0x5A, 4 * PAGE);
	CHECK(VirtualAlloc(p, 2 * PAGE, MEM_RESET, PAGE_NOACCESS) != NULL);
	CHECK_REGION(SELF, p, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	for (unsigned i = 0; i < 2; i++) {
		at("page %u", i);
		CHECK(has_only(p + i * PAGE, PAGE, 0x5A) || has_only(p + i * PAGE, PAGE, 0));
	}
	at("%s", "");
	CHECK(has_only(p + 2 * PAGE, 2 * PAGE, 0x5A));
	CHECK_EQ(probe(p, 1, 0x600D, SKIP), 0x600D);
	CHECK_NO_FAULT();
	CHECK_EQ(probe(p, 0, 0, SKIP), 0x600D);
	CHECK(VirtualAlloc(r, PAGE, MEM_RESET, PAGE_READWRITE) != NULL);
	CHECK_REGION(SELF, r, GRANULE, MEM_RESERVE, 0);
	CHECK_ERR(VirtualAlloc(p + 3 * PAGE, 2 * PAGE, MEM_RESET, PAGE_NOACCESS),
		  ERROR_INVALID_ADDRESS);
	CHECK_ERR(VirtualAlloc(span, PAGE, MEM_RESET, PAGE_NOACCESS), ERROR_INVALID_ADDRESS);
	RELEASE(SELF, p);
	RELEASE(SELF, r);
}

/* ---- VirtualFree --------------------------------------------------------------- */

/* The free type must be exactly MEM_DECOMMIT or MEM_RELEASE; MEM_RELEASE
 * takes size 0 and an address in the allocation's first page; MEM_DECOMMIT
 * with size 0 takes the base; refused calls change nothing; freeing free
 * memory fails. */
static void free_arguments_checked(void)
{
	static const DWORD bad_types[] = {
		0, MEM_DECOMMIT | MEM_RELEASE, MEM_COMMIT, MEM_RESERVE, MEM_RELEASE | MEM_COMMIT,
		MEM_FREE, MEM_DECOMMIT | MEM_RESET,
	};
	char *r = VirtualAlloc(NULL, 0x8000, MEM_RESERVE, PAGE_READWRITE);

	CHECK_EQ(VirtualAlloc(r, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE), r);
	for (unsigned i = 0; i < N(bad_types); i++) {
		at("type 0x%lx", bad_types[i]);
		CHECK_ERR(VirtualFree(r, 0, bad_types[i]), ERROR_INVALID_PARAMETER);
	}
	at("%s", "");
	CHECK_ERR(VirtualFree(r, PAGE, MEM_RELEASE), ERROR_INVALID_PARAMETER);
	CHECK_ERR(VirtualFree(r, 0x8000, MEM_RELEASE), ERROR_INVALID_PARAMETER);
	CHECK_ERR(VirtualFree(r + PAGE, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS);
	CHECK_ERR(VirtualFree(r + PAGE, 0, MEM_DECOMMIT), ERROR_INVALID_ADDRESS);
	CHECK_REGION(SELF, r, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, r + 4 * PAGE, 4 * PAGE, MEM_RESERVE, 0);
	CHECK(VirtualFree(r + 0x123, 0, MEM_RELEASE));
	CHECK_REGION(SELF, r, ANY, MEM_FREE, PAGE_NOACCESS);
	CHECK_ERR(VirtualFree(r, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS);
	CHECK_ERR(VirtualFree(r, PAGE, MEM_DECOMMIT), ERROR_INVALID_ADDRESS);
}

/* MEM_DECOMMIT rounds out to pages and returns them to reserved; pages not
 * committed are fine; a range leaving the allocation is
 * ERROR_INVALID_PARAMETER; recommitted pages read zero while the others keep
 * their data; size 0 at the base decommits the whole allocation. */
static void decommit_returns_pages_to_reserved(void)
{
	char *r = VirtualAlloc(NULL, 0x8000, MEM_RESERVE, PAGE_NOACCESS);

	CHECK_EQ(VirtualAlloc(r, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE), r);
	fill(r, 0x3C, 4 * PAGE);
	CHECK(VirtualFree(r + 0x1800, PAGE, MEM_DECOMMIT));
	CHECK_REGION(SELF, r, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, r + PAGE, 2 * PAGE, MEM_RESERVE, 0);
	CHECK_REGION(SELF, r + 3 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(VirtualFree(r + 5 * PAGE, 2 * PAGE, MEM_DECOMMIT));
	CHECK_ERR(VirtualFree(r + 7 * PAGE, 2 * PAGE, MEM_DECOMMIT), ERROR_INVALID_PARAMETER);
	CHECK_REGION(SELF, r + 3 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_EQ(VirtualAlloc(r + PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE), r + PAGE);
	CHECK(has_only(r + PAGE, 2 * PAGE, 0));
	CHECK(has_only(r, PAGE, 0x3C) && has_only(r + 3 * PAGE, PAGE, 0x3C));
	CHECK(VirtualFree(r, 0, MEM_DECOMMIT));
	CHECK_REGION(SELF, r, 0x8000, MEM_RESERVE, 0);
	CHECK_ALLOCATION(SELF, r, r, PAGE_NOACCESS, MEM_PRIVATE);
	CHECK_EQ(VirtualAlloc(r, PAGE, MEM_COMMIT, PAGE_READWRITE), r);
	CHECK(has_only(r, PAGE, 0));
	RELEASE(SELF, r);
}

/* MEM_RELEASE frees the whole allocation whatever its pages' states and
 * protections, and the addresses can be reserved again. */
static void release_frees_every_page(void)
{
	char *r = VirtualAlloc(span, 2 * GRANULE, MEM_RESERVE, PAGE_READWRITE);
	DWORD old;

	CHECK_EQ(r, span);
	CHECK(VirtualAlloc(r + PAGE, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE) != NULL);
	CHECK(VirtualAlloc(r + GRANULE, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD) != NULL);
	CHECK(VirtualProtect(r + 2 * PAGE, PAGE, PAGE_NOACCESS, &old));
	RELEASE(SELF, r);
	MEMORY_BASIC_INFORMATION m = query(SELF, r);
	CHECK(m.State == MEM_FREE && m.AllocationBase == NULL && m.RegionSize >= 2 * GRANULE);
	CHECK_EQ(VirtualAlloc(r, 2 * GRANULE, MEM_RESERVE, PAGE_NOACCESS), r);
	RELEASE(SELF, r);
}

/* ---- VirtualProtect ------------------------------------------------------------- */

/* VirtualProtect rounds out to pages, splits regions, returns the first
 * page's old protection (guard bit included) and keeps the data through
 * every change; AllocationProtect stays. */
static void protect_splits_and_reports_old(void)
{
	char *r = VirtualAlloc(NULL, GRANULE, MEM_RESERVE, PAGE_NOACCESS);
	DWORD old = 0;

	CHECK_EQ(VirtualAlloc(r, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE), r);
	fill(r, 0x69, 4 * PAGE);
	CHECK(VirtualProtect(r + 0x1800, PAGE, PAGE_READONLY, &old));
	CHECK_EQ(old, PAGE_READWRITE);
	CHECK_REGION(SELF, r, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, r + PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READONLY);
	CHECK_REGION(SELF, r + 3 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(VirtualProtect(r + PAGE, 3 * PAGE, PAGE_NOACCESS, &old));
	CHECK_EQ(old, PAGE_READONLY);
	CHECK(VirtualProtect(r, 4 * PAGE, PAGE_READWRITE | PAGE_GUARD, &old));
	CHECK_EQ(old, PAGE_READWRITE);
	CHECK_REGION(SELF, r, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
	CHECK(VirtualProtect(r, 4 * PAGE, PAGE_READWRITE, &old));
	CHECK_EQ(old, PAGE_READWRITE | PAGE_GUARD);
	CHECK_REGION(SELF, r, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(has_only(r, 4 * PAGE, 0x69));
	CHECK_ALLOCATION(SELF, r, r, PAGE_NOACCESS, MEM_PRIVATE);
	RELEASE(SELF, r);
}

/* Every page must be committed and in one allocation (else
 * ERROR_INVALID_ADDRESS) and the old-protection pointer writable (else
 * ERROR_NOACCESS); a refused call changes nothing. */
static void protect_refusals_change_nothing(void)
{
	static const DWORD bad[][2] = {
		{ GRANULE - PAGE, 2 * PAGE },   /* across two allocations */
		{ GRANULE, 2 * PAGE },          /* a committed page, then a reserved one */
		{ GRANULE + PAGE, PAGE },       /* a reserved page */
		{ GRANULE + 2 * PAGE, PAGE },   /* the free rest of the granule */
		{ 3 * GRANULE, PAGE },          /* free memory */
	};
	char *a = VirtualAlloc(span, GRANULE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	char *b = VirtualAlloc(span + GRANULE, 2 * PAGE, MEM_RESERVE, PAGE_NOACCESS);
	DWORD old;

	CHECK(a == span && b == span + GRANULE);
	CHECK_EQ(VirtualAlloc(b, PAGE, MEM_COMMIT, PAGE_READONLY), b);
	for (unsigned i = 0; i < N(bad); i++) {
		at("at +0x%lx size 0x%lx", bad[i][0], bad[i][1]);
		CHECK_ERR(VirtualProtect(span + bad[i][0], bad[i][1], PAGE_NOACCESS, &old),
			  ERROR_INVALID_ADDRESS);
	}
	at("%s", "");
	CHECK_ERR(VirtualProtect(a, PAGE, PAGE_READONLY, NULL), ERROR_NOACCESS);
	CHECK_ERR(VirtualProtect(a, PAGE, PAGE_READONLY, (PDWORD)KERNEL_ADDR), ERROR_NOACCESS);
	CHECK_ERR(VirtualProtect(a, PAGE, PAGE_READONLY, (PDWORD)b), ERROR_NOACCESS);
	CHECK_ERR(VirtualProtect(a, PAGE, PAGE_READONLY, (PDWORD)(b + PAGE)), ERROR_NOACCESS);
	CHECK_REGION(SELF, a, GRANULE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, b, PAGE, MEM_COMMIT, PAGE_READONLY);
	CHECK_REGION(SELF, b + PAGE, PAGE, MEM_RESERVE, 0);
	RELEASE(SELF, a);
	RELEASE(SELF, b);
}

/* ---- VirtualQuery ---------------------------------------------------------------- */

/* VirtualQuery writes 28 bytes and returns 28; a shorter buffer is
 * ERROR_BAD_LENGTH; addresses at or above 0x7FFF0000 are
 * ERROR_INVALID_PARAMETER, the last user page is not. */
static void query_arguments_checked(void)
{
	static const DWORD high[] = { 0x7FFF0000, 0x7FFFFFFF, 0x80000000, KERNEL_ADDR, 0xFFFFFFFF };
	unsigned char buf[40];
	MEMORY_BASIC_INFORMATION m;

	memset(buf, 0xEE, sizeof(buf));
	CHECK_EQ(VirtualQuery(span, (PMEMORY_BASIC_INFORMATION)buf, sizeof(buf)), 28);
	CHECK(has_only(buf + 28, sizeof(buf) - 28, 0xEE));
	CHECK_EQ(VirtualQuery(span, &m, sizeof(m)), 28);
	CHECK_ERR(VirtualQuery(span, &m, sizeof(m) - 1), ERROR_BAD_LENGTH);
	CHECK_ERR(VirtualQuery(span, &m, 0), ERROR_BAD_LENGTH);
	for (unsigned i = 0; i < N(high); i++) {
		at("at 0x%lx", high[i]);
		CHECK_ERR(VirtualQuery((void *)high[i], &m, sizeof(m)), ERROR_INVALID_PARAMETER);
	}
	at("%s", "");
	CHECK_REGION(SELF, 0x7FFEFFFF, PAGE, MEM_FREE, PAGE_NOACCESS);
	m = query(SELF, NULL);
	CHECK(m.BaseAddress == NULL && m.AllocationBase == NULL && m.State == MEM_FREE);
}

/* Free memory: AllocationBase NULL, AllocationProtect 0, RegionSize up to the
 * next allocation, State MEM_FREE, Protect PAGE_NOACCESS, Type 0. Reserved
 * pages: Protect 0, MEM_PRIVATE, the reservation's AllocationProtect, which
 * commits and protection changes leave alone. BaseAddress is the page. */
static void query_reports_free_and_reserved(void)
{
	char *r = VirtualAlloc(span + 0x30000, 4 * PAGE, MEM_RESERVE, PAGE_EXECUTE_READWRITE);
	MEMORY_BASIC_INFORMATION f = query(SELF, span + 0x5123);
	MEMORY_BASIC_INFORMATION m = query(SELF, r + 0x1234);
	DWORD old;

	CHECK_EQ(r, span + 0x30000);
	CHECK_EQ(f.BaseAddress, span + 0x5000);
	CHECK_EQ(f.AllocationBase, 0);
	CHECK_EQ(f.AllocationProtect, 0);
	CHECK_EQ(f.RegionSize, 0x2B000);
	CHECK_EQ(f.State, MEM_FREE);
	CHECK_EQ(f.Protect, PAGE_NOACCESS);
	CHECK_EQ(f.Type, 0);
	CHECK_EQ(m.BaseAddress, r + PAGE);
	CHECK_EQ(m.AllocationBase, r);
	CHECK_EQ(m.AllocationProtect, PAGE_EXECUTE_READWRITE);
	CHECK_EQ(m.RegionSize, 3 * PAGE);
	CHECK_EQ(m.State, MEM_RESERVE);
	CHECK_EQ(m.Protect, 0);
	CHECK_EQ(m.Type, MEM_PRIVATE);
	CHECK_EQ(VirtualAlloc(r + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READONLY), r + 2 * PAGE);
	CHECK(VirtualProtect(r + 2 * PAGE, PAGE, PAGE_NOACCESS, &old));
	CHECK_ALLOCATION(SELF, r + 2 * PAGE, r, PAGE_EXECUTE_READWRITE, MEM_PRIVATE);
	CHECK_REGION(SELF, r + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_NOACCESS);
	RELEASE(SELF, r);
}

/* Protection changes (the guard bit too) split a committed run into regions
 * and reverting them merges it back; a region never runs into the next
 * allocation, even one with the same state and protection. */
static void query_splits_and_merges(void)
{
	static const DWORD split[][3] = {      /* page, pages, protection */
		{ 0, 2, PAGE_READWRITE }, { 2, 1, PAGE_READONLY }, { 3, 1, PAGE_READWRITE | PAGE_GUARD },
		{ 4, 1, PAGE_READWRITE }, { 5, 1, PAGE_READONLY }, { 6, 10, PAGE_READWRITE },
	};
	char *a = VirtualAlloc(span, GRANULE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	char *b = VirtualAlloc(span + GRANULE, GRANULE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	DWORD old;

	CHECK(a == span && b == span + GRANULE);
	CHECK_REGION(SELF, a, GRANULE, MEM_COMMIT, PAGE_READWRITE);
	for (unsigned i = 0; i < N(split); i++)
		VirtualProtect(a + split[i][0] * PAGE, PAGE, split[i][2], &old);
	for (unsigned i = 0; i < N(split); i++) {
		at("page %lu", split[i][0]);
		CHECK_REGION(SELF, a + split[i][0] * PAGE, split[i][1] * PAGE, MEM_COMMIT,
			     split[i][2]);
	}
	at("%s", "");
	CHECK(VirtualProtect(a, GRANULE, PAGE_READWRITE, &old));
	CHECK_REGION(SELF, a, GRANULE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, a + 0x5FFF, GRANULE - 5 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	RELEASE(SELF, a);
	RELEASE(SELF, b);
}

/* The program's image at its base is MEM_IMAGE (code and data); the main
 * stack is MEM_PRIVATE, a 1 MB reservation committed read-write up to the
 * TEB's StackBase. */
static void query_sees_image_and_stack(void)
{
	volatile DWORD local = 0;
	MEMORY_BASIC_INFORMATION code = query(SELF, (const void *)query_sees_image_and_stack);
	MEMORY_BASIC_INFORMATION base = query(SELF, (const void *)IMAGE_BASE);
	MEMORY_BASIC_INFORMATION data = query(SELF, (const void *)&image_data);
	MEMORY_BASIC_INFORMATION stack = query(SELF, (const void *)&local);

	CHECK(code.Type == MEM_IMAGE && code.State == MEM_COMMIT);
	CHECK_EQ(code.AllocationBase, IMAGE_BASE);
	CHECK(base.BaseAddress == (void *)IMAGE_BASE && base.Type == MEM_IMAGE);
	CHECK(data.Type == MEM_IMAGE && data.AllocationBase == (void *)IMAGE_BASE);
	CHECK_EQ(stack.AllocationBase, STACK_BASE);
	CHECK(stack.Type == MEM_PRIVATE && stack.State == MEM_COMMIT);
	CHECK_EQ(stack.Protect, PAGE_READWRITE);
	CHECK_EQ((DWORD)stack.BaseAddress + stack.RegionSize, STACK_TOP);
}

/* ---- faults ---------------------------------------------------------------------- */

/* A PAGE_GUARD page raises STATUS_GUARD_PAGE_VIOLATION once, on a read or a
 * write, with the access and the address; the access then re-runs and
 * succeeds, and VirtualQuery no longer shows the guard bit. */
static void guard_page_fires_once(void)
{
	char *p = VirtualAlloc(NULL, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
	DWORD old;

	CHECK_REGION(SELF, p, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
	CHECK_EQ(probe(p + 0x10, 0, 0, SKIP), 0);
	CHECK_FAULT(STATUS_GUARD_PAGE_VIOLATION, 0, p + 0x10);
	CHECK_REGION(SELF, p, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, p + PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
	probe(p + 0x20, 0, 0, SKIP);
	CHECK_NO_FAULT();
	probe(p + PAGE + 4, 1, 0x77, SKIP);
	CHECK_FAULT(STATUS_GUARD_PAGE_VIOLATION, 1, p + PAGE + 4);
	CHECK_EQ(probe(p + PAGE + 4, 0, 0, SKIP), 0x77);
	CHECK_NO_FAULT();
	CHECK_REGION(SELF, p, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(VirtualProtect(p, PAGE, PAGE_READONLY | PAGE_GUARD, &old));
	CHECK_EQ(probe(p + 8, 0, 0, SKIP), 0);
	CHECK_FAULT(STATUS_GUARD_PAGE_VIOLATION, 0, p + 8);
	CHECK_REGION(SELF, p, PAGE, MEM_COMMIT, PAGE_READONLY);
	RELEASE(SELF, p);
}

/* Reading reserved memory is an access violation (read, the address); a
 * handler that commits the page and continues makes the read succeed, with
 * zero. Writing read-only memory is one too (write); a handler that makes the
 * page writable lets the write land. Reading read-only memory is fine. */
static void access_violation_repaired_in_handler(void)
{
	char *r = VirtualAlloc(NULL, GRANULE, MEM_RESERVE, PAGE_NOACCESS);
	char *ro = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READONLY);

	CHECK_EQ(probe(r + 0x2020, 0, 0, COMMIT_PAGE), 0);
	CHECK_FAULT(STATUS_ACCESS_VIOLATION, 0, r + 0x2020);
	CHECK_REGION(SELF, r + 0x2000, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_EQ(probe(ro + 0x40, 0, 0, SKIP), 0);
	CHECK_NO_FAULT();
	probe(ro + 0x40, 1, 0xC0FFEE, MAKE_WRITABLE);
	CHECK_FAULT(STATUS_ACCESS_VIOLATION, 1, ro + 0x40);
	CHECK_EQ(probe(ro + 0x40, 0, 0, SKIP), 0xC0FFEE);
	CHECK_REGION(SELF, ro, PAGE, MEM_COMMIT, PAGE_READWRITE);
	RELEASE(SELF, r);
	RELEASE(SELF, ro);
}

/* Decommitted, PAGE_NOACCESS and released memory raise an access violation
 * on reads and writes alike, with the access kind and address. */
static void access_violation_on_inaccessible_memory(void)
{
	char *p = VirtualAlloc(NULL, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *targets[] = { p + PAGE + 0x10, p + 2 * PAGE + 0x20, p + 0x30 };
	DWORD old;

	CHECK(VirtualFree(p + PAGE, PAGE, MEM_DECOMMIT));
	CHECK(VirtualProtect(p + 2 * PAGE, PAGE, PAGE_NOACCESS, &old));
	for (unsigned i = 0; i < N(targets); i++) {
		if (i == 2)
			RELEASE(SELF, p);
		for (int write = 0; write <= 1; write++) {
			at("target %u write %d", i, write);
			probe(targets[i], write, 1, SKIP);
			CHECK_FAULT(STATUS_ACCESS_VIOLATION, (DWORD)write, targets[i]);
		}
	}
	at("%s", "");
}

/* ---- VirtualLock ----------------------------------------------------------------- */

/* VirtualLock needs committed, accessible pages; locks do not count, so one
 * unlock undoes several; a range locks every page it touches; unlocking what
 * is not locked is ERROR_NOT_LOCKED; locking changes no state. */
static void lock_rules_hold(void)
{
	char *p = VirtualAlloc(NULL, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *r = VirtualAlloc(NULL, PAGE, MEM_RESERVE, PAGE_READWRITE);
	DWORD old;

	CHECK(VirtualProtect(p + 3 * PAGE, PAGE, PAGE_NOACCESS, &old));
	CHECK(!VirtualLock(r, PAGE));
	CHECK(!VirtualLock(p + 3 * PAGE, PAGE));
	CHECK(!VirtualLock(span, PAGE));
	CHECK_ERR(VirtualUnlock(p, PAGE), ERROR_NOT_LOCKED);
	CHECK(VirtualLock(p, PAGE));
	CHECK(VirtualLock(p, PAGE));
	CHECK(VirtualLock(p + 0x10, 0x20));
	CHECK(VirtualUnlock(p, PAGE));
	CHECK_ERR(VirtualUnlock(p, PAGE), ERROR_NOT_LOCKED);
	CHECK(VirtualLock(p + PAGE - 1, 2));
	CHECK(VirtualUnlock(p + PAGE, 1));
	CHECK(VirtualUnlock(p, 1));
	CHECK_ERR(VirtualUnlock(p + PAGE - 1, 2), ERROR_NOT_LOCKED);
	CHECK(VirtualLock(p, 3 * PAGE));
	CHECK_REGION(SELF, p, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(VirtualUnlock(p, 3 * PAGE));
	RELEASE(SELF, p);
	RELEASE(SELF, r);
}

/* A process may lock LOCK_QUOTA pages: one more is ERROR_WORKING_SET_QUOTA
 * and a refused lock locks nothing; releasing locked memory gives its locks
 * back. */
static void lock_quota_enforced(void)
{
	const SIZE_T quota = LOCK_QUOTA * PAGE;
	char *p = VirtualAlloc(NULL, quota + 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *q;

	CHECK(VirtualLock(p, quota));
	CHECK_ERR(VirtualLock(p + quota, PAGE), ERROR_WORKING_SET_QUOTA);
	CHECK(VirtualUnlock(p, quota));
	CHECK_ERR(VirtualLock(p, quota + PAGE), ERROR_WORKING_SET_QUOTA);
	CHECK_ERR(VirtualUnlock(p, PAGE), ERROR_NOT_LOCKED);
	CHECK(VirtualLock(p, 10 * PAGE));
	RELEASE(SELF, p);
	q = VirtualAlloc(NULL, quota, MEM_COMMIT, PAGE_READWRITE);
	CHECK(VirtualLock(q, quota));
	CHECK(VirtualUnlock(q, quota));
	RELEASE(SELF, q);
}

/* ---- bad pointers ------------------------------------------------------------------- */

/* VirtualQuery's buffer must be writable user memory: NULL, the kernel half,
 * free, reserved or read-only memory, a buffer running into a reserved page
 * or wrapping around is ERROR_NOACCESS; the process carries on and the
 * read-only page is untouched. */
static void query_bad_buffers_refused(void)
{
	char *r = VirtualAlloc(NULL, 3 * PAGE, MEM_RESERVE, PAGE_READWRITE);
	char *rw = VirtualAlloc(r, PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *ro = VirtualAlloc(r + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READONLY);
	const DWORD bad[] = {
		0, KERNEL_ADDR, (DWORD)span, (DWORD)(r + PAGE), (DWORD)ro,
		(DWORD)(rw + PAGE - 10), 0xFFFFFFF0,
	};

	CHECK(rw == r && ro == r + 2 * PAGE);
	for (unsigned i = 0; i < N(bad); i++) {
		at("buffer 0x%lx", bad[i]);
		CHECK_ERR(VirtualQuery(r, (PMEMORY_BASIC_INFORMATION)bad[i], 28), ERROR_NOACCESS);
	}
	at("%s", "");
	CHECK(has_only(ro, PAGE, 0));
	CHECK_REGION(SELF, r + PAGE, PAGE, MEM_RESERVE, 0);
	RELEASE(SELF, r);
}

/* ---- the Ex forms on a child ---------------------------------------------------------- */


/* The Ex forms act on the child's address space alone: a reservation at an
 * address the caller holds too, commit, protect, decommit and release, all
 * seen through VirtualQueryEx; the caller's reservation is untouched. */
static void ex_forms_work_on_child(void)
{
	char *mine = VirtualAlloc(span, GRANULE, MEM_RESERVE, PAGE_NOACCESS);
	char *theirs = VirtualAllocEx(child, span, GRANULE, MEM_RESERVE, PAGE_READWRITE);
	DWORD old = 0;

	CHECK(child != NULL);
	CHECK(mine == span && theirs == span);
	CHECK_REGION(child, span, GRANULE, MEM_RESERVE, 0);
	CHECK_ALLOCATION(child, span, span, PAGE_READWRITE, MEM_PRIVATE);
	CHECK_EQ(VirtualAllocEx(child, span + 0x1800, PAGE, MEM_COMMIT, PAGE_READWRITE),
		 span + PAGE);
	CHECK_REGION(child, span + PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(VirtualProtectEx(child, span + 2 * PAGE, PAGE, PAGE_READONLY, &old));
	CHECK_EQ(old, PAGE_READWRITE);
	CHECK_REGION(child, span + PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(child, span + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READONLY);
	CHECK_ERR(VirtualProtectEx(child, span + 2 * PAGE, 2 * PAGE, PAGE_READWRITE, &old),
		  ERROR_INVALID_ADDRESS);
	CHECK(VirtualFreeEx(child, span + PAGE, PAGE, MEM_DECOMMIT));
	CHECK_REGION(child, span, 2 * PAGE, MEM_RESERVE, 0);
	CHECK_REGION(SELF, span, GRANULE, MEM_RESERVE, 0);
	CHECK_ALLOCATION(SELF, span, span, PAGE_NOACCESS, MEM_PRIVATE);
	CHECK_ERR(VirtualFreeEx(child, span, PAGE, MEM_RELEASE), ERROR_INVALID_PARAMETER);
	RELEASE(child, span);
	CHECK_REGION(child, span, ANY, MEM_FREE, PAGE_NOACCESS);
	CHECK_REGION(SELF, span, GRANULE, MEM_RESERVE, 0);
	RELEASE(SELF, mine);
}

/* The child's own image shows through VirtualQueryEx; memory committed in it
 * top-down is not in the caller, and is left for process exit to free. */
static void ex_forms_see_child_layout(void)
{
	DWORD base = image_base_of(child);    /* another program's: its own place */
	MEMORY_BASIC_INFORMATION m = query(child, (const void *)base);
	char *p = VirtualAllocEx(child, NULL, 2 * PAGE, MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE);
	char magic[4] = { 0 };

	CHECK(base != 0 && base % GRANULE == 0);
	CHECK(m.BaseAddress == (void *)base && m.Type == MEM_IMAGE);
	CHECK_EQ(m.AllocationBase, base);
	CHECK(ReadProcessMemory(child, (void *)base, magic, 4, NULL) &&
	      memcmp(magic, "\177ELF", 4) == 0);
	CHECK(p != NULL);
	CHECK_REGION(child, p, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK_REGION(SELF, p, ANY, MEM_FREE, PAGE_NOACCESS);
}

/* Each Ex form refuses a handle that names no process: ERROR_INVALID_HANDLE. */
static void check_bad_handle(int line, HANDLE h)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD old, e[4];

	SetLastError(0);
	e[0] = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE) ? 0 : GetLastError();
	e[1] = VirtualQueryEx(h, span, &m, sizeof(m)) ? 0 : GetLastError();
	e[2] = VirtualProtectEx(h, span, PAGE, PAGE_READONLY, &old) ? 0 : GetLastError();
	e[3] = VirtualFreeEx(h, span, 0, MEM_RELEASE) ? 0 : GetLastError();
	for (unsigned i = 0; i < N(e); i++)
		tally(line, e[i] == ERROR_INVALID_HANDLE, "handle 0x%lx, call %u: error %lu, want 6",
		      (DWORD)h, i, e[i]);
}

/* Bad handles, then the child terminated: its handle no longer allows
 * allocations; once closed it is ERROR_INVALID_HANDLE like any other. */
static void ex_forms_refuse_bad_handles(void)
{
	DWORD status = 0;

	check_bad_handle(__LINE__, (HANDLE)0x1234);
	check_bad_handle(__LINE__, NULL);
	CHECK(TerminateProcess(child, 0x5EED));
	CHECK_EQ(WaitForSingleObject(child, INFINITE), WAIT_OBJECT_0);
	CHECK(GetExitCodeProcess(child, &status) && status == 0x5EED);
	CHECK(VirtualAllocEx(child, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE) == NULL);
	CHECK(CloseHandle(child));
	check_bad_handle(__LINE__, child);
	child = NULL;
}

/* ---- driver ---------------------------------------------------------------------------- */

static const struct {
	void (*run)(void);
	const char *name;
} sections[] = {
#define SECTION(fn) { fn, #fn }
	SECTION(bad_protections_refused),
	SECTION(good_protections_reported),
	SECTION(bad_types_refused),
	SECTION(reserve_rounds_sizes_up),
	SECTION(reserve_at_address_rounds_and_conflicts),
	SECTION(reserve_limits),
	SECTION(top_down_goes_high),
	SECTION(commit_inside_reservation),
	SECTION(commit_outside_reservation_refused),
	SECTION(commit_reserves_when_needed),
	SECTION(reset_keeps_state),
	SECTION(free_arguments_checked),
	SECTION(decommit_returns_pages_to_reserved),
	SECTION(release_frees_every_page),
	SECTION(protect_splits_and_reports_old),
	SECTION(protect_refusals_change_nothing),
	SECTION(query_arguments_checked),
	SECTION(query_reports_free_and_reserved),
	SECTION(query_splits_and_merges),
	SECTION(query_sees_image_and_stack),
	SECTION(guard_page_fires_once),
	SECTION(access_violation_repaired_in_handler),
	SECTION(access_violation_on_inaccessible_memory),
	SECTION(lock_rules_hold),
	SECTION(lock_quota_enforced),
	SECTION(query_bad_buffers_refused),
	SECTION(ex_forms_work_on_child),
	SECTION(ex_forms_see_child_layout),
	SECTION(ex_forms_refuse_bad_handles),
#undef SECTION
};

/* Finds the free span: a 1 MB reservation made top-down, clear of the
 * bottom-up allocations the sections hold meanwhile, and released at once. */
static char *find_span(void)
{
	char *p = VirtualAlloc(NULL, SPAN, MEM_RESERVE | MEM_TOP_DOWN, PAGE_NOACCESS);

	if (p && !VirtualFree(p, 0, MEM_RELEASE))
		p = NULL;
	return p;
}

int main(void)
{
	AddVectoredExceptionHandler(1, handler);
	span = find_span();
	CHECK(span != NULL);
	child = virtual_child_start();
	CHECK(child != NULL);
	for (unsigned i = 0; span && i < N(sections); i++) {
		int before = assertions, failed = failures;

		section = sections[i].name;
		detail[0] = '\0';
		sections[i].run();
		printf("virtual-conformance: %s: %d assertions, %d failures\n", section,
		       assertions - before, failures - failed);
	}
	if (child) {            /* the sections never ran: do not leave it behind */
		TerminateProcess(child, 0);
		WaitForSingleObject(child, INFINITE);
		CloseHandle(child);
	}
	printf("virtual-conformance: %d assertions, %d failures\n", assertions, failures);
	return failures != 0;
}
