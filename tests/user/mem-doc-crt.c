/* Microsoft's C library allocator calls that vados gained in the memory
 * audit, against their pages: _expand (in place or NULL with ENOMEM, the
 * block untouched; NULL: the invalid-parameter handler and EINVAL; above
 * _HEAP_MAXREQ: ENOMEM), _recalloc (contents kept, the growth zeroed, an
 * overflowing product ENOMEM with the block kept), the offset forms of the
 * aligned blocks (p + offset aligned; offset at or past a nonzero size or an
 * alignment that is no power of two: EINVAL), _aligned_recalloc and
 * _heapchk. Last line "mem-doc-crt: N failures"; the exit status is N. */
#define TEST_NAME "mem-doc-crt"
#include <windows.h>
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static int handler_calls;

static void count_invalid(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned line,
			  uintptr_t reserved)
{
	(void)e, (void)f, (void)file, (void)line, (void)reserved;
	handler_calls++;
}

/* The call (a pointer) fails with errno err, after `calls` handler calls. */
#define REFUSED(call, err, calls)                                                        \
	do {                                                                             \
		int before_ = handler_calls;                                             \
		errno = 0;                                                               \
		void *r_ = (call);                                                       \
		CHECK(r_ == NULL && errno == (err) && handler_calls - before_ == (calls), \
		      "returned %p, errno %d, %d handler calls", r_, errno,              \
		      handler_calls - before_);                                          \
	} while (0)

static int all(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/* _expand: a shrink stays in place; a grow against the busy block that
 * follows fails with ENOMEM and leaves the block as it was. */
static void expand(void)
{
	unsigned char *a = malloc(64), *b = malloc(64);

	memset(a, 0x5A, 64);
	CHECK(_expand(a, 40) == a && _msize(a) == 40, "shrink: size %u", (unsigned)_msize(a));
	CHECK(b == a + 64 + 8, "b %p does not follow a %p: the grow below proves nothing", b, a);
	REFUSED(_expand(a, 4096), ENOMEM, 0);
	CHECK(_msize(a) == 40 && all(a, 40, 0x5A), "after a refused grow: size %u",
	      (unsigned)_msize(a));
	REFUSED(_expand(a, (size_t)_HEAP_MAXREQ + 1), ENOMEM, 0);
	REFUSED(_expand(NULL, 10), EINVAL, 1);
	free(a);
	free(b);
}

static void recalloc(void)
{
	unsigned char *p = _recalloc(NULL, 10, 3);

	CHECK(p && _msize(p) == 30 && all(p, 30, 0), "_recalloc(NULL) is calloc");
	memset(p, 7, 30);
	p = _recalloc(p, 100, 3);
	CHECK(p && _msize(p) == 300 && all(p, 30, 7) && all(p + 30, 270, 0),
	      "grown: contents kept, the rest zero");
	REFUSED(_recalloc(p, 0x10000, 0x10001), ENOMEM, 0);
	CHECK(_msize(p) == 300 && all(p, 30, 7), "the block survives an overflowing product");
	p = _recalloc(p, 5, 2);
	CHECK(p && _msize(p) == 10 && all(p, 10, 7), "shrunk: the first bytes kept");
	free(p);
}

static void aligned_offset(void)
{
	unsigned char *p = _aligned_offset_malloc(100, 64, 8), *q;

	CHECK(p && ((uintptr_t)p + 8) % 64 == 0, "p + 8 aligned: %p", p);
	CHECK(_aligned_msize(p, 64, 8) == 100, "size %u", (unsigned)_aligned_msize(p, 64, 8));
	memset(p, 3, 100);
	q = _aligned_offset_realloc(p, 5000, 64, 8);
	CHECK(q && ((uintptr_t)q + 8) % 64 == 0 && all(q, 100, 3), "realloc kept alignment and data");
	REFUSED(_aligned_offset_malloc(100, 64, 100), EINVAL, 1);
	REFUSED(_aligned_offset_malloc(100, 48, 0), EINVAL, 1);
	REFUSED(_aligned_offset_realloc(q, 100, 64, 200), EINVAL, 1);
	CHECK(_aligned_msize(q, 64, 8) == 5000, "a refused realloc keeps the block");
	_aligned_free(q);
	p = _aligned_offset_malloc(0, 16, 5);
	CHECK(p && ((uintptr_t)p + 5) % 16 == 0, "size 0 takes any offset");
	_aligned_free(p);

	p = _aligned_recalloc(NULL, 4, 25, 32);
	CHECK(p && (uintptr_t)p % 32 == 0 && all(p, 100, 0), "_aligned_recalloc(NULL) zeroed");
	memset(p, 9, 100);
	p = _aligned_recalloc(p, 8, 25, 32);
	CHECK(p && (uintptr_t)p % 32 == 0 && all(p, 100, 9) && all(p + 100, 100, 0),
	      "grown: contents kept, the rest zero");
	REFUSED(_aligned_recalloc(p, 0x10000, 0x10001, 32), ENOMEM, 0);
	q = _aligned_offset_recalloc(NULL, 3, 3, 16, 4);
	CHECK(q && ((uintptr_t)q + 4) % 16 == 0 && all(q, 9, 0), "_aligned_offset_recalloc");
	_aligned_free(q);
	_aligned_free(p);
}

int main(void)
{
	_set_invalid_parameter_handler(count_invalid);
	expand();
	recalloc();
	aligned_offset();
	CHECK(_heapchk() == _HEAPOK, "_heapchk: %d", _heapchk());
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
