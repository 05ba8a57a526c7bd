/* The privilege rules, each with and without its privilege: shutting down
 * needs SeShutdownPrivilege enabled; raising the minimum working set needs
 * SeIncreaseWorkingSetPrivilege enabled (in the caller's token, whichever
 * process it names); a child's token is a copy of its creator's as it is at
 * CreateProcess; a child started with a restricted token
 * (CreateRestrictedToken + CreateProcessAsUserA) can enable nothing it lost,
 * and gets only query-limited and synchronize rights to its more privileged
 * parent, its threads and its token, unless SeDebugPrivilege is enabled
 * (processes and threads only); CreateProcessAsUserA refuses a token holding
 * more than the caller's.
 *
 * Modes (argv[1]): none, the parent; "report": exits with the bits of its
 * token (bit i: the first token's privilege i held, bit 4 + i: enabled);
 * "restricted PPID PTID TOKEN" and "debug PPID PTID": the children checking
 * the rules from below; "shutdown": refused while disabled, then enables the
 * privilege and powers off; "try-shutdown": tries as the shell's `shutdown`
 * does and says what happened (for run -restricted). */
#define TEST_NAME "token-rules"
#include <stdlib.h>
#include "check.h"
#include "ob-common.h"
#include "token-common.h"

#define MAGIC     0x70CE2u
#define WS_PAGE   4096u

static volatile DWORD magic;            /* the parent sets it; a debugging child reads it */

/* The report child's exit code for the calling process's own token. */
static DWORD own_bits(void)
{
	DWORD bits = 0;

	for (int i = 0; i < 4; i++) {
		int state = tk_own_state(tk_first_names[i]);
		bits |= (state >= 0 ? 1u << i : 0) | (state == 1 ? 1u << (4 + i) : 0);
	}
	return bits;
}

/* Runs "self args" with token (NULL: the caller's), optionally suspended and
 * inheriting handles; its process information, hThread kept. */
static BOOL start(const char *self, const char *args, HANDLE token, DWORD flags, BOOL inherit,
		  PROCESS_INFORMATION *pi)
{
	char cmdline[160];

	snprintf(cmdline, sizeof(cmdline), "%s %s", self, args);
	if (CreateProcessAsUserA(token, NULL, cmdline, NULL, NULL, inherit, flags, NULL, NULL,
				 NULL, pi))
		return TRUE;
	CHECK(0, "cannot start \"%s\": error %lu", cmdline, GetLastError());
	return FALSE;
}

/* Starts "self args" and waits for its exit code. */
static DWORD run(const char *self, const char *args, HANDLE token, BOOL inherit)
{
	PROCESS_INFORMATION pi;

	if (!start(self, args, token, 0, inherit, &pi))
		return 0xDEADDEAD;
	CloseHandle(pi.hThread);
	return ob_reap(pi.hProcess, FALSE);
}

static void shutdown_refused(void)
{
	CHECK(tk_own_state(SE_SHUTDOWN_NAME) == 0, "SeShutdownPrivilege is not held disabled");
	CHECK_ERR(ExitWindowsEx(EWX_POWEROFF, 0), ERROR_PRIVILEGE_NOT_HELD);
	CHECK_ERR(ExitWindowsEx(EWX_SHUTDOWN | EWX_FORCE, 0), ERROR_PRIVILEGE_NOT_HELD);
	CHECK(vados_syscall(SYS_SHUTDOWN, NULL).error == ERROR_PRIVILEGE_NOT_HELD,
	      "the system call itself");
	CHECK_ERR(ExitWindowsEx(EWX_REBOOT, 0), ERROR_INVALID_PARAMETER);
	CHECK_ERR(ExitWindowsEx(EWX_LOGOFF, 0), ERROR_INVALID_PARAMETER);
}

static BOOL limits_are(HANDLE process, SIZE_T min_pages, SIZE_T max_pages)
{
	SIZE_T min = 0, max = 0;

	return GetProcessWorkingSetSize(process, &min, &max) && min == min_pages * WS_PAGE &&
	       max == max_pages * WS_PAGE;
}

/* Raising the minimum needs the caller's privilege; lowering it and
 * raising the maximum do not. */
