/* The host heap tests' page provider: mmap reservations whose pages are
 * PROT_NONE until committed (so touching an uncommitted page crashes the
 * test), every committed page counted, an optional commit limit; and the
 * corruption harness (CORRUPTS) for heap_os_corrupt. Included by one test
 * file each (test_heap.c, test_heap_walk.c). */
#ifndef TESTS_HOST_HEAP_PROVIDER_H
#define TESTS_HOST_HEAP_PROVIDER_H

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "user/lib/heap_internal.h"

#define KB     1024u
#define MAXRES 4096

/* ---- the page provider: mmap, with every committed page counted ---- */

static struct reservation {
	uintptr_t base;
	size_t size;
	uint8_t *committed;             /* one flag per page */
} res[MAXRES];
static size_t committed_bytes, commit_limit = SIZE_MAX;
static jmp_buf corrupt_jmp;
static int corrupt_armed, corrupt_seen;

static struct reservation *res_of(uintptr_t a)
{
	for (int i = 0; i < MAXRES; i++)
		if (res[i].size && a >= res[i].base && a < res[i].base + res[i].size)
			return &res[i];
	return NULL;
}

void *heap_os_reserve(size_t size)
{
	uint8_t *raw = mmap(NULL, size + HEAP_STEP, PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t base;
	size_t head;

	if (raw == MAP_FAILED)
		return NULL;
	base = ((uintptr_t)raw + HEAP_STEP - 1) & ~(uintptr_t)(HEAP_STEP - 1);
	head = base - (uintptr_t)raw;
	if (head)
		munmap(raw, head);
	munmap((void *)(base + size), HEAP_STEP - head);
	for (int i = 0; i < MAXRES; i++)
		if (!res[i].size) {
			res[i] = (struct reservation){ base, size, calloc(size / HEAP_PAGE, 1) };
			return (void *)base;
		}
	abort();
}

/* Pages of [a, a + size) whose committed flag is not `want`, or -1 when the
 * range is not inside one reservation. */
static long pages_not(uintptr_t a, size_t size, uint8_t want)
{
	struct reservation *r = res_of(a);
	long n = 0;

	if (!r || a + size > r->base + r->size)
		return -1;
	for (uintptr_t p = a & ~(uintptr_t)(HEAP_PAGE - 1); p < a + size; p += HEAP_PAGE)
		n += r->committed[(p - r->base) / HEAP_PAGE] != want;
	return n;
}

static void pages_set(uintptr_t a, size_t size, uint8_t v)
{
	struct reservation *r = res_of(a);

	for (uintptr_t p = a; p < a + size; p += HEAP_PAGE)
		r->committed[(p - r->base) / HEAP_PAGE] = v;
}

bool heap_os_commit(void *addr, size_t size, bool executable)
{
	long fresh = pages_not((uintptr_t)addr, size, 1);

	(void)executable;
	if (fresh < 0 || ((uintptr_t)addr | size) & (HEAP_PAGE - 1))
		abort();
	if (committed_bytes + (size_t)fresh * HEAP_PAGE > commit_limit)
		return false;
	if (mprotect(addr, size, PROT_READ | PROT_WRITE))
		abort();
	pages_set((uintptr_t)addr, size, 1);
	committed_bytes += (size_t)fresh * HEAP_PAGE;
	return true;
}

void heap_os_decommit(void *addr, size_t size)
{
	long gone = pages_not((uintptr_t)addr, size, 0);

	if (gone < 0 || madvise(addr, size, MADV_DONTNEED) || mprotect(addr, size, PROT_NONE))
		abort();
	pages_set((uintptr_t)addr, size, 0);
	committed_bytes -= (size_t)gone * HEAP_PAGE;
}

void heap_os_release(void *addr)
{
	struct reservation *r = res_of((uintptr_t)addr);

	if (!r || r->base != (uintptr_t)addr)
		abort();
	committed_bytes -= (size_t)(r->size / HEAP_PAGE - pages_not(r->base, r->size, 1)) *
			   HEAP_PAGE;
	munmap(addr, r->size);
	free(r->committed);
	memset(r, 0, sizeof(*r));
}

bool heap_os_readable(const void *addr, size_t size)
{
	return pages_not((uintptr_t)addr, size, 1) == 0;
}

size_t heap_os_committed(const void *addr, size_t size)
{
	return size - (size_t)pages_not((uintptr_t)addr, size, 1) * HEAP_PAGE;
}

uint32_t heap_os_entropy(void)
{
	return 0x5eed1234u;
}

void heap_os_corrupt(struct heap *h, const void *addr)
{
	(void)h;
	(void)addr;
	corrupt_seen++;
	if (!corrupt_armed)
		abort();
	longjmp(corrupt_jmp, 1);
}

/* Runs stmt and says whether it reported corruption. */
#define CORRUPTS(stmt)                                                        \
	({                                                                    \
		int seen_ = corrupt_seen;                                     \
		corrupt_armed = 1;                                            \
		if (!setjmp(corrupt_jmp)) {                                   \
			stmt;                                                 \
		}                                                             \
		corrupt_armed = 0;                                            \
		corrupt_seen != seen_;                                        \
	})

static inline uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static inline size_t seg_commit(struct heap *h, const void *p)
{
	struct segment *s = seg_find(h, (uintptr_t)p);

	return s ? s->commit_end - s->base : 0;
}

#endif
