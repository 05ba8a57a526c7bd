/* Host unit tests for kernel/rtl/format.c's floating-point conversions and
 * Microsoft's length modifiers. The host's printf rounds the exact value half
 * to even, as Microsoft's C runtime does since Visual Studio 2019 16.2, so
 * finite values must render exactly as it renders them. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include "kernel/rtl/format.h"
#include "tests/host/check.h"

#define OUT_MAX 2048

static char kbuf[OUT_MAX], cbuf[OUT_MAX];
static int klen, clen;

static void render(const char *fmt, ...)
{
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	klen = kvsnprintf(kbuf, sizeof(kbuf), fmt, ap);
	clen = vsnprintf(cbuf, sizeof(cbuf), fmt, ap2);
	va_end(ap2);
	va_end(ap);
}

/* The C library's formatting (Microsoft's %p). */
static void emit_crt(void *ctx, char c)
{
	int *len = ctx;

	if (*len < OUT_MAX - 1)
		kbuf[*len] = c;
	++*len;
}

static const char *crtfmt(const char *fmt, ...)
{
	va_list ap;
	int len = 0;

	va_start(ap, fmt);
	klen = fmt_vformat_crt(emit_crt, &len, fmt, ap, 0);
	va_end(ap);
	kbuf[len < OUT_MAX ? len : OUT_MAX - 1] = '\0';
	return kbuf;
}

#define CHECK_LIKE_LIBC(...)                  \
	do {                                  \
		render(__VA_ARGS__);          \
		CHECK_STR(kbuf, cbuf);        \
		CHECK_EQ_U(klen, clen);       \
	} while (0)

static const char *kfmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	klen = kvsnprintf(kbuf, sizeof(kbuf), fmt, ap);
	va_end(ap);
	return kbuf;
}

static const char *const formats[] = {
	"%f", "%e", "%g", "%E", "%G", "%F", "%.0f", "%.1f", "%.2f", "%.3e", "%.0e", "%#.0f",
	"%#.0e", "%#g", "%.10g", "%.17g", "%.20f", "%+f", "% e", "%012.4f", "%-12.3g|",
	"%+015.6e", "%.1g", "%.0g", "%#.3g", "%12g", "%-+10.2f|", "%.40e", "%.300f",
};

TEST(common_values_like_libc)
{
	static const double values[] = {
		0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
		3.14159265358979, 2.718281828459045, 100.0, 1e6, 123456789.0, 1e15, 1e16, 1e17,
		9.5, 99.5, 999.9999, 0.05, 0.005, 0.0005, 0.00001234, 1e-5, 1e-4, 1.25, 1.35,
		1e21, 1e100, 1e300, 1.7976931348623157e308, 2.2250738585072014e-308,
		4.9406564584124654e-324, 1e-320, 0.999999, 0.9999995, 9.9999995, 123.456,
	};
	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++)
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			if (values[v] == 999.9999 && strcmp(formats[f], "%#.3g") == 0)
				continue;       /* glibc's bug: see rounding_half_to_even */
			CHECK_LIKE_LIBC(formats[f], values[v]);
			if (check_failure)
				return;
		}
}

TEST(random_bit_patterns_like_libc)
{
	srand(1234);
	for (int i = 0; i < 3000 && !check_failure; i++) {
		uint64_t bits = (uint64_t)rand() << 62 ^ (uint64_t)rand() << 31 ^ (uint64_t)rand();
		double d;
		memcpy(&d, &bits, sizeof(d));
		if (isnan(d) || isinf(d))
			continue;
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
			CHECK_LIKE_LIBC(formats[f], d);
	}
}

TEST(long_double_like_libc)
{
	CHECK_LIKE_LIBC("%Lf", 1.5L);
	CHECK_LIKE_LIBC("%.20Le", 1.0L / 3);
	CHECK_LIKE_LIBC("%Lg", -123456.789L);
}

TEST(infinities_and_nans_as_microsoft)
{
	CHECK_STR(kfmt("%f", INFINITY), "inf");
	CHECK_STR(kfmt("%e", -INFINITY), "-inf");
	CHECK_STR(kfmt("%F", INFINITY), "INF");
	CHECK_STR(kfmt("%8.3f|", INFINITY), "     inf|");
	CHECK_STR(kfmt("%08f", -INFINITY), "    -inf");
	CHECK_STR(kfmt("%f", (double)NAN), "nan");
	CHECK_STR(kfmt("%f", -(double)NAN), "-nan(ind)");     /* the default NaN */
	CHECK_STR(kfmt("%G", -(double)NAN), "-NAN(IND)");
	uint64_t snan = 0x7ff0000000000001ull;
	double d;
	memcpy(&d, &snan, sizeof(d));
	CHECK_STR(kfmt("%f", d), "nan(snan)");
}

