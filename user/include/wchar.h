/* <wchar.h> for vados: UTF-16 strings (wchar_t is 16-bit, -fshort-wchar),
 * as Microsoft's C runtime has them (user/lib/wide_string.c,
 * wide_number.c, wide_mbchar.c, wide_stream.c, wide_printf.c,
 * wide_format.c). */
#ifndef _WCHAR_H
#define _WCHAR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <wctype.h>
#include "vados/cdefs.h"
#include "vados/stdlib_wide.h"

VADOS_BEGIN_DECLS

#ifndef WCHAR_MIN
#define WCHAR_MIN __WCHAR_MIN__
#define WCHAR_MAX __WCHAR_MAX__
#endif
#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
typedef struct _Mbstatet {
	unsigned long _Wchar;
	unsigned short _Byte, _State;
} mbstate_t;

size_t wcslen(const wchar_t *s);
size_t wcsnlen(const wchar_t *s, size_t max);
wchar_t *wcscpy(wchar_t *dst, const wchar_t *src);
wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *wcscat(wchar_t *dst, const wchar_t *src);
wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n);
int wcscmp(const wchar_t *a, const wchar_t *b);
int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
/* Case-insensitive: both sides through towlower. */
int _wcsicmp(const wchar_t *a, const wchar_t *b);
int _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n);
#define wcsicmp  _wcsicmp
#define wcsnicmp _wcsnicmp
int wcscoll(const wchar_t *a, const wchar_t *b);
wchar_t *wcschr(const wchar_t *s, wchar_t c);
wchar_t *wcsrchr(const wchar_t *s, wchar_t c);
wchar_t *wcsstr(const wchar_t *haystack, const wchar_t *needle);
wchar_t *wcspbrk(const wchar_t *s, const wchar_t *set);
size_t wcsspn(const wchar_t *s, const wchar_t *set);
size_t wcscspn(const wchar_t *s, const wchar_t *set);
/* The C standard's wcstok, its position kept in *context; _wcstok (the
 * old two-argument form) keeps it in one place for the process. */
wchar_t *wcstok(wchar_t *s, const wchar_t *delim, wchar_t **context);
wchar_t *wcstok_s(wchar_t *s, const wchar_t *delim, wchar_t **context);
wchar_t *_wcstok(wchar_t *s, const wchar_t *delim);
/* A copy on the heap (free() frees it); NULL when there is no room. */
wchar_t *_wcsdup(const wchar_t *s);
#define wcsdup _wcsdup
wchar_t *_wcslwr(wchar_t *s);
wchar_t *_wcsupr(wchar_t *s);
wchar_t *_wcsrev(wchar_t *s);
wchar_t *_wcsset(wchar_t *s, wchar_t c);
wchar_t *_wcsnset(wchar_t *s, wchar_t c, size_t n);

wchar_t *wmemcpy(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n);
int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n);

/* The _s forms: 0, or EINVAL (22: a NULL or zero-sized destination, a NULL
 * source) / ERANGE (34: too small; dst[0] set to 0) as the CRT returns
 * them (no invalid-parameter handler here); count _TRUNCATE copies what
 * fits and returns STRUNCATE (80). */
errno_t wcscpy_s(wchar_t *dst, rsize_t size, const wchar_t *src);
errno_t wcsncpy_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count);
errno_t wcscat_s(wchar_t *dst, rsize_t size, const wchar_t *src);
errno_t wcsncat_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count);
errno_t wmemcpy_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count);
errno_t wmemmove_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count);

/* Numbers: the C rules (leading space, sign, 0x/0 prefixes for base 0 or
 * 16, *end after the digits or s when there are none); out-of-range values
 * clamp to the type's limits. */
long wcstol(const wchar_t *s, wchar_t **end, int base);
unsigned long wcstoul(const wchar_t *s, wchar_t **end, int base);
/* strtod's forms (user/lib/wide_float.c). */
double wcstod(const wchar_t *s, wchar_t **end);
float wcstof(const wchar_t *s, wchar_t **end);
long double wcstold(const wchar_t *s, wchar_t **end);
double _wtof(const wchar_t *s);
long long wcstoll(const wchar_t *s, wchar_t **end, int base);
unsigned long long wcstoull(const wchar_t *s, wchar_t **end, int base);
long long _wcstoi64(const wchar_t *s, wchar_t **end, int base);
unsigned long long _wcstoui64(const wchar_t *s, wchar_t **end, int base);
int _wtoi(const wchar_t *s);
long _wtol(const wchar_t *s);
long long _wtoi64(const wchar_t *s);
long long _wtoll(const wchar_t *s);

/* Numbers as text in radix 2..36 (lower-case digits); a negative value
 * has a '-' in radix 10 only. */
wchar_t *_itow(int value, wchar_t *s, int radix);
wchar_t *_ltow(long value, wchar_t *s, int radix);
wchar_t *_ultow(unsigned long value, wchar_t *s, int radix);
wchar_t *_i64tow(long long value, wchar_t *s, int radix);
wchar_t *_ui64tow(unsigned long long value, wchar_t *s, int radix);
/* EINVAL for a NULL buffer, size 0 or a bad radix; ERANGE (s emptied) when
 * the text and its NUL do not fit. */
