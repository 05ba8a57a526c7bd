/* <math.h>'s exact operations on the x87: rounding to integers, remainders,
 * the parts of a double, and comparisons (math_trans.c has the rest). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "fpenv.h"

/* x rounded to an integer in x87 rounding mode rc (0 nearest, 1 down,
 * 2 up, 3 toward zero), the caller's control word kept. */
static double round_mode(double x, unsigned rc)
{
	unsigned short cw, mode;
	long double r;

	__asm__ __volatile__("fnstcw %0" : "=m"(cw));
	mode = (unsigned short)((cw & ~0x0c00u) | rc << 10);
	__asm__ __volatile__("fldcw %1\n\tfrndint\n\tfldcw %2"
			     : "=t"(r) : "m"(mode), "m"(cw), "0"((long double)x));
	return (double)r;
}

double fabs(double x) { return __builtin_copysign(x, 1.0); }
double floor(double x) { return round_mode(x, 1); }
double ceil(double x) { return round_mode(x, 2); }
double trunc(double x) { return round_mode(x, 3); }
/* In the caller's rounding mode (fesetround's), as C says. */
double rint(double x)
{
	long double r;

	__asm__ __volatile__("frndint" : "=t"(r) : "0"((long double)x));
	return (double)r;
}

/* rint without the inexact flag it may raise (C's rule): the flag as it was. */
double nearbyint(double x)
{
	unsigned was = _statusfp() & _SW_INEXACT;
	double r = rint(x);

	if (!was)
		fpenv_set_status(0, _SW_INEXACT);
	return r;
}
long lrint(double x) { return (long)rint(x); }
long long llrint(double x) { return (long long)rint(x); }

double round(double x)
{
	double t = trunc(x);

	if (fabs(x - t) >= 0.5)         /* x - t is exact */
		t += x < 0 ? -1.0 : 1.0;
	return t;
}

long lround(double x) { return (long)round(x); }
long long llround(double x) { return (long long)round(x); }

double sqrt(double x)
{
	long double r;

	if (x < 0) {
		errno = EDOM;
		return -__builtin_nan("");
	}
	__asm__("fsqrt" : "=t"(r) : "0"((long double)x));
	return (double)r;
}

/* fprem (truncating) or fprem1 (nearest), repeated until complete. */
static double partial_remainder(double x, double y, int nearest)
{
	long double r = x;
	unsigned short sw;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0) {
		errno = EDOM;
		return -__builtin_nan("");
	}
	if (isinf(y))
		return x;
	do {
		if (nearest)
			__asm__("fprem1\n\tfnstsw %%ax" : "+t"(r), "=a"(sw) : "u"((long double)y));
		else
			__asm__("fprem\n\tfnstsw %%ax" : "+t"(r), "=a"(sw) : "u"((long double)y));
	} while (sw & 0x400);
	return (double)r;
}

double fmod(double x, double y) { return partial_remainder(x, y, 0); }
double remainder(double x, double y) { return partial_remainder(x, y, 1); }

double modf(double x, double *ipart)
{
	*ipart = isinf(x) ? x : trunc(x);
	return isinf(x) ? __builtin_copysign(0.0, x) : __builtin_copysign(x - *ipart, x);
}

double ldexp(double x, int exp)
{
	long double r;
	double d;

	if (x == 0 || !isfinite(x))
		return x;
	exp = exp > 10000 ? 10000 : exp < -10000 ? -10000 : exp;
	__asm__("fscale" : "=t"(r) : "0"((long double)x), "u"((long double)exp));
	d = (double)r;
	if (isinf(d) || d == 0)
		errno = ERANGE;
	return d;
}

double scalbn(double x, int exp) { return ldexp(x, exp); }

/* x = m * 2^e with 0.5 <= |m| < 1 (fxtract gives 1 <= |m| < 2). */
double frexp(double x, int *exp)
{
	long double m, e;

	if (x == 0 || !isfinite(x)) {
		*exp = 0;
		return x;
	}
	__asm__("fxtract" : "=t"(m), "=u"(e) : "0"((long double)x));
	*exp = (int)e + 1;
	return (double)(m / 2);
}

double logb(double x)
{
	int e;

	if (x == 0) {
		errno = ERANGE;
		return -HUGE_VAL;
	}
	if (!isfinite(x))
		return x * x;
	frexp(x, &e);
	return e - 1;
}

double _logb(double x) { return logb(x); }

int ilogb(double x)
{
	if (x == 0)
		return FP_ILOGB0;
	if (isnan(x))
		return FP_ILOGBNAN;
	return isinf(x) ? 0x7fffffff : (int)logb(x);
}

double copysign(double x, double y) { return __builtin_copysign(x, y); }
double _copysign(double x, double y) { return __builtin_copysign(x, y); }
double _chgsign(double x) { return -x; }
double nan(const char *tag) { (void)tag; return __builtin_nan(""); }
int _isnan(double x) { return isnan(x) != 0; }
int _finite(double x) { return isfinite(x) != 0; }

double fmin(double x, double y) { return isnan(x) ? y : isnan(y) ? x : x < y ? x : y; }
double fmax(double x, double y) { return isnan(x) ? y : isnan(y) ? x : x > y ? x : y; }
double fdim(double x, double y) { return isnan(x) || isnan(y) ? x + y : x > y ? x - y : 0; }
double fma(double x, double y, double z)
{
	unsigned short cw = fpenv_precise_enter();
	volatile double r = (double)((long double)x * y + z);

	fpenv_precise_leave(cw);
	return r;
}

int _fpclass(double x)
{
	uint64_t bits;
	int negative = signbit(x) != 0;

	switch (fpclassify(x)) {
	case FP_NAN:
		memcpy(&bits, &x, sizeof(bits));
		return (bits & (1ull << 51)) ? _FPCLASS_QNAN : _FPCLASS_SNAN;
	case FP_INFINITE:
		return negative ? _FPCLASS_NINF : _FPCLASS_PINF;
	case FP_ZERO:
		return negative ? _FPCLASS_NZ : _FPCLASS_PZ;
	case FP_SUBNORMAL:
		return negative ? _FPCLASS_ND : _FPCLASS_PD;
	default:
		return negative ? _FPCLASS_NN : _FPCLASS_PN;
	}
}

/* The double next to x toward y (y when they are equal, a NaN for a NaN);
 * ERANGE when it overflows to infinity or falls to a denormal or zero. */
double nextafter(double x, double y)
{
	uint64_t bits;
	double r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0) {
		bits = 1;
		memcpy(&r, &bits, sizeof(r));
		r = copysign(r, y);
	} else {
		memcpy(&bits, &x, sizeof(bits));
		bits += (x < y) == (x > 0) ? 1 : -1;
		memcpy(&r, &bits, sizeof(r));
	}
	if (isinf(r) || fpclassify(r) == FP_SUBNORMAL || r == 0)
		errno = ERANGE;
	return r;
}

double _nextafter(double x, double y) { return nextafter(x, y); }

double _scalb(double x, long exp) { return ldexp(x, (int)exp); }     /* long is int here */
