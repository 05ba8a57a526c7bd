/* printf-style formatting core; see kernel/rtl/format.h. */
#include <stdint.h>
#include "kernel/rtl/format.h"

enum arg_size { SIZE_CHAR = -2, SIZE_SHORT, SIZE_INT, SIZE_LONG, SIZE_LLONG, SIZE_SIZE_T,
		SIZE_LDOUBLE };

struct spec {
	int left, zero, plus, space, alt;
	int width, prec;                /* prec < 0: none */
	int size;                       /* enum arg_size */
};

struct out {
	fmt_emit_fn emit;
	void *ctx;
	int count;
};

static void put(struct out *o, char c)
{
	o->emit(o->ctx, c);
	o->count++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* The width's spaces (or, with the 0 flag, zeros after the prefix) around a
 * prefix and a body of body_len characters that get_body produces. */
static void put_body(struct out *o, const struct spec *s, const char *prefix, int zero_ok,
		     int body_len, char (*get_body)(const void *, int), const void *ctx)
{
	int len = (int)__builtin_strlen(prefix) + body_len;
	int fill = s->width > len ? s->width - len : 0;

	if (!s->left && !(s->zero && zero_ok))
		pad(o, ' ', fill);
	while (*prefix)
		put(o, *prefix++);
	if (!s->left && s->zero && zero_ok)
		pad(o, '0', fill);
	for (int i = 0; i < body_len; i++)
		put(o, get_body(ctx, i));
	if (s->left)
		pad(o, ' ', fill);
}

static void put_padded(struct out *o, const struct spec *s, const char *str, int len)
{
	if (!s->left)
		pad(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - len);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	int len = 0;

	if (!str)
		str = "(null)";
	/* Precision first: a precision-bounded string need not be terminated. */
	while ((s->prec < 0 || len < s->prec) && str[len])
		len++;
	put_padded(o, s, str, len);
}

/* A wide string (%ls, %ws, Microsoft's %S) as the "C" locale narrows it:
 * characters 0..255 as themselves, any other as '?'. */
static char wide_char(const void *ctx, int i)
{
	__WCHAR_TYPE__ w = ((const __WCHAR_TYPE__ *)ctx)[i];

	return (char)((unsigned long)w > 0xff ? '?' : w);
}

static void put_wide_string(struct out *o, const struct spec *s, const __WCHAR_TYPE__ *str)
{
	static const __WCHAR_TYPE__ null_text[] = { '(', 'n', 'u', 'l', 'l', ')', 0 };
	int len = 0;

	if (!str)
		str = null_text;
	while ((s->prec < 0 || len < s->prec) && str[len])
		len++;
	put_body(o, s, "", 0, len, wide_char, str);
}

/* sign: '-' for a negative signed value, 0 for unsigned conversions, '+' for
 * a non-negative signed one (shown only with the + or space flag). */
static void put_number(struct out *o, const struct spec *s, unsigned long long v,
		       char sign, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0, zeros, prefix_len, body;
	const char *prefix = "";

	while (v) {
		buf[n++] = digits[v % base];
		v /= base;
	}
	zeros = s->prec > n ? s->prec - n : 0;
	if (sign == '-')
		prefix = "-";
	else if (sign && s->plus)
		prefix = "+";
	else if (sign && s->space)
		prefix = " ";
	else if (s->alt && base == 16 && n)
		prefix = upper ? "0X" : "0x";
	else if (s->alt && base == 8 && zeros == 0)
		prefix = "0";               /* # makes octal start with a 0 digit */
	if (n == 0 && s->prec != 0 && *prefix != '0')
		buf[n++] = '0';
	prefix_len = (int)__builtin_strlen(prefix);
	if (s->zero && !s->left && s->prec < 0)
		zeros = s->width - prefix_len - n > 0 ? s->width - prefix_len - n : 0;
	body = prefix_len + zeros + n;
	if (!s->left)
		pad(o, ' ', s->width - body);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, buf[--n]);
	if (s->left)
		pad(o, ' ', s->width - body);
}

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

static __attribute__((noinline)) void put_float(struct out *o, struct spec *s, char c, va_list *ap)
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
		put_body(o, s, prefix, 0, len, string_char, text);
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
	put_body(o, s, prefix, 1, b.int_len + b.dot + b.prec + (int)__builtin_strlen(b.exp),
		 float_body_char, &b);
}

