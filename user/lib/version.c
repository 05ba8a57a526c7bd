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

/* dwOSVersionInfoSize must be sizeof(OSVERSIONINFOA) or
 * sizeof(OSVERSIONINFOEXA) (ERROR_INSUFFICIENT_BUFFER otherwise); the EX
 * form adds no service pack, a workstation, single-user Terminal Services
 * as a desktop Windows. */
BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation)
{
	LPOSVERSIONINFOEXA ex = (LPOSVERSIONINFOEXA)lpVersionInformation;
	DWORD size;

	if (!lpVersionInformation || IsBadWritePtr(lpVersionInformation, sizeof(DWORD))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	size = lpVersionInformation->dwOSVersionInfoSize;
	if (size != sizeof(OSVERSIONINFOA) && size != sizeof(OSVERSIONINFOEXA)) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (IsBadWritePtr(lpVersionInformation, size)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
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
