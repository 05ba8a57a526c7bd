/* MultiByteToWideChar and WideCharToMultiByte over the two code pages
 * vados has, CP437 (ANSI and OEM: kernel/rtl/codepage.c, the FAT driver's)
 * and UTF-8; GetACP, GetOEMCP, IsValidCodePage, GetCPInfo. */
#include <windows.h>
#include "kernel/rtl/codepage.h"

#define REPLACEMENT 0xFFFD

enum page { PAGE_NONE, PAGE_437, PAGE_UTF8 };

static enum page page_of(UINT cp)
{
	switch (cp) {
	case CP_ACP: case CP_OEMCP: case CP_THREAD_ACP: case CODEPAGE_OEM:
		return PAGE_437;
	case CP_UTF8:
		return PAGE_UTF8;
	default:
		return PAGE_NONE;
	}
}

static int fail(DWORD error)
{
	SetLastError(error);
	return 0;
}

/* Decodes one UTF-8 sequence of s[0..n) (n >= 1) into *cp; returns the
 * bytes it took. An ill-formed one takes its maximal subpart (at least one
 * byte) and gives -1 in *cp. */
static int utf8_decode(const unsigned char *s, int n, long *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int need, i;
	long v;

	*cp = -1;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 1, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, v = c & 0x0F, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, v = c & 0x07, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
	else
		return 1;
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi)
			return i;
		v = (v << 6) | (s[i] & 0x3F);
		lo = 0x80, hi = 0xBF;
	}
	*cp = v;
	return i;
}

/* Appends unit to out[room] at *len (counting only when out is NULL);
 * FALSE when out is full. */
static BOOL put_unit(WCHAR *out, int room, int *len, WCHAR unit)
{
	if (out) {
		if (*len >= room)
			return FALSE;
		out[*len] = unit;
	}
	(*len)++;
	return TRUE;
}

/* The UTF-16 of src[0..n) into out[room] (out NULL: only counted); the
 * number of units, or 0 with the error. */
static int decode(enum page page, DWORD flags, const unsigned char *src, int n, WCHAR *out,
		  int room)
{
	int len = 0, used;
	long cp;

	for (int i = 0; i < n; i += used) {
		if (page == PAGE_437) {
			used = 1;
			cp = cp437_to_unicode(src[i]);
		} else if ((used = utf8_decode(src + i, n - i, &cp)), cp < 0) {
			if (flags & MB_ERR_INVALID_CHARS)
				return fail(ERROR_NO_UNICODE_TRANSLATION);
			cp = REPLACEMENT;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			if (!put_unit(out, room, &len, (WCHAR)(0xD800 + (cp >> 10))))
				return fail(ERROR_INSUFFICIENT_BUFFER);
			cp = 0xDC00 + (cp & 0x3FF);
		}
		if (!put_unit(out, room, &len, (WCHAR)cp))
			return fail(ERROR_INSUFFICIENT_BUFFER);
	}
	return len;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
			       int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar)
{
	enum page page = page_of(CodePage);
	DWORD allowed = page == PAGE_UTF8 ? MB_ERR_INVALID_CHARS
		: MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS;
	int n = cbMultiByte, need;

	if (page == PAGE_NONE || !lpMultiByteStr || n == 0 || n < -1 || cchWideChar < 0 ||
	    (cchWideChar && !lpWideCharStr) ||
	    (cchWideChar && (const void *)lpMultiByteStr == (const void *)lpWideCharStr))
		return fail(ERROR_INVALID_PARAMETER);
	if ((dwFlags & ~allowed) || (dwFlags & (MB_PRECOMPOSED | MB_COMPOSITE)) ==
	    (MB_PRECOMPOSED | MB_COMPOSITE))
		return fail(ERROR_INVALID_FLAGS);
	if (IsBadReadPtr(lpMultiByteStr, 1) ||
	    (n == -1 && IsBadStringPtrA(lpMultiByteStr, (UINT_PTR)-1)) ||
	    (n > 0 && IsBadReadPtr(lpMultiByteStr, n)))
		return fail(ERROR_NOACCESS);
	if (n == -1) {
		for (n = 0; lpMultiByteStr[n]; n++)
			;
		n++;
	}
	/* Counted first, so only the units written are probed. */
	need = decode(page, dwFlags, (const unsigned char *)lpMultiByteStr, n, NULL, 0);
	if (!need || !cchWideChar)
		return need;
	if (need > cchWideChar)
		return fail(ERROR_INSUFFICIENT_BUFFER);
	if (IsBadWritePtr(lpWideCharStr, need * sizeof(WCHAR)))
		return fail(ERROR_NOACCESS);
	return decode(page, dwFlags, (const unsigned char *)lpMultiByteStr, n, lpWideCharStr, need);
}

/* Appends the bytes b[0..k) to out[room] at *len (only counting when out is
 * NULL); FALSE when they do not fit. */
static BOOL put_bytes(char *out, int room, int *len, const char *b, int k)
{
	if (out) {
		if (*len + k > room)
			return FALSE;
		for (int i = 0; i < k; i++)
			out[*len + i] = b[i];
	}
	*len += k;
	return TRUE;
}

