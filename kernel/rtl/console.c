/* Kernel console output; see kernel/rtl/console.h. */
#include <stdbool.h>
#include <stdint.h>
#include "kernel/rtl/console.h"
#include "kernel/rtl/format.h"
#include "arch/serial.h"
#include "arch/vga.h"
#include "arch/cpu.h"
#include "kernel/ke/thread.h"

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
	/* One write is one piece of the console: with interrupts off no other
	 * thread's write lands in its middle (four processes printing at once
	 * used to cut each other's lines). */
	bool irq = irq_save();

	while (n--)
		console_putc(NULL, *s++);
	irq_restore(irq);
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

#define INPUT_SIZE 256

/* Bytes typed but not read yet; the interrupt handler adds, readers take. */
static char input[INPUT_SIZE];
static uint32_t input_head, input_tail;
static struct wait_queue input_wait;

static void console_input(char c)
{
	if (input_head - input_tail < INPUT_SIZE)       /* full: the byte is dropped */
		input[input_head++ % INPUT_SIZE] = c == '\r' ? '\n' : c;
	wait_queue_wake_all(&input_wait);
}

void console_enable_input(void)
{
	serial_enable_input(console_input);
}

size_t console_pending(void)
{
	return input_head - input_tail;
}

size_t console_read(char *buf, size_t max, bool wait)
{
	bool irq = irq_save();
	size_t n = 0;

	while (wait && input_head == input_tail)
		if (wait_queue_sleep_timeout(&input_wait, WAIT_FOREVER) == WAIT_INTERRUPTED)
			break;          /* the reader is being terminated */
	for (; n < max && input_tail != input_head; n++)
		buf[n] = input[input_tail++ % INPUT_SIZE];
	irq_restore(irq);
	return n;
}
