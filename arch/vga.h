/* VGA text mode (80x25) mirror of the console. */
#ifndef ARCH_VGA_H
#define ARCH_VGA_H

/* Clears the screen. */
void vga_init(void);
/* Writes one character at the cursor, scrolling at the bottom. */
void vga_putc(char c);

#endif
