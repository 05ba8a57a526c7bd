/* <float.h>'s control of the x87 as Microsoft documents it: every thread
 * starts with _CW_DEFAULT (x87 word 0x027F: all exceptions masked, 53-bit
 * precision, round to nearest), so a sum that 64-bit precision keeps exact
 * rounds as a double does; _control87/_controlfp/__control87_2/_controlfp_s
 * set and report the word in Microsoft's encoding (_controlfp leaving
 * _EM_DENORMAL) on the x87 and, where the CPU has SSE2, on MXCSR too
 * (__control87_2 each alone, _EM_AMBIGUOUS when they differ, _MCW_DN
 * SSE2's only; without SSE2 its half reads 0), the status calls report and
 * clear both units' sticky flags, _fpreset restores the default, the classification and
 * neighbour functions answer per class; a thread's control word is its own. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "float-control"
#include "check.h"

static unsigned mxcsr(void)
{
	unsigned m = 0;

	if (IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE))
		asm volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static unsigned short x87_cw(void)
{
	unsigned short cw;

	asm volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

/* (1 + 2^-53) + 2^-53 in the x87's registers, stored as a double: 1 under
 * 53-bit precision (each sum rounds to even), 1 + 2^-52 under 64-bit. */
static double sum_in_registers(void)
{
	static const double one = 1.0, eps = 0x1p-53;
	double r;

	asm volatile("fldl %1\n\tfaddl %2\n\tfaddl %2\n\tfstpl %0"
		     : "=m"(r) : "m"(one), "m"(eps));
	return r;
}

static DWORD WINAPI report_start_state(LPVOID p)
{
	unsigned *out = p;

	out[0] = _controlfp(0, 0);
	out[1] = x87_cw();
	out[2] = sum_in_registers() == 1.0;
	return 0;
}

static void default_state(void)
{
	unsigned seen[3];
	HANDLE h;

	CHECK(_CW_DEFAULT == 0x9001F, "_CW_DEFAULT %#x", _CW_DEFAULT);
	CHECK(_controlfp(0, 0) == _CW_DEFAULT, "main: _controlfp(0, 0) = %#x", _controlfp(0, 0));
	CHECK(_control87(0, 0) == _CW_DEFAULT, "main: _control87(0, 0) = %#x", _control87(0, 0));
	CHECK(x87_cw() == 0x027F, "main: fnstcw %#x", x87_cw());
	CHECK(sum_in_registers() == 1.0, "53-bit precision rounds the sum: %a", sum_in_registers());
	/* A new thread starts clean even when its creator changed its word. */
	_controlfp(_PC_64 | _RC_CHOP, _MCW_PC | _MCW_RC);
	CHECK(sum_in_registers() == 1.0 + 0x1p-52, "64-bit precision keeps it: %a",
	      sum_in_registers());
	h = CreateThread(NULL, 0, report_start_state, seen, 0, NULL);
	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
	CHECK(seen[0] == _CW_DEFAULT && seen[1] == 0x027F && seen[2],
	      "new thread: _controlfp %#x, fnstcw %#x, 53-bit sum %u", seen[0], seen[1], seen[2]);
	CHECK(_controlfp(0, 0) == ((_CW_DEFAULT & ~_MCW_PC & ~_MCW_RC) | _PC_64 | _RC_CHOP),
	      "main kept its own word: %#x", _controlfp(0, 0));
	_fpreset();
	CHECK(_controlfp(0, 0) == _CW_DEFAULT && x87_cw() == 0x027F,
	      "_fpreset: %#x, fnstcw %#x", _controlfp(0, 0), x87_cw());
}

static int invalid_calls;
static void count_invalid(const wchar_t *e, const wchar_t *f, const wchar_t *file,
			  unsigned line, uintptr_t r)
{
	(void)e; (void)f; (void)file; (void)line; (void)r;
	invalid_calls++;
}

