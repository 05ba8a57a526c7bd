/* The lstr* string calls (<windows.h>, vados/winmisc.h). Windows runs them
 * under an exception handler, so a bad pointer fails quietly instead of
 * faulting: here the pointers are checked first (IsBadStringPtrA,
 * IsBadWritePtr). lstrcmp(i)A sort as Windows' word sort does ASCII text. */
#include <windows.h>
#include <string.h>

/* 0 for NULL or an unreadable string. */
int WINAPI lstrlenA(LPCSTR lpString)
{
	if (!lpString || IsBadStringPtrA(lpString, (UINT_PTR)-1))
		return 0;
	return (int)strlen(lpString);
}

/* NULL when either string cannot be read or the copy cannot be written. */
LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2)
{
	size_t n;

	if (!lpString1 || !lpString2 || IsBadStringPtrA(lpString2, (UINT_PTR)-1))
		return NULL;
	n = strlen(lpString2) + 1;
	if (IsBadWritePtr(lpString1, n))
		return NULL;
	return memmove(lpString1, lpString2, n);
}

/* At most iMaxLength - 1 characters and always a NUL (iMaxLength > 0);
 * iMaxLength 0 copies nothing and returns lpString1. */
LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength)
{
	size_t n = 0;

	if (iMaxLength <= 0)
		return lpString1;
	if (!lpString1 || !lpString2 || IsBadStringPtrA(lpString2, (UINT_PTR)iMaxLength - 1))
		return NULL;
	while (n < (size_t)iMaxLength - 1 && lpString2[n])
		n++;
	if (IsBadWritePtr(lpString1, n + 1))
		return NULL;
	memmove(lpString1, lpString2, n);
	lpString1[n] = '\0';
	return lpString1;
}

LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2)
{
	size_t n;

	if (!lpString1 || !lpString2 || IsBadStringPtrA(lpString1, (UINT_PTR)-1) ||
	    IsBadStringPtrA(lpString2, (UINT_PTR)-1))
		return NULL;
	n = strlen(lpString1);
	if (!lstrcpyA(lpString1 + n, lpString2))
		return NULL;
	return lpString1;
}

/* A character's place in the word sort's first pass: symbols, then
 * digits, then letters without regard to case; other bytes last. */
static unsigned primary(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return 0x300 + (c - 'a');
	if (c >= 'A' && c <= 'Z')
		return 0x300 + (c - 'A');
	if (c >= '0' && c <= '9')
		return 0x200 + (c - '0');
	return c < 0x80 ? 0x100 + c : 0x400 + c;
}

/* The word sort (CompareStringA without SORT_STRINGSORT) for the "C"
 * locale's text: first the characters' primary places, hyphens and
 * apostrophes ignored; then case, lowercase first (lstrcmpA only); then
 * the ignored characters (a string with them comes after). -1, 0 or 1;
 * NULL sorts first. */
static int word_compare(LPCSTR a, LPCSTR b, BOOL with_case)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	int case_order = 0;

	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	for (;;) {
		while (*x == '-' || *x == '\'')
			x++;
		while (*y == '-' || *y == '\'')
			y++;
		if (!*x || !*y)
			break;
		if (primary(*x) != primary(*y))
			return primary(*x) < primary(*y) ? -1 : 1;
		if (!case_order && *x != *y)
			case_order = *x > *y ? -1 : 1;  /* 'a' (0x61) before 'A' (0x41) */
		x++, y++;
	}
	if (*x || *y)
		return *x ? 1 : -1;
	if (with_case && case_order)
		return case_order;
	x = (const unsigned char *)a, y = (const unsigned char *)b;
	for (; *x && primary(*x) == primary(*y); x++, y++)
		;
	if (!*x && !*y)
		return 0;
	return *x == '-' || *x == '\'' ? 1 : -1;
}

int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2)
{
	return word_compare(lpString1, lpString2, TRUE);
}

int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2)
{
	return word_compare(lpString1, lpString2, FALSE);
}
