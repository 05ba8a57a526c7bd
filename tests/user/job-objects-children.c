/* A job's members and its completion-port packets: a process assigned to
 * a job brings its children in (NEW_PROCESS for each, with its id), the id
 * list and the accounting count them, the active-process limit refuses one
 * more (ERROR_NOT_ENOUGH_QUOTA, ACTIVE_PROCESS_LIMIT), TerminateJobObject
 * ends them all with its exit code (EXIT_PROCESS for each, then
 * ACTIVE_PROCESS_ZERO) and signals the job; a member dying of an exception
 * is an ABNORMAL_EXIT_PROCESS; KILL_ON_JOB_CLOSE ends the members when the
 * last handle closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "job-objects-children"
#include "check.h"
#include "jobtest.h"

#define KEY 0x1234

static char self[MAX_PATH];

/* Starts this program with mode, suspended; its process handle, its
 * first thread's in *thread. */
static HANDLE start(const char *mode, DWORD *pid, HANDLE *thread)
{
	PROCESS_INFORMATION pi;
	char cmdline[MAX_PATH + 16];

	strcpy(cmdline, self);
	strcat(cmdline, " ");
	strcat(cmdline, mode);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL,
			    NULL, &pi)) {
		CHECK(0, "CreateProcessA %s: %lu", mode, GetLastError());
		return NULL;
	}
	*thread = pi.hThread;
	*pid = pi.dwProcessId;
	return pi.hProcess;
}

static void resume(HANDLE thread)
{
	ResumeThread(thread);
	CloseHandle(thread);
}

/* The next packet: its message and process id (lpOverlapped); FALSE when
 * none came within 5 s. */
#define expect_packet(port, msg, pid) expect_packet_keyed(port, KEY, msg, pid)

static BOOL next_packet(HANDLE port, DWORD *msg, DWORD *pid)
{
	ULONG_PTR key = 0;
	LPOVERLAPPED ov = NULL;

	if (!GetQueuedCompletionStatus(port, msg, &key, &ov, 5000))
		return FALSE;
	CHECK(key == KEY, "key 0x%lx", (DWORD)key);
	*pid = (DWORD)(ULONG_PTR)ov;
	return TRUE;
}

static void members_and_termination(void)
{
	HANDLE port, job = job_with_port(&port, KEY), child, other, thread;
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
	JOBOBJECT_BASIC_LIMIT_INFORMATION lim;
	struct {
		JOBOBJECT_BASIC_PROCESS_ID_LIST l;
		ULONG_PTR more[3];
	} ids;
	DWORD pid = 0, grandchild = 0, msg = 0, other_pid = 0, code = 0, got = 0;
	BOOL in = FALSE;

	child = start("spawn", &pid, &thread);
	CHECK(AssignProcessToJobObject(job, child), "assign: %lu", GetLastError());
	CHECK(AssignProcessToJobObject(job, child), "assign again: %lu", GetLastError());
	CHECK(IsProcessInJob(child, job, &in) && in, "child in the job");
	expect_packet(port, JOB_OBJECT_MSG_NEW_PROCESS, pid);
	resume(thread);
	CHECK(next_packet(port, &msg, &grandchild) && msg == JOB_OBJECT_MSG_NEW_PROCESS &&
	      grandchild != pid && grandchild, "grandchild's packet %lu for %lu", msg, grandchild);
	CHECK(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &ids, sizeof(ids), &got) &&
	      ids.l.NumberOfAssignedProcesses == 2 && ids.l.NumberOfProcessIdsInList == 2 &&
	      got == 16 && (ids.l.ProcessIdList[0] == pid || ids.more[0] == pid),
	      "id list: %lu of %lu, %lu bytes", ids.l.NumberOfProcessIdsInList,
	      ids.l.NumberOfAssignedProcesses, got);
	FAILS(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &ids, 12, NULL), FALSE,
	      ERROR_MORE_DATA);
	CHECK(ids.l.NumberOfAssignedProcesses == 2 && ids.l.NumberOfProcessIdsInList == 1,
	      "a short list: %lu of %lu", ids.l.NumberOfProcessIdsInList,
	      ids.l.NumberOfAssignedProcesses);
	CHECK(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), NULL) &&
	      acct.TotalProcesses == 2 && acct.ActiveProcesses == 2, "accounting: %lu %lu",
	      acct.TotalProcesses, acct.ActiveProcesses);
	/* Two active, a limit of two: a third is refused. */
	memset(&lim, 0, sizeof(lim));
	lim.LimitFlags = JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
	lim.ActiveProcessLimit = 2;
	CHECK(SetInformationJobObject(job, JobObjectBasicLimitInformation, &lim, sizeof(lim)),
	      "set the limit: %lu", GetLastError());
	other = start("sleep", &other_pid, &thread);
	CloseHandle(thread);
	FAILS(AssignProcessToJobObject(job, other), FALSE, ERROR_NOT_ENOUGH_QUOTA);
	expect_packet(port, JOB_OBJECT_MSG_ACTIVE_PROCESS_LIMIT, 0);
	CHECK(IsProcessInJob(other, NULL, &in) && !in, "refused one is in no job");
	TerminateProcess(other, 0);
	CloseHandle(other);
	/* Every member ends with the code; the job is signaled. */
	CHECK(WaitForSingleObject(job, 0) == WAIT_TIMEOUT, "not signaled yet");
	CHECK(TerminateJobObject(job, 42), "TerminateJobObject: %lu", GetLastError());
	CHECK(WaitForSingleObject(child, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(child, &code) && code == 42, "child's exit code %lu", code);
	CHECK(WaitForSingleObject(job, 0) == WAIT_OBJECT_0, "signaled");
	for (int i = 0; i < 2; i++) {
		DWORD who = 0;
		CHECK(next_packet(port, &msg, &who) && msg == JOB_OBJECT_MSG_EXIT_PROCESS &&
		      (who == pid || who == grandchild), "exit packet %lu for %lu", msg, who);
	}
	expect_packet(port, JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO, 0);
	CHECK(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), NULL) &&
	      acct.TotalProcesses == 2 && acct.ActiveProcesses == 0 &&
	      acct.TotalTerminatedProcesses >= 2, "accounting after: %lu %lu %lu",
	      acct.TotalProcesses, acct.ActiveProcesses, acct.TotalTerminatedProcesses);
	CHECK(IsProcessInJob(child, job, &in) && in, "an ended member stays associated");
	CloseHandle(child);
	CloseHandle(job);
	CloseHandle(port);
}

