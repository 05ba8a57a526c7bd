/* user32's calls on strings (user/lib/user32.c): wsprintf and the Char*
 * case calls, as a console program uses them. The A forms treat text in
 * the ANSI code page (CP437 here) and change the case of ASCII letters;
 * the W forms follow towupper/towlower. */
#ifndef _VADOS_WINUSER_H
#define _VADOS_WINUSER_H

#define WSPRINTF_MAX 1024               /* wsprintf writes at most this, NUL included */

/* printf's conversions into lpOut, at most 1024 characters with the NUL;
 * the characters written, NUL not counted (the W forms: vados/winwide.h). */
int WINAPIV wsprintfA(LPSTR lpOut, LPCSTR lpFmt, ...);
int WINAPI wvsprintfA(LPSTR lpOut, LPCSTR lpFmt, va_list arglist);
/* A string changed in place (its pointer returned), or, when the pointer's
 * high word is 0, the character in its low word changed and returned. */
WINAPI LPSTR CharUpperA(LPSTR lpsz);
WINAPI LPWSTR CharUpperW(LPWSTR lpsz);
WINAPI LPSTR CharLowerA(LPSTR lpsz);
WINAPI LPWSTR CharLowerW(LPWSTR lpsz);
/* cchLength characters changed in place: how many. */
WINAPI DWORD CharUpperBuffA(LPSTR lpsz, DWORD cchLength);
WINAPI DWORD CharUpperBuffW(LPWSTR lpsz, DWORD cchLength);
WINAPI DWORD CharLowerBuffA(LPSTR lpsz, DWORD cchLength);
WINAPI DWORD CharLowerBuffW(LPWSTR lpsz, DWORD cchLength);
WINAPI BOOL IsCharAlphaA(CHAR ch);
WINAPI BOOL IsCharAlphaW(WCHAR ch);
WINAPI BOOL IsCharAlphaNumericA(CHAR ch);
WINAPI BOOL IsCharAlphaNumericW(WCHAR ch);
WINAPI BOOL IsCharUpperA(CHAR ch);
WINAPI BOOL IsCharUpperW(WCHAR ch);
WINAPI BOOL IsCharLowerA(CHAR ch);
WINAPI BOOL IsCharLowerW(WCHAR ch);

#ifdef UNICODE
#define CharUpper     CharUpperW
#define CharLower     CharLowerW
#define CharUpperBuff CharUpperBuffW
#define CharLowerBuff CharLowerBuffW
#define IsCharAlpha   IsCharAlphaW
#define IsCharAlphaNumeric IsCharAlphaNumericW
#define IsCharUpper   IsCharUpperW
#define IsCharLower   IsCharLowerW
#else
#define wsprintf      wsprintfA
#define wvsprintf     wvsprintfA
#define CharUpper     CharUpperA
#define CharLower     CharLowerA
#define CharUpperBuff CharUpperBuffA
#define CharLowerBuff CharLowerBuffA
#define IsCharAlpha   IsCharAlphaA
#define IsCharAlphaNumeric IsCharAlphaNumericA
#define IsCharUpper   IsCharUpperA
#define IsCharLower   IsCharLowerA
#endif

#endif
