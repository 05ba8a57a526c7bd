/* The program's own module: its handle is its image base (its ELF header,
 * ld's __ehdr_start: where the kernel placed the image, 0x00400000 as
 * linked without ASLR), its name its file's (image_name.c); the only other
 * modules are the system DLLs the SDK stands for (sysmodule.c). */
#include <string.h>
#include <windows.h>
#include "user/lib/module.h"

extern char __ehdr_start[];

/* Whether name names the program, ignoring ASCII case: its file's full
 * path or that path's last component (GetModuleFileNameA); a boot module's
 * name, which has no extension, also with the ".exe" its file would have.
 * Windows appends ".dll" to a name without an extension, so NAME alone does
 * not name NAME.exe. */
static BOOL same_name(const char *name)
{
	char path[MAX_PATH];
	const char *base;
	size_t n;

	if (!GetModuleFileNameA(NULL, path, sizeof(path)))
		return FALSE;
	base = strrchr(path, '\\') ? strrchr(path, '\\') + 1 : path;
	if (!_stricmp(name, path) || !_stricmp(name, base))
		return TRUE;
	n = strlen(base);
	return !strchr(base, '.') && !_strnicmp(name, base, n) && !_stricmp(name + n, ".exe");
}

/* NULL or the program's name (same_name): its image base; a system DLL's
 * name: its handle. Anything else is not loaded (ERROR_MOD_NOT_FOUND); an
 * unreadable name is ERROR_NOACCESS. */
HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName)
{
	HMODULE h;

	if (!lpModuleName)
		return (HMODULE)__ehdr_start;
	if (IsBadStringPtrA(lpModuleName, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return NULL;
	}
	if (same_name(lpModuleName))
		return (HMODULE)__ehdr_start;
	if ((h = sysmodule_find(lpModuleName)))
		return h;
	SetLastError(ERROR_MOD_NOT_FOUND);
	return NULL;
}
