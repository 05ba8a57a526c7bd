/* The locales (vados/winnls.h): which LCIDs and names mean en-US or the
 * invariant locale, the defaults, the thread's locale, enumeration, and
 * GetLocaleInfo's table of Windows' en-US values. */
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "user/lib/nls.h"

#define LCID_EN_US 0x0409
#define LANG_EN    0x0009
#define LOCALE_FLAGS (LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER | \
		      LOCALE_RETURN_GENITIVE_NAMES | LOCALE_ALLOW_NEUTRAL_NAMES)

struct info {
	LCTYPE type;
	BYTE number;                    /* 0: text; else the number's base */
	const WCHAR *value;
};

static const struct info en_us[] = {
	{ LOCALE_ILANGUAGE, 16, L"0409" }, { LOCALE_SLANGUAGE, 0, L"English (United States)" },
	{ LOCALE_SENGLANGUAGE, 0, L"English" }, { LOCALE_SABBREVLANGNAME, 0, L"ENU" },
	{ LOCALE_SNATIVELANGNAME, 0, L"English" }, { LOCALE_ICOUNTRY, 10, L"1" },
	{ LOCALE_SCOUNTRY, 0, L"United States" }, { LOCALE_SENGCOUNTRY, 0, L"United States" },
	{ LOCALE_SABBREVCTRYNAME, 0, L"USA" }, { LOCALE_SNATIVECTRYNAME, 0, L"United States" },
	{ LOCALE_IDEFAULTLANGUAGE, 16, L"0409" }, { LOCALE_IDEFAULTCOUNTRY, 10, L"1" },
	{ LOCALE_IDEFAULTCODEPAGE, 10, L"437" }, { LOCALE_IDEFAULTANSICODEPAGE, 10, L"1252" },
	{ LOCALE_IDEFAULTMACCODEPAGE, 10, L"10000" },
	{ LOCALE_IDEFAULTEBCDICCODEPAGE, 10, L"037" }, { LOCALE_SLIST, 0, L"," },
	{ LOCALE_IMEASURE, 10, L"1" }, { LOCALE_SDECIMAL, 0, L"." }, { LOCALE_STHOUSAND, 0, L"," },
	{ LOCALE_SGROUPING, 0, L"3;0" }, { LOCALE_IDIGITS, 10, L"2" }, { LOCALE_ILZERO, 10, L"1" },
	{ LOCALE_INEGNUMBER, 10, L"1" }, { LOCALE_SNATIVEDIGITS, 0, L"0123456789" },
	{ LOCALE_SCURRENCY, 0, L"$" }, { LOCALE_SINTLSYMBOL, 0, L"USD" },
	{ LOCALE_SMONDECIMALSEP, 0, L"." }, { LOCALE_SMONTHOUSANDSEP, 0, L"," },
	{ LOCALE_SMONGROUPING, 0, L"3;0" }, { LOCALE_ICURRDIGITS, 10, L"2" },
	{ LOCALE_IINTLCURRDIGITS, 10, L"2" }, { LOCALE_ICURRENCY, 10, L"0" },
	{ LOCALE_INEGCURR, 10, L"0" }, { LOCALE_SDATE, 0, L"/" }, { LOCALE_STIME, 0, L":" },
	{ LOCALE_SSHORTDATE, 0, L"M/d/yyyy" }, { LOCALE_SLONGDATE, 0, L"dddd, MMMM d, yyyy" },
	{ LOCALE_STIMEFORMAT, 0, L"h:mm:ss tt" }, { LOCALE_SSHORTTIME, 0, L"h:mm tt" },
	{ LOCALE_SYEARMONTH, 0, L"MMMM yyyy" }, { LOCALE_SMONTHDAY, 0, L"MMMM d" },
	{ LOCALE_IDATE, 10, L"0" }, { LOCALE_ILDATE, 10, L"0" }, { LOCALE_ITIME, 10, L"0" },
	{ LOCALE_ITIMEMARKPOSN, 10, L"0" }, { LOCALE_ICENTURY, 10, L"1" },
	{ LOCALE_ITLZERO, 10, L"0" }, { LOCALE_IDAYLZERO, 10, L"0" },
	{ LOCALE_IMONLZERO, 10, L"0" }, { LOCALE_S1159, 0, L"AM" }, { LOCALE_S2359, 0, L"PM" },
	{ LOCALE_ICALENDARTYPE, 10, L"1" }, { LOCALE_IOPTIONALCALENDAR, 10, L"0" },
	{ LOCALE_IFIRSTDAYOFWEEK, 10, L"6" }, { LOCALE_IFIRSTWEEKOFYEAR, 10, L"0" },
	{ LOCALE_SMONTHNAME13, 0, L"" }, { LOCALE_SABBREVMONTHNAME13, 0, L"" },
	{ LOCALE_SPOSITIVESIGN, 0, L"" }, { LOCALE_SNEGATIVESIGN, 0, L"-" },
	{ LOCALE_IPOSSIGNPOSN, 10, L"3" }, { LOCALE_INEGSIGNPOSN, 10, L"0" },
	{ LOCALE_IPOSSYMPRECEDES, 10, L"1" }, { LOCALE_IPOSSEPBYSPACE, 10, L"0" },
	{ LOCALE_INEGSYMPRECEDES, 10, L"1" }, { LOCALE_INEGSEPBYSPACE, 10, L"0" },
	{ LOCALE_SISO639LANGNAME, 0, L"en" }, { LOCALE_SISO3166CTRYNAME, 0, L"US" },
	{ LOCALE_IGEOID, 10, L"244" }, { LOCALE_SNAME, 0, L"en-US" },
	{ LOCALE_SDURATION, 0, L"h:mm:ss" }, { LOCALE_SISO639LANGNAME2, 0, L"eng" },
	{ LOCALE_SISO3166CTRYNAME2, 0, L"USA" }, { LOCALE_SNAN, 0, L"NaN" },
	{ LOCALE_SPOSINFINITY, 0, L"Infinity" }, { LOCALE_SNEGINFINITY, 0, L"-Infinity" },
	{ LOCALE_SSCRIPTS, 0, L"Latn;" }, { LOCALE_SPARENT, 0, L"en" },
	{ LOCALE_SCONSOLEFALLBACKNAME, 0, L"en-US" },
	{ LOCALE_SLOCALIZEDLANGUAGENAME, 0, L"English" }, { LOCALE_IREADINGLAYOUT, 10, L"0" },
	{ LOCALE_INEUTRAL, 10, L"0" }, { LOCALE_SENGLISHDISPLAYNAME, 0, L"English (United States)" },
	{ LOCALE_SNATIVEDISPLAYNAME, 0, L"English (United States)" },
	{ LOCALE_INEGATIVEPERCENT, 10, L"1" }, { LOCALE_IPOSITIVEPERCENT, 10, L"1" },
	{ LOCALE_SPERCENT, 0, L"%" }, { LOCALE_SPERMILLE, 0, L"\u2030" },
	{ LOCALE_SOPENTYPELANGUAGETAG, 0, L"dflt" }, { LOCALE_SSORTLOCALE, 0, L"en-US" },
	{ LOCALE_IPAPERSIZE, 10, L"1" }, { LOCALE_SENGCURRNAME, 0, L"US Dollar" },
	{ LOCALE_SNATIVECURRNAME, 0, L"US Dollar" }, { LOCALE_SSORTNAME, 0, L"Default" },
	{ LOCALE_IDIGITSUBSTITUTION, 10, L"1" }, { LOCALE_SKEYBOARDSTOINSTALL, 0, L"0409:00000409" },
	{ LOCALE_SRELATIVELONGDATE, 0, L"MMMM d" }, { LOCALE_ICONSTRUCTEDLOCALE, 10, L"0" },
	{ LOCALE_SSHORTESTAM, 0, L"a" }, { LOCALE_SSHORTESTPM, 0, L"p" },
};

