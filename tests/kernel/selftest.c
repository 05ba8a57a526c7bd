/* In-kernel self-tests (test=NAME); the QEMU scenarios in tests/scenarios.txt
 * boot one each and check the result and the log. */
#include "tests/kernel/selftest.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/trapdesc.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/extable.h"
#include "mm/commit.h"
#include "mm/swap.h"
#include "mm/pfn.h"
#include "mm/mm.h"

struct trap_result {
	uint32_t vector, error, cr2;
};

/* Runs asm `body`, which labels its faulting instruction 1: (or, for traps that
 * report the next instruction, puts 1: after it). Yields the trap it raised, or
 * EXTABLE_NO_TRAP. EAX, ECX and EDX are free for body to use. */
#define TRAP_PROBE(res, body, ...)                                         \
	asm volatile(body "\n\t"                                           \
		     "movl %[none], %%eax\n"                               \
		     "2:\n\t"                                              \
		     EXTABLE_ENTRY("1b", "2b")                             \
		     : "=&a"((res).vector), "=&d"((res).error), "=&c"((res).cr2) \
		     : [none] "i"(EXTABLE_NO_TRAP), ##__VA_ARGS__           \
		     : "memory", "cc")

static const int32_t bound_pair[2] = { 1, 2 };  /* bound fails for 0 */

/* Defines `static struct trap_result fn(void)` running TRAP_PROBE(body). */
#define DEFINE_PROBE(fn, body, ...)                                        \
	static struct trap_result fn(void)                                 \
	{                                                                  \
		struct trap_result r;                                      \
		TRAP_PROBE(r, body, ##__VA_ARGS__);                        \
		return r;                                                  \
	}

DEFINE_PROBE(probe_divide, "xorl %%edx, %%edx; movl $1, %%eax; xorl %%ecx, %%ecx\n1: divl %%ecx")
DEFINE_PROBE(probe_invalid_opcode, "1: ud2")
DEFINE_PROBE(probe_breakpoint, "int3\n1:")
DEFINE_PROBE(probe_overflow, "movl $0x7fffffff, %%eax; addl $1, %%eax; into\n1:")
DEFINE_PROBE(probe_bound, "xorl %%eax, %%eax\n1: boundl %%eax, %[b]", [b] "m"(bound_pair))
DEFINE_PROBE(probe_fninit, "1: fninit")
DEFINE_PROBE(probe_bad_selector, "movl $0x1230, %%eax\n1: movw %%ax, %%fs")
DEFINE_PROBE(probe_null_read, "1: movl 0, %%eax")
DEFINE_PROBE(probe_guard_write, "1: movl %%eax, (%[p])", [p] "r"(boot_stack_guard + 64))

/* fninit with CR0.TS set: the FPU is "not available" to this task.
 * Interrupts stay off meanwhile: a timer tick that switched threads with TS
 * set would fault in the scheduler's own FPU save (a kernel #NM, a panic). */
static struct trap_result probe_device_not_available(void)
{
	struct trap_result r;
	bool irq = irq_save();

	asm volatile("movl %%cr0, %%eax; orl $8, %%eax; movl %%eax, %%cr0" ::: "eax");
	r = probe_fninit();
	asm volatile("clts");
	irq_restore(irq);
	return r;
}

struct expectation {
	const char *what;
	struct trap_result (*probe)(void);
	struct trap_result want;
	bool needs_fpu;
};

static bool check(const struct expectation *e)
{
	struct trap_result got = e->probe();
	char name[24];
	bool ok = got.vector == e->want.vector && got.error == e->want.error &&
		  (e->want.vector != T_PF || got.cr2 == e->want.cr2);

	if (got.vector == EXTABLE_NO_TRAP) {
		kprintf("selftest: %s raised nothing (want vector %u)\n", e->what,
			e->want.vector);
		return false;
	}
	kprintf("selftest: %s raised %s (vector %u) error 0x%x cr2 0x%08x: %s\n",
		e->what, trap_name(got.vector, name, sizeof(name)), got.vector, got.error,
		got.cr2, ok ? "as expected" : "WRONG");
	return ok;
}

static bool run_expectations(const struct expectation *e, size_t n)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (e[i].needs_fpu && !(cpu_info.features & CPU_FPU))
			continue;
		ok &= check(&e[i]);
	}
	return ok;
}

static bool test_divide(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	static const struct expectation e = { "divide by zero", probe_divide, { T_DE, 0, 0 }, false };
	return run_expectations(&e, 1);
}

static bool test_invalid_opcode(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	static const struct expectation e = { "ud2", probe_invalid_opcode, { T_UD, 0, 0 }, false };
	return run_expectations(&e, 1);
}

static bool test_exceptions(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	const struct expectation e[] = {
		{ "divide by zero", probe_divide, { T_DE, 0, 0 }, false },
		{ "int3", probe_breakpoint, { T_BP, 0, 0 }, false },
		{ "into after overflow", probe_overflow, { T_OF, 0, 0 }, false },
		{ "bound out of range", probe_bound, { T_BR, 0, 0 }, false },
		{ "ud2", probe_invalid_opcode, { T_UD, 0, 0 }, false },
		{ "fninit with CR0.TS", probe_device_not_available, { T_NM, 0, 0 }, true },
		{ "load selector 0x1230", probe_bad_selector, { T_GP, 0x1230, 0 }, false },
		{ "read of address 0", probe_null_read, { T_PF, 0, 0 }, false },
		{ "write to the stack guard page", probe_guard_write,
		  { T_PF, 2, (uint32_t)boot_stack_guard + 64 }, false },
	};
	return run_expectations(e, ARRAY_SIZE(e));
}

