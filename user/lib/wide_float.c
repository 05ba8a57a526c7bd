/* <wchar.h>'s floating-point conversions: wcstod, wcstof, wcstold and
 * _wtof, the narrow ones (strtod.c) over the string's ASCII start, as a
 * number's text holds no other character; *end is the same offset. */
#include <errno.h>
#include <stdlib.h>
#include <wchar.h>
#include "crt_thread.h"

enum { AS_DOUBLE, AS_FLOAT };

static double wide_to_float(const wchar_t *s, wchar_t **end, int as)
{
	char small[64], *a = small, *stop;
	size_t n = 0;
	double v;

	if (end)
		*end = (wchar_t *)s;
	if (!s)
		return crt_invalid_parameter(), 0;
	while (s[n] && s[n] < 0x80)
		n++;
	if (n >= sizeof(small) && !(a = malloc(n + 1))) {
		errno = ENOMEM;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = (char)s[i];
	a[n] = '\0';
	v = as == AS_FLOAT ? strtof(a, &stop) : strtod(a, &stop);
	if (end)
		*end = (wchar_t *)s + (stop - a);
	if (a != small)
		free(a);
	return v;
}

double wcstod(const wchar_t *s, wchar_t **end) { return wide_to_float(s, end, AS_DOUBLE); }
float wcstof(const wchar_t *s, wchar_t **end) { return (float)wide_to_float(s, end, AS_FLOAT); }
/* Microsoft's long double is double. */
long double wcstold(const wchar_t *s, wchar_t **end) { return wcstod(s, end); }
double _wtof(const wchar_t *s) { return wcstod(s, NULL); }
