/* The NLS calls' shared text handling (user/lib/nls.h): failing, the size
 * rules for returned strings, and the A calls' conversions. */
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "user/lib/nls.h"

int nls_fail(DWORD error)
{
	SetLastError(error);
	return 0;
}

int nls_put_string(LPCWSTR s, LPWSTR out, int room)
{
	int n = (int)wcslen(s) + 1;

	if (room < 0 || (room && !out))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (!room)
		return n;
	if (room < n)
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	memcpy(out, s, n * sizeof(WCHAR));
	return n;
}

int nls_put_ansi(LPCWSTR s, int n, LPSTR out, int room)
{
	int need;

	if (room < 0 || (room && !out))
		return nls_fail(ERROR_INVALID_PARAMETER);
	need = WideCharToMultiByte(CP_ACP, 0, s, n, NULL, 0, NULL, NULL);
	if (!room || !need)
		return need;
	if (room < need)
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	return WideCharToMultiByte(CP_ACP, 0, s, n, out, room, NULL, NULL);
}

LPWSTR nls_wide(LPCSTR s, int n, BOOL with_nul, int *len)
{
	int units;
	LPWSTR w;

	if (n < 0)
		n = (int)strlen(s) + (with_nul ? 1 : 0);
	units = n ? MultiByteToWideChar(CP_ACP, 0, s, n, NULL, 0) : 0;
	if (n && !units)
		return NULL;
	w = HeapAlloc(GetProcessHeap(), 0, (units + 1) * sizeof(WCHAR));
	if (!w) {
		nls_fail(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (units)
		MultiByteToWideChar(CP_ACP, 0, s, n, w, units);
	w[units] = 0;
	*len = units;
	return w;
}

void nls_free(LPVOID p)
{
	if (p)
		HeapFree(GetProcessHeap(), 0, p);
}

int nls_map_to_ansi(nls_map_fn map, DWORD flags, LPCWSTR src, int n, LPSTR out, int room)
{
	int len = map(flags, src, n, NULL, 0), r;
	LPWSTR mapped;

	if (len <= 0)
		return 0;
	mapped = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR));
	if (!mapped)
		return nls_fail(ERROR_NOT_ENOUGH_MEMORY);
	map(flags, src, n, mapped, len);
	r = nls_put_ansi(mapped, len, out, room);
	nls_free(mapped);
	return r;
}
