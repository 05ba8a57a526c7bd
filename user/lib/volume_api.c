/* winvolume.h's volume and file calls, built on the others: the drives'
 * root strings and device names, a path's volume root, the size a file
 * takes on disk, CreateFile2, GetBinaryType and SetFileValidData. vados's
 * volumes are drive letters C: to Z: (no mount points); the device names
 * are the kernel's (kernel/io/volume.c: C: is HarddiskVolume1). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "runtime.h"
#include "wide_arg.h"

#define DRIVE_STRINGS_MAX (26 * 4 + 1)
#define DEVICE_NAME_MAX 64

static BOOL drive_mounted(char letter)
{
	char root[4] = { letter, ':', '\\', 0 };

	return GetDriveTypeA(root) == DRIVE_FIXED;
}

/* Copies n characters of a (ASCII) into w, or only checks when w is NULL. */
static void widen_ascii(const char *a, LPWSTR w, DWORD n)
{
	for (DWORD i = 0; w && i < n; i++)
		w[i] = (unsigned char)a[i];
}

/* "C:\" and the others, each NUL-ended, and the last NUL into
 * out[DRIVE_STRINGS_MAX]; the length without that last NUL. */
static DWORD drive_strings(char *out)
{
	DWORD drives = GetLogicalDrives(), n = 0;

	for (int i = 0; i < 26; i++)
		if (drives & (1ul << i)) {
			memcpy(out + n, "?:\\", 4);
			out[n] = (char)('A' + i);
			n += 4;
		}
	out[n] = '\0';
	return n;
}

/* GetLogicalDriveStrings' work into buf (CHARs, or WCHARs when wide). */
static DWORD logical_drive_strings(DWORD size, void *buf, BOOL wide)
{
	char all[DRIVE_STRINGS_MAX];
	DWORD n = drive_strings(all);

	if (size < n + 1)
		return n + 1;
	if (wide)
		widen_ascii(all, buf, n + 1);
	else
		memcpy(buf, all, n + 1);
	return n;
}

DWORD WINAPI GetLogicalDriveStringsA(DWORD nBufferLength, LPSTR lpBuffer)
{
	return logical_drive_strings(nBufferLength, lpBuffer, FALSE);
}

DWORD WINAPI GetLogicalDriveStringsW(DWORD nBufferLength, LPWSTR lpBuffer)
{
	return logical_drive_strings(nBufferLength, lpBuffer, TRUE);
}

/* The volume root of path into root[4] ("C:\"): its drive's when it names a
 * mounted one, else the boot volume's (Microsoft's rule for relative and
 * unknown names); FALSE with ERROR_SUCCESS for "". */
static BOOL volume_root(const char *path, char *root)
{
	if (!path[0]) {
		SetLastError(ERROR_SUCCESS);
		return FALSE;
	}
	if (strncmp(path, "\\\\?\\", 4) == 0)
		path += 4;
	root[0] = 'C';
	if (((path[0] | 0x20) >= 'a' && (path[0] | 0x20) <= 'z') && path[1] == ':' &&
	    drive_mounted(path[0]))
		root[0] = path[0];              /* its case kept, as the path spells it */
	memcpy(root + 1, ":\\", 3);
	return TRUE;
}

/* A buffer one short of the root drops its backslash (as Windows does);
 * shorter: ERROR_FILENAME_EXCED_RANGE. */
static BOOL volume_fits(DWORD size)
{
	if (size >= 3)
		return TRUE;
	SetLastError(ERROR_FILENAME_EXCED_RANGE);
	return FALSE;
}

BOOL WINAPI GetVolumePathNameA(LPCSTR lpszFileName, LPSTR lpszVolumePathName,
			       DWORD cchBufferLength)
{
	char root[4];

	if (!lpszFileName || !lpszVolumePathName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!volume_root(lpszFileName, root) || !volume_fits(cchBufferLength))
		return FALSE;
	root[cchBufferLength == 3 ? 2 : 3] = '\0';
	strcpy(lpszVolumePathName, root);
	return TRUE;
}

