/* Events (<windows.h>): CreateEventA/ExA, OpenEventA, SetEvent, ResetEvent,
 * PulseEvent. Named events live in the kernel's one namespace, shared with
 * every other named object type. */
#include <windows.h>
#include "win32call.h"

HANDLE WINAPI CreateEventExA(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCSTR lpName,
			     DWORD dwFlags, DWORD dwDesiredAccess)
{
	uint32_t existed = 0;
	uint32_t args[6] = { (uint32_t)lpName, (dwFlags & CREATE_EVENT_MANUAL_RESET) != 0,
			     (dwFlags & CREATE_EVENT_INITIAL_SET) != 0, dwDesiredAccess,
			     lpEventAttributes && lpEventAttributes->bInheritHandle,
			     (uint32_t)&existed };

	if (dwFlags & ~(CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return win32_create_named(SYS_CREATE_EVENT, args, &existed);
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
			   BOOL bInitialState, LPCSTR lpName)
{
	return CreateEventExA(lpEventAttributes, lpName,
			      (bManualReset ? CREATE_EVENT_MANUAL_RESET : 0) |
			      (bInitialState ? CREATE_EVENT_INITIAL_SET : 0), EVENT_ALL_ACCESS);
}

HANDLE WINAPI OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
	return win32_open_named(SYS_OPEN_EVENT, dwDesiredAccess, bInheritHandle, lpName);
}

static BOOL signal_event(HANDLE hEvent, uint32_t operation)
{
	uint32_t args[2] = { (uint32_t)hEvent, operation };

	return win32_call(SYS_SIGNAL_EVENT, args, NULL);
}

BOOL WINAPI SetEvent(HANDLE hEvent) { return signal_event(hEvent, 0); }
BOOL WINAPI ResetEvent(HANDLE hEvent) { return signal_event(hEvent, 1); }
BOOL WINAPI PulseEvent(HANDLE hEvent) { return signal_event(hEvent, 2); }
