/* Between the Win32 heap layer's files (heap.c, heap_tools.c). */
#ifndef USER_LIB_HEAP_WIN32_H
#define USER_LIB_HEAP_WIN32_H

#include <windows.h>

/* The heap behind a handle, or NULL (ERROR_INVALID_HANDLE): a destroyed
 * heap's handle included. Call with heaps_lock held (heap_enter does). */
struct heap *heap_of(HANDLE hHeap);
/* Heaps are serialized as Windows serializes them: each heap has a critical
 * section that every call takes unless the heap was created, or the call
 * made, with HEAP_NO_SERIALIZE. heaps_lock guards the list of heaps; it is
 * taken before a heap's own. */
extern CRITICAL_SECTION heaps_lock;
/* heap_of under heaps_lock. */
struct heap *heap_find(HANDLE hHeap);
/* The heap behind hHeap, entered (its lock held unless flags or the heap
 * say HEAP_NO_SERIALIZE), or NULL with ERROR_INVALID_HANDLE. */
struct heap *heap_enter(HANDLE hHeap, DWORD flags);
/* Leaves what heap_enter entered with the same flags. */
void heap_leave(struct heap *h, DWORD flags);

#endif
