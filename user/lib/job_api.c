/* Job objects (<windows.h>, Windows' jobapi.h and jobapi2.h): the kernel
 * keeps them (kernel/ps/job.c) and reads and writes the information
 * classes' records (kernel/sys/sys_job.c). */
#include <windows.h>
#include "win32call.h"
#include "user/lib/wide_arg.h"

HANDLE WINAPI CreateJobObjectA(LPSECURITY_ATTRIBUTES lpJobAttributes, LPCSTR lpName)
{
	uint32_t existed = 0;
	uint32_t args[4] = { (uint32_t)lpName, JOB_OBJECT_ALL_ACCESS,
			     lpJobAttributes && lpJobAttributes->bInheritHandle, (uint32_t)&existed };

	return win32_create_named(SYS_CREATE_JOB, args, &existed);
}

HANDLE WINAPI OpenJobObjectA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
	return win32_open_named(SYS_OPEN_JOB, dwDesiredAccess, bInheritHandle, lpName);
}

HANDLE WINAPI CreateJobObjectW(LPSECURITY_ATTRIBUTES lpJobAttributes, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, CreateJobObjectA(lpJobAttributes, a));
}

HANDLE WINAPI OpenJobObjectW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
	return WIDE_CALL(lpName, NULL, OpenJobObjectA(dwDesiredAccess, bInheritHandle, a));
}

BOOL WINAPI AssignProcessToJobObject(HANDLE hJob, HANDLE hProcess)
{
	uint32_t args[2] = { (uint32_t)hJob, (uint32_t)hProcess };

	return win32_call(SYS_ASSIGN_JOB, args, NULL);
}

BOOL WINAPI TerminateJobObject(HANDLE hJob, UINT uExitCode)
{
	uint32_t args[2] = { (uint32_t)hJob, uExitCode };

	return win32_call(SYS_TERMINATE_JOB, args, NULL);
}

/* Result is written only on success; a bad pointer: ERROR_NOACCESS. */
BOOL WINAPI IsProcessInJob(HANDLE ProcessHandle, HANDLE JobHandle, PBOOL Result)
{
	uint32_t args[2] = { (uint32_t)ProcessHandle, (uint32_t)JobHandle }, in;

	if (IsBadWritePtr(Result, sizeof(*Result))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_IS_PROCESS_IN_JOB, args, &in))
		return FALSE;
	*Result = in != 0;
	return TRUE;
}

BOOL WINAPI QueryInformationJobObject(HANDLE hJob, JOBOBJECTINFOCLASS JobObjectInformationClass,
				      LPVOID lpJobObjectInformation,
				      DWORD cbJobObjectInformationLength, LPDWORD lpReturnLength)
{
	uint32_t args[5] = { (uint32_t)hJob, JobObjectInformationClass,
			     (uint32_t)lpJobObjectInformation, cbJobObjectInformationLength,
			     (uint32_t)lpReturnLength };

	return win32_call(SYS_QUERY_JOB, args, NULL);
}

BOOL WINAPI SetInformationJobObject(HANDLE hJob, JOBOBJECTINFOCLASS JobObjectInformationClass,
				    LPVOID lpJobObjectInformation,
				    DWORD cbJobObjectInformationLength)
{
	uint32_t args[4] = { (uint32_t)hJob, JobObjectInformationClass,
			     (uint32_t)lpJobObjectInformation, cbJobObjectInformationLength };

	return win32_call(SYS_SET_JOB, args, NULL);
}

/* Windows 10 1607 and later do not support I/O rate control (Microsoft's
 * page), nor does vados: ERROR_NOT_SUPPORTED, nothing returned. */
DWORD WINAPI QueryIoRateControlInformationJobObject(HANDLE hJob, PCWSTR VolumeName,
						    JOBOBJECT_IO_RATE_CONTROL_INFORMATION **InfoBlocks,
						    ULONG *InfoBlockCount)
{
	(void)hJob;
	(void)VolumeName;
	(void)InfoBlocks;
	(void)InfoBlockCount;
	return ERROR_NOT_SUPPORTED;
}

DWORD WINAPI SetIoRateControlInformationJobObject(HANDLE hJob,
						  JOBOBJECT_IO_RATE_CONTROL_INFORMATION *IoRateControlInfo)
{
	(void)hJob;
	(void)IoRateControlInfo;
	return ERROR_NOT_SUPPORTED;
}

/* Nothing this library returns needs it (the I/O-rate query returns no
 * blocks); NULL and anything else are ignored. */
void WINAPI FreeMemoryJobObject(void *Buffer)
{
	(void)Buffer;
}
