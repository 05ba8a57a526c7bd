/* printf's floating-point conversions (%e %f %g %a), for kernel/rtl/format.c;
 * see kernel/rtl/format.h. */
#include <stdint.h>
#include "kernel/rtl/format.h"
#include "kernel/rtl/format_internal.h"

/* Floating point, with integers only (the kernel keeps no FPU state): the
 * value's exact decimal expansion (a binary fraction always has one), rounded
 * half to even at the digit asked for, as C's printf and Microsoft's C runtime
 * (since Visual Studio 2019 16.2) do. inf, nan, and Microsoft's -nan(ind) for
 * the default NaN and nan(snan) for a signalling one. */
#define DEC_LIMBS 100                   /* base 1e9: 900 digits; a double needs 767 */
#define DEC_BASE 1000000000u

struct decimal {
	char d[DEC_LIMBS * 9];          /* significant digits, no trailing zeros */
	int n;                          /* how many; 0: the value is (rounded to) zero */
	int pos;                        /* value = 0.d[0]d[1]... * 10^pos */
};

static void dec_mul(uint32_t *limb, int *n, uint32_t k)
{
	uint64_t carry = 0;

	for (int i = 0; i < *n; i++) {
		carry += (uint64_t)limb[i] * k;
		limb[i] = (uint32_t)(carry % DEC_BASE);
		carry /= DEC_BASE;
	}
	for (; carry && *n < DEC_LIMBS; carry /= DEC_BASE)
		limb[(*n)++] = (uint32_t)(carry % DEC_BASE);
}

/* r = m * 2^e exactly (m * 5^-e / 10^-e when e < 0). */
static void dec_from_binary(struct decimal *r, uint64_t m, int e)
{
	uint32_t limb[DEC_LIMBS];
	int n = 0, shift = 0;

	for (; m; m /= DEC_BASE)
		limb[n++] = (uint32_t)(m % DEC_BASE);
	for (; e > 29; e -= 29)
		dec_mul(limb, &n, 1u << 29);
	if (e > 0)
		dec_mul(limb, &n, 1u << e);
	for (; e < 0; e += 13) {
		uint32_t k = 1;
		for (int i = 0; i < (-e < 13 ? -e : 13); i++)
			k *= 5;
		dec_mul(limb, &n, k);
		shift += -e < 13 ? -e : 13;
	}
	r->n = 0;
	for (int i = n - 1; i >= 0; i--) {
		char nine[9];
		for (int j = 8; j >= 0; j--, limb[i] /= 10)
			nine[j] = (char)('0' + limb[i] % 10);
		for (int j = 0; j < 9; j++)
			if (r->n || nine[j] != '0')
				r->d[r->n++] = nine[j];
	}
	r->pos = r->n ? r->n - shift : 1;
	while (r->n && r->d[r->n - 1] == '0')
		r->n--;
}

/* Keeps the first keep significant digits, rounding half to even. */
static void dec_round(struct decimal *r, int keep)
{
	int i, up;

	if (keep >= r->n)
		return;
	if (keep < 0) {
		r->n = 0;
		return;
	}
	up = r->d[keep] > '5' || (r->d[keep] == '5' &&
		(r->n > keep + 1 || (keep > 0 && (r->d[keep - 1] - '0') % 2)));
	r->n = keep;
	if (up) {
		for (i = keep - 1; i >= 0 && r->d[i] == '9'; i--)
			;
		if (i < 0) {
			r->d[0] = '1';
			r->n = 1;
			r->pos++;
		} else {
			r->d[i]++;
			r->n = i + 1;
		}
	}
	while (r->n && r->d[r->n - 1] == '0')
		r->n--;
}

static char dec_digit(const struct decimal *r, int i)
{
	return i >= 0 && i < r->n ? r->d[i] : '0';
}

/* One conversion's body: fixed ("ddd.ddd") or exponent ("d.ddde+XX") form. */
struct float_body {
	const struct decimal *dec;
	int exp_form, prec, dot, int_len;
	char exp[8];                    /* "e+05" */
};

