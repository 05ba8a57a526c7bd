/* <psapi.h>'s working-set calls (emptying it through the kernel's
 * working-set limits, and listing it page by page) and GetMappedFileNameA. */
#include <string.h>
#include <windows.h>
#include <psapi.h>
#include <vados/calls.h>
#include "user/lib/win32call.h"

/* The name comes from the section mapped there (SYS_QUERY_VIEW_NAME): an
 * image section is named after its file. */
DWORD WINAPI GetMappedFileNameA(HANDLE hProcess, LPVOID lpv, LPSTR lpFilename, DWORD nSize)
{
	MEMORY_BASIC_INFORMATION m;
	char name[MAX_PATH];
	struct vados_result r;
	DWORD len;

	if (!VirtualQueryEx(hProcess, lpv, &m, sizeof(m)))
		return 0;
	if (m.Type != MEM_IMAGE) {
		SetLastError(ERROR_FILE_INVALID);
		return 0;
	}
	r = vados_view_name(hProcess, lpv, name, sizeof(name));
	if (r.error) {
		SetLastError(r.error);
		return 0;
	}
	len = strlen(name) < nSize ? strlen(name) : (nSize ? nSize - 1 : 0);
	if (nSize == 0 || IsBadWritePtr(lpFilename, len + 1)) {
		SetLastError(nSize ? ERROR_NOACCESS : ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(lpFilename, name, len);
	lpFilename[len] = '\0';
	return len;
}

/* Takes every page that can go out of the process's working set, as
 * SetProcessWorkingSetSize(hProcess, (SIZE_T)-1, (SIZE_T)-1) does. */
BOOL WINAPI EmptyWorkingSet(HANDLE hProcess)
{
	return SetProcessWorkingSetSize(hProcess, (SIZE_T)-1, (SIZE_T)-1);
}

/* pv: a PSAPI_WORKING_SET_INFORMATION of cb bytes. NumberOfEntries always
 * gets the number of pages; with too little room for them, FALSE with
 * ERROR_BAD_LENGTH. */
BOOL WINAPI QueryWorkingSet(HANDLE hProcess, PVOID pv, DWORD cb)
{
	PSAPI_WORKING_SET_INFORMATION *info = pv;
	uint32_t room = cb >= sizeof(ULONG_PTR) ? (cb - sizeof(ULONG_PTR)) / sizeof(ULONG_PTR) : 0;
	uint32_t a[3] = { (uint32_t)hProcess, (uint32_t)info->WorkingSetInfo, room }, total;

	if (cb < sizeof(ULONG_PTR) || IsBadWritePtr(pv, cb)) {
		SetLastError(cb < sizeof(ULONG_PTR) ? ERROR_BAD_LENGTH : ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_QUERY_WORKING_SET, a, &total))
		return FALSE;
	info->NumberOfEntries = total;
	if (total <= room)
		return TRUE;
	SetLastError(ERROR_BAD_LENGTH);
	return FALSE;
}

/* pv: cb bytes of PSAPI_WORKING_SET_EX_INFORMATION, VirtualAddress filled
 * in; each gets its VirtualAttributes. */
BOOL WINAPI QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb)
{
	uint32_t a[3] = { (uint32_t)hProcess, (uint32_t)pv,
			  cb / sizeof(PSAPI_WORKING_SET_EX_INFORMATION) };

	if (a[2] == 0) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	return win32_call(SYS_QUERY_WORKING_SET_EX, a, NULL);
}
