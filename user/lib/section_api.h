/* File mappings' helpers shared by user/lib/section_api.c and
 * user/lib/memory10.c. Private to user/lib. */
#ifndef USER_LIB_SECTION_API_H
#define USER_LIB_SECTION_API_H

#include <windows.h>

/* SYS_CREATE_SECTION: CreateFileMappingA's arguments, the handle granting
 * access; the handle, or NULL with the last error. */
HANDLE section_create(HANDLE hFile, LPSECURITY_ATTRIBUTES sa, DWORD flProtect, DWORD high,
		      DWORD low, LPCSTR lpName, DWORD access);
/* MapViewOfFile2's page protection as MapViewOfFile's access; 0xffffffff
 * for one no view takes. */
DWORD section_access_of_protection(ULONG protect);

#endif
