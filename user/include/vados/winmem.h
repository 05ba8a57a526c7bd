/* <windows.h>'s memory calls beyond the VirtualAlloc family's basics
 * (Windows' memoryapi.h, winbase.h and winnt.h parts), with Windows' values:
 * working-set flags, MEM_RESET_UNDO and PAGE_WRITECOMBINE, the NUMA forms
 * (one node, node 0), offering, reclaiming and discarding memory,
 * PrefetchVirtualMemory and GetSystemFileCacheSize (user/lib/vmextra.c,
 * mm/vmreset.c). Included by <windows.h> after its types; not on its own. */
#ifndef VADOS_WINMEM_H
#define VADOS_WINMEM_H

typedef ULONG *PULONG;
typedef UCHAR *PUCHAR;
typedef USHORT *PUSHORT;

#define MEM_RESET_UNDO     0x01000000
#define PAGE_WRITECOMBINE  0x400
#define SEC_WRITECOMBINE   0x40000000   /* CreateFileMapping: views' pages write-combined */
#ifndef ERROR_BUSY
#define ERROR_BUSY         170L
#endif

/* SetProcessWorkingSetSizeEx / GetProcessWorkingSetSizeEx: at most one of
 * each pair; 0 keeps them. Both DISABLE until set. */
#define QUOTA_LIMITS_HARDWS_MIN_ENABLE  0x00000001
#define QUOTA_LIMITS_HARDWS_MIN_DISABLE 0x00000002
#define QUOTA_LIMITS_HARDWS_MAX_ENABLE  0x00000004
#define QUOTA_LIMITS_HARDWS_MAX_DISABLE 0x00000008
WINAPI BOOL SetProcessWorkingSetSizeEx(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize,
				       SIZE_T dwMaximumWorkingSetSize, DWORD Flags);
WINAPI BOOL GetProcessWorkingSetSizeEx(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize,
				       PSIZE_T lpMaximumWorkingSetSize, PDWORD Flags);

/* NUMA: the machine is one node, 0, holding every processor and all memory.
 * A preferred node other than 0 or NUMA_NO_PREFERRED_NODE is
 * ERROR_INVALID_PARAMETER; the rest is as the forms without Numa. */
#define NUMA_NO_PREFERRED_NODE ((DWORD)-1)
WINAPI BOOL GetNumaHighestNodeNumber(PULONG HighestNodeNumber);
WINAPI BOOL GetNumaNodeProcessorMask(UCHAR Node, PULONGLONG ProcessorMask);
WINAPI BOOL GetNumaProcessorNode(UCHAR Processor, PUCHAR NodeNumber);
WINAPI BOOL GetNumaAvailableMemoryNode(UCHAR Node, PULONGLONG AvailableBytes);
WINAPI BOOL GetNumaAvailableMemoryNodeEx(USHORT Node, PULONGLONG AvailableBytes);
WINAPI LPVOID VirtualAllocExNuma(HANDLE hProcess, LPVOID lpAddress, SIZE_T dwSize,
				 DWORD flAllocationType, DWORD flProtect, DWORD nndPreferred);
WINAPI LPVOID MapViewOfFileExNuma(HANDLE hFileMappingObject, DWORD dwDesiredAccess,
				  DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow,
				  SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress,
				  DWORD nndPreferred);
WINAPI HANDLE CreateFileMappingNumaA(HANDLE hFile,
				     LPSECURITY_ATTRIBUTES lpFileMappingAttributes,
				     DWORD flProtect, DWORD dwMaximumSizeHigh,
				     DWORD dwMaximumSizeLow, LPCSTR lpName, DWORD nndPreferred);
#define CreateFileMappingNuma CreateFileMappingNumaA

/* Offered memory may be discarded by the system until reclaimed (here: at
 * once); ReclaimVirtualMemory returns ERROR_SUCCESS when every page kept its
 * contents, ERROR_BUSY when some were discarded (they read zero). The
 * ranges are page-aligned, committed PAGE_READWRITE private memory. These
 * return the error code (also set as the last error on failure). */
typedef enum OFFER_PRIORITY {
	VmOfferPriorityVeryLow = 1,
	VmOfferPriorityLow,
	VmOfferPriorityBelowNormal,
	VmOfferPriorityNormal,
} OFFER_PRIORITY;
WINAPI DWORD OfferVirtualMemory(PVOID VirtualAddress, SIZE_T Size, OFFER_PRIORITY Priority);
WINAPI DWORD ReclaimVirtualMemory(void const *VirtualAddress, SIZE_T Size);
WINAPI DWORD DiscardVirtualMemory(PVOID VirtualAddress, SIZE_T Size);

