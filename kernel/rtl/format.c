/* printf-style formatting core; see kernel/rtl/format.h. */
#include <stdint.h>
#include "kernel/rtl/format.h"
#include "kernel/rtl/format_internal.h"

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

void fmt_put_body(struct out *o, const struct spec *s, const char *prefix, int zero_ok,
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
	fmt_put_body(o, s, "", 0, len, wide_char, str);
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

/* The C library's %n: the count so far into *p, sized as the length
 * says; without count_output the formatting fails. */
static void store_count(struct out *o, const struct spec *s, void *p)
{
	if (!o->count_output) {
		o->failed = 1;
		return;
	}
	switch (s->size) {
	case SIZE_CHAR: *(signed char *)p = (signed char)o->count; break;
	case SIZE_SHORT: *(short *)p = (short)o->count; break;
	case SIZE_LLONG: *(long long *)p = o->count; break;
	default: *(int *)p = o->count; break;        /* int, long and size_t */
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
	case 'p':
		if (o->crt) {   /* Microsoft's: every hex digit, upper case, no 0x */
			if (s->prec < (int)sizeof(void *) * 2)
				s->prec = (int)sizeof(void *) * 2;
			put_number(o, s, (uintptr_t)va_arg(*ap, void *), 0, 16, 1);
		} else {        /* the kernel's: 0x and the digits */
			s->alt = 1;
			s->size = SIZE_SIZE_T;
			put_number(o, s, (uintptr_t)va_arg(*ap, void *), 0, 16, 0);
		}
		break;
	case 'a': case 'A':
		fmt_put_hex_float(o, s, c, ap);
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		fmt_put_float(o, s, c, ap);
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
	case 'n':
		if (o->crt) {
			store_count(o, s, va_arg(*ap, void *));
			break;
		}
		/* the kernel's shows it */
		__attribute__((fallthrough));
	default:                        /* unknown conversion: show it verbatim */
		put(o, '%');
		if (c)
			put(o, c);
		break;
	}
}

static int vformat(fmt_emit_fn emit, void *ctx, const char *fmt, va_list ap, int crt,
		   int count_output)
{
	struct out o = { emit, ctx, 0, crt, count_output, 0 };
	struct spec s;
	va_list args;

	va_copy(args, ap);
	while (*fmt && !o.failed) {
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
	return o.failed ? -1 : o.count;
}

int fmt_vformat(fmt_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
	return vformat(emit, ctx, fmt, ap, 0, 0);
}

int fmt_vformat_crt(fmt_emit_fn emit, void *ctx, const char *fmt, va_list ap, int count_output)
{
	return vformat(emit, ctx, fmt, ap, 1, count_output);
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
