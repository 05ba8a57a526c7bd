/* Windows 10's memory calls (memoryapi.h): VirtualAlloc2, MapViewOfFile3,
 * their FromApp forms, CreateFileMapping2. The extended parameters are read
 * here; the kernel checks the address requirements (SYS_VIRTUAL_ALLOC2,
 * SYS_MAP_VIEW3) and does the placeholders (mm/placeholder.c). */
#include <windows.h>
#include "section_api.h"
#include "wide_arg.h"
#include "win32call.h"

_Static_assert(sizeof(MEM_EXTENDED_PARAMETER) == 16, "MEM_EXTENDED_PARAMETER is 16 bytes");
_Static_assert(sizeof(MEM_ADDRESS_REQUIREMENTS) == sizeof(struct vados_placement),
	       "MEM_ADDRESS_REQUIREMENTS must match the kernel's layout");

static BOOL invalid(void)
{
	SetLastError(ERROR_INVALID_PARAMETER);
	return FALSE;
}

/* Reads VirtualAlloc2's or MapViewOfFile3's extended parameters: *place
 * gets the MEM_ADDRESS_REQUIREMENTS' address (0: none). FALSE with
 * ERROR_INVALID_PARAMETER for a type out of range, repeated or not
 * supported, a NUMA node other than 0, or attribute flags. */
static BOOL read_parameters(const MEM_EXTENDED_PARAMETER *p, ULONG count, uint32_t *place)
{
	BOOL seen[MemExtendedParameterMax] = { FALSE };

	*place = 0;
	if (count && !p)
		return invalid();
	for (ULONG i = 0; i < count; i++) {
		ULONGLONG type = p[i].Type;
		if (type == MemExtendedParameterInvalidType || type >= MemExtendedParameterMax ||
		    p[i].Reserved || seen[type])
			return invalid();
		seen[type] = TRUE;
		if (type == MemExtendedParameterAddressRequirements)
			*place = (uint32_t)p[i].Pointer;
		else if (type == MemExtendedParameterNumaNode)
			seen[type] = p[i].ULong == 0 || p[i].ULong == NUMA_NO_PREFERRED_NODE;
		else if (type == MemExtendedParameterAttributeFlags)
			seen[type] = p[i].ULong64 == 0;
		else
			seen[type] = FALSE;             /* partitions, AWE, image machines */
		if (!seen[type])
			return invalid();
	}
	return TRUE;
}

PVOID WINAPI VirtualAlloc2(HANDLE Process, PVOID BaseAddress, SIZE_T Size, ULONG AllocationType,
			   ULONG PageProtection, MEM_EXTENDED_PARAMETER *ExtendedParameters,
			   ULONG ParameterCount)
{
	uint32_t a[6] = { (uint32_t)(Process ? Process : GetCurrentProcess()),
			  (uint32_t)BaseAddress, Size, AllocationType, PageProtection, 0 };
	uint32_t base;

	if (!read_parameters(ExtendedParameters, ParameterCount, &a[5]))
		return NULL;
	return win32_call(SYS_VIRTUAL_ALLOC2, a, &base) ? (PVOID)base : NULL;
}

PVOID WINAPI VirtualAlloc2FromApp(HANDLE Process, PVOID BaseAddress, SIZE_T Size,
				  ULONG AllocationType, ULONG PageProtection,
				  MEM_EXTENDED_PARAMETER *ExtendedParameters, ULONG ParameterCount)
{
	return VirtualAlloc2(Process, BaseAddress, Size, AllocationType, PageProtection,
			     ExtendedParameters, ParameterCount);
}

/* Into the process Process names (NULL: the caller's, as Microsoft's
 * example passes); AllocationType 0 or MEM_REPLACE_PLACEHOLDER (then the
 * base is the placeholder's, page-aligned), else the base is rounded down to
 * 64 KB. */
PVOID WINAPI MapViewOfFile3(HANDLE FileMapping, HANDLE Process, PVOID BaseAddress,
			    ULONGLONG Offset, SIZE_T ViewSize, ULONG AllocationType,
			    ULONG PageProtection, MEM_EXTENDED_PARAMETER *ExtendedParameters,
			    ULONG ParameterCount)
{
	uint32_t base = (uint32_t)BaseAddress;
	uint32_t a[9] = { (uint32_t)FileMapping, section_access_of_protection(PageProtection),
			  (uint32_t)(Offset >> 32), (uint32_t)Offset, ViewSize,
			  AllocationType & MEM_REPLACE_PLACEHOLDER ? base : base & ~0xffffu,
			  AllocationType, 0, (uint32_t)(Process ? Process : GetCurrentProcess()) };

	if (a[1] == 0xffffffffu || (AllocationType & ~MEM_REPLACE_PLACEHOLDER))
		return (invalid(), NULL);
	if (!read_parameters(ExtendedParameters, ParameterCount, &a[7]))
		return NULL;
	return win32_call(SYS_MAP_VIEW3, a, &base) ? (PVOID)base : NULL;
}

PVOID WINAPI MapViewOfFile3FromApp(HANDLE FileMapping, HANDLE Process, PVOID BaseAddress,
				   ULONGLONG Offset, SIZE_T ViewSize, ULONG AllocationType,
				   ULONG PageProtection, MEM_EXTENDED_PARAMETER *ExtendedParameters,
				   ULONG ParameterCount)
{
	return MapViewOfFile3(FileMapping, Process, BaseAddress, Offset, ViewSize, AllocationType,
			      PageProtection, ExtendedParameters, ParameterCount);
}

/* CreateFileMappingW with the handle's access given, the protection and the
 * SEC_ attributes apart, and MemSectionExtendedParameterNumaNode (node 0 or
 * NUMA_NO_PREFERRED_NODE) the one extended parameter taken. */
HANDLE WINAPI CreateFileMapping2(HANDLE File, SECURITY_ATTRIBUTES *SecurityAttributes,
				 ULONG DesiredAccess, ULONG PageProtection,
				 ULONG AllocationAttributes, ULONGLONG MaximumSize, PCWSTR Name,
				 MEM_EXTENDED_PARAMETER *ExtendedParameters, ULONG ParameterCount)
{
	if (ParameterCount && !ExtendedParameters)
		return (invalid(), NULL);
	for (ULONG i = 0; i < ParameterCount; i++) {
		const MEM_EXTENDED_PARAMETER *p = &ExtendedParameters[i];
		if (p->Type != MemSectionExtendedParameterNumaNode || p->Reserved ||
		    ParameterCount > 1 || (p->ULong != 0 && p->ULong != NUMA_NO_PREFERRED_NODE))
			return (invalid(), NULL);
	}
	return WIDE_CALL(Name, NULL,
			 section_create(File, SecurityAttributes,
					PageProtection | AllocationAttributes,
					(DWORD)(MaximumSize >> 32), (DWORD)MaximumSize, a,
					DesiredAccess));
}
