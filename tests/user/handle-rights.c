/* Access rights on process handles, as Windows checks them: OpenProcess on a
 * child with each single right and with none, then every process call through
 * that handle, each granted with the right it needs and refused with
 * ERROR_ACCESS_DENIED without; GENERIC_* and MAXIMUM_ALLOWED mapped with the
 * Process type's generic mapping; OpenProcess of pid 0, of a pid never used
 * and of one whose process is gone; the full access of CreateProcessA's
 * handles and of GetCurrentProcess(). The child is this program again
 * ("handle-rights child"), idle until terminated.
 * Last line: "handle-rights: N cases, M failures"; the exit status is M. */
#define TEST_NAME "handle-rights"
#include "check.h"
#include "ob-common.h"
#include <psapi.h>

#define TARGET_VALUE 0x5EC2E7u

/* Read and written in the child through the handle under test. */
static volatile DWORD target = TARGET_VALUE;
static int cases;

/* A call made through a handle: it must succeed when the handle grants what
 * it needs, and fail with ERROR_ACCESS_DENIED when it does not. */
static void judge(int line, const char *what, const char *call, BOOL ok, BOOL allowed)
{
	DWORD error = GetLastError();

	cases++;
	if (allowed && !ok) {
		failures++;
		printf(TEST_NAME ": line %d: [%s] %s failed with error %lu, though allowed\n",
		       line, what, call, error);
	} else if (!allowed && (ok || error != ERROR_ACCESS_DENIED)) {
		failures++;
		printf(TEST_NAME ": line %d: [%s] %s %s (error %lu), want ERROR_ACCESS_DENIED\n",
		       line, what, call, ok ? "succeeded" : "failed", error);
	}
}

