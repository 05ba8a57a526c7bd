/* Thread stacks as "Thread Stack Size" documents them: dwStackSize is the
 * initial commit (the 1 MB default reservation grows to a 1 MB multiple when
 * the commit does not fit), with STACK_SIZE_PARAM_IS_A_RESERVATION it is the
 * reservation (64 KB granularity); each thread has its own guard page below
 * its commit, its stack grows through it and the TEB's StackLimit follows;
 * the TEB and GetCurrentThreadStackLimits describe the thread's own stack;
 * an overflow raises EXCEPTION_STACK_OVERFLOW on the overflowing thread,
 * where a vectored handler sees it; "a stack is freed when its thread exits.
 * It is not freed if the thread is terminated by another thread." */
#include <windows.h>

#define TEST_NAME "thread-stacks"
#include "check.h"

#define PAGE 4096ul
#define KB   1024ul
#define MB   (1024ul * 1024ul)

/* A stack's reservation, seen from inside it. */
struct stack_view {
	DWORD base, reserve;            /* AllocationBase and the reservation's size */
	DWORD committed_low;            /* where the committed top (no guard) begins */
	DWORD guard;                    /* the guard page, 0 if none */
};

static struct stack_view view_of(const void *inside)
{
	struct stack_view s = { 0 };
	MEMORY_BASIC_INFORMATION m;
	DWORD at;

	if (VirtualQuery(inside, &m, sizeof(m)) != sizeof(m))
		return s;
	s.base = (DWORD)m.AllocationBase;
	for (at = s.base; VirtualQuery((LPCVOID)at, &m, sizeof(m)) == sizeof(m) &&
	     (DWORD)m.AllocationBase == s.base; at += m.RegionSize) {
		if (m.State == MEM_COMMIT && (m.Protect & PAGE_GUARD))
			s.guard = at + m.RegionSize - PAGE;
		else if (m.State == MEM_COMMIT && !s.committed_low)
			s.committed_low = at;
	}
	s.reserve = at - s.base;
	return s;
}

struct seen {
	struct stack_view v;
	DWORD teb_base, teb_limit, teb_dealloc, low, high, local;
};

static DWORD WINAPI look(LPVOID p)
{
	struct seen *s = p;
	ULONG_PTR low = 0, high = 0;
	PTEB teb = NtCurrentTeb();

	s->local = (DWORD)&low;
	s->v = view_of(&low);
	s->teb_base = (DWORD)teb->NtTib.StackBase;
	s->teb_limit = (DWORD)teb->NtTib.StackLimit;
	s->teb_dealloc = (DWORD)teb->DeallocationStack;
	GetCurrentThreadStackLimits(&low, &high);
	s->low = low;
	s->high = high;
	return 0;
}

/* Runs look on a thread made with (size, flags); what it saw. */
static struct seen look_from(SIZE_T size, DWORD flags)
{
	struct seen s = { 0 };
	HANDLE h = CreateThread(NULL, size, look, &s, flags, NULL);

	CHECK(h != NULL, "CreateThread(%lu, %#lx): %lu", (DWORD)size, flags, GetLastError());
	if (h) {
		WaitForSingleObject(h, 5000);
		CloseHandle(h);
	}
	return s;
}

static void check_teb(const struct seen *s, const char *what)
{
	CHECK(s->teb_dealloc == s->v.base && s->low == s->v.base,
	      "%s: DeallocationStack %#lx, low limit %#lx, want the base %#lx", what,
	      s->teb_dealloc, s->low, s->v.base);
	CHECK(s->teb_base == s->v.base + s->v.reserve && s->high == s->teb_base,
	      "%s: StackBase %#lx and high limit %#lx, want %#lx", what, s->teb_base, s->high,
	      s->v.base + s->v.reserve);
	CHECK(s->teb_limit == s->v.committed_low, "%s: StackLimit %#lx, committed from %#lx",
	      what, s->teb_limit, s->v.committed_low);
	CHECK(s->v.guard == s->v.committed_low - PAGE, "%s: its guard page %#lx just below "
	      "the commit %#lx", what, s->v.guard, s->v.committed_low);
	CHECK(s->local > s->teb_limit && s->local < s->teb_base, "%s: a local at %#lx", what,
	      s->local);
}

