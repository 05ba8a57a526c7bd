/* Host unit tests for kernel/rtl/format.c: conversions, flags, width, precision,
 * length modifiers and ksnprintf's truncation. Where the kernel promises C
 * semantics the expected text comes from the host's vsnprintf. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include "kernel/rtl/format.h"
#include "tests/host/check.h"
#include "tests/host/isolate.h"

#define OUT_MAX 128

/* The kernel's and the C library's rendering of one format. */
struct rendering {
	char kernel[OUT_MAX], libc[OUT_MAX];
	int kernel_len, libc_len;
};

/* The format helpers take fmt as a plain parameter (no format attribute), so
 * cases may use flag combinations the compiler's format checker frowns on. */
static struct rendering render(const char *fmt, ...)
{
	struct rendering r;
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	r.kernel_len = kvsnprintf(r.kernel, sizeof(r.kernel), fmt, ap);
	r.libc_len = vsnprintf(r.libc, sizeof(r.libc), fmt, ap2);
	va_end(ap2);
	va_end(ap);
	return r;
}

/* The kernel's output must equal the C library's, text and returned length. */
#define CHECK_LIKE_LIBC(...)                                                  \
	do {                                                                  \
		struct rendering r_ = render(__VA_ARGS__);                    \
		CHECK_STR(r_.kernel, r_.libc);                                \
		CHECK_EQ_U(r_.kernel_len, r_.libc_len);                       \
	} while (0)

/* ksnprintf into a static buffer; also checks the returned length. */
static char kfmt_buf[OUT_MAX];
static int kfmt_len;

static const char *kfmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kfmt_len = kvsnprintf(kfmt_buf, sizeof(kfmt_buf), fmt, ap);
	va_end(ap);
	return kfmt_buf;
}

#define CHECK_FMT(expected, ...)                                              \
	do {                                                                  \
		CHECK_STR(kfmt(__VA_ARGS__), expected);                       \
		CHECK_EQ_U(kfmt_len, strlen(expected));                       \
	} while (0)

/* ---- conversions -------------------------------------------------------- */

TEST(conv_d)
{
	CHECK_FMT("0", "%d", 0);
	CHECK_FMT("42", "%d", 42);
	CHECK_FMT("-42", "%d", -42);
	CHECK_LIKE_LIBC("%d", INT_MAX);
}

TEST(conv_i_matches_d)
{
	CHECK_FMT("-7", "%i", -7);
	CHECK_LIKE_LIBC("%i|%i", 123456, -99);
}

TEST(conv_u)
{
	CHECK_FMT("0", "%u", 0u);
	CHECK_FMT("4294967295", "%u", 4294967295u);
	CHECK_FMT("4294967295", "%u", -1);      /* the int's bits, as unsigned */
}

TEST(conv_x_lowercase)
{
	CHECK_FMT("deadbeef", "%x", 0xdeadbeefu);
	CHECK_FMT("0", "%x", 0u);
}

