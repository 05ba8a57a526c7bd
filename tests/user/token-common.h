/* Shared by the token tests (tokens, token-rules, swap-copies): a privilege's
 * LUID by name, its state in a token, and enabling or disabling it the way a
 * Windows program does (AdjustTokenPrivileges, then GetLastError). */
#ifndef TESTS_USER_TOKEN_COMMON_H
#define TESTS_USER_TOKEN_COMMON_H

#include <windows.h>

/* The four privileges of the system's first token, in its order. */
static const char *const tk_first_names[4] __attribute__((unused)) = {
	SE_LOCK_MEMORY_NAME, SE_SHUTDOWN_NAME, SE_INC_WORKING_SET_NAME, SE_DEBUG_NAME,
};

/* The LUID of privilege name ({0, 0} if the lookup fails). */
static inline LUID tk_luid(const char *name)
{
	LUID luid = { 0, 0 };

	LookupPrivilegeValueA(NULL, name, &luid);
	return luid;
}

/* Room for a token's TOKEN_PRIVILEGES. */
union tk_privileges {
	TOKEN_PRIVILEGES tp;
	char bytes[4 + 40 * sizeof(LUID_AND_ATTRIBUTES)];
};

/* Reads token's privileges into u (GetTokenInformation's result). */
static inline BOOL tk_read(HANDLE token, union tk_privileges *u)
{
	DWORD size = 0;

	return GetTokenInformation(token, TokenPrivileges, u, sizeof(*u), &size);
}

/* The state of privilege name in token: -1 not held, 0 disabled, 1 enabled;
 * -2 when the token cannot be read. */
static inline int tk_state(HANDLE token, const char *name)
{
	union tk_privileges u;
	LUID luid = tk_luid(name);

	if (!tk_read(token, &u))
		return -2;
	for (DWORD i = 0; i < u.tp.PrivilegeCount; i++)
		if (u.tp.Privileges[i].Luid.LowPart == luid.LowPart &&
		    u.tp.Privileges[i].Luid.HighPart == luid.HighPart)
			return (u.tp.Privileges[i].Attributes & SE_PRIVILEGE_ENABLED) != 0;
	return -1;
}

/* How many privileges token holds; -1 when it cannot be read. */
static inline int tk_count(HANDLE token)
{
	union tk_privileges u;

	return tk_read(token, &u) ? (int)u.tp.PrivilegeCount : -1;
}

/* Enables (or disables) privilege name in token: AdjustTokenPrivileges'
 * result with its last error, ERROR_SUCCESS or ERROR_NOT_ALL_ASSIGNED. */
static inline BOOL tk_set(HANDLE token, const char *name, BOOL enable)
{
	TOKEN_PRIVILEGES tp = { 1, { { tk_luid(name), enable ? SE_PRIVILEGE_ENABLED : 0 } } };

	return AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL);
}

/* tk_set on the process's own token: TRUE only when the privilege is now
 * in the state asked (GetLastError() == ERROR_SUCCESS); the last error
 * stays AdjustTokenPrivileges'. */
static inline BOOL tk_set_own(const char *name, BOOL enable)
{
	HANDLE token;
	BOOL ok;
	DWORD error;

	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES, &token))
		return FALSE;
	ok = tk_set(token, name, enable);
	error = GetLastError();
	CloseHandle(token);
	SetLastError(error);
	return ok && error == ERROR_SUCCESS;
}

/* The state of privilege name in the process's own token (tk_state). */
static inline int tk_own_state(const char *name)
{
	HANDLE token;
	int state;

	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
		return -2;
	state = tk_state(token, name);
	CloseHandle(token);
	return state;
}

#endif