static void sizes(void)
{
	struct seen d = look_from(0, 0), c = look_from(64 * KB, 0),
		    big = look_from(MB + MB / 2, 0),
		    r = look_from(256 * KB + 1, STACK_SIZE_PARAM_IS_A_RESERVATION),
		    small = look_from(64 * KB, STACK_SIZE_PARAM_IS_A_RESERVATION);

	CHECK(d.v.reserve == MB, "default: %#lx reserved, want 1 MB", d.v.reserve);
	check_teb(&d, "default");
	CHECK(c.v.reserve == MB && c.teb_base - c.v.committed_low == 64 * KB,
	      "dwStackSize 64 KB: %#lx committed of %#lx, want 64 KB of 1 MB",
	      c.teb_base - c.v.committed_low, c.v.reserve);
	check_teb(&c, "64 KB commit");
	CHECK(big.v.reserve == 2 * MB && big.teb_base - big.v.committed_low == MB + MB / 2,
	      "dwStackSize 1.5 MB: %#lx committed of %#lx, want 1.5 MB of 2 MB",
	      big.teb_base - big.v.committed_low, big.v.reserve);
	check_teb(&big, "1.5 MB commit");
	CHECK(r.v.reserve == 320 * KB, "a 256 KB + 1 reservation rounds to 320 KB: %#lx",
	      r.v.reserve);
	CHECK(r.teb_base - r.v.committed_low == d.teb_base - d.v.committed_low,
	      "a reservation keeps the default commit");
	check_teb(&r, "320 KB reservation");
	CHECK(small.v.reserve == 64 * KB, "a 64 KB reservation: %#lx", small.v.reserve);
	check_teb(&small, "64 KB reservation");
}

/* Recursion, ~0.5 KB a frame, each touched. At the bottom: the TEB's
 * StackLimit must have followed the stack down to its deepest page, with a
 * guard page below it. */
struct dive {
	DWORD bytes;                    /* how deep */
	DWORD top, deepest, limit, guard_ok;
};

static void __attribute__((noinline)) down(struct dive *d, DWORD top)
{
	volatile char buf[500];
	MEMORY_BASIC_INFORMATION m;

	buf[0] = 1;
	if ((DWORD)buf < d->deepest)
		d->deepest = (DWORD)buf;
	if (top - (DWORD)buf < d->bytes) {
		if (((top - (DWORD)buf) / 500) % 64 == 0)
			Sleep(0);               /* the other diver runs meanwhile */
		down(d, top);
		buf[1] = buf[0];
		return;
	}
	d->limit = (DWORD)NtCurrentTeb()->NtTib.StackLimit;
	d->guard_ok = VirtualQuery((LPCVOID)(d->limit - PAGE), &m, sizeof(m)) == sizeof(m) &&
		m.State == MEM_COMMIT && (m.Protect & PAGE_GUARD);
}

static DWORD WINAPI diver(LPVOID p)
{
	struct dive *d = p;
	int local;

	d->top = d->deepest = (DWORD)&local;
	down(d, d->top);
	return 0;
}

static void growth(void)
{
	struct dive a = { .bytes = 300 * KB }, b = { .bytes = 700 * KB };
	DWORD main_limit = (DWORD)NtCurrentTeb()->NtTib.StackLimit;
	HANDLE h[2] = { CreateThread(NULL, 0, diver, &a, 0, NULL),
			CreateThread(NULL, 0, diver, &b, 0, NULL) };

	for (int i = 0; i < 2; i++) {
		CHECK(h[i] && WaitForSingleObject(h[i], 30000) == WAIT_OBJECT_0, "diver %d", i);
		CloseHandle(h[i]);
	}
	for (int i = 0; i < 2; i++) {
		struct dive *d = i ? &b : &a;
		CHECK(d->top - d->deepest >= d->bytes, "diver %d went %lu KB deep", i,
		      (d->top - d->deepest) / KB);
		CHECK(d->limit <= d->deepest && d->deepest - d->limit < PAGE,
		      "diver %d: StackLimit %#lx follows its deepest frame %#lx", i, d->limit,
		      d->deepest);
		CHECK(d->guard_ok, "diver %d: a guard page below its StackLimit", i);
	}
	CHECK((DWORD)NtCurrentTeb()->NtTib.StackLimit == main_limit,
	      "the main thread's StackLimit did not move: %#lx, was %#lx",
	      (DWORD)NtCurrentTeb()->NtTib.StackLimit, main_limit);
}

