/* Access violations reach a vectored handler with NT's record (code, the
 * faulting instruction, [0] = 0 read / 1 write, [1] = the address), and the
 * program continues when the handler moves Eip past the instruction: reading
 * NULL, reading and writing the kernel half, writing its own code. */
#include <stdio.h>
#include <windows.h>

static volatile DWORD resume_at, fault_at, seen_code, seen_rw, seen_addr, seen_eip;

static LONG CALLBACK handler(PEXCEPTION_POINTERS ep)
{
	seen_code = ep->ExceptionRecord->ExceptionCode;
	seen_rw = ep->ExceptionRecord->ExceptionInformation[0];
	seen_addr = ep->ExceptionRecord->ExceptionInformation[1];
	seen_eip = (DWORD)ep->ExceptionRecord->ExceptionAddress;
	if (ep->ExceptionRecord->NumberParameters != 2 || ep->ContextRecord->Eip != seen_eip)
		seen_code = 0;
	ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* One access under the handler: records where it faults and resumes. */
static void access(DWORD addr, int write)
{
	if (write)
		asm volatile("movl $2f, %0\n\tmovl $1f, %1\n\t2: movl %%eax, (%2)\n1:"
			     : "=m"(fault_at), "=m"(resume_at) : "r"(addr) : "memory");
	else
		asm volatile("movl $2f, %0\n\tmovl $1f, %1\n\t2: movl (%2), %%eax\n1:"
			     : "=m"(fault_at), "=m"(resume_at) : "r"(addr) : "eax", "memory");
}

static int check(const char *what, DWORD addr, int write)
{
	seen_code = 0;
	access(addr, write);
	int ok = seen_code == STATUS_ACCESS_VIOLATION && seen_rw == (DWORD)write &&
		 seen_addr == addr && seen_eip == fault_at;
	printf("av-handled: %s: code 0x%lx rw %lu address 0x%lx at 0x%lx: %s\n", what,
	       seen_code, seen_rw, seen_addr, seen_eip, ok ? "ok" : "WRONG");
	return ok;
}

int main(void)
{
	int ok = 1;

	AddVectoredExceptionHandler(1, handler);
	ok &= check("read NULL", 0, 0);
	ok &= check("read the kernel half", 0x80100000, 0);
	ok &= check("write the kernel half", 0x80100000, 1);
	ok &= check("write its own code", (DWORD)main, 1);
	printf("av-handled: %s\n", ok ? "all continued" : "FAILED");
	return ok ? 0 : 1;
}
