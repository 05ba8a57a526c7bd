/* <math.h>'s transcendental functions on the x87, computed in its 64-bit
 * precision and rounded once to double, with Microsoft's errno rules. */
#include <errno.h>
#include <math.h>
#include "user/lib/fpenv.h"

/* A double result: ERANGE when a finite computation overflowed. */
static double result(long double r)
{
	double d = (double)r;

	if (isinf(d) && !isinf(r))
		errno = ERANGE;
	else if (isinf(r))
		errno = ERANGE;
	return d;
}

static double domain_error(void)
{
	errno = EDOM;
	return -__builtin_nan("");      /* Microsoft's indefinite: -nan(ind) */
}

static long double sqrt_ext(long double x)
{
	long double r;

	__asm__("fsqrt" : "=t"(r) : "0"(x));
	return r;
}

/* 2^t for any finite t: f2xm1 on the fraction, fscale by the integer. */
static long double exp2_ext(long double t)
{
	long double i, f, r;

	if (t > 20000)
		return HUGE_VALL;
	if (t < -20000)
		return 0;
	__asm__("frndint" : "=t"(i) : "0"(t));
	f = t - i;
	__asm__("f2xm1" : "=t"(r) : "0"(f));
	__asm__("fscale" : "=t"(r) : "0"(r + 1), "u"(i));
	return r;
}

/* y * log2(x), x > 0. */
static long double ylog2x(long double y, long double x)
{
	long double r;

	__asm__("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
	return r;
}

static double exp_base(double x, long double log2_base)
{
	if (isnan(x))
		return x;
	if (isinf(x))
		return x > 0 ? x : 0;
	return result(exp2_ext(x * log2_base));
}

static double exp_x87(double x) { return exp_base(x, 1.44269504088896340736L); }
static double exp2_x87(double x) { return exp_base(x, 1.0L); }

static double expm1_x87(double x)
{
	if (fabs(x) < 1e-5)             /* x + x^2/2 + x^3/6: exact enough here */
		return x + x * x / 2 + x * x * x / 6;
	return exp(x) - 1;
}

/* log_b(x) as ln2-scaled log2 (scale = log_b(2)). */
static double log_scaled(double x, long double scale)
{
	if (isnan(x))
		return x;
	if (x < 0)
		return domain_error();
	if (x == 0) {
		errno = ERANGE;
		return -HUGE_VAL;
	}
	if (isinf(x))
		return x;
	return (double)ylog2x(scale, x);
}

static double log_x87(double x) { return log_scaled(x, 0.693147180559945309417232L); }
static double log10_x87(double x) { return log_scaled(x, 0.301029995663981195214L); }
static double log2_x87(double x) { return log_scaled(x, 1.0L); }

static double log1p_x87(double x)
{
	long double r;

	if (x == -1) {
		errno = ERANGE;
		return -HUGE_VAL;
	}
	if (x < -1)
		return domain_error();
	if (fabs(x) < 0.29)             /* fyl2xp1's range: log2(1 + x) without losing x */
		__asm__("fyl2xp1" : "=t"(r) : "0"((long double)x),
			"u"(0.693147180559945309417232L) : "st(1)");
	else
		r = log(1 + x);
	return (double)r;
}

static int is_integer(double y) { return trunc(y) == y; }
static int is_odd_integer(double y) { return is_integer(y) && fmod(y, 2) != 0; }

static double pow_x87(double x, double y)
{
	long double r;
	int negate = 0;

	if (y == 0 || x == 1)
		return 1;
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == 0) {
		if (y < 0) {
			errno = ERANGE;
			return is_odd_integer(y) ? copysign(HUGE_VAL, x) : HUGE_VAL;
		}
		return is_odd_integer(y) ? x : 0;
	}
	if (isinf(y)) {
		if (fabs(x) == 1)
			return 1;
		return (fabs(x) > 1) == (y > 0) ? HUGE_VAL : 0;
	}
	if (x < 0) {
		if (!is_integer(y))
			return domain_error();
		negate = is_odd_integer(y);
		x = -x;
	}
	if (isinf(x))
		r = y > 0 ? HUGE_VALL : 0;
	else if (fabs(y) <= 64 && is_integer(y)) {      /* exact by squaring */
		long double p = x;
		unsigned n = (unsigned)fabs(y);
		for (r = 1; n; n >>= 1, p *= p)
			if (n & 1)
				r *= p;
		if (y < 0)
			r = 1 / r;
	} else {
		r = exp2_ext(ylog2x(y, x));
	}
	return result(negate ? -r : r);
}

static long double trig(long double x, int which)
{
	long double r;

	if (which == 0)
		__asm__("fsin" : "=t"(r) : "0"(x));
	else if (which == 1)
		__asm__("fcos" : "=t"(r) : "0"(x));
	else
		__asm__("fptan\n\tfstp %%st(0)" : "=t"(r) : "0"(x));
	return r;
}

