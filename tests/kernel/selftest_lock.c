/* Self-tests of the kernel's locks (kernel/ke/lock.h): the primitives
 * exclude and keep interrupts as they must, and every broken rule panics
 * naming the locks (tests/scenarios/locks.txt expects those panics). The
 * broken rules use the memory manager's own locks where one shows it. */
#include "tests/kernel/selftest.h"
#include "kernel/ke/lock.h"
#include "kernel/rtl/console.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "mm/pfn.h"
#include "mm/pool.h"

#define CONTENDERS 3
#define ROUNDS 5

static const struct ke_lock_class mutex_class = { "selftest mutex", KE_RANK_SELFTEST, false, NULL };
static const struct ke_lock_class spin_class = {
	"selftest spinlock", KE_RANK_SELFTEST + 1, true, NULL };
static struct ke_guarded_mutex mutex = { .cls = &mutex_class };
static struct ke_spin_lock spin = { .cls = &spin_class };
static volatile uint32_t inside, overlaps, done;
static struct wait_queue all_done, nobody;

/* Holds the mutex across sleeps, ROUNDS times: the others must wait. */
static void contender(void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < ROUNDS; i++) {
		ke_acquire_guarded_mutex(&mutex);
		if (inside++)
			overlaps++;
		thread_sleep(1);
		inside--;
		ke_release_guarded_mutex(&mutex);
	}
	bool irq = irq_save();
	done++;
	wait_queue_wake_all(&all_done);
	irq_restore(irq);
}

static bool interrupts_on(void)
{
	return read_eflags() & EFLAGS_IF;
}

static bool mutex_excludes(void)
{
	bool ok = true, irq;

	for (uint32_t i = 0; i < CONTENDERS; i++)
		ok &= selftest_expect(thread_create("contender", contender, NULL) != NULL,
				      "thread_create");
	irq = irq_save();
	while (done < CONTENDERS)
		wait_queue_sleep(&all_done);
	irq_restore(irq);
	kprintf("selftest: %u threads took the mutex %u times each across sleeps, "
		"%u overlaps\n", CONTENDERS, ROUNDS, overlaps);
	return ok & selftest_expect(overlaps == 0, "two threads held the mutex at once") &
	       selftest_expect(!ke_guarded_mutex_held(&mutex) && mutex.owner == NULL,
			       "the mutex stayed owned");
}

static bool spinlock_keeps_interrupts(void)
{
	bool ok = selftest_expect(interrupts_on(), "interrupts off before the test");

	ke_acquire_guarded_mutex(&mutex);               /* in order: mutex, then spinlock */
	ke_acquire_spin_lock(&spin);
	ok &= selftest_expect(ke_spin_lock_held(&spin) && !interrupts_on(),
			      "a held spinlock leaves interrupts on");
	ke_release_spin_lock(&spin);
	ok &= selftest_expect(!ke_spin_lock_held(&spin) && interrupts_on(),
			      "releasing a spinlock did not restore interrupts");
	ke_acquire_spin_lock(&spin);
	ok &= selftest_expect(ke_release_spin_lock_and_wait(&spin, &nobody, 2) == WAIT_TIMED_OUT,
			      "a wait released from a spinlock did not time out");
	ok &= selftest_expect(!ke_spin_lock_held(&spin) && interrupts_on(),
			      "the wait left the spinlock held or interrupts off");
	ke_release_guarded_mutex(&mutex);
	return ok & selftest_expect(thread_current()->locks.count == 0, "locks left recorded");
}

bool selftest_locks(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	return mutex_excludes() & spinlock_keeps_interrupts();
}

/* The pool's lock (rank 40) under the PFN lock (rank 50). */
bool selftest_lock_order(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	pfn_lock();
	kfree(kmalloc(16));
	pfn_unlock();
	return false;
}

bool selftest_lock_recursive(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	pfn_lock();
	pfn_lock();
	return false;
}

bool selftest_lock_sleep(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	ke_acquire_spin_lock(&spin);
	thread_sleep(1);
	ke_release_spin_lock(&spin);
	return false;
}

bool selftest_lock_not_held(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	ke_release_guarded_mutex(&mutex);
	return false;
}

bool selftest_lock_mutex_under_spinlock(const struct boot_info *bi,
					const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	ke_acquire_spin_lock(&spin);
	ke_acquire_guarded_mutex(&mutex);
	return false;
}
