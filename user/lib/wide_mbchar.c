/* The C runtime's conversions between bytes and wide characters in its
 * "C" locale (vados/stdlib_wide.h, <wchar.h>): byte b is U+00b, and a
 * character above U+00FF has no byte. One byte each way, so no shift
 * state. (The Win32 calls use the ANSI code page, CP437, instead.) */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define EINVAL    22
#define ERANGE    34
#define EILSEQ    42
#define STRUNCATE 80

wint_t btowc(int c)
{
	return c == EOF ? WEOF : (unsigned char)c;
}

int wctob(wint_t c)
{
	return c <= 0xFF ? (int)c : EOF;
}

int mbsinit(const mbstate_t *state)
{
	(void)state;
	return 1;
}

/* s NULL: as for "" (0); n 0: (size_t)-2 (incomplete); else one byte. */
size_t mbrtowc(wchar_t *wc, const char *s, size_t n, mbstate_t *state)
{
	(void)state;
	if (!s)
		return 0;
	if (!n)
		return (size_t)-2;
	if (wc)
		*wc = (unsigned char)*s;
	return *s != 0;
}

size_t mbrlen(const char *s, size_t n, mbstate_t *state)
{
	return mbrtowc(NULL, s, n, state);
}

size_t wcrtomb(char *s, wchar_t wc, mbstate_t *state)
{
	(void)state;
	if (!s)
		return 1;
	if (wc > 0xFF)
		return (size_t)-1;
	*s = (char)wc;
	return 1;
}

int mbtowc(wchar_t *wc, const char *s, size_t n)
{
	if (!s)
		return 0;
	if (!n)
		return -1;
	if (wc)
		*wc = (unsigned char)*s;
	return *s != 0;
}

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	if (wc > 0xFF)
		return -1;
	*s = (char)wc;
	return 1;
}

size_t mbstowcs(wchar_t *dst, const char *src, size_t n)
{
	size_t i = 0;

	if (!dst)
		return strlen(src);
	for (; i < n && src[i]; i++)
		dst[i] = (unsigned char)src[i];
	if (i < n)
		dst[i] = 0;
	return i;
}

size_t wcstombs(char *dst, const wchar_t *src, size_t n)
{
	size_t i = 0;

	for (; (!dst || i < n) && src[i]; i++) {
		if (src[i] > 0xFF)
			return (size_t)-1;
		if (dst)
			dst[i] = (char)src[i];
	}
	if (dst && i < n)
		dst[i] = 0;
	return i;
}

/* How many of src's units (at most count, NUL not included) the _s forms
 * take. */
static size_t take(size_t length, size_t count)
{
	return count == _TRUNCATE || count > length ? length : count;
}

/* Unit i of dst, wide or bytes, becomes c. */
static void put_unit(void *dst, size_t i, unsigned c, bool wide)
{
	if (wide)
		((wchar_t *)dst)[i] = (wchar_t)c;
	else
		((char *)dst)[i] = (char)c;
}

/* Unit i of src, bytes (as unsigned) or wide. */
static unsigned get_unit(const void *src, size_t i, bool wide)
{
	return wide ? ((const wchar_t *)src)[i] : ((const unsigned char *)src)[i];
}

/* mbstowcs_s (to_wide) and wcstombs_s: the rules of the _s forms around
 * the one-to-one conversion of the first count units of src (all of them
 * for _TRUNCATE) into dst of size units, NUL-terminated. */
static errno_t convert_s(size_t *converted, void *dst, size_t size, const void *src,
			 size_t count, bool to_wide)
{
	size_t length, n;

	if (converted)
		*converted = 0;
	if ((!dst && size) || (dst && !size) || !src) {
		if (dst && size)
			put_unit(dst, 0, 0, to_wide);
		return EINVAL;
	}
	length = to_wide ? strlen(src) : wcslen(src);
	n = take(length, count);
	for (size_t i = 0; !to_wide && i < n; i++)
		if (get_unit(src, i, false) > 0xFF) {
			if (dst)
				put_unit(dst, 0, 0, false);
			return EILSEQ;
		}
	if (dst && n >= size && count != _TRUNCATE) {
		put_unit(dst, 0, 0, to_wide);
		return ERANGE;
	}
	if (dst) {
		if (n >= size)
			n = size - 1;
		for (size_t i = 0; i < n; i++)
			put_unit(dst, i, get_unit(src, i, !to_wide), to_wide);
		put_unit(dst, n, 0, to_wide);
	}
	if (converted)
		*converted = n + 1;
	return dst && count == _TRUNCATE && n < length ? STRUNCATE : 0;
}

errno_t mbstowcs_s(size_t *converted, wchar_t *dst, size_t size, const char *src, size_t count)
{
	return convert_s(converted, dst, size, src, count, true);
}

errno_t wcstombs_s(size_t *converted, char *dst, size_t size, const wchar_t *src, size_t count)
{
	return convert_s(converted, dst, size, src, count, false);
}
