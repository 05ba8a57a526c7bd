/* The system modules (user/lib/sysmodule.c) for the calls on modules
 * (module.c, image_name.c). */
#ifndef USER_LIB_MODULE_H
#define USER_LIB_MODULE_H

#include <windows.h>

/* The system DLL name names (kernel32.dll, ntdll, C:\...\msvcrt.dll: any
 * directory, ".dll" appended to a name without an extension, ASCII case
 * ignored), or NULL. */
HMODULE sysmodule_find(const char *name);
/* A system module's file name (kernel32.dll), or NULL for another handle. */
const char *sysmodule_name(HMODULE h);

/* Which functions a system module has. */
enum sysmodule_scope {
	SCOPE_WIN32,            /* the Windows API's */
	SCOPE_CRT,              /* the C runtime's */
	SCOPE_NTDLL,            /* ntdll exports both kinds */
};
/* h's enum sysmodule_scope, or -1 when h is no system module. */
int sysmodule_scope(HMODULE h);

#endif
