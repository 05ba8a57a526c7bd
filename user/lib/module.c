/* The program's own module: its handle is its image base (its ELF header,
 * ld's __ehdr_start: where the kernel placed the image, 0x00400000 as
 * linked without ASLR), its name the boot module's name it was started by
 * (argv[0]); there are no other modules. Its file's name: image_name.c. */
#include <string.h>
#include <windows.h>
#include "user/lib/runtime.h"

extern char __ehdr_start[];

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether name is the program's, ignoring ASCII case: the module's name as
 * it was started (argv[0]), with or without the .exe its file has. */
static BOOL same_name(const char *name, const char *program)
{
	while (*program && lower(*name) == lower(*program))
		name++, program++;
	if (*program)
		return FALSE;
	return !*name || (name[0] == '.' && lower(name[1]) == 'e' && lower(name[2]) == 'x' &&
			  lower(name[3]) == 'e' && !name[4]);
}

/* NULL or the program's name (NAME or NAME.exe): its image base. Anything
 * else is not loaded (ERROR_MOD_NOT_FOUND); an unreadable name is
 * ERROR_NOACCESS. */
HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName)
{
	if (!lpModuleName)
		return (HMODULE)__ehdr_start;
	if (IsBadStringPtrA(lpModuleName, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return NULL;
	}
	if (same_name(lpModuleName, __vados_program_name()))
		return (HMODULE)__ehdr_start;
	SetLastError(ERROR_MOD_NOT_FOUND);
	return NULL;
}
