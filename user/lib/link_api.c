/* CreateSymbolicLinkA/W (vados/winioctl.h) on FAT volumes, which keep no
 * reparse points. Windows creates the link's file or directory, then the
 * FAT driver refuses FSCTL_SET_REPARSE_POINT (ERROR_INVALID_FUNCTION) and
 * the new name is deleted again: so here, the name is made and removed to
 * give the errors creating it would (ERROR_ALREADY_EXISTS, a missing
 * path...), then ERROR_INVALID_FUNCTION. */
#include <windows.h>
#include "user/lib/wide_arg.h"

#define LINK_FLAGS (SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE)

/* Makes and removes the name link as the link's file or directory would
 * be: FALSE with the error when it cannot be made. */
static BOOL link_name_free(LPCSTR link, BOOL directory)
{
	HANDLE h;

	if (directory)
		return CreateDirectoryA(link, NULL) && RemoveDirectoryA(link);
	h = CreateFileA(link, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		if (GetLastError() == ERROR_FILE_EXISTS)
			SetLastError(ERROR_ALREADY_EXISTS);  /* NT's name collision */
		return FALSE;
	}
	return CloseHandle(h);
}

BOOLEAN WINAPI CreateSymbolicLinkA(LPCSTR lpSymlinkFileName, LPCSTR lpTargetFileName,
				   DWORD dwFlags)
{
	if ((dwFlags & ~LINK_FLAGS) || !lpSymlinkFileName || !lpTargetFileName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!link_name_free(lpSymlinkFileName, dwFlags & SYMBOLIC_LINK_FLAG_DIRECTORY))
		return FALSE;
	SetLastError(ERROR_INVALID_FUNCTION);
	return FALSE;
}

BOOLEAN WINAPI CreateSymbolicLinkW(LPCWSTR lpSymlinkFileName, LPCWSTR lpTargetFileName,
				   DWORD dwFlags)
{
	return WIDE_CALL2(lpSymlinkFileName, lpTargetFileName, (BOOLEAN)FALSE,
			  CreateSymbolicLinkA(from, to, dwFlags));
}
