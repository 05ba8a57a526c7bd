/* <windows.h>'s access tokens and privileges (Windows' winnt.h,
 * securitybaseapi.h, processthreadsapi.h, winbase.h parts) and
 * ExitWindowsEx (winuser.h), with Windows' values and layouts. Included by
 * <windows.h> after its types; not on its own. vados tokens hold privileges
 * only: no SIDs, groups or security descriptors (user/lib/token_api.c). */
#ifndef VADOS_WINSECURITY_H
#define VADOS_WINSECURITY_H

#define ANYSIZE_ARRAY 1

typedef struct _LUID {
	DWORD LowPart;
	LONG HighPart;
} LUID, *PLUID;

typedef struct _LUID_AND_ATTRIBUTES {           /* 12 bytes */
	LUID Luid;
	DWORD Attributes;
} LUID_AND_ATTRIBUTES, *PLUID_AND_ATTRIBUTES;

typedef struct _TOKEN_PRIVILEGES {
	DWORD PrivilegeCount;
	LUID_AND_ATTRIBUTES Privileges[ANYSIZE_ARRAY];
} TOKEN_PRIVILEGES, *PTOKEN_PRIVILEGES;

typedef struct _PRIVILEGE_SET {
	DWORD PrivilegeCount;
	DWORD Control;
	LUID_AND_ATTRIBUTES Privilege[ANYSIZE_ARRAY];
} PRIVILEGE_SET, *PPRIVILEGE_SET;
#define PRIVILEGE_SET_ALL_NECESSARY 1

typedef PVOID PSID;
typedef struct _SID_AND_ATTRIBUTES {
	PSID Sid;
	DWORD Attributes;
} SID_AND_ATTRIBUTES, *PSID_AND_ATTRIBUTES;

#define SE_PRIVILEGE_ENABLED_BY_DEFAULT 0x00000001UL
#define SE_PRIVILEGE_ENABLED            0x00000002UL
#define SE_PRIVILEGE_REMOVED            0x00000004UL
#define SE_PRIVILEGE_USED_FOR_ACCESS    0x80000000UL

#define TOKEN_ASSIGN_PRIMARY    0x0001UL
#define TOKEN_DUPLICATE         0x0002UL
#define TOKEN_IMPERSONATE       0x0004UL
#define TOKEN_QUERY             0x0008UL
#define TOKEN_QUERY_SOURCE      0x0010UL
#define TOKEN_ADJUST_PRIVILEGES 0x0020UL
#define TOKEN_ADJUST_GROUPS     0x0040UL
#define TOKEN_ADJUST_DEFAULT    0x0080UL
#define TOKEN_ADJUST_SESSIONID  0x0100UL
#define TOKEN_ALL_ACCESS        0x000F01FFUL
#define TOKEN_READ              0x00020008UL
#define TOKEN_WRITE             0x000200E0UL
#define TOKEN_EXECUTE           0x00020000UL

/* GetTokenInformation's classes up to the one vados answers; TokenUser and
 * TokenGroups (SIDs) fail with ERROR_INVALID_PARAMETER. */
typedef enum _TOKEN_INFORMATION_CLASS {
	TokenUser = 1,
	TokenGroups,
	TokenPrivileges,
} TOKEN_INFORMATION_CLASS, *PTOKEN_INFORMATION_CLASS;

/* CreateRestrictedToken's flags. */
#define DISABLE_MAX_PRIVILEGE 0x1
#define SANDBOX_INERT         0x2
#define LUA_TOKEN             0x4
#define WRITE_RESTRICTED      0x8

