/* <versionhelpers.h>: the SDK's IsWindows*OrGreater checks, over
 * VerifyVersionInfoW (vados/winnls.h). vados answers as Windows 8 (6.2,
 * no service pack, a workstation), so IsWindows8OrGreater is TRUE and
 * IsWindows8Point1OrGreater FALSE, as on Windows 8.1 and later for a
 * program without a manifest. */
#ifndef VADOS_VERSIONHELPERS_H
#define VADOS_VERSIONHELPERS_H

#include <windows.h>

#ifndef _WIN32_WINNT_NT4
#define _WIN32_WINNT_NT4      0x0400
#define _WIN32_WINNT_WIN2K    0x0500
#define _WIN32_WINNT_WINXP    0x0501
#define _WIN32_WINNT_WS03     0x0502
#define _WIN32_WINNT_VISTA    0x0600
#define _WIN32_WINNT_WIN7     0x0601
#define _WIN32_WINNT_WIN8     0x0602
#define _WIN32_WINNT_WINBLUE  0x0603
#define _WIN32_WINNT_WIN10    0x0A00
#endif
#define VERSIONHELPERAPI static __inline__ BOOL

/* The version is major.minor with service pack wServicePackMajor or later. */
VERSIONHELPERAPI IsWindowsVersionOrGreater(WORD wMajorVersion, WORD wMinorVersion,
					   WORD wServicePackMajor)
{
	OSVERSIONINFOEXW v = { .dwOSVersionInfoSize = sizeof(v) };
	DWORDLONG mask = VerSetConditionMask(
		VerSetConditionMask(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL),
				    VER_MINORVERSION, VER_GREATER_EQUAL),
		VER_SERVICEPACKMAJOR, VER_GREATER_EQUAL);

	v.dwMajorVersion = wMajorVersion;
	v.dwMinorVersion = wMinorVersion;
	v.wServicePackMajor = wServicePackMajor;
	return VerifyVersionInfoW(&v, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR,
				  mask) != FALSE;
}

#define VADOS_VERSION_AT_LEAST(v, sp) \
	IsWindowsVersionOrGreater(HIBYTE(v), LOBYTE(v), (sp))
VERSIONHELPERAPI IsWindowsXPOrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WINXP, 0); }
VERSIONHELPERAPI IsWindowsXPSP1OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WINXP, 1); }
VERSIONHELPERAPI IsWindowsXPSP2OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WINXP, 2); }
VERSIONHELPERAPI IsWindowsXPSP3OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WINXP, 3); }
VERSIONHELPERAPI IsWindowsVistaOrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_VISTA, 0); }
VERSIONHELPERAPI IsWindowsVistaSP1OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_VISTA, 1); }
VERSIONHELPERAPI IsWindowsVistaSP2OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_VISTA, 2); }
VERSIONHELPERAPI IsWindows7OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WIN7, 0); }
VERSIONHELPERAPI IsWindows7SP1OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WIN7, 1); }
VERSIONHELPERAPI IsWindows8OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WIN8, 0); }
VERSIONHELPERAPI IsWindows8Point1OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WINBLUE, 0); }
VERSIONHELPERAPI IsWindowsThresholdOrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WIN10, 0); }
VERSIONHELPERAPI IsWindows10OrGreater(void) { return VADOS_VERSION_AT_LEAST(_WIN32_WINNT_WIN10, 0); }

/* A server: the product type is not VER_NT_WORKSTATION (here it is). */
VERSIONHELPERAPI IsWindowsServer(void)
{
	OSVERSIONINFOEXW v = { .dwOSVersionInfoSize = sizeof(v), .wProductType = VER_NT_WORKSTATION };

	return !VerifyVersionInfoW(&v, VER_PRODUCT_TYPE,
				   VerSetConditionMask(0, VER_PRODUCT_TYPE, VER_EQUAL));
}

#endif
