/* What the NLS calls (user/lib/nls_*.c) share: locale resolution, the
 * locale table, and the size rules for what they return. */
#ifndef USER_LIB_NLS_H
#define USER_LIB_NLS_H

#include <windows.h>

/* en-US (0x0409) or LOCALE_INVARIANT for an LCID or name the calls take;
 * 0 for one they do not. */
LCID nls_resolve_lcid(LCID lcid);
LCID nls_resolve_name(LPCWSTR name, DWORD flags);
/* The locale's text for type (its flags ignored), *number_base 10 or 16
 * for a LOCALE_I* number, else 0; NULL for an unknown type. */
const WCHAR *nls_locale_value(LCID lcid, LCTYPE type, int *number_base);
/* GetLocaleInfo's checks and LOCALE_RETURN_NUMBER (unit: the caller's
 * character size); -1 when the caller is to copy the text. */
int nls_locale_info(LCID lcid, LCTYPE LCType, LPWSTR out, int room, int unit);

/* SetLastError(error); 0. */
int nls_fail(DWORD error);
/* s with its NUL into out as the calls' size rules say (room 0: the size). */
int nls_put_string(LPCWSTR s, LPWSTR out, int room);
/* s[0..n) (n -1: with its NUL) into out in CP_ACP under the same rules;
 * the bytes it takes. */
int nls_put_ansi(LPCWSTR s, int n, LPSTR out, int room);
/* A CP_ACP string (n < 0: to its NUL, the NUL included when with_nul) as a
 * HeapAlloc'd UTF-16 copy, NUL-ended; *len its units without that NUL.
 * NULL (last error set) when it cannot be made. */
LPWSTR nls_wide(LPCSTR s, int n, BOOL with_nul, int *len);
void nls_free(LPVOID p);
/* A W mapping (LCMapString's, FoldString's: the units written into out,
 * or with room 0 the size) run on src[0..n), its result given back in
 * CP_ACP by nls_put_ansi's rules. */
typedef int (*nls_map_fn)(DWORD flags, LPCWSTR src, int n, LPWSTR out, int room);
int nls_map_to_ansi(nls_map_fn map, DWORD flags, LPCWSTR src, int n, LPSTR out, int room);

#endif
