/* Ring-3 threads; see kernel/ps/psthread.h. */
#include "kernel/ps/psthread.h"
#include "kernel/ps/process.h"
#include "kernel/ps/job.h"
#include "kernel/ke/iolist.h"
#include "kernel/ke/mutant.h"
#include "kernel/ke/queue.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/selectors.h"
#include "arch/trap.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "mm/pte.h"

#define STACK_GRANULE   0x10000u        /* reservations are 64 KB multiples */
#define THUNK_FRAME     20u             /* below a new stack's top: ESP + 4 16-byte aligned at entry */

/* Thread: NT's generic mapping for threads (ReactOS's measurements) with
 * Vista's THREAD_ALL_ACCESS. */
static struct dispatcher_header *thread_dispatcher(void *body)
{
	return &((struct ps_thread *)body)->exit_signal;
}

/* The last reference is gone: the description goes with the record. */
static void thread_remove(void *body)
{
	kfree(((struct ps_thread *)body)->description);
}

struct ob_type thread_type = {
	.name = "Thread",
	.remove = thread_remove,
	.mapping = { 0x00020048u, 0x00020037u, 0x00120000u, THREAD_ALL_ACCESS },
	.valid_access = THREAD_ALL_ACCESS,
	.implies_from = THREAD_QUERY_INFORMATION,
	.implies_to = THREAD_QUERY_LIMITED_INFORMATION,
	.dispatcher = thread_dispatcher,
};

uint32_t ps_thread_set_description(struct ps_thread *t, const uint16_t *text, uint32_t len)
{
	uint16_t *copy = NULL, *old;
	char name[THREAD_NAME_MAX];
	uint32_t k;
	bool irq;

	if (len && !(copy = kmalloc(len * sizeof(*copy))))
		return ERROR_NOT_ENOUGH_MEMORY;
	if (len)
		memcpy(copy, text, len * sizeof(*copy));
	for (k = 0; k < len && k < sizeof(name) - 1; k++)
		name[k] = text[k] >= 0x20 && text[k] < 0x7f ? (char)text[k] : '?';
	name[k] = '\0';
	irq = irq_save();               /* the tools read the name with interrupts off */
	old = t->description;
	t->description = copy;
	t->description_len = len;
	/* No description: the name it started with, its program's. */
	strlcpy(t->k.name, len ? name : t->k.process->name, sizeof(t->k.name));
	irq_restore(irq);
	kfree(old);
	return ERROR_SUCCESS;
}

void ps_thread_init(void)
{
	ob_register_type(&thread_type);
}

/* Writes one 32-bit field of t's TEB (in the current address space). */
static bool teb_write(const struct ps_thread *t, uint32_t offset, uint32_t value)
{
	return copy_to_user(t->teb + offset, &value, sizeof(value));
}

/* Gives t a stack and a TEB in the current address space (p's); a Win32
 * error with neither left behind. */
