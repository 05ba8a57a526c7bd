/* The console's input buffer: the bytes typed on the serial line, taken
 * from the kernel (SYS_READ_CONSOLE) into this process's queue of
 * KEY_EVENT records, a key-down and a key-up for each; ReadConsole's line
 * editing and echo; CTRL+C (0x03) raised as a signal with processed input. */
#include <string.h>
#include <windows.h>
#include "console.h"
#include "vados/calls.h"

#define QUEUE_SIZE 1024         /* records; a full queue drops what comes */
#define LINE_MAX   1024         /* bytes of one line being edited */

static struct input_queue {
	INPUT_RECORD rec[QUEUE_SIZE];
	char byte[QUEUE_SIZE];  /* each record's byte as typed (the A calls') */
	unsigned head, tail;    /* records [tail, head) are waiting */
	char line[LINE_MAX];    /* a line read but not all returned yet */
	unsigned line_at, line_len;
} *in;                          /* from the heap at the first console input call */
static SRWLOCK in_lock = SRWLOCK_INIT;

/* The key record of byte b typed (the kernel's '\n' is the Enter key). */
static void key_record(unsigned char b, BOOL down, INPUT_RECORD *r)
{
	KEY_EVENT_RECORD *k = &r->Event.KeyEvent;
	WCHAR w = b;

	memset(r, 0, sizeof(*r));
	r->EventType = KEY_EVENT;
	k->bKeyDown = down;
	k->wRepeatCount = 1;
	if (b == '\n' || b == '\r')
		b = '\r', w = L'\r', k->wVirtualKeyCode = VK_RETURN;
	else if (b == 0x7F || b == '\b')
		b = '\b', w = L'\b', k->wVirtualKeyCode = VK_BACK;
	else if (b == '\t' || b == 0x1B || b == ' ')
		k->wVirtualKeyCode = b;
	else if (b >= 'a' && b <= 'z')
		k->wVirtualKeyCode = b - 'a' + 'A';
	else if ((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))
		k->wVirtualKeyCode = b, k->dwControlKeyState = b >= 'A' ? SHIFT_PRESSED : 0;
	else if (b >= 1 && b <= 26)
		k->wVirtualKeyCode = b - 1 + 'A', k->dwControlKeyState = LEFT_CTRL_PRESSED;
	if (b >= 0x80)
		MultiByteToWideChar(GetConsoleCP(), 0, (const char *)&b, 1, &w, 1);
	k->uChar.UnicodeChar = w;
}

/* Appends r (its character as the byte b of the input code page); FALSE
 * when the queue is full. */
static BOOL queue_add(const INPUT_RECORD *r, char b)
{
	BOOL room;

	AcquireSRWLockExclusive(&in_lock);
	room = in->head - in->tail < QUEUE_SIZE;
	if (room) {
		in->rec[in->head % QUEUE_SIZE] = *r;
		in->byte[in->head++ % QUEUE_SIZE] = b;
	}
	ReleaseSRWLockExclusive(&in_lock);
	return room;
}

/* Takes what the kernel has (with wait, blocking until something was
 * typed) into the queue; CTRL+C with processed input is raised instead. */
static void input_fill(BOOL wait)
{
	char buf[64];
	uint32_t args[2] = { (uint32_t)buf, sizeof(buf) | (wait ? 0 : VADOS_READ_CONSOLE_NOWAIT) };
	uint32_t n = vados_syscall(SYS_READ_CONSOLE, args).value;
	INPUT_RECORD r;

	for (uint32_t i = 0; i < n; i++) {
		if (buf[i] == 0x03 && (console_input_mode() & ENABLE_PROCESSED_INPUT)) {
			console_ctrl_raise(CTRL_C_EVENT);
			continue;
		}
		for (int down = 1; down >= 0; down--) {
			key_record(buf[i], down, &r);
			queue_add(&r, buf[i] == '\n' ? '\r' : buf[i] == 0x7F ? '\b' : buf[i]);
		}
	}
}

/* Whether the record at the queue's position i types a character. */
static BOOL types_char(unsigned i)
{
	const INPUT_RECORD *r = &in->rec[i % QUEUE_SIZE];

	return r->EventType == KEY_EVENT && r->Event.KeyEvent.bKeyDown &&
	       (in->byte[i % QUEUE_SIZE] || r->Event.KeyEvent.uChar.UnicodeChar);
}

/* The input handle check (and the queue made); out (size bytes) must be
 * writable: NULL ERROR_INVALID_ACCESS, unwritable ERROR_NOACCESS. */
