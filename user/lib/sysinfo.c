/* The system-information calls: GetSystemInfo and GetNativeSystemInfo (the
 * processor from CPUID), GlobalMemoryStatusEx, GlobalMemoryStatus,
 * GetPhysicallyInstalledSystemMemory and psapi's GetPerformanceInfo, from the
 * kernel's memory figures. */
#include <windows.h>
#include <psapi.h>
#include "vados/calls.h"
#include "win32call.h"

#define USER_LOWEST  0x00010000UL
#define USER_HIGHEST 0x7FFEFFFFUL
#define PAGE_SIZE    4096UL
#define PROCESSORS   1u         /* the kernel runs on the boot processor */
#define MAX_LISTED   64u        /* SYS_LIST_PROCESSES's most */

/* The processor's family (wProcessorLevel) and model << 8 | stepping
 * (wProcessorRevision), with the extended fields as Intel's and AMD's
 * manuals combine them, as Windows reports them. */
static void processor_signature(WORD *level, WORD *revision)
{
	uint32_t eax, ebx, ecx, edx, family, model;

	asm volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(1), "c"(0));
	family = (eax >> 8) & 0xF;
	model = (eax >> 4) & 0xF;
	if (family == 0xF)
		family += (eax >> 20) & 0xFF;
	if (family == 0x6 || family >= 0xF)
		model |= ((eax >> 16) & 0xF) << 4;
	*level = (WORD)family;
	*revision = (WORD)(model << 8 | (eax & 0xF));
}

VOID WINAPI GetSystemInfo(LPSYSTEM_INFO si)
{
	si->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_INTEL;
	si->wReserved = 0;
	si->dwPageSize = PAGE_SIZE;
	si->lpMinimumApplicationAddress = (LPVOID)USER_LOWEST;
	si->lpMaximumApplicationAddress = (LPVOID)USER_HIGHEST;
	si->dwActiveProcessorMask = (1u << PROCESSORS) - 1;
	si->dwNumberOfProcessors = PROCESSORS;
	si->dwAllocationGranularity = 65536;
	processor_signature(&si->wProcessorLevel, &si->wProcessorRevision);
	si->dwProcessorType = si->wProcessorLevel >= 5 ? PROCESSOR_INTEL_PENTIUM
						       : PROCESSOR_INTEL_486;
}

/* The same: an i386 program on an i386 system has no other view. */
VOID WINAPI GetNativeSystemInfo(LPSYSTEM_INFO si)
{
	GetSystemInfo(si);
}

static BOOL memory_status(struct vados_memory_status *s)
{
	uint32_t args[1] = { (uint32_t)s };

	return win32_call(SYS_MEMORY_STATUS, args, NULL);
}

/* The kernel's figures: physical pages, the commit limit and charge (the
 * "page file" of Windows' API is the commit limit: RAM plus swap), and the
 * calling process's user address space. dwLength must be set (else
 * ERROR_INVALID_PARAMETER). */
BOOL WINAPI GlobalMemoryStatusEx(LPMEMORYSTATUSEX m)
{
	struct vados_memory_status s;

	if (!m || m->dwLength != sizeof(*m)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!memory_status(&s))
		return FALSE;
	m->ullTotalPhys = (DWORDLONG)s.phys_pages * PAGE_SIZE;
	m->ullAvailPhys = (DWORDLONG)s.phys_avail_pages * PAGE_SIZE;
	m->dwMemoryLoad = s.phys_pages ?
		(DWORD)((DWORDLONG)(s.phys_pages - s.phys_avail_pages) * 100 / s.phys_pages) : 0;
	m->ullTotalPageFile = (DWORDLONG)s.commit_limit_pages * PAGE_SIZE;
	m->ullAvailPageFile = (DWORDLONG)(s.commit_limit_pages - s.commit_charge_pages) * PAGE_SIZE;
	m->ullTotalVirtual = (DWORDLONG)s.virtual_pages * PAGE_SIZE;
	m->ullAvailVirtual = (DWORDLONG)s.virtual_free_pages * PAGE_SIZE;
	m->ullAvailExtendedVirtual = 0;
	return TRUE;
}

/* The frames the kernel manages, in KB: no SMBIOS table is read, so the
 * memory the firmware keeps for itself is not counted. NULL:
 * ERROR_INVALID_PARAMETER. */
BOOL WINAPI GetPhysicallyInstalledSystemMemory(PULONGLONG TotalMemoryInKilobytes)
{
	struct vados_memory_status s;

	if (!TotalMemoryInKilobytes) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!memory_status(&s))
		return FALSE;
	*TotalMemoryInKilobytes = (ULONGLONG)s.phys_pages * (PAGE_SIZE / 1024);
	return TRUE;
}

static SIZE_T clamp(DWORDLONG bytes)
{
	return bytes > 0xFFFFFFFFull ? (SIZE_T)-1 : (SIZE_T)bytes;
}

/* GlobalMemoryStatusEx's figures in SIZE_T fields (-1 past 4 GB, as
 * documented); dwLength is set here, whatever the caller put there. */
VOID WINAPI GlobalMemoryStatus(LPMEMORYSTATUS m)
{
	MEMORYSTATUSEX ex = { .dwLength = sizeof(ex) };

	*m = (MEMORYSTATUS){ .dwLength = sizeof(*m) };
	if (!GlobalMemoryStatusEx(&ex))
		return;
	m->dwMemoryLoad = ex.dwMemoryLoad;
	m->dwTotalPhys = clamp(ex.ullTotalPhys);
	m->dwAvailPhys = clamp(ex.ullAvailPhys);
	m->dwTotalPageFile = clamp(ex.ullTotalPageFile);
	m->dwAvailPageFile = clamp(ex.ullAvailPageFile);
	m->dwTotalVirtual = clamp(ex.ullTotalVirtual);
	m->dwAvailVirtual = clamp(ex.ullAvailVirtual);
}

/* Processes, threads and handles of the processes that have not ended. */
static BOOL count_processes(PPERFORMANCE_INFORMATION pi)
{
	struct vados_process_info list[MAX_LISTED];
	uint32_t args[2] = { (uint32_t)list, MAX_LISTED }, n;

	if (!win32_call(SYS_LIST_PROCESSES, args, &n))
		return FALSE;
	for (uint32_t i = 0; i < n; i++) {
		if (list[i].exited)
			continue;
		pi->ProcessCount++;
		pi->ThreadCount += list[i].threads;
		pi->HandleCount += list[i].handles;
	}
	return TRUE;
}

BOOL WINAPI GetPerformanceInfo(PPERFORMANCE_INFORMATION pi, DWORD cb)
{
	struct vados_memory_status s;

	if (cb < sizeof(*pi)) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	if (IsBadWritePtr(pi, sizeof(*pi))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!memory_status(&s))
		return FALSE;
	*pi = (PERFORMANCE_INFORMATION){
		.cb = sizeof(*pi),
		.CommitTotal = s.commit_charge_pages,
		.CommitLimit = s.commit_limit_pages,
		.CommitPeak = s.commit_peak_pages,
		.PhysicalTotal = s.phys_pages,
		.PhysicalAvailable = s.phys_avail_pages,
		.SystemCache = s.cache_pages,
		.KernelTotal = s.kernel_pages,
		.KernelNonpaged = s.kernel_pages,
		.PageSize = PAGE_SIZE,
	};
	return count_processes(pi);
}
