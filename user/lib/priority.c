/* Priority classes, boosts and processors (<windows.h>, vados/winmisc.h,
 * winthreads.h): Get/SetPriorityClass over SYS_PRIORITY_CLASS (the kernel
 * moves the process's threads to the class's levels), the
 * Get/Set*PriorityBoost calls over SYS_PRIORITY_BOOST, and the one CPU's
 * numbers, affinity masks and ideal processor (checked, nothing to store). */
#include <windows.h>
#include "win32call.h"

#define ERROR_PROCESS_MODE_ALREADY_BACKGROUND 402L
#define ERROR_PROCESS_MODE_NOT_BACKGROUND     403L

/* The class, or 0 on failure (PROCESS_QUERY_(LIMITED_)INFORMATION). */
DWORD WINAPI GetPriorityClass(HANDLE hProcess)
{
	uint32_t args[3] = { (uint32_t)hProcess, 0, 0 }, value;

	return win32_call(SYS_PRIORITY_CLASS, args, &value) ? value : 0;
}

/* In background mode (PROCESS_MODE_BACKGROUND_BEGIN/END, the calling
 * process only). vados has no I/O or memory priorities to lower: the mode
 * is only remembered. */
static BOOL background;

/* One *_PRIORITY_CLASS (else ERROR_INVALID_PARAMETER), on a handle with
 * PROCESS_SET_INFORMATION; or the background mode's BEGIN and END on the
 * calling process (twice the same: ERROR_PROCESS_MODE_ALREADY_BACKGROUND or
 * ERROR_PROCESS_MODE_NOT_BACKGROUND). */
BOOL WINAPI SetPriorityClass(HANDLE hProcess, DWORD dwPriorityClass)
{
	uint32_t args[3] = { (uint32_t)hProcess, 1, dwPriorityClass };

	if (dwPriorityClass == PROCESS_MODE_BACKGROUND_BEGIN ||
	    dwPriorityClass == PROCESS_MODE_BACKGROUND_END) {
		BOOL begin = dwPriorityClass == PROCESS_MODE_BACKGROUND_BEGIN;
		if (hProcess != GetCurrentProcess() && GetProcessId(hProcess) != GetCurrentProcessId()) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		if (background == begin) {
			SetLastError(begin ? ERROR_PROCESS_MODE_ALREADY_BACKGROUND
					   : ERROR_PROCESS_MODE_NOT_BACKGROUND);
			return FALSE;
		}
		background = begin;
		return TRUE;
	}
	return win32_call(SYS_PRIORITY_CLASS, args, NULL);
}

/* SYS_PRIORITY_BOOST on a process (0) or thread (1): sets the flag when
 * set, and stores it in *disabled when that is given. */
static BOOL priority_boost(uint32_t kind, HANDLE h, BOOL set, BOOL disable, PBOOL disabled)
{
	uint32_t args[4] = { kind, (uint32_t)h, set != FALSE, disable != FALSE }, value;

	if (disabled && IsBadWritePtr(disabled, sizeof(*disabled))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_PRIORITY_BOOST, args, &value))
		return FALSE;
	if (disabled)
		*disabled = value != 0;
	return TRUE;
}

BOOL WINAPI GetProcessPriorityBoost(HANDLE hProcess, PBOOL pDisablePriorityBoost)
{
	if (!pDisablePriorityBoost) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return priority_boost(0, hProcess, FALSE, FALSE, pDisablePriorityBoost);
}

BOOL WINAPI SetProcessPriorityBoost(HANDLE hProcess, BOOL bDisablePriorityBoost)
{
	return priority_boost(0, hProcess, TRUE, bDisablePriorityBoost, NULL);
}

BOOL WINAPI GetThreadPriorityBoost(HANDLE hThread, PBOOL pDisablePriorityBoost)
{
	if (!pDisablePriorityBoost) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return priority_boost(1, hThread, FALSE, FALSE, pDisablePriorityBoost);
}

BOOL WINAPI SetThreadPriorityBoost(HANDLE hThread, BOOL bDisablePriorityBoost)
{
	return priority_boost(1, hThread, TRUE, bDisablePriorityBoost, NULL);
}

/* One CPU: always 0. */
DWORD WINAPI GetCurrentProcessorNumber(VOID)
{
	return 0;
}

/* The processors of group 0 (the only one) or of all groups
 * (ALL_PROCESSOR_GROUPS); another group: 0 with ERROR_INVALID_PARAMETER. */
