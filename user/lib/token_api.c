/* Access tokens and privileges: OpenProcessToken, GetTokenInformation,
 * AdjustTokenPrivileges, CreateRestrictedToken (the kernel's, kernel/se and
 * kernel/sys/sys_token.c, which check every handle, right and buffer) and
 * LookupPrivilegeValueA/NameA (Windows' LSA answers those; the names are
 * fixed, so the SDK does here). */
#include <string.h>
#include <windows.h>
#include "runtime.h"
#include "win32call.h"

#define FIRST_PRIVILEGE 2u      /* SE_MIN_WELL_KNOWN_PRIVILEGE */

/* Indexed by LUID - 2. */
static const char *const privilege_names[] = {
	SE_CREATE_TOKEN_NAME, SE_ASSIGNPRIMARYTOKEN_NAME, SE_LOCK_MEMORY_NAME,
	SE_INCREASE_QUOTA_NAME, SE_MACHINE_ACCOUNT_NAME, SE_TCB_NAME, SE_SECURITY_NAME,
	SE_TAKE_OWNERSHIP_NAME, SE_LOAD_DRIVER_NAME, SE_SYSTEM_PROFILE_NAME, SE_SYSTEMTIME_NAME,
	SE_PROF_SINGLE_PROCESS_NAME, SE_INC_BASE_PRIORITY_NAME, SE_CREATE_PAGEFILE_NAME,
	SE_CREATE_PERMANENT_NAME, SE_BACKUP_NAME, SE_RESTORE_NAME, SE_SHUTDOWN_NAME,
	SE_DEBUG_NAME, SE_AUDIT_NAME, SE_SYSTEM_ENVIRONMENT_NAME, SE_CHANGE_NOTIFY_NAME,
	SE_REMOTE_SHUTDOWN_NAME, SE_UNDOCK_NAME, SE_SYNC_AGENT_NAME, SE_ENABLE_DELEGATION_NAME,
	SE_MANAGE_VOLUME_NAME, SE_IMPERSONATE_NAME, SE_CREATE_GLOBAL_NAME,
	SE_TRUSTED_CREDMAN_ACCESS_NAME, SE_RELABEL_NAME, SE_INC_WORKING_SET_NAME,
	SE_TIME_ZONE_NAME, SE_CREATE_SYMBOLIC_LINK_NAME,
};
#define PRIVILEGE_COUNT (sizeof(privilege_names) / sizeof(privilege_names[0]))

BOOL WINAPI OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, PHANDLE TokenHandle)
{
	uint32_t args[3] = { (uint32_t)ProcessHandle, DesiredAccess, (uint32_t)TokenHandle };

	return win32_call(SYS_OPEN_PROCESS_TOKEN, args, NULL);
}

/* TokenPrivileges only; ReturnLength is required, and gets the size the
 * answer takes also when TokenInformationLength is too small for it
 * (ERROR_INSUFFICIENT_BUFFER): the usual first call passes NULL and 0. */
BOOL WINAPI GetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
				LPVOID TokenInformation, DWORD TokenInformationLength,
				PDWORD ReturnLength)
{
	uint32_t args[5] = { (uint32_t)TokenHandle, (uint32_t)TokenInformationClass,
			     (uint32_t)TokenInformation, TokenInformationLength,
			     (uint32_t)ReturnLength };

	return win32_call(SYS_QUERY_TOKEN, args, NULL);
}

/* Succeeds with the last error ERROR_NOT_ALL_ASSIGNED when NewState names a
 * privilege the token does not hold (the others are adjusted), else
 * ERROR_SUCCESS: a caller must look at GetLastError after TRUE too. */
BOOL WINAPI AdjustTokenPrivileges(HANDLE TokenHandle, BOOL DisableAllPrivileges,
				  PTOKEN_PRIVILEGES NewState, DWORD BufferLength,
				  PTOKEN_PRIVILEGES PreviousState, PDWORD ReturnLength)
{
	uint32_t args[6] = { (uint32_t)TokenHandle, DisableAllPrivileges != FALSE,
			     (uint32_t)NewState, BufferLength, (uint32_t)PreviousState,
			     (uint32_t)ReturnLength }, not_all;

	if (!win32_call(SYS_ADJUST_PRIVILEGES, args, &not_all))
		return FALSE;
	SetLastError(not_all ? ERROR_NOT_ALL_ASSIGNED : ERROR_SUCCESS);
	return TRUE;
}

/* vados tokens have no SIDs: SidsToDisable and SidsToRestrict must be empty
 * (else ERROR_INVALID_PARAMETER); SANDBOX_INERT, LUA_TOKEN and
 * WRITE_RESTRICTED change nothing here. */
