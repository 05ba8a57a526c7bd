/* The console's parts between user/lib/console_*.c (not part of the SDK's
 * headers). */
#ifndef USER_LIB_CONSOLE_H
#define USER_LIB_CONSOLE_H

#include <windows.h>

enum console_kind { CONSOLE_NONE, CONSOLE_INPUT, CONSOLE_OUTPUT };

/* What kind of console handle h is (console_session.c): CONSOLE_NONE, with
 * ERROR_INVALID_HANDLE, for any other handle or while the process has no
 * console. */
enum console_kind console_kind(HANDLE h);

#define CONSOLE_COLS 80
#define CONSOLE_ROWS 25

/* The screen buffer's cells, row after row. */
struct console_cells {
	WCHAR ch[CONSOLE_COLS * CONSOLE_ROWS];
	WORD attr[CONSOLE_COLS * CONSOLE_ROWS];
};

/* Takes the screen buffer's lock and gives its cells (spaces of the default
 * attribute at first); console_cells_unlock lets them go (console_screen.c).
 * NULL, the lock not held, with ERROR_NOT_ENOUGH_MEMORY when the cells
 * could not be made. */
struct console_cells *console_cells_lock(void);
void console_cells_unlock(void);

/* The output handle check (else ERROR_INVALID_HANDLE) and, for size bytes,
 * a writable out (a NULL or bad one: ERROR_INVALID_ACCESS, as Windows'
 * console answers) (console_screen.c). */
BOOL console_output_call(HANDLE h, const void *out, size_t size);

/* Sends "ESC [ row ; col H" for c: the terminal's cursor to c. */
void console_emit_position(COORD c);

/* Writes s[0, n) to the serial line as it is: escape sequences that are
 * not text of the screen buffer (console_screen.c). */
void console_emit(const char *s, DWORD n);

/* The input buffer's mode (console_screen.c). */
DWORD console_input_mode(void);

/* Raises signal type (CTRL_C_EVENT, CTRL_BREAK_EVENT) in this process as
 * GenerateConsoleCtrlEvent does (console_ctrl.c). */
void console_ctrl_raise(DWORD type);

#endif