BOOL WINAPI GetVolumePathNameW(LPCWSTR lpszFileName, LPWSTR lpszVolumePathName,
			       DWORD cchBufferLength)
{
	char root[4], *a;
	BOOL ok;

	if (!lpszFileName || !lpszVolumePathName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!wide_arg(lpszFileName, &a))
		return FALSE;
	ok = volume_root(a, root) && volume_fits(cchBufferLength);
	wide_free(a);
	if (ok) {
		root[cchBufferLength == 3 ? 2 : 3] = '\0';
		widen_ascii(root, lpszVolumePathName, (DWORD)strlen(root) + 1);
	}
	return ok;
}

/* QueryDosDevice's multi-string for name (NULL: every drive, "C:" ...)
 * into out[DRIVE_STRINGS_MAX]; its characters with both final NULs, or 0
 * with ERROR_FILE_NOT_FOUND. */
static DWORD dos_device(const char *name, char *out)
{
	DWORD n = 0;

	if (!name) {
		n = drive_strings(out);
		for (DWORD i = 0; i < n; i += 4)        /* "C:\" becomes "C:" */
			memmove(out + i / 4 * 3, out + i, 2), out[i / 4 * 3 + 2] = '\0';
		n = n / 4 * 3;
		out[n] = '\0';
		return n + 1;
	}
	if (((name[0] | 0x20) < 'a' || (name[0] | 0x20) > 'z') || name[1] != ':' || name[2] ||
	    !drive_mounted(name[0])) {
		SetLastError(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	n = (DWORD)snprintf(out, DEVICE_NAME_MAX, "\\Device\\HarddiskVolume%u",
			    (unsigned)((name[0] & ~0x20) - 'C' + 1));
	out[n + 1] = '\0';
	return n + 2;
}

/* Whether n characters fit ucchMax; else ERROR_INSUFFICIENT_BUFFER. */
static BOOL device_fits(DWORD n, DWORD ucchMax)
{
	if (n <= ucchMax)
		return TRUE;
	SetLastError(ERROR_INSUFFICIENT_BUFFER);
	return FALSE;
}

DWORD WINAPI QueryDosDeviceA(LPCSTR lpDeviceName, LPSTR lpTargetPath, DWORD ucchMax)
{
	char out[DRIVE_STRINGS_MAX];
	DWORD n = dos_device(lpDeviceName, out);

	if (!n || !device_fits(n, ucchMax))
		return 0;
	memcpy(lpTargetPath, out, n);
	return n;
}

DWORD WINAPI QueryDosDeviceW(LPCWSTR lpDeviceName, LPWSTR lpTargetPath, DWORD ucchMax)
{
	char out[DRIVE_STRINGS_MAX], *a = NULL;
	DWORD n = 0;

	if (lpDeviceName && !wide_arg(lpDeviceName, &a))
		return 0;
	n = dos_device(a, out);
	wide_free(a);
	if (!n || !device_fits(n, ucchMax))
		return 0;
	widen_ascii(out, lpTargetPath, n);
	return n;
}

DWORD WINAPI GetCompressedFileSizeA(LPCSTR lpFileName, LPDWORD lpFileSizeHigh)
{
	WIN32_FILE_ATTRIBUTE_DATA d;

	if (!GetFileAttributesExA(lpFileName, GetFileExInfoStandard, &d))
		return INVALID_FILE_SIZE;
	if (lpFileSizeHigh)
		*lpFileSizeHigh = d.nFileSizeHigh;
	if (d.nFileSizeLow == INVALID_FILE_SIZE)
		SetLastError(NO_ERROR);
	return d.nFileSizeLow;
}

DWORD WINAPI GetCompressedFileSizeW(LPCWSTR lpFileName, LPDWORD lpFileSizeHigh)
{
	return WIDE_CALL(lpFileName, INVALID_FILE_SIZE, GetCompressedFileSizeA(a, lpFileSizeHigh));
}

HANDLE WINAPI CreateFile2(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  DWORD dwCreationDisposition,
			  LPCREATEFILE2_EXTENDED_PARAMETERS pCreateExParams)
{
	const CREATEFILE2_EXTENDED_PARAMETERS none = { sizeof(none), 0, 0, 0, NULL, NULL };
	const CREATEFILE2_EXTENDED_PARAMETERS *p = pCreateExParams ? pCreateExParams : &none;

	if (p->dwSize != sizeof(*p)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	return CreateFileW(lpFileName, dwDesiredAccess, dwShareMode, p->lpSecurityAttributes,
			   dwCreationDisposition,
			   p->dwFileAttributes | p->dwFileFlags | p->dwSecurityQosFlags,
			   p->hTemplateFile);
}

/* n bytes at offset of h into buf; FALSE when fewer are there. */
static BOOL read_at(HANDLE h, DWORD offset, void *buf, DWORD n)
{
	LARGE_INTEGER at = { .QuadPart = offset };
	DWORD got;

	return SetFilePointerEx(h, at, NULL, FILE_BEGIN) && ReadFile(h, buf, n, &got, NULL) &&
	       got == n;
}

#define IMAGE_FILE_DLL_FLAG 0x2000
#define PE_MAGIC_32 0x10b
#define PE_MAGIC_64 0x20b

/* The SCS_ type of the image behind an MZ header (e_lfanew at 0x3C): PE by
 * its optional header's magic (a DLL or another magic: -1), NE Windows or
 * OS/2 by its target, else DOS. */
static int mz_type(HANDLE h)
{
	unsigned char nt[26];
	DWORD lfanew;

	if (!read_at(h, 0x3c, &lfanew, 4) || !read_at(h, lfanew, nt, sizeof(nt)))
		return SCS_DOS_BINARY;
	if (memcmp(nt, "PE\0\0", 4) == 0) {
		WORD characteristics = (WORD)(nt[22] | nt[23] << 8), magic = (WORD)(nt[24] | nt[25] << 8);
		if (characteristics & IMAGE_FILE_DLL_FLAG)
			return -1;
		return magic == PE_MAGIC_32 ? SCS_32BIT_BINARY : magic == PE_MAGIC_64 ? SCS_64BIT_BINARY : -1;
	}
	if (nt[0] == 'N' && nt[1] == 'E')
		return read_at(h, lfanew + 0x36, nt, 1) && nt[0] == 1 ? SCS_OS216_BINARY
								       : SCS_WOW_BINARY;
	return SCS_DOS_BINARY;
}

/* Whether name ends in ext (".com"), case aside. */
static BOOL has_extension(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n >= e && lstrcmpiA(name + n - e, ext) == 0;
}

BOOL WINAPI GetBinaryTypeA(LPCSTR lpApplicationName, LPDWORD lpBinaryType)
{
	unsigned char head[20];
	HANDLE h;
	int type = -1;

	if (!lpApplicationName || !lpBinaryType) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	h = CreateFileA(lpApplicationName, GENERIC_READ,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
			0, NULL);
	if (h == INVALID_HANDLE_VALUE)
		return FALSE;
	if (read_at(h, 0, head, 2) && head[0] == 'M' && head[1] == 'Z')
		type = mz_type(h);
	else if (read_at(h, 0, head, sizeof(head)) && memcmp(head, "\x7f" "ELF\x01\x01", 6) == 0 &&
		 (head[16] == 2 || head[16] == 3) && head[17] == 0 && head[18] == 3 && head[19] == 0)
		type = SCS_32BIT_BINARY;        /* vados's programs: i386 ELF, EXEC or DYN */
	else if (has_extension(lpApplicationName, ".com"))
		type = SCS_DOS_BINARY;
	else if (has_extension(lpApplicationName, ".pif"))
		type = SCS_PIF_BINARY;
	CloseHandle(h);
	if (type < 0) {
		SetLastError(ERROR_BAD_EXE_FORMAT);
		return FALSE;
	}
	*lpBinaryType = (DWORD)type;
	return TRUE;
}

BOOL WINAPI GetBinaryTypeW(LPCWSTR lpApplicationName, LPDWORD lpBinaryType)
{
	return WIDE_CALL(lpApplicationName, FALSE, GetBinaryTypeA(a, lpBinaryType));
}

BOOL WINAPI SetFileValidData(HANDLE hFile, LONGLONG ValidDataLength)
{
	LARGE_INTEGER size;
	DWORD error;

	SetLastError(NO_ERROR);
	if (GetFileType(hFile) != FILE_TYPE_DISK) {
		error = GetLastError() ? GetLastError() : ERROR_INVALID_PARAMETER;
		SetLastError(error);
		return FALSE;
	}
	if (!__vados_privilege_enabled(SE_MANAGE_VOLUME_NAME)) {
		SetLastError(ERROR_PRIVILEGE_NOT_HELD);
		return FALSE;
	}
	if (!GetFileSizeEx(hFile, &size))
		return FALSE;
	if (ValidDataLength < 0 || ValidDataLength > size.QuadPart) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return TRUE;
}