/* Where the invariant locale differs from en-US. */
static const struct info invariant[] = {
	{ LOCALE_ILANGUAGE, 16, L"007f" }, { LOCALE_IDEFAULTLANGUAGE, 16, L"007f" },
	{ LOCALE_SLANGUAGE, 0, L"Invariant Language (Invariant Country)" },
	{ LOCALE_SENGLISHDISPLAYNAME, 0, L"Invariant Language (Invariant Country)" },
	{ LOCALE_SNATIVEDISPLAYNAME, 0, L"Invariant Language (Invariant Country)" },
	{ LOCALE_SENGLANGUAGE, 0, L"Invariant Language" },
	{ LOCALE_SNATIVELANGNAME, 0, L"Invariant Language" },
	{ LOCALE_SLOCALIZEDLANGUAGENAME, 0, L"Invariant Language" },
	{ LOCALE_SABBREVLANGNAME, 0, L"IVL" }, { LOCALE_SCOUNTRY, 0, L"Invariant Country" },
	{ LOCALE_SENGCOUNTRY, 0, L"Invariant Country" },
	{ LOCALE_SNATIVECTRYNAME, 0, L"Invariant Country" }, { LOCALE_SABBREVCTRYNAME, 0, L"IVC" },
	{ LOCALE_SISO639LANGNAME, 0, L"iv" }, { LOCALE_SISO3166CTRYNAME, 0, L"IV" },
	{ LOCALE_SISO639LANGNAME2, 0, L"ivl" }, { LOCALE_SISO3166CTRYNAME2, 0, L"IVC" },
	{ LOCALE_SNAME, 0, L"" }, { LOCALE_SPARENT, 0, L"" }, { LOCALE_SSORTLOCALE, 0, L"" },
	{ LOCALE_SCONSOLEFALLBACKNAME, 0, L"" }, { LOCALE_SCURRENCY, 0, L"\u00a4" },
	{ LOCALE_SINTLSYMBOL, 0, L"XDR" }, { LOCALE_SENGCURRNAME, 0, L"International Monetary Fund" },
	{ LOCALE_SNATIVECURRNAME, 0, L"International Monetary Fund" },
	{ LOCALE_SSHORTDATE, 0, L"MM/dd/yyyy" }, { LOCALE_SYEARMONTH, 0, L"yyyy MMMM" },
	{ LOCALE_SLONGDATE, 0, L"dddd, dd MMMM yyyy" }, { LOCALE_ILDATE, 10, L"1" },
	{ LOCALE_STIMEFORMAT, 0, L"HH:mm:ss" }, { LOCALE_SSHORTTIME, 0, L"HH:mm" },
	{ LOCALE_ITIME, 10, L"1" }, { LOCALE_ITLZERO, 10, L"1" }, { LOCALE_IDAYLZERO, 10, L"1" },
	{ LOCALE_IMONLZERO, 10, L"1" }, { LOCALE_IFIRSTDAYOFWEEK, 10, L"0" },
	{ LOCALE_SMONTHDAY, 0, L"MMMM dd" }, { LOCALE_IGEOID, 10, L"-1" },
};

