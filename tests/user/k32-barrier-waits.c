/* Windows 8's synchronization barriers, user32's waits without a message
 * queue and the caller's context and stack as Microsoft documents them:
 * InitializeSynchronizationBarrier (fewer than one thread:
 * ERROR_INVALID_PARAMETER), EnterSynchronizationBarrier (every thread
 * waits for the phase's last, whose call alone returns TRUE; phases
 * repeat; SPIN_ONLY and BLOCK_ONLY), DeleteSynchronizationBarrier at once
 * after the last entered; MsgWaitForMultipleObjects(Ex) (a handle's index,
 * WAIT_TIMEOUT, MWMO_ALERTABLE's WAIT_IO_COMPLETION, MWMO_WAITALL timing
 * out with no input, bad flags); WaitForInputIdle (0 for a console
 * process, WAIT_FAILED for a bad handle); RtlCaptureContext (CONTEXT_FULL,
 * Eip in the caller, Esp and Ebp the caller's); RtlCaptureStackBackTrace
 * and CaptureStackBackTrace (the callers' return addresses in order,
 * skipping, the hash their sum). Prints "k32-barrier-waits: N failures". */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "k32-barrier-waits"
#include "check.h"

#define THREADS 4
#define PHASES  50

static SYNCHRONIZATION_BARRIER barrier;
static LONG arrived[PHASES], winners[PHASES], late;

struct worker {
	DWORD flags;
};

/* Each phase: count in, enter; after the barrier every thread of the
 * phase must have counted in. */
static DWORD WINAPI barrier_worker(LPVOID p)
{
	struct worker *w = p;

	for (int i = 0; i < PHASES; i++) {
		InterlockedIncrement(&arrived[i]);
		if (EnterSynchronizationBarrier(&barrier, w->flags))
			InterlockedIncrement(&winners[i]);
		if (arrived[i] != THREADS)
			InterlockedIncrement(&late);
	}
	return 0;
}

static void test_barrier(DWORD flags, LONG spin)
{
	HANDLE t[THREADS];
	struct worker w = { flags };

	memset(arrived, 0, sizeof(arrived));
	memset(winners, 0, sizeof(winners));
	late = 0;
	CHECK(InitializeSynchronizationBarrier(&barrier, THREADS, spin), "init %lu",
	      GetLastError());
	for (int i = 0; i < THREADS; i++)
		t[i] = CreateThread(NULL, 0, barrier_worker, &w, 0, NULL);
	WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);
	for (int i = 0; i < THREADS; i++)
		CloseHandle(t[i]);
	for (int i = 0; i < PHASES; i++)
		CHECK(winners[i] == 1, "flags %lu phase %d: %ld threads got TRUE", flags, i,
		      winners[i]);
	CHECK(late == 0, "flags %lu: %ld threads left before the phase was full", flags, late);
	CHECK(DeleteSynchronizationBarrier(&barrier), "delete");
}

static SYNCHRONIZATION_BARRIER pair;

static DWORD WINAPI pair_worker(LPVOID p)
{
	(void)p;
	return EnterSynchronizationBarrier(&pair, 0);
}

