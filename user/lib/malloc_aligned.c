/* Microsoft's aligned blocks (<malloc.h>): _aligned_malloc and its offset,
 * realloc and recalloc forms, _aligned_msize, _aligned_free. An aligned block
 * is a malloc block holding the aligned address (p + offset a multiple of the
 * alignment) and, just before p, two words: the size asked for and the malloc
 * block's own address. The alignment must be a power of two and the offset
 * below a nonzero size (else the invalid-parameter handler, EINVAL, NULL). */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "crt_thread.h"

struct aligned_header {
	size_t size;
	void *block;
};

/* The header before p (which the offset may leave unaligned). */
static struct aligned_header header_of(const void *p)
{
	struct aligned_header h;

	memcpy(&h, (const char *)p - sizeof(h), sizeof(h));
	return h;
}

static int bad_request(size_t size, size_t alignment, size_t offset)
{
	if (!alignment || (alignment & (alignment - 1)) || (size && offset >= size)) {
		crt_invalid_parameter();
		return 1;
	}
	return 0;
}

void *_aligned_offset_malloc(size_t size, size_t alignment, size_t offset)
{
	struct aligned_header h = { size, NULL };
	char *p;

	if (bad_request(size, alignment, offset))
		return NULL;
	if (alignment < sizeof(void *))
		alignment = sizeof(void *);
	if (size > _HEAP_MAXREQ - alignment - sizeof(h)) {
		errno = ENOMEM;
		return NULL;
	}
	h.block = malloc(size + alignment - 1 + sizeof(h));
	if (!h.block)
		return NULL;
	p = (char *)((((uintptr_t)h.block + sizeof(h) + offset + alignment - 1) &
		      ~(uintptr_t)(alignment - 1)) - offset);
	memcpy(p - sizeof(h), &h, sizeof(h));
	return p;
}

void *_aligned_malloc(size_t size, size_t alignment)
{
	return _aligned_offset_malloc(size, alignment, 0);
}

void _aligned_free(void *p)
{
	if (p)
		free(header_of(p).block);
}

/* The size asked for; NULL or a bad alignment: the handler and (size_t)-1. */
size_t _aligned_msize(void *p, size_t alignment, size_t offset)
{
	if (!p) {
		crt_invalid_parameter();
		return (size_t)-1;
	}
	return bad_request(0, alignment, offset) ? (size_t)-1 : header_of(p).size;
}

/* NULL p is _aligned_offset_malloc, size 0 frees; otherwise a new block with
 * the contents, the old one freed (kept when the new one cannot be had). */
void *_aligned_offset_realloc(void *p, size_t size, size_t alignment, size_t offset)
{
	size_t old;
	void *q;

	if (!p)
		return _aligned_offset_malloc(size, alignment, offset);
	if (!size) {
		_aligned_free(p);
		return NULL;
	}
	if (bad_request(size, alignment, offset))
		return NULL;
	q = _aligned_offset_malloc(size, alignment, offset);
	if (!q)
		return NULL;
	old = header_of(p).size;
	memcpy(q, p, old < size ? old : size);
	_aligned_free(p);
	return q;
}

void *_aligned_realloc(void *p, size_t size, size_t alignment)
{
	return _aligned_offset_realloc(p, size, alignment, 0);
}

/* _aligned_offset_realloc of n * size bytes whose growth reads zero; an
 * overflowing product is ENOMEM and leaves p. */
void *_aligned_offset_recalloc(void *p, size_t n, size_t size, size_t alignment,
			       size_t offset)
{
	size_t old = p ? header_of(p).size : 0;
	char *q;

	if (size && n > _HEAP_MAXREQ / size) {
		errno = ENOMEM;
		return NULL;
	}
	q = _aligned_offset_realloc(p, n * size, alignment, offset);
	if (q && old < n * size)
		memset(q + old, 0, n * size - old);
	return q;
}

void *_aligned_recalloc(void *p, size_t n, size_t size, size_t alignment)
{
	return _aligned_offset_recalloc(p, n, size, alignment, 0);
}
