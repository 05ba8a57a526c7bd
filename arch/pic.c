/* 8259A PIC pair, remapped to T_IRQ_BASE; see arch/trap.h. */
#include "arch/trap.h"
#include "arch/io.h"

#define PIC1_CMD   0x20
#define PIC1_DATA  0x21
#define PIC2_CMD   0xa0
#define PIC2_DATA  0xa1
#define PIC_EOI    0x20
#define OCW3_READ_IRR 0x0a
#define OCW3_READ_ISR 0x0b
#define IRQ_CASCADE 2

static irq_handler_fn irq_handlers[T_IRQ_COUNT];
static uint16_t irq_mask = 0xffff & ~(1u << IRQ_CASCADE);
uint32_t irq_spurious_count;

static void write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xff);
	outb(PIC2_DATA, irq_mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);           /* ICW1: edge triggered, cascade, ICW4 */
	io_wait();
	outb(PIC2_CMD, 0x11);
	io_wait();
	outb(PIC1_DATA, T_IRQ_BASE);    /* ICW2: vector offsets */
	io_wait();
	outb(PIC2_DATA, T_IRQ_BASE + 8);
	io_wait();
	outb(PIC1_DATA, 1u << IRQ_CASCADE); /* ICW3: slave on IRQ 2 */
	io_wait();
	outb(PIC2_DATA, IRQ_CASCADE);
	io_wait();
	outb(PIC1_DATA, 0x01);          /* ICW4: 8086 mode */
	io_wait();
	outb(PIC2_DATA, 0x01);
	io_wait();
	write_mask();
}

void irq_set_handler(unsigned irq, irq_handler_fn fn)
{
	irq_handlers[irq] = fn;
	if (fn)
		irq_mask &= ~(1u << irq);
	else
		irq_mask |= 1u << irq;
	write_mask();
}

/* IRQ 7 and 15 also arrive when a request vanished before it was acknowledged:
 * the in-service bit then says whether it was real. */
static bool is_spurious(unsigned irq)
{
	if (irq == 7) {
		outb(PIC1_CMD, OCW3_READ_ISR);
		return !(inb(PIC1_CMD) & 0x80);
	}
	if (irq == 15) {
		outb(PIC2_CMD, OCW3_READ_ISR);
		if (inb(PIC2_CMD) & 0x80)
			return false;
		outb(PIC1_CMD, PIC_EOI);    /* the master did see the cascade */
		return true;
	}
	return false;
}

void pic_dispatch(struct trap_frame *f)
{
	unsigned irq = f->vector - T_IRQ_BASE;

	if (is_spurious(irq)) {
		irq_spurious_count++;
		return;
	}
	/* Acknowledge first: a handler may switch threads and not come back soon. */
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
	if (irq_handlers[irq])
		irq_handlers[irq](f);
	else
		irq_spurious_count++;       /* masked lines should never get here */
}

bool pic_irq_pending(unsigned irq)
{
	uint16_t port = irq < 8 ? PIC1_CMD : PIC2_CMD;

	outb(port, OCW3_READ_IRR);
	return (inb(port) >> (irq & 7)) & 1;
}
