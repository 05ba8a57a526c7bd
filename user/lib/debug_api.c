/* The debugging calls (<windows.h>, vados/winmisc.h). vados has no Win32
 * debugger (gdb on QEMU's stub sees the machine, not a process), so none is
 * ever present, DebugBreak's breakpoint goes to the process's own handlers
 * (an unhandled one ends it with EXCEPTION_BREAKPOINT), and
 * OutputDebugStringA writes to the console, as a debugger would show it. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "user/lib/wide_arg.h"

BOOL WINAPI IsDebuggerPresent(VOID)
{
	return FALSE;
}

/* *pbDebuggerPresent = FALSE for any process the handle names (a bad handle
 * fails with ERROR_INVALID_HANDLE); a NULL flag pointer is
 * ERROR_INVALID_PARAMETER. */
BOOL WINAPI CheckRemoteDebuggerPresent(HANDLE hProcess, PBOOL pbDebuggerPresent)
{
	if (!hProcess || !pbDebuggerPresent) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (hProcess != GetCurrentProcess() && !GetProcessId(hProcess))
		return FALSE;
	*pbDebuggerPresent = FALSE;
	return TRUE;
}

/* int3: EXCEPTION_BREAKPOINT at the instruction, as Windows raises it. */
VOID WINAPI DebugBreak(VOID)
{
	__asm__ __volatile__("int3");
}

/* "debug: pid N: " and the string, as one console write when it is short
 * (NULL or unreadable: nothing). */
VOID WINAPI OutputDebugStringA(LPCSTR lpOutputString)
{
	char line[512];
	DWORD n, len, done;

	if (!lpOutputString || IsBadStringPtrA(lpOutputString, (UINT_PTR)-1))
		return;
	n = (DWORD)snprintf(line, sizeof(line), "debug: pid %lu: ", GetCurrentProcessId());
	len = (DWORD)strlen(lpOutputString);
	if (len < sizeof(line) - n) {
		memcpy(line + n, lpOutputString, len);
		WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), line, n + len, &done, NULL);
		return;
	}
	WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), line, n, &done, NULL);
	WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), lpOutputString, len, &done, NULL);
}

/* As Windows does: the string converted to the ANSI code page (CP437, '?'
 * for what it lacks) and given to OutputDebugStringA. */
VOID WINAPI OutputDebugStringW(LPCWSTR lpOutputString)
{
	char *a;
	DWORD n = 0;

	if (!lpOutputString || IsBadStringPtrW(lpOutputString, (UINT_PTR)-1))
		return;
	while (lpOutputString[n])
		n++;
	if (!(a = HeapAlloc(GetProcessHeap(), 0, n + 1)))
		return;
	wide_narrow_lossy(lpOutputString, n + 1, a);
	OutputDebugStringA(a);
	HeapFree(GetProcessHeap(), 0, a);
}
