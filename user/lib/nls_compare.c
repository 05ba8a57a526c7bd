/* Comparing strings (vados/winnls.h): CompareStringA/W/Ex and lstrcmp(i)A/W
 * over the linguistic sort (user/lib/nls_sort.c). */
#include <wchar.h>
#include <windows.h>
#include "user/lib/nls.h"
#include "user/lib/nls_sort.h"

#define COMPARE_FLAGS (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS |        \
		       SORT_DIGITSASNUMBERS | LINGUISTIC_IGNORECASE |                        \
		       LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT | NORM_IGNOREKANATYPE |  \
		       NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING | LOCALE_USE_CP_ACP)

/* The checks every form shares, then the comparison (lengths below 0:
 * to the NUL). */
static int compare(LCID lcid, DWORD flags, LPCWSTR a, int na, LPCWSTR b, int nb)
{
	int r;

	if (!a || !b)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (flags & ~(DWORD)COMPARE_FLAGS)
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (na < 0)
		na = (int)wcslen(a);
	if (nb < 0)
		nb = (int)wcslen(b);
	r = nls_sort_compare((const uint16_t *)a, na, (const uint16_t *)b, nb,
			     flags & ~(DWORD)LOCALE_USE_CP_ACP);
	if (r == -2)
		return nls_fail(ERROR_NOT_ENOUGH_MEMORY);
	return CSTR_EQUAL + r;
}

int WINAPI CompareStringW(LCID Locale, DWORD dwCmpFlags, PCNZWCH lpString1, int cchCount1,
			  PCNZWCH lpString2, int cchCount2)
{
	return compare(nls_resolve_lcid(Locale), dwCmpFlags, lpString1, cchCount1, lpString2,
		       cchCount2);
}

int WINAPI CompareStringEx(LPCWSTR lpLocaleName, DWORD dwCmpFlags, LPCWCH lpString1,
			   int cchCount1, LPCWCH lpString2, int cchCount2,
			   LPNLSVERSIONINFO lpVersionInformation, LPVOID lpReserved,
			   LPARAM sortHandle)
{
	(void)lpVersionInformation, (void)lpReserved, (void)sortHandle;   /* reserved */
	return compare(nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES), dwCmpFlags,
		       lpString1, cchCount1, lpString2, cchCount2);
}

int WINAPI CompareStringA(LCID Locale, DWORD dwCmpFlags, PCNZCH lpString1, int cchCount1,
			  PCNZCH lpString2, int cchCount2)
{
	LPWSTR a, b = NULL;
	int na, nb, r = 0;

	if (!lpString1 || !lpString2)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (dwCmpFlags & SORT_DIGITSASNUMBERS)  /* the W forms' alone */
		return nls_fail(ERROR_INVALID_FLAGS);
	a = nls_wide(lpString1, cchCount1, FALSE, &na);
	if (a)
		b = nls_wide(lpString2, cchCount2, FALSE, &nb);
	if (b)
		r = compare(nls_resolve_lcid(Locale), dwCmpFlags, a, na, b, nb);
	nls_free(a);
	nls_free(b);
	return r;
}

/* lstrcmp's answer: CompareString's less one (-1, 0, 1); NULL first. */
static int lstr_order(LPCWSTR a, LPCWSTR b, DWORD flags)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return compare(GetThreadLocale(), flags, a, -1, b, -1) - CSTR_EQUAL;
}

/* An unreadable string counts as NULL (Windows catches the fault). */
static int lstr_order_a(LPCSTR a, LPCSTR b, DWORD flags)
{
	BOOL no_a = !a || IsBadStringPtrA(a, (UINT_PTR)-1);
	BOOL no_b = !b || IsBadStringPtrA(b, (UINT_PTR)-1);

	if (no_a || no_b)
		return no_a ? (no_b ? 0 : -1) : 1;
	return CompareStringA(GetThreadLocale(), flags, a, -1, b, -1) - CSTR_EQUAL;
}

int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	return lstr_order(lpString1, lpString2, 0);
}

int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	return lstr_order(lpString1, lpString2, NORM_IGNORECASE);
}

int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2)
{
	return lstr_order_a(lpString1, lpString2, 0);
}

int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2)
{
	return lstr_order_a(lpString1, lpString2, NORM_IGNORECASE);
}
