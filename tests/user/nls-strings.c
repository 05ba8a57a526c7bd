/* The string calls as Microsoft documents them for en-US: the linguistic
 * CompareString (CSTR_*, NORM_IGNORE*, SORT_STRINGSORT, embedded NULs,
 * reading no further than the first difference) agreeing with lstrcmp
 * and LCMapString's sort keys; LCMapString's maps and flag rules,
 * GetStringType, FoldString; date, time, number and currency pictures
 * and flags; each bad call's error code. Prints "nls-strings: N failures". */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "nls-strings"
#include "check.h"

/* CompareStringW's answer, lstrcmpW's and the sort keys' must agree. */
static void order(LPCWSTR x, LPCWSTR y, DWORD flags, int want)
{
	BYTE kx[128], ky[128];
	int r = CompareStringW(0x409, flags, x, -1, y, -1), keys;

	CHECK(r == want, "%ls vs %ls (%lx): %d, want %d", x, y, flags, r, want);
	LCMapStringW(0x409, LCMAP_SORTKEY | flags, x, -1, (LPWSTR)kx, sizeof(kx));
	LCMapStringW(0x409, LCMAP_SORTKEY | flags, y, -1, (LPWSTR)ky, sizeof(ky));
	keys = strcmp((char *)kx, (char *)ky);
	CHECK((keys < 0 ? 1 : keys ? 3 : 2) == want, "keys of %ls, %ls", x, y);
	if (!flags || flags == NORM_IGNORECASE) {
		int l = flags ? lstrcmpiW(x, y) : lstrcmpW(x, y);

		CHECK(l == want - 2, "lstrcmp %ls %ls: %d", x, y, l);
	}
}

/* CompareStringW reads no further than the first difference: a string
 * whose count runs into a no-access page still compares. */
static void stops_at_difference(void)
{
	char *page = VirtualAlloc(NULL, 8192, MEM_COMMIT, PAGE_READWRITE);
	WCHAR *a = (WCHAR *)(page + 4096) - 1;
	WCHAR b[] = L"Bxxxxxxxxx";
	DWORD old;

	CHECK(page && VirtualProtect(page + 4096, 4096, PAGE_NOACCESS, &old), "page");
	*a = 'A';
	CHECK(CompareStringW(0x409, 0, a, 100, b, 10) == CSTR_LESS_THAN, "stops at A/B");
	VirtualFree(page, 0, MEM_RELEASE);
}

