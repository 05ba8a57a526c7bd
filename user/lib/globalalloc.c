/* GlobalAlloc and its family: in Win32 the same objects as LocalAlloc's
 * (GMEM_ flags have LMEM_'s values), on the process heap. GMEM_DDESHARE,
 * GMEM_NOT_BANKED and GMEM_NOTIFY mean nothing in one address space.
 * GlobalUnlock, which differs for fixed memory, is in localalloc.c. */
#include <windows.h>

#define IGNORED (GMEM_DDESHARE | GMEM_NOT_BANKED | GMEM_NOTIFY)

HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
	return LocalAlloc(uFlags & ~IGNORED, dwBytes);
}

LPVOID WINAPI GlobalLock(HGLOBAL hMem)
{
	return LocalLock(hMem);
}

HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags)
{
	return LocalReAlloc(hMem, dwBytes, uFlags & ~IGNORED);
}

SIZE_T WINAPI GlobalSize(HGLOBAL hMem)
{
	return LocalSize(hMem);
}

/* LocalFlags' answer, with GMEM_DISCARDABLE for LMEM_DISCARDABLE. */
UINT WINAPI GlobalFlags(HGLOBAL hMem)
{
	UINT flags = LocalFlags(hMem);

	return flags & LMEM_DISCARDABLE ? (flags & ~LMEM_DISCARDABLE) | GMEM_DISCARDABLE : flags;
}

HGLOBAL WINAPI GlobalHandle(LPCVOID pMem)
{
	return LocalHandle(pMem);
}

HGLOBAL WINAPI GlobalFree(HGLOBAL hMem)
{
	return LocalFree(hMem);
}