TEST(conv_X_uppercase)
{
	CHECK_FMT("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK_LIKE_LIBC("%X", 0xabcu);
}

TEST(conv_o)
{
	CHECK_FMT("10", "%o", 8u);
	CHECK_FMT("0", "%o", 0u);
	CHECK_FMT("37777777777", "%o", 0xffffffffu);
}

TEST(conv_p_like_libc)
{
	CHECK_FMT("0x1234", "%p", (void *)0x1234);
	CHECK_LIKE_LIBC("%p", (void *)0x1234);
	CHECK_LIKE_LIBC("%p", (void *)(uintptr_t)0xdeadbeefcafeull);
	CHECK_LIKE_LIBC("%p", (void *)&kfmt_buf);
	CHECK_LIKE_LIBC("[%20p]", (void *)0xc0ffee);
	CHECK_LIKE_LIBC("[%-20p]", (void *)0xc0ffee);
}

TEST(conv_s)
{
	CHECK_FMT("hello", "%s", "hello");
	CHECK_FMT("", "%s", "");
	CHECK_FMT("a-b-c", "%s-%s-%s", "a", "b", "c");
}

TEST(conv_s_null)
{
	CHECK_FMT("(null)", "%s", (const char *)NULL);
	CHECK_FMT("[  (null)]", "[%8s]", (const char *)NULL);
}

TEST(conv_s_width_and_precision)
{
	CHECK_LIKE_LIBC("[%8s]", "abc");
	CHECK_LIKE_LIBC("[%-8s]", "abc");
	CHECK_LIKE_LIBC("[%.2s]", "abcdef");
	CHECK_LIKE_LIBC("[%.0s]", "abcdef");
	CHECK_LIKE_LIBC("[%6.3s]", "abcdef");
	CHECK_LIKE_LIBC("[%2s]", "abcdef");
}

ISOLATED_TEST(conv_s_precision_does_not_read_past)
{
	/* C: with a precision the array need not be NUL-terminated, and no more
	 * than precision bytes are read. The buffer is exactly 3 bytes: ASan. */
	char *raw = malloc(3);

	memcpy(raw, "xyz", 3);
	CHECK_FMT("xyz", "%.3s", raw);
	CHECK_FMT("xy", "%.2s", raw);
	free(raw);
}

/* %c cases run isolated: the character lives in a one-byte object. */
ISOLATED_TEST(conv_c)
{
	CHECK_FMT("A", "%c", 'A');
	CHECK_LIKE_LIBC("[%3c]", 'z');
	CHECK_LIKE_LIBC("[%-3c]", 'z');
	CHECK_LIKE_LIBC("%c%c%c", 'a', 'b', 'c');
}

ISOLATED_TEST(conv_c_nul_counts_one_char)
{
	/* C: %c writes the character even when it is '\0'; the length says so. */
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	CHECK_EQ_U(ksnprintf(buf, sizeof(buf), "a%cb", 0), 3);
	CHECK(buf[0] == 'a' && buf[1] == '\0' && buf[2] == 'b');
}

TEST(conv_percent)
{
	CHECK_FMT("%", "%%");
	CHECK_FMT("100%", "100%%");
	CHECK_FMT("%d", "%%d");
}

TEST(unknown_conversion_verbatim)
{
	CHECK_FMT("%y", "%y");
	CHECK_FMT("a%yb", "a%yb");
	CHECK_FMT("%k%y", "%k%y");
}

TEST(unknown_conversion_takes_no_argument)
{
	CHECK_FMT("%y 5", "%y %d", 5);
}

TEST(trailing_lone_percent)
{
	CHECK_FMT("abc%", "abc%");
}

TEST(literal_text_only)
{
	CHECK_FMT("", "");
	CHECK_FMT("plain text", "plain text");
}

/* ---- flags --------------------------------------------------------------- */

TEST(flag_minus)
{
	CHECK_FMT("42   |", "%-5d|", 42);
	CHECK_LIKE_LIBC("[%-6x]", 0xabu);
	CHECK_LIKE_LIBC("[%-05d]", 42);        /* '-' overrides '0' */
}

TEST(flag_zero)
{
	CHECK_FMT("00042", "%05d", 42);
	CHECK_FMT("-0042", "%05d", -42);
	CHECK_LIKE_LIBC("%08x", 0xbeefu);
	CHECK_LIKE_LIBC("%+06d", 42);
	CHECK_LIKE_LIBC("%02d", 12345);
}

TEST(flag_zero_ignored_with_precision)
{
	CHECK_FMT("  042", "%05.3d", 42);
	CHECK_LIKE_LIBC("[%08.3x]", 0xau);
}

TEST(flag_plus)
{
	CHECK_FMT("+5", "%+d", 5);
	CHECK_FMT("-5", "%+d", -5);
	CHECK_FMT("+0", "%+d", 0);
	CHECK_LIKE_LIBC("[%+6d]", 77);
}

TEST(flag_space)
{
	CHECK_FMT(" 5", "% d", 5);
	CHECK_FMT("-5", "% d", -5);
	CHECK_FMT("+5", "%+ d", 5);             /* '+' overrides ' ' */
	CHECK_LIKE_LIBC("[% 05d]", 9);
}

TEST(flag_alt_hex)
{
	CHECK_FMT("0xff", "%#x", 0xffu);
	CHECK_FMT("0XFF", "%#X", 0xffu);
	CHECK_FMT("0", "%#x", 0u);              /* no prefix on zero */
	CHECK_LIKE_LIBC("%#08x", 0xffu);
	CHECK_LIKE_LIBC("[%#10x]", 0xffu);
	CHECK_LIKE_LIBC("[%-#10x]", 0xffu);
	CHECK_LIKE_LIBC("%#.4x", 0xffu);
}

TEST(flag_alt_octal)
{
	CHECK_FMT("010", "%#o", 8u);
	CHECK_FMT("0", "%#o", 0u);
	CHECK_LIKE_LIBC("%#05o", 8u);
}

TEST(flag_alt_octal_precision_already_zero)
{
	/* C: '#' raises the precision only as far as needed to start with a 0. */
	CHECK_LIKE_LIBC("%#.3o", 8u);
	CHECK_LIKE_LIBC("%#.4o", 0777u);
}

ISOLATED_TEST(flag_alt_octal_zero_value_zero_precision)
{
	/* C: "%#.0o" of 0 is "0" (the '#' supplies the one zero digit). */
	CHECK_LIKE_LIBC("%#.0o", 0u);
	CHECK_LIKE_LIBC("[%#5.0o]", 0u);
}

TEST(flags_plus_space_ignored_for_unsigned)
{
	/* C: '+' and ' ' apply to signed conversions only. */
	CHECK_LIKE_LIBC("%+u", 5u);
	CHECK_LIKE_LIBC("% u", 5u);
	CHECK_LIKE_LIBC("%+x", 0xffu);
	CHECK_LIKE_LIBC("% o", 8u);
}

TEST(flag_plus_keeps_alt_prefix_on_hex)
{
	CHECK_LIKE_LIBC("%#+x", 0xffu);
}

/* ---- width and precision -------------------------------------------------- */

TEST(width)
{
	CHECK_FMT("      42", "%8d", 42);
	CHECK_FMT("     -42", "%8d", -42);
	CHECK_FMT("12345", "%2d", 12345);      /* never truncates */
	CHECK_LIKE_LIBC("[%10u]", 4000000000u);
}

TEST(precision_numbers)
{
	CHECK_FMT("00042", "%.5d", 42);
	CHECK_FMT("-00042", "%.5d", -42);
	CHECK_FMT("   00042", "%8.5d", 42);
	CHECK_FMT("42", "%.1d", 42);
	CHECK_LIKE_LIBC("%.3x", 0xau);
	CHECK_LIKE_LIBC("[%-8.3d]", 5);
}

TEST(precision_zero_with_zero_value)
{
	CHECK_FMT("", "%.0d", 0);
	CHECK_FMT("     ", "%5.0d", 0);
	CHECK_LIKE_LIBC("[%.0x]", 0u);
	CHECK_LIKE_LIBC("[%+.0d]", 0);
	CHECK_LIKE_LIBC("[%#.0x]", 0u);
	CHECK_FMT("1", "%.0d", 1);
}

TEST(star_width)
{
	CHECK_FMT("   42", "%*d", 5, 42);
	CHECK_FMT("42   |", "%*d|", -5, 42);     /* negative: left-justify */
	CHECK_LIKE_LIBC("[%*s]", 6, "ab");
	CHECK_LIKE_LIBC("[%*s]", -6, "ab");
}

TEST(star_precision)
{
	CHECK_FMT("0042", "%.*d", 4, 42);
	CHECK_FMT("abc", "%.*s", 3, "abcdef");
	CHECK_FMT("42", "%.*d", -1, 42);         /* negative: as if omitted */
	CHECK_LIKE_LIBC("[%.*s]", -1, "abcdef");
}

TEST(star_width_and_precision)
{
	CHECK_FMT("   0042", "%*.*d", 7, 4, 42);
	CHECK_LIKE_LIBC("[%*.*x|%d]", -7, 3, 0xfu, 9);
}

/* ---- length modifiers ----------------------------------------------------- */

TEST(length_hh)
{
	CHECK_LIKE_LIBC("%hhd", 300);
	CHECK_LIKE_LIBC("%hhd", 200);
	CHECK_LIKE_LIBC("%hhx", -1);
	CHECK_LIKE_LIBC("%hhu", 256);
}

TEST(length_h)
{
	CHECK_LIKE_LIBC("%hd", 70000);
	CHECK_LIKE_LIBC("%hd", 40000);
	CHECK_LIKE_LIBC("%hu", -1);
	CHECK_LIKE_LIBC("%hx", 0x12345);
}

TEST(length_h_in_range_values)
{
	/* Values that already fit print the same whether or not 'h' narrows. */
	CHECK_FMT("-5", "%hd", (short)-5);
	CHECK_FMT("7f", "%hhx", 0x7f);
	CHECK_FMT("65535", "%hu", (unsigned short)65535);
}

TEST(length_l)
{
	CHECK_LIKE_LIBC("%ld", LONG_MIN);
	CHECK_LIKE_LIBC("%ld", LONG_MAX);
	CHECK_LIKE_LIBC("%lu", ULONG_MAX);
	CHECK_LIKE_LIBC("%lx", 0x123456789abcdefUL);
	CHECK_LIKE_LIBC("%li", -1L);
}

TEST(length_ll_64bit)
{
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("9223372036854775807", "%lld", LLONG_MAX);
	CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	CHECK_FMT("FFFFFFFFFFFFFFFF", "%llX", ULLONG_MAX);
	CHECK_FMT("1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK_LIKE_LIBC("%#llo", ULLONG_MAX);
	CHECK_LIKE_LIBC("[%-24lld]", LLONG_MIN);
}

TEST(length_ll_keeps_following_args_aligned)
{
	CHECK_FMT("4294967296 7 x", "%llu %d %s", 4294967296ULL, 7, "x");
	CHECK_FMT("7 4294967296 y", "%d %lld %s", 7, 4294967296LL, "y");
}

TEST(length_z)
{
	CHECK_LIKE_LIBC("%zu", SIZE_MAX);
	CHECK_LIKE_LIBC("%zx", (size_t)0xabcdef);
	CHECK_LIKE_LIBC("%zd", (ssize_t)-5);
	CHECK_LIKE_LIBC("%zu %d", sizeof(struct rendering), 3);
}

TEST(int_min)
{
	CHECK_FMT("-2147483648", "%d", INT_MIN);
	CHECK_FMT("-2147483648", "%i", INT_MIN);
	CHECK_LIKE_LIBC("%+d", INT_MIN);
	CHECK_LIKE_LIBC("[%14d]", INT_MIN);
	CHECK_LIKE_LIBC("[%014d]", INT_MIN);
	CHECK_LIKE_LIBC("[%.12d]", INT_MIN);
}

TEST(mixed_against_libc)
{
	CHECK_LIKE_LIBC("pid %d: %s at %#x (%-3s) %5.2u%%", 12, "boot", 0x1000u, "k", 3u);
	CHECK_LIKE_LIBC("%-4d|%4d|%-4s|%4s|", 1, 2, "a", "b");
}

/* ---- ksnprintf bounds ----------------------------------------------------- */

TEST(snprintf_exact_fit)
{
	char buf[6];

	CHECK_EQ_U(ksnprintf(buf, sizeof(buf), "hello"), 5);
	CHECK_STR(buf, "hello");
}

TEST(snprintf_truncates_returns_full_length)
{
	char *buf = malloc(5);                  /* exact size: ASan checks writes */

	CHECK_EQ_U(ksnprintf(buf, 5, "hello %s", "world"), 11);
	CHECK_STR(buf, "hell");
	CHECK_EQ_U(ksnprintf(buf, 5, "%d", 1234567), 7);
	CHECK_STR(buf, "1234");
	free(buf);
}

TEST(snprintf_size_one_gives_empty_string)
{
	char buf[4] = "XYZ";

	CHECK_EQ_U(ksnprintf(buf, 1, "abc"), 3);
	CHECK_EQ_U(buf[0], '\0');
	CHECK_EQ_U(buf[1], 'Y');                /* nothing past size touched */
}

TEST(snprintf_size_zero_writes_nothing)
{
	char buf[4] = "XYZ";

	CHECK_EQ_U(ksnprintf(buf, 0, "abc%d", 42), 5);
	CHECK_STR(buf, "XYZ");
	CHECK_EQ_U(ksnprintf(NULL, 0, "%s", "four"), 4);
}

TEST(snprintf_never_writes_past_size)
{
	char buf[16];

	for (size_t size = 1; size < sizeof(buf); size++) {
		memset(buf, '#', sizeof(buf));
		CHECK_EQ_U(ksnprintf(buf, size, "%08x-%s", 0xcafeu, "tail"), 13);
		CHECK_EQ_U(strlen(buf), size - 1 < 13 ? size - 1 : 13);
		CHECK(strncmp(buf, "0000cafe-tail", strlen(buf)) == 0);
		for (size_t i = size; i < sizeof(buf); i++)
			CHECK_EQ_U(buf[i], '#');
	}
}

/* ---- fmt_vformat --------------------------------------------------------- */

struct sink { char text[64]; int calls; };

static void sink_emit(void *ctx, char c)
{
	struct sink *s = ctx;

	if (s->calls < (int)sizeof(s->text) - 1)
		s->text[s->calls] = c;
	s->calls++;
}

static int sink_format(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	memset(s, 0, sizeof(*s));
	va_start(ap, fmt);
	n = fmt_vformat(sink_emit, s, fmt, ap);
	va_end(ap);
	return n;
}

TEST(vformat_emits_each_char_and_counts)
{
	struct sink s;

	CHECK_EQ_U(sink_format(&s, "x=%d y=%s", -3, "ok"), 9);
	CHECK_EQ_U(s.calls, 9);
	CHECK_STR(s.text, "x=-3 y=ok");
}

TEST(vformat_empty_format_emits_nothing)
{
	struct sink s;

	CHECK_EQ_U(sink_format(&s, ""), 0);
	CHECK_EQ_U(s.calls, 0);
}

int main(void)
{
	RUN("host/format", conv_d);
	RUN("host/format", conv_i_matches_d);
	RUN("host/format", conv_u);
	RUN("host/format", conv_x_lowercase);
	RUN("host/format", conv_X_uppercase);
	RUN("host/format", conv_o);
	RUN("host/format", conv_p_like_libc);
	RUN("host/format", conv_s);
	RUN("host/format", conv_s_null);
	RUN("host/format", conv_s_width_and_precision);
	RUN("host/format", conv_s_precision_does_not_read_past);
	RUN("host/format", conv_c);
	RUN("host/format", conv_c_nul_counts_one_char);
	RUN("host/format", conv_percent);
	RUN("host/format", unknown_conversion_verbatim);
	RUN("host/format", unknown_conversion_takes_no_argument);
	RUN("host/format", trailing_lone_percent);
	RUN("host/format", literal_text_only);
	RUN("host/format", flag_minus);
	RUN("host/format", flag_zero);
	RUN("host/format", flag_zero_ignored_with_precision);
	RUN("host/format", flag_plus);
	RUN("host/format", flag_space);
	RUN("host/format", flag_alt_hex);
	RUN("host/format", flag_alt_octal);
	RUN("host/format", flag_alt_octal_precision_already_zero);
	RUN("host/format", flag_alt_octal_zero_value_zero_precision);
	RUN("host/format", flags_plus_space_ignored_for_unsigned);
	RUN("host/format", flag_plus_keeps_alt_prefix_on_hex);
	RUN("host/format", width);
	RUN("host/format", precision_numbers);
	RUN("host/format", precision_zero_with_zero_value);
	RUN("host/format", star_width);
	RUN("host/format", star_precision);
	RUN("host/format", star_width_and_precision);
	RUN("host/format", length_hh);
	RUN("host/format", length_h);
	RUN("host/format", length_h_in_range_values);
	RUN("host/format", length_l);
	RUN("host/format", length_ll_64bit);
	RUN("host/format", length_ll_keeps_following_args_aligned);
	RUN("host/format", length_z);
	RUN("host/format", int_min);
	RUN("host/format", mixed_against_libc);
	RUN("host/format", snprintf_exact_fit);
	RUN("host/format", snprintf_truncates_returns_full_length);
	RUN("host/format", snprintf_size_one_gives_empty_string);
	RUN("host/format", snprintf_size_zero_writes_nothing);
	RUN("host/format", snprintf_never_writes_past_size);
	RUN("host/format", vformat_emits_each_char_and_counts);
	RUN("host/format", vformat_empty_format_emits_nothing);
	return check_summary();
}
