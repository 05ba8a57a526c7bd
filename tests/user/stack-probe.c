/* Frames larger than a page grow the stack as on Windows: the SDK's code
 * probes each page of a big frame from the top down (see UCFLAGS in the
 * Makefile), so the guard page is always met before anything below it.
 *
 * 60 KB frames, each writing its lowest byte first, recurse in the main
 * thread until ~420 KB of stack are in use; a 60 KB alloca does the same
 * below the deepest frame. Every byte survives, no exception reaches the
 * vectored handlers, and the guard page ends just below the deepest frame.
 * Without probing the first frame's write skips the guard page and the
 * process dies with an access violation. */
#include <stdio.h>
#include <windows.h>

#define PAGE        4096ul
#define STACK_TOP   0x00300000ul
#define FRAME       (60ul * 1024)
#define DEPTH_BYTES (400ul * 1024)

#define TEST_NAME "stack-probe"
#include "check.h"

static volatile DWORD exceptions, deepest = STACK_TOP;

/* Counts every exception and lets it go on to the default (the end). */
static LONG CALLBACK on_exception(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	exceptions++;
	return EXCEPTION_CONTINUE_SEARCH;
}

/* Fills buf (n bytes) bottom-up with a pattern of seed. */
static void fill(volatile unsigned char *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(seed * 13 + i);
}

/* Counts the bytes of buf that lost fill()'s pattern. */
static int changed(const volatile unsigned char *buf, size_t n, unsigned seed)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++)
		bad += buf[i] != (unsigned char)(seed * 13 + i);
	return bad;
}

/* A 60 KB alloca below the deepest frame, written bottom-up; returns the
 * bytes that changed. */
static int __attribute__((noinline)) deep_alloca(size_t n)
{
	volatile unsigned char *buf = __builtin_alloca(n);
	int bad;

	fill(buf, n, 99);
	if ((DWORD)buf < deepest)
		deepest = (DWORD)buf;
	bad = changed(buf, n, 99);
	return bad;
}

/* One 60 KB frame per level until DEPTH_BYTES of stack are in use, then the
 * alloca; returns the bytes found changed in all frames. */
static int __attribute__((noinline)) recurse(unsigned depth)
{
	volatile unsigned char buf[FRAME];
	int bad;

	buf[0] = 0;             /* the lowest address first: what needs the probes */
	fill(buf, FRAME, depth);
	if ((DWORD)buf < deepest)
		deepest = (DWORD)buf;
	if ((DWORD)buf > STACK_TOP - DEPTH_BYTES)
		bad = recurse(depth + 1);
	else
		bad = deep_alloca(FRAME);
	return bad + changed(buf, FRAME, depth);
}

/* The address of the stack's guard page (the one PAGE_GUARD region), or 0. */
static DWORD guard_page(void)
{
	MEMORY_BASIC_INFORMATION m;

	for (DWORD at = STACK_TOP - PAGE; at >= STACK_TOP - (1ul << 20); at -= PAGE)
		if (VirtualQuery((LPCVOID)at, &m, sizeof(m)) == sizeof(m) &&
		    (m.Protect & PAGE_GUARD))
			return at;
	return 0;
}

int main(void)
{
	AddVectoredExceptionHandler(1, on_exception);
	int bad = recurse(0);
	DWORD guard = guard_page();

	printf("stack-probe: deepest byte at 0x%08lx (%lu KiB used), guard page 0x%08lx\n",
	       deepest, (STACK_TOP - deepest) / 1024, guard);
	CHECK(bad == 0, "%d bytes of the frames changed", bad);
	CHECK(STACK_TOP - deepest >= DEPTH_BYTES, "only %lu bytes used", STACK_TOP - deepest);
	CHECK(guard && guard < deepest && deepest - guard < 3 * PAGE,
	      "the guard page 0x%08lx is not just below 0x%08lx", guard, deepest);
	CHECK(exceptions == 0, "%lu exceptions reached the handlers", exceptions);
	printf("stack-probe: %d failures\n", failures);
	return failures != 0;
}