static uint32_t map_user_parts(struct process *p, struct ps_thread *t,
			       const struct ps_thread_params *tp)
{
	vaddr_t top = tp->stack_top;
	uint32_t err = 0, commit = tp->stack_commit;

	if (!tp->esp) {
		top = 0;
		err = vm_map_stack(p->vm, &top, tp->stack_limit_pages * PAGE_SIZE, commit);
		t->stack_low = top - tp->stack_limit_pages * PAGE_SIZE;
		t->esp = top - THUNK_FRAME;
	} else {
		t->stack_low = tp->stack_low;
		t->esp = tp->esp;
		commit = tp->stack_commit;
	}
	if (err)
		return err;
	t->stack_top = top;
	t->stack_limit = top - commit * PAGE_SIZE;
	if ((err = vm_map_teb(p->vm, &t->teb)) != 0) {
		if (!tp->esp)
			vm_free(p->vm, t->stack_low, 0, MEM_RELEASE);
		return err;
	}
	/* The writes below would take a page fault each on the TEB and the
	 * stack's top page: resolved here, they take none (the fault entry
	 * costs more than the fill). Failures show in the writes. */
	vm_fault(p->vm, t->teb, true, 0);
	if (!tp->esp)
		vm_fault(p->vm, t->esp, true, 0);
	uint32_t frame[3] = { 0, tp->args[0], tp->args[1] };
	if (!teb_write(t, TEB_EXCEPTION_LIST, 0xffffffffu) ||    /* the end of the SEH chain */
	    !teb_write(t, TEB_STACK_BASE, top) || !teb_write(t, TEB_STACK_LIMIT, t->stack_limit) ||
	    !teb_write(t, TEB_FIBER_DATA, TEB_TIB_VERSION) ||
	    !teb_write(t, TEB_SELF, t->teb) || !teb_write(t, TEB_CLIENT_PID, p->pid) ||
	    !teb_write(t, TEB_DEALLOCATION, t->stack_low) ||
	    (!tp->esp && !copy_to_user(t->esp, frame, sizeof(frame))))
		err = ERROR_NOT_ENOUGH_MEMORY;  /* only when cut short: the pages are committed */
	return err;
}

/* Reads one 32-bit field of t's TEB (in the current address space). */
static bool teb_read(const struct ps_thread *t, uint32_t offset, uint32_t *value)
{
	return t->teb && copy_from_user(value, t->teb + offset, sizeof(*value));
}

/* Gives back what map_user_parts made (in the current address space). A
 * thread that ends on a fiber's stack (DeleteFiber of the running fiber)
 * frees that stack too, the TEB's DeallocationStack, as NT does. */
static void unmap_user_parts(struct process *p, struct ps_thread *t, bool stack)
{
	uint32_t fiber_stack;

	if (stack && teb_read(t, TEB_DEALLOCATION, &fiber_stack) && fiber_stack &&
	    fiber_stack != t->stack_low)
		vm_free(p->vm, fiber_stack, 0, MEM_RELEASE);
	if (t->teb)
		vm_free(p->vm, t->teb, 0, MEM_RELEASE);
	if (stack && t->stack_low)
		vm_free(p->vm, t->stack_low, 0, MEM_RELEASE);
	t->teb = t->stack_low = 0;
}

/* The scheduler is done with t for good: its references go, and the
 * process's address space with the last of its threads. */
static void thread_release(struct thread *k)
{
	struct ps_thread *t = (struct ps_thread *)k;

	process_thread_gone(k->process, t);
	ob_dereference(t);
}

/* The first code of every ring-3 thread, already in its address space. */
static void thread_begin(void *arg)
{
	struct ps_thread *t = arg;

	ps_user_return();       /* created suspended, or killed before it ran */
	arch_enter_user_frame(thread_user_frame(&t->k));
}

/* The registers a new thread enters ring 3 with, where a trap from ring 3
 * leaves them (so GetThreadContext and SetThreadContext find them before it
 * runs): its entry and stack, flat selectors with FS at its TEB, interrupts
 * on, the general registers zero. */
static void user_frame_init(struct ps_thread *t)
{
	*thread_user_frame(&t->k) = (struct trap_frame){
		.gs = SEL_UDATA, .fs = SEL_UTEB, .es = SEL_UDATA, .ds = SEL_UDATA,
		.eip = t->entry, .cs = SEL_UCODE, .eflags = 0x202,  /* IF and reserved bit 1 */
		.user_esp = t->esp, .user_ss = SEL_UDATA,
	};
}

/* A thread's base level: THREAD_PRIORITY_* relative to its process's
 * class (base level cls), IDLE and TIME_CRITICAL the bottom and top of the
 * class's range (1-15, or 16-31 for REALTIME_PRIORITY_CLASS), as Windows'
 * table. */
static uint8_t thread_base(uint8_t cls, int32_t relative)
{
	bool realtime = cls >= 16;

	if (relative == -15)
		return realtime ? 16 : 1;
	if (relative == 15)
		return realtime ? 31 : 15;
	return (uint8_t)(cls + relative);
}

