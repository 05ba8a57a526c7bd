/* Fibers and fiber-local storage as Microsoft documents them: switching
 * keeps each fiber's registers, stack, SEH list head (fs:[0]) and, with
 * FIBER_FLAG_FLOAT_SWITCH, x87 control word and (with SSE) MXCSR; GetFiberData/GetCurrentFiber;
 * stack sizes rounded as CreateThread's; an access violation on a fiber's
 * stack reaches the vectored handler and continues; a fiber's stack grows
 * through its guard page (StackLimit follows), a system call's write there too, and a fiber that overflows it
 * gets EXCEPTION_STACK_OVERFLOW; FLS values are per fiber and their
 * callbacks run at FlsFree, DeleteFiber and thread exit; DeleteFiber of the
 * running fiber ends its thread with code 1 and frees its stack; a thousand
 * fibers made and deleted leave no commit behind; every error case. */
#include <windows.h>
#include <psapi.h>

#define TEST_NAME "fibers"
#include "check.h"

#define PAGE 4096u

static LPVOID main_fiber;
static volatile DWORD trace;    /* decimal digits appended by the fibers */

static void step(DWORD digit)
{
	trace = trace * 10 + digit;
}

/* Ping-pong: the fiber and the main fiber take turns; callee-saved
 * registers and locals survive the switches. */
static VOID WINAPI ping(LPVOID parameter)
{
	register DWORD kept asm("ebx") = 0x1234;

	CHECK(parameter == (LPVOID)0x77 && GetFiberData() == (LPVOID)0x77, "fiber data %p",
	      GetFiberData());
	step(2);
	SwitchToFiber(main_fiber);
	asm volatile("" : "+r"(kept));
	CHECK(kept == 0x1234, "ebx across a switch: %lx", kept);
	step(4);
	SwitchToFiber(main_fiber);
	CHECK(0, "a deleted fiber ran again");
}

static void test_switching(void)
{
	LPVOID f = CreateFiber(0, ping, (LPVOID)0x77);
	register DWORD esi asm("esi") = 0xabcd;

	CHECK(f != NULL, "CreateFiber: %lu", GetLastError());
	step(1);
	SwitchToFiber(f);
	asm volatile("" : "+r"(esi));
	CHECK(esi == 0xabcd, "esi across a switch: %lx", esi);
	CHECK(GetCurrentFiber() == main_fiber && GetFiberData() == (LPVOID)0x55,
	      "back on the main fiber");
	step(3);
	SwitchToFiber(f);
	step(5);
	CHECK(trace == 12345, "the fibers ran in the order %lu", trace);
	DeleteFiber(f);
}

/* The SEH head, the stack bounds, the x87 control word and MXCSR are the
 * fiber's. */
static DWORD seen_exception_list, seen_mxcsr;
static WORD seen_cw;

static int has_sse(void)
{
	return IsProcessorFeaturePresent(PF_XMMI_INSTRUCTIONS_AVAILABLE);
}

