/* NT structures shared by the kernel and ring 3, in their exact 32-bit i386
 * layouts: the kernel writes them onto the user stack, <windows.h> names them. */
#ifndef VADOS_NTABI_H
#define VADOS_NTABI_H

#include <stdint.h>
#include "cdefs.h"           /* beside this file: the kernel includes it by path */

/* Windows' DWORD and ULONG_PTR on i386: 32-bit unsigned long. */
typedef unsigned long ntabi_dword;

#define EXCEPTION_MAXIMUM_PARAMETERS 15
#define SIZE_OF_80387_REGISTERS      80
#define MAXIMUM_SUPPORTED_EXTENSION  512

#define CONTEXT_i386     0x00010000u
#define CONTEXT_CONTROL  (CONTEXT_i386 | 0x1u)    /* Ebp, Eip, SegCs, EFlags, Esp, SegSs */
#define CONTEXT_INTEGER  (CONTEXT_i386 | 0x2u)    /* Edi, Esi, Ebx, Edx, Ecx, Eax */
#define CONTEXT_SEGMENTS (CONTEXT_i386 | 0x4u)    /* SegDs, SegEs, SegFs, SegGs */
#define CONTEXT_FULL     (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_SEGMENTS)
#define CONTEXT_FLOATING_POINT (CONTEXT_i386 | 0x8u)  /* FloatSave */
#define CONTEXT_EXTENDED_REGISTERS (CONTEXT_i386 | 0x20u)  /* ExtendedRegisters: FXSAVE's image */

#define EXCEPTION_NONCONTINUABLE 0x1u

struct _EXCEPTION_RECORD {                      /* 80 bytes */
	ntabi_dword ExceptionCode;
	ntabi_dword ExceptionFlags;
	struct _EXCEPTION_RECORD *ExceptionRecord;
	void *ExceptionAddress;
	ntabi_dword NumberParameters;
	ntabi_dword ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
};

struct _FLOATING_SAVE_AREA {                    /* 112 bytes */
	ntabi_dword ControlWord, StatusWord, TagWord;
	ntabi_dword ErrorOffset, ErrorSelector, DataOffset, DataSelector;
	uint8_t RegisterArea[SIZE_OF_80387_REGISTERS];
	ntabi_dword Cr0NpxState;
};

struct _CONTEXT {                               /* 716 bytes */
	ntabi_dword ContextFlags;
	ntabi_dword Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
	struct _FLOATING_SAVE_AREA FloatSave;
	ntabi_dword SegGs, SegFs, SegEs, SegDs;
	ntabi_dword Edi, Esi, Ebx, Edx, Ecx, Eax;
	ntabi_dword Ebp, Eip, SegCs, EFlags, Esp, SegSs;
	uint8_t ExtendedRegisters[MAXIMUM_SUPPORTED_EXTENSION];
};

VADOS_STATIC_ASSERT(sizeof(struct _EXCEPTION_RECORD) == 80 || sizeof(void *) != 4,
		    "EXCEPTION_RECORD layout");
VADOS_STATIC_ASSERT(sizeof(struct _CONTEXT) == 716 || sizeof(void *) != 4, "CONTEXT layout");

#endif