/* PrefetchVirtualMemory: a hint; the ranges are checked, nothing is read
 * ahead (Flags must be 0). */
typedef struct _WIN32_MEMORY_RANGE_ENTRY {
	PVOID VirtualAddress;
	SIZE_T NumberOfBytes;
} WIN32_MEMORY_RANGE_ENTRY, *PWIN32_MEMORY_RANGE_ENTRY;
WINAPI BOOL PrefetchVirtualMemory(HANDLE hProcess, ULONG_PTR NumberOfEntries,
				  PWIN32_MEMORY_RANGE_ENTRY VirtualAddresses, ULONG Flags);

/* Get/SetSystemFileCacheSize: the limits are kept as set (nothing enforces
 * them); until set, minimum 1 MB, maximum all memory, flags 0. Setting
 * needs SeIncreaseQuotaPrivilege enabled (else ERROR_PRIVILEGE_NOT_HELD);
 * both of a pair of flags, another flag, or a minimum not below the maximum
 * is ERROR_INVALID_PARAMETER; Flags 0 keeps the hard limits' state; both
 * sizes (SIZE_T)-1 asks for a flush, which changes nothing here. */
#define FILE_CACHE_MAX_HARD_ENABLE  0x00000001
#define FILE_CACHE_MAX_HARD_DISABLE 0x00000002
#define FILE_CACHE_MIN_HARD_ENABLE  0x00000004
#define FILE_CACHE_MIN_HARD_DISABLE 0x00000008
WINAPI BOOL GetSystemFileCacheSize(PSIZE_T lpMinimumFileCacheSize,
				   PSIZE_T lpMaximumFileCacheSize, PDWORD lpFlags);
WINAPI BOOL SetSystemFileCacheSize(SIZE_T MinimumFileCacheSize, SIZE_T MaximumFileCacheSize,
				   DWORD Flags);

/* GetNumaProximityNode(Ex): proximity domain 0 is node 0; any other is
 * ERROR_INVALID_PARAMETER. */
WINAPI BOOL GetNumaProximityNode(ULONG ProximityId, PUCHAR NodeNumber);
WINAPI BOOL GetNumaProximityNodeEx(ULONG ProximityId, PUSHORT NodeNumber);

/* QueryVirtualMemoryInformation (user/lib/vmregion.c): MemoryRegionInfo
 * describes the whole allocation holding VirtualAddress: its base and
 * protection, its kind (Private, MappedDataFile, MappedPageFile or
 * MappedImage), its size and how much of it is committed. A free address
 * is ERROR_INVALID_ADDRESS (as VirtualQuery's state says); a size below the
 * structure's ERROR_BAD_LENGTH; another class ERROR_INVALID_PARAMETER.
 * *ReturnSize (if given) gets the bytes written. */
typedef enum WIN32_MEMORY_INFORMATION_CLASS {
	MemoryRegionInfo
} WIN32_MEMORY_INFORMATION_CLASS;
typedef struct WIN32_MEMORY_REGION_INFORMATION {
	PVOID AllocationBase;
	ULONG AllocationProtect;
	union {
		ULONG Flags;
		struct {
			ULONG Private : 1;
			ULONG MappedDataFile : 1;
			ULONG MappedImage : 1;
			ULONG MappedPageFile : 1;
			ULONG MappedPhysical : 1;
			ULONG DirectMapped : 1;
			ULONG Reserved : 26;
		};
	};
	SIZE_T RegionSize;
	SIZE_T CommitSize;
} WIN32_MEMORY_REGION_INFORMATION;
WINAPI BOOL QueryVirtualMemoryInformation(HANDLE Process, const VOID *VirtualAddress,
					  WIN32_MEMORY_INFORMATION_CLASS MemoryInformationClass,
					  PVOID MemoryInformation, SIZE_T MemoryInformationSize,
					  PSIZE_T ReturnSize);

/* The FromApp forms: for a desktop program, VirtualAlloc's and
 * VirtualProtect's own behaviour. */
WINAPI PVOID VirtualAllocFromApp(PVOID BaseAddress, SIZE_T Size, ULONG AllocationType,
				 ULONG Protection);
