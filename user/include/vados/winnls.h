/* <windows.h>'s National Language Support (Windows' winnls.h and the
 * version checks of winnt.h/winbase.h), with Windows' names, values and
 * layouts. Included by <windows.h> after vados/winwide.h; not on its own.
 *
 * vados has one locale, English (United States): LCID 0x0409, "en-US",
 * with Windows' en-US values (LOCALE_IDEFAULTANSICODEPAGE 1252,
 * LOCALE_IDEFAULTCODEPAGE 437), and the invariant locale (0x007F, "").
 * LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_CUSTOM_DEFAULT and
 * LOCALE_NEUTRAL mean en-US; any other LCID or name:
 * ERROR_INVALID_PARAMETER. The A calls take and give strings in CP_ACP
 * (GetACP: 437). Sizes count characters with the NUL; a size of 0 asks
 * for the size needed; a buffer too small: ERROR_INSUFFICIENT_BUFFER; an
 * unknown flag: ERROR_INVALID_FLAGS (user/lib/nls_*.c). */
#ifndef VADOS_WINNLS_H
#define VADOS_WINNLS_H

typedef DWORD LCID, *PLCID;
typedef WORD LANGID;
typedef DWORD LCTYPE, CALTYPE, CALID;
typedef const CHAR *PCNZCH;
typedef const WCHAR *PCNZWCH;
typedef ULONGLONG DWORDLONG, *PDWORDLONG;
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
	unsigned long Data1;
	unsigned short Data2, Data3;
	unsigned char Data4[8];
} GUID;
#endif

#define MAKELCID(lgid, srtid) ((DWORD)((((DWORD)((WORD)(srtid))) << 16) | ((DWORD)((WORD)(lgid)))))
#define LANGIDFROMLCID(lcid)  ((WORD)(lcid))
#define SORTIDFROMLCID(lcid)  ((WORD)((((DWORD)(lcid)) >> 16) & 0xf))
#define SORT_DEFAULT          0x0
#define LANG_INVARIANT        0x7f
#define LOCALE_SYSTEM_DEFAULT     0x0800
#define LOCALE_USER_DEFAULT       0x0400
#define LOCALE_CUSTOM_DEFAULT     0x0c00
#define LOCALE_CUSTOM_UNSPECIFIED 0x1000
#define LOCALE_CUSTOM_UI_DEFAULT  0x1400
#define LOCALE_NEUTRAL            0x0000
#define LOCALE_INVARIANT          0x007f

#define LOCALE_NAME_MAX_LENGTH     85
#define LOCALE_NAME_USER_DEFAULT   NULL
#define LOCALE_NAME_INVARIANT      L""
#define LOCALE_NAME_SYSTEM_DEFAULT L"!x-sys-default-locale"

#define ERROR_OLD_WIN_VERSION 1150L
#define ERROR_BAD_ARGUMENTS   160L

/* The user's and the system's locale and language: en-US (0x0409). */
WINAPI LCID GetUserDefaultLCID(VOID);
WINAPI LCID GetSystemDefaultLCID(VOID);
WINAPI LANGID GetUserDefaultLangID(VOID);
WINAPI LANGID GetSystemDefaultLangID(VOID);
WINAPI LANGID GetUserDefaultUILanguage(VOID);
WINAPI LANGID GetSystemDefaultUILanguage(VOID);
/* The thread's locale (en-US until SetThreadLocale, kept in the TEB);
 * SetThreadLocale takes en-US, the invariant locale or a default LCID
 * (stored as en-US), else FALSE with ERROR_INVALID_PARAMETER. */
WINAPI LCID GetThreadLocale(VOID);
WINAPI BOOL SetThreadLocale(LCID Locale);
/* The LCID a default one stands for (LOCALE_USER_DEFAULT, _SYSTEM_DEFAULT,
 * LOCALE_NEUTRAL: 0x0409; a neutral sublanguage: SUBLANG_DEFAULT's); others
 * as they are. */
WINAPI LCID ConvertDefaultLocale(LCID Locale);
/* The thread's UI language: en-US. SetThreadUILanguage(0) or (0x0409)
 * answers 0x0409; another: 0 with ERROR_INVALID_PARAMETER. */
WINAPI LANGID GetThreadUILanguage(VOID);
WINAPI LANGID SetThreadUILanguage(LANGID LangId);
/* The user's location: GEOCLASS_NATION 244 (the United States); another
 * class GEOID_NOT_AVAILABLE. */