static const WCHAR *const day_names[] = { L"Monday", L"Tuesday", L"Wednesday", L"Thursday",
					   L"Friday", L"Saturday", L"Sunday" };
static const WCHAR *const month_names[] = { L"January", L"February", L"March", L"April",
					     L"May", L"June", L"July", L"August",
					     L"September", L"October", L"November",
					     L"December" };
static const WCHAR *const shortest_days[] = { L"Mo", L"Tu", L"We", L"Th", L"Fr", L"Sa",
					       L"Su" };
static const WCHAR *const abbrev_days[] = { L"Mon", L"Tue", L"Wed", L"Thu", L"Fri", L"Sat",
					     L"Sun" };
static const WCHAR *const abbrev_months[] = { L"Jan", L"Feb", L"Mar", L"Apr", L"May", L"Jun",
					       L"Jul", L"Aug", L"Sep", L"Oct", L"Nov", L"Dec" };

LCID nls_resolve_lcid(LCID lcid)
{
	switch (lcid) {
	case LOCALE_NEUTRAL: case LOCALE_USER_DEFAULT: case LOCALE_SYSTEM_DEFAULT:
	case LOCALE_CUSTOM_DEFAULT: case LOCALE_CUSTOM_UI_DEFAULT: case LOCALE_CUSTOM_UNSPECIFIED:
	case LCID_EN_US:
	case LANG_EN:
		return LCID_EN_US;
	case LOCALE_INVARIANT:
		return LOCALE_INVARIANT;
	}
	return 0;
}

/* Case-insensitive ASCII equality of a locale name with s. */
static BOOL name_is(LPCWSTR name, const char *s)
{
	for (; *s; name++, s++)
		if (*name >= 0x80 || (*name | 0x20) != (*s | 0x20))
			return FALSE;
	return *name == 0;
}