#define JUDGE(what, call, allowed) \
	do { SetLastError(0xE0E0); judge(__LINE__, (what), #call, (call), (allowed)); } while (0)

/* Every call on process handle h, which grants granted; full grants every
 * right on the same process (it sets up and cleans up). TerminateProcess only
 * where it must be refused: the child has to live on. */
static void exercise(HANDLE h, HANDLE full, DWORD granted, const char *what)
{
	BOOL vm_op = (granted & PROCESS_VM_OPERATION) != 0;
	BOOL query = (granted & PROCESS_QUERY_INFORMATION) != 0;
	BOOL limited = (granted & (PROCESS_QUERY_INFORMATION |
				   PROCESS_QUERY_LIMITED_INFORMATION)) != 0;
	DWORD value = 0, old = 0, code = 0, written = 0x0BADF00D;
	MEMORY_BASIC_INFORMATION m;
	PROCESS_MEMORY_COUNTERS pmc;
	SIZE_T n = 0, min = 0, max = 0;
	HANDLE dup = NULL;
	char *p;

	JUDGE(what, (p = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE)) != NULL, vm_op);
	if (p)
		VirtualFreeEx(full, p, 0, MEM_RELEASE);
	p = VirtualAllocEx(full, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(p != NULL, "[%s] VirtualAllocEx with full access: error %lu", what, GetLastError());
	JUDGE(what, VirtualProtectEx(h, p, PAGE, PAGE_READONLY, &old), vm_op);
	JUDGE(what, VirtualFreeEx(h, p, PAGE, MEM_DECOMMIT), vm_op);
	JUDGE(what, VirtualFreeEx(h, p, 0, MEM_RELEASE), vm_op);
	if (!vm_op)
		VirtualFreeEx(full, p, 0, MEM_RELEASE);
	JUDGE(what, VirtualQueryEx(h, (void *)&target, &m, sizeof(m)) == sizeof(m), query);

	JUDGE(what, ReadProcessMemory(h, (void *)&target, &value, 4, &n),
	      (granted & PROCESS_VM_READ) != 0);
	CHECK(value == 0 || value == TARGET_VALUE, "[%s] read 0x%lx", what, value);
	JUDGE(what, WriteProcessMemory(h, (void *)&target, &written, 4, &n),
	      (granted & (PROCESS_VM_WRITE | PROCESS_VM_OPERATION)) ==
	      (PROCESS_VM_WRITE | PROCESS_VM_OPERATION));
	value = 0;
	CHECK(ReadProcessMemory(full, (void *)&target, &value, 4, &n), "[%s] read back", what);
	if (value != TARGET_VALUE) {    /* the write went through: undo it */
		CHECK(value == written, "[%s] the child holds 0x%lx", what, value);
		written = TARGET_VALUE;
		WriteProcessMemory(full, (void *)&target, &written, 4, &n);
	}

	SetLastError(0xE0E0);
	judge(__LINE__, what, "WaitForSingleObject(h, 0) == WAIT_TIMEOUT",
	      WaitForSingleObject(h, 0) == WAIT_TIMEOUT, (granted & SYNCHRONIZE) != 0);
	JUDGE(what, GetExitCodeProcess(h, &code), limited);
	CHECK(!limited || code == STILL_ACTIVE, "[%s] exit code %lu while it runs", what, code);
	JUDGE(what, GetProcessMemoryInfo(h, &pmc, sizeof(pmc)), limited);
	JUDGE(what, GetProcessWorkingSetSize(h, &min, &max), limited);
	JUDGE(what, SetProcessWorkingSetSize(h, (SIZE_T)-1, (SIZE_T)-1),
	      (granted & PROCESS_SET_QUOTA) != 0);
	JUDGE(what, DuplicateHandle(h, GetCurrentProcess(), GetCurrentProcess(), &dup, 0, FALSE,
				    DUPLICATE_SAME_ACCESS), (granted & PROCESS_DUP_HANDLE) != 0);
	if (dup)
		CloseHandle(dup);
	if (!(granted & PROCESS_TERMINATE))
		JUDGE(what, TerminateProcess(h, 0xBAD), FALSE);
}

struct right {
	DWORD mask;
	const char *name;
};

static const struct right single_rights[] = {
	{ 0, "no right" },
	{ PROCESS_TERMINATE, "PROCESS_TERMINATE" },
	{ PROCESS_CREATE_THREAD, "PROCESS_CREATE_THREAD" },
	{ PROCESS_SET_SESSIONID, "PROCESS_SET_SESSIONID" },
	{ PROCESS_VM_OPERATION, "PROCESS_VM_OPERATION" },
	{ PROCESS_VM_READ, "PROCESS_VM_READ" },
	{ PROCESS_VM_WRITE, "PROCESS_VM_WRITE" },
	{ PROCESS_DUP_HANDLE, "PROCESS_DUP_HANDLE" },
	{ PROCESS_CREATE_PROCESS, "PROCESS_CREATE_PROCESS" },
	{ PROCESS_SET_QUOTA, "PROCESS_SET_QUOTA" },
	{ PROCESS_SET_INFORMATION, "PROCESS_SET_INFORMATION" },
	{ PROCESS_QUERY_INFORMATION, "PROCESS_QUERY_INFORMATION" },
	{ PROCESS_SUSPEND_RESUME, "PROCESS_SUSPEND_RESUME" },
	{ PROCESS_QUERY_LIMITED_INFORMATION, "PROCESS_QUERY_LIMITED_INFORMATION" },
	{ PROCESS_SET_LIMITED_INFORMATION, "PROCESS_SET_LIMITED_INFORMATION" },
	{ DELETE, "DELETE" },
	{ READ_CONTROL, "READ_CONTROL" },
	{ WRITE_DAC, "WRITE_DAC" },
	{ WRITE_OWNER, "WRITE_OWNER" },
	{ SYNCHRONIZE, "SYNCHRONIZE" },
	/* WriteProcessMemory needs both. */
	{ PROCESS_VM_WRITE | PROCESS_VM_OPERATION, "PROCESS_VM_WRITE | PROCESS_VM_OPERATION" },
};

/* Windows grants PROCESS_QUERY_LIMITED_INFORMATION with PROCESS_QUERY_INFORMATION. */
static DWORD implied(DWORD mask)
{
	return mask & PROCESS_QUERY_INFORMATION ? mask | PROCESS_QUERY_LIMITED_INFORMATION : mask;
}

/* OpenProcess(desired) on pid grants want, and every call follows it. */
static void open_with(DWORD pid, HANDLE full, DWORD desired, DWORD want, const char *what)
{
	HANDLE h = OpenProcess(desired, FALSE, pid);
	DWORD access;

	CHECK(h != NULL, "[%s] OpenProcess: error %lu", what, GetLastError());
	if (!h)
		return;
	CHECK(((DWORD)h & 3) == 0 && h != GetCurrentProcess(), "[%s] handle %p", what, h);
	access = ob_access(GetCurrentProcessId(), h);
	CHECK(access == want, "[%s] grants 0x%lx, want 0x%lx", what, access, want);
	exercise(h, full, want, what);
	CHECK(CloseHandle(h), "[%s] CloseHandle: error %lu", what, GetLastError());
}

/* TerminateProcess with PROCESS_TERMINATE alone, the wait with SYNCHRONIZE
 * alone, the exit code with PROCESS_QUERY_LIMITED_INFORMATION alone. */
static void terminate_with_single_rights(DWORD pid)
{
	HANDLE t = OpenProcess(PROCESS_TERMINATE, FALSE, pid);
	HANDLE s = OpenProcess(SYNCHRONIZE, FALSE, pid);
	HANDLE q = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
	DWORD code = 0;

	CHECK(t && s && q, "open: error %lu", GetLastError());
	CHECK_ERR(WaitForSingleObject(t, INFINITE) != WAIT_FAILED, ERROR_ACCESS_DENIED);
	CHECK_ERR(GetExitCodeProcess(s, &code), ERROR_ACCESS_DENIED);
	CHECK_OK(TerminateProcess(t, 0x7E57));
	CHECK(WaitForSingleObject(s, INFINITE) == WAIT_OBJECT_0, "wait: error %lu", GetLastError());
	CHECK(GetExitCodeProcess(q, &code) && code == 0x7E57, "exit code 0x%lx", code);
	CloseHandle(t);
	CloseHandle(s);
	CloseHandle(q);
}

/* OpenProcess of a pid that names no process: ERROR_INVALID_PARAMETER, as
 * for 0 (NT keeps no process 0 that ring 3 may open). */
static void open_missing_pids(const char *self)
{
	PROCESS_INFORMATION pi;
	DWORD pid;

	CHECK_ERR(OpenProcess(PROCESS_ALL_ACCESS, FALSE, 0), ERROR_INVALID_PARAMETER);
	CHECK_ERR(OpenProcess(0, FALSE, 0), ERROR_INVALID_PARAMETER);
	CHECK_ERR(OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, 0x7FFFFFF0),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, 0xFFFFFFFF),
		  ERROR_INVALID_PARAMETER);
	/* A process that has ended can be opened while a handle keeps it... */
	if (!ob_start(self, "exit", FALSE, &pi))
		return;
	pid = pi.dwProcessId;
	WaitForSingleObject(pi.hProcess, INFINITE);
	HANDLE again = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
	DWORD code = 0;
	CHECK(again != NULL, "an ended process with a handle open: error %lu", GetLastError());
	CHECK(again && GetExitCodeProcess(again, &code) && code == 0x55, "its exit code 0x%lx", code);
	CloseHandle(again);
	CloseHandle(pi.hProcess);
	/* ...and is gone with its last handle. */
	CHECK_ERR(OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid),
		  ERROR_INVALID_PARAMETER);
}

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi;
	DWORD pid, access;

	ob_started();
	if (argc == 2 && strcmp(argv[1], "child") == 0) {
		Sleep(INFINITE);
		return 1;
	}
	if (argc == 2 && strcmp(argv[1], "exit") == 0)
		return 0x55;
	if (!ob_start(argv[0], "child", FALSE, &pi))
		return 1;
	pid = pi.dwProcessId;

	/* CreateProcessA's handle, and GetCurrentProcess(), have every right. */
	access = ob_access(GetCurrentProcessId(), pi.hProcess);
	CHECK(access == PROCESS_ALL_ACCESS, "CreateProcessA's handle grants 0x%lx", access);
	exercise(pi.hProcess, pi.hProcess, PROCESS_ALL_ACCESS, "CreateProcessA's handle");
	exercise(GetCurrentProcess(), GetCurrentProcess(), PROCESS_ALL_ACCESS,
		 "GetCurrentProcess()");

	for (size_t i = 0; i < sizeof(single_rights) / sizeof(single_rights[0]); i++)
		open_with(pid, pi.hProcess, single_rights[i].mask,
			  implied(single_rights[i].mask), single_rights[i].name);

	/* The Process type's generic mapping (NT's, as ReactOS measured it). */
	open_with(pid, pi.hProcess, GENERIC_READ, implied(0x00020410), "GENERIC_READ");
	open_with(pid, pi.hProcess, GENERIC_WRITE, 0x00020BEB, "GENERIC_WRITE");
	open_with(pid, pi.hProcess, GENERIC_EXECUTE, 0x00120000, "GENERIC_EXECUTE");
	open_with(pid, pi.hProcess, GENERIC_ALL, 0x001FFFFF, "GENERIC_ALL");
	open_with(pid, pi.hProcess, MAXIMUM_ALLOWED, PROCESS_ALL_ACCESS, "MAXIMUM_ALLOWED");
	open_with(pid, pi.hProcess, GENERIC_EXECUTE | PROCESS_VM_READ, 0x00120010,
		  "GENERIC_EXECUTE | PROCESS_VM_READ");
	open_with(pid, pi.hProcess, PROCESS_ALL_ACCESS, PROCESS_ALL_ACCESS, "PROCESS_ALL_ACCESS");
	/* ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege, which nobody holds. */
	CHECK_ERR(OpenProcess(ACCESS_SYSTEM_SECURITY, FALSE, pid), ERROR_PRIVILEGE_NOT_HELD);

	terminate_with_single_rights(pid);
	CloseHandle(pi.hProcess);
	open_missing_pids(argv[0]);

	printf("handle-rights: %d cases, %d failures\n", cases, failures);
	return failures;
}