static void compare(void)
{
	BYTE key[64];

	order(L"a", L"b", 0, CSTR_LESS_THAN);
	order(L"a", L"A", 0, CSTR_LESS_THAN);
	order(L"A", L"b", 0, CSTR_LESS_THAN);
	order(L"abc", L"ABC", NORM_IGNORECASE, CSTR_EQUAL);
	order(L"aB", L"Ab", 0, CSTR_LESS_THAN);
	order(L"co-op", L"coop", 0, CSTR_GREATER_THAN);
	order(L"co-op", L"cop", 0, CSTR_LESS_THAN);
	order(L"co-op", L"cop", SORT_STRINGSORT, CSTR_LESS_THAN);
	order(L"co-op", L"coop", SORT_STRINGSORT, CSTR_LESS_THAN);
	order(L"!x", L"1", 0, CSTR_LESS_THAN);
	order(L"9", L"a", 0, CSTR_LESS_THAN);
	order(L"resume", L"r\u00e9sum\u00e9", 0, CSTR_LESS_THAN);
	order(L"r\u00e9sum\u00e9", L"resume", NORM_IGNORENONSPACE, CSTR_EQUAL);
	order(L"r\u00e9sum\u00e9", L"rz", 0, CSTR_LESS_THAN);
	order(L"e\u0301", L"\u00e9", 0, CSTR_EQUAL);
	order(L"a.b,c", L"abc", NORM_IGNORESYMBOLS, CSTR_EQUAL);
	order(L"ab", L"abc", 0, CSTR_LESS_THAN);
	order(L"", L"a", 0, CSTR_LESS_THAN);
	CHECK(CompareStringW(0x409, SORT_DIGITSASNUMBERS, L"a10", -1, L"a9", -1) ==
	      CSTR_GREATER_THAN, "digits as numbers");
	CHECK(CompareStringW(0x409, 0, L"a10", -1, L"a9", -1) == CSTR_LESS_THAN, "digits");
	CHECK(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "HELLO", 3, "help", 3) ==
	      CSTR_EQUAL, "counted");
	CHECK(CompareStringEx(L"en-US", 0, L"x", 1, L"y", 1, NULL, NULL, 0) == CSTR_LESS_THAN,
	      "ex");
	CHECK(lstrcmpA("apple", "Apple") < 0 && lstrcmpiA("apple", "APPLE") == 0 &&
	      lstrcmpA(NULL, "a") < 0, "lstrcmpA");
	FAILS(CompareStringW(0x409, 0, NULL, -1, L"a", -1), 0, ERROR_INVALID_PARAMETER);
	FAILS(CompareStringW(0x409, 0x40000, L"a", -1, L"a", -1), 0, ERROR_INVALID_FLAGS);
	FAILS(CompareStringEx(L"zz-ZZ", 0, L"a", -1, L"a", -1, NULL, NULL, 0), 0,
	      ERROR_INVALID_PARAMETER);
	CHECK(CompareStringOrdinal(L"a", -1, L"B", -1, TRUE) == CSTR_LESS_THAN, "ordinal");
	CHECK(LCMapStringA(0x409, LCMAP_SORTKEY, "a", -1, (LPSTR)key, sizeof(key)) ==
	      (int)strlen((char *)key) + 1, "the key's length counts its 0");
	FAILS(LCMapStringW(0x409, LCMAP_SORTKEY, L"a", -1, (LPWSTR)key, 2), 0,
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(CompareStringA(0x409, 0, "'o", -1, "-o", -1) == CSTR_LESS_THAN &&
	      CompareStringA(0x409, 0, "-o", -1, "/m", -1) == CSTR_GREATER_THAN &&
	      CompareStringA(0x409, SORT_STRINGSORT, "-o", -1, "/m", -1) == CSTR_LESS_THAN,
	      "hyphens and apostrophes");
	CHECK(CompareStringA(0x409, 0, "a\0\0", 4, "a", 1) == CSTR_EQUAL &&
	      CompareStringA(0x409, 0, "a\0x", 4, "a", 1) == CSTR_GREATER_THAN &&
	      CompareStringA(0x409, 0, "\2", 2, "\1", 2) != CSTR_EQUAL, "embedded NULs");
	FAILS(CompareStringA(0x409, SORT_DIGITSASNUMBERS, "1", -1, "1", -1), 0,
	      ERROR_INVALID_FLAGS);
	stops_at_difference();
}