/* The x87's trigonometry takes |x| < 2^63; the reduction by 2 pi first keeps
 * it exact enough there. */
static double trig_checked(double x, int which)
{
	if (isnan(x))
		return x;
	if (isinf(x))
		return domain_error();
	if (fabs(x) >= 9.2e18)
		x = fmod(x, 6.28318530717958647692);
	return (double)trig(x, which);
}

static double sin_x87(double x) { return trig_checked(x, 0); }
static double cos_x87(double x) { return trig_checked(x, 1); }
static double tan_x87(double x) { return trig_checked(x, 2); }

static double atan2_x87(double y, double x)
{
	long double r;

	__asm__("fpatan" : "=t"(r) : "0"((long double)x), "u"((long double)y) : "st(1)");
	return (double)r;
}

static double atan_x87(double x) { return atan2(x, 1.0); }

static double asin_x87(double x)
{
	if (fabs(x) > 1)
		return domain_error();
	return atan2(x, (double)sqrt_ext(1.0L - (long double)x * x));
}

static double acos_x87(double x)
{
	if (fabs(x) > 1)
		return domain_error();
	return atan2((double)sqrt_ext(1.0L - (long double)x * x), x);
}

static double sinh_x87(double x)
{
	long double e;

	if (fabs(x) < 1e-5)
		return x + x * x * x / 6;
	e = exp2_ext(x * 1.44269504088896340736L);
	return result((e - 1 / e) / 2);
}

static double cosh_x87(double x)
{
	long double e = exp2_ext(x * 1.44269504088896340736L);

	return result((e + 1 / e) / 2);
}

static double tanh_x87(double x)
{
	long double e;

	if (fabs(x) > 22)
		return x > 0 ? 1 : -1;
	if (fabs(x) < 1e-5)
		return x - x * x * x / 3;
	e = exp2_ext(2 * x * 1.44269504088896340736L);
	return (double)((e - 1) / (e + 1));
}

static double asinh_x87(double x)
{
	double a = fabs(x);
	long double r = a > 1e10 ? log(a) + 0.693147180559945309417232L
				 : log1p(a + a * a / (1 + sqrt(1 + a * a)));
	return (double)(x < 0 ? -r : r);
}

static double acosh_x87(double x)
{
	if (x < 1)
		return domain_error();
	return x > 1e10 ? log(x) + 0.693147180559945309417232 : log(x + sqrt(x * x - 1));
}

static double atanh_x87(double x)
{
	if (fabs(x) > 1)
		return domain_error();
	if (fabs(x) == 1) {
		errno = ERANGE;
		return copysign(HUGE_VAL, x);
	}
	return 0.5 * log1p(2 * x / (1 - x));
}

static double hypot_x87(double x, double y)
{
	if (isinf(x) || isinf(y))
		return HUGE_VAL;
	return result(sqrt_ext((long double)x * x + (long double)y * y));
}

double _hypot(double x, double y) { return hypot(x, y); }

static double cbrt_x87(double x)
{
	long double a = fabs(x), r;

	if (a == 0 || !isfinite(x))
		return x;
	r = exp2_ext(ylog2x(1.0L / 3, a));
	r -= (r - a / (r * r)) / 3;     /* one Newton step */
	return (double)(x < 0 ? -r : r);
}

/* The public functions: the computation under fpenv's precise control word
 * (64-bit precision whatever the caller's, Windows' default being 53-bit). */
#define PRECISE1(name)                                                  \
	double name(double x)                                           \
	{                                                               \
		unsigned short cw = fpenv_precise_enter();              \
		volatile double r = name##_x87(x);                      \
		fpenv_precise_leave(cw);                                \
		return r;                                               \
	}
#define PRECISE2(name)                                                  \
	double name(double x, double y)                                 \
	{                                                               \
		unsigned short cw = fpenv_precise_enter();              \
		volatile double r = name##_x87(x, y);                   \
		fpenv_precise_leave(cw);                                \
		return r;                                               \
	}
PRECISE1(exp)
PRECISE1(exp2)
PRECISE1(expm1)
PRECISE1(log)
PRECISE1(log10)
PRECISE1(log2)
PRECISE1(log1p)
PRECISE1(sin)
PRECISE1(cos)
PRECISE1(tan)
PRECISE1(atan)
PRECISE1(asin)
PRECISE1(acos)
PRECISE1(sinh)
PRECISE1(cosh)
PRECISE1(tanh)
PRECISE1(asinh)
PRECISE1(acosh)
PRECISE1(atanh)
PRECISE1(cbrt)
PRECISE2(pow)
PRECISE2(atan2)
PRECISE2(hypot)
