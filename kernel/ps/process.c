/* Ring-3 processes and the program loader; see kernel/ps/process.h. */
#include "kernel/ps/process.h"
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
#include "mm/swap.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"

#define USER_STACK_TOP     0x00300000u
#define USER_STACK_RESERVE 0x00100000u  /* 1 MB, as NT's default */
#define USER_STACK_COMMIT  2u           /* pages committed at the start */
#define ARGV_MAX         32u

static uint32_t next_pid = 1;
static struct process *all_processes;
static const struct boot_info *programs;

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

/* Puts argc and argv (the command line split at spaces) on the user stack;
 * returns the initial ESP, or 0 if they do not fit. */
static vaddr_t push_arguments(const char *cmdline)
{
	char words[PROCESS_CMDLINE_MAX];
	uint32_t argv[ARGV_MAX + 1], argc = 0;
	size_t len = strlcpy(words, cmdline, sizeof(words)) + 1;
	vaddr_t sp = USER_STACK_TOP - ((len + 3) & ~3u), strings = sp;

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

/* Loads the image into the (current, empty) address space; a Win32 error or 0. */
static uint32_t load_program(struct process *p, vaddr_t *entry, vaddr_t *esp)
{
	struct elf_image img;
	enum elf_error e = elf_check(p->image, p->image_size, MM_USER_FIRST, MM_USER_END, &img);
	uint32_t err = 0;

	if (e != ELF_OK) {
		kprintf("pid %u %s: not a valid program: %s\n", p->pid, p->name, elf_error_text(e));
		return ERROR_BAD_EXE_FORMAT;
	}
	err = map_image(p, &img);
	if (!err)
		err = vm_map_stack(p->vm, USER_STACK_TOP, USER_STACK_RESERVE, USER_STACK_COMMIT);
	if (!err && (*esp = push_arguments(p->cmdline)) == 0)
		err = ERROR_NOT_ENOUGH_MEMORY;
	*entry = img.entry;
	return err;
}

/* The first code of every process's thread, already in its address space. */
static void process_start(void *arg)
{
	struct process *p = arg;
	vaddr_t entry = 0, esp = 0;
	uint32_t err = load_program(p, &entry, &esp);

	if (err || p->terminating)      /* terminated while it was loading: its status */
		process_exit(err);
	arch_enter_user(entry, esp);
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

struct process *process_spawn(const char *cmdline, uint32_t *error)
{
	struct process *p = kmalloc(sizeof(*p));
	size_t n;

	*error = ERROR_NOT_ENOUGH_MEMORY;
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	while (*cmdline == ' ')
		cmdline++;
	strlcpy(p->cmdline, cmdline, sizeof(p->cmdline));
	for (n = 0; cmdline[n] && cmdline[n] != ' ' && n < sizeof(p->name) - 1; n++)
		p->name[n] = cmdline[n];
	p->image = find_program(p->name, &p->image_size);
	if (!p->image) {
		*error = ERROR_FILE_NOT_FOUND;
		kfree(p);
		return NULL;
	}
	if ((p->vm = vm_create()) == NULL) {
		kfree(p);
		return NULL;
	}
	p->pd = vm_directory(p->vm);
	p->refs = 2;                    /* the caller's, and the running thread's */
	/* Interrupts off: the new thread cannot run (and exit) before p knows it. */
	bool irq = irq_save();
	p->pid = next_pid++;
	p->thread = thread_create_in(p->name, process_start, p, p);
	if (p->thread) {
		p->all_next = all_processes;
		all_processes = p;
	}
	irq_restore(irq);
	if (!p->thread) {
		vm_destroy(p->vm);         /* never ran: nothing to clear */
		kfree(p);
		return NULL;
	}
	return p;
}

void process_get(struct process *p)
{
	bool irq = irq_save();
	p->refs++;
	irq_restore(irq);
}

void process_put(struct process *p)
{
	bool irq = irq_save();

	if (--p->refs == 0) {
		struct process **link = &all_processes;
		while (*link != p)
			link = &(*link)->all_next;
		*link = p->all_next;
		kfree(p);
	}
	irq_restore(irq);
}

struct process *process_find(uint32_t pid)
{
	bool irq = irq_save();
	struct process *p = all_processes;

	while (p && p->pid != pid)
		p = p->all_next;
	if (p)
		p->refs++;
	irq_restore(irq);
	return p;
}

void process_for_each(void (*fn)(const struct process *p, void *ctx), void *ctx)
{
	for (struct process *p = all_processes; p; p = p->all_next)
		fn(p, ctx);
}

void process_thread_gone(struct process *p)
{
	/* The thread has switched away for good: no CPU runs on its directory. */
	vm_destroy(p->vm);
	p->vm = NULL;
	p->pd = PFN_NONE;
	p->thread = NULL;
	process_put(p);
}

void process_exit(uint32_t status)
{
	struct process *p = process_current();

	if (!p)
		panic("process_exit from a kernel thread");
	/* Terminated, it ends with TerminateProcess's status, whatever cut
	 * short made its own code fail meanwhile. */
	if (p->terminating)
		status = p->terminate_status;
	if (vm_check(p->vm) || swap_check())
		panic("process_exit: pid %u's address space or the swap slots are inconsistent",
		      p->pid);
	vm_clear(p->vm);
	for (uint32_t i = 0; i < PROCESS_HANDLES; i++)
		if (p->handles[i]) {
			process_put(p->handles[i]);
			p->handles[i] = NULL;
		}
	irq_disable();
	/* Interrupts stay off until the thread has switched away for good, so a
	 * waiter cannot free the directory this thread still runs on. */
	p->exit_status = status;
	p->exited = true;
	wait_queue_wake_all(&p->exit_wait);
	thread_exit();
}

bool process_terminate(struct process *p, uint32_t status)
{
	bool irq;

	if (p == process_current())
		process_exit(status);
	irq = irq_save();
	if (p->exited || p->terminating) {
		irq_restore(irq);
		return !p->exited;
	}
	p->terminating = true;
	p->terminate_status = status;
	thread_interrupt(p->thread);
	irq_restore(irq);
	return true;
}

bool process_wait(struct process *p, uint32_t ticks)
{
	bool irq = irq_save();
	uint32_t deadline = timer_ticks() + ticks;

	while (!p->exited) {
		uint32_t left = ticks == WAIT_FOREVER ? WAIT_FOREVER : deadline - timer_ticks();
		if (ticks != WAIT_FOREVER && (int32_t)left <= 0)
			break;
		if (wait_queue_sleep_timeout(&p->exit_wait, left) == WAIT_INTERRUPTED)
			break;
	}
	irq_restore(irq);
	return p->exited;
}

bool handle_has_room(void)
{
	struct process *p = process_current();

	for (uint32_t i = 0; i < PROCESS_HANDLES; i++)
		if (!p->handles[i])
			return true;
	return false;
}

uint32_t handle_insert(struct process *obj)
{
	struct process *p = process_current();

	for (uint32_t i = 0; i < PROCESS_HANDLES; i++)
		if (!p->handles[i]) {
			process_get(obj);
			p->handles[i] = obj;
			return (i + 1) * 4;
		}
	return 0;
}

struct process *handle_lookup(uint32_t handle)
{
	struct process *p = process_current();
	uint32_t i = handle / 4 - 1;

	if (handle == HANDLE_CURRENT_PROCESS)
		return p;
	if (handle % 4 || handle == 0 || i >= PROCESS_HANDLES)
		return NULL;
	return p->handles[i];
}

bool handle_close(uint32_t handle)
{
	struct process *p = process_current(), *obj = handle_lookup(handle);

	if (!obj || handle == HANDLE_CURRENT_PROCESS)
		return false;
	p->handles[handle / 4 - 1] = NULL;
	process_put(obj);
	return true;
}
