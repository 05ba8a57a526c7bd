/* The console's modes and its one screen buffer: a model of 80x25 cells
 * (character and attribute) kept from what the process writes, the cursor
 * where the writing left it, and the attribute, cursor and position
 * changes sent to the serial line as ANSI escape sequences. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "console.h"
#include "win32call.h"

#define COLS 80
#define ROWS 25
#define INPUT_MODES  0x03FFu    /* PROCESSED_INPUT .. VIRTUAL_TERMINAL_INPUT */
#define OUTPUT_MODES 0x001Fu    /* PROCESSED_OUTPUT .. LVB_GRID_WORLDWIDE */
#define DEFAULT_ATTR (FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE)

static struct {
	DWORD in_mode, out_mode;
	WCHAR ch[ROWS * COLS];  /* row after row */
	WORD attr[ROWS * COLS];
	SHORT x, y;
	WORD attribute;
	CONSOLE_CURSOR_INFO cursor;
	int escape;             /* 0, 1 after ESC, 2 inside ESC [ ... */
	unsigned utf8_left;     /* continuation bytes a UTF-8 character still needs */
	DWORD utf8_char;
	BOOL blank;             /* the cells hold spaces of DEFAULT_ATTR */
} screen = {
	.in_mode = INPUT_MODES & ~(ENABLE_WINDOW_INPUT | ENABLE_VIRTUAL_TERMINAL_INPUT),
	.out_mode = ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT,
	.attribute = DEFAULT_ATTR,
	.cursor = { 25, TRUE },
};
static SRWLOCK screen_lock = SRWLOCK_INIT;

/* Fills the cells with spaces the first time they are needed. */
static void screen_init(void)
{
	if (screen.blank)
		return;
	for (int i = 0; i < ROWS * COLS; i++) {
		screen.ch[i] = L' ';
		screen.attr[i] = DEFAULT_ATTR;
	}
	screen.blank = TRUE;
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
	memmove(screen.ch, screen.ch + COLS, sizeof(WCHAR) * COLS * (ROWS - 1));
	memmove(screen.attr, screen.attr + COLS, sizeof(WORD) * COLS * (ROWS - 1));
	for (int c = (ROWS - 1) * COLS; c < ROWS * COLS; c++) {
		screen.ch[c] = L' ';
		screen.attr[c] = screen.attribute;
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
	screen.ch[screen.y * COLS + screen.x] = c;
	screen.attr[screen.y * COLS + screen.x] = screen.attribute;
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
	if (ok) {
		AcquireSRWLockExclusive(&screen_lock);
		screen_init();
		for (DWORD i = 0; i < written; i++)
			screen_byte(((const unsigned char *)lpBuffer)[i]);
		ReleaseSRWLockExclusive(&screen_lock);
	}
	if (lpNumberOfCharsWritten)
		*lpNumberOfCharsWritten = written;
	return ok;
}

/* The output handle check and a writable out of size bytes
 * (ERROR_INVALID_ACCESS, as Windows' console answers a NULL one). */
static BOOL output_call(HANDLE h, const void *out, size_t size)
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

	if (!output_call(hConsoleOutput, info, sizeof(*info)))
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

	if (!output_call(hConsoleOutput, info, sizeof(*info)))
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

	if (!output_call(hConsoleOutput, NULL, 0))
		return FALSE;
	screen.attribute = wAttributes;
	sgr[5] = ansi[wAttributes & 7];
	sgr[8] = ansi[wAttributes >> 4 & 7];
	if (wAttributes & FOREGROUND_INTENSITY)
		n += 4;
	console_emit(sgr, n);
	return TRUE;
}

/* Sends "ESC [ row ; col H" for c. */
static void emit_position(COORD c)
{
	char s[16];
	int n = snprintf(s, sizeof(s), "\x1b[%d;%dH", c.Y + 1, c.X + 1);

	console_emit(s, n);
}

