/* Critical sections as Microsoft documents them, with XP's field layout:
 * 64 threads contending (a plain counter under the section and Interlocked
 * counters beside it come out exact, and no two threads are ever inside);
 * recursion counted in RecursionCount and LockCount; TryEnter fails while
 * another thread owns the section and recurses for the owner; an uncontended
 * Enter and Leave make no system call (single-stepped: no int 0x2e or
 * sysenter among their instructions) and make no event; the event contention
 * made is closed by DeleteCriticalSection (the handle count comes back); the
 * spin count is 0 on one processor; a thread terminated while owning a
 * section leaves it owned, so others block (TerminateThread's warning). */
#include <windows.h>

#define TEST_NAME "thread-critical-section"
#include "check.h"
#include "ob-common.h"
#include "thread-common.h"

#define THREADS 64
#define ROUNDS  2000
#define EFLAGS_TF 0x100u

static CRITICAL_SECTION cs;
static volatile LONG counter, inside, overlaps, max_waiters, interlocked_total;

static DWORD WINAPI contend(LPVOID p)
{
	(void)p;
	for (int i = 0; i < ROUNDS; i++) {
		EnterCriticalSection(&cs);
		if (InterlockedIncrement(&inside) != 1)
			InterlockedIncrement(&overlaps);
		LONG v = counter, waiters = cs.LockCount - (cs.RecursionCount - 1);
		if (waiters > max_waiters)
			max_waiters = waiters;
		if (i % 64 == 0)
			SwitchToThread();       /* the others pile up behind us */
		counter = v + 1;
		InterlockedDecrement(&inside);
		LeaveCriticalSection(&cs);
		InterlockedExchangeAdd(&interlocked_total, 2);
	}
	return 0;
}

static void stress(void)
{
	DWORD handles, start = GetTickCount();

	InitializeCriticalSection(&cs);
	handles = ob_handle_count(GetCurrentProcessId());
	CHECK(run_threads(contend, THREADS, 0) == 0, "every thread made and ended");
	printf(TEST_NAME ": %d threads x %d rounds in %lu ms, up to %ld waiting\n", THREADS,
	       ROUNDS, GetTickCount() - start, max_waiters);
	CHECK(counter == THREADS * ROUNDS, "counter %ld, want %d", counter, THREADS * ROUNDS);
	CHECK(interlocked_total == 2 * THREADS * ROUNDS, "Interlocked total %ld",
	      interlocked_total);
	CHECK(overlaps == 0, "%ld times two threads were inside at once", overlaps);
	CHECK(max_waiters > 1, "the threads never contended (%ld)", max_waiters);
	CHECK(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == NULL,
	      "free again: LockCount %ld RecursionCount %ld owner %p", cs.LockCount,
	      cs.RecursionCount, cs.OwningThread);
	CHECK(cs.LockSemaphore != NULL, "contention made the section's event");
	CHECK(ob_handle_count(GetCurrentProcessId()) == handles + 1,
	      "one handle more: the event (%lu, was %lu)",
	      ob_handle_count(GetCurrentProcessId()), handles);
	DeleteCriticalSection(&cs);
	CHECK(ob_handle_count(GetCurrentProcessId()) == handles,
	      "DeleteCriticalSection closes the event: %lu handles, was %lu",
	      ob_handle_count(GetCurrentProcessId()), handles);
}

/* XP's layout: every Enter adds one to LockCount (from -1), recursive ones
 * included, and RecursionCount counts the owner's entries. */
static void recursion(void)
{
	DWORD me = GetCurrentThreadId();

	InitializeCriticalSection(&cs);
	CHECK(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == NULL &&
	      cs.LockSemaphore == NULL, "a new section is free");
	EnterCriticalSection(&cs);
	CHECK(cs.LockCount == 0 && cs.RecursionCount == 1 && cs.OwningThread == (HANDLE)me,
	      "entered once: LockCount %ld RecursionCount %ld", cs.LockCount, cs.RecursionCount);
	EnterCriticalSection(&cs);
	CHECK(TryEnterCriticalSection(&cs), "TryEnter by the owner succeeds");
	CHECK(cs.LockCount == 2 && cs.RecursionCount == 3, "three deep: LockCount %ld "
	      "RecursionCount %ld", cs.LockCount, cs.RecursionCount);
	LeaveCriticalSection(&cs);
	LeaveCriticalSection(&cs);
	CHECK(cs.LockCount == 0 && cs.RecursionCount == 1 && cs.OwningThread == (HANDLE)me,
	      "still owned once");
	LeaveCriticalSection(&cs);
	CHECK(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == NULL,
	      "free after as many leaves as enters");
	CHECK(cs.LockSemaphore == NULL, "no contention, no event");
}

