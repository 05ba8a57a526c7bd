/* COM1 16550 UART, polled: the kernel console. */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <stdbool.h>

/* Programs COM1 for 115200 8N1. Returns false when no UART answers. */
bool serial_init(void);
/* Sends one byte, translating '\n' to "\r\n". Does nothing without a UART. */
void serial_putc(char c);
/* Waits (bounded) until every byte sent has left the UART: before the
 * machine powers off, which would drop what is still in the FIFO. */
void serial_drain(void);
/* Turns on the receive interrupt (IRQ 4): fn gets each byte that arrives. */
void serial_enable_input(void (*fn)(char c));

#endif
