/* Process priority classes (GetPriorityClass, SetPriorityClass) and priority
 * boosts (Get/SetProcessPriorityBoost, Get/SetThreadPriorityBoost). */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/ps/job.h"
#include "user/include/vados/syscall.h"

/* Windows' classes and their base levels. */
static const struct {
	uint32_t flag;
	uint8_t base;
} classes[] = {
	{ 0x00000040u, 4 },             /* IDLE_PRIORITY_CLASS */
	{ 0x00004000u, 6 },             /* BELOW_NORMAL_PRIORITY_CLASS */
	{ 0x00000020u, 8 },             /* NORMAL_PRIORITY_CLASS */
	{ 0x00008000u, 10 },            /* ABOVE_NORMAL_PRIORITY_CLASS */
	{ 0x00000080u, 13 },            /* HIGH_PRIORITY_CLASS */
	{ 0x00000100u, 24 },            /* REALTIME_PRIORITY_CLASS */
};
#define CLASS_COUNT (sizeof(classes) / sizeof(classes[0]))

uint8_t sys_priority_class_base(uint32_t cls)
{
	for (uint32_t i = 0; i < CLASS_COUNT; i++)
		if (classes[i].flag == cls)
			return classes[i].base;
	return 0;
}

/* (process, set, class when set) -> the class: getting needs
 * PROCESS_QUERY_LIMITED_INFORMATION, setting PROCESS_SET_INFORMATION; a
 * value that is not exactly one class is ERROR_INVALID_PARAMETER. A member
 * of a job with JOB_OBJECT_LIMIT_PRIORITY_CLASS keeps the job's class and
 * the call succeeds (NT's NtSetInformationProcess substitutes it). */
struct sysret sys_priority_class(const uint32_t *a, struct trap_frame *f)
{
	struct process *p;
	uint32_t err, i = 0;

	(void)f;
	if (a[1]) {
		while (i < CLASS_COUNT && classes[i].flag != a[2])
			i++;
		if (i == CLASS_COUNT)
			return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	}
	err = process_by_handle(a[0], a[1] ? PROCESS_SET_INFORMATION
					   : PROCESS_QUERY_LIMITED_INFORMATION, &p);
	if (err)
		return (struct sysret){ err, 0 };
	if (a[1]) {
		struct job_limits l;
		if (!job_limit_in_force(p, JOB_LIMIT_PRIORITY_CLASS, &l))
			ps_set_priority_class(p, classes[i].base);
	} else {
		while (i < CLASS_COUNT && classes[i].base != p->priority_base)
			i++;
	}
	ob_dereference(p);
	return (struct sysret){ ERROR_SUCCESS, i < CLASS_COUNT ? classes[i].flag : 0 };
}

/* (kind, handle, set, disable when set) -> whether boosts are disabled: kind
 * 0 a process (PROCESS_QUERY_LIMITED_INFORMATION to get,
 * PROCESS_SET_INFORMATION to set), 1 a thread (THREAD_QUERY_LIMITED_ or
 * THREAD_SET_LIMITED_INFORMATION). set 2 checks the set right and changes
 * nothing (the affinity calls: one CPU leaves them nothing to store). */
struct sysret sys_priority_boost(const uint32_t *a, struct trap_frame *f)
{
	uint32_t err, value = 0;

	(void)f;
	if (a[0] == 0) {
		struct process *p;
		err = process_by_handle(a[1], a[2] ? PROCESS_SET_INFORMATION
						   : PROCESS_QUERY_LIMITED_INFORMATION, &p);
		if (err)
			return (struct sysret){ err, 0 };
		if (a[2] == 1)
			ps_set_priority_boost(p, a[3] != 0);
		value = p->no_boost;
		ob_dereference(p);
	} else if (a[0] == 1) {
		struct ps_thread *t;
		err = ps_thread_by_handle(a[1], a[2] ? THREAD_SET_LIMITED_INFORMATION
						     : THREAD_QUERY_LIMITED_INFORMATION, &t);
		if (err)
			return (struct sysret){ err, 0 };
		if (a[2] == 1)
			t->k.no_boost = a[3] != 0;      /* one word: read by the scheduler as is */
		value = t->k.no_boost;
		ob_dereference(t);
	} else {
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	}
	return (struct sysret){ ERROR_SUCCESS, value };
}
