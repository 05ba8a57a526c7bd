/* A job's memory limits and breakaway rules, seen from a member (the test
 * puts itself in the job): VirtualAlloc past ProcessMemoryLimit or
 * JobMemoryLimit fails with ERROR_COMMITMENT_LIMIT and posts
 * PROCESS_MEMORY_LIMIT / JOB_MEMORY_LIMIT with the caller's id, the peaks
 * follow the commits, QueryInformationJobObject(NULL) names the caller's
 * job; CREATE_BREAKAWAY_FROM_JOB needs BREAKAWAY_OK (else
 * ERROR_ACCESS_DENIED), SILENT_BREAKAWAY_OK leaves every child out, and a
 * plain child is in the job. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-memory"
#include "check.h"
#include "jobtest.h"

#define KEY 77
#define MB (1u << 20)

static char self[MAX_PATH];

#define expect_packet(port, msg, pid) expect_packet_keyed(port, KEY, msg, pid)

/* Whether a packet of msg is among those queued. */
static BOOL drain_for(HANDLE port, DWORD msg)
{
	DWORD got = 0;
	ULONG_PTR key = 0;
	LPOVERLAPPED ov = NULL;
	BOOL seen = FALSE;

	while (GetQueuedCompletionStatus(port, &got, &key, &ov, 0))
		seen |= got == msg;
	return seen;
}

static void set_limits(HANDLE job, DWORD flags, SIZE_T process, SIZE_T whole)
{
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;

	memset(&x, 0, sizeof(x));
	x.BasicLimitInformation.LimitFlags = flags;
	x.BasicLimitInformation.ActiveProcessLimit = 1;
	x.ProcessMemoryLimit = process;
	x.JobMemoryLimit = whole;
	CHECK(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)),
	      "set limits 0x%lx: %lu", flags, GetLastError());
}

/* The private bytes the caller has committed now. */
static SIZE_T private_bytes(void)
{
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;
	void *probe;
	SIZE_T peak;

	/* The peak follows each commit: a one-page commit shows the total. */
	probe = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
	QueryInformationJobObject(NULL, JobObjectExtendedLimitInformation, &x, sizeof(x), NULL);
	peak = x.PeakProcessMemoryUsed;
	VirtualFree(probe, 0, MEM_RELEASE);
	return peak - 4096;
}