WINAPI BOOL VirtualProtectFromApp(PVOID Address, SIZE_T Size, ULONG NewProtection,
				  PULONG OldProtection);

/* Data execution prevention (user/lib/memsafety.c): vados's page tables
 * have no NX bit, so the system policy is DEPPolicyAlwaysOff; every
 * process's DEP is off and permanently so (GetProcessDEPPolicy: flags 0,
 * *lpPermanent TRUE, given a handle with PROCESS_QUERY_INFORMATION);
 * SetProcessDEPPolicy fails, as Windows' does under AlwaysOff, with
 * ERROR_ACCESS_DENIED (ERROR_INVALID_PARAMETER for flags it does not know,
 * or PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION without PROCESS_DEP_ENABLE). */
#define PROCESS_DEP_ENABLE                      0x00000001
#define PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION 0x00000002
typedef enum _DEP_SYSTEM_POLICY_TYPE {
	DEPPolicyAlwaysOff = 0,
	DEPPolicyAlwaysOn,
	DEPPolicyOptIn,
	DEPPolicyOptOut,
	DEPTotalPolicyCount
} DEP_SYSTEM_POLICY_TYPE;
WINAPI DEP_SYSTEM_POLICY_TYPE GetSystemDEPPolicy(VOID);
WINAPI BOOL GetProcessDEPPolicy(HANDLE hProcess, LPDWORD lpFlags, PBOOL lpPermanent);
WINAPI BOOL SetProcessDEPPolicy(DWORD dwFlags);

/* Secure memory cache callbacks and bad-memory notifications: registered
 * and unregistered (at most 16 of each: then ERROR_NOT_ENOUGH_MEMORY), never
 * called: vados secures no memory for drivers and sees no memory errors.
 * Removing one not registered (or a NULL one) is ERROR_INVALID_PARAMETER.
 * GetMemoryErrorHandlingCapabilities: no patrol scrubber (0). */
typedef BOOLEAN (CALLBACK *PSECURE_MEMORY_CACHE_CALLBACK)(PVOID Addr, SIZE_T Range);
WINAPI BOOL AddSecureMemoryCacheCallback(PSECURE_MEMORY_CACHE_CALLBACK pfnCallBack);
WINAPI BOOL RemoveSecureMemoryCacheCallback(PSECURE_MEMORY_CACHE_CALLBACK pfnCallBack);
typedef VOID (WINAPI *PBAD_MEMORY_CALLBACK_ROUTINE)(VOID);
WINAPI PVOID RegisterBadMemoryNotification(PBAD_MEMORY_CALLBACK_ROUTINE Callback);
WINAPI BOOL UnregisterBadMemoryNotification(PVOID RegistrationHandle);
#define MEHC_PATROL_SCRUBBER_PRESENT 0x1
WINAPI BOOL GetMemoryErrorHandlingCapabilities(PULONG Capabilities);

/* Address Windowing Extensions (user/lib/awe.c): vados has none. Without
 * SeLockMemoryPrivilege enabled every call fails with
 * ERROR_PRIVILEGE_NOT_HELD (Windows' answer), with it ERROR_NOT_SUPPORTED;
 * *NumberOfPages becomes 0, nothing is allocated or mapped. VirtualAlloc's
 * MEM_PHYSICAL is ERROR_INVALID_PARAMETER. */
#define MEM_PHYSICAL        0x00400000
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED 50L
#endif
WINAPI BOOL AllocateUserPhysicalPages(HANDLE hProcess, PULONG_PTR NumberOfPages,
				      PULONG_PTR PageArray);
WINAPI BOOL AllocateUserPhysicalPagesNuma(HANDLE hProcess, PULONG_PTR NumberOfPages,
					  PULONG_PTR PageArray, DWORD nndPreferred);
WINAPI BOOL FreeUserPhysicalPages(HANDLE hProcess, PULONG_PTR NumberOfPages,
				  PULONG_PTR PageArray);
WINAPI BOOL MapUserPhysicalPages(PVOID VirtualAddress, ULONG_PTR NumberOfPages,
				 PULONG_PTR PageArray);
WINAPI BOOL MapUserPhysicalPagesScatter(PVOID *VirtualAddresses, ULONG_PTR NumberOfPages,
					PULONG_PTR PageArray);

/* Memory resource notifications (user/lib/vmextra.c): an event signalled
 * when available memory was low (or high) as it was made; another type is
 * ERROR_INVALID_PARAMETER. */
