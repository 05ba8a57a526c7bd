/* The console API's modes and screen buffer, as Microsoft documents them:
 * the default input and output modes, SetConsoleMode's checks, a handle that
 * is not a console (a pipe: redirection) failing with ERROR_INVALID_HANDLE;
 * the 80x25 buffer whose cursor follows what is written (wrap, newline,
 * scroll), attributes, fills and cell writes read back, the cursor's shape,
 * the title, and FreeConsole/AllocConsole/AttachConsole's errors. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define TEST_NAME "console-modes-and-screen-buffer"
#include "check.h"

static HANDLE out, in;

static COORD cursor(void)
{
	CONSOLE_SCREEN_BUFFER_INFO info;

	if (!GetConsoleScreenBufferInfo(out, &info))
		return (COORD){ -1, -1 };
	return info.dwCursorPosition;
}

static void put(const char *s)
{
	DWORD done;

	WriteConsoleA(out, s, strlen(s), &done, NULL);
}

static void modes(void)
{
	HANDLE r, w;
	DWORD mode = 0;

	CHECK(GetConsoleMode(in, &mode), "input mode: %lu", GetLastError());
	CHECK(mode == 0x1F7, "input 0x%lx: all but WINDOW and VIRTUAL_TERMINAL_INPUT", mode);
	CHECK(GetConsoleMode(out, &mode) && mode == (ENABLE_PROCESSED_OUTPUT |
						     ENABLE_WRAP_AT_EOL_OUTPUT), "output 0x%lx", mode);
	CHECK(GetConsoleMode(GetStdHandle(STD_ERROR_HANDLE), &mode), "stderr is the console");
	/* Redirection: a pipe or a bad handle is no console. */
	CHECK(CreatePipe(&r, &w, NULL, 0), "CreatePipe");
	FAILS(GetConsoleMode(r, &mode), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetConsoleMode(w, &mode), FALSE, ERROR_INVALID_HANDLE);
	FAILS(SetConsoleMode(w, 0), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetConsoleMode(NULL, &mode), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetConsoleMode(INVALID_HANDLE_VALUE, &mode), FALSE, ERROR_INVALID_HANDLE);
	COORD big = GetLargestConsoleWindowSize(r);
	CHECK(big.X == 0 && big.Y == 0 && GetLastError() == ERROR_INVALID_HANDLE, "largest of a pipe");
	CloseHandle(r);
	CloseHandle(w);
	/* SetConsoleMode: each handle's own bits. */
	CHECK(SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT |
			     ENABLE_VIRTUAL_TERMINAL_PROCESSING), "VT on: %lu", GetLastError());
	CHECK(GetConsoleMode(out, &mode) && mode == 7, "output now 0x%lx", mode);
	FAILS(SetConsoleMode(out, 0x100), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetConsoleMode(in, ENABLE_ECHO_INPUT), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetConsoleMode(in, 0x400), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetConsoleMode(in, 0xFFFFFFFF), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetConsoleMode(out, 0xFFFFFFFF), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(SetConsoleMode(in, ENABLE_ECHO_INPUT | ENABLE_LINE_INPUT | ENABLE_WINDOW_INPUT) &&
	      GetConsoleMode(in, &mode) && mode == 0x0E, "kept as given: 0x%lx", mode);
	CHECK(SetConsoleMode(out, 0) && GetConsoleMode(out, &mode) && mode == 0, "output 0");
	CHECK(SetConsoleMode(in, ENABLE_PROCESSED_INPUT), "raw input");
	CHECK(GetConsoleMode(in, &mode) && (mode & 7) == ENABLE_PROCESSED_INPUT, "0x%lx", mode);
	CHECK(SetConsoleMode(in, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT),
	      "cooked input");
	CHECK(SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT), "VT off");
}

