/* What a job does to its members, as Microsoft documents it: the I/O
 * counters of JobObjectBasicAndIoAccountingInformation (and the extended
 * limit record's IoInfo) are the members' sums, ended members' included;
 * JOB_OBJECT_LIMIT_PRIORITY_CLASS gives every member, present and new, the
 * job's class, and a member's SetPriorityClass succeeds without changing it;
 * JOB_OBJECT_LIMIT_WORKINGSET gives each member the job's working-set
 * sizes, and a member's SetProcessWorkingSetSize succeeds without changing
 * them, though it may still empty its working set. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-member-limits"
#include "check.h"

static char self[MAX_PATH];

/* Runs this program with mode, suspended: its process handle. */
static HANDLE start(const char *mode, HANDLE *thread)
{
	PROCESS_INFORMATION pi;
	char cmdline[MAX_PATH + 16];

	snprintf(cmdline, sizeof(cmdline), "%s %s", self, mode);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, NULL,
			    &pi)) {
		CHECK(0, "CreateProcessA %s: %lu", mode, GetLastError());
		return NULL;
	}
	*thread = pi.hThread;
	return pi.hProcess;
}

/* The child's part: 1000 bytes written and 300 read back. */
static int child_io(void)
{
	HANDLE f = CreateFileA("C:\\job-member-io.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	char buf[1000];
	DWORD n;

	memset(buf, 'j', sizeof(buf));
	if (f == INVALID_HANDLE_VALUE || !WriteFile(f, buf, 1000, &n, NULL) ||
	    SetFilePointer(f, 0, NULL, FILE_BEGIN) != 0 || !ReadFile(f, buf, 300, &n, NULL))
		return 1;
	CloseHandle(f);
	return 0;
}

static BOOL io_equal(const IO_COUNTERS *a, const IO_COUNTERS *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static IO_COUNTERS io_plus(IO_COUNTERS a, const IO_COUNTERS *b)
{
	a.ReadOperationCount += b->ReadOperationCount;
	a.WriteOperationCount += b->WriteOperationCount;
	a.OtherOperationCount += b->OtherOperationCount;
	a.ReadTransferCount += b->ReadTransferCount;
	a.WriteTransferCount += b->WriteTransferCount;
	a.OtherTransferCount += b->OtherTransferCount;
	return a;
}

/* An ended member's counters stay in the job's; a live member's join them. */
static void io_accounting(HANDLE job)
{
	JOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION acct;
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;
	IO_COUNTERS child_io_seen, mine, want;
	HANDLE thread, child = start("io", &thread);
	DWORD code = 99, n;
	char buf[100];

	CHECK(AssignProcessToJobObject(job, child), "assign child: %lu", GetLastError());
	ResumeThread(thread);
	CloseHandle(thread);
	WaitForSingleObject(child, 10000);
	GetExitCodeProcess(child, &code);
	CHECK(code == 0, "the child's I/O: exit %lu", code);
	CHECK(GetProcessIoCounters(child, &child_io_seen), "child counters: %lu", GetLastError());
	CHECK(child_io_seen.WriteTransferCount >= 1000 && child_io_seen.ReadTransferCount >= 300,
	      "child wrote %llu read %llu", child_io_seen.WriteTransferCount,
	      child_io_seen.ReadTransferCount);
	CloseHandle(child);
	CHECK(QueryInformationJobObject(job, JobObjectBasicAndIoAccountingInformation, &acct,
					sizeof(acct), &n) && n == sizeof(acct),
	      "query: %lu", GetLastError());
	CHECK(io_equal(&acct.IoInfo, &child_io_seen), "job wrote %llu bytes in %llu, child %llu",
	      acct.IoInfo.WriteTransferCount, acct.IoInfo.WriteOperationCount,
	      child_io_seen.WriteTransferCount);
	CHECK(acct.BasicInfo.TotalProcesses == 1 && acct.BasicInfo.ActiveProcesses == 0,
	      "processes %lu active %lu", acct.BasicInfo.TotalProcesses,
	      acct.BasicInfo.ActiveProcesses);

	/* This process joins: its counters add to the ended child's. */
	CHECK(AssignProcessToJobObject(job, GetCurrentProcess()), "assign self: %lu",
	      GetLastError());
	GetProcessIoCounters(GetCurrentProcess(), &mine);
	want = io_plus(child_io_seen, &mine);
	QueryInformationJobObject(job, JobObjectBasicAndIoAccountingInformation, &acct,
				  sizeof(acct), NULL);
	CHECK(io_equal(&acct.IoInfo, &want), "with me: %llu reads, want %llu",
	      acct.IoInfo.ReadOperationCount, want.ReadOperationCount);
	CHECK(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x), NULL),
	      "extended: %lu", GetLastError());
	CHECK(io_equal(&x.IoInfo, &want), "extended IoInfo: %llu writes, want %llu",
	      x.IoInfo.WriteOperationCount, want.WriteOperationCount);

	/* A write now counts at once. */
	HANDLE f = CreateFileA("C:\\job-member-io2.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			       FILE_FLAG_DELETE_ON_CLOSE, NULL);
	CHECK(f != INVALID_HANDLE_VALUE, "CreateFileA: %lu", GetLastError());
	memset(buf, 'k', sizeof(buf));
	QueryInformationJobObject(job, JobObjectBasicAndIoAccountingInformation, &acct,
				  sizeof(acct), NULL);
	want = acct.IoInfo;
	CHECK(WriteFile(f, buf, 100, &n, NULL) && n == 100, "write: %lu", GetLastError());
	QueryInformationJobObject(job, JobObjectBasicAndIoAccountingInformation, &acct,
				  sizeof(acct), NULL);
	CHECK(acct.IoInfo.WriteOperationCount == want.WriteOperationCount + 1 &&
	      acct.IoInfo.WriteTransferCount == want.WriteTransferCount + 100,
	      "after a write: %llu ops %llu bytes, before %llu %llu",
	      acct.IoInfo.WriteOperationCount, acct.IoInfo.WriteTransferCount,
	      want.WriteOperationCount, want.WriteTransferCount);
	CloseHandle(f);
}

static BOOL set_limits(HANDLE job, DWORD flags, DWORD cls, SIZE_T ws_min, SIZE_T ws_max)
{
	JOBOBJECT_BASIC_LIMIT_INFORMATION b;

	memset(&b, 0, sizeof(b));
	b.LimitFlags = flags;
	b.PriorityClass = cls;
	b.MinimumWorkingSetSize = ws_min;
	b.MaximumWorkingSetSize = ws_max;
	return SetInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b));
}

