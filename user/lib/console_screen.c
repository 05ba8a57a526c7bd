/* The console's modes and its one screen buffer: a model of 80x25 cells
 * (character and attribute) kept from what the process writes, the cursor
 * where the writing left it, and the attribute, cursor and position
 * changes sent to the serial line as ANSI escape sequences. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "console.h"
#include "win32call.h"

#define COLS CONSOLE_COLS
#define ROWS CONSOLE_ROWS
#define INPUT_MODES  0x03FFu    /* PROCESSED_INPUT .. VIRTUAL_TERMINAL_INPUT */
#define OUTPUT_MODES 0x001Fu    /* PROCESSED_OUTPUT .. LVB_GRID_WORLDWIDE */
#define DEFAULT_ATTR (FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE)

static struct {
	DWORD in_mode, out_mode;
	struct console_cells *cells;    /* from the heap at the first use */
	SHORT x, y;
	WORD attribute;
	CONSOLE_CURSOR_INFO cursor;
	int escape;             /* 0, 1 after ESC, 2 inside ESC [ ... */
	unsigned utf8_left;     /* continuation bytes a UTF-8 character still needs */
	DWORD utf8_char;
} screen = {
	.in_mode = INPUT_MODES & ~(ENABLE_WINDOW_INPUT | ENABLE_VIRTUAL_TERMINAL_INPUT),
	.out_mode = ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT,
	.attribute = DEFAULT_ATTR,
	.cursor = { 25, TRUE },
};
static SRWLOCK screen_lock = SRWLOCK_INIT;

/* The cells live on the heap, so that a process that never writes to the
 * console keeps no page of them. */
struct console_cells *console_cells_lock(void)
{
	AcquireSRWLockExclusive(&screen_lock);
	if (!screen.cells) {
		if (!(screen.cells = HeapAlloc(GetProcessHeap(), 0, sizeof(*screen.cells)))) {
			ReleaseSRWLockExclusive(&screen_lock);
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return NULL;
		}
		for (int i = 0; i < ROWS * COLS; i++) {
			screen.cells->ch[i] = L' ';
			screen.cells->attr[i] = DEFAULT_ATTR;
		}
	}
	return screen.cells;
}

void console_cells_unlock(void)
{
	ReleaseSRWLockExclusive(&screen_lock);
}

DWORD console_input_mode(void)
{
	return screen.in_mode;
}

BOOL WINAPI GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode)
{
	enum console_kind kind = console_kind(hConsoleHandle);

	if (kind == CONSOLE_NONE)
		return FALSE;
	if (!lpMode || IsBadWritePtr(lpMode, sizeof(*lpMode))) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	*lpMode = kind == CONSOLE_INPUT ? screen.in_mode : screen.out_mode;
	return TRUE;
}

/* The mode is kept as given (GetConsoleMode gives it back). */
BOOL WINAPI SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode)
{
	enum console_kind kind = console_kind(hConsoleHandle);

	if (kind == CONSOLE_NONE)
		return FALSE;
	if (kind == CONSOLE_OUTPUT) {
		if (dwMode & ~OUTPUT_MODES) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		screen.out_mode = dwMode;
		return TRUE;
	}
	if ((dwMode & ~INPUT_MODES) ||
	    ((dwMode & ENABLE_ECHO_INPUT) && !(dwMode & ENABLE_LINE_INPUT))) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	screen.in_mode = dwMode;
	return TRUE;
}

void console_emit(const char *s, DWORD n)
{
	uint32_t args[2] = { (uint32_t)s, n };

	vados_syscall(SYS_WRITE_CONSOLE, args);
}

/* Moves the cursor to the next line, scrolling the buffer up one line
 * (the new last line blank in the current attribute) below the last. */
static void screen_newline(void)
{
	if (++screen.y < ROWS)
		return;
	screen.y = ROWS - 1;
	memmove(screen.cells->ch, screen.cells->ch + COLS, sizeof(WCHAR) * COLS * (ROWS - 1));
	memmove(screen.cells->attr, screen.cells->attr + COLS, sizeof(WORD) * COLS * (ROWS - 1));
	for (int c = (ROWS - 1) * COLS; c < ROWS * COLS; c++) {
		screen.cells->ch[c] = L' ';
		screen.cells->attr[c] = screen.attribute;
	}
}