static void control_calls(void)
{
	unsigned cw, x86 = 0, sse = 0xdead;
	int sse2 = IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE);

	/* Each field reaches the x87 word's own bits. */
	CHECK(_controlfp(_RC_UP, _MCW_RC) == (_CW_DEFAULT | _RC_UP) && x87_cw() == 0x0A7F,
	      "_RC_UP: fnstcw %#x", x87_cw());
	CHECK(_controlfp(_RC_DOWN, _MCW_RC) == (_CW_DEFAULT | _RC_DOWN) && x87_cw() == 0x067F,
	      "_RC_DOWN: fnstcw %#x", x87_cw());
	_controlfp(_RC_NEAR, _MCW_RC);
	CHECK((_controlfp(_PC_24, _MCW_PC) & _MCW_PC) == _PC_24 && x87_cw() == 0x007F,
	      "_PC_24: fnstcw %#x", x87_cw());
	CHECK((_controlfp(_PC_64, _MCW_PC) & _MCW_PC) == _PC_64 && x87_cw() == 0x037F,
	      "_PC_64: fnstcw %#x", x87_cw());
	_controlfp(_PC_53, _MCW_PC);
	CHECK(_controlfp(_IC_AFFINE, _MCW_IC) & _IC_AFFINE && x87_cw() == 0x127F,
	      "_IC_AFFINE: fnstcw %#x", x87_cw());
	_controlfp(_IC_PROJECTIVE, _MCW_IC);
	/* Exception masks: _EM_ZERODIVIDE is x87 bit 2; _controlfp leaves the
	 * denormal mask, _control87 changes it. */
	CHECK(_controlfp(_CW_DEFAULT & ~_EM_ZERODIVIDE, _MCW_EM) == (_CW_DEFAULT & ~_EM_ZERODIVIDE)
	      && x87_cw() == 0x027B, "unmask zero-divide: fnstcw %#x", x87_cw());
	CHECK(_controlfp(_EM_INVALID, _MCW_EM) == ((_CW_DEFAULT & ~_MCW_EM) | _EM_INVALID | _EM_DENORMAL)
	      && x87_cw() == 0x0243, "_controlfp keeps _EM_DENORMAL: fnstcw %#x", x87_cw());
	CHECK(_control87(_EM_INVALID, _MCW_EM) == ((_CW_DEFAULT & ~_MCW_EM) | _EM_INVALID)
	      && x87_cw() == 0x0241, "_control87 clears it: fnstcw %#x", x87_cw());
	_control87(_CW_DEFAULT, _MCW_EM);
	/* _MCW_DN is SSE2's: the x87 word has no such bits. */
	if (!sse2) {
		CHECK(_control87(_DN_FLUSH, _MCW_DN) == _CW_DEFAULT, "_DN_FLUSH ignored");
		CHECK(__control87_2(_RC_CHOP, _MCW_RC, &x86, &sse) == 1 &&
		      x86 == (_CW_DEFAULT | _RC_CHOP) && sse == 0 && x87_cw() == 0x0E7F,
		      "__control87_2: %#x, sse %#x", x86, sse);
	} else {
		unsigned dn = IsProcessorFeaturePresent(PF_SSE_DAZ_MODE_AVAILABLE) ? _DN_FLUSH
				: _DN_SAVE_OPERANDS_FLUSH_RESULTS;
		CHECK(_control87(_DN_FLUSH, _MCW_DN) == (_CW_DEFAULT | dn) &&
		      mxcsr() == (0x1f80u | (dn == _DN_FLUSH ? 0x8040u : 0x8000u)),
		      "_DN_FLUSH: mxcsr %#x", mxcsr());
		_control87(_DN_SAVE, _MCW_DN);
		CHECK(__control87_2(_RC_CHOP, _MCW_RC, &x86, &sse) == 1 &&
		      x86 == (_CW_DEFAULT | _RC_CHOP) && x87_cw() == 0x0E7F &&
		      sse == ((_CW_DEFAULT & _MCW_EM) | _RC_CHOP) && mxcsr() == 0x7f80,
		      "__control87_2: %#x, sse %#x, mxcsr %#x", x86, sse, mxcsr());
		CHECK(_control87(0, 0) == (_CW_DEFAULT | _RC_CHOP), "both chop: %#x",
		      _control87(0, 0));
		CHECK(__control87_2(_RC_NEAR, _MCW_RC, NULL, &sse) == 1 && mxcsr() == 0x1f80 &&
		      x87_cw() == 0x0E7F && _control87(0, 0) == (_CW_DEFAULT | _RC_CHOP | _EM_AMBIGUOUS),
		      "SSE2 alone: %#x, mxcsr %#x", _control87(0, 0), mxcsr());
		CHECK(_controlfp(_CW_DEFAULT & ~_EM_ZERODIVIDE, _MCW_EM) ==
		      (_CW_DEFAULT & ~_EM_ZERODIVIDE) + _RC_CHOP + _EM_AMBIGUOUS && mxcsr() == 0x1d80,
		      "unmask on both: mxcsr %#x", mxcsr());
		_control87(_CW_DEFAULT, _MCW_EM | _MCW_RC);
		CHECK(_control87(0, 0) == _CW_DEFAULT && mxcsr() == 0x1f80, "back: %#x, mxcsr %#x",
		      _control87(0, 0), mxcsr());
		_control87(_RC_CHOP, _MCW_RC);
	}
	CHECK(__control87_2(0, 0, NULL, NULL) == 1, "__control87_2 with NULLs");
	CHECK(_controlfp_s(&cw, _RC_NEAR, _MCW_RC) == 0 && cw == _CW_DEFAULT, "_controlfp_s %#x", cw);
	CHECK(_controlfp_s(NULL, 0, 0) == 0, "_controlfp_s with NULL");
	_set_invalid_parameter_handler(count_invalid);
	cw = 0x1234;
	errno = 0;
	CHECK(_controlfp_s(&cw, _PC_24, _MCW_PC | 0x400) == EINVAL && errno == EINVAL &&
	      invalid_calls == 1 && cw == 0x1234 && _controlfp(0, 0) == _CW_DEFAULT,
	      "bad mask: handler %d, errno %d, word %#x", invalid_calls, errno, _controlfp(0, 0));
}

