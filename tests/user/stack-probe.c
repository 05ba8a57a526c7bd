/* Frames larger than a page grow the stack as on Windows: the SDK's code
 * probes each page of a big frame from the top down (see UCFLAGS in the
 * Makefile), so the guard page is always met before anything below it.
 *
 * 60 KB frames, each writing its lowest byte first, recurse in the main
 * thread until ~420 KB of stack are in use; a 60 KB alloca does the same
 * below the deepest frame. Every byte survives, no exception reaches the
 * vectored handlers, and the guard page ends just below the deepest frame.
 * Then the same in threads made with small stacks: one page committed of
 * the default 1 MB reservation (to ~420 KB), and a 256 KB reservation
 * (STACK_SIZE_PARAM_IS_A_RESERVATION, to ~180 KB of it), each thread's guard page
 * just below its own deepest frame. Without probing the first frame's write
 * skips the guard page and the process dies with an access violation. */
#include <stdio.h>
#include <windows.h>

#define PAGE        4096ul
#define STACK_TOP   0x00300000ul
#define FRAME       (60ul * 1024)
#define DEPTH_BYTES (400ul * 1024)

#define TEST_NAME "stack-probe"
#include "check.h"

static volatile DWORD exceptions;

/* One run down a stack: its reservation [low, top), how deep to go, the
 * deepest byte seen. */
struct run {
	DWORD low, top, depth_bytes, deepest;
};

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
static int __attribute__((noinline)) deep_alloca(struct run *r, size_t n)
{
	volatile unsigned char *buf = __builtin_alloca(n);
	int bad;

	fill(buf, n, 99);
	if ((DWORD)buf < r->deepest)
		r->deepest = (DWORD)buf;
	bad = changed(buf, n, 99);
	return bad;
}

/* One 60 KB frame per level until r->depth_bytes of stack are in use, then
 * the alloca; returns the bytes found changed in all frames. */
static int __attribute__((noinline)) recurse(struct run *r, unsigned depth)
{
	volatile unsigned char buf[FRAME];
	int bad;

	buf[0] = 0;             /* the lowest address first: what needs the probes */
	fill(buf, FRAME, depth);
	if ((DWORD)buf < r->deepest)
		r->deepest = (DWORD)buf;
	if ((DWORD)buf > r->top - r->depth_bytes)
		bad = recurse(r, depth + 1);
	else
		bad = deep_alloca(r, FRAME);
	return bad + changed(buf, FRAME, depth);
}

/* The address of the stack's guard page (the one PAGE_GUARD page of
 * [low, top)), or 0. */
static DWORD guard_page(DWORD low, DWORD top)
{
	MEMORY_BASIC_INFORMATION m;

	for (DWORD at = top - PAGE; at >= low; at -= PAGE)
		if (VirtualQuery((LPCVOID)at, &m, sizeof(m)) == sizeof(m) &&
		    (m.Protect & PAGE_GUARD))
			return at;
	return 0;
}

/* Runs r down the calling thread's stack and checks what it left: 0 when
 * all is well. */
static int run_down(const char *who, struct run *r)
{
	int bad = recurse(r, 0), before = failures;
	DWORD guard = guard_page(r->low, r->top);

	printf("stack-probe: %s: deepest byte at 0x%08lx (%lu KiB used), guard page 0x%08lx\n",
	       who, r->deepest, (r->top - r->deepest) / 1024, guard);
	CHECK(bad == 0, "%s: %d bytes of the frames changed", who, bad);
	CHECK(r->top - r->deepest >= r->depth_bytes, "%s: only %lu bytes used", who,
	      r->top - r->deepest);
	CHECK(guard && guard < r->deepest && r->deepest - guard < 3 * PAGE,
	      "%s: the guard page 0x%08lx is not just below 0x%08lx", who, guard, r->deepest);
	return failures != before;
}

/* A thread's run down its own stack, to the depth its parameter says. */
static DWORD WINAPI thread_run(LPVOID depth_bytes)
{
	ULONG_PTR low, high;
	struct run r;

	GetCurrentThreadStackLimits(&low, &high);
	r = (struct run){ .low = low, .top = high, .depth_bytes = (DWORD)depth_bytes, .deepest = high };
	return run_down(r.depth_bytes > 256 * 1024 ? "thread, 4 KB committed" :
			"thread, 256 KB reserved", &r);
}

/* A thread with a small stack runs down it; its exit code 0 says all was
 * well. */
static void in_a_thread(SIZE_T stack, DWORD flags, DWORD depth_bytes)
{
	HANDLE h = CreateThread(NULL, stack, thread_run, (LPVOID)depth_bytes, flags, NULL);
	DWORD code = 99;

	CHECK(h && WaitForSingleObject(h, 30000) == WAIT_OBJECT_0 &&
	      GetExitCodeThread(h, &code) && code == 0, "a thread with a %lu-byte stack "
	      "(flags 0x%lx): exit code 0x%lx", stack, flags, code);
	CloseHandle(h);
}

int main(void)
{
	struct run r = { .low = STACK_TOP - (1ul << 20), .top = STACK_TOP,
			 .depth_bytes = DEPTH_BYTES, .deepest = STACK_TOP };

	AddVectoredExceptionHandler(1, on_exception);
	run_down("main thread", &r);
	in_a_thread(PAGE, 0, DEPTH_BYTES);
	in_a_thread(256 * 1024, STACK_SIZE_PARAM_IS_A_RESERVATION, 120 * 1024);
	CHECK(exceptions == 0, "%lu exceptions reached the handlers", exceptions);
	printf("stack-probe: %d failures\n", failures);
	return failures != 0;
}
