/* Mapping strings (vados/winnls.h): LCMapStringA/W/Ex (case, width, byte
 * order, sort keys), FoldStringA/W and GetStringTypeA/W/ExA/ExW. */
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <windows.h>
#include "user/lib/nls.h"
#include "user/lib/nls_sort.h"

#define NORM_FLAGS (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS |           \
		    SORT_DIGITSASNUMBERS | LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC | \
		    SORT_STRINGSORT | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH |             \
		    NORM_LINGUISTIC_CASING)
#define MAP_FLAGS (LCMAP_TITLECASE | LCMAP_SORTKEY | LCMAP_BYTEREV | LCMAP_HIRAGANA |      \
		   LCMAP_KATAKANA | LCMAP_HALFWIDTH | LCMAP_FULLWIDTH | LCMAP_LINGUISTIC_CASING | \
		   LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE)

static BOOL is_mark(WCHAR c)
{
	return c >= 0x300 && c < 0x370;
}

/* What NORM_IGNORESYMBOLS drops: punctuation, signs, white space and
 * controls (the NUL a -1 length counts stays). */
static BOOL is_symbol(WCHAR c)
{
	if (!c)
		return FALSE;
	if (c < 0x80)
		return !iswalnum(c);
	return (c < 0xC0 && c != 0xAA && c != 0xB2 && c != 0xB3 && c != 0xB5 && c != 0xB9 &&
		c != 0xBA) || c == 0xD7 || c == 0xF7;
}

/* c as dwMapFlags' case and width mappings make it; title: the first
 * letter of a word. */
