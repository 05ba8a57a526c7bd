/* <stdlib.h>'s conversions between multibyte and wide characters, in the C
 * runtime's "C" locale: a byte b is the character U+00b, one byte each
 * (MB_CUR_MAX 1), and a character above U+00FF has no byte (EILSEQ's
 * (size_t)-1). Included by <stdlib.h> and <wchar.h>
 * (user/lib/wide_mbchar.c). */
#ifndef VADOS_STDLIB_WIDE_H
#define VADOS_STDLIB_WIDE_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#ifndef MB_CUR_MAX
#define MB_CUR_MAX 1
#endif
#ifndef MB_LEN_MAX
#define MB_LEN_MAX 5
#endif
#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif

int mblen(const char *s, size_t n);
int mbtowc(wchar_t *wc, const char *s, size_t n);
int wctomb(char *s, wchar_t wc);
/* The characters (bytes) converted, the NUL not counted; dst NULL: the
 * count needed. */
size_t mbstowcs(wchar_t *dst, const char *src, size_t n);
size_t wcstombs(char *dst, const wchar_t *src, size_t n);
/* *converted counts the NUL; dst NULL with size 0: the size needed. count
 * _TRUNCATE: what fits (STRUNCATE, 80); too small a buffer: ERANGE (34)
 * with dst emptied; NULL arguments EINVAL (22); a character without a byte
 * EILSEQ (42). */
errno_t mbstowcs_s(size_t *converted, wchar_t *dst, size_t size, const char *src, size_t count);
errno_t wcstombs_s(size_t *converted, char *dst, size_t size, const wchar_t *src, size_t count);

VADOS_END_DECLS

#endif
