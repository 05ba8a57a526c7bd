/* The wide printf engine; see user/lib/wide_format.h. Strings and
 * characters are done here (%s and %c wide, %S and %C narrow, h always
 * narrow, l and w always wide; a narrow one's bytes widened as the C
 * runtime's "C" locale does, byte b to U+00b); every other conversion is
 * handed, one at a time, to the narrow snprintf with its flags, width,
 * precision and size, and its bytes widened. */
#include <stdio.h>
#include <stdlib.h>
#include "user/lib/crt_thread.h"
#include "user/lib/wide_format.h"

enum size { SZ_NONE, SZ_HH, SZ_H, SZ_L, SZ_LL, SZ_BIG_L, SZ_Z, SZ_WIDE };

struct wspec {
	char flags[8];                  /* the flags as given, NUL-ended */
	int width, prec;                /* prec < 0: none */
	enum size size;
};

struct wout {
	wfmt_emit_fn emit;
	void *ctx;
	int count;
};

static void put(struct wout *o, wchar_t c)
{
	o->emit(o->ctx, c);
	o->count++;
}

static void pad(struct wout *o, int n)
{
	while (n-- > 0)
		put(o, L' ');
}

/* Parses flags, width, precision and size at f (after the '%'). */
static const wchar_t *parse(const wchar_t *f, struct wspec *s, va_list *ap)
{
	int nflags = 0;

	*s = (struct wspec){ .prec = -1 };
	for (; *f && wcschr(L"-+ #0", *f); f++)
		if (nflags < 7 && !__builtin_strchr(s->flags, (char)*f))
			s->flags[nflags++] = (char)*f;
	if (*f == L'*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->width = -s->width;
			if (nflags < 7 && !__builtin_strchr(s->flags, '-'))
				s->flags[nflags++] = '-';
		}
		f++;
	}
	for (; *f >= L'0' && *f <= L'9'; f++)
		s->width = s->width * 10 + (*f - L'0');
	if (*f == L'.') {
		s->prec = 0;
		if (*++f == L'*') {
			s->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= L'0' && *f <= L'9'; f++)
			s->prec = s->prec * 10 + (*f - L'0');
	}
	for (;; f++) {
		if (*f == L'h')
			s->size = s->size == SZ_H ? SZ_HH : SZ_H;
		else if (*f == L'l')
			s->size = s->size == SZ_L ? SZ_LL : SZ_L;
		else if (*f == L'w')
			s->size = SZ_WIDE;
		else if (*f == L'L')
			s->size = SZ_BIG_L;
		else if (*f == L'j' || (f[0] == L'I' && f[1] == L'6' && f[2] == L'4'))
			s->size = SZ_LL, f += *f == L'I' ? 2 : 0;
		else if (f[0] == L'I' && f[1] == L'3' && f[2] == L'2')
			s->size = SZ_NONE, f += 2;
		else if (*f == L'z' || *f == L't' || *f == L'I')
			s->size = SZ_Z;
		else
			break;
	}
	return f;
}

static int left(const struct wspec *s)
{
	return __builtin_strchr(s->flags, '-') != NULL;
}

/* A wide (wide != 0) or narrow string, cut to the precision and padded to
 * the width; NULL shows as "(null)". */
static void put_string(struct wout *o, const struct wspec *s, const void *str, int wide)
{
	const wchar_t *w = str;
	const char *a = str;
	int len = 0;

	if (!str) {
		a = "(null)";
		wide = 0;
	}
	while ((s->prec < 0 || len < s->prec) && (wide ? w[len] : a[len]))
		len++;
	if (!left(s))
		pad(o, s->width - len);
	for (int i = 0; i < len; i++)
		put(o, wide ? w[i] : (unsigned char)a[i]);
	if (left(s))
		pad(o, s->width - len);
}

static void put_char(struct wout *o, const struct wspec *s, wchar_t c)
{
	if (!left(s))
		pad(o, s->width - 1);
	put(o, c);
	if (left(s))
		pad(o, s->width - 1);
}