static char float_body_char(const void *ctx, int i)
{
	const struct float_body *b = ctx;

	if (i < b->int_len)
		return b->exp_form ? dec_digit(b->dec, 0) : b->dec->pos <= 0 ? '0' : dec_digit(b->dec, i);
	if (b->dot && i == b->int_len)
		return '.';
	i -= b->int_len + b->dot;
	if (i < b->prec)
		return dec_digit(b->dec, b->exp_form ? 1 + i : b->dec->pos + i);
	return b->exp[i - b->prec];
}

static char string_char(const void *ctx, int i)
{
	return ((const char *)ctx)[i];
}

/* Decomposes the argument into sign and m * 2^e; returns NULL for a finite
 * value, else the text for an infinity or a NaN. */
static const char *float_arg(const struct spec *s, va_list *ap, int *neg, uint64_t *m, int *e)
{
	uint64_t bits, frac;
	int exp;

	if (s->size == SIZE_LDOUBLE) {  /* x87 extended: explicit integer bit */
		long double ld = va_arg(*ap, long double);
		uint16_t se;
		__builtin_memcpy(&bits, &ld, 8);
		__builtin_memcpy(&se, (char *)&ld + 8, 2);
		*neg = se >> 15;
		exp = se & 0x7fff;
		if (exp == 0x7fff)
			return bits << 1 ? "nan" : "inf";
		*m = bits;
		*e = (exp ? exp : 1) - 16383 - 63;
		if (*e > 1100)          /* past a double's range: what a double would print */
			return "inf";
		if (*e < -1200)
			*m = 0;
		return NULL;
	}
	double d = va_arg(*ap, double);
	__builtin_memcpy(&bits, &d, 8);
	*neg = (int)(bits >> 63);
	exp = (int)(bits >> 52) & 0x7ff;
	frac = bits & ((1ull << 52) - 1);
	if (exp == 0x7ff) {
		if (!frac)
			return "inf";
		if (!(frac & (1ull << 51)))
			return "nan(snan)";
		return frac == 1ull << 51 && *neg ? "nan(ind)" : "nan";
	}
	*m = exp ? frac | 1ull << 52 : frac;
	*e = (exp ? exp : 1) - 1075;
	return NULL;
}

__attribute__((noinline)) void fmt_put_float(struct out *o, struct spec *s, char c, va_list *ap)
{
	struct decimal dec;
	struct float_body b = { .dec = &dec };
	int neg, e, x, upper = c == 'E' || c == 'F' || c == 'G', g = c == 'g' || c == 'G';
	uint64_t m = 0;
	const char *special = float_arg(s, ap, &neg, &m, &e);
	const char *prefix = neg ? "-" : s->plus ? "+" : s->space ? " " : "";

	if (special) {
		char text[12];
		int len = 0;
		for (; special[len]; len++)
			text[len] = upper && special[len] >= 'a' ? (char)(special[len] - 32) : special[len];
		fmt_put_body(o, s, prefix, 0, len, string_char, text);
		return;
	}
	dec_from_binary(&dec, m, e);
	b.prec = s->prec < 0 ? 6 : s->prec;
	b.exp_form = c == 'e' || c == 'E';
	if (g) {
		if (b.prec == 0)
			b.prec = 1;
		dec_round(&dec, b.prec);
		x = dec.n ? dec.pos - 1 : 0;
		b.exp_form = !(x < b.prec && x >= -4);
		b.prec = b.exp_form ? b.prec - 1 : b.prec - 1 - x;
		if (!s->alt) {          /* %g drops the fraction's trailing zeros */
			int have = b.exp_form ? dec.n - 1 : dec.n - dec.pos;
			b.prec = have < 0 ? 0 : have < b.prec ? have : b.prec;
		}
	} else {
		dec_round(&dec, b.exp_form ? b.prec + 1 : dec.pos + b.prec);
	}
	b.dot = b.prec > 0 || s->alt;
	if (b.exp_form) {
		x = dec.n ? dec.pos - 1 : 0;
		b.int_len = 1;
		b.exp[0] = upper ? 'E' : 'e';
		b.exp[1] = x < 0 ? '-' : '+';
		x = x < 0 ? -x : x;
		int k = 2;
		if (x >= 100)
			b.exp[k++] = (char)('0' + x / 100);
		b.exp[k++] = (char)('0' + x / 10 % 10);
		b.exp[k++] = (char)('0' + x % 10);
		b.exp[k] = '\0';
	} else {
		b.int_len = dec.pos > 0 && dec.n ? dec.pos : 1;
	}
	fmt_put_body(o, s, prefix, 1, b.int_len + b.dot + b.prec + (int)__builtin_strlen(b.exp),
		 float_body_char, &b);
}

