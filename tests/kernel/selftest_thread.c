/* Self-tests of kernel threads and the scheduler. */
#include "tests/kernel/selftest.h"
#include "kernel/rtl/console.h"
#include "kernel/ke/thread.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "mm/pfn.h"

#define SPINNERS 4

static volatile bool stop;
static volatile uint32_t spins[SPINNERS], finished;
static struct wait_queue all_done;

/* Never yields: only preemption lets anyone else run. */
static void spinner(void *arg)
{
	uint32_t i = (uint32_t)arg;

	while (!stop)
		spins[i]++;
	bool irq = irq_save();
	finished++;
	wait_queue_wake_all(&all_done);
	irq_restore(irq);
}

/* Blocks until n threads have counted themselves finished. */
static void wait_finished(uint32_t n)
{
	bool irq = irq_save();

	while (finished < n)
		wait_queue_sleep(&all_done);
	irq_restore(irq);
	thread_sleep(1);                /* let the scheduler reap their stacks */
}

bool selftest_preemption(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct sched_stats before, after;
	bool ok = true;

	(void)bi, (void)opt;
	sched_get_stats(&before);
	for (uint32_t i = 0; i < SPINNERS; i++)
		ok &= selftest_expect(thread_create("spinner", spinner, (void *)i) != NULL, "thread_create");
	thread_sleep(30);
	stop = true;
	wait_finished(SPINNERS);
	sched_get_stats(&after);
	kprintf("selftest: %u busy threads spun %u %u %u %u times in 30 ticks; "
		"%u context switches\n", SPINNERS, spins[0], spins[1], spins[2], spins[3],
		after.switches - before.switches);
	for (uint32_t i = 0; i < SPINNERS; i++)
		ok &= selftest_expect(spins[i] > 0, "a busy thread starved");
	return ok & selftest_expect(after.switches - before.switches >= 2 * SPINNERS,
			   "too few switches for preemption") &
	       selftest_expect(after.threads == before.threads, "exited threads were not reaped");
}

bool selftest_sleep(const struct boot_info *bi, const struct kernel_options *opt)
{
	uint32_t start = timer_ticks(), slept;

	(void)bi, (void)opt;
	thread_sleep(25);
	slept = timer_ticks() - start;
	kprintf("selftest: thread_sleep(25) slept %u ticks\n", slept);
	return selftest_expect(slept >= 25 && slept <= 35, "sleep length");
}

static struct wait_queue ping_q, pong_q;
static volatile uint32_t ball, rounds_done;

/* Hands the ball back every time it is odd. */
static void ponger(void *arg)
{
	uint32_t rounds = (uint32_t)arg;

	for (uint32_t i = 0; i < rounds; i++) {
		bool irq = irq_save();
		while (!(ball & 1))
			wait_queue_sleep(&ping_q);
		ball++;
		wait_queue_wake_all(&pong_q);
		irq_restore(irq);
	}
	rounds_done = rounds;
}

bool selftest_wait_queue(const struct boot_info *bi, const struct kernel_options *opt)
{
	const uint32_t rounds = 200;

	(void)bi, (void)opt;
	if (!selftest_expect(thread_create("ponger", ponger, (void *)rounds) != NULL, "thread_create"))
		return false;
	for (uint32_t i = 0; i < rounds; i++) {
		bool irq = irq_save();
		ball++;                         /* odd: the ponger's turn */
		wait_queue_wake_all(&ping_q);
		while (ball & 1)
			wait_queue_sleep(&pong_q);
		irq_restore(irq);
	}
	thread_sleep(2);
	kprintf("selftest: ball went back and forth %u times, ponger finished %u rounds\n",
		ball / 2, rounds_done);
	return selftest_expect(ball == 2 * rounds && rounds_done == rounds, "ping-pong lost a wake-up");
}

static void short_lived(void *arg)
{
	bool irq;

	(void)arg;
	irq = irq_save();
	finished++;
	wait_queue_wake_all(&all_done);
	irq_restore(irq);
}

/* Starts n short-lived threads and waits until all are reaped. */
static bool create_and_reap(uint32_t n)
{
	finished = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!selftest_expect(thread_create("short", short_lived, NULL) != NULL, "thread_create"))
			return false;
	wait_finished(n);
	return true;
}

bool selftest_thread_reap(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct pfn_totals before, after;
	struct sched_stats s;
	const uint32_t n = 64;

	(void)bi, (void)opt;
	/* A first round leaves kmalloc's caches as warm as a second one will. */
	if (!create_and_reap(n))
		return false;
	pfn_get_totals(&before);
	if (!create_and_reap(n))
		return false;
	pfn_get_totals(&after);
	sched_get_stats(&s);
	kprintf("selftest: %u threads created and reaped; active frames %u before, %u after; "
		"%u threads left\n", n, before.active, after.active, s.threads);
	return selftest_expect(before.active == after.active, "thread stacks leaked") &
	       selftest_expect(s.threads == 6, "threads left besides main, idle, balance, "
							   "writer, lazywriter and mappedwriter");
}

static uint32_t recurse(volatile uint32_t depth)
{
	volatile uint8_t frame[512];

	frame[0] = (uint8_t)depth;
	if (depth == 0xffffffffu)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static void overflower(void *arg)
{
	(void)arg;
	recurse(0);
}

bool selftest_thread_stack_overflow(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	thread_create("overflower", overflower, NULL);
	thread_sleep(100);
	return false;
}
