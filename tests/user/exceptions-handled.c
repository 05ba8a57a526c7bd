/* Divide error, invalid opcode, int3 and RaiseException reach the vectored
 * handlers with the right codes; handlers run in order (First puts one in
 * front), a removed one no longer runs, and int3 is reported at itself. */
#include <stdio.h>
#include <windows.h>

static volatile DWORD resume_at, fault_at, code, addr, nparams, p0, p1, order;
static int calls_first, calls_second;

static LONG CALLBACK second(PEXCEPTION_POINTERS ep)
{
	calls_second++;
	order = order * 10 + 2;
	code = ep->ExceptionRecord->ExceptionCode;
	addr = (DWORD)ep->ExceptionRecord->ExceptionAddress;
	nparams = ep->ExceptionRecord->NumberParameters;
	p0 = ep->ExceptionRecord->ExceptionInformation[0];
	p1 = ep->ExceptionRecord->ExceptionInformation[1];
	if (code != 0xE0000042)                 /* RaiseException returns by itself */
		ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK first(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	calls_first++;
	order = order * 10 + 1;
	return EXCEPTION_CONTINUE_SEARCH;
}

/* Runs setup, then the faulting insn (whose address lands in fault_at); the
 * handler resumes after it. */
#define TRAP(setup, insn) asm volatile("movl $2f, %0\n\tmovl $1f, %1\n\t" setup "\n2: " insn "\n1:" \
				       : "=m"(fault_at), "=m"(resume_at) : : "eax", "ecx", "edx", "memory")

static int expect(const char *what, DWORD want_code, DWORD want_addr)
{
	int ok = code == want_code && addr == want_addr;
	printf("exceptions-handled: %s: code 0x%lx at 0x%lx: %s\n", what, code, addr,
	       ok ? "ok" : "WRONG");
	code = 0;
	return ok;
}

int main(void)
{
	static const ULONG_PTR args[2] = { 7, 9 };
	PVOID h2 = AddVectoredExceptionHandler(0, second);
	PVOID h1 = AddVectoredExceptionHandler(1, first);
	int ok = h1 && h2;

	TRAP("xorl %%edx, %%edx; movl $1, %%eax; xorl %%ecx, %%ecx", "divl %%ecx");
	ok &= expect("divide by zero", STATUS_INTEGER_DIVIDE_BY_ZERO, fault_at);
	TRAP("", "ud2");
	ok &= expect("ud2", STATUS_ILLEGAL_INSTRUCTION, fault_at);
	TRAP("", "int3");
	ok &= expect("int3", STATUS_BREAKPOINT, fault_at);
	ok &= order == 121212;
	RemoveVectoredExceptionHandler(h1);
	RaiseException(0xE0000042, 0, 2, args);
	ok &= expect("RaiseException", 0xE0000042, addr) && nparams == 2 && p0 == 7 && p1 == 9;
	ok &= order == 1212122 && calls_first == 3 && calls_second == 4;
	printf("exceptions-handled: handler order %lu: %s\n", order, ok ? "all continued" : "FAILED");
	return ok ? 0 : 1;
}