/* One code point (unit or surrogate pair at src[i]) as UTF-8 into b;
 * returns its byte count, *units the units it took, 0 for a lone
 * surrogate. */
static int utf8_encode(const WCHAR *src, int i, int n, char b[4], int *units)
{
	unsigned long cp = src[i];

	*units = 1;
	if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && src[i + 1] >= 0xDC00 &&
	    src[i + 1] <= 0xDFFF) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (src[i + 1] - 0xDC00);
		*units = 2;
	} else if (cp >= 0xD800 && cp <= 0xDFFF) {
		return 0;
	}
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The bytes of src[0..n) into out[room] (out NULL: only counted); their
 * number, or 0 with the error. */
static int encode(enum page page, DWORD flags, const WCHAR *src, int n, char *out, int room,
		  char dflt, BOOL *used_default)
{
	int len = 0, units, k;
	char b[4];

	for (int i = 0; i < n; i += units) {
		units = 1;
		if (page == PAGE_437) {
			b[0] = (char)cp437_from_unicode(src[i]);
			k = 1;
			if (!b[0] && src[i]) {
				b[0] = dflt;
				if (used_default)
					*used_default = TRUE;
			}
		} else if (!(k = utf8_encode(src, i, n, b, &units))) {
			if (flags & WC_ERR_INVALID_CHARS)
				return fail(ERROR_NO_UNICODE_TRANSLATION);
			k = utf8_encode(L"\xFFFD", 0, 1, b, &units);
		}
		if (!put_bytes(out, room, &len, b, k))
			return fail(ERROR_INSUFFICIENT_BUFFER);
	}
	return len;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
			       int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte,
			       LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar)
{
	enum page page = page_of(CodePage);
	DWORD allowed = page == PAGE_UTF8 ? WC_ERR_INVALID_CHARS
		: WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_COMPOSITECHECK |
		  WC_NO_BEST_FIT_CHARS;
	int n = cchWideChar, need;
	char dflt;

	if (page == PAGE_NONE || !lpWideCharStr || n == 0 || n < -1 || cbMultiByte < 0 ||
	    (cbMultiByte && !lpMultiByteStr) ||
	    (cbMultiByte && (const void *)lpMultiByteStr == (const void *)lpWideCharStr) ||
	    (page == PAGE_UTF8 && (lpDefaultChar || lpUsedDefaultChar)))
		return fail(ERROR_INVALID_PARAMETER);
	if (dwFlags & ~allowed)
		return fail(ERROR_INVALID_FLAGS);
	if (IsBadReadPtr(lpWideCharStr, sizeof(WCHAR)) ||
	    (n == -1 && IsBadStringPtrW(lpWideCharStr, (UINT_PTR)-1)) ||
	    (n > 0 && IsBadReadPtr(lpWideCharStr, n * sizeof(WCHAR))) ||
	    (lpDefaultChar && IsBadReadPtr(lpDefaultChar, 1)) ||
	    (lpUsedDefaultChar && IsBadWritePtr(lpUsedDefaultChar, sizeof(BOOL))))
		return fail(ERROR_NOACCESS);
	if (n == -1) {
		for (n = 0; lpWideCharStr[n]; n++)
			;
		n++;
	}
	dflt = lpDefaultChar ? *lpDefaultChar : '?';
	if (lpUsedDefaultChar)
		*lpUsedDefaultChar = FALSE;
	/* Counted first, so only the bytes written are probed. */
	need = encode(page, dwFlags, lpWideCharStr, n, NULL, 0, dflt, lpUsedDefaultChar);
	if (!need || !cbMultiByte)
		return need;
	if (need > cbMultiByte)
		return fail(ERROR_INSUFFICIENT_BUFFER);
	if (IsBadWritePtr(lpMultiByteStr, need))
		return fail(ERROR_NOACCESS);
	return encode(page, dwFlags, lpWideCharStr, n, lpMultiByteStr, need, dflt, NULL);
}

UINT WINAPI GetACP(VOID)
{
	return CODEPAGE_OEM;
}

UINT WINAPI GetOEMCP(VOID)
{
	return CODEPAGE_OEM;
}

BOOL WINAPI IsValidCodePage(UINT CodePage)
{
	return CodePage == CODEPAGE_OEM || CodePage == CP_UTF8;
}

/* MaxCharSize 1 (CP437) or 4 (UTF-8), default character '?', no lead
 * bytes; another code page (or a CP_ constant other than CP_ACP, CP_OEMCP,
 * CP_THREAD_ACP, CP_UTF8): ERROR_INVALID_PARAMETER. */
BOOL WINAPI GetCPInfo(UINT CodePage, LPCPINFO lpCPInfo)
{
	enum page page = page_of(CodePage);

	if (page == PAGE_NONE || !lpCPInfo)
		return fail(ERROR_INVALID_PARAMETER);
	if (IsBadWritePtr(lpCPInfo, sizeof(*lpCPInfo)))
		return fail(ERROR_NOACCESS);
	*lpCPInfo = (CPINFO){ .MaxCharSize = page == PAGE_UTF8 ? 4 : 1, .DefaultChar = { '?' } };
	return TRUE;
}
