/* The processor's features and topology (<windows.h>, vados/winmisc.h):
 * IsProcessorFeaturePresent from CPUID and what the kernel enables, and
 * GetLogicalProcessorInformation for the one CPU vados runs on. */
#include <windows.h>
#include <string.h>

#define CPUID_FPU   (1u << 0)
#define CPUID_TSC   (1u << 4)
#define CPUID_CX8   (1u << 8)
#define CPUID_MMX   (1u << 23)
#define CPUID_RDRAND (1u << 30)         /* ECX */
#define EXT_RDTSCP  (1u << 27)
#define EXT_3DNOW   (1u << 31)

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* TRUE when the feature is there and usable: the SSE family and XSAVE are
 * not (the kernel saves only the x87 state and leaves CR4.OSFXSR clear),
 * nor PAE or NX (a non-PAE kernel), nor FS/GS-base writes or __fastfail. */
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
