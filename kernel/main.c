/* The kernel's first C code after boot/: bring up the console and the CPU, say
 * what we found, then run a self-test or idle. */
#include "boot/bootinfo.h"
#include "kernel/rtl/cmdline.h"
#include "kernel/rtl/console.h"
#include "kernel/ke/exception.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/ksym.h"
#include "kernel/rtl/panic.h"
#include "kernel/ps/process.h"
#include "kernel/io/completion.h"
#include "kernel/io/device.h"
#include "kernel/io/pipe.h"
#include "kernel/ps/job.h"
#include "kernel/io/file.h"
#include "kernel/ke/systime.h"
#include "kernel/ps/psthread.h"
#include "kernel/ex/event.h"
#include "kernel/ex/mutant.h"
#include "kernel/ex/semaphore.h"
#include "kernel/ex/section.h"
#include "kernel/ex/timer.h"
#include "kernel/se/token.h"
#include "tests/kernel/selftest.h"
#include "kernel/rtl/string.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "kernel/ke/lock.h"
#include "kernel/ke/thread.h"
#include "kernel/rtl/version.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/entropy.h"
#include "arch/ide.h"
#include "arch/trap.h"
#include "mm/commit.h"
#include "mm/mm.h"
#include "mm/swap.h"

#define TIMER_HZ 100

static struct kernel_options options;

static const char *mem_type_name(uint32_t type)
{
	switch (type) {
	case BOOT_MEM_USABLE: return "usable";
	case BOOT_MEM_RESERVED: return "reserved";
	case BOOT_MEM_ACPI_RECLAIM: return "ACPI reclaimable";
	case BOOT_MEM_ACPI_NVS: return "ACPI NVS";
	case BOOT_MEM_BAD: return "bad";
	default: return "reserved (unknown type)";
	}
}

static void print_cpu(void)
{
	kprintf("cpu: %s family %u model %u stepping %u, features:", cpu_info.vendor,
		cpu_info.family, cpu_info.model, cpu_info.stepping);
	for (uint32_t bit = 1; bit <= CPU_FEATURE_LAST; bit <<= 1)
		if (cpu_info.features & bit)
			kprintf(" %s", cpu_feature_name(bit));
	kprintf(cpu_info.features ? "\n" : " none\n");
}

/* One summary line; with verbose, the memory map's regions before it. */
static void print_memory(const struct boot_info *bi)
{
	uint64_t usable = 0;

	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_region *r = &bi->mmap[i];
		if (options.verbose)
			kprintf("  mem [0x%09llx-0x%09llx] %s\n", r->base,
				r->base + r->length - 1, mem_type_name(r->type));
		if (r->type == BOOT_MEM_USABLE)
			usable += r->length;
	}
	kprintf("memory: %llu KiB usable in %u map entries (lower %u KiB, upper %u KiB)\n",
		usable >> 10, bi->mmap_count, bi->mem_lower_kb, bi->mem_upper_kb);
}

static void print_boot_info(const struct boot_info *bi)
{
	static const char *const truncated[] = { "command line", "memory map",
						 "module list", "module name" };

	kprintf("cmdline: \"%s\"\n", bi->cmdline);
	kprintf("modules: %u%s\n", bi->module_count, options.verbose ? "" : " (verbose lists them)");
	for (uint32_t i = 0; options.verbose && i < bi->module_count; i++)
		kprintf("  module %u: \"%s\" at 0x%08x, %u bytes\n", i, bi->modules[i].name,
			bi->modules[i].start, bi->modules[i].end - bi->modules[i].start);
	for (uint32_t i = 0; i < ARRAY_SIZE(truncated); i++)
		if (bi->truncated & (1u << i))
			kprintf("boot: warning: the %s was truncated\n", truncated[i]);
}

/* Points ksym at the symbol table GRUB loaded, if the direct window reaches it;
 * report: say why not. */
static void load_symbols(const struct boot_info *bi, bool report)
{
	struct ksym_table t = {
		.syms = arch_phys_to_virt(bi->symtab_phys, bi->symtab_size),
		.count = bi->symtab_size / sizeof(struct elf32_sym),
		.strtab = arch_phys_to_virt(bi->strtab_phys, bi->strtab_size),
		.strtab_size = bi->strtab_size,
	};

	if (t.syms && t.strtab) {
		ksym_set_table(&t);
		return;
	}
	ksym_set_table(&(struct ksym_table){ 0 });
	if (report && !bi->symtab_size)
		kprintf("ksym: the loader passed no symbol table; backtraces show addresses\n");
	else if (report)
		kprintf("ksym: symbol table at 0x%08x lies outside the direct window; "
			"backtraces show addresses\n", bi->symtab_phys);
}