/* One character written at the cursor, as the output mode treats it. */
static void screen_put(WCHAR c)
{
	if (screen.out_mode & ENABLE_PROCESSED_OUTPUT) {
		switch (c) {
		case L'\a':
			return;
		case L'\b':
			if (screen.x)
				screen.x--;
			return;
		case L'\t':
			do
				screen_put(L' ');
			while (screen.x % 8 && screen.x < COLS - 1);
			return;
		case L'\r':
			screen.x = 0;
			return;
		case L'\n':
			if (!(screen.out_mode & DISABLE_NEWLINE_AUTO_RETURN))
				screen.x = 0;
			screen_newline();
			return;
		}
	}
	if (screen.x == COLS) {         /* the last column was written: wrap now */
		screen.x = 0;
		screen_newline();
	}
	screen.cells->ch[screen.y * COLS + screen.x] = c;
	screen.cells->attr[screen.y * COLS + screen.x] = screen.attribute;
	if (screen.x < COLS - 1 || (screen.out_mode & ENABLE_WRAP_AT_EOL_OUTPUT))
		screen.x++;
}

/* Byte b of the output code page's text; escape sequences (with virtual
 * terminal processing) take no cells, UTF-8's characters one. */
static void screen_byte(unsigned char b)
{
	if (screen.escape == 1) {
		screen.escape = b == '[' ? 2 : 0;
		return;
	}
	if (screen.escape == 2) {
		if (b >= 0x40 && b <= 0x7E)
			screen.escape = 0;
		return;
	}
	if (b == 0x1B && (screen.out_mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING)) {
		screen.escape = 1;
		return;
	}
	if (b < 0x80 || GetConsoleOutputCP() != CP_UTF8) {
		WCHAR w = b;
		if (b >= 0x80)
			MultiByteToWideChar(GetConsoleOutputCP(), 0, (const char *)&b, 1, &w, 1);
		screen.utf8_left = 0;
		screen_put(w);
	} else if (b < 0xC0) {          /* a continuation byte */
		screen.utf8_char = screen.utf8_char << 6 | (b & 0x3F);
		if (screen.utf8_left && !--screen.utf8_left)
			screen_put(screen.utf8_char > 0xFFFF ? 0xFFFD : (WCHAR)screen.utf8_char);
	} else {
		screen.utf8_left = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
		screen.utf8_char = b & (0x3F >> screen.utf8_left);
	}
}

/* The whole buffer is written to the serial line, or nothing (a bad
 * buffer: ERROR_NOACCESS); the screen buffer then holds it. */
BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer,
			  DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
			  LPVOID lpReserved)
{
	uint32_t args[2] = { (uint32_t)lpBuffer, nNumberOfCharsToWrite }, written = 0;
	BOOL ok;

	(void)lpReserved;
	if (console_kind(hConsoleOutput) != CONSOLE_OUTPUT) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	ok = win32_call(SYS_WRITE_CONSOLE, args, &written);
	if (ok && written) {
		if (console_cells_lock()) {
			for (DWORD i = 0; i < written; i++)
				screen_byte(((const unsigned char *)lpBuffer)[i]);
			console_cells_unlock();
		}
	}
	if (lpNumberOfCharsWritten)
		*lpNumberOfCharsWritten = written;
	return ok;
}

BOOL console_output_call(HANDLE h, const void *out, size_t size)
{
	if (console_kind(h) != CONSOLE_OUTPUT) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (size && (!out || IsBadWritePtr((void *)out, size))) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	return TRUE;
}

/* The cursor as the model has it: the column after the last one written
 * shows as the last one (the wrap happens at the next character). */
static COORD screen_cursor(void)
{
	return (COORD){ screen.x < COLS ? screen.x : COLS - 1, screen.y };
}

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE hConsoleOutput,
				       PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo)
{
	PCONSOLE_SCREEN_BUFFER_INFO info = lpConsoleScreenBufferInfo;

	if (!console_output_call(hConsoleOutput, info, sizeof(*info)))
		return FALSE;
	info->dwSize = (COORD){ COLS, ROWS };
	info->dwCursorPosition = screen_cursor();
	info->wAttributes = screen.attribute;
	info->srWindow = (SMALL_RECT){ 0, 0, COLS - 1, ROWS - 1 };
	info->dwMaximumWindowSize = (COORD){ COLS, ROWS };
	return TRUE;
}

/* cbSize must be the structure's size (ERROR_INVALID_PARAMETER); the
 * colour table is the console's standard 16 colours. */
