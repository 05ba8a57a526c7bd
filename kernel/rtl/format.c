/* printf-style formatting core; see kernel/rtl/format.h. */
#include <stdint.h>
#include "kernel/rtl/format.h"

enum arg_size { SIZE_CHAR = -2, SIZE_SHORT, SIZE_INT, SIZE_LONG, SIZE_LLONG, SIZE_SIZE_T };

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
		else if (*f == 'z') s->size = SIZE_SIZE_T;
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
	case 'p':
		s->alt = 1;
		s->size = SIZE_SIZE_T;
		put_number(o, s, (uintptr_t)va_arg(*ap, void *), 0, 16, 0);
		break;
	case 's': put_string(o, s, va_arg(*ap, const char *)); break;
	case 'c':
		ch = (char)va_arg(*ap, int);
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
