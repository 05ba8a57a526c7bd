/* Console input typed on the serial line (the scenario types a line at each
 * "vados> " this program prints): ReadConsoleA's line input ("\r\n" ends a
 * line, a short buffer leaves the rest for the next call, backspace edits),
 * KEY_EVENT records in raw mode, the event count, peeking and flushing,
 * CTRL+C raised as a signal and kept out of the line, ReadConsoleW, and
 * ReadFile on the input handle. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define TEST_NAME "console-input-from-serial"
#include "check.h"

static HANDLE in, out, ctrl_seen;
static DWORD ctrl_type = 99;

static void prompt(void)
{
	printf("vados> ");
}

/* One ReadConsoleA of at most max chars, NUL-terminated into buf. */
static DWORD read_a(char *buf, DWORD max)
{
	DWORD n = 0;

	CHECK(ReadConsoleA(in, buf, max, &n, NULL), "ReadConsoleA: %lu", GetLastError());
	buf[n] = 0;
	return n;
}

static BOOL WINAPI on_ctrl(DWORD type)
{
	ctrl_type = type;
	SetEvent(ctrl_seen);
	return TRUE;
}

static void errors(void)
{
	char buf[8];
	DWORD n;
	HANDLE r, w;

	FAILS(ReadConsoleA(out, buf, 8, &n, NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK(CreatePipe(&r, &w, NULL, 0), "pipe");
	FAILS(ReadConsoleA(r, buf, 8, &n, NULL), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetNumberOfConsoleInputEvents(r, &n), FALSE, ERROR_INVALID_HANDLE);
	FAILS(FlushConsoleInputBuffer(w), FALSE, ERROR_INVALID_HANDLE);
	CloseHandle(r);
	CloseHandle(w);
	FAILS(GetNumberOfConsoleInputEvents(out, &n), FALSE, ERROR_INVALID_HANDLE);
	FAILS(ReadConsoleA(in, (void *)16, 8, &n, NULL), FALSE, ERROR_NOACCESS);
	n = 5;
	CHECK(ReadConsoleA(in, buf, 0, &n, NULL) && n == 0, "zero chars: %lu", n);
	CHECK(GetNumberOfConsoleInputEvents(in, &n) && n == 0, "nothing typed yet: %lu", n);
}

static void lines(void)
{
	char buf[64];
	DWORD n;

	prompt();
	n = read_a(buf, sizeof(buf) - 1);
	CHECK(n == 13 && strcmp(buf, "hello world\r\n") == 0, "line: %lu \"%s\"", n, buf);
	prompt();
	n = read_a(buf, 3);
	CHECK(n == 3 && strcmp(buf, "abc") == 0, "short buffer: %lu \"%s\"", n, buf);
	n = read_a(buf, sizeof(buf) - 1);
	CHECK(n == 5 && strcmp(buf, "def\r\n") == 0, "the rest: %lu \"%s\"", n, buf);
	prompt();
	n = read_a(buf, sizeof(buf) - 1);
	CHECK(n == 6 && strcmp(buf, "help\r\n") == 0, "backspace: %lu \"%s\"", n, buf);
}

static void records(void)
{
	INPUT_RECORD rec[8];
	DWORD n, got = 0, count = 0;

	CHECK(SetConsoleMode(in, 0), "raw mode");
	/* The last line's Enter left its key-up record: dropped. */
	CHECK(GetNumberOfConsoleInputEvents(in, &count) && count == 1, "Enter's key-up: %lu", count);
	CHECK(FlushConsoleInputBuffer(in), "flush");
	prompt();
	while (got < 6) {
		CHECK(ReadConsoleInputA(in, rec + got, 8 - got, &n) && n > 0, "ReadConsoleInputA");
		if (!n)
			break;
		got += n;
	}
	CHECK(got == 6, "records: %lu", got);
	CHECK(rec[0].EventType == KEY_EVENT && rec[0].Event.KeyEvent.bKeyDown &&
	      rec[0].Event.KeyEvent.uChar.AsciiChar == 'x' &&
	      rec[0].Event.KeyEvent.wVirtualKeyCode == 'X' && rec[0].Event.KeyEvent.wRepeatCount == 1,
	      "x down: %d %d", rec[0].Event.KeyEvent.uChar.AsciiChar,
	      rec[0].Event.KeyEvent.wVirtualKeyCode);
	CHECK(!rec[1].Event.KeyEvent.bKeyDown && rec[1].Event.KeyEvent.uChar.AsciiChar == 'x', "x up");
	CHECK(rec[2].Event.KeyEvent.uChar.AsciiChar == 'y', "y");
	CHECK(rec[4].Event.KeyEvent.wVirtualKeyCode == VK_RETURN &&
	      rec[4].Event.KeyEvent.uChar.AsciiChar == '\r', "enter: %d",
	      rec[4].Event.KeyEvent.wVirtualKeyCode);

	prompt();
	for (int i = 0; i < 500 && GetNumberOfConsoleInputEvents(in, &count) && count < 4; i++)
		Sleep(10);
	CHECK(count == 4, "events waiting: %lu", count);
	CHECK(PeekConsoleInputW(in, rec, 8, &n) && n == 4 && rec[0].Event.KeyEvent.uChar.UnicodeChar
	      == L'q', "peek W: %lu", n);
	CHECK(GetNumberOfConsoleInputEvents(in, &count) && count == 4, "peek keeps them: %lu", count);
	CHECK(FlushConsoleInputBuffer(in), "flush");
	CHECK(GetNumberOfConsoleInputEvents(in, &count) && count == 0, "flushed: %lu", count);
	CHECK(PeekConsoleInputA(in, rec, 8, &n) && n == 0, "nothing to peek: %lu", n);
}

static void ctrl_c_and_wide(void)
{
	char buf[64];
	WCHAR wbuf[64];
	DWORD n;

	CHECK(SetConsoleMode(in, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT),
	      "cooked mode");
	ctrl_seen = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(SetConsoleCtrlHandler(on_ctrl, TRUE), "handler");
	prompt();
	n = read_a(buf, sizeof(buf) - 1);
	CHECK(n == 5 && strcmp(buf, "abc\r\n") == 0, "CTRL+C kept out: %lu \"%s\"", n, buf);
	CHECK(WaitForSingleObject(ctrl_seen, 5000) == WAIT_OBJECT_0 && ctrl_type == CTRL_C_EVENT,
	      "typed CTRL+C: type %lu", ctrl_type);
	SetConsoleCtrlHandler(on_ctrl, FALSE);
	CloseHandle(ctrl_seen);

	prompt();
	n = 0;
	CHECK(ReadConsoleW(in, wbuf, 63, &n, NULL) && n == 6 && memcmp(wbuf, L"wide\r\n", 12) == 0,
	      "ReadConsoleW: %lu", n);
	prompt();
	n = 0;
	CHECK(ReadFile(in, buf, sizeof(buf) - 1, &n, NULL) && n == 6 && memcmp(buf, "file\r\n", 6) == 0,
	      "ReadFile: %lu", n);
}

int main(void)
{
	in = GetStdHandle(STD_INPUT_HANDLE);
	out = GetStdHandle(STD_OUTPUT_HANDLE);
	errors();
	lines();
	records();
	ctrl_c_and_wide();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
