/* Console control handlers: SetConsoleCtrlHandler's list, the signals
 * GenerateConsoleCtrlEvent and a typed CTRL+C raise, each run on a new
 * thread through the handlers, the last registered first, as Windows does. */
#include <windows.h>
#include "console.h"

static PHANDLER_ROUTINE *handlers;
static DWORD handler_count, handler_room;
static volatile BOOL ignore_ctrl_c;
static SRWLOCK handler_lock = SRWLOCK_INIT;

/* Adds (Add TRUE) or removes the last registration of HandlerRoutine; a
 * handler not registered: ERROR_INVALID_PARAMETER. NULL sets (Add TRUE) or
 * clears the process's ignoring of CTRL+C. */
BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add)
{
	BOOL ok = TRUE;

	if (!HandlerRoutine) {
		ignore_ctrl_c = Add != FALSE;
		return TRUE;
	}
	AcquireSRWLockExclusive(&handler_lock);
	if (Add && handler_count == handler_room) {
		DWORD room = handler_room ? handler_room * 2 : 8;
		PHANDLER_ROUTINE *more = handlers ?
			HeapReAlloc(GetProcessHeap(), 0, handlers, room * sizeof(*more)) :
			HeapAlloc(GetProcessHeap(), 0, room * sizeof(*more));
		if (more) {
			handlers = more;
			handler_room = room;
		} else {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			ok = FALSE;
		}
	}
	if (ok && Add) {
		handlers[handler_count++] = HandlerRoutine;
	} else if (ok) {
		DWORD i = handler_count;
		while (i && handlers[i - 1] != HandlerRoutine)
			i--;
		if (i) {
			for (; i < handler_count; i++)
				handlers[i - 1] = handlers[i];
			handler_count--;
		} else {
			SetLastError(ERROR_INVALID_PARAMETER);
			ok = FALSE;
		}
	}
	ReleaseSRWLockExclusive(&handler_lock);
	return ok;
}

/* The signal's thread: the handlers, newest first, until one returns TRUE;
 * the default handler after them ends the process. */
static DWORD WINAPI ctrl_thread(LPVOID parameter)
{
	DWORD type = (DWORD)(ULONG_PTR)parameter;

	for (DWORD i = ~0u;;) {
		PHANDLER_ROUTINE h = NULL;

		AcquireSRWLockShared(&handler_lock);
		if (i > handler_count)  /* first, or handlers went meanwhile */
			i = handler_count;
		if (i)
			h = handlers[--i];
		ReleaseSRWLockShared(&handler_lock);
		if (!h)
			break;
		if (h(type))
			return 0;
	}
	ExitProcess(STATUS_CONTROL_C_EXIT);
}

void console_ctrl_raise(DWORD type)
{
	HANDLE thread;

	if (type == CTRL_C_EVENT && ignore_ctrl_c)
		return;
	thread = CreateThread(NULL, 0, ctrl_thread, (LPVOID)(ULONG_PTR)type, 0, NULL);
	if (thread)
		CloseHandle(thread);
}

/* CTRL_C_EVENT or CTRL_BREAK_EVENT (else ERROR_INVALID_PARAMETER) to the
 * group: 0 is every process of the console, which here reaches the caller
 * alone; the caller's own id as a group gets CTRL+BREAK (CTRL+C to a
 * nonzero group succeeds and reaches nobody, as documented). The handlers
 * run after the call returns. No console: ERROR_INVALID_HANDLE. */
BOOL WINAPI GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId)
{
	if (console_kind((HANDLE)STD_INPUT_HANDLE) == CONSOLE_NONE)
		return FALSE;
	if (dwCtrlEvent != CTRL_C_EVENT && dwCtrlEvent != CTRL_BREAK_EVENT) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (dwProcessGroupId == 0 ||
	    (dwCtrlEvent == CTRL_BREAK_EVENT && dwProcessGroupId == GetCurrentProcessId()))
		console_ctrl_raise(dwCtrlEvent);
	return TRUE;
}
