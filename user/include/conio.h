/* <conio.h>: Microsoft's console I/O, straight to the console whatever the
 * standard handles are (user/lib/crt_conio.c). */
#ifndef _CONIO_H
#define _CONIO_H

#include <stdarg.h>
#include <stddef.h>
#include <wctype.h>
#include "vados/cdefs.h"

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif

VADOS_BEGIN_DECLS

/* The next key typed, without echo (_getche: echoed); Enter is '\r'. A
 * character _ungetch pushed back comes first. */
int _getch(void);
int _getche(void);
/* Nonzero when a key waits to be read (or one was pushed back). */
int _kbhit(void);
/* Pushes c back for the next _getch or _getche: c, or EOF when c is EOF or
 * one is already pushed back. */
int _ungetch(int c);
/* Writes c to the console unbuffered: c, or EOF on failure. */
int _putch(int c);
/* Writes s: 0, or nonzero (NULL: the invalid-parameter handler, EINVAL). */
int _cputs(const char *s);
/* printf to the console: the characters written, or -1 (a NULL format:
 * the invalid-parameter handler, EINVAL). */
int _cprintf(const char *fmt, ...);
int _vcprintf(const char *fmt, va_list ap);
/* Reads a line (echoed; backspace erases) into buf until Enter (not kept)
 * or size - 1 characters (the rest stays to be read); *read gets its length. 0, or EINVAL through
 * the invalid-parameter handler: buf NULL, size 0 (buf untouched), read
 * NULL (buf emptied). */
errno_t _cgets_s(char *buf, size_t size, size_t *read);

/* The wide forms: characters through the console's code pages (CP437 until
 * SetConsoleCP/SetConsoleOutputCP change them), WEOF for EOF. _ungetwch
 * shares _ungetch's one place. */
wint_t _getwch(void);
wint_t _getwche(void);
wint_t _ungetwch(wint_t c);
wint_t _putwch(wchar_t c);
int _cputws(const wchar_t *s);
int _cwprintf(const wchar_t *fmt, ...);
int _vcwprintf(const wchar_t *fmt, va_list ap);

/* The _nolock forms: the same calls (each takes its one step atomically). */
int _getch_nolock(void);
int _getche_nolock(void);
int _ungetch_nolock(int c);
int _putch_nolock(int c);
wint_t _getwch_nolock(void);
wint_t _getwche_nolock(void);
wint_t _ungetwch_nolock(wint_t c);
wint_t _putwch_nolock(wchar_t c);

int getch(void);
int getche(void);
int kbhit(void);
int ungetch(int c);
int putch(int c);
int cputs(const char *s);
int cprintf(const char *fmt, ...);

VADOS_END_DECLS

#endif
