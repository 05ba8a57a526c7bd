/* The process's tie to the console: its handles, FreeConsole, AllocConsole
 * and AttachConsole, the title, the window (none) and Beep. Every process
 * shares the one console, the serial line. */
#include <string.h>
#include <windows.h>
#include "console.h"
#include "win32call.h"

#define TITLE_MAX 1024          /* characters kept of a title */

static volatile BOOL detached;
static WCHAR title[TITLE_MAX];
static BOOL title_set;

/* The pseudo-handles, and the Device handles CreateFile gives for "CONIN$",
 * "CONOUT$" and "CON" (the kernel says which a handle is). */
enum console_kind console_kind(HANDLE h)
{
	uint32_t args[1] = { (uint32_t)h }, device = 0;
	DWORD error = GetLastError();

	if (!detached) {
		if (h == (HANDLE)STD_INPUT_HANDLE)
			return CONSOLE_INPUT;
		if (h == (HANDLE)STD_OUTPUT_HANDLE || h == (HANDLE)STD_ERROR_HANDLE)
			return CONSOLE_OUTPUT;
		if (win32_call(SYS_QUERY_DEVICE, args, &device) && device != VADOS_DEVICE_NUL) {
			SetLastError(error);
			return device == VADOS_DEVICE_CONIN ? CONSOLE_INPUT : CONSOLE_OUTPUT;
		}
	}
	SetLastError(ERROR_INVALID_HANDLE);
	return CONSOLE_NONE;
}

BOOL __vados_console_is(HANDLE h, BOOL output)
{
	DWORD error = GetLastError();
	enum console_kind kind = console_kind(h);

	SetLastError(error);
	return kind == (output ? CONSOLE_OUTPUT : CONSOLE_INPUT);
}

/* Attached already: ERROR_ACCESS_DENIED. */
BOOL WINAPI AllocConsole(VOID)
{
	if (!detached) {
		SetLastError(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	detached = FALSE;
	return TRUE;
}

/* The console stays for the other processes; this one's console calls
 * fail until it attaches again. */
BOOL WINAPI FreeConsole(VOID)
{
	detached = TRUE;
	return TRUE;
}

/* Attached already: ERROR_ACCESS_DENIED; no such process:
 * ERROR_INVALID_PARAMETER; the caller itself (which has none):
 * ERROR_INVALID_HANDLE. Every other process has the one console. */
BOOL WINAPI AttachConsole(DWORD dwProcessId)
{
	HANDLE process;

	if (!detached) {
		SetLastError(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	if (dwProcessId == GetCurrentProcessId()) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (dwProcessId != ATTACH_PARENT_PROCESS) {
		if (!(process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, dwProcessId))) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		CloseHandle(process);
	}
	detached = FALSE;
	return TRUE;
}

/* No window: the console is a serial line. */
HWND WINAPI GetConsoleWindow(VOID)
{
	return NULL;
}

/* The title, the program's path until SetConsoleTitle; FALSE with
 * ERROR_INVALID_HANDLE when detached. */
static BOOL title_get(void)
{
	if (console_kind((HANDLE)STD_OUTPUT_HANDLE) == CONSOLE_NONE)
		return FALSE;
	if (!title_set) {
		GetModuleFileNameW(NULL, title, TITLE_MAX);
		title_set = TRUE;
	}
	return TRUE;
}

/* Also sent to the serial line as the terminal's title (OSC 0). */
BOOL WINAPI SetConsoleTitleW(LPCWSTR lpConsoleTitle)
{
	char osc[TITLE_MAX * 3 + 8] = "\x1b]0;";
	int n;

	if (!title_get())
		return FALSE;
	if (!lpConsoleTitle || IsBadReadPtr(lpConsoleTitle, sizeof(WCHAR))) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	n = lstrlenW(lpConsoleTitle);
	if (n >= TITLE_MAX)
		n = TITLE_MAX - 1;
	memcpy(title, lpConsoleTitle, n * sizeof(WCHAR));
	title[n] = 0;
	n = WideCharToMultiByte(GetConsoleOutputCP(), 0, title, n, osc + 4, TITLE_MAX * 3, NULL,
				NULL);
	osc[4 + n] = '\a';
	console_emit(osc, n + 5);
	return TRUE;
}

/* lpConsoleTitle in the console's output code page. */
BOOL WINAPI SetConsoleTitleA(LPCSTR lpConsoleTitle)
{
	WCHAR wide[TITLE_MAX];

	if (!lpConsoleTitle || IsBadReadPtr(lpConsoleTitle, 1)) {
		SetLastError(ERROR_INVALID_ACCESS);
		return FALSE;
	}
	wide[0] = 0;
	if (!MultiByteToWideChar(GetConsoleOutputCP(), 0, lpConsoleTitle, -1, wide, TITLE_MAX))
		wide[TITLE_MAX - 1] = 0;        /* too long: cut */
	return SetConsoleTitleW(wide);
}

/* The title's length in characters; as much as fits of it, and a NUL, in
 * lpConsoleTitle (nSize 0: nothing written). */
DWORD WINAPI GetConsoleTitleW(LPWSTR lpConsoleTitle, DWORD nSize)
{
	DWORD len;

	if (!title_get())
		return 0;
	len = lstrlenW(title);
	if (nSize) {
		DWORD n = len < nSize ? len : nSize - 1;
		if (IsBadWritePtr(lpConsoleTitle, (n + 1) * sizeof(WCHAR))) {
			SetLastError(ERROR_INVALID_ACCESS);
			return 0;
		}
		memcpy(lpConsoleTitle, title, n * sizeof(WCHAR));
		lpConsoleTitle[n] = 0;
	}
	return len;
}

/* GetConsoleTitleW in the output code page: lengths count its bytes. */
DWORD WINAPI GetConsoleTitleA(LPSTR lpConsoleTitle, DWORD nSize)
{
	char narrow[TITLE_MAX * 3];
	DWORD len;

	if (!title_get())
		return 0;
	len = WideCharToMultiByte(GetConsoleOutputCP(), 0, title, -1, narrow, sizeof(narrow), NULL,
				  NULL) - 1;
	if (nSize) {
		DWORD n = len < nSize ? len : nSize - 1;
		if (IsBadWritePtr(lpConsoleTitle, n + 1)) {
			SetLastError(ERROR_INVALID_ACCESS);
			return 0;
		}
		memcpy(lpConsoleTitle, narrow, n);
		lpConsoleTitle[n] = 0;
	}
	return len;
}

/* A BEL on the serial line; dwFreq and dwDuration are not played. */
BOOL WINAPI Beep(DWORD dwFreq, DWORD dwDuration)
{
	(void)dwFreq;
	(void)dwDuration;
	console_emit("\a", 1);
	return TRUE;
}
