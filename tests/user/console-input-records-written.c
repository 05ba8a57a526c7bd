/* The console input buffer fed by WriteConsoleInputA/W (no typing): the
 * count, peeking all, reading in batches, the calls' edge cases as Windows'
 * console answers them (a failed peek or read sets the count to 0, a read
 * of 0 records succeeds), raw ReadConsoleW one character at a time from
 * key-down records (key-ups and mouse records give none), and a cooked
 * ReadConsoleA line from written records. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define TEST_NAME "console-input-records-written"
#include "check.h"

static HANDLE in;

static INPUT_RECORD key(WCHAR c, BOOL down)
{
	INPUT_RECORD r;

	memset(&r, 0, sizeof(r));
	r.EventType = KEY_EVENT;
	r.Event.KeyEvent.bKeyDown = down;
	r.Event.KeyEvent.wRepeatCount = 1;
	r.Event.KeyEvent.wVirtualKeyCode = c == L'\r' ? VK_RETURN : c;
	r.Event.KeyEvent.uChar.UnicodeChar = c;
	return r;
}

static DWORD waiting(void)
{
	DWORD n = 99;

	CHECK(GetNumberOfConsoleInputEvents(in, &n), "count: %lu", GetLastError());
	return n;
}

static void batches(void)
{
	INPUT_RECORD recs[10], peeked[10], got[3];
	DWORD n, total = 0;

	for (int i = 0; i < 10; i++)
		recs[i] = key(L'A' + i, FALSE);
	CHECK(WriteConsoleInputW(in, recs, 10, &n) && n == 10, "written %lu", n);
	CHECK(waiting() == 10, "10 waiting");
	CHECK(PeekConsoleInputW(in, peeked, 10, &n) && n == 10 &&
	      memcmp(peeked, recs, sizeof(recs)) == 0, "peeked %lu", n);
	for (int round = 0; round < 4; round++) {
		CHECK(ReadConsoleInputW(in, got, 3, &n) && n == (round < 3 ? 3u : 1u), "read %lu", n);
		CHECK(memcmp(got, recs + total, n * sizeof(*got)) == 0, "records of round %d", round);
		total += n;
		CHECK(waiting() == 10 - total, "left %lu", 10 - total);
	}
}

static void edges(void)
{
	INPUT_RECORD r = key(L'K', TRUE), out;
	DWORD n = 77;

	FAILS(PeekConsoleInputW(INVALID_HANDLE_VALUE, NULL, 0, &n), FALSE, ERROR_INVALID_HANDLE);
	CHECK(n == 0, "a failed peek's count: %lu", n);
	n = 77;
	FAILS(ReadConsoleInputW(NULL, NULL, 0, &n), FALSE, ERROR_INVALID_HANDLE);
	CHECK(n == 0, "a failed read's count: %lu", n);
	n = 77;
	CHECK(!PeekConsoleInputW(in, NULL, 5, &n) && n == 0, "peek into NULL: %lu", n);
	FAILS(FlushConsoleInputBuffer(INVALID_HANDLE_VALUE), FALSE, ERROR_INVALID_HANDLE);
	CHECK(WriteConsoleInputW(in, NULL, 0, &n) && n == 0, "write nothing");
	FAILS(WriteConsoleInputW(in, (INPUT_RECORD *)16, 2, &n), FALSE, ERROR_NOACCESS);
	CHECK(WriteConsoleInputW(in, &r, 1, &n) && n == 1, "one");
	CHECK(PeekConsoleInputW(in, &out, 0, &n) && n == 0 && waiting() == 1, "peek 0");
	CHECK(ReadConsoleInputW(in, NULL, 0, &n) && n == 0 && waiting() == 1, "read 0");
	CHECK(FlushConsoleInputBuffer(in) && waiting() == 0, "flushed");
	/* A and W: AsciiChar and UnicodeChar of the same key. */
	r = key(0, TRUE);
	r.Event.KeyEvent.uChar.AsciiChar = 'z';
	CHECK(WriteConsoleInputA(in, &r, 1, &n) && n == 1, "write A");
	CHECK(ReadConsoleInputW(in, &out, 1, &n) && n == 1 && out.Event.KeyEvent.uChar.UnicodeChar ==
	      L'z', "A's char read W: %x", out.Event.KeyEvent.uChar.UnicodeChar);
}

static void chars(void)
{
	static const WCHAR typed[] = L"QUE\r";
	INPUT_RECORD recs[12], mouse;
	WCHAR got[8], ch;
	char line[16];
	DWORD n, len = 0, mode;

	memset(&mouse, 0, sizeof(mouse));
	mouse.EventType = MOUSE_EVENT;
	CHECK(WriteConsoleInputW(in, &mouse, 1, &n) && n == 1, "mouse");
	for (int i = 0; i < 4; i++) {
		recs[2 * i] = key(typed[i], TRUE);
		recs[2 * i + 1] = key(typed[i], FALSE);
	}
	CHECK(WriteConsoleInputW(in, recs, 8, &n) && n == 8, "keys");
	CHECK(GetConsoleMode(in, &mode) && SetConsoleMode(in, mode & ~(ENABLE_LINE_INPUT |
							      ENABLE_ECHO_INPUT)), "raw");
	do {    /* a password loop: one character a call until Enter */
		CHECK(ReadConsoleW(in, &ch, 1, &n, NULL) && n == 1, "one char: %lu", n);
		if (len < 8)
			got[len++] = ch;
	} while (n == 1 && ch != L'\r');
	CHECK(len == 4 && memcmp(got, typed, 4 * sizeof(WCHAR)) == 0, "password loop: %lu", len);
	CHECK(SetConsoleMode(in, mode), "cooked again");
	CHECK(waiting() == 1, "Enter's key-up left: %lu", waiting());

	recs[0] = key(L'h', TRUE);
	recs[1] = key(L'i', TRUE);
	recs[2] = key(L'\r', TRUE);
	CHECK(WriteConsoleInputW(in, recs, 3, &n) && n == 3, "a line's keys");
	CHECK(ReadConsoleA(in, line, sizeof(line), &n, NULL) && n == 4 && memcmp(line, "hi\r\n", 4) == 0,
	      "cooked line: %lu", n);
	CHECK(FlushConsoleInputBuffer(in), "flush");
}

int main(void)
{
	in = GetStdHandle(STD_INPUT_HANDLE);
	FlushConsoleInputBuffer(in);
	batches();
	edges();
	chars();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
