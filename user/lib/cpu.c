/* Calls about the processor's memory features. */
#include <windows.h>

/* i386 keeps instruction fetches coherent with stores (a jump after writing
 * code is enough), so there is nothing to flush: only hProcess is checked,
 * and a bad handle fails with ERROR_INVALID_HANDLE as on Windows. */
BOOL WINAPI FlushInstructionCache(HANDLE hProcess, LPCVOID lpBaseAddress, SIZE_T dwSize)
{
	MEMORY_BASIC_INFORMATION m;

	(void)lpBaseAddress, (void)dwSize;
	if (hProcess == GetCurrentProcess())
		return TRUE;
	return VirtualQueryEx(hProcess, NULL, &m, sizeof(m)) != 0;
}

/* 0: no large pages (vados maps 4 KB pages only; 4 MB once it has them). */
SIZE_T WINAPI GetLargePageMinimum(VOID)
{
	return 0;
}
