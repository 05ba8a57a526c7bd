/* <conio.h> on the console: _ungetch's one character, _putch, _cputs and
 * _cprintf straight to the console (the scenario finds their lines; the
 * wide forms too), bad
 * arguments, then keys typed: the program prints the shell's prompt so the
 * test runner types its next input line, waits for _kbhit, and reads it
 * with _getch (Enter as '\r'), _getche and _cgets_s (a line cut to the
 * buffer, the rest left to read; backspace erasing). */
#include <windows.h>
#include <conio.h>
#include <stdio.h>
#include <string.h>
#define TEST_NAME "crt-conio"
#include "check.h"
#include "crt-common.h"

/* Prints the prompt the runner types at and waits (10 s at most) for the
 * line to arrive. */
static void next_line(void)
{
	DWORD start = GetTickCount();

	printf("vados> ");
	while (!_kbhit() && GetTickCount() - start < 10000)
		Sleep(10);
	CHECK(_kbhit(), "a line typed");
	Sleep(100);             /* the whole line */
}

/* Reads and drops what is left of a typed line, Enter included. */
static void drop_line(void)
{
	while (_getch() != '\r')
		;
}

static void output_and_pushback(void)
{
	char buf[8] = "keep";
	size_t n = 9;

	CHECK(!_kbhit(), "nothing typed yet");
	CHECK(_ungetch('Q') == 'Q', "push back");
	CHECK(_ungetch('R') == EOF, "only one");
	CHECK(_kbhit(), "a pushed-back key counts");
	CHECK(_getch() == 'Q' && !_kbhit(), "it comes first");
	CHECK(_ungetch(EOF) == EOF && !_kbhit(), "EOF is no character");
	CHECK(_ungetwch(L'Z') == L'Z' && _ungetwch(L'Y') == WEOF && _getwch() == L'Z',
	      "_ungetwch, _getwch");
	CHECK(_ungetwch(WEOF) == WEOF && !_kbhit(), "WEOF is no character");
	CHECK(_ungetch_nolock('q') == 'q' && _getch_nolock() == 'q', "the _nolock forms");

	CHECK(_putch('[') == '[' && _putch(']') == ']' && _putch('\n') == '\n', "_putch");
	CHECK(_cputs("crt-conio: cputs\n") == 0, "_cputs");
	CHECK(_cprintf("crt-conio: %d %s\n", 42, "cprintf") == 22, "_cprintf's count");
	CHECK(_putwch(L'<') == L'<' && _putwch(L'>') == L'>' && _putwch(L'\n') == L'\n',
	      "_putwch");
	CHECK(_cputws(L"crt-conio: cputws\n") == 0, "_cputws");
	CHECK(_cwprintf(L"crt-conio: %d %ls\n", 7, L"cwprintf") == 22, "_cwprintf's count");
	FAILS_ERRNO(_cputws(NULL), -1, EINVAL, 1);
	FAILS_ERRNO(_cwprintf(NULL), -1, EINVAL, 1);
	FAILS_ERRNO(_cputs(NULL), -1, EINVAL, 1);
	FAILS_ERRNO(_cprintf(NULL), -1, EINVAL, 1);
	FAILS_ERRNO(_cgets_s(NULL, 4, &n), EINVAL, EINVAL, 1);
	FAILS_ERRNO(_cgets_s(buf, 0, &n), EINVAL, EINVAL, 1);
	CHECK(strcmp(buf, "keep") == 0, "size 0: the buffer untouched");
	FAILS_ERRNO(_cgets_s(buf, sizeof(buf), NULL), EINVAL, EINVAL, 1);
	CHECK(buf[0] == '\0', "no count: the buffer emptied");
}

static void typed_keys(void)
{
	char buf[16];
	size_t n = 0;
	int c;

	next_line();            /* "ab" */
	CHECK((c = _getwch()) == L'a', "_getwch: %d", c);
	CHECK((c = _getche()) == 'b', "_getche: %d", c);
	CHECK((c = _getch()) == '\r', "Enter as CR: %d", c);
	CHECK(!_kbhit(), "all read");

	next_line();            /* "hello world" */
	CHECK(_cgets_s(buf, 6, &n) == 0 && n == 5 && strcmp(buf, "hello") == 0,
	      "cut to the buffer: '%s' %u", buf, (unsigned)n);
	CHECK((c = _getch()) == ' ', "the rest still there: %d", c);
	drop_line();

	next_line();            /* "abX<DEL>c" */
	CHECK(_cgets_s(buf, sizeof(buf), &n) == 0 && n == 3 && strcmp(buf, "abc") == 0,
	      "backspace erases: '%s' %u", buf, (unsigned)n);
	CHECK(!_kbhit(), "Enter taken");
}

int main(void)
{
	_set_invalid_parameter_handler(count_handler);
	output_and_pushback();
	typed_keys();
	printf("\ncrt-conio: %d failures\n", failures);
	return failures != 0;
}
