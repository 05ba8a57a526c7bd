/* Dynamic linking as a Windows program sees it (<windows.h>): LoadLibrary,
 * GetProcAddress, FreeLibrary, GetModuleHandleEx. vados links the SDK into
 * every program, so the system DLLs it stands for (kernel32.dll, ntdll.dll,
 * msvcrt.dll, ...) are always loaded and are never files: each has a handle
 * of its own (GetProcAddress, in procaddress.c, finds their functions). No
 * other DLL can be loaded: vados runs no PE images. */
#include <string.h>
#include <windows.h>
#include "user/lib/module.h"
#include "user/lib/wide_arg.h"

struct sysmodule {
	const char *name;
	enum sysmodule_scope scope;
};

static const struct sysmodule sysmodules[] = {
	{ "kernel32.dll", SCOPE_WIN32 }, { "kernelbase.dll", SCOPE_WIN32 },
	{ "advapi32.dll", SCOPE_WIN32 }, { "psapi.dll", SCOPE_WIN32 },
	{ "user32.dll", SCOPE_WIN32 }, { "ntdll.dll", SCOPE_NTDLL },
	{ "msvcrt.dll", SCOPE_CRT }, { "ucrtbase.dll", SCOPE_CRT },
	{ "vcruntime140.dll", SCOPE_CRT },
};

#define SYSMODULES (sizeof(sysmodules) / sizeof(sysmodules[0]))

/* Whether name (any directory before it; no extension: ".dll", as the
 * loader appends; a trailing '.': none) names system module m. */
static BOOL names_module(const char *name, const struct sysmodule *m)
{
	const char *base = name, *p;
	size_t n, stem = strlen(m->name) - 4;

	for (p = name; *p; p++)
		if (*p == '\\' || *p == '/')
			base = p + 1;
	n = strlen(base);
	if (!_stricmp(base, m->name))
		return TRUE;
	return n == stem && !strchr(base, '.') && !_strnicmp(base, m->name, stem);
}

HMODULE sysmodule_find(const char *name)
{
	for (unsigned i = 0; i < SYSMODULES; i++)
		if (names_module(name, &sysmodules[i]))
			return (HMODULE)&sysmodules[i];
	return NULL;
}

const char *sysmodule_name(HMODULE h)
{
	for (unsigned i = 0; i < SYSMODULES; i++)
		if (h == (HMODULE)&sysmodules[i])
			return sysmodules[i].name;
	return NULL;
}

/* Whether h is the program's module or a system one (else
 * ERROR_MOD_NOT_FOUND). */
static BOOL module_known(HMODULE h)
{
	if (sysmodule_name(h) || h == GetModuleHandleA(NULL))
		return TRUE;
	SetLastError(ERROR_MOD_NOT_FOUND);
	return FALSE;
}

int sysmodule_scope(HMODULE h)
{
	return sysmodule_name(h) ? (int)((const struct sysmodule *)h)->scope : -1;
}

/* The program itself or a system module by name; a DLL file found where
 * LoadLibrary searches cannot be run (ERROR_BAD_EXE_FORMAT), anything else
 * is not there (ERROR_MOD_NOT_FOUND). hFile must be NULL. */
HMODULE WINAPI LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
	HMODULE h;
	char path[MAX_PATH];

	(void)dwFlags;
	if (!lpLibFileName || hFile) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (IsBadStringPtrA(lpLibFileName, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return NULL;
	}
	if ((h = sysmodule_find(lpLibFileName)) || (h = GetModuleHandleA(lpLibFileName)))
		return h;
	SetLastError(SearchPathA(NULL, lpLibFileName, ".dll", MAX_PATH, path, NULL)
		     ? ERROR_BAD_EXE_FORMAT : ERROR_MOD_NOT_FOUND);
	return NULL;
}

HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName)
{
	return LoadLibraryExA(lpLibFileName, NULL, 0);
}

HMODULE WINAPI LoadLibraryExW(LPCWSTR lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
	HMODULE h;
	char *a;

	if (!lpLibFileName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!wide_arg(lpLibFileName, &a))
		return NULL;
	h = LoadLibraryExA(a, hFile, dwFlags);
	wide_free(a);
	return h;
}

HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName)
{
	return LoadLibraryExW(lpLibFileName, NULL, 0);
}

/* The modules are never unloaded: freeing a known one succeeds. */
BOOL WINAPI FreeLibrary(HMODULE hLibModule)
{
	return module_known(hLibModule);
}

__attribute__((noreturn)) VOID WINAPI FreeLibraryAndExitThread(HMODULE hLibModule,
							       DWORD dwExitCode)
{
	FreeLibrary(hLibModule);
	ExitThread(dwExitCode);
}

/* No DLL gets thread notifications to turn off: TRUE for a known module. */
BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule)
{
	return module_known(hLibModule);
}

/* A module by name (as GetModuleHandle) or, with
 * GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, by an address in it (the
 * program's image); PIN and UNCHANGED_REFCOUNT change nothing here (no
 * module unloads), but not both. */
BOOL WINAPI GetModuleHandleExA(DWORD dwFlags, LPCSTR lpModuleName, HMODULE *phModule)
{
	MEMORY_BASIC_INFORMATION mbi;
	HMODULE self = GetModuleHandleA(NULL);

	if (!phModule || (dwFlags & ~(GET_MODULE_HANDLE_EX_FLAG_PIN |
				      GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT |
				      GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)) ||
	    (dwFlags & GET_MODULE_HANDLE_EX_FLAG_PIN &&
	     dwFlags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!(dwFlags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS))
		*phModule = GetModuleHandleA(lpModuleName);
	else if (VirtualQuery(lpModuleName, &mbi, sizeof(mbi)) && mbi.Type == MEM_IMAGE &&
		 mbi.AllocationBase == (PVOID)self)
		*phModule = self;
	else if (!(*phModule = NULL))
		SetLastError(ERROR_MOD_NOT_FOUND);
	return *phModule != NULL;
}

BOOL WINAPI GetModuleHandleExW(DWORD dwFlags, LPCWSTR lpModuleName, HMODULE *phModule)
{
	BOOL ok;
	char *a;

	if (dwFlags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS || !lpModuleName)
		return GetModuleHandleExA(dwFlags, (LPCSTR)lpModuleName, phModule);
	if (!wide_arg(lpModuleName, &a))
		return FALSE;
	ok = GetModuleHandleExA(dwFlags, a, phModule);
	wide_free(a);
	return ok;
}