/* Unresolved traps: a ring-3 one ends its process, a kernel one panics. */
static void fatal_trap(struct trap_frame *f)
{
	if (trap_from_user(f))
		exception_from_trap(f);         /* to its handlers, or the end of it */
	else
		panic_trap(f);
}

/* Before returning to ring 3: a thread being terminated ends here, a
 * suspended one waits, a higher priority that became ready runs. */
static void user_return(struct trap_frame *f)
{
	(void)f;
	ke_lock_check_none("returning to ring 3");
	if (thread_current()->attached)
		panic("returning to ring 3 attached to pid %u", thread_current()->attached->pid);
	ps_user_return();
}

/* run=PROGRAM: starts the boot module of that name as the first process, waits
 * for it and leaves QEMU with its verdict (status 0: pass). */
static void count_process(const struct process *p, void *ctx)
{
	(void)p;
	(*(uint32_t *)ctx)++;
}

/* Kernel objects must come back to where they were once every process is
 * gone: pfn_check alone cannot see a leaked process or thread record. */
/* What must come back once every process is gone, pool pages left out (the
 * object heap may keep empty pages cached; pool pages are charged too). */
#define BASELINE_TYPES 16
struct baseline {
	struct pool_stats pool;
	uint32_t charge;        /* commit charge */
	uint32_t frames;        /* active frames */
	uint32_t types, live[BASELINE_TYPES];   /* objects of each type, in ob's order */
};

static void count_type(const struct ob_type *t, void *ctx)
{
	struct baseline *b = ctx;

	if (b->types < BASELINE_TYPES)
		b->live[b->types++] = t->live;
}

/* Taken with the file cache's closed files evicted (io_cache_purge): what
 * they hold is pool memory and frames that stay after a program ends,
 * by design, and would hide a leak or look like one. */
static void baseline_take(struct baseline *b)
{
	struct pfn_totals t;

	io_cache_purge();
	b->types = 0;
	ob_type_for_each(count_type, b);
	pool_get_stats(&b->pool);
	pfn_get_totals(&t);
	b->charge = commit_charged() - b->pool.pages;
	b->frames = t.active - b->pool.pages;
}

/* Prints the live objects of each type before and after; true if they agree. */
struct type_report {
	const struct baseline *before, *now;
	uint32_t i;
	bool same;
};

static void report_type(const struct ob_type *t, void *ctx)
{
	struct type_report *r = ctx;

	if (r->i >= r->before->types)
		return;
	kprintf(" %s %u/%u", t->name, r->before->live[r->i], r->now->live[r->i]);
	r->same &= r->before->live[r->i] == r->now->live[r->i];
	r->i++;
}

static bool types_returned(const struct baseline *before, const struct baseline *now)
{
	struct type_report r = { before, now, 0, true };

	kprintf("run: live objects by type, before/after:");
	ob_type_for_each(report_type, &r);
	kprintf("%s\n", r.same ? "" : " (leaked)");
	return r.same;
}

static bool objects_returned(const struct baseline *before)
{
	const struct pool_stats *b = &before->pool;
	struct baseline now;
	uint32_t alive = 0;

	process_for_each(count_process, &alive);
	baseline_take(&now);
	kprintf("run: kernel objects %u before, %u after; pool pages outside the object "
		"heap %u before, %u after; commit charge outside the pool %u before, %u after; "
		"frames in use outside the pool %u before, %u after%s\n",
		b->slab_objects, now.pool.slab_objects, b->pages - b->slab_pages,
		now.pool.pages - now.pool.slab_pages, before->charge, now.charge, before->frames,
		now.frames, alive ? " (processes still running: not compared)" : "");
	return alive || (types_returned(before, &now) && now.pool.slab_objects == b->slab_objects &&
			 now.pool.pages - now.pool.slab_pages == b->pages - b->slab_pages &&
			 now.charge == before->charge && now.frames == before->frames);
}

/* What went through swap during the run (nothing without a swap disk). */
static void report_swap_traffic(void)
{
	struct swap_stats s;

	swap_get_stats(&s);
	if (swap_present())
		kprintf("run: swap traffic %u MB: %u pages written in %u requests, %u read in %u\n",
			(s.pages_written + s.pages_read) / 256, s.pages_written, s.write_requests,
			s.pages_read, s.read_requests);
}

