/* <wchar.h>'s string and memory functions over UTF-16 units. */
#include <stdlib.h>
#include <wchar.h>

#define EINVAL    22
#define ERANGE    34
#define STRUNCATE 80
#define WHOLE     ((rsize_t)-2)     /* all of src (not _TRUNCATE) */

size_t wcslen(const wchar_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t wcsnlen(const wchar_t *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

wchar_t *wcscpy(wchar_t *dst, const wchar_t *src)
{
	wchar_t *d = dst;

	while ((*d++ = *src++) != 0)
		;
	return dst;
}

/* Pads with NULs to n; no NUL when src has n or more units. */
wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

wchar_t *wcscat(wchar_t *dst, const wchar_t *src)
{
	wcscpy(dst + wcslen(dst), src);
	return dst;
}

/* Appends at most n units of src, then always a NUL. */
wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n)
{
	wchar_t *d = dst + wcslen(dst);
	size_t i = 0;

	for (; i < n && src[i]; i++)
		d[i] = src[i];
	d[i] = 0;
	return dst;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
		if (!a[i])
			break;
	}
	return 0;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	return wcsncmp(a, b, (size_t)-1);
}

int wcscoll(const wchar_t *a, const wchar_t *b)
{
	return wcscmp(a, b);
}

int _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		wint_t x = towlower(a[i]), y = towlower(b[i]);

		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			break;
	}
	return 0;
}

int _wcsicmp(const wchar_t *a, const wchar_t *b)
{
	return _wcsnicmp(a, b, (size_t)-1);
}

/* c 0 finds the terminator. */
wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *last = NULL;

	for (;; s++) {
		if (*s == c)
			last = s;
		if (!*s)
			return (wchar_t *)last;
	}
}

wchar_t *wcsstr(const wchar_t *haystack, const wchar_t *needle)
{
	size_t n = wcslen(needle);

	for (; *haystack || !n; haystack++) {
		if (!wcsncmp(haystack, needle, n))
			return (wchar_t *)haystack;
		if (!*haystack)
			break;
	}
	return NULL;
}

size_t wcsspn(const wchar_t *s, const wchar_t *set)
{
	size_t n = 0;

	while (s[n] && wcschr(set, s[n]))
		n++;
	return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *set)
{
	size_t n = 0;

	while (s[n] && !wcschr(set, s[n]))
		n++;
	return n;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *set)
{
	s += wcscspn(s, set);
	return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcstok(wchar_t *s, const wchar_t *delim, wchar_t **context)
{
	if (!s)
		s = *context;
	if (!s)
		return NULL;
	s += wcsspn(s, delim);
	if (!*s) {
		*context = NULL;
		return NULL;
	}
	*context = s + wcscspn(s, delim);
	if (**context)
		*(*context)++ = 0;
	else
		*context = NULL;
	return s;
}

wchar_t *wcstok_s(wchar_t *s, const wchar_t *delim, wchar_t **context)
{
	return wcstok(s, delim, context);
}

wchar_t *_wcstok(wchar_t *s, const wchar_t *delim)
{
	static wchar_t *position;

	return wcstok(s, delim, &position);
}

wchar_t *_wcsdup(const wchar_t *s)
{
	size_t size = (wcslen(s) + 1) * sizeof(wchar_t);
	wchar_t *copy = malloc(size);

	return copy ? wmemcpy(copy, s, size / sizeof(wchar_t)) : NULL;
}

wchar_t *_wcslwr(wchar_t *s)
{
	for (wchar_t *p = s; *p; p++)
		*p = towlower(*p);
	return s;
}

wchar_t *_wcsupr(wchar_t *s)
{
	for (wchar_t *p = s; *p; p++)
		*p = towupper(*p);
	return s;
}

wchar_t *_wcsrev(wchar_t *s)
{
	for (size_t i = 0, j = wcslen(s); i + 1 < j; i++, j--) {
		wchar_t t = s[i];

		s[i] = s[j - 1];
		s[j - 1] = t;
	}
	return s;
}

wchar_t *_wcsnset(wchar_t *s, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++)
		s[i] = c;
	return s;
}

wchar_t *_wcsset(wchar_t *s, wchar_t c)
{
	return _wcsnset(s, c, (size_t)-1);
}

wchar_t *wmemcpy(wchar_t *dst, const wchar_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
	return dst;
}

wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n)
{
	if (dst < src)
		return wmemcpy(dst, src, n);
	for (size_t i = n; i-- > 0;)
		dst[i] = src[i];
	return dst;
}

wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = c;
	return dst;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == c)
			return (wchar_t *)s + i;
	return NULL;
}

/* Copies at most count units of src (a NUL ends it sooner) to dst[size]
 * at dst's length `at`; the _s rules of <wchar.h>. */
static errno_t copy_s(wchar_t *dst, rsize_t size, size_t at, const wchar_t *src, rsize_t count)
{
	size_t n;

	if (!dst || !size)
		return EINVAL;
	if (!src) {
		dst[0] = 0;
		return EINVAL;
	}
	if (at >= size) {
		dst[0] = 0;
		return EINVAL;                  /* dst unterminated within size */
	}
	n = wcsnlen(src, count == _TRUNCATE ? (size_t)-1 : count);
	if (at + n < size) {
		wmemcpy(dst + at, src, n);
		dst[at + n] = 0;
		return 0;
	}
	if (count == _TRUNCATE) {
		wmemcpy(dst + at, src, size - 1 - at);
		dst[size - 1] = 0;
		return STRUNCATE;
	}
	dst[0] = 0;
	return ERANGE;
}

errno_t wcscpy_s(wchar_t *dst, rsize_t size, const wchar_t *src)
{
	return copy_s(dst, size, 0, src, WHOLE);
}

errno_t wcsncpy_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count)
{
	return copy_s(dst, size, 0, src, count);
}

errno_t wcscat_s(wchar_t *dst, rsize_t size, const wchar_t *src)
{
	return copy_s(dst, size, dst ? wcsnlen(dst, size) : 0, src, WHOLE);
}

errno_t wcsncat_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count)
{
	return copy_s(dst, size, dst ? wcsnlen(dst, size) : 0, src, count);
}

/* count units into dst[size]: EINVAL for NULLs (dst zeroed when src is
 * NULL), ERANGE when size is short (dst zeroed). */
errno_t wmemcpy_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count)
{
	if (!count)
		return 0;
	if (!dst)
		return EINVAL;
	if (!src || size < count) {
		wmemset(dst, 0, size);
		return src ? ERANGE : EINVAL;
	}
	wmemcpy(dst, src, count);
	return 0;
}

errno_t wmemmove_s(wchar_t *dst, rsize_t size, const wchar_t *src, rsize_t count)
{
	if (!count)
		return 0;
	if (!dst || !src)
		return EINVAL;
	if (size < count)
		return ERANGE;
	wmemmove(dst, src, count);
	return 0;
}
