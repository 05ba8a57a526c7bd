/* <math.h> on the x87 with Microsoft's errno rules, <time.h> (64-bit
 * time_t, gmtime/mktime/strftime/asctime, clock), and assert and abort in
 * children: "Assertion failed: ..." on stderr and status 3. */
#define TEST_NAME "libc-math-time"
#include <assert.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>
#include "check.h"
#include "ob-common.h"

#define NEAR(got, want) CHECK(fabs((got) - (want)) <= 4 * DBL_EPSILON * fabs(want) + 1e-300, \
			      "%.17g, want %.17g", (double)(got), (double)(want))
#define SAME(got, want) CHECK(strcmp(got, want) == 0, "\"%s\", want \"%s\"", got, want)

static void exact_operations(void)
{
	double ip;
	int e;

	CHECK(sqrt(2.0) == 1.4142135623730951 && sqrt(16.0) == 4.0, "%.17g", sqrt(2.0));
	CHECK(floor(-2.5) == -3 && ceil(-2.5) == -2 && trunc(-2.7) == -2 && floor(3.0) == 3,
	      "floor, ceil, trunc");
	CHECK(round(2.5) == 3 && round(-2.5) == -3 && round(0.49999999999999994) == 0 &&
	      rint(2.5) == 2 && lround(-3.5) == -4, "round");
	CHECK(fmod(7.5, 2) == 1.5 && fmod(-7.5, 2) == -1.5 && fabs(-0.0) == 0 && !signbit(fabs(-1.0)),
	      "fmod %.17g", fmod(7.5, 2));
	CHECK(modf(3.75, &ip) == 0.75 && ip == 3 && modf(-2.5, &ip) == -0.5 && ip == -2, "modf");
	CHECK(frexp(8.0, &e) == 0.5 && e == 4 && ldexp(0.5, 4) == 8 && frexp(0.0, &e) == 0 && e == 0,
	      "frexp, ldexp");
	CHECK(pow(2, 10) == 1024 && pow(10, -2) == 0.01 && pow(-2, 3) == -8 && pow(0, 0) == 1,
	      "pow exact %.17g", pow(10, -2));
	CHECK(hypot(3, 4) == 5 && cbrt(27) == 3 && cbrt(-8) == -2 && copysign(3, -1) == -3,
	      "hypot, cbrt");
	CHECK(fmax(1, NAN) == 1 && fmin(-1, 2) == -1, "fmin, fmax");
	CHECK(sqrtf(2.0f) == 1.41421356f && fabsf(-1.5f) == 1.5f && floorf(1.5f) == 1.0f, "float forms");
}

static void transcendental(void)
{
	NEAR(exp(1.0), M_E);
	NEAR(log(M_E), 1.0);
	NEAR(log10(1000.0), 3.0);
	NEAR(log2(8.0), 3.0);
	NEAR(pow(2.0, 0.5), M_SQRT2);
	NEAR(pow(1.5, 2.5), 2.7556759606310752);
	NEAR(sin(M_PI / 6), 0.5);
	NEAR(cos(M_PI / 3), 0.5);
	NEAR(tan(M_PI / 4), 1.0);
	NEAR(atan(1.0), M_PI_4);
	NEAR(atan2(-1.0, -1.0), -3 * M_PI_4);
	NEAR(asin(1.0), M_PI_2);
	NEAR(acos(-1.0), M_PI);
	NEAR(sinh(1.0), 1.1752011936438014);
	NEAR(cosh(1.0), 1.5430806348152437);
	NEAR(tanh(0.5), 0.46211715726000974);
	NEAR(exp(-1.0), 0.36787944117144233);
	NEAR(log1p(1e-10), 9.9999999995e-11);
}

