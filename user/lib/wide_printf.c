/* <wchar.h>'s formatted output: into wide buffers with each function's own
 * size rules, and onto streams as the "C" locale narrows (U+0000..U+00FF to
 * their byte, '?' for the rest; user/lib/wide_format.h). */
#include <stdlib.h>
#include <windows.h>
#include "user/lib/wide_format.h"

/* A buffer of size units: what fits is stored, all is counted. */
struct bounded {
	wchar_t *buf;
	size_t size, len;
};

static void emit_bounded(void *ctx, wchar_t c)
{
	struct bounded *b = ctx;

	if (b->len < b->size)
		b->buf[b->len] = c;
	b->len++;
}

/* Formats into buf[room] without a terminator; returns the full length
 * (-1 without memory). */
static int format_into(wchar_t *buf, size_t room, const wchar_t *fmt, va_list ap)
{
	struct bounded b = { buf, room, 0 };

	return wfmt_vformat(emit_bounded, &b, fmt, ap);
}

int vswprintf(wchar_t *buf, size_t n, const wchar_t *fmt, va_list ap)
{
	int len;

	if (!buf || !fmt || !n)
		return -1;
	len = format_into(buf, n - 1, fmt, ap);
	if (len < 0 || (size_t)len >= n) {
		buf[n - 1] = 0;
		return -1;
	}
	buf[len] = 0;
	return len;
}

int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap)
{
	int len;

	if (!fmt || (!buf && count))
		return -1;
	len = format_into(buf, count, fmt, ap);
	if (len < 0 || (size_t)len > count)
		return -1;
	if ((size_t)len < count)
		buf[len] = 0;
	return len;
}

int _vswprintf(wchar_t *buf, const wchar_t *fmt, va_list ap)
{
	int len = format_into(buf, (size_t)-1 / sizeof(wchar_t), fmt, ap);

	if (len >= 0)
		buf[len] = 0;
	return len;
}

int vswprintf_s(wchar_t *buf, size_t size, const wchar_t *fmt, va_list ap)
{
	int len;

	if (!buf || !size || !fmt) {
		if (buf && size)
			buf[0] = 0;
		return -1;
	}
	len = format_into(buf, size - 1, fmt, ap);
	if (len < 0 || (size_t)len >= size) {
		buf[0] = 0;
		return -1;
	}
	buf[len] = 0;
	return len;
}

int _vsnwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, va_list ap)
{
	size_t room;
	int len;

	if (!buf || !size || !fmt) {
		if (buf && size)
			buf[0] = 0;
		return -1;
	}
	room = count == _TRUNCATE || count >= size ? size - 1 : count;
	len = format_into(buf, room, fmt, ap);
	if (len >= 0 && (size_t)len <= room) {
		buf[len] = 0;
		return len;
	}
	if (count == _TRUNCATE || (count < size && len >= 0)) {
		buf[room] = 0;                  /* cut to what was asked or fits */
		return -1;
	}
	buf[0] = 0;
	return -1;
}

int _vscwprintf(const wchar_t *fmt, va_list ap)
{
	return fmt ? format_into(NULL, 0, fmt, ap) : -1;
}

/* c as the "C" locale narrows it. */
static char narrow(wchar_t c)
{
	return c <= 0xFF ? (char)c : '?';
}

/* A stream's characters, gathered and written a chunk at a time. */
struct streamed {
	FILE *f;
	char buf[128];
	size_t len;
	int failed;
};

static void stream_flush(struct streamed *s)
{
	if (s->len && fwrite(s->buf, 1, s->len, s->f) != s->len)
		s->failed = 1;
	s->len = 0;
}

static void emit_stream(void *ctx, wchar_t c)
{
	struct streamed *s = ctx;

	s->buf[s->len++] = narrow(c);
	if (s->len == sizeof(s->buf))
		stream_flush(s);
}

int vfwprintf(FILE *f, const wchar_t *fmt, va_list ap)
{
	struct streamed s = { .f = f };
	int n;

	if (!f || !fmt)
		return -1;
	n = wfmt_vformat(emit_stream, &s, fmt, ap);
	stream_flush(&s);
	return s.failed ? -1 : n;
}

int vwprintf(const wchar_t *fmt, va_list ap)
{
	return vfwprintf(stdout, fmt, ap);
}

#define VARIADIC(call) \
	va_list ap; \
	va_start(ap, fmt); \
	int r = call; \
	va_end(ap); \
	return r

int swprintf(wchar_t *buf, size_t n, const wchar_t *fmt, ...) { VARIADIC(vswprintf(buf, n, fmt, ap)); }
int _snwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, ...) { VARIADIC(_vsnwprintf(buf, count, fmt, ap)); }
int _swprintf(wchar_t *buf, const wchar_t *fmt, ...) { VARIADIC(_vswprintf(buf, fmt, ap)); }
int swprintf_s(wchar_t *buf, size_t size, const wchar_t *fmt, ...) { VARIADIC(vswprintf_s(buf, size, fmt, ap)); }
int _snwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, ...)
{
	VARIADIC(_vsnwprintf_s(buf, size, count, fmt, ap));
}
int _scwprintf(const wchar_t *fmt, ...) { VARIADIC(_vscwprintf(fmt, ap)); }
int fwprintf(FILE *f, const wchar_t *fmt, ...) { VARIADIC(vfwprintf(f, fmt, ap)); }
int wprintf(const wchar_t *fmt, ...) { VARIADIC(vwprintf(fmt, ap)); }

wint_t fputwc(wchar_t c, FILE *f)
{
	return fputc((unsigned char)narrow(c), f) == EOF ? WEOF : c;
}

wint_t putwc(wchar_t c, FILE *f)
{
	return fputwc(c, f);
}

wint_t putwchar(wchar_t c)
{
	return fputwc(c, stdout);
}

int fputws(const wchar_t *s, FILE *f)
{
	return fwprintf(f, L"%ls", s) < 0 ? WEOF : 0;
}

int _putws(const wchar_t *s)
{
	return fwprintf(stdout, L"%ls\n", s) < 0 ? WEOF : 0;
}

/* user32's: at most 1024 characters with the NUL (1023 stored when cut). */
int WINAPI wvsprintfW(LPWSTR lpOut, LPCWSTR lpFmt, va_list arglist)
{
	int len = format_into(lpOut, 1023, lpFmt, arglist);

	if (len < 0 || len > 1023)
		len = 1023;
	lpOut[len] = 0;
	return len;
}

int wsprintfW(LPWSTR lpOut, LPCWSTR fmt, ...)
{
	VARIADIC(wvsprintfW(lpOut, fmt, ap));
}
