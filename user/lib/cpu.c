/* Calls about the processor's memory features. */
#include <windows.h>
#include "vados/calls.h"
#include "win32call.h"

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

/* The kernel's answer: 4 MB where the CPU has PSE, else 0 (no large pages). */
SIZE_T WINAPI GetLargePageMinimum(VOID)
{
	struct vados_memory_status s;
	uint32_t args[1] = { (uint32_t)&s };

	return win32_call(SYS_MEMORY_STATUS, args, NULL) ? s.large_page_minimum : 0;
}