static DWORD mxcsr_get(void)
{
	DWORD m = 0;

	if (has_sse())
		asm volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void mxcsr_set(DWORD m)
{
	if (has_sse())
		asm volatile("ldmxcsr %0" : : "m"(m));
}
static PVOID seen_base, seen_limit, seen_deallocation;

static VOID WINAPI teb_fiber(LPVOID parameter)
{
	PTEB teb = NtCurrentTeb();
	WORD cw = 0x007f;

	(void)parameter;
	seen_exception_list = (DWORD)teb->NtTib.ExceptionList;
	seen_base = teb->NtTib.StackBase;
	seen_limit = teb->NtTib.StackLimit;
	seen_deallocation = teb->DeallocationStack;
	asm volatile("fnstcw %0" : "=m"(seen_cw));
	seen_mxcsr = mxcsr_get();
	teb->NtTib.ExceptionList = (void *)0x1111;
	asm volatile("fldcw %0" : : "m"(cw));
	mxcsr_set(0x3f80);              /* round down */
	SwitchToFiber(main_fiber);
	CHECK((DWORD)teb->NtTib.ExceptionList == 0x1111, "the fiber's SEH head came back");
	asm volatile("fnstcw %0" : "=m"(cw));
	CHECK(cw == 0x007f, "the fiber's control word came back: %x", cw);
	CHECK(!has_sse() || mxcsr_get() == 0x3f80, "the fiber's MXCSR came back: %lx", mxcsr_get());
	SwitchToFiber(main_fiber);
}

static void test_teb_parts(void)
{
	PTEB teb = NtCurrentTeb();
	PVOID list = teb->NtTib.ExceptionList, base = teb->NtTib.StackBase;
	WORD cw, mine = 0x0c7f;
	LPVOID f = CreateFiberEx(5000, 100000, FIBER_FLAG_FLOAT_SWITCH, teb_fiber, NULL);

	CHECK(f != NULL, "CreateFiberEx: %lu", GetLastError());
	asm volatile("fldcw %0" : : "m"(mine));
	mxcsr_set(0x7f80);              /* round toward zero */
	SwitchToFiber(f);
	CHECK(seen_exception_list == 0xFFFFFFFF, "a new fiber's SEH head is -1: %lx",
	      seen_exception_list);
	CHECK(seen_cw == 0x027f, "a new fiber's control word: %x", seen_cw);
	CHECK(!has_sse() || seen_mxcsr == 0x1f80, "a new fiber's MXCSR: %lx", seen_mxcsr);
	CHECK((char *)seen_base - (char *)seen_limit == 2 * PAGE,
	      "commit 5000 rounds to 2 pages: %p..%p", seen_limit, seen_base);
	CHECK((char *)seen_base - (char *)seen_deallocation == 0x20000,
	      "reserve 100000 rounds to 128 KB: %p..%p", seen_deallocation, seen_base);
	CHECK(teb->NtTib.ExceptionList == list && teb->NtTib.StackBase == base,
	      "the main fiber's SEH head and stack came back");
	asm volatile("fnstcw %0" : "=m"(cw));
	CHECK(cw == 0x0c7f, "the main fiber's control word came back: %x", cw);
	CHECK(!has_sse() || mxcsr_get() == 0x7f80, "the main fiber's MXCSR came back: %lx",
	      mxcsr_get());
	SwitchToFiber(f);
	DeleteFiber(f);
	cw = 0x027f;
	asm volatile("fldcw %0" : : "m"(cw));
	mxcsr_set(0x1f80);
}

/* Reads an unmapped address; the handler resumes past the read with 0x5A. */
extern char fiber_read_end[];
static volatile LONG av_handled;

static LONG CALLBACK av_handler(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION ||
	    ep->ExceptionRecord->ExceptionInformation[1] != 0x300)
		return EXCEPTION_CONTINUE_SEARCH;
	av_handled++;
	ep->ContextRecord->Eax = 0x5A;
	ep->ContextRecord->Eip = (DWORD)fiber_read_end;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Uses about n bytes of stack, touching each page top-down. */
static DWORD __attribute__((noinline)) deep(DWORD n)
{
	volatile char chunk[2000];

	chunk[0] = (char)n;
	chunk[sizeof(chunk) - 1] = (char)n;
	if (n <= sizeof(chunk))
		return (DWORD)chunk[0];
	return deep(n - sizeof(chunk)) + (DWORD)(chunk[0] - chunk[0]);
}

static volatile DWORD seh_value, grown_limit_ok, grown_guard_ok, kernel_grown_ok;

static VOID WINAPI seh_fiber(LPVOID parameter)
{
	PTEB teb = NtCurrentTeb();
	char *base = teb->NtTib.StackBase, *limit;
	MEMORY_BASIC_INFORMATION mbi;
	DWORD v;

	(void)parameter;
	asm volatile("movl (%1), %0\n\t.globl fiber_read_end\nfiber_read_end:"
		     : "=a"(v) : "c"(0x300) : "memory");
	seh_value = v;
	CHECK(IsBadReadPtr((void *)0x400, 4), "IsBadReadPtr on a fiber");
	deep(200 * 1024);
	limit = teb->NtTib.StackLimit;
	grown_limit_ok = base - limit > 200 * 1024 && base - limit < 240 * 1024;
	VirtualQuery(limit - PAGE, &mbi, sizeof(mbi));
	grown_guard_ok = mbi.State == MEM_COMMIT && (mbi.Protect & PAGE_GUARD);
	/* The kernel writing into the guard page first (a system call's
	 * buffer there) grows the stack as ring 3's touch does. */
	kernel_grown_ok = GetCurrentDirectoryA(64, limit - 64) > 0 &&
			  (char *)teb->NtTib.StackLimit == limit - PAGE;
	SwitchToFiber(main_fiber);
}

static void test_seh_and_growth(void)
{
	PVOID h = AddVectoredExceptionHandler(1, av_handler);
	LPVOID f = CreateFiberEx(PAGE, 512 * 1024, 0, seh_fiber, NULL);

	CHECK(f != NULL, "CreateFiberEx: %lu", GetLastError());
	SwitchToFiber(f);
	CHECK(av_handled == 1 && seh_value == 0x5A, "the fiber's fault was handled %ld times",
	      av_handled);
	CHECK(grown_limit_ok, "StackLimit followed the fiber's stack down");
	CHECK(grown_guard_ok, "a guard page below the grown stack");
	CHECK(kernel_grown_ok, "a system call's write into the guard page grew the stack");
	DeleteFiber(f);
	RemoveVectoredExceptionHandler(h);
}

/* A fiber recursing without end gets EXCEPTION_STACK_OVERFLOW; the handler
 * sends it to the main fiber (on the stack that is left). */
static volatile LONG overflows;

static LONG CALLBACK overflow_handler(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != EXCEPTION_STACK_OVERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	overflows++;
	SwitchToFiber(main_fiber);
	return EXCEPTION_CONTINUE_SEARCH;
}

static volatile DWORD endless_stop = 0xFFFFFFFF;

static DWORD __attribute__((noinline)) endless(DWORD n)
{
	volatile char chunk[1000];

	chunk[0] = (char)n;
	return n == endless_stop ? 0 : endless(n + 1) + (DWORD)chunk[0];
}

static VOID WINAPI overflow_fiber(LPVOID parameter)
{
	(void)parameter;
	endless(0);
}

static void test_overflow(void)
{
	PVOID h = AddVectoredExceptionHandler(1, overflow_handler);
	LPVOID f = CreateFiberEx(0, 64 * 1024, 0, overflow_fiber, NULL);

	SwitchToFiber(f);
	CHECK(overflows == 1, "EXCEPTION_STACK_OVERFLOW on the fiber %ld times", overflows);
	DeleteFiber(f);
	RemoveVectoredExceptionHandler(h);
}

/* FLS: per fiber, callbacks at FlsFree, DeleteFiber and thread exit. */
static volatile LONG callbacks, callback_sum;

static VOID WINAPI fls_callback(PVOID value)
{
	callbacks++;
	callback_sum += (LONG)value;
}

static DWORD fls_index;

static VOID WINAPI fls_fiber(LPVOID parameter)
{
	(void)parameter;
	CHECK(FlsGetValue(fls_index) == NULL && GetLastError() == ERROR_SUCCESS,
	      "a new fiber's value is NULL");
	CHECK(FlsSetValue(fls_index, (PVOID)20), "FlsSetValue: %lu", GetLastError());
	SwitchToFiber(main_fiber);
	CHECK(FlsGetValue(fls_index) == (PVOID)20, "the fiber's value came back");
	SwitchToFiber(main_fiber);
}

static DWORD WINAPI fls_thread(LPVOID parameter)
{
	FlsSetValue((DWORD)parameter, (PVOID)300);
	return 0;
}

static void test_fls(void)
{
	LPVOID f, g;
	HANDLE t;
	DWORD n, idx[FLS_MAXIMUM_AVAILABLE + 1];

	fls_index = FlsAlloc(fls_callback);
	CHECK(fls_index != FLS_OUT_OF_INDEXES, "FlsAlloc: %lu", GetLastError());
	CHECK(FlsSetValue(fls_index, (PVOID)1), "FlsSetValue: %lu", GetLastError());
	f = CreateFiber(0, fls_fiber, NULL);
	g = CreateFiber(0, fls_fiber, NULL);
	SwitchToFiber(f);
	SwitchToFiber(g);
	CHECK(FlsGetValue(fls_index) == (PVOID)1, "the main fiber's value is its own");
	SwitchToFiber(f);
	SwitchToFiber(g);
	DeleteFiber(g);
	CHECK(callbacks == 1 && callback_sum == 20, "DeleteFiber ran the callback: %ld, %ld",
	      callbacks, callback_sum);
	t = CreateThread(NULL, 0, fls_thread, (LPVOID)fls_index, 0, NULL);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CHECK(callbacks == 2 && callback_sum == 320, "thread exit ran the callback: %ld, %ld",
	      callbacks, callback_sum);
	CHECK(FlsFree(fls_index), "FlsFree: %lu", GetLastError());
	CHECK(callbacks == 4 && callback_sum == 341,
	      "FlsFree ran the callback for every fiber's value: %ld, %ld", callbacks,
	      callback_sum);
	DeleteFiber(f);
	CHECK(callbacks == 4, "a freed index's callback ran again");
	/* Bad indexes. */
	FAILS(FlsGetValue(fls_index), NULL, ERROR_INVALID_PARAMETER);
	FAILS(FlsSetValue(fls_index, (PVOID)1), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(FlsFree(fls_index), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(FlsGetValue(FLS_MAXIMUM_AVAILABLE), NULL, ERROR_INVALID_PARAMETER);
	FAILS(FlsSetValue(FLS_OUT_OF_INDEXES, NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(FlsFree(FLS_OUT_OF_INDEXES), FALSE, ERROR_INVALID_PARAMETER);
	for (n = 0; n <= FLS_MAXIMUM_AVAILABLE; n++)
		if ((idx[n] = FlsAlloc(NULL)) == FLS_OUT_OF_INDEXES)
			break;
	CHECK(n == FLS_MAXIMUM_AVAILABLE, "%lu indexes before FLS_OUT_OF_INDEXES", n);
	while (n--)
		CHECK(FlsFree(idx[n]), "FlsFree %lu", idx[n]);
}

/* DeleteFiber of the running fiber ends the thread with code 1, after the
 * FLS callbacks, and frees the fiber's stack. */
static PVOID self_stack;

static VOID WINAPI self_deleting(LPVOID parameter)
{
	self_stack = NtCurrentTeb()->DeallocationStack;
	FlsSetValue(fls_index, (PVOID)4000);
	DeleteFiber(GetCurrentFiber());
	CHECK(0, "DeleteFiber of the running fiber returned");
	(void)parameter;
}

/* A thread that becomes a fiber and runs parameter (a fiber routine) on a
 * new fiber; 99 if that ever switched back. */
static DWORD WINAPI fiber_thread(LPVOID parameter)
{
	ConvertThreadToFiber(NULL);
	SwitchToFiber(CreateFiber(0, (LPFIBER_START_ROUTINE)parameter, NULL));
	return 99;
}

/* fiber_thread's exit code with routine. */
static DWORD run_fiber_thread(LPFIBER_START_ROUTINE routine)
{
	HANDLE t = CreateThread(NULL, 0, fiber_thread, (LPVOID)routine, 0, NULL);
	DWORD code = 0;

	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	CloseHandle(t);
	return code;
}

static void test_delete_self(void)
{
	DWORD code;
	MEMORY_BASIC_INFORMATION mbi;

	fls_index = FlsAlloc(fls_callback);
	callbacks = callback_sum = 0;
	code = run_fiber_thread(self_deleting);
	CHECK(code == 1, "the thread ended with %lu, want 1", code);
	CHECK(callbacks == 1 && callback_sum == 4000, "its FLS callback ran: %ld", callbacks);
	CHECK(VirtualQuery(self_stack, &mbi, sizeof(mbi)) && mbi.State == MEM_FREE,
	      "the fiber's stack at %p was freed (state %lx)", self_stack, mbi.State);
	FlsFree(fls_index);
}

/* Returning from a fiber's start routine ends the thread too. */
static VOID WINAPI returning(LPVOID parameter)
{
	(void)parameter;
}

static SIZE_T private_commit(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.PagefileUsage;
}

static VOID WINAPI short_lived(LPVOID parameter)
{
	FlsSetValue(fls_index, parameter);
	deep(3 * PAGE);
	SwitchToFiber(main_fiber);
}

static void test_many_no_leak(void)
{
	SIZE_T before;
	DWORD code = run_fiber_thread(returning);

	CHECK(code == 1, "a fiber routine's return ended its thread with %lu, want 1", code);
	fls_index = FlsAlloc(fls_callback);
	callbacks = 0;
	before = private_commit();
	for (DWORD i = 0; i < 1000; i++) {
		LPVOID f = CreateFiberEx(0, 256 * 1024, 0, short_lived, (LPVOID)(i + 1));
		if (!f) {
			CHECK(0, "fiber %lu: error %lu", i, GetLastError());
			break;
		}
		SwitchToFiber(f);
		DeleteFiber(f);
	}
	CHECK(callbacks == 1000, "%ld FLS callbacks for 1000 fibers", callbacks);
	CHECK(private_commit() <= before + 16 * PAGE, "commit %lu before, %lu after 1000 fibers",
	      (DWORD)before, (DWORD)private_commit());
	FlsFree(fls_index);
}

static void test_errors(void)
{
	FAILS(ConvertThreadToFiber(NULL), NULL, ERROR_ALREADY_FIBER);
	FAILS(ConvertThreadToFiberEx(NULL, 2), NULL, ERROR_INVALID_PARAMETER);
	FAILS(CreateFiberEx(0, 0, 2, returning, NULL), NULL, ERROR_INVALID_PARAMETER);
	SetLastError(0xdead);
	CHECK(!CreateFiberEx(0, 0xFFFF0000, 0, returning, NULL) && GetLastError() != 0xdead,
	      "a 4 GB stack: error %lu", GetLastError());
	CHECK(ConvertFiberToThread() && !IsThreadAFiber(), "ConvertFiberToThread");
	CHECK(GetCurrentFiber() == (PVOID)0x1e00, "no fiber after ConvertFiberToThread: NT_TIB's "
	      "Version, as Windows: %p", GetCurrentFiber());
	FAILS(ConvertFiberToThread(), FALSE, ERROR_ALREADY_THREAD);
	FAILS(ConvertThreadToFiberEx(NULL, 0x10), NULL, ERROR_INVALID_PARAMETER);
}

static void WINAPI at_exit_callback(PVOID value)
{
	printf("fibers: the FLS callback ran at exit with %p\n", value);
}

/* FlsAlloc's callbacks run at a thread's end: the process's end too. */
static void fls_at_exit(void)
{
	DWORD index = FlsAlloc(at_exit_callback);

	CHECK(index != FLS_OUT_OF_INDEXES && FlsSetValue(index, (PVOID)0x1234), "FlsAlloc");
}

static DWORD WINAPI not_a_fiber(LPVOID unused)
{
	(void)unused;
	return GetCurrentFiber() == (PVOID)0x1e00 && !IsThreadAFiber();
}

int main(void)
{
	HANDLE thread = CreateThread(NULL, 0, not_a_fiber, NULL, 0, NULL);
	DWORD code = 0;

	CHECK(!IsThreadAFiber(), "a thread is no fiber at first");
	CHECK(GetCurrentFiber() == (PVOID)0x1e00, "GetCurrentFiber on no fiber: NT_TIB's Version "
	      "0x1E00, as Windows: %p", GetCurrentFiber());
	WaitForSingleObject(thread, INFINITE);
	CHECK(GetExitCodeThread(thread, &code) && code == 1, "a new thread's too");
	CloseHandle(thread);
	main_fiber = ConvertThreadToFiberEx((LPVOID)0x55, FIBER_FLAG_FLOAT_SWITCH);
	CHECK(main_fiber && IsThreadAFiber() && GetCurrentFiber() == main_fiber,
	      "ConvertThreadToFiberEx: %lu", GetLastError());
	test_switching();
	test_teb_parts();
	test_seh_and_growth();
	test_overflow();
	test_fls();
	test_delete_self();
	test_many_no_leak();
	test_errors();
	fls_at_exit();
	printf("fibers: %d failures\n", failures);
	return failures != 0;
}
