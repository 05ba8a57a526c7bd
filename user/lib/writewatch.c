/* GetWriteWatch and ResetWriteWatch (memory from VirtualAlloc with
 * MEM_WRITE_WATCH). Both return 0 on success and, on failure, ~0u (Windows'
 * nonzero value) with the error for GetLastError: ERROR_INVALID_PARAMETER when the range is not
 * inside one write-watch allocation or a flag is unknown, ERROR_NOACCESS for
 * a bad pointer (nothing is reset then). */
#include <windows.h>
#include "user/lib/win32call.h"

/* *lpdwCount in: the room in lpAddresses; out: the pages written since the
 * allocation or the last reset (WRITE_WATCH_FLAG_RESET: resets those). */
UINT WINAPI GetWriteWatch(DWORD dwFlags, PVOID lpBaseAddress, SIZE_T dwRegionSize,
			  PVOID *lpAddresses, ULONG_PTR *lpdwCount, LPDWORD lpdwGranularity)
{
	uint32_t a[5] = { dwFlags, (uint32_t)lpBaseAddress, dwRegionSize, (uint32_t)lpAddresses },
		 n;

	if (IsBadWritePtr(lpdwCount, sizeof(*lpdwCount)) ||
	    IsBadWritePtr(lpdwGranularity, sizeof(*lpdwGranularity))) {
		SetLastError(ERROR_NOACCESS);
		return ~0u;
	}
	a[4] = *lpdwCount;
	if (!win32_call(SYS_GET_WRITE_WATCH, a, &n))
		return ~0u;
	*lpdwCount = n;
	*lpdwGranularity = 4096;
	return 0;
}

UINT WINAPI ResetWriteWatch(LPVOID lpBaseAddress, SIZE_T dwRegionSize)
{
	uint32_t a[2] = { (uint32_t)lpBaseAddress, dwRegionSize };

	return win32_call(SYS_RESET_WRITE_WATCH, a, NULL) ? 0 : ~0u;
}
