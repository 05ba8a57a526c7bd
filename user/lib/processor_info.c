/* The processor's features and topology (<windows.h>, vados/winmisc.h):
 * IsProcessorFeaturePresent from CPUID and what the kernel enables, and
 * GetLogicalProcessorInformation for the one CPU vados runs on. */
#include <windows.h>
#include <stddef.h>
#include <string.h>

#define CPUID_FPU   (1u << 0)
#define CPUID_TSC   (1u << 4)
#define CPUID_CX8   (1u << 8)
#define CPUID_MMX   (1u << 23)
#define CPUID_FXSR  (1u << 24)
#define CPUID_SSE   (1u << 25)
#define CPUID_SSE2  (1u << 26)
#define CPUID_SSE3  (1u << 0)           /* ECX */
#define CPUID_SSSE3 (1u << 9)
#define CPUID_SSE41 (1u << 19)
#define CPUID_SSE42 (1u << 20)
#define CPUID_RDRAND (1u << 30)         /* ECX */
#define EXT_RDTSCP  (1u << 27)
#define EXT_3DNOW   (1u << 31)

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* Whether the SSE extension with ECX bit ecx_bit of CPUID leaf 1 (0: SSE
 * itself, EDX's) is usable: the kernel enables SSE (CR4.OSFXSR) on every
 * CPU with FXSR and SSE, and saves the XMM registers with FXSAVE. */
static BOOL sse_usable(const uint32_t std[4], uint32_t edx_bits, uint32_t ecx_bit)
{
	uint32_t need = CPUID_FXSR | CPUID_SSE | edx_bits;

	return (std[3] & need) == need && (std[2] & ecx_bit) == ecx_bit;
}

/* Whether MXCSR's DAZ bit (6) is writable: FXSAVE's MXCSR_MASK says. */
static BOOL sse_daz(void)
{
	uint8_t raw[512 + 15], *area = (uint8_t *)(((uintptr_t)raw + 15) & ~(uintptr_t)15);
	uint32_t mask;

	memset(raw, 0, sizeof(raw));            /* FXSAVE needs 16 bytes' alignment */
	asm volatile("fxsave %0" : "=m"(*(uint8_t (*)[512])area));
	memcpy(&mask, area + 28, sizeof(mask));
	return (mask & 0x40u) != 0;
}

/* TRUE when the feature is there and usable: XSAVE and AVX are not (the
 * kernel saves the state FXSAVE covers only), nor PAE or NX (a non-PAE
 * kernel), nor FS/GS-base writes or __fastfail. */
BOOL WINAPI IsProcessorFeaturePresent(DWORD ProcessorFeature)
{
	uint32_t std[4], ext[4] = { 0, 0, 0, 0 };

	cpuid(1, std);
	cpuid(0x80000000u, ext);
	if (ext[0] >= 0x80000001u)
		cpuid(0x80000001u, ext);
	else
		ext[3] = 0;
	switch (ProcessorFeature) {
	case PF_FLOATING_POINT_EMULATED:
		return !(std[3] & CPUID_FPU);
	case PF_COMPARE_EXCHANGE_DOUBLE:
		return (std[3] & CPUID_CX8) != 0;
	case PF_MMX_INSTRUCTIONS_AVAILABLE:
		return (std[3] & CPUID_MMX) != 0;
	case PF_3DNOW_INSTRUCTIONS_AVAILABLE:
		return (ext[3] & EXT_3DNOW) != 0;
	case PF_RDTSC_INSTRUCTION_AVAILABLE:
		return (std[3] & CPUID_TSC) != 0;
	case PF_RDRAND_INSTRUCTION_AVAILABLE:
		return (std[2] & CPUID_RDRAND) != 0;
	case PF_RDTSCP_INSTRUCTION_AVAILABLE:
		return (ext[3] & EXT_RDTSCP) != 0;
	case PF_XMMI_INSTRUCTIONS_AVAILABLE:
		return sse_usable(std, 0, 0);
	case PF_SSE_DAZ_MODE_AVAILABLE:
		return sse_usable(std, 0, 0) && sse_daz();
	case PF_XMMI64_INSTRUCTIONS_AVAILABLE:
		return sse_usable(std, CPUID_SSE2, 0);
	case PF_SSE3_INSTRUCTIONS_AVAILABLE:
		return sse_usable(std, CPUID_SSE2, CPUID_SSE3);
	case PF_SSSE3_INSTRUCTIONS_AVAILABLE:
		return sse_usable(std, CPUID_SSE2, CPUID_SSSE3);
	case PF_SSE4_1_INSTRUCTIONS_AVAILABLE:
		return sse_usable(std, CPUID_SSE2, CPUID_SSE41);
	case PF_SSE4_2_INSTRUCTIONS_AVAILABLE:
		return sse_usable(std, CPUID_SSE2, CPUID_SSE42);
	default:
		return FALSE;
	}
}

/* One core in one package on NUMA node 0 (no cache entries). Too small a
 * buffer: ERROR_INSUFFICIENT_BUFFER with *ReturnedLength the bytes needed. */
BOOL WINAPI GetLogicalProcessorInformation(PSYSTEM_LOGICAL_PROCESSOR_INFORMATION Buffer,
					   PDWORD ReturnedLength)
{
	SYSTEM_LOGICAL_PROCESSOR_INFORMATION info[3];
	DWORD need = sizeof(info);

	if (!ReturnedLength || IsBadWritePtr(ReturnedLength, sizeof(*ReturnedLength))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (*ReturnedLength < need || !Buffer) {
		*ReturnedLength = need;
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (IsBadWritePtr(Buffer, need)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	memset(info, 0, sizeof(info));
	info[0].ProcessorMask = 1;
	info[0].Relationship = RelationProcessorCore;
	info[1].ProcessorMask = 1;
	info[1].Relationship = RelationProcessorPackage;
	info[2].ProcessorMask = 1;
	info[2].Relationship = RelationNumaNode;
	info[2].NumaNode.NodeNumber = 0;
	memcpy(Buffer, info, need);
	*ReturnedLength = need;
	return TRUE;
}

/* Appends the record of relationship r for the CPUs of mask to the n bytes
 * at out (NULL: only counts); returns its size. */
static DWORD lpi_record(BYTE *out, LOGICAL_PROCESSOR_RELATIONSHIP r, KAFFINITY mask)
{
	SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX e;
	GROUP_AFFINITY group = { .Mask = mask, .Group = 0 };
	BYTE cpus = (BYTE)__builtin_popcount(mask);
	DWORD body;

	memset(&e, 0, sizeof(e));
	e.Relationship = r;
	switch (r) {
	case RelationNumaNode:
		e.NumaNode.GroupCount = 1;
		e.NumaNode.GroupMask = group;
		body = sizeof(NUMA_NODE_RELATIONSHIP);
		break;
	case RelationGroup:
		e.Group.MaximumGroupCount = e.Group.ActiveGroupCount = 1;
		e.Group.GroupInfo[0].MaximumProcessorCount = cpus;
		e.Group.GroupInfo[0].ActiveProcessorCount = cpus;
		e.Group.GroupInfo[0].ActiveProcessorMask = mask;
		body = sizeof(GROUP_RELATIONSHIP);
		break;
	default:                        /* a core or the package */
		e.Processor.GroupCount = 1;
		e.Processor.GroupMask[0] = group;
		body = sizeof(PROCESSOR_RELATIONSHIP);
		break;
	}
	e.Size = offsetof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, Processor) + body;
	if (out)
		memcpy(out, &e, e.Size);
	return e.Size;
}

/* One core per CPU, one package, NUMA node 0, one group: the records of
 * RelationshipType written at out (NULL: measured); the bytes. */
static DWORD lpi_records(BYTE *out, LOGICAL_PROCESSOR_RELATIONSHIP type)
{
	SYSTEM_INFO si;
	DWORD n = 0;
	KAFFINITY all;

	GetSystemInfo(&si);
	all = si.dwActiveProcessorMask;
	if (type == RelationProcessorCore || type == RelationAll)
		for (KAFFINITY cpu = 1; cpu && cpu <= all; cpu <<= 1)
			if (all & cpu)
				n += lpi_record(out ? out + n : NULL, RelationProcessorCore, cpu);
	if (type == RelationNumaNode || type == RelationAll)
		n += lpi_record(out ? out + n : NULL, RelationNumaNode, all);
	if (type == RelationProcessorPackage || type == RelationAll)
		n += lpi_record(out ? out + n : NULL, RelationProcessorPackage, all);
	if (type == RelationGroup || type == RelationAll)
		n += lpi_record(out ? out + n : NULL, RelationGroup, all);
	return n;
}

/* A type outside the enumeration: ERROR_INVALID_PARAMETER; too small a
 * buffer: ERROR_INSUFFICIENT_BUFFER with *ReturnedLength the bytes needed
 * (RelationCache has no records: 0 bytes, TRUE). */
BOOL WINAPI GetLogicalProcessorInformationEx(LOGICAL_PROCESSOR_RELATIONSHIP RelationshipType,
					     PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX Buffer,
					     PDWORD ReturnedLength)
{
	DWORD need;

	if (RelationshipType > RelationGroup && RelationshipType != RelationAll) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!ReturnedLength || IsBadWritePtr(ReturnedLength, sizeof(*ReturnedLength))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	need = lpi_records(NULL, RelationshipType);
	if (*ReturnedLength < need || (need && !Buffer)) {
		*ReturnedLength = need;
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (need && IsBadWritePtr(Buffer, need)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*ReturnedLength = lpi_records((BYTE *)Buffer, RelationshipType);
	return TRUE;
}
