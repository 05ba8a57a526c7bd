/* tests/kernel: the in-kernel self-tests, chosen with test=NAME on the kernel
 * command line. They are linked into every kernel (a test boot is an ordinary
 * boot with test=), live here rather than among the components they test, and
 * may call any kernel layer; product code calls only selftest_run. */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include <stdbool.h>
#include "boot/bootinfo.h"
#include "kernel/rtl/cmdline.h"

/* Runs the named self-test, prints "selftest NAME: PASS" or "FAIL", checks the
 * memory manager's invariants (pfn_check), and exits QEMU with EXIT_PASS or
 * EXIT_FAIL. A test that panics on purpose exits with EXIT_PANIC. */
__attribute__((noreturn)) void selftest_run(const char *name, const struct boot_info *bi,
					    const struct kernel_options *opt);

/* Returns ok, printing "selftest: FAILED: what" when it is false. */
bool selftest_expect(bool ok, const char *what);

/* The memory manager's tests (tests/kernel/selftest_mm.c). */
typedef bool selftest_fn(const struct boot_info *bi, const struct kernel_options *opt);
selftest_fn selftest_pfn_totals, selftest_alloc_all, selftest_mmu, selftest_layout,
	selftest_pool, selftest_kfree_bad_pointer, selftest_kfree_double,
	selftest_kernel_fault, selftest_uaccess, selftest_map_below_64k, selftest_nmi,
	selftest_ac_cleared, selftest_kfree_slab_page, selftest_remove_busy_table;
/* The file cache's working set (tests/kernel/selftest_filews.c). */
selftest_fn selftest_file_working_set;
/* The scheduler's tests (tests/kernel/selftest_thread.c). */
selftest_fn selftest_preemption, selftest_sleep, selftest_wait_queue, selftest_thread_reap,
	selftest_thread_stack_overflow;
/* The IDE disk's tests (tests/kernel/selftest_disk.c), and the four
 * positions' and a FAT volume broken on purpose (tests/kernel/selftest_disks.c). */
selftest_fn selftest_disk, selftest_disk_read_error, selftest_disks, selftest_fat_wipe;
/* The object manager's tests (tests/kernel/selftest_ob.c). */
selftest_fn selftest_ob;
/* The locks' tests (tests/kernel/selftest_lock.c); all but the first panic. */
selftest_fn selftest_locks, selftest_lock_order, selftest_lock_recursive, selftest_lock_sleep,
	selftest_lock_not_held, selftest_lock_mutex_under_spinlock;

#endif