static HANDLE entered, release;

static DWORD WINAPI hold(LPVOID p)
{
	(void)p;
	EnterCriticalSection(&cs);
	SetEvent(entered);
	WaitForSingleObject(release, INFINITE);
	LeaveCriticalSection(&cs);
	return 0;
}

static DWORD WINAPI try_enter(LPVOID p)
{
	BOOL ok = TryEnterCriticalSection(&cs);

	(void)p;
	if (ok)
		LeaveCriticalSection(&cs);
	return ok;
}

static DWORD WINAPI enter_leave(LPVOID p)
{
	(void)p;
	EnterCriticalSection(&cs);
	LeaveCriticalSection(&cs);
	return 7;
}

static DWORD run_and_wait(LPTHREAD_START_ROUTINE fn)
{
	DWORD code = 0xDEAD;
	HANDLE h = CreateThread(NULL, 0, fn, NULL, 0, NULL);

	WaitForSingleObject(h, 5000);
	GetExitCodeThread(h, &code);
	CloseHandle(h);
	return code;
}

static void try_enter_while_owned(void)
{
	HANDLE owner;
	LONG lock_count;

	entered = CreateEventA(NULL, FALSE, FALSE, NULL);
	release = CreateEventA(NULL, FALSE, FALSE, NULL);
	owner = CreateThread(NULL, 0, hold, NULL, 0, NULL);
	WaitForSingleObject(entered, 5000);
	lock_count = cs.LockCount;
	CHECK(!TryEnterCriticalSection(&cs), "TryEnter while another thread owns it: FALSE");
	CHECK(cs.LockCount == lock_count && cs.RecursionCount == 1, "a failed TryEnter "
	      "changes nothing: LockCount %ld", cs.LockCount);
	CHECK(run_and_wait(try_enter) == FALSE, "TryEnter by a third thread: FALSE");
	SetEvent(release);
	WaitForSingleObject(owner, 5000);
	CloseHandle(owner);
	CHECK(run_and_wait(try_enter) == TRUE, "TryEnter of a free section: TRUE");
	CHECK(TryEnterCriticalSection(&cs), "TryEnter by the main thread");
	LeaveCriticalSection(&cs);
	CHECK(cs.LockCount == -1 && cs.OwningThread == NULL, "free again");
}

/* Single-stepping: counts the instructions run and the system calls among
 * them (int 0x2e, sysenter), until step_end. */
static volatile DWORD steps, syscalls, stepping;
extern char step_end[];