static void run_program(const char *name, const char *args)
{
	char cmdline[PROCESS_CMDLINE_MAX];
	struct process_params pp = { .cmdline = cmdline };
	struct process *p;
	uint32_t status, pid, error;
	struct baseline before;
	bool ok;

	ksnprintf(cmdline, sizeof(cmdline), "%s%s%s", name, args[0] ? " " : "", args);
	baseline_take(&before);
	if (!(p = process_spawn(&pp, &error))) {
		if (error == ERROR_FILE_NOT_FOUND)
			kprintf("run: no program \"%s\" among the boot modules\n", name);
		else
			kprintf("run: cannot start \"%s\": error %u\n", name, error);
		objects_returned(&before);      /* a failed start leaves nothing behind */
		mm_invariants_hold();
		machine_exit(EXIT_FAIL);
	}
	process_wait(p, WAIT_FOREVER);
	status = p->exit_status;
	pid = p->pid;
	ob_dereference(p);
	kprintf("run: %s (pid %u) exited with status 0x%x\n", name, pid, status);
	report_swap_traffic();
	io_settle();            /* the files the process mapped let go */
	ok = objects_returned(&before);
	ok &= mm_invariants_hold();
	io_shutdown();
	machine_exit(ok && status == 0 ? EXIT_PASS : EXIT_FAIL);
}

/* NT's balance set manager and modified page writer. They run at the
 * normal level, not NT's 16 and 17: at 17 the writer, retrying a disk that
 * refuses every write, kept a ring-3 thread from filling memory for tens
 * of seconds (tests/user/table-wait-terminate.c); the starvation boost
 * keeps both running under busy higher-priority threads. */
static void start_memory_threads(void)
{
	if (!thread_create("balance", vm_balance_thread, NULL) ||
	    !thread_create("writer", vm_writer_thread, NULL))
		panic("vados: no memory for the memory manager's threads");
}

/* Without run= or test=: the init program (it keeps a shell on the console).
 * When init ends, so does the machine. */
static void start_init(void)
{
	uint32_t error, status;
	struct process_params pp = { .cmdline = "init" };
	struct process *p = process_spawn(&pp, &error);

	if (!p) {
		kprintf("vados: cannot start init (error %u); idle\n", error);
		return;
	}
	process_wait(p, WAIT_FOREVER);
	status = p->exit_status;
	ob_dereference(p);
	kprintf("vados: init exited with status 0x%x\n", status);
	io_shutdown();
	machine_exit(status == 0 ? EXIT_PASS : EXIT_FAIL);
}

/* An NMI (a hardware error line, or QEMU's "nmi" command) is reported and
 * otherwise ignored. */
static bool report_nmi(struct trap_frame *f)
{
	kprintf("nmi: non-maskable interrupt at eip 0x%08x; continuing\n", f->eip);
	return true;
}

void kernel_main(const struct boot_info *bi)
{
	char bad[160];
	int rejected;

	console_init();
	rejected = cmdline_parse(bi->cmdline, &options, bad, sizeof(bad));
	if (options.lockcheck_off)
		ke_lock_checks_disable();       /* before the first lock */
	panic_set_action(options.panic);
	cpu_detect();
	arch_init();
	trap_set_fatal(fatal_trap);
	trap_set_user_return(user_return);

	kprintf("vados %s i386\n", vados_version);
	print_cpu();
	if (bi->error)
		panic("boot: %s", bi->error);
	print_memory(bi);
	print_boot_info(bi);
	if (rejected)
		kprintf("cmdline: warning: ignoring %s\n", bad);
	if (options.lockcheck_off)
		kprintf("locks: lockcheck=off: the lock order is not checked at run time\n");
	load_symbols(bi, false);

	trap_set_handler(T_PF, exception_page_fault);
	trap_set_handler(T_NMI, report_nmi);
	mm_init(bi, options.mem_bytes);
	load_symbols(bi, true);         /* the window changed: the table may be out of it */
	vm_aslr_enable(!options.aslr_off);
	kprintf("aslr: %s, entropy from %s\n", options.aslr_off ? "off" : "on",
		arch_random_source());

	pit_init(TIMER_HZ);
	sched_init();
	irq_enable();
	ide_init(TEMP_IDE);
	timer_set_device_tick(ide_tick);
	swap_init();
	start_memory_threads();
	ke_systime_init();
	syscall_init();
	device_init();                  /* registered first: listed last */
	job_init();                     /* then jobs */
	pipe_init();                    /* then pipes */
	io_completion_init();
	timer_init();                   /* then timers */
	file_init();                    /* files before timers */
	section_init();                 /* and sections before files */
	se_init();
	process_init();
	event_init();
	mutant_init();
	semaphore_init();
	io_init();
	process_set_programs(bi);
	if (options.test[0])
		selftest_run(options.test, bi, &options);
	console_enable_input();
	if (options.run[0])
		run_program(options.run, options.run_args);
	start_init();
	kprintf("vados: boot complete; idle. (QEMU: Ctrl-A X quits)\n");
	for (;;)
		thread_sleep(TIMER_HZ);
}
