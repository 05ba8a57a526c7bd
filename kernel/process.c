/* Ring-3 processes and the program loader; see kernel/process.h. */
#include "kernel/process.h"
#include "kernel/console.h"
#include "kernel/elf.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/uaccess.h"
#include "mm/aspace.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"

#define USER_STACK_TOP   0x00300000u
#define USER_STACK_PAGES 16u
#define ARGV_MAX         32u

static uint32_t next_pid = 1;

struct process *process_current(void)
{
	return thread_current()->process;
}

/* Maps and fills one PT_LOAD segment; a Win32 error or 0. */
static uint32_t load_segment(const struct process *p, const struct elf_segment *s)
{
	vaddr_t first = s->vaddr & ~(PAGE_SIZE - 1);
	vaddr_t end = (s->vaddr + s->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	for (vaddr_t va = first; va < end; va += PAGE_SIZE)
		if (!aspace_map_zeroed(va, true))
			return ERROR_NOT_ENOUGH_MEMORY;
	if (!copy_to_user(s->vaddr, (const uint8_t *)p->image + s->offset, s->filesz))
		return ERROR_BAD_EXE_FORMAT;
	for (vaddr_t va = first; !s->write && va < end; va += PAGE_SIZE)
		mmu_protect(va, MMU_USER);
	return 0;
}

/* Puts argc and argv (the command line split at spaces) on the user stack;
 * returns the initial ESP, or 0 if they do not fit. */
static vaddr_t push_arguments(const char *cmdline)
{
	char words[PROCESS_CMDLINE_MAX];
	uint32_t argv[ARGV_MAX + 1], argc = 0;
	size_t len = strlcpy(words, cmdline, sizeof(words)) + 1;
	vaddr_t sp = USER_STACK_TOP - ((len + 3) & ~3u), strings = sp;

	for (char *w = words, *next; *w && argc < ARGV_MAX; w = next) {
		while (*w == ' ')
			*w++ = '\0';
		if (!*w)
			break;
		argv[argc++] = strings + (uint32_t)(w - words);
		for (next = w; *next && *next != ' '; next++)
			;
	}
	for (char *w = words; w < words + len; w++)
		if (*w == ' ')
			*w = '\0';
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
	for (uint32_t i = 0; i < img.count && !err; i++)
		err = load_segment(p, &img.seg[i]);
	for (uint32_t i = 1; i <= USER_STACK_PAGES && !err; i++)
		if (!aspace_map_zeroed(USER_STACK_TOP - i * PAGE_SIZE, true))
			err = ERROR_NOT_ENOUGH_MEMORY;
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

	if (err)
		process_exit(err);
	arch_enter_user(entry, esp);
}

struct process *process_create(const char *name, const void *image, uint32_t size,
			       const char *cmdline)
{
	struct process *p = kmalloc(sizeof(*p));

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	strlcpy(p->name, name, sizeof(p->name));
	strlcpy(p->cmdline, cmdline, sizeof(p->cmdline));
	p->image = image;
	p->image_size = size;
	p->pd = aspace_create();
	if (p->pd == PFN_NONE) {
		kfree(p);
		return NULL;
	}
	p->pid = next_pid++;
	p->thread = thread_create_in(name, process_start, p, p);
	if (!p->thread) {
		aspace_destroy(p->pd);
		kfree(p);
		return NULL;
	}
	return p;
}

void process_exit(uint32_t status)
{
	struct process *p = process_current();

	if (!p)
		panic("process_exit from a kernel thread");
	aspace_clear_user();
	irq_disable();
	/* Interrupts stay off until the thread has switched away for good, so a
	 * waiter cannot free the directory this thread still runs on. */
	p->exit_status = status;
	p->exited = true;
	wait_queue_wake_all(&p->exit_wait);
	thread_exit();
}

void process_wait(struct process *p)
{
	bool irq = irq_save();

	while (!p->exited)
		wait_queue_sleep(&p->exit_wait);
	irq_restore(irq);
}

void process_release(struct process *p)
{
	process_wait(p);
	thread_sleep(1);                /* let the scheduler reap the thread first */
	aspace_destroy(p->pd);
	kfree(p);
}