typedef LONG GEOID;
typedef DWORD GEOCLASS;
#define GEOCLASS_NATION     16
#define GEOCLASS_REGION     14
#define GEOCLASS_ALL        0
#define GEOID_NOT_AVAILABLE (-1)
WINAPI GEOID GetUserGeoID(GEOCLASS GeoClass);
/* "en-US" into lpLocaleName: its length with the NUL (6; cchLocaleName 0
 * asks for it), or 0 with ERROR_INSUFFICIENT_BUFFER when cchLocaleName is
 * smaller. */
WINAPI int GetUserDefaultLocaleName(LPWSTR lpLocaleName, int cchLocaleName);
WINAPI int GetSystemDefaultLocaleName(LPWSTR lpLocaleName, int cchLocaleName);
/* "en-US" (any case), LOCALE_NAME_USER_DEFAULT (NULL) and
 * LOCALE_NAME_SYSTEM_DEFAULT: 0x0409; "" 0x007F; the neutral "en" 0x0409,
 * or 0x0009 with LOCALE_ALLOW_NEUTRAL_NAMES; else 0 with
 * ERROR_INVALID_PARAMETER. */
WINAPI LCID LocaleNameToLCID(LPCWSTR lpName, DWORD dwFlags);
WINAPI int LCIDToLocaleName(LCID Locale, LPWSTR lpName, int cchName, DWORD dwFlags);
#define LCID_INSTALLED       0x00000001
#define LCID_SUPPORTED       0x00000002
#define LCID_ALTERNATE_SORTS 0x00000004
/* 0x0409, 0x0009 and 0x007F; the default LCIDs name no locale: FALSE. */
WINAPI BOOL IsValidLocale(LCID Locale, DWORD dwFlags);
WINAPI BOOL IsValidLocaleName(LPCWSTR lpLocaleName);
/* The one locale, as "00000409" (EnumSystemLocales) or "en-US"
 * (EnumSystemLocalesEx, with LOCALE_WINDOWS | LOCALE_SPECIFICDATA; the
 * neutral "en" too for LOCALE_ALL or LOCALE_NEUTRALDATA). */
typedef BOOL (CALLBACK *LOCALE_ENUMPROCA)(LPSTR);
typedef BOOL (CALLBACK *LOCALE_ENUMPROCW)(LPWSTR);
typedef BOOL (CALLBACK *LOCALE_ENUMPROCEX)(LPWSTR, DWORD, LPARAM);
#define LOCALE_ALL            0x00000000
#define LOCALE_WINDOWS        0x00000001
#define LOCALE_SUPPLEMENTAL   0x00000002
#define LOCALE_ALTERNATE_SORTS 0x00000004
#define LOCALE_REPLACEMENT    0x00000008
#define LOCALE_NEUTRALDATA    0x00000010
#define LOCALE_SPECIFICDATA   0x00000020
WINAPI BOOL EnumSystemLocalesA(LOCALE_ENUMPROCA lpLocaleEnumProc, DWORD dwFlags);
WINAPI BOOL EnumSystemLocalesW(LOCALE_ENUMPROCW lpLocaleEnumProc, DWORD dwFlags);
WINAPI BOOL EnumSystemLocalesEx(LOCALE_ENUMPROCEX lpLocaleEnumProcEx, DWORD dwFlags,
				LPARAM lParam, LPVOID lpReserved);

/* GetLocaleInfo's LCTYPEs (the LOCALE_I* ones are numbers in text; with
 * LOCALE_RETURN_NUMBER a DWORD, size sizeof(DWORD) / sizeof(TCHAR)). */
