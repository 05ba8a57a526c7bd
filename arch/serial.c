/* COM1 16550 UART driver (polled output); see arch/serial.h. */
#include "arch/serial.h"
#include "arch/io.h"

#define COM1      0x3f8
#define REG_DATA  0
#define REG_IER   1
#define REG_FCR   2
#define REG_LCR   3
#define REG_MCR   4
#define REG_LSR   5
#define REG_SCR   7
#define LSR_THRE  0x20
#define LCR_DLAB  0x80
#define SPIN_MAX  100000

static bool present;

bool serial_init(void)
{
	outb(COM1 + REG_SCR, 0x5a);         /* scratch register probe: no UART, no echo */
	if (inb(COM1 + REG_SCR) != 0x5a)
		return present = false;
	outb(COM1 + REG_IER, 0x00);
	outb(COM1 + REG_LCR, LCR_DLAB);
	outb(COM1 + REG_DATA, 1);           /* divisor 1: 115200 baud */
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, 0x03);         /* 8 bits, no parity, one stop bit */
	outb(COM1 + REG_FCR, 0xc7);         /* FIFOs on and cleared */
	outb(COM1 + REG_MCR, 0x03);         /* DTR, RTS */
	return present = true;
}

static void put_raw(char c)
{
	/* Bounded wait: a wedged UART must not hang a panic report. */
	for (int i = 0; i < SPIN_MAX && !(inb(COM1 + REG_LSR) & LSR_THRE); i++)
		;
	outb(COM1 + REG_DATA, (uint8_t)c);
}

void serial_putc(char c)
{
	if (!present)
		return;
	if (c == '\n')
		put_raw('\r');
	put_raw(c);
}