/* The privileges' names (LookupPrivilegeValue), LUIDs 2 to 35 in order. */
#define SE_CREATE_TOKEN_NAME           "SeCreateTokenPrivilege"
#define SE_ASSIGNPRIMARYTOKEN_NAME     "SeAssignPrimaryTokenPrivilege"
#define SE_LOCK_MEMORY_NAME            "SeLockMemoryPrivilege"
#define SE_INCREASE_QUOTA_NAME         "SeIncreaseQuotaPrivilege"
#define SE_MACHINE_ACCOUNT_NAME        "SeMachineAccountPrivilege"
#define SE_TCB_NAME                    "SeTcbPrivilege"
#define SE_SECURITY_NAME               "SeSecurityPrivilege"
#define SE_TAKE_OWNERSHIP_NAME         "SeTakeOwnershipPrivilege"
#define SE_LOAD_DRIVER_NAME            "SeLoadDriverPrivilege"
#define SE_SYSTEM_PROFILE_NAME         "SeSystemProfilePrivilege"
#define SE_SYSTEMTIME_NAME             "SeSystemtimePrivilege"
#define SE_PROF_SINGLE_PROCESS_NAME    "SeProfileSingleProcessPrivilege"
#define SE_INC_BASE_PRIORITY_NAME      "SeIncreaseBasePriorityPrivilege"
#define SE_CREATE_PAGEFILE_NAME        "SeCreatePagefilePrivilege"
#define SE_CREATE_PERMANENT_NAME       "SeCreatePermanentPrivilege"
#define SE_BACKUP_NAME                 "SeBackupPrivilege"
#define SE_RESTORE_NAME                "SeRestorePrivilege"
#define SE_SHUTDOWN_NAME               "SeShutdownPrivilege"
#define SE_DEBUG_NAME                  "SeDebugPrivilege"
#define SE_AUDIT_NAME                  "SeAuditPrivilege"
#define SE_SYSTEM_ENVIRONMENT_NAME     "SeSystemEnvironmentPrivilege"
#define SE_CHANGE_NOTIFY_NAME          "SeChangeNotifyPrivilege"
#define SE_REMOTE_SHUTDOWN_NAME        "SeRemoteShutdownPrivilege"
#define SE_UNDOCK_NAME                 "SeUndockPrivilege"
#define SE_SYNC_AGENT_NAME             "SeSyncAgentPrivilege"
#define SE_ENABLE_DELEGATION_NAME      "SeEnableDelegationPrivilege"
#define SE_MANAGE_VOLUME_NAME          "SeManageVolumePrivilege"
#define SE_IMPERSONATE_NAME            "SeImpersonatePrivilege"
#define SE_CREATE_GLOBAL_NAME          "SeCreateGlobalPrivilege"
#define SE_TRUSTED_CREDMAN_ACCESS_NAME "SeTrustedCredManAccessPrivilege"
#define SE_RELABEL_NAME                "SeRelabelPrivilege"
#define SE_INC_WORKING_SET_NAME        "SeIncreaseWorkingSetPrivilege"
#define SE_TIME_ZONE_NAME              "SeTimeZonePrivilege"
#define SE_CREATE_SYMBOLIC_LINK_NAME   "SeCreateSymbolicLinkPrivilege"

/* ExitWindowsEx's flags. */
#define EWX_LOGOFF      0x00000000UL
#define EWX_SHUTDOWN    0x00000001UL
#define EWX_REBOOT      0x00000002UL
#define EWX_FORCE       0x00000004UL
#define EWX_POWEROFF    0x00000008UL
#define EWX_FORCEIFHUNG 0x00000010UL

#define ERROR_NOT_ALL_ASSIGNED    1300L
#define ERROR_NO_SUCH_PRIVILEGE   1313L
#define RPC_S_SERVER_UNAVAILABLE  1722L

WINAPI BOOL OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, PHANDLE TokenHandle);
WINAPI BOOL GetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
				LPVOID TokenInformation, DWORD TokenInformationLength,
				PDWORD ReturnLength);
WINAPI BOOL AdjustTokenPrivileges(HANDLE TokenHandle, BOOL DisableAllPrivileges,
				  PTOKEN_PRIVILEGES NewState, DWORD BufferLength,
				  PTOKEN_PRIVILEGES PreviousState, PDWORD ReturnLength);
WINAPI BOOL LookupPrivilegeValueA(LPCSTR lpSystemName, LPCSTR lpName, PLUID lpLuid);
WINAPI BOOL LookupPrivilegeNameA(LPCSTR lpSystemName, PLUID lpLuid, LPSTR lpName,
				 LPDWORD cchName);
WINAPI BOOL CreateRestrictedToken(HANDLE ExistingTokenHandle, DWORD Flags, DWORD DisableSidCount,
				  PSID_AND_ATTRIBUTES SidsToDisable, DWORD DeletePrivilegeCount,
				  PLUID_AND_ATTRIBUTES PrivilegesToDelete,
				  DWORD RestrictedSidCount, PSID_AND_ATTRIBUTES SidsToRestrict,
				  PHANDLE NewTokenHandle);
WINAPI BOOL CreateProcessAsUserA(HANDLE hToken, LPCSTR lpApplicationName, LPSTR lpCommandLine,
				 LPSECURITY_ATTRIBUTES lpProcessAttributes,
				 LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
				 DWORD dwCreationFlags, LPVOID lpEnvironment,
				 LPCSTR lpCurrentDirectory, LPSTARTUPINFOA lpStartupInfo,
				 LPPROCESS_INFORMATION lpProcessInformation);
WINAPI BOOL ExitWindowsEx(UINT uFlags, DWORD dwReason);
#define LookupPrivilegeValue LookupPrivilegeValueA
#define LookupPrivilegeName  LookupPrivilegeNameA
#define CreateProcessAsUser  CreateProcessAsUserA

#endif
