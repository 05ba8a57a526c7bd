/* Conversions, random numbers and sorting for ring 3 (C99 semantics). */
#include <stdlib.h>

int abs(int j)
{
	return j < 0 ? -j : j;
}

long labs(long j)
{
	return j < 0 ? -j : j;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* The magnitude part shared by strtol and strtoul: skips space and sign,
 * honours 0x / 0 prefixes for base 0 or 16, saturates at limit. */
static unsigned long parse(const char *s, char **end, int base, unsigned long limit, int *neg)
{
	const char *p = s, *digits;
	unsigned long v = 0;
	int overflow = 0;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	*neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (digits = p; base >= 2 && base <= 36 && digit_value(*p) < base; p++) {
		unsigned long d = (unsigned long)digit_value(*p);
		if (v > (limit - d) / (unsigned long)base)
			overflow = 1;
		else
			v = v * (unsigned long)base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return overflow ? limit : v;
}

long strtol(const char *s, char **end, int base)
{
	int neg;
	/* |LONG_MIN| = LONG_MAX + 1: parse up to that, saturate positives at LONG_MAX. */
	unsigned long v = parse(s, end, base, 0x80000000UL, &neg);

	if (neg)
		return (long)(0UL - v);
	return v > 0x7fffffffUL ? 0x7fffffffL : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg;
	unsigned long v = parse(s, end, base, ~0UL, &neg);

	return neg ? -v : v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

static unsigned long rand_state = 1;

int rand(void)
{
	rand_state = rand_state * 1103515245UL + 12345UL;
	return (int)((rand_state >> 16) & RAND_MAX);
}

void srand(unsigned int seed)
{
	rand_state = seed;
}

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Shell sort: in place, O(n^1.5), no recursion, no allocation. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;
	size_t gap = 1;

	while (gap < n / 3)
		gap = gap * 3 + 1;
	for (; gap > 0; gap /= 3)
		for (size_t i = gap; i < n; i++)
			for (size_t j = i; j >= gap && cmp(b + (j - gap) * size, b + j * size) > 0;
			     j -= gap)
				swap_bytes(b + (j - gap) * size, b + j * size, size);
}
