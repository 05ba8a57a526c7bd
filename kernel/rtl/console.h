/* The kernel console: COM1 serial with a VGA text mirror. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Starts the serial port and clears the VGA screen. */
void console_init(void);
/* Writes s[0, n) as one piece: no other writer's output lands inside it. */
void console_write(const char *s, size_t n);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* Starts taking keyboard input from the serial line. */
void console_enable_input(void);
/* Takes up to max bytes typed ('\r' becomes '\n'), with wait blocking until
 * some arrive; returns how many (0 when the wait was interrupted, or none
 * were typed and wait is false). */
size_t console_read(char *buf, size_t max, bool wait);
/* How many typed bytes wait to be read (none taken, no waiting). */
size_t console_pending(void);

#endif
