/* Process, error and time calls of <windows.h>. */
#include <windows.h>
#include <stdlib.h>
#include "vados/calls.h"

VOID WINAPI ExitProcess(UINT uExitCode)
{
	exit((int)uExitCode);
}

DWORD WINAPI GetCurrentProcessId(VOID)
{
	return vados_syscall(SYS_GET_PROCESS_ID, NULL).value;
}

/* The last error is the thread's: its TEB's LastErrorValue. */
DWORD WINAPI GetLastError(VOID)
{
	return NtCurrentTeb()->LastErrorValue;
}

VOID WINAPI SetLastError(DWORD dwErrCode)
{
	NtCurrentTeb()->LastErrorValue = dwErrCode;
}

VOID WINAPI Sleep(DWORD dwMilliseconds)
{
	uint32_t args[1] = { dwMilliseconds };

	vados_syscall(SYS_SLEEP, args);
}

DWORD WINAPI GetTickCount(VOID)
{
	return vados_syscall(SYS_GET_TICK_COUNT, NULL).value;
}