static void expect_ws(SIZE_T min, SIZE_T max, const char *when)
{
	SIZE_T lo = 0, hi = 0;

	CHECK(GetProcessWorkingSetSize(GetCurrentProcess(), &lo, &hi) && lo == min && hi == max,
	      "%s: working set %lu..%lu, want %lu..%lu", when, (unsigned long)lo,
	      (unsigned long)hi, (unsigned long)min, (unsigned long)max);
}

/* The limits reach the member already in the job and a process created in it. */
static void priority_and_working_set(HANDLE job)
{
	HANDLE thread, child;

	CHECK(AssignProcessToJobObject(job, GetCurrentProcess()), "assign: %lu", GetLastError());
	CHECK(GetPriorityClass(GetCurrentProcess()) == NORMAL_PRIORITY_CLASS, "class before: %lx",
	      GetPriorityClass(GetCurrentProcess()));
	CHECK(set_limits(job, JOB_OBJECT_LIMIT_PRIORITY_CLASS | JOB_OBJECT_LIMIT_WORKINGSET,
			 BELOW_NORMAL_PRIORITY_CLASS, 256 * 1024, 1024 * 1024),
	      "set limits: %lu", GetLastError());
	CHECK(GetPriorityClass(GetCurrentProcess()) == BELOW_NORMAL_PRIORITY_CLASS,
	      "the job's class: %lx", GetPriorityClass(GetCurrentProcess()));
	expect_ws(256 * 1024, 1024 * 1024, "the job's sizes");

	/* The member's own calls succeed and change nothing. */
	CHECK(SetPriorityClass(GetCurrentProcess(), HIGH_PRIORITY_CLASS), "SetPriorityClass: %lu",
	      GetLastError());
	CHECK(GetPriorityClass(GetCurrentProcess()) == BELOW_NORMAL_PRIORITY_CLASS,
	      "class kept: %lx", GetPriorityClass(GetCurrentProcess()));
	FAILS(SetPriorityClass(GetCurrentProcess(), 0x12345), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), 2048 * 1024, 4096 * 1024),
	      "SetProcessWorkingSetSize: %lu", GetLastError());
	expect_ws(256 * 1024, 1024 * 1024, "sizes kept");
	CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1),
	      "emptying: %lu", GetLastError());
	expect_ws(256 * 1024, 1024 * 1024, "sizes after emptying");

	/* A process made in the job starts in its class. */
	child = start("sleep", &thread);
	CHECK(child && GetPriorityClass(child) == BELOW_NORMAL_PRIORITY_CLASS, "child's class: %lx",
	      GetPriorityClass(child));
	TerminateProcess(child, 0);
	WaitForSingleObject(child, 10000);
	CloseHandle(thread);
	CloseHandle(child);

	/* Without the limits the member's calls count again. */
	CHECK(set_limits(job, 0, 0, 0, 0), "clear limits: %lu", GetLastError());
	CHECK(GetPriorityClass(GetCurrentProcess()) == BELOW_NORMAL_PRIORITY_CLASS,
	      "class after clearing: %lx", GetPriorityClass(GetCurrentProcess()));
	CHECK(SetPriorityClass(GetCurrentProcess(), NORMAL_PRIORITY_CLASS) &&
	      GetPriorityClass(GetCurrentProcess()) == NORMAL_PRIORITY_CLASS, "class back: %lx",
	      GetPriorityClass(GetCurrentProcess()));
	CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), 256 * 1024, 2048 * 1024),
	      "resize: %lu", GetLastError());
	expect_ws(256 * 1024, 2048 * 1024, "sizes set again");
}

int main(int argc, char **argv)
{
	HANDLE limits_job, io_job;

	if (argc == 2 && strcmp(argv[1], "io") == 0)
		return child_io();
	if (argc == 2 && strcmp(argv[1], "sleep") == 0) {
		Sleep(INFINITE);
		return 0;
	}
	strcpy(self, argv[0]);
	limits_job = CreateJobObjectA(NULL, NULL);
	io_job = CreateJobObjectA(NULL, NULL);
	priority_and_working_set(limits_job);
	/* io_job (empty) nests in limits_job as this process joins it. */
	io_accounting(io_job);
	CloseHandle(io_job);
	CloseHandle(limits_job);
	printf("job-objects-member-limits: %d failures\n", failures);
	return failures;
}
