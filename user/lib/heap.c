/* The Win32 heap calls: handles, flags, errors and serialization over the
 * heap engine (heap_core.h). */
#include <windows.h>
#include "user/lib/heap_core.h"
#include "user/lib/heap_win32.h"
#include "user/lib/runtime.h"

#define CREATE_OPTIONS (HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS)

static HANDLE process_heap;
CRITICAL_SECTION heaps_lock;

void __vados_heaps_init(void)
{
	InitializeCriticalSection(&heaps_lock);
}

struct heap *heap_of(HANDLE hHeap)
{
	if (hHeap && heap_is_heap(hHeap))
		return hHeap;
	SetLastError(ERROR_INVALID_HANDLE);
	return NULL;
}

struct heap *heap_find(HANDLE hHeap)
{
	struct heap *h;

	EnterCriticalSection(&heaps_lock);
	h = heap_of(hHeap);
	LeaveCriticalSection(&heaps_lock);
	return h;
}

static BOOL serialized(struct heap *h, DWORD flags)
{
	return !((flags | heap_options(h)) & HEAP_NO_SERIALIZE);
}

struct heap *heap_enter(HANDLE hHeap, DWORD flags)
{
	struct heap *h;

	EnterCriticalSection(&heaps_lock);
	h = heap_of(hHeap);
	if (h && serialized(h, flags))
		EnterCriticalSection(heap_lock_storage(h));
	LeaveCriticalSection(&heaps_lock);
	return h;
}

void heap_leave(struct heap *h, DWORD flags)
{
	if (serialized(h, flags))
		LeaveCriticalSection(heap_lock_storage(h));
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

/* Made on first use, so a program that never allocates pays nothing; two
 * threads racing to make it keep the first. */
HANDLE WINAPI GetProcessHeap(VOID)
{
	HANDLE mine;

	if (process_heap)
		return process_heap;
	mine = HeapCreate(0, 0, 0);
	if (mine && InterlockedCompareExchangePointer(&process_heap, mine, NULL) != NULL)
		HeapDestroy(mine);
	return process_heap;
}

HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize)
{
	struct heap *h;

	if (dwMaximumSize && dwInitialSize > dwMaximumSize) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	EnterCriticalSection(&heaps_lock);
	h = heap_create(dwInitialSize, dwMaximumSize, flOptions & HEAP_CREATE_ENABLE_EXECUTE,
			flOptions & CREATE_OPTIONS);
	if (h)
		InitializeCriticalSection(heap_lock_storage(h));
	LeaveCriticalSection(&heaps_lock);
	if (!h)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return h;
}

/* Everything the heap holds goes back; the process heap stays. */
BOOL WINAPI HeapDestroy(HANDLE hHeap)
{
	struct heap *h;
	BOOL ok = FALSE;

	EnterCriticalSection(&heaps_lock);
	if ((h = heap_of(hHeap)) != NULL && hHeap == process_heap) {
		SetLastError(ERROR_INVALID_PARAMETER);
	} else if (h) {
		DeleteCriticalSection(heap_lock_storage(h));
		heap_destroy(h);
		ok = TRUE;
	}
	LeaveCriticalSection(&heaps_lock);
	return ok;
}

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
	struct heap *h = heap_enter(hHeap, dwFlags);
	LPVOID p;

	if (!h)
		return NULL;
	p = heap_alloc(h, dwBytes, dwFlags & HEAP_ZERO_MEMORY);
	heap_leave(h, dwFlags);
	return p ? p : no_memory(h, dwFlags, dwBytes);
}

/* HEAP_ZERO_MEMORY zeroes what grows; HEAP_REALLOC_IN_PLACE_ONLY fails rather
 * than move. On failure the block is as it was. */
LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
	struct heap *h;
	LPVOID p;

	if (!lpMem) {
		SetLastError(heap_find(hHeap) ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (!(h = heap_enter(hHeap, dwFlags)))
		return NULL;
	p = heap_realloc(h, lpMem, dwBytes, dwFlags & HEAP_ZERO_MEMORY,
			 dwFlags & HEAP_REALLOC_IN_PLACE_ONLY);
	heap_leave(h, dwFlags);
	return p ? p : no_memory(h, dwFlags, dwBytes);
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
	struct heap *h = heap_enter(hHeap, dwFlags);

	if (!h)
		return FALSE;
	if (lpMem)
		heap_free(h, lpMem);
	heap_leave(h, dwFlags);
	return TRUE;
}

/* The size asked for; (SIZE_T)-1 for a bad handle or NULL. */
SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *h;
	SIZE_T size;

	if (!lpMem) {
		SetLastError(heap_find(hHeap) ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
		return (SIZE_T)-1;
	}
	if (!(h = heap_enter(hHeap, dwFlags)))
		return (SIZE_T)-1;
	size = heap_size(h, lpMem);
	heap_leave(h, dwFlags);
	return size;
}

/* One block (lpMem) or the whole heap: TRUE when sound. Never raises. */
BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *h = heap_enter(hHeap, dwFlags);
	BOOL ok;

	if (!h)
		return FALSE;
	ok = heap_validate(h, lpMem);
	heap_leave(h, dwFlags);
	return ok;
}
