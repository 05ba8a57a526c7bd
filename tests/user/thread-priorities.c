/* Thread priorities on one CPU, as "Scheduling Priorities" and "Priority
 * Boosts" describe them: every THREAD_PRIORITY_* value round-trips and maps
 * to NORMAL_PRIORITY_CLASS's base (IDLE 1, LOWEST 6 .. HIGHEST 10,
 * TIME_CRITICAL 15); other values fail with ERROR_INVALID_PARAMETER and
 * change nothing; the rights are checked; a HIGHEST thread busy for 50 ms
 * keeps a ready NORMAL one from running at all; a LOWEST thread gets the CPU
 * within a few seconds while a HIGHEST one spins (NT's starvation boost);
 * SwitchToThread runs a lower-priority thread and says whether one ran;
 * Sleep(0) yields to a thread of equal priority, not to a lower one;
 * THREAD_MODE_BACKGROUND_BEGIN/END work on the calling thread only, not
 * twice in a row, and leave the priority as it was. */
#include <windows.h>

#define TEST_NAME "thread-priorities"
#include "check.h"
#include "ob-common.h"

static const int valid[] = { THREAD_PRIORITY_IDLE, THREAD_PRIORITY_LOWEST,
			     THREAD_PRIORITY_BELOW_NORMAL, THREAD_PRIORITY_NORMAL,
			     THREAD_PRIORITY_ABOVE_NORMAL, THREAD_PRIORITY_HIGHEST,
			     THREAD_PRIORITY_TIME_CRITICAL };
static const unsigned base_of[] = { 1, 6, 7, 8, 9, 10, 15 };

/* The base priority the kernel shows for thread tid (the shell's threads). */
static unsigned base_priority(DWORD tid)
{
	static struct vados_thread_info info[16];
	uint32_t args[3] = { GetCurrentProcessId(), (uint32_t)info, 16 };
	struct vados_result r = vados_syscall(SYS_LIST_THREADS, args);

	for (uint32_t i = 0; r.error == 0 && i < r.value; i++)
		if (info[i].tid == tid)
			return info[i].base_priority;
	return 0;
}

static DWORD WINAPI idle_thread(LPVOID p)
{
	(void)p;
	return 0;
}

