/* UTF-16 conversions and wide strings as Microsoft documents them:
 * MultiByteToWideChar/WideCharToMultiByte over CP437 (the ANSI and OEM code
 * page) and UTF-8 (size queries, -1 lengths with the NUL, short buffers,
 * invalid input with and without the error flags, default characters,
 * surrogate pairs, bad flags and code pages), GetACP/GetOEMCP/GetCPInfo,
 * wchar_t being 16-bit, <wchar.h>'s string, number, class and case
 * functions, the _s copies, the C runtime's "C"-locale conversions
 * (mbstowcs, wcstombs and their _s forms), the wide printf family's MSVC conventions (%s
 * wide, %S and %hs narrow) and size rules, lstr*W, <strsafe.h>'s bounded
 * calls (A and W; their results and what they leave in the buffer),
 * wsprintfW, _itow and _itow_s, CompareStringOrdinal, and the console's
 * code pages with WriteConsoleW's counts. Last line:
 * "wide-convert: N failures". */
#include <stdlib.h>
#include <string.h>
#include <strsafe.h>
#include <wchar.h>
#include <wctype.h>
#include <windows.h>

#define TEST_NAME "wide-convert"
#include "check.h"

/* w in CP437 for a failure's message (printf's %s is narrow). */
static const char *nar(const wchar_t *w)
{
	static char a[4][128];
	static int next;
	char *out = a[next++ % 4];

	if (!WideCharToMultiByte(CP_ACP, 0, w, -1, out, 128, NULL, NULL))
		strcpy(out, "(unconvertible)");
	return out;
}

static void types(void)
{
	CHECK(sizeof(wchar_t) == 2 && sizeof(WCHAR) == 2 && sizeof(L"ab") == 6,
	      "wchar_t %u bytes", (unsigned)sizeof(wchar_t));
	CHECK(sizeof(WIN32_FIND_DATAW) == 592, "WIN32_FIND_DATAW %u",
	      (unsigned)sizeof(WIN32_FIND_DATAW));
	CHECK(sizeof(STARTUPINFOW) == 68, "STARTUPINFOW %u", (unsigned)sizeof(STARTUPINFOW));
	CHECK((wchar_t)-1 > 0, "wchar_t is unsigned");
	CHECK(GetACP() == 437 && GetOEMCP() == 437, "ACP %u OEMCP %u", GetACP(), GetOEMCP());
}