BOOL WINAPI GetConsoleScreenBufferInfoEx(HANDLE hConsoleOutput,
					 PCONSOLE_SCREEN_BUFFER_INFOEX lpConsoleScreenBufferInfoEx)
{
	static const COLORREF colours[16] = {
		0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xC0C0C0,
		0x808080, 0xFF0000, 0x00FF00, 0xFFFF00, 0x0000FF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
	};
	PCONSOLE_SCREEN_BUFFER_INFOEX info = lpConsoleScreenBufferInfoEx;
	CONSOLE_SCREEN_BUFFER_INFO basic;

	if (!console_output_call(hConsoleOutput, info, sizeof(*info)))
		return FALSE;
	if (info->cbSize != sizeof(*info)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	GetConsoleScreenBufferInfo(hConsoleOutput, &basic);
	info->dwSize = basic.dwSize;
	info->dwCursorPosition = basic.dwCursorPosition;
	info->wAttributes = basic.wAttributes;
	info->srWindow = basic.srWindow;
	info->dwMaximumWindowSize = basic.dwMaximumWindowSize;
	info->wPopupAttributes = BACKGROUND_RED | BACKGROUND_BLUE | FOREGROUND_RED |
				 FOREGROUND_BLUE | FOREGROUND_INTENSITY;
	info->bFullscreenSupported = FALSE;
	memcpy(info->ColorTable, colours, sizeof(colours));
	return TRUE;
}

/* Characters written from now on take wAttributes; the serial line gets it
 * as SGR colours (Windows' blue-green-red bits are ANSI's red-green-blue). */
BOOL WINAPI SetConsoleTextAttribute(HANDLE hConsoleOutput, WORD wAttributes)
{
	static const char ansi[8] = { '0', '4', '2', '6', '1', '5', '3', '7' };
	char sgr[] = "\x1b[0;3x;4xm\x1b[1m";
	unsigned n = 10;

	if (!console_output_call(hConsoleOutput, NULL, 0))
		return FALSE;
	screen.attribute = wAttributes;
	sgr[5] = ansi[wAttributes & 7];
	sgr[8] = ansi[wAttributes >> 4 & 7];
	if (wAttributes & FOREGROUND_INTENSITY)
		n += 4;
	console_emit(sgr, n);
	return TRUE;
}

void console_emit_position(COORD c)
{
	char s[16];
	int n = snprintf(s, sizeof(s), "\x1b[%d;%dH", c.Y + 1, c.X + 1);

	console_emit(s, n);
}

/* A position outside the buffer: ERROR_INVALID_PARAMETER. */
BOOL WINAPI SetConsoleCursorPosition(HANDLE hConsoleOutput, COORD dwCursorPosition)
{
	COORD c = dwCursorPosition;

	if (!console_output_call(hConsoleOutput, NULL, 0))
		return FALSE;
	if (c.X < 0 || c.Y < 0 || c.X >= COLS || c.Y >= ROWS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	screen.x = c.X;
	screen.y = c.Y;
	console_emit_position(c);
	return TRUE;
}

BOOL WINAPI GetConsoleCursorInfo(HANDLE hConsoleOutput, PCONSOLE_CURSOR_INFO lpConsoleCursorInfo)
{
	if (!console_output_call(hConsoleOutput, lpConsoleCursorInfo, sizeof(*lpConsoleCursorInfo)))
		return FALSE;
	*lpConsoleCursorInfo = screen.cursor;
	return TRUE;
}

/* dwSize outside 1..100: ERROR_INVALID_PARAMETER. Visibility goes to the
 * serial line (ESC [ ?25 h / l). */
BOOL WINAPI SetConsoleCursorInfo(HANDLE hConsoleOutput,
				 const CONSOLE_CURSOR_INFO *lpConsoleCursorInfo)
{
	const CONSOLE_CURSOR_INFO *ci = lpConsoleCursorInfo;

	if (!console_output_call(hConsoleOutput, NULL, 0))
		return FALSE;
	if (!ci || IsBadReadPtr(ci, sizeof(*ci))) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	if (ci->dwSize < 1 || ci->dwSize > 100) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	screen.cursor.dwSize = ci->dwSize;
	screen.cursor.bVisible = ci->bVisible != FALSE;
	console_emit(screen.cursor.bVisible ? "\x1b[?25h" : "\x1b[?25l", 6);
	return TRUE;
}

/* The screen's size; another handle: {0, 0} with ERROR_INVALID_HANDLE. */
COORD WINAPI GetLargestConsoleWindowSize(HANDLE hConsoleOutput)
{
	if (!console_output_call(hConsoleOutput, NULL, 0))
		return (COORD){ 0, 0 };
	return (COORD){ COLS, ROWS };
}
