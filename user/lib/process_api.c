/* The process, handle, console and system-information calls of <windows.h>. */
#include <windows.h>
#include "vados/calls.h"
#include "win32call.h"

#define USER_LOWEST  0x00010000UL
#define USER_HIGHEST 0x7FFEFFFFUL
#define PAGE_SIZE    4096UL

HANDLE WINAPI GetCurrentProcess(VOID)
{
	return (HANDLE)(LONG_PTR)-1;
}

/* CreateProcessA and CreateProcessAsUserA: the child gets a copy of token's
 * privileges (0: the caller's). */
static BOOL create_process(HANDLE token, LPCSTR lpApplicationName, LPSTR lpCommandLine,
			   LPSECURITY_ATTRIBUTES lpProcessAttributes,
			   LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
			   DWORD dwCreationFlags, LPPROCESS_INFORMATION lpProcessInformation)
{
	uint32_t out[4], args[6];
	BOOL inherit = lpProcessAttributes && lpProcessAttributes->bInheritHandle;
	BOOL inherit_thread = lpThreadAttributes && lpThreadAttributes->bInheritHandle;

	args[0] = (uint32_t)(lpCommandLine ? lpCommandLine : lpApplicationName);
	args[1] = (uint32_t)out;
	args[2] = bInheritHandles != FALSE;
	args[3] = (uint32_t)lpApplicationName;
	args[4] = dwCreationFlags;
	args[5] = (uint32_t)token;
	if (!lpProcessInformation) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_CREATE_PROCESS, args, NULL))
		return FALSE;
	lpProcessInformation->hProcess = (HANDLE)out[0];
	lpProcessInformation->dwProcessId = out[1];
	lpProcessInformation->hThread = (HANDLE)out[2];
	lpProcessInformation->dwThreadId = out[3];
	if (inherit)
		SetHandleInformation((HANDLE)out[0], HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	if (inherit_thread)
		SetHandleInformation((HANDLE)out[2], HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	return TRUE;
}

/* lpApplicationName, when given, names the program (and lpCommandLine, if
 * given too, is its command line as its argv shows it); otherwise the first
 * word of lpCommandLine does. With bInheritHandles, the child starts with every
 * inheritable handle of the caller at the same value and access.
 * lpProcessAttributes->bInheritHandle makes the returned process handle
 * inheritable. Flags, environment, directory and start-up information are
 * accepted and ignored, but CREATE_SUSPENDED: the first thread waits for
 * ResumeThread. lpThreadAttributes->bInheritHandle makes hThread inheritable.
 * The child's token is a copy of the caller's, privileges enabled or not as
 * they are now. */
BOOL WINAPI CreateProcessA(LPCSTR lpApplicationName, LPSTR lpCommandLine,
			   LPSECURITY_ATTRIBUTES lpProcessAttributes,
			   LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
			   DWORD dwCreationFlags, LPVOID lpEnvironment, LPCSTR lpCurrentDirectory,
			   LPSTARTUPINFOA lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
{
	(void)lpEnvironment, (void)lpCurrentDirectory, (void)lpStartupInfo;
	return create_process(NULL, lpApplicationName, lpCommandLine, lpProcessAttributes,
			      lpThreadAttributes, bInheritHandles, dwCreationFlags,
			      lpProcessInformation);
}

/* CreateProcessA whose child gets a copy of hToken (a primary token handle
 * with TOKEN_QUERY, TOKEN_DUPLICATE and TOKEN_ASSIGN_PRIMARY; NULL: the
 * caller's). A token holding a privilege the caller's lacks fails with
 * ERROR_PRIVILEGE_NOT_HELD (Windows would want SeAssignPrimaryTokenPrivilege);
 * a restricted copy of the caller's own (CreateRestrictedToken) never does. */
BOOL WINAPI CreateProcessAsUserA(HANDLE hToken, LPCSTR lpApplicationName, LPSTR lpCommandLine,
				 LPSECURITY_ATTRIBUTES lpProcessAttributes,
				 LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
				 DWORD dwCreationFlags, LPVOID lpEnvironment,
				 LPCSTR lpCurrentDirectory, LPSTARTUPINFOA lpStartupInfo,
				 LPPROCESS_INFORMATION lpProcessInformation)
{
	(void)lpEnvironment, (void)lpCurrentDirectory, (void)lpStartupInfo;
	return create_process(hToken, lpApplicationName, lpCommandLine, lpProcessAttributes,
			      lpThreadAttributes, bInheritHandles, dwCreationFlags,
			      lpProcessInformation);
}

/* EWX_SHUTDOWN and EWX_POWEROFF (EWX_FORCE, EWX_FORCEIFHUNG and dwReason
 * change nothing) power the machine off at once and do not return; the
 * caller's SeShutdownPrivilege must be enabled (else
 * ERROR_PRIVILEGE_NOT_HELD). vados has no logon sessions to end (EWX_LOGOFF)
 * and cannot restart (EWX_REBOOT): ERROR_INVALID_PARAMETER. */
BOOL WINAPI ExitWindowsEx(UINT uFlags, DWORD dwReason)
{
	UINT action = uFlags & ~(EWX_FORCE | EWX_FORCEIFHUNG);

	(void)dwReason;
	if (action != EWX_SHUTDOWN && action != EWX_POWEROFF &&
	    action != (EWX_SHUTDOWN | EWX_POWEROFF)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return win32_call(SYS_SHUTDOWN, NULL, NULL);
}

/* The handle gets dwDesiredAccess (GENERIC_* mapped as Windows maps them for
 * processes; MAXIMUM_ALLOWED: every right). */
HANDLE WINAPI OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId)
{
	uint32_t args[3] = { dwProcessId, dwDesiredAccess, bInheritHandle != FALSE }, h;

	return win32_call(SYS_OPEN_PROCESS, args, &h) ? (HANDLE)h : NULL;
}

BOOL WINAPI GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode)
{
	uint32_t args[1] = { (uint32_t)hProcess }, code;

	if (!win32_call(SYS_GET_EXIT_CODE, args, &code))
		return FALSE;
	if (!lpExitCode) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpExitCode = code;
	return TRUE;
}

BOOL WINAPI TerminateProcess(HANDLE hProcess, UINT uExitCode)
{
	uint32_t args[2] = { (uint32_t)hProcess, uExitCode };

	return win32_call(SYS_TERMINATE_PROCESS, args, NULL);
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
	uint32_t args[1] = { (uint32_t)hObject };

	return win32_call(SYS_CLOSE_HANDLE, args, NULL);
}

VOID WINAPI GetSystemInfo(LPSYSTEM_INFO si)
{
	si->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_INTEL;
	si->wReserved = 0;
	si->dwPageSize = PAGE_SIZE;
	si->lpMinimumApplicationAddress = (LPVOID)USER_LOWEST;
	si->lpMaximumApplicationAddress = (LPVOID)USER_HIGHEST;
	si->dwActiveProcessorMask = 1;
	si->dwNumberOfProcessors = 1;
	si->dwProcessorType = PROCESSOR_INTEL_PENTIUM;
	si->dwAllocationGranularity = 65536;
	si->wProcessorLevel = 6;
	si->wProcessorRevision = 0;
}

/* The kernel's figures: physical pages, the commit limit and charge (the
 * "page file" of Windows' API is the commit limit: RAM plus swap), and the
 * calling process's user address space. */
BOOL WINAPI GlobalMemoryStatusEx(LPMEMORYSTATUSEX m)
{
	struct vados_memory_status s;
	uint32_t args[1] = { (uint32_t)&s };

	if (!m || m->dwLength != sizeof(*m)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!win32_call(SYS_MEMORY_STATUS, args, NULL))
		return FALSE;
	m->ullTotalPhys = (DWORDLONG)s.phys_pages * PAGE_SIZE;
	m->ullAvailPhys = (DWORDLONG)s.phys_avail_pages * PAGE_SIZE;
	m->dwMemoryLoad = s.phys_pages ?
		(DWORD)((DWORDLONG)(s.phys_pages - s.phys_avail_pages) * 100 / s.phys_pages) : 0;
	m->ullTotalPageFile = (DWORDLONG)s.commit_limit_pages * PAGE_SIZE;
	m->ullAvailPageFile = (DWORDLONG)(s.commit_limit_pages - s.commit_charge_pages) * PAGE_SIZE;
	m->ullTotalVirtual = (DWORDLONG)s.virtual_pages * PAGE_SIZE;
	m->ullAvailVirtual = (DWORDLONG)s.virtual_free_pages * PAGE_SIZE;
	m->ullAvailExtendedVirtual = 0;
	return TRUE;
}

HANDLE WINAPI GetStdHandle(DWORD nStdHandle)
{
	if (nStdHandle == STD_INPUT_HANDLE || nStdHandle == STD_OUTPUT_HANDLE ||
	    nStdHandle == STD_ERROR_HANDLE)
		return (HANDLE)nStdHandle;
	SetLastError(ERROR_INVALID_HANDLE);
	return INVALID_HANDLE_VALUE;
}

BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer,
			  DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
			  LPVOID lpReserved)
{
	uint32_t args[2] = { (uint32_t)lpBuffer, nNumberOfCharsToWrite }, written = 0;
	BOOL ok;

	(void)lpReserved;
	if (hConsoleOutput != (HANDLE)STD_OUTPUT_HANDLE && hConsoleOutput != (HANDLE)STD_ERROR_HANDLE) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	ok = win32_call(SYS_WRITE_CONSOLE, args, &written);
	if (lpNumberOfCharsWritten)
		*lpNumberOfCharsWritten = written;
	return ok;
}
