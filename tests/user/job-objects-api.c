/* Job objects as Microsoft documents them, on the caller's side: creating
 * and opening by name (A and W, ERROR_ALREADY_EXISTS, another type's name),
 * the handle's rights, IsProcessInJob, the limit records round-tripping
 * through Set/QueryInformationJobObject with the documented errors for a
 * wrong length, class or flag, the record layouts, and a job that is not
 * signaled until terminated. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-api"
#include "check.h"

static void check_layouts(void)
{
	CHECK(sizeof(JOBOBJECT_BASIC_LIMIT_INFORMATION) == 48, "%u",
	      (unsigned)sizeof(JOBOBJECT_BASIC_LIMIT_INFORMATION));
	CHECK(sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION) == 112, "%u",
	      (unsigned)sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION));
	CHECK(sizeof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION) == 48, "%u",
	      (unsigned)sizeof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION));
	CHECK(sizeof(JOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION) == 96, "%u",
	      (unsigned)sizeof(JOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION));
	CHECK(sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST) == 12, "%u",
	      (unsigned)sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST));
	CHECK(offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION, ProcessMemoryLimit) == 96, "%u",
	      (unsigned)offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION, ProcessMemoryLimit));
}

static void check_names(void)
{
	HANDLE a, b, w, ev;

	SetLastError(0xdead);
	a = CreateJobObjectA(NULL, "job-api-one");
	CHECK(a && GetLastError() == ERROR_SUCCESS, "create: %lu", GetLastError());
	b = CreateJobObjectA(NULL, "job-api-one");
	CHECK(b && b != a && GetLastError() == ERROR_ALREADY_EXISTS, "again: %lu", GetLastError());
	w = OpenJobObjectW(JOB_OBJECT_QUERY, FALSE, L"job-api-one");
	CHECK(w != NULL, "OpenJobObjectW: %lu", GetLastError());
	FAILS(OpenJobObjectA(JOB_OBJECT_QUERY, FALSE, "job-api-none"), NULL, ERROR_FILE_NOT_FOUND);
	ev = CreateEventA(NULL, TRUE, FALSE, "job-api-event");
	FAILS(OpenJobObjectA(JOB_OBJECT_QUERY, FALSE, "job-api-event"), NULL, ERROR_INVALID_HANDLE);
	FAILS(CreateJobObjectA(NULL, "job-api-event"), NULL, ERROR_INVALID_HANDLE);
	/* A query-only handle neither assigns nor terminates nor sets. */
	FAILS(AssignProcessToJobObject(w, GetCurrentProcess()), FALSE, ERROR_ACCESS_DENIED);
	FAILS(TerminateJobObject(w, 1), FALSE, ERROR_ACCESS_DENIED);
	FAILS(AssignProcessToJobObject(ev, GetCurrentProcess()), FALSE, ERROR_INVALID_HANDLE);
	CloseHandle(ev);
	CloseHandle(w);
	CloseHandle(b);
	CloseHandle(a);
	a = CreateJobObjectW(NULL, L"job-api-wide");
	CHECK(a != NULL, "CreateJobObjectW: %lu", GetLastError());
	b = OpenJobObjectA(JOB_OBJECT_ALL_ACCESS, FALSE, "job-api-wide");
	CHECK(b != NULL, "OpenJobObjectA of a W name: %lu", GetLastError());
	CloseHandle(b);
	CloseHandle(a);
	FAILS(OpenJobObjectA(JOB_OBJECT_QUERY, FALSE, "job-api-wide"), NULL, ERROR_FILE_NOT_FOUND);
}

