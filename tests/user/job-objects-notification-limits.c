/* Job notification limits as Microsoft documents them: a write-bytes or
 * job-memory limit set with JobObjectNotificationLimitInformation posts one
 * JOB_OBJECT_MSG_NOTIFICATION_LIMIT (lpOverlapped the process id) once
 * passed and ends nothing; JobObjectLimitViolationInformation says which
 * limit was passed and by how much; the records' layouts and the errors
 * for a bad flag, length or class. Also the classes vados answers without
 * the feature: JobObjectCpuRateControlInformation (no rate control; setting
 * it is ERROR_NOT_SUPPORTED, as Windows with fair-share scheduling) and
 * JobObjectGroupInformation (processor group 0 only), and the I/O-rate
 * calls (ERROR_NOT_SUPPORTED, as Windows 10 1607 and later). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-notification-limits"
#include "check.h"
#include "jobtest.h"

#define KEY 0x77

/* No packet within 200 ms. */
static void expect_no_packet(HANDLE port, const char *when)
{
	DWORD got = 0;
	ULONG_PTR key;
	LPOVERLAPPED ov;

	CHECK(!GetQueuedCompletionStatus(port, &got, &key, &ov, 200) &&
	      GetLastError() == WAIT_TIMEOUT, "%s: packet %lu", when, got);
}

static JOBOBJECT_LIMIT_VIOLATION_INFORMATION violation(HANDLE job)
{
	JOBOBJECT_LIMIT_VIOLATION_INFORMATION v;
	DWORD n = 0;

	memset(&v, 0xcc, sizeof(v));
	CHECK(QueryInformationJobObject(job, JobObjectLimitViolationInformation, &v, sizeof(v), &n) &&
	      n == sizeof(v), "violation query: %lu", GetLastError());
	return v;
}

