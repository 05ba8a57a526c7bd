/* The W forms of the environment calls, over the A forms' block
 * (user/lib/environ.c) in CP437: one UTF-16 unit per byte, so the A
 * forms' counts are the W forms' in WCHARs. */
#include "user/lib/wide_arg.h"

/* The value and its length, or the size it needs (NUL included); 0 with
 * ERROR_ENVVAR_NOT_FOUND for a name the block lacks. */
DWORD WINAPI GetEnvironmentVariableW(LPCWSTR lpName, LPWSTR lpBuffer, DWORD nSize)
{
	char *name, *a = NULL;
	DWORD n = 0;

	if (wide_arg(lpName, &name) && wide_scratch(lpBuffer, nSize, &a)) {
		n = GetEnvironmentVariableA(name, a, nSize);
		if (n && n < nSize)
			wide_widen(a, lpBuffer, n + 1);
	}
	wide_free(name);
	wide_free(a);
	return n;
}

/* A name or value with a character CP437 lacks: ERROR_INVALID_NAME. */
BOOL WINAPI SetEnvironmentVariableW(LPCWSTR lpName, LPCWSTR lpValue)
{
	char *name, *value = NULL;
	BOOL ok = FALSE;

	if (wide_arg(lpName, &name) && wide_arg(lpValue, &value))
		ok = SetEnvironmentVariableA(name, value);
	wide_free(name);
	wide_free(value);
	return ok;
}

LPWCH WINAPI GetEnvironmentStringsW(VOID)
{
	LPCH a = GetEnvironmentStringsA();
	DWORD n = 0;
	LPWCH w;

	if (!a)
		return NULL;
	while (a[n])
		while (a[n++])
			;
	if ((w = HeapAlloc(GetProcessHeap(), 0, (n + 1) * sizeof(WCHAR))) != NULL)
		for (DWORD i = 0; i <= n; i += lstrlenW(w + i) + 1)
			wide_widen(a + i, w + i, n + 1 - i);
	else
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	FreeEnvironmentStringsA(a);
	return w;
}

BOOL WINAPI FreeEnvironmentStringsW(LPWCH penv)
{
	return HeapFree(GetProcessHeap(), 0, penv);
}

/* The WCHARs the expansion needs, its NUL included; written only when
 * nSize holds them all. */
DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize)
{
	char *src, *a = NULL;
	DWORD n = 0;

	if (wide_arg(lpSrc, &src) && wide_scratch(lpDst, nSize, &a)) {
		n = ExpandEnvironmentStringsA(src, a, nSize);
		if (n && n <= nSize)
			wide_widen(a, lpDst, n);
	}
	wide_free(src);
	wide_free(a);
	return n;
}
