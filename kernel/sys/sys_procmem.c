/* ReadProcessMemory and WriteProcessMemory (NT's NtReadVirtualMemory and
 * NtWriteVirtualMemory): copies between the caller and any process its handle
 * allows, a page at a time through a kernel buffer, attached to the target
 * (process_attach) so its paged-out pages fault in, in its own address space.
 * A write follows kernelbase's WriteProcessMemory: judged by the protection
 * of its first page, writable memory is written as it is, code (execute or
 * execute-read) is made writable for the write and restored after, as a
 * debugger needs, and anything else (read-only, no access, not committed)
 * refuses with ERROR_NOACCESS. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "mm/pte.h"

/* Whether [addr, addr + size) lies in user space (NT's MmUserProbeAddress check). */
static bool user_range(uint32_t addr, uint32_t size)
{
	return addr + size >= addr && addr + size <= MM_USER_END;
}

/* Copies one piece (within one page of the target) between the caller's
 * local address and the target's remote one; 0 or a Win32 error. */
static uint32_t copy_piece(struct process *p, uint32_t remote, uint32_t local, uint32_t n,
			   bool write, void *buf)
{
	bool ok;

	if (write && !copy_from_user(buf, local, n))
		return ERROR_NOACCESS;
	if (!process_attach(p))
		return ERROR_ACCESS_DENIED;     /* it is exiting: nothing left to copy */
	ok = write ? copy_to_user(remote, buf, n) : copy_from_user(buf, remote, n);
	process_detach(p);
	if (!ok)
		return ERROR_PARTIAL_COPY;
	if (!write && !copy_to_user(local, buf, n))
		return ERROR_NOACCESS;
	return 0;
}

/* Runs a short memory-manager operation in p's address space (attached, as
 * sys_virtual.c's calls are); ERROR_ACCESS_DENIED once p has exited. */
static uint32_t in_space(struct process *p, vaddr_t addr, uint32_t size, uint32_t protect,
			 uint32_t *old, struct vm_region *region)
{
	uint32_t err;

	if (!process_attach(p))
		return ERROR_ACCESS_DENIED;
	err = region ? vm_query(p->vm, addr, region) : vm_protect(p->vm, addr, size, protect, old);
	process_detach(p);
	return err == VM_RETRY ? ERROR_NOT_ENOUGH_MEMORY : err;
}

/* What a write into memory of region r's protection needs: 0 with *make 0
 * (writable as it is), 0 with *make the protection that makes its code
 * writable, or ERROR_NOACCESS. */
static uint32_t write_access(const struct vm_region *r, uint32_t *make)
{
	*make = 0;
	switch (r->protect & ~(PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) {
	case PAGE_READWRITE: case PAGE_WRITECOPY:
	case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY:
		return 0;
	case PAGE_EXECUTE: case PAGE_EXECUTE_READ:
		*make = r->type == MEM_PRIVATE ? PAGE_EXECUTE_READWRITE : PAGE_EXECUTE_WRITECOPY;
		return 0;
	default:
		return ERROR_NOACCESS;
	}
}

/* Code made writable for a write: its pages and their old protection. */
struct code_window {
	vaddr_t base;
	uint32_t size, protect, old;
};

/* Checks that a write of size bytes at addr may go ahead, making code
 * writable (recorded in *code) when it must be. */
static uint32_t make_writable(struct process *p, uint32_t addr, uint32_t size,
			      struct code_window *code)
{
	struct vm_region r;
	uint32_t err = in_space(p, addr, 0, 0, NULL, &r), end;

	if (!err)
		err = write_access(&r, &code->protect);
	if (err || !code->protect)
		return err;
	/* Only the pages of the first page's protection run (kernelbase's
	 * rule): one old protection restores them all. */
	code->base = addr & ~(PAGE_SIZE - 1);
	end = (addr + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (end > r.base + r.size)
		end = r.base + r.size;
	code->size = end - code->base;
	err = in_space(p, code->base, code->size, code->protect, &code->old, NULL);
	if (err)
		code->protect = 0;
	return err == ERROR_INVALID_ADDRESS ? ERROR_PARTIAL_COPY : err;
}

/* (process, remote, local, size): the bytes copied go back even on failure,
 * counted up to the first page that could not be. */
static struct sysret copy_vm(const uint32_t *a, bool write)
{
	uint32_t remote = a[1], local = a[2], size = a[3], done = 0, err;
	struct code_window code = { 0 };
	struct process *p;
	void *buf;

	err = process_by_handle(a[0], write ? PROCESS_VM_WRITE | PROCESS_VM_OPERATION :
					   PROCESS_VM_READ, &p);
	if (err)
		return (struct sysret){ err, 0 };
	if (!user_range(remote, size) || !user_range(local, size)) {
		ob_dereference(p);
		return (struct sysret){ ERROR_NOACCESS, 0 };
	}
	if (!(buf = kmalloc(PAGE_SIZE)))
		err = size ? ERROR_NOT_ENOUGH_MEMORY : 0;
	if (!err && write && size)
		err = make_writable(p, remote, size, &code);
	while (!err && buf && done < size) {
		uint32_t n = PAGE_SIZE - ((remote + done) & (PAGE_SIZE - 1));
		if (n > size - done)
			n = size - done;
		if ((err = copy_piece(p, remote + done, local + done, n, write, buf)) != 0)
			break;
		done += n;
	}
	if (code.protect)      /* the code's protection comes back */
		in_space(p, code.base, code.size, code.old, &code.old, NULL);
	kfree(buf);
	ob_dereference(p);
	return (struct sysret){ err, done };
}

/* (process, remote address, buffer, size) -> bytes read; PROCESS_VM_READ. */
struct sysret sys_read_vm(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return copy_vm(a, false);
}

/* (process, remote address, buffer, size) -> bytes written;
 * PROCESS_VM_WRITE and PROCESS_VM_OPERATION (it may change protections). */
struct sysret sys_write_vm(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return copy_vm(a, true);
}