uint32_t ps_thread_create(struct process *p, const struct ps_thread_params *tp,
			  struct ps_thread **out)
{
	struct ps_thread *t = ob_create(&thread_type, sizeof(*t));
	bool own = p == process_current(), irq;
	uint32_t err;

	if (!t)
		return ERROR_NOT_ENOUGH_MEMORY;
	t->exit_signal.kind = DISPATCHER_NOTIFICATION;
	t->resume.reason = "Suspended";
	t->suspend_count = tp->suspended;
	t->entry = tp->entry;
	t->k.release = thread_release;
	t->settings[VADOS_SETTING_MEMORY_PRIORITY] = VADOS_MEMORY_PRIORITY_NORMAL;
	if (!own && !process_attach(p)) {
		ob_dereference(t);
		return ERROR_ACCESS_DENIED;
	}
	err = map_user_parts(p, t, tp);
	if (!err && !thread_setup(&t->k, p->name, thread_begin, t, p))
		err = ERROR_NOT_ENOUGH_MEMORY;
	if (!err) {
		t->k.teb = t->teb;
		teb_write(t, TEB_CLIENT_TID, t->k.id);
		user_frame_init(t);
	} else {
		unmap_user_parts(p, t, !tp->esp);
	}
	if (!own)
		process_detach(p);
	if (err) {
		ob_dereference(t);
		return err;
	}
	irq = irq_save();
	thread_set_priority(&t->k, thread_base(p->priority_base, 0));
	t->k.no_boost = p->no_boost;
	if (!process_thread_add(p, t)) {
		irq_restore(irq);
		/* Set up but refused (p is exiting): it runs only to end at once. */
		t->kill_status = p->terminate_status;
		t->k.kill = true;
	} else {
		irq_restore(irq);
	}
	ob_reference(t);                /* the running thread's own */
	thread_start(&t->k);
	*out = t;
	return 0;
}

void ps_thread_exit(uint32_t status)
{
	struct ps_thread *t = ps_thread_current();
	struct process *p = t->k.process;

	/* Its pending I/O is cancelled (NT's IoCancelThreadIo) and it leaves
	 * its completion port's queue; its queued APCs are lost and no more
	 * can be queued (Windows' rule); the timers it set with a completion
	 * routine are cancelled. */
	ke_io_rundown(&t->k);
	ke_queue_thread_rundown(&t->k);
	ke_apc_rundown(&t->k);
	/* Its TEB goes, and its stack when it ends by itself (Windows keeps a
	 * terminated thread's stack until the process ends). */
	unmap_user_parts(p, t, !t->terminated);
	irq_disable();
	/* As NT's thread rundown: a waiter the exit wakes (on the thread or its
	 * process) finds the mutants the thread owned already abandoned. */
	ke_abandon_mutants(&t->k);
	t->exit_status = status;
	t->exited = true;
	/* Interrupts stay off until the thread has switched away for good: the
	 * last thread's exit ends the process on this stack. */
	if (process_thread_exited(p, status))
		process_end(p);
	ke_set_signal(&t->exit_signal, 1);
	thread_exit();
}

/* Marks t killed with status unless it already ended or is ending. */
static bool kill_locked(struct ps_thread *t, uint32_t status)
{
	if (t->exited || t->k.kill)
		return false;
	t->terminated = true;
	t->kill_status = status;
	thread_kill(&t->k);
	return true;
}

bool ps_thread_terminate(struct ps_thread *t, uint32_t status)
{
	bool irq, ok;

	if (t == ps_thread_current()) {
		t->terminated = true;
		ob_dereference(t);      /* the caller's: ps_thread_exit does not return */
		ps_thread_exit(status);
	}
	irq = irq_save();
	ok = kill_locked(t, status) || (!t->exited && t->k.kill);
	irq_restore(irq);
	return ok;
}