static void values(void)
{
	static const int invalid[] = { 3, -3, 14, -14, 16, -16, 31, 0x7FFFFFFF, -2147483647 - 1 };
	DWORD tid;
	HANDLE h = CreateThread(NULL, 0, idle_thread, NULL, CREATE_SUSPENDED, &tid), weak;

	CHECK(GetThreadPriority(h) == THREAD_PRIORITY_NORMAL, "a new thread is NORMAL");
	for (unsigned i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		CHECK(SetThreadPriority(h, valid[i]), "SetThreadPriority(%d): %lu", valid[i],
		      GetLastError());
		CHECK(GetThreadPriority(h) == valid[i], "%d reads back as %d", valid[i],
		      GetThreadPriority(h));
		CHECK(base_priority(tid) == base_of[i], "%d: base priority %u, want %u", valid[i],
		      base_priority(tid), base_of[i]);
	}
	SetThreadPriority(h, THREAD_PRIORITY_BELOW_NORMAL);
	for (unsigned i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		CHECK_ERR(SetThreadPriority(h, invalid[i]), ERROR_INVALID_PARAMETER);
		CHECK(GetThreadPriority(h) == THREAD_PRIORITY_BELOW_NORMAL, "%d changed nothing",
		      invalid[i]);
	}
	CHECK(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_ABOVE_NORMAL) &&
	      GetThreadPriority(GetCurrentThread()) == THREAD_PRIORITY_ABOVE_NORMAL &&
	      base_priority(GetCurrentThreadId()) == 9, "the pseudo-handle's own priority");
	SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_NORMAL);
	/* Rights: QUERY_(LIMITED_)INFORMATION to read, SET_(LIMITED_)INFORMATION to set. */
	weak = OpenThread(SYNCHRONIZE, FALSE, tid);
	SetLastError(0);
	CHECK(GetThreadPriority(weak) == THREAD_PRIORITY_ERROR_RETURN &&
	      GetLastError() == ERROR_ACCESS_DENIED, "reading needs a query right: %lu",
	      GetLastError());
	CHECK_ERR(SetThreadPriority(weak, 0), ERROR_ACCESS_DENIED);
	CloseHandle(weak);
	weak = OpenThread(THREAD_QUERY_LIMITED_INFORMATION | THREAD_SET_LIMITED_INFORMATION,
			  FALSE, tid);
	CHECK(SetThreadPriority(weak, THREAD_PRIORITY_LOWEST) &&
	      GetThreadPriority(weak) == THREAD_PRIORITY_LOWEST, "the limited rights suffice");
	CloseHandle(weak);
	SetLastError(0);
	CHECK(GetThreadPriority((HANDLE)0x1234) == THREAD_PRIORITY_ERROR_RETURN &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a bad handle: %lu", GetLastError());
	CHECK(GetThreadPriority(GetCurrentProcess()) == THREAD_PRIORITY_ERROR_RETURN &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a process handle: %lu", GetLastError());
	CHECK_ERR(SetThreadPriority(NULL, 0), ERROR_INVALID_HANDLE);
	ResumeThread(h);
	WaitForSingleObject(h, 5000);
	CHECK(GetThreadPriority(h) == THREAD_PRIORITY_LOWEST, "an ended thread keeps its value");
	CloseHandle(h);
}

static volatile LONG flag;

static DWORD WINAPI set_flag(LPVOID p)
{
	(void)p;
	InterlockedExchange(&flag, 1);
	return 0;
}

/* The caller at HIGHEST busy for 50 ms: a ready NORMAL thread cannot run. */
static void highest_runs_first(void)
{
	HANDLE h;
	DWORD start;

	flag = 0;
	CHECK(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_HIGHEST), "HIGHEST");
	h = CreateThread(NULL, 0, set_flag, NULL, 0, NULL);
	start = GetTickCount();
	while (GetTickCount() - start < 50)
		;
	CHECK(flag == 0, "a NORMAL thread ran while a HIGHEST one was busy");
	Sleep(10);
	CHECK(flag == 1, "it runs once the HIGHEST thread sleeps");
	SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_NORMAL);
	WaitForSingleObject(h, 5000);
	CloseHandle(h);
}

/* A LOWEST thread while a HIGHEST one spins: NT raises a thread ready for
 * about 4 seconds to 15 for a quantum, so it does run, but only then. */
static volatile DWORD starved_ran_at;
static volatile LONG stop_spinning;

static DWORD WINAPI note_time(LPVOID p)
{
	(void)p;
	starved_ran_at = GetTickCount();
	InterlockedExchange(&stop_spinning, 1);
	return 0;
}

static DWORD WINAPI spin_until_stopped(LPVOID p)
{
	DWORD start = GetTickCount();

	(void)p;
	while (!stop_spinning && GetTickCount() - start < 20000)
		;
	return stop_spinning ? 0 : 1;
}

static void starvation_avoided(void)
{
	DWORD start = GetTickCount(), code = 9;
	HANDLE spinner = CreateThread(NULL, 0, spin_until_stopped, NULL, CREATE_SUSPENDED, NULL);
	HANDLE low = CreateThread(NULL, 0, note_time, NULL, CREATE_SUSPENDED, NULL);

	stop_spinning = 0;
	SetThreadPriority(spinner, THREAD_PRIORITY_HIGHEST);
	SetThreadPriority(low, THREAD_PRIORITY_LOWEST);
	ResumeThread(spinner);          /* it takes the CPU at once */
	ResumeThread(low);
	CHECK(WaitForSingleObject(spinner, 30000) == WAIT_OBJECT_0 &&
	      GetExitCodeThread(spinner, &code) && code == 0,
	      "the LOWEST thread never ran while the HIGHEST one spun");
	WaitForSingleObject(low, 5000);
	printf(TEST_NAME ": a LOWEST thread ran after %lu ms beside a spinning HIGHEST one\n",
	       starved_ran_at - start);
	CHECK(starved_ran_at - start >= 1000 && starved_ran_at - start <= 8000,
	      "it ran after %lu ms: a boost after seconds, not at once",
	      starved_ran_at - start);
	CloseHandle(spinner);
	CloseHandle(low);
}

