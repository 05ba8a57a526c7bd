/* <windows.h>'s console part (Windows' wincon.h, consoleapi*.h): modes, the
 * screen buffer, input records, control handlers, with Windows' names,
 * values and layouts (user/lib/console_*.c). The console is the serial
 * line: its handles are the pseudo-handles STD_INPUT_HANDLE (the input
 * buffer) and STD_OUTPUT_HANDLE / STD_ERROR_HANDLE (the one screen buffer);
 * any other handle is not a console: ERROR_INVALID_HANDLE. Included by
 * <windows.h> after vados/winwide.h; not on its own. */
#ifndef VADOS_WINCON_H
#define VADOS_WINCON_H

#define ERROR_INVALID_ACCESS 12L   /* a NULL output pointer, as Windows' console says */

typedef DWORD COLORREF;
typedef struct HWND__ *HWND;

typedef struct _COORD {
	SHORT X, Y;
} COORD, *PCOORD;

typedef struct _SMALL_RECT {
	SHORT Left, Top, Right, Bottom;
} SMALL_RECT, *PSMALL_RECT;

/* Input modes (an input handle's). */
#define ENABLE_PROCESSED_INPUT        0x0001
#define ENABLE_LINE_INPUT             0x0002
#define ENABLE_ECHO_INPUT             0x0004
#define ENABLE_WINDOW_INPUT           0x0008
#define ENABLE_MOUSE_INPUT            0x0010
#define ENABLE_INSERT_MODE            0x0020
#define ENABLE_QUICK_EDIT_MODE        0x0040
#define ENABLE_EXTENDED_FLAGS         0x0080
#define ENABLE_AUTO_POSITION          0x0100
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200
/* Output modes (a screen buffer's). */
#define ENABLE_PROCESSED_OUTPUT            0x0001
#define ENABLE_WRAP_AT_EOL_OUTPUT          0x0002
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#define DISABLE_NEWLINE_AUTO_RETURN        0x0008
#define ENABLE_LVB_GRID_WORLDWIDE          0x0010

/* Character attributes. */
#define FOREGROUND_BLUE            0x0001
#define FOREGROUND_GREEN           0x0002
#define FOREGROUND_RED             0x0004
#define FOREGROUND_INTENSITY       0x0008
#define BACKGROUND_BLUE            0x0010
#define BACKGROUND_GREEN           0x0020
#define BACKGROUND_RED             0x0040
#define BACKGROUND_INTENSITY       0x0080
#define COMMON_LVB_LEADING_BYTE    0x0100
#define COMMON_LVB_TRAILING_BYTE   0x0200
#define COMMON_LVB_GRID_HORIZONTAL 0x0400
#define COMMON_LVB_GRID_LVERTICAL  0x0800
#define COMMON_LVB_GRID_RVERTICAL  0x1000
#define COMMON_LVB_REVERSE_VIDEO   0x4000
#define COMMON_LVB_UNDERSCORE      0x8000

