/* The main thread's stack grows on demand: 900 KB of recursion works, the
 * guard page moves down below the deepest frame (VirtualQuery shows the 1 MB
 * reservation (wherever ASLR put it) as reserved pages, one PAGE_GUARD page, then
 * read-write committed pages to the top), the new pages are charged to
 * PagefileUsage page for page, every frame's data survives the descent, no
 * exception reaches the vectored handlers, and the stack keeps its committed
 * pages after the recursion returns. Touching the reserved stack below the
 * guard page is an access violation that grows nothing; touching the guard
 * page itself grows the stack by a page. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define PAGE        4096ul
/* The main thread's 1 MB stack, where ASLR put it: the TEB says. */
#define STACK_TOP   ((DWORD)NtCurrentTeb()->NtTib.StackBase)
#define STACK_BASE  (STACK_TOP - 0x00100000ul)
#define DEPTH_BYTES (900ul * 1024)
#define FRAME       1024

#define TEST_NAME "stack-growth"
#include "check.h"

static DWORD deepest = 0xFFFFFFFFul;   /* the lowest frame address seen */
static volatile DWORD resume_at, seen_code, exceptions;
static MEMORY_BASIC_INFORMATION deep[4];
static int deep_n;

/* Queries the stack's regions from its base (at most 4); returns how many. */
static int read_layout(MEMORY_BASIC_INFORMATION m[4])
{
	DWORD at = STACK_BASE;
	int n = 0;

	while (n < 4 && at < STACK_TOP) {
		if (VirtualQuery((LPCVOID)at, &m[n], sizeof(m[n])) != sizeof(m[n]) ||
		    !m[n].RegionSize)
			break;
		at += m[n++].RegionSize;
	}
	return n;
}

/* Whether a region of the stack has these fields. */
static int region_is(const MEMORY_BASIC_INFORMATION *m, DWORD base, DWORD size, DWORD state,
		     DWORD protect)
{
	return (DWORD)m->BaseAddress == base && (DWORD)m->AllocationBase == STACK_BASE &&
	       m->AllocationProtect == PAGE_READWRITE && m->RegionSize == size &&
	       m->State == state && m->Protect == protect && m->Type == MEM_PRIVATE;
}

/* Checks the layout (reserved, one guard page, committed to the top);
 * returns the guard page's address, 0 when the layout is wrong. */
static DWORD check_layout(const char *when, const MEMORY_BASIC_INFORMATION m[4], int n)
{
	DWORD guard = n >= 2 ? (DWORD)m[1].BaseAddress : 0;

	if (n == 3 && region_is(&m[0], STACK_BASE, guard - STACK_BASE, MEM_RESERVE, 0) &&
	    region_is(&m[1], guard, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD) &&
	    region_is(&m[2], guard + PAGE, STACK_TOP - guard - PAGE, MEM_COMMIT, PAGE_READWRITE))
		return guard;
	failures++;
	printf("stack-growth: %s, the stack's regions are wrong:\n", when);
	for (int i = 0; i < n; i++)
		printf("  base %p alloc %p/0x%lx size 0x%lx state 0x%lx protect 0x%lx type 0x%lx\n",
		       m[i].BaseAddress, m[i].AllocationBase, m[i].AllocationProtect,
		       m[i].RegionSize, m[i].State, m[i].Protect, m[i].Type);
	return 0;
}

/* Counts every exception; one raised by guarded_read resumes after it. */
static LONG CALLBACK on_exception(PEXCEPTION_POINTERS ep)
{
	exceptions++;
	if (!resume_at)
		return EXCEPTION_CONTINUE_SEARCH;
	seen_code = ep->ExceptionRecord->ExceptionCode;
	ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Reads a dword at addr; returns the exception code it raised, or 0. */
static DWORD guarded_read(DWORD addr)
{
	DWORD v;

	seen_code = 0;
	asm volatile("movl $1f, %1\n\tmovl (%2), %0\n1:\n\tmovl $0, %1"
		     : "=r"(v), "=m"(resume_at) : "r"(addr) : "memory");
	return seen_code;
}

/* This process's PagefileUsage. */
static SIZE_T pagefile_usage(void)
{
	PROCESS_MEMORY_COUNTERS c;

	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c)), "error %lu",
	      GetLastError());
	return c.PagefileUsage;
}