TEST(rounding_half_to_even)
{
	CHECK_STR(kfmt("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5), "0 2 2 4");
	CHECK_STR(kfmt("%.1f", 0.25), "0.2");
	CHECK_STR(kfmt("%.1f", 0.35), "0.3");        /* 0.34999... exactly */
	CHECK_STR(kfmt("%.2f", 1.005), "1.00");      /* 1.00499... */
	CHECK_STR(kfmt("%.0f", 9.5), "10");
	CHECK_STR(kfmt("%.3g", 99950.0), "1e+05");
	/* Rounding up to 10^P switches %#g to the exponent form and keeps its
	 * P-1 digits (glibc prints "1.e+03" here, against C's rule). */
	CHECK_STR(kfmt("%#.3g", 999.9999), "1.00e+03");
	CHECK_STR(kfmt("%#.3g", 99.99), "100.");
}

TEST(counts_and_truncation)
{
	char small[5];
	CHECK_EQ_U(ksnprintf(small, sizeof(small), "%.6f", 3.14159), 8);
	CHECK_STR(small, "3.14");
}

TEST(microsoft_length_modifiers)
{
	CHECK_STR(kfmt("%I64d", -1234567890123ll), "-1234567890123");
	CHECK_STR(kfmt("%I64u %I64X", 18446744073709551615ull, 0xABCDEF0123ull),
		  "18446744073709551615 ABCDEF0123");
	CHECK_STR(kfmt("%I32d %Iu %d", -5, (size_t)7, 9), "-5 7 9");
	CHECK_STR(kfmt("%jd %td", (long long)-3, (ptrdiff_t)4), "-3 4");
}

TEST(wide_strings_narrowed)
{
	static const wchar_t text[] = L"wide\u00e9\u4e2d";
	CHECK_STR(kfmt("%ls|%S|%.2ws", L"abc", L"xyz", L"qrst"), "abc|xyz|qr");
	CHECK_STR(kfmt("%5lc|%C|%wc", (wint_t)L'a', (wint_t)L'b', (wint_t)0x4e2d), "    a|b|?");
	CHECK_STR(kfmt("%ls", text), "wide\xe9?");
	CHECK_STR(kfmt("%ls", (wchar_t *)NULL), "(null)");
}

TEST(pointers_as_microsoft_in_the_c_library_only)
{
	CHECK_STR(crtfmt("%p", (void *)0x12ff7c), sizeof(void *) == 8 ? "000000000012FF7C" : "0012FF7C");
	CHECK_STR(crtfmt("[%-10p]", (void *)0xc0ffee),
		  sizeof(void *) == 8 ? "[0000000000C0FFEE]" : "[00C0FFEE  ]");
	CHECK_STR(kfmt("%p", (void *)0x1234), "0x1234");      /* the kernel's */
}

TEST(hex_floats_as_microsoft)
{
	CHECK_STR(kfmt("%a", 1.0), "0x1.0000000000000p+0");
	CHECK_STR(kfmt("%A", -3.0), "-0X1.8000000000000P+1");
	CHECK_STR(kfmt("%a", 0.0), "0x0.0000000000000p+0");
	CHECK_STR(kfmt("%.2a", 1.0 / 3), "0x1.55p-2");
	CHECK_STR(kfmt("%.0a", 1.5), "0x2p+0");       /* half to even: 1.8 -> 2 */
	CHECK_STR(kfmt("%.1a", 0x1.08p0), "0x1.0p+0");
	CHECK_STR(kfmt("%a", 4.9406564584124654e-324), "0x0.0000000000001p-1022");
	CHECK_STR(kfmt("%12.1a|", 1.0), "    0x1.0p+0|");
	CHECK_STR(kfmt("%012.1a|", -1.0), "-0x0001.0p+0|");
	CHECK_STR(kfmt("%a", INFINITY), "inf");
}

int main(void)
{
	RUN("host/format_float", common_values_like_libc);
	RUN("host/format_float", random_bit_patterns_like_libc);
	RUN("host/format_float", long_double_like_libc);
	RUN("host/format_float", infinities_and_nans_as_microsoft);
	RUN("host/format_float", rounding_half_to_even);
	RUN("host/format_float", counts_and_truncation);
	RUN("host/format_float", microsoft_length_modifiers);
	RUN("host/format_float", wide_strings_narrowed);
	RUN("host/format_float", pointers_as_microsoft_in_the_c_library_only);
	RUN("host/format_float", hex_floats_as_microsoft);
	return check_summary();
}
