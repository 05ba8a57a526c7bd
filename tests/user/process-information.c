/* Get/SetProcessInformation and Get/SetThreadInformation against their
 * contracts: memory priority starts at MEMORY_PRIORITY_NORMAL and keeps what
 * is set (0..5, above is ERROR_INVALID_PARAMETER), for another process
 * through its handle too; power throttling and the leap-second flag keep
 * valid masks and refuse the rest; a wrong size is ERROR_BAD_LENGTH, a class
 * out of range ERROR_INVALID_PARAMETER, a bad buffer ERROR_NOACCESS; a
 * handle without the right is ERROR_ACCESS_DENIED; the read-only classes
 * (app memory, protection level, machine type) answer; a thread's absolute
 * priority follows SetThreadPriority and sets it back. With the argument
 * "failfast" it asks for fail-fast on commit failure and then commits more
 * than the machine has: the process must end with STATUS_COMMITMENT_LIMIT. */
#include <psapi.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "process-information"
#include "check.h"

#define HUGE_COMMIT (768u << 20)        /* beyond the scenario's RAM, and no swap */

static ULONG memory_priority(HANDLE h, BOOL thread)
{
	MEMORY_PRIORITY_INFORMATION m = { 77 };

	if (thread)
		CHECK(GetThreadInformation(h, ThreadMemoryPriority, &m, sizeof(m)), "error %lu",
		      GetLastError());
	else
		CHECK(GetProcessInformation(h, ProcessMemoryPriority, &m, sizeof(m)), "error %lu",
		      GetLastError());
	return m.MemoryPriority;
}

