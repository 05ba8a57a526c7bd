/* The system's version (<windows.h>, vados/winmisc.h, and VerifyVersionInfo
 * from vados/winnls.h): vados answers as
 * Windows 8, 6.2 build 9200, which is what Windows 8.1 and later report to
 * a program whose manifest does not claim them. */
#include <windows.h>
#include <string.h>

#define VERSION_MAJOR 6
#define VERSION_MINOR 2
#define VERSION_BUILD 9200

/* Major version in the low byte, minor in the next, the build in the high
 * word (its top bit clear: an NT system). */
DWORD WINAPI GetVersion(VOID)
{
	return (DWORD)VERSION_BUILD << 16 | VERSION_MINOR << 8 | VERSION_MAJOR;
}

/* Checks *info's dwOSVersionInfoSize is size or ex_size and the structure
 * writable; that size, or 0 with ERROR_NOACCESS or ERROR_INSUFFICIENT_BUFFER. */
static DWORD version_size(const void *info, DWORD size, DWORD ex_size)
{
	DWORD n;

	if (!info || IsBadWritePtr((LPVOID)info, sizeof(DWORD))) {
		SetLastError(ERROR_NOACCESS);
		return 0;
	}
	n = *(const DWORD *)info;
	if (n != size && n != ex_size) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	if (IsBadWritePtr((LPVOID)info, n)) {
		SetLastError(ERROR_NOACCESS);
		return 0;
	}
	return n;
}

/* dwOSVersionInfoSize must be sizeof(OSVERSIONINFOA) or
 * sizeof(OSVERSIONINFOEXA) (ERROR_INSUFFICIENT_BUFFER otherwise); the EX
 * form adds no service pack, a workstation, single-user Terminal Services
 * as a desktop Windows. */
BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation)
{
	LPOSVERSIONINFOEXA ex = (LPOSVERSIONINFOEXA)lpVersionInformation;
	DWORD size = version_size(lpVersionInformation, sizeof(OSVERSIONINFOA),
				  sizeof(OSVERSIONINFOEXA));

	if (!size)
		return FALSE;
	memset((char *)lpVersionInformation + sizeof(DWORD), 0, size - sizeof(DWORD));
	lpVersionInformation->dwMajorVersion = VERSION_MAJOR;
	lpVersionInformation->dwMinorVersion = VERSION_MINOR;
	lpVersionInformation->dwBuildNumber = VERSION_BUILD;
	lpVersionInformation->dwPlatformId = VER_PLATFORM_WIN32_NT;
	if (size == sizeof(OSVERSIONINFOEXA)) {
		ex->wSuiteMask = VER_SUITE_SINGLEUSERTS;
		ex->wProductType = VER_NT_WORKSTATION;
	}
	return TRUE;
}

/* GetVersionExA's answer in the W structures (szCSDVersion empty as there). */
BOOL WINAPI GetVersionExW(LPOSVERSIONINFOW lpVersionInformation)
{
	OSVERSIONINFOEXA a = { .dwOSVersionInfoSize = sizeof(a) };
	LPOSVERSIONINFOEXW ex = (LPOSVERSIONINFOEXW)lpVersionInformation;
	DWORD size = version_size(lpVersionInformation, sizeof(OSVERSIONINFOW),
				  sizeof(OSVERSIONINFOEXW));

	if (!size)
		return FALSE;
	GetVersionExA((LPOSVERSIONINFOA)&a);
	memset((char *)lpVersionInformation + sizeof(DWORD), 0, size - sizeof(DWORD));
	lpVersionInformation->dwMajorVersion = a.dwMajorVersion;
	lpVersionInformation->dwMinorVersion = a.dwMinorVersion;
	lpVersionInformation->dwBuildNumber = a.dwBuildNumber;
	lpVersionInformation->dwPlatformId = a.dwPlatformId;
	if (size == sizeof(OSVERSIONINFOEXW)) {
		ex->wServicePackMajor = a.wServicePackMajor;
		ex->wServicePackMinor = a.wServicePackMinor;
		ex->wSuiteMask = a.wSuiteMask;
		ex->wProductType = a.wProductType;
	}
	return TRUE;
}

NTSTATUS WINAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation)
{
	return GetVersionExW(lpVersionInformation) ? 0 : (NTSTATUS)0xC000000D;
}

/* The condition dwlConditionMask gives type (its highest bit). */
static BYTE condition_of(ULONGLONG mask, DWORD type)
{
	int bit = 31 - __builtin_clz(type);

	return (BYTE)(mask >> (bit * VER_NUM_BITS_PER_CONDITION_MASK) & VER_CONDITION_MASK);
}

/* Each call sets one type's condition: the highest bit of TypeMask. */
ULONGLONG WINAPI VerSetConditionMask(ULONGLONG ConditionMask, DWORD TypeMask, BYTE Condition)
{
	int bit;

	Condition &= VER_CONDITION_MASK;
	if (!(TypeMask & 0xFF) || !Condition)
		return ConditionMask;
	bit = 31 - __builtin_clz(TypeMask & 0xFF);
	return ConditionMask | (ULONGLONG)Condition << (bit * VER_NUM_BITS_PER_CONDITION_MASK);
}

