/* lstr*W (Windows' winbase.h string calls), IsBadStringPtrW and
 * CompareStringOrdinal. */
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

/* A character's rank in the word sort's first pass: symbols, then digits,
 * then letters regardless of case (ASCII ones in alphabetical order, others
 * after them by their lower case), then everything else. */
static unsigned long rank(wchar_t c)
{
	wint_t lower = towlower(c);

	if (lower >= L'a' && lower <= L'z')
		return 0x30000 + lower;
	if (c >= L'0' && c <= L'9')
		return 0x20000 + c;
	if (c < 0x80)
		return 0x10000 + c;
	return iswalpha(c) ? 0x40000 + lower : 0x50000 + c;
}

static int ignored(wchar_t c)
{
	return c == L'-' || c == L'\'';
}

/* The word sort (CompareStringW without SORT_STRINGSORT), as lstrcmpA
 * sorts: ranks first with hyphens and apostrophes ignored, then case (a
 * lower-case letter first; lstrcmpW only), then the ignored characters (a
 * string with them after). -1, 0 or 1; NULL sorts first. */
static int word_compare(LPCWSTR a, LPCWSTR b, BOOL with_case)
{
	LPCWSTR x = a, y = b;
	int case_order = 0;

	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	for (;; x++, y++) {
		while (ignored(*x))
			x++;
		while (ignored(*y))
			y++;
		if (!*x || !*y)
			break;
		if (rank(*x) != rank(*y))
			return rank(*x) < rank(*y) ? -1 : 1;
		if (!case_order && *x != *y)
			case_order = iswlower(*x) ? -1 : 1;
	}
	if (*x || *y)
		return *x ? 1 : -1;
	if (with_case && case_order)
		return case_order;
	for (x = a, y = b; *x && rank(*x) == rank(*y); x++, y++)
		;
	if (!*x && !*y)
		return 0;
	return ignored(*x) ? 1 : -1;
}

int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	return word_compare(lpString1, lpString2, TRUE);
}

int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	return word_compare(lpString1, lpString2, FALSE);
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
