/* The C library's allocator on the process heap, with the C rules:
 * free(NULL) does nothing, malloc(0) is a unique pointer, realloc(NULL, n) is
 * malloc(n), realloc(p, 0) frees p and returns NULL (as Microsoft's C library),
 * calloc checks n * size for overflow. Failures set errno = ENOMEM (and the
 * last error ERROR_NOT_ENOUGH_MEMORY). Also Microsoft's _msize and aligned
 * blocks (<malloc.h>). */
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

/* An aligned block: a malloc block with the aligned address inside it, and
 * before that address two words: the size asked for and the block's own
 * address. */
struct aligned_header {
	size_t size;
	void *block;
};

static struct aligned_header *header_of(void *p)
{
	return (struct aligned_header *)p - 1;
}

static int bad_alignment(size_t alignment)
{
	return !alignment || (alignment & (alignment - 1));
}

void *_aligned_malloc(size_t size, size_t alignment)
{
	char *block, *p;

	if (bad_alignment(alignment)) {
		crt_invalid_parameter();
		return NULL;
	}
	if (alignment < sizeof(void *))
		alignment = sizeof(void *);
	if (size > (size_t)-1 - alignment - sizeof(struct aligned_header)) {
		errno = ENOMEM;
		return NULL;
	}
	block = malloc(size + alignment - 1 + sizeof(struct aligned_header));
	if (!block)
		return NULL;
	p = (char *)(((uintptr_t)block + sizeof(struct aligned_header) + alignment - 1) &
		     ~(uintptr_t)(alignment - 1));
	*header_of(p) = (struct aligned_header){ size, block };
	return p;
}

void _aligned_free(void *p)
{
	if (p)
		free(header_of(p)->block);
}

size_t _aligned_msize(void *p, size_t alignment, size_t offset)
{
	if (!p || bad_alignment(alignment) || offset) {
		crt_invalid_parameter();
		return (size_t)-1;
	}
	return header_of(p)->size;
}

void *_aligned_realloc(void *p, size_t size, size_t alignment)
{
	void *q;
	size_t old;

	if (!p)
		return _aligned_malloc(size, alignment);
	if (!size) {
		_aligned_free(p);
		return NULL;
	}
	if (bad_alignment(alignment)) {
		crt_invalid_parameter();
		return NULL;
	}
	q = _aligned_malloc(size, alignment);
	if (!q)
		return NULL;            /* p stays, as realloc's */
	old = header_of(p)->size;
	memcpy(q, p, old < size ? old : size);
	_aligned_free(p);
	return q;
}