static void screen(void)
{
	CONSOLE_SCREEN_BUFFER_INFO info;
	CONSOLE_SCREEN_BUFFER_INFOEX ex;
	COORD c;

	CHECK(GetConsoleScreenBufferInfo(out, &info), "info: %lu", GetLastError());
	CHECK(info.dwSize.X == 80 && info.dwSize.Y == 25 && info.srWindow.Left == 0 &&
	      info.srWindow.Right == 79 && info.srWindow.Bottom == 24 &&
	      info.dwMaximumWindowSize.X == 80 && info.wAttributes == 7, "size %dx%d attr %x",
	      info.dwSize.X, info.dwSize.Y, info.wAttributes);
	FAILS(GetConsoleScreenBufferInfo(in, &info), FALSE, ERROR_INVALID_HANDLE);
	c = GetLargestConsoleWindowSize(out);
	CHECK(c.X == 80 && c.Y == 25, "largest %dx%d", c.X, c.Y);
	memset(&ex, 0, sizeof(ex));
	FAILS(GetConsoleScreenBufferInfoEx(out, &ex), FALSE, ERROR_INVALID_PARAMETER);
	ex.cbSize = sizeof(ex);
	CHECK(GetConsoleScreenBufferInfoEx(out, &ex) && ex.dwSize.X == 80 &&
	      ex.ColorTable[15] == 0xFFFFFF, "ex: %lu", GetLastError());
	CHECK(sizeof(ex) == 96 && sizeof(info) == 22, "layouts %u %u", (unsigned)sizeof(ex),
	      (unsigned)sizeof(info));

	/* The cursor follows the writing. */
	CHECK(SetConsoleCursorPosition(out, (COORD){ 0, 5 }), "position");
	put("abc");
	c = cursor();
	CHECK(c.X == 3 && c.Y == 5, "after abc: %d,%d", c.X, c.Y);
	put("\n");
	c = cursor();
	CHECK(c.X == 0 && c.Y == 6, "after LF: %d,%d", c.X, c.Y);
	put("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234\r\n");
	c = cursor();
	CHECK(c.X == 0 && c.Y == 8, "after a wrapped line: %d,%d", c.X, c.Y);
	put("\tx\bY");
	c = cursor();
	CHECK(c.X == 9 && c.Y == 8, "after tab and backspace: %d,%d", c.X, c.Y);
	char cell[4] = "";
	DWORD n = 0;
	CHECK(ReadConsoleOutputCharacterA(out, cell, 2, (COORD){ 8, 8 }, &n) && n == 2 &&
	      memcmp(cell, "Y ", 2) == 0, "the cell after the tab: %.2s", cell);
	FAILS(SetConsoleCursorPosition(out, (COORD){ 80, 0 }), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetConsoleCursorPosition(out, (COORD){ 0, -1 }), FALSE, ERROR_INVALID_PARAMETER);
	/* The last line full scrolls the buffer: the cursor stays on row 24. */
	CHECK(SetConsoleCursorPosition(out, (COORD){ 0, 24 }), "to the last row");
	put("last\n");
	c = cursor();
	CHECK(c.X == 0 && c.Y == 24, "after scrolling: %d,%d", c.X, c.Y);
	CHECK(ReadConsoleOutputCharacterA(out, cell, 4, (COORD){ 0, 23 }, &n) && n == 4 &&
	      memcmp(cell, "last", 4) == 0, "scrolled up: %.4s", cell);

	/* Attributes. */
	CHECK(SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_INTENSITY), "attr");
	CHECK(GetConsoleScreenBufferInfo(out, &info) && info.wAttributes == 0x0C, "%x",
	      info.wAttributes);
	CHECK(SetConsoleCursorPosition(out, (COORD){ 10, 3 }), "position");
	put("R");
	WORD attrs[2] = { 0 };
	CHECK(ReadConsoleOutputAttribute(out, attrs, 2, (COORD){ 10, 3 }, &n) && n == 2 &&
	      attrs[0] == 0x0C && attrs[1] == 7, "attrs %x %x", attrs[0], attrs[1]);
	CHECK(SetConsoleTextAttribute(out, 7), "attr back");
	FAILS(SetConsoleTextAttribute(in, 7), FALSE, ERROR_INVALID_HANDLE);
}

