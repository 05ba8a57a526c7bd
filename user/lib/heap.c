/* The Win32 heap calls: handles, flags and errors over the heap engine
 * (heap_core.h). One thread per process: HEAP_NO_SERIALIZE is accepted and
 * every call is already serialized; a lock belongs in heap_of when threads
 * come. */
#include <windows.h>
#include "user/lib/heap_core.h"
#include "user/lib/heap_win32.h"

#define CREATE_OPTIONS (HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS)

static HANDLE process_heap;

struct heap *heap_of(HANDLE hHeap)
{
	if (hHeap && heap_is_heap(hHeap))
		return hHeap;
	SetLastError(ERROR_INVALID_HANDLE);
	return NULL;
}

/* A failed allocation: ERROR_NOT_ENOUGH_MEMORY, after a (continuable)
 * STATUS_NO_MEMORY when the call or the heap asks for exceptions. */
static LPVOID no_memory(struct heap *h, DWORD dwFlags, SIZE_T dwBytes)
{
	ULONG_PTR info[1] = { dwBytes };

	SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	if ((dwFlags | heap_options(h)) & HEAP_GENERATE_EXCEPTIONS)
		RaiseException(STATUS_NO_MEMORY, 0, 1, info);
	return NULL;
}

/* Made on first use, so a program that never allocates pays nothing. */
HANDLE WINAPI GetProcessHeap(VOID)
{
	if (!process_heap)
		process_heap = HeapCreate(0, 0, 0);
	return process_heap;
}

HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize)
{
	struct heap *h;

	if (dwMaximumSize && dwInitialSize > dwMaximumSize) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	h = heap_create(dwInitialSize, dwMaximumSize, flOptions & HEAP_CREATE_ENABLE_EXECUTE,
			flOptions & CREATE_OPTIONS);
	if (!h)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return h;
}

/* Everything the heap holds goes back; the process heap stays. */
BOOL WINAPI HeapDestroy(HANDLE hHeap)
{
	struct heap *h = heap_of(hHeap);

	if (!h)
		return FALSE;
	if (hHeap == process_heap) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	heap_destroy(h);
	return TRUE;
}

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
	struct heap *h = heap_of(hHeap);
	LPVOID p;

	if (!h)
		return NULL;
	p = heap_alloc(h, dwBytes, dwFlags & HEAP_ZERO_MEMORY);
	return p ? p : no_memory(h, dwFlags, dwBytes);
}

/* HEAP_ZERO_MEMORY zeroes what grows; HEAP_REALLOC_IN_PLACE_ONLY fails rather
 * than move. On failure the block is as it was. */
LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
	struct heap *h = heap_of(hHeap);
	LPVOID p;

	if (!h)
		return NULL;
	if (!lpMem) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	p = heap_realloc(h, lpMem, dwBytes, dwFlags & HEAP_ZERO_MEMORY,
			 dwFlags & HEAP_REALLOC_IN_PLACE_ONLY);
	return p ? p : no_memory(h, dwFlags, dwBytes);
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
	struct heap *h = heap_of(hHeap);

	(void)dwFlags;
	if (!h)
		return FALSE;
	if (lpMem)
		heap_free(h, lpMem);
	return TRUE;
}

/* The size asked for; (SIZE_T)-1 for a bad handle or NULL. */
SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *h = heap_of(hHeap);

	(void)dwFlags;
	if (!h || !lpMem) {
		SetLastError(h ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
		return (SIZE_T)-1;
	}
	return heap_size(h, lpMem);
}

/* One block (lpMem) or the whole heap: TRUE when sound. Never raises. */
BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *h = heap_of(hHeap);

	(void)dwFlags;
	return h && heap_validate(h, lpMem);
}