static void status_calls(void)
{
	volatile double one = 1.0, three = 3.0, zero = 0.0, tiny = 0x1p-1000, big = 0x1p1000, r;
	unsigned x86 = 0xdead, sse = 0xdead;

	_clearfp();
	CHECK(_statusfp() == 0, "clear: %#x", _statusfp());
	r = one / three;
	CHECK(_statusfp() == _SW_INEXACT, "1/3: %#x", _statusfp());
	r = one / zero;
	CHECK(isinf(r) && _statusfp() == (_SW_INEXACT | _SW_ZERODIVIDE), "1/0 masked: %#x",
	      _statusfp());
	r = zero / zero;
	_statusfp2(&x86, &sse);
	CHECK(isnan(r) && x86 == (_SW_INEXACT | _SW_ZERODIVIDE | _SW_INVALID) && sse == 0,
	      "0/0: %#x, sse %#x", x86, sse);
	_statusfp2(NULL, NULL);
	CHECK(_clearfp() == x86 && _statusfp() == 0, "_clearfp returned the flags, cleared them");
	if (IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE)) {
		static const float onef = 1.0f, zerof = 0.0f;
		asm volatile("movss %0, %%xmm0\n\tdivss %1, %%xmm0" : : "m"(onef), "m"(zerof));
		_statusfp2(&x86, &sse);
		CHECK(x86 == 0 && sse == _SW_ZERODIVIDE && _statusfp() == _SW_ZERODIVIDE,
		      "SSE2 1/0: x87 %#x, sse %#x", x86, sse);
		CHECK(_clearfp() == _SW_ZERODIVIDE && (mxcsr() & 0x3f) == 0, "SSE2 flags cleared");
	}
	r = tiny * tiny;
	CHECK(_statusfp() & _SW_UNDERFLOW, "underflow: %#x", _statusfp());
	r = big * big;
	CHECK(_statusfp() & _SW_OVERFLOW, "overflow: %#x", _statusfp());
	_controlfp(_RC_CHOP, _MCW_RC);
	_fpreset();
	CHECK(_statusfp() == 0, "_fpreset clears the flags");
	CHECK(_control87(0, 0) == _CW_DEFAULT && x87_cw() == 0x027f, "_fpreset: %#x",
	      _control87(0, 0));
	CHECK(!IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE) || mxcsr() == 0x1f80,
	      "_fpreset resets MXCSR: %#x", mxcsr());
}

static double from_bits(unsigned long long bits)
{
	double d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

static void classify_calls(void)
{
	volatile double zero = 0.0;

	CHECK(_fpclass(from_bits(0x7ff8000000000000ull)) == _FPCLASS_QNAN, "qnan");
	CHECK(_fpclass(-HUGE_VAL) == _FPCLASS_NINF && _fpclass(HUGE_VAL) == _FPCLASS_PINF, "inf");
	CHECK(_fpclass(-2.5) == _FPCLASS_NN && _fpclass(2.5) == _FPCLASS_PN, "normal");
	CHECK(_fpclass(-0x1p-1070) == _FPCLASS_ND && _fpclass(0x1p-1070) == _FPCLASS_PD, "denormal");
	CHECK(_fpclass(-zero) == _FPCLASS_NZ && _fpclass(zero) == _FPCLASS_PZ, "zeros");
	CHECK(_isnan(from_bits(0x7ff8000000000000ull)) && !_isnan(1.0), "_isnan");
	CHECK(_finite(1e308) && !_finite(HUGE_VAL) && !_finite(from_bits(0x7ff8000000000000ull)),
	      "_finite");
	CHECK(_copysign(3.0, -0.0) == -3.0 && _chgsign(2.0) == -2.0 && _chgsign(-zero) == 0.0 &&
	      signbit(_chgsign(-zero)) == 0, "_copysign, _chgsign");
	CHECK(_logb(8.0) == 3.0 && _logb(0.1) == -4.0, "_logb");
	CHECK(_nextafter(1.0, 2.0) == 1.0 + 0x1p-52 && _nextafter(1.0, 0.0) == 1.0 - 0x1p-53 &&
	      _nextafter(-1.0, -2.0) == -1.0 - 0x1p-52 && _nextafter(2.0, 2.0) == 2.0 &&
	      _nextafter(0.0, -1.0) == -0x1p-1074, "_nextafter");
	errno = 0;
	CHECK(_scalb(1.5, 4) == 24.0 && _scalb(1.0, -1074) == 0x1p-1074 && errno == 0, "_scalb");
	CHECK(isinf(_scalb(1.0, 5000)) && errno == ERANGE, "_scalb overflows: errno %d", errno);
}

int main(void)
{
	default_state();
	control_calls();
	status_calls();
	classify_calls();
	printf("float-control: %d failures\n", failures);
	return failures != 0;
}