#define LOCALE_NOUSEROVERRIDE         0x80000000
#define LOCALE_USE_CP_ACP             0x40000000
#define LOCALE_RETURN_NUMBER          0x20000000
#define LOCALE_RETURN_GENITIVE_NAMES  0x10000000
#define LOCALE_ALLOW_NEUTRAL_NAMES    0x08000000
#define LOCALE_ILANGUAGE              0x00000001
#define LOCALE_SLANGUAGE              0x00000002
#define LOCALE_SLOCALIZEDDISPLAYNAME  0x00000002
#define LOCALE_SENGLANGUAGE           0x00001001
#define LOCALE_SENGLISHLANGUAGENAME   0x00001001
#define LOCALE_SABBREVLANGNAME        0x00000003
#define LOCALE_SNATIVELANGNAME        0x00000004
#define LOCALE_SNATIVELANGUAGENAME    0x00000004
#define LOCALE_ICOUNTRY               0x00000005
#define LOCALE_IDIALINGCODE           0x00000005
#define LOCALE_SCOUNTRY               0x00000006
#define LOCALE_SLOCALIZEDCOUNTRYNAME  0x00000006
#define LOCALE_SENGCOUNTRY            0x00001002
#define LOCALE_SENGLISHCOUNTRYNAME    0x00001002
#define LOCALE_SABBREVCTRYNAME        0x00000007
#define LOCALE_SNATIVECTRYNAME        0x00000008
#define LOCALE_SNATIVECOUNTRYNAME     0x00000008
#define LOCALE_IDEFAULTLANGUAGE       0x00000009
#define LOCALE_IDEFAULTCOUNTRY        0x0000000A
#define LOCALE_IDEFAULTCODEPAGE       0x0000000B
#define LOCALE_IDEFAULTANSICODEPAGE   0x00001004
#define LOCALE_IDEFAULTMACCODEPAGE    0x00001011
#define LOCALE_SLIST                  0x0000000C
#define LOCALE_IMEASURE               0x0000000D
#define LOCALE_SDECIMAL               0x0000000E
#define LOCALE_STHOUSAND              0x0000000F
#define LOCALE_SGROUPING              0x00000010
#define LOCALE_IDIGITS                0x00000011
#define LOCALE_ILZERO                 0x00000012
#define LOCALE_INEGNUMBER             0x00001010
#define LOCALE_SNATIVEDIGITS          0x00000013
#define LOCALE_SCURRENCY              0x00000014
#define LOCALE_SINTLSYMBOL            0x00000015
#define LOCALE_SMONDECIMALSEP         0x00000016
#define LOCALE_SMONTHOUSANDSEP        0x00000017
#define LOCALE_SMONGROUPING           0x00000018
#define LOCALE_ICURRDIGITS            0x00000019
#define LOCALE_IINTLCURRDIGITS        0x0000001A
#define LOCALE_ICURRENCY              0x0000001B
#define LOCALE_INEGCURR               0x0000001C
#define LOCALE_SDATE                  0x0000001D
#define LOCALE_STIME                  0x0000001E
#define LOCALE_SSHORTDATE             0x0000001F
#define LOCALE_SLONGDATE              0x00000020
#define LOCALE_STIMEFORMAT            0x00001003
#define LOCALE_IDATE                  0x00000021
#define LOCALE_ILDATE                 0x00000022
#define LOCALE_ITIME                  0x00000023
#define LOCALE_ITIMEMARKPOSN          0x00001005
#define LOCALE_ICENTURY               0x00000024
#define LOCALE_ITLZERO                0x00000025
#define LOCALE_IDAYLZERO              0x00000026
#define LOCALE_IMONLZERO              0x00000027
#define LOCALE_S1159                  0x00000028
#define LOCALE_S2359                  0x00000029
#define LOCALE_ICALENDARTYPE          0x00001009
#define LOCALE_IOPTIONALCALENDAR      0x0000100B
#define LOCALE_IFIRSTDAYOFWEEK        0x0000100C
#define LOCALE_IFIRSTWEEKOFYEAR       0x0000100D
#define LOCALE_SDAYNAME1              0x0000002A
#define LOCALE_SDAYNAME2              0x0000002B
#define LOCALE_SDAYNAME3              0x0000002C
#define LOCALE_SDAYNAME4              0x0000002D
#define LOCALE_SDAYNAME5              0x0000002E
#define LOCALE_SDAYNAME6              0x0000002F
#define LOCALE_SDAYNAME7              0x00000030
#define LOCALE_SABBREVDAYNAME1        0x00000031
#define LOCALE_SABBREVDAYNAME2        0x00000032
#define LOCALE_SABBREVDAYNAME3        0x00000033
#define LOCALE_SABBREVDAYNAME4        0x00000034
#define LOCALE_SABBREVDAYNAME5        0x00000035
#define LOCALE_SABBREVDAYNAME6        0x00000036
#define LOCALE_SABBREVDAYNAME7        0x00000037
#define LOCALE_SMONTHNAME1            0x00000038
#define LOCALE_SMONTHNAME2            0x00000039
#define LOCALE_SMONTHNAME3            0x0000003A
#define LOCALE_SMONTHNAME4            0x0000003B
#define LOCALE_SMONTHNAME5            0x0000003C
#define LOCALE_SMONTHNAME6            0x0000003D
#define LOCALE_SMONTHNAME7            0x0000003E
#define LOCALE_SMONTHNAME8            0x0000003F
#define LOCALE_SMONTHNAME9            0x00000040
#define LOCALE_SMONTHNAME10           0x00000041
#define LOCALE_SMONTHNAME11           0x00000042
#define LOCALE_SMONTHNAME12           0x00000043
#define LOCALE_SMONTHNAME13           0x0000100E
#define LOCALE_SABBREVMONTHNAME1      0x00000044
#define LOCALE_SABBREVMONTHNAME2      0x00000045
#define LOCALE_SABBREVMONTHNAME3      0x00000046
#define LOCALE_SABBREVMONTHNAME4      0x00000047
#define LOCALE_SABBREVMONTHNAME5      0x00000048
#define LOCALE_SABBREVMONTHNAME6      0x00000049
#define LOCALE_SABBREVMONTHNAME7      0x0000004A
#define LOCALE_SABBREVMONTHNAME8      0x0000004B
#define LOCALE_SABBREVMONTHNAME9      0x0000004C
#define LOCALE_SABBREVMONTHNAME10     0x0000004D
#define LOCALE_SABBREVMONTHNAME11     0x0000004E
#define LOCALE_SABBREVMONTHNAME12     0x0000004F
#define LOCALE_SABBREVMONTHNAME13     0x0000100F
#define LOCALE_SPOSITIVESIGN          0x00000050
#define LOCALE_SNEGATIVESIGN          0x00000051
#define LOCALE_IPOSSIGNPOSN           0x00000052
#define LOCALE_INEGSIGNPOSN           0x00000053
#define LOCALE_IPOSSYMPRECEDES        0x00000054
#define LOCALE_IPOSSEPBYSPACE         0x00000055
#define LOCALE_INEGSYMPRECEDES        0x00000056
#define LOCALE_INEGSEPBYSPACE         0x00000057
#define LOCALE_SISO639LANGNAME        0x00000059
#define LOCALE_SISO3166CTRYNAME       0x0000005A
#define LOCALE_IGEOID                 0x0000005B
#define LOCALE_SNAME                  0x0000005C
#define LOCALE_SDURATION              0x0000005D
#define LOCALE_SSHORTESTDAYNAME1      0x00000060
#define LOCALE_SSHORTESTDAYNAME2      0x00000061
#define LOCALE_SSHORTESTDAYNAME3      0x00000062
#define LOCALE_SSHORTESTDAYNAME4      0x00000063
#define LOCALE_SSHORTESTDAYNAME5      0x00000064
#define LOCALE_SSHORTESTDAYNAME6      0x00000065
#define LOCALE_SSHORTESTDAYNAME7      0x00000066
#define LOCALE_SISO639LANGNAME2       0x00000067
#define LOCALE_SISO3166CTRYNAME2      0x00000068
#define LOCALE_SNAN                   0x00000069
#define LOCALE_SPOSINFINITY           0x0000006A
#define LOCALE_SNEGINFINITY           0x0000006B
#define LOCALE_SSCRIPTS               0x0000006C
#define LOCALE_SPARENT                0x0000006D
#define LOCALE_SCONSOLEFALLBACKNAME   0x0000006E
#define LOCALE_SLOCALIZEDLANGUAGENAME 0x0000006F
#define LOCALE_IREADINGLAYOUT         0x00000070
#define LOCALE_INEUTRAL               0x00000071
#define LOCALE_SENGLISHDISPLAYNAME    0x00000072
#define LOCALE_SNATIVEDISPLAYNAME     0x00000073
#define LOCALE_INEGATIVEPERCENT       0x00000074
#define LOCALE_IPOSITIVEPERCENT       0x00000075
#define LOCALE_SPERCENT               0x00000076
#define LOCALE_SPERMILLE              0x00000077
#define LOCALE_SMONTHDAY              0x00000078
#define LOCALE_SSHORTTIME             0x00000079
#define LOCALE_SOPENTYPELANGUAGETAG   0x0000007A
#define LOCALE_SSORTLOCALE            0x0000007B
#define LOCALE_SKEYBOARDSTOINSTALL    0x0000005E
#define LOCALE_SRELATIVELONGDATE      0x0000007C
#define LOCALE_ICONSTRUCTEDLOCALE     0x0000007D
#define LOCALE_SSHORTESTAM            0x0000007E
#define LOCALE_SSHORTESTPM            0x0000007F
#define LOCALE_IDEFAULTEBCDICCODEPAGE 0x00001012
#define LOCALE_IPAPERSIZE             0x0000100A
#define LOCALE_SENGCURRNAME           0x00001007
#define LOCALE_SNATIVECURRNAME        0x00001008
#define LOCALE_SYEARMONTH             0x00001006
#define LOCALE_SSORTNAME              0x00001013
#define LOCALE_IDIGITSUBSTITUTION     0x00001014
#define LOCALE_SAM                    LOCALE_S1159
#define LOCALE_SPM                    LOCALE_S2359