typedef struct _CONSOLE_SCREEN_BUFFER_INFO {
	COORD dwSize;
	COORD dwCursorPosition;
	WORD wAttributes;
	SMALL_RECT srWindow;
	COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO, *PCONSOLE_SCREEN_BUFFER_INFO;

typedef struct _CONSOLE_SCREEN_BUFFER_INFOEX {
	ULONG cbSize;           /* sizeof(CONSOLE_SCREEN_BUFFER_INFOEX), set by the caller */
	COORD dwSize;
	COORD dwCursorPosition;
	WORD wAttributes;
	SMALL_RECT srWindow;
	COORD dwMaximumWindowSize;
	WORD wPopupAttributes;
	BOOL bFullscreenSupported;
	COLORREF ColorTable[16];
} CONSOLE_SCREEN_BUFFER_INFOEX, *PCONSOLE_SCREEN_BUFFER_INFOEX;

typedef struct _CHAR_INFO {
	union {
		WCHAR UnicodeChar;
		CHAR AsciiChar;
	} Char;
	WORD Attributes;
} CHAR_INFO, *PCHAR_INFO;

typedef struct _CONSOLE_CURSOR_INFO {
	DWORD dwSize;           /* 1..100, the percentage of the cell filled */
	BOOL bVisible;
} CONSOLE_CURSOR_INFO, *PCONSOLE_CURSOR_INFO;

/* Input records. */
#define KEY_EVENT                0x0001
#define MOUSE_EVENT              0x0002
#define WINDOW_BUFFER_SIZE_EVENT 0x0004
#define MENU_EVENT               0x0008
#define FOCUS_EVENT              0x0010

#define RIGHT_ALT_PRESSED  0x0001
#define LEFT_ALT_PRESSED   0x0002
#define RIGHT_CTRL_PRESSED 0x0004
#define LEFT_CTRL_PRESSED  0x0008
#define SHIFT_PRESSED      0x0010
#define NUMLOCK_ON         0x0020
#define SCROLLLOCK_ON      0x0040
#define CAPSLOCK_ON        0x0080
#define ENHANCED_KEY       0x0100

#define VK_BACK   0x08
#define VK_TAB    0x09
#define VK_RETURN 0x0D
#define VK_ESCAPE 0x1B
#define VK_SPACE  0x20

typedef struct _KEY_EVENT_RECORD {
	BOOL bKeyDown;
	WORD wRepeatCount;
	WORD wVirtualKeyCode;
	WORD wVirtualScanCode;
	union {
		WCHAR UnicodeChar;
		CHAR AsciiChar;
	} uChar;
	DWORD dwControlKeyState;
} KEY_EVENT_RECORD, *PKEY_EVENT_RECORD;

typedef struct _MOUSE_EVENT_RECORD {
	COORD dwMousePosition;
	DWORD dwButtonState;
	DWORD dwControlKeyState;
	DWORD dwEventFlags;
} MOUSE_EVENT_RECORD, *PMOUSE_EVENT_RECORD;

typedef struct _WINDOW_BUFFER_SIZE_RECORD {
	COORD dwSize;
} WINDOW_BUFFER_SIZE_RECORD, *PWINDOW_BUFFER_SIZE_RECORD;

typedef struct _MENU_EVENT_RECORD {
	UINT dwCommandId;
} MENU_EVENT_RECORD, *PMENU_EVENT_RECORD;

typedef struct _FOCUS_EVENT_RECORD {
	BOOL bSetFocus;
} FOCUS_EVENT_RECORD, *PFOCUS_EVENT_RECORD;

typedef struct _INPUT_RECORD {
	WORD EventType;
	union {
		KEY_EVENT_RECORD KeyEvent;
		MOUSE_EVENT_RECORD MouseEvent;
		WINDOW_BUFFER_SIZE_RECORD WindowBufferSizeEvent;
		MENU_EVENT_RECORD MenuEvent;
		FOCUS_EVENT_RECORD FocusEvent;
	} Event;
} INPUT_RECORD, *PINPUT_RECORD;

typedef struct _CONSOLE_READCONSOLE_CONTROL {
	ULONG nLength;
	ULONG nInitialChars;
	ULONG dwCtrlWakeupMask;
	ULONG dwControlKeyState;
} CONSOLE_READCONSOLE_CONTROL, *PCONSOLE_READCONSOLE_CONTROL;

/* Control signals and handlers. */
#define CTRL_C_EVENT        0
#define CTRL_BREAK_EVENT    1
#define CTRL_CLOSE_EVENT    2
#define CTRL_LOGOFF_EVENT   5
#define CTRL_SHUTDOWN_EVENT 6

typedef BOOL (WINAPI *PHANDLER_ROUTINE)(DWORD CtrlType);

#define ATTACH_PARENT_PROCESS ((DWORD)-1)

/* Modes (user/lib/console_screen.c): the input buffer starts with every
 * input mode but WINDOW and VIRTUAL_TERMINAL_INPUT (0x1F7), the screen
 * buffer with PROCESSED and WRAP_AT_EOL output; a bit the handle's kind
 * lacks, or ECHO without LINE input: ERROR_INVALID_PARAMETER. */
WINAPI BOOL GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode);
WINAPI BOOL SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode);
/* The screen buffer: 80x25 cells, all of it the window, the cursor where
 * what was written left it (processed output: BS, TAB, CR, LF, BEL; wrap at
 * the end of a line; the last line full scrolls the buffer). */
WINAPI BOOL GetConsoleScreenBufferInfo(HANDLE hConsoleOutput,
				       PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo);
WINAPI BOOL GetConsoleScreenBufferInfoEx(HANDLE hConsoleOutput,
					 PCONSOLE_SCREEN_BUFFER_INFOEX lpConsoleScreenBufferInfoEx);