static void write_bytes(HANDLE job, HANDLE port)
{
	JOBOBJECT_BASIC_AND_IO_ACCOUNTING_INFORMATION acct;
	JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION n, back;
	JOBOBJECT_LIMIT_VIOLATION_INFORMATION v;
	HANDLE f = CreateFileA("C:\\job-notify.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			       FILE_FLAG_DELETE_ON_CLOSE, NULL);
	char buf[300];
	DWORD done;

	CHECK(f != INVALID_HANDLE_VALUE, "CreateFileA: %lu", GetLastError());
	memset(buf, 'n', sizeof(buf));
	QueryInformationJobObject(job, JobObjectBasicAndIoAccountingInformation, &acct,
				  sizeof(acct), NULL);
	memset(&n, 0, sizeof(n));
	n.LimitFlags = JOB_OBJECT_LIMIT_JOB_WRITE_BYTES;
	n.IoWriteBytesLimit = acct.IoInfo.WriteTransferCount + 500;
	CHECK(SetInformationJobObject(job, JobObjectNotificationLimitInformation, &n, sizeof(n)),
	      "set: %lu", GetLastError());
	memset(&back, 0xcc, sizeof(back));
	CHECK(QueryInformationJobObject(job, JobObjectNotificationLimitInformation, &back,
					sizeof(back), NULL) &&
	      back.LimitFlags == n.LimitFlags && back.IoWriteBytesLimit == n.IoWriteBytesLimit &&
	      back.IoReadBytesLimit == 0 && back.JobMemoryLimit == 0,
	      "read back: flags %lx limit %llu", back.LimitFlags, back.IoWriteBytesLimit);
	v = violation(job);
	CHECK(v.LimitFlags == JOB_OBJECT_LIMIT_JOB_WRITE_BYTES && v.ViolationLimitFlags == 0 &&
	      v.IoWriteBytesLimit == n.IoWriteBytesLimit &&
	      v.IoWriteBytes == acct.IoInfo.WriteTransferCount,
	      "before: flags %lx violated %lx written %llu", v.LimitFlags, v.ViolationLimitFlags,
	      v.IoWriteBytes);

	WriteFile(f, buf, 300, &done, NULL);
	expect_no_packet(port, "under the limit");
	WriteFile(f, buf, 300, &done, NULL);
	expect_packet_keyed(port, KEY, JOB_OBJECT_MSG_NOTIFICATION_LIMIT, GetCurrentProcessId());
	v = violation(job);
	CHECK(v.ViolationLimitFlags == JOB_OBJECT_LIMIT_JOB_WRITE_BYTES &&
	      v.IoWriteBytes == acct.IoInfo.WriteTransferCount + 600,
	      "after: violated %lx written %llu", v.ViolationLimitFlags, v.IoWriteBytes);
	/* Once: more writes post nothing, and the writer runs on. */
	CHECK(WriteFile(f, buf, 300, &done, NULL) && done == 300, "write on: %lu", GetLastError());
	expect_no_packet(port, "past the limit again");
	CloseHandle(f);
}

static void job_memory(HANDLE job, HANDLE port)
{
	JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION n;
	JOBOBJECT_LIMIT_VIOLATION_INFORMATION v = violation(job);
	void *p;

	memset(&n, 0, sizeof(n));
	n.LimitFlags = JOB_OBJECT_LIMIT_JOB_MEMORY;
	n.JobMemoryLimit = v.JobMemory + 64 * 1024;
	CHECK(v.JobMemory > 0, "job memory %llu", v.JobMemory);
	CHECK(SetInformationJobObject(job, JobObjectNotificationLimitInformation, &n, sizeof(n)),
	      "set memory: %lu", GetLastError());
	/* Not enforced: the commit succeeds, and its return posts the packet. */
	p = VirtualAlloc(NULL, 128 * 1024, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	CHECK(p != NULL, "VirtualAlloc: %lu", GetLastError());
	expect_packet_keyed(port, KEY, JOB_OBJECT_MSG_NOTIFICATION_LIMIT, GetCurrentProcessId());
	v = violation(job);
	CHECK(v.LimitFlags == JOB_OBJECT_LIMIT_JOB_MEMORY &&
	      v.ViolationLimitFlags == JOB_OBJECT_LIMIT_JOB_MEMORY &&
	      v.JobMemory > v.JobMemoryLimit && v.JobMemoryLimit == n.JobMemoryLimit,
	      "memory: violated %lx at %llu of %llu", v.ViolationLimitFlags, v.JobMemory,
	      v.JobMemoryLimit);
	VirtualFree(p, 0, MEM_RELEASE);
}

static void errors(HANDLE job)
{
	JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION n;
	JOBOBJECT_LIMIT_VIOLATION_INFORMATION v;

	CHECK(sizeof(n) == 48 && sizeof(v) == 80, "sizes %u %u", (unsigned)sizeof(n),
	      (unsigned)sizeof(v));
	CHECK(offsetof(JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION, LimitFlags) == 40 &&
	      offsetof(JOBOBJECT_LIMIT_VIOLATION_INFORMATION, JobMemoryLimit) == 64, "offsets");
	memset(&n, 0, sizeof(n));
	n.LimitFlags = JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
	FAILS(SetInformationJobObject(job, JobObjectNotificationLimitInformation, &n, sizeof(n)),
	      FALSE, ERROR_INVALID_PARAMETER);
	n.LimitFlags = JOB_OBJECT_LIMIT_JOB_READ_BYTES;
	FAILS(SetInformationJobObject(job, JobObjectNotificationLimitInformation, &n, sizeof(n) - 8),
	      FALSE, ERROR_BAD_LENGTH);
	FAILS(QueryInformationJobObject(job, JobObjectLimitViolationInformation, &v, sizeof(v) - 8,
					NULL), FALSE, ERROR_BAD_LENGTH);
	FAILS(SetInformationJobObject(job, JobObjectLimitViolationInformation, &v, sizeof(v)),
	      FALSE, ERROR_INVALID_PARAMETER);
}

static void rate_and_groups(HANDLE job)
{
	JOBOBJECT_CPU_RATE_CONTROL_INFORMATION rate;
	USHORT groups[4] = { 7, 7, 7, 7 };
	DWORD n = 0;

	CHECK(sizeof(rate) == 8, "rate record %u", (unsigned)sizeof(rate));
	memset(&rate, 0xcc, sizeof(rate));
	CHECK(QueryInformationJobObject(job, JobObjectCpuRateControlInformation, &rate,
					sizeof(rate), &n) && n == 8 && rate.ControlFlags == 0,
	      "rate query: %lu flags %lx", GetLastError(), rate.ControlFlags);
	rate.ControlFlags = JOB_OBJECT_CPU_RATE_CONTROL_ENABLE | JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP;
	rate.CpuRate = 5000;
	FAILS(SetInformationJobObject(job, JobObjectCpuRateControlInformation, &rate, sizeof(rate)),
	      FALSE, ERROR_NOT_SUPPORTED);
	CHECK(QueryInformationJobObject(job, JobObjectGroupInformation, groups, sizeof(groups), &n) &&
	      n == sizeof(USHORT) && groups[0] == 0, "groups: %lu, %lu bytes, first %u",
	      GetLastError(), n, groups[0]);
	groups[0] = 0;
	CHECK(SetInformationJobObject(job, JobObjectGroupInformation, groups, sizeof(USHORT)),
	      "group 0: %lu", GetLastError());
	groups[1] = 3;
	FAILS(SetInformationJobObject(job, JobObjectGroupInformation, groups, 2 * sizeof(USHORT)),
	      FALSE, ERROR_INVALID_PARAMETER);
}

static void io_rate(HANDLE job)
{
	JOBOBJECT_IO_RATE_CONTROL_INFORMATION *blocks = NULL, one;
	ULONG count = 0;

	CHECK(QueryIoRateControlInformationJobObject(job, NULL, &blocks, &count) ==
	      ERROR_NOT_SUPPORTED && blocks == NULL && count == 0, "I/O rate query");
	memset(&one, 0, sizeof(one));
	one.ControlFlags = JOB_OBJECT_IO_RATE_CONTROL_ENABLE;
	one.MaxIops = 100;
	CHECK(SetIoRateControlInformationJobObject(job, &one) == ERROR_NOT_SUPPORTED, "I/O rate set");
	FreeMemoryJobObject(NULL);
}

int main(void)
{
	HANDLE port, job = job_with_port(&port, KEY);

	errors(job);
	rate_and_groups(job);
	io_rate(job);
	CHECK(AssignProcessToJobObject(job, GetCurrentProcess()), "assign: %lu", GetLastError());
	expect_packet_keyed(port, KEY, JOB_OBJECT_MSG_NEW_PROCESS, GetCurrentProcessId());
	write_bytes(job, port);
	job_memory(job, port);
	CloseHandle(job);
	CloseHandle(port);
	printf("job-objects-notification-limits: %d failures\n", failures);
	return failures;
}
