/* The VirtualAlloc family and the working-set limits as system calls. Each call
 * names a process by handle; another process's address space is entered with
 * process_attach for the duration of the operation (which takes the space's
 * locks itself and may sleep), and user memory is only touched before or
 * after, in the caller's own space. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ps/job.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "arch/uaccess.h"
#include "mm/mm.h"
#include "user/include/vados/syscall.h"


/* An operation on one address space, with its arguments. */
struct vm_call {
	uint32_t access;                /* the right the process handle must grant */
	uint32_t addr, size, type, protect;
	uint32_t out;                   /* the old protection */
	const struct vm_placement *place;       /* VirtualAlloc2's, or NULL */
	bool privileged;                /* the caller may raise the minimum working set,
					 * or lock memory (large pages) */
	struct vm_region region;
	uint32_t (*op)(struct vm_space *vm, struct vm_call *c);
};

#define TABLE_WAIT_MS 5000u      /* for frames for page tables, then ERROR_NOT_ENOUGH_MEMORY */

/* Runs c->op on p's address space, the one the CPU runs on. An operation
 * that needs frames for page tables which memory cannot give yet (VM_RETRY)
 * runs again once the balance set manager has freed them. */
static uint32_t on_space(struct process *p, struct vm_call *c)
{
	uint32_t err, start = timer_ticks();

	while ((err = c->op(p->vm, c)) == VM_RETRY) {
		if (timer_ticks() - start >= ms_to_ticks(TABLE_WAIT_MS) || !vm_wait_for_tables())
			return ERROR_NOT_ENOUGH_MEMORY;
	}
	return err;
}

#define STATUS_COMMITMENT_LIMIT 0xC000012Du

/* err of an operation on the caller's own space; a commit that failed for
 * want of commit ends the process at once when it asked for that
 * (ProcessMemoryExhaustionInfo, PME_FAILFAST_ON_COMMIT_FAIL_ENABLE). */
static uint32_t commit_failfast(uint32_t err)
{
	if (err == ERROR_COMMITMENT_LIMIT &&
	    process_current()->settings[VADOS_SETTING_EXHAUSTION])
		process_exit(STATUS_COMMITMENT_LIMIT);
	return err;
}

/* Runs c->op on the address space of the process behind handle, when the
 * handle grants c->access. */
static uint32_t on_process(uint32_t handle, struct vm_call *c)
{
	struct process *p;
	uint32_t err;

	/* The caller's own process (every right): its one thread is running
	 * this call, so neither the record nor the address space can go
	 * meanwhile, and the hot path (VirtualAlloc, VirtualProtect...) takes
	 * no reference. With several threads per process, another thread's
	 * ExitProcess makes the rundown below necessary here too. */
	if (handle == HANDLE_CURRENT_PROCESS)
		return commit_failfast(on_space(process_current(), c));
	if ((err = process_by_handle(handle, c->access, &p)) != 0)
		return err;
	/* Attached (with rundown protection): p's address space stays while
	 * this sleeps (for its locks, or for page tables), though p may exit
	 * meanwhile, and the scheduler keeps it loaded for this thread. */
	if (process_attach(p)) {
		err = on_space(p, c);
		process_detach(p);
	} else {
		err = ERROR_ACCESS_DENIED;      /* it has exited */
	}
	ob_dereference(p);
	return err;
}

static uint32_t op_alloc(struct vm_space *vm, struct vm_call *c)
{
	if (c->type & MEM_LARGE_PAGES)
		return vm_allocate_large(vm, &c->addr, c->size, c->type, c->protect, c->privileged);
	return vm_allocate(vm, &c->addr, c->size, c->type, c->protect);
}

/* VirtualAlloc2's: large pages go where VirtualAlloc's go (no placement). */
static uint32_t op_alloc2(struct vm_space *vm, struct vm_call *c)
{
	if ((c->type & MEM_LARGE_PAGES) && !c->place)
		return op_alloc(vm, c);
	return vm_allocate2(vm, &c->addr, c->size, c->type, c->protect, c->place);
}

static uint32_t op_free(struct vm_space *vm, struct vm_call *c)
{
	return vm_free(vm, c->addr, c->size, c->type);
}

static uint32_t op_protect(struct vm_space *vm, struct vm_call *c)
{
	return vm_protect(vm, c->addr, c->size, c->protect, &c->out);
}

static uint32_t op_query(struct vm_space *vm, struct vm_call *c)
{
	return vm_query(vm, c->addr, &c->region);
}

static uint32_t op_lock(struct vm_space *vm, struct vm_call *c)
{
	return vm_lock(vm, c->addr, c->size);
}

static uint32_t op_unlock(struct vm_space *vm, struct vm_call *c)
{
	return vm_unlock(vm, c->addr, c->size);
}