/* have against want under condition (VER_EQUAL .. VER_LESS_EQUAL). */
static BOOL holds(DWORD have, DWORD want, BYTE condition)
{
	switch (condition) {
	case VER_EQUAL: return have == want;
	case VER_GREATER: return have > want;
	case VER_GREATER_EQUAL: return have >= want;
	case VER_LESS: return have < want;
	case VER_LESS_EQUAL: return have <= want;
	}
	return FALSE;
}

/* Major, minor, service pack major and minor (those in types) compared as
 * one version, the first one's condition for all when the others have
 * none. -1: a bad condition; else whether it holds. */
static int version_holds(const OSVERSIONINFOEXA *sys, const OSVERSIONINFOEXW *want,
			 DWORD types, ULONGLONG mask)
{
	static const DWORD order[] = { VER_MAJORVERSION, VER_MINORVERSION, VER_SERVICEPACKMAJOR,
				       VER_SERVICEPACKMINOR };
	DWORD have[] = { sys->dwMajorVersion, sys->dwMinorVersion, sys->wServicePackMajor,
			 sys->wServicePackMinor };
	DWORD wanted[] = { want->dwMajorVersion, want->dwMinorVersion, want->wServicePackMajor,
			   want->wServicePackMinor };
	BYTE condition = 0, last = 0;

	for (int i = 0; i < 4; i++) {
		if (!(types & order[i]))
			continue;
		condition = condition_of(mask, order[i]) ? condition_of(mask, order[i]) : condition;
		if (condition < VER_EQUAL || condition > VER_LESS_EQUAL)
			return -1;
		last = condition;
		if (have[i] != wanted[i])
			return holds(have[i], wanted[i], condition);
	}
	return !last || holds(0, 0, last);
}

/* The check on the W structure's fields (the A form's copied in). */
static BOOL verify(const OSVERSIONINFOEXW *want, DWORD types, ULONGLONG mask)
{
	OSVERSIONINFOEXA sys = { .dwOSVersionInfoSize = sizeof(sys) };
	int version;
	BOOL ok;

	if (!want || IsBadReadPtr(want, sizeof(*want))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!(types & 0xFF) || (types & ~0xFFu)) {
		SetLastError(ERROR_BAD_ARGUMENTS);
		return FALSE;
	}
	for (DWORD t = 1; t <= VER_PRODUCT_TYPE; t <<= 1)
		if ((types & t) && !condition_of(mask, t) &&
		    !(t & (VER_MINORVERSION | VER_SERVICEPACKMAJOR | VER_SERVICEPACKMINOR))) {
			SetLastError(ERROR_BAD_ARGUMENTS);
			return FALSE;
		}
	GetVersionExA((LPOSVERSIONINFOA)&sys);
	version = version_holds(&sys, want, types, mask);
	if (version < 0) {
		SetLastError(ERROR_BAD_ARGUMENTS);
		return FALSE;
	}
	ok = version;
	if (types & VER_BUILDNUMBER)
		ok &= holds(sys.dwBuildNumber, want->dwBuildNumber, condition_of(mask, VER_BUILDNUMBER));
	if (types & VER_PLATFORMID)
		ok &= holds(sys.dwPlatformId, want->dwPlatformId, condition_of(mask, VER_PLATFORMID));
	if (types & VER_PRODUCT_TYPE)
		ok &= holds(sys.wProductType, want->wProductType, condition_of(mask, VER_PRODUCT_TYPE));
	if (types & VER_SUITENAME) {
		BYTE c = condition_of(mask, VER_SUITENAME);

		ok &= c == VER_OR ? (sys.wSuiteMask & want->wSuiteMask) != 0 || !want->wSuiteMask
		    : (sys.wSuiteMask & want->wSuiteMask) == want->wSuiteMask;
	}
	if (!ok)
		SetLastError(ERROR_OLD_WIN_VERSION);
	return ok;
}

BOOL WINAPI VerifyVersionInfoW(LPOSVERSIONINFOEXW lpVersionInformation, DWORD dwTypeMask,
			       DWORDLONG dwlConditionMask)
{
	return verify(lpVersionInformation, dwTypeMask, dwlConditionMask);
}

BOOL WINAPI VerifyVersionInfoA(LPOSVERSIONINFOEXA lpVersionInformation, DWORD dwTypeMask,
			       DWORDLONG dwlConditionMask)
{
	OSVERSIONINFOEXW w = { .dwOSVersionInfoSize = sizeof(w) };

	if (!lpVersionInformation || IsBadReadPtr(lpVersionInformation, sizeof(*lpVersionInformation))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	w.dwMajorVersion = lpVersionInformation->dwMajorVersion;
	w.dwMinorVersion = lpVersionInformation->dwMinorVersion;
	w.dwBuildNumber = lpVersionInformation->dwBuildNumber;
	w.dwPlatformId = lpVersionInformation->dwPlatformId;
	w.wServicePackMajor = lpVersionInformation->wServicePackMajor;
	w.wServicePackMinor = lpVersionInformation->wServicePackMinor;
	w.wSuiteMask = lpVersionInformation->wSuiteMask;
	w.wProductType = lpVersionInformation->wProductType;
	return verify(&w, dwTypeMask, dwlConditionMask);
}