static void multi_to_wide(void)
{
	WCHAR w[16];
	int n;

	/* -1: the NUL is converted and counted; 0: the size needed. */
	CHECK(MultiByteToWideChar(CP_ACP, 0, "abc", -1, NULL, 0) == 4, "size query");
	n = MultiByteToWideChar(CP_ACP, 0, "abc", -1, w, 16);
	CHECK(n == 4 && !wcscmp(w, L"abc"), "n %d", n);
	wmemset(w, L'x', 16);
	n = MultiByteToWideChar(CP_ACP, 0, "abc", 3, w, 16);
	CHECK(n == 3 && w[3] == L'x', "explicit length adds no NUL: n %d", n);
	/* CP437's high half: 0x82 is e-acute, 0xE1 sharp s, 0xB3 a box line. */
	n = MultiByteToWideChar(CP_OEMCP, 0, "\x82\xE1\xB3", 3, w, 16);
	CHECK(n == 3 && w[0] == 0xE9 && w[1] == 0xDF && w[2] == 0x2502, "CP437 %x %x %x",
	      w[0], w[1], w[2]);
	FAILS(MultiByteToWideChar(CP_ACP, 0, "abcdef", -1, w, 3), 0, ERROR_INSUFFICIENT_BUFFER);
	FAILS(MultiByteToWideChar(CP_ACP, 0, "abc", 0, w, 16), 0, ERROR_INVALID_PARAMETER);
	FAILS(MultiByteToWideChar(CP_ACP, 0, NULL, 3, w, 16), 0, ERROR_INVALID_PARAMETER);
	FAILS(MultiByteToWideChar(CP_ACP, 0, "abc", -2, w, 16), 0, ERROR_INVALID_PARAMETER);
	FAILS(MultiByteToWideChar(CP_ACP, 0, "abc", 3, NULL, 16), 0, ERROR_INVALID_PARAMETER);
	FAILS(MultiByteToWideChar(12345, 0, "abc", 3, w, 16), 0, ERROR_INVALID_PARAMETER);
	FAILS(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED | MB_COMPOSITE, "a", 1, w, 16), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "a", 1, w, 16), 0,
	      ERROR_INVALID_FLAGS);

	/* UTF-8: two-, three- and four-byte forms (the last a surrogate pair). */
	n = MultiByteToWideChar(CP_UTF8, 0, "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80", -1, w, 16);
	CHECK(n == 5 && w[0] == 0xE9 && w[1] == 0x4E2D && w[2] == 0xD83D && w[3] == 0xDE00 &&
	      !w[4], "UTF-8 n %d: %x %x %x %x", n, w[0], w[1], w[2], w[3]);
	CHECK(MultiByteToWideChar(CP_UTF8, 0, "\xF0\x9F\x98\x80", 4, NULL, 0) == 2,
	      "a supplementary character needs two units");
	/* Invalid UTF-8: U+FFFD, or ERROR_NO_UNICODE_TRANSLATION with the flag. */
	n = MultiByteToWideChar(CP_UTF8, 0, "a\xFF" "b", 3, w, 16);
	CHECK(n == 3 && w[1] == 0xFFFD && w[2] == L'b', "replacement n %d %x", n, w[1]);
	n = MultiByteToWideChar(CP_UTF8, 0, "\xC0\xAF", 2, w, 16);
	CHECK(n == 2 && w[0] == 0xFFFD && w[1] == 0xFFFD, "overlong: n %d", n);
	n = MultiByteToWideChar(CP_UTF8, 0, "\xED\xA0\x80", 3, w, 16);
	CHECK(n >= 1 && w[0] == 0xFFFD, "an encoded surrogate is invalid: n %d", n);
	FAILS(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xFF", 2, w, 16), 0,
	      ERROR_NO_UNICODE_TRANSLATION);
	FAILS(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xE4\xB8", 2, w, 16), 0,
	      ERROR_NO_UNICODE_TRANSLATION);
}