/* Fills a 1 KB frame top-down, recurses until DEPTH_BYTES of stack are in
 * use (and reads the layout there), then checks the frame; returns the
 * number of bytes found changed. */
static int __attribute__((noinline)) recurse(int depth)
{
	volatile unsigned char buf[FRAME];
	int bad = 0;

	for (int i = FRAME - 1; i >= 0; i--)
		buf[i] = (unsigned char)(depth * 7 + i);
	if ((DWORD)buf < deepest)
		deepest = (DWORD)buf;
	if ((DWORD)buf > STACK_TOP - DEPTH_BYTES)
		bad = recurse(depth + 1);
	else
		deep_n = read_layout(deep);
	for (int i = 0; i < FRAME; i++)
		bad += buf[i] != (unsigned char)(depth * 7 + i);
	return bad;
}

/* Skipping the guard page is an access violation and grows nothing;
 * touching the guard page grows the stack by one page. */
static void beyond_the_guard_page(DWORD guard)
{
	MEMORY_BASIC_INFORMATION m[4];
	SIZE_T usage = pagefile_usage();
	DWORD code = guarded_read(guard - 2 * PAGE);
	int n = read_layout(m);

	CHECK(code == STATUS_ACCESS_VIOLATION, "reading 0x%08lx raised 0x%lx", guard - 2 * PAGE,
	      code);
	CHECK(check_layout("after reading below the guard page", m, n) == guard,
	      "the guard page moved");
	code = guarded_read(guard);
	n = read_layout(m);
	CHECK(code == 0, "reading the guard page 0x%08lx raised 0x%lx", guard, code);
	CHECK(check_layout("after reading the guard page", m, n) == guard - PAGE,
	      "the guard page did not move down one page");
	CHECK(pagefile_usage() == usage + PAGE, "PagefileUsage %lu -> %lu", usage,
	      pagefile_usage());
}

int main(void)
{
	MEMORY_BASIC_INFORMATION m[4];

	AddVectoredExceptionHandler(1, on_exception);
	int n = read_layout(m);
	DWORD guard0 = check_layout("at the start", m, n);
	SIZE_T usage0 = pagefile_usage();

	int bad = recurse(0);
	SIZE_T usage1 = pagefile_usage();
	DWORD guard1 = check_layout("at the deepest frame", deep, deep_n);
	n = read_layout(m);
	DWORD guard2 = check_layout("after the recursion", m, n);
	printf("stack-growth: deepest frame at 0x%08lx (%lu KiB used), guard page 0x%08lx -> "
	       "0x%08lx\n", deepest, (STACK_TOP - deepest) / 1024, guard0, guard1);
	CHECK(bad == 0, "%d bytes of the frames changed", bad);
	CHECK(STACK_TOP - deepest >= DEPTH_BYTES, "only %lu bytes used", STACK_TOP - deepest);
	CHECK(guard1 && guard1 < guard0, "the guard page did not move down");
	CHECK(guard1 < deepest && guard1 + 4 * PAGE >= (deepest & ~(PAGE - 1)),
	      "the guard page 0x%08lx is not just below the deepest frame 0x%08lx", guard1,
	      deepest);
	CHECK(guard2 == guard1, "the stack changed after the recursion: 0x%08lx", guard2);
	CHECK(usage1 - usage0 == guard0 - guard1, "PagefileUsage rose by %lu for 0x%lx bytes",
	      usage1 - usage0, guard0 - guard1);
	CHECK(exceptions == 0, "%lu exceptions reached the handlers while the stack grew",
	      exceptions);
	if (guard2)
		beyond_the_guard_page(guard2);
	printf("stack-growth: %d failures\n", failures);
	return failures != 0;
}
