/* The process, handle and console calls of <windows.h>. */
#include <windows.h>
#include <string.h>
#include "vados/calls.h"
#include "user/lib/runtime.h"
#include "win32call.h"
#include "user/lib/wide_arg.h"

HANDLE WINAPI GetCurrentProcess(VOID)
{
	return (HANDLE)(LONG_PTR)-1;
}

/* The caller's PATH on the process heap in *out (NULL when it has none);
 * FALSE when the heap has no room for it. */
static BOOL path_value(char **out)
{
	DWORD need = GetEnvironmentVariableA("PATH", NULL, 0), got;

	for (*out = NULL; need; need = got) {
		if (!(*out = HeapAlloc(GetProcessHeap(), 0, need)))
			return FALSE;
		got = GetEnvironmentVariableA("PATH", *out, need);
		if (got && got < need)
			return TRUE;
		HeapFree(GetProcessHeap(), 0, *out);     /* it changed meanwhile: grew, or went */
		*out = NULL;
	}
	return TRUE;
}

/* What CreateProcessA and CreateProcessAsUserA share. */
struct create_request {
	HANDLE token;                   /* the child gets a copy (NULL: the caller's) */
	LPCSTR app, cmdline, directory;
	LPVOID environment;
	BOOL inherit_handles;
	DWORD flags;
	const STARTUPINFOA *startup;    /* NULL: none */
};

/* Appends s (cut to what fits) to r's strings; its offset, or 0 for NULL. */
static DWORD startup_string(struct vados_startup *r, const char *s)
{
	DWORD at = r->size;
	size_t n = s ? strnlen(s, VADOS_STARTUP_MAX) : 0;

	if (!s || r->size >= VADOS_STARTUP_MAX)
		return 0;
	if (n > VADOS_STARTUP_MAX - 1 - r->size)
		n = VADOS_STARTUP_MAX - 1 - r->size;
	memcpy((char *)r + r->size, s, n);
	((char *)r)[r->size + n] = '\0';
	r->size += (DWORD)n + 1;
	return at;
}

/* si as the child's GetStartupInfo will give it back: the fields a console
 * process keeps (not the reserved ones; the standard handles only with
 * STARTF_USESTDHANDLES), the desktop and title strings copied after them
 * (each cut to fit the record). FALSE with ERROR_NOACCESS when si cannot be
 * read. */
