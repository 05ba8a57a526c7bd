/* <malloc.h> for vados: the C library's allocator (also in <stdlib.h>),
 * Microsoft's _heapmin, _msize, aligned blocks and alloca. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stdlib.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* Gives the process heap's unused committed pages back (HeapCompact): 0, or
 * -1 when there is no process heap. */
int _heapmin(void);
/* The size of a malloc block (HeapSize); NULL: the invalid-parameter
 * handler, then (size_t)-1. */
size_t _msize(void *p);
/* The largest request the allocator considers (larger: ENOMEM). */
#define _HEAP_MAXREQ 0xFFFFFFE0u
/* Resizes a malloc block in place: p, or NULL with errno ENOMEM when it
 * cannot grow where it is (NULL p: the invalid-parameter handler, EINVAL). */
void *_expand(void *p, size_t size);
/* _heap* answers; _heapchk gives _HEAPOK, or _HEAPBADNODE when HeapValidate
 * finds the process heap damaged. */
#define _HEAPEMPTY    (-1)
#define _HEAPOK       (-2)
#define _HEAPBADBEGIN (-3)
#define _HEAPBADNODE  (-4)
#define _HEAPEND      (-5)
#define _HEAPBADPTR   (-6)
int _heapchk(void);

/* Blocks aligned to a power of two (else the invalid-parameter handler and
 * NULL), the offset forms aligning p + offset (offset below a nonzero size);
 * free them with _aligned_free only. _aligned_realloc(p, 0, a) frees; a
 * failed one leaves p; the recalloc forms zero what grows.
 * _aligned_msize gives the size asked for. */
void *_aligned_malloc(size_t size, size_t alignment);
void *_aligned_offset_malloc(size_t size, size_t alignment, size_t offset);
void *_aligned_realloc(void *p, size_t size, size_t alignment);
void *_aligned_offset_realloc(void *p, size_t size, size_t alignment, size_t offset);
void *_aligned_recalloc(void *p, size_t n, size_t size, size_t alignment);
void *_aligned_offset_recalloc(void *p, size_t n, size_t size, size_t alignment,
			       size_t offset);
void _aligned_free(void *p);
size_t _aligned_msize(void *p, size_t alignment, size_t offset);

/* Stack memory freed when the function returns. The SDK probes the stack
 * as it grows (-fstack-clash-protection, Windows' __chkstk), so a large one
 * is safe while the thread's stack reservation lasts. _malloca is alloca
 * here; _freea does nothing. */
#define alloca(size)   __builtin_alloca(size)
#define _alloca(size)  __builtin_alloca(size)
#define _malloca(size) __builtin_alloca(size)
#define _freea(p)      ((void)(p))
#define _ALLOCA_S_THRESHOLD 1024

VADOS_END_DECLS

#endif
