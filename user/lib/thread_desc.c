/* Thread descriptions (vados/winthreads.h): SetThreadDescription and
 * GetThreadDescription over SYS_THREAD_DESCRIPTION. The kernel keeps the
 * text with the thread (any process with a handle reads it) and shows its
 * ASCII start as the thread's name in the thread tools. Failures are
 * HRESULT_FROM_NT of NT's status, as kernelbase returns them (an invalid
 * handle: 0xD0000008). */
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "win32call.h"

#define HRESULT_FROM_NT(status) ((HRESULT)((status) | 0x10000000u))

/* The NT status behind the Win32 error the kernel gave. */
static HRESULT failure(DWORD error)
{
	switch (error) {
	case ERROR_INVALID_HANDLE: return HRESULT_FROM_NT(0xC0000008u);
	case ERROR_ACCESS_DENIED: return HRESULT_FROM_NT(0xC0000022u);
	case ERROR_NOACCESS: return HRESULT_FROM_NT(0xC0000005u);
	case ERROR_NOT_ENOUGH_MEMORY: return HRESULT_FROM_NT(0xC0000017u);
	default: return HRESULT_FROM_NT(0xC000000Du);       /* STATUS_INVALID_PARAMETER */
	}
}

/* THREAD_SET_LIMITED_INFORMATION; more than 32767 characters: invalid. */
HRESULT WINAPI SetThreadDescription(HANDLE hThread, PCWSTR lpThreadDescription)
{
	uint32_t args[4] = { (uint32_t)hThread, (uint32_t)lpThreadDescription, 0, 1 };

	if (!lpThreadDescription || IsBadReadPtr(lpThreadDescription, sizeof(WCHAR)))
		return failure(ERROR_NOACCESS);
	args[2] = (uint32_t)wcslen(lpThreadDescription);
	return win32_call(SYS_THREAD_DESCRIPTION, args, NULL) ? S_OK : failure(GetLastError());
}

/* THREAD_QUERY_LIMITED_INFORMATION; *ppszThreadDescription a LocalAlloc'd
 * copy ("" for a thread never described), which the caller LocalFrees. */
HRESULT WINAPI GetThreadDescription(HANDLE hThread, PWSTR *ppszThreadDescription)
{
	uint32_t args[4] = { (uint32_t)hThread, 0, 0, 0 }, len;
	PWSTR text = NULL;

	if (IsBadWritePtr(ppszThreadDescription, sizeof(*ppszThreadDescription)))
		return failure(ERROR_NOACCESS);
	*ppszThreadDescription = NULL;
	for (;;) {
		if (!win32_call(SYS_THREAD_DESCRIPTION, args, &len)) {
			LocalFree(text);
			return failure(GetLastError());
		}
		if (text && len <= args[2])
			break;
		LocalFree(text);        /* first pass, or it grew meanwhile */
		if (!(text = LocalAlloc(LMEM_FIXED, (len + 1) * sizeof(WCHAR))))
			return failure(ERROR_NOT_ENOUGH_MEMORY);
		args[1] = (uint32_t)text;
		args[2] = len;
	}
	text[len] = L'\0';
	*ppszThreadDescription = text;
	return S_OK;
}
