/* LocalAlloc and GlobalAlloc, fixed memory only: thin wrappers over HeapAlloc
 * on the process heap, as on Windows (the handle is the address). Moveable
 * memory, a Win16 relic, is refused with ERROR_INVALID_PARAMETER. */
#include <windows.h>

#define FIXED_FLAGS (LMEM_NOCOMPACT | LMEM_NODISCARD | LMEM_ZEROINIT)

HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
	HANDLE heap;

	if (uFlags & ~FIXED_FLAGS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	heap = GetProcessHeap();
	return heap ? HeapAlloc(heap, uFlags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0, uBytes)
		    : NULL;
}

/* NULL on success, hMem back on failure. */
HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
	return !hMem || HeapFree(GetProcessHeap(), 0, hMem) ? NULL : hMem;
}

/* GMEM_ flags have LMEM_'s values; GMEM_DDESHARE means nothing in one process. */
HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
	return LocalAlloc(uFlags & ~GMEM_DDESHARE, dwBytes);
}

HGLOBAL WINAPI GlobalFree(HGLOBAL hMem)
{
	return LocalFree(hMem);
}