static volatile LONG ticks;

/* Runs for ms without waiting: a wait boost decays one level a quantum. */
static void busy(DWORD ms)
{
	DWORD start = GetTickCount();

	while (GetTickCount() - start < ms)
		;
}

static DWORD WINAPI count_until_stopped(LPVOID p)
{
	(void)p;
	while (!stop_spinning)
		InterlockedIncrement(&ticks);
	return 0;
}

static void yields(void)
{
	HANDLE h;
	LONG before;
	int none = 0, ran;

	Sleep(20);
	busy(30);                       /* our wait boost decays */
	for (int i = 0; i < 10; i++)
		none += !SwitchToThread();
	CHECK(none > 0, "SwitchToThread with nothing else ready returns FALSE");
	/* A LOWEST thread ready beside us (NORMAL). */
	stop_spinning = 0;
	ticks = 0;
	h = CreateThread(NULL, 0, count_until_stopped, NULL, CREATE_SUSPENDED, NULL);
	SetThreadPriority(h, THREAD_PRIORITY_LOWEST);
	ResumeThread(h);
	busy(30);
	before = ticks;
	for (int i = 0; i < 50; i++)
		Sleep(0);
	CHECK(ticks == before, "Sleep(0) let a lower-priority thread run");
	ran = SwitchToThread();
	CHECK(ran && ticks != before, "SwitchToThread runs a lower-priority thread (%d, %ld)",
	      ran, ticks - before);
	/* The same thread at our priority: Sleep(0) gives it the CPU, once our
	 * own wait boost (+1 after SwitchToThread's wait) has decayed. */
	SetThreadPriority(h, THREAD_PRIORITY_NORMAL);
	busy(30);
	before = ticks;
	Sleep(0);
	CHECK(ticks != before, "Sleep(0) yields to a thread of equal priority");
	stop_spinning = 1;
	WaitForSingleObject(h, 5000);
	CloseHandle(h);
}

static void background_mode_of_the_calling_thread_only(void)
{
	HANDLE self = GetCurrentThread(), other;

	other = CreateThread(NULL, 0, idle_thread, NULL, CREATE_SUSPENDED, NULL);
	FAILS(SetThreadPriority(other, THREAD_MODE_BACKGROUND_BEGIN), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetThreadPriority(self, THREAD_MODE_BACKGROUND_END), FALSE,
	      ERROR_THREAD_MODE_NOT_BACKGROUND);
	CHECK(SetThreadPriority(self, THREAD_MODE_BACKGROUND_BEGIN), "begin: %lu", GetLastError());
	FAILS(SetThreadPriority(self, THREAD_MODE_BACKGROUND_BEGIN), FALSE,
	      ERROR_THREAD_MODE_ALREADY_BACKGROUND);
	CHECK(GetThreadPriority(self) == THREAD_PRIORITY_NORMAL, "priority %d",
	      GetThreadPriority(self));
	CHECK(SetThreadPriority(self, THREAD_MODE_BACKGROUND_END), "end: %lu", GetLastError());
	ResumeThread(other);
	WaitForSingleObject(other, 5000);
	CloseHandle(other);
}

int main(void)
{
	values();
	background_mode_of_the_calling_thread_only();
	highest_runs_first();
	yields();
	starvation_avoided();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