static void cells(void)
{
	char text[16] = "";
	WORD attrs[3];
	DWORD n = 99;

	CHECK(FillConsoleOutputCharacterA(out, '*', 10, (COORD){ 75, 10 }, &n) && n == 10,
	      "fill: %lu", n);
	CHECK(ReadConsoleOutputCharacterA(out, text, 10, (COORD){ 75, 10 }, &n) && n == 10 &&
	      memcmp(text, "**********", 10) == 0, "fill wraps rows: %.10s", text);
	CHECK(FillConsoleOutputCharacterW(out, L'#', 10, (COORD){ 78, 24 }, &n) && n == 2,
	      "fill stops at the end: %lu", n);
	CHECK(FillConsoleOutputCharacterA(out, '#', 5, (COORD){ 0, 25 }, &n) && n == 0,
	      "fill past the end: %lu", n);
	FAILS(FillConsoleOutputCharacterA(out, '#', 5, (COORD){ -1, 0 }, &n), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(FillConsoleOutputCharacterA(in, '#', 5, (COORD){ 0, 0 }, &n), FALSE,
	      ERROR_INVALID_HANDLE);
	CHECK(FillConsoleOutputAttribute(out, 0x1F, 3, (COORD){ 0, 12 }, &n) && n == 3, "attrs");
	CHECK(ReadConsoleOutputAttribute(out, attrs, 3, (COORD){ 0, 12 }, &n) && n == 3 &&
	      attrs[0] == 0x1F && attrs[2] == 0x1F, "read attrs %x", attrs[0]);
	CHECK(WriteConsoleOutputCharacterW(out, L"wide!", 5, (COORD){ 2, 13 }, &n) && n == 5,
	      "write W: %lu", n);
	CHECK(WriteConsoleOutputCharacterA(out, "ansi", 4, (COORD){ 7, 13 }, &n) && n == 4,
	      "write A: %lu", n);
	CHECK(ReadConsoleOutputCharacterA(out, text, 9, (COORD){ 2, 13 }, &n) && n == 9 &&
	      memcmp(text, "wide!ansi", 9) == 0, "read back: %.9s", text);
	WCHAR wtext[6];
	CHECK(ReadConsoleOutputCharacterW(out, wtext, 6, (COORD){ 78, 12 }, &n) && n == 6 &&
	      memcmp(wtext, L"    wi", 12) == 0, "read W across a row's end: %lu", n);
	FAILS(WriteConsoleOutputCharacterA(out, (LPCSTR)16, 4, (COORD){ 0, 0 }, &n), FALSE,
	      ERROR_NOACCESS);
	FAILS(FillConsoleOutputCharacterA(out, '*', 1, (COORD){ 0, 0 }, NULL), FALSE,
	      ERROR_INVALID_ACCESS);
}

/* WriteConsoleOutput/ReadConsoleOutput: rectangles clipped to the buffer
 * and the source, the region made what was copied. */
static void rectangles(void)
{
	CHAR_INFO src[3][4], dst[4];
	SMALL_RECT r = { 10, 15, 13, 17 };
	char text[8] = "";
	WORD attr = 0;
	DWORD n;

	for (int y = 0; y < 3; y++)
		for (int x = 0; x < 4; x++) {
			src[y][x].Char.UnicodeChar = L'a' + y * 4 + x;
			src[y][x].Attributes = 0x1E;
		}
	CHECK(WriteConsoleOutputW(out, &src[0][0], (COORD){ 4, 3 }, (COORD){ 0, 0 }, &r) &&
	      r.Left == 10 && r.Top == 15 && r.Right == 13 && r.Bottom == 17, "whole: %d,%d-%d,%d",
	      r.Left, r.Top, r.Right, r.Bottom);
	CHECK(ReadConsoleOutputCharacterA(out, text, 4, (COORD){ 10, 16 }, &n) && n == 4 &&
	      memcmp(text, "efgh", 4) == 0 && ReadConsoleOutputAttribute(out, &attr, 1,
	      (COORD){ 13, 17 }, &n) && attr == 0x1E, "row 2: %.4s %x", text, attr);
	r = (SMALL_RECT){ 78, 20, 81, 20 };
	CHECK(WriteConsoleOutputA(out, &src[0][0], (COORD){ 4, 3 }, (COORD){ 0, 0 }, &r) &&
	      r.Left == 78 && r.Right == 79 && r.Bottom == 20, "clipped by the buffer: %d-%d",
	      r.Left, r.Right);
	r = (SMALL_RECT){ 0, 0, 9, 9 };
	CHECK(WriteConsoleOutputW(out, &src[0][0], (COORD){ 4, 3 }, (COORD){ 1, 1 }, &r) &&
	      r.Left == 0 && r.Top == 0 && r.Right == 2 && r.Bottom == 1, "clipped by the source: "
	      "%d,%d-%d,%d", r.Left, r.Top, r.Right, r.Bottom);
	CHECK(ReadConsoleOutputCharacterA(out, text, 3, (COORD){ 0, 1 }, &n) && n == 3 &&
	      memcmp(text, "jkl", 3) == 0, "from (1,1): %.3s", text);
	r = (SMALL_RECT){ 90, 0, 95, 0 };
	CHECK(WriteConsoleOutputW(out, &src[0][0], (COORD){ 4, 3 }, (COORD){ 0, 0 }, &r) &&
	      (r.Right < r.Left || r.Bottom < r.Top), "outside: %d,%d-%d,%d", r.Left, r.Top,
	      r.Right, r.Bottom);
	r = (SMALL_RECT){ 10, 15, 13, 15 };
	CHECK(ReadConsoleOutputW(out, dst, (COORD){ 4, 1 }, (COORD){ 0, 0 }, &r) && r.Right == 13 &&
	      dst[0].Char.UnicodeChar == L'a' && dst[3].Char.UnicodeChar == L'd' &&
	      dst[3].Attributes == 0x1E, "read W: %x", dst[0].Char.UnicodeChar);
	r = (SMALL_RECT){ 10, 16, 13, 16 };
	CHECK(ReadConsoleOutputA(out, dst, (COORD){ 4, 1 }, (COORD){ 0, 0 }, &r) &&
	      dst[1].Char.AsciiChar == 'f', "read A: %c", dst[1].Char.AsciiChar);
	r = (SMALL_RECT){ 0, 0, 3, 0 };
	FAILS(WriteConsoleOutputW(out, (CHAR_INFO *)16, (COORD){ 4, 1 }, (COORD){ 0, 0 }, &r),
	      FALSE, ERROR_NOACCESS);
	FAILS(ReadConsoleOutputW(out, dst, (COORD){ 4, 1 }, (COORD){ 0, 0 }, NULL), FALSE,
	      ERROR_INVALID_ACCESS);
	FAILS(ReadConsoleOutputW(in, dst, (COORD){ 4, 1 }, (COORD){ 0, 0 }, &r), FALSE,
	      ERROR_INVALID_HANDLE);
}

/* ScrollConsoleScreenBuffer: rows 15..17's block (written by rectangles())
 * moves up one row; the row it leaves takes the fill; a clip keeps cells. */
static void scrolling(void)
{
	SMALL_RECT scroll = { 10, 15, 13, 17 }, clip = { 0, 0, 79, 16 };
	CHAR_INFO fill;
	char text[8] = "";
	DWORD n;

	fill.Char.UnicodeChar = L'.';
	fill.Attributes = 7;
	CHECK(ScrollConsoleScreenBufferW(out, &scroll, NULL, (COORD){ 10, 14 }, &fill), "scroll");
	CHECK(ReadConsoleOutputCharacterA(out, text, 4, (COORD){ 10, 14 }, &n) &&
	      memcmp(text, "abcd", 4) == 0, "moved up: %.4s", text);
	CHECK(ReadConsoleOutputCharacterA(out, text, 4, (COORD){ 10, 17 }, &n) &&
	      memcmp(text, "....", 4) == 0, "left behind: %.4s", text);
	fill.Char.AsciiChar = '#';
	CHECK(ScrollConsoleScreenBufferA(out, &scroll, &clip, (COORD){ 20, 15 }, &fill), "clipped");
	CHECK(ReadConsoleOutputCharacterA(out, text, 4, (COORD){ 20, 16 }, &n) &&
	      memcmp(text, "ijkl", 4) == 0, "moved right: %.4s", text);
	CHECK(ReadConsoleOutputCharacterA(out, text, 4, (COORD){ 20, 17 }, &n) &&
	      memcmp(text, "    ", 4) == 0 && ReadConsoleOutputCharacterA(out, text, 4,
	      (COORD){ 10, 17 }, &n) && memcmp(text, "....", 4) == 0, "outside the clip: %.4s",
	      text);
	CHECK(ReadConsoleOutputCharacterA(out, text, 4, (COORD){ 10, 15 }, &n) &&
	      memcmp(text, "####", 4) == 0, "filled: %.4s", text);
	FAILS(ScrollConsoleScreenBufferW(out, &scroll, NULL, (COORD){ 0, 0 }, NULL), FALSE,
	      ERROR_INVALID_ACCESS);
}

static void cursor_shape_and_title(void)
{
	CONSOLE_CURSOR_INFO ci = { 0, FALSE };
	char title[64];
	WCHAR wtitle[64];

	CHECK(GetConsoleCursorInfo(out, &ci) && ci.dwSize == 25 && ci.bVisible, "cursor %lu %d",
	      ci.dwSize, ci.bVisible);
	ci.dwSize = 0;
	FAILS(SetConsoleCursorInfo(out, &ci), FALSE, ERROR_INVALID_PARAMETER);
	ci.dwSize = 101;
	FAILS(SetConsoleCursorInfo(out, &ci), FALSE, ERROR_INVALID_PARAMETER);
	ci = (CONSOLE_CURSOR_INFO){ 50, FALSE };
	CHECK(SetConsoleCursorInfo(out, &ci), "set cursor");
	ci = (CONSOLE_CURSOR_INFO){ 0, TRUE };
	CHECK(GetConsoleCursorInfo(out, &ci) && ci.dwSize == 50 && !ci.bVisible, "got %lu %d",
	      ci.dwSize, ci.bVisible);
	ci = (CONSOLE_CURSOR_INFO){ 25, TRUE };
	SetConsoleCursorInfo(out, &ci);

	CHECK(GetConsoleTitleA(title, sizeof(title)) > 0, "a title at start");
	CHECK(SetConsoleTitleA("vados console"), "set title");
	CHECK(GetConsoleTitleA(title, sizeof(title)) == 13 && strcmp(title, "vados console") == 0,
	      "title %s", title);
	CHECK(GetConsoleTitleA(title, 6) == 13 && strcmp(title, "vados") == 0, "cut: %s", title);
	CHECK(GetConsoleTitleW(wtitle, 64) == 13 && lstrcmpW(wtitle, L"vados console") == 0,
	      "wide title");
	CHECK(SetConsoleTitleW(L"wide title") && GetConsoleTitleA(title, 64) == 10 &&
	      strcmp(title, "wide title") == 0, "set W: %s", title);
	CHECK(GetConsoleWindow() == NULL, "no window");
	CHECK(Beep(750, 10), "Beep");
}

static void attach(void)
{
	DWORD mode, done;

	FAILS(AllocConsole(), FALSE, ERROR_ACCESS_DENIED);
	FAILS(AttachConsole(ATTACH_PARENT_PROCESS), FALSE, ERROR_ACCESS_DENIED);
	CHECK(FreeConsole(), "FreeConsole");
	/* No console: its handles fail (nothing printed until AllocConsole). */
	FAILS(GetConsoleMode(out, &mode), FALSE, ERROR_INVALID_HANDLE);
	FAILS(WriteConsoleA(out, "x", 1, &done, NULL), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetConsoleTitleA(NULL, 0), 0, ERROR_INVALID_HANDLE);
	FAILS(AttachConsole(GetCurrentProcessId()), FALSE, ERROR_INVALID_HANDLE);
	FAILS(AttachConsole(4321), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(AllocConsole() && GetConsoleMode(out, &mode), "AllocConsole: %lu", GetLastError());
	CHECK(FreeConsole() && AttachConsole(ATTACH_PARENT_PROCESS), "attach to the parent's");
}

int main(void)
{
	out = GetStdHandle(STD_OUTPUT_HANDLE);
	in = GetStdHandle(STD_INPUT_HANDLE);
	modes();
	screen();
	cells();
	rectangles();
	scrolling();
	cursor_shape_and_title();
	attach();
	printf("\n" TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