static void mapping(void)
{
	WCHAR w[32];
	char a[32];
	WORD types[8];

	CHECK(LCMapStringW(0x409, LCMAP_UPPERCASE, L"Stra\u00dfe \u00e9t\u00e9", -1, w, 32) == 11 &&
	      !wcscmp(w, L"STRA\u00dfE \u00c9T\u00c9"), "%ls", w);
	CHECK(LCMapStringA(0x409, LCMAP_LOWERCASE, "MiXeD", 5, a, 32) == 5 &&
	      !memcmp(a, "mixed", 5), "lower");
	CHECK(LCMapStringW(0x409, LCMAP_LOWERCASE, L"ABC", 3, NULL, 0) == 3, "size");
	CHECK(LCMapStringEx(L"en-US", LCMAP_TITLECASE, L"hello wORLD", -1, w, 32, NULL, NULL, 0) &&
	      !wcscmp(w, L"Hello World"), "%ls", w);
	CHECK(LCMapStringW(0x409, NORM_IGNORESYMBOLS, L"\ta-b c1!\r\n", -1, w, 32) == 5 &&
	      !wcscmp(w, L"abc1"), "%ls", w);
	CHECK(LCMapStringW(0x409, NORM_IGNORENONSPACE, L"\u00e0\u00e7 \u00e9e\u0301", -1, w, 32) == 6 &&
	      !wcscmp(w, L"ac ee"), "%ls", w);
	FAILS(LCMapStringW(0x409, LCMAP_UPPERCASE | NORM_IGNORESYMBOLS, L"a", -1, w, 32), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(LCMapStringW(0x409, LCMAP_HALFWIDTH | LCMAP_FULLWIDTH, L"a", -1, w, 32), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(LCMapStringA(0x409, LCMAP_TITLECASE, "a", -1, a, 32), 0, ERROR_INVALID_FLAGS);
	wcscpy(w, L"inplace");
	CHECK(LCMapStringW(0x409, LCMAP_UPPERCASE, w, -1, w, 32) == 8 && !wcscmp(w, L"INPLACE"),
	      "in place");
	FAILS(LCMapStringW(0x409, LCMAP_SORTKEY | LCMAP_UPPERCASE, L"a", -1, w, 32), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc", -1, w, 2), 0, ERROR_INSUFFICIENT_BUFFER);
	FAILS(LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc", 0, w, 32), 0, ERROR_INVALID_PARAMETER);
	FAILS(LCMapStringW(0x409, 0, L"abc", -1, w, 32), 0, ERROR_INVALID_FLAGS);

	CHECK(GetStringTypeW(CT_CTYPE1, L"Aa1 \t!", 6, types), "ctype1");
	CHECK(types[0] == (C1_UPPER | C1_XDIGIT | C1_ALPHA | C1_DEFINED) &&
	      types[1] == (C1_LOWER | C1_XDIGIT | C1_ALPHA | C1_DEFINED) &&
	      types[2] == (C1_DIGIT | C1_XDIGIT | C1_DEFINED) &&
	      types[3] == (C1_SPACE | C1_BLANK | C1_DEFINED) &&
	      types[4] == (C1_SPACE | C1_CNTRL | C1_BLANK | C1_DEFINED) &&
	      types[5] == (C1_PUNCT | C1_DEFINED), "%x %x %x %x %x %x", types[0], types[1],
	      types[2], types[3], types[4], types[5]);
	CHECK(GetStringTypeExA(0x409, CT_CTYPE2, "a1+ ", 4, types) &&
	      types[0] == C2_LEFTTORIGHT && types[1] == C2_EUROPENUMBER &&
	      types[2] == C2_EUROPESEPARATOR && types[3] == C2_WHITESPACE, "ctype2");
	CHECK(GetStringTypeW(CT_CTYPE3, L"a\u0301", 2, types) && (types[0] & C3_ALPHA) &&
	      (types[1] & C3_NONSPACING), "ctype3");
	FAILS(GetStringTypeW(CT_CTYPE1 | CT_CTYPE2, L"a", 1, types), FALSE, ERROR_INVALID_FLAGS);
	FAILS(GetStringTypeW(CT_CTYPE1, NULL, 1, types), FALSE, ERROR_INVALID_PARAMETER);

	CHECK(FoldStringW(MAP_FOLDDIGITS, L"\u0661\u00b2", 2, w, 32) == 2 && w[0] == '1' &&
	      w[1] == '2', "digits");
	CHECK(FoldStringW(MAP_COMPOSITE, L"\u00e9", 1, w, 32) == 2 && w[0] == 'e' &&
	      w[1] == 0x301, "composite");
	CHECK(FoldStringW(MAP_PRECOMPOSED, L"e\u0301x", 3, w, 32) == 2 && w[0] == 0xe9, "pre");
	CHECK(FoldStringW(MAP_EXPAND_LIGATURES, L"\u00e6", -1, w, 32) == 3 && !wcscmp(w, L"ae"),
	      "ligature");
	CHECK(FoldStringW(MAP_FOLDCZONE, L"\uff21", 1, NULL, 0) == 1, "size");
	CHECK(FoldStringW(MAP_EXPAND_LIGATURES, L"\u00de\ufb03", 2, w, 32) == 5 &&
	      !memcmp(w, L"THffi", 5 * sizeof(WCHAR)), "three from one");
	CHECK(FoldStringW(MAP_FOLDDIGITS, L"\u2463\uff17", -1, w, 32) == 3 && !wcscmp(w, L"47"),
	      "circled and full-width digits");
	FAILS(FoldStringW(MAP_FOLDCZONE, w, -1, w, 32), 0, ERROR_INVALID_PARAMETER);
	FAILS(FoldStringW(MAP_PRECOMPOSED | MAP_COMPOSITE, L"a", 1, w, 32), 0, ERROR_INVALID_FLAGS);
	FAILS(FoldStringW(0, L"a", 1, w, 32), 0, ERROR_INVALID_FLAGS);
	FAILS(FoldStringA(MAP_FOLDDIGITS, NULL, 1, a, 32), 0, ERROR_INVALID_PARAMETER);
}

static void dates(void)
{
	SYSTEMTIME st = { 2009, 3, 0, 5, 14, 7, 9, 0 }, bad = st;
	char a[64], pic[5 * 60 + 1];
	WCHAR w[64];

	CHECK(GetDateFormatA(0x409, DATE_SHORTDATE, &st, NULL, a, 64) == 9 &&
	      !strcmp(a, "3/5/2009"), "%s", a);
	CHECK(GetDateFormatW(0x409, DATE_LONGDATE, &st, NULL, w, 64) &&
	      !wcscmp(w, L"Thursday, March 5, 2009"), "%ls", w);
	CHECK(GetDateFormatEx(L"en-US", DATE_YEARMONTH, &st, NULL, w, 64, NULL) &&
	      !wcscmp(w, L"March 2009"), "%ls", w);
	CHECK(GetDateFormatA(0x409, 0, &st, "ddd',' dd MMM yy 'o''clock' gg", a, 64) &&
	      !strcmp(a, "Thu, 05 Mar 09 o'clock A.D."), "%s", a);
	CHECK(GetDateFormatA(0x409, 0, &st, "yyyy", NULL, 0) == 5, "size");
	for (int i = 0; i < 60; i++)
		memcpy(pic + 5 * i, "MMMM ", 6);
	CHECK(GetDateFormatA(0x409, 0, &st, pic, NULL, 0) == 6 * 60 + 1, "a long A picture");
	FAILS(GetDateFormatA(0x409, 0, &st, "yyyy", a, 4), 0, ERROR_INSUFFICIENT_BUFFER);
	FAILS(GetDateFormatA(0x409, DATE_LONGDATE, &st, "yyyy", a, 64), 0, ERROR_INVALID_FLAGS);
	FAILS(GetDateFormatA(0x409, DATE_LONGDATE | DATE_SHORTDATE, &st, NULL, a, 64), 0,
	      ERROR_INVALID_FLAGS);
	bad.wMonth = 2, bad.wDay = 30;
	FAILS(GetDateFormatA(0x409, 0, &bad, NULL, a, 64), 0, ERROR_INVALID_PARAMETER);
	CHECK(GetDateFormatW(0x409, 0, NULL, NULL, w, 64) > 8, "today");
	CHECK(GetDateFormatW(LOCALE_INVARIANT, DATE_LONGDATE, &st, NULL, w, 64) &&
	      !wcscmp(w, L"Thursday, 05 March 2009"), "%ls", w);
	FAILS(GetDateFormatW(0x409, DATE_AUTOLAYOUT | DATE_LTRREADING, &st, NULL, w, 64), 0,
	      ERROR_INVALID_FLAGS);

	CHECK(GetTimeFormatA(0x409, 0, &st, NULL, a, 64) == 11 && !strcmp(a, "2:07:09 PM"),
	      "%s", a);
	CHECK(GetTimeFormatW(0x409, TIME_NOSECONDS, &st, NULL, w, 64) && !wcscmp(w, L"2:07 PM"),
	      "%ls", w);
	CHECK(GetTimeFormatW(0x409, TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT, &st, NULL, w, 64) &&
	      !wcscmp(w, L"14:07:09"), "%ls", w);
	CHECK(GetTimeFormatEx(L"en-US", 0, &st, L"HH'h'mm t", w, 64) && !wcscmp(w, L"14h07 P"),
	      "%ls", w);
	CHECK(GetTimeFormatW(0x409, TIME_NOSECONDS, &st, L"h.@:m.@:s.@:tt", w, 64) &&
	      !wcscmp(w, L"2.@:7PM"), "%ls", w);
	CHECK(GetTimeFormatW(0x409, TIME_NOTIMEMARKER, &st, L"h1t2tt3m", w, 64) &&
	      !wcscmp(w, L"27"), "%ls", w);
	CHECK(GetTimeFormatW(0x409, TIME_NOMINUTESORSECONDS, &st, NULL, w, 64) &&
	      !wcscmp(w, L"2 PM"), "%ls", w);
	CHECK(GetTimeFormatW(0x409, 0, &st, L"''''h'h' '''HH", w, 64) && !wcscmp(w, L"'2h 'HH"),
	      "%ls", w);
	bad = st, bad.wMonth = 60;
	CHECK(GetTimeFormatA(0x409, 0, &bad, "h:m", a, 64) && !strcmp(a, "2:7"), "%s", a);
	bad = st, bad.wHour = 24;
	FAILS(GetTimeFormatA(0x409, 0, &bad, NULL, a, 64), 0, ERROR_INVALID_PARAMETER);
	CHECK(GetDateFormatA(0x409, 0, &bad, "d", a, 64) && !strcmp(a, "5"), "a date ignores the time");
	FAILS(GetTimeFormatA(0x409, LOCALE_NOUSEROVERRIDE, &st, "h", a, 64), 0,
	      ERROR_INVALID_FLAGS);
}

static void numbers(void)
{
	char a[64];
	WCHAR w[64];
	NUMBERFMTA nf = { 3, 0, 32, ",", " ", 0 };
	CURRENCYFMTW cf = { 1, 1, 3, L".", L",", 8, 3, L"EUR" };

	CHECK(GetNumberFormatA(0x409, 0, "1234567.891", NULL, a, 64) == 13 &&
	      !strcmp(a, "1,234,567.89"), "%s", a);
	CHECK(GetNumberFormatW(0x409, 0, L"-0.005", NULL, w, 64) && !wcscmp(w, L"-0.01"), "%ls", w);
	CHECK(GetNumberFormatEx(L"en-US", 0, L"999.995", NULL, w, 64) && !wcscmp(w, L"1,000.00"),
	      "%ls", w);
	CHECK(GetNumberFormatA(0x409, 0, "-12345678.5", &nf, a, 64) &&
	      !strcmp(a, "(1 23 45 678,500)"), "%s", a);
	CHECK(GetNumberFormatA(0x409, 0, "0.25", &nf, a, 64) && !strcmp(a, ",250"), "%s", a);
	nf.NumDigits = 0, nf.Grouping = 203, nf.lpThousandSep = ",";
	CHECK(GetNumberFormatA(0x409, 0, "123456789", &nf, a, 64) && !strcmp(a, "1,234,567,,89"),
	      "%s", a);
	nf.Grouping = 1200;
	CHECK(GetNumberFormatA(0x409, 0, "123456789", &nf, a, 64) && !strcmp(a, "123456,,78,9"),
	      "%s", a);
	CHECK(GetNumberFormatA(0x409, 0, "-000235", NULL, a, 64) && !strcmp(a, "-235.00"), "%s", a);
	FAILS(GetNumberFormatA(0x409, 0, "0..", NULL, a, 64), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetNumberFormatA(0x409, 0, "23", NULL, NULL, 64), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetNumberFormatA(0x409, 0, "12a", NULL, a, 64), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetNumberFormatA(0x409, LOCALE_NOUSEROVERRIDE, "1", &nf, a, 64), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(GetNumberFormatA(0x409, 0, "1234", NULL, a, 5), 0, ERROR_INSUFFICIENT_BUFFER);
	CHECK(GetCurrencyFormatA(0x409, 0, "1234.5", NULL, a, 64) && !strcmp(a, "$1,234.50"),
	      "%s", a);
	CHECK(GetCurrencyFormatA(0x409, 0, "-3", NULL, a, 64) && !strcmp(a, "($3.00)"), "%s", a);
	CHECK(GetCurrencyFormatW(0x409, 0, L"-1234.56", &cf, w, 64) &&
	      !wcscmp(w, L"-1,234.6 EUR"), "%ls", w);
	CHECK(GetCurrencyFormatEx(L"en-US", 0, L"7", &cf, w, 64) && !wcscmp(w, L"7.0 EUR"),
	      "%ls", w);
	cf.PositiveOrder = 4;
	FAILS(GetCurrencyFormatW(0x409, 0, L"7", &cf, w, 64), 0, ERROR_INVALID_PARAMETER);
}

int main(void)
{
	compare();
	mapping();
	dates();
	numbers();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