LCID nls_resolve_name(LPCWSTR name, DWORD flags)
{
	if (!name || name_is(name, "en-US") || name_is(name, "!x-sys-default-locale"))
		return LCID_EN_US;
	if (!*name)
		return LOCALE_INVARIANT;
	if (name_is(name, "en"))
		return flags & LOCALE_ALLOW_NEUTRAL_NAMES ? LANG_EN : LCID_EN_US;
	return 0;
}

LCID WINAPI GetUserDefaultLCID(VOID) { return LCID_EN_US; }
LCID WINAPI GetSystemDefaultLCID(VOID) { return LCID_EN_US; }
LANGID WINAPI GetUserDefaultLangID(VOID) { return LCID_EN_US; }
LANGID WINAPI GetSystemDefaultLangID(VOID) { return LCID_EN_US; }
LANGID WINAPI GetUserDefaultUILanguage(VOID) { return LCID_EN_US; }
LANGID WINAPI GetSystemDefaultUILanguage(VOID) { return LCID_EN_US; }

LCID WINAPI ConvertDefaultLocale(LCID Locale)
{
	LANGID lang = LANGIDFROMLCID(Locale);

	if (Locale == LOCALE_USER_DEFAULT || Locale == LOCALE_SYSTEM_DEFAULT ||
	    Locale == LOCALE_NEUTRAL)
		return LCID_EN_US;
	if (PRIMARYLANGID(lang) != LANG_NEUTRAL && SUBLANGID(lang) == SUBLANG_NEUTRAL)
		return MAKELCID(MAKELANGID(PRIMARYLANGID(lang), SUBLANG_DEFAULT),
				SORTIDFROMLCID(Locale));
	return Locale;
}

LANGID WINAPI GetThreadUILanguage(VOID) { return LCID_EN_US; }

LANGID WINAPI SetThreadUILanguage(LANGID LangId)
{
	if (LangId && LangId != LCID_EN_US && LangId != LANG_EN)
		return (LANGID)nls_fail(ERROR_INVALID_PARAMETER);
	return LangId ? LangId : LCID_EN_US;
}

GEOID WINAPI GetUserGeoID(GEOCLASS GeoClass)
{
	return GeoClass == GEOCLASS_NATION ? 244 : GEOID_NOT_AVAILABLE;
}

LCID WINAPI GetThreadLocale(VOID)
{
	LCID lcid = NtCurrentTeb()->CurrentLocale;

	return lcid ? lcid : LCID_EN_US;
}

BOOL WINAPI SetThreadLocale(LCID Locale)
{
	if (!nls_resolve_lcid(Locale))
		return nls_fail(ERROR_INVALID_PARAMETER);
	NtCurrentTeb()->CurrentLocale = Locale == LOCALE_INVARIANT ? LOCALE_INVARIANT
					: nls_resolve_lcid(Locale);
	return TRUE;
}

int WINAPI GetUserDefaultLocaleName(LPWSTR lpLocaleName, int cchLocaleName)
{
	return nls_put_string(L"en-US", lpLocaleName, cchLocaleName);
}

int WINAPI GetSystemDefaultLocaleName(LPWSTR lpLocaleName, int cchLocaleName)
{
	return GetUserDefaultLocaleName(lpLocaleName, cchLocaleName);
}

LCID WINAPI LocaleNameToLCID(LPCWSTR lpName, DWORD dwFlags)
{
	LCID lcid;

	if (dwFlags & ~(DWORD)LOCALE_ALLOW_NEUTRAL_NAMES)
		return nls_fail(ERROR_INVALID_FLAGS);
	lcid = nls_resolve_name(lpName, dwFlags);
	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	return lcid;
}

int WINAPI LCIDToLocaleName(LCID Locale, LPWSTR lpName, int cchName, DWORD dwFlags)
{
	LCID lcid = nls_resolve_lcid(Locale);

	if (dwFlags & ~(DWORD)LOCALE_ALLOW_NEUTRAL_NAMES)
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (Locale == LANG_EN && (dwFlags & LOCALE_ALLOW_NEUTRAL_NAMES))
		return nls_put_string(L"en", lpName, cchName);
	return nls_put_string(lcid == LOCALE_INVARIANT ? L"" : L"en-US", lpName, cchName);
}

