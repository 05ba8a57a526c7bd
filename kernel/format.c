/* printf-style formatting core; see kernel/format.h. */
#include <stdint.h>
#include "kernel/format.h"

struct spec {
	int left, zero, plus, space, alt;
	int width, prec;                /* prec < 0: none */
	int size;                       /* 0 int, 1 long, 2 long long, 3 size_t */
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

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	int len = 0;

	if (!str)
		str = "(null)";
	while (str[len] && (s->prec < 0 || len < s->prec))
		len++;
	if (!s->left)
		pad(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - len);
}

static void put_number(struct out *o, const struct spec *s, unsigned long long v,
		       int negative, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0, zeros, prefix_len, body;
	const char *prefix = "";

	while (v) {
		buf[n++] = digits[v % base];
		v /= base;
	}
	if (n == 0 && s->prec != 0)
		buf[n++] = '0';
	if (negative)
		prefix = "-";
	else if (s->plus)
		prefix = "+";
	else if (s->space)
		prefix = " ";
	else if (s->alt && base == 16 && n && !(n == 1 && buf[0] == '0'))
		prefix = upper ? "0X" : "0x";
	else if (s->alt && base == 8 && buf[n - 1] != '0')
		prefix = "0";
	prefix_len = (int)__builtin_strlen(prefix);
	zeros = s->prec > n ? s->prec - n : 0;
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
		if (*f == 'l') s->size++;
		else if (*f == 'z') s->size = 3;
		else if (*f != 'h') break;
	}
	return f;
}

static unsigned long long arg_unsigned(const struct spec *s, va_list *ap)
{
	switch (s->size) {
	case 0: return va_arg(*ap, unsigned int);
	case 1: return va_arg(*ap, unsigned long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned long long);
	}
}

static long long arg_signed(const struct spec *s, va_list *ap)
{
	switch (s->size) {
	case 0: return va_arg(*ap, int);
	case 1: return va_arg(*ap, long);
	case 3: return (long long)va_arg(*ap, size_t);
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
			   sv < 0, 10, 0);
		break;
	case 'u': put_number(o, s, arg_unsigned(s, ap), 0, 10, 0); break;
	case 'x': put_number(o, s, arg_unsigned(s, ap), 0, 16, 0); break;
	case 'X': put_number(o, s, arg_unsigned(s, ap), 0, 16, 1); break;
	case 'o': put_number(o, s, arg_unsigned(s, ap), 0, 8, 0); break;
	case 'p':
		s->alt = 1;
		s->size = 3;
		put_number(o, s, (uintptr_t)va_arg(*ap, void *), 0, 16, 0);
		break;
	case 's': put_string(o, s, va_arg(*ap, const char *)); break;
	case 'c':
		ch = (char)va_arg(*ap, int);
		s->prec = 1;
		put_string(o, s, &ch);
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
