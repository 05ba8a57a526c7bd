/* TLS, handles, processes and tokens against Microsoft's documentation of
 * each call: the return value, the last error (also the ERROR_SUCCESS a call
 * sets when it succeeds) and the output parameters, edge case by edge case.
 * The last line is "win32-object-conformance: 0 failures". */
#include <string.h>
#include <windows.h>

#define TEST_NAME "win32-object-conformance"
#include "check.h"
#include "win32-conformance.h"

static DWORD tls_index;

static DWORD WINAPI tls_fresh(LPVOID arg)
{
	(void)arg;
	return TlsGetValue(tls_index) == NULL && GetLastError() == ERROR_SUCCESS;
}

static void tls(void)
{
	static DWORD all[1100];
	DWORD n = 0, code = 0;
	HANDLE t;

	tls_index = TlsAlloc();
	CHECK(tls_index != TLS_OUT_OF_INDEXES, "TlsAlloc");
	SetLastError(DIRTY);
	CHECK(TlsGetValue(tls_index) == NULL && GetLastError() == ERROR_SUCCESS,
	      "a new slot is NULL, and a success clears the error: %lu", GetLastError());
	CHECK(TlsSetValue(tls_index, (LPVOID)0x55), "TlsSetValue");
	t = thread(tls_fresh, NULL, 0);
	WaitForSingleObject(t, INFINITE);
	CHECK(GetExitCodeThread(t, &code) && code == 1, "another thread's slot is NULL");
	CloseHandle(t);
	CHECK(TlsGetValue(tls_index) == (LPVOID)0x55, "value kept");
	CHECK(TlsFree(tls_index), "TlsFree");
	CHECK_FAIL(TlsFree(tls_index), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(TlsGetValue(1088), 0, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(TlsGetValue(TLS_OUT_OF_INDEXES), 0, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(TlsSetValue(1088, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(TlsFree(1088), FALSE, ERROR_INVALID_PARAMETER);
	while (n < 1100 && (all[n] = TlsAlloc()) != TLS_OUT_OF_INDEXES)
		TlsSetValue(all[n++], (LPVOID)1);
	CHECK(n > TLS_MINIMUM_AVAILABLE && n < 1100 && GetLastError() == ERROR_NO_MORE_ITEMS,
	      "%lu slots, then ERROR_NO_MORE_ITEMS (%lu)", n, GetLastError());
	while (n > 0)
		TlsFree(all[--n]);
	tls_index = TlsAlloc();
	CHECK(TlsGetValue(tls_index) == NULL, "a slot freed and allocated again is NULL");
	TlsFree(tls_index);
}

static void handles(void)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), d = NULL;
	DWORD flags = 99;

	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE i = CreateEventA(&sa, FALSE, FALSE, NULL);

	CHECK(GetHandleInformation(i, &flags) && flags == HANDLE_FLAG_INHERIT, "inheritable");
	CloseHandle(i);
	CHECK(GetCurrentProcess() == (HANDLE)(LONG_PTR)-1, "GetCurrentProcess is -1");
	CHECK_FAIL(CloseHandle(NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(CloseHandle((HANDLE)0x12340), FALSE, ERROR_INVALID_HANDLE);
	CHECK(CloseHandle(GetCurrentProcess()) && CloseHandle(GetCurrentThread()),
	      "closing a pseudo handle succeeds");
	CHECK(GetHandleInformation(e, &flags) && flags == 0, "flags 0x%lx", flags);
	CHECK(SetHandleInformation(e, HANDLE_FLAG_PROTECT_FROM_CLOSE,
				   HANDLE_FLAG_PROTECT_FROM_CLOSE), "protect");
	CHECK(GetHandleInformation(e, &flags) && flags == HANDLE_FLAG_PROTECT_FROM_CLOSE,
	      "flags 0x%lx", flags);
	CHECK_FAIL(CloseHandle(e), FALSE, ERROR_INVALID_HANDLE);
	CHECK(SetEvent(e), "a protected handle stays open");
	CHECK(SetHandleInformation(e, HANDLE_FLAG_PROTECT_FROM_CLOSE | HANDLE_FLAG_INHERIT,
				   HANDLE_FLAG_INHERIT) && GetHandleInformation(e, &flags) &&
	      flags == HANDLE_FLAG_INHERIT, "mask: flags 0x%lx", flags);
	CHECK_FAIL(GetHandleInformation(NULL, &flags), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(SetHandleInformation(NULL, 1, 1), FALSE, ERROR_INVALID_HANDLE);

	CHECK(DuplicateHandle(SELF, e, SELF, &d, SYNCHRONIZE, TRUE, 0), "dup: %lu",
	      GetLastError());
	CHECK(GetHandleInformation(d, &flags) && flags == HANDLE_FLAG_INHERIT, "inheritable dup");
	CHECK_FAIL(SetEvent(d), FALSE, ERROR_ACCESS_DENIED);
	CHECK(WaitForSingleObject(d, 0) == WAIT_OBJECT_0, "same object");
	CloseHandle(d);
	CHECK(DuplicateHandle(SELF, GetCurrentThread(), SELF, &d, 0, FALSE,
			      DUPLICATE_SAME_ACCESS) && d != GetCurrentThread() &&
	      GetThreadId(d) == GetCurrentThreadId(), "pseudo thread handle made real");
	CloseHandle(d);
	CHECK(DuplicateHandle(SELF, SELF, SELF, &d, 0, FALSE, DUPLICATE_SAME_ACCESS) &&
	      GetProcessId(d) == GetCurrentProcessId(), "pseudo process handle made real");
	CloseHandle(d);
	CHECK(DuplicateHandle(SELF, e, SELF, &d, 0, FALSE,
			      DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE), "close source");
	CHECK_FAIL(CloseHandle(e), FALSE, ERROR_INVALID_HANDLE);
	e = d;
	CHECK(DuplicateHandle(SELF, e, SELF, &d, EVENT_ALL_ACCESS + 1, FALSE,
			      DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE) ||
	      GetLastError() != DIRTY, "close source with an unknown right");
	CHECK_FAIL(CloseHandle(e), FALSE, ERROR_INVALID_HANDLE);     /* closed all the same */
	CloseHandle(d);
	e = (HANDLE)0x5678;
	CHECK_FAIL(OpenProcessToken(NULL, TOKEN_QUERY, &e), FALSE, ERROR_INVALID_HANDLE);
	CHECK(e == (HANDLE)0x5678, "a failed OpenProcessToken leaves its output alone");
	CHECK_FAIL(DuplicateHandle(SELF, NULL, SELF, &d, 0, FALSE, DUPLICATE_SAME_ACCESS),
		   FALSE, ERROR_INVALID_HANDLE);
}

static void processes(char *self_path)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	char cmdline[96];
	DWORD code = 0;
	HANDLE p;

	CHECK(GetExitCodeProcess(SELF, &code) && code == STILL_ACTIVE, "self active: %lu", code);
	CHECK(GetProcessId(SELF) == GetCurrentProcessId(), "GetProcessId of the pseudo handle");
	CHECK_FAIL(GetProcessId(NULL), 0, ERROR_INVALID_HANDLE);
	CHECK_FAIL(OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, 0), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, 0x7FFFFFF0), NULL,
		   ERROR_INVALID_PARAMETER);
	p = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
	CHECK(p && GetProcessId(p) == GetCurrentProcessId(), "OpenProcess self: %lu",
	      GetLastError());
	CHECK_FAIL(TerminateProcess(p, 1), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(p);
	CHECK_FAIL(TerminateProcess(NULL, 1), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(GetExitCodeProcess(NULL, &code), FALSE, ERROR_INVALID_HANDLE);

	CHECK_FAIL(CreateProcessA(NULL, "no-such-program", NULL, NULL, FALSE, 0, NULL, NULL, &si,
				  &pi), FALSE, ERROR_FILE_NOT_FOUND);
	strcpy(cmdline, self_path);
	strcat(cmdline, " child");
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si,
			    &pi)) {
		CHECK(0, "CreateProcessA: %lu", GetLastError());
		return;
	}
	CHECK(GetProcessId(pi.hProcess) == pi.dwProcessId && GetThreadId(pi.hThread) ==
	      pi.dwThreadId, "ids of the child");
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "child active");
	CHECK(WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT, "child not signaled");
	CHECK(ResumeThread(pi.hThread) == 1, "suspended child's thread: previous 1");
	CHECK(TerminateProcess(pi.hProcess, 7), "TerminateProcess: %lu", GetLastError());
	CHECK(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "child ended");
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "child's code %lu", code);
	CHECK(WaitForSingleObject(pi.hThread, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeThread(pi.hThread, &code) && code == 7, "its thread's code %lu", code);
	CHECK_FAIL(TerminateProcess(pi.hProcess, 8), FALSE, ERROR_ACCESS_DENIED);
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "code kept: %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

/* The privileges a query on t returns (count), in buf. */
static TOKEN_PRIVILEGES *query_privileges(HANDLE t, BYTE *buf, DWORD size)
{
	DWORD need = 0;

	CHECK_FAIL(GetTokenInformation(t, TokenPrivileges, NULL, 0, &need), FALSE,
		   ERROR_INSUFFICIENT_BUFFER);
	CHECK(need >= sizeof(DWORD) && need <= size, "need %lu", need);
	DWORD want = need;
	CHECK_FAIL(GetTokenInformation(t, TokenPrivileges, buf, need - 1, &need), FALSE,
		   ERROR_INSUFFICIENT_BUFFER);
	CHECK(need == want, "one byte short: ReturnLength %lu, want %lu", need, want);
	CHECK(GetTokenInformation(t, TokenPrivileges, buf, size, &need) && need == want,
	      "query: %lu %lu", GetLastError(), need);
	return (TOKEN_PRIVILEGES *)buf;
}

static DWORD attributes_of(TOKEN_PRIVILEGES *tp, DWORD luid)
{
	for (DWORD i = 0; i < tp->PrivilegeCount; i++)
		if (tp->Privileges[i].Luid.LowPart == luid && tp->Privileges[i].Luid.HighPart == 0)
			return tp->Privileges[i].Attributes;
	return 0xFFFFFFFF;
}

static void tokens(void)
{
	BYTE buf[512], prevbuf[64];
	TOKEN_PRIVILEGES set = { 1, { { { 0, 0 }, SE_PRIVILEGE_ENABLED } } };
	TOKEN_PRIVILEGES *prev = (TOKEN_PRIVILEGES *)prevbuf;
	HANDLE t = NULL, q = NULL;
	DWORD len = 0;
	LUID luid = { 0, 0 };
	char name[64];

	CHECK(LookupPrivilegeValueA(NULL, SE_SHUTDOWN_NAME, &luid) && luid.LowPart == 19 &&
	      luid.HighPart == 0, "SeShutdownPrivilege is 19");
	CHECK(LookupPrivilegeValueA(NULL, "seshutdownprivilege", &luid) && luid.LowPart == 19,
	      "names in any case");
	CHECK_FAIL(LookupPrivilegeValueA(NULL, "SeNoSuchPrivilege", &luid), FALSE,
		   ERROR_NO_SUCH_PRIVILEGE);
	len = sizeof(name);
	luid.LowPart = 19;
	CHECK(LookupPrivilegeNameA(NULL, &luid, name, &len) && len == 19 &&
	      strcmp(name, SE_SHUTDOWN_NAME) == 0, "name of 19: %lu", len);
	len = 19;
	CHECK_FAIL(LookupPrivilegeNameA(NULL, &luid, name, &len), FALSE,
		   ERROR_INSUFFICIENT_BUFFER);
	CHECK(len == 20, "required size with its null: %lu", len);
	len = 0;
	CHECK_FAIL(LookupPrivilegeNameA(NULL, &luid, NULL, &len), FALSE, ERROR_INSUFFICIENT_BUFFER);
	CHECK(len == 20, "required size asked with no buffer: %lu", len);
	luid.LowPart = 1;
	len = sizeof(name);
	CHECK_FAIL(LookupPrivilegeNameA(NULL, &luid, name, &len), FALSE, ERROR_NO_SUCH_PRIVILEGE);
	luid.LowPart = 1000;
	len = sizeof(name);
	CHECK_FAIL(LookupPrivilegeNameA(NULL, &luid, name, &len), FALSE, ERROR_NO_SUCH_PRIVILEGE);

	CHECK(OpenProcessToken(SELF, TOKEN_QUERY, &q), "query token: %lu", GetLastError());
	CHECK(OpenProcessToken(SELF, TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &t), "adjust token");
	CHECK(attributes_of(query_privileges(q, buf, sizeof(buf)), 19) == 0, "shutdown disabled");
	CHECK_FAIL(GetTokenInformation(q, (TOKEN_INFORMATION_CLASS)77, buf, sizeof(buf), &len),
		   FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(GetTokenInformation(NULL, TokenPrivileges, buf, sizeof(buf), &len), FALSE,
		   ERROR_INVALID_HANDLE);

	set.Privileges[0].Luid.LowPart = 19;
	CHECK_FAIL(AdjustTokenPrivileges(q, FALSE, &set, 0, NULL, NULL), FALSE,
		   ERROR_ACCESS_DENIED);
	len = 4;
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, &set, 4, prev, &len), FALSE,
		   ERROR_INSUFFICIENT_BUFFER);
	CHECK(len == sizeof(TOKEN_PRIVILEGES), "needed %lu", len);
	CHECK(attributes_of(query_privileges(q, buf, sizeof(buf)), 19) == 0,
	      "a refused adjustment changes nothing");
	len = 0;
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, &set, sizeof(prevbuf), prev, &len), TRUE,
		   ERROR_SUCCESS);
	CHECK(prev->PrivilegeCount == 1 && prev->Privileges[0].Luid.LowPart == 19 &&
	      prev->Privileges[0].Attributes == 0 && len == sizeof(TOKEN_PRIVILEGES),
	      "previous state: %lu privileges, len %lu", prev->PrivilegeCount, len);
	CHECK(attributes_of(query_privileges(q, buf, sizeof(buf)), 19) == SE_PRIVILEGE_ENABLED,
	      "enabled");
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, &set, sizeof(prevbuf), prev, &len), TRUE,
		   ERROR_SUCCESS);
	CHECK(prev->PrivilegeCount == 0 && len == sizeof(DWORD),
	      "no change, no previous state: %lu, len %lu", prev->PrivilegeCount, len);
	set.Privileges[0].Luid.LowPart = 7;     /* SeTcbPrivilege: not held */
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, &set, 0, NULL, NULL), TRUE,
		   ERROR_NOT_ALL_ASSIGNED);
	CHECK_FAIL(AdjustTokenPrivileges(t, TRUE, NULL, sizeof(prevbuf), prev, &len), TRUE,
		   ERROR_SUCCESS);
	CHECK(prev->PrivilegeCount == 1 && prev->Privileges[0].Luid.LowPart == 19 &&
	      prev->Privileges[0].Attributes == SE_PRIVILEGE_ENABLED, "disable all: previous %lu",
	      prev->PrivilegeCount);
	CHECK(attributes_of(query_privileges(q, buf, sizeof(buf)), 19) == 0, "all disabled");
	set.Privileges[0].Luid.LowPart = 33;    /* SeIncreaseWorkingSetPrivilege */
	set.Privileges[0].Attributes = SE_PRIVILEGE_REMOVED;
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, &set, 0, NULL, NULL), TRUE, ERROR_SUCCESS);
	CHECK(attributes_of(query_privileges(q, buf, sizeof(buf)), 33) == 0xFFFFFFFF, "removed");
	set.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, &set, 0, NULL, NULL), TRUE,
		   ERROR_NOT_ALL_ASSIGNED);
	CHECK_FAIL(AdjustTokenPrivileges(t, FALSE, NULL, 0, NULL, NULL), FALSE,
		   ERROR_INVALID_PARAMETER);
	CloseHandle(t);
	CloseHandle(q);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "child") == 0) {
		Sleep(INFINITE);
		return 0;
	}
	tls();
	handles();
	processes(argv[0]);
	tokens();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
