/* Raw system calls (see vados/syscall.h for the ABI). */
#ifndef VADOS_CALLS_H
#define VADOS_CALLS_H

#include <stdint.h>
#include "vados/syscall.h"

struct vados_result {
	uint32_t error;         /* Win32 error code, 0 on success */
	uint32_t value;
};

/* Non-zero when the kernel takes sysenter (set by the runtime before main
 * from SYS_FAST_CALLS). */
extern int __vados_sysenter;

/* Makes system call nr with args[0 .. its argument count): by sysenter
 * where the kernel takes it, else by int 0x2E. */
static inline struct vados_result vados_syscall(uint32_t nr, const uint32_t *args)
{
	struct vados_result r;

	if (__vados_sysenter)
		asm volatile("movl %%esp, %%ecx\n\t"
			     "movl $1f, %%ebx\n\t"
			     "sysenter\n"
			     "1:"
			     : "=a"(r.error), "=b"(r.value), "+d"(args)
			     : "0"(nr)
			     : "ecx", "memory");
	else
		asm volatile("int $0x2e" : "=a"(r.error), "=d"(r.value) : "a"(nr), "d"(args)
			     : "memory");
	return r;
}

/* The memory manager's counters since boot (SYS_MM_COUNTERS). */
static inline struct vados_mm_counters vados_mm_counters(void)
{
	struct vados_mm_counters c = { 0 };
	uint32_t args[1] = { (uint32_t)&c };

	vados_syscall(SYS_MM_COUNTERS, args);
	return c;
}

/* The name of the section whose view holds address in process (a handle
 * with PROCESS_QUERY_INFORMATION) into name[size] (SYS_QUERY_VIEW_NAME,
 * vados's own: Windows keeps no name for a pagefile section's views). The
 * result's error is ERROR_INVALID_ADDRESS outside views; its value the
 * name's length ("" for an unnamed section), or the size needed when size is
 * too small (name untouched). */
static inline struct vados_result vados_view_name(void *process, const void *address,
						  char *name, uint32_t size)
{
	uint32_t args[4] = { (uint32_t)process, (uint32_t)address, (uint32_t)name, size };

	return vados_syscall(SYS_QUERY_VIEW_NAME, args);
}

#endif