WINAPI BOOL SetConsoleTextAttribute(HANDLE hConsoleOutput, WORD wAttributes);
WINAPI BOOL SetConsoleCursorPosition(HANDLE hConsoleOutput, COORD dwCursorPosition);
WINAPI BOOL GetConsoleCursorInfo(HANDLE hConsoleOutput, PCONSOLE_CURSOR_INFO lpConsoleCursorInfo);
WINAPI BOOL SetConsoleCursorInfo(HANDLE hConsoleOutput,
				 const CONSOLE_CURSOR_INFO *lpConsoleCursorInfo);
WINAPI COORD GetLargestConsoleWindowSize(HANDLE hConsoleOutput);
/* Cells from dwWriteCoord on, row after row, stopping at the buffer's end. */
WINAPI BOOL FillConsoleOutputCharacterA(HANDLE hConsoleOutput, CHAR cCharacter, DWORD nLength,
					COORD dwWriteCoord, LPDWORD lpNumberOfCharsWritten);
WINAPI BOOL FillConsoleOutputCharacterW(HANDLE hConsoleOutput, WCHAR cCharacter, DWORD nLength,
					COORD dwWriteCoord, LPDWORD lpNumberOfCharsWritten);
WINAPI BOOL FillConsoleOutputAttribute(HANDLE hConsoleOutput, WORD wAttribute, DWORD nLength,
				       COORD dwWriteCoord, LPDWORD lpNumberOfAttrsWritten);
WINAPI BOOL WriteConsoleOutputCharacterA(HANDLE hConsoleOutput, LPCSTR lpCharacter,
					 DWORD nLength, COORD dwWriteCoord,
					 LPDWORD lpNumberOfCharsWritten);
WINAPI BOOL WriteConsoleOutputCharacterW(HANDLE hConsoleOutput, LPCWSTR lpCharacter,
					 DWORD nLength, COORD dwWriteCoord,
					 LPDWORD lpNumberOfCharsWritten);
WINAPI BOOL ReadConsoleOutputCharacterW(HANDLE hConsoleOutput, LPWSTR lpCharacter,
					DWORD nLength, COORD dwReadCoord,
					LPDWORD lpNumberOfCharsRead);
WINAPI BOOL ReadConsoleOutputCharacterA(HANDLE hConsoleOutput, LPSTR lpCharacter,
					DWORD nLength, COORD dwReadCoord,
					LPDWORD lpNumberOfCharsRead);
WINAPI BOOL ReadConsoleOutputAttribute(HANDLE hConsoleOutput, LPWORD lpAttribute,
				       DWORD nLength, COORD dwReadCoord,
				       LPDWORD lpNumberOfAttrsRead);
/* The rectangle *lpWriteRegion / *lpReadRegion, clipped to the buffer and
 * to the source (dwBufferSize cells, dwBufferCoord its cell at the
 * rectangle's top left); the region becomes what was copied (nothing:
 * Right < Left, Bottom < Top). */
WINAPI BOOL WriteConsoleOutputA(HANDLE hConsoleOutput, const CHAR_INFO *lpBuffer,
				COORD dwBufferSize, COORD dwBufferCoord, PSMALL_RECT lpWriteRegion);
WINAPI BOOL WriteConsoleOutputW(HANDLE hConsoleOutput, const CHAR_INFO *lpBuffer,
				COORD dwBufferSize, COORD dwBufferCoord, PSMALL_RECT lpWriteRegion);
WINAPI BOOL ReadConsoleOutputA(HANDLE hConsoleOutput, PCHAR_INFO lpBuffer, COORD dwBufferSize,
			       COORD dwBufferCoord, PSMALL_RECT lpReadRegion);
WINAPI BOOL ReadConsoleOutputW(HANDLE hConsoleOutput, PCHAR_INFO lpBuffer, COORD dwBufferSize,
			       COORD dwBufferCoord, PSMALL_RECT lpReadRegion);
/* The cells of *lpScrollRectangle move to dwDestinationOrigin; those left
 * behind take *lpFill; only cells inside *lpClipRectangle (NULL: the
 * buffer) change. */
WINAPI BOOL ScrollConsoleScreenBufferA(HANDLE hConsoleOutput, const SMALL_RECT *lpScrollRectangle,
				       const SMALL_RECT *lpClipRectangle, COORD dwDestinationOrigin,
				       const CHAR_INFO *lpFill);
WINAPI BOOL ScrollConsoleScreenBufferW(HANDLE hConsoleOutput, const SMALL_RECT *lpScrollRectangle,
				       const SMALL_RECT *lpClipRectangle, COORD dwDestinationOrigin,
				       const CHAR_INFO *lpFill);