static void memory_limits(HANDLE job, HANDLE port)
{
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;
	DWORD me = GetCurrentProcessId();
	SIZE_T base = private_bytes();
	void *a, *b, *r;

	/* The process limit: 2 MB more than now. */
	set_limits(job, JOB_OBJECT_LIMIT_PROCESS_MEMORY, base + 2 * MB, 0);
	a = VirtualAlloc(NULL, MB, MEM_COMMIT, PAGE_READWRITE);
	CHECK(a != NULL, "1 MB under the limit: %lu", GetLastError());
	FAILS(VirtualAlloc(NULL, 2 * MB, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_COMMITMENT_LIMIT);
	expect_packet(port, JOB_OBJECT_MSG_PROCESS_MEMORY_LIMIT, me);
	/* A reservation costs nothing; committing in it is charged. */
	r = VirtualAlloc(NULL, 4 * MB, MEM_RESERVE, PAGE_NOACCESS);
	CHECK(r != NULL, "reserve: %lu", GetLastError());
	FAILS(VirtualAlloc(r, 2 * MB, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_COMMITMENT_LIMIT);
	expect_packet(port, JOB_OBJECT_MSG_PROCESS_MEMORY_LIMIT, me);
	CHECK(VirtualAlloc(r, MB / 2, MEM_COMMIT, PAGE_READWRITE) == r, "commit under the limit");
	CHECK(QueryInformationJobObject(NULL, JobObjectExtendedLimitInformation, &x, sizeof(x),
					NULL) &&
	      x.PeakProcessMemoryUsed >= base + MB + MB / 2 &&
	      x.PeakProcessMemoryUsed <= base + 2 * MB && x.PeakJobMemoryUsed >= base + MB,
	      "peaks %lu %lu (base %lu)", (DWORD)x.PeakProcessMemoryUsed,
	      (DWORD)x.PeakJobMemoryUsed, (DWORD)base);
	VirtualFree(r, 0, MEM_RELEASE);
	VirtualFree(a, 0, MEM_RELEASE);
	/* Freed memory counts no more: the same allocation now fits. */
	b = VirtualAlloc(NULL, MB + MB / 2, MEM_COMMIT, PAGE_READWRITE);
	CHECK(b != NULL, "after the free: %lu", GetLastError());
	VirtualFree(b, 0, MEM_RELEASE);
	/* The job limit. */
	set_limits(job, JOB_OBJECT_LIMIT_JOB_MEMORY, 0, base + MB);
	FAILS(VirtualAlloc(NULL, 2 * MB, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_COMMITMENT_LIMIT);
	expect_packet(port, JOB_OBJECT_MSG_JOB_MEMORY_LIMIT, me);
	a = VirtualAlloc(NULL, MB / 2, MEM_COMMIT, PAGE_READWRITE);
	CHECK(a != NULL, "under the job limit: %lu", GetLastError());
	VirtualFree(a, 0, MEM_RELEASE);
	set_limits(job, 0, 0, 0);
	a = VirtualAlloc(NULL, 4 * MB, MEM_COMMIT, PAGE_READWRITE);
	CHECK(a != NULL, "no limit: %lu", GetLastError());
	VirtualFree(a, 0, MEM_RELEASE);
}

/* Starts this program with " child" (it exits at once): TRUE when created;
 * *in says whether the child was in a job. */
static BOOL start_child(DWORD flags, BOOL *in)
{
	PROCESS_INFORMATION pi;
	char cmdline[MAX_PATH + 16];

	strcpy(cmdline, self);
	strcat(cmdline, " child");
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED | flags, NULL, NULL,
			    NULL, &pi))
		return FALSE;
	*in = 2;
	CHECK(IsProcessInJob(pi.hProcess, NULL, in), "IsProcessInJob: %lu", GetLastError());
	ResumeThread(pi.hThread);
	WaitForSingleObject(pi.hProcess, INFINITE);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return TRUE;
}

static void breakaway(HANDLE job)
{
	BOOL in = FALSE;

	CHECK(start_child(0, &in) && in == TRUE, "a plain child is in the job: %d", in);
	SetLastError(0xdead);
	CHECK(!start_child(CREATE_BREAKAWAY_FROM_JOB, &in) && GetLastError() == ERROR_ACCESS_DENIED,
	      "breakaway without BREAKAWAY_OK: %lu", GetLastError());
	set_limits(job, JOB_OBJECT_LIMIT_BREAKAWAY_OK, 0, 0);
	CHECK(start_child(CREATE_BREAKAWAY_FROM_JOB, &in) && in == FALSE, "broke away: %d", in);
	CHECK(start_child(0, &in) && in == TRUE, "without the flag, in: %d", in);
	set_limits(job, JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK, 0, 0);
	CHECK(start_child(0, &in) && in == FALSE, "silent breakaway: %d", in);
	/* The caller is the one active member a limit of one allows. */
	set_limits(job, JOB_OBJECT_LIMIT_ACTIVE_PROCESS, 0, 0);
	SetLastError(0xdead);
	CHECK(!start_child(0, &in) && GetLastError() == ERROR_NOT_ENOUGH_QUOTA,
	      "past the active-process limit: %lu", GetLastError());
	set_limits(job, 0, 0, 0);
}

int main(int argc, char **argv)
{
	JOBOBJECT_ASSOCIATE_COMPLETION_PORT assoc;
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
	HANDLE job, port;
	BOOL in = FALSE;

	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return 0;
	strcpy(self, argv[0]);
	job = CreateJobObjectA(NULL, NULL);
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	CHECK(AssignProcessToJobObject(job, GetCurrentProcess()), "assign self: %lu",
	      GetLastError());
	CHECK(IsProcessInJob(GetCurrentProcess(), NULL, &in) && in, "self in a job");
	/* Associated after the member joined: its NEW_PROCESS comes then. */
	assoc.CompletionKey = (PVOID)KEY;
	assoc.CompletionPort = port;
	CHECK(SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &assoc,
				      sizeof(assoc)), "associate: %lu", GetLastError());
	expect_packet(port, JOB_OBJECT_MSG_NEW_PROCESS, GetCurrentProcessId());
	CHECK(QueryInformationJobObject(NULL, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), NULL) && acct.ActiveProcesses == 1,
	      "own job's accounting: %lu", GetLastError());
	memory_limits(job, port);
	breakaway(job);
	CHECK(drain_for(port, JOB_OBJECT_MSG_ACTIVE_PROCESS_LIMIT), "no ACTIVE_PROCESS_LIMIT packet");
	CloseHandle(port);
	CloseHandle(job);
	printf("job-objects-memory: %d failures\n", failures);
	return failures;
}