static BOOL startup_record(const STARTUPINFOA *si, struct vados_startup *r)
{
	if (IsBadReadPtr(si, sizeof(*si)) ||
	    (si->lpDesktop && IsBadStringPtrA(si->lpDesktop, VADOS_STARTUP_MAX)) ||
	    (si->lpTitle && IsBadStringPtrA(si->lpTitle, VADOS_STARTUP_MAX))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	r->size = sizeof(*r);
	r->info = *si;
	r->info.cb = sizeof(r->info);
	r->info.lpReserved = NULL;
	r->info.cbReserved2 = 0;
	r->info.lpReserved2 = NULL;
	if (!(si->dwFlags & STARTF_USESTDHANDLES))
		r->info.hStdInput = r->info.hStdOutput = r->info.hStdError = NULL;
	r->info.lpDesktop = (LPSTR)(uintptr_t)startup_string(r, si->lpDesktop);
	r->info.lpTitle = (LPSTR)(uintptr_t)startup_string(r, si->lpTitle);
	return TRUE;
}

/* The system call with the caller's environment and PATH; without heap
 * room for their copies, ERROR_NOT_ENOUGH_MEMORY. */
static BOOL create_process(const struct create_request *r, uint32_t out[4])
{
	char *own = r->environment ? NULL : GetEnvironmentStringsA(), *path = NULL;
	BOOL ok = (r->environment || own) && path_value(&path);
	union {
		struct vados_startup r;
		char bytes[VADOS_STARTUP_MAX];
	} record;
	uint32_t args[10] = { (uint32_t)(r->cmdline ? r->cmdline : r->app), (uint32_t)out,
			      r->inherit_handles != FALSE, (uint32_t)r->app, r->flags,
			      (uint32_t)r->token,
			      (uint32_t)(r->environment ? r->environment : own),
			      (uint32_t)r->directory, (uint32_t)path,
			      r->startup ? (uint32_t)&record : 0 };

	if (!ok)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	else if (!r->startup || startup_record(r->startup, &record.r))
		ok = win32_call(SYS_CREATE_PROCESS, args, NULL);
	else
		ok = FALSE;
	if (own)
		FreeEnvironmentStringsA(own);
	if (path)
		HeapFree(GetProcessHeap(), 0, path);
	return ok;
}

/* The UTF-16 environment block w (double-NUL ended) as a CP437 one on the
 * process heap, '?' for what CP437 lacks; NULL with
 * ERROR_NOT_ENOUGH_MEMORY or ERROR_NOACCESS. */
static char *environment_narrow(LPCWSTR w)
{
	DWORD n = 0;
	char *a;

	for (;;) {
		if (IsBadStringPtrW(w + n, (UINT_PTR)-1)) {
			SetLastError(ERROR_NOACCESS);
			return NULL;
		}
		if (!w[n])
			break;
		while (w[n])
			n++;
		n++;
	}
	if (!(a = HeapAlloc(GetProcessHeap(), 0, n + 1))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	wide_narrow_lossy(w, n + 1, a);
	return a;
}

/* Fills lpProcessInformation and makes the handles inheritable as the
 * attributes say; a UTF-16 environment block (CREATE_UNICODE_ENVIRONMENT)
 * goes to the child narrowed. */
static BOOL create_and_report(const struct create_request *req, LPSECURITY_ATTRIBUTES pa,
			      LPSECURITY_ATTRIBUTES ta, LPPROCESS_INFORMATION pi)
{
	struct create_request r = *req;
	char *narrow = NULL;
	uint32_t out[4];
	BOOL ok;

	if (!pi) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if ((r.flags & (DETACHED_PROCESS | CREATE_NEW_CONSOLE)) ==
	    (DETACHED_PROCESS | CREATE_NEW_CONSOLE)) {
		SetLastError(ERROR_INVALID_PARAMETER);  /* documented as exclusive */
		return FALSE;
	}
	if ((r.flags & CREATE_UNICODE_ENVIRONMENT) && r.environment &&
	    !(r.environment = narrow = environment_narrow(r.environment)))
		return FALSE;
	r.flags &= ~CREATE_UNICODE_ENVIRONMENT;
	ok = create_process(&r, out);
	if (narrow)
		HeapFree(GetProcessHeap(), 0, narrow);
	if (!ok)
		return FALSE;
	pi->hProcess = (HANDLE)out[0];
	pi->dwProcessId = out[1];
	pi->hThread = (HANDLE)out[2];
	pi->dwThreadId = out[3];
	if (pa && pa->bInheritHandle)
		SetHandleInformation(pi->hProcess, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	if (ta && ta->bInheritHandle)
		SetHandleInformation(pi->hThread, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	return TRUE;
}

/* lpApplicationName, when given, names the program file (a full or partial
 * path, no search, no ".exe" added) and lpCommandLine, if given too, is the
 * child's whole command line; otherwise lpCommandLine's first token names
 * it, found as kernel/ps/process.h (ps_find_program) says: the caller's
 * program directory, its current directory, C:\BIN, then its PATH. The
 * child's argv comes from its command line (user/lib/argv.h). With
 * bInheritHandles, the child starts with every inheritable handle of the
 * caller at the same value and access. lpEnvironment (an ANSI block,
 * double-NUL ended; CREATE_UNICODE_ENVIRONMENT: a UTF-16 one) is
 * the child's environment, NULL a copy of the caller's; lpCurrentDirectory
 * its current directory (ERROR_DIRECTORY when it is none), NULL the
 * caller's. CREATE_SUSPENDED: the first thread waits for ResumeThread;
 * DETACHED_PROCESS with CREATE_NEW_CONSOLE: ERROR_INVALID_PARAMETER;
 * other flags are accepted and ignored. lpStartupInfo is what the child's
 * GetStartupInfo gives back (startup_record); the console stays its
 * standard handles.
 * lpProcessAttributes->bInheritHandle and lpThreadAttributes->bInheritHandle
 * make the returned handles inheritable. The child's token is a copy of the
 * caller's, privileges enabled or not as they are now. */
BOOL WINAPI CreateProcessA(LPCSTR lpApplicationName, LPSTR lpCommandLine,
			   LPSECURITY_ATTRIBUTES lpProcessAttributes,
			   LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
			   DWORD dwCreationFlags, LPVOID lpEnvironment, LPCSTR lpCurrentDirectory,
			   LPSTARTUPINFOA lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
{
	struct create_request r = { NULL, lpApplicationName, lpCommandLine, lpCurrentDirectory,
				    lpEnvironment, bInheritHandles, dwCreationFlags, lpStartupInfo };

	return create_and_report(&r, lpProcessAttributes, lpThreadAttributes,
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
	struct create_request r = { hToken, lpApplicationName, lpCommandLine,
				    lpCurrentDirectory, lpEnvironment, bInheritHandles,
				    dwCreationFlags, lpStartupInfo };

	return create_and_report(&r, lpProcessAttributes, lpThreadAttributes,
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

/* 0 on failure. */
DWORD WINAPI GetProcessId(HANDLE Process)
{
	uint32_t args[1] = { (uint32_t)Process }, pid;

	return win32_call(SYS_PROCESS_ID_OF, args, &pid) ? pid : 0;
}

/* Every process runs in session 1, an interactive session's (the named
 * objects' Local\ directory is its own). A process that does not exist:
 * ERROR_INVALID_PARAMETER; a NULL pSessionId: ERROR_NOACCESS. */
BOOL WINAPI ProcessIdToSessionId(DWORD dwProcessId, DWORD *pSessionId)
{
	HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, dwProcessId);

	if (!h) {
		if (GetLastError() != ERROR_ACCESS_DENIED)
			SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	CloseHandle(h);
	if (!pSessionId || IsBadWritePtr(pSessionId, sizeof(*pSessionId))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*pSessionId = 1;
	return TRUE;
}

/* Whether hProcess (PROCESS_QUERY_LIMITED_INFORMATION) runs under WOW64:
 * never, on x86 vados. */
BOOL WINAPI IsWow64Process(HANDLE hProcess, PBOOL Wow64Process)
{
	if (!GetProcessId(hProcess))
		return FALSE;
	if (IsBadWritePtr(Wow64Process, sizeof(*Wow64Process))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*Wow64Process = FALSE;
	return TRUE;
}

/* Not WOW64 (IMAGE_FILE_MACHINE_UNKNOWN) on an x86 machine; pNativeMachine
 * is optional. */
BOOL WINAPI IsWow64Process2(HANDLE hProcess, USHORT *pProcessMachine, USHORT *pNativeMachine)
{
	if (!GetProcessId(hProcess))
		return FALSE;
	if (IsBadWritePtr(pProcessMachine, sizeof(*pProcessMachine)) ||
	    (pNativeMachine && IsBadWritePtr(pNativeMachine, sizeof(*pNativeMachine)))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*pProcessMachine = IMAGE_FILE_MACHINE_UNKNOWN;
	if (pNativeMachine)
		*pNativeMachine = IMAGE_FILE_MACHINE_I386;
	return TRUE;
}

/* The session attached to the console: vados's one, session 1. */
DWORD WINAPI WTSGetActiveConsoleSessionId(VOID)
{
	return 1;
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

/* The process's standard handles, by STD_INPUT_HANDLE - nStdHandle: the
 * console's pseudo-handles (WriteFile and WriteConsole write them to the
 * console), or what STARTF_USESTDHANDLES or SetStdHandle put there. */
static HANDLE std_handles[3] = { (HANDLE)STD_INPUT_HANDLE, (HANDLE)STD_OUTPUT_HANDLE,
				 (HANDLE)STD_ERROR_HANDLE };

/* The slot of nStdHandle; NULL, with ERROR_INVALID_HANDLE, for another value. */
static HANDLE *std_slot(DWORD nStdHandle)
{
	if (nStdHandle == STD_INPUT_HANDLE || nStdHandle == STD_OUTPUT_HANDLE ||
	    nStdHandle == STD_ERROR_HANDLE)
		return &std_handles[STD_INPUT_HANDLE - nStdHandle];
	SetLastError(ERROR_INVALID_HANDLE);
	return NULL;
}

HANDLE WINAPI GetStdHandle(DWORD nStdHandle)
{
	HANDLE *slot = std_slot(nStdHandle);

	return slot ? *slot : INVALID_HANDLE_VALUE;
}

/* Records hHandle (not checked, as on Windows) as the handle GetStdHandle
 * gives; the C runtime's streams keep the ones they started with. */
BOOL WINAPI SetStdHandle(DWORD nStdHandle, HANDLE hHandle)
{
	HANDLE *slot = std_slot(nStdHandle);

	if (slot)
		*slot = hHandle;
	return slot != NULL;
}
