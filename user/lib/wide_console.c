/* The console's code pages (CP437 until changed; CP_UTF8 is the other one)
 * and WriteConsoleW, which writes in the output code page. */
#include <windows.h>
#include "kernel/rtl/codepage.h"

static volatile UINT input_cp = CODEPAGE_OEM, output_cp = CODEPAGE_OEM;

UINT WINAPI GetConsoleCP(VOID)
{
	return input_cp;
}

UINT WINAPI GetConsoleOutputCP(VOID)
{
	return output_cp;
}

/* A code page IsValidCodePage refuses: ERROR_INVALID_PARAMETER. */
BOOL WINAPI SetConsoleCP(UINT wCodePageID)
{
	if (!IsValidCodePage(wCodePageID)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	input_cp = wCodePageID;
	return TRUE;
}

BOOL WINAPI SetConsoleOutputCP(UINT wCodePageID)
{
	if (!IsValidCodePage(wCodePageID)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	output_cp = wCodePageID;
	return TRUE;
}

/* nNumberOfCharsToWrite UTF-16 units in the output code page ('?' for what
 * CP437 lacks); *lpNumberOfCharsWritten counts the units. */
BOOL WINAPI WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer,
			  DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
			  LPVOID lpReserved)
{
	DWORD n = nNumberOfCharsToWrite, written = 0;
	UINT cp = output_cp;
	int bytes = 0;
	char *a;
	BOOL ok;

	if (n > 0x7FFFFFFF / 3 || (n && IsBadReadPtr(lpBuffer, n * sizeof(WCHAR)))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!(a = HeapAlloc(GetProcessHeap(), 0, n * 3 + 1))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	if (n)
		bytes = WideCharToMultiByte(cp, 0, lpBuffer, n, a, n * 3, NULL, NULL);
	ok = WriteConsoleA(hConsoleOutput, a, bytes, &written, lpReserved);
	if (lpNumberOfCharsWritten)
		*lpNumberOfCharsWritten = ok ? n : 0;
	HeapFree(GetProcessHeap(), 0, a);
	return ok;
}
