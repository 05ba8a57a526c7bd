/* Character types and folding (vados/winnls.h): GetStringTypeA/W/ExA/ExW
 * (CT_CTYPE1/2/3 from <wctype.h>'s classes and Unicode's bidi classes for
 * Latin-1) and FoldStringA/W. */
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <windows.h>
#include "user/lib/nls.h"
#include "user/lib/nls_sort.h"

static WORD ctype1(WCHAR c)
{
	WORD t = 0;

	if (iswupper(c))
		t |= C1_UPPER;
	if (iswlower(c))
		t |= C1_LOWER;
	if (iswdigit(c) || c == 0xB2 || c == 0xB3 || c == 0xB9)
		t |= C1_DIGIT;
	if (iswspace(c) || c == 0xA0 || c == 0x85)
		t |= C1_SPACE;
	if (iswpunct(c) || (c >= 0xA1 && c <= 0xBF && !(t & C1_DIGIT) && c != 0xAA &&
			    c != 0xB5 && c != 0xBA) || c == 0xD7 || c == 0xF7)
		t |= C1_PUNCT;
	if (iswcntrl(c))
		t |= C1_CNTRL;
	if (c == ' ' || c == '\t' || c == 0xA0)
		t |= C1_BLANK;
	if (iswxdigit(c))
		t |= C1_XDIGIT;
	if (iswalpha(c) || c == 0xAA || c == 0xB5 || c == 0xBA)
		t |= C1_ALPHA;
	return c <= 0xFF || t ? t | C1_DEFINED : t;
}

/* Unicode's bidirectional class, as C2_*, for Latin-1 (letters beyond it:
 * left to right). */
static WORD ctype2(WCHAR c)
{
	static const char et[] = "#$%", es[] = "+-", cs[] = ",./:";

	if (c >= '0' && c <= '9')
		return C2_EUROPENUMBER;
	if (c == 0xB2 || c == 0xB3 || c == 0xB9)
		return C2_EUROPENUMBER;
	if (c < 0x80 && c && strchr(es, (char)c))
		return C2_EUROPESEPARATOR;
	if ((c < 0x80 && c && strchr(et, (char)c)) || (c >= 0xA2 && c <= 0xA5) || c == 0xB0 ||
	    c == 0xB1)
		return C2_EUROPETERMINATOR;
	if ((c < 0x80 && c && strchr(cs, (char)c)) || c == 0xA0)
		return C2_COMMONSEPARATOR;
	if (c == '\n' || c == '\r' || (c >= 0x1C && c <= 0x1E) || c == 0x85)
		return C2_BLOCKSEPARATOR;
	if (c == '\t' || c == 0x0B || c == 0x1F)
		return C2_SEGMENTSEPARATOR;
	if (c == ' ' || c == '\f')
		return C2_WHITESPACE;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return C2_NOTAPPLICABLE;
	if (iswalpha(c) || c == 0xAA || c == 0xB5 || c == 0xBA)
		return C2_LEFTTORIGHT;
	if (c < 0x100 || iswpunct(c))
		return C2_OTHERNEUTRAL;
	return C2_LEFTTORIGHT;
}

static WORD ctype3(WCHAR c)
{
	WORD t = 0;

	if (c >= 0x300 && c < 0x370)
		return C3_NONSPACING | C3_DIACRITIC;
	if (c >= 0xD800 && c < 0xDC00)
		return C3_HIGHSURROGATE;
	if (c >= 0xDC00 && c < 0xE000)
		return C3_LOWSURROGATE;
	if (c >= 0x20 && c < 0x7F)
		t |= C3_HALFWIDTH;
	if (c >= 0xFF01 && c <= 0xFF5E)
		t |= C3_FULLWIDTH;
	if (iswalpha(c) || c == 0xAA || c == 0xBA)
		t |= C3_ALPHA;
	else if ((c > 0x20 && c < 0x7F && !iswdigit(c)) || (c >= 0xA1 && c <= 0xBF) ||
		 c == 0xD7 || c == 0xF7)
		t |= C3_SYMBOL;
	if (c == '^' || c == '`' || c == 0xA8 || c == 0xAF || c == 0xB4 || c == 0xB8)
		t |= C3_DIACRITIC;
	return t;
}

static BOOL string_type(DWORD type, LPCWSTR src, int n, LPWORD out)
{
	if (!src || !out || !n || (const void *)src == (const void *)out)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (type != CT_CTYPE1 && type != CT_CTYPE2 && type != CT_CTYPE3)
		return nls_fail(ERROR_INVALID_FLAGS);
	if (n < 0)
		n = (int)wcslen(src) + 1;
	for (int i = 0; i < n; i++)
		out[i] = type == CT_CTYPE1 ? ctype1(src[i])
		       : type == CT_CTYPE2 ? ctype2(src[i]) : ctype3(src[i]);
	return TRUE;
}