static LONG CALLBACK step_handler(PEXCEPTION_POINTERS ep)
{
	PCONTEXT c = ep->ContextRecord;
	const BYTE *at = (const BYTE *)c->Eip;

	if (ep->ExceptionRecord->ExceptionCode != STATUS_SINGLE_STEP || !stepping)
		return EXCEPTION_CONTINUE_SEARCH;
	if ((DWORD)at == (DWORD)step_end) {
		stepping = 0;
		c->EFlags &= ~EFLAGS_TF;
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	steps++;
	if ((at[0] == 0xCD && at[1] == 0x2E) || (at[0] == 0x0F && at[1] == 0x34)) {
		syscalls++;
		stepping = 0;                   /* never into the kernel with TF set */
		c->EFlags &= ~EFLAGS_TF;
	}
	return EXCEPTION_CONTINUE_EXECUTION;
}

static void __attribute__((noinline)) enter_and_leave(void)
{
	EnterCriticalSection(&cs);
	LeaveCriticalSection(&cs);
}

static void __attribute__((noinline)) current_process_id(void)
{
	GetCurrentProcessId();
}

/* Runs fn single-stepped; the system calls it made (1 at most: the step ends there). */
static DWORD syscalls_in(void (*fn)(void))
{
	steps = syscalls = 0;
	stepping = 1;
	asm volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl" ::: "memory", "cc");
	fn();
	asm volatile(".globl step_end\nstep_end:\n\t"
		     "pushfl\n\tandl $~0x100, (%%esp)\n\tpopfl" ::: "memory", "cc");
	return syscalls;
}

static void uncontended_makes_no_system_call(void)
{
	PVOID vh = AddVectoredExceptionHandler(1, step_handler);

	CHECK(syscalls_in(current_process_id) == 1,
	      "the step counter sees GetCurrentProcessId's system call");
	CHECK(syscalls_in(enter_and_leave) == 0 && steps > 10,
	      "an uncontended Enter and Leave: %lu system calls in %lu instructions",
	      syscalls, steps);
	printf(TEST_NAME ": uncontended Enter and Leave: %lu instructions, %lu system calls\n",
	      steps, syscalls);
	CHECK(cs.LockSemaphore == NULL, "still no event");
	/* Contended once (the event exists), an uncontended pair still makes none. */
	entered = CreateEventA(NULL, FALSE, FALSE, NULL);
	release = CreateEventA(NULL, FALSE, FALSE, NULL);
	HANDLE owner = CreateThread(NULL, 0, hold, NULL, 0, NULL);
	WaitForSingleObject(entered, 5000);
	HANDLE waiter = CreateThread(NULL, 0, enter_leave, NULL, 0, NULL);
	Sleep(20);                      /* the waiter blocks on the section */
	SetEvent(release);
	CHECK(WaitForSingleObject(waiter, 5000) == WAIT_OBJECT_0, "the waiter got in");
	WaitForSingleObject(owner, 5000);
	CloseHandle(owner);
	CloseHandle(waiter);
	CHECK(cs.LockSemaphore != NULL, "contention made the event");
	CHECK(syscalls_in(enter_and_leave) == 0, "uncontended after contention: %lu calls",
	      syscalls);
	RemoveVectoredExceptionHandler(vh);
	CloseHandle(entered);
	CloseHandle(release);
	DeleteCriticalSection(&cs);
}

/* "On single-processor systems, the spin count is ignored and the critical
 * section spin count is set to 0" (vados has one processor). */
static void spin_counts(void)
{
	SYSTEM_INFO si;

	GetSystemInfo(&si);
	CHECK(si.dwNumberOfProcessors == 1, "%lu processors", si.dwNumberOfProcessors);
	CHECK(InitializeCriticalSectionAndSpinCount(&cs, 4000), "TRUE");
	CHECK(cs.SpinCount == 0, "spin count %lu on one processor", (DWORD)cs.SpinCount);
	CHECK(SetCriticalSectionSpinCount(&cs, 100) == 0 && cs.SpinCount == 0,
	      "SetCriticalSectionSpinCount: the previous count, and 0 kept");
	CHECK(cs.LockCount == -1 && cs.RecursionCount == 0, "initialized free");
	DeleteCriticalSection(&cs);
}

/* TerminateThread's documented hazard: "If the target thread owns a
 * critical section, the critical section will not be released." */
static DWORD WINAPI enter_and_sleep(LPVOID p)
{
	(void)p;
	EnterCriticalSection(&cs);
	SetEvent(entered);
	Sleep(INFINITE);
	return 0;
}

static void terminated_owner_keeps_it(void)
{
	HANDLE owner, waiter;
	DWORD owner_id, code;

	InitializeCriticalSection(&cs);
	entered = CreateEventA(NULL, FALSE, FALSE, NULL);
	owner = CreateThread(NULL, 0, enter_and_sleep, NULL, 0, &owner_id);
	WaitForSingleObject(entered, 5000);
	CHECK(TerminateThread(owner, 9), "TerminateThread: %lu", GetLastError());
	CHECK(WaitForSingleObject(owner, 5000) == WAIT_OBJECT_0, "terminated");
	CHECK(cs.OwningThread == (HANDLE)owner_id && cs.RecursionCount == 1,
	      "still owned by the dead thread (%p, want %lu)", cs.OwningThread, owner_id);
	CHECK(!TryEnterCriticalSection(&cs), "TryEnter fails: nobody will leave it");
	waiter = CreateThread(NULL, 0, enter_leave, NULL, 0, NULL);
	CHECK(WaitForSingleObject(waiter, 300) == WAIT_TIMEOUT, "a thread entering blocks");
	CHECK(TerminateThread(waiter, 5) && WaitForSingleObject(waiter, 5000) == WAIT_OBJECT_0,
	      "the blocked thread can be terminated");
	CHECK(GetExitCodeThread(waiter, &code) && code == 5, "with its code %lu", code);
	CloseHandle(owner);
	CloseHandle(waiter);
	CloseHandle(entered);
	DeleteCriticalSection(&cs);
}

int main(void)
{
	stress();
	recursion();
	try_enter_while_owned();
	uncontended_makes_no_system_call();
	spin_counts();
	terminated_owner_keeps_it();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