static DWORD group_processors(WORD group)
{
	SYSTEM_INFO si;

	if (group != 0 && group != ALL_PROCESSOR_GROUPS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	GetSystemInfo(&si);
	return si.dwNumberOfProcessors;
}

DWORD WINAPI GetActiveProcessorCount(WORD GroupNumber)
{
	return group_processors(GroupNumber);
}

DWORD WINAPI GetMaximumProcessorCount(WORD GroupNumber)
{
	return group_processors(GroupNumber);
}

/* Whether h (kind 0 a process, 1 a thread) grants the right to query (set
 * FALSE) or to set (TRUE) its information; else the handle's error. */
static BOOL rights_check(uint32_t kind, HANDLE h, BOOL set)
{
	uint32_t args[4] = { kind, (uint32_t)h, set ? 2 : 0, 0 };

	return win32_call(SYS_PRIORITY_BOOST, args, NULL);
}

/* The CPUs' mask (GetSystemInfo's dwActiveProcessorMask). */
static DWORD_PTR system_mask(void)
{
	SYSTEM_INFO si;

	GetSystemInfo(&si);
	return si.dwActiveProcessorMask;
}

/* A mask naming at least one CPU and none that is not there. */
static BOOL mask_valid(DWORD_PTR mask)
{
	if (mask && !(mask & ~system_mask()))
		return TRUE;
	SetLastError(ERROR_INVALID_PARAMETER);
	return FALSE;
}

BOOL WINAPI GetProcessAffinityMask(HANDLE hProcess, PDWORD_PTR lpProcessAffinityMask,
				   PDWORD_PTR lpSystemAffinityMask)
{
	if (!rights_check(0, hProcess, FALSE))
		return FALSE;
	if (IsBadWritePtr(lpProcessAffinityMask, sizeof(DWORD_PTR)) ||
	    IsBadWritePtr(lpSystemAffinityMask, sizeof(DWORD_PTR))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpProcessAffinityMask = *lpSystemAffinityMask = system_mask();
	return TRUE;
}

BOOL WINAPI SetProcessAffinityMask(HANDLE hProcess, DWORD_PTR dwProcessAffinityMask)
{
	return rights_check(0, hProcess, TRUE) && mask_valid(dwProcessAffinityMask);
}

/* The previous mask (every CPU), or 0 on failure; the handle needs the
 * query and the set right. */
DWORD_PTR WINAPI SetThreadAffinityMask(HANDLE hThread, DWORD_PTR dwThreadAffinityMask)
{
	if (!rights_check(1, hThread, TRUE) || !rights_check(1, hThread, FALSE) ||
	    !mask_valid(dwThreadAffinityMask))
		return 0;
	return system_mask();
}

/* The previous ideal processor (0), or (DWORD)-1 on failure;
 * MAXIMUM_PROCESSORS asks without setting. */
DWORD WINAPI SetThreadIdealProcessor(HANDLE hThread, DWORD dwIdealProcessor)
{
	if (!rights_check(1, hThread, TRUE))
		return (DWORD)-1;
	if (dwIdealProcessor != MAXIMUM_PROCESSORS &&
	    dwIdealProcessor >= GetActiveProcessorCount(0)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return (DWORD)-1;
	}
	return 0;
}

BOOL WINAPI SetThreadIdealProcessorEx(HANDLE hThread, PPROCESSOR_NUMBER lpIdealProcessor,
				      PPROCESSOR_NUMBER lpPreviousIdealProcessor)
{
	if (!rights_check(1, hThread, TRUE))
		return FALSE;
	if (!lpIdealProcessor || lpIdealProcessor->Group != 0 ||
	    lpIdealProcessor->Number >= GetActiveProcessorCount(0)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (lpPreviousIdealProcessor)
		*lpPreviousIdealProcessor = (PROCESSOR_NUMBER){ 0, 0, 0 };
	return TRUE;
}

BOOL WINAPI GetThreadIdealProcessorEx(HANDLE hThread, PPROCESSOR_NUMBER lpIdealProcessor)
{
	if (!rights_check(1, hThread, FALSE))
		return FALSE;
	if (!lpIdealProcessor) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*lpIdealProcessor = (PROCESSOR_NUMBER){ 0, 0, 0 };
	return TRUE;
}

/* The CPU running the caller: group 0's first, the only one. */
VOID WINAPI GetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber)
{
	*ProcNumber = (PROCESSOR_NUMBER){ 0, (BYTE)GetCurrentProcessorNumber(), 0 };
}

/* Group 0 with every CPU (THREAD_QUERY_LIMITED_INFORMATION). */
BOOL WINAPI GetThreadGroupAffinity(HANDLE hThread, PGROUP_AFFINITY GroupAffinity)
{
	if (!rights_check(1, hThread, FALSE))
		return FALSE;
	if (IsBadWritePtr(GroupAffinity, sizeof(*GroupAffinity))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*GroupAffinity = (GROUP_AFFINITY){ .Mask = system_mask(), .Group = 0 };
	return TRUE;
}

/* Group 0 only (another: ERROR_INVALID_PARAMETER), a mask as
 * SetThreadAffinityMask's; the previous affinity when asked. */
BOOL WINAPI SetThreadGroupAffinity(HANDLE hThread, const GROUP_AFFINITY *GroupAffinity,
				   PGROUP_AFFINITY PreviousGroupAffinity)
{
	if (IsBadReadPtr(GroupAffinity, sizeof(*GroupAffinity))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (GroupAffinity->Group != 0 || GroupAffinity->Reserved[0] ||
	    GroupAffinity->Reserved[1] || GroupAffinity->Reserved[2]) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!SetThreadAffinityMask(hThread, GroupAffinity->Mask))
		return FALSE;
	return !PreviousGroupAffinity || GetThreadGroupAffinity(hThread, PreviousGroupAffinity);
}

/* The process's groups: group 0 alone. Room for none: ERROR_INSUFFICIENT_BUFFER
 * with *GroupCount 1. */
BOOL WINAPI GetProcessGroupAffinity(HANDLE hProcess, PUSHORT GroupCount, PUSHORT GroupArray)
{
	if (!rights_check(0, hProcess, FALSE))
		return FALSE;
	if (IsBadWritePtr(GroupCount, sizeof(*GroupCount))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (*GroupCount < 1) {
		*GroupCount = 1;
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (IsBadWritePtr(GroupArray, sizeof(*GroupArray))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*GroupCount = 1;
	GroupArray[0] = 0;
	return TRUE;
}
