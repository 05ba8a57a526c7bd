/* QueryVirtualMemoryInformation's MemoryRegionInfo, built from VirtualQueryEx
 * walked across one allocation, and the FromApp forms of VirtualAlloc and
 * VirtualProtect (a desktop program's: the plain calls). */
#include <windows.h>
#include <psapi.h>

/* The region kind bits of WIN32_MEMORY_REGION_INFORMATION.Flags. */
static ULONG region_kind(HANDLE process, const MEMORY_BASIC_INFORMATION *m)
{
	char name[8];

	if (m->Type == MEM_PRIVATE)
		return 1u << 0;                 /* Private */
	if (m->Type == MEM_IMAGE)
		return 1u << 2;                 /* MappedImage */
	/* A view: of a file (it has a name) or of the paging file. */
	if (GetMappedFileNameA(process, m->AllocationBase, name, sizeof(name)) ||
	    GetLastError() == ERROR_INSUFFICIENT_BUFFER)
		return 1u << 1;                 /* MappedDataFile */
	return 1u << 3;                         /* MappedPageFile */
}

BOOL WINAPI QueryVirtualMemoryInformation(HANDLE Process, const VOID *VirtualAddress,
					  WIN32_MEMORY_INFORMATION_CLASS MemoryInformationClass,
					  PVOID MemoryInformation, SIZE_T MemoryInformationSize,
					  PSIZE_T ReturnSize)
{
	WIN32_MEMORY_REGION_INFORMATION r = { 0 };
	MEMORY_BASIC_INFORMATION m;
	const char *at;

	if (MemoryInformationClass != MemoryRegionInfo) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (MemoryInformationSize < sizeof(r)) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	if (IsBadWritePtr(MemoryInformation, sizeof(r)) ||
	    (ReturnSize && IsBadWritePtr(ReturnSize, sizeof(*ReturnSize)))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!VirtualQueryEx(Process, VirtualAddress, &m, sizeof(m)))
		return FALSE;
	if (m.State == MEM_FREE) {
		SetLastError(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	r.AllocationBase = m.AllocationBase;
	r.AllocationProtect = m.AllocationProtect;
	r.Flags = region_kind(Process, &m);
	/* The allocation's ranges, from its base while they belong to it. */
	for (at = m.AllocationBase; VirtualQueryEx(Process, at, &m, sizeof(m)) &&
	     m.State != MEM_FREE && m.AllocationBase == r.AllocationBase; at += m.RegionSize) {
		r.RegionSize += m.RegionSize;
		if (m.State == MEM_COMMIT)
			r.CommitSize += m.RegionSize;
	}
	*(WIN32_MEMORY_REGION_INFORMATION *)MemoryInformation = r;
	if (ReturnSize)
		*ReturnSize = sizeof(r);
	return TRUE;
}

PVOID WINAPI VirtualAllocFromApp(PVOID BaseAddress, SIZE_T Size, ULONG AllocationType,
				 ULONG Protection)
{
	return VirtualAlloc(BaseAddress, Size, AllocationType, Protection);
}

BOOL WINAPI VirtualProtectFromApp(PVOID Address, SIZE_T Size, ULONG NewProtection,
				  PULONG OldProtection)
{
	return VirtualProtect(Address, Size, NewProtection, (PDWORD)OldProtection);
}
