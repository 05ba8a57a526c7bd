/* Address Windowing Extensions, as far as vados goes: it has no AWE (no
 * physical pages a process may map and unmap itself), so these calls
 * answer as Windows does without the privilege they need, and with it say
 * the operation is not supported; nothing is allocated or mapped. */
#include <windows.h>

/* Whether the caller's token has SeLockMemoryPrivilege enabled. */
static BOOL lock_memory_enabled(void)
{
	union {
		TOKEN_PRIVILEGES tp;
		char bytes[4 + 40 * sizeof(LUID_AND_ATTRIBUTES)];
	} u;
	HANDLE token;
	DWORD got = 0;
	LUID luid;
	BOOL read, on = FALSE;

	if (!LookupPrivilegeValueA(NULL, SE_LOCK_MEMORY_NAME, &luid) ||
	    !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
		return FALSE;
	read = GetTokenInformation(token, TokenPrivileges, &u, sizeof(u), &got);
	CloseHandle(token);
	for (DWORD i = 0; read && i < u.tp.PrivilegeCount; i++)
		if (u.tp.Privileges[i].Luid.LowPart == luid.LowPart &&
		    u.tp.Privileges[i].Luid.HighPart == luid.HighPart)
			on = (u.tp.Privileges[i].Attributes & SE_PRIVILEGE_ENABLED) != 0;
	return on;
}

/* The answer of every AWE call: FALSE with ERROR_PRIVILEGE_NOT_HELD
 * without SeLockMemoryPrivilege enabled, else ERROR_NOT_SUPPORTED. */
static BOOL awe_refused(void)
{
	SetLastError(lock_memory_enabled() ? ERROR_NOT_SUPPORTED : ERROR_PRIVILEGE_NOT_HELD);
	return FALSE;
}

BOOL WINAPI AllocateUserPhysicalPages(HANDLE hProcess, PULONG_PTR NumberOfPages,
				      PULONG_PTR PageArray)
{
	(void)hProcess;
	(void)PageArray;
	*NumberOfPages = 0;
	return awe_refused();
}

BOOL WINAPI AllocateUserPhysicalPagesNuma(HANDLE hProcess, PULONG_PTR NumberOfPages,
					  PULONG_PTR PageArray, DWORD nndPreferred)
{
	(void)nndPreferred;
	return AllocateUserPhysicalPages(hProcess, NumberOfPages, PageArray);
}

BOOL WINAPI FreeUserPhysicalPages(HANDLE hProcess, PULONG_PTR NumberOfPages,
				  PULONG_PTR PageArray)
{
	(void)hProcess;
	(void)PageArray;
	*NumberOfPages = 0;
	return awe_refused();
}

BOOL WINAPI MapUserPhysicalPages(PVOID VirtualAddress, ULONG_PTR NumberOfPages,
				 PULONG_PTR PageArray)
{
	(void)VirtualAddress;
	(void)NumberOfPages;
	(void)PageArray;
	return awe_refused();
}

BOOL WINAPI MapUserPhysicalPagesScatter(PVOID *VirtualAddresses, ULONG_PTR NumberOfPages,
					PULONG_PTR PageArray)
{
	(void)VirtualAddresses;
	(void)NumberOfPages;
	(void)PageArray;
	return awe_refused();
}
