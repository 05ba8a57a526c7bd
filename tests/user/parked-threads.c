/* A process whose threads are parked in each way a thread waits, for the
 * tools that list threads: tests/gdb/vados-threads.gdb (vados-threads,
 * vados-bt) and the shell's `threads` scenario. Besides main:
 *   waiter     WaitForSingleObject on the stop event
 *   high       the same at THREAD_PRIORITY_HIGHEST (base priority 10)
 *   sleeper    Sleep for the whole hold
 *   suspended  created CREATE_SUSPENDED: it never ran (suspend count 1)
 * Main checks what SYS_LIST_THREADS says of each (state, wait reason,
 * priorities, suspend count, TEB and stack), prints "parked-threads:
 * parked" with the thread ids, sets the named event PARKED_EVENT, makes one
 * SwitchToThread (where the gdb test stops), and holds everything for
 * SECONDS (no argument: until killed). Then it releases the threads, checks
 * their exit codes and ends with "parked-threads: N failures".
 * With --await it only waits (10 s at most) for another instance to have
 * parked its threads: the shell scenario runs it in the foreground so that
 * its next commands see them parked.
 *
 *   parked-threads [SECONDS]
 *   parked-threads --await */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"

#define TEST_NAME "parked-threads"
#define PARKED_EVENT "vados-parked-threads"
#include "check.h"

enum { WAITER, HIGH, SLEEPER, SUSPENDED, PARKED };

static HANDLE stop;
static DWORD hold_ms = INFINITE;
static const char *const names[PARKED] = { "waiter", "high", "sleeper", "suspended" };

static DWORD WINAPI wait_for_stop(LPVOID code)
{
	WaitForSingleObject(stop, INFINITE);
	return (DWORD)code;
}

static DWORD WINAPI sleep_hold(LPVOID code)
{
	Sleep(hold_ms);
	return (DWORD)code;
}

/* The caller's process's threads, as SYS_LIST_THREADS gives them. */
static uint32_t list_threads(struct vados_thread_info *out, uint32_t max)
{
	uint32_t args[3] = { GetCurrentProcessId(), (uint32_t)out, max };
	struct vados_result r = vados_syscall(SYS_LIST_THREADS, args);

	CHECK(r.error == 0, "SYS_LIST_THREADS: error %u", r.error);
	return r.error ? 0 : r.value;
}

/* The entry of thread tid among n, or NULL. */
static const struct vados_thread_info *entry_of(const struct vados_thread_info *t, uint32_t n,
						DWORD tid)
{
	for (uint32_t i = 0; i < n; i++)
		if (t[i].tid == tid)
			return &t[i];
	return NULL;
}

/* Waits up to 5 s until every parked thread waits; returns the last list. */
static uint32_t wait_parked(struct vados_thread_info *t, uint32_t max, const DWORD *tids)
{
	uint32_t n = 0;

	for (int tries = 0; tries < 500; tries++) {
		int waiting = 0;
		n = list_threads(t, max);
		for (int k = 0; k < PARKED; k++) {
			const struct vados_thread_info *e = entry_of(t, n, tids[k]);
			waiting += e && e->state == 2;
		}
		if (waiting == PARKED)
			break;
		Sleep(10);
	}
	return n;
}

/* What SYS_LIST_THREADS says of parked thread k. */
static void check_parked(const struct vados_thread_info *e, int k)
{
	static const char *const reasons[PARKED] = { "Executive", "Executive", "DelayExecution",
						     "Suspended" };

	if (!e) {
		CHECK(0, "%s is not listed", names[k]);
		return;
	}
	CHECK(e->pid == GetCurrentProcessId(), "%s: pid %u", names[k], e->pid);
	CHECK(e->state == 2, "%s: state %u, want 2 (waiting)", names[k], e->state);
	CHECK(strcmp(e->wait_reason, reasons[k]) == 0, "%s: wait reason \"%s\", want \"%s\"",
	      names[k], e->wait_reason, reasons[k]);
	CHECK(e->base_priority == (k == HIGH ? 10u : 8u), "%s: base priority %u", names[k],
	      e->base_priority);
	CHECK(e->priority >= e->base_priority, "%s: priority %u below its base %u", names[k],
	      e->priority, e->base_priority);
	CHECK(e->suspend_count == (k == SUSPENDED), "%s: suspend count %u", names[k],
	      e->suspend_count);
	CHECK(e->teb && e->stack_base > e->stack_limit && e->stack_base - e->stack_limit <= 0x100000,
	      "%s: TEB 0x%x, stack 0x%x-0x%x", names[k], e->teb, e->stack_limit, e->stack_base);
}

