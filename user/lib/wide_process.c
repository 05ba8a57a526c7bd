/* The W forms of the process, module, privilege and mapped-file calls,
 * over their A forms (user/lib/wide_arg.h). */
#include <psapi.h>
#include <string.h>
#include "user/lib/wide_arg.h"

/* CreateProcessAsUserA's (which takes a UTF-16 lpEnvironment under
 * CREATE_UNICODE_ENVIRONMENT too). */
BOOL WINAPI CreateProcessAsUserW(HANDLE hToken, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
				 LPSECURITY_ATTRIBUTES lpProcessAttributes,
				 LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
				 DWORD dwCreationFlags, LPVOID lpEnvironment,
				 LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
				 LPPROCESS_INFORMATION lpProcessInformation)
{
	char *app, *cmdline = NULL, *dir = NULL, *desktop = NULL, *title = NULL;
	LPCWSTR w_desktop = NULL, w_title = NULL;
	STARTUPINFOA si;
	BOOL ok = FALSE;

	if (lpStartupInfo && IsBadReadPtr(lpStartupInfo, sizeof(*lpStartupInfo))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (lpStartupInfo) {    /* the same layout; the strings narrowed below */
		memcpy(&si, lpStartupInfo, sizeof(si));
		w_desktop = lpStartupInfo->lpDesktop;
		w_title = lpStartupInfo->lpTitle;
	}
	if (wide_arg(lpApplicationName, &app) && wide_arg(lpCommandLine, &cmdline) &&
	    wide_arg(lpCurrentDirectory, &dir) && wide_arg(w_desktop, &desktop) &&
	    wide_arg(w_title, &title)) {
		si.lpDesktop = desktop;
		si.lpTitle = title;
		ok = CreateProcessAsUserA(hToken, app, cmdline, lpProcessAttributes,
					  lpThreadAttributes, bInheritHandles,
					  dwCreationFlags, lpEnvironment, dir,
					  lpStartupInfo ? &si : NULL,
					  lpProcessInformation);
	}
	wide_free(desktop);
	wide_free(title);
	wide_free(app);
	wide_free(cmdline);
	wide_free(dir);
	return ok;
}

/* CreateProcessA's, the child's token a copy of the caller's. */
BOOL WINAPI CreateProcessW(LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
			   LPSECURITY_ATTRIBUTES lpProcessAttributes,
			   LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
			   DWORD dwCreationFlags, LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory,
			   LPSTARTUPINFOW lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
{
	return CreateProcessAsUserW(NULL, lpApplicationName, lpCommandLine, lpProcessAttributes,
				    lpThreadAttributes, bInheritHandles, dwCreationFlags,
				    lpEnvironment, lpCurrentDirectory, lpStartupInfo,
				    lpProcessInformation);
}

LPWSTR WINAPI GetCommandLineW(VOID)
{
	static LPWSTR line;
	LPSTR a = GetCommandLineA();
	DWORD n = 0;
	LPWSTR w;

	if (line)
		return line;
	while (a[n])
		n++;
	if (!(w = HeapAlloc(GetProcessHeap(), 0, (n + 1) * sizeof(WCHAR))))
		return (LPWSTR)L"";
	wide_widen(a, w, n + 1);
	if (InterlockedCompareExchangePointer((PVOID volatile *)&line, w, NULL))
		HeapFree(GetProcessHeap(), 0, w);       /* another thread's came first */
	return line;
}

HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName)
{
	HMODULE h;
	char *a;

	if (!wide_arg(lpModuleName, &a))
		return NULL;
	h = GetModuleHandleA(a);
	wide_free(a);
	return h;
}

/* GetModuleFileNameA's sizes, in WCHARs (a short buffer: the name cut to
 * nSize - 1, nSize returned, ERROR_INSUFFICIENT_BUFFER). */
DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize)
{
	return WIDE_OUT(lpFilename, nSize, GetModuleFileNameA(hModule, a, nSize));
}

DWORD WINAPI GetModuleFileNameExW(HANDLE hProcess, HMODULE hModule, LPWSTR lpFilename, DWORD nSize)
{
	return WIDE_OUT(lpFilename, nSize, GetModuleFileNameExA(hProcess, hModule, a, nSize));
}

DWORD WINAPI GetModuleBaseNameW(HANDLE hProcess, HMODULE hModule, LPWSTR lpBaseName, DWORD nSize)
{
	return WIDE_OUT(lpBaseName, nSize, GetModuleBaseNameA(hProcess, hModule, a, nSize));
}

DWORD WINAPI GetProcessImageFileNameW(HANDLE hProcess, LPWSTR lpImageFileName, DWORD nSize)
{
	return WIDE_OUT(lpImageFileName, nSize, GetProcessImageFileNameA(hProcess, a, nSize));
}

/* *lpdwSize in WCHARs, as QueryFullProcessImageNameA's in characters. */
BOOL WINAPI QueryFullProcessImageNameW(HANDLE hProcess, DWORD dwFlags, LPWSTR lpExeName,
				       PDWORD lpdwSize)
{
	DWORD n = IsBadReadPtr(lpdwSize, sizeof(*lpdwSize)) ? 0 : *lpdwSize;

	return WIDE_OUT(lpExeName, n, QueryFullProcessImageNameA(hProcess, dwFlags, a, lpdwSize));
}

BOOL WINAPI LookupPrivilegeValueW(LPCWSTR lpSystemName, LPCWSTR lpName, PLUID lpLuid)
{
	char *system, *name = NULL;
	BOOL ok = FALSE;

	if (wide_arg(lpSystemName, &system) && wide_arg(lpName, &name))
		ok = LookupPrivilegeValueA(system, name, lpLuid);
	wide_free(system);
	wide_free(name);
	return ok;
}

/* *cchName in WCHARs, as LookupPrivilegeNameA's in bytes. */
BOOL WINAPI LookupPrivilegeNameW(LPCWSTR lpSystemName, PLUID lpLuid, LPWSTR lpName,
				 LPDWORD cchName)
{
	char *system, *a = NULL;
	BOOL ok = FALSE;

	if (IsBadWritePtr(cchName, sizeof(*cchName))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (wide_arg(lpSystemName, &system) && wide_scratch(lpName, *cchName, &a)) {
		ok = LookupPrivilegeNameA(system, lpLuid, a, cchName);
		if (ok)
			wide_widen(a, lpName, *cchName + 1);
	}
	wide_free(system);
	wide_free(a);
	return ok;
}

/* GetMappedFileNameA's name and sizes, in WCHARs. */
DWORD WINAPI GetMappedFileNameW(HANDLE hProcess, LPVOID lpv, LPWSTR lpFilename, DWORD nSize)
{
	return WIDE_OUT(lpFilename, nSize, GetMappedFileNameA(hProcess, lpv, a, nSize));
}
