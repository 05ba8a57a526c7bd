/* A job's user-time limits: a member past PerProcessUserTimeLimit ends with
 * ERROR_NOT_ENOUGH_QUOTA (END_OF_PROCESS_TIME, then EXIT_PROCESS); past
 * PerJobUserTimeLimit every member ends so and the job is signaled, or with
 * JOB_OBJECT_POST_AT_END_OF_JOB only END_OF_JOB_TIME is posted and the
 * limit cleared; PRESERVE_JOB_TIME keeps the limit set before. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-time-limits"
#include "check.h"
#include "jobtest.h"

#define KEY 5
#define MS(n) ((LONGLONG)(n) * 10000)

static char self[MAX_PATH];

#define expect_packet(port, msg, pid) expect_packet_keyed(port, KEY, msg, pid)

static HANDLE spin_child(HANDLE job, DWORD *pid)
{
	PROCESS_INFORMATION pi;
	char cmdline[MAX_PATH + 16];

	strcpy(cmdline, self);
	strcat(cmdline, " spin");
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, NULL,
			    &pi)) {
		CHECK(0, "CreateProcessA: %lu", GetLastError());
		return NULL;
	}
	CHECK(AssignProcessToJobObject(job, pi.hProcess), "assign: %lu", GetLastError());
	ResumeThread(pi.hThread);
	CloseHandle(pi.hThread);
	*pid = pi.dwProcessId;
	return pi.hProcess;
}

static HANDLE job_with(DWORD flags, LONGLONG process, LONGLONG whole, HANDLE port)
{
	HANDLE job = CreateJobObjectA(NULL, NULL);
	JOBOBJECT_BASIC_LIMIT_INFORMATION b;
	JOBOBJECT_ASSOCIATE_COMPLETION_PORT assoc = { (PVOID)KEY, port };

	memset(&b, 0, sizeof(b));
	b.LimitFlags = flags;
	b.PerProcessUserTimeLimit.QuadPart = process;
	b.PerJobUserTimeLimit.QuadPart = whole;
	CHECK(SetInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b)),
	      "limits: %lu", GetLastError());
	if (port)
		CHECK(SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &assoc,
					      sizeof(assoc)), "associate: %lu", GetLastError());
	return job;
}

static void process_limit(void)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	HANDLE job = job_with(JOB_OBJECT_LIMIT_PROCESS_TIME, MS(200), 0, port), child;
	DWORD pid = 0, code = 0;

	child = spin_child(job, &pid);
	CHECK(WaitForSingleObject(child, 10000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(child, &code) && code == ERROR_NOT_ENOUGH_QUOTA,
	      "exit code %lu", code);
	expect_packet(port, JOB_OBJECT_MSG_NEW_PROCESS, pid);
	expect_packet(port, JOB_OBJECT_MSG_END_OF_PROCESS_TIME, pid);
	expect_packet(port, JOB_OBJECT_MSG_EXIT_PROCESS, pid);
	expect_packet(port, JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO, 0);
	CHECK(WaitForSingleObject(job, 0) == WAIT_TIMEOUT, "a process limit leaves the job unsignaled");
	CloseHandle(child);
	CloseHandle(job);
	CloseHandle(port);
}

static void job_limit_terminates(void)
{
	HANDLE job = job_with(JOB_OBJECT_LIMIT_JOB_TIME, 0, MS(300), NULL), a, b;
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
	DWORD pa, pb, ca = 0, cb = 0;

	a = spin_child(job, &pa);
	b = spin_child(job, &pb);
	CHECK(WaitForSingleObject(job, 10000) == WAIT_OBJECT_0, "the job is signaled");
	CHECK(WaitForSingleObject(a, 5000) == WAIT_OBJECT_0 && GetExitCodeProcess(a, &ca) &&
	      WaitForSingleObject(b, 5000) == WAIT_OBJECT_0 && GetExitCodeProcess(b, &cb) &&
	      ca == ERROR_NOT_ENOUGH_QUOTA && cb == ERROR_NOT_ENOUGH_QUOTA, "codes %lu %lu", ca, cb);
	CHECK(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), NULL) &&
	      acct.ThisPeriodTotalUserTime.QuadPart > MS(300) &&
	      acct.TotalUserTime.QuadPart >= acct.ThisPeriodTotalUserTime.QuadPart &&
	      acct.ActiveProcesses == 0, "user time %lu ms",
	      (DWORD)(acct.ThisPeriodTotalUserTime.QuadPart / 10000));
	CloseHandle(a);
	CloseHandle(b);
	CloseHandle(job);
}

static void job_limit_posts(void)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	HANDLE job = job_with(JOB_OBJECT_LIMIT_JOB_TIME, 0, MS(200), port), child;
	JOBOBJECT_END_OF_JOB_TIME_INFORMATION eoj = { JOB_OBJECT_POST_AT_END_OF_JOB };
	JOBOBJECT_BASIC_LIMIT_INFORMATION b;
	DWORD pid = 0;

	CHECK(SetInformationJobObject(job, JobObjectEndOfJobTimeInformation, &eoj, sizeof(eoj)),
	      "end of job: %lu", GetLastError());
	eoj.EndOfJobTimeAction = 2;
	FAILS(SetInformationJobObject(job, JobObjectEndOfJobTimeInformation, &eoj, sizeof(eoj)),
	      FALSE, ERROR_INVALID_PARAMETER);
	child = spin_child(job, &pid);
	expect_packet(port, JOB_OBJECT_MSG_NEW_PROCESS, pid);
	expect_packet(port, JOB_OBJECT_MSG_END_OF_JOB_TIME, 0);
	CHECK(WaitForSingleObject(child, 100) == WAIT_TIMEOUT, "the member runs on");
	CHECK(WaitForSingleObject(job, 0) == WAIT_TIMEOUT, "not signaled");
	CHECK(QueryInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b), NULL) &&
	      !(b.LimitFlags & JOB_OBJECT_LIMIT_JOB_TIME), "limit cleared: 0x%lx", b.LimitFlags);
	TerminateJobObject(job, 3);
	WaitForSingleObject(child, INFINITE);
	CloseHandle(child);
	CloseHandle(job);
	CloseHandle(port);
}

static void preserve(void)
{
	HANDLE job = job_with(JOB_OBJECT_LIMIT_JOB_TIME, 0, MS(60000), NULL);
	JOBOBJECT_BASIC_LIMIT_INFORMATION b;

	memset(&b, 0, sizeof(b));
	b.LimitFlags = JOB_OBJECT_LIMIT_PRESERVE_JOB_TIME | JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
	b.ActiveProcessLimit = 4;
	CHECK(SetInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b)),
	      "preserve: %lu", GetLastError());
	CHECK(QueryInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b), NULL) &&
	      (b.LimitFlags & JOB_OBJECT_LIMIT_JOB_TIME) &&
	      (b.LimitFlags & JOB_OBJECT_LIMIT_ACTIVE_PROCESS) &&
	      b.PerJobUserTimeLimit.QuadPart == MS(60000), "kept: 0x%lx", b.LimitFlags);
	b.LimitFlags = 0;
	CHECK(SetInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b)) &&
	      QueryInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b), NULL) &&
	      b.LimitFlags == 0 && b.PerJobUserTimeLimit.QuadPart == 0, "cleared: 0x%lx",
	      b.LimitFlags);
	CloseHandle(job);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "spin") == 0)
		for (volatile unsigned i = 0;; i++)
			;
	strcpy(self, argv[0]);
	process_limit();
	job_limit_terminates();
	job_limit_posts();
	preserve();
	printf("job-objects-time-limits: %d failures\n", failures);
	return failures;
}