typedef enum _MEMORY_RESOURCE_NOTIFICATION_TYPE {
	LowMemoryResourceNotification,
	HighMemoryResourceNotification,
} MEMORY_RESOURCE_NOTIFICATION_TYPE;
WINAPI HANDLE CreateMemoryResourceNotification(MEMORY_RESOURCE_NOTIFICATION_TYPE NotificationType);
WINAPI BOOL QueryMemoryResourceNotification(HANDLE ResourceNotificationHandle,
					    PBOOL ResourceState);

/* Values of Windows' headers vados takes no action on: VirtualAlloc,
 * VirtualFree and VirtualProtect refuse them (ERROR_INVALID_PARAMETER);
 * HeapCreate ignores the HEAP_ ones; GlobalAlloc and LocalAlloc refuse flags
 * outside GMEM_VALID_FLAGS/LMEM_VALID_FLAGS. */
#define MEM_ROTATE                     0x00800000
#define MEM_DIFFERENT_IMAGE_BASE_OK    0x00800000
#define MEM_64K_PAGES                  (MEM_LARGE_PAGES | MEM_PHYSICAL)
#define MEM_4MB_PAGES                  0x80000000
#define PAGE_TARGETS_INVALID           0x40000000
#define PAGE_TARGETS_NO_UPDATE         0x40000000
#define PAGE_REVERT_TO_FILE_MAP        0x80000000
#define HEAP_TAIL_CHECKING_ENABLED     0x00000020
#define HEAP_FREE_CHECKING_ENABLED     0x00000040
#define HEAP_DISABLE_COALESCE_ON_FREE  0x00000080
#define HEAP_CREATE_ALIGN_16           0x00010000
#define HEAP_CREATE_ENABLE_TRACING     0x00020000
#define HEAP_MAXIMUM_TAG               0x0FFF
#define HEAP_PSEUDO_TAG_FLAG           0x8000
#define HEAP_TAG_SHIFT                 18
#define LMEM_VALID_FLAGS               0x0F72
#define GMEM_VALID_FLAGS               0x7F72
#define NONZEROLHND                    LMEM_MOVEABLE

/* HeapSummary (user/lib/heap_tools.c): the bytes the busy blocks asked for,
 * the heap's committed and reserved bytes; cb must be sizeof(HEAP_SUMMARY)
 * and dwFlags 0 (else ERROR_INVALID_PARAMETER). */
typedef struct _HEAP_SUMMARY {
	DWORD cb;
	SIZE_T cbAllocated;
	SIZE_T cbCommitted;
	SIZE_T cbReserved;
	SIZE_T cbMaxReserve;
} HEAP_SUMMARY, *PHEAP_SUMMARY, *LPHEAP_SUMMARY;
WINAPI BOOL HeapSummary(HANDLE hHeap, DWORD dwFlags, LPHEAP_SUMMARY lpSummary);

/* Windows 3.x leftovers (user/lib/globalalloc.c): GlobalCompact,
 * LocalCompact and LocalShrink compact the process heap (HeapCompact) and
 * return its largest committed free block; GlobalWire and GlobalFix lock
 * (GlobalLock), GlobalUnWire and GlobalUnfix unlock (GlobalUnlock);
 * GlobalLRUNewest and GlobalLRUOldest are winbase.h's macros: the handle. */
#define GlobalLRUNewest(h) ((HANDLE)(h))
#define GlobalLRUOldest(h) ((HANDLE)(h))
WINAPI SIZE_T GlobalCompact(DWORD dwMinFree);
WINAPI SIZE_T LocalCompact(UINT uMinFree);
WINAPI SIZE_T LocalShrink(HLOCAL hMem, UINT cbNewSize);
WINAPI VOID GlobalFix(HGLOBAL hMem);
WINAPI VOID GlobalUnfix(HGLOBAL hMem);
WINAPI LPVOID GlobalWire(HGLOBAL hMem);
WINAPI BOOL GlobalUnWire(HGLOBAL hMem);

/* Windows 10's memory calls (user/lib/memory10.c; README "Placeholders"):
 * VirtualAlloc2 and MapViewOfFile3 (their FromApp forms are the same),
 * CreateFileMapping2, placeholders. Process NULL is the caller's;
 * MapViewOfFile3 maps into the process named (PROCESS_VM_OPERATION).
 * Extended parameters: MemExtendedParameterAddressRequirements (a
 * MEM_ADDRESS_REQUIREMENTS, not with a base address or a replacement),
 * MemExtendedParameterNumaNode (node 0 or NUMA_NO_PREFERRED_NODE), each at
 * most once; MemExtendedParameterAttributeFlags 0; anything else is
 * ERROR_INVALID_PARAMETER. CreateFileMapping2 takes
 * MemSectionExtendedParameterNumaNode alone. */