/* %a: Microsoft's hexadecimal form, "0x1.8000000000000p+1" (all 13 fraction
 * digits unless a precision says fewer, rounded half to even). */
struct hex_body {
	char text[32];
	int len;
};

void fmt_put_hex_float(struct out *o, struct spec *s, char c, va_list *ap)
{
	const char *digits = c == 'A' ? "0123456789ABCDEF" : "0123456789abcdef";
	struct hex_body b = { .len = 0 };
	uint64_t bits, frac;
	int neg, exp, lead, prec = s->prec < 0 || s->prec > 13 ? 13 : s->prec, e;
	char prefix[4] = { 0 }, *p = prefix;

	if (s->size == SIZE_LDOUBLE) {  /* the nearest double's form, by truncation */
		long double ld = va_arg(*ap, long double);
		uint16_t se;
		__builtin_memcpy(&frac, &ld, 8);
		__builtin_memcpy(&se, (char *)&ld + 8, 2);
		e = (se & 0x7fff) - 16383 + 1023;
		bits = (uint64_t)(se >> 15) << 63;
		if ((se & 0x7fff) == 0x7fff || e >= 0x7ff)
			bits |= 0x7ffull << 52 | (frac << 1 ? 1ull << 51 : 0);
		else if (e > 0 && frac)
			bits |= (uint64_t)e << 52 | ((frac >> 11) & ((1ull << 52) - 1));
	} else {
		double d = va_arg(*ap, double);
		__builtin_memcpy(&bits, &d, 8);
	}
	neg = (int)(bits >> 63);
	exp = (int)(bits >> 52) & 0x7ff;
	frac = bits & ((1ull << 52) - 1);
	if (neg)
		*p++ = '-';
	else if (s->plus || s->space)
		*p++ = s->plus ? '+' : ' ';
	if (exp == 0x7ff) {             /* the same words as %e */
		const char *w = !frac ? "inf" : !(frac & (1ull << 51)) ? "nan(snan)" :
				frac == 1ull << 51 && neg ? "nan(ind)" : "nan";
		int n = 0;
		for (; w[n]; n++)
			b.text[n] = c == 'A' && w[n] >= 'a' ? (char)(w[n] - 32) : w[n];
		fmt_put_body(o, s, prefix, 0, n, string_char, b.text);
		return;
	}
	lead = exp != 0;
	e = exp ? exp - 1023 : frac ? -1022 : 0;
	if (prec < 13) {
		int shift = 4 * (13 - prec);
		uint64_t rem = frac & ((1ull << shift) - 1), half = 1ull << (shift - 1);
		frac >>= shift;
		if (rem > half || (rem == half && ((prec ? frac : (uint64_t)lead) & 1)))
			frac++;
		if (frac >> (4 * prec)) {       /* carried into the leading digit */
			frac &= (1ull << (4 * prec)) - 1;
			lead++;
		}
	}
	*p++ = '0';
	*p = c == 'A' ? 'X' : 'x';
	b.text[b.len++] = digits[lead];
	if (prec || s->alt)
		b.text[b.len++] = '.';
	for (int i = prec - 1; i >= 0; i--)
		b.text[b.len++] = digits[(frac >> (4 * i)) & 15];
	b.len += ksnprintf(b.text + b.len, sizeof(b.text) - (size_t)b.len, "%c%+d",
			   c == 'A' ? 'P' : 'p', e);
	fmt_put_body(o, s, prefix, 1, b.len, string_char, b.text);
}
