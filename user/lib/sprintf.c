/* Formatting into buffers (<stdio.h>): C's sprintf and snprintf, Microsoft's
 * _snprintf, the checked _s forms and _scprintf, over kernel/rtl/format.c. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "kernel/rtl/format.h"
#include "crt_thread.h"

struct into { char *buf; size_t limit, len; };

static void emit_into(void *ctx, char c)
{
	struct into *t = ctx;

	if (t->len < t->limit)
		t->buf[t->len] = c;
	t->len++;
}

static volatile LONG count_output;      /* %n allowed (off by default, as UCRT) */

int _set_printf_count_output(int enable)
{
	return InterlockedExchange(&count_output, enable != 0);
}

int _get_printf_count_output(void)
{
	return count_output;
}

int crt_count_output(void)
{
	return count_output;
}

int crt_vformat(void (*emit)(void *ctx, char c), void *ctx, const char *fmt, va_list ap)
{
	int n = fmt_vformat_crt(emit, ctx, fmt, ap, count_output);

	if (n < 0)
		crt_invalid_parameter();
	return n;
}

/* Writes at most limit characters of the text (no NUL); its full length. */
static int format_into(char *buf, size_t limit, const char *fmt, va_list ap)
{
	struct into t = { buf, limit, 0 };

	return crt_vformat(emit_into, &t, fmt, ap);
}

/* C's: at most size - 1 characters and a NUL; the full length. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = format_into(buf, size ? size - 1 : 0, fmt, ap);

	if (n < 0 && size)
		buf[0] = '\0';
	else if (size)
		buf[(size_t)n < size ? (size_t)n : size - 1] = '\0';
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	int n = format_into(buf, (size_t)INT_MAX, fmt, ap);

	buf[n < 0 ? 0 : n] = '\0';
	return n;
}

int _vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = format_into(buf, size, fmt, ap);

	if (n >= 0 && (size_t)n < size)
		buf[n] = '\0';
	return n >= 0 && (size_t)n <= size ? n : -1;
}

int _vscprintf(const char *fmt, va_list ap)
{
	return format_into(NULL, 0, fmt, ap);
}

int _vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	if (!buf || !size || !fmt)
		return crt_invalid_parameter(), -1;
	va_copy(again, ap);
	n = _vscprintf(fmt, again);
	va_end(again);
	if (n < 0)
		return buf[0] = '\0', -1;
	/* count limits the characters; _TRUNCATE means what fits in size */
	size_t limit = count == _TRUNCATE ? size - 1 : count;
	size_t take = (size_t)n < limit ? (size_t)n : limit;
	if (take >= size) {
		buf[0] = '\0';
		crt_invalid_parameter();
		errno = ERANGE;
		return -1;
	}
	format_into(buf, take, fmt, ap);
	buf[take] = '\0';
	return (size_t)n > take ? -1 : n;
}

int vsprintf_s(char *buf, size_t size, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	if (!buf || !size || !fmt)
		return crt_invalid_parameter(), -1;
	va_copy(again, ap);
	n = _vscprintf(fmt, again);
	va_end(again);
	if (n < 0)
		return buf[0] = '\0', -1;
	if ((size_t)n >= size) {
		buf[0] = '\0';
		crt_invalid_parameter();
		errno = ERANGE;
		return -1;
	}
	format_into(buf, size, fmt, ap);
	buf[n] = '\0';
	return n;
}

#define FORWARD(call)                   \
	va_list ap;                     \
	va_start(ap, fmt);              \
	int n = call;                   \
	va_end(ap);                     \
	return n

int sprintf(char *buf, const char *fmt, ...) { FORWARD(vsprintf(buf, fmt, ap)); }
int snprintf(char *buf, size_t size, const char *fmt, ...) { FORWARD(vsnprintf(buf, size, fmt, ap)); }
int _snprintf(char *buf, size_t size, const char *fmt, ...) { FORWARD(_vsnprintf(buf, size, fmt, ap)); }
int sprintf_s(char *buf, size_t size, const char *fmt, ...) { FORWARD(vsprintf_s(buf, size, fmt, ap)); }
int _scprintf(const char *fmt, ...) { FORWARD(_vscprintf(fmt, ap)); }
int printf_s(const char *fmt, ...) { FORWARD(vprintf(fmt, ap)); }
int fprintf_s(FILE *f, const char *fmt, ...) { FORWARD(vfprintf(f, fmt, ap)); }

int _snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...)
{
	FORWARD(_vsnprintf_s(buf, size, count, fmt, ap));
}
