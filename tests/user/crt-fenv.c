/* <fenv.h> on the x87: the UCRT's values, rounding modes that change a
 * division's result and rint's, flags that real operations and feraiseexcept set,
 * saved and restored flags and environments, FE_DFL_ENV, feholdexcept's
 * non-stop mode and feupdateenv raising what was held (an unmasked
 * divide-by-zero reported as EXCEPTION_FLT_DIVIDE_BY_ZERO), bad arguments;
 * SSE2's flags and rounding where the CPU has it. */
#include <windows.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#define TEST_NAME "crt-fenv"
#include "check.h"

#define X87_FLAGS 0x80ffu

static volatile double one = 1.0, three = 3.0, zero = 0.0;
static volatile DWORD seen_code;

static LONG CALLBACK fp_handler(PEXCEPTION_POINTERS ep)
{
	DWORD code = ep->ExceptionRecord->ExceptionCode;

	if (code < STATUS_FLOAT_DENORMAL_OPERAND || code > STATUS_FLOAT_UNDERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	seen_code = code;
	ep->ContextRecord->FloatSave.StatusWord &= ~X87_FLAGS;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static double third(void)
{
	return one / three;
}

static void values(void)
{
	CHECK(FE_TONEAREST == 0 && FE_DOWNWARD == 0x100 && FE_UPWARD == 0x200 &&
	      FE_TOWARDZERO == 0x300, "rounding modes");
	CHECK(FE_INEXACT == 1 && FE_UNDERFLOW == 2 && FE_OVERFLOW == 4 && FE_DIVBYZERO == 8 &&
	      FE_INVALID == 0x10 && FE_ALL_EXCEPT == 0x1f, "exceptions");
	CHECK(sizeof(fenv_t) == 8 && sizeof(fexcept_t) == 4, "types");
}

static void rounding(void)
{
	double down, up, chop, near;

	CHECK(fegetround() == FE_TONEAREST, "starts to nearest: %#x", fegetround());
	near = third();
	CHECK(fesetround(FE_DOWNWARD) == 0 && fegetround() == FE_DOWNWARD, "down");
	CHECK((_controlfp(0, 0) & _MCW_RC) == _RC_DOWN, "_controlfp sees it");
	down = third();
	CHECK(fesetround(FE_UPWARD) == 0, "up");
	up = third();
	CHECK(fesetround(FE_TOWARDZERO) == 0, "toward zero");
	chop = third();
	CHECK(down < up && chop == down && (near == down || near == up), "results");
	CHECK(fesetround(0x400) != 0 && fesetround(-1) != 0 && fegetround() == FE_TOWARDZERO,
	      "a bad mode changes nothing");
	CHECK(fesetround(FE_TONEAREST) == 0 && third() == near, "back to nearest");

	volatile double two_and_half = 2.5, minus = -2.5, two_point_one = 2.1;
	CHECK(rint(two_and_half) == 2.0 && lrint(minus) == -2, "rint: halves to even");
	fesetround(FE_UPWARD);
	CHECK(rint(two_point_one) == 3.0 && lrint(two_and_half) == 3 && rint(minus) == -2.0,
	      "rint and lrint in the mode fesetround set");
	fesetround(FE_DOWNWARD);
	CHECK(rint(minus) == -3.0 && nearbyint(two_point_one) == 2.0, "down");
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	CHECK(nearbyint(two_point_one) == 2.0 && !fetestexcept(FE_INEXACT),
	      "nearbyint leaves FE_INEXACT clear");
	CHECK(rint(two_point_one) == 2.0 && fetestexcept(FE_INEXACT), "rint may set it");
	feclearexcept(FE_ALL_EXCEPT);
}

static void flags(void)
{
	fexcept_t saved = 0;
	volatile double r;

	CHECK(feclearexcept(FE_ALL_EXCEPT) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0, "clear");
	r = one / zero;
	CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO, "1/0: %#x", fetestexcept(FE_ALL_EXCEPT));
	CHECK(_statusfp() & _SW_ZERODIVIDE, "_statusfp agrees");
	r = zero / zero;
	CHECK(fetestexcept(FE_INVALID | FE_DIVBYZERO) == (FE_INVALID | FE_DIVBYZERO), "0/0");
	CHECK(fetestexcept(FE_INVALID) == FE_INVALID, "only those asked");
	CHECK(feclearexcept(FE_DIVBYZERO) == 0 && fetestexcept(FE_ALL_EXCEPT) == FE_INVALID,
	      "one cleared");
	(void)r;

	CHECK(feclearexcept(FE_ALL_EXCEPT) == 0 && feraiseexcept(FE_OVERFLOW | FE_INEXACT) == 0 &&
	      fetestexcept(FE_ALL_EXCEPT) == (FE_OVERFLOW | FE_INEXACT), "raised (masked)");
	CHECK(fegetexceptflag(&saved, FE_OVERFLOW | FE_INVALID) == 0 && saved == FE_OVERFLOW,
	      "saved: %#lx", saved);
	feclearexcept(FE_ALL_EXCEPT);
	CHECK(fesetexceptflag(&saved, FE_INVALID) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0,
	      "only the flags named are set");
	CHECK(fesetexceptflag(&saved, FE_ALL_EXCEPT) == 0 &&
	      fetestexcept(FE_ALL_EXCEPT) == FE_OVERFLOW, "restored");
	CHECK(feraiseexcept(0x40) != 0 && feclearexcept(0x80) != 0 &&
	      fegetexceptflag(NULL, FE_INVALID) != 0 && fesetexceptflag(NULL, FE_INVALID) != 0,
	      "bad arguments");
	CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_OVERFLOW, "and nothing changed");
	feclearexcept(FE_ALL_EXCEPT);
}

