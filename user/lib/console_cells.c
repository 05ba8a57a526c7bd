/* The cells part of the console's one screen buffer: the Fill/Write/Read
 * ConsoleOutput* calls on the model console_screen.c keeps, each change
 * also drawn on the serial line in place (the cursor kept). */
#include <string.h>
#include <windows.h>
#include "console.h"

#define COLS CONSOLE_COLS
#define ROWS CONSOLE_ROWS

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
static void emit_cells(const struct console_cells *cells, long first, long n)
{
	char row[COLS];

	if (n == 0)
		return;
	console_emit("\x1b" "7", 2);
	while (n > 0) {
		int col = first % COLS, len = n < COLS - col ? n : COLS - col;
		console_emit_position((COORD){ col, first / COLS });
		len = WideCharToMultiByte(GetConsoleOutputCP(), 0, &cells->ch[first], len,
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
	struct console_cells *cells;
	long first = 0, n;

	if (!console_output_call(h, written, sizeof(*written)))
		return FALSE;
	if ((n = cell_run(at, length, &first)) < 0)
		return FALSE;
	if (!(cells = console_cells_lock()))
		return FALSE;
	for (long i = 0; i < n; i++) {
		if (text)
			cells->ch[first + i] = chars ? chars[i] : c;
		else
			cells->attr[first + i] = attrs ? attrs[i] : attr;
	}
	if (text)
		emit_cells(cells, first, n);
	console_cells_unlock();
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
	struct console_cells *cells;
	long first = 0, n;

	if (!console_output_call(hConsoleOutput, lpNumberOfCharsRead, sizeof(DWORD)) ||
	    !console_output_call(hConsoleOutput, nLength ? lpCharacter : NULL,
			 nLength > 0x7FFFFFFF / 2 ? 0xFFFFFFFF : nLength * sizeof(WCHAR)) ||
	    (n = cell_run(dwReadCoord, nLength, &first)) < 0)
		return FALSE;
	if (!(cells = console_cells_lock()))
		return FALSE;
	memcpy(lpCharacter, &cells->ch[first], n * sizeof(WCHAR));
	console_cells_unlock();
	*lpNumberOfCharsRead = n;
	return TRUE;
}

/* ReadConsoleOutputCharacterW's characters in the output code page. */
BOOL WINAPI ReadConsoleOutputCharacterA(HANDLE hConsoleOutput, LPSTR lpCharacter, DWORD nLength,
					COORD dwReadCoord, LPDWORD lpNumberOfCharsRead)
{
	WCHAR w[COLS * ROWS];
	DWORD n = 0;

	if (!console_output_call(hConsoleOutput, nLength ? lpCharacter : NULL, nLength) ||
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
	struct console_cells *cells;
	long first = 0, n;

	if (!console_output_call(hConsoleOutput, lpNumberOfAttrsRead, sizeof(DWORD)) ||
	    !console_output_call(hConsoleOutput, nLength ? lpAttribute : NULL, nLength * sizeof(WORD)) ||
	    (n = cell_run(dwReadCoord, nLength, &first)) < 0)
		return FALSE;
	if (!(cells = console_cells_lock()))
		return FALSE;
	memcpy(lpAttribute, &cells->attr[first], n * sizeof(WORD));
	console_cells_unlock();
	*lpNumberOfAttrsRead = n;
	return TRUE;
}

/* The one body of Write/ReadConsoleOutputA/W: the rectangle *region of the
 * screen buffer, clipped to it and to the size-cell source whose cell at
 * corresponds to the region's top left, copied from (write) or into buf;
 * *region becomes what was copied (nothing: Right < Left, Bottom < Top). */
static BOOL rect_copy(HANDLE h, CHAR_INFO *buf, COORD size, COORD at, PSMALL_RECT region,
		      BOOL write, BOOL wide)
{
	struct console_cells *cells;
	SMALL_RECT r;
	long left, top, right, bottom, first, last;

	if (!console_output_call(h, region, sizeof(*region)))
		return FALSE;
	r = *region;
	left = r.Left > r.Left - at.X ? r.Left : r.Left - at.X;
	left = left < 0 ? 0 : left;
	top = r.Top > r.Top - at.Y ? r.Top : r.Top - at.Y;
	top = top < 0 ? 0 : top;
	right = r.Right < COLS - 1 ? r.Right : COLS - 1;
	right = right < r.Left + size.X - 1 - at.X ? right : r.Left + size.X - 1 - at.X;
	bottom = r.Bottom < ROWS - 1 ? r.Bottom : ROWS - 1;
	bottom = bottom < r.Top + size.Y - 1 - at.Y ? bottom : r.Top + size.Y - 1 - at.Y;
	if (right < left || bottom < top) {
		region->Right = region->Left - 1;
		region->Bottom = region->Top - 1;
		return TRUE;
	}
	first = (at.Y + top - r.Top) * (long)size.X + at.X + left - r.Left;
	last = (at.Y + bottom - r.Top) * (long)size.X + at.X + right - r.Left;
	if (write ? IsBadReadPtr(buf + first, (last - first + 1) * sizeof(*buf)) :
		    IsBadWritePtr(buf + first, (last - first + 1) * sizeof(*buf))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!(cells = console_cells_lock()))
		return FALSE;
	for (long y = top; y <= bottom; y++) {
		for (long x = left; x <= right; x++) {
			CHAR_INFO *c = &buf[(at.Y + y - r.Top) * (long)size.X + at.X + x - r.Left];
			long i = y * COLS + x;
			if (write) {
				WCHAR w = c->Char.UnicodeChar;
				if (!wide)
					MultiByteToWideChar(GetConsoleOutputCP(), 0, &c->Char.AsciiChar, 1,
							    &w, 1);
				cells->ch[i] = w;
				cells->attr[i] = c->Attributes;
			} else if (wide) {
				c->Char.UnicodeChar = cells->ch[i];
				c->Attributes = cells->attr[i];
			} else {
				c->Char.UnicodeChar = 0;
				WideCharToMultiByte(GetConsoleOutputCP(), 0, &cells->ch[i], 1,
						    &c->Char.AsciiChar, 1, NULL, NULL);
				c->Attributes = cells->attr[i];
			}
		}
		if (write)
			emit_cells(cells, y * COLS + left, right - left + 1);
	}
	console_cells_unlock();
	*region = (SMALL_RECT){ left, top, right, bottom };
	return TRUE;
}

BOOL WINAPI WriteConsoleOutputW(HANDLE hConsoleOutput, const CHAR_INFO *lpBuffer,
				COORD dwBufferSize, COORD dwBufferCoord, PSMALL_RECT lpWriteRegion)
{
	return rect_copy(hConsoleOutput, (CHAR_INFO *)lpBuffer, dwBufferSize, dwBufferCoord,
			 lpWriteRegion, TRUE, TRUE);
}

/* Characters in the output code page. */
BOOL WINAPI WriteConsoleOutputA(HANDLE hConsoleOutput, const CHAR_INFO *lpBuffer,
				COORD dwBufferSize, COORD dwBufferCoord, PSMALL_RECT lpWriteRegion)
{
	return rect_copy(hConsoleOutput, (CHAR_INFO *)lpBuffer, dwBufferSize, dwBufferCoord,
			 lpWriteRegion, TRUE, FALSE);
}

BOOL WINAPI ReadConsoleOutputW(HANDLE hConsoleOutput, PCHAR_INFO lpBuffer, COORD dwBufferSize,
			       COORD dwBufferCoord, PSMALL_RECT lpReadRegion)
{
	return rect_copy(hConsoleOutput, lpBuffer, dwBufferSize, dwBufferCoord, lpReadRegion,
			 FALSE, TRUE);
}

BOOL WINAPI ReadConsoleOutputA(HANDLE hConsoleOutput, PCHAR_INFO lpBuffer, COORD dwBufferSize,
			       COORD dwBufferCoord, PSMALL_RECT lpReadRegion)
{
	return rect_copy(hConsoleOutput, lpBuffer, dwBufferSize, dwBufferCoord, lpReadRegion,
			 FALSE, FALSE);
}

/* r (inclusive corners) cut to the screen buffer; FALSE when nothing is left. */
static BOOL rect_in_buffer(SMALL_RECT *r)
{
	if (r->Left < 0)
		r->Left = 0;
	if (r->Top < 0)
		r->Top = 0;
	if (r->Right > COLS - 1)
		r->Right = COLS - 1;
	if (r->Bottom > ROWS - 1)
		r->Bottom = ROWS - 1;
	return r->Left <= r->Right && r->Top <= r->Bottom;
}

static BOOL in_rect(const SMALL_RECT *r, long x, long y)
{
	return x >= r->Left && x <= r->Right && y >= r->Top && y <= r->Bottom;
}

/* The one body of ScrollConsoleScreenBufferA/W: the cells of *scroll (cut
 * to the buffer) move by origin - its top left; those they leave take
 * *fill; only cells inside *clip (NULL: the buffer) change. */
static BOOL scroll_cells(HANDLE h, const SMALL_RECT *scroll, const SMALL_RECT *clip, COORD origin,
			 const CHAR_INFO *fill, BOOL wide)
{
	WCHAR ch[COLS * ROWS], fill_ch;
	WORD attr[COLS * ROWS];
	struct console_cells *cells;
	SMALL_RECT from, within = { 0, 0, COLS - 1, ROWS - 1 };
	long dx, dy;

	if (!console_output_call(h, NULL, 0))
		return FALSE;
	if (!scroll || !fill || (clip && IsBadReadPtr(clip, sizeof(*clip))) ||
	    IsBadReadPtr(scroll, sizeof(*scroll)) || IsBadReadPtr(fill, sizeof(*fill))) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	from = *scroll;
	if (clip)
		within = *clip;
	if (!rect_in_buffer(&from) || !rect_in_buffer(&within))
		return TRUE;
	dx = origin.X - scroll->Left;
	dy = origin.Y - scroll->Top;
	fill_ch = fill->Char.UnicodeChar;
	if (!wide)
		MultiByteToWideChar(GetConsoleOutputCP(), 0, &fill->Char.AsciiChar, 1, &fill_ch, 1);
	if (!(cells = console_cells_lock()))
		return FALSE;
	memcpy(ch, cells->ch, sizeof(ch));
	memcpy(attr, cells->attr, sizeof(attr));
	for (long y = from.Top; y <= from.Bottom; y++)
		for (long x = from.Left; x <= from.Right; x++)
			if (in_rect(&within, x, y)) {
				cells->ch[y * COLS + x] = fill_ch;
				cells->attr[y * COLS + x] = fill->Attributes;
			}
	for (long y = from.Top; y <= from.Bottom; y++)
		for (long x = from.Left; x <= from.Right; x++)
			if (in_rect(&within, x + dx, y + dy)) {
				cells->ch[(y + dy) * COLS + x + dx] = ch[y * COLS + x];
				cells->attr[(y + dy) * COLS + x + dx] = attr[y * COLS + x];
			}
	for (long y = within.Top; y <= within.Bottom; y++)
		emit_cells(cells, y * COLS + within.Left, within.Right - within.Left + 1);
	console_cells_unlock();
	return TRUE;
}

BOOL WINAPI ScrollConsoleScreenBufferW(HANDLE hConsoleOutput, const SMALL_RECT *lpScrollRectangle,
				       const SMALL_RECT *lpClipRectangle, COORD dwDestinationOrigin,
				       const CHAR_INFO *lpFill)
{
	return scroll_cells(hConsoleOutput, lpScrollRectangle, lpClipRectangle, dwDestinationOrigin,
			    lpFill, TRUE);
}

/* lpFill's character in the output code page. */
BOOL WINAPI ScrollConsoleScreenBufferA(HANDLE hConsoleOutput, const SMALL_RECT *lpScrollRectangle,
				       const SMALL_RECT *lpClipRectangle, COORD dwDestinationOrigin,
				       const CHAR_INFO *lpFill)
{
	return scroll_cells(hConsoleOutput, lpScrollRectangle, lpClipRectangle, dwDestinationOrigin,
			    lpFill, FALSE);
}
