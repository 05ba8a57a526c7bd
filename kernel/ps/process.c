/* Ring-3 processes and the program loader; see kernel/ps/process.h. */
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/ps/job.h"
#include "kernel/ke/systime.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/uaccess.h"
#include "mm/pte.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/aspace.h"
#include "mm/image.h"

static uint32_t next_pid = 1;
static struct process *all_processes;

/* The next process id (processes are numbered from 1, in creation order). */
static uint32_t next_pid_take(void)
{
	bool irq = irq_save();
	uint32_t pid = next_pid++;

	irq_restore(irq);
	return pid;
}

/* Maps p's program as its image section (one per program file, shared by
 * every process running it); sets its entry point. */
static uint32_t map_image(struct process *p)
{
	struct mm_control_area *ca;
	const char *why = "";
	uint32_t err = ps_image_section(&p->image, p->image_path[0] ? p->image_path : p->name,
					&ca, &why);

	if (err == ERROR_BAD_EXE_FORMAT)
		kprintf("pid %u %s: not a valid program: %s\n", p->pid, p->name, why);
	if (err)
		return err;
	p->entry = mm_image_description(ca)->entry;
	err = vm_map_image(p->vm, ca, &(vaddr_t){ 0 });    /* a new space: at the image's base */
	mm_image_release(ca);           /* the view holds it now */
	return err;
}

/* A block up to this size goes on the stack's first page with the command
 * line, which the program keeps touching: a page of its own, read once at
 * start, is the first a busy machine swaps out. */
#define ENV_ON_STACK_MAX 2048u

/* Puts the command line, the environment block (or, when larger than
 * ENV_ON_STACK_MAX, a separate allocation holding it), the creator's
 * start-up record and the frame the runtime's entry reads (user/lib/crt0.c:
 * the line's, the block's and the record's addresses, 0 for none) on p's
 * stack ending at top; returns the initial ESP, or 0 when memory runs out. */
static vaddr_t push_start(struct process *p, const char *env, uint32_t env_size,
			  const struct process_params *pp, vaddr_t top)
{
	size_t len = strlen(p->cmdline) + 1;
	vaddr_t line = top - ((len + 3) & ~3u), sp = line;
	uint32_t frame[3] = { line, 0, 0 };

	if (env_size <= ENV_ON_STACK_MAX) {
		sp -= (env_size + 3) & ~3u;
		frame[1] = copy_to_user(sp, env, env_size) ? sp : 0;
	} else {
		frame[1] = ps_env_place(p, env, env_size);
	}
	if (pp->startup) {
		sp -= (pp->startup_size + 3) & ~3u;
		if (!copy_to_user(sp, pp->startup, pp->startup_size))
			return 0;
		frame[2] = sp;
	}
	sp -= sizeof(frame);
	if (!frame[1] || !copy_to_user(line, p->cmdline, len) ||
	    !copy_to_user(sp, frame, sizeof(frame)))
		return 0;
	return sp;
}

/* Loads the image into p's (current, empty) address space, places its
 * environment and sets p's entry point and initial stack; a Win32 error
 * or 0. */
static uint32_t load_program(struct process *p, const struct process_params *pp)
{
	uint32_t err, env_size = pp->env_size;
	const char *env = pp->env ? pp->env : ps_env_default(&env_size);
	vaddr_t top = vm_main_stack_top(p->vm);

	err = map_image(p);
	if (!err)
		err = vm_map_stack(p->vm, &top, USER_STACK_RESERVE, USER_STACK_COMMIT);
	if (err == ERROR_INVALID_ADDRESS) {     /* an image where the layout puts the stack */
		top = 0;
		err = vm_map_stack(p->vm, &top, USER_STACK_RESERVE, USER_STACK_COMMIT);
	}
	p->stack_top = top;
	if (!err && (p->initial_esp = push_start(p, env, env_size, pp, top)) == 0)
		err = ERROR_NOT_ENOUGH_MEMORY;
	return err;
}

/* Maps the program into p before any of its threads exists, as Windows'
 * CreateProcess does: whoever gets the handle finds the image and the stack
 * there at once, and a bad image fails the creation. */