/* The locale's LCType into lpLCData (cchData characters with the NUL; 0:
 * the size needed; too small: what fits, and ERROR_INSUFFICIENT_BUFFER).
 * An unknown LCType, LOCALE_RETURN_NUMBER with a string type, or
 * LOCALE_RETURN_GENITIVE_NAMES but with a month name in the W forms:
 * ERROR_INVALID_FLAGS; lpLCData NULL with cchData not 0, or cchData below
 * 0: ERROR_INVALID_PARAMETER. */
WINAPI int GetLocaleInfoA(LCID Locale, LCTYPE LCType, LPSTR lpLCData, int cchData);
WINAPI int GetLocaleInfoW(LCID Locale, LCTYPE LCType, LPWSTR lpLCData, int cchData);
WINAPI int GetLocaleInfoEx(LPCWSTR lpLocaleName, LCTYPE LCType, LPWSTR lpLCData, int cchData);

/* Comparing and mapping strings: Windows' linguistic order for the Latin
 * letters (symbols, then digits, then letters; accents after the letters,
 * then case with lower case first; the word sort ignores '-' and '\''
 * until the strings are otherwise equal, SORT_STRINGSORT makes them
 * symbols). A length below 0: the string to its NUL. */
#define NORM_IGNORECASE           0x00000001
#define NORM_IGNORENONSPACE       0x00000002
#define NORM_IGNORESYMBOLS        0x00000004
#define SORT_DIGITSASNUMBERS      0x00000008
#define LINGUISTIC_IGNORECASE     0x00000010
#define LINGUISTIC_IGNOREDIACRITIC 0x00000020
#define SORT_STRINGSORT           0x00001000
#define NORM_IGNOREKANATYPE       0x00010000
#define NORM_IGNOREWIDTH          0x00020000
#define NORM_LINGUISTIC_CASING    0x08000000
/* CSTR_LESS_THAN, CSTR_EQUAL or CSTR_GREATER_THAN; 0 with
 * ERROR_INVALID_PARAMETER (a NULL string) or ERROR_INVALID_FLAGS. */