BOOL WINAPI GetStringTypeW(DWORD dwInfoType, LPCWCH lpSrcStr, int cchSrc, LPWORD lpCharType)
{
	return string_type(dwInfoType, lpSrcStr, cchSrc, lpCharType);
}

BOOL WINAPI GetStringTypeExW(LCID Locale, DWORD dwInfoType, LPCWSTR lpSrcStr, int cchSrc,
			     LPWORD lpCharType)
{
	(void)Locale;                   /* Windows ignores it too */
	return string_type(dwInfoType, lpSrcStr, cchSrc, lpCharType);
}

/* The types of the UTF-16 copy: one per byte, CP_ACP being one byte a
 * character. */
BOOL WINAPI GetStringTypeA(LCID Locale, DWORD dwInfoType, LPCSTR lpSrcStr, int cchSrc,
			   LPWORD lpCharType)
{
	LPWSTR w;
	int n;
	BOOL ok;

	(void)Locale;
	if (!lpSrcStr || !lpCharType || !cchSrc || (const void *)lpSrcStr == lpCharType)
		return nls_fail(ERROR_INVALID_PARAMETER);
	w = nls_wide(lpSrcStr, cchSrc, TRUE, &n);
	if (!w)
		return FALSE;
	ok = string_type(dwInfoType, w, n, lpCharType);
	nls_free(w);
	return ok;
}

BOOL WINAPI GetStringTypeExA(LCID Locale, DWORD dwInfoType, LPCSTR lpSrcStr, int cchSrc,
			     LPWORD lpCharType)
{
	return GetStringTypeA(Locale, dwInfoType, lpSrcStr, cchSrc, lpCharType);
}

/* Runs of digits in other scripts and forms: first, last, the first's value. */
static const struct { WCHAR first, last; BYTE value; } digit_runs[] = {
	{ 0xB2, 0xB3, 2 }, { 0xB9, 0xB9, 1 }, { 0x660, 0x669, 0 }, { 0x6F0, 0x6F9, 0 },
	{ 0x7C0, 0x7C9, 0 }, { 0x966, 0x96F, 0 }, { 0x9E6, 0x9EF, 0 }, { 0xA66, 0xA6F, 0 },
	{ 0xAE6, 0xAEF, 0 }, { 0xB66, 0xB6F, 0 }, { 0xBE6, 0xBEF, 0 }, { 0xC66, 0xC6F, 0 },
	{ 0xCE6, 0xCEF, 0 }, { 0xD66, 0xD6F, 0 }, { 0xE50, 0xE59, 0 }, { 0xED0, 0xED9, 0 },
	{ 0xF20, 0xF29, 0 }, { 0x1040, 0x1049, 0 }, { 0x2070, 0x2070, 0 }, { 0x2074, 0x2079, 4 },
	{ 0x2080, 0x2089, 0 }, { 0x2460, 0x2468, 1 }, { 0x2474, 0x247C, 1 },
	{ 0x2488, 0x2490, 1 }, { 0x24EA, 0x24EA, 0 }, { 0x2776, 0x277E, 1 },
	{ 0x2780, 0x2788, 1 }, { 0x278A, 0x2792, 1 }, { 0x3007, 0x3007, 0 },
	{ 0x3021, 0x3029, 1 }, { 0xFF10, 0xFF19, 0 },
};

/* Ligatures and digraphs MAP_EXPAND_LIGATURES spells out. */
static const struct { WCHAR c, to[3]; } ligatures[] = {
	{ 0xC6, { 'A', 'E' } }, { 0xDE, { 'T', 'H' } }, { 0xDF, { 's', 's' } },
	{ 0xE6, { 'a', 'e' } }, { 0xFE, { 't', 'h' } }, { 0x132, { 'I', 'J' } },
	{ 0x133, { 'i', 'j' } }, { 0x152, { 'O', 'E' } }, { 0x153, { 'o', 'e' } },
	{ 0x1C4, { 'D', 0x17D } }, { 0x1C5, { 'D', 0x17E } }, { 0x1C6, { 'd', 0x17E } },
	{ 0x1C7, { 'L', 'J' } }, { 0x1C8, { 'L', 'j' } }, { 0x1C9, { 'l', 'j' } },
	{ 0x1CA, { 'N', 'J' } }, { 0x1CB, { 'N', 'j' } }, { 0x1CC, { 'n', 'j' } },
	{ 0x1E2, { 0x100, 0x112 } }, { 0x1E3, { 0x101, 0x113 } }, { 0x1F1, { 'D', 'Z' } },
	{ 0x1F2, { 'D', 'z' } }, { 0x1F3, { 'd', 'z' } }, { 0x1FC, { 0xC1, 0xC9 } },
	{ 0x1FD, { 0xE1, 0xE9 } }, { 0x5F0, { 0x5D5, 0x5D5 } }, { 0x5F1, { 0x5D5, 0x5D9 } },
	{ 0x5F2, { 0x5D9, 0x5D9 } }, { 0xFB00, { 'f', 'f' } }, { 0xFB01, { 'f', 'i' } },
	{ 0xFB02, { 'f', 'l' } }, { 0xFB03, { 'f', 'f', 'i' } }, { 0xFB04, { 'f', 'f', 'l' } },
	{ 0xFB05, { 0x17F, 't' } }, { 0xFB06, { 's', 't' } },
};

