/* VGA text-mode console mirror; see arch/vga.h. */
#include "arch/vga.h"
#include "arch/io.h"
#include "arch/types.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x0700                      /* light grey on black */
#define VGA_TEXT ((volatile uint16_t *)(KERNEL_BASE + 0xb8000))

static unsigned row, col;

static void move_cursor(void)
{
	uint16_t pos = (uint16_t)(row * COLS + col);
	outb(0x3d4, 0x0f);
	outb(0x3d5, pos & 0xff);
	outb(0x3d4, 0x0e);
	outb(0x3d5, pos >> 8);
}

static void scroll(void)
{
	for (unsigned i = 0; i < (ROWS - 1) * COLS; i++)
		VGA_TEXT[i] = VGA_TEXT[i + COLS];
	for (unsigned i = (ROWS - 1) * COLS; i < ROWS * COLS; i++)
		VGA_TEXT[i] = ATTR | ' ';
	row = ROWS - 1;
}

void vga_init(void)
{
	for (unsigned i = 0; i < ROWS * COLS; i++)
		VGA_TEXT[i] = ATTR | ' ';
	row = col = 0;
	move_cursor();
}

void vga_putc(char c)
{
	if (row >= ROWS)                /* a scroll that did not finish */
		scroll();
	if (c == '\n') {
		col = 0;
		row++;
	} else if (c == '\r') {
		col = 0;
	} else if (c == '\b') {
		if (col)
			col--;
	} else {
		VGA_TEXT[row * COLS + col] = ATTR | (uint8_t)c;
		if (++col == COLS) {
			col = 0;
			row++;
		}
	}
	if (row == ROWS)
		scroll();
	move_cursor();
}
