/* Dynamic linking as a Windows program sees it (<windows.h>): LoadLibrary,
 * GetProcAddress, FreeLibrary, GetModuleHandleEx. vados links the SDK into
 * every program, so the system DLLs it stands for (kernel32.dll, ntdll.dll,
 * msvcrt.dll, ...) are always loaded and are never files: each has a handle
 * of its own, and GetProcAddress finds their functions in the SDK's export
 * table (user/lib/exports.h, which only a program calling it links). No
 * other DLL can be loaded: vados runs no PE images. */
#include <string.h>
#include <windows.h>
#include "user/lib/exports.h"
#include "user/lib/module.h"
#include "user/lib/wide_arg.h"

enum scope {
	SCOPE_WIN32,            /* the Windows API's functions */
	SCOPE_CRT,              /* the C runtime's */
	SCOPE_NTDLL,            /* ntdll exports both kinds */
};

struct sysmodule {
	const char *name;
	enum scope scope;
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

/* The module h is: the program's own, a system module, or neither (NULL
 * with ERROR_MOD_NOT_FOUND). */
static BOOL module_known(HMODULE h, const struct sysmodule **sys)
{
	*sys = sysmodule_name(h) ? (const struct sysmodule *)h : NULL;
	if (*sys || h == GetModuleHandleA(NULL))
		return TRUE;
	SetLastError(ERROR_MOD_NOT_FOUND);
	return FALSE;
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
	const struct sysmodule *sys;

	return module_known(hLibModule, &sys);
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
	const struct sysmodule *sys;

	return module_known(hLibModule, &sys);
}

/* The export named name of scope s, or NULL: a binary search of the table. */
static FARPROC export_find(const char *name, enum scope s)
{
	unsigned lo = 0, hi = sdk_export_count;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int c = strcmp(name, sdk_exports[mid].name);
		if (c == 0) {
			enum sdk_export_kind k = sdk_exports[mid].kind;
			if (s == SCOPE_NTDLL || (k == SDK_EXPORT_CRT) == (s == SCOPE_CRT))
				return (FARPROC)sdk_exports[mid].fn;
			return NULL;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* A system module's function by name; the program exports nothing, and no
 * module has ordinals (ERROR_PROC_NOT_FOUND); an unknown module (NULL is
 * the program) ERROR_MOD_NOT_FOUND. */
FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName)
{
	const struct sysmodule *sys;
	FARPROC f = NULL;

	if (!hModule)
		hModule = GetModuleHandleA(NULL);
	if (!module_known(hModule, &sys))
		return NULL;
	if ((UINT_PTR)lpProcName >> 16 && IsBadStringPtrA(lpProcName, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return NULL;
	}
	if (sys && (UINT_PTR)lpProcName >> 16)
		f = export_find(lpProcName, sys->scope);
	if (!f)
		SetLastError(ERROR_PROC_NOT_FOUND);
	return f;
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