static uint32_t load_attached(struct process *p, const struct process_params *pp)
{
	uint32_t err;

	if (!process_attach(p))
		return ERROR_NOT_ENOUGH_MEMORY;
	err = load_program(p, pp);
	if (err)
		vm_clear(p->vm);        /* in its own space, while attached */
	process_detach(p);
	return err;
}

/* Process: NT's generic mapping for processes (ReactOS's measurements) with
 * Vista's PROCESS_ALL_ACCESS. */
static struct dispatcher_header *process_dispatcher(void *body)
{
	return &((struct process *)body)->exit_signal;
}

/* The last reference is gone: the record leaves the process list and
 * drops its token. */
static void process_remove(void *body)
{
	struct process *p = body, **link = &all_processes;
	bool irq = irq_save();

	while (*link && *link != p)
		link = &(*link)->all_next;
	if (*link)
		*link = p->all_next;    /* a record that never ran was never listed */
	irq_restore(irq);
	if (p->token)
		ob_dereference(p->token);
	if (p->job)
		ob_dereference(p->job);
	ps_image_file_close(&p->image);     /* a process that never loaded */
}

struct ob_type process_type = {
	.name = "Process",
	.mapping = { 0x00020410u, 0x00020bebu, 0x00120000u, PROCESS_ALL_ACCESS },
	.valid_access = PROCESS_ALL_ACCESS,
	.implies_from = PROCESS_QUERY_INFORMATION,
	.implies_to = PROCESS_QUERY_LIMITED_INFORMATION,
	.remove = process_remove,
	.dispatcher = process_dispatcher,
};

/* -1 names the table's own process, -2 the calling thread when the table
 * is its process's, each with every right. */
static void *process_pseudo(struct ob_handle_table *t, uint32_t handle, uint32_t *access)
{
	struct process *p = (struct process *)((char *)t - offsetof(struct process, handles));
	void *body = NULL;

	if (handle == HANDLE_CURRENT_PROCESS) {
		body = p;
		*access = PROCESS_ALL_ACCESS;
	} else if (handle == HANDLE_CURRENT_THREAD && p == process_current()) {
		body = ps_thread_current();
		*access = THREAD_ALL_ACCESS;
	}
	if (body)
		ob_reference(body);
	return body;
}

void process_init(void)
{
	ob_register_type(&process_type);
	ps_thread_init();
	ob_set_pseudo_resolver(process_pseudo);
}

/* A new process record for pp with its address space, not yet running;
 * NULL with *error. */
static struct process *process_new(const struct process_params *pp, uint32_t *error)
{
	struct process *p = ob_create(&process_type, sizeof(*p));
	struct ps_program *prog = kmalloc(sizeof(*prog));
	const char *cmdline = pp->cmdline, *base;

	*error = ERROR_NOT_ENOUGH_MEMORY;
	if (!p || !prog || (*error = ps_find_program(pp, prog)) != 0) {
		kfree(prog);
		if (p)
			ob_dereference(p);
		return NULL;
	}
	while (*cmdline == ' ' || *cmdline == '\t')
		cmdline++;
	strlcpy(p->cmdline, cmdline, sizeof(p->cmdline));
	if (pp->cwd)
		ps_set_cwd(p, pp->cwd);
	else
		ps_cwd_inherit(p, pp->creator);
	p->exit_signal.kind = DISPATCHER_NOTIFICATION;
	p->create_time = ke_system_time();
	p->priority_base = PRIORITY_NORMAL;
	p->settings[VADOS_SETTING_MEMORY_PRIORITY] = VADOS_MEMORY_PRIORITY_NORMAL;
	p->pid = next_pid_take();
	p->parent_pid = pp->creator ? pp->creator->pid : 0;
	p->image = prog->image;
	strlcpy(p->image_path, prog->path, sizeof(p->image_path));
	base = strrchr(prog->path, '\\');
	strlcpy(p->name, base ? base + 1 : pp->image ? pp->image : cmdline, sizeof(p->name));
	for (char *c = p->name; !base && *c; c++)      /* a boot module: the first word */
		if (*c == ' ' || *c == '\t')
			*c = '\0';
	kfree(prog);
	*error = ERROR_NOT_ENOUGH_MEMORY;
	if ((p->token = se_token_copy(pp->token ? pp->token : se_system_token())) &&
	    (p->vm = vm_create()) != NULL) {
		vm_set_quota_owner(p->vm, p);
		return p;
	}
	ob_dereference(p);
	return NULL;
}

