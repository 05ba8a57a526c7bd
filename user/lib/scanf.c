/* The scanf family (<stdio.h>): C99's conversions over a string or a
 * stream, Microsoft's I64 length and its _s forms (a size after each %s %c
 * %[ buffer; too small a buffer ends the scan with it emptied); swscanf
 * (<wchar.h>) over a UTF-16 string, its format narrowed to CP437. %s, %c
 * and %[ store wide characters with l, or in the wide forms without h;
 * %S and %C the other width (Microsoft's rule). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <wchar.h>
#include "crt_thread.h"
#include "user/lib/wide_arg.h"

struct source {
	const char *s;          /* a string, or */
	FILE *f;                /* a stream, or */
	const wchar_t *w;       /* a UTF-16 string (swscanf) */
	int count;              /* characters consumed (%n) */
};

/* The next character (a wide source's may be above 255), or EOF. */
static int next(struct source *in)
{
	int c;

	if (in->w)
		c = *in->w ? *in->w++ : EOF;
	else if (in->s)
		c = *in->s ? (unsigned char)*in->s++ : EOF;
	else
		c = fgetc(in->f);
	if (c != EOF)
		in->count++;
	return c;
}

static void back(struct source *in, int c)
{
	if (c == EOF)
		return;
	in->count--;
	if (in->w)
		in->w--;
	else if (in->s)
		in->s--;
	else
		ungetc(c, in->f);
}

static int skip_space(struct source *in)
{
	int c;

	while ((c = next(in)) != EOF && c < 256 && isspace(c))
		;
	back(in, c);
	return c;
}

enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_LDOUBLE, L_SIZE };

static void store_int(void *p, int length, unsigned long long v)
{
	switch (length) {
	case L_CHAR: *(char *)p = (char)v; break;
	case L_SHORT: *(short *)p = (short)v; break;
	case L_LLONG: *(long long *)p = (long long)v; break;
	case L_SIZE: *(size_t *)p = (size_t)v; break;
	case L_LONG: *(long *)p = (long)v; break;
	default: *(int *)p = (int)v; break;
	}
}

/* Reads up to width characters accepted by ok(c, text so far) into text. */
static size_t collect(struct source *in, char *text, size_t max, int width,
		      int (*ok)(int c, const char *text, size_t len, int base), int base)
{
	size_t len = 0;
	int c;

	while ((width <= 0 || (int)len < width) && len < max - 1) {
		c = next(in);
		text[len] = '\0';
		if (c == EOF || c > 127 || !ok(c, text, len, base)) {
			back(in, c);
			break;
		}
		text[len++] = (char)c;
	}
	text[len] = '\0';
	return len;
}

static int digit_of(int c)
{
	return isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
}

/* Integer text: sign, then 0x (base 16 or 0), then digits of the base. */
static int integer_char(int c, const char *t, size_t len, int base)
{
	size_t at = t[0] == '-' || t[0] == '+';

	if (len == 0 && (c == '-' || c == '+'))
		return 1;
	if ((base == 16 || base == 0) && len == at + 1 && t[at] == '0' && (c == 'x' || c == 'X'))
		return 1;
	if (base == 0)
		base = len > at && t[at] == '0' ?
			(len > at + 1 && tolower((unsigned char)t[at + 1]) == 'x' ? 16 : 8) : 10;
	return digit_of(c) < base;
}

/* Floating text: sign, digits, '.', digits, exponent, inf / nan letters. */
static int float_char(int c, const char *t, size_t len, int base)
{
	const char *e = strpbrk(t, "eE");

	(void)base;
	if (len == 0 || ((t[len - 1] == 'e' || t[len - 1] == 'E') && e == t + len - 1))
		if (c == '-' || c == '+')
			return 1;
	if (isdigit(c))
		return 1;
	if (c == '.')
		return !strchr(t, '.') && !e;
	if (c == 'e' || c == 'E')
		return !e && strpbrk(t, "0123456789");
	return strchr("infatyINFATY", c) && !strpbrk(t, "0123456789.");
}

/* A %[ set: the characters it takes, from fmt just after '['; returns the
 * format past the closing ']'. */