/* The last to enter deletes it at once: Delete waits for the other. */
static void test_delete_right_after(void)
{
	HANDLE t;
	DWORD code = 7;
	BOOL mine;

	InitializeSynchronizationBarrier(&pair, 2, -1);
	t = CreateThread(NULL, 0, pair_worker, NULL, 0, NULL);
	mine = EnterSynchronizationBarrier(&pair, SYNCHRONIZATION_BARRIER_FLAGS_BLOCK_ONLY);
	CHECK(DeleteSynchronizationBarrier(&pair), "delete after enter");
	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	CloseHandle(t);
	CHECK((mine != 0) + (code != 0) == 1, "one TRUE of two: %d %lu", mine, code);

	CHECK(InitializeSynchronizationBarrier(&pair, 1, 0) &&
	      EnterSynchronizationBarrier(&pair, 0) && EnterSynchronizationBarrier(&pair, 0),
	      "a barrier of one: TRUE every time");
	FAILS(InitializeSynchronizationBarrier(&pair, 0, -1), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(InitializeSynchronizationBarrier(&pair, -3, -1), FALSE, ERROR_INVALID_PARAMETER);
}

static LONG apc_ran;

static VOID CALLBACK apc(ULONG_PTR p)
{
	(void)p;
	apc_ran++;
}

static void test_msg_wait(void)
{
	HANDLE e[2] = { CreateEventA(NULL, TRUE, FALSE, NULL), CreateEventA(NULL, TRUE, FALSE, NULL) };
	DWORD t0;

	CHECK(MsgWaitForMultipleObjects(2, e, FALSE, 0, QS_ALLINPUT) == WAIT_TIMEOUT, "none set");
	SetEvent(e[1]);
	CHECK(MsgWaitForMultipleObjects(2, e, FALSE, INFINITE, QS_ALLINPUT) == WAIT_OBJECT_0 + 1,
	      "the second");
	CHECK(MsgWaitForMultipleObjectsEx(2, e, 1000, QS_ALLEVENTS, MWMO_INPUTAVAILABLE) ==
	      WAIT_OBJECT_0 + 1, "Ex: the second");
	SetEvent(e[0]);
	t0 = GetTickCount();
	CHECK(MsgWaitForMultipleObjectsEx(2, e, 100, QS_ALLINPUT, MWMO_WAITALL) == WAIT_TIMEOUT,
	      "MWMO_WAITALL needs input too: it times out");
	CHECK(GetTickCount() - t0 >= 90, "after the timeout: %lu ms", GetTickCount() - t0);
	CHECK(MsgWaitForMultipleObjects(0, NULL, FALSE, 20, QS_ALLINPUT) == WAIT_TIMEOUT,
	      "no handles");
	QueueUserAPC(apc, GetCurrentThread(), 0);
	CHECK(MsgWaitForMultipleObjectsEx(0, NULL, INFINITE, QS_ALLINPUT, MWMO_ALERTABLE) ==
	      WAIT_IO_COMPLETION && apc_ran == 1, "alertable: the APC ran");
	FAILS(MsgWaitForMultipleObjectsEx(2, e, 0, QS_ALLINPUT, 0x80), WAIT_FAILED,
	      ERROR_INVALID_PARAMETER);
	FAILS(MsgWaitForMultipleObjectsEx(2, e, 0, 0x40000, 0), WAIT_FAILED, ERROR_INVALID_FLAGS);
	FAILS(MsgWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0, 0), WAIT_FAILED,
	      ERROR_INVALID_PARAMETER);
	CloseHandle(e[1]);
	FAILS(MsgWaitForMultipleObjects(2, e, FALSE, 0, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
	FAILS(MsgWaitForMultipleObjects(2, e, TRUE, 0, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
	CloseHandle(e[0]);

	CHECK(WaitForInputIdle(GetCurrentProcess(), INFINITE) == 0, "a console process: 0");
	FAILS(WaitForInputIdle((HANDLE)0x1234, 10), WAIT_FAILED, ERROR_INVALID_HANDLE);
}

static __attribute__((noinline)) void test_context(void)
{
	CONTEXT c;
	ULONG_PTR start = (ULONG_PTR)test_context;

	memset(&c, 0xcc, sizeof(c));
	RtlCaptureContext(&c);
	CHECK(c.ContextFlags == CONTEXT_FULL, "flags %#lx", c.ContextFlags);
	CHECK(start < c.Eip && c.Eip < start + 0x200, "Eip %#lx in the caller at %#lx", c.Eip,
	      start);
	CHECK(c.Ebp == (ULONG_PTR)__builtin_frame_address(0), "Ebp %#lx", c.Ebp);
	CHECK(c.Esp < c.Ebp && c.Ebp - c.Esp < sizeof(c) + 256, "Esp %#lx below Ebp", c.Esp);
	CHECK((c.SegCs & 3) == 3 && (c.SegSs & 3) == 3, "ring 3 selectors %#lx %#lx", c.SegCs,
	      c.SegSs);
	CHECK(c.EFlags & 0x200, "interrupts on: %#lx", c.EFlags);
}

static PVOID trace[8];
static ULONG hash;
static USHORT captured, skipped;
static PVOID level_addr[3];

static __attribute__((noinline)) void level3(void)
{
	PVOID two[2];

	level_addr[2] = __builtin_return_address(0);
	captured = CaptureStackBackTrace(0, 8, trace, &hash);
	skipped = RtlCaptureStackBackTrace(1, 2, two, NULL);
	CHECK(skipped == 2 && two[0] == trace[1] && two[1] == trace[2], "skipping one");
	__asm__ __volatile__("" ::: "memory");
}

static __attribute__((noinline)) void level2(void)
{
	level_addr[1] = __builtin_return_address(0);
	level3();
	__asm__ __volatile__("" ::: "memory");
}

static __attribute__((noinline)) void level1(void)
{
	level_addr[0] = __builtin_return_address(0);
	level2();
	__asm__ __volatile__("" ::: "memory");
}

static void test_backtrace(void)
{
	ULONG sum = 0;

	level1();
	CHECK(captured >= 4, "captured %u frames", captured);
	/* trace[0] is in level3, trace[1] its return into level2, ... */
	CHECK(trace[1] == level_addr[2] && trace[2] == level_addr[1] && trace[3] == level_addr[0],
	      "the callers in order: %p %p %p", trace[1], trace[2], trace[3]);
	for (USHORT i = 0; i < captured; i++)
		sum += (ULONG)trace[i];
	CHECK(hash == sum, "hash %#lx, sum %#lx", hash, sum);
	CHECK(RtlCaptureStackBackTrace(0, 0, trace, NULL) == 0, "none asked");
	CHECK(RtlCaptureStackBackTrace(1000, 5, trace, &hash) == 0 && hash == 0,
	      "skipping past the top");
}

int main(void)
{
	test_barrier(0, -1);
	test_barrier(SYNCHRONIZATION_BARRIER_FLAGS_SPIN_ONLY, 100);
	test_barrier(SYNCHRONIZATION_BARRIER_FLAGS_BLOCK_ONLY | SYNCHRONIZATION_BARRIER_FLAGS_NO_DELETE,
		     0);
	test_delete_right_after();
	test_msg_wait();
	test_context();
	test_backtrace();
	printf("k32-barrier-waits: %d failures\n", failures);
	return failures != 0;
}