void ps_kill_all(struct process *p, uint32_t status)
{
	bool irq = irq_save();

	for (struct ps_thread *t = p->threads; t; t = t->proc_next)
		if (t != ps_thread_current())
			kill_locked(t, status);
	irq_restore(irq);
}

void ps_kill_all_later(struct process *p, uint32_t status)
{
	bool irq = irq_save();

	if (!p->terminating) {
		p->terminating = true;
		p->terminate_status = status;
	}
	for (struct ps_thread *t = p->threads; t; t = t->proc_next)
		kill_locked(t, p->terminate_status);
	irq_restore(irq);
}

uint32_t ps_thread_suspend(struct ps_thread *t, uint32_t *error)
{
	bool irq = irq_save();
	uint32_t previous = t->suspend_count;

	*error = 0;
	if (t->exited || t->k.kill)
		*error = ERROR_ACCESS_DENIED;   /* NT: STATUS_THREAD_IS_TERMINATING */
	else if (previous == MAXIMUM_SUSPEND_COUNT)
		*error = ERROR_SIGNAL_REFUSED;  /* STATUS_SUSPEND_COUNT_EXCEEDED */
	else
		t->suspend_count++;
	/* A thread waiting in the kernel suspends at its return to ring 3; one
	 * preempted in ring 3 goes through that return before it runs again. */
	irq_restore(irq);
	return *error ? 0xffffffffu : previous;
}

uint32_t ps_thread_resume(struct ps_thread *t)
{
	bool irq = irq_save();
	uint32_t previous = t->suspend_count;

	if (previous && --t->suspend_count == 0)
		wait_queue_wake_all(&t->resume);
	irq_restore(irq);
	thread_preempt_check();
	return previous;
}

bool ps_thread_set_priority(struct ps_thread *t, int32_t relative)
{
	if (relative != -15 && relative != 15 && (relative < -2 || relative > 2))
		return false;
	t->relative_priority = relative;
	thread_set_priority(&t->k, thread_base(t->k.process->priority_base, relative));
	thread_preempt_check();
	return true;
}

uint32_t ps_thread_base(struct ps_thread *t)
{
	return thread_base(t->k.process->priority_base, t->relative_priority);
}

bool ps_thread_set_base(struct ps_thread *t, uint32_t level)
{
	static const int8_t relatives[] = { -15, -2, -1, 0, 1, 2, 15 };

	for (uint32_t i = 0; i < sizeof(relatives); i++)
		if (thread_base(t->k.process->priority_base, relatives[i]) == level)
			return ps_thread_set_priority(t, relatives[i]);
	return false;
}

void ps_set_priority_boost(struct process *p, bool disable)
{
	bool irq = irq_save();

	p->no_boost = disable;
	for (struct ps_thread *t = p->threads; t; t = t->proc_next)
		t->k.no_boost = disable;
	irq_restore(irq);
}

void ps_set_priority_class(struct process *p, uint8_t base)
{
	bool irq = irq_save();

	p->priority_base = base;
	for (struct ps_thread *t = p->threads; t; t = t->proc_next)
		if (!t->exited)
			thread_set_priority(&t->k, thread_base(base, t->relative_priority));
	irq_restore(irq);
	thread_preempt_check();
}

void ps_user_return(void)
{
	struct ps_thread *t = ps_thread_current();

	job_check_time(t->k.process);
	for (;;) {
		if (t->k.kill)
			ps_thread_exit(t->kill_status);
		bool irq = irq_save();
		if (!t->suspend_count) {
			irq_restore(irq);
			break;
		}
		wait_queue_sleep(&t->resume);  /* a kill cuts it short */
		irq_restore(irq);
	}
	thread_preempt_check();
}

struct find_ctx {
	uint32_t tid;
	struct ps_thread *found;
};