/* A real locale only: the defaults (LOCALE_USER_DEFAULT ...) are not. */
BOOL WINAPI IsValidLocale(LCID Locale, DWORD dwFlags)
{
	if (dwFlags & ~(DWORD)(LCID_INSTALLED | LCID_SUPPORTED | LCID_ALTERNATE_SORTS))
		return FALSE;
	return Locale == LCID_EN_US || Locale == LOCALE_INVARIANT || Locale == LANG_EN;
}

BOOL WINAPI IsValidLocaleName(LPCWSTR lpLocaleName)
{
	return lpLocaleName && nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES);
}

BOOL WINAPI EnumSystemLocalesW(LOCALE_ENUMPROCW lpLocaleEnumProc, DWORD dwFlags)
{
	WCHAR name[] = L"00000409";

	if (!lpLocaleEnumProc)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (dwFlags & ~(DWORD)(LCID_INSTALLED | LCID_SUPPORTED | LCID_ALTERNATE_SORTS))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!(dwFlags & LCID_ALTERNATE_SORTS))  /* en-US has no alternate sort */
		lpLocaleEnumProc(name);
	return TRUE;
}

BOOL WINAPI EnumSystemLocalesA(LOCALE_ENUMPROCA lpLocaleEnumProc, DWORD dwFlags)
{
	char name[] = "00000409";

	if (!lpLocaleEnumProc)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (dwFlags & ~(DWORD)(LCID_INSTALLED | LCID_SUPPORTED | LCID_ALTERNATE_SORTS))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!(dwFlags & LCID_ALTERNATE_SORTS))
		lpLocaleEnumProc(name);
	return TRUE;
}

BOOL WINAPI EnumSystemLocalesEx(LOCALE_ENUMPROCEX lpLocaleEnumProcEx, DWORD dwFlags,
				LPARAM lParam, LPVOID lpReserved)
{
	WCHAR neutral[] = L"en", specific[] = L"en-US";

	if (!lpLocaleEnumProcEx || lpReserved)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (dwFlags & ~(DWORD)(LOCALE_WINDOWS | LOCALE_SUPPLEMENTAL | LOCALE_ALTERNATE_SORTS |
			       LOCALE_REPLACEMENT | LOCALE_NEUTRALDATA | LOCALE_SPECIFICDATA))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (dwFlags & (LOCALE_SUPPLEMENTAL | LOCALE_ALTERNATE_SORTS | LOCALE_REPLACEMENT) &&
	    !(dwFlags & (LOCALE_WINDOWS | LOCALE_NEUTRALDATA | LOCALE_SPECIFICDATA)))
		return TRUE;
	if (!(dwFlags & LOCALE_SPECIFICDATA) || (dwFlags & LOCALE_NEUTRALDATA))
		if (!lpLocaleEnumProcEx(neutral, LOCALE_WINDOWS | LOCALE_NEUTRALDATA, lParam))
			return TRUE;
	if (!(dwFlags & LOCALE_NEUTRALDATA) || (dwFlags & LOCALE_SPECIFICDATA))
		lpLocaleEnumProcEx(specific, LOCALE_WINDOWS | LOCALE_SPECIFICDATA, lParam);
	return TRUE;
}

static const struct info *find(const struct info *table, size_t n, LCTYPE type)
{
	for (size_t i = 0; i < n; i++)
		if (table[i].type == type)
			return &table[i];
	return NULL;
}

/* The day and month names' entries. */
static const WCHAR *name_value(LCTYPE type)
{
	if (type >= LOCALE_SDAYNAME1 && type <= LOCALE_SDAYNAME7)
		return day_names[type - LOCALE_SDAYNAME1];
	if (type >= LOCALE_SABBREVDAYNAME1 && type <= LOCALE_SABBREVDAYNAME7)
		return abbrev_days[type - LOCALE_SABBREVDAYNAME1];
	if (type >= LOCALE_SMONTHNAME1 && type <= LOCALE_SMONTHNAME12)
		return month_names[type - LOCALE_SMONTHNAME1];
	if (type >= LOCALE_SABBREVMONTHNAME1 && type <= LOCALE_SABBREVMONTHNAME12)
		return abbrev_months[type - LOCALE_SABBREVMONTHNAME1];
	if (type >= LOCALE_SSHORTESTDAYNAME1 && type <= LOCALE_SSHORTESTDAYNAME7)
		return shortest_days[type - LOCALE_SSHORTESTDAYNAME1];
	return NULL;
}

