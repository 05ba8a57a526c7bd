/* The name of a process's program file (SYS_PROCESS_IMAGE_NAME):
 * GetModuleFileNameA for the program itself, psapi's GetModuleFileNameExA,
 * GetModuleBaseNameA and GetProcessImageFileNameA, and
 * QueryFullProcessImageNameA. The full
 * path ("C:\BIN\HELLO.EXE"), or its NT device form
 * ("\Device\HarddiskVolume1\BIN\HELLO.EXE"); a program started from a boot
 * module has its module's name. There are no DLLs: a process's one module
 * is its program. */
#include <string.h>
#include <windows.h>
#include "user/lib/module.h"
#include <psapi.h>
#include "user/lib/win32call.h"

extern char __ehdr_start[];

/* hProcess's program file name (native: the device form) into buf[size],
 * which holds any; its length, or 0 with the kernel's error. */
static DWORD image_name(HANDLE hProcess, BOOL native, char *buf, DWORD size)
{
	uint32_t a[4] = { (uint32_t)hProcess, native != FALSE, (uint32_t)buf, size }, len;

	return win32_call(SYS_PROCESS_IMAGE_NAME, a, &len) ? len : 0;
}

/* name (len characters) into lpFilename of nSize, as GetModuleFileNameA
 * gives it: too small a buffer gets it cut to nSize - 1 characters and a
 * NUL, and nSize with ERROR_INSUFFICIENT_BUFFER; an unwritable one
 * ERROR_NOACCESS with nothing written and 0. */
static DWORD give_cut(const char *name, DWORD len, LPSTR lpFilename, DWORD nSize)
{
	DWORD copy = len < nSize ? len : (nSize ? nSize - 1 : 0);

	if (IsBadWritePtr(lpFilename, nSize ? copy + 1 : 0)) {
		SetLastError(ERROR_NOACCESS);
		return 0;
	}
	if (nSize) {
		memcpy(lpFilename, name, copy);
		lpFilename[copy] = '\0';
	}
	if (len < nSize)
		return len;
	SetLastError(ERROR_INSUFFICIENT_BUFFER);
	return nSize;
}

/* The program's file: hModule NULL or its base (else ERROR_MOD_NOT_FOUND). */
DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize)
{
	char name[MAX_PATH + 32];
	DWORD len;

	const char *sys = sysmodule_name(hModule);

	if (sys) {              /* where Windows keeps it */
		strcpy(name, "C:\\Windows\\System32\\");
		strcat(name, sys);
		return give_cut(name, (DWORD)strlen(name), lpFilename, nSize);
	}
	if (hModule && hModule != (HMODULE)__ehdr_start) {
		SetLastError(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	if (!(len = image_name(GetCurrentProcess(), FALSE, name, sizeof(name))))
		return 0;
	return give_cut(name, len, lpFilename, nSize);
}

/* name (len characters) into buf of nSize, as psapi gives names: cut to
 * nSize - 1 characters and a NUL, the length copied; nSize 0 is
 * ERROR_INSUFFICIENT_BUFFER, an unwritable buffer ERROR_NOACCESS (0). */
static DWORD give_copied(const char *name, DWORD len, LPSTR buf, DWORD nSize)
{
	if (nSize == 0 || IsBadWritePtr(buf, nSize)) {
		SetLastError(nSize ? ERROR_NOACCESS : ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	len = len < nSize ? len : nSize - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return len;
}

/* hProcess's program file (PROCESS_QUERY_LIMITED_INFORMATION; Windows
 * asks PROCESS_VM_READ as well): hModule NULL or the program's base (as
 * EnumProcessModules gives it), else ERROR_INVALID_HANDLE. A name longer
 * than nSize - 1 is cut and terminated, and the call still succeeds with
 * the length copied. */
DWORD WINAPI GetModuleFileNameExA(HANDLE hProcess, HMODULE hModule, LPSTR lpFilename, DWORD nSize)
{
	char name[MAX_PATH + 32];
	HMODULE image;
	DWORD len, cbNeeded;

	if (hModule && (!EnumProcessModules(hProcess, &image, sizeof(image), &cbNeeded) ||
			image != hModule)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return 0;
	}
	if (!(len = image_name(hProcess, FALSE, name, sizeof(name))))
		return 0;
	return give_copied(name, len, lpFilename, nSize);
}

/* GetModuleFileNameExA's name without its directory ("HELLO.EXE"), cut
 * to nSize - 1 characters as that one is. */
DWORD WINAPI GetModuleBaseNameA(HANDLE hProcess, HMODULE hModule, LPSTR lpBaseName, DWORD nSize)
{
	char path[MAX_PATH + 32];
	const char *name;

	if (!GetModuleFileNameExA(hProcess, hModule, path, sizeof(path)))
		return 0;
	name = strrchr(path, '\\');
	name = name ? name + 1 : path;
	return give_copied(name, (DWORD)strlen(name), lpBaseName, nSize);
}

/* The device form of hProcess's program file: its length; a buffer that
 * cannot hold it and its terminator: 0, ERROR_INSUFFICIENT_BUFFER. */
DWORD WINAPI GetProcessImageFileNameA(HANDLE hProcess, LPSTR lpImageFileName, DWORD nSize)
{
	return image_name(hProcess, TRUE, lpImageFileName, nSize);
}

/* dwFlags 0: the full path, PROCESS_NAME_NATIVE: the device form; any
 * other flag ERROR_INVALID_PARAMETER. *lpdwSize: the buffer's characters
 * in, the name's length out (without the terminator); too small,
 * ERROR_INSUFFICIENT_BUFFER and *lpdwSize unchanged. */
BOOL WINAPI QueryFullProcessImageNameA(HANDLE hProcess, DWORD dwFlags, LPSTR lpExeName,
				       PDWORD lpdwSize)
{
	DWORD len;

	if (dwFlags & ~PROCESS_NAME_NATIVE) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (IsBadWritePtr(lpdwSize, sizeof(*lpdwSize))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!(len = image_name(hProcess, dwFlags != 0, lpExeName, *lpdwSize)))
		return FALSE;
	*lpdwSize = len;
	return TRUE;
}
