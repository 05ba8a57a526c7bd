/* Time system calls beyond the clock: the performance counter and CPU
 * times (QueryPerformanceCounter, GetProcessTimes, GetThreadTimes,
 * GetSystemTimes). */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/ke/systime.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "user/include/vados/syscall.h"

#define HUNDRED_NS_PER_SECOND 10000000ull

/* (uint64 *counter, uint64 *frequency or 0, uint64 *system time or 0) */
struct sysret sys_performance_counter(const uint32_t *a, struct trap_frame *f)
{
	uint64_t counter = timer_fine_count(), frequency = timer_fine_hz();
	uint64_t now = a[2] ? ke_system_time_precise() : 0;
	struct sysret r = sys_copy_out(a[0], &counter, sizeof(counter));

	(void)f;
	if (!r.error && a[1])
		r = sys_copy_out(a[1], &frequency, sizeof(frequency));
	if (!r.error && a[2])
		r = sys_copy_out(a[2], &now, sizeof(now));
	return r;
}

static uint64_t ticks_to_100ns(uint32_t ticks)
{
	return (uint64_t)ticks * HUNDRED_NS_PER_SECOND / timer_hz();
}

/* out = created, exited, kernel, user from a record's figures; the exit
 * time is read with interrupts off (written once, when it ends). */
static void times_of(const uint64_t *created, const uint64_t *exited,
		     const struct ke_cpu_times *times, uint64_t out[4])
{
	bool irq = irq_save();

	out[0] = *created;
	out[1] = *exited;
	out[2] = ticks_to_100ns(times->kernel_ticks);
	out[3] = ticks_to_100ns(times->user_ticks);
	irq_restore(irq);
}

/* (kind, handle, uint64 out[4]): kind 0 a process (out = created, exited,
 * kernel, user; PROCESS_QUERY_LIMITED_INFORMATION), 1 a thread (the same;
 * THREAD_QUERY_LIMITED_INFORMATION), 2 the system (out = idle, kernel with
 * idle, user, 0; handle unused). Times in 100 ns units. */
struct sysret sys_query_times(const uint32_t *a, struct trap_frame *f)
{
	uint64_t out[4] = { 0, 0, 0, 0 };
	uint32_t err = 0;

	(void)f;
	if (a[0] == 0) {
		struct process *p;
		if ((err = process_by_handle(a[1], PROCESS_QUERY_LIMITED_INFORMATION, &p)) != 0)
			return (struct sysret){ err, 0 };
		times_of(&p->create_time, &p->exit_time, &p->times, out);
		ob_dereference(p);
	} else if (a[0] == 1) {
		struct ps_thread *t;
		if ((err = ps_thread_by_handle(a[1], THREAD_QUERY_LIMITED_INFORMATION, &t)) != 0)
			return (struct sysret){ err, 0 };
		times_of(&t->k.create_time, &t->k.exit_time, &t->k.times, out);
		ob_dereference(t);
	} else if (a[0] == 2) {
		struct sched_stats s;
		sched_get_stats(&s);
		out[0] = ticks_to_100ns(s.idle_ticks);
		out[1] = ticks_to_100ns(s.idle_ticks) + ticks_to_100ns(s.kernel_ticks);
		out[2] = ticks_to_100ns(s.user_ticks);
	} else {
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	}
	return sys_copy_out(a[2], out, sizeof(out));
}
