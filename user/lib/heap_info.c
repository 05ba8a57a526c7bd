/* HeapSetInformation and HeapQueryInformation. The engine's segregated fit
 * (heap_core.h) is this system's low-fragmentation heap, which every heap
 * uses; what HeapCompatibilityInformation reports is Windows' record of it:
 * the process heap has the LFH, a heap from HeapCreate is a standard heap
 * (0, as Windows reports a new heap) until HeapSetInformation asks for the
 * LFH, which cannot be turned off then; a HEAP_NO_SERIALIZE heap cannot have
 * it. A corrupt heap always ends the process (heap_os_corrupt), which is what
 * HeapEnableTerminationOnCorruption asks for. */
#include <windows.h>
#include "user/lib/heap_core.h"
#include "user/lib/heap_win32.h"

#define HEAP_STANDARD 0ul
#define HEAP_LFH      2ul
#define OPTION_LFH    0x80000000u       /* in heap_options: the LFH was asked for */

static ULONG compatibility(struct heap *h)
{
	if (heap_options(h) & HEAP_NO_SERIALIZE)
		return HEAP_STANDARD;
	return (heap_options(h) & OPTION_LFH) || h == GetProcessHeap() ? HEAP_LFH : HEAP_STANDARD;
}

/* HeapCompatibilityInformation: HEAP_LFH (2) is the only change there is
 * to ask for; the look-aside lists (1) are gone since Vista and the LFH
 * cannot be turned back off (ERROR_GEN_FAILURE), a HEAP_NO_SERIALIZE heap
 * cannot have it (ERROR_INVALID_PARAMETER). */
static BOOL set_compatibility(HANDLE hHeap, const ULONG *value, SIZE_T length)
{
	struct heap *h;
	DWORD error = 0;

	if (length < sizeof(ULONG)) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (!(h = heap_enter(hHeap, HEAP_NO_SERIALIZE)))
		return FALSE;
	if (heap_options(h) & HEAP_NO_SERIALIZE)
		error = ERROR_INVALID_PARAMETER;
	else if (*value != HEAP_LFH)
		error = ERROR_GEN_FAILURE;
	else
		heap_add_options(h, OPTION_LFH);
	heap_leave(h, HEAP_NO_SERIALIZE);
	if (error)
		SetLastError(error);
	return !error;
}

/* HeapOptimizeResources (HeapHandle NULL: every heap): each heap gives back
 * the pages its free blocks do not need, as HeapCompact does. */
static BOOL optimize_resources(const HEAP_OPTIMIZE_RESOURCES_INFORMATION *info,
			       SIZE_T length)
{
	HANDLE heaps[64];
	DWORD n;

	if (length < sizeof(*info) || info->Version != HEAP_OPTIMIZE_RESOURCES_CURRENT_VERSION) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	n = GetProcessHeaps(64, heaps);
	for (DWORD i = 0; i < n && i < 64; i++)
		HeapCompact(heaps[i], 0);
	return TRUE;
}

BOOL WINAPI HeapSetInformation(HANDLE HeapHandle, HEAP_INFORMATION_CLASS HeapInformationClass,
			       PVOID HeapInformation, SIZE_T HeapInformationLength)
{
	switch (HeapInformationClass) {
	case HeapCompatibilityInformation:
		return set_compatibility(HeapHandle, HeapInformation, HeapInformationLength);
	case HeapEnableTerminationOnCorruption:
		return TRUE;            /* always so (see above) */
	case HeapOptimizeResources:
		return optimize_resources(HeapInformation, HeapInformationLength);
	default:
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
}

/* HeapCompatibilityInformation only: a ULONG, 0 or 2 (see above).
 * *ReturnLength (if given) gets sizeof(ULONG) whatever happens; a shorter
 * buffer fails with ERROR_INSUFFICIENT_BUFFER. */
BOOL WINAPI HeapQueryInformation(HANDLE HeapHandle, HEAP_INFORMATION_CLASS HeapInformationClass,
				 PVOID HeapInformation, SIZE_T HeapInformationLength,
				 PSIZE_T ReturnLength)
{
	struct heap *h;
	ULONG value;

	if (HeapInformationClass != HeapCompatibilityInformation) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (ReturnLength)
		*ReturnLength = sizeof(ULONG);
	if (HeapInformationLength < sizeof(ULONG)) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (!(h = heap_enter(HeapHandle, HEAP_NO_SERIALIZE)))
		return FALSE;
	value = compatibility(h);
	heap_leave(h, HEAP_NO_SERIALIZE);
	*(ULONG *)HeapInformation = value;
	return TRUE;
}
