/* SSE for ring 3. On a CPU with FXSR and SSE2 the kernel enables SSE, and
 * IsProcessorFeaturePresent says so as CPUID does; each thread keeps its
 * own XMM registers and MXCSR across switches; an unmasked SSE exception
 * reaches the vectored handlers as native 32-bit Windows reports every kind
 * (STATUS_FLOAT_MULTIPLE_TRAPS, one parameter, 0) at the faulting
 * instruction, with FXSAVE's image in the CONTEXT
 * (CONTEXT_EXTENDED_REGISTERS), and continues with the MXCSR the handler
 * leaves there (argument "exceptions": QEMU's TCG never raises SSE
 * exceptions, so only Bochs runs that part); Get/SetThreadContext read and
 * write a suspended thread's XMM registers and MXCSR (its reserved bits
 * dropped) without disturbing its x87 registers, FloatSave winning over
 * ExtendedRegisters for the x87 control word; handlers run on a stack
 * aligned as GCC's SSE code needs. Without SSE (the 486, the
 * Pentium) the features read absent and the x87 context still works.
 * Prints "sse-state: N failures". */
#include <string.h>
#include <windows.h>

#define TEST_NAME "sse-state"
#include "check.h"

#define MXCSR_DEFAULT 0x1f80u
#define MXCSR_ZE 0x04u          /* divide-by-zero flag; its mask is 7 bits up */
#define MXCSR_OE 0x08u
#define MXCSR_ZM (MXCSR_ZE << 7)
#define MXCSR_OM (MXCSR_OE << 7)
#define EXT_MXCSR 24            /* offsets in FXSAVE's image */
#define EXT_XMM(i) (160 + 16 * (i))

static void cpuid1(unsigned r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(1), "c"(0));
}

/* Loads xmm0-7 with 16-byte patterns from words seeded by seed. */
static void xmm_load(unsigned seed)
{
	unsigned v[32];

	for (int i = 0; i < 32; i++)
		v[i] = seed * 0x01000193u + (unsigned)i * 0x9e3779b9u;
	asm volatile("movdqu 0(%0), %%xmm0\n\tmovdqu 16(%0), %%xmm1\n\t"
		     "movdqu 32(%0), %%xmm2\n\tmovdqu 48(%0), %%xmm3\n\t"
		     "movdqu 64(%0), %%xmm4\n\tmovdqu 80(%0), %%xmm5\n\t"
		     "movdqu 96(%0), %%xmm6\n\tmovdqu 112(%0), %%xmm7"
		     : : "r"(v) : "memory");
}

/* Whether xmm0-7 still hold xmm_load(seed)'s patterns. */
static int xmm_match(unsigned seed)
{
	unsigned v[32];

	asm volatile("movdqu %%xmm0, 0(%0)\n\tmovdqu %%xmm1, 16(%0)\n\t"
		     "movdqu %%xmm2, 32(%0)\n\tmovdqu %%xmm3, 48(%0)\n\t"
		     "movdqu %%xmm4, 64(%0)\n\tmovdqu %%xmm5, 80(%0)\n\t"
		     "movdqu %%xmm6, 96(%0)\n\tmovdqu %%xmm7, 112(%0)"
		     : : "r"(v) : "memory");
	for (int i = 0; i < 32; i++)
		if (v[i] != seed * 0x01000193u + (unsigned)i * 0x9e3779b9u)
			return 0;
	return 1;
}

