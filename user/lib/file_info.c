/* More of <windows.h>'s file calls, built on the others: GetFileAttributesExA,
 * GetFileType, GetDriveTypeA, GetLogicalDrives, GetTempPathA and
 * GetTempFileNameA, with Windows' return conventions. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "runtime.h"
#include "win32call.h"

BOOL WINAPI GetFileAttributesExA(LPCSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
				 LPVOID lpFileInformation)
{
	WIN32_FILE_ATTRIBUTE_DATA *out = lpFileInformation;
	struct vados_find_data d;
	uint32_t args[2] = { (uint32_t)lpFileName, (uint32_t)&d };

	if (fInfoLevelId != GetFileExInfoStandard) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!win32_call(SYS_GET_FILE_ATTRIBUTES, args, NULL))
		return FALSE;
	out->dwFileAttributes = d.attributes;
	out->ftCreationTime = (FILETIME){ d.created[0], d.created[1] };
	out->ftLastAccessTime = (FILETIME){ d.accessed[0], d.accessed[1] };
	out->ftLastWriteTime = (FILETIME){ d.written[0], d.written[1] };
	out->nFileSizeHigh = d.size_high;
	out->nFileSizeLow = d.size_low;
	return TRUE;
}

/* Whether h is an end of a pipe (the peek refuses a write end its right, a
 * broken or unconnected pipe its state; any other handle is invalid). */
static BOOL pipe_is(HANDLE h)
{
	DWORD error = GetLastError();

	if (!PeekNamedPipe(h, NULL, 0, NULL, NULL, NULL) && GetLastError() == ERROR_INVALID_HANDLE) {
		SetLastError(error);
		return FALSE;
	}
	SetLastError(NO_ERROR);
	return TRUE;
}

/* The console's handles and the devices CreateFile opens ("NUL",
 * "CONIN$"...) are character devices, File objects disks, pipes' ends
 * pipes; anything else is FILE_TYPE_UNKNOWN with the error
 * (ERROR_INVALID_HANDLE). */
DWORD WINAPI GetFileType(HANDLE hFile)
{
	struct vados_file_info unused;
	uint32_t args[1] = { (uint32_t)hFile }, device;

	if (hFile == (HANDLE)STD_INPUT_HANDLE || hFile == (HANDLE)STD_OUTPUT_HANDLE ||
	    hFile == (HANDLE)STD_ERROR_HANDLE)
		return FILE_TYPE_CHAR;
	if (win32_call(SYS_QUERY_DEVICE, args, &device)) {
		SetLastError(NO_ERROR);
		return FILE_TYPE_CHAR;
	}
	if (!__vados_query_file(hFile, &unused, true))
		return pipe_is(hFile) ? FILE_TYPE_PIPE : FILE_TYPE_UNKNOWN;
	SetLastError(NO_ERROR);
	return FILE_TYPE_DISK;
}

/* A mounted volume's root is DRIVE_FIXED (vados mounts only hard disks);
 * a name that is not "X:" or "X:\" or whose volume is not there is
 * DRIVE_NO_ROOT_DIR; NULL is the current directory's drive. The last
 * error is left as it was. */
UINT WINAPI GetDriveTypeA(LPCSTR lpRootPathName)
{
	char root[4] = "?:\\", cwd[MAX_PATH];
	DWORD error = GetLastError(), attr;
	const char *p = lpRootPathName;

	if (!p) {
		if (!GetCurrentDirectoryA(sizeof(cwd), cwd))
			return DRIVE_UNKNOWN;
		p = cwd;
	} else if (p[0] == 0 || p[1] != ':' ||
		   (p[2] && ((p[2] != '\\' && p[2] != '/') || p[3]))) {
		return DRIVE_NO_ROOT_DIR;
	}
	root[0] = p[0];
	attr = GetFileAttributesA(root);
	SetLastError(error);
	return attr != INVALID_FILE_ATTRIBUTES ? DRIVE_FIXED : DRIVE_NO_ROOT_DIR;
}

