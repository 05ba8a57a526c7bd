/* printf's %n as Microsoft's UCRT has it: off by default (the invalid-
 * parameter handler, -1, EINVAL) in the narrow and wide forms until
 * _set_printf_count_output turns it on, then the count stored at its
 * length; wcstod, wcstof, wcstold and _wtof; swscanf's wide and narrow
 * stores. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define TEST_NAME "crt-printf-n"
#include "check.h"
#include "crt-common.h"

static void count_output(void)
{
	char buf[32];
	wchar_t wbuf[32];
	int n = -1;
	short h = -1;
	long long ll = -1;

	CHECK(_get_printf_count_output() == 0, "off by default");
	FAILS_ERRNO(sprintf(buf, "ab%ncd", &n), -1, EINVAL, 1);
	CHECK(n == -1, "nothing stored: %d", n);
	FAILS_ERRNO(snprintf(buf, sizeof(buf), "%n", &n), -1, EINVAL, 1);
	FAILS_ERRNO(swprintf_s(wbuf, 32, L"x%n", &n), -1, EINVAL, 1);
	CHECK(n == -1, "nothing stored: %d", n);

	CHECK(_set_printf_count_output(1) == 0, "was off");
	CHECK(_get_printf_count_output() != 0, "on");
	CHECK(sprintf(buf, "abc%n%d%hn%lln!", &n, 42, &h, &ll) == 6 && n == 3 && h == 5 &&
	      ll == 5 && strcmp(buf, "abc42!") == 0, "%d %d %lld %s", n, h, ll, buf);
	n = -1;
	CHECK(swprintf_s(wbuf, 32, L"%ls%n", L"wide", &n) == 4 && n == 4, "wide: %d", n);
	CHECK(_set_printf_count_output(0) != 0, "was on");
}

static void wide_floats(void)
{
	wchar_t *end;
	double d;

	d = wcstod(L"  -12.5e1\x3b1", &end);
	CHECK(d == -125.0 && *end == 0x3b1, "wcstod: %g", d);
	CHECK(wcstof(L"0x1.8p1", &end) == 3.0f && *end == 0, "wcstof hex");
	CHECK(wcstold(L"inf", &end) == HUGE_VAL && *end == 0, "wcstold inf");
	CHECK(wcstod(L"x1", &end) == 0 && *end == L'x', "no number: end at the start");
	errno = 0;
	CHECK(wcstod(L"1e999", &end) == HUGE_VAL && errno == ERANGE, "ERANGE: %d", errno);
	errno = 0;
	CHECK(wcstof(L"1e50", NULL) == HUGE_VALF && errno == ERANGE, "float ERANGE: %d", errno);
	CHECK(_wtof(L"2.25") == 2.25, "_wtof");
	CHECK(wcstod(L"0.00000000000000000000000000000000000000000000000000000000000000000000"
		     L"000000001", &end) ==
	      strtod("0.00000000000000000000000000000000000000000000000000000000000000000000"
		     "000000001", NULL) && *end == 0, "a number longer than 64 characters");
}

static void wide_scans(void)
{
	wchar_t w[16];
	char a[16];
	double d = 0;
	int i = 0;

	CHECK(swscanf(L"12 ab\x3b1 3.5", L"%d %ls %lf", &i, w, &d) == 3 && i == 12 &&
	      wcscmp(w, L"ab\x3b1") == 0 && d == 3.5, "swscanf: %d %g", i, d);
	CHECK(swscanf(L"xy", L"%s", w) == 1 && wcscmp(w, L"xy") == 0, "%%s is wide");
	CHECK(swscanf(L"xy zw", L"%hs %S", a, a + 8) == 2 && strcmp(a, "xy") == 0 &&
	      strcmp(a + 8, "zw") == 0, "%%hs and %%S are narrow");
	CHECK(swscanf(L"\x3b1\x3b2-z", L"%[^-]-%c", w, w + 8) == 2 &&
	      wcscmp(w, L"\x3b1\x3b2") == 0 && w[8] == L'z', "%%[^-] takes what is beyond 255");
	CHECK(swscanf(L"\x3b1", L"%[a-z]", w) == 0, "%%[a-z] does not");
	w[0] = L'x';
	CHECK(swscanf_s(L"abc", L"%s", w, 2) == 0 && w[0] == 0, "swscanf_s: too small a buffer");
	CHECK(sscanf("ab", "%ls", w) == 1 && wcscmp(w, L"ab") == 0, "sscanf's %%ls is wide");
	FAILS_ERRNO(swscanf(NULL, L"%d", &i), EOF, EINVAL, 1);
}

int main(void)
{
	_set_invalid_parameter_handler(count_handler);
	count_output();
	wide_floats();
	wide_scans();
	printf("crt-printf-n: %d failures\n", failures);
	return failures != 0;
}
