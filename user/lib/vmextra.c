/* The memory calls of vados/winmem.h: the NUMA forms over one node (node
 * 0), offering, reclaiming and discarding memory (the kernel's
 * SYS_VIRTUAL_DISCARD, mm/vmreset.c), PrefetchVirtualMemory,
 * Get/SetSystemFileCacheSize (kept by the kernel: SYS_FILE_CACHE_LIMITS)
 * and the memory resource notifications. */
#include <windows.h>
#include "win32call.h"

/* Whether nndPreferred names a node of this machine (or none); else sets
 * ERROR_INVALID_PARAMETER. */
static BOOL numa_node_ok(DWORD nndPreferred)
{
	if (nndPreferred == 0 || nndPreferred == NUMA_NO_PREFERRED_NODE)
		return TRUE;
	SetLastError(ERROR_INVALID_PARAMETER);
	return FALSE;
}

BOOL WINAPI GetNumaHighestNodeNumber(PULONG HighestNodeNumber)
{
	*HighestNodeNumber = 0;
	return TRUE;
}

BOOL WINAPI GetNumaNodeProcessorMask(UCHAR Node, PULONGLONG ProcessorMask)
{
	SYSTEM_INFO si;

	if (Node != 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	GetSystemInfo(&si);
	*ProcessorMask = si.dwActiveProcessorMask;
	return TRUE;
}

BOOL WINAPI GetNumaProcessorNode(UCHAR Processor, PUCHAR NodeNumber)
{
	SYSTEM_INFO si;

	GetSystemInfo(&si);
	if (Processor >= si.dwNumberOfProcessors) {
		*NodeNumber = 0xff;
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*NodeNumber = 0;
	return TRUE;
}

BOOL WINAPI GetNumaAvailableMemoryNode(UCHAR Node, PULONGLONG AvailableBytes)
{
	return GetNumaAvailableMemoryNodeEx(Node, AvailableBytes);
}

BOOL WINAPI GetNumaAvailableMemoryNodeEx(USHORT Node, PULONGLONG AvailableBytes)
{
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };

	if (Node != 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!GlobalMemoryStatusEx(&ms))
		return FALSE;
	*AvailableBytes = ms.ullAvailPhys;
	return TRUE;
}

LPVOID WINAPI VirtualAllocExNuma(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize,
				 DWORD flAllocationType, DWORD flProtect, DWORD nndPreferred)
{
	if (!numa_node_ok(nndPreferred))
		return NULL;
	return VirtualAllocEx(hProcess, lpAddress, dwSize, flAllocationType, flProtect);
}

LPVOID WINAPI MapViewOfFileExNuma(HANDLE hFileMappingObject, DWORD dwDesiredAccess,
				  DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow,
				  SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress,
				  DWORD nndPreferred)
{
	if (!numa_node_ok(nndPreferred))
		return NULL;
	return MapViewOfFileEx(hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh,
			       dwFileOffsetLow, dwNumberOfBytesToMap, lpBaseAddress);
}

HANDLE WINAPI CreateFileMappingNumaA(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				     DWORD flProtect, DWORD dwMaximumSizeHigh,
				     DWORD dwMaximumSizeLow, LPCSTR lpName, DWORD nndPreferred)
{
	if (!numa_node_ok(nndPreferred))
		return NULL;
	return CreateFileMappingA(hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh,
				  dwMaximumSizeLow, lpName);
}

/* SYS_VIRTUAL_DISCARD: the error (also the last error on failure); *busy
 * (if not NULL) whether some page lost its contents. */
static DWORD discard_call(uint32_t op, const void *addr, SIZE_T size, uint32_t priority,
			  uint32_t *busy)
{
	uint32_t a[4] = { (uint32_t)addr, size, op, priority }, value;

	if (!win32_call(SYS_VIRTUAL_DISCARD, a, &value))
		return GetLastError();
	if (busy)
		*busy = value;
	return ERROR_SUCCESS;
}

DWORD WINAPI OfferVirtualMemory(PVOID VirtualAddress, SIZE_T Size, OFFER_PRIORITY Priority)
{
	return discard_call(VADOS_DISCARD_OFFER, VirtualAddress, Size, Priority, NULL);
}

DWORD WINAPI DiscardVirtualMemory(PVOID VirtualAddress, SIZE_T Size)
{
	return discard_call(VADOS_DISCARD_DISCARD, VirtualAddress, Size, 0, NULL);
}

DWORD WINAPI ReclaimVirtualMemory(void const *VirtualAddress, SIZE_T Size)
{
	uint32_t busy = 0;
	DWORD err = discard_call(VADOS_DISCARD_RECLAIM, VirtualAddress, Size, 0, &busy);

	return err ? err : busy ? ERROR_BUSY : ERROR_SUCCESS;
}

BOOL WINAPI PrefetchVirtualMemory(HANDLE hProcess, ULONG_PTR NumberOfEntries,
				  PWIN32_MEMORY_RANGE_ENTRY VirtualAddresses, ULONG Flags)
{
	if (Flags != 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (NumberOfEntries && IsBadReadPtr(VirtualAddresses,
					    NumberOfEntries * sizeof(*VirtualAddresses))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return hProcess == GetCurrentProcess() || GetProcessId(hProcess) != 0;
}

BOOL WINAPI GetSystemFileCacheSize(PSIZE_T lpMinimumFileCacheSize,
				   PSIZE_T lpMaximumFileCacheSize, PDWORD lpFlags)
{
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };
	uint32_t limits[3], a[2] = { 0, (uint32_t)limits };

	if (!win32_call(SYS_FILE_CACHE_LIMITS, a, NULL) || !GlobalMemoryStatusEx(&ms))
		return FALSE;
	*lpMinimumFileCacheSize = limits[0];
	*lpMaximumFileCacheSize = limits[1] ? limits[1] : (SIZE_T)ms.ullTotalPhys;
	*lpFlags = limits[2];
	return TRUE;
}

BOOL WINAPI SetSystemFileCacheSize(SIZE_T MinimumFileCacheSize, SIZE_T MaximumFileCacheSize,
				   DWORD Flags)
{
	const DWORD pairs[2] = { FILE_CACHE_MAX_HARD_ENABLE | FILE_CACHE_MAX_HARD_DISABLE,
				 FILE_CACHE_MIN_HARD_ENABLE | FILE_CACHE_MIN_HARD_DISABLE };
	uint32_t limits[3] = { MinimumFileCacheSize, MaximumFileCacheSize, Flags };
	uint32_t a[2] = { 1, (uint32_t)limits };
	BOOL flush = MinimumFileCacheSize == (SIZE_T)-1 && MaximumFileCacheSize == (SIZE_T)-1;

	if ((Flags & ~(pairs[0] | pairs[1])) || (Flags & pairs[0]) == pairs[0] ||
	    (Flags & pairs[1]) == pairs[1] ||
	    (!flush && MinimumFileCacheSize >= MaximumFileCacheSize)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return win32_call(SYS_FILE_CACHE_LIMITS, a, NULL);
}

BOOL WINAPI GetNumaProximityNodeEx(ULONG ProximityId, PUSHORT NodeNumber)
{
	if (ProximityId != 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*NodeNumber = 0;
	return TRUE;
}

BOOL WINAPI GetNumaProximityNode(ULONG ProximityId, PUCHAR NodeNumber)
{
	USHORT node;

	if (!GetNumaProximityNodeEx(ProximityId, &node))
		return FALSE;
	*NodeNumber = (UCHAR)node;
	return TRUE;
}

/* A manual-reset event the memory manager keeps signalled while the
 * condition holds (mm/vm.h: memory is low under a 32nd of it available,
 * high from three 32nds), the handle granting SYNCHRONIZE and
 * EVENT_QUERY_STATE only, as Windows'. */
HANDLE WINAPI CreateMemoryResourceNotification(MEMORY_RESOURCE_NOTIFICATION_TYPE NotificationType)
{
	uint32_t a[1] = { NotificationType == HighMemoryResourceNotification }, h;

	if (NotificationType != LowMemoryResourceNotification &&
	    NotificationType != HighMemoryResourceNotification) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return win32_call(SYS_MEMORY_NOTIFICATION, a, &h) ? (HANDLE)h : NULL;
}

/* The event's state, as Windows reads it (any event handle will do). */
BOOL WINAPI QueryMemoryResourceNotification(HANDLE ResourceNotificationHandle,
					    PBOOL ResourceState)
{
	DWORD r = WaitForSingleObject(ResourceNotificationHandle, 0);

	if (r != WAIT_OBJECT_0 && r != WAIT_TIMEOUT)
		return FALSE;
	*ResourceState = r == WAIT_OBJECT_0;
	return TRUE;
}
