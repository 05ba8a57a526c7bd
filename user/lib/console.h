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

/* Writes s[0, n) to the serial line as it is: escape sequences that are
 * not text of the screen buffer (console_screen.c). */
void console_emit(const char *s, DWORD n);

/* The input buffer's mode (console_screen.c). */
DWORD console_input_mode(void);

/* Raises signal type (CTRL_C_EVENT, CTRL_BREAK_EVENT) in this process as
 * GenerateConsoleCtrlEvent does (console_ctrl.c). */
void console_ctrl_raise(DWORD type);

#endif