/* Undoes process_new (and any inherited handles and loaded image) for a
 * process that never ran. */
static void process_discard(struct process *p)
{
	job_process_discarded(p);
	ob_close_all(&p->handles);
	if (!vm_cleared(p->vm) && process_attach(p)) {
		vm_clear(p->vm);
		process_detach(p);
	}
	vm_destroy(p->vm);
	p->vm = NULL;
	ob_dereference(p);
}

/* Starts p's first thread on the stack load_program mapped; a Win32 error
 * or 0 with the opener's thread handle made. */
static uint32_t start_first_thread(struct process *p, struct process_params *pp)
{
	struct ps_thread_params tp = {
		.entry = p->entry, .esp = p->initial_esp,
		.stack_top = p->stack_top, .stack_low = p->stack_top - USER_STACK_RESERVE,
		.stack_commit = USER_STACK_COMMIT, .suspended = pp->suspended,
	};
	struct ps_thread *t;
	uint32_t err = ps_thread_create(p, &tp, &t);

	if (err)
		return err;
	pp->tid = t->k.id;
	if (pp->opener && ob_open_object(pp->opener, t, THREAD_ALL_ACCESS, 0, &pp->thread_handle))
		pp->thread_handle = 0;  /* the process runs on; the caller reports it */
	ob_dereference(t);
	return 0;
}

struct process *process_spawn(struct process_params *pp, uint32_t *error)
{
	struct process *p = process_new(pp, error);
	bool irq;

	if (!p)
		return NULL;
	p->pd = vm_directory(p->vm);
	if ((*error = load_attached(p, pp)) != 0 ||
	    (pp->parent && (*error = ob_inherit_handles(&pp->parent->handles, &p->handles))) ||
	    (*error = job_inherit(pp->creator, p, pp->breakaway)) != 0 ||
	    (pp->opener && (*error = ob_open_object(pp->opener, p, PROCESS_ALL_ACCESS, 0,
						     &pp->handle)))) {
		process_discard(p);
		return NULL;
	}
	/* Listed before its thread runs: the thread may end the process at once,
	 * and the remove procedure unlinks it then. */
	irq = irq_save();
	p->all_next = all_processes;
	all_processes = p;
	irq_restore(irq);
	if ((*error = start_first_thread(p, pp)) != 0) {
		if (pp->opener)
			ob_close_handle(pp->opener, pp->handle);
		process_discard(p);
		return NULL;
	}
	return p;
}

struct process *process_find(uint32_t pid)
{
	bool irq = irq_save();
	struct process *p = all_processes;

	/* A record whose last reference just went is still listed until its
	 * remove procedure runs: it is not found. */
	while (p && (p->pid != pid || !ob_reference_unless_deleted(p)))
		p = p->all_next;
	irq_restore(irq);
	return p;
}

void process_for_each(void (*fn)(const struct process *p, void *ctx), void *ctx)
{
	for (struct process *p = all_processes; p; p = p->all_next)
		fn(p, ctx);
}

void process_thread_gone(struct process *p, struct ps_thread *t)
{
	/* The last thread has switched away for good: no CPU runs on its
	 * directory any more. */
	if (--p->thread_records == 0) {
		vm_destroy(p->vm);
		p->vm = NULL;
		p->pd = PFN_NONE;
	}
	for (struct ps_thread **link = &p->threads; *link; link = &(*link)->proc_next)
		if (*link == t) {
			*link = (*link)->proc_next;
			break;
		}
	ob_dereference(p);
}

bool process_thread_add(struct process *p, struct ps_thread *t)
{
	t->proc_next = p->threads;
	p->threads = t;
	p->active_threads++;
	p->thread_records++;
	t->k.owner_times = &p->times;
	ob_reference(p);                /* the thread's */
	return !p->terminating;
}

bool process_thread_exited(struct process *p, uint32_t status)
{
	p->exit_status = status;        /* the last thread's, unless terminated */
	return --p->active_threads == 0;
}

/* Exiting: waits until no thread is attached to p's address space, and lets
 * none attach again. */
