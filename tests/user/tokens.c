/* The token calls and their bad input: OpenProcessToken (rights on the
 * process handle, the token's generic mapping, bad handles and pointers),
 * GetTokenInformation (the system's first token as a copy shows it, the
 * buffer-size protocol), LookupPrivilegeValueA/NameA, AdjustTokenPrivileges
 * (enable, disable, PreviousState and its size protocol, DisableAllPrivileges,
 * ERROR_NOT_ALL_ASSIGNED, SE_PRIVILEGE_REMOVED, nothing changed on a bad
 * buffer), CreateRestrictedToken and CreateProcessAsUserA's refusals.
 * The privilege rules themselves: token-rules.c. Last line:
 * "tokens: N failures"; the exit status is N. */
#define TEST_NAME "tokens"
#include "check.h"
#include "ob-common.h"
#include "token-common.h"

#define BAD_POINTER ((void *)0x10000000)
#define SIZE_OF(n)  (4 + (n) * sizeof(LUID_AND_ATTRIBUTES))

static HANDLE own_token(DWORD access)
{
	HANDLE token = NULL;

	CHECK(OpenProcessToken(GetCurrentProcess(), access, &token), "OpenProcessToken(0x%lx): %lu",
	      access, GetLastError());
	return token;
}

static void open_process_token(void)
{
	DWORD pid = GetCurrentProcessId(), handles = ob_handle_count(pid);
	HANDLE token = NULL, h, event = CreateEventA(NULL, TRUE, FALSE, NULL);

	CHECK_OK(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token));
	CHECK(ob_access(pid, token) == TOKEN_QUERY, "granted 0x%lx", ob_access(pid, token));
	CloseHandle(token);
	/* A real handle needs PROCESS_QUERY_LIMITED_INFORMATION (QUERY_INFORMATION
	 * brings it). */
	h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
	CHECK_OK(OpenProcessToken(h, TOKEN_ALL_ACCESS, &token));
	CHECK(ob_access(pid, token) == TOKEN_ALL_ACCESS, "granted 0x%lx", ob_access(pid, token));
	CloseHandle(token);
	CloseHandle(h);
	h = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, pid);
	CHECK_OK(OpenProcessToken(h, TOKEN_QUERY, &token));
	CloseHandle(token);
	CloseHandle(h);
	h = OpenProcess(PROCESS_VM_READ | PROCESS_TERMINATE, FALSE, pid);
	CHECK_ERR(OpenProcessToken(h, TOKEN_QUERY, &token), ERROR_ACCESS_DENIED);
	CloseHandle(h);
	/* The Token type's generic mapping and valid rights. */
	CHECK_OK(OpenProcessToken(GetCurrentProcess(), GENERIC_READ, &token));
	CHECK(ob_access(pid, token) == TOKEN_READ, "GENERIC_READ gave 0x%lx", ob_access(pid, token));
	CloseHandle(token);
	CHECK_OK(OpenProcessToken(GetCurrentProcess(), GENERIC_WRITE | GENERIC_EXECUTE, &token));
	CHECK(ob_access(pid, token) == TOKEN_WRITE, "GENERIC_WRITE gave 0x%lx", ob_access(pid, token));
	CloseHandle(token);
	CHECK_OK(OpenProcessToken(GetCurrentProcess(), MAXIMUM_ALLOWED, &token));
	CHECK(ob_access(pid, token) == (TOKEN_ALL_ACCESS | SYNCHRONIZE), "MAXIMUM_ALLOWED gave 0x%lx",
	      ob_access(pid, token));
	CloseHandle(token);
	CHECK_ERR(OpenProcessToken(GetCurrentProcess(), 0x200, &token), ERROR_ACCESS_DENIED);
	CHECK_ERR(OpenProcessToken(GetCurrentProcess(), ACCESS_SYSTEM_SECURITY, &token),
		  ERROR_PRIVILEGE_NOT_HELD);
	/* Bad handles, a handle of another type, bad pointers: no handle made. */
	CHECK_ERR(OpenProcessToken((HANDLE)0x1234, TOKEN_QUERY, &token), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenProcessToken(NULL, TOKEN_QUERY, &token), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenProcessToken(event, TOKEN_QUERY, &token), ERROR_INVALID_HANDLE);
	CHECK_ERR(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, NULL), ERROR_NOACCESS);
	CHECK_ERR(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, BAD_POINTER), ERROR_NOACCESS);
	token = own_token(TOKEN_QUERY);
	CHECK_ERR(OpenProcessToken(token, TOKEN_QUERY, &h), ERROR_INVALID_HANDLE);
	CloseHandle(token);
	CloseHandle(event);
	CHECK(ob_handle_count(pid) == handles, "%lu handles, %lu before", ob_handle_count(pid),
	      handles);
}