static void working_set_rules(const char *self)
{
	HANDLE me = GetCurrentProcess();
	PROCESS_INFORMATION pi;

	CHECK_ERR(SetProcessWorkingSetSize(me, 100 * WS_PAGE, 345 * WS_PAGE),
		  ERROR_PRIVILEGE_NOT_HELD);
	CHECK(limits_are(me, 50, 345), "a refused call changed the limits");
	CHECK_OK(SetProcessWorkingSetSize(me, 40 * WS_PAGE, 1000 * WS_PAGE));
	CHECK_ERR(SetProcessWorkingSetSize(me, 45 * WS_PAGE, 1000 * WS_PAGE),
		  ERROR_PRIVILEGE_NOT_HELD);
	CHECK(tk_set_own(SE_INC_WORKING_SET_NAME, TRUE), "enable: %lu", GetLastError());
	CHECK_OK(SetProcessWorkingSetSize(me, 200 * WS_PAGE, 1000 * WS_PAGE));
	CHECK(limits_are(me, 200, 1000), "raised with the privilege");
	CHECK(tk_set_own(SE_INC_WORKING_SET_NAME, FALSE), "disable: %lu", GetLastError());
	CHECK_ERR(SetProcessWorkingSetSize(me, 201 * WS_PAGE, 1000 * WS_PAGE),
		  ERROR_PRIVILEGE_NOT_HELD);
	CHECK_OK(SetProcessWorkingSetSize(me, 50 * WS_PAGE, 345 * WS_PAGE));
	/* Another process's minimum: the caller's token decides. */
	if (!start(self, "report", NULL, CREATE_SUSPENDED, FALSE, &pi))
		return;
	CHECK_ERR(SetProcessWorkingSetSize(pi.hProcess, 60 * WS_PAGE, 345 * WS_PAGE),
		  ERROR_PRIVILEGE_NOT_HELD);
	CHECK(tk_set_own(SE_INC_WORKING_SET_NAME, TRUE), "enable: %lu", GetLastError());
	CHECK_OK(SetProcessWorkingSetSize(pi.hProcess, 60 * WS_PAGE, 345 * WS_PAGE));
	CHECK(limits_are(pi.hProcess, 60, 345), "the child's minimum");
	CHECK(tk_set_own(SE_INC_WORKING_SET_NAME, FALSE), "disable: %lu", GetLastError());
	ResumeThread(pi.hThread);
	CloseHandle(pi.hThread);
	CHECK(ob_reap(pi.hProcess, FALSE) == 0x0F, "the child's token");
}

/* A child's token is a copy made at CreateProcess: later changes to either
 * leave the other as it was. */
static void tokens_are_copied(const char *self)
{
	PROCESS_INFORMATION pi;
	HANDLE child_token;
	DWORD code;

	CHECK(tk_set_own(SE_DEBUG_NAME, TRUE), "enable: %lu", GetLastError());
	if (!start(self, "report", NULL, CREATE_SUSPENDED, FALSE, &pi))
		return;
	CHECK(tk_set_own(SE_DEBUG_NAME, FALSE), "disable: %lu", GetLastError());
	ResumeThread(pi.hThread);
	CloseHandle(pi.hThread);
	code = ob_reap(pi.hProcess, FALSE);
	CHECK(code == (0x0F | 1u << 7), "the child reported 0x%lx", code);
	/* The parent changes a suspended child's token through its handle. */
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, TRUE), "enable: %lu", GetLastError());
	if (!start(self, "report", NULL, CREATE_SUSPENDED, FALSE, &pi))
		return;
	CHECK_OK(OpenProcessToken(pi.hProcess, TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &child_token));
	CHECK(tk_state(child_token, SE_LOCK_MEMORY_NAME) == 1, "the copy");
	CHECK(tk_set(child_token, SE_LOCK_MEMORY_NAME, FALSE) &&
	      tk_set(child_token, SE_SHUTDOWN_NAME, TRUE), "adjust the child's: %lu", GetLastError());
	CHECK(tk_own_state(SE_LOCK_MEMORY_NAME) == 1 && tk_own_state(SE_SHUTDOWN_NAME) == 0,
	      "the parent's token changed with the child's");
	CloseHandle(child_token);
	ResumeThread(pi.hThread);
	CloseHandle(pi.hThread);
	code = ob_reap(pi.hProcess, FALSE);
	CHECK(code == (0x0F | 1u << 5), "the child reported 0x%lx", code);
	CHECK(tk_set_own(SE_LOCK_MEMORY_NAME, FALSE), "disable: %lu", GetLastError());
}

/* A restricted copy of the caller's token, less delete (or every privilege
 * with DISABLE_MAX_PRIVILEGE). */
static HANDLE restricted(DWORD flags, const char *delete)
{
	LUID_AND_ATTRIBUTES del = { tk_luid(delete ? delete : SE_TCB_NAME), 0 };
	HANDLE mine = NULL, r = NULL;

	CHECK(OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE, &mine) &&
	      CreateRestrictedToken(mine, flags, 0, NULL, 1, &del, 0, NULL, &r),
	      "restricted token: %lu", GetLastError());
	CloseHandle(mine);
	return r;
}