/* The narrow spec of s for conversion c ("%-08.3llx") into spec[48]. */
static void narrow_spec(const struct wspec *s, wchar_t c, char spec[48])
{
	static const char *const sizes[] = { "", "hh", "h", "l", "ll", "L", "z", "" };
	int n = snprintf(spec, 48, "%%%s", s->flags);

	if (s->width)
		n += snprintf(spec + n, 48 - n, "%d", s->width);
	if (s->prec >= 0)
		n += snprintf(spec + n, 48 - n, ".%d", s->prec);
	snprintf(spec + n, 48 - n, "%s%c", sizes[s->size], (char)c);
}

/* spec's text with the one value that follows, in small[64] or, longer,
 * on the heap (*text); its length, or -1 without memory for it. */
static int format_one(char **text, char small[64], const char *spec, ...)
{
	va_list ap, again;
	int n;

	va_start(ap, spec);
	va_copy(again, ap);
	*text = small;
	if ((n = vsnprintf(small, 64, spec, ap)) >= 64) {
		if ((*text = malloc(n + 1)) != NULL)
			vsnprintf(*text, n + 1, spec, again);
		else
			n = -1;
	}
	va_end(again);
	va_end(ap);
	return n;
}

/* Formats one number conversion c with the narrow snprintf and widens it;
 * 0 when its text needs more memory than there is. */
static int put_number(struct wout *o, const struct wspec *s, wchar_t c, va_list *ap)
{
	char spec[48], small[64], *text;
	int n;

	narrow_spec(s, c, spec);
	if (wcschr(L"eEfFgGaA", c) && s->size == SZ_BIG_L)
		n = format_one(&text, small, spec, va_arg(*ap, long double));
	else if (wcschr(L"eEfFgGaA", c))
		n = format_one(&text, small, spec, va_arg(*ap, double));
	else if (c != L'p' && s->size == SZ_LL)
		n = format_one(&text, small, spec, va_arg(*ap, unsigned long long));
	else            /* int, long, size_t and pointers are all 32-bit */
		n = format_one(&text, small, spec, va_arg(*ap, unsigned));
	if (n < 0)
		return 0;
	for (int i = 0; i < n; i++)
		put(o, (unsigned char)text[i]);
	if (text != small)
		free(text);
	return 1;
}

/* %n: the count so far into *p, sized as the length says; 0 (after the
 * invalid-parameter handler) unless _set_printf_count_output allowed it. */
static int store_count(const struct wout *o, const struct wspec *s, void *p)
{
	if (!crt_count_output()) {
		crt_invalid_parameter();
		return 0;
	}
	switch (s->size) {
	case SZ_HH: *(signed char *)p = (signed char)o->count; break;
	case SZ_H: *(short *)p = (short)o->count; break;
	case SZ_LL: *(long long *)p = o->count; break;
	default: *(int *)p = o->count; break;
	}
	return 1;
}

int wfmt_vformat(wfmt_emit_fn emit, void *ctx, const wchar_t *fmt, va_list ap)
{
	struct wout o = { emit, ctx, 0 };
	struct wspec s;
	va_list args;
	int ok = 1;

	va_copy(args, ap);
	while (*fmt && ok) {
		if (*fmt != L'%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse(fmt + 1, &s, &args);
		switch (*fmt) {
		case L's': case L'S':
			put_string(&o, &s, va_arg(args, const void *),
				   s.size == SZ_H ? 0 : s.size == SZ_L || s.size == SZ_WIDE ? 1
				   : *fmt == L's');
			break;
		case L'c': case L'C':
			if (s.size == SZ_H || (*fmt == L'C' && s.size != SZ_L && s.size != SZ_WIDE))
				put_char(&o, &s, (unsigned char)va_arg(args, int));
			else
				put_char(&o, &s, (wchar_t)va_arg(args, int));
			break;
		case L'd': case L'i': case L'u': case L'o': case L'x': case L'X': case L'p':
		case L'e': case L'E': case L'f': case L'F': case L'g': case L'G':
		case L'a': case L'A':
			ok = put_number(&o, &s, *fmt, &args);
			break;
		case L'n':
			ok = store_count(&o, &s, va_arg(args, void *));
			break;
		case L'%':
			put(&o, L'%');
			break;
		default:                        /* unknown conversion: shown verbatim */
			put(&o, L'%');
			if (*fmt)
				put(&o, *fmt);
			break;
		}
		if (*fmt)
			fmt++;
	}
	va_end(args);
	return ok ? o.count : -1;
}
