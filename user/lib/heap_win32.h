/* Between the Win32 heap layer's files (heap.c, heap_tools.c). */
#ifndef USER_LIB_HEAP_WIN32_H
#define USER_LIB_HEAP_WIN32_H

#include <windows.h>

/* The heap behind a handle, or NULL (ERROR_INVALID_HANDLE): a destroyed
 * heap's handle included. */
struct heap *heap_of(HANDLE hHeap);

#endif
