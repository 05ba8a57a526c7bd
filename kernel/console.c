/* Kernel console output; see kernel/console.h. */
#include "kernel/console.h"
#include "kernel/format.h"
#include "arch/serial.h"
#include "arch/vga.h"

static void console_putc(void *ctx, char c)
{
	(void)ctx;
	serial_putc(c);
	vga_putc(c);
}

void console_init(void)
{
	serial_init();
	vga_init();
}

void console_write(const char *s, size_t n)
{
	while (n--)
		console_putc(NULL, *s++);
}

int kvprintf(const char *fmt, va_list ap)
{
	return fmt_vformat(console_putc, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
