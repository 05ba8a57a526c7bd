/* Job notification limits (JobObjectNotificationLimitInformation): read
 * and write bytes, job user time and job commit that, once passed, post
 * JOB_OBJECT_MSG_NOTIFICATION_LIMIT to the job's port instead of ending
 * anything; and the violation record (JobObjectLimitViolationInformation)
 * that says which were passed. Checked as a member returns to ring 3, as
 * the time limits are; see kernel/ps/job.h. */
#include "kernel/ps/jobp.h"
#include "mm/vm.h"
#include "arch/mmu.h"

/* Under job_lock: where j stands against its notification limits. */
static void violation_locked(struct job *j, struct job_violation *out)
{
	struct job_accounting acct;
	const struct job_notify *n = &j->notify;

	job_accounting_locked(j, &acct);
	out->limits = *n;
	out->read_bytes = acct.io.bytes[PS_IO_READ];
	out->write_bytes = acct.io.bytes[PS_IO_WRITE];
	out->job_time = job_ticks_100ns(acct.user_ticks - j->notify_user_base);
	out->job_memory = (uint64_t)job_commit_locked(j, NULL, 0) * PAGE_SIZE;
	out->violated = 0;
	if ((n->flags & JOB_LIMIT_JOB_READ_BYTES) && out->read_bytes > n->read_bytes)
		out->violated |= JOB_LIMIT_JOB_READ_BYTES;
	if ((n->flags & JOB_LIMIT_JOB_WRITE_BYTES) && out->write_bytes > n->write_bytes)
		out->violated |= JOB_LIMIT_JOB_WRITE_BYTES;
	if ((n->flags & JOB_LIMIT_JOB_TIME) && out->job_time > n->job_time)
		out->violated |= JOB_LIMIT_JOB_TIME;
	if ((n->flags & JOB_LIMIT_JOB_MEMORY) && out->job_memory > n->job_memory)
		out->violated |= JOB_LIMIT_JOB_MEMORY;
}

void job_check_notify(struct process *p)
{
	struct job_message m[JOB_DEPTH_MAX] = { 0 };
	struct job_violation v;
	uint32_t i = 0;

	ke_acquire_spin_lock(&job_lock);
	for (struct job *j = p->job; j && i < JOB_DEPTH_MAX; j = j->parent, i++) {
		if (!j->notify.flags)
			continue;
		violation_locked(j, &v);
		if (v.violated & ~j->notify_posted) {
			j->notify_posted |= v.violated;
			job_message_take_locked(j, &m[i], JOB_MSG_NOTIFICATION_LIMIT, p->pid);
		}
	}
	ke_release_spin_lock(&job_lock);
	job_message_post(m, JOB_DEPTH_MAX);
}

void job_set_notify(struct job *j, const struct job_notify *n)
{
	struct job_accounting acct;

	ke_acquire_spin_lock(&job_lock);
	job_accounting_locked(j, &acct);
	j->notify = *n;
	j->notify_user_base = acct.user_ticks;
	j->notify_posted = 0;
	ke_release_spin_lock(&job_lock);
}

void job_get_violation(struct job *j, struct job_violation *out)
{
	ke_acquire_spin_lock(&job_lock);
	violation_locked(j, out);
	ke_release_spin_lock(&job_lock);
}