static const char *parse_spec(const char *f, struct spec *s, va_list *ap)
{
	*s = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-') s->left = 1;
		else if (*f == '0') s->zero = 1;
		else if (*f == '+') s->plus = 1;
		else if (*f == ' ') s->space = 1;
		else if (*f == '#') s->alt = 1;
		else break;
	}
	if (*f == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->left = 1;
			s->width = -s->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		s->width = s->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		s->prec = 0;
		if (*f == '*') {
			s->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			s->prec = s->prec * 10 + (*f - '0');
	}
	for (;; f++) {
		if (*f == 'l') s->size = s->size == SIZE_LONG ? SIZE_LLONG : SIZE_LONG;
		else if (*f == 'h') s->size = s->size == SIZE_SHORT ? SIZE_CHAR : SIZE_SHORT;
		else if (*f == 'z' || *f == 't') s->size = SIZE_SIZE_T;
		else if (*f == 'j') s->size = SIZE_LLONG;
		else if (*f == 'L') s->size = SIZE_LDOUBLE;
		else if (*f == 'w') s->size = SIZE_LONG;        /* Microsoft: wide %wc %ws */
		else if (f[0] == 'I' && f[1] == '6' && f[2] == '4') { s->size = SIZE_LLONG; f += 2; }
		else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') { s->size = SIZE_INT; f += 2; }
		else if (*f == 'I') s->size = SIZE_SIZE_T;      /* Microsoft: pointer-sized */
		else break;
	}
	return f;
}

static unsigned long long arg_unsigned(const struct spec *s, va_list *ap)
{
	switch (s->size) {
	case SIZE_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case SIZE_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case SIZE_INT: return va_arg(*ap, unsigned int);
	case SIZE_LONG: return va_arg(*ap, unsigned long);
	case SIZE_SIZE_T: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned long long);
	}
}

static long long arg_signed(const struct spec *s, va_list *ap)
{
	switch (s->size) {
	case SIZE_CHAR: return (signed char)va_arg(*ap, int);
	case SIZE_SHORT: return (short)va_arg(*ap, int);
	case SIZE_INT: return va_arg(*ap, int);
	case SIZE_LONG: return va_arg(*ap, long);
	case SIZE_SIZE_T: return va_arg(*ap, ptrdiff_t);   /* the signed size_t */
	default: return va_arg(*ap, long long);
	}
}

static void convert(struct out *o, char c, struct spec *s, va_list *ap)
{
	long long sv;
	unsigned int w;
	char ch;

	switch (c) {
	case 'd': case 'i':
		sv = arg_signed(s, ap);
		put_number(o, s, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			   sv < 0 ? '-' : '+', 10, 0);
		break;
	case 'u': put_number(o, s, arg_unsigned(s, ap), 0, 10, 0); break;
	case 'x': put_number(o, s, arg_unsigned(s, ap), 0, 16, 0); break;
	case 'X': put_number(o, s, arg_unsigned(s, ap), 0, 16, 1); break;
	case 'o': put_number(o, s, arg_unsigned(s, ap), 0, 8, 0); break;
	case 'p':               /* Microsoft's: every hex digit, upper case, no 0x */
		if (s->prec < (int)sizeof(void *) * 2)
			s->prec = (int)sizeof(void *) * 2;
		put_number(o, s, (uintptr_t)va_arg(*ap, void *), 0, 16, 1);
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		put_float(o, s, c, ap);
		break;
	case 's':
		if (s->size == SIZE_LONG)
			put_wide_string(o, s, va_arg(*ap, const __WCHAR_TYPE__ *));
		else
			put_string(o, s, va_arg(*ap, const char *));
		break;
	case 'S': put_wide_string(o, s, va_arg(*ap, const __WCHAR_TYPE__ *)); break;
	case 'c': case 'C':
		w = va_arg(*ap, unsigned int);
		ch = (char)((c == 'C' || s->size == SIZE_LONG) && w > 0xff ? '?' : w);
		put_padded(o, s, &ch, 1);
		break;
	case '%': put(o, '%'); break;
	default:                        /* unknown conversion: show it verbatim */
		put(o, '%');
		if (c)
			put(o, c);
		break;
	}
}

int fmt_vformat(fmt_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { emit, ctx, 0 };
	struct spec s;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &args);
		convert(&o, *fmt, &s, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	return o.count;
}

struct bounded { char *buf; size_t size, len; };

static void emit_bounded(void *ctx, char c)
{
	struct bounded *b = ctx;
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bounded b = { buf, size, 0 };
	int n = fmt_vformat(emit_bounded, &b, fmt, ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