static unsigned mxcsr_get(void)
{
	unsigned m;

	asm volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void mxcsr_set(unsigned m)
{
	asm volatile("ldmxcsr %0" : : "m"(m));
}

/* Three threads with their own registers and rounding modes yield to each
 * other 300 times each; every one finds its own values after each switch. */
static DWORD WINAPI switcher(LPVOID arg)
{
	unsigned seed = (unsigned)(uintptr_t)arg, mx = MXCSR_DEFAULT | (seed % 4) << 13, bad = 0;

	xmm_load(seed);
	mxcsr_set(mx);
	for (int i = 0; i < 300; i++) {
		if (i % 3)
			SwitchToThread();
		else
			Sleep(0);
		bad += !xmm_match(seed) || mxcsr_get() != mx;
	}
	return bad;
}

static void check_switches(void)
{
	HANDLE h[3];
	DWORD code;

	for (unsigned t = 0; t < 3; t++)
		h[t] = CreateThread(NULL, 0, switcher, (LPVOID)(uintptr_t)(t + 1), 0, NULL);
	WaitForMultipleObjects(3, h, TRUE, INFINITE);
	for (int t = 0; t < 3; t++) {
		CHECK(GetExitCodeThread(h[t], &code) && code == 0, "thread %d: %lu bad rounds", t, code);
		CloseHandle(h[t]);
	}
}

static volatile DWORD seen_code, seen_flags, seen_mxcsr, seen_params, seen_info0;
static void *volatile seen_address;

/* Records the SSE exception and masks it in the context: the instruction
 * runs again, masked, and gives the IEEE default result. */
static LONG CALLBACK sse_handler(PEXCEPTION_POINTERS ep)
{
	DWORD code = ep->ExceptionRecord->ExceptionCode, mx;

	if (code != STATUS_FLOAT_MULTIPLE_FAULTS && code != STATUS_FLOAT_MULTIPLE_TRAPS)
		return EXCEPTION_CONTINUE_SEARCH;
	seen_code = code;
	seen_params = ep->ExceptionRecord->NumberParameters;
	seen_info0 = ep->ExceptionRecord->ExceptionInformation[0];
	seen_address = ep->ExceptionRecord->ExceptionAddress;
	seen_flags = ep->ContextRecord->ContextFlags;
	memcpy(&mx, ep->ContextRecord->ExtendedRegisters + EXT_MXCSR, sizeof(mx));
	seen_mxcsr = mx;
	mx |= 0x1f80u;
	memcpy(ep->ContextRecord->ExtendedRegisters + EXT_MXCSR, &mx, sizeof(mx));
	return EXCEPTION_CONTINUE_EXECUTION;
}

extern char sse_divide_at[], sse_multiply_at[];

/* 1.0f / 0.0f with divide by zero unmasked: the bits of the result. */
static unsigned divide_by_zero(void)
{
	static const float one = 1.0f, zero = 0.0f;
	unsigned r;

	mxcsr_set(MXCSR_DEFAULT & ~MXCSR_ZM);
	asm volatile("movss %1, %%xmm0\n\t.globl sse_divide_at\nsse_divide_at:\n\t"
		     "divss %2, %%xmm0\n\tmovss %%xmm0, %0" : "=m"(r) : "m"(one), "m"(zero));
	return r;
}

/* 2^100 * 2^100 in single precision with overflow unmasked. */
static unsigned overflow(void)
{
	static const float big = 0x1p100f;
	unsigned r;

	mxcsr_set(MXCSR_DEFAULT & ~MXCSR_OM);
	asm volatile("movss %1, %%xmm0\n\t.globl sse_multiply_at\nsse_multiply_at:\n\t"
		     "mulss %1, %%xmm0\n\tmovss %%xmm0, %0" : "=m"(r) : "m"(big));
	return r;
}

static void check_exceptions(void)
{
	PVOID handler = AddVectoredExceptionHandler(1, sse_handler);
	unsigned r;

	r = divide_by_zero();
	CHECK(seen_code == STATUS_FLOAT_MULTIPLE_TRAPS, "divide: code 0x%lx", seen_code);
	CHECK(seen_params == 1 && seen_info0 == 0, "parameters %lu, [0] %lu", seen_params,
	      seen_info0);
	CHECK(seen_address == (void *)sse_divide_at, "divide at %p, want %p", seen_address,
	      (void *)sse_divide_at);
	CHECK((seen_flags & CONTEXT_EXTENDED_REGISTERS) == CONTEXT_EXTENDED_REGISTERS,
	      "context flags 0x%lx", seen_flags);
	CHECK((seen_mxcsr & (MXCSR_ZE | MXCSR_ZM)) == MXCSR_ZE, "mxcsr in the context 0x%lx",
	      seen_mxcsr);
	CHECK(r == 0x7f800000u, "1/0 continued gives 0x%x, want +inf", r);
	CHECK((mxcsr_get() & (MXCSR_ZE | MXCSR_ZM)) == (MXCSR_ZE | MXCSR_ZM),
	      "mxcsr after 0x%x", mxcsr_get());

	seen_code = 0;
	r = overflow();
	CHECK(seen_code == STATUS_FLOAT_MULTIPLE_TRAPS, "overflow: code 0x%lx", seen_code);
	CHECK(seen_address == (void *)sse_multiply_at, "overflow at %p", seen_address);
	CHECK(r == 0x7f800000u, "overflow continued gives 0x%x, want +inf", r);
	mxcsr_set(MXCSR_DEFAULT);
	RemoveVectoredExceptionHandler(handler);
}

/* A handler's frame: entered with ESP + 4 16-aligned (as GCC's code
 * assumes at every call), its frame pointer is 8 past a 16-byte line. */
static volatile uintptr_t handler_frame;

static LONG CALLBACK align_handler(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != 0xE0551234u)
		return EXCEPTION_CONTINUE_SEARCH;
	handler_frame = (uintptr_t)__builtin_frame_address(0);
	return EXCEPTION_CONTINUE_EXECUTION;
}