/* The parent's side of the restricted and debugging children. */
static void restricted_children(const char *self)
{
	HANDLE none = restricted(DISABLE_MAX_PRIVILEGE, NULL);
	HANDLE no_shutdown = restricted(0, SE_SHUTDOWN_NAME), full = NULL, h;
	PROCESS_INFORMATION pi;
	char args[96];
	DWORD code;

	CHECK_OK(OpenProcessToken(GetCurrentProcess(), TOKEN_ALL_ACCESS, &full));
	CHECK_OK(SetHandleInformation(full, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
	snprintf(args, sizeof(args), "restricted %lu %lu %lu", GetCurrentProcessId(),
		 GetCurrentThreadId(), (DWORD)full);
	if (start(self, args, none, CREATE_SUSPENDED, TRUE, &pi)) {
		/* The more privileged parent opens its restricted child fully. */
		CHECK_OK(h = OpenProcess(PROCESS_ALL_ACCESS, FALSE, pi.dwProcessId));
		CloseHandle(h);
		ResumeThread(pi.hThread);
		CloseHandle(pi.hThread);
		code = ob_reap(pi.hProcess, FALSE);
		CHECK(code == 0, "the restricted child failed %lu checks", code);
	}
	snprintf(args, sizeof(args), "debug %lu %lu", GetCurrentProcessId(), GetCurrentThreadId());
	code = run(self, args, no_shutdown, FALSE);
	CHECK(code == 0, "the debugging child failed %lu checks", code);
	CHECK(run(self, "report", no_shutdown, FALSE) == 0x0D, "SeShutdownPrivilege deleted");
	CloseHandle(full);
	CloseHandle(none);
	CloseHandle(no_shutdown);
}

/* The restricted child: no privilege, so no way up. */
static int restricted_child(const char *self, DWORD ppid, DWORD ptid, HANDLE full)
{
	PROCESS_INFORMATION pi;
	HANDLE h, m, t, token;
	DWORD code = 0;
	char cmdline[] = "hello";

	CHECK(tk_own_state(SE_SHUTDOWN_NAME) == -1 && own_bits() == 0, "privileges 0x%lx",
	      own_bits());
	CHECK(!tk_set_own(SE_SHUTDOWN_NAME, TRUE) && GetLastError() == ERROR_NOT_ALL_ASSIGNED,
	      "enable: %lu", GetLastError());
	CHECK_ERR(ExitWindowsEx(EWX_POWEROFF, 0), ERROR_PRIVILEGE_NOT_HELD);
	CHECK_ERR(SetProcessWorkingSetSize(GetCurrentProcess(), 100 * WS_PAGE, 345 * WS_PAGE),
		  ERROR_PRIVILEGE_NOT_HELD);
	CHECK_ERR(OpenProcess(PROCESS_ALL_ACCESS, FALSE, ppid), ERROR_ACCESS_DENIED);
	CHECK_ERR(OpenProcess(PROCESS_VM_READ, FALSE, ppid), ERROR_ACCESS_DENIED);
	CHECK_ERR(OpenProcess(PROCESS_TERMINATE, FALSE, ppid), ERROR_ACCESS_DENIED);
	CHECK_OK(h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, ppid));
	CHECK(GetExitCodeProcess(h, &code) && code == STILL_ACTIVE &&
	      WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "query the parent");
	CHECK_OK(m = OpenProcess(MAXIMUM_ALLOWED, FALSE, ppid));
	CHECK(ob_access(GetCurrentProcessId(), m) ==
	      (SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION), "MAXIMUM_ALLOWED gave 0x%lx",
	      ob_access(GetCurrentProcessId(), m));
	CHECK_ERR(TerminateProcess(m, 9), ERROR_ACCESS_DENIED);
	CHECK_ERR(OpenThread(THREAD_SUSPEND_RESUME, FALSE, ptid), ERROR_ACCESS_DENIED);
	CHECK_OK(t = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, ptid));
	CHECK_ERR(OpenProcessToken(h, TOKEN_ADJUST_PRIVILEGES, &token), ERROR_ACCESS_DENIED);
	CHECK_ERR(OpenProcessToken(h, MAXIMUM_ALLOWED | TOKEN_DUPLICATE, &token), ERROR_ACCESS_DENIED);
	CHECK(OpenProcessToken(h, TOKEN_QUERY, &token) && tk_count(token) == 4, "read the parent's");
	CloseHandle(token);
	/* Its own children inherit its lack; a token holding more is refused. */
	CHECK(run(self, "report", NULL, FALSE) == 0, "a grandchild holds privileges");
	CHECK_ERR(CreateProcessAsUserA(full, NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL,
				       &pi), ERROR_PRIVILEGE_NOT_HELD);
	CloseHandle(t);
	CloseHandle(m);
	CloseHandle(h);
	return failures;
}