/* Working-set limits: bytes in, pages to the memory manager (rounded
 * down), (SIZE_T)-1 passed through. */
static uint32_t op_set_ws(struct vm_space *vm, struct vm_call *c)
{
	uint32_t min = c->addr == 0xffffffffu ? VM_WS_EMPTY : c->addr / PAGE_SIZE;
	uint32_t max = c->size == 0xffffffffu ? VM_WS_EMPTY : c->size / PAGE_SIZE;

	return vm_ws_set(vm, min, max, c->type, c->privileged);
}

/* The limits come back in addr (minimum) and size (maximum), in pages, the
 * QUOTA_LIMITS_HARDWS_* flags in type. */
static uint32_t op_get_ws(struct vm_space *vm, struct vm_call *c)
{
	vm_ws_get(vm, &c->addr, &c->size, &c->type);
	return 0;
}

/* (process, addr, size, type, protect) -> base. MEM_LARGE_PAGES needs the
 * caller's SeLockMemoryPrivilege enabled (NT checks the caller's token). */
struct sysret sys_virtual_alloc(const uint32_t *a, struct trap_frame *f)
{
	struct vm_call c = { .access = PROCESS_VM_OPERATION, .addr = a[1], .size = a[2],
			     .type = a[3], .protect = a[4], .op = op_alloc,
			     .privileged = se_privilege_enabled(process_current()->token,
								SE_LOCK_MEMORY_PRIVILEGE) };
	uint32_t err = on_process(a[0], &c);

	(void)f;
	return (struct sysret){ err, err ? 0 : c.addr };
}

uint32_t sys_placement(uint32_t p, struct vm_placement *out, const struct vm_placement **use)
{
	struct vados_placement in = { 0, 0, 0 };
	uint32_t err;

	*use = NULL;
	if (p && !copy_from_user(&in, p, sizeof(in)))
		return ERROR_NOACCESS;
	if (!in.lowest && !in.highest && !in.alignment)
		return 0;
	if ((err = vm_placement_make(in.lowest, in.highest, in.alignment, out)) == 0)
		*use = out;
	return err;
}

/* (process, addr, size, type, protect, placement): VirtualAlloc2. The
 * placeholder flags are VirtualAlloc2's only: SYS_VIRTUAL_ALLOC refuses
 * them (vm_allocate). */
struct sysret sys_virtual_alloc2(const uint32_t *a, struct trap_frame *f)
{
	struct vm_placement place;
	struct vm_call c = { .access = PROCESS_VM_OPERATION, .addr = a[1], .size = a[2],
			     .type = a[3], .protect = a[4], .op = op_alloc2,
			     .privileged = se_privilege_enabled(process_current()->token,
								SE_LOCK_MEMORY_PRIVILEGE) };
	uint32_t err = sys_placement(a[5], &place, &c.place);

	(void)f;
	if (!err)
		err = on_process(a[0], &c);
	return (struct sysret){ err, err ? 0 : c.addr };
}

/* (process, addr, size, type) */
struct sysret sys_virtual_free(const uint32_t *a, struct trap_frame *f)
{
	struct vm_call c = { .access = PROCESS_VM_OPERATION, .addr = a[1], .size = a[2],
			     .type = a[3], .op = op_free };

	(void)f;
	return (struct sysret){ on_process(a[0], &c), 0 };
}

/* (process, addr, size, protect, uint32 *old): the old-protection pointer is
 * probed (read and written back) before anything changes. */
struct sysret sys_virtual_protect(const uint32_t *a, struct trap_frame *f)
{
	struct vm_call c = { .access = PROCESS_VM_OPERATION, .addr = a[1], .size = a[2],
			     .protect = a[3], .op = op_protect };
	uint32_t err;

	(void)f;
	if (!sys_probe_word(a[4]))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = on_process(a[0], &c)) == 0 && !copy_to_user(a[4], &c.out, 4))
		err = ERROR_NOACCESS;
	return (struct sysret){ err, 0 };
}

/* (process, addr, struct vados_region *buf, size) -> bytes written */
struct sysret sys_virtual_query(const uint32_t *a, struct trap_frame *f)
{
	struct vm_call c = { .access = PROCESS_QUERY_INFORMATION, .addr = a[1], .op = op_query };
	struct vados_region out;
	uint32_t err;

