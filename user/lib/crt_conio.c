/* Microsoft's <conio.h>: reads and writes the console itself (the serial
 * line the kernel keeps), not the standard handles. The console takes
 * input byte by byte as typed; the kernel hands Enter over as '\n', which
 * _getch gives as the '\r' Windows' console does. The wide forms go
 * through the console's code pages (WriteConsoleW for output). */
#include <conio.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>
#include "kernel/rtl/codepage.h"
#include "vados/calls.h"
#include "crt_thread.h"

static volatile int pushed = EOF;       /* _ungetch's character, or EOF */

/* Writes n bytes to the console; FALSE when the system call failed. */
static BOOL console_out(const char *s, size_t n)
{
	uint32_t args[2] = { (uint32_t)s, n };

	return vados_syscall(SYS_WRITE_CONSOLE, args).error == 0;
}

/* The next typed byte, Enter as '\r'. */
static unsigned char key_byte(void)
{
	char b = 0;
	uint32_t args[2] = { (uint32_t)&b, 1 };

	while (vados_syscall(SYS_READ_CONSOLE, args).value != 1)
		;
	return b == '\n' ? '\r' : (unsigned char)b;
}

int _getch(void)
{
	int c = InterlockedExchange((volatile LONG *)&pushed, EOF);

	return c != EOF ? c : key_byte();
}

/* A key in the input code page: one CP437 byte, or a UTF-8 sequence. */
wint_t _getwch(void)
{
	int c = InterlockedExchange((volatile LONG *)&pushed, EOF);
	char seq[4];
	int n = 1;
	WCHAR w = 0;

	if (c != EOF)
		return (wint_t)c;
	seq[0] = (char)key_byte();
	if (GetConsoleCP() != CP_UTF8)
		return cp437_to_unicode((uint8_t)seq[0]);
	if ((seq[0] & 0xe0) == 0xc0)
		n = 2;
	else if ((seq[0] & 0xf0) == 0xe0)
		n = 3;
	for (int i = 1; i < n; i++)
		seq[i] = (char)key_byte();
	return MultiByteToWideChar(CP_UTF8, 0, seq, n, &w, 1) == 1 ? w : (wint_t)0xfffd;
}

wint_t _getwche(void)
{
	wint_t c = _getwch();

	_putwch((wchar_t)c);
	return c;
}

wint_t _ungetwch(wint_t c)
{
	if (c == WEOF || InterlockedCompareExchange((volatile LONG *)&pushed, c, EOF) != EOF)
		return WEOF;
	return c;
}

wint_t _putwch(wchar_t c)
{
	DWORD n;

	return WriteConsoleW((HANDLE)STD_OUTPUT_HANDLE, &c, 1, &n, NULL) ? c : WEOF;
}

int _cputws(const wchar_t *s)
{
	DWORD n;

	if (!s)
		return crt_invalid_parameter(), -1;
	return WriteConsoleW((HANDLE)STD_OUTPUT_HANDLE, s, (DWORD)wcslen(s), &n, NULL) ? 0 : -1;
}

int _vcwprintf(const wchar_t *fmt, va_list ap)
{
	va_list copy;
	wchar_t *buf;
	int n;

	if (!fmt)
		return crt_invalid_parameter(), -1;
	va_copy(copy, ap);
	n = _vscwprintf(fmt, copy);
	va_end(copy);
	if (n < 0 || !(buf = malloc(((size_t)n + 1) * sizeof(wchar_t)))) {
		errno = n < 0 ? errno : ENOMEM;
		return -1;
	}
	vswprintf(buf, (size_t)n + 1, fmt, ap);
	n = _cputws(buf) == 0 ? n : -1;
	free(buf);
	return n;
}

int _cwprintf(const wchar_t *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = _vcwprintf(fmt, ap);
	va_end(ap);
	return n;
}

int _getche(void)
{
	int c = _getch();

	_putch(c);
	return c;
}

int _kbhit(void)
{
	uint32_t args[2] = { 0, 0 };        /* max 0: how many bytes wait */

	return pushed != EOF || vados_syscall(SYS_READ_CONSOLE, args).value != 0;
}

int _ungetch(int c)
{
	if (c == EOF || InterlockedCompareExchange((volatile LONG *)&pushed, c & 0xff, EOF) != EOF)
		return EOF;
	return c;
}

int _putch(int c)
{
	char b = (char)c;

	return console_out(&b, 1) ? c : EOF;
}

int _cputs(const char *s)
{
	size_t n = 0;

	if (!s)
		return crt_invalid_parameter(), -1;
	while (s[n])
		n++;
	return console_out(s, n) ? 0 : -1;
}

struct conio_out {
	char buf[256];
	size_t len;
	BOOL failed;
};

static void conio_flush(struct conio_out *o)
{
	if (o->len && !console_out(o->buf, o->len))
		o->failed = TRUE;
	o->len = 0;
}

static void conio_emit(void *ctx, char c)
{
	struct conio_out *o = ctx;

	o->buf[o->len++] = c;
	if (o->len == sizeof(o->buf))
		conio_flush(o);
}

int _vcprintf(const char *fmt, va_list ap)
{
	struct conio_out o = { .len = 0 };
	int n;

	if (!fmt)
		return crt_invalid_parameter(), -1;
	n = crt_vformat(conio_emit, &o, fmt, ap);
	conio_flush(&o);
	return o.failed ? -1 : n;
}

int _cprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = _vcprintf(fmt, ap);
	va_end(ap);
	return n;
}

errno_t _cgets_s(char *buf, size_t size, size_t *read)
{
	size_t len = 0;
	int c;

	if (!buf || !size)
		return crt_invalid_parameter();
	*buf = '\0';
	if (!read)
		return crt_invalid_parameter();
	while (len < size - 1 && (c = _getch()) != '\r') {
		if ((c == '\b' || c == 0x7f) && len > 0) {
			len--;
			_cputs("\b \b");
		} else if (c != '\b' && c != 0x7f) {
			buf[len++] = (char)c;
			_putch(c);
		}
	}
	buf[len] = '\0';
	*read = len;
	return 0;
}

int _getch_nolock(void) __attribute__((alias("_getch")));
int _getche_nolock(void) __attribute__((alias("_getche")));
int _ungetch_nolock(int c) __attribute__((alias("_ungetch")));
int _putch_nolock(int c) __attribute__((alias("_putch")));
wint_t _getwch_nolock(void) __attribute__((alias("_getwch")));
wint_t _getwche_nolock(void) __attribute__((alias("_getwche")));
wint_t _ungetwch_nolock(wint_t c) __attribute__((alias("_ungetwch")));
wint_t _putwch_nolock(wchar_t c) __attribute__((alias("_putwch")));
int getch(void) __attribute__((alias("_getch")));
int getche(void) __attribute__((alias("_getche")));
int kbhit(void) __attribute__((alias("_kbhit")));
int ungetch(int c) __attribute__((alias("_ungetch")));
int putch(int c) __attribute__((alias("_putch")));
int cputs(const char *s) __attribute__((alias("_cputs")));
int cprintf(const char *fmt, ...) __attribute__((alias("_cprintf")));
