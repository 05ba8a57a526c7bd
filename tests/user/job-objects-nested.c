/* Nested jobs (Windows 8 and later): a process in a job assigned to an
 * empty job makes that job nested in its own; it is then in both, each
 * job's id list and accounting count it, its packets go to both ports, a
 * limit of the outer job holds for the inner one's members (active
 * processes, memory), a job of another hierarchy refuses it
 * (ERROR_ACCESS_DENIED), and terminating the outer job ends the inner one's
 * members and signals both. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-nested"
#include "check.h"
#include "jobtest.h"

static char self[MAX_PATH];

static HANDLE start(DWORD *pid, HANDLE *thread)
{
	PROCESS_INFORMATION pi;
	char cmdline[MAX_PATH + 16];

	strcpy(cmdline, self);
	strcat(cmdline, " sleep");
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, NULL,
			    &pi)) {
		CHECK(0, "CreateProcessA: %lu", GetLastError());
		return NULL;
	}
	*pid = pi.dwProcessId;
	*thread = pi.hThread;
	return pi.hProcess;
}

static void expect_none(HANDLE port)
{
	DWORD got = 0;
	ULONG_PTR key = 0;
	LPOVERLAPPED ov = NULL;

	CHECK(!GetQueuedCompletionStatus(port, &got, &key, &ov, 0) && GetLastError() == WAIT_TIMEOUT,
	      "no packet: got %lu", got);
}

static DWORD active_in(HANDLE job)
{
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;

	if (!QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct,
				       sizeof(acct), NULL))
		return 0xffffffff;
	return acct.ActiveProcesses;
}

static void hierarchy(void)
{
	HANDLE pa, pb, a = job_with_port(&pa, 1), b = job_with_port(&pb, 2), c, child, other, t, t2;
	JOBOBJECT_BASIC_LIMIT_INFORMATION lim;
	DWORD pid = 0, other_pid = 0, code = 0;
	BOOL in = FALSE;

	child = start(&pid, &t);
	CHECK(AssignProcessToJobObject(a, child), "assign to the outer: %lu", GetLastError());
	expect_packet_keyed(pa, 1, JOB_OBJECT_MSG_NEW_PROCESS, pid);
	CHECK(AssignProcessToJobObject(b, child), "assign to an empty job: %lu", GetLastError());
	expect_packet_keyed(pb, 2, JOB_OBJECT_MSG_NEW_PROCESS, pid);
	expect_none(pa);
	CHECK(IsProcessInJob(child, a, &in) && in, "in the outer");
	CHECK(IsProcessInJob(child, b, &in) && in, "in the inner");
	CHECK(AssignProcessToJobObject(a, child), "the outer holds it already: %lu", GetLastError());
	CHECK(active_in(a) == 1 && active_in(b) == 1, "active %lu %lu", active_in(a), active_in(b));
	/* Another hierarchy: a job with a member of its own. */
	c = CreateJobObjectA(NULL, NULL);
	other = start(&other_pid, &t2);
	CHECK(AssignProcessToJobObject(c, other), "assign other: %lu", GetLastError());
	FAILS(AssignProcessToJobObject(c, child), FALSE, ERROR_ACCESS_DENIED);
	/* The outer job's limit of one holds in the inner job. */
	memset(&lim, 0, sizeof(lim));
	lim.LimitFlags = JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
	lim.ActiveProcessLimit = 1;
	CHECK(SetInformationJobObject(a, JobObjectBasicLimitInformation, &lim, sizeof(lim)),
	      "limit: %lu", GetLastError());
	TerminateJobObject(c, 0);
	WaitForSingleObject(other, INFINITE);
	CloseHandle(other);
	CloseHandle(t2);
	other = start(&other_pid, &t2);
	FAILS(AssignProcessToJobObject(b, other), FALSE, ERROR_NOT_ENOUGH_QUOTA);
	expect_packet_keyed(pa, 1, JOB_OBJECT_MSG_ACTIVE_PROCESS_LIMIT, 0);
	TerminateProcess(other, 0);
	CloseHandle(other);
	CloseHandle(t2);
	CloseHandle(c);
	/* Ending the outer ends the inner's members and signals both. */
	ResumeThread(t);
	CloseHandle(t);
	CHECK(TerminateJobObject(a, 7), "terminate: %lu", GetLastError());
	CHECK(WaitForSingleObject(child, 5000) == WAIT_OBJECT_0 && GetExitCodeProcess(child, &code) &&
	      code == 7, "exit code %lu", code);
	CHECK(WaitForSingleObject(a, 0) == WAIT_OBJECT_0 && WaitForSingleObject(b, 0) == WAIT_OBJECT_0,
	      "both signaled");
	expect_packet_keyed(pa, 1, JOB_OBJECT_MSG_EXIT_PROCESS, pid);
	expect_packet_keyed(pa, 1, JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO, 0);
	expect_packet_keyed(pb, 2, JOB_OBJECT_MSG_EXIT_PROCESS, pid);
	expect_packet_keyed(pb, 2, JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO, 0);
	CloseHandle(child);
	CloseHandle(b);
	CloseHandle(a);
	CloseHandle(pa);
	CloseHandle(pb);
}

/* The test itself in an outer and an inner job: the outer's memory limit
 * holds, the caller's own job (NULL) is the inner one. */
static void memory_through_nesting(void)
{
	HANDLE pa, a = job_with_port(&pa, 1), b = CreateJobObjectA(NULL, NULL);
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;
	JOBOBJECT_BASIC_LIMIT_INFORMATION lim;
	BOOL in = FALSE;

	CHECK(AssignProcessToJobObject(a, GetCurrentProcess()) &&
	      AssignProcessToJobObject(b, GetCurrentProcess()), "assign self: %lu", GetLastError());
	expect_packet_keyed(pa, 1, JOB_OBJECT_MSG_NEW_PROCESS, GetCurrentProcessId());
	CHECK(IsProcessInJob(GetCurrentProcess(), a, &in) && in, "in the outer");
	memset(&x, 0, sizeof(x));
	x.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_JOB_MEMORY;
	x.JobMemoryLimit = 64 << 20;
	CHECK(SetInformationJobObject(a, JobObjectExtendedLimitInformation, &x, sizeof(x)),
	      "limit: %lu", GetLastError());
	FAILS(VirtualAlloc(NULL, 80 << 20, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_COMMITMENT_LIMIT);
	expect_packet_keyed(pa, 1, JOB_OBJECT_MSG_JOB_MEMORY_LIMIT, GetCurrentProcessId());
	/* NULL names the inner job: its limits are its own (none). */
	CHECK(QueryInformationJobObject(NULL, JobObjectBasicLimitInformation, &lim, sizeof(lim),
					NULL) && lim.LimitFlags == 0, "own job 0x%lx", lim.LimitFlags);
	CloseHandle(b);
	CloseHandle(a);
	CloseHandle(pa);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "sleep") == 0)
		Sleep(INFINITE);
	strcpy(self, argv[0]);
	hierarchy();
	memory_through_nesting();
	printf("job-objects-nested: %d failures\n", failures);
	return failures;
}
