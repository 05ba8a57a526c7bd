/* Unmasked x87 exceptions as Windows reports them: the waiting x87
 * instruction after the faulting one raises #MF and the vectored handlers
 * get EXCEPTION_FLT_* (divide by zero 0xC000008E, invalid, overflow,
 * underflow, inexact, stack check, denormal) at that instruction, with the
 * x87 state in the CONTEXT (CONTEXT_FLOATING_POINT, the flag set) while the
 * handler itself runs with it cleared and the program's control word;
 * clearing the flag in the context continues, a longjmp out (an __except
 * block's unwind) goes on with the word kept. Per thread: a thread's unmasked
 * word faults only that thread. Get/SetThreadContext read and write a
 * suspended thread's x87 state. Child "unhandled": the process ends with
 * 0xC000008E and the one-line report. */
#include <float.h>
#include <setjmp.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "float-exceptions"
#include "check.h"
#include "thread-common.h"

#define X87_FLAGS 0x80ffu               /* the six flags, SF, ES and B */

static volatile DWORD seen_code, seen_flags, handler_sw, handler_cw;
static void *volatile seen_address;
static volatile int jump_out;
static jmp_buf jump;

static LONG CALLBACK fp_handler(PEXCEPTION_POINTERS ep)
{
	DWORD code = ep->ExceptionRecord->ExceptionCode;

	if (code < STATUS_FLOAT_DENORMAL_OPERAND || code > STATUS_FLOAT_UNDERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	seen_code = code;
	seen_address = ep->ExceptionRecord->ExceptionAddress;
	seen_flags = ep->ContextRecord->ContextFlags;
	handler_sw = _statusfp();
	handler_cw = _control87(0, 0);
	if (jump_out)
		longjmp(jump, 1);
	ep->ContextRecord->FloatSave.StatusWord &= ~X87_FLAGS;
	return EXCEPTION_CONTINUE_EXECUTION;
}

extern char after_divide[];

static __attribute__((noinline, noclone)) void divide_by_zero(void)
{
	static const double one = 1.0, zero = 0.0;
	double r;

	asm volatile("fldl %1\n\tfdivl %2\n\t.globl after_divide\nafter_divide:\n\tfwait\n\t"
		     "fstpl %0" : "=m"(r) : "m"(one), "m"(zero));
}

static void invalid(void)
{
	asm volatile("fldz\n\tfldz\n\tfdivrp\n\tfwait" ::: "memory");
}

static void overflow(void)
{
	static const double big = 0x1p1000;
	double r;

	asm volatile("fldl %1\n\tfmull %1\n\tfstpl %0\n\tfwait" : "=m"(r) : "m"(big));
}

static void underflow(void)
{
	static const double tiny = 0x1p-1000;
	double r;

	asm volatile("fldl %1\n\tfmull %1\n\tfstpl %0\n\tfwait" : "=m"(r) : "m"(tiny));
}

static void inexact(void)
{
	static const double one = 1.0, three = 3.0;
	double r;

	asm volatile("fldl %1\n\tfdivl %2\n\tfstpl %0\n\tfwait" : "=m"(r) : "m"(one), "m"(three));
}

static void stack_overflow(void)
{
	asm volatile("fld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
		     "fld1\n\tfwait" ::: "memory");
}

static void denormal(void)
{
	static const double denorm = 0x1p-1070;

	asm volatile("fldl %0\n\tfwait" : : "m"(denorm) : "memory");
}

static unsigned short x87_status(void)
{
	unsigned short sw;

	asm volatile("fnstsw %0" : "=m"(sw));
	return sw;
}

/* Runs op with the exceptions unmask names unmasked (_control87: the
 * denormal one too); the handler's code must be want. First masked: a CPU
 * that sets none of the x87 flags flag for op (QEMU checks neither stack
 * faults nor denormal operands) cannot raise it, and the case is reported
 * as skipped. */
static void expect(const char *name, void (*op)(void), unsigned unmask, unsigned flag, DWORD want)
{
	_fpreset();
	op();
	if (!(x87_status() & flag)) {
		printf("float-exceptions: %s: this CPU sets no flag %#x, skipped\n", name, flag);
		_fpreset();
		return;
	}
	_fpreset();
	_control87(_CW_DEFAULT & ~unmask, _MCW_EM);
	seen_code = 0;
	op();
	CHECK(seen_code == want, "%s: code %#lx, want %#lx", name, seen_code, want);
	CHECK(seen_flags & CONTEXT_FLOATING_POINT & ~CONTEXT_i386, "%s: context flags %#lx",
	      name, seen_flags);
	CHECK(handler_sw == 0 && handler_cw == (_CW_DEFAULT & ~unmask),
	      "%s: the handler's status %#lx (want none), word %#lx", name, handler_sw, handler_cw);
	_fpreset();
}

static void each_code(void)
{
	expect("divide", divide_by_zero, _EM_ZERODIVIDE, 0x04, EXCEPTION_FLT_DIVIDE_BY_ZERO);
	CHECK(seen_address == after_divide, "divide at %p, the fwait after fdiv is %p",
	      seen_address, (void *)after_divide);
	expect("invalid", invalid, _EM_INVALID, 0x01, EXCEPTION_FLT_INVALID_OPERATION);
	expect("overflow", overflow, _EM_OVERFLOW, 0x08, EXCEPTION_FLT_OVERFLOW);
	expect("underflow", underflow, _EM_UNDERFLOW, 0x10, EXCEPTION_FLT_UNDERFLOW);
	expect("inexact", inexact, _EM_INEXACT, 0x20, EXCEPTION_FLT_INEXACT_RESULT);
	expect("stack", stack_overflow, _EM_INVALID, 0x40, EXCEPTION_FLT_STACK_CHECK);
	expect("denormal", denormal, _EM_DENORMAL, 0x02, EXCEPTION_FLT_DENORMAL_OPERAND);
	/* Masked (the default), nothing is raised. */
	seen_code = 0;
	divide_by_zero();
	CHECK(seen_code == 0, "masked divide raised %#lx", seen_code);
	_clearfp();
}

/* An __except block's way: the handler leaves by longjmp; the program goes
 * on with its unmasked word and no pending flag. */
static void jump_out_of_handler(void)
{
	_fpreset();
	_controlfp(_CW_DEFAULT & ~_EM_ZERODIVIDE, _MCW_EM);
	jump_out = 1;
	if (!setjmp(jump)) {
		divide_by_zero();
		CHECK(0, "divide went on");
	}
	jump_out = 0;
	CHECK(seen_code == EXCEPTION_FLT_DIVIDE_BY_ZERO, "longjmp: code %#lx", seen_code);
	CHECK(_statusfp() == 0 && _controlfp(0, 0) == (_CW_DEFAULT & ~_EM_ZERODIVIDE),
	      "after the jump: status %#x, word %#x", _statusfp(), _controlfp(0, 0));
	_fpreset();
}

static DWORD WINAPI thread_divides(LPVOID p)
{
	(void)p;
	_controlfp(_CW_DEFAULT & ~_EM_ZERODIVIDE, _MCW_EM);
	seen_code = 0;
	divide_by_zero();
	return seen_code;
}

static void per_thread(void)
{
	HANDLE h = CreateThread(NULL, 0, thread_divides, NULL, 0, NULL);
	DWORD code = 0;

	WaitForSingleObject(h, INFINITE);
	GetExitCodeThread(h, &code);
	CloseHandle(h);
	CHECK(code == EXCEPTION_FLT_DIVIDE_BY_ZERO, "the thread's divide: %#lx", code);
	CHECK(_controlfp(0, 0) == _CW_DEFAULT, "main's word untouched: %#x", _controlfp(0, 0));
	seen_code = 0;
	divide_by_zero();
	CHECK(seen_code == 0, "main's divide stays masked: %#lx", seen_code);
	_clearfp();
}

static HANDLE parked_ready, parked_go;

/* Loads a control word and pi, parks, then reports its word and whether
 * its top of stack is still pi. */
static DWORD WINAPI parked(LPVOID p)
{
	unsigned short cw = 0x0E7F, now;
	long double top;

	(void)p;
	asm volatile("fldcw %0\n\tfldpi" : : "m"(cw));
	SetEvent(parked_ready);
	WaitForSingleObject(parked_go, INFINITE);
	asm volatile("fnstcw %0\n\tfstpt %1" : "=m"(now), "=m"(top));
	return now | (top == 1.25L ? 0x10000u : 0);
}

static void thread_context(void)
{
	static CONTEXT c;               /* 716 bytes */
	HANDLE h;
	DWORD result = 0;
	long double value = 1.25L;

	parked_ready = CreateEventA(NULL, FALSE, FALSE, NULL);
	parked_go = CreateEventA(NULL, FALSE, FALSE, NULL);
	h = CreateThread(NULL, 0, parked, NULL, 0, NULL);
	WaitForSingleObject(parked_ready, INFINITE);
	SuspendThread(h);
	memset(&c, 0, sizeof(c));
	c.ContextFlags = CONTEXT_FLOATING_POINT;
	CHECK(GetThreadContext(h, &c), "GetThreadContext: %lu", GetLastError());
	CHECK((c.FloatSave.ControlWord & 0xffff) == 0x0E7F, "its control word %#lx",
	      c.FloatSave.ControlWord);
	CHECK(((c.FloatSave.StatusWord >> 11) & 7) == 7, "one value pushed: top %lu",
	      (c.FloatSave.StatusWord >> 11) & 7);
	CHECK(c.Eip == 0 && c.FloatSave.Cr0NpxState == 0, "only the x87 group filled");
	/* Change its word to the default and its value to 1.25. */
	c.FloatSave.ControlWord = 0x027F;
	memcpy(c.FloatSave.RegisterArea, &value, 10);
	CHECK(SetThreadContext(h, &c), "SetThreadContext: %lu", GetLastError());
	ResumeThread(h);
	SetEvent(parked_go);
	WaitForSingleObject(h, INFINITE);
	GetExitCodeThread(h, &result);
	CHECK(result == 0x1027F, "the thread resumed with word %#lx, value %s", result & 0xffff,
	      result >> 16 ? "1.25" : "not 1.25");
	CloseHandle(h);
	CloseHandle(parked_ready);
	CloseHandle(parked_go);
	/* The calling thread's own: its live word. */
	_controlfp(_RC_UP, _MCW_RC);
	c.ContextFlags = CONTEXT_FLOATING_POINT;
	CHECK(GetThreadContext(GetCurrentThread(), &c) &&
	      (c.FloatSave.ControlWord & 0xffff) == 0x0A7F, "own word %#lx", c.FloatSave.ControlWord);
	_fpreset();
}

int main(int argc, char **argv)
{
	DWORD code, first_thread;

	if (argc > 1 && !strcmp(argv[1], "unhandled")) {
		_controlfp(_CW_DEFAULT & ~_EM_ZERODIVIDE, _MCW_EM);
		divide_by_zero();
		printf("float-exceptions: unhandled divide went on\n");
		return 0;
	}
	AddVectoredExceptionHandler(1, fp_handler);
	each_code();
	jump_out_of_handler();
	per_thread();
	thread_context();
	code = run_child(argv[0], "unhandled", &first_thread);
	CHECK(code == EXCEPTION_FLT_DIVIDE_BY_ZERO, "unhandled child's status %#lx", code);
	printf("float-exceptions: %d failures\n", failures);
	return failures != 0;
}
