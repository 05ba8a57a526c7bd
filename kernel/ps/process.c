/* Ring-3 processes and the program loader; see kernel/ps/process.h. */
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/rtl/console.h"
#include "kernel/ps/elf.h"
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

#define ARGV_MAX         32u

static uint32_t next_pid = 1;
static struct process *all_processes;
static const struct boot_info *programs;

/* The next process id (processes are numbered from 1, in creation order). */
static uint32_t next_pid_take(void)
{
	bool irq = irq_save();
	uint32_t pid = next_pid++;

	irq_restore(irq);
	return pid;
}

void process_set_programs(const struct boot_info *bi)
{
	programs = bi;
}

/* Win32 protection of a segment's pages: code execute-read, data
 * write-copy (read-write once written, as in Windows), the rest read-only. */
static uint32_t segment_protect(const struct elf_segment *s)
{
	if (s->write)
		return s->exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
	return s->exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
}

/* Maps the checked image as a demand-paged MEM_IMAGE allocation. */
static uint32_t map_image(const struct process *p, const struct elf_image *e)
{
	struct vm_image img = { .file = p->image, .count = e->count };

	for (uint32_t i = 0; i < e->count; i++)
		img.seg[i] = (struct vm_image_segment){
			.vaddr = e->seg[i].vaddr, .memsz = e->seg[i].memsz,
			.offset = e->seg[i].offset, .filesz = e->seg[i].filesz,
			.protect = segment_protect(&e->seg[i]),
		};
	return vm_map_image(p->vm, &img);
}

/* Puts argc and argv (the command line split at spaces) on the user stack
 * ending at top; returns the initial ESP, or 0 if they do not fit. */
static vaddr_t push_arguments(const char *cmdline, vaddr_t top)
{
	char words[PROCESS_CMDLINE_MAX];
	uint32_t argv[ARGV_MAX + 1], argc = 0;
	size_t len = strlcpy(words, cmdline, sizeof(words)) + 1;
	vaddr_t sp = top - ((len + 3) & ~3u), strings = sp;

	/* One pass: spaces become terminators, and each word's first byte is an argument. */
	for (size_t i = 0; i < len; i++) {
		if (words[i] == ' ')
			words[i] = '\0';
		else if (words[i] && (i == 0 || words[i - 1] == '\0') && argc < ARGV_MAX)
			argv[argc++] = strings + i;
	}
	argv[argc] = 0;
	sp -= (argc + 1) * 4;
	uint32_t frame[2] = { argc, sp };
	if (!copy_to_user(strings, words, len) || !copy_to_user(sp, argv, (argc + 1) * 4))
		return 0;
	sp -= sizeof(frame);
	return copy_to_user(sp, frame, sizeof(frame)) ? sp : 0;
}

/* Loads the image into p's (current, empty) address space and sets p's
 * entry point and initial stack; a Win32 error or 0. */
static uint32_t load_program(struct process *p)
{
	struct elf_image img;
	enum elf_error e = elf_check(p->image, p->image_size, MM_USER_FIRST, MM_USER_END, &img);
	uint32_t err = 0;
	vaddr_t top = vm_main_stack_top(p->vm);

	if (e != ELF_OK) {
		kprintf("pid %u %s: not a valid program: %s\n", p->pid, p->name, elf_error_text(e));
		return ERROR_BAD_EXE_FORMAT;
	}
	err = map_image(p, &img);
	if (!err)
		err = vm_map_stack(p->vm, &top, USER_STACK_RESERVE, USER_STACK_COMMIT);
	if (err == ERROR_INVALID_ADDRESS) {     /* an image where the layout puts the stack */
		top = 0;
		err = vm_map_stack(p->vm, &top, USER_STACK_RESERVE, USER_STACK_COMMIT);
	}
	p->stack_top = top;
	if (!err && (p->initial_esp = push_arguments(p->cmdline, top)) == 0)
		err = ERROR_NOT_ENOUGH_MEMORY;
	p->entry = img.entry;
	return err;
}

/* Maps the program into p before any of its threads exists, as Windows'
 * CreateProcess does: whoever gets the handle finds the image and the stack
 * there at once, and a bad image fails the creation. */
static uint32_t load_attached(struct process *p)
{
	uint32_t err;

	if (!process_attach(p))
		return ERROR_NOT_ENOUGH_MEMORY;
	err = load_program(p);
	if (err)
		vm_clear(p->vm);        /* in its own space, while attached */
	process_detach(p);
	return err;
}

/* The boot module named name: its image and size; NULL if there is none. */
static const void *find_program(const char *name, uint32_t *size)
{
	for (uint32_t i = 0; programs && i < programs->module_count; i++) {
		const struct boot_module *m = &programs->modules[i];
		if (strcmp(m->name, name) == 0) {
			*size = m->end - m->start;
			return arch_phys_to_virt(m->start, *size);
		}
	}
	return NULL;
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
	if (p->image_owned)
		kpage_free((void *)p->image);
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

/* Reads p's program from disk (kernel/ps/diskimage.c) when it is no boot
 * module: word is its name up to the first space. Its name becomes the
 * file's last component. */
static void load_from_disk(struct process *p, struct process *creator, const char *word,
			   uint32_t *error)
{
	char name[RTL_MAX_PATH];
	const char *base;
	size_t n;

	for (n = 0; word[n] && word[n] != ' ' && n < sizeof(name) - 1; n++)
		name[n] = word[n];
	name[n] = '\0';
	if (!(p->image = ps_image_from_disk(creator, name, &p->image_size, error)))
		return;
	p->image_owned = true;
	base = strrchr(name, '\\');
	strlcpy(p->name, base ? base + 1 : name, sizeof(p->name));
}

/* A new process record for cmdline with its address space, not yet running;
 * NULL with *error. */
static struct process *process_new(const struct process_params *pp, uint32_t *error)
{
	struct process *p = ob_create(&process_type, sizeof(*p));
	const char *cmdline = pp->cmdline, *image;
	size_t n;

	*error = ERROR_NOT_ENOUGH_MEMORY;
	if (!p)
		return NULL;
	while (*cmdline == ' ')
		cmdline++;
	strlcpy(p->cmdline, cmdline, sizeof(p->cmdline));
	ps_cwd_inherit(p, pp->creator);
	image = pp->image ? pp->image : cmdline;
	for (n = 0; image[n] && image[n] != ' ' && n < sizeof(p->name) - 1; n++)
		p->name[n] = image[n];
	p->exit_signal.kind = DISPATCHER_NOTIFICATION;
	p->pid = next_pid_take();
	p->image = find_program(p->name, &p->image_size);
	if (!p->image)
		load_from_disk(p, pp->creator, image, error);
	if (!p->image) {
		ob_dereference(p);
		return NULL;
	}
	*error = ERROR_NOT_ENOUGH_MEMORY;
	if ((p->token = se_token_copy(pp->token ? pp->token : se_system_token())) &&
	    (p->vm = vm_create()) != NULL)
		return p;
	ob_dereference(p);
	return NULL;
}

/* Undoes process_new (and any inherited handles and loaded image) for a
 * process that never ran. */
static void process_discard(struct process *p)
{
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
	if ((*error = load_attached(p)) != 0 ||
	    (pp->parent && (*error = ob_inherit_handles(&pp->parent->handles, &p->handles))) ||
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
	p->exited = true;
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