/* A digit of another script or form as 0-9; else c. */
static WCHAR fold_digit(WCHAR c)
{
	for (size_t i = 0; i < sizeof(digit_runs) / sizeof(digit_runs[0]); i++)
		if (c >= digit_runs[i].first && c <= digit_runs[i].last)
			return (WCHAR)('0' + digit_runs[i].value + c - digit_runs[i].first);
	return c;
}

/* The characters s[i] folds to (at most 3) into out; their count.
 * *used: the source units taken (2 for a letter and its combining mark
 * MAP_PRECOMPOSED joins). */
static int fold_char(DWORD flags, LPCWSTR s, int i, int n, WCHAR out[3], int *used)
{
	WCHAR c = s[i];
	uint16_t mark;

	*used = 1;
	if (flags & MAP_FOLDDIGITS)
		c = fold_digit(c);
	if ((flags & MAP_FOLDCZONE) && c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;
	if (flags & MAP_EXPAND_LIGATURES)
		for (size_t k = 0; k < sizeof(ligatures) / sizeof(ligatures[0]); k++)
			if (ligatures[k].c == c) {
				int len = ligatures[k].to[2] ? 3 : 2;

				memcpy(out, ligatures[k].to, len * sizeof(WCHAR));
				return len;
			}
	if ((flags & MAP_COMPOSITE) && nls_latin1_base(c, &mark)) {
		out[0] = nls_latin1_base(c, &mark), out[1] = mark;
		return 2;
	}
	if ((flags & MAP_PRECOMPOSED) && i + 1 < n && s[i + 1] >= 0x300 && s[i + 1] < 0x370)
		for (WCHAR p = 0xC0; p <= 0xFF; p++)
			if (nls_latin1_base(p, &mark) == c && mark == s[i + 1]) {
				*used = 2, c = p;
				break;
			}
	out[0] = c;
	return 1;
}

static int fold(DWORD flags, LPCWSTR src, int n, LPWSTR dst, int room)
{
	int out = 0;

	if (!flags || (flags & ~(DWORD)(MAP_FOLDCZONE | MAP_PRECOMPOSED | MAP_COMPOSITE |
					MAP_FOLDDIGITS | MAP_EXPAND_LIGATURES)) ||
	    ((flags & MAP_PRECOMPOSED) && (flags & MAP_COMPOSITE)) ||
	    ((flags & MAP_EXPAND_LIGATURES) && (flags & (MAP_PRECOMPOSED | MAP_COMPOSITE))))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!src || !n || room < 0 || (room && !dst) || (room && (const WCHAR *)dst == src))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (n < 0)
		n = (int)wcslen(src) + 1;
	for (int i = 0, used; i < n; i += used) {
		WCHAR to[3];
		int k = fold_char(flags, src, i, n, to, &used);

		if (room && out + k > room)
			return nls_fail(ERROR_INSUFFICIENT_BUFFER);
		if (room)
			memcpy(dst + out, to, k * sizeof(WCHAR));
		out += k;
	}
	return out;
}

int WINAPI FoldStringW(DWORD dwMapFlags, LPCWCH lpSrcStr, int cchSrc, LPWSTR lpDestStr,
		       int cchDest)
{
	return fold(dwMapFlags, lpSrcStr, cchSrc, lpDestStr, cchDest);
}

int WINAPI FoldStringA(DWORD dwMapFlags, LPCSTR lpSrcStr, int cchSrc, LPSTR lpDestStr,
		       int cchDest)
{
	LPWSTR w;
	int n, r;

	if (!lpSrcStr || !cchSrc || cchDest < 0 || (cchDest && !lpDestStr) ||
	    (cchDest && lpDestStr == lpSrcStr))
		return nls_fail(ERROR_INVALID_PARAMETER);
	w = nls_wide(lpSrcStr, cchSrc, TRUE, &n);
	if (!w)
		return 0;
	r = nls_map_to_ansi(fold, dwMapFlags, w, n, lpDestStr, cchDest);
	nls_free(w);
	return r;
}