static void rundown_wait_all(struct process *p)
{
	bool irq = irq_save();

	p->rundown_closing = true;
	while (p->rundown)
		wait_queue_sleep_uninterruptible(&p->rundown_wait);
	irq_restore(irq);
}

void process_end(struct process *p)
{
	/* Called and returns with interrupts off; sleeps meanwhile. */
	uint32_t status;

	/* From here on a late TerminateProcess finds it exiting (rundown
	 * closed) and is refused. Terminated, it ends with the terminating
	 * call's status, whatever its own code returned meanwhile. */
	p->rundown_closing = true;
	status = p->terminating ? p->terminate_status : p->exit_status;
	irq_enable();
	/* The space's own bookkeeping is checked while it still holds pages.
	 * The machine-wide checks (swap slots, sections) walk every space and
	 * frame: they run at the end of a run= program and at shutdown
	 * (mm_invariants_hold), not at every exit, which they made several
	 * times dearer than Linux's. */
	if (vm_check(p->vm))
		panic("process_end: pid %u's address space is inconsistent", p->pid);
	rundown_wait_all(p);
	vm_clear(p->vm);
	ob_close_all(&p->handles);
	irq_disable();
	p->exit_status = status;
	p->exit_time = ke_system_time();
	p->exited = true;
	/* Its job hears of the exit (its packets' readers find the exit code)
	 * before waiters wake (they find the job's counts updated). */
	irq_enable();
	job_process_exited(p, status);
	irq_disable();
	ke_set_signal(&p->exit_signal, 1);
}

void process_exit(uint32_t status)
{
	struct process *p = process_current();
	bool irq;

	if (!p)
		panic("process_exit from a kernel thread");
	irq = irq_save();
	if (!p->terminating) {
		p->terminating = true;
		p->terminate_status = status;
	}
	irq_restore(irq);
	ps_kill_all(p, p->terminate_status);
	ps_thread_exit(status);
}

bool process_terminate(struct process *p, uint32_t status)
{
	bool irq;

	if (p == process_current())
		process_exit(status);
	irq = irq_save();
	if (p->exited || p->terminating || p->rundown_closing) {
		irq_restore(irq);
		return !p->exited && p->terminating;
	}
	p->terminating = true;
	p->terminate_status = status;
	irq_restore(irq);
	ps_kill_all(p, status);
	return true;
}

bool process_wait(struct process *p, uint32_t ticks)
{
	ke_wait_single(&p->exit_signal, ticks);
	return p->exited;
}

uint32_t process_by_handle(uint32_t handle, uint32_t desired, struct process **out)
{
	return ob_reference_by_handle(process_handles(), handle, &process_type, desired,
				      (void **)out, NULL);
}

uint32_t process_access_ceiling(struct process *target, uint32_t limited)
{
	struct token *mine = process_current()->token;

	if (se_privilege_enabled(mine, SE_DEBUG_PRIVILEGE))
		return 0xffffffffu;
	return se_access_ceiling(mine, target->token, limited);
}

bool process_rundown_acquire(struct process *p)
{
	bool irq = irq_save(), ok = !p->rundown_closing;

	if (ok)
		p->rundown++;
	irq_restore(irq);
	return ok;
}

void process_rundown_release(struct process *p)
{
	bool irq = irq_save();

	if (--p->rundown == 0)
		wait_queue_wake_all(&p->rundown_wait);
	irq_restore(irq);
}

bool process_attach(struct process *p)
{
	struct thread *t = thread_current();
	bool irq = irq_save();

	if (t->attached || !process_rundown_acquire(p)) {
		irq_restore(irq);
		return false;
	}
	t->attached = p;
	/* The scheduler now loads p's directory whenever t runs. */
	aspace_activate(p->pd);
	irq_restore(irq);
	return true;
}

void process_detach(struct process *p)
{
	struct thread *t = thread_current();
	bool irq = irq_save();

	t->attached = NULL;
	/* A kernel thread (run=, init) keeps p's directory loaded, as kernel
	 * threads keep whichever they find; aspace_destroy moves it off. */
	if (t->process)
		aspace_activate(t->process->pd);
	process_rundown_release(p);
	irq_restore(irq);
}
