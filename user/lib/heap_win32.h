/* Between the Win32 heap layer's files (heap.c, heap_tools.c). Locks: the
 * list of heaps has one (taken briefly, never around a heap's own), each
 * heap another (a CRITICAL_SECTION in its lock room, recursive, which
 * HeapLock holds for its caller); a heap made with HEAP_NO_SERIALIZE, or a
 * call that passes it, takes none. */
#ifndef USER_LIB_HEAP_WIN32_H
#define USER_LIB_HEAP_WIN32_H

#include <stdbool.h>
#include <windows.h>

/* The heap behind a handle, locked for the caller unless the heap or flags
 * say HEAP_NO_SERIALIZE; NULL with ERROR_INVALID_HANDLE for anything else,
 * a destroyed heap's handle included. */
struct heap *heap_enter(HANDLE hHeap, DWORD flags);
/* Unlocks what heap_enter(h, flags) locked. */
void heap_leave(struct heap *h, DWORD flags);
/* HeapUnlock's: unlocks h's lock if the calling thread holds it; false
 * (nothing changed) if it does not. A HEAP_NO_SERIALIZE heap has no lock:
 * true. */
bool heap_leave_owned(struct heap *h);
/* The handle of the moveable object (LocalAlloc/GlobalAlloc) whose block is
 * the process heap's block at block, or NULL; the caller holds the process
 * heap's lock, which guards the handle table (localalloc.c). */
HLOCAL heap_moveable_handle(const void *block);
/* GlobalAlloc (localalloc.c): LocalAlloc's, GMEM_DDESHARE accepted and
 * recorded on a moveable object. */
HGLOBAL heap_global_alloc(UINT uFlags, SIZE_T dwBytes);
/* GlobalLock (localalloc.c): LocalLock's, but a pointer that is no block
 * sets ERROR_INVALID_HANDLE. */
LPVOID heap_global_lock(HGLOBAL hMem);
/* GlobalReAlloc (localalloc.c): LocalReAlloc's, but GMEM_MODIFY |
 * GMEM_MOVEABLE makes fixed memory moveable. */
HGLOBAL heap_global_realloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags);
/* GlobalFlags (localalloc.c): LocalFlags' with GMEM_DISCARDABLE for
 * LMEM_DISCARDABLE and GMEM_DDESHARE. */
UINT heap_global_flags(HGLOBAL hMem);
/* The list of heaps' lock (GetProcessHeaps). */
void heap_list_enter(void);
void heap_list_leave(void);

#endif
