/* QueryWorkingSet and QueryWorkingSetEx (psapi) as system calls: a process
 * handle with PROCESS_QUERY_INFORMATION and PROCESS_VM_READ, its address
 * space entered (process_attach) only to read the page tables; user memory is
 * touched before and after, in the caller's own space. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ob/ob.h"
#include "arch/uaccess.h"
#include "mm/mm.h"
#include "mm/pool.h"

#define WS_ACCESS (PROCESS_QUERY_INFORMATION | PROCESS_VM_READ)
#define WS_MAX    0x80000u      /* entries a call looks at: the largest working set */

/* Runs fn(vm, buf, n) in the address space of the process behind handle. */
static uint32_t in_process(uint32_t handle, uint32_t (*fn)(struct vm_space *, uint32_t *,
							  uint32_t),
			   uint32_t *buf, uint32_t n, uint32_t *result)
{
	struct process *p;
	uint32_t err = process_by_handle(handle, WS_ACCESS, &p);

	if (err)
		return err;
	err = ERROR_ACCESS_DENIED;                      /* it has exited */
	if (process_attach(p)) {
		*result = fn(p->vm, buf, n);
		process_detach(p);
		err = 0;
	}
	ob_dereference(p);
	return err;
}

/* (process, uint32 *blocks, max) -> pages in the working set; at most max
 * PSAPI_WORKING_SET_BLOCK values written. */
struct sysret sys_query_working_set(const uint32_t *a, struct trap_frame *f)
{
	uint32_t max = a[2] < WS_MAX ? a[2] : WS_MAX, total = 0, err;
	uint32_t *buf = max ? kmalloc(max * 4) : NULL;

	(void)f;
	if (max && !buf)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = in_process(a[0], vm_ws_list, buf, max, &total);
	if (!err && !copy_to_user(a[1], buf, (total < max ? total : max) * 4))
		err = ERROR_NOACCESS;
	kfree(buf);
	return (struct sysret){ err, total };
}

/* Fills each pair's second word from its first (an address). */
static uint32_t query_each(struct vm_space *vm, uint32_t *pairs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		pairs[2 * i + 1] = vm_ws_query(vm, pairs[2 * i]);
	return n;
}

/* (process, struct { uint32 va, attributes; } *pairs, n): each page's
 * PSAPI_WORKING_SET_EX_BLOCK. */
struct sysret sys_query_working_set_ex(const uint32_t *a, struct trap_frame *f)
{
	uint32_t n = a[2], done, err;
	uint32_t *pairs;

	(void)f;
	if (n == 0 || n > WS_MAX)
		return (struct sysret){ n ? ERROR_INVALID_PARAMETER : 0, 0 };
	if ((pairs = kmalloc(n * 8)) == NULL)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = copy_from_user(pairs, a[1], n * 8) ? in_process(a[0], query_each, pairs, n, &done)
						: ERROR_NOACCESS;
	if (!err && !copy_to_user(a[1], pairs, n * 8))
		err = ERROR_NOACCESS;
	kfree(pairs);
	return (struct sysret){ err, 0 };
}