errno_t _itow_s(int value, wchar_t *s, size_t size, int radix);
errno_t _i64tow_s(long long value, wchar_t *s, size_t size, int radix);
errno_t _ui64tow_s(unsigned long long value, wchar_t *s, size_t size, int radix);

/* Single characters in the C runtime's "C" locale: byte b is U+00b, and a
 * character above U+00FF has none (wctob EOF, wcrtomb (size_t)-1); the
 * Win32 calls use the ANSI code page (CP437) instead. */
wint_t btowc(int c);
int wctob(wint_t c);
int mbsinit(const mbstate_t *state);
size_t mbrtowc(wchar_t *wc, const char *s, size_t n, mbstate_t *state);
size_t mbrlen(const char *s, size_t n, mbstate_t *state);
size_t wcrtomb(char *s, wchar_t wc, mbstate_t *state);

/* Formatting with MSVC's wide conventions: in these functions %s and %c
 * take wide arguments (wchar_t *, wchar_t), %S and %C narrow ones; %hs and
 * %hc are always narrow, %ls, %ws, %lc and %wc always wide. Numbers as
 * printf (I64, I32 and I length modifiers too). Narrow arguments widen as
 * the "C" locale does (byte b to U+00b); console and FILE output narrows
 * the same way, '?' for a character above U+00FF. */
int wprintf(const wchar_t *fmt, ...);
int vwprintf(const wchar_t *fmt, va_list ap);
int fwprintf(FILE *f, const wchar_t *fmt, ...);
int vfwprintf(FILE *f, const wchar_t *fmt, va_list ap);
/* The C standard's (and the UCRT's): at most n - 1 characters and a NUL;
 * the length, or -1 when it did not fit (the output cut, still ended). */
int swprintf(wchar_t *buf, size_t n, const wchar_t *fmt, ...);
int vswprintf(wchar_t *buf, size_t n, const wchar_t *fmt, va_list ap);
/* MSVC's: at most count characters; the length, or -1 when it exceeds
 * count (count characters stored, no NUL; exactly count: no NUL either). */
int _snwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, ...);
int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap);
/* The old unbounded forms (MSVC's C++ swprintf(buf, fmt, ...) overloads). */
int _swprintf(wchar_t *buf, const wchar_t *fmt, ...);
int _vswprintf(wchar_t *buf, const wchar_t *fmt, va_list ap);
/* size the buffer's WCHARs: the length, or -1 with buf[0] = 0 when the
 * output and its NUL do not fit (or buf/fmt is NULL, size 0). */
int swprintf_s(wchar_t *buf, size_t size, const wchar_t *fmt, ...);
int vswprintf_s(wchar_t *buf, size_t size, const wchar_t *fmt, va_list ap);
/* count _TRUNCATE: what fits, -1 when cut; else at most count characters
 * (-1 with buf[0] = 0 when they and the NUL overflow size). */
int _snwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, ...);
int _vsnwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, va_list ap);
/* The length the output would have. */
int _scwprintf(const wchar_t *fmt, ...);
int _vscwprintf(const wchar_t *fmt, va_list ap);
/* Streams: narrow underneath, in the "C" locale (user/lib/wide_stream.c). */
/* sscanf's over a UTF-16 string (user/lib/scanf.c): %s %c %[ store
 * wchar_t (h: char), %S %C char; the format in CP437 (a literal beyond it
 * matches nothing). */
int swscanf(const wchar_t *s, const wchar_t *fmt, ...);
int vswscanf(const wchar_t *s, const wchar_t *fmt, va_list ap);
int swscanf_s(const wchar_t *s, const wchar_t *fmt, ...);
FILE *_wfopen(const wchar_t *path, const wchar_t *mode);
FILE *_wfreopen(const wchar_t *path, const wchar_t *mode, FILE *f);
errno_t _wfreopen_s(FILE **pf, const wchar_t *path, const wchar_t *mode, FILE *f);
wint_t fgetwc(FILE *f);
wint_t getwc(FILE *f);
wchar_t *fgetws(wchar_t *s, int n, FILE *f);
/* The variable as UTF-16, valid for the next 15 calls at least. */
wchar_t *_wgetenv(const wchar_t *name);
wint_t fputwc(wchar_t c, FILE *f);
wint_t putwc(wchar_t c, FILE *f);
wint_t putwchar(wchar_t c);
int fputws(const wchar_t *s, FILE *f);
/* s and a newline on stdout; 0, or WEOF. */
int _putws(const wchar_t *s);

VADOS_END_DECLS

#ifdef __cplusplus
/* wmain has C linkage, as MSVC gives it (user/lib/wide_main.c calls it). */
extern "C" int wmain(int argc, wchar_t **argv);
extern "C++" inline int vswprintf(wchar_t *buf, const wchar_t *fmt, va_list ap)
{
	return _vswprintf(buf, fmt, ap);
}
extern "C++" inline int swprintf(wchar_t *buf, const wchar_t *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = _vswprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
#endif

#endif