static void find_one(const struct thread *k, void *arg)
{
	struct find_ctx *c = arg;

	if (k->id == c->tid && k->process && !c->found &&
	    ob_reference_unless_deleted((struct ps_thread *)k))
		c->found = (struct ps_thread *)k;
}

struct ps_thread *ps_thread_find(uint32_t tid)
{
	struct find_ctx c = { tid, NULL };

	thread_for_each(find_one, &c);
	return c.found;
}

/* Zeroes slot index in the TEB at teb, or in its expansion block (if any). */
static void zero_tls_slot(vaddr_t teb, uint32_t index)
{
	uint32_t zero = 0, block = 0;

	if (index < TLS_MINIMUM_AVAILABLE)
		copy_to_user(teb + TEB_TLS_SLOTS + 4 * index, &zero, 4);
	else if (copy_from_user(&block, teb + TEB_TLS_EXPANSION, 4) && block)
		copy_to_user(block + 4 * (index - TLS_MINIMUM_AVAILABLE), &zero, 4);
}

void ps_zero_tls_cell(struct process *p, uint32_t index)
{
	uint32_t n = 0, max;
	vaddr_t *tebs;
	bool irq;

	/* The TEBs are noted first: writing them may fault and sleep, and the
	 * thread list changes meanwhile. A thread that ends in between leaves a
	 * freed page, which the fault-safe copy skips. */
	for (;;) {
		max = p->thread_records;
		if ((tebs = kmalloc((max + 1) * sizeof(*tebs))) == NULL)
			return;
		irq = irq_save();
		if (p->thread_records <= max)
			break;
		irq_restore(irq);
		kfree(tebs);
	}
	for (struct ps_thread *t = p->threads; t; t = t->proc_next)
		if (!t->exited && t->teb)
			tebs[n++] = t->teb;
	irq_restore(irq);
	while (n--)
		zero_tls_slot(tebs[n], index);
	kfree(tebs);
}

void ps_stack_touched(vaddr_t addr)
{
	struct ps_thread *t = ps_thread_current();
	uint32_t base;

	if (!t->k.process || !t->teb || addr < t->stack_low || addr >= t->stack_limit)
		return;
	t->stack_limit = addr & ~(PAGE_SIZE - 1);
	/* On a fiber's stack, the TEB's limit is that stack's (SwitchToFiber
	 * gives the thread's back when it returns to it). */
	if (teb_read(t, TEB_STACK_BASE, &base) && base == t->stack_top)
		teb_write(t, TEB_STACK_LIMIT, t->stack_limit);
}

uint32_t ps_stack_guard_hit(vaddr_t addr)
{
	struct ps_thread *t = ps_thread_current();
	struct process *p = t->k.process;
	uint32_t low, base, err;
	vaddr_t page = addr & ~(PAGE_SIZE - 1), below = page - PAGE_SIZE;
	struct vm_region r;

	if (!p || !teb_read(t, TEB_DEALLOCATION, &low) || !teb_read(t, TEB_STACK_BASE, &base) ||
	    addr < low || addr >= base)
		return PS_GUARD_NOT_STACK;
	if (below <= low)               /* the reservation's last page is never committed */
		return PS_GUARD_OVERFLOW;
	if (vm_query(p->vm, below, &r) == 0 && r.state != MEM_COMMIT) {
		while ((err = vm_allocate(p->vm, &below, PAGE_SIZE, MEM_COMMIT,
					  PAGE_READWRITE | PAGE_GUARD)) == VM_RETRY)
			if (!vm_wait_for_tables())
				return PS_GUARD_GROWN;  /* being terminated: its return ends it */
		if (err)
			return PS_GUARD_OVERFLOW;
	}
	teb_write(t, TEB_STACK_LIMIT, page);
	return PS_GUARD_GROWN;
}

uint32_t ps_thread_by_handle(uint32_t handle, uint32_t desired, struct ps_thread **out)
{
	return ob_reference_by_handle(process_handles(), handle, &thread_type, desired,
				      (void **)out, NULL);
}