const WCHAR *nls_locale_value(LCID lcid, LCTYPE type, int *number_base)
{
	const struct info *e = NULL;

	type &= ~(DWORD)LOCALE_FLAGS;
	*number_base = 0;
	if (lcid == LOCALE_INVARIANT)
		e = find(invariant, sizeof(invariant) / sizeof(invariant[0]), type);
	if (!e)
		e = find(en_us, sizeof(en_us) / sizeof(en_us[0]), type);
	if (e) {
		*number_base = e->number;
		return e->value;
	}
	return name_value(type);
}

/* The number a LOCALE_I* text stands for. */
static DWORD number_of(const WCHAR *s, int base)
{
	DWORD v = 0;
	BOOL negative = *s == '-';

	for (s += negative; *s; s++)
		v = v * base + (*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
	return negative ? (DWORD)-(LONG)v : v;
}

int nls_locale_info(LCID lcid, LCTYPE LCType, LPWSTR out, int room, int unit)
{
	LCTYPE type = LCType & ~(DWORD)LOCALE_FLAGS;
	const WCHAR *value;
	int base, need = (int)(sizeof(DWORD) / unit);
	DWORD number;

	if (room < 0 || (room && !out))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	value = nls_locale_value(lcid, LCType, &base);
	if (!value || ((LCType & LOCALE_RETURN_GENITIVE_NAMES) &&
		       (unit == 1 || !((type >= LOCALE_SMONTHNAME1 && type <= LOCALE_SMONTHNAME12) ||
				       type == LOCALE_SMONTHNAME13))))
		return nls_fail(ERROR_INVALID_FLAGS);   /* genitive: W month names only */
	if (!(LCType & LOCALE_RETURN_NUMBER))
		return -1;              /* the caller copies the text */
	if (!base)
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!room)
		return need;
	if (room < need)
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	number = number_of(value, base);
	memcpy(out, &number, sizeof(number));
	return need;
}

/* GetLocaleInfo's text: as the size rules say, but a buffer too small
 * still gets what fits (programs rely on it, Windows does it). */
static int put_info(const WCHAR *value, LPWSTR out, int room)
{
	int need = (int)wcslen(value) + 1;

	if (room && room < need) {
		memcpy(out, value, room * sizeof(WCHAR));
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	}
	return nls_put_string(value, out, room);
}

int WINAPI GetLocaleInfoW(LCID Locale, LCTYPE LCType, LPWSTR lpLCData, int cchData)
{
	LCID lcid = nls_resolve_lcid(Locale);
	int r = nls_locale_info(lcid, LCType, lpLCData, cchData, sizeof(WCHAR)), base;

	if (r != -1)
		return r;
	return put_info(nls_locale_value(lcid, LCType, &base), lpLCData, cchData);
}

int WINAPI GetLocaleInfoEx(LPCWSTR lpLocaleName, LCTYPE LCType, LPWSTR lpLCData, int cchData)
{
	LCID lcid = nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES);

	if (!lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (lcid == LANG_EN && (LCType & ~(DWORD)LOCALE_FLAGS) == LOCALE_SNAME &&
	    !(LCType & LOCALE_RETURN_NUMBER))
		return put_info(L"en", lpLCData, cchData);
	return GetLocaleInfoW(lcid, LCType, lpLCData, cchData);
}

/* The values are ASCII but for LOCALE_SPERMILLE and the invariant
 * currency sign, which CP_ACP turns into '?'. */
int WINAPI GetLocaleInfoA(LCID Locale, LCTYPE LCType, LPSTR lpLCData, int cchData)
{
	LCID lcid = nls_resolve_lcid(Locale);
	int r = nls_locale_info(lcid, LCType, (LPWSTR)lpLCData, cchData, 1), base, need;
	const WCHAR *value;

	if (r != -1)
		return r;
	value = nls_locale_value(lcid, LCType, &base);
	need = nls_put_ansi(value, -1, NULL, 0);
	if (cchData && cchData < need) {
		WideCharToMultiByte(CP_ACP, 0, value, cchData, lpLCData, cchData, NULL, NULL);
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	}
	return nls_put_ansi(value, -1, lpLCData, cchData);
}
