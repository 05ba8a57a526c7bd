/* The lstr* string calls (<windows.h>, vados/winmisc.h). Windows runs them
 * under an exception handler, so a bad pointer fails quietly instead of
 * faulting: here the pointers are checked first (IsBadStringPtrA,
 * IsBadWritePtr). lstrcmp(i)A are in user/lib/nls_compare.c. */
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