static void check_handler_alignment(void)
{
	PVOID handler = AddVectoredExceptionHandler(1, align_handler);

	RaiseException(0xE0551234u, 0, 0, NULL);
	CHECK(handler_frame % 16 == 8, "a handler's frame pointer 0x%lx is not 8 mod 16",
	      (unsigned long)handler_frame);
	RemoveVectoredExceptionHandler(handler);
}

static volatile LONG spin_ready, spin_go;
static unsigned spun_xmm2[4], spun_mxcsr;
static unsigned short spun_cw;
static double spun_pi;

/* Holds xmm2 = xmm_load(7)'s pattern while it spins, then stores xmm2 and
 * MXCSR: what SetThreadContext gave it. */
static DWORD WINAPI spinner(LPVOID arg)
{
	(void)arg;
	xmm_load(7);
	asm volatile("fldpi" ::: "memory");     /* x87 state to keep: st0 = pi */
	spin_ready = 1;
	asm volatile("1: pause\n\tcmpl $0, %0\n\tje 1b" : : "m"(spin_go) : "memory");
	asm volatile("movdqu %%xmm2, %0\n\tstmxcsr %1\n\tfnstcw %2\n\tfstpl %3"
		     : "=m"(spun_xmm2), "=m"(spun_mxcsr), "=m"(spun_cw), "=m"(spun_pi) : : "memory");
	return 0;
}