#define MEM_COALESCE_PLACEHOLDERS      0x00000001
#define MEM_PRESERVE_PLACEHOLDER       0x00000002
#define MEM_REPLACE_PLACEHOLDER        0x00004000
#define MEM_RESERVE_PLACEHOLDER        0x00040000
#define MEM_EXTENDED_PARAMETER_TYPE_BITS 8
typedef enum MEM_EXTENDED_PARAMETER_TYPE {
	MemExtendedParameterInvalidType = 0,
	MemExtendedParameterAddressRequirements,
	MemExtendedParameterNumaNode,
	MemExtendedParameterPartitionHandle,
	MemExtendedParameterUserPhysicalHandle,
	MemExtendedParameterAttributeFlags,
	MemExtendedParameterImageMachine,
	MemExtendedParameterMax
} MEM_EXTENDED_PARAMETER_TYPE, *PMEM_EXTENDED_PARAMETER_TYPE;
typedef enum MEM_SECTION_EXTENDED_PARAMETER_TYPE {
	MemSectionExtendedParameterInvalidType = 0,
	MemSectionExtendedParameterUserPhysicalFlags,
	MemSectionExtendedParameterNumaNode,
	MemSectionExtendedParameterSigningLevel,
	MemSectionExtendedParameterMax
} MEM_SECTION_EXTENDED_PARAMETER_TYPE, *PMEM_SECTION_EXTENDED_PARAMETER_TYPE;
typedef struct _MEM_ADDRESS_REQUIREMENTS {
	PVOID LowestStartingAddress;
	PVOID HighestEndingAddress;
	SIZE_T Alignment;
} MEM_ADDRESS_REQUIREMENTS, *PMEM_ADDRESS_REQUIREMENTS;
typedef struct __attribute__((aligned(8))) MEM_EXTENDED_PARAMETER {
	struct {
		ULONGLONG Type : MEM_EXTENDED_PARAMETER_TYPE_BITS;
		ULONGLONG Reserved : 64 - MEM_EXTENDED_PARAMETER_TYPE_BITS;
	};
	union {
		ULONGLONG ULong64;
		PVOID Pointer;
		SIZE_T Size;
		HANDLE Handle;
		DWORD ULong;
	};
} MEM_EXTENDED_PARAMETER, *PMEM_EXTENDED_PARAMETER;
WINAPI PVOID VirtualAlloc2(HANDLE Process, PVOID BaseAddress, SIZE_T Size, ULONG AllocationType,
			   ULONG PageProtection, MEM_EXTENDED_PARAMETER *ExtendedParameters,
			   ULONG ParameterCount);
WINAPI PVOID VirtualAlloc2FromApp(HANDLE Process, PVOID BaseAddress, SIZE_T Size,
				  ULONG AllocationType, ULONG PageProtection,
				  MEM_EXTENDED_PARAMETER *ExtendedParameters,
				  ULONG ParameterCount);
WINAPI PVOID MapViewOfFile3(HANDLE FileMapping, HANDLE Process, PVOID BaseAddress,
			    ULONGLONG Offset, SIZE_T ViewSize, ULONG AllocationType,
			    ULONG PageProtection, MEM_EXTENDED_PARAMETER *ExtendedParameters,
			    ULONG ParameterCount);
WINAPI PVOID MapViewOfFile3FromApp(HANDLE FileMapping, HANDLE Process, PVOID BaseAddress,
				   ULONGLONG Offset, SIZE_T ViewSize, ULONG AllocationType,
				   ULONG PageProtection,
				   MEM_EXTENDED_PARAMETER *ExtendedParameters,
				   ULONG ParameterCount);
WINAPI HANDLE CreateFileMapping2(HANDLE File, SECURITY_ATTRIBUTES *SecurityAttributes,
				 ULONG DesiredAccess, ULONG PageProtection,
				 ULONG AllocationAttributes, ULONGLONG MaximumSize, PCWSTR Name,
				 MEM_EXTENDED_PARAMETER *ExtendedParameters, ULONG ParameterCount);

#endif
