/* What kernel/rtl/format.c shares with format_float.c: one conversion's
 * specification, the output, and the padding of a conversion's text. */
#ifndef KERNEL_RTL_FORMAT_INTERNAL_H
#define KERNEL_RTL_FORMAT_INTERNAL_H

#include <stdarg.h>
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
	int crt;                        /* Microsoft's %p (the C library's) */
	int count_output;               /* the C library's %n stores the count, else fails */
	int failed;                     /* a %n without count_output met */
};

/* Puts prefix and the body_len characters get_body gives, padded to the
 * width with spaces (or, with the 0 flag and zero_ok, zeros after the prefix). */
void fmt_put_body(struct out *o, const struct spec *s, const char *prefix, int zero_ok,
		  int body_len, char (*get_body)(const void *, int), const void *ctx);
/* %e %E %f %F %g %G of the next argument (a double, or long double for L). */
void fmt_put_float(struct out *o, struct spec *s, char c, va_list *ap);
/* %a %A of the next argument. */
void fmt_put_hex_float(struct out *o, struct spec *s, char c, va_list *ap);

#endif