/* A copy of the system's first token: its four privileges, all disabled. */
static void get_token_information(void)
{
	HANDLE token = own_token(TOKEN_QUERY), adjust = own_token(TOKEN_ADJUST_PRIVILEGES);
	union tk_privileges u;
	DWORD size = 0, found = 0;

	memset(&u, 0x5A, sizeof(u));
	CHECK_ERR(GetTokenInformation(token, TokenPrivileges, NULL, 0, &size),
		  ERROR_INSUFFICIENT_BUFFER);
	CHECK(size == SIZE_OF(4), "needs %lu bytes", size);
	size = 0;
	CHECK_ERR(GetTokenInformation(token, TokenPrivileges, &u, SIZE_OF(4) - 1, &size),
		  ERROR_INSUFFICIENT_BUFFER);
	CHECK(size == SIZE_OF(4) && u.bytes[0] == 0x5A, "size %lu, buffer written", size);
	CHECK_OK(GetTokenInformation(token, TokenPrivileges, &u, SIZE_OF(4), &size));
	CHECK(size == SIZE_OF(4) && u.tp.PrivilegeCount == 4, "size %lu, %lu privileges", size,
	      u.tp.PrivilegeCount);
	for (int i = 0; i < 4; i++) {
		LUID want = tk_luid(tk_first_names[i]);
		for (DWORD j = 0; j < u.tp.PrivilegeCount; j++)
			if (u.tp.Privileges[j].Luid.LowPart == want.LowPart &&
			    u.tp.Privileges[j].Luid.HighPart == 0 &&
			    u.tp.Privileges[j].Attributes == 0)
				found++;
	}
	CHECK(found == 4, "%lu of the four privileges held and disabled", found);
	CHECK_ERR(GetTokenInformation(token, TokenPrivileges, &u, sizeof(u), NULL), ERROR_NOACCESS);
	CHECK_ERR(GetTokenInformation(token, TokenPrivileges, BAD_POINTER, 100, &size),
		  ERROR_NOACCESS);
	CHECK_ERR(GetTokenInformation(token, TokenUser, &u, sizeof(u), &size),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(GetTokenInformation(token, (TOKEN_INFORMATION_CLASS)99, &u, sizeof(u), &size),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(GetTokenInformation(adjust, TokenPrivileges, &u, sizeof(u), &size),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(GetTokenInformation(GetCurrentProcess(), TokenPrivileges, &u, sizeof(u), &size),
		  ERROR_INVALID_HANDLE);
	CHECK_ERR(GetTokenInformation((HANDLE)0x1234, TokenPrivileges, &u, sizeof(u), &size),
		  ERROR_INVALID_HANDLE);
	CloseHandle(adjust);
	CloseHandle(token);
}

static void lookup_privileges(void)
{
	static const char *const spellings[] = { "SeShutdownPrivilege", "seshutdownprivilege",
						 "SESHUTDOWNPRIVILEGE" };
	LUID luid = { 0, 0 };
	char name[64];
	DWORD cch;

	CHECK(tk_luid(SE_LOCK_MEMORY_NAME).LowPart == 4 && tk_luid(SE_SHUTDOWN_NAME).LowPart == 19 &&
	      tk_luid(SE_DEBUG_NAME).LowPart == 20 && tk_luid(SE_INC_WORKING_SET_NAME).LowPart == 33 &&
	      tk_luid(SE_CREATE_TOKEN_NAME).LowPart == 2 &&
	      tk_luid(SE_CHANGE_NOTIFY_NAME).LowPart == 23 &&
	      tk_luid(SE_CREATE_SYMBOLIC_LINK_NAME).LowPart == 35, "Windows' LUIDs");
	for (int i = 0; i < 3; i++) {
		luid.LowPart = 0;
		luid.HighPart = -1;
		CHECK(LookupPrivilegeValueA(NULL, spellings[i], &luid) && luid.LowPart == 19 &&
		      luid.HighPart == 0, "%s: %lu", spellings[i], GetLastError());
	}
	CHECK_OK(LookupPrivilegeValueA("", SE_DEBUG_NAME, &luid));
	CHECK_ERR(LookupPrivilegeValueA(NULL, "SeNoSuchPrivilege", &luid), ERROR_NO_SUCH_PRIVILEGE);
	CHECK_ERR(LookupPrivilegeValueA(NULL, "", &luid), ERROR_NO_SUCH_PRIVILEGE);
	CHECK_ERR(LookupPrivilegeValueA(NULL, "SeShutdownPrivilegeX", &luid),
		  ERROR_NO_SUCH_PRIVILEGE);
	CHECK_ERR(LookupPrivilegeValueA("elsewhere", SE_DEBUG_NAME, &luid), RPC_S_SERVER_UNAVAILABLE);
	CHECK_ERR(LookupPrivilegeValueA(NULL, NULL, &luid), ERROR_NOACCESS);
	CHECK_ERR(LookupPrivilegeValueA(NULL, BAD_POINTER, &luid), ERROR_NOACCESS);
	CHECK_ERR(LookupPrivilegeValueA(NULL, SE_DEBUG_NAME, BAD_POINTER), ERROR_NOACCESS);
	/* Every name back from its LUID, and the size protocol. */
	for (DWORD l = 2; l <= 35; l++) {
		LUID back = { 0, 0 }, id = { l, 0 };
		cch = sizeof(name);
		CHECK(LookupPrivilegeNameA(NULL, &id, name, &cch) && cch == strlen(name) &&
		      LookupPrivilegeValueA(NULL, name, &back) && back.LowPart == l,
		      "LUID %lu: %lu", l, GetLastError());
	}
	luid = (LUID){ 20, 0 };
	cch = 16;
	CHECK_ERR(LookupPrivilegeNameA(NULL, &luid, name, &cch), ERROR_INSUFFICIENT_BUFFER);
	CHECK(cch == 17, "needs %lu characters", cch);
	CHECK(LookupPrivilegeNameA(NULL, &luid, name, &cch) && cch == 16 &&
	      strcmp(name, SE_DEBUG_NAME) == 0, "%s (%lu)", name, cch);
	for (int i = 0; i < 3; i++) {
		LUID bad[3] = { { 1, 0 }, { 36, 0 }, { 20, 1 } };
		cch = sizeof(name);
		CHECK_ERR(LookupPrivilegeNameA(NULL, &bad[i], name, &cch), ERROR_NO_SUCH_PRIVILEGE);
	}
	cch = sizeof(name);
	CHECK_ERR(LookupPrivilegeNameA(NULL, BAD_POINTER, name, &cch), ERROR_NOACCESS);
	CHECK_ERR(LookupPrivilegeNameA(NULL, &luid, name, BAD_POINTER), ERROR_NOACCESS);
	CHECK_ERR(LookupPrivilegeNameA(NULL, &luid, BAD_POINTER, &cch), ERROR_NOACCESS);
}

/* A TOKEN_PRIVILEGES of one privilege. */
static TOKEN_PRIVILEGES one(const char *name, DWORD attributes)
{
	return (TOKEN_PRIVILEGES){ 1, { { tk_luid(name), attributes } } };
}

static void adjust_and_previous_state(HANDLE token)
{
	union tk_privileges prev;
	TOKEN_PRIVILEGES on = one(SE_SHUTDOWN_NAME, SE_PRIVILEGE_ENABLED);
	TOKEN_PRIVILEGES off = one(SE_SHUTDOWN_NAME, 0);
	DWORD size = 0;

	SetLastError(1234);
	CHECK(AdjustTokenPrivileges(token, FALSE, &on, 0, NULL, NULL) &&
	      GetLastError() == ERROR_SUCCESS, "enable: %lu", GetLastError());
	CHECK(tk_state(token, SE_SHUTDOWN_NAME) == 1, "not enabled");
	/* Enabled again: nothing changes, so nothing is previous. */
	CHECK(AdjustTokenPrivileges(token, FALSE, &on, sizeof(prev), &prev.tp, &size) &&
	      size == SIZE_OF(0) && prev.tp.PrivilegeCount == 0, "again: %lu bytes, %lu",
	      size, GetLastError());
	/* Too small a PreviousState: nothing changes, the size needed comes back. */
	CHECK_ERR(AdjustTokenPrivileges(token, FALSE, &off, SIZE_OF(0), &prev.tp, &size),
		  ERROR_INSUFFICIENT_BUFFER);
	CHECK(size == SIZE_OF(1) && tk_state(token, SE_SHUTDOWN_NAME) == 1, "size %lu", size);
	CHECK(AdjustTokenPrivileges(token, FALSE, &off, sizeof(prev), &prev.tp, &size) &&
	      size == SIZE_OF(1) && prev.tp.PrivilegeCount == 1 &&
	      prev.tp.Privileges[0].Luid.LowPart == 19 &&
	      prev.tp.Privileges[0].Attributes == SE_PRIVILEGE_ENABLED, "disable: %lu",
	      GetLastError());
	CHECK(tk_state(token, SE_SHUTDOWN_NAME) == 0, "not disabled");
	/* PreviousState given back restores it. */
	CHECK(AdjustTokenPrivileges(token, FALSE, &prev.tp, 0, NULL, NULL) &&
	      tk_state(token, SE_SHUTDOWN_NAME) == 1, "restore: %lu", GetLastError());
	/* DisableAllPrivileges ignores NewState. */
	CHECK(tk_set(token, SE_DEBUG_NAME, TRUE), "enable debug: %lu", GetLastError());
	CHECK(AdjustTokenPrivileges(token, TRUE, &on, sizeof(prev), &prev.tp, &size) &&
	      prev.tp.PrivilegeCount == 2 && size == SIZE_OF(2), "disable all: %lu privileges",
	      prev.tp.PrivilegeCount);
	CHECK(tk_state(token, SE_SHUTDOWN_NAME) == 0 && tk_state(token, SE_DEBUG_NAME) == 0,
	      "still enabled");
	CHECK(AdjustTokenPrivileges(token, TRUE, NULL, 0, NULL, NULL), "%lu", GetLastError());
}

static void adjust_not_all_assigned(HANDLE token)
{
	struct { DWORD count; LUID_AND_ATTRIBUTES p[3]; } mixed = { 3, {
		{ tk_luid(SE_TCB_NAME), SE_PRIVILEGE_ENABLED },
		{ tk_luid(SE_DEBUG_NAME), SE_PRIVILEGE_ENABLED },
		{ { 20, 1 }, SE_PRIVILEGE_ENABLED } } };
	TOKEN_PRIVILEGES unknown = { 1, { { { 99, 0 }, SE_PRIVILEGE_ENABLED } } };

	SetLastError(1234);
	CHECK(AdjustTokenPrivileges(token, FALSE, &unknown, 0, NULL, NULL) &&
	      GetLastError() == ERROR_NOT_ALL_ASSIGNED, "unknown LUID: %lu", GetLastError());
	CHECK(AdjustTokenPrivileges(token, FALSE, (PTOKEN_PRIVILEGES)&mixed, 0, NULL, NULL) &&
	      GetLastError() == ERROR_NOT_ALL_ASSIGNED, "mixed: %lu", GetLastError());
	CHECK(tk_state(token, SE_DEBUG_NAME) == 1 && tk_count(token) == 4,
	      "the one held was not enabled");
	CHECK(tk_set(token, SE_DEBUG_NAME, FALSE) && GetLastError() == ERROR_SUCCESS, "%lu",
	      GetLastError());
}

/* Bad buffers, handles and rights: an error and nothing changed. */
static void adjust_bad_input(HANDLE token)
{
	TOKEN_PRIVILEGES on = one(SE_DEBUG_NAME, SE_PRIVILEGE_ENABLED), prev;
	HANDLE query = own_token(TOKEN_QUERY), adjust = own_token(TOKEN_ADJUST_PRIVILEGES);
	char *pages = VirtualAlloc(NULL, 2 * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	PTOKEN_PRIVILEGES edge = (PTOKEN_PRIVILEGES)(pages + PAGE - SIZE_OF(1));
	DWORD size = 0, old;

	CHECK_ERR(AdjustTokenPrivileges(token, FALSE, BAD_POINTER, 0, NULL, NULL), ERROR_NOACCESS);
	CHECK_ERR(AdjustTokenPrivileges(token, FALSE, NULL, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
	CHECK_ERR(AdjustTokenPrivileges(token, FALSE, &on, sizeof(prev), &prev, NULL),
		  ERROR_NOACCESS);
	CHECK_ERR(AdjustTokenPrivileges(token, FALSE, &on, sizeof(prev), BAD_POINTER, &size),
		  ERROR_NOACCESS);
	/* The first entry is fine, the second lies on a page that cannot be
	 * read: the first is not applied either. */
	*edge = on;
	edge->PrivilegeCount = 2;
	CHECK(VirtualProtect(pages + PAGE, PAGE, PAGE_NOACCESS, &old), "protect");
	CHECK_ERR(AdjustTokenPrivileges(token, FALSE, edge, 0, NULL, NULL), ERROR_NOACCESS);
	CHECK(tk_state(token, SE_DEBUG_NAME) == 0, "enabled by a failed call");
	VirtualFree(pages, 0, MEM_RELEASE);
	CHECK_ERR(AdjustTokenPrivileges(query, FALSE, &on, 0, NULL, NULL), ERROR_ACCESS_DENIED);
	CHECK_ERR(AdjustTokenPrivileges(adjust, FALSE, &on, sizeof(prev), &prev, &size),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(AdjustTokenPrivileges(GetCurrentProcess(), FALSE, &on, 0, NULL, NULL),
		  ERROR_INVALID_HANDLE);
	CHECK_ERR(AdjustTokenPrivileges((HANDLE)0x1234, FALSE, &on, 0, NULL, NULL),
		  ERROR_INVALID_HANDLE);
	CHECK(tk_state(token, SE_DEBUG_NAME) == 0, "enabled by a failed call");
	CHECK(AdjustTokenPrivileges(adjust, FALSE, &on, 0, NULL, NULL) &&
	      GetLastError() == ERROR_SUCCESS && tk_set(adjust, SE_DEBUG_NAME, FALSE),
	      "TOKEN_ADJUST_PRIVILEGES alone: %lu", GetLastError());
	CloseHandle(adjust);
	CloseHandle(query);
}

/* CreateRestrictedToken: copies of the privileges as they are, less those
 * deleted; SE_PRIVILEGE_REMOVED on such a copy leaves the original. */
static void restricted_tokens(HANDLE token)
{
	LUID_AND_ATTRIBUTES del[2] = { { tk_luid(SE_SHUTDOWN_NAME), 0 }, { tk_luid(SE_TCB_NAME), 0 } };
	TOKEN_PRIVILEGES removed = one(SE_LOCK_MEMORY_NAME, SE_PRIVILEGE_REMOVED);
	DWORD pid = GetCurrentProcessId(), handles = ob_handle_count(pid);
	HANDLE r = NULL, query = own_token(TOKEN_QUERY);
	SID_AND_ATTRIBUTES sid = { NULL, 0 };

	CHECK(tk_set(token, SE_DEBUG_NAME, TRUE), "%lu", GetLastError());
	CHECK_OK(CreateRestrictedToken(token, DISABLE_MAX_PRIVILEGE, 0, NULL, 0, NULL, 0, NULL, &r));
	CHECK(tk_count(r) == 0 && ob_access(pid, r) == TOKEN_ALL_ACCESS, "%d privileges, 0x%lx",
	      tk_count(r), ob_access(pid, r));
	CloseHandle(r);
	CHECK_OK(CreateRestrictedToken(token, 0, 0, NULL, 2, del, 0, NULL, &r));
	CHECK(tk_count(r) == 3 && tk_state(r, SE_SHUTDOWN_NAME) == -1 &&
	      tk_state(r, SE_DEBUG_NAME) == 1, "%d privileges", tk_count(r));
	CHECK(AdjustTokenPrivileges(r, FALSE, &removed, 0, NULL, NULL) &&
	      GetLastError() == ERROR_SUCCESS, "remove: %lu", GetLastError());
	CHECK(tk_count(r) == 2 && tk_state(r, SE_LOCK_MEMORY_NAME) == -1 &&
	      tk_state(token, SE_LOCK_MEMORY_NAME) == 0, "removed from the original");
	CHECK(!tk_set(r, SE_LOCK_MEMORY_NAME, TRUE) || GetLastError() == ERROR_NOT_ALL_ASSIGNED,
	      "a removed privilege came back: %lu", GetLastError());
	CHECK(AdjustTokenPrivileges(r, FALSE, &removed, 0, NULL, NULL) &&
	      GetLastError() == ERROR_NOT_ALL_ASSIGNED, "removed twice: %lu", GetLastError());
	CloseHandle(r);
	CHECK(tk_set(token, SE_DEBUG_NAME, FALSE), "%lu", GetLastError());
	/* Refusals, no handle left behind. */
	CHECK_ERR(CreateRestrictedToken(query, 0, 0, NULL, 0, NULL, 0, NULL, &r), ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateRestrictedToken((HANDLE)0x1234, 0, 0, NULL, 0, NULL, 0, NULL, &r),
		  ERROR_INVALID_HANDLE);
	CHECK_ERR(CreateRestrictedToken(GetCurrentProcess(), 0, 0, NULL, 0, NULL, 0, NULL, &r),
		  ERROR_INVALID_HANDLE);
	CHECK_ERR(CreateRestrictedToken(token, 0x10, 0, NULL, 0, NULL, 0, NULL, &r),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateRestrictedToken(token, 0, 1, &sid, 0, NULL, 0, NULL, &r),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateRestrictedToken(token, 0, 0, NULL, 0, NULL, 1, &sid, &r),
		  ERROR_INVALID_PARAMETER);
	CHECK_ERR(CreateRestrictedToken(token, 0, 0, NULL, 1, BAD_POINTER, 0, NULL, &r),
		  ERROR_NOACCESS);
	CHECK_ERR(CreateRestrictedToken(token, 0, 0, NULL, 0, NULL, 0, NULL, BAD_POINTER),
		  ERROR_NOACCESS);
	CloseHandle(query);
	CHECK(ob_handle_count(pid) == handles, "%lu handles, %lu before", ob_handle_count(pid),
	      handles);
}

/* CreateProcessAsUserA's refusals (its working cases: token-rules). */
static void create_as_user_refusals(HANDLE token)
{
	PROCESS_INFORMATION pi;
	HANDLE query = own_token(TOKEN_QUERY | TOKEN_DUPLICATE);
	char cmdline[] = "hello";

	CHECK_ERR(CreateProcessAsUserA((HANDLE)0x1234, NULL, cmdline, NULL, NULL, FALSE, 0, NULL,
				       NULL, NULL, &pi), ERROR_INVALID_HANDLE);
	CHECK_ERR(CreateProcessAsUserA(GetCurrentProcess(), NULL, cmdline, NULL, NULL, FALSE, 0,
				       NULL, NULL, NULL, &pi), ERROR_INVALID_HANDLE);
	CHECK_ERR(CreateProcessAsUserA(query, NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL,
				       &pi), ERROR_ACCESS_DENIED);
	CHECK_ERR(CreateProcessAsUserA(token, NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL,
				       NULL), ERROR_NOACCESS);
	CloseHandle(query);
}

int main(void)
{
	HANDLE token;

	open_process_token();
	get_token_information();
	lookup_privileges();
	token = own_token(TOKEN_ALL_ACCESS);
	adjust_and_previous_state(token);
	adjust_not_all_assigned(token);
	adjust_bad_input(token);
	restricted_tokens(token);
	create_as_user_refusals(token);
	CHECK(tk_count(token) == 4, "the process's own token holds %d privileges", tk_count(token));
	CloseHandle(token);
	printf("tokens: %d failures\n", failures);
	return failures;
}