static void wide_to_multi(void)
{
	char a[16];
	BOOL used = 7;
	int n;

	CHECK(WideCharToMultiByte(CP_ACP, 0, L"abc", -1, NULL, 0, NULL, NULL) == 4, "query");
	n = WideCharToMultiByte(CP_ACP, 0, L"abc", -1, a, 16, NULL, &used);
	CHECK(n == 4 && !strcmp(a, "abc") && used == FALSE, "n %d used %d", n, used);
	/* What CP437 lacks: the default character, and *lpUsedDefaultChar. */
	n = WideCharToMultiByte(CP_ACP, 0, L"\xE9\x4E2D", 2, a, 16, NULL, &used);
	CHECK(n == 2 && a[0] == '\x82' && a[1] == '?' && used == TRUE, "n %d %02x %02x used %d",
	      n, (unsigned char)a[0], (unsigned char)a[1], used);
	n = WideCharToMultiByte(CP_ACP, 0, L"x\x4E2D", 2, a, 16, "*", &used);
	CHECK(n == 2 && a[1] == '*' && used, "lpDefaultChar: %c", a[1]);
	FAILS(WideCharToMultiByte(CP_ACP, 0, L"abcdef", -1, a, 3, NULL, NULL), 0,
	      ERROR_INSUFFICIENT_BUFFER);
	FAILS(WideCharToMultiByte(CP_ACP, 0, L"abc", 0, a, 16, NULL, NULL), 0,
	      ERROR_INVALID_PARAMETER);
	FAILS(WideCharToMultiByte(CP_ACP, WC_ERR_INVALID_CHARS, L"abc", 3, a, 16, NULL, NULL), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(WideCharToMultiByte(CP_UTF8, 0, L"abc", 3, a, 16, "?", NULL), 0,
	      ERROR_INVALID_PARAMETER);
	FAILS(WideCharToMultiByte(CP_UTF8, 0, L"abc", 3, a, 16, NULL, &used), 0,
	      ERROR_INVALID_PARAMETER);
	FAILS(WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, L"a", 1, a, 16, NULL, NULL), 0,
	      ERROR_INVALID_FLAGS);

	/* UTF-8 round trip, a surrogate pair as one four-byte character. */
	n = WideCharToMultiByte(CP_UTF8, 0, L"\xE9\x4E2D\xD83D\xDE00", -1, a, 16, NULL, NULL);
	CHECK(n == 10 && !strcmp(a, "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"), "UTF-8 n %d", n);
	CHECK(WideCharToMultiByte(CP_UTF8, 0, L"\xD83D\xDE00", 2, NULL, 0, NULL, NULL) == 4,
	      "pair size");
	/* A lone surrogate: U+FFFD's bytes, or the error with the flag. */
	n = WideCharToMultiByte(CP_UTF8, 0, L"\xD800x", 2, a, 16, NULL, NULL);
	CHECK(n == 4 && !memcmp(a, "\xEF\xBF\xBDx", 4), "lone surrogate n %d", n);
	FAILS(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, L"\xDC00", 1, a, 16, NULL, NULL),
	      0, ERROR_NO_UNICODE_TRANSLATION);

	/* Every CP437 byte survives a round trip through UTF-16. */
	for (int b = 1; b < 256; b++) {
		char in = (char)b, out = 0;
		WCHAR w = 0;

		n = MultiByteToWideChar(CP_ACP, MB_ERR_INVALID_CHARS, &in, 1, &w, 1);
		CHECK(n == 1 && WideCharToMultiByte(CP_ACP, 0, &w, 1, &out, 1, NULL, &used) == 1 &&
		      out == in && !used, "byte %02x -> %04x -> %02x", b, w, (unsigned char)out);
	}
}

