/* <wchar.h>'s numbers: the wcstol and _wtoi families (text to number) and
 * the _itow family (number to text). */
#include <wchar.h>

/* errno is ERANGE for a value out of range, where the C library keeps
 * errno (<errno.h>). */
#if __has_include(<errno.h>)
#include <errno.h>
#define RANGE_ERROR() (errno = ERANGE)
#else
#define RANGE_ERROR() ((void)0)
#endif

/* The digit value of c in base 36, or 36 when it is none. */
static unsigned digit(wchar_t c)
{
	if (c >= L'0' && c <= L'9')
		return c - L'0';
	if (c >= L'a' && c <= L'z')
		return c - L'a' + 10;
	if (c >= L'A' && c <= L'Z')
		return c - L'A' + 10;
	return 36;
}

/* Parses s as the C rules say into its magnitude and *negative; a
 * magnitude above limit gives limit and sets *overflow. *end after the
 * digits, or s when there are none (or the base is not 0 or 2..36). */
static unsigned long long parse(const wchar_t *s, wchar_t **end, int base, int *negative,
				unsigned long long limit, int *overflow)
{
	const wchar_t *p = s;
	unsigned long long v = 0;
	int any = 0;

	*negative = *overflow = 0;
	if (end)
		*end = (wchar_t *)s;
	if (base < 0 || base == 1 || base > 36)
		return 0;
	while (iswspace(*p))
		p++;
	if (*p == L'+' || *p == L'-')
		*negative = *p++ == L'-';
	if ((base == 0 || base == 16) && p[0] == L'0' && (p[1] == L'x' || p[1] == L'X') &&
	    digit(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == L'0' ? 8 : 10;
	}
	for (; digit(*p) < (unsigned)base; p++, any = 1) {
		unsigned d = digit(*p);

		if (*overflow || v > (limit - d) / base)
			*overflow = 1;          /* keep reading the digits */
		else
			v = v * base + d;
	}
	if (any && end)
		*end = (wchar_t *)p;
	return *overflow ? limit : v;
}

long long wcstoll(const wchar_t *s, wchar_t **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse(s, end, base, &negative, 1ULL << 63, &overflow);

	if (overflow || (!negative && v == 1ULL << 63)) {
		RANGE_ERROR();
		return negative ? (long long)(-0x7FFFFFFFFFFFFFFFLL - 1) : 0x7FFFFFFFFFFFFFFFLL;
	}
	return negative ? (long long)-v : (long long)v;
}

/* A negative value is negated as an unsigned one, as C says. */
unsigned long long wcstoull(const wchar_t *s, wchar_t **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse(s, end, base, &negative, ~0ULL, &overflow);

	if (overflow) {
		RANGE_ERROR();
		return ~0ULL;
	}
	return negative ? -v : v;
}

long wcstol(const wchar_t *s, wchar_t **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse(s, end, base, &negative, 0x80000000ULL, &overflow);

	if (overflow || (!negative && v == 0x80000000ULL)) {
		RANGE_ERROR();
		return negative ? (long)(-0x7FFFFFFFL - 1) : 0x7FFFFFFFL;
	}
	return negative ? (long)-v : (long)v;
}

unsigned long wcstoul(const wchar_t *s, wchar_t **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse(s, end, base, &negative, 0xFFFFFFFFULL, &overflow);

	if (overflow) {
		RANGE_ERROR();
		return 0xFFFFFFFFUL;
	}
	return negative ? -(unsigned long)v : (unsigned long)v;
}

long long _wcstoi64(const wchar_t *s, wchar_t **end, int base)
{
	return wcstoll(s, end, base);
}

unsigned long long _wcstoui64(const wchar_t *s, wchar_t **end, int base)
{
	return wcstoull(s, end, base);
}

int _wtoi(const wchar_t *s)
{
	return (int)wcstol(s, NULL, 10);
}

long _wtol(const wchar_t *s)
{
	return wcstol(s, NULL, 10);
}

long long _wtoi64(const wchar_t *s)
{
	return wcstoll(s, NULL, 10);
}

long long _wtoll(const wchar_t *s)
{
	return wcstoll(s, NULL, 10);
}

/* v's digits in base (2..36) into s, after a '-' when negative; s. A bad
 * base gives "". */
static wchar_t *to_text(unsigned long long v, int negative, wchar_t *s, int base)
{
	wchar_t digits[66];
	int n = 0, i = 0;

	if (base < 2 || base > 36) {
		s[0] = 0;
		return s;
	}
	do
		digits[n++] = L"0123456789abcdefghijklmnopqrstuvwxyz"[v % base];
	while ((v /= base) != 0);
	if (negative)
		s[i++] = L'-';
	while (n)
		s[i++] = digits[--n];
	s[i] = 0;
	return s;
}

/* As _itoa: a negative value has a '-' in base 10 only (other bases show
 * the two's complement). */
wchar_t *_itow(int value, wchar_t *s, int radix)
{
	return radix == 10 && value < 0 ? to_text(-(unsigned)value, 1, s, radix)
					: to_text((unsigned)value, 0, s, radix);
}

wchar_t *_ltow(long value, wchar_t *s, int radix)
{
	return _itow((int)value, s, radix);
}

wchar_t *_ultow(unsigned long value, wchar_t *s, int radix)
{
	return to_text(value, 0, s, radix);
}

wchar_t *_i64tow(long long value, wchar_t *s, int radix)
{
	return radix == 10 && value < 0 ? to_text(-(unsigned long long)value, 1, s, radix)
					: to_text((unsigned long long)value, 0, s, radix);
}

wchar_t *_ui64tow(unsigned long long value, wchar_t *s, int radix)
{
	return to_text(value, 0, s, radix);
}

/* The _s forms: EINVAL (22) for a NULL buffer, a size of 0 or a bad radix,
 * ERANGE (34) when the digits and the NUL do not fit (s emptied). */
static errno_t fits(wchar_t *s, size_t size, int radix, const wchar_t *text)
{
	if (!s || !size || radix < 2 || radix > 36) {
		if (s && size)
			s[0] = 0;
		return 22;
	}
	if (wcslen(text) >= size) {
		s[0] = 0;
		return 34;
	}
	wcscpy(s, text);
	return 0;
}

errno_t _itow_s(int value, wchar_t *s, size_t size, int radix)
{
	wchar_t text[66];

	return fits(s, size, radix, _itow(value, text, radix));
}

errno_t _i64tow_s(long long value, wchar_t *s, size_t size, int radix)
{
	wchar_t text[66];

	return fits(s, size, radix, _i64tow(value, text, radix));
}

errno_t _ui64tow_s(unsigned long long value, wchar_t *s, size_t size, int radix)
{
	wchar_t text[66];

	return fits(s, size, radix, _ui64tow(value, text, radix));
}
