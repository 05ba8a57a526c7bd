/* COM1 16550 UART driver (polled output); see arch/serial.h. */
#include "arch/serial.h"
#include "arch/io.h"
#include "arch/trap.h"

#define COM1      0x3f8
#define REG_DATA  0
#define REG_IER   1
#define REG_FCR   2
#define REG_LCR   3
#define REG_MCR   4
#define REG_LSR   5
#define REG_SCR   7
#define LSR_THRE  0x20
#define LSR_TEMT  0x40              /* FIFO and shift register empty */
#define LCR_DLAB  0x80
#define SPIN_MAX  100000
#define LSR_DATA  0x01
#define IER_RX    0x01
#define MCR_OUT2  0x08              /* gates the UART's interrupt line to the PIC */
#define COM1_IRQ  4

static bool present;
static void (*on_input)(char c);

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
	/* FIFOs on, interrupt at every received byte; only the transmit FIFO is
	 * cleared, so keys typed during boot are not lost. */
	outb(COM1 + REG_FCR, 0x05);
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

void serial_drain(void)
{
	for (int i = 0; present && i < SPIN_MAX && !(inb(COM1 + REG_LSR) & LSR_TEMT); i++)
		;
}

static void serial_irq(struct trap_frame *f)
{
	(void)f;
	while (inb(COM1 + REG_LSR) & LSR_DATA) {
		char c = (char)inb(COM1 + REG_DATA);
		if (on_input)
			on_input(c);
	}
}

void serial_enable_input(void (*fn)(char c))
{
	if (!present)
		return;
	on_input = fn;
	irq_set_handler(COM1_IRQ, serial_irq);
	outb(COM1 + REG_MCR, 0x03 | MCR_OUT2);
	outb(COM1 + REG_IER, IER_RX);
}