static bool test_timer(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	uint32_t start = timer_ticks(), want = 10;
	uint64_t tsc0 = cpu_rdtsc();

	while (timer_ticks() - start < want)
		cpu_relax_until_irq();
	kprintf("selftest: timer advanced %u ticks at %u Hz, %llu TSC cycles, "
		"%u spurious IRQs\n", timer_ticks() - start, timer_hz(),
		cpu_rdtsc() - tsc0, irq_spurious_count);
	return (cpu_info.features & CPU_TSC) == 0 || cpu_rdtsc() > tsc0;
}

__attribute__((noinline)) static void selftest_panic_victim(void)
{
	panic("deliberate panic from the self-test");
}

static bool test_panic(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	selftest_panic_victim();
	return false;
}

__attribute__((noinline)) static void selftest_unhandled_victim(void)
{
	asm volatile("movl $0x1230, %%eax; movw %%ax, %%gs" ::: "eax");
}

static bool test_unhandled_exception(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	selftest_unhandled_victim();
	return false;
}

/* Deep enough to cross the guard page below the 16 KiB boot stack. */
__attribute__((noinline)) static uint32_t selftest_recurse(volatile uint32_t depth)
{
	volatile uint8_t frame[512];

	frame[0] = (uint8_t)depth;
	if (depth == 0xffffffffu)
		return frame[0];
	return selftest_recurse(depth + 1) + frame[0];
}

static bool test_stack_overflow(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	selftest_recurse(0);
	return false;
}

/* tests/gdb/ stops here and checks the backtrace and the caller's local. */
__attribute__((noinline)) void selftest_gdb_leaf(uint32_t value)
{
	asm volatile("" : : "r"(value) : "memory");
}

__attribute__((noinline)) static uint32_t selftest_gdb_probe(uint32_t depth)
{
	volatile uint32_t gdb_magic = 0x5eed0000u + depth;

	selftest_gdb_leaf(gdb_magic);
	return gdb_magic;
}

static bool test_gdb(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	return selftest_gdb_probe(7) == 0x5eed0007u;
}

static bool test_boot(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	return true;
}

static const struct {
	const char *name;
	selftest_fn *fn;
} tests[] = {
	{ "boot", test_boot },
	{ "divide", test_divide },
	{ "invalid-opcode", test_invalid_opcode },
	{ "exceptions", test_exceptions },
	{ "timer", test_timer },
	{ "panic", test_panic },
	{ "unhandled-exception", test_unhandled_exception },
	{ "stack-overflow", test_stack_overflow },
	{ "gdb", test_gdb },
	{ "pfn-totals", selftest_pfn_totals },
	{ "alloc-all", selftest_alloc_all },
	{ "mmu", selftest_mmu },
	{ "layout", selftest_layout },
	{ "pool", selftest_pool },
	{ "kfree-bad-pointer", selftest_kfree_bad_pointer },
	{ "kfree-double", selftest_kfree_double },
	{ "kernel-fault", selftest_kernel_fault },
	{ "uaccess", selftest_uaccess },
	{ "map-below-64k", selftest_map_below_64k },
	{ "nmi", selftest_nmi },
	{ "ac-cleared", selftest_ac_cleared },
	{ "kfree-slab-page", selftest_kfree_slab_page },
	{ "remove-busy-table", selftest_remove_busy_table },
	{ "file-working-set", selftest_file_working_set },
	{ "preemption", selftest_preemption },
	{ "sleep", selftest_sleep },
	{ "wait-queue", selftest_wait_queue },
	{ "thread-reap", selftest_thread_reap },
	{ "thread-stack-overflow", selftest_thread_stack_overflow },
	{ "disk", selftest_disk },
	{ "disk-read-error", selftest_disk_read_error },
	{ "disks", selftest_disks },
	{ "fat-wipe", selftest_fat_wipe },
	{ "ob", selftest_ob },
	{ "locks", selftest_locks },
	{ "lock-order", selftest_lock_order },
	{ "lock-recursive", selftest_lock_recursive },
	{ "lock-sleep", selftest_lock_sleep },
	{ "lock-not-held", selftest_lock_not_held },
	{ "lock-mutex-under-spinlock", selftest_lock_mutex_under_spinlock },
};

bool selftest_expect(bool ok, const char *what)
{
	if (!ok)
		kprintf("selftest: FAILED: %s\n", what);
	return ok;
}

void selftest_run(const char *name, const struct boot_info *bi,
		  const struct kernel_options *opt)
{
	for (size_t i = 0; i < ARRAY_SIZE(tests); i++) {
		if (strcmp(tests[i].name, name) != 0)
			continue;
		kprintf("selftest %s: start\n", name);
		bool ok = tests[i].fn(bi, opt);
		ok &= mm_invariants_hold();
		kprintf("selftest %s: %s\n", name, ok ? "PASS" : "FAIL");
		machine_exit(ok ? EXIT_PASS : EXIT_FAIL);
	}
	kprintf("selftest %s: FAIL: no such test; known:", name);
	for (size_t i = 0; i < ARRAY_SIZE(tests); i++)
		kprintf(" %s", tests[i].name);
	kprintf("\n");
	machine_exit(EXIT_FAIL);
}
