/* <math.h>: C's mathematical functions on the x87 (user/lib/math*.c), with
 * Microsoft's errno rules: EDOM for an argument outside the domain (result
 * NaN), ERANGE for a result too large (+-HUGE_VAL) or a pole (log(0)). The
 * float and long double forms compute in double (Microsoft's long double is
 * double). M_PI and the other M_ constants are here even without
 * _USE_MATH_DEFINES. */
#ifndef _MATH_H
#define _MATH_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define HUGE_VAL  __builtin_huge_val()
#define HUGE_VALF __builtin_huge_valf()
#define HUGE_VALL __builtin_huge_vall()
#define INFINITY  __builtin_inff()
#define NAN       __builtin_nanf("")
#define FP_INFINITE  1
#define FP_NAN       2
#define FP_NORMAL    (-1)
#define FP_SUBNORMAL (-2)
#define FP_ZERO      0
#define MATH_ERRNO       1
#define MATH_ERREXCEPT   2
#define math_errhandling MATH_ERRNO
#define FP_ILOGB0   (-0x7fffffff - 1)
#define FP_ILOGBNAN 0x7fffffff

#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, \
					   FP_ZERO, x)
#define isnan(x)      __builtin_isnan(x)
#define isinf(x)      __builtin_isinf_sign(x)
#define isfinite(x)   __builtin_isfinite(x)
#define isnormal(x)   __builtin_isnormal(x)
#define signbit(x)    __builtin_signbit(x)
#define isgreater(x, y)      __builtin_isgreater(x, y)
#define isgreaterequal(x, y) __builtin_isgreaterequal(x, y)
#define isless(x, y)         __builtin_isless(x, y)
#define islessequal(x, y)    __builtin_islessequal(x, y)
#define islessgreater(x, y)  __builtin_islessgreater(x, y)
#define isunordered(x, y)    __builtin_isunordered(x, y)

#define M_E        2.71828182845904523536
#define M_LOG2E    1.44269504088896340736
#define M_LOG10E   0.434294481903251827651
#define M_LN2      0.693147180559945309417
#define M_LN10     2.30258509299404568402
#define M_PI       3.14159265358979323846
#define M_PI_2     1.57079632679489661923
#define M_PI_4     0.785398163397448309616
#define M_1_PI     0.318309886183790671538
#define M_2_PI     0.636619772367581343076
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2    1.41421356237309504880
#define M_SQRT1_2  0.707106781186547524401

typedef float float_t;
typedef double double_t;

double fabs(double x);
double sqrt(double x);
double floor(double x);
double ceil(double x);
double trunc(double x);
double round(double x);                 /* halves away from zero */
double rint(double x);                  /* in the rounding mode: halves to even */
double nearbyint(double x);
long lround(double x);
long long llround(double x);
long lrint(double x);
long long llrint(double x);
double fmod(double x, double y);
double remainder(double x, double y);
double modf(double x, double *ipart);
double frexp(double x, int *exp);
double ldexp(double x, int exp);
double scalbn(double x, int exp);
int ilogb(double x);
double logb(double x);
double copysign(double x, double y);
double nextafter(double x, double y);
double nan(const char *tag);
double fmin(double x, double y);
double fmax(double x, double y);
double fdim(double x, double y);
double fma(double x, double y, double z);
double hypot(double x, double y);
double cbrt(double x);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log10(double x);
double log2(double x);
double log1p(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);

/* Microsoft's names. */
int _isnan(double x);
int _finite(double x);
double _copysign(double x, double y);
double _chgsign(double x);
double _hypot(double x, double y);
double _logb(double x);
double _nextafter(double x, double y);
double _scalb(double x, long exp);
int _fpclass(double x);

/* The float and long double forms: the double function, rounded. */
#define VADOS_MATH_FORMS1(name)                                                       \
	static __inline__ float name##f(float x) { return (float)name(x); }           \
	static __inline__ long double name##l(long double x) { return name((double)x); }
#define VADOS_MATH_FORMS2(name)                                                       \
	static __inline__ float name##f(float x, float y) { return (float)name(x, y); } \
	static __inline__ long double name##l(long double x, long double y)           \
	{ return name((double)x, (double)y); }
VADOS_MATH_FORMS1(fabs) VADOS_MATH_FORMS1(sqrt) VADOS_MATH_FORMS1(floor)
VADOS_MATH_FORMS1(ceil) VADOS_MATH_FORMS1(trunc) VADOS_MATH_FORMS1(round)
VADOS_MATH_FORMS1(rint) VADOS_MATH_FORMS1(nearbyint) VADOS_MATH_FORMS1(cbrt)
VADOS_MATH_FORMS1(exp) VADOS_MATH_FORMS1(exp2) VADOS_MATH_FORMS1(expm1)
VADOS_MATH_FORMS1(log) VADOS_MATH_FORMS1(log10) VADOS_MATH_FORMS1(log2)
VADOS_MATH_FORMS1(log1p) VADOS_MATH_FORMS1(logb) VADOS_MATH_FORMS1(sin)
VADOS_MATH_FORMS1(cos) VADOS_MATH_FORMS1(tan) VADOS_MATH_FORMS1(asin)
VADOS_MATH_FORMS1(acos) VADOS_MATH_FORMS1(atan) VADOS_MATH_FORMS1(sinh)
VADOS_MATH_FORMS1(cosh) VADOS_MATH_FORMS1(tanh) VADOS_MATH_FORMS1(asinh)
VADOS_MATH_FORMS1(acosh) VADOS_MATH_FORMS1(atanh)
VADOS_MATH_FORMS2(fmod) VADOS_MATH_FORMS2(remainder) VADOS_MATH_FORMS2(copysign)
VADOS_MATH_FORMS2(fmin) VADOS_MATH_FORMS2(fmax) VADOS_MATH_FORMS2(fdim)
VADOS_MATH_FORMS2(hypot) VADOS_MATH_FORMS2(pow) VADOS_MATH_FORMS2(atan2)
#undef VADOS_MATH_FORMS1
#undef VADOS_MATH_FORMS2
static __inline__ float modff(float x, float *ip)
{
	double i, f = modf(x, &i);
	*ip = (float)i;
	return (float)f;
}
static __inline__ float frexpf(float x, int *e) { return (float)frexp(x, e); }
static __inline__ float ldexpf(float x, int e) { return (float)ldexp(x, e); }
static __inline__ long double frexpl(long double x, int *e) { return frexp((double)x, e); }
static __inline__ long double ldexpl(long double x, int e) { return ldexp((double)x, e); }
static __inline__ long lroundf(float x) { return lround(x); }
static __inline__ float nanf(const char *tag) { return (float)nan(tag); }

VADOS_END_DECLS

#endif
