/* QueryWorkingSet and QueryWorkingSetEx (psapi) as system calls: a process
 * handle with PROCESS_QUERY_INFORMATION and PROCESS_VM_READ, its address
 * space entered (process_attach) only to read the page tables; user memory is
 * touched before and after, in the caller's own space. And the working-set
 * watch (InitializeProcessForWsWatch, GetWsChanges(Ex): mm/wswatch.c). */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ob/ob.h"
#include "arch/uaccess.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "kernel/rtl/string.h"

#define WS_ACCESS (PROCESS_QUERY_INFORMATION | PROCESS_VM_READ)
#define WS_MAX    0x80000u      /* entries a call looks at: the largest working set */

/* A working-set question: a buffer of n words. */
struct ws_ask {
	uint32_t *buf, n;
};

/* Runs fn(vm, ask) in the address space of the process behind handle
 * (opened for access); *result gets fn's answer. */
static uint32_t in_process(uint32_t handle, uint32_t access,
			   uint32_t (*fn)(struct vm_space *, struct ws_ask *),
			   struct ws_ask *ask, uint32_t *result)
{
	struct process *p;
	uint32_t err = process_by_handle(handle, access, &p);

	if (err)
		return err;
	err = ERROR_ACCESS_DENIED;                      /* it has exited */
	if (process_attach(p)) {
		*result = fn(p->vm, ask);
		process_detach(p);
		err = 0;
	}
	ob_dereference(p);
	return err;
}

static uint32_t list_blocks(struct vm_space *vm, struct ws_ask *ask)
{
	return vm_ws_list(vm, ask->buf, ask->n);
}

/* (process, uint32 *blocks, max) -> pages in the working set; at most max
 * PSAPI_WORKING_SET_BLOCK values written. */
struct sysret sys_query_working_set(const uint32_t *a, struct trap_frame *f)
{
	uint32_t max = a[2] < WS_MAX ? a[2] : WS_MAX, total = 0, err;
	uint32_t *buf = max ? kmalloc(max * 4) : NULL;
	struct ws_ask ask = { buf, max };

	(void)f;
	if (max && !buf)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = in_process(a[0], WS_ACCESS, list_blocks, &ask, &total);
	if (!err && !copy_to_user(a[1], buf, (total < max ? total : max) * 4))
		err = ERROR_NOACCESS;
	kfree(buf);
	return (struct sysret){ err, total };
}

/* Fills each pair's second word from its first (an address). */
static uint32_t query_each(struct vm_space *vm, struct ws_ask *ask)
{
	for (uint32_t i = 0; i < ask->n; i++)
		ask->buf[2 * i + 1] = vm_ws_query(vm, ask->buf[2 * i]);
	return ask->n;
}

/* (process, struct { uint32 va, attributes; } *pairs, n): each page's
 * PSAPI_WORKING_SET_EX_BLOCK. */
struct sysret sys_query_working_set_ex(const uint32_t *a, struct trap_frame *f)
{
	uint32_t n = a[2], done, err;
	uint32_t *pairs;
	struct ws_ask ask;

	(void)f;
	if (n == 0 || n > WS_MAX)
		return (struct sysret){ n ? ERROR_INVALID_PARAMETER : 0, 0 };
	if ((pairs = kmalloc(n * 8)) == NULL)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	ask = (struct ws_ask){ pairs, n };
	err = copy_from_user(pairs, a[1], n * 8) ? in_process(a[0], WS_ACCESS, query_each, &ask,
							      &done)
						: ERROR_NOACCESS;
	if (!err && !copy_to_user(a[1], pairs, n * 8))
		err = ERROR_NOACCESS;
	kfree(pairs);
	return (struct sysret){ err, 0 };
}

static uint32_t watch_start(struct vm_space *vm, struct ws_ask *ask)
{
	(void)ask;
	return vm_ws_watch_start(vm);
}

/* The records taken, as words: ask->n is VM_WS_WATCH_MAX records of 3
 * (pc, page, thread) on the way in; on the way out the count, the number
 * lost and the error. */
static uint32_t watch_take(struct vm_space *vm, struct ws_ask *ask)
{
	uint32_t count, lost, err;

	err = vm_ws_watch_take(vm, (struct vm_ws_record *)(ask->buf + 3), ask->n, &count, &lost);
	ask->buf[0] = count;
	ask->buf[1] = lost;
	return err;
}

/* Writes count records of the watch, then the terminator (PC 0, the VA the
 * number lost), to user buffer at, each `words` words long (2: the basic
 * PSAPI_WS_WATCH_INFORMATION, 4: the _EX one with thread id and flags 0). */
static bool watch_copy_out(uint32_t at, const struct vm_ws_record *rec, uint32_t count,
			   uint32_t lost, uint32_t words)
{
	for (uint32_t i = 0; i <= count; i++) {
		uint32_t w[4] = { 0, lost, 0, 0 };
		if (i < count)
			w[0] = rec[i].pc, w[1] = rec[i].page, w[2] = rec[i].tid;
		if (!copy_to_user(at + i * words * 4, w, words * 4))
			return false;
	}
	return true;
}

/* (process, op, buffer, bytes) -> the bytes the records need: op 0 starts
 * (or restarts) the watch, 1 takes the records as PSAPI_WS_WATCH_INFORMATION,
 * 2 as PSAPI_WS_WATCH_INFORMATION_EX, terminator included. The handle needs
 * PROCESS_QUERY_INFORMATION. The buffer is zeroed first (so a bad one fails
 * before a record is taken, and a failed call leaves it empty); one too
 * small fails with ERROR_INSUFFICIENT_BUFFER and the records stay. */
struct sysret sys_ws_watch(const uint32_t *a, struct trap_frame *f)
{
	uint32_t words = a[1] == 2 ? 4 : 2, fit = a[3] / (words * 4), *buf, err, ignored, need;
	uint32_t size = (3 + 4 * (VM_WS_WATCH_MAX + 1)) * 4;
	struct ws_ask ask;

	(void)f;
	if (a[1] == 0) {
		err = in_process(a[0], PROCESS_QUERY_INFORMATION, watch_start, NULL, &ignored);
		return (struct sysret){ err ? err : ignored, 0 };
	}
	if (a[1] > 2)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (fit > VM_WS_WATCH_MAX + 1)
		fit = VM_WS_WATCH_MAX + 1;
	if ((buf = kmalloc(size)) == NULL)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	memset(buf, 0, size);
	err = copy_to_user(a[2], buf, fit * words * 4) ? ERROR_SUCCESS : ERROR_NOACCESS;
	/* Room for the terminator too: one record less than fit. */
	ask = (struct ws_ask){ buf, fit ? fit - 1 : 0 };
	if (!err)
		err = in_process(a[0], PROCESS_QUERY_INFORMATION, watch_take, &ask, &ignored);
	err = err ? err : ignored;
	if (err == ERROR_SUCCESS &&
	    !watch_copy_out(a[2], (const struct vm_ws_record *)(buf + 3), buf[0], buf[1], words))
		err = ERROR_NOACCESS;
	need = (buf[0] + 1) * words * 4;
	kfree(buf);
	return (struct sysret){ err, need };
}