WINAPI int CompareStringA(LCID Locale, DWORD dwCmpFlags, PCNZCH lpString1, int cchCount1,
			  PCNZCH lpString2, int cchCount2);
WINAPI int CompareStringW(LCID Locale, DWORD dwCmpFlags, PCNZWCH lpString1, int cchCount1,
			  PCNZWCH lpString2, int cchCount2);
typedef struct _nlsversioninfo {
	DWORD dwNLSVersionInfoSize, dwNLSVersion, dwDefinedVersion, dwEffectiveId;
	GUID guidCustomVersion;
} NLSVERSIONINFO, *LPNLSVERSIONINFO;
/* lpVersionInformation, lpReserved and sortHandle are reserved (ignored). */
WINAPI int CompareStringEx(LPCWSTR lpLocaleName, DWORD dwCmpFlags, LPCWCH lpString1,
			   int cchCount1, LPCWCH lpString2, int cchCount2,
			   LPNLSVERSIONINFO lpVersionInformation, LPVOID lpReserved,
			   LPARAM sortHandle);

#define LCMAP_LOWERCASE           0x00000100
#define LCMAP_UPPERCASE           0x00000200
#define LCMAP_TITLECASE           0x00000300
#define LCMAP_SORTKEY             0x00000400
#define LCMAP_BYTEREV             0x00000800
#define LCMAP_HASH                0x00040000
#define LCMAP_HIRAGANA            0x00100000
#define LCMAP_KATAKANA            0x00200000
#define LCMAP_HALFWIDTH           0x00400000
#define LCMAP_FULLWIDTH           0x00800000
#define LCMAP_LINGUISTIC_CASING   0x01000000
#define LCMAP_SIMPLIFIED_CHINESE  0x02000000
#define LCMAP_TRADITIONAL_CHINESE 0x04000000
/* Case (LCMAP_LOWERCASE, _UPPERCASE, and in the W forms _TITLECASE; in
 * place allowed), LCMAP_BYTEREV, the full- and half-width ASCII forms, or
 * LCMAP_SORTKEY (cchDest counts bytes; the key, which memcmp orders as
 * CompareString does with the same flags, ends with a 0 byte; a buffer too
 * small gets its whole sections). NORM_IGNORENONSPACE (accents dropped) and
 * NORM_IGNORESYMBOLS (punctuation, white space dropped) alone, or with
 * LCMAP_SORTKEY. The length written (with the NUL when cchSrc is -1), or 0:
 * ERROR_INVALID_FLAGS (no map, LCMAP_SORTKEY with another LCMAP_ flag, a
 * NORM_ flag with a map, opposite maps), ERROR_INVALID_PARAMETER (cchSrc
 * 0, lpDestStr NULL with cchDest not 0, a sort key over its source, an
 * unknown locale), ERROR_INSUFFICIENT_BUFFER. LCMapStringEx ignores its
 * reserved arguments. */
WINAPI int LCMapStringA(LCID Locale, DWORD dwMapFlags, LPCSTR lpSrcStr, int cchSrc,
			LPSTR lpDestStr, int cchDest);