static void errors(void)
{
	errno = 0;
	CHECK(isnan(sqrt(-1.0)) && errno == EDOM, "sqrt(-1): errno %d", errno);
	errno = 0;
	CHECK(log(0.0) == -HUGE_VAL && errno == ERANGE, "log(0): errno %d", errno);
	errno = 0;
	CHECK(isnan(log(-1.0)) && errno == EDOM, "log(-1)");
	errno = 0;
	CHECK(exp(1000.0) == HUGE_VAL && errno == ERANGE, "exp overflow");
	errno = 0;
	CHECK(isnan(pow(-8.0, 1.0 / 3)) && errno == EDOM, "pow of a negative");
	errno = 0;
	CHECK(isnan(acos(2.0)) && errno == EDOM, "acos(2)");
	CHECK(isnan(NAN) && isinf(INFINITY) && isinf(-HUGE_VAL) && isfinite(1.0) && !isfinite(NAN),
	      "classes");
	CHECK(fpclassify(0.0) == FP_ZERO && fpclassify(1.0) == FP_NORMAL && fpclassify(NAN) == FP_NAN &&
	      fpclassify(INFINITY) == FP_INFINITE && fpclassify(DBL_MIN / 4) == FP_SUBNORMAL,
	      "fpclassify");
	char buf[32];
	snprintf(buf, sizeof(buf), "%.10f", M_PI);
	SAME(buf, "3.1415926536");
}

static void calendar(void)
{
	char buf[64];
	time_t t = 1000000000;
	struct tm *tm = gmtime(&t), mine;

	CHECK(sizeof(time_t) == 8, "Microsoft's 64-bit time_t");
	CHECK(tm && tm->tm_year == 101 && tm->tm_mon == 8 && tm->tm_mday == 9 && tm->tm_hour == 1 &&
	      tm->tm_min == 46 && tm->tm_sec == 40 && tm->tm_wday == 0 && tm->tm_yday == 251,
	      "gmtime(1000000000)");
	SAME(asctime(tm), "Sun Sep 09 01:46:40 2001\n");
	SAME(ctime(&t), "Sun Sep 09 01:46:40 2001\n");
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %B %j %p %%", tm);
	SAME(buf, "2001-09-09 01:46:40 Sun September 252 AM %");
	strftime(buf, sizeof(buf), "%c|%x|%X|%#d|%y", tm);
	SAME(buf, "09/09/01 01:46:40|09/09/01|01:46:40|9|01");
	CHECK(strftime(buf, 5, "%Y-%m", tm) == 0, "too small a buffer");
	t = 0;
	CHECK(gmtime_s(&mine, &t) == 0 && mine.tm_year == 70 && mine.tm_wday == 4, "the epoch");
	t = -1;
	errno = 0;
	CHECK(gmtime(&t) == NULL && errno == EINVAL, "before 1970");
	mine = (struct tm){ .tm_year = 120, .tm_mon = 0, .tm_mday = 32, .tm_hour = 24 };
	t = mktime(&mine);
	CHECK(t == 1580601600 && mine.tm_mon == 1 && mine.tm_mday == 2 && mine.tm_hour == 0 &&
	      mine.tm_wday == 0 && mine.tm_yday == 32, "mktime normalizes: %lld", t);
	mine = (struct tm){ .tm_year = 60, .tm_mday = 1 };
	CHECK(mktime(&mine) == -1, "mktime before 1970");
	CHECK(time(NULL) > 1700000000 && difftime(10, 4) == 6.0, "time, difftime");
	clock_t c0 = clock();
	Sleep(100);
	CHECK(clock() - c0 >= 90 && CLOCKS_PER_SEC == 1000, "clock: %ld", clock() - c0);
}

static void on_abort(int sig)
{
	printf(TEST_NAME ": SIGABRT handler ran for %d\n", sig);
}

static DWORD child(const char *self, const char *what)
{
	PROCESS_INFORMATION pi;

	return ob_start(self, what, FALSE, &pi) ? ob_reap(pi.hProcess, FALSE) : 0xDEAD;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "assert") == 0) {
		ob_started();
		assert(argc == 3);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "abort") == 0) {
		ob_started();
		signal(SIGABRT, on_abort);
		abort();
	}
	exact_operations();
	transcendental();
	errors();
	calendar();
	CHECK(child(argv[0], "assert") == 3, "a false assertion ends with 3");
	CHECK(child(argv[0], "abort") == 3, "abort ends with 3 after SIGABRT's handler");
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
