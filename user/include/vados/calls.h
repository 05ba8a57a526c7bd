/* Raw system calls (see vados/syscall.h for the ABI). */
#ifndef VADOS_CALLS_H
#define VADOS_CALLS_H

#include <stdint.h>
#include "vados/syscall.h"

struct vados_result {
	uint32_t error;         /* Win32 error code, 0 on success */
	uint32_t value;
};

/* Makes system call nr with args[0 .. its argument count). */
static inline struct vados_result vados_syscall(uint32_t nr, const uint32_t *args)
{
	struct vados_result r;
	asm volatile("int $0x2e" : "=a"(r.error), "=d"(r.value) : "a"(nr), "d"(args) : "memory");
	return r;
}

#endif
