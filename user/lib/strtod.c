/* Text to floating point (<stdlib.h>): strtod and its kin, C99's syntax
 * (decimal and hexadecimal forms, inf, infinity, nan, nan(chars)), computed
 * in the x87's 64-bit precision and rounded once to the type asked for.
 * Out of range: +-HUGE_VAL (or 0) and errno = ERANGE. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 10^n, n >= 0, by squaring (exact through 10^27). */
static long double power10(int n)
{
	long double r = 1.0L, p = 10.0L;

	for (; n; n >>= 1, p *= p)
		if (n & 1)
			r *= p;
	return r;
}

static int match_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != word[i])
			return 0;
	return 1;
}

/* The magnitude of the decimal or hexadecimal number at p (after the sign);
 * *end past it, or at p when there is none. */
static long double magnitude(const char *p, const char **end)
{
	unsigned long long mant = 0;
	int hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X'), digits = 0, scale = 0;
	int base = hex ? 16 : 10, max_digits = hex ? 16 : 19, exp = 0, seen_point = 0;
	const char *q = hex ? p + 2 : p;
	long double v;

	for (;; q++) {
		int d;
		if (*q == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (isdigit((unsigned char)*q))
			d = *q - '0';
		else if (hex && isxdigit((unsigned char)*q))
			d = tolower((unsigned char)*q) - 'a' + 10;
		else
			break;
		if (digits < max_digits) {
			if (mant || d)
				digits++;
			mant = mant * (unsigned)base + (unsigned)d;
			scale -= seen_point;
		} else {
			scale += !seen_point;   /* a digit beyond what mant holds */
		}
	}
	if (q == (hex ? p + 2 : p) + seen_point) {      /* no digit at all */
		*end = hex ? p + 1 : p;                 /* "0x" alone is the 0 */
		return 0;
	}
	*end = q;
	if ((hex && (*q == 'p' || *q == 'P')) || (!hex && (*q == 'e' || *q == 'E'))) {
		const char *e = q + 1;
		int neg = *e == '-';
		if (*e == '-' || *e == '+')
			e++;
		if (isdigit((unsigned char)*e)) {
			for (; isdigit((unsigned char)*e); e++)
				exp = exp < 100000 ? exp * 10 + (*e - '0') : exp;
			exp = neg ? -exp : exp;
			*end = e;
		}
	}
	v = (long double)mant;
	if (hex)
		return v * __builtin_powil(2.0L, exp + 4 * scale);
	exp += scale;
	if (exp < -4950 || !mant)
		return 0;
	if (exp < 0)
		return exp < -4900 ? v / power10(4900) / power10(-exp - 4900) : v / power10(-exp);
	return exp > 4950 ? HUGE_VALL : v * power10(exp);
}

static long double parse(const char *s, char **end)
{
	const char *p = s, *after;
	int neg;
	long double v;

	while (isspace((unsigned char)*p))
		p++;
	neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (match_word(p, "inf")) {
		after = p + (match_word(p, "infinity") ? 8 : 3);
		v = HUGE_VALL;
	} else if (match_word(p, "nan")) {
		after = p + 3;
		if (*after == '(') {
			const char *c = after + 1;
			while (isalnum((unsigned char)*c) || *c == '_')
				c++;
			if (*c == ')')
				after = c + 1;
		}
		v = __builtin_nanl("");
	} else {
		v = magnitude(p, &after);
		if (after == p) {
			if (end)
				*end = (char *)s;
			return 0;
		}
	}
	if (end)
		*end = (char *)after;
	return neg ? -v : v;
}

double strtod(const char *s, char **end)
{
	char *e;
	long double v = parse(s, &e);
	double d = (double)v;

	if (end)
		*end = e;
	if ((isinf(d) && !isinf(v)) || (d == 0 && v != 0))
		errno = ERANGE;
	return d;
}

float strtof(const char *s, char **end)
{
	char *e;
	long double v = parse(s, &e);
	float f = (float)v;

	if (end)
		*end = e;
	if ((isinf(f) && !isinf(v)) || (f == 0 && v != 0))
		errno = ERANGE;
	return f;
}

long double strtold(const char *s, char **end)
{
	return strtod(s, end);  /* Microsoft's long double is double */
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
