/* kernel32's odds and ends that need no kernel object: error modes, the
 * fatal exits, FlushProcessWriteBuffers, the clock's adjustment, the
 * computer's extended names (vados/winmisc.h). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "user/lib/wide_arg.h"

#define STATUS_FATAL_APP_EXIT 0x40000015u
#define TICK_100NS 100000u              /* the clock's 10 ms tick */

static volatile UINT error_mode;       /* the process's */

/* The previous mode; SEM_NOALIGNMENTFAULTEXCEPT, once set, stays. */
UINT WINAPI SetErrorMode(UINT uMode)
{
	UINT old = error_mode;

	error_mode = uMode | (old & SEM_NOALIGNMENTFAULTEXCEPT);
	return old;
}

UINT WINAPI GetErrorMode(VOID)
{
	return error_mode;
}

/* SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX, SEM_NOOPENFILEERRORBOX
 * only (another: ERROR_INVALID_PARAMETER); kept in the thread's TEB. */
BOOL WINAPI SetThreadErrorMode(DWORD dwNewMode, LPDWORD lpOldMode)
{
	if (dwNewMode & ~(DWORD)(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
				 SEM_NOOPENFILEERRORBOX)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (lpOldMode)
		*lpOldMode = NtCurrentTeb()->HardErrorMode;
	NtCurrentTeb()->HardErrorMode = dwNewMode;
	return TRUE;
}

DWORD WINAPI GetThreadErrorMode(VOID)
{
	return NtCurrentTeb()->HardErrorMode;
}

VOID WINAPI FatalAppExitA(UINT uAction, LPCSTR lpMessageText)
{
	(void)uAction;
	fprintf(stderr, "FatalAppExit: %s\n", lpMessageText ? lpMessageText : "");
	fflush(stderr);
	TerminateProcess(GetCurrentProcess(), STATUS_FATAL_APP_EXIT);
	__builtin_unreachable();
}

VOID WINAPI FatalAppExitW(UINT uAction, LPCWSTR lpMessageText)
{
	char *a = NULL;

	if (lpMessageText)
		wide_arg(lpMessageText, &a);
	FatalAppExitA(uAction, a);
}

VOID WINAPI FatalExit(int ExitCode)
{
	TerminateProcess(GetCurrentProcess(), (UINT)ExitCode);
	__builtin_unreachable();
}

VOID WINAPI RaiseFailFastException(PEXCEPTION_RECORD pExceptionRecord, PCONTEXT pContextRecord,
				   DWORD dwFlags)
{
	(void)pContextRecord, (void)dwFlags;
	TerminateProcess(GetCurrentProcess(), pExceptionRecord ? pExceptionRecord->ExceptionCode
							      : STATUS_FAIL_FAST_EXCEPTION);
	__builtin_unreachable();
}

VOID WINAPI FlushProcessWriteBuffers(VOID)
{
	__sync_synchronize();
}

BOOL WINAPI GetSystemTimeAdjustment(PDWORD lpTimeAdjustment, PDWORD lpTimeIncrement,
				    PBOOL lpTimeAdjustmentDisabled)
{
	if (IsBadWritePtr(lpTimeAdjustment, sizeof(DWORD)) ||
	    IsBadWritePtr(lpTimeIncrement, sizeof(DWORD)) ||
	    IsBadWritePtr(lpTimeAdjustmentDisabled, sizeof(BOOL))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpTimeAdjustment = *lpTimeIncrement = TICK_100NS;
	*lpTimeAdjustmentDisabled = TRUE;
	return TRUE;
}

/* The host names are GetComputerName's, the DNS domain parts empty; too
 * small a buffer: ERROR_MORE_DATA with the size needed, NUL included. */
BOOL WINAPI GetComputerNameExA(COMPUTER_NAME_FORMAT NameType, LPSTR lpBuffer, LPDWORD nSize)
{
	switch (NameType) {
	case ComputerNameDnsDomain:
	case ComputerNamePhysicalDnsDomain:
		if (IsBadWritePtr(nSize, sizeof(*nSize))) {
			SetLastError(ERROR_NOACCESS);
			return FALSE;
		}
		if (*nSize < 1 || !lpBuffer) {
			*nSize = 1;
			SetLastError(ERROR_MORE_DATA);
			return FALSE;
		}
		lpBuffer[0] = '\0';
		*nSize = 0;
		return TRUE;
	case ComputerNameNetBIOS: case ComputerNameDnsHostname:
	case ComputerNameDnsFullyQualified: case ComputerNamePhysicalNetBIOS:
	case ComputerNamePhysicalDnsHostname: case ComputerNamePhysicalDnsFullyQualified:
		if (GetComputerNameA(lpBuffer, nSize))
			return TRUE;
		if (GetLastError() == ERROR_BUFFER_OVERFLOW)    /* the Ex form's word for it */
			SetLastError(ERROR_MORE_DATA);
		return FALSE;
	default:
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
}

BOOL WINAPI GetComputerNameExW(COMPUTER_NAME_FORMAT NameType, LPWSTR lpBuffer, LPDWORD nSize)
{
	char a[MAX_COMPUTERNAME_LENGTH + 1];
	DWORD n = IsBadReadPtr(nSize, sizeof(*nSize)) ? 0 : *nSize, room = sizeof(a);

	if (!GetComputerNameExA(NameType, a, &room)) {
		if (GetLastError() == ERROR_MORE_DATA && !IsBadWritePtr(nSize, sizeof(*nSize)))
			*nSize = room;
		return FALSE;
	}
	if (n <= room || !lpBuffer || IsBadWritePtr(lpBuffer, (room + 1) * sizeof(WCHAR))) {
		*nSize = room + 1;
		SetLastError(n <= room ? ERROR_MORE_DATA : ERROR_NOACCESS);
		return FALSE;
	}
	wide_widen(a, lpBuffer, room + 1);
	*nSize = room;
	return TRUE;
}