/* Bit 0 is A:, bit 25 Z:: one bit per mounted volume. */
DWORD WINAPI GetLogicalDrives(VOID)
{
	char root[4] = "A:\\";
	DWORD drives = 0;

	for (int i = 0; i < 26; i++) {
		root[0] = (char)('A' + i);
		if (GetDriveTypeA(root) == DRIVE_FIXED)
			drives |= 1ul << i;
	}
	return drives;
}

/* TMP, else TEMP, else USERPROFILE made a full path ending in '\'; without
 * them (and without a Windows directory, Windows' last choice) the current
 * drive's root. The length without the NUL, or the size needed with it. */
DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer)
{
	static const char *const vars[] = { "TMP", "TEMP", "USERPROFILE" };
	char value[MAX_PATH], full[MAX_PATH + 1];
	DWORD n = 0;

	for (unsigned i = 0; i < sizeof(vars) / sizeof(vars[0]) && !n; i++) {
		n = GetEnvironmentVariableA(vars[i], value, sizeof(value));
		if (n >= sizeof(value))
			n = 0;
	}
	if (!n && !GetCurrentDirectoryA(sizeof(value), value))
		return 0;
	if (!n)
		value[3] = 0;           /* "X:\" */
	n = GetFullPathNameA(value, MAX_PATH, full, NULL);
	if (!n || n >= MAX_PATH)
		return 0;
	if (full[n - 1] != '\\') {
		full[n++] = '\\';
		full[n] = 0;
	}
	if (n >= nBufferLength)
		return n + 1;
	memcpy(lpBuffer, full, n + 1);
	return n;
}

/* lpPathName\ + up to 3 characters of the prefix + the unique number in hex
 * + ".tmp". uUnique's low 16 bits, when not 0, name the file and it is not
 * created; 0 makes the function find a number whose file it can create
 * (starting from the clock) and create it. Returns the number used; 0 and
 * ERROR_BUFFER_OVERFLOW when the name could not fit MAX_PATH, ERROR_DIRECTORY
 * when lpPathName is no directory (uUnique 0). */
UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
			     LPSTR lpTempFileName)
{
	char base[MAX_PATH];
	size_t n = lpPathName ? strlen(lpPathName) : 0;
	UINT unique = uUnique & 0xffff, start;
	HANDLE h;

	if (!lpPathName || !lpTempFileName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (n + 1 + 3 + 4 + 4 >= MAX_PATH) {
		SetLastError(ERROR_BUFFER_OVERFLOW);
		return 0;
	}
	snprintf(base, sizeof(base), "%s%s%.3s", lpPathName,
		 n && lpPathName[n - 1] != '\\' && lpPathName[n - 1] != '/' ? "\\" : "",
		 lpPrefixString ? lpPrefixString : "");
	if (unique) {
		snprintf(lpTempFileName, MAX_PATH, "%s%X.tmp", base, unique);
		return unique;
	}
	start = (GetTickCount() & 0xffff) | 1;
	unique = start;
	do {
		snprintf(lpTempFileName, MAX_PATH, "%s%X.tmp", base, unique);
		h = CreateFileA(lpTempFileName, GENERIC_WRITE, 0, NULL, CREATE_NEW,
				FILE_ATTRIBUTE_NORMAL, NULL);
		if (h != INVALID_HANDLE_VALUE) {
			CloseHandle(h);
			SetLastError(NO_ERROR);
			return unique;
		}
		if (GetLastError() == ERROR_PATH_NOT_FOUND)
			SetLastError(ERROR_DIRECTORY);  /* Windows' answer for no such directory */
		if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ACCESS_DENIED &&
		    GetLastError() != ERROR_SHARING_VIOLATION)
			return 0;
		unique = (unique + 1) & 0xffff ? (unique + 1) & 0xffff : 1;
	} while (unique != start);
	SetLastError(ERROR_FILE_EXISTS);
	return 0;
}
