/* Conversions, random numbers, sorting and searching for ring 3 (C99
 * semantics; Microsoft's rand, overflow and rotation calls). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include "crt_thread.h"

int abs(int j) { return j < 0 ? -j : j; }
long labs(long j) { return j < 0 ? -j : j; }
long long llabs(long long j) { return j < 0 ? -j : j; }
long long _abs64(long long j) { return llabs(j); }

div_t div(int num, int den) { return (div_t){ num / den, num % den }; }
ldiv_t ldiv(long num, long den) { return (ldiv_t){ num / den, num % den }; }
lldiv_t lldiv(long long num, long long den) { return (lldiv_t){ num / den, num % den }; }

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

/* The magnitude part shared by the strto* calls: skips space and sign,
 * honours 0x / 0 prefixes for base 0 or 16, saturates at limit (setting
 * *overflow). No digits: *end = s, 0. NULL or a base other than 0 or 2..36:
 * the invalid-parameter handler (EINVAL), 0. */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long limit,
				int *neg, int *overflow)
{
	const char *p = s, *digits;
	unsigned long long v = 0;

	*overflow = *neg = 0;
	if (!s || base < 0 || base == 1 || base > 36) {
		crt_invalid_parameter();
		if (end)
			*end = (char *)s;
		return 0;
	}
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
	for (digits = p; digit_value(*p) < base; p++) {
		unsigned long long d = (unsigned long long)digit_value(*p);
		if (v > (limit - d) / (unsigned long long)base)
			*overflow = 1;
		else
			v = v * (unsigned long long)base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	if (*overflow) {
		errno = ERANGE;
		return limit;
	}
	return v;
}

/* A signed conversion whose range is -(max + 1)..max. */
static long long parse_signed(const char *s, char **end, int base, unsigned long long max)
{
	int neg, overflow;
	unsigned long long v = parse(s, end, base, max + 1, &neg, &overflow);

	if (neg)
		return (long long)(0ULL - v);
	if (v > max) {
		errno = ERANGE;
		return (long long)max;
	}
	return (long long)v;
}

/* An unsigned one: a '-' negates the value, as C says (an overflow first
 * gives the maximum, not its negation). */
static unsigned long long parse_unsigned(const char *s, char **end, int base,
					 unsigned long long max)
{
	int neg, overflow;
	unsigned long long v = parse(s, end, base, max, &neg, &overflow);

	return neg && !overflow ? (0ULL - v) & max : v;
}

long strtol(const char *s, char **end, int base)
{
	return (long)parse_signed(s, end, base, 0x7fffffffULL);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return (unsigned long)parse_unsigned(s, end, base, 0xffffffffULL);
}

long long strtoll(const char *s, char **end, int base)
{
	return parse_signed(s, end, base, 0x7fffffffffffffffULL);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return parse_unsigned(s, end, base, ~0ULL);
}

long long _strtoi64(const char *s, char **end, int base) { return strtoll(s, end, base); }
unsigned long long _strtoui64(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}
intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
long long _atoi64(const char *s) { return strtoll(s, NULL, 10); }

int rand(void)
{
	struct crt_thread *t = crt_thread();
	unsigned int next = (t->rand_next + 1) * 214013u + 2531011u;

	t->rand_next = next - 1;
	return (int)((next >> 16) & RAND_MAX);
}

void srand(unsigned int seed)
{
	crt_thread()->rand_next = seed - 1;
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

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;

	while (n) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

unsigned int _rotl(unsigned int v, int shift)
{
	shift &= 31;
	return shift ? v << shift | v >> (32 - shift) : v;
}

unsigned int _rotr(unsigned int v, int shift) { return _rotl(v, 32 - (shift & 31)); }
unsigned long _lrotl(unsigned long v, int shift) { return _rotl(v, shift); }
unsigned long _lrotr(unsigned long v, int shift) { return _rotr(v, shift); }

unsigned long long _rotl64(unsigned long long v, int shift)
{
	shift &= 63;
	return shift ? v << shift | v >> (64 - shift) : v;
}

unsigned long long _rotr64(unsigned long long v, int shift)
{
	return _rotl64(v, 64 - (shift & 63));
}

unsigned short _byteswap_ushort(unsigned short v) { return __builtin_bswap16(v); }
unsigned long _byteswap_ulong(unsigned long v) { return __builtin_bswap32(v); }
unsigned long long _byteswap_uint64(unsigned long long v) { return __builtin_bswap64(v); }

intmax_t imaxabs(intmax_t j) { return llabs(j); }
imaxdiv_t imaxdiv(intmax_t num, intmax_t den) { return (imaxdiv_t){ num / den, num % den }; }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }
