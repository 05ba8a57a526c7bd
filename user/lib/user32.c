/* user32's string calls (vados/winuser.h): wsprintfA over the C runtime's
 * formatting, cut at 1024 characters as Windows' is (wsprintfW:
 * wide_printf.c); the case calls. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <windows.h>

int WINAPI wvsprintfA(LPSTR lpOut, LPCSTR lpFmt, va_list arglist)
{
	int n = vsnprintf(lpOut, WSPRINTF_MAX, lpFmt, arglist);

	return n < 0 ? -1 : n < WSPRINTF_MAX ? n : WSPRINTF_MAX - 1;
}

int WINAPIV wsprintfA(LPSTR lpOut, LPCSTR lpFmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, lpFmt);
	n = wvsprintfA(lpOut, lpFmt, ap);
	va_end(ap);
	return n;
}

/* ASCII letters only: the rest of the ANSI code page keeps its case. */
static char ansi_case(char c, BOOL upper)
{
	return (char)(upper ? toupper((unsigned char)c) : tolower((unsigned char)c));
}

static WCHAR wide_case(WCHAR c, BOOL upper)
{
	return (WCHAR)(upper ? towupper(c) : towlower(c));
}

static DWORD case_buff_a(LPSTR s, DWORD n, BOOL upper)
{
	for (DWORD i = 0; i < n; i++)
		s[i] = ansi_case(s[i], upper);
	return n;
}

static DWORD case_buff_w(LPWSTR s, DWORD n, BOOL upper)
{
	for (DWORD i = 0; i < n; i++)
		s[i] = wide_case(s[i], upper);
	return n;
}

/* A string in place, or the one character in the pointer's low word. */
static LPSTR char_case_a(LPSTR s, BOOL upper)
{
	if (!((UINT_PTR)s >> 16))
		return (LPSTR)(UINT_PTR)(BYTE)ansi_case((char)(UINT_PTR)s, upper);
	case_buff_a(s, (DWORD)strlen(s), upper);
	return s;
}

static LPWSTR char_case_w(LPWSTR s, BOOL upper)
{
	if (!((UINT_PTR)s >> 16))
		return (LPWSTR)(UINT_PTR)wide_case((WCHAR)(UINT_PTR)s, upper);
	case_buff_w(s, (DWORD)wcslen(s), upper);
	return s;
}

LPSTR WINAPI CharUpperA(LPSTR lpsz) { return char_case_a(lpsz, TRUE); }
LPSTR WINAPI CharLowerA(LPSTR lpsz) { return char_case_a(lpsz, FALSE); }
LPWSTR WINAPI CharUpperW(LPWSTR lpsz) { return char_case_w(lpsz, TRUE); }
LPWSTR WINAPI CharLowerW(LPWSTR lpsz) { return char_case_w(lpsz, FALSE); }

DWORD WINAPI CharUpperBuffA(LPSTR lpsz, DWORD cchLength) { return case_buff_a(lpsz, cchLength, TRUE); }
DWORD WINAPI CharLowerBuffA(LPSTR lpsz, DWORD cchLength) { return case_buff_a(lpsz, cchLength, FALSE); }
DWORD WINAPI CharUpperBuffW(LPWSTR lpsz, DWORD cchLength) { return case_buff_w(lpsz, cchLength, TRUE); }
DWORD WINAPI CharLowerBuffW(LPWSTR lpsz, DWORD cchLength) { return case_buff_w(lpsz, cchLength, FALSE); }

BOOL WINAPI IsCharAlphaA(CHAR ch) { return isalpha((unsigned char)ch) != 0; }
BOOL WINAPI IsCharAlphaW(WCHAR ch) { return iswalpha(ch) != 0; }
BOOL WINAPI IsCharAlphaNumericA(CHAR ch) { return isalnum((unsigned char)ch) != 0; }
BOOL WINAPI IsCharAlphaNumericW(WCHAR ch) { return iswalnum(ch) != 0; }
BOOL WINAPI IsCharUpperA(CHAR ch) { return isupper((unsigned char)ch) != 0; }
BOOL WINAPI IsCharUpperW(WCHAR ch) { return iswupper(ch) != 0; }
BOOL WINAPI IsCharLowerA(CHAR ch) { return islower((unsigned char)ch) != 0; }
BOOL WINAPI IsCharLowerW(WCHAR ch) { return iswlower(ch) != 0; }