/* A position outside the buffer: ERROR_INVALID_PARAMETER. */
BOOL WINAPI SetConsoleCursorPosition(HANDLE hConsoleOutput, COORD dwCursorPosition)
{
	COORD c = dwCursorPosition;

	if (!output_call(hConsoleOutput, NULL, 0))
		return FALSE;
	if (c.X < 0 || c.Y < 0 || c.X >= COLS || c.Y >= ROWS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	screen.x = c.X;
	screen.y = c.Y;
	emit_position(c);
	return TRUE;
}

BOOL WINAPI GetConsoleCursorInfo(HANDLE hConsoleOutput, PCONSOLE_CURSOR_INFO lpConsoleCursorInfo)
{
	if (!output_call(hConsoleOutput, lpConsoleCursorInfo, sizeof(*lpConsoleCursorInfo)))
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

	if (!output_call(hConsoleOutput, NULL, 0))
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
	if (!output_call(hConsoleOutput, NULL, 0))
		return (COORD){ 0, 0 };
	return (COORD){ COLS, ROWS };
}

/* The cells a Fill/Write/ReadConsoleOutput* call of length cells from at
 * covers (stopping at the buffer's end), at *first; -1 with
 * ERROR_INVALID_PARAMETER for a negative coordinate; 0 past the end. */
static long cell_run(COORD at, DWORD length, long *first)
{
	long end = (long)COLS * ROWS;

	if (at.X < 0 || at.Y < 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return -1;
	}
	if (at.X >= COLS || at.Y >= ROWS)
		return 0;
	*first = (long)at.Y * COLS + at.X;
	return length < (DWORD)(end - *first) ? (long)length : end - *first;
}

/* Shows cells [first, first + n) on the serial line where they are,
 * the cursor kept. */
static void emit_cells(long first, long n)
{
	char row[COLS];

	if (n == 0)
		return;
	console_emit("\x1b" "7", 2);
	while (n > 0) {
		int col = first % COLS, len = n < COLS - col ? n : COLS - col;
		emit_position((COORD){ col, first / COLS });
		len = WideCharToMultiByte(GetConsoleOutputCP(), 0, &screen.ch[first], len,
					  row, sizeof(row), NULL, NULL);
		console_emit(row, len);
		first += COLS - col;
		n -= COLS - col;
	}
	console_emit("\x1b" "8", 2);
}

/* The one body of the Fill/WriteConsoleOutput* calls: chars (count
 * WCHARs; NULL: c repeated) or attributes (attr), from at. */
static BOOL output_cells(HANDLE h, const WCHAR *chars, WCHAR c, const WORD *attrs, WORD attr,
			 BOOL text, DWORD length, COORD at, LPDWORD written)
{
	long first = 0, n;

	if (!output_call(h, written, sizeof(*written)))
		return FALSE;
	if ((n = cell_run(at, length, &first)) < 0)
		return FALSE;
	AcquireSRWLockExclusive(&screen_lock);
	screen_init();
	for (long i = 0; i < n; i++) {
		if (text)
			screen.ch[first + i] = chars ? chars[i] : c;
		else
			screen.attr[first + i] = attrs ? attrs[i] : attr;
	}
	if (text)
		emit_cells(first, n);
	ReleaseSRWLockExclusive(&screen_lock);
	*written = n;
	return TRUE;
}

BOOL WINAPI FillConsoleOutputCharacterW(HANDLE hConsoleOutput, WCHAR cCharacter, DWORD nLength,
					COORD dwWriteCoord, LPDWORD lpNumberOfCharsWritten)
{
	return output_cells(hConsoleOutput, NULL, cCharacter, NULL, 0, TRUE, nLength, dwWriteCoord,
			    lpNumberOfCharsWritten);
}

/* cCharacter in the output code page. */
BOOL WINAPI FillConsoleOutputCharacterA(HANDLE hConsoleOutput, CHAR cCharacter, DWORD nLength,
					COORD dwWriteCoord, LPDWORD lpNumberOfCharsWritten)
{
	WCHAR w = (unsigned char)cCharacter;

	MultiByteToWideChar(GetConsoleOutputCP(), 0, &cCharacter, 1, &w, 1);
	return FillConsoleOutputCharacterW(hConsoleOutput, w, nLength, dwWriteCoord,
					   lpNumberOfCharsWritten);
}

BOOL WINAPI FillConsoleOutputAttribute(HANDLE hConsoleOutput, WORD wAttribute, DWORD nLength,
				       COORD dwWriteCoord, LPDWORD lpNumberOfAttrsWritten)
{
	return output_cells(hConsoleOutput, NULL, 0, NULL, wAttribute, FALSE, nLength, dwWriteCoord,
			    lpNumberOfAttrsWritten);
}

/* An unreadable lpCharacter: ERROR_NOACCESS, nothing written. */
BOOL WINAPI WriteConsoleOutputCharacterW(HANDLE hConsoleOutput, LPCWSTR lpCharacter,
					 DWORD nLength, COORD dwWriteCoord,
					 LPDWORD lpNumberOfCharsWritten)
{
	if (nLength > 0x7FFFFFFF / sizeof(WCHAR) ||
	    (nLength && IsBadReadPtr(lpCharacter, nLength * sizeof(WCHAR)))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return output_cells(hConsoleOutput, lpCharacter, 0, NULL, 0, TRUE, nLength, dwWriteCoord,
			    lpNumberOfCharsWritten);
}

/* lpCharacter in the output code page; the count is of its bytes. */
BOOL WINAPI WriteConsoleOutputCharacterA(HANDLE hConsoleOutput, LPCSTR lpCharacter,
					 DWORD nLength, COORD dwWriteCoord,
					 LPDWORD lpNumberOfCharsWritten)
{
	WCHAR *w;
	int n = 0;
	BOOL ok;

	if (nLength > 0x7FFFFFFF / sizeof(WCHAR) || (nLength && IsBadReadPtr(lpCharacter, nLength))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!(w = HeapAlloc(GetProcessHeap(), 0, nLength * sizeof(WCHAR) + 1))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	if (nLength)
		n = MultiByteToWideChar(GetConsoleOutputCP(), 0, lpCharacter, nLength, w, nLength);
	ok = output_cells(hConsoleOutput, w, 0, NULL, 0, TRUE, n, dwWriteCoord,
			  lpNumberOfCharsWritten);
	HeapFree(GetProcessHeap(), 0, w);
	return ok;
}

/* Cells back from the model. */
BOOL WINAPI ReadConsoleOutputCharacterW(HANDLE hConsoleOutput, LPWSTR lpCharacter, DWORD nLength,
					COORD dwReadCoord, LPDWORD lpNumberOfCharsRead)
{
	long first = 0, n;

	if (!output_call(hConsoleOutput, lpNumberOfCharsRead, sizeof(DWORD)) ||
	    !output_call(hConsoleOutput, nLength ? lpCharacter : NULL,
			 nLength > 0x7FFFFFFF / 2 ? 0xFFFFFFFF : nLength * sizeof(WCHAR)) ||
	    (n = cell_run(dwReadCoord, nLength, &first)) < 0)
		return FALSE;
	screen_init();
	memcpy(lpCharacter, &screen.ch[first], n * sizeof(WCHAR));
	*lpNumberOfCharsRead = n;
	return TRUE;
}

/* ReadConsoleOutputCharacterW's characters in the output code page. */
BOOL WINAPI ReadConsoleOutputCharacterA(HANDLE hConsoleOutput, LPSTR lpCharacter, DWORD nLength,
					COORD dwReadCoord, LPDWORD lpNumberOfCharsRead)
{
	WCHAR w[COLS * ROWS];
	DWORD n = 0;

	if (!output_call(hConsoleOutput, nLength ? lpCharacter : NULL, nLength) ||
	    !ReadConsoleOutputCharacterW(hConsoleOutput, w, nLength < COLS * ROWS ? nLength :
					 COLS * ROWS, dwReadCoord, lpNumberOfCharsRead))
		return FALSE;
	if (*lpNumberOfCharsRead)
		n = WideCharToMultiByte(GetConsoleOutputCP(), 0, w, *lpNumberOfCharsRead,
					lpCharacter, nLength, NULL, NULL);
	*lpNumberOfCharsRead = n;
	return TRUE;
}

BOOL WINAPI ReadConsoleOutputAttribute(HANDLE hConsoleOutput, LPWORD lpAttribute, DWORD nLength,
				       COORD dwReadCoord, LPDWORD lpNumberOfAttrsRead)
{
	long first = 0, n;

	if (!output_call(hConsoleOutput, lpNumberOfAttrsRead, sizeof(DWORD)) ||
	    !output_call(hConsoleOutput, nLength ? lpAttribute : NULL, nLength * sizeof(WORD)) ||
	    (n = cell_run(dwReadCoord, nLength, &first)) < 0)
		return FALSE;
	screen_init();
	memcpy(lpAttribute, &screen.attr[first], n * sizeof(WORD));
	*lpNumberOfAttrsRead = n;
	return TRUE;
}