/* SSE2, where the CPU has it: its flags and rounding are the environment's
 * too (main's _controlfp family sets both units). */
static void sse2_unit(void)
{
	static const float onef = 1.0f, zerof = 0.0f, threef = 3.0f;
	float down, up;

	if (!IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE))
		return;
	feclearexcept(FE_ALL_EXCEPT);
	asm volatile("movss %0, %%xmm0\n\tdivss %1, %%xmm0" : : "m"(onef), "m"(zerof));
	CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO, "an SSE 1/0 seen");
	CHECK(feclearexcept(FE_DIVBYZERO) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0,
	      "and cleared from MXCSR too");
	fesetround(FE_DOWNWARD);
	asm volatile("movss %1, %%xmm0\n\tdivss %2, %%xmm0\n\tmovss %%xmm0, %0"
		     : "=m"(down) : "m"(onef), "m"(threef));
	fesetround(FE_UPWARD);
	asm volatile("movss %1, %%xmm0\n\tdivss %2, %%xmm0\n\tmovss %%xmm0, %0"
		     : "=m"(up) : "m"(onef), "m"(threef));
	CHECK(down < up, "SSE rounds as fesetround says");
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
}

static void environments(void)
{
	fenv_t env, other;

	feraiseexcept(FE_UNDERFLOW);
	fesetround(FE_UPWARD);
	CHECK(fegetenv(&env) == 0 && env._Fe_stat == FE_UNDERFLOW, "got");
	fesetround(FE_DOWNWARD);
	feraiseexcept(FE_INVALID);
	CHECK(fesetenv(&env) == 0 && fegetround() == FE_UPWARD &&
	      fetestexcept(FE_ALL_EXCEPT) == FE_UNDERFLOW, "set back");
	CHECK(fesetenv(FE_DFL_ENV) == 0 && fegetround() == FE_TONEAREST &&
	      fetestexcept(FE_ALL_EXCEPT) == 0 && _controlfp(0, 0) == _CW_DEFAULT,
	      "the default: %#x", _controlfp(0, 0));
	CHECK(fegetenv(NULL) != 0 && fesetenv(NULL) != 0 && feholdexcept(NULL) != 0 &&
	      feupdateenv(NULL) != 0, "NULL");

	/* An unmasked divide-by-zero held, then raised by feupdateenv. */
	_controlfp(_EM_INEXACT | _EM_UNDERFLOW | _EM_OVERFLOW | _EM_INVALID, _MCW_EM);
	feraiseexcept(FE_INEXACT);
	CHECK(feholdexcept(&env) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0 &&
	      (_controlfp(0, 0) & _MCW_EM) == _MCW_EM, "held: flags cleared, all masked");
	volatile double r = one / zero;
	(void)r;
	CHECK(seen_code == 0 && fetestexcept(FE_DIVBYZERO), "no trap while held");
	CHECK(feupdateenv(&env) == 0, "update");
	CHECK(seen_code == EXCEPTION_FLT_DIVIDE_BY_ZERO, "raised on update: %#lx", seen_code);
	CHECK(fegetenv(&other) == 0 && !(other._Fe_ctl & _EM_ZERODIVIDE), "unmasked again");
	seen_code = 0;
	CHECK(feraiseexcept(FE_DIVBYZERO) == 0 && seen_code == EXCEPTION_FLT_DIVIDE_BY_ZERO,
	      "feraiseexcept raises an unmasked one");
	fesetenv(FE_DFL_ENV);
}

int main(void)
{
	PVOID h = AddVectoredExceptionHandler(1, fp_handler);

	values();
	rounding();
	flags();
	sse2_unit();
	environments();
	RemoveVectoredExceptionHandler(h);
	printf("crt-fenv: %d failures\n", failures);
	return failures != 0;
}