static void abnormal_exit(void)
{
	HANDLE port, job = job_with_port(&port, KEY), child, thread;
	JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
	DWORD pid = 0, code = 0;

	child = start("crash", &pid, &thread);
	CHECK(AssignProcessToJobObject(job, child), "assign: %lu", GetLastError());
	resume(thread);
	CHECK(WaitForSingleObject(child, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(child, &code) && code == EXCEPTION_ACCESS_VIOLATION,
	      "crash exit code 0x%lx", code);
	/* Its job counted the exit before its waiters woke. */
	CHECK(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct,
					sizeof(acct), NULL) && acct.ActiveProcesses == 0,
	      "active after the wait: %lu", acct.ActiveProcesses);
	expect_packet(port, JOB_OBJECT_MSG_NEW_PROCESS, pid);
	expect_packet(port, JOB_OBJECT_MSG_ABNORMAL_EXIT_PROCESS, pid);
	expect_packet(port, JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO, 0);
	CHECK(WaitForSingleObject(job, 0) == WAIT_TIMEOUT, "not signaled by its members' exit");
	CloseHandle(child);
	CloseHandle(job);
	CloseHandle(port);
}

static void kill_on_close(void)
{
	HANDLE job = CreateJobObjectA(NULL, NULL), dup = NULL, child, thread;
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;
	DWORD pid = 0, code = 1;

	memset(&x, 0, sizeof(x));
	x.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
	CHECK(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)),
	      "set: %lu", GetLastError());
	child = start("sleep", &pid, &thread);
	CHECK(AssignProcessToJobObject(job, child), "assign: %lu", GetLastError());
	resume(thread);
	DuplicateHandle(GetCurrentProcess(), job, GetCurrentProcess(), &dup, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	CloseHandle(job);
	CHECK(WaitForSingleObject(child, 200) == WAIT_TIMEOUT, "alive while a handle is open");
	CloseHandle(dup);
	CHECK(WaitForSingleObject(child, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(child, &code) && code == 0, "killed on close: code %lu", code);
	CloseHandle(child);
}

/* A process holding the last handle of a KILL_ON_JOB_CLOSE job exits: its
 * handles close, the job's members end. The launcher gets the sleeper's
 * handle by inheritance (its value on the command line). */
static void kill_on_launcher_exit(void)
{
	PROCESS_INFORMATION pi;
	HANDLE sleeper, thread;
	DWORD pid = 0, code = 1;
	char cmdline[MAX_PATH + 32];

	sleeper = start("sleep", &pid, &thread);
	resume(thread);
	SetHandleInformation(sleeper, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	sprintf(cmdline, "%s launch %lu", self, (DWORD)(ULONG_PTR)sleeper);
	CHECK(CreateProcessA(NULL, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, NULL, &pi),
	      "launcher: %lu", GetLastError());
	CHECK(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(pi.hProcess, &code) && code == 0, "launcher's code %lu", code);
	CHECK(WaitForSingleObject(sleeper, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(sleeper, &code) && code == 0, "the member ended: code %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(sleeper);
}

/* launch HANDLE: puts the process behind the inherited handle in a new
 * KILL_ON_JOB_CLOSE job and exits holding the job's only handle. */
static int launch(const char *handle)
{
	JOBOBJECT_EXTENDED_LIMIT_INFORMATION x;
	HANDLE job = CreateJobObjectA(NULL, NULL);

	memset(&x, 0, sizeof(x));
	x.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
	if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &x, sizeof(x)) ||
	    !AssignProcessToJobObject(job, (HANDLE)(ULONG_PTR)atoi(handle)))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "launch") == 0)
		return launch(argv[2]);
	if (argc == 2 && strcmp(argv[1], "sleep") == 0) {
		Sleep(INFINITE);
	} else if (argc == 2 && strcmp(argv[1], "spawn") == 0) {
		HANDLE thread;
		DWORD pid;
		strcpy(self, argv[0]);
		start("sleep", &pid, &thread);
		resume(thread);
		Sleep(INFINITE);
	} else if (argc == 2 && strcmp(argv[1], "crash") == 0) {
		*(volatile int *)0 = 1;
	}
	strcpy(self, argv[0]);
	members_and_termination();
	abnormal_exit();
	kill_on_close();
	kill_on_launcher_exit();
	printf("job-objects-children: %d failures\n", failures);
	return failures;
}