static void process_memory_priority(void)
{
	HANDLE self = GetCurrentProcess();
	HANDLE weak = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
	MEMORY_PRIORITY_INFORMATION m = { MEMORY_PRIORITY_LOW };

	CHECK(memory_priority(self, FALSE) == MEMORY_PRIORITY_NORMAL, "default");
	CHECK(SetProcessInformation(self, ProcessMemoryPriority, &m, sizeof(m)), "error %lu",
	      GetLastError());
	CHECK(memory_priority(self, FALSE) == MEMORY_PRIORITY_LOW, "kept");
	CHECK(memory_priority(weak, FALSE) == MEMORY_PRIORITY_LOW, "through a handle");
	FAILS(SetProcessInformation(weak, ProcessMemoryPriority, &m, sizeof(m)), FALSE,
	      ERROR_ACCESS_DENIED);
	m.MemoryPriority = MEMORY_PRIORITY_NORMAL + 1;
	FAILS(SetProcessInformation(self, ProcessMemoryPriority, &m, sizeof(m)), FALSE,
	      ERROR_INVALID_PARAMETER);
	CHECK(memory_priority(self, FALSE) == MEMORY_PRIORITY_LOW, "kept after a refusal");
	FAILS(SetProcessInformation(self, ProcessMemoryPriority, &m, sizeof(m) + 1), FALSE,
	      ERROR_BAD_LENGTH);
	FAILS(GetProcessInformation(self, ProcessMemoryPriority, &m, 2), FALSE, ERROR_BAD_LENGTH);
	FAILS(GetProcessInformation(self, ProcessMemoryPriority, (void *)4, sizeof(m)), FALSE,
	      ERROR_NOACCESS);
	FAILS(GetProcessInformation(self, ProcessInformationClassMax, &m, sizeof(m)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetProcessInformation(NULL, ProcessMemoryPriority, &m, sizeof(m)), FALSE,
	      ERROR_INVALID_HANDLE);
	m.MemoryPriority = MEMORY_PRIORITY_NORMAL;
	CHECK(SetProcessInformation(self, ProcessMemoryPriority, &m, sizeof(m)), "error %lu",
	      GetLastError());
	CloseHandle(weak);
}

static void process_power_and_leap(void)
{
	HANDLE self = GetCurrentProcess();
	PROCESS_POWER_THROTTLING_STATE p = { PROCESS_POWER_THROTTLING_CURRENT_VERSION,
					     PROCESS_POWER_THROTTLING_EXECUTION_SPEED,
					     PROCESS_POWER_THROTTLING_EXECUTION_SPEED };
	PROCESS_LEAP_SECOND_INFO l = { PROCESS_LEAP_SECOND_INFO_FLAG_ENABLE_SIXTY_SECOND, 0 };

	CHECK(SetProcessInformation(self, ProcessPowerThrottling, &p, sizeof(p)), "error %lu",
	      GetLastError());
	memset(&p, 0, sizeof(p));
	CHECK(GetProcessInformation(self, ProcessPowerThrottling, &p, sizeof(p)) &&
	      p.Version == 1 && p.ControlMask == 1 && p.StateMask == 1, "%lu %lx %lx", p.Version,
	      p.ControlMask, p.StateMask);
	p.StateMask = PROCESS_POWER_THROTTLING_IGNORE_TIMER_RESOLUTION;    /* not controlled */
	FAILS(SetProcessInformation(self, ProcessPowerThrottling, &p, sizeof(p)), FALSE,
	      ERROR_INVALID_PARAMETER);
	p = (PROCESS_POWER_THROTTLING_STATE){ 2, 0, 0 };
	FAILS(SetProcessInformation(self, ProcessPowerThrottling, &p, sizeof(p)), FALSE,
	      ERROR_INVALID_PARAMETER);
	p = (PROCESS_POWER_THROTTLING_STATE){ 1, 0x2, 0 };
	FAILS(SetProcessInformation(self, ProcessPowerThrottling, &p, sizeof(p)), FALSE,
	      ERROR_INVALID_PARAMETER);

	CHECK(SetProcessInformation(self, ProcessLeapSecondInfo, &l, sizeof(l)), "error %lu",
	      GetLastError());
	l = (PROCESS_LEAP_SECOND_INFO){ 0, 5 };
	CHECK(GetProcessInformation(self, ProcessLeapSecondInfo, &l, sizeof(l)) && l.Flags == 1 &&
	      l.Reserved == 0, "%lx %lx", l.Flags, l.Reserved);
	l = (PROCESS_LEAP_SECOND_INFO){ 2, 0 };
	FAILS(SetProcessInformation(self, ProcessLeapSecondInfo, &l, sizeof(l)), FALSE,
	      ERROR_INVALID_PARAMETER);
	l = (PROCESS_LEAP_SECOND_INFO){ 1, 1 };
	FAILS(SetProcessInformation(self, ProcessLeapSecondInfo, &l, sizeof(l)), FALSE,
	      ERROR_INVALID_PARAMETER);
}

static void process_read_only(void)
{
	HANDLE self = GetCurrentProcess();
	APP_MEMORY_INFORMATION a;
	PROCESS_PROTECTION_LEVEL_INFORMATION pl = { 0 };
	PROCESS_MACHINE_INFORMATION mi = { 0 };
	PROCESS_MEMORY_EXHAUSTION_INFO e = { PME_CURRENT_VERSION, 0,
					     PMETypeFailFastOnCommitFailure,
					     PME_FAILFAST_ON_COMMIT_FAIL_DISABLE };
	void *p = VirtualAlloc(NULL, 1 << 20, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	CHECK(GetProcessInformation(self, ProcessAppMemoryInfo, &a, sizeof(a)), "error %lu",
	      GetLastError());
	CHECK(a.PrivateCommitUsage >= 1 << 20 && a.PeakPrivateCommitUsage >= a.PrivateCommitUsage &&
	      a.TotalCommitUsage >= a.PrivateCommitUsage && a.AvailableCommit > 0,
	      "%llu %llu %llu %llu", a.AvailableCommit, a.PrivateCommitUsage,
	      a.PeakPrivateCommitUsage, a.TotalCommitUsage);
	FAILS(SetProcessInformation(self, ProcessAppMemoryInfo, &a, sizeof(a)), FALSE,
	      ERROR_INVALID_PARAMETER);
	CHECK(GetProcessInformation(self, ProcessProtectionLevelInfo, &pl, sizeof(pl)) &&
	      pl.ProtectionLevel == PROTECTION_LEVEL_NONE, "%lx", pl.ProtectionLevel);
	CHECK(GetProcessInformation(self, ProcessMachineTypeInfo, &mi, sizeof(mi)) &&
	      mi.ProcessMachine == IMAGE_FILE_MACHINE_I386 &&
	      mi.MachineAttributes == (UserEnabled | KernelEnabled), "%x %x", mi.ProcessMachine,
	      mi.MachineAttributes);
	CHECK(SetProcessInformation(self, ProcessMemoryExhaustionInfo, &e, sizeof(e)), "error %lu",
	      GetLastError());
	FAILS(GetProcessInformation(self, ProcessMemoryExhaustionInfo, &e, sizeof(e)), FALSE,
	      ERROR_INVALID_PARAMETER);
	e.Value = 2;
	FAILS(SetProcessInformation(self, ProcessMemoryExhaustionInfo, &e, sizeof(e)), FALSE,
	      ERROR_INVALID_PARAMETER);
	e.Value = 0;
	e.Version = 2;
	FAILS(SetProcessInformation(self, ProcessMemoryExhaustionInfo, &e, sizeof(e)), FALSE,
	      ERROR_INVALID_PARAMETER);
	e.Version = 1;
	e.Type = PMETypeMax;
	FAILS(SetProcessInformation(self, ProcessMemoryExhaustionInfo, &e, sizeof(e)), FALSE,
	      ERROR_INVALID_PARAMETER);
	VirtualFree(p, 0, MEM_RELEASE);
	/* Without fail-fast a commit too big fails as usual. */
	SetLastError(0);
	CHECK(VirtualAlloc(NULL, HUGE_COMMIT, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE) == NULL &&
	      GetLastError() == ERROR_COMMITMENT_LIMIT, "error %lu", GetLastError());
}

static DWORD WINAPI idle(LPVOID arg)
{
	WaitForSingleObject(arg, INFINITE);
	return 0;
}

static void thread_information(void)
{
	HANDLE go = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE t = CreateThread(NULL, 0, idle, go, 0, NULL);
	HANDLE weak = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, GetThreadId(t));
	MEMORY_PRIORITY_INFORMATION m = { MEMORY_PRIORITY_VERY_LOW };
	THREAD_POWER_THROTTLING_STATE p = { THREAD_POWER_THROTTLING_CURRENT_VERSION,
					    THREAD_POWER_THROTTLING_EXECUTION_SPEED, 0 };
	LONG level = 0;
	DWORD code = 7;

	CHECK(memory_priority(t, TRUE) == MEMORY_PRIORITY_NORMAL, "default");
	CHECK(SetThreadInformation(t, ThreadMemoryPriority, &m, sizeof(m)), "error %lu",
	      GetLastError());
	CHECK(memory_priority(t, TRUE) == MEMORY_PRIORITY_VERY_LOW, "kept");
	CHECK(memory_priority(GetCurrentThread(), TRUE) == MEMORY_PRIORITY_NORMAL, "per thread");
	FAILS(GetThreadInformation(weak, ThreadMemoryPriority, &m, sizeof(m)), FALSE,
	      ERROR_ACCESS_DENIED);
	m.MemoryPriority = 6;
	FAILS(SetThreadInformation(t, ThreadMemoryPriority, &m, sizeof(m)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetThreadInformation(t, ThreadInformationClassMax, &m, sizeof(m)), FALSE,
	      ERROR_INVALID_PARAMETER);

	CHECK(SetThreadInformation(t, ThreadPowerThrottling, &p, sizeof(p)), "error %lu",
	      GetLastError());
	p.ControlMask = 0x4;
	FAILS(SetThreadInformation(t, ThreadPowerThrottling, &p, sizeof(p)), FALSE,
	      ERROR_INVALID_PARAMETER);

	CHECK(GetThreadInformation(t, ThreadAbsoluteCpuPriority, &level, sizeof(level)) &&
	      level == 8, "level %ld", level);
	SetThreadPriority(t, THREAD_PRIORITY_HIGHEST);
	CHECK(GetThreadInformation(t, ThreadAbsoluteCpuPriority, &level, sizeof(level)) &&
	      level == 10, "level %ld", level);
	level = 7;
	CHECK(SetThreadInformation(t, ThreadAbsoluteCpuPriority, &level, sizeof(level)) &&
	      GetThreadPriority(t) == THREAD_PRIORITY_BELOW_NORMAL, "priority %d",
	      GetThreadPriority(t));
	level = 31;
	FAILS(SetThreadInformation(t, ThreadAbsoluteCpuPriority, &level, sizeof(level)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetThreadInformation(t, ThreadAbsoluteCpuPriority, &level, 2), FALSE,
	      ERROR_BAD_LENGTH);

	CHECK(GetThreadInformation(t, ThreadDynamicCodePolicy, &code, sizeof(code)) && code == 0,
	      "policy %lu", code);
	code = 2;
	FAILS(SetThreadInformation(t, ThreadDynamicCodePolicy, &code, sizeof(code)), FALSE,
	      ERROR_INVALID_PARAMETER);
	SetEvent(go);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(weak);
	CloseHandle(t);
	CloseHandle(go);
}

static int failfast(void)
{
	PROCESS_MEMORY_EXHAUSTION_INFO e = { PME_CURRENT_VERSION, 0,
					     PMETypeFailFastOnCommitFailure,
					     PME_FAILFAST_ON_COMMIT_FAIL_ENABLE };

	if (!SetProcessInformation(GetCurrentProcess(), ProcessMemoryExhaustionInfo, &e,
				   sizeof(e))) {
		printf("process-information: fail-fast refused: %lu\n", GetLastError());
		return 1;
	}
	printf("process-information: committing too much with fail-fast on\n");
	VirtualAlloc(NULL, HUGE_COMMIT, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	printf("process-information: still running after the failed commit\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "failfast") == 0)
		return failfast();
	process_memory_priority();
	process_power_and_leap();
	process_read_only();
	thread_information();
	printf("process-information: %d failures\n", failures);
	return failures != 0;
}
