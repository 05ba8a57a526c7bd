/* Text mode, as Microsoft's C library keeps it, in one place for the
 * streams (fstdio.c) and the descriptors (lowio_rw.c): written, '\n' goes
 * to the file as CR LF; read, CR LF comes back as '\n' and CTRL+Z ends the
 * text (user/lib/crt_text.c). */
#ifndef USER_LIB_CRT_TEXT_H
#define USER_LIB_CRT_TEXT_H

#include <stddef.h>

#define CRT_CTRL_Z 0x1a
#define CRT_TEXT_END  (-1)      /* crt_text_next: CTRL+Z, the end of the text */
#define CRT_TEXT_MORE (-2)      /* crt_text_next: a CR whose next byte is not here yet */

/* The next character of the text in the file bytes raw[0..n) (n >= 1), with
 * *used set to the bytes it takes (2 for CR LF, else 1; 0 for the two
 * negative answers). A CR ending raw answers CRT_TEXT_MORE: the caller
 * looks at the next byte itself (LF: '\n', anything else or nothing: CR). */
int crt_text_next(const unsigned char *raw, size_t n, size_t *used);

/* Copies text from src[0..n) into out[0..cap) (cap >= 2) as the file holds
 * it, each '\n' as CR LF, never splitting a pair; the bytes of src taken,
 * *made set to the bytes of out written. */
size_t crt_text_encode(const unsigned char *src, size_t n, unsigned char *out, size_t cap,
		       size_t *made);

#endif
