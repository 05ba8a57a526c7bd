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

/* user32's waits (user/lib/user32_wait.c). vados programs have no message
 * queue: no QS_ input ever arrives, so MsgWaitForMultipleObjects(Ex) never
 * returns WAIT_OBJECT_0 + nCount, and with MWMO_WAITALL (all handles and
 * input) runs to its timeout; WaitForInputIdle returns 0 at once, as for a
 * console process. */
#define QS_KEY            0x0001
#define QS_MOUSEMOVE      0x0002
#define QS_MOUSEBUTTON    0x0004
#define QS_POSTMESSAGE    0x0008
#define QS_TIMER          0x0010
#define QS_PAINT          0x0020
#define QS_SENDMESSAGE    0x0040
#define QS_HOTKEY         0x0080
#define QS_ALLPOSTMESSAGE 0x0100
#define QS_RAWINPUT       0x0400
#define QS_TOUCH          0x0800
#define QS_POINTER        0x1000
#define QS_MOUSE          (QS_MOUSEMOVE | QS_MOUSEBUTTON)
#define QS_INPUT          (QS_MOUSE | QS_KEY | QS_RAWINPUT | QS_TOUCH | QS_POINTER)
#define QS_ALLEVENTS      (QS_INPUT | QS_POSTMESSAGE | QS_TIMER | QS_PAINT | QS_HOTKEY)
#define QS_ALLINPUT       (QS_ALLEVENTS | QS_SENDMESSAGE)
#define MWMO_WAITALL        0x0001
#define MWMO_ALERTABLE      0x0002
#define MWMO_INPUTAVAILABLE 0x0004
WINAPI DWORD MsgWaitForMultipleObjects(DWORD nCount, const HANDLE *pHandles, BOOL fWaitAll,
				       DWORD dwMilliseconds, DWORD dwWakeMask);
WINAPI DWORD MsgWaitForMultipleObjectsEx(DWORD nCount, const HANDLE *pHandles,
					 DWORD dwMilliseconds, DWORD dwWakeMask, DWORD dwFlags);
WINAPI DWORD WaitForInputIdle(HANDLE hProcess, DWORD dwMilliseconds);

#endif
