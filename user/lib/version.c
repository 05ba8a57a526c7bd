/* The system's version (<windows.h>, vados/winmisc.h): vados answers as
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