WINAPI int LCMapStringW(LCID Locale, DWORD dwMapFlags, LPCWSTR lpSrcStr, int cchSrc,
			LPWSTR lpDestStr, int cchDest);
WINAPI int LCMapStringEx(LPCWSTR lpLocaleName, DWORD dwMapFlags, LPCWSTR lpSrcStr, int cchSrc,
			 LPWSTR lpDestStr, int cchDest, LPNLSVERSIONINFO lpVersionInformation,
			 LPVOID lpReserved, LPARAM sortHandle);

/* Character types: one WORD per character (cchSrc -1: the NUL's too). */
#define CT_CTYPE1 0x00000001
#define CT_CTYPE2 0x00000002
#define CT_CTYPE3 0x00000004
#define C1_UPPER   0x0001
#define C1_LOWER   0x0002
#define C1_DIGIT   0x0004
#define C1_SPACE   0x0008
#define C1_PUNCT   0x0010
#define C1_CNTRL   0x0020
#define C1_BLANK   0x0040
#define C1_XDIGIT  0x0080
#define C1_ALPHA   0x0100
#define C1_DEFINED 0x0200
#define C2_LEFTTORIGHT      0x0001
#define C2_RIGHTTOLEFT      0x0002
#define C2_EUROPENUMBER     0x0003
#define C2_EUROPESEPARATOR  0x0004
#define C2_EUROPETERMINATOR 0x0005
#define C2_ARABICNUMBER     0x0006
#define C2_COMMONSEPARATOR  0x0007
#define C2_BLOCKSEPARATOR   0x0008
#define C2_SEGMENTSEPARATOR 0x0009
#define C2_WHITESPACE       0x000A
#define C2_OTHERNEUTRAL     0x000B
#define C2_NOTAPPLICABLE    0x0000
#define C3_NONSPACING     0x0001
#define C3_DIACRITIC      0x0002
#define C3_VOWELMARK      0x0004
#define C3_SYMBOL         0x0008
#define C3_KATAKANA       0x0010
#define C3_HIRAGANA       0x0020
#define C3_HALFWIDTH      0x0040
#define C3_FULLWIDTH      0x0080
#define C3_IDEOGRAPH      0x0100
#define C3_KASHIDA        0x0200
#define C3_LEXICAL        0x0400
#define C3_HIGHSURROGATE  0x0800
#define C3_LOWSURROGATE   0x1000
#define C3_ALPHA          0x8000
#define C3_NOTAPPLICABLE  0x0000
/* ERROR_INVALID_FLAGS for a dwInfoType not one CT_CTYPE*;
 * ERROR_INVALID_PARAMETER for NULL strings, cchSrc 0 or the same buffer. */
WINAPI BOOL GetStringTypeA(LCID Locale, DWORD dwInfoType, LPCSTR lpSrcStr, int cchSrc,
			   LPWORD lpCharType);
WINAPI BOOL GetStringTypeW(DWORD dwInfoType, LPCWCH lpSrcStr, int cchSrc, LPWORD lpCharType);
WINAPI BOOL GetStringTypeExA(LCID Locale, DWORD dwInfoType, LPCSTR lpSrcStr, int cchSrc,
			     LPWORD lpCharType);
WINAPI BOOL GetStringTypeExW(LCID Locale, DWORD dwInfoType, LPCWSTR lpSrcStr, int cchSrc,
			     LPWORD lpCharType);

#define MAP_FOLDCZONE        0x00000010
#define MAP_PRECOMPOSED      0x00000020
#define MAP_COMPOSITE        0x00000040
#define MAP_FOLDDIGITS       0x00000080
#define MAP_EXPAND_LIGATURES 0x00002000
/* MAP_FOLDDIGITS (other scripts' digits to 0-9), MAP_FOLDCZONE (the
 * full-width forms), MAP_COMPOSITE / MAP_PRECOMPOSED (the Latin-1 letters
 * with their accent as a combining mark, or back), MAP_EXPAND_LIGATURES. */
WINAPI int FoldStringA(DWORD dwMapFlags, LPCSTR lpSrcStr, int cchSrc, LPSTR lpDestStr,
		       int cchDest);
WINAPI int FoldStringW(DWORD dwMapFlags, LPCWCH lpSrcStr, int cchSrc, LPWSTR lpDestStr,
		       int cchDest);

/* Dates and times: the en-US pictures (short "M/d/yyyy", long
 * "dddd, MMMM d, yyyy", year-month "MMMM yyyy", month-day "MMMM d", time
 * "h:mm:ss tt"), or lpFormat's (then no DATE_ format flag); lpDate/lpTime
 * NULL: now (GetLocalTime). A date (1601..30827) or time out of range:
 * ERROR_INVALID_PARAMETER (GetDateFormat ignores the time fields,
 * GetTimeFormat the date's); the weekday comes from the date. A field
 * TIME_NO* drops takes the text before it, and after it up to a space. */