static BOOL input_call(HANDLE h, void *out, size_t size)
{
	if (console_kind(h) != CONSOLE_INPUT) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (!in) {              /* the first call; two threads at once keep one */
		struct input_queue *q = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*q));
		if (!q) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
		if (InterlockedCompareExchangePointer((PVOID volatile *)&in, q, NULL))
			HeapFree(GetProcessHeap(), 0, q);
	}
	if (size && !out) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	if (size && IsBadWritePtr(out, size)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return TRUE;
}

/* Up to n records into out (wide: UnicodeChar, else AsciiChar in the input
 * code page), removed unless peek; waits for one unless peek. */
static BOOL input_records(HANDLE h, PINPUT_RECORD out, DWORD n, LPDWORD count, BOOL peek,
			  BOOL wide)
{
	DWORD i = 0;

	if (count && !IsBadWritePtr(count, sizeof(*count)))
		*count = 0;             /* also when the call fails, as Windows' */
	if (!input_call(h, count, sizeof(*count)))
		return FALSE;
	if (n && !input_call(h, out, n > QUEUE_SIZE ? QUEUE_SIZE * sizeof(*out) : n * sizeof(*out)))
		return FALSE;
	input_fill(FALSE);
	while (!peek && in->head == in->tail)     /* a read waits for one, as Windows' */
		input_fill(TRUE);
	AcquireSRWLockExclusive(&in_lock);
	for (; i < n && in->tail + i != in->head; i++) {
		out[i] = in->rec[(in->tail + i) % QUEUE_SIZE];
		if (!wide && out[i].EventType == KEY_EVENT)
			out[i].Event.KeyEvent.uChar.UnicodeChar =
				(unsigned char)in->byte[(in->tail + i) % QUEUE_SIZE];
	}
	if (!peek)
		in->tail += i;
	ReleaseSRWLockExclusive(&in_lock);
	*count = i;
	return TRUE;
}

BOOL WINAPI ReadConsoleInputA(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead)
{
	return input_records(hConsoleInput, lpBuffer, nLength, lpNumberOfEventsRead, FALSE, FALSE);
}

BOOL WINAPI ReadConsoleInputW(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead)
{
	return input_records(hConsoleInput, lpBuffer, nLength, lpNumberOfEventsRead, FALSE, TRUE);
}

BOOL WINAPI PeekConsoleInputA(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead)
{
	return input_records(hConsoleInput, lpBuffer, nLength, lpNumberOfEventsRead, TRUE, FALSE);
}

BOOL WINAPI PeekConsoleInputW(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead)
{
	return input_records(hConsoleInput, lpBuffer, nLength, lpNumberOfEventsRead, TRUE, TRUE);
}

BOOL WINAPI GetNumberOfConsoleInputEvents(HANDLE hConsoleInput, LPDWORD lpcNumberOfEvents)
{
	if (!input_call(hConsoleInput, lpcNumberOfEvents, sizeof(*lpcNumberOfEvents)))
		return FALSE;
	input_fill(FALSE);
	*lpcNumberOfEvents = in->head - in->tail;
	return TRUE;
}

/* Drops every record waiting, what the kernel holds too, and the rest of a
 * line ReadConsole had not returned. */
BOOL WINAPI FlushConsoleInputBuffer(HANDLE hConsoleInput)
{
	if (!input_call(hConsoleInput, NULL, 0))
		return FALSE;
	input_fill(FALSE);
	AcquireSRWLockExclusive(&in_lock);
	in->tail = in->head;
	in->line_at = in->line_len = 0;
	ReleaseSRWLockExclusive(&in_lock);
	return TRUE;
}

/* The one body of WriteConsoleInputA/W: n records appended after what is
 * waiting (key records' characters: AsciiChar in the input code page, or
 * UnicodeChar); *written counts those that fitted. */