	(void)f;
	if (a[3] < sizeof(out))
		return (struct sysret){ ERROR_BAD_LENGTH, 0 };
	if ((err = on_process(a[0], &c)) != 0)
		return (struct sysret){ err, 0 };
	out = (struct vados_region){
		.base = c.region.base, .allocation_base = c.region.allocation_base,
		.allocation_protect = c.region.allocation_protect, .size = c.region.size,
		.state = c.region.state, .protect = c.region.protect, .type = c.region.type,
	};
	if (!copy_to_user(a[2], &out, sizeof(out)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, sizeof(out) };
}

/* VirtualLock and VirtualUnlockEx: (process, addr, size). A lock is the
 * caller's own process only, as in Win32 (making pages resident may sleep,
 * which an attached thread must not); an unlock any process's
 * (PROCESS_VM_OPERATION). */
static struct sysret on_pages(const uint32_t *a, uint32_t (*op)(struct vm_space *,
								struct vm_call *))
{
	struct vm_call c = { .access = PROCESS_VM_OPERATION, .addr = a[1], .size = a[2], .op = op };

	if (op == op_lock && a[0] != HANDLE_CURRENT_PROCESS)
		return (struct sysret){ ERROR_INVALID_HANDLE, 0 };
	return (struct sysret){ on_process(a[0], &c), 0 };
}

struct sysret sys_virtual_lock(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return on_pages(a, op_lock);
}

struct sysret sys_virtual_unlock(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return on_pages(a, op_unlock);
}

/* Whether the process behind handle is in a job with
 * JOB_OBJECT_LIMIT_WORKINGSET (a bad handle: no, on_process reports it). */
static bool ws_fixed_by_job(uint32_t handle)
{
	struct job_limits l;
	struct process *p;
	bool fixed;

	if (handle == HANDLE_CURRENT_PROCESS)
		return job_limit_in_force(process_current(), JOB_LIMIT_WORKINGSET, &l);
	if (process_by_handle(handle, PROCESS_SET_QUOTA, &p))
		return false;
	fixed = job_limit_in_force(p, JOB_LIMIT_WORKINGSET, &l);
	ob_dereference(p);
	return fixed;
}

/* (process, minimum bytes, maximum bytes, QUOTA_LIMITS_HARDWS_* flags or 0);
 * (SIZE_T)-1 twice empties the working set. Raising the minimum needs the caller's
 * SeIncreaseWorkingSetPrivilege enabled (NT checks the caller's token;
 * Microsoft's page says "the specified process", the same process when a
 * program sets its own). A member of a job with JOB_OBJECT_LIMIT_WORKINGSET
 * keeps the job's sizes and the call succeeds, unless it empties its
 * working set (Microsoft's SetProcessWorkingSetSize page). */
struct sysret sys_set_working_set(const uint32_t *a, struct trap_frame *f)
{
	struct vm_call c = { .access = PROCESS_SET_QUOTA, .addr = a[1], .size = a[2],
			     .type = a[3], .op = op_set_ws,
			     .privileged = se_privilege_enabled(process_current()->token,
								SE_INC_WORKING_SET_PRIVILEGE) };

	(void)f;
	if (!(a[1] == 0xffffffffu && a[2] == 0xffffffffu) && ws_fixed_by_job(a[0]))
		return (struct sysret){ 0, 0 };
	return (struct sysret){ on_process(a[0], &c), 0 };
}

/* (process, uint32 out[3]): minimum and maximum, in bytes, and the flags. */
struct sysret sys_get_working_set(const uint32_t *a, struct trap_frame *f)
{
	struct vm_call c = { .access = PROCESS_QUERY_LIMITED_INFORMATION, .op = op_get_ws };
	uint32_t out[3], err = on_process(a[0], &c);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	out[0] = c.addr * PAGE_SIZE;
	out[1] = c.size * PAGE_SIZE;
	out[2] = c.type;
	return sys_copy_out(a[1], out, sizeof(out));
}

/* (addr, size, VADOS_DISCARD_*, priority) on the caller's own pages:
 * OfferVirtualMemory (priority one of VmOfferPriorityVeryLow..Normal; every
 * priority discards at once here), DiscardVirtualMemory, and
 * ReclaimVirtualMemory -> 1 when some page lost its contents. */
struct sysret sys_virtual_discard(const uint32_t *a, struct trap_frame *f)
{
	static const enum vm_reset_op ops[] = { [VADOS_DISCARD_OFFER] = VM_OFFER,
						[VADOS_DISCARD_DISCARD] = VM_DISCARD,
						[VADOS_DISCARD_RECLAIM] = VM_RECLAIM };
	bool busy = false;
	uint32_t err;

	(void)f;
	if (a[2] < VADOS_DISCARD_OFFER || a[2] > VADOS_DISCARD_RECLAIM ||
	    (a[2] == VADOS_DISCARD_OFFER && (a[3] < 1 || a[3] > 4)))
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	err = vm_discard(process_current()->vm, ops[a[2]], a[0], a[1], &busy);
	return (struct sysret){ err, busy };
}