/* An overflow is the overflowing thread's: its vectored handler call runs
 * on it, and ends it. */
static volatile DWORD overflow_tid, overflow_code;

static LONG CALLBACK on_overflow(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != STATUS_STACK_OVERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	overflow_tid = GetCurrentThreadId();
	overflow_code = ep->ExceptionRecord->ExceptionCode;
	ExitThread(0xFD);
}

static DWORD WINAPI overflow(LPVOID p)
{
	struct dive *d = p;
	int local;

	d->top = d->deepest = (DWORD)&local;
	down(d, d->top);
	return 1;                       /* never: the handler ends the thread */
}

static void overflow_on_its_thread(void)
{
	PVOID vh = AddVectoredExceptionHandler(1, on_overflow);

	for (int round = 0; round < 2; round++) {
		struct dive d = { .bytes = 0xFFFFFFFF };
		DWORD tid = 0, code = 0;
		HANDLE h = CreateThread(NULL, 128 * KB, overflow, &d,
					STACK_SIZE_PARAM_IS_A_RESERVATION, &tid);

		overflow_tid = overflow_code = 0;
		CHECK(WaitForSingleObject(h, 10000) == WAIT_OBJECT_0, "the overflowing thread ends");
		CHECK(GetExitCodeThread(h, &code) && code == 0xFD, "ended by its handler: %#lx",
		      code);
		CHECK(overflow_code == STATUS_STACK_OVERFLOW && overflow_tid == tid,
		      "EXCEPTION_STACK_OVERFLOW (%#lx) on the overflowing thread (%lu, want %lu)",
		      overflow_code, overflow_tid, tid);
		CHECK(d.top - d.deepest > 100 * KB && d.top - d.deepest < 128 * KB,
		      "it used %lu KB of its 128 KB", (d.top - d.deepest) / KB);
		CloseHandle(h);
	}
	RemoveVectoredExceptionHandler(vh);
}

/* Exited: the stack is gone. Terminated by another thread: it stays. */
static volatile DWORD stack_base;

static DWORD WINAPI note_stack_and_wait(LPVOID p)
{
	int local = 0;
	MEMORY_BASIC_INFORMATION m;

	VirtualQuery(&local, &m, sizeof(m));
	stack_base = (DWORD)m.AllocationBase;
	if (p)
		Sleep(INFINITE);
	return 0;
}

static DWORD state_at(DWORD addr)
{
	MEMORY_BASIC_INFORMATION m;

	return VirtualQuery((LPCVOID)addr, &m, sizeof(m)) == sizeof(m) ? m.State : 0;
}

static void freed_at_exit_kept_when_terminated(void)
{
	HANDLE h = CreateThread(NULL, 0, note_stack_and_wait, NULL, 0, NULL);

	WaitForSingleObject(h, 5000);
	CloseHandle(h);
	CHECK(stack_base && state_at(stack_base) == MEM_FREE,
	      "an exited thread's stack is freed: state %#lx", state_at(stack_base));
	stack_base = 0;
	h = CreateThread(NULL, 0, note_stack_and_wait, (LPVOID)1, 0, NULL);
	while (!stack_base)
		Sleep(1);
	Sleep(10);
	TerminateThread(h, 3);
	WaitForSingleObject(h, 5000);
	CloseHandle(h);
	CHECK(state_at(stack_base) == MEM_RESERVE,
	      "a terminated thread's stack stays reserved: state %#lx", state_at(stack_base));
}

int main(void)
{
	ULONG_PTR low, high, here = (ULONG_PTR)&low;

	/* ASLR moves the main stack: 1 MB reserved on a 64 KB boundary, around us. */
	GetCurrentThreadStackLimits(&low, &high);
	CHECK(high - low == 0x00100000 && low % 0x10000 == 0 && low < here && here < high,
	      "the main thread's limits %#lx-%#lx (a local at %#lx)", low, high, here);
	sizes();
	growth();
	overflow_on_its_thread();
	freed_at_exit_kept_when_terminated();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