/* The console itself (user/lib/console_session.c): every process starts
 * attached; FreeConsole detaches (then every console call, WriteFile to the
 * console's handles too, fails with ERROR_INVALID_HANDLE), AllocConsole and
 * AttachConsole attach again. The title is the process's own. */
WINAPI BOOL AllocConsole(VOID);
WINAPI BOOL FreeConsole(VOID);
WINAPI BOOL AttachConsole(DWORD dwProcessId);
WINAPI HWND GetConsoleWindow(VOID);
WINAPI DWORD GetConsoleTitleA(LPSTR lpConsoleTitle, DWORD nSize);
WINAPI DWORD GetConsoleTitleW(LPWSTR lpConsoleTitle, DWORD nSize);
WINAPI BOOL SetConsoleTitleA(LPCSTR lpConsoleTitle);
WINAPI BOOL SetConsoleTitleW(LPCWSTR lpConsoleTitle);
WINAPI BOOL Beep(DWORD dwFreq, DWORD dwDuration);

/* Input (user/lib/console_input.c): each byte typed on the serial line is
 * a KEY_EVENT pair (key down, key up) in the process's input buffer. */
WINAPI BOOL ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
			 LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl);
WINAPI BOOL ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
			 LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl);
WINAPI BOOL ReadConsoleInputA(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead);
WINAPI BOOL ReadConsoleInputW(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead);
WINAPI BOOL PeekConsoleInputA(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead);
WINAPI BOOL PeekConsoleInputW(HANDLE hConsoleInput, PINPUT_RECORD lpBuffer, DWORD nLength,
			      LPDWORD lpNumberOfEventsRead);
/* Records appended to the input buffer, read as if typed. */
WINAPI BOOL WriteConsoleInputA(HANDLE hConsoleInput, const INPUT_RECORD *lpBuffer, DWORD nLength,
			       LPDWORD lpNumberOfEventsWritten);
WINAPI BOOL WriteConsoleInputW(HANDLE hConsoleInput, const INPUT_RECORD *lpBuffer, DWORD nLength,
			       LPDWORD lpNumberOfEventsWritten);
WINAPI BOOL GetNumberOfConsoleInputEvents(HANDLE hConsoleInput, LPDWORD lpcNumberOfEvents);
WINAPI BOOL FlushConsoleInputBuffer(HANDLE hConsoleInput);

/* Control handlers (user/lib/console_ctrl.c): a signal runs the handlers on
 * a new thread, the last registered first, until one returns TRUE; the
 * default one, last, calls ExitProcess(STATUS_CONTROL_C_EXIT). */
WINAPI BOOL SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add);
WINAPI BOOL GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId);

#ifdef UNICODE
#define ReadConsole                 ReadConsoleW
#define ReadConsoleInput            ReadConsoleInputW
#define PeekConsoleInput            PeekConsoleInputW
#define WriteConsoleInput           WriteConsoleInputW
#define FillConsoleOutputCharacter  FillConsoleOutputCharacterW
#define WriteConsoleOutputCharacter WriteConsoleOutputCharacterW
#define ReadConsoleOutputCharacter  ReadConsoleOutputCharacterW
#define WriteConsoleOutput          WriteConsoleOutputW
#define ReadConsoleOutput           ReadConsoleOutputW
#define ScrollConsoleScreenBuffer   ScrollConsoleScreenBufferW
#define GetConsoleTitle             GetConsoleTitleW
#define SetConsoleTitle             SetConsoleTitleW
#else
#define ReadConsole                 ReadConsoleA
#define ReadConsoleInput            ReadConsoleInputA
#define PeekConsoleInput            PeekConsoleInputA
#define WriteConsoleInput           WriteConsoleInputA
#define FillConsoleOutputCharacter  FillConsoleOutputCharacterA
#define WriteConsoleOutputCharacter WriteConsoleOutputCharacterA
#define ReadConsoleOutputCharacter  ReadConsoleOutputCharacterA
#define WriteConsoleOutput          WriteConsoleOutputA
#define ReadConsoleOutput           ReadConsoleOutputA
#define ScrollConsoleScreenBuffer   ScrollConsoleScreenBufferA
#define GetConsoleTitle             GetConsoleTitleA
#define SetConsoleTitle             SetConsoleTitleA
#endif

#endif