static void check_thread_context(void)
{
	static CONTEXT c;
	HANDLE h = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
	unsigned want[4], fresh[4] = { 0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u }, mx;
	unsigned raw[(512 + 16) / 4], *image = (unsigned *)(((uintptr_t)raw + 15) & ~(uintptr_t)15);

	while (!spin_ready)
		Sleep(1);
	CHECK(SuspendThread(h) == 0, "suspend");
	memset(&c, 0, sizeof(c));
	c.ContextFlags = CONTEXT_FLOATING_POINT | CONTEXT_EXTENDED_REGISTERS;
	CHECK(GetThreadContext(h, &c), "get: %lu", GetLastError());
	CHECK((c.ContextFlags & CONTEXT_EXTENDED_REGISTERS) == CONTEXT_EXTENDED_REGISTERS,
	      "flags 0x%lx", c.ContextFlags);
	for (int i = 0; i < 4; i++)
		want[i] = 7 * 0x01000193u + (unsigned)(8 + i) * 0x9e3779b9u;
	CHECK(!memcmp(c.ExtendedRegisters + EXT_XMM(2), want, 16), "xmm2 of the suspended thread");
	CHECK((c.FloatSave.ControlWord & 0xffff) == 0x27f, "x87 control 0x%lx",
	      c.FloatSave.ControlWord);
	CHECK((c.FloatSave.StatusWord >> 11 & 7) == 7, "x87 top %lu, want 7 (pi pushed)",
	      c.FloatSave.StatusWord >> 11 & 7);
	memcpy(c.ExtendedRegisters + EXT_XMM(2), fresh, 16);
	mx = 0xffffffffu;               /* reserved bits: dropped, not a fault */
	memcpy(c.ExtendedRegisters + EXT_MXCSR, &mx, sizeof(mx));
	c.ExtendedRegisters[0] = 0x7f;          /* control word 0x037f here, */
	c.ExtendedRegisters[1] = 0x03;
	c.FloatSave.ControlWord = 0x0e7f;       /* 0x0e7f in FloatSave: it wins */
	CHECK(SetThreadContext(h, &c), "set: %lu", GetLastError());
	CHECK(ResumeThread(h) == 1, "resume");
	spin_go = 1;
	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
	CHECK(!memcmp(spun_xmm2, fresh, 16), "xmm2 after SetThreadContext: 0x%x", spun_xmm2[0]);
	CHECK(spun_cw == 0x0e7f, "x87 control word after SetThreadContext: 0x%x", spun_cw);
	CHECK(spun_pi > 3.14159 && spun_pi < 3.1416, "x87 st0 after SetThreadContext: %f", spun_pi);
	asm volatile("fxsave %0" : "=m"(*(unsigned (*)[128])image));
	CHECK(spun_mxcsr == (0xffffffffu & (image[7] ? image[7] : 0xffbfu)),
	      "mxcsr 0x%x, mask 0x%x", spun_mxcsr, image[7]);
}

/* Without SSE: the x87 context alone. */
static void check_no_sse(void)
{
	static CONTEXT c;

	CHECK(!IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE), "sse2 present");
	memset(&c, 0, sizeof(c));
	c.ContextFlags = CONTEXT_FLOATING_POINT | CONTEXT_EXTENDED_REGISTERS;
	CHECK(GetThreadContext(GetCurrentThread(), &c), "get: %lu", GetLastError());
	CHECK((c.ContextFlags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT, "flags 0x%lx",
	      c.ContextFlags);
	CHECK((c.FloatSave.ControlWord & 0xffff) == 0x27f, "x87 control 0x%lx",
	      c.FloatSave.ControlWord);
}

int main(int argc, char **argv)
{
	unsigned r[4];
	int fxsr, sse, sse2;

	cpuid1(r);
	fxsr = r[3] >> 24 & 1;
	sse = fxsr && (r[3] >> 25 & 1);
	sse2 = sse && (r[3] >> 26 & 1);
	CHECK(IsProcessorFeaturePresent(PF_XMMI_INSTRUCTIONS_AVAILABLE) == sse, "PF_XMMI");
	CHECK(IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE) == sse2, "PF_XMMI64");
	CHECK(!IsProcessorFeaturePresent(PF_XSAVE_ENABLED), "XSAVE");
	if (!sse2) {
		check_no_sse();
		printf(TEST_NAME ": no SSE2, %d failures\n", failures);
		return failures != 0;
	}
	CHECK(mxcsr_get() == MXCSR_DEFAULT, "initial mxcsr 0x%x", mxcsr_get());
	if (argc > 1 && !strcmp(argv[1], "exceptions")) {
		check_exceptions();
	} else {
		check_switches();
		check_thread_context();
		check_handler_alignment();
	}
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