static const char *scanset(const char *fmt, unsigned char set[256])
{
	int negate = *fmt == '^';

	if (negate)
		fmt++;
	memset(set, negate, 256);
	if (*fmt == ']')
		set[(unsigned char)*fmt++] = !negate;
	for (; *fmt && *fmt != ']'; fmt++) {
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
			for (int c = (unsigned char)fmt[0]; c <= (unsigned char)fmt[2]; c++)
				set[c] = !negate;
			fmt += 2;
		} else {
			set[(unsigned char)*fmt] = !negate;
		}
	}
	return *fmt ? fmt + 1 : fmt;
}

/* Stores character c at out[i], a wide or a narrow buffer (a character a
 * byte cannot hold as '?'). */
static void store_char(void *out, BOOL wide, size_t i, int c)
{
	if (wide)
		((wchar_t *)out)[i] = (wchar_t)c;
	else
		((char *)out)[i] = (char)(c < 256 ? c : '?');
}

static int scan(struct source *in, const char *fmt, va_list ap, int secure)
{
	int assigned = 0, converted = 0;

	if (!fmt)
		return crt_invalid_parameter(), EOF;
	for (; *fmt; fmt++) {
		int suppress = 0, width = 0, length = L_INT, c;
		char conv, text[512];
		void *dst = NULL;
		size_t size = (size_t)-1, len;

		if (isspace((unsigned char)*fmt)) {
			skip_space(in);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			fmt += *fmt == '%';
			if (*fmt == '%')
				skip_space(in);
			c = next(in);
			if (c != (unsigned char)*fmt) {
				back(in, c);
				return c == EOF && !converted ? EOF : assigned;
			}
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		for (; isdigit((unsigned char)*fmt); fmt++)
			width = width * 10 + (*fmt - '0');
		for (;; fmt++) {
			if (*fmt == 'h') length = length == L_SHORT ? L_CHAR : L_SHORT;
			else if (*fmt == 'l') length = length == L_LONG ? L_LLONG : L_LONG;
			else if (*fmt == 'L') length = L_LDOUBLE;
			else if (*fmt == 'j' || *fmt == 'q') length = L_LLONG;
			else if (*fmt == 'z' || *fmt == 't') length = L_SIZE;
			else if (fmt[0] == 'I' && fmt[1] == '6' && fmt[2] == '4') { length = L_LLONG; fmt += 2; }
			else if (fmt[0] == 'I' && fmt[1] == '3' && fmt[2] == '2') { length = L_INT; fmt += 2; }
			else if (*fmt == 'I') length = L_SIZE;
			else break;
		}
		conv = *fmt;
		if (!conv)
			break;
		if (!suppress && conv != '%')
			dst = va_arg(ap, void *);
		if (!suppress && secure && (conv == 's' || conv == 'c' || conv == '[' ||
					    conv == 'S' || conv == 'C'))
			size = va_arg(ap, unsigned int);
		if (conv == 'n') {
			if (dst)
				store_int(dst, length, (unsigned long long)in->count);
			continue;
		}
		if (conv != 'c' && conv != '[' && skip_space(in) == EOF)
			return converted ? assigned : EOF;
		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
			len = collect(in, text, sizeof(text), width, integer_char, base);
			if (!len || !strpbrk(text, "0123456789abcdefABCDEF"))
				return assigned;
			unsigned long long v = text[0] == '-' ? (unsigned long long)strtoll(text, NULL, base)
						     : strtoull(text, NULL, base);
			if (dst)
				store_int(dst, conv == 'p' ? L_SIZE : length, v);
			break;
		}
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': {
			char *end;
			len = collect(in, text, sizeof(text), width, float_char, 0);
			double v = strtod(text, &end);
			if (!len || end == text)
				return assigned;
			if (!dst)
				break;
			if (length == L_LONG)
				*(double *)dst = v;
			else if (length == L_LDOUBLE)
				*(long double *)dst = v;
			else
				*(float *)dst = (float)v;
			break;
		}
		case 's': case 'S': case 'c': case 'C': case '[': {
			unsigned char set[256];
			void *out = dst;
			BOOL wide = length == L_LONG ||
				    (length != L_SHORT && (conv == 'S' || conv == 'C') != !!in->w);
			int others = 1;         /* whether a character above 255 is taken */
			if (conv == '[') {
				others = fmt[1] == '^';
				fmt = scanset(fmt + 1, set) - 1;
			} else {
				memset(set, 1, sizeof(set));
			}
			if (conv == 's' || conv == 'S')
				for (int i = 0; i < 256; i++)
					set[i] = set[i] && !isspace(i);
			if (conv == 'c' || conv == 'C')
				width = width ? width : 1;
			c = 0;
			for (len = 0; width <= 0 || (int)len < width; len++) {
				c = next(in);
				if (c == EOF || !(c < 256 ? set[c] : others)) {
					back(in, c);
					break;
				}
				if (out && len + (conv != 'c' && conv != 'C') >= size) {
					store_char(out, wide, 0, 0);    /* the _s forms: too small */
					return assigned;
				}
				if (out)
					store_char(out, wide, len, c);
			}
			if (!len || ((conv == 'c' || conv == 'C') && (int)len < width))
				return c == EOF && !converted ? EOF : assigned;
			if (out && conv != 'c' && conv != 'C')
				store_char(out, wide, len, 0);
			break;
		}
		default:
			return assigned;
		}
		converted++;
		assigned += dst != NULL;
	}
	return assigned;
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
	struct source in = { s ? s : "", NULL, NULL, 0 };

	if (!s)
		return crt_invalid_parameter(), EOF;
	return scan(&in, fmt, ap, 0);
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct source in = { NULL, f, NULL, 0 };

	if (!f)
		return crt_invalid_parameter(), EOF;
	return scan(&in, fmt, ap, 0);
}

