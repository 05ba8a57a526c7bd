/* The debugging calls (<windows.h>, vados/winmisc.h). vados has no Win32
 * debugger (gdb on QEMU's stub sees the machine, not a process), so none is
 * ever present, DebugBreak's breakpoint goes to the process's own handlers
 * (an unhandled one ends it with EXCEPTION_BREAKPOINT), and
 * OutputDebugStringA writes to the console, as a debugger would show it. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

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

/* One console write: "debug: pid N: " and the string (NULL or unreadable:
 * nothing). */
VOID WINAPI OutputDebugStringA(LPCSTR lpOutputString)
{
	char prefix[32];
	DWORD n;

	if (!lpOutputString || IsBadStringPtrA(lpOutputString, (UINT_PTR)-1))
		return;
	n = (DWORD)snprintf(prefix, sizeof(prefix), "debug: pid %lu: ", GetCurrentProcessId());
	WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), prefix, n, &n, NULL);
	WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), lpOutputString,
		      (DWORD)strlen(lpOutputString), &n, NULL);
}