static void code_page_info(void)
{
	CPINFO info;

	CHECK(GetCPInfo(CP_ACP, &info) && info.MaxCharSize == 1 && info.DefaultChar[0] == '?',
	      "ACP max %u", info.MaxCharSize);
	CHECK(GetCPInfo(CP_UTF8, &info) && info.MaxCharSize == 4, "UTF-8 max %u",
	      info.MaxCharSize);
	FAILS(GetCPInfo(54321, &info), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(IsValidCodePage(437) && IsValidCodePage(CP_UTF8) && !IsValidCodePage(54321),
	      "IsValidCodePage");
}

static void strings(void)
{
	wchar_t b[32], *ctx, *tok;

	CHECK(wcslen(L"hello") == 5 && wcsnlen(L"hello", 3) == 3, "wcslen");
	wcscpy(b, L"ab");
	wcscat(b, L"cd");
	wcsncat(b, L"efgh", 2);
	CHECK(!wcscmp(b, L"abcdef"), "%s", nar(b));
	CHECK(wcscmp(L"a", L"b") < 0 && wcscmp(L"b", L"a") > 0 && wcsncmp(L"abX", L"abY", 2) == 0,
	      "wcscmp");
	CHECK(wcscmp(L"\xFF00", L"a") > 0, "code units compare unsigned");
	CHECK(_wcsicmp(L"HeLLo \xC9", L"hello \xE9") == 0 && _wcsnicmp(L"ABx", L"aby", 2) == 0,
	      "_wcsicmp");
	CHECK(wcschr(b, L'c') == b + 2 && wcsrchr(L"abca", L'a') && wcschr(b, 0) == b + 6 &&
	      !wcschr(b, L'z'), "wcschr");
	CHECK(wcsstr(b, L"cde") == b + 2 && !wcsstr(b, L"xy") && wcsstr(b, L"") == b, "wcsstr");
	CHECK(wcsspn(L"aabc", L"a") == 2 && wcscspn(L"abc", L"c") == 2, "wcsspn");
	wcscpy(b, L" one, two ,three");
	tok = wcstok(b, L" ,", &ctx);
	CHECK(tok && !wcscmp(tok, L"one"), "tok 1");
	tok = wcstok(NULL, L" ,", &ctx);
	CHECK(tok && !wcscmp(tok, L"two"), "tok 2");
	tok = wcstok(NULL, L" ,", &ctx);
	CHECK(tok && !wcscmp(tok, L"three") && !wcstok(NULL, L" ,", &ctx), "tok 3");
	wchar_t *dup = _wcsdup(L"copy");
	CHECK(dup && !wcscmp(dup, L"copy"), "_wcsdup");
	free(dup);
	wmemset(b, L'z', 4);
	CHECK(b[0] == L'z' && b[3] == L'z' && wmemcmp(b, L"zzzz", 4) == 0, "wmemset");
	wmemcpy(b, L"abcdef", 7);
	wmemmove(b + 1, b, 5);
	CHECK(!wcscmp(b, L"aabcde"), "wmemmove %s", nar(b));
	CHECK(wcsncpy(b, L"xy", 4) == b && b[2] == 0 && b[3] == 0, "wcsncpy pads");
	/* The _s copies. */
	CHECK(wcscpy_s(b, 4, L"abc") == 0 && !wcscmp(b, L"abc"), "wcscpy_s fits");
	CHECK(wcscpy_s(b, 3, L"abc") == 34 && b[0] == 0, "wcscpy_s ERANGE");
	CHECK(wcscpy_s(NULL, 3, L"abc") == 22, "wcscpy_s EINVAL");
	CHECK(wcsncpy_s(b, 4, L"abcdef", _TRUNCATE) == 80 && !wcscmp(b, L"abc"), "STRUNCATE");
	wcscpy(b, L"ab");
	CHECK(wcscat_s(b, 5, L"cd") == 0 && !wcscmp(b, L"abcd"), "wcscat_s");
	CHECK(wcscat_s(b, 5, L"e") == 34 && b[0] == 0, "wcscat_s ERANGE");
	/* lstr*W. */
	CHECK(lstrlenW(L"four") == 4 && lstrlenW(NULL) == 0, "lstrlenW");
	CHECK(lstrcmpW(L"a", L"a") == 0 && lstrcmpiW(L"ABC", L"abc") == 0 &&
	      lstrcmpW(L"a", L"b") < 0, "lstrcmpW");
	/* The word sort: case second (lower first), hyphens last, digits before letters. */
	CHECK(lstrcmpW(L"apple", L"Banana") < 0 && lstrcmpW(L"a", L"A") < 0 &&
	      lstrcmpiW(L"a", L"A") == 0 && lstrcmpW(L"co-op", L"coop") > 0 &&
	      lstrcmpW(L"1", L"a") < 0 && lstrcmpW(NULL, L"") < 0, "word sort");
	CHECK(lstrcpynW(b, L"abcdef", 4) == b && !wcscmp(b, L"abc"), "lstrcpynW %s", nar(b));
	CHECK(!wcscmp(lstrcatW(lstrcpyW(b, L"x"), L"y"), L"xy"), "lstrcatW");
}

static void numbers_and_classes(void)
{
	wchar_t *end;

	CHECK(wcstol(L"  -123xyz", &end, 10) == -123 && *end == L'x', "wcstol");
	CHECK(wcstol(L"0x1F", NULL, 0) == 31 && wcstol(L"017", NULL, 0) == 15, "base 0");
	CHECK(wcstol(L"99999999999", NULL, 10) == 0x7FFFFFFF, "clamp");
	CHECK(wcstol(L"-99999999999", NULL, 10) == (long)0x80000000, "clamp low");
	CHECK(wcstoul(L"4294967295", NULL, 10) == 0xFFFFFFFFUL, "wcstoul max");
	CHECK(wcstol(L"zz", &end, 10) == 0 && *end == L'z', "no digits: end is s");
	CHECK(_wtoi(L"42") == 42 && _wtoi64(L"-5000000000") == -5000000000LL, "_wtoi");
	CHECK(wcstoull(L"18446744073709551615", NULL, 10) == 0xFFFFFFFFFFFFFFFFULL, "wcstoull");
	CHECK(iswalpha(L'a') && iswalpha(0xE9) && iswalpha(0x416) && !iswalpha(L'1'), "iswalpha");
	CHECK(iswdigit(L'7') && !iswdigit(L'a') && iswxdigit(L'F') && iswspace(L'\t') &&
	      iswspace(0x3000) && iswpunct(L'!') && iswupper(L'Q') && iswlower(0xE9), "classes");
	CHECK(towupper(L'a') == L'A' && towupper(0xE9) == 0xC9 && towlower(0x416) == 0x436 &&
	      towupper(0x3B1) == 0x391 && towupper(0xFF) == 0x178 && towupper(L'1') == L'1',
	      "case");
	CHECK(iswctype(L'a', wctype("alpha")) && !iswctype(L'a', wctype("digit")), "wctype");
	/* The C runtime's "C" locale: byte b is U+00b (not the ANSI code page). */
	CHECK(btowc('A') == L'A' && btowc(0x82) == 0x82 && wctob(0xE9) == 0xE9 &&
	      wctob(0x4E2D) == EOF, "btowc/wctob");
}

static void locale_conversions(void)
{
	wchar_t w[8];
	char a[8];
	size_t n;

	CHECK(mbstowcs(NULL, "abc", 0) == 3 && mbstowcs(w, "a\xE9", 8) == 2 && w[1] == 0xE9 &&
	      !w[2], "mbstowcs");
	CHECK(wcstombs(NULL, L"abc", 0) == 3 && wcstombs(a, L"x\xE9", 8) == 2 &&
	      !strcmp(a, "x\xE9"), "wcstombs");
	CHECK(wcstombs(a, L"\x4E2D", 8) == (size_t)-1 && wctomb(a, 0x4E2D) == -1, "EILSEQ");
	CHECK(mbtowc(w, "q", 1) == 1 && w[0] == L'q' && mbtowc(w, "", 1) == 0 &&
	      mbtowc(NULL, NULL, 0) == 0, "mbtowc");
	CHECK(mbstowcs_s(&n, w, 8, "abc", _TRUNCATE) == 0 && n == 4 && !wcscmp(w, L"abc"),
	      "mbstowcs_s %u", (unsigned)n);
	CHECK(mbstowcs_s(&n, NULL, 0, "abcd", 4) == 0 && n == 5, "mbstowcs_s size %u",
	      (unsigned)n);
	CHECK(mbstowcs_s(&n, w, 3, "abcd", 4) == 34 && w[0] == 0, "mbstowcs_s ERANGE");
	CHECK(wcstombs_s(&n, a, 3, L"abcd", _TRUNCATE) == 80 && !strcmp(a, "ab") && n == 3,
	      "wcstombs_s STRUNCATE");
}

static void formatting(void)
{
	wchar_t b[64];
	int n;

	n = swprintf(b, 64, L"%s|%S|%hs|%ls|%c|%C|%d", L"wide", "narrow", "h", L"l", L'w', 'n', 42);
	CHECK(n == 22 && !wcscmp(b, L"wide|narrow|h|l|w|n|42"), "n %d: %s", n, nar(b));
	n = swprintf(b, 64, L"[%5s][%-4d][%05x][%05.1x][%.2s][%I64d][%u]", L"ab", 7, 0xab, 0xab, L"xyz",
		     -5000000000LL, 3000000000u);
	CHECK(!wcscmp(b, L"[   ab][7   ][000ab][   ab][xy][-5000000000][3000000000]"), "%s", nar(b));
	/* %p as the narrow printf shows it. */
	char p[32];
	snprintf(p, sizeof(p), "%p", (void *)0x1234);
	n = swprintf(b, 64, L"%p %#x %%", (void *)0x1234, 255);
	CHECK(n == (int)strlen(p) + 7 && !strncmp(nar(b), p, strlen(p)) &&
	      !wcscmp(b + strlen(p), L" 0xff %"), "%s", nar(b));
	n = swprintf(b, 64, L"%s", (wchar_t *)NULL);
	CHECK(!wcscmp(b, L"(null)"), "NULL: %s", nar(b));
	n = swprintf(b, 64, L"\x4E2D%s", L"\xE9");
	CHECK(n == 2 && b[0] == 0x4E2D && b[1] == 0xE9, "non-ASCII kept");
	n = swprintf(b, 64, L"%S", "\xE9");
	CHECK(n == 1 && b[0] == 0xE9, "narrow strings widen as the C locale: %x", b[0]);
	/* Sizes: swprintf -1 when cut (ended), _snwprintf no NUL, _s empties. */
	n = swprintf(b, 4, L"abcdef");
	CHECK(n == -1 && !wcscmp(b, L"abc"), "swprintf cut: %d %s", n, nar(b));
	n = swprintf(b, 7, L"abcdef");
	CHECK(n == 6 && !wcscmp(b, L"abcdef"), "swprintf exact");
	wmemset(b, L'#', 10);
	n = _snwprintf(b, 4, L"abcdef");
	CHECK(n == -1 && !wmemcmp(b, L"abcd#", 5), "_snwprintf cut: %d", n);
	wmemset(b, L'#', 10);
	n = _snwprintf(b, 3, L"abc");
	CHECK(n == 3 && b[3] == L'#', "_snwprintf exactly count: no NUL");
	n = swprintf_s(b, 4, L"abcd");
	CHECK(n == -1 && b[0] == 0, "swprintf_s too small");
	n = _snwprintf_s(b, 8, _TRUNCATE, L"abcdefghij");
	CHECK(n == -1 && !wcscmp(b, L"abcdefg"), "_snwprintf_s _TRUNCATE %s", nar(b));
	CHECK(_scwprintf(L"%d-%s", 123, L"ab") == 6, "_scwprintf");
	n = wprintf(L"%s: wprintf %S \x4E2D\n", L"wide-convert", "works");
	CHECK(n == 30, "wprintf returned %d", n);
}

static void strsafe_wide(void)
{
	wchar_t b[8];
	size_t n = 99;

	CHECK(StringCchCopyW(b, 8, L"abc") == S_OK && !wcscmp(b, L"abc"), "copy");
	CHECK(StringCchCopyW(b, 4, L"abcdef") == STRSAFE_E_INSUFFICIENT_BUFFER &&
	      !wcscmp(b, L"abc"), "copy cut");
	CHECK(StringCchCopyW(b, 0, L"a") == STRSAFE_E_INVALID_PARAMETER, "size 0");
	CHECK(StringCchCopyNW(b, 8, L"abcdef", 2) == S_OK && !wcscmp(b, L"ab"), "copy n");
	CHECK(StringCchCatW(b, 8, L"cd") == S_OK && !wcscmp(b, L"abcd"), "cat");
	CHECK(StringCchCatW(b, 8, L"efghij") == STRSAFE_E_INSUFFICIENT_BUFFER &&
	      !wcscmp(b, L"abcdefg"), "cat cut");
	wmemset(b, L'x', 8);
	CHECK(StringCchCatW(b, 8, L"a") == STRSAFE_E_INVALID_PARAMETER, "cat unterminated");
	CHECK(StringCchLengthW(L"four", 8, &n) == S_OK && n == 4, "length");
	CHECK(StringCchLengthW(L"four", 4, &n) == STRSAFE_E_INVALID_PARAMETER && n == 0,
	      "length without a NUL in cchMax");
	CHECK(StringCbLengthW(L"four", 16, &n) == S_OK && n == 8, "byte length %u", (unsigned)n);
	CHECK(StringCchPrintfW(b, 8, L"%s-%d", L"ab", 12) == S_OK && !wcscmp(b, L"ab-12"),
	      "printf");
	CHECK(StringCchPrintfW(b, 4, L"%d", 123456) == STRSAFE_E_INSUFFICIENT_BUFFER &&
	      !wcscmp(b, L"123"), "printf cut");
	CHECK(StringCbCopyW(b, sizeof(b), L"1234567") == S_OK && StringCbCatW(b, sizeof(b), L"8") ==
	      STRSAFE_E_INSUFFICIENT_BUFFER, "byte forms");
}

static void strsafe_narrow(void)
{
	char b[6];
	size_t n;

	CHECK(StringCchCopyA(b, 6, "hello!") == STRSAFE_E_INSUFFICIENT_BUFFER &&
	      !strcmp(b, "hello"), "A copy cut");
	CHECK(StringCbPrintfA(b, sizeof(b), "%d%s", 4, "ab") == S_OK && !strcmp(b, "4ab"), "A printf");
	CHECK(StringCchCatA(b, 6, "xyz") == STRSAFE_E_INSUFFICIENT_BUFFER && !strcmp(b, "4abxy"),
	      "A cat");
	CHECK(StringCchLengthA(b, 6, &n) == S_OK && n == 5, "A length");
}

static void numbers_and_compare(void)
{
	wchar_t b[40];

	CHECK(wsprintfW(b, L"%s=%d", L"x", -3) == 4 && !wcscmp(b, L"x=-3"), "wsprintfW");
	CHECK(!wcscmp(_itow(-42, b, 10), L"-42") && !wcscmp(_itow(255, b, 16), L"ff") &&
	      !wcscmp(_itow(-1, b, 16), L"ffffffff") && !wcscmp(_ui64tow(1ULL << 40, b, 10),
	      L"1099511627776") && !wcscmp(_i64tow(-5, b, 10), L"-5") &&
	      !wcscmp(_i64tow(-5, b, 16), L"fffffffffffffffb"), "_itow family");
	CHECK(_itow_s(12345, b, 5, 10) == 34 && b[0] == 0 && _itow_s(1234, b, 5, 10) == 0 &&
	      !wcscmp(b, L"1234") && _itow_s(1, b, 5, 1) == 22, "_itow_s");
	CHECK(CompareStringOrdinal(L"abc", -1, L"abd", -1, FALSE) == CSTR_LESS_THAN &&
	      CompareStringOrdinal(L"ABC", 3, L"abc", -1, TRUE) == CSTR_EQUAL &&
	      CompareStringOrdinal(L"ab", 2, L"a", 1, FALSE) == CSTR_GREATER_THAN,
	      "CompareStringOrdinal");
	SetLastError(0);
	CHECK(CompareStringOrdinal(NULL, 1, L"a", 1, FALSE) == 0 &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "NULL");
}

static void console(void)
{
	HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
	DWORD n = 0;

	CHECK(GetConsoleOutputCP() == 437 && GetConsoleCP() == 437, "437 at first");
	CHECK(WriteConsoleW(out, L"wide-convert: caf\xE9\n", 19, &n, NULL) && n == 19,
	      "WriteConsoleW counts characters: %lu", n);
	SetLastError(0);
	CHECK(!SetConsoleOutputCP(54321) && GetLastError() == ERROR_INVALID_PARAMETER &&
	      GetConsoleOutputCP() == 437, "bad code page");
	CHECK(SetConsoleOutputCP(CP_UTF8) && GetConsoleOutputCP() == CP_UTF8, "UTF-8");
	CHECK(WriteConsoleW(out, L"wide-convert: \x4E2D\n", 16, &n, NULL) && n == 16,
	      "UTF-8 output still counts characters: %lu", n);
	SetConsoleOutputCP(437);
}

int main(void)
{
	types();
	multi_to_wide();
	wide_to_multi();
	code_page_info();
	strings();
	numbers_and_classes();
	locale_conversions();
	formatting();
	strsafe_wide();
	strsafe_narrow();
	numbers_and_compare();
	console();
	printf("wide-convert: %d failures\n", failures);
	return failures != 0;
}
