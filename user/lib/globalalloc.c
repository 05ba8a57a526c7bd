/* GlobalAlloc and its family: in Win32 the same objects as LocalAlloc's
 * (GMEM_ flags have LMEM_'s values), on the process heap. GMEM_DDESHARE,
 * GMEM_NOT_BANKED and GMEM_NOTIFY mean nothing in one address space
 * (GlobalFlags reports GMEM_DDESHARE back, as Windows does). GlobalUnlock,
 * which differs for fixed memory, is in localalloc.c. */
#include <windows.h>
#include "user/lib/heap_win32.h"

#define IGNORED (GMEM_DDESHARE | GMEM_NOT_BANKED | GMEM_NOTIFY)

/* Fixed memory of 0 bytes is a block of 1, as in Windows (GlobalSize says 1). */
HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
	if (!(uFlags & GMEM_MOVEABLE) && !dwBytes)
		dwBytes = 1;
	return heap_global_alloc(uFlags & ~(GMEM_NOT_BANKED | GMEM_NOTIFY), dwBytes);
}

LPVOID WINAPI GlobalLock(HGLOBAL hMem)
{
	return heap_global_lock(hMem);
}

HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags)
{
	return heap_global_realloc(hMem, dwBytes, uFlags & ~IGNORED);
}

SIZE_T WINAPI GlobalSize(HGLOBAL hMem)
{
	return LocalSize(hMem);
}

UINT WINAPI GlobalFlags(HGLOBAL hMem)
{
	return heap_global_flags(hMem);
}

HGLOBAL WINAPI GlobalHandle(LPCVOID pMem)
{
	return LocalHandle(pMem);
}

HGLOBAL WINAPI GlobalFree(HGLOBAL hMem)
{
	return LocalFree(hMem);
}

/* Windows 3.x's compaction calls: the process heap compacted (HeapCompact),
 * its largest committed free block returned. */
SIZE_T WINAPI GlobalCompact(DWORD dwMinFree)
{
	HANDLE heap = GetProcessHeap();

	(void)dwMinFree;
	return heap ? HeapCompact(heap, 0) : 0;
}

SIZE_T WINAPI LocalCompact(UINT uMinFree)
{
	return GlobalCompact(uMinFree);
}

SIZE_T WINAPI LocalShrink(HLOCAL hMem, UINT cbNewSize)
{
	(void)hMem;
	return GlobalCompact(cbNewSize);
}

/* Windows 3.x's page locking: a lock of the object, as GlobalLock's. */
VOID WINAPI GlobalFix(HGLOBAL hMem)
{
	GlobalLock(hMem);
}

VOID WINAPI GlobalUnfix(HGLOBAL hMem)
{
	GlobalUnlock(hMem);
}

LPVOID WINAPI GlobalWire(HGLOBAL hMem)
{
	return GlobalLock(hMem);
}

BOOL WINAPI GlobalUnWire(HGLOBAL hMem)
{
	return GlobalUnlock(hMem);
}
