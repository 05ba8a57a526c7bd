/* GetProcAddress (<windows.h>): a system module's functions are the SDK's
 * own, found in the export table the build writes (user/lib/exports.h).
 * Apart from the rest of the module calls so that only a program calling
 * it links the table, and with it every function it names. */
#include <string.h>
#include <windows.h>
#include "user/lib/exports.h"
#include "user/lib/module.h"

/* The export named name of scope s, or NULL: a binary search of the table. */
static FARPROC export_find(const char *name, int s)
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
	int scope;
	FARPROC f = NULL;

	if (!hModule)
		hModule = GetModuleHandleA(NULL);
	scope = sysmodule_scope(hModule);
	if (scope < 0 && hModule != GetModuleHandleA(NULL)) {
		SetLastError(ERROR_MOD_NOT_FOUND);
		return NULL;
	}
	if ((UINT_PTR)lpProcName >> 16 && IsBadStringPtrA(lpProcName, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return NULL;
	}
	if (scope >= 0 && (UINT_PTR)lpProcName >> 16)
		f = export_find(lpProcName, scope);
	if (!f)
		SetLastError(ERROR_PROC_NOT_FOUND);
	return f;
}

