/* lstr*W (Windows' winbase.h string calls; lstrcmp(i)W are in
 * user/lib/nls_compare.c), IsBadStringPtrW and CompareStringOrdinal. */
#include <wchar.h>
#include <windows.h>

#define PAGE 4096u

int WINAPI lstrlenW(LPCWSTR lpString)
{
	return lpString ? (int)wcslen(lpString) : 0;
}

LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2)
{
	return wcscpy(lpString1, lpString2);
}

LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength)
{
	int i = 0;

	if (iMaxLength <= 0)
		return lpString1;
	for (; i < iMaxLength - 1 && lpString2[i]; i++)
		lpString1[i] = lpString2[i];
	lpString1[i] = 0;
	return lpString1;
}

LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2)
{
	return wcscat(lpString1, lpString2);
}

/* Reads up to ucchMax characters, stopping after the NUL; each page is
 * checked with IsBadReadPtr before its first character is read. */
BOOL WINAPI IsBadStringPtrW(LPCWSTR lpsz, UINT_PTR ucchMax)
{
	for (UINT_PTR i = 0; i < ucchMax; i++) {
		UINT_PTR at = (UINT_PTR)(lpsz + i);

		if (at < (UINT_PTR)lpsz)
			return TRUE;
		if ((i == 0 || at % PAGE == 0 || at % PAGE == PAGE - 1) &&
		    IsBadReadPtr(lpsz + i, sizeof(WCHAR)))
			return TRUE;
		if (!lpsz[i])
			break;
	}
	return FALSE;
}

int WINAPI CompareStringOrdinal(LPCWCH lpString1, int cchCount1, LPCWCH lpString2,
				int cchCount2, BOOL bIgnoreCase)
{
	if (!lpString1 || !lpString2 || cchCount1 < -1 || cchCount2 < -1) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (cchCount1 == -1)
		cchCount1 = (int)wcslen(lpString1);
	if (cchCount2 == -1)
		cchCount2 = (int)wcslen(lpString2);
	for (int i = 0; i < cchCount1 && i < cchCount2; i++) {
		wint_t a = bIgnoreCase ? towupper(lpString1[i]) : lpString1[i];
		wint_t b = bIgnoreCase ? towupper(lpString2[i]) : lpString2[i];

		if (a != b)
			return a < b ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
	}
	return cchCount1 < cchCount2 ? CSTR_LESS_THAN
	     : cchCount1 > cchCount2 ? CSTR_GREATER_THAN : CSTR_EQUAL;
}