#define DATE_SHORTDATE        0x00000001
#define DATE_LONGDATE         0x00000002
#define DATE_USE_ALT_CALENDAR 0x00000004
#define DATE_YEARMONTH        0x00000008
#define DATE_LTRREADING       0x00000010
#define DATE_RTLREADING       0x00000020
#define DATE_AUTOLAYOUT       0x00000040
#define DATE_MONTHDAY         0x00000080
#define TIME_NOMINUTESORSECONDS 0x00000001
#define TIME_NOSECONDS          0x00000002
#define TIME_NOTIMEMARKER       0x00000004
#define TIME_FORCE24HOURFORMAT  0x00000008
WINAPI int GetDateFormatA(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate,
			  LPCSTR lpFormat, LPSTR lpDateStr, int cchDate);
WINAPI int GetDateFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate,
			  LPCWSTR lpFormat, LPWSTR lpDateStr, int cchDate);
WINAPI int GetDateFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, const SYSTEMTIME *lpDate,
			   LPCWSTR lpFormat, LPWSTR lpDateStr, int cchDate, LPCWSTR lpCalendar);
WINAPI int GetTimeFormatA(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime,
			  LPCSTR lpFormat, LPSTR lpTimeStr, int cchTime);
WINAPI int GetTimeFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime,
			  LPCWSTR lpFormat, LPWSTR lpTimeStr, int cchTime);
WINAPI int GetTimeFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, const SYSTEMTIME *lpTime,
			   LPCWSTR lpFormat, LPWSTR lpTimeStr, int cchTime);

/* Numbers and money: lpValue is [-]digits[.digits] (at most 160 digits);
 * else ERROR_INVALID_PARAMETER. Rounded half away from zero to NumDigits.
 * Grouping's decimal digits are the group sizes from the right (32: 3,
 * then 2s; a last 0 ends the grouping: 30 is one group of 3). A format
 * with a NULL separator or symbol, NumDigits over 9, an order out of
 * range or a separator over 15 characters: ERROR_INVALID_PARAMETER; flags
 * with a format: ERROR_INVALID_FLAGS. */
typedef struct _numberfmtA {
	UINT NumDigits, LeadingZero, Grouping;
	LPSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder;
} NUMBERFMTA, *LPNUMBERFMTA;
typedef struct _numberfmtW {
	UINT NumDigits, LeadingZero, Grouping;
	LPWSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder;
} NUMBERFMTW, *LPNUMBERFMTW;
typedef struct _currencyfmtA {
	UINT NumDigits, LeadingZero, Grouping;
	LPSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder, PositiveOrder;
	LPSTR lpCurrencySymbol;
} CURRENCYFMTA, *LPCURRENCYFMTA;
typedef struct _currencyfmtW {
	UINT NumDigits, LeadingZero, Grouping;
	LPWSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder, PositiveOrder;
	LPWSTR lpCurrencySymbol;
} CURRENCYFMTW, *LPCURRENCYFMTW;
WINAPI int GetNumberFormatA(LCID Locale, DWORD dwFlags, LPCSTR lpValue,
			    const NUMBERFMTA *lpFormat, LPSTR lpNumberStr, int cchNumber);
WINAPI int GetNumberFormatW(LCID Locale, DWORD dwFlags, LPCWSTR lpValue,
			    const NUMBERFMTW *lpFormat, LPWSTR lpNumberStr, int cchNumber);
WINAPI int GetNumberFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, LPCWSTR lpValue,
			     const NUMBERFMTW *lpFormat, LPWSTR lpNumberStr, int cchNumber);
WINAPI int GetCurrencyFormatA(LCID Locale, DWORD dwFlags, LPCSTR lpValue,
			      const CURRENCYFMTA *lpFormat, LPSTR lpCurrencyStr, int cchCurrency);
WINAPI int GetCurrencyFormatW(LCID Locale, DWORD dwFlags, LPCWSTR lpValue,
			      const CURRENCYFMTW *lpFormat, LPWSTR lpCurrencyStr,
			      int cchCurrency);
WINAPI int GetCurrencyFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, LPCWSTR lpValue,
			       const CURRENCYFMTW *lpFormat, LPWSTR lpCurrencyStr,
			       int cchCurrency);

