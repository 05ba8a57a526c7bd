/* <psapi.h> for vados: a process's memory counters. */
#ifndef _PSAPI_H
#define _PSAPI_H

#include <windows.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

typedef struct _PROCESS_MEMORY_COUNTERS {
	DWORD cb;
	DWORD PageFaultCount;
	SIZE_T PeakWorkingSetSize;
	SIZE_T WorkingSetSize;
	SIZE_T QuotaPeakPagedPoolUsage;
	SIZE_T QuotaPagedPoolUsage;
	SIZE_T QuotaPeakNonPagedPoolUsage;
	SIZE_T QuotaNonPagedPoolUsage;
	SIZE_T PagefileUsage;           /* the process's private commit */
	SIZE_T PeakPagefileUsage;
} PROCESS_MEMORY_COUNTERS, *PPROCESS_MEMORY_COUNTERS;

/* Fills ppsmemCounters (cb bytes, at least sizeof(PROCESS_MEMORY_COUNTERS)).
 * Pool figures are 0: vados does not charge kernel pool to processes. */
WINAPI BOOL GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS ppsmemCounters,
				 DWORD cb);
#define K32GetProcessMemoryInfo GetProcessMemoryInfo

/* Trims every page that can leave (user/lib/psapi.c): clean pages at once,
 * dirty ones when there is swap to write them to. */
WINAPI BOOL EmptyWorkingSet(HANDLE hProcess);
#define K32EmptyWorkingSet EmptyWorkingSet

VADOS_END_DECLS

#endif
