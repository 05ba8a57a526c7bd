/* The locale calls as Microsoft documents them for en-US: the defaults
 * and the thread's locale (a thread of its own keeps its own), names and
 * LCIDs, IsValidLocale, EnumSystemLocales, GetLocaleInfo's values, size
 * rules and LOCALE_RETURN_NUMBER, ConvertDefaultLocale, GetCPInfoEx,
 * MulDiv, VerifyVersionInfo and <versionhelpers.h>; each bad call's error
 * code. Prints "nls-locales: N failures". */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <versionhelpers.h>

#define TEST_NAME "nls-locales"
#include "check.h"

static int enumerated;

static BOOL CALLBACK count_locale(LPSTR name)
{
	CHECK(strcmp(name, "00000409") == 0, "%s", name);
	enumerated++;
	return TRUE;
}

static BOOL CALLBACK count_locale_ex(LPWSTR name, DWORD flags, LPARAM param)
{
	(void)flags;
	if (wcscmp(name, L"en-US") == 0)
		*(int *)param += 1;
	return TRUE;
}

static DWORD WINAPI other_thread(LPVOID p)
{
	(void)p;
	return GetThreadLocale();
}

static void locales(void)
{
	WCHAR name[LOCALE_NAME_MAX_LENGTH];
	HANDLE t;
	DWORD code = 0;
	int found = 0;

	CHECK(GetUserDefaultLCID() == 0x409 && GetSystemDefaultLCID() == 0x409, "lcid");
	CHECK(GetUserDefaultLangID() == 0x409 && GetSystemDefaultUILanguage() == 0x409, "langid");
	CHECK(GetUserDefaultUILanguage() == MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), "ui");
	CHECK(GetThreadLocale() == 0x409, "thread %lx", GetThreadLocale());
	CHECK(SetThreadLocale(LOCALE_INVARIANT) && GetThreadLocale() == LOCALE_INVARIANT, "set");
	t = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	CloseHandle(t);
	CHECK(code == 0x409, "another thread keeps its own: %lx", code);
	FAILS(SetThreadLocale(0x0407), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(SetThreadLocale(0x409) && GetThreadLocale() == 0x409, "back");
	CHECK(GetUserDefaultLocaleName(name, LOCALE_NAME_MAX_LENGTH) == 6 &&
	      wcscmp(name, L"en-US") == 0, "name");
	FAILS(GetSystemDefaultLocaleName(name, 5), 0, ERROR_INSUFFICIENT_BUFFER);
	CHECK(GetUserDefaultLocaleName(NULL, 0) == 6, "size asked");
	CHECK(LocaleNameToLCID(L"en-us", 0) == 0x409, "name to lcid");
	CHECK(LocaleNameToLCID(LOCALE_NAME_INVARIANT, 0) == LOCALE_INVARIANT, "invariant");
	CHECK(LocaleNameToLCID(LOCALE_NAME_USER_DEFAULT, 0) == 0x409, "default");
	FAILS(LocaleNameToLCID(L"de-DE", 0), 0, ERROR_INVALID_PARAMETER);
	CHECK(LCIDToLocaleName(LOCALE_USER_DEFAULT, NULL, 0, 0) == 6, "size");
	CHECK(LCIDToLocaleName(0x409, name, 6, 0) == 6 && wcscmp(name, L"en-US") == 0, "to name");
	FAILS(LCIDToLocaleName(0x409, name, 3, 0), 0, ERROR_INSUFFICIENT_BUFFER);
	FAILS(LCIDToLocaleName(0x040C, name, 85, 0), 0, ERROR_INVALID_PARAMETER);
	CHECK(IsValidLocale(0x409, LCID_INSTALLED) && !IsValidLocale(0x0411, LCID_SUPPORTED),
	      "valid");
	CHECK(IsValidLocale(LOCALE_INVARIANT, 0) && !IsValidLocale(LOCALE_USER_DEFAULT, 0) &&
	      !IsValidLocale(LOCALE_NEUTRAL, 0), "the defaults are no locales");
	CHECK(LCIDToLocaleName(LOCALE_NEUTRAL, name, 85, 0) == 6 && !wcscmp(name, L"en-US"),
	      "neutral");
	CHECK(IsValidLocaleName(L"en-US") && !IsValidLocaleName(L"xx-YY"), "valid name");
	CHECK(EnumSystemLocalesA(count_locale, LCID_INSTALLED) && enumerated == 1, "enum");
	CHECK(EnumSystemLocalesEx(count_locale_ex, LOCALE_WINDOWS, (LPARAM)&found, NULL) &&
	      found == 1, "enum ex");
	FAILS(EnumSystemLocalesW(NULL, LCID_INSTALLED), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(ConvertDefaultLocale(LOCALE_USER_DEFAULT) == 0x409 &&
	      ConvertDefaultLocale(MAKELANGID(LANG_ENGLISH, SUBLANG_NEUTRAL)) == 0x409 &&
	      ConvertDefaultLocale(0x0407) == 0x0407, "convert default");
	CHECK(GetUserGeoID(GEOCLASS_NATION) == 244 && GetThreadUILanguage() == 0x409 &&
	      SetThreadUILanguage(0) == 0x409, "geo, UI language");
}

static void locale_info(void)
{
	char a[80];
	WCHAR w[80];
	DWORD number = 0;

	CHECK(GetLocaleInfoA(0x409, LOCALE_SENGLANGUAGE, a, 80) == 8 && !strcmp(a, "English"),
	      "%s", a);
	CHECK(GetLocaleInfoW(LOCALE_USER_DEFAULT, LOCALE_SSHORTDATE, w, 80) == 9 &&
	      !wcscmp(w, L"M/d/yyyy"), "short date");
	CHECK(GetLocaleInfoEx(L"en-US", LOCALE_SLONGDATE, w, 80) &&
	      !wcscmp(w, L"dddd, MMMM d, yyyy"), "long date");
	CHECK(GetLocaleInfoA(0x409, LOCALE_SCURRENCY, a, 80) == 2 && !strcmp(a, "$"), "$");
	CHECK(GetLocaleInfoA(0x409, LOCALE_SMONTHNAME9, a, 80) && !strcmp(a, "September"), "%s", a);
	CHECK(GetLocaleInfoA(0x409, LOCALE_SABBREVDAYNAME7, a, 80) && !strcmp(a, "Sun"), "%s", a);
	CHECK(GetLocaleInfoA(0x409, LOCALE_IDEFAULTANSICODEPAGE, a, 80) && !strcmp(a, "1252"), "acp");
	CHECK(GetLocaleInfoA(0x409, LOCALE_SNAME, NULL, 0) == 6, "size");
	CHECK(GetLocaleInfoW(0x409, LOCALE_SISO3166CTRYNAME, w, 80) == 3 && !wcscmp(w, L"US"), "US");
	CHECK(GetLocaleInfoW(0x409, LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER, (LPWSTR)&number,
			     sizeof(number) / sizeof(WCHAR)) == 2 && number == 0x409, "%lx", number);
	CHECK(GetLocaleInfoA(0x409, LOCALE_IFIRSTDAYOFWEEK | LOCALE_RETURN_NUMBER, (LPSTR)&number,
			     sizeof(number)) == 4 && number == 6, "%lu", number);
	FAILS(GetLocaleInfoW(0x409, LOCALE_SDECIMAL | LOCALE_RETURN_NUMBER, (LPWSTR)&number, 2), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(GetLocaleInfoA(0x409, LOCALE_SLONGDATE, a, 5), 0, ERROR_INSUFFICIENT_BUFFER);
	memset(a, 0, sizeof(a));
	FAILS(GetLocaleInfoA(0x409, LOCALE_SDAYNAME1, a, 3), 0, ERROR_INSUFFICIENT_BUFFER);
	CHECK(!strcmp(a, "Mon"), "what fits: %s", a);
	CHECK(GetLocaleInfoW(0x409, LOCALE_SMONTHNAME1 | LOCALE_RETURN_GENITIVE_NAMES, w, 80) == 8 &&
	      !wcscmp(w, L"January"), "genitive");
	FAILS(GetLocaleInfoA(0x409, LOCALE_SMONTHNAME1 | LOCALE_RETURN_GENITIVE_NAMES, a, 80), 0,
	      ERROR_INVALID_FLAGS);
	FAILS(GetLocaleInfoA(0x409, 0x7FFF, a, 80), 0, ERROR_INVALID_FLAGS);
	FAILS(GetLocaleInfoA(0x0419, LOCALE_SNAME, a, 80), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetLocaleInfoA(0x409, LOCALE_SNAME, NULL, 10), 0, ERROR_INVALID_PARAMETER);
	CHECK(GetLocaleInfoW(LOCALE_INVARIANT, LOCALE_SNAME, w, 80) == 1 && !w[0], "invariant");
}

static void misc(void)
{
	CPINFOEXA ca;
	CPINFOEXW cw;
	OSVERSIONINFOEXA v = { .dwOSVersionInfoSize = sizeof(v) };
	ULONGLONG mask = 0;

	CHECK(GetCPInfoExA(CP_ACP, 0, &ca) && ca.CodePage == GetACP() && ca.MaxCharSize == 1 &&
	      !strcmp(ca.CodePageName, "437   (OEM - United States)"), "%s", ca.CodePageName);
	CHECK(GetCPInfoExW(CP_UTF8, 0, &cw) && cw.MaxCharSize == 4 && cw.CodePage == CP_UTF8 &&
	      !wcscmp(cw.CodePageName, L"65001 (UTF-8)"), "utf-8");
	FAILS(GetCPInfoExA(1250, 0, &ca), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetCPInfoExA(437, 1, &ca), FALSE, ERROR_INVALID_FLAGS);

	CHECK(MulDiv(10, 3, 4) == 8 && MulDiv(-10, 3, 4) == -8 && MulDiv(7, 1, 2) == 4, "round");
	CHECK(MulDiv(0x40000000, 4, 2) == -1 && MulDiv(1, 1, 0) == -1, "overflow");
	CHECK(MulDiv(100000, 100000, 1000) == 10000000 && MulDiv(5, 2, -4) == -3, "64 bits");

	VER_SET_CONDITION(mask, VER_MAJORVERSION, VER_GREATER_EQUAL);
	VER_SET_CONDITION(mask, VER_MINORVERSION, VER_GREATER_EQUAL);
	CHECK(mask == ((ULONGLONG)3 << 3 | 3), "mask %llx", mask);
	v.dwMajorVersion = 6, v.dwMinorVersion = 1;
	CHECK(VerifyVersionInfoA(&v, VER_MAJORVERSION | VER_MINORVERSION, mask), "7 <= 8");
	v.dwMajorVersion = 5, v.dwMinorVersion = 9;
	CHECK(VerifyVersionInfoA(&v, VER_MAJORVERSION | VER_MINORVERSION, mask), "5.9 <= 6.2");
	v.dwMajorVersion = 10, v.dwMinorVersion = 0;
	FAILS(VerifyVersionInfoA(&v, VER_MAJORVERSION | VER_MINORVERSION, mask), FALSE,
	      ERROR_OLD_WIN_VERSION);
	v.dwMajorVersion = 6, v.dwMinorVersion = 2, v.dwBuildNumber = 9200;
	CHECK(VerifyVersionInfoA(&v, VER_BUILDNUMBER,
				 VerSetConditionMask(0, VER_BUILDNUMBER, VER_EQUAL)), "build");
	FAILS(VerifyVersionInfoA(&v, VER_BUILDNUMBER, 0), FALSE, ERROR_BAD_ARGUMENTS);
	FAILS(VerifyVersionInfoA(&v, 0, mask), FALSE, ERROR_BAD_ARGUMENTS);
	CHECK(IsWindowsXPOrGreater() && IsWindowsVistaSP2OrGreater() && IsWindows7SP1OrGreater() &&
	      IsWindows8OrGreater() && !IsWindows8Point1OrGreater() && !IsWindows10OrGreater() &&
	      !IsWindowsServer(), "version helpers");
}

int main(void)
{
	locales();
	locale_info();
	misc();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
