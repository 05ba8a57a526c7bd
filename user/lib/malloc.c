/* The C library's allocator on the process heap, with the C rules:
 * free(NULL) does nothing, malloc(0) is a unique pointer, realloc(NULL, n) is
 * malloc(n), realloc(p, 0) frees p and returns NULL (as Microsoft's C library),
 * calloc checks n * size for overflow. Failures set ERROR_NOT_ENOUGH_MEMORY. */
#include <stdlib.h>
#include <windows.h>

void *malloc(size_t size)
{
	HANDLE h = GetProcessHeap();

	return h ? HeapAlloc(h, 0, size) : NULL;
}

void *calloc(size_t n, size_t size)
{
	HANDLE h = GetProcessHeap();

	if (size && n > (size_t)-1 / size) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	return h ? HeapAlloc(h, HEAP_ZERO_MEMORY, n * size) : NULL;
}

void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	if (!size) {
		free(p);
		return NULL;
	}
	return HeapReAlloc(GetProcessHeap(), 0, p, size);
}

void free(void *p)
{
	if (p)
		HeapFree(GetProcessHeap(), 0, p);
}