static BOOL input_write(HANDLE h, const INPUT_RECORD *records, DWORD n, LPDWORD written, BOOL wide)
{
	DWORD i = 0;

	if (!input_call(h, written, sizeof(*written)))
		return FALSE;
	if (n && (n > 0x7FFFFFFF / sizeof(*records) || IsBadReadPtr(records, n * sizeof(*records)))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	for (; i < n; i++) {
		INPUT_RECORD r = records[i];
		KEY_EVENT_RECORD *k = &r.Event.KeyEvent;
		char b = 0;

		if (r.EventType == KEY_EVENT && wide && k->uChar.UnicodeChar)
			WideCharToMultiByte(GetConsoleCP(), 0, &k->uChar.UnicodeChar, 1, &b, 1, NULL,
					    NULL);
		else if (r.EventType == KEY_EVENT && !wide && (b = k->uChar.AsciiChar))
			MultiByteToWideChar(GetConsoleCP(), 0, &b, 1, &k->uChar.UnicodeChar, 1);
		else if (r.EventType == KEY_EVENT)
			k->uChar.UnicodeChar = 0;
		if (!queue_add(&r, b))
			break;
	}
	*written = i;
	return TRUE;
}

BOOL WINAPI WriteConsoleInputA(HANDLE hConsoleInput, const INPUT_RECORD *lpBuffer, DWORD nLength,
			       LPDWORD lpNumberOfEventsWritten)
{
	return input_write(hConsoleInput, lpBuffer, nLength, lpNumberOfEventsWritten, FALSE);
}

BOOL WINAPI WriteConsoleInputW(HANDLE hConsoleInput, const INPUT_RECORD *lpBuffer, DWORD nLength,
			       LPDWORD lpNumberOfEventsWritten)
{
	return input_write(hConsoleInput, lpBuffer, nLength, lpNumberOfEventsWritten, TRUE);
}

/* The next typed character's byte, waiting for one (key-ups and other
 * records are dropped). */
static char next_char(void)
{
	for (;;) {
		BOOL typed = FALSE;
		char c = 0;

		while (in->head == in->tail)
			input_fill(TRUE);
		AcquireSRWLockExclusive(&in_lock);
		if (in->head != in->tail) {
			typed = types_char(in->tail);
			c = in->byte[in->tail++ % QUEUE_SIZE];
		}
		ReleaseSRWLockExclusive(&in_lock);
		if (typed)
			return c;
	}
}

/* Echoes s[0, n) when the mode says so. */
static void echo(const char *s, DWORD n)
{
	DWORD done;

	if (console_input_mode() & ENABLE_ECHO_INPUT)
		WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), s, n, &done, NULL);
}

/* Reads one line into in->line, edited (backspace erases) and echoed as the
 * mode says, ending "\r\n". */
static void read_line(void)
{
	unsigned len = 0;

	for (;;) {
		char c = next_char();
		if (c == '\r') {
			in->line[len++] = '\r';
			in->line[len++] = '\n';
			echo("\r\n", 2);
			break;
		}
		if (c == '\b' && (console_input_mode() & ENABLE_PROCESSED_INPUT)) {
			if (len) {
				len--;
				echo("\b \b", 3);
			}
			continue;
		}
		if (len < LINE_MAX - 2) {
			in->line[len++] = c;
			echo(&c, 1);
		}
	}
	in->line_at = 0;
	in->line_len = len;
}

/* The one body of ReadConsoleA/W: up to n bytes into buf. With line input,
 * a whole line (the rest stays for the next call); else what was typed, at
 * least one character. */
static DWORD read_chars(char *buf, DWORD n)
{
	DWORD got = 0;

	if (console_input_mode() & ENABLE_LINE_INPUT) {
		if (in->line_at == in->line_len)
			read_line();
		got = in->line_len - in->line_at < n ? in->line_len - in->line_at : n;
		memcpy(buf, in->line + in->line_at, got);
		in->line_at += got;
		return got;
	}
	buf[got++] = next_char();
	input_fill(FALSE);
	while (got < n) {
		BOOL typed = FALSE, more;

		AcquireSRWLockExclusive(&in_lock);
		more = in->head != in->tail;
		if (more) {
			typed = types_char(in->tail);
			buf[got] = in->byte[in->tail++ % QUEUE_SIZE];
		}
		ReleaseSRWLockExclusive(&in_lock);
		if (!more)
			break;
		got += typed;
	}
	return got;
}

/* Characters in the input code page; an unwritable buffer:
 * ERROR_NOACCESS. pInputControl is ignored. */
BOOL WINAPI ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
			 LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl)
{
	DWORD n;

	(void)pInputControl;
	if (!input_call(hConsoleInput, lpBuffer, nNumberOfCharsToRead))
		return FALSE;
	n = nNumberOfCharsToRead ? read_chars(lpBuffer, nNumberOfCharsToRead) : 0;
	if (lpNumberOfCharsRead)
		*lpNumberOfCharsRead = n;
	return TRUE;
}

/* ReadConsoleA's bytes widened from the input code page. */
BOOL WINAPI ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
			 LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl)
{
	DWORD n = nNumberOfCharsToRead, got = 0;
	char *a;

	(void)pInputControl;
	if (!input_call(hConsoleInput, lpBuffer, n > 0x7FFFFFFF / 2 ? 0xFFFFFFFF : n * 2))
		return FALSE;
	if (!(a = HeapAlloc(GetProcessHeap(), 0, n + 1))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	if (n)
		got = MultiByteToWideChar(GetConsoleCP(), 0, a, read_chars(a, n), lpBuffer, n);
	HeapFree(GetProcessHeap(), 0, a);
	if (lpNumberOfCharsRead)
		*lpNumberOfCharsRead = got;
	return TRUE;
}
