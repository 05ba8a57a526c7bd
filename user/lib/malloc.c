/* The C library's allocator on the process heap, with the C rules:
 * free(NULL) does nothing, malloc(0) is a unique pointer, realloc(NULL, n) is
 * malloc(n), realloc(p, 0) frees p and returns NULL (as Microsoft's C library),
 * calloc checks n * size for overflow. Failures set errno = ENOMEM (and the
 * last error ERROR_NOT_ENOUGH_MEMORY). Also Microsoft's _msize, _expand,
 * _recalloc and _heapchk (<malloc.h>); aligned blocks: malloc_aligned.c. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "crt_thread.h"

static void *checked(void *p)
{
	if (!p)
		errno = ENOMEM;
	return p;
}

void *malloc(size_t size)
{
	HANDLE h = GetProcessHeap();

	return checked(h ? HeapAlloc(h, 0, size) : NULL);
}

void *calloc(size_t n, size_t size)
{
	HANDLE h = GetProcessHeap();

	if (size && n > (size_t)-1 / size) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return checked(NULL);
	}
	return checked(h ? HeapAlloc(h, HEAP_ZERO_MEMORY, n * size) : NULL);
}

void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	if (!size) {
		free(p);
		return NULL;
	}
	return checked(HeapReAlloc(GetProcessHeap(), 0, p, size));
}

void free(void *p)
{
	if (p)
		HeapFree(GetProcessHeap(), 0, p);
}

size_t _msize(void *p)
{
	if (!p) {
		crt_invalid_parameter();
		return (size_t)-1;
	}
	return HeapSize(GetProcessHeap(), 0, p);
}

/* Resizes in place (HEAP_REALLOC_IN_PLACE_ONLY): p, or NULL with errno
 * ENOMEM when the block cannot grow where it is; NULL p is the
 * invalid-parameter handler and EINVAL. */
void *_expand(void *p, size_t size)
{
	if (!p) {
		crt_invalid_parameter();
		return NULL;
	}
	if (size > _HEAP_MAXREQ) {
		errno = ENOMEM;
		return NULL;
	}
	return checked(HeapReAlloc(GetProcessHeap(), HEAP_REALLOC_IN_PLACE_ONLY, p, size));
}

/* realloc of n * size bytes whose growth reads zero; an overflowing product
 * is ENOMEM and leaves p. */
void *_recalloc(void *p, size_t n, size_t size)
{
	size_t old = p ? HeapSize(GetProcessHeap(), 0, p) : 0;
	char *q;

	if (size && n > _HEAP_MAXREQ / size) {
		errno = ENOMEM;
		return NULL;
	}
	if (!p)
		return calloc(n, size);
	q = realloc(p, n * size);
	if (q && old < n * size)
		memset(q + old, 0, n * size - old);
	return q;
}

/* _HEAPOK when HeapValidate finds the process heap sound, else _HEAPBADNODE. */
int _heapchk(void)
{
	HANDLE h = GetProcessHeap();

	return h && HeapValidate(h, 0, NULL) ? _HEAPOK : _HEAPBADNODE;
}
