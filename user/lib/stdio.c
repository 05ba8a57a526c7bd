/* printf's output for ring 3 (the console, or the standard output handle
 * the process started with), formatted by the kernel's own formatting code
 * (kernel/rtl/format.c, compiled into this library too). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "kernel/rtl/format.h"
#include "vados/calls.h"
#include "crt_thread.h"
#include "fstdio.h"

#define OUT_BUFFER 256

struct out {
	char buf[OUT_BUFFER];
	size_t len;
};

/* Where printf writes: the standard output handle the process started
 * with (a pipe or file its creator gave with STARTF_USESTDHANDLES), taken
 * before the program's constructors; the console until then. */
static HANDLE printf_handle = (HANDLE)STD_OUTPUT_HANDLE;

static void __attribute__((constructor)) printf_start(void)
{
	printf_handle = GetStdHandle(STD_OUTPUT_HANDLE);
}

static void flush(struct out *o)
{
	uint32_t args[2] = { (uint32_t)o->buf, o->len };
	DWORD n;

	if (o->len && printf_handle == (HANDLE)STD_OUTPUT_HANDLE)
		vados_syscall(SYS_WRITE_CONSOLE, args);
	else if (o->len)
		WriteFile(printf_handle, o->buf, o->len, &n, NULL);
	o->len = 0;
}

static void emit(void *ctx, char c)
{
	struct out *o = ctx;

	o->buf[o->len++] = c;
	if (o->len == OUT_BUFFER)
		flush(o);
}

int (*stdio_reopened_vprintf)(const char *fmt, va_list ap);

/* To the console, or to stdout's file once freopen moved it. */
int vprintf(const char *fmt, va_list ap)
{
	struct out o = { .len = 0 };
	int n;

	if (stdio_reopened_vprintf)
		return stdio_reopened_vprintf(fmt, ap);
	n = crt_vformat(emit, &o, fmt, ap);

	flush(&o);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s) < 0 ? EOF : 0;
}

int putchar(int c)
{
	return printf("%c", c) < 0 ? EOF : (unsigned char)c;
}
