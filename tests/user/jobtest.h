/* What the job tests (tests/user/job-objects-*.c) share: a job with a
 * completion port, and the check of its next packet. Include after
 * check.h. */
#ifndef TESTS_USER_JOBTEST_H
#define TESTS_USER_JOBTEST_H

#include <windows.h>

/* A new unnamed job whose packets go to a new port (*port) under key. */
static inline HANDLE job_with_port(HANDLE *port, ULONG_PTR key)
{
	HANDLE job = CreateJobObjectA(NULL, NULL);
	JOBOBJECT_ASSOCIATE_COMPLETION_PORT assoc;

	*port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	assoc.CompletionKey = (PVOID)key;
	assoc.CompletionPort = *port;
	CHECK(job && *port && SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation,
						     &assoc, sizeof(assoc)),
	      "associate: %lu", GetLastError());
	return job;
}

/* The next packet on port (within 10 s) is message msg about process pid
 * (lpOverlapped; 0 for the job-wide ones) under key. */
static inline void expect_packet_keyed(HANDLE port, ULONG_PTR key, DWORD msg, DWORD pid)
{
	DWORD got = 0;
	ULONG_PTR got_key = 0;
	LPOVERLAPPED ov = NULL;

	CHECK(GetQueuedCompletionStatus(port, &got, &got_key, &ov, 10000) && got_key == key &&
	      got == msg && (DWORD)(ULONG_PTR)ov == pid, "packet %lu for %lu key %lu, want %lu for %lu",
	      got, (DWORD)(ULONG_PTR)ov, (DWORD)got_key, msg, pid);
}

#endif
