/* Endless recursion on the main thread's 1 MB stack raises
 * STATUS_STACK_OVERFLOW once the stack is used up.
 *
 *   stack-overflow             a vectored handler catches it and moves the
 *       thread onto a spare stack, where the program checks the exception
 *       (the code, near the stack's bottom) and the stack's regions (no guard
 *       page left; the reserved page at the bottom is an access violation),
 *       then exits with 0
 *   stack-overflow unhandled   no handler: the process ends with 0xc00000fd
 *       and the kernel's one-line report */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define PAGE       4096ul
#define STACK_BASE 0x00200000ul
#define STACK_TOP  0x00300000ul

#define TEST_NAME "stack-overflow"
#include "check.h"

static char spare_stack[16 * 1024] __attribute__((aligned(16)));
static volatile DWORD seen_code, seen_params, seen_address, deepest = STACK_TOP, depth;
static volatile int stop;
static volatile DWORD resume_at, av_code;

/* Recurses until something stops it; ~0.5 KB a frame, each one touched. */
static int __attribute__((noinline)) down(int n)
{
	volatile char buf[512];

	buf[0] = (char)n;
	if ((DWORD)buf < deepest)
		deepest = (DWORD)buf;
	depth = n;
	if (stop)
		return 0;
	return down(n + 1) + buf[(n * 7) % 512];
}

/* Walks the stack's regions: all one allocation, and no guard page left. */
static void check_stack_regions(void)
{
	MEMORY_BASIC_INFORMATION m;

	for (DWORD at = STACK_BASE; at < STACK_TOP; at += m.RegionSize) {
		if (VirtualQuery((LPCVOID)at, &m, sizeof(m)) != sizeof(m) || !m.RegionSize) {
			CHECK(0, "VirtualQuery(0x%08lx): error %lu", at, GetLastError());
			return;
		}
		printf("stack-overflow:   0x%08lx size 0x%lx state 0x%lx protect 0x%lx\n", at,
		       m.RegionSize, m.State, m.Protect);
		CHECK((DWORD)m.AllocationBase == STACK_BASE && m.Type == MEM_PRIVATE,
		      "alloc %p type 0x%lx", m.AllocationBase, m.Type);
		CHECK(!(m.Protect & PAGE_GUARD), "a guard page is left at 0x%08lx", at);
	}
}

/* Reads the stack's lowest dword; returns the exception code it raised, or 0. */
static DWORD read_stack_base(void)
{
	DWORD v;

	av_code = 0;
	asm volatile("movl $1f, %1\n\tmovl (%2), %0\n1:\n\tmovl $0, %1"
		     : "=r"(v), "=m"(resume_at) : "r"(STACK_BASE) : "memory");
	return av_code;
}

/* Where the handler sends the thread, on the spare stack. */
static void __attribute__((noreturn, used)) recovered(void)
{
	printf("stack-overflow: caught 0x%lx\n", seen_code);
	printf("stack-overflow: depth %lu, deepest frame 0x%08lx, parameters %lu, address "
	       "0x%08lx\n", depth, deepest, seen_params, seen_address);
	CHECK(seen_code == STATUS_STACK_OVERFLOW, "0x%lx", seen_code);
	CHECK(deepest >= STACK_BASE && deepest < STACK_BASE + 16 * PAGE,
	      "overflowed with the deepest frame at 0x%08lx", deepest);
	check_stack_regions();
	CHECK(read_stack_base() == STATUS_ACCESS_VIOLATION, "reading 0x%08lx raised 0x%lx",
	      STACK_BASE, av_code);
	printf("stack-overflow: %d failures\n", failures);
	ExitProcess(failures != 0);
}

/* Moves a stack overflow onto the spare stack; resumes read_stack_base. */
static LONG CALLBACK on_overflow(PEXCEPTION_POINTERS ep)
{
	if (resume_at) {
		av_code = ep->ExceptionRecord->ExceptionCode;
		ep->ContextRecord->Eip = resume_at;
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	if (ep->ExceptionRecord->ExceptionCode != STATUS_STACK_OVERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	seen_code = ep->ExceptionRecord->ExceptionCode;
	seen_params = ep->ExceptionRecord->NumberParameters;
	seen_address = ep->ExceptionRecord->ExceptionInformation[1];
	ep->ContextRecord->Esp = (DWORD)(spare_stack + sizeof(spare_stack) - 16);
	ep->ContextRecord->Ebp = 0;
	ep->ContextRecord->Eip = (DWORD)recovered;
	return EXCEPTION_CONTINUE_EXECUTION;
}

int main(int argc, char **argv)
{
	int handled = !(argc > 1 && strcmp(argv[1], "unhandled") == 0);

	if (handled)
		AddVectoredExceptionHandler(1, on_overflow);
	down(0);
	printf("stack-overflow: still running\n");
	return 1;
}
