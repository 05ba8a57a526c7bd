/* The fast system-call path (sysenter in, sysexit out) behaves as int 0x2E:
 * the same answers and errors, ESI/EDI/EBP kept; ring 3 single-stepping
 * through it gets its single-step exceptions and the kernel survives (sysenter
 * keeps TF, so the CPU traps in ring 0 at the entry); a bad return address
 * gives the caller an access violation it can handle, a bad stack ends it
 * with a one-line report and nothing else; NT and DF set by ring 3 (which
 * sysenter keeps) neither upset the kernel nor get lost. With argument "int"
 * (a CPU without sysenter) only checks that SYS_FAST_CALLS says 0 and that
 * the runtime uses int 0x2E. */
#include <stdint.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"

#define TEST_NAME "sysenter"
#include "check.h"

#define KEEP_ESI 0x5e5e5e5eu
#define KEEP_EDI 0xd1d1d1d1u

struct fast {
	uint32_t error, value, esi, edi, ebp;
};

/* One raw sysenter call; what came back, and ESI, EDI and EBP afterwards
 * (set to known values before). */
static struct fast fast_call(uint32_t nr, const uint32_t *args)
{
	struct fast r;

	asm volatile("pushl %%ebp\n\t"
		     "movl $0xb0b0b0b0, %%ebp\n\t"
		     "movl %%esp, %%ecx\n\t"
		     "movl $1f, %%ebx\n\t"
		     "sysenter\n"
		     "1:\n\t"
		     "movl %%ebp, %%ecx\n\t"
		     "popl %%ebp"
		     : "=a"(r.error), "=b"(r.value), "=c"(r.ebp), "+d"(args), "=S"(r.esi),
		       "=D"(r.edi)
		     : "0"(nr), "4"(KEEP_ESI), "5"(KEEP_EDI)
		     : "memory");
	return r;
}

static int steps;
static uint32_t bad_return_recovery;
static int av_at_zero;