static void check_limits(HANDLE job)
{
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x, y;
	JOBOBJECT_BASIC_LIMIT_INFORMATION b;
	DWORD got = 0;

	memset(&x, 0, sizeof(x));
	x.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_ACTIVE_PROCESS |
		JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_JOB_MEMORY |
		JOB_OBJECT_LIMIT_BREAKAWAY_OK;
	x.BasicLimitInformation.ActiveProcessLimit = 3;
	x.ProcessMemoryLimit = 8 << 20;
	x.JobMemoryLimit = 16 << 20;
	CHECK(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)),
	      "set extended: %lu", GetLastError());
	memset(&y, 0xcc, sizeof(y));
	CHECK(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &y, sizeof(y), &got) &&
	      got == sizeof(y), "query extended: %lu, %lu bytes", GetLastError(), got);
	CHECK(y.BasicLimitInformation.LimitFlags == x.BasicLimitInformation.LimitFlags &&
	      y.BasicLimitInformation.ActiveProcessLimit == 3 && y.ProcessMemoryLimit == 8 << 20 &&
	      y.JobMemoryLimit == 16 << 20 && y.PeakProcessMemoryUsed == 0 &&
	      y.PeakJobMemoryUsed == 0, "flags 0x%lx limit %lu mem %lu %lu peaks %lu %lu",
	      y.BasicLimitInformation.LimitFlags, y.BasicLimitInformation.ActiveProcessLimit,
	      (DWORD)y.ProcessMemoryLimit, (DWORD)y.JobMemoryLimit,
	      (DWORD)y.PeakProcessMemoryUsed, (DWORD)y.PeakJobMemoryUsed);
	/* The basic record shows the basic flags; setting it keeps the others. */
	CHECK(QueryInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b), NULL) &&
	      b.LimitFlags == JOB_OBJECT_LIMIT_ACTIVE_PROCESS, "basic flags 0x%lx", b.LimitFlags);
	b.ActiveProcessLimit = 5;
	CHECK(SetInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b)),
	      "set basic: %lu", GetLastError());
	CHECK(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &y, sizeof(y), NULL) &&
	      y.BasicLimitInformation.ActiveProcessLimit == 5 && y.ProcessMemoryLimit == 8 << 20 &&
	      (y.BasicLimitInformation.LimitFlags & JOB_OBJECT_LIMIT_BREAKAWAY_OK),
	      "after basic set: flags 0x%lx", y.BasicLimitInformation.LimitFlags);
	/* Errors: an extended flag through the basic class, an unknown flag,
	 * the wrong length, a class that is not there, a query of a set-only class. */
	b.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
	FAILS(SetInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b)), FALSE,
	      ERROR_INVALID_PARAMETER);
	x.BasicLimitInformation.LimitFlags = 0x00100000;
	FAILS(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)), FALSE,
	      ERROR_INVALID_PARAMETER);
	x.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_JOB_TIME |
		JOB_OBJECT_LIMIT_PRESERVE_JOB_TIME;
	FAILS(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)), FALSE,
	      ERROR_INVALID_PARAMETER);
	x.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PRIORITY_CLASS;
	x.BasicLimitInformation.PriorityClass = 7;
	FAILS(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x) - 4),
	      FALSE, ERROR_BAD_LENGTH);
	FAILS(QueryInformationJobObject(job, JobObjectBasicLimitInformation, &b, sizeof(b) + 4,
					NULL), FALSE, ERROR_BAD_LENGTH);
	FAILS(QueryInformationJobObject(job, (JOBOBJECTINFOCLASS)40, &b, sizeof(b), NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(QueryInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &b, 8,
					NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(QueryInformationJobObject(job, JobObjectBasicLimitInformation, (void *)16, sizeof(b),
					NULL), FALSE, ERROR_NOACCESS);
	/* The limits were not changed by the failed calls. */
	CHECK(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &y, sizeof(y), NULL) &&
	      y.BasicLimitInformation.ActiveProcessLimit == 5, "unchanged");
}

/* One port at a time; NULL ends the association (Windows 8 and later), and
 * the job takes another port then. */
static void check_port_association(void)
{
	HANDLE job = CreateJobObjectA(NULL, NULL);
	HANDLE p1 = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	HANDLE p2 = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	JOBOBJECT_ASSOCIATE_COMPLETION_PORT a = { (PVOID)1, p1 };

	CHECK(SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &a,
				      sizeof(a)), "first port: %lu", GetLastError());
	a.CompletionPort = p2;
	FAILS(SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &a,
				      sizeof(a)), FALSE, ERROR_INVALID_PARAMETER);
	a.CompletionPort = NULL;
	CHECK(SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &a,
				      sizeof(a)), "NULL port: %lu", GetLastError());
	CloseHandle(p1);        /* the job held it; now nothing does */
	a.CompletionPort = p2;
	CHECK(SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &a,
				      sizeof(a)), "second port after NULL: %lu", GetLastError());
	CloseHandle(job);
	CloseHandle(p2);
}

static void check_membership(HANDLE job)
{
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
	JOBOBJECT_BASIC_PROCESS_ID_LIST list;
	BOOL in = 2;
	DWORD got = 0;

	CHECK(IsProcessInJob(GetCurrentProcess(), NULL, &in) && in == FALSE, "in any job: %d", in);
	in = 2;
	CHECK(IsProcessInJob(GetCurrentProcess(), job, &in) && in == FALSE, "in the job: %d", in);
	FAILS(IsProcessInJob(GetCurrentProcess(), job, (PBOOL)16), FALSE, ERROR_NOACCESS);
	/* The caller's own job, when it has none. */
	FAILS(QueryInformationJobObject(NULL, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), NULL), FALSE, ERROR_ACCESS_DENIED);
	CHECK(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), &got) && got == sizeof(acct) &&
	      acct.TotalProcesses == 0 && acct.ActiveProcesses == 0 &&
	      acct.TotalTerminatedProcesses == 0, "accounting of an empty job");
	CHECK(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &list, sizeof(list), &got) &&
	      list.NumberOfAssignedProcesses == 0 && list.NumberOfProcessIdsInList == 0,
	      "id list of an empty job: %lu", GetLastError());
	FAILS(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &list, 8, NULL), FALSE,
	      ERROR_BAD_LENGTH);
	CHECK(WaitForSingleObject(job, 0) == WAIT_TIMEOUT, "a new job is not signaled");
	/* An empty job terminates: signaled. */
	CHECK(TerminateJobObject(job, 5), "TerminateJobObject: %lu", GetLastError());
	CHECK(WaitForSingleObject(job, 0) == WAIT_OBJECT_0, "signaled after TerminateJobObject");
}

int main(void)
{
	HANDLE job;

	check_layouts();
	check_names();
	check_port_association();
	job = CreateJobObjectA(NULL, NULL);
	CHECK(job != NULL, "unnamed: %lu", GetLastError());
	check_limits(job);
	check_membership(job);
	FAILS(CloseHandle(job) && CloseHandle(job), FALSE, ERROR_INVALID_HANDLE);
	printf("job-objects-api: %d failures\n", failures);
	return failures;
}
