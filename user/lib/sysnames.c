/* The process's start-up information and the machine's names and
 * directories (<windows.h>, vados/winmisc.h): GetStartupInfo,
 * GetComputerName, GetUserName, GetSystemDirectory, GetWindowsDirectory and
 * GetSystemWindowsDirectory, A and W (the W forms count WCHARs).
 * The directories are the volume's own: programs live in C:\BIN (the system
 * directory), under C:\ (the Windows directory). */
#include <windows.h>
#include <string.h>
#include "user/lib/runtime.h"

#define COMPUTER_NAME     "VADOS"
#define USER_NAME         "SYSTEM"
#define WINDOWS_DIRECTORY "C:\\"
#define SYSTEM_DIRECTORY  "C:\\BIN"

static STARTUPINFOA startup = { .cb = sizeof(STARTUPINFOA) };
static LPWSTR wide_desktop, wide_title;   /* GetStartupInfoW's strings */

/* s widened on the process heap (NULL for NULL, or without room). */
static LPWSTR widened(LPCSTR s)
{
	int n = s ? MultiByteToWideChar(CP_OEMCP, 0, s, -1, NULL, 0) : 0;
	LPWSTR w = n ? HeapAlloc(GetProcessHeap(), 0, (SIZE_T)n * sizeof(WCHAR)) : NULL;

	if (w)
		MultiByteToWideChar(CP_OEMCP, 0, s, -1, w, n);
	return w;
}

void __vados_startup_init(void *record)
{
	struct vados_startup *r = record;

	if (!r)
		return;
	startup = r->info;
	if (startup.lpDesktop)
		startup.lpDesktop = (char *)r + (uintptr_t)startup.lpDesktop;
	if (startup.lpTitle)
		startup.lpTitle = (char *)r + (uintptr_t)startup.lpTitle;
	if (startup.dwFlags & STARTF_USESTDHANDLES) {  /* GetStdHandle's from now */
		SetStdHandle(STD_INPUT_HANDLE, startup.hStdInput);
		SetStdHandle(STD_OUTPUT_HANDLE, startup.hStdOutput);
		SetStdHandle(STD_ERROR_HANDLE, startup.hStdError);
	}
	wide_desktop = widened(startup.lpDesktop);
	wide_title = widened(startup.lpTitle);
}

/* What the creator's lpStartupInfo said (process_api.c's record: no
 * reserved fields; the standard handles with STARTF_USESTDHANDLES); a
 * process the kernel started sees an empty one, cb set. The strings stay
 * for the life of the process. */
VOID WINAPI GetStartupInfoA(LPSTARTUPINFOA lpStartupInfo)
{
	*lpStartupInfo = startup;
}

/* As GetStartupInfoA, for the W structure (the strings widened at start). */
VOID WINAPI GetStartupInfoW(LPSTARTUPINFOW lpStartupInfo)
{
	memcpy(lpStartupInfo, &startup, sizeof(*lpStartupInfo));
	lpStartupInfo->lpDesktop = wide_desktop;
	lpStartupInfo->lpTitle = wide_title;
}

/* Copies the n + 1 characters of s (ASCII, its NUL included) into buffer,
 * as bytes or (wide) WCHARs; FALSE with ERROR_NOACCESS when buffer cannot
 * take them. */
static BOOL text_out(const char *s, DWORD n, void *buffer, BOOL wide)
{
	if (IsBadWritePtr(buffer, (n + 1) * (wide ? sizeof(WCHAR) : 1))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	for (DWORD i = 0; i <= n; i++)
		if (wide)
			((WCHAR *)buffer)[i] = (WCHAR)s[i];
		else
			((char *)buffer)[i] = s[i];
	return TRUE;
}

/* Copies name (length n) into the caller's buffer of *size characters:
 * TRUE and *size = n when it fits with its NUL, else FALSE with error and
 * *size = n + 1 (with_nul: the sizes count the NUL both ways, as
 * GetUserName's do). ERROR_INVALID_PARAMETER for a NULL size. */
static BOOL name_out(const char *name, void *buffer, LPDWORD size, DWORD error, BOOL with_nul,
		     BOOL wide)
{
	DWORD n = (DWORD)strlen(name);

	if (!size) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (*size < n + 1 || !buffer) {
		*size = n + 1;
		SetLastError(error);
		return FALSE;
	}
	if (!text_out(name, n, buffer, wide))
		return FALSE;
	*size = with_nul ? n + 1 : n;
	return TRUE;
}

/* Too small a buffer: ERROR_BUFFER_OVERFLOW, *nSize = the size needed
 * (with the NUL); success: *nSize = the length (without). */
BOOL WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize)
{
	return name_out(COMPUTER_NAME, lpBuffer, nSize, ERROR_BUFFER_OVERFLOW, FALSE, FALSE);
}

BOOL WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize)
{
	return name_out(COMPUTER_NAME, lpBuffer, nSize, ERROR_BUFFER_OVERFLOW, FALSE, TRUE);
}

/* Too small a buffer: ERROR_INSUFFICIENT_BUFFER; *pcbBuffer counts the NUL
 * either way. */
BOOL WINAPI GetUserNameA(LPSTR lpBuffer, LPDWORD pcbBuffer)
{
	return name_out(USER_NAME, lpBuffer, pcbBuffer, ERROR_INSUFFICIENT_BUFFER, TRUE, FALSE);
}

BOOL WINAPI GetUserNameW(LPWSTR lpBuffer, LPDWORD pcbBuffer)
{
	return name_out(USER_NAME, lpBuffer, pcbBuffer, ERROR_INSUFFICIENT_BUFFER, TRUE, TRUE);
}

/* The directory calls' contract: the length copied (without the NUL), or
 * when uSize cannot hold it and its NUL the size needed (with it), the
 * buffer untouched. */
static UINT directory_out(const char *path, void *buffer, UINT size, BOOL wide)
{
	UINT n = (UINT)strlen(path);

	if (size < n + 1 || !buffer)
		return n + 1;
	return text_out(path, n, buffer, wide) ? n : 0;
}

UINT WINAPI GetSystemDirectoryA(LPSTR lpBuffer, UINT uSize)
{
	return directory_out(SYSTEM_DIRECTORY, lpBuffer, uSize, FALSE);
}

UINT WINAPI GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize)
{
	return directory_out(SYSTEM_DIRECTORY, lpBuffer, uSize, TRUE);
}

UINT WINAPI GetWindowsDirectoryA(LPSTR lpBuffer, UINT uSize)
{
	return directory_out(WINDOWS_DIRECTORY, lpBuffer, uSize, FALSE);
}

UINT WINAPI GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize)
{
	return directory_out(WINDOWS_DIRECTORY, lpBuffer, uSize, TRUE);
}

/* One user, no Terminal Services: the same directory. */
UINT WINAPI GetSystemWindowsDirectoryA(LPSTR lpBuffer, UINT uSize)
{
	return directory_out(WINDOWS_DIRECTORY, lpBuffer, uSize, FALSE);
}

UINT WINAPI GetSystemWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize)
{
	return directory_out(WINDOWS_DIRECTORY, lpBuffer, uSize, TRUE);
}