BOOL WINAPI CreateRestrictedToken(HANDLE ExistingTokenHandle, DWORD Flags, DWORD DisableSidCount,
				  PSID_AND_ATTRIBUTES SidsToDisable, DWORD DeletePrivilegeCount,
				  PLUID_AND_ATTRIBUTES PrivilegesToDelete,
				  DWORD RestrictedSidCount, PSID_AND_ATTRIBUTES SidsToRestrict,
				  PHANDLE NewTokenHandle)
{
	uint32_t args[5] = { (uint32_t)ExistingTokenHandle, Flags, DeletePrivilegeCount,
			     (uint32_t)PrivilegesToDelete, (uint32_t)NewTokenHandle };

	(void)SidsToDisable, (void)SidsToRestrict;
	if (DisableSidCount || RestrictedSidCount) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return win32_call(SYS_FILTER_TOKEN, args, NULL);
}

/* Only the local system (NULL or ""): any other is out of reach, as an
 * unreachable machine is on Windows. */
static BOOL local_system(LPCSTR lpSystemName)
{
	if (!lpSystemName || (!IsBadStringPtrA(lpSystemName, 1) && !*lpSystemName))
		return TRUE;
	SetLastError(RPC_S_SERVER_UNAVAILABLE);
	return FALSE;
}

static BOOL fail(DWORD error)
{
	SetLastError(error);
	return FALSE;
}

/* Whether a and b are equal but for the case of ASCII letters. */
static BOOL equal_ignoring_case(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
		char y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;
		if (x != y)
			return FALSE;
		if (!x)
			return TRUE;
	}
}

/* Names compare case-insensitively; an unknown one: ERROR_NO_SUCH_PRIVILEGE. */
BOOL WINAPI LookupPrivilegeValueA(LPCSTR lpSystemName, LPCSTR lpName, PLUID lpLuid)
{
	if (!local_system(lpSystemName))
		return FALSE;
	if (!lpName || IsBadStringPtrA(lpName, (UINT_PTR)-1) ||
	    IsBadWritePtr(lpLuid, sizeof(*lpLuid)))
		return fail(ERROR_NOACCESS);
	for (uint32_t i = 0; i < PRIVILEGE_COUNT; i++)
		if (equal_ignoring_case(lpName, privilege_names[i])) {
			lpLuid->LowPart = FIRST_PRIVILEGE + i;
			lpLuid->HighPart = 0;
			return TRUE;
		}
	return fail(ERROR_NO_SUCH_PRIVILEGE);
}

/* *cchName: the buffer's size in characters on entry; the name's length
 * (without the terminator) on success, or the size it needs (with it) on
 * ERROR_INSUFFICIENT_BUFFER. An unknown LUID: ERROR_NO_SUCH_PRIVILEGE. */
BOOL WINAPI LookupPrivilegeNameA(LPCSTR lpSystemName, PLUID lpLuid, LPSTR lpName,
				 LPDWORD cchName)
{
	const char *name;
	DWORD len;

	if (!local_system(lpSystemName))
		return FALSE;
	if (IsBadReadPtr(lpLuid, sizeof(*lpLuid)) || IsBadWritePtr(cchName, sizeof(*cchName)))
		return fail(ERROR_NOACCESS);
	if (lpLuid->HighPart != 0 || lpLuid->LowPart < FIRST_PRIVILEGE ||
	    lpLuid->LowPart - FIRST_PRIVILEGE >= PRIVILEGE_COUNT)
		return fail(ERROR_NO_SUCH_PRIVILEGE);
	name = privilege_names[lpLuid->LowPart - FIRST_PRIVILEGE];
	len = strlen(name);
	if (*cchName <= len) {
		*cchName = len + 1;
		return fail(ERROR_INSUFFICIENT_BUFFER);
	}
	if (IsBadWritePtr(lpName, len + 1))
		return fail(ERROR_NOACCESS);
	memcpy(lpName, name, len + 1);
	*cchName = len;
	return TRUE;
}

bool __vados_privilege_enabled(const char *name)
{
	union {
		TOKEN_PRIVILEGES tp;
		char bytes[4 + 40 * sizeof(LUID_AND_ATTRIBUTES)];
	} u;
	HANDLE token;
	DWORD got = 0;
	LUID luid;
	BOOL read;
	bool on = false;

	if (!LookupPrivilegeValueA(NULL, name, &luid) ||
	    !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
		return false;
	read = GetTokenInformation(token, TokenPrivileges, &u, sizeof(u), &got);
	CloseHandle(token);
	for (DWORD i = 0; read && i < u.tp.PrivilegeCount; i++)
		if (u.tp.Privileges[i].Luid.LowPart == luid.LowPart &&
		    u.tp.Privileges[i].Luid.HighPart == luid.HighPart)
			on = (u.tp.Privileges[i].Attributes & SE_PRIVILEGE_ENABLED) != 0;
	return on;
}