static WCHAR map_char(WCHAR c, DWORD flags, BOOL word_start)
{
	DWORD cases = flags & LCMAP_TITLECASE;

	if (cases == LCMAP_TITLECASE)
		c = word_start ? (WCHAR)towupper(c) : (WCHAR)towlower(c);
	else if (cases == LCMAP_UPPERCASE)
		c = (WCHAR)towupper(c);
	else if (cases == LCMAP_LOWERCASE)
		c = (WCHAR)towlower(c);
	if ((flags & LCMAP_HALFWIDTH) && c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;
	if ((flags & LCMAP_FULLWIDTH) && c >= 0x21 && c <= 0x7E)
		c += 0xFEE0;
	if (flags & LCMAP_BYTEREV)
		c = (WCHAR)(c << 8 | c >> 8);
	return c;
}

/* The checked core: src[0..n) (n counted) mapped into dst (room units; 0:
 * the size), or the sort key into (BYTE *)dst, room bytes. */
static int lcmap(DWORD flags, LPCWSTR src, int n, LPWSTR dst, int room)
{
	int out = 0;
	BOOL word_start = TRUE;
	uint16_t mark;

	if (flags & LCMAP_SORTKEY) {
		size_t len = nls_sort_key((const uint16_t *)src,
					  n && !src[n - 1] ? (size_t)n - 1 : (size_t)n,
					  flags & NORM_FLAGS, (unsigned char *)dst, (size_t)room);
		if (!len)
			return nls_fail(ERROR_NOT_ENOUGH_MEMORY);
		if (room && (size_t)room < len)
			return nls_fail(ERROR_INSUFFICIENT_BUFFER);
		return (int)len;
	}
	for (int i = 0; i < n; i++) {
		WCHAR c = src[i];

		if (((flags & NORM_IGNORENONSPACE) && is_mark(c)) ||
		    ((flags & NORM_IGNORESYMBOLS) && is_symbol(c)))
			continue;
		if ((flags & NORM_IGNORENONSPACE) && nls_latin1_base(c, &mark))
			c = nls_latin1_base(c, &mark);  /* the letter without its accent */
		if (room) {
			if (out >= room)
				return nls_fail(ERROR_INSUFFICIENT_BUFFER);
			dst[out] = map_char(c, flags, word_start);
		}
		out++;
		word_start = !iswalnum(c) && c != '\'';
	}
	return out;
}

/* The flag and argument checks LCMapString's forms share; TRUE when good.
 * NORM_IGNORENONSPACE and NORM_IGNORESYMBOLS go alone or with a sort key;
 * the kana, width and Chinese maps exclude their opposites. */
static BOOL lcmap_args(DWORD flags, const void *src, int n, const void *dst, int room)
{
	DWORD map = flags & MAP_FLAGS, kana = map & (LCMAP_HIRAGANA | LCMAP_KATAKANA);
	DWORD width = map & (LCMAP_HALFWIDTH | LCMAP_FULLWIDTH);
	DWORD chinese = map & (LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE);

	if (!src || !n || room < 0 || (room && !dst))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if ((flags & ~(DWORD)(MAP_FLAGS | NORM_FLAGS | LOCALE_USE_CP_ACP)) ||
	    !(flags & ~(DWORD)LOCALE_USE_CP_ACP) ||
	    ((map & LCMAP_SORTKEY) && (map & ~(DWORD)LCMAP_SORTKEY)) ||
	    kana == (LCMAP_HIRAGANA | LCMAP_KATAKANA) ||
	    width == (LCMAP_HALFWIDTH | LCMAP_FULLWIDTH) ||
	    chinese == (LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE) ||
	    (chinese && (kana || width)) ||
	    ((flags & (NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS)) && map &&
	     !(map & LCMAP_SORTKEY)) ||
	    (!(map & LCMAP_SORTKEY) && (flags & (SORT_STRINGSORT | SORT_DIGITSASNUMBERS))))
		return nls_fail(ERROR_INVALID_FLAGS);
	if ((map & LCMAP_SORTKEY) && room && src == dst)
		return nls_fail(ERROR_INVALID_PARAMETER);
	return TRUE;
}

static int lcmap_wide(LCID lcid, DWORD flags, LPCWSTR src, int n, LPWSTR dst, int room)
{
	if (!lcmap_args(flags, src, n, dst, room))
		return 0;
	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (n < 0)
		n = (int)wcslen(src) + 1;
	return lcmap(flags, src, n, dst, room);
}

int WINAPI LCMapStringW(LCID Locale, DWORD dwMapFlags, LPCWSTR lpSrcStr, int cchSrc,
			LPWSTR lpDestStr, int cchDest)
{
	return lcmap_wide(nls_resolve_lcid(Locale), dwMapFlags, lpSrcStr, cchSrc, lpDestStr,
			  cchDest);
}

/* The reserved arguments are ignored, as Windows does; an unknown name
 * fails only the maps that depend on a locale (case, sort keys). */
int WINAPI LCMapStringEx(LPCWSTR lpLocaleName, DWORD dwMapFlags, LPCWSTR lpSrcStr, int cchSrc,
			 LPWSTR lpDestStr, int cchDest, LPNLSVERSIONINFO lpVersionInformation,
			 LPVOID lpReserved, LPARAM sortHandle)
{
	LCID lcid = nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES);

	(void)lpVersionInformation, (void)lpReserved, (void)sortHandle;
	if (!(dwMapFlags & (LCMAP_TITLECASE | LCMAP_SORTKEY)))
		lcid = LOCALE_INVARIANT;
	return lcmap_wide(lcid, dwMapFlags, lpSrcStr, cchSrc, lpDestStr, cchDest);
}

/* The A form maps the UTF-16 copy and gives the result back in CP_ACP
 * (a sort key as it is); LCMAP_TITLECASE is the W forms' alone. */
int WINAPI LCMapStringA(LCID Locale, DWORD dwMapFlags, LPCSTR lpSrcStr, int cchSrc,
			LPSTR lpDestStr, int cchDest)
{
	LCID lcid = nls_resolve_lcid(Locale);
	LPWSTR w;
	int n, r;

	if (!lcmap_args(dwMapFlags, lpSrcStr, cchSrc, lpDestStr, cchDest))
		return 0;
	if ((dwMapFlags & LCMAP_TITLECASE) == LCMAP_TITLECASE)
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	w = nls_wide(lpSrcStr, cchSrc, TRUE, &n);
	if (!w)
		return 0;
	if (dwMapFlags & LCMAP_SORTKEY)
		r = lcmap(dwMapFlags, w, n, (LPWSTR)lpDestStr, cchDest);
	else
		r = nls_map_to_ansi(lcmap, dwMapFlags, w, n, lpDestStr, cchDest);
	nls_free(w);
	return r;
}
