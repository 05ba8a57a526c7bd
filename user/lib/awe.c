/* Address Windowing Extensions, as far as vados goes: it has no AWE (no
 * physical pages a process may map and unmap itself), so these calls
 * answer as Windows does without the privilege they need, and with it say
 * the operation is not supported; nothing is allocated or mapped. */
#include <windows.h>
#include "runtime.h"

/* The answer of every AWE call: FALSE with ERROR_PRIVILEGE_NOT_HELD
 * without SeLockMemoryPrivilege enabled, else ERROR_NOT_SUPPORTED. */
static BOOL awe_refused(void)
{
	SetLastError(__vados_privilege_enabled(SE_LOCK_MEMORY_NAME) ? ERROR_NOT_SUPPORTED : ERROR_PRIVILEGE_NOT_HELD);
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