/* Code pages: 437 and CP_UTF8, as GetCPInfo; dwFlags must be 0. */
typedef struct _cpinfoexA {
	UINT MaxCharSize;
	BYTE DefaultChar[MAX_DEFAULTCHAR];
	BYTE LeadByte[MAX_LEADBYTES];
	WCHAR UnicodeDefaultChar;
	UINT CodePage;
	CHAR CodePageName[MAX_PATH];
} CPINFOEXA, *LPCPINFOEXA;
typedef struct _cpinfoexW {
	UINT MaxCharSize;
	BYTE DefaultChar[MAX_DEFAULTCHAR];
	BYTE LeadByte[MAX_LEADBYTES];
	WCHAR UnicodeDefaultChar;
	UINT CodePage;
	WCHAR CodePageName[MAX_PATH];
} CPINFOEXW, *LPCPINFOEXW;
WINAPI BOOL GetCPInfoExA(UINT CodePage, DWORD dwFlags, LPCPINFOEXA lpCPInfoEx);
WINAPI BOOL GetCPInfoExW(UINT CodePage, DWORD dwFlags, LPCPINFOEXW lpCPInfoEx);

/* (nNumber * nNumerator) / nDenominator in 64 bits, rounded half away
 * from zero; -1 when nDenominator is 0 or the result overflows. */
WINAPI int MulDiv(int nNumber, int nNumerator, int nDenominator);

/* Version checks against GetVersionEx's answer (6.2 build 9200, no
 * service pack, a workstation): FALSE with ERROR_OLD_WIN_VERSION when it
 * does not match, ERROR_BAD_ARGUMENTS for an empty dwTypeMask or a type
 * without a condition. Major, minor and service-pack numbers compare as
 * one version. */
#define VER_MINORVERSION     0x0000001
#define VER_MAJORVERSION     0x0000002
#define VER_BUILDNUMBER      0x0000004
#define VER_PLATFORMID       0x0000008
#define VER_SERVICEPACKMINOR 0x0000010
#define VER_SERVICEPACKMAJOR 0x0000020
#define VER_SUITENAME        0x0000040
#define VER_PRODUCT_TYPE     0x0000080
#define VER_EQUAL         1
#define VER_GREATER       2
#define VER_GREATER_EQUAL 3
#define VER_LESS          4
#define VER_LESS_EQUAL    5
#define VER_AND           6
#define VER_OR            7
#define VER_CONDITION_MASK              7
#define VER_NUM_BITS_PER_CONDITION_MASK 3
#define VER_SET_CONDITION(m, t, c) ((m) = VerSetConditionMask((m), (t), (c)))
WINAPI ULONGLONG VerSetConditionMask(ULONGLONG ConditionMask, DWORD TypeMask, BYTE Condition);
WINAPI BOOL VerifyVersionInfoA(LPOSVERSIONINFOEXA lpVersionInformation, DWORD dwTypeMask,
			       DWORDLONG dwlConditionMask);
WINAPI BOOL VerifyVersionInfoW(LPOSVERSIONINFOEXW lpVersionInformation, DWORD dwTypeMask,
			       DWORDLONG dwlConditionMask);

#ifdef UNICODE
#define GetLocaleInfo      GetLocaleInfoW
#define CompareString      CompareStringW
#define LCMapString        LCMapStringW
#define GetStringTypeEx    GetStringTypeExW
#define FoldString         FoldStringW
#define GetDateFormat      GetDateFormatW
#define GetTimeFormat      GetTimeFormatW
#define GetNumberFormat    GetNumberFormatW
#define GetCurrencyFormat  GetCurrencyFormatW
#define EnumSystemLocales  EnumSystemLocalesW
#define GetCPInfoEx        GetCPInfoExW
#define VerifyVersionInfo  VerifyVersionInfoW
typedef NUMBERFMTW NUMBERFMT, *LPNUMBERFMT;
typedef CURRENCYFMTW CURRENCYFMT, *LPCURRENCYFMT;
typedef CPINFOEXW CPINFOEX, *LPCPINFOEX;
typedef LOCALE_ENUMPROCW LOCALE_ENUMPROC;
#else
#define GetLocaleInfo      GetLocaleInfoA
#define CompareString      CompareStringA
#define LCMapString        LCMapStringA
#define GetStringTypeEx    GetStringTypeExA
#define FoldString         FoldStringA
#define GetDateFormat      GetDateFormatA
#define GetTimeFormat      GetTimeFormatA
#define GetNumberFormat    GetNumberFormatA
#define GetCurrencyFormat  GetCurrencyFormatA
#define EnumSystemLocales  EnumSystemLocalesA
#define GetCPInfoEx        GetCPInfoExA
#define VerifyVersionInfo  VerifyVersionInfoA
typedef NUMBERFMTA NUMBERFMT, *LPNUMBERFMT;
typedef CURRENCYFMTA CURRENCYFMT, *LPCURRENCYFMT;
typedef CPINFOEXA CPINFOEX, *LPCPINFOEX;
typedef LOCALE_ENUMPROCA LOCALE_ENUMPROC;
#endif

#endif
