/* The Win32 heap calls: handles, flags, errors and locks (heap_win32.h) over
 * the heap engine (heap_core.h). */
#include <windows.h>
#include "user/lib/heap_core.h"
#include "user/lib/heap_win32.h"
#include "user/lib/runtime.h"

#define CREATE_OPTIONS (HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS)

static HANDLE volatile process_heap;
static CRITICAL_SECTION heaps_lock;

void __vados_heap_init(void)
{
	InitializeCriticalSection(&heaps_lock);
}

void heap_list_enter(void)
{
	EnterCriticalSection(&heaps_lock);
}

void heap_list_leave(void)
{
	LeaveCriticalSection(&heaps_lock);
}

static BOOL serialized(struct heap *h, DWORD flags)
{
	return !((flags | heap_options(h)) & HEAP_NO_SERIALIZE);
}

struct heap *heap_enter(HANDLE hHeap, DWORD flags)
{
	struct heap *h = hHeap;
	BOOL live;

	heap_list_enter();
	live = h && heap_is_heap(h);
	heap_list_leave();
	if (!live) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	/* A heap destroyed meanwhile was the caller's own race, as in Windows. */
	if (serialized(h, flags))
		EnterCriticalSection(heap_lock_room(h));
	return h;
}

void heap_leave(struct heap *h, DWORD flags)
{
	if (serialized(h, flags))
		LeaveCriticalSection(heap_lock_room(h));
}

/* Only the owner ever stores its own id in OwningThread, so another thread's
 * read cannot match it, whatever the owner does meanwhile. */
bool heap_leave_owned(struct heap *h)
{
	CRITICAL_SECTION *cs = heap_lock_room(h);

	if (!serialized(h, 0))
		return true;
	if (cs->OwningThread != (HANDLE)GetCurrentThreadId() || cs->RecursionCount < 1)
		return false;
	LeaveCriticalSection(cs);
	return true;
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

/* Made on first use, so a program that never allocates pays nothing. Two
 * threads may both make one: the first installed stays, the other goes. */
HANDLE WINAPI GetProcessHeap(VOID)
{
	HANDLE h = process_heap, mine;

	if (h || !(mine = HeapCreate(0, 0, 0)))
		return h;
	h = InterlockedCompareExchangePointer((PVOID volatile *)&process_heap, mine, NULL);
	if (!h)
		return mine;
	HeapDestroy(mine);
	return h;
}

HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize)
{
	struct heap *h;

	if (dwMaximumSize && dwInitialSize > dwMaximumSize) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	heap_list_enter();
	h = heap_create(dwInitialSize, dwMaximumSize, flOptions & HEAP_CREATE_ENABLE_EXECUTE,
			flOptions & CREATE_OPTIONS);
	if (h)                          /* before the list's lock lets others find it */
		InitializeCriticalSection(heap_lock_room(h));
	heap_list_leave();
	if (!h)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return h;
}

/* Everything the heap holds goes back; the process heap stays. */
BOOL WINAPI HeapDestroy(HANDLE hHeap)
{
	struct heap *h = hHeap;
	DWORD error = 0;

	heap_list_enter();
	if (!h || !heap_is_heap(h))
		error = ERROR_INVALID_HANDLE;
	else if (hHeap == process_heap)
		error = ERROR_INVALID_PARAMETER;
	if (!error) {
		DeleteCriticalSection(heap_lock_room(h));
		heap_destroy(h);
	}
	heap_list_leave();
	if (error)
		SetLastError(error);
	return !error;
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
	struct heap *h = heap_enter(hHeap, dwFlags);
	LPVOID p;

	if (!h)
		return NULL;
	p = lpMem ? heap_realloc(h, lpMem, dwBytes, dwFlags & HEAP_ZERO_MEMORY,
				 dwFlags & HEAP_REALLOC_IN_PLACE_ONLY) : NULL;
	heap_leave(h, dwFlags);
	if (!lpMem) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
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

/* The size asked for; (SIZE_T)-1 for a bad handle, and with
 * ERROR_INVALID_PARAMETER for NULL or a pointer that is no busy block (a
 * freed one, say), as Windows' RtlSizeHeap answers: a query never raises. */
SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *h = heap_enter(hHeap, dwFlags);
	SIZE_T size = (SIZE_T)-1;

	if (!h)
		return size;
	if (lpMem && heap_validate(h, lpMem))
		size = heap_size(h, lpMem);
	heap_leave(h, dwFlags);
	if (size == (SIZE_T)-1)
		SetLastError(ERROR_INVALID_PARAMETER);
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
