/* Win32's device names (the names CreateFile, GetFullPathName and the
 * other path calls take for a device rather than a file), as current
 * Windows reads them: "\\.\NUL", "\\.\CON", "\\.\CONIN$", "\\.\CONOUT$"
 * (also "\\?\"), a last component "NUL" in any directory ("C:\dir\nul",
 * trailing dots and spaces dropped), and "CON", "CONIN$", "CONOUT$" alone.
 * "NUL.txt", "C:\dir\CON" and "\\server\share\nul" are files, as on
 * Windows 11. Pure; calls nothing (tests/host/test_devname.c). */
#ifndef KERNEL_RTL_DEVNAME_H
#define KERNEL_RTL_DEVNAME_H

#include <stddef.h>

enum rtl_device { RTL_DEVICE_NONE, RTL_DEVICE_NUL, RTL_DEVICE_CON, RTL_DEVICE_CONIN,
		  RTL_DEVICE_CONOUT };

/* Which device path names (RTL_DEVICE_NONE: a file's path); for a device,
 * the device's name as typed is path[*at, *at + *len) (trailing dots and
 * spaces not counted): GetFullPathName answers "\\.\" and it. */
enum rtl_device rtl_device_name(const char *path, size_t *at, size_t *len);

#endif