int vscanf(const char *fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

#define FORWARD(...)                    \
	va_list ap;                     \
	va_start(ap, fmt);              \
	int n = __VA_ARGS__;            \
	va_end(ap);                     \
	return n

int sscanf(const char *s, const char *fmt, ...) { FORWARD(vsscanf(s, fmt, ap)); }
int fscanf(FILE *f, const char *fmt, ...) { FORWARD(vfscanf(f, fmt, ap)); }
int scanf(const char *fmt, ...) { FORWARD(vfscanf(stdin, fmt, ap)); }

int sscanf_s(const char *s, const char *fmt, ...)
{
	struct source in = { s, NULL, NULL, 0 };

	if (!s)
		return crt_invalid_parameter(), EOF;
	FORWARD(scan(&in, fmt, ap, 1));
}

int fscanf_s(FILE *f, const char *fmt, ...)
{
	struct source in = { NULL, f, NULL, 0 };

	if (!f)
		return crt_invalid_parameter(), EOF;
	FORWARD(scan(&in, fmt, ap, 1));
}

int scanf_s(const char *fmt, ...)
{
	struct source in = { NULL, stdin, NULL, 0 };
	FORWARD(scan(&in, fmt, ap, 1));
}

/* The wide forms: the format narrowed to CP437 ('?' for what it lacks, so
 * such a literal matches no input), the input read as UTF-16. */
static int scan_wide(const wchar_t *s, const wchar_t *fmt, va_list ap, int secure)
{
	struct source in = { NULL, NULL, s, 0 };
	char small[128], *narrow = small;
	size_t n = 0;
	int r;

	if (!s || !fmt)
		return crt_invalid_parameter(), EOF;
	while (fmt[n])
		n++;
	if (n >= sizeof(small) && !(narrow = malloc(n + 1))) {
		errno = ENOMEM;
		return EOF;
	}
	wide_narrow_lossy(fmt, (DWORD)n + 1, narrow);
	r = scan(&in, narrow, ap, secure);
	if (narrow != small)
		free(narrow);
	return r;
}

int vswscanf(const wchar_t *s, const wchar_t *fmt, va_list ap) { return scan_wide(s, fmt, ap, 0); }
int swscanf(const wchar_t *s, const wchar_t *fmt, ...) { FORWARD(scan_wide(s, fmt, ap, 0)); }
int swscanf_s(const wchar_t *s, const wchar_t *fmt, ...) { FORWARD(scan_wide(s, fmt, ap, 1)); }