/* The child without SeShutdownPrivilege but with SeDebugPrivilege: enabled,
 * the latter opens its parent's process and threads (not its token) fully. */
static int debug_child(DWORD ppid, DWORD ptid)
{
	HANDLE h = NULL, t, token;
	DWORD value = 0;
	SIZE_T n;

	CHECK(own_bits() == 0x0D, "privileges 0x%lx", own_bits());
	CHECK_ERR(OpenProcess(PROCESS_VM_READ, FALSE, ppid), ERROR_ACCESS_DENIED);
	CHECK_ERR(OpenThread(THREAD_ALL_ACCESS, FALSE, ptid), ERROR_ACCESS_DENIED);
	CHECK(tk_set_own(SE_DEBUG_NAME, TRUE), "enable SeDebugPrivilege: %lu", GetLastError());
	CHECK_OK(h = OpenProcess(PROCESS_ALL_ACCESS, FALSE, ppid));
	CHECK(ReadProcessMemory(h, (void *)&magic, &value, sizeof(value), &n) && value == MAGIC,
	      "read the parent's memory: 0x%lx, error %lu", value, GetLastError());
	CHECK_OK(t = OpenThread(THREAD_ALL_ACCESS, FALSE, ptid));
	CloseHandle(t);
	CHECK_ERR(OpenProcessToken(h, TOKEN_ADJUST_PRIVILEGES, &token), ERROR_ACCESS_DENIED);
	CHECK(OpenProcessToken(h, TOKEN_QUERY, &token) && tk_count(token) == 4, "read the parent's");
	CloseHandle(token);
	CloseHandle(h);
	CHECK(!tk_set_own(SE_SHUTDOWN_NAME, TRUE) && GetLastError() == ERROR_NOT_ALL_ASSIGNED,
	      "enable SeShutdownPrivilege: %lu", GetLastError());
	CHECK_ERR(ExitWindowsEx(EWX_POWEROFF, 0), ERROR_PRIVILEGE_NOT_HELD);
	CHECK(tk_set_own(SE_DEBUG_NAME, FALSE), "disable SeDebugPrivilege: %lu", GetLastError());
	CHECK_ERR(OpenProcess(PROCESS_VM_READ, FALSE, ppid), ERROR_ACCESS_DENIED);
	return failures;
}

/* "try-shutdown": what the shell's `shutdown` does, reported. */
static int try_shutdown(void)
{
	BOOL enabled = tk_set_own(SE_SHUTDOWN_NAME, TRUE);

	printf("token-rules: enabling SeShutdownPrivilege: %s (error %lu)\n",
	       enabled ? "done" : "refused", GetLastError());
	ExitWindowsEx(EWX_POWEROFF, 0);
	printf("token-rules: ExitWindowsEx refused (error %lu)\n", GetLastError());
	return enabled;
}

/* "shutdown": refused while disabled; enabled, the machine powers off. */
static int shutdown_for_real(void)
{
	shutdown_refused();
	printf("token-rules: shutdown refused while SeShutdownPrivilege is disabled: %d failures\n",
	       failures);
	CHECK(tk_set_own(SE_SHUTDOWN_NAME, TRUE), "enable: %lu", GetLastError());
	ExitWindowsEx(EWX_POWEROFF, 0);
	printf("token-rules: ExitWindowsEx with the privilege enabled returned (error %lu)\n",
	       GetLastError());
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return (int)own_bits();
	if (argc > 4 && strcmp(argv[1], "restricted") == 0)
		return restricted_child(argv[0], strtoul(argv[2], NULL, 10),
					strtoul(argv[3], NULL, 10),
					(HANDLE)strtoul(argv[4], NULL, 10));
	if (argc > 3 && strcmp(argv[1], "debug") == 0)
		return debug_child(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10));
	if (argc > 1 && strcmp(argv[1], "try-shutdown") == 0)
		return try_shutdown();
	if (argc > 1 && strcmp(argv[1], "shutdown") == 0)
		return shutdown_for_real();
	magic = MAGIC;
	shutdown_refused();
	working_set_rules(argv[0]);
	tokens_are_copied(argv[0]);
	restricted_children(argv[0]);
	CHECK(own_bits() == 0x0F, "the parent's token ends as 0x%lx", own_bits());
	printf("token-rules: %d failures\n", failures);
	return failures;
}