static LONG CALLBACK handler(PEXCEPTION_POINTERS ep)
{
	DWORD code = ep->ExceptionRecord->ExceptionCode;

	if (code == STATUS_SINGLE_STEP) {
		steps++;                /* TF stays set in the context: keep stepping */
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	if (code == EXCEPTION_ACCESS_VIOLATION && ep->ContextRecord->Eip == 0 &&
	    bad_return_recovery) {
		av_at_zero++;
		ep->ContextRecord->Eip = bad_return_recovery;
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	return EXCEPTION_CONTINUE_SEARCH;
}

static void same_as_int(void)
{
	static const char text[] = "sysenter: written by sysenter\n";
	uint32_t pid = GetCurrentProcessId(), write_args[2] = { (uint32_t)text, sizeof(text) - 1 };
	struct fast r = fast_call(SYS_GET_PROCESS_ID, NULL);

	CHECK(r.error == 0 && r.value == pid, "pid by sysenter: error %u value %u, want 0 %u",
	      r.error, r.value, pid);
	CHECK(r.esi == KEEP_ESI && r.edi == KEEP_EDI && r.ebp == 0xb0b0b0b0u,
	      "esi/edi/ebp came back %x/%x/%x", r.esi, r.edi, r.ebp);
	r = fast_call(SYS_WRITE_CONSOLE, write_args);
	CHECK(r.error == 0 && r.value == sizeof(text) - 1, "write: error %u value %u", r.error,
	      r.value);
	r = fast_call(SYS_WRITE_CONSOLE, NULL);
	CHECK(r.error == ERROR_NOACCESS, "NULL argument block: error %u, want 998", r.error);
	r = fast_call(SYS_COUNT + 7, NULL);
	CHECK(r.error == ERROR_INVALID_FUNCTION, "bad number: error %u, want 1", r.error);
}

/* Single-steps through one sysenter call: the steps before it and after it
 * are reported, and the call still answers. */
static void single_step_through(void)
{
	uint32_t error, value, pid = GetCurrentProcessId();

	steps = 0;
	asm volatile("pushfl\n\t"
		     "orl $0x100, (%%esp)\n\t"
		     "popfl\n\t"
		     "movl %%esp, %%ecx\n\t"
		     "movl $1f, %%ebx\n\t"
		     "sysenter\n"
		     "1:\n\t"
		     "nop\n\t"
		     "pushfl\n\t"
		     "andl $~0x100, (%%esp)\n\t"
		     "popfl"
		     : "=a"(error), "=b"(value)
		     : "0"(SYS_GET_PROCESS_ID), "d"(0)
		     : "ecx", "memory", "cc");
	CHECK(error == 0 && value == pid, "stepped call: error %u value %u, want 0 %u", error,
	      value, pid);
	CHECK(steps >= 4, "%d single steps reported through the call", steps);
	printf(TEST_NAME ": single-stepped through a call: %d steps\n", steps);
}

/* sysenter keeps NT (and DF, AC): with NT set the kernel's own iret would
 * be a task return (#TS in ring 0). The call answers and NT comes back. */
static void nested_task_flag(void)
{
	uint32_t error, value, flags, pid = GetCurrentProcessId();

	asm volatile("pushfl\n\t"
		     "orl $0x4400, (%%esp)\n\t"        /* NT and DF */
		     "popfl\n\t"
		     "movl %%esp, %%ecx\n\t"
		     "movl $1f, %%ebx\n\t"
		     "sysenter\n"
		     "1:\n\t"
		     "pushfl\n\t"
		     "movl (%%esp), %%ecx\n\t"
		     "andl $~0x4400, (%%esp)\n\t"
		     "popfl"
		     : "=a"(error), "=b"(value), "=c"(flags)
		     : "0"(SYS_GET_PROCESS_ID), "d"(0)
		     : "memory", "cc");
	CHECK(error == 0 && value == pid, "call with NT set: error %u value %u", error, value);
	CHECK((flags & 0x4400) == 0x4400, "NT/DF did not come back: flags 0x%x", flags);
}

/* sysenter with a return address of 0: sysexit goes there, and the caller
 * gets an access violation at 0, which the handler turns into a jump to
 * the recovery label. */
static void bad_return_address(void)
{
	uint32_t error;

	asm volatile("movl $2f, %[rec]\n\t"
		     "movl %%esp, %%ecx\n\t"
		     "xorl %%ebx, %%ebx\n\t"
		     "sysenter\n"
		     "2:"
		     : "=a"(error), [rec] "=m"(bad_return_recovery)
		     : "0"(SYS_GET_PROCESS_ID), "d"(0)
		     : "ebx", "ecx", "memory");
	CHECK(av_at_zero == 1 && error == 0, "return to 0: %d access violations, error %u",
	      av_at_zero, error);
}

/* The child: sysenter with ECX (its stack) pointing at nothing. sysexit
 * lands with that ESP, the landing's first push faults, the exception cannot
 * be put on such a stack: the process ends with a one-line report. */
static int bad_stack_child(void)
{
	asm volatile("movl $0x10, %%ecx\n\t"
		     "movl $1f, %%ebx\n\t"
		     "sysenter\n"
		     "1:\n\t"
		     "pushl %%eax"
		     : : "a"(SYS_GET_PROCESS_ID), "d"(0) : "ebx", "ecx", "memory");
	return 0;                               /* not reached */
}

static void bad_stack(void)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	char cmd[] = "sysenter bad-stack";
	DWORD code = 0;

	CHECK(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi) &&
	      WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(pi.hProcess, &code), "running the child failed");
	printf(TEST_NAME ": a call with a bad stack ended the caller with 0x%lx\n", code);
	CHECK(code == STATUS_ACCESS_VIOLATION, "exit code 0x%lx, want 0xc0000005", code);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "bad-stack") == 0)
		return bad_stack_child();
	uint32_t fast = vados_syscall(SYS_FAST_CALLS, NULL).value;

	printf(TEST_NAME ": fast calls %u, runtime uses %s\n", fast,
	       __vados_sysenter ? "sysenter" : "int 0x2E");
	CHECK(__vados_sysenter == (fast == 1), "the runtime does not follow SYS_FAST_CALLS");
	if (argc > 1 && strcmp(argv[1], "int") == 0) {
		CHECK(fast == 0, "SYS_FAST_CALLS says %u on a CPU without sysenter", fast);
	} else {
		CHECK(fast == 1, "SYS_FAST_CALLS says %u", fast);
		AddVectoredExceptionHandler(1, handler);
		same_as_int();
		single_step_through();
		nested_task_flag();
		bad_return_address();
		bad_stack();
	}
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