/* Main's own entry: running, with the TEB and stack its TEB says. */
static void check_main(const struct vados_thread_info *e)
{
	PNT_TIB tib = &NtCurrentTeb()->NtTib;

	if (!e) {
		CHECK(0, "main is not listed");
		return;
	}
	CHECK(e->state == 1, "main: state %u, want 1 (running)", e->state);
	CHECK(e->wait_reason[0] == '\0', "main: wait reason \"%s\" while running", e->wait_reason);
	CHECK(e->teb == (uint32_t)NtCurrentTeb(), "main: TEB 0x%x, NtCurrentTeb %p", e->teb,
	      (void *)NtCurrentTeb());
	CHECK(e->stack_base == (uint32_t)tib->StackBase && e->stack_limit == (uint32_t)tib->StackLimit,
	      "main: stack 0x%x-0x%x, the TEB's %p-%p", e->stack_limit, e->stack_base,
	      tib->StackLimit, tib->StackBase);
}

/* Ends the hold: every parked thread returns its index + 1. */
static void release(HANDLE *h)
{
	SetEvent(stop);
	ResumeThread(h[SUSPENDED]);
	for (int k = 0; k < PARKED; k++) {
		DWORD code = 0;
		CHECK(WaitForSingleObject(h[k], 5000) == WAIT_OBJECT_0, "%s did not end", names[k]);
		CHECK(GetExitCodeThread(h[k], &code) && code == (DWORD)k + 1, "%s: exit code %lu",
		      names[k], code);
		CloseHandle(h[k]);
	}
}

/* --await: another instance's threads are parked once PARKED_EVENT is set. */
static int await_parked(void)
{
	HANDLE parked = CreateEventA(NULL, TRUE, FALSE, PARKED_EVENT);
	DWORD r = parked ? WaitForSingleObject(parked, 10000) : WAIT_FAILED;

	printf(TEST_NAME ": --await: %s\n", r == WAIT_OBJECT_0 ? "the threads are parked" :
	       "no instance parked its threads in 10 s");
	if (parked)
		CloseHandle(parked);
	return r != WAIT_OBJECT_0;
}

int main(int argc, char **argv)
{
	static struct vados_thread_info t[16];
	HANDLE h[PARKED], parked;
	DWORD tids[PARKED];
	uint32_t n;

	if (argc > 1 && strcmp(argv[1], "--await") == 0)
		return await_parked();
	if (argc > 1)
		hold_ms = (DWORD)atoi(argv[1]) * 1000;
	stop = CreateEventA(NULL, TRUE, FALSE, NULL);
	parked = CreateEventA(NULL, TRUE, FALSE, PARKED_EVENT);
	h[WAITER] = CreateThread(NULL, 0, wait_for_stop, (LPVOID)1, 0, &tids[WAITER]);
	h[HIGH] = CreateThread(NULL, 0, wait_for_stop, (LPVOID)2, CREATE_SUSPENDED, &tids[HIGH]);
	h[SLEEPER] = CreateThread(NULL, 0, sleep_hold, (LPVOID)3, 0, &tids[SLEEPER]);
	h[SUSPENDED] = CreateThread(NULL, 0, wait_for_stop, (LPVOID)4, CREATE_SUSPENDED,
				    &tids[SUSPENDED]);
	for (int k = 0; k < PARKED; k++)
		if (!stop || !parked || !h[k]) {
			printf(TEST_NAME ": cannot create the %s: error %lu\n", names[k], GetLastError());
			return 1;
		}
	CHECK(SetThreadPriority(h[HIGH], THREAD_PRIORITY_HIGHEST), "SetThreadPriority: %lu",
	      GetLastError());
	ResumeThread(h[HIGH]);
	n = wait_parked(t, 16, tids);
	CHECK(n == PARKED + 1, "%u threads listed, want %u", n, PARKED + 1);
	for (int k = 0; k < PARKED; k++)
		check_parked(entry_of(t, n, tids[k]), k);
	check_main(entry_of(t, n, GetCurrentThreadId()));
	printf(TEST_NAME ": parked: main %lu, waiter %lu, high %lu, sleeper %lu, suspended %lu\n",
	       GetCurrentThreadId(), tids[WAITER], tids[HIGH], tids[SLEEPER], tids[SUSPENDED]);
	SetEvent(parked);
	SwitchToThread();               /* where tests/gdb/vados-threads.gdb stops */
	WaitForSingleObject(stop, hold_ms);
	release(h);
	CloseHandle(parked);
	CloseHandle(stop);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
