/* Human-readable descriptions of CPU exceptions for reports and panics. */
#ifndef KERNEL_TRAPDESC_H
#define KERNEL_TRAPDESC_H

#include <stddef.h>
#include <stdint.h>

/* "#PF page fault" for an exception vector, "IRQ n" for the PIC's vectors
 * (0x30-0x3F), "interrupt 0xNN" otherwise. */
const char *trap_name(unsigned vector, char *buf, size_t size);

/* Decodes an exception's error code into buf: the page-fault bits (present,
 * write, user, reserved bit, fetch) or the selector (table, index, external).
 * Writes "" for vectors whose error code carries nothing. */
void trap_describe_error(unsigned vector, uint32_t error, char *buf, size_t size);

#endif
