/* The code fragments of "Managing Virtual Memory" (../shared/seeds/003), run
 * in order: reserve 10 MB, commit its third page, write and read it, decommit
 * it (it reads as an access violation again), release the range; change the
 * protection of committed pages; lock and unlock pages; query every piece and
 * the stack. Prints each step and what the system answered; the last line is
 * "seed-virtual: N failures" and the exit status is 1 if N is not 0. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define PAGE       4096u
#define GRANULE    65536u
#define TEN_MB     10485760u
#define STACK_LOW  0x00200000u
#define STACK_TOP  0x00300000u

static int failures;

#define CHECK(cond)         check(__LINE__, (cond), #cond)
#define CHECK_EQ(got, want) check_eq(__LINE__, #got, (DWORD)(got), (DWORD)(want))
/* A call that must fail with err (GetLastError). */
#define CHECK_FAILS(call, err) \
	do { SetLastError(0); check_fails(__LINE__, #call, (call) != 0, (err)); } while (0)
/* The region at addr must be exactly this (fields as in struct region). */
#define CHECK_REGION(addr, ...) check_region(__LINE__, (addr), (struct region){ __VA_ARGS__ })
/* The same for a region already queried into m. */
#define CHECK_INFO(addr, m, ...) check_info(__LINE__, (addr), (m), (struct region){ __VA_ARGS__ })

struct region {
	const void *base;
	SIZE_T size;
	DWORD state, protect, type;
	const void *alloc;
};

static void check(int line, int ok, const char *what)
{
	if (!ok) {
		printf("seed-virtual: FAIL line %d: %s\n", line, what);
		failures++;
	}
}

static void check_eq(int line, const char *what, DWORD got, DWORD want)
{
	if (got != want) {
		printf("seed-virtual: FAIL line %d: %s is 0x%lx, want 0x%lx\n", line, what, got, want);
		failures++;
	}
}

static void check_fails(int line, const char *what, int succeeded, DWORD want)
{
	DWORD err = GetLastError();

	if (succeeded || err != want) {
		printf("seed-virtual: FAIL line %d: %s %s with error %lu, want failure with %lu\n",
		       line, what, succeeded ? "succeeded" : "failed", err, want);
		failures++;
	} else {
		printf("seed-virtual:   refused with error %lu, as it must be\n", err);
	}
}

/* Prints a step's title. */
static void step(const char *title)
{
	printf("seed-virtual: -- %s\n", title);
}

static const char *state_name(DWORD state)
{
	return state == MEM_COMMIT ? "COMMIT" : state == MEM_RESERVE ? "RESERVE" :
	       state == MEM_FREE ? "FREE" : "?";
}

/* Prints the region m found at addr and checks it against want. */
static void check_info(int line, const void *addr, const MEMORY_BASIC_INFORMATION *m,
		       struct region want)
{
	printf("seed-virtual:   VirtualQuery(%p): base %p size 0x%lx %s protect 0x%lx type 0x%lx"
	       " allocation %p\n", addr, m->BaseAddress, m->RegionSize, state_name(m->State),
	       m->Protect, m->Type, m->AllocationBase);
	check_eq(line, "BaseAddress", (DWORD)m->BaseAddress, (DWORD)want.base);
	check_eq(line, "RegionSize", m->RegionSize, want.size);
	check_eq(line, "State", m->State, want.state);
	check_eq(line, "Protect", m->Protect, want.protect);
	check_eq(line, "Type", m->Type, want.type);
	check_eq(line, "AllocationBase", (DWORD)m->AllocationBase, (DWORD)want.alloc);
}

/* Queries addr into m; a failed query counts as a failure and returns 0. */
static int query(int line, const void *addr, MEMORY_BASIC_INFORMATION *m)
{
	SIZE_T n = VirtualQuery(addr, m, sizeof(*m));

	if (n != sizeof(*m)) {
		printf("seed-virtual: FAIL line %d: VirtualQuery(%p) returned %lu, error %lu\n", line,
		       addr, n, GetLastError());
		failures++;
	}
	return n == sizeof(*m);
}

/* Queries addr and checks the region found against want. */
static void check_region(int line, const void *addr, struct region want)
{
	MEMORY_BASIC_INFORMATION m;

	if (query(line, addr, &m))
		check_info(line, addr, &m, want);
}

/* ---- touching memory that may fault ---------------------------------------- */

static volatile DWORD resume_at, fault_code, fault_addr;

/* Catches the fault of touch() only: records it and resumes after the access. */
static LONG CALLBACK on_fault(PEXCEPTION_POINTERS ep)
{
	if (!resume_at)
		return EXCEPTION_CONTINUE_SEARCH;
	fault_code = ep->ExceptionRecord->ExceptionCode;
	fault_addr = ep->ExceptionRecord->ExceptionInformation[1];
	ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Reads or writes the DWORD at addr; returns the exception code raised, 0 if
 * none. A fault must name addr. */
static DWORD touch(const void *addr, int write)
{
	fault_code = fault_addr = 0;
	if (write)
		asm volatile("movl $1f, %0\n\tmovl $0x5eed, (%1)\n1:"
			     : "=m"(resume_at) : "r"(addr) : "memory");
	else
		asm volatile("movl $1f, %0\n\tmovl (%1), %%eax\n1:"
			     : "=m"(resume_at) : "r"(addr) : "eax", "memory");
	resume_at = 0;
	printf("seed-virtual:   %s %p: %s\n", write ? "write" : "read", addr,
	       fault_code == STATUS_ACCESS_VIOLATION ? "access violation" :
	       fault_code ? "another exception" : "fine");
	if (fault_code)
		check_eq(__LINE__, "the faulting address", fault_addr, (DWORD)addr);
	return fault_code;
}

/* Fills n bytes with a pattern seeded by seed; checks them back with same. */
static void fill(BYTE *p, SIZE_T n, BYTE seed)
{
	for (SIZE_T i = 0; i < n; i++)
		p[i] = (BYTE)(seed + i * 7);
}

static int same(const BYTE *p, SIZE_T n, BYTE seed)
{
	for (SIZE_T i = 0; i < n; i++)
		if (p[i] != (BYTE)(seed + i * 7))
			return 0;
	return 1;
}

static int all_zero(const BYTE *p, SIZE_T n)
{
	for (SIZE_T i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* ---- the article's fragments, in its order ----------------------------------- */

/* "Reserve a 10 MB range of addresses": one reserved region, no access. */
static BYTE *reserve_ten_mb(void)
{
	MEMORY_BASIC_INFORMATION m;
	BYTE *base;

	step("reserve 10 MB: VirtualAlloc(NULL, 10485760, MEM_RESERVE, PAGE_NOACCESS)");
	base = VirtualAlloc(NULL, TEN_MB, MEM_RESERVE, PAGE_NOACCESS);
	printf("seed-virtual:   returned %p (error %lu)\n", (void *)base, base ? 0 : GetLastError());
	CHECK(base != NULL);
	if (!base)
		return NULL;
	CHECK_EQ((DWORD)base % GRANULE, 0);
	CHECK_REGION(base, base, TEN_MB, MEM_RESERVE, 0, MEM_PRIVATE, base);
	CHECK(query(__LINE__, base + TEN_MB - 1, &m) && m.BaseAddress == base + TEN_MB - PAGE &&
	      m.RegionSize == PAGE && m.AllocationProtect == PAGE_NOACCESS);
	CHECK_EQ(touch(base, 0), STATUS_ACCESS_VIOLATION);
	return base;
}

/* "Commit memory for 3rd page of addresses": the reservation splits in three
 * regions; the page reads zero, then holds what is written. */
static void commit_third_page(BYTE *base)
{
	BYTE *page3;

	step("commit the 3rd page: VirtualAlloc(base + 2 * 4096, 4096, MEM_COMMIT, PAGE_READWRITE)");
	page3 = VirtualAlloc(base + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
	printf("seed-virtual:   returned %p (error %lu)\n", (void *)page3,
	       page3 ? 0 : GetLastError());
	CHECK(page3 == base + 2 * PAGE);
	if (page3 != base + 2 * PAGE)
		return;
	CHECK_REGION(base, base, 2 * PAGE, MEM_RESERVE, 0, MEM_PRIVATE, base);
	CHECK_REGION(page3 + 100, page3, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE, base);
	CHECK_REGION(page3 + PAGE, page3 + PAGE, TEN_MB - 3 * PAGE, MEM_RESERVE, 0, MEM_PRIVATE,
		     base);
	step("write and read the 3rd page");
	CHECK(all_zero(page3, PAGE));
	fill(page3, PAGE, 3);
	CHECK(same(page3, PAGE, 3));
	printf("seed-virtual:   read zero first, then the 4096 bytes written\n");
	CHECK_EQ(touch(page3 + PAGE, 0), STATUS_ACCESS_VIOLATION);
}

/* "Decommit memory for 3rd page of addresses": reserved again (one region),
 * an access violation to touch, zero when committed once more. */
static void decommit_third_page(BYTE *base)
{
	BYTE *page3 = base + 2 * PAGE;

	step("decommit the 3rd page: VirtualFree(base + 2 * 4096, 4096, MEM_DECOMMIT)");
	CHECK(VirtualFree(page3, PAGE, MEM_DECOMMIT));
	CHECK_REGION(base, base, TEN_MB, MEM_RESERVE, 0, MEM_PRIVATE, base);
	CHECK_REGION(page3, page3, TEN_MB - 2 * PAGE, MEM_RESERVE, 0, MEM_PRIVATE, base);
	CHECK_EQ(touch(page3, 0), STATUS_ACCESS_VIOLATION);
	CHECK_EQ(touch(page3, 1), STATUS_ACCESS_VIOLATION);
	step("commit it again: its old contents are gone");
	CHECK(VirtualAlloc(page3, PAGE, MEM_COMMIT, PAGE_READWRITE) == page3);
	CHECK(all_zero(page3, PAGE));
	CHECK(VirtualFree(page3, PAGE, MEM_DECOMMIT));
}

/* The article says decommitting a range with reserved pages in it fails; the
 * contract (and Windows since) accepts it: every page ends up reserved. */
static void decommit_mixed_range(BYTE *base)
{
	step("decommit a range of committed and reserved pages at once");
	CHECK(VirtualAlloc(base + PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE) == base + PAGE);
	CHECK(VirtualAlloc(base + 5 * PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READONLY) == base + 5 * PAGE);
	CHECK_REGION(base + 5 * PAGE, base + 5 * PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READONLY,
		     MEM_PRIVATE, base);
	CHECK(VirtualFree(base, 8 * PAGE, MEM_DECOMMIT));
	printf("seed-virtual:   accepted (the 1993 article says it fails; the contract says not)\n");
	CHECK_REGION(base, base, TEN_MB, MEM_RESERVE, 0, MEM_PRIVATE, base);
}

/* "Free entire 10 MB range of addresses": the article passes the size; the
 * contract wants 0 with MEM_RELEASE. Then everything there is free. */
static void release_range(BYTE *base)
{
	MEMORY_BASIC_INFORMATION m;

	step("release the range: VirtualFree(base, 10485760, MEM_RELEASE) as in the article");
	CHECK_FAILS(VirtualFree(base, TEN_MB, MEM_RELEASE), ERROR_INVALID_PARAMETER);
	step("release the range: VirtualFree(base, 0, MEM_RELEASE)");
	CHECK(VirtualFree(base, 0, MEM_RELEASE));
	if (!query(__LINE__, base, &m))
		return;
	printf("seed-virtual:   VirtualQuery(%p): %s, size 0x%lx, allocation %p\n", (void *)base,
	       state_name(m.State), m.RegionSize, m.AllocationBase);
	CHECK_EQ(m.State, MEM_FREE);
	CHECK_EQ(m.Protect, PAGE_NOACCESS);
	CHECK_EQ(m.Type, 0);
	CHECK(m.AllocationBase == NULL && m.RegionSize >= TEN_MB);
	CHECK_EQ(touch(base + 2 * PAGE, 0), STATUS_ACCESS_VIOLATION);
	CHECK(!VirtualFree(base, 0, MEM_RELEASE));
}

/* "Change page protection": read-write data made read-only keeps its bytes
 * and refuses writes; the protection splits the region and reverting it
 * merges it back. Reserved pages cannot change protection. */
static void protect_read_only(void)
{
	BYTE *p = VirtualAlloc(NULL, 4 * PAGE, MEM_RESERVE, PAGE_NOACCESS);
	DWORD old = 0;

	step("make the middle one of 3 committed read-write pages PAGE_READONLY");
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK(VirtualAlloc(p, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE) == p);
	fill(p, 3 * PAGE, 11);
	CHECK(VirtualProtect(p + PAGE, PAGE, PAGE_READONLY, &old));
	CHECK_EQ(old, PAGE_READWRITE);
	CHECK_REGION(p, p, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE, p);
	CHECK_REGION(p + PAGE, p + PAGE, PAGE, MEM_COMMIT, PAGE_READONLY, MEM_PRIVATE, p);
	CHECK_REGION(p + 2 * PAGE, p + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE, p);
	CHECK_EQ(touch(p + PAGE + 8, 0), 0);
	CHECK_EQ(touch(p + PAGE + 8, 1), STATUS_ACCESS_VIOLATION);
	CHECK(same(p, 3 * PAGE, 11));
	step("back to PAGE_READWRITE: one region again");
	CHECK(VirtualProtect(p + PAGE, PAGE, PAGE_READWRITE, &old));
	CHECK_EQ(old, PAGE_READONLY);
	CHECK_REGION(p, p, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE, p);
	step("VirtualProtect on a reserved page");
	CHECK_FAILS(VirtualProtect(p + 3 * PAGE, PAGE, PAGE_READWRITE, &old),
		    ERROR_INVALID_ADDRESS);
	CHECK(VirtualFree(p, 0, MEM_RELEASE));
}

/* The article's own VirtualProtect fragment: "make an inaccessible page
 * available" with VirtualProtect(lpStack + 4096, 4096, PAGE_READWRITE, ...). */
static void protect_inaccessible_page(void)
{
	BYTE *stack = VirtualAlloc(NULL, 2 * PAGE, MEM_COMMIT, PAGE_NOACCESS);
	DWORD old = 0;

	step("VirtualProtect(lpStack + 4096, 4096, PAGE_READWRITE, &old) on 2 PAGE_NOACCESS pages");
	CHECK(stack != NULL);
	if (!stack)
		return;
	CHECK_EQ(touch(stack + PAGE, 0), STATUS_ACCESS_VIOLATION);
	CHECK(VirtualProtect(stack + PAGE, PAGE, PAGE_READWRITE, &old));
	CHECK_EQ(old, PAGE_NOACCESS);
	CHECK(all_zero(stack + PAGE, PAGE));
	fill(stack + PAGE, PAGE, 5);
	CHECK(same(stack + PAGE, PAGE, 5));
	CHECK_EQ(touch(stack, 0), STATUS_ACCESS_VIOLATION);
	CHECK_REGION(stack, stack, PAGE, MEM_COMMIT, PAGE_NOACCESS, MEM_PRIVATE, stack);
	CHECK_REGION(stack + PAGE, stack + PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE,
		     stack);
	CHECK(VirtualFree(stack, 0, MEM_RELEASE));
}

/* "Lock critical addresses into memory": VirtualLock(lpCriticalData, 1024)
 * locks the whole page; a range straddling a page boundary locks both. */
static void lock_pages(void)
{
	BYTE *p = VirtualAlloc(NULL, 3 * PAGE, MEM_RESERVE, PAGE_NOACCESS);

	step("VirtualLock(lpCriticalData, 1024), then VirtualUnlock");
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK(VirtualAlloc(p, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE) == p);
	fill(p, 2 * PAGE, 9);
	CHECK(VirtualLock(p + 100, 1024));
	CHECK(same(p, 2 * PAGE, 9));
	CHECK(VirtualUnlock(p + 100, 1024));
	CHECK_FAILS(VirtualUnlock(p + 100, 1024), ERROR_NOT_LOCKED);
	step("lock 1024 bytes straddling a page boundary: both pages are locked");
	CHECK(VirtualLock(p + PAGE - 512, 1024));
	CHECK(VirtualUnlock(p, 1));
	CHECK(VirtualUnlock(p + PAGE, 1));
	CHECK_FAILS(VirtualUnlock(p, 2 * PAGE), ERROR_NOT_LOCKED);
	step("VirtualLock on a reserved page");
	CHECK(!VirtualLock(p + 2 * PAGE, 16));
	printf("seed-virtual:   refused with error %lu\n", GetLastError());
	CHECK(VirtualFree(p, 0, MEM_RELEASE));
}

/* "Determine how much stack space has been committed": VirtualQuery at the
 * stack pointer reports the committed pages from there to the top of the
 * 1 MB stack reservation. Walking up from the reservation's base: reserved
 * pages, one guard page, then the committed pages up to the top. All four
 * queries come before any printing, which could move the guard page down. */
static void query_stack(void)
{
	MEMORY_BASIC_INFORMATION at_esp, rest, guard, used;
	BYTE *esp, *low = (BYTE *)STACK_LOW, *g;

	step("VirtualQuery at the stack pointer, then up from the stack's base");
	asm volatile("movl %%esp, %0" : "=r"(esp));
	if (!query(__LINE__, esp, &at_esp) || !query(__LINE__, low, &rest) ||
	    !query(__LINE__, low + rest.RegionSize, &guard) ||
	    !query(__LINE__, low + rest.RegionSize + PAGE, &used))
		return;
	g = low + rest.RegionSize;
	printf("seed-virtual:   esp %p: %lu KiB of stack committed above the guard page at %p\n",
	       (void *)esp, (STACK_TOP - (DWORD)g - PAGE) / 1024, (void *)g);
	CHECK_INFO(esp, &at_esp, (void *)((DWORD)esp & ~(PAGE - 1)),
		   STACK_TOP - ((DWORD)esp & ~(PAGE - 1)), MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE,
		   low);
	CHECK_INFO(low, &rest, low, rest.RegionSize, MEM_RESERVE, 0, MEM_PRIVATE, low);
	CHECK_INFO(g, &guard, g, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD, MEM_PRIVATE, low);
	CHECK_INFO(g + PAGE, &used, g + PAGE, STACK_TOP - (DWORD)g - PAGE, MEM_COMMIT,
		   PAGE_READWRITE, MEM_PRIVATE, low);
	CHECK(esp >= g + PAGE);
}

int main(void)
{
	BYTE *base;

	AddVectoredExceptionHandler(1, on_fault);
	base = reserve_ten_mb();
	if (base) {
		commit_third_page(base);
		decommit_third_page(base);
		decommit_mixed_range(base);
		release_range(base);
	}
	protect_read_only();
	protect_inaccessible_page();
	lock_pages();
	query_stack();
	printf("seed-virtual: %d failures\n", failures);
	return failures != 0;
}
