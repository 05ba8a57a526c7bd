/* printf-style formatting, independent of where the characters go, as
 * Microsoft's C runtime formats: conversions %d %i %u %x %X %o %s %c %p %%,
 * %e %E %f %F %g %G (exact, rounded half to even; inf, nan, -nan(ind)), %a %A
 * (Microsoft's 0x1.8000000000000p+1), wide %ls %lc %S %C %ws %wc (0..255 as
 * themselves, others '?'); flags - 0 + space #; width and precision (also *);
 * length modifiers hh h l ll z j t L and Microsoft's I I32 I64. */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_emit_fn)(void *ctx, char c);

/* Formats fmt with ap, passing each output character to emit. Returns the
 * count. %p is the kernel's 0x and lower-case digits (0xc0123456). */
int fmt_vformat(fmt_emit_fn emit, void *ctx, const char *fmt, va_list ap);
/* The same with Microsoft's %p (the C library's): every hex digit, upper
 * case, no 0x (0012FF7C), and its %n: with count_output the count so far is
 * stored through the next argument, else formatting stops there and the
 * call returns -1. */
int fmt_vformat_crt(fmt_emit_fn emit, void *ctx, const char *fmt, va_list ap, int count_output);

/* snprintf: writes at most size-1 characters plus a NUL; returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
