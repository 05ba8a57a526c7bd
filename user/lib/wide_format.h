/* The wide printf engine (user/lib/wide_format.c): MSVC's wide format
 * conventions over the narrow printf's number conversions. */
#ifndef USER_LIB_WIDE_FORMAT_H
#define USER_LIB_WIDE_FORMAT_H

#include <stdarg.h>
#include <wchar.h>

typedef void (*wfmt_emit_fn)(void *ctx, wchar_t c);

/* Formats fmt with ap, passing each output character to emit; returns
 * their count (-1 when a number did not fit in memory). */
int wfmt_vformat(wfmt_emit_fn emit, void *ctx, const wchar_t *fmt, va_list ap);

#endif
