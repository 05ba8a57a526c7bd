/* The W calls' conversions; see user/lib/wide_arg.h. */
#include "user/lib/wide_arg.h"
#include "kernel/rtl/codepage.h"

BOOL wide_arg(LPCWSTR w, char **out)
{
	DWORD n = 0;

	*out = NULL;
	if (!w)
		return TRUE;
	if (IsBadStringPtrW(w, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	while (w[n])
		n++;
	if (!(*out = HeapAlloc(GetProcessHeap(), 0, n + 1))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	for (DWORD i = 0; i <= n; i++) {
		uint8_t c = cp437_from_unicode(w[i]);

		if (!c && w[i]) {
			HeapFree(GetProcessHeap(), 0, *out);
			*out = NULL;
			SetLastError(ERROR_INVALID_NAME);
			return FALSE;
		}
		(*out)[i] = (char)c;
	}
	return TRUE;
}

void wide_free(char *a)
{
	DWORD error = GetLastError();

	if (a)
		HeapFree(GetProcessHeap(), 0, a);
	SetLastError(error);
}

BOOL wide_scratch(LPWSTR w, DWORD n, char **out)
{
	*out = NULL;
	if (!w || !n)
		return TRUE;
	if (n > 0x7FFFFFFF / sizeof(WCHAR) || IsBadWritePtr(w, n * sizeof(WCHAR))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!(*out = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, n))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	return TRUE;
}

void wide_widen(const char *a, LPWSTR w, DWORD n)
{
	for (DWORD i = 0; i < n; i++)
		if (!(w[i] = cp437_to_unicode((uint8_t)a[i])))
			break;
}

void wide_narrow_lossy(LPCWSTR w, DWORD n, char *a)
{
	for (DWORD i = 0; i < n; i++) {
		uint8_t c = cp437_from_unicode(w[i]);

		a[i] = (char)(c || !w[i] ? c : '?');
	}
}
