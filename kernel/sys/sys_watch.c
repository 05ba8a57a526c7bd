/* GetWriteWatch and ResetWriteWatch as system calls, on the caller's own
 * address space (the one the CPU runs on), as the Win32 calls are. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define WRITE_WATCH_FLAG_RESET 1u

/* (flags, addr, size, uint32 *out, max) -> pages reported. The output array
 * (at most one entry a page of the range) is read and written back before
 * anything is reset, so a bad one fails with ERROR_NOACCESS and changes
 * nothing. */
struct sysret sys_get_write_watch(const uint32_t *a, struct trap_frame *f)
{
	uint32_t max = a[4], pages = a[2] / PAGE_SIZE + 2, err;
	vaddr_t *list;

	(void)f;
	if (a[0] & ~WRITE_WATCH_FLAG_RESET)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (max > pages)
		max = pages;
	if (max == 0)
		return (struct sysret){ vm_watch_get(process_current()->vm, a[1], a[2], false,
						     NULL, &max), 0 };
	if ((list = kmalloc(max * sizeof(*list))) == NULL)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	if (!copy_from_user(list, a[3], max * 4) || !copy_to_user(a[3], list, max * 4))
		err = ERROR_NOACCESS;
	else
		err = vm_watch_get(process_current()->vm, a[1], a[2], a[0] & WRITE_WATCH_FLAG_RESET,
				   list, &max);
	if (!err && !copy_to_user(a[3], list, max * 4))
		err = ERROR_NOACCESS;   /* cannot happen: it was written just now */
	kfree(list);
	return (struct sysret){ err, err ? 0 : max };
}

/* (addr, size) */
struct sysret sys_reset_write_watch(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ vm_watch_reset(process_current()->vm, a[0], a[1]), 0 };
}
