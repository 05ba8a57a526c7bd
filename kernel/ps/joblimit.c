/* Job limits and queries: the memory limits (mm's check before a private
 * charge), the user-time limits, the accounting and id list over a job and
 * the jobs nested in it, the limits' and port's settings; see
 * kernel/ps/job.h. */
#include "kernel/ps/jobp.h"
#include "mm/vm.h"
#include "arch/trap.h"

uint32_t job_commit_locked(struct job *root, struct process *p, uint32_t commit)
{
	uint32_t sum = 0;

	for (struct job *j = root; j; j = job_subtree_next(root, j))
		for (struct process *q = j->members; q; q = q->job_next)
			sum += q == p ? commit : vm_private_commit(q->vm);
	return sum;
}

/* Under job_lock: whether j's memory limits let p's private commit grow
 * from commit by pages; if not, m gets the packet for the limit passed. */
static bool commit_fits_locked(struct job *j, struct process *p, uint32_t commit,
			       uint32_t pages, struct job_message *m)
{
	uint32_t sum = job_commit_locked(j, p, commit);

	if ((j->limits.flags & JOB_LIMIT_PROCESS_MEMORY) && commit + pages > j->limits.process_memory) {
		job_message_take_locked(j, m, JOB_MSG_PROCESS_MEMORY_LIMIT, p->pid);
		return false;
	}
	if ((j->limits.flags & JOB_LIMIT_JOB_MEMORY) && sum + pages > j->limits.job_memory) {
		job_message_take_locked(j, m, JOB_MSG_JOB_MEMORY_LIMIT, p->pid);
		return false;
	}
	if (commit + pages > j->peak_process_memory)
		j->peak_process_memory = commit + pages;
	if (sum + pages > j->peak_job_memory)
		j->peak_job_memory = sum + pages;
	return true;
}

/* mm's check before a private charge of pages to p (vm_quota_check_fn):
 * the memory limits of p's job and every job above it. As NT's
 * MiChargeCommitment the allocation fails with STATUS_COMMITMENT_LIMIT. */
static uint32_t job_commit_check(void *owner, uint32_t private_commit, uint32_t pages)
{
	struct process *p = owner;
	struct job_message m = { 0 };
	bool fits = true;

	if (!p->job)
		return 0;
	ke_acquire_spin_lock(&job_lock);
	for (struct job *j = p->job; j && fits; j = j->parent)
		fits = commit_fits_locked(j, p, private_commit, pages, &m);
	ke_release_spin_lock(&job_lock);
	job_message_post(&m, 1);
	return fits ? 0 : ERROR_COMMITMENT_LIMIT;
}

void job_init(void)
{
	ob_register_type(&job_type);
	vm_set_quota_check(job_commit_check);
}

/* add's counters added to sum. */
static void io_sum(struct ps_io_counters *sum, const struct ps_io_counters *add)
{
	for (uint32_t k = 0; k < 3; k++) {
		sum->operations[k] += add->operations[k];
		sum->bytes[k] += add->bytes[k];
	}
}

void job_io_add(struct ps_io_counters *sum, struct process *p)
{
	struct ps_io_counters c;

	ps_io_counters(p, &c);
	io_sum(sum, &c);
}

void job_accounting_locked(struct job *root, struct job_accounting *out)
{
	struct job_accounting zero = { 0 };

	*out = zero;
	for (struct job *j = root; j; j = job_subtree_next(root, j)) {
		out->user_ticks += j->acct.user_ticks;
		out->kernel_ticks += j->acct.kernel_ticks;
		out->page_faults += j->acct.page_faults;
		out->total_processes += j->acct.total_processes;
		out->terminated_processes += j->acct.terminated_processes;
		io_sum(&out->io, &j->acct.io);
		for (struct process *p = j->members; p; p = p->job_next) {
			job_io_add(&out->io, p);
			out->user_ticks += p->times.user_ticks;
			out->kernel_ticks += p->times.kernel_ticks;
			out->page_faults += p->vm ? vm_fault_count(p->vm) : 0;
			out->active_processes++;
		}
	}
	out->period_user_ticks = out->user_ticks - root->period_user_base;
	out->period_kernel_ticks = out->kernel_ticks - root->period_kernel_base;
}

void job_accounting(struct job *j, struct job_accounting *out)
{
	ke_acquire_spin_lock(&job_lock);
	job_accounting_locked(j, out);
	ke_release_spin_lock(&job_lock);
}

uint64_t job_ticks_100ns(uint32_t ticks)
{
	return (uint64_t)ticks * 10000000u / timer_hz();
}

/* Under job_lock: whether j's job-time limit is passed (then cleared); with
 * JOB_OBJECT_POST_AT_END_OF_JOB m gets END_OF_JOB_TIME and the job runs on. */
static bool job_time_passed_locked(struct job *j, struct job_message *m)
{
	struct job_accounting acct;

	if (!(j->limits.flags & JOB_LIMIT_JOB_TIME))
		return false;
	job_accounting_locked(j, &acct);
	if (job_ticks_100ns(acct.period_user_ticks) <= j->limits.job_time)
		return false;
	j->limits.flags &= ~JOB_LIMIT_JOB_TIME;
	j->limits.job_time = 0;
	if (j->end_of_job_action != JOB_POST_AT_END_OF_JOB)
		return true;
	job_message_take_locked(j, m, JOB_MSG_END_OF_JOB_TIME, 0);
	return false;
}

void job_enforce_time(struct process *p)
{
	struct job *j = p->job, *ended = NULL;
	struct job_message m[2] = { 0 };
	bool end_process = false;

	ke_acquire_spin_lock(&job_lock);
	if ((j->limits.flags & JOB_LIMIT_PROCESS_TIME) && !p->terminating &&
	    job_ticks_100ns(p->times.user_ticks) > j->limits.process_time) {
		end_process = true;
		j->acct.terminated_processes++;
		job_message_take_locked(j, &m[0], JOB_MSG_END_OF_PROCESS_TIME, p->pid);
	} else if (job_time_passed_locked(j, &m[1])) {
		ended = j;
		ob_reference(ended);
	}
	ke_release_spin_lock(&job_lock);
	if (end_process)
		ps_kill_all_later(p, ERROR_NOT_ENOUGH_QUOTA);
	job_message_post(m, 2);
	if (ended) {
		job_terminate(ended, ERROR_NOT_ENOUGH_QUOTA);
		ob_dereference(ended);
	}
}

uint32_t job_pids(struct job *root, uint32_t *out, uint32_t max)
{
	uint32_t n = 0;

	ke_acquire_spin_lock(&job_lock);
	for (struct job *j = root; j; j = job_subtree_next(root, j))
		for (struct process *p = j->members; p; p = p->job_next, n++)
			if (n < max)
				out[n] = p->pid;
	ke_release_spin_lock(&job_lock);
	return n;
}

void job_get_limits(struct job *j, struct job_limits *out, uint32_t *peak_process,
		    uint32_t *peak_job)
{
	ke_acquire_spin_lock(&job_lock);
	*out = j->limits;
	*peak_process = j->peak_process_memory;
	*peak_job = j->peak_job_memory;
	ke_release_spin_lock(&job_lock);
}

void job_set_limits(struct job *j, const struct job_limits *l, bool new_period)
{
	struct job_accounting acct;

	ke_acquire_spin_lock(&job_lock);
	if (new_period) {
		job_accounting_locked(j, &acct);
		j->period_user_base = acct.user_ticks;
		j->period_kernel_base = acct.kernel_ticks;
	}
	j->limits = *l;
	ke_release_spin_lock(&job_lock);
	job_apply_members(j);
}

/* Packets under way hold their own reference to the port they go to
 * (job_message_take_locked), so it can go from the job at any time. */
static void clear_port(struct job *j)
{
	struct io_completion *old;

	ke_acquire_spin_lock(&job_lock);
	old = j->port;
	j->port = NULL;
	ke_release_spin_lock(&job_lock);
	if (old)
		ob_dereference(old);    /* may free it: not under the lock */
}

uint32_t job_set_port(struct job *j, struct io_completion *port, uint32_t key)
{
	uint32_t pids[64], n;

	if (!port) {
		clear_port(j);
		return 0;
	}
	ke_acquire_spin_lock(&job_lock);
	if (j->port) {
		ke_release_spin_lock(&job_lock);
		return ERROR_INVALID_PARAMETER;
	}
	ob_reference(port);
	j->port = port;
	j->port_key = key;
	ke_release_spin_lock(&job_lock);
	/* The members already in it are announced (up to 64), oldest first. */
	n = job_pids(j, pids, 64);
	for (uint32_t i = n < 64 ? n : 64; i-- > 0;) {
		struct job_message m = { 0 };

		ke_acquire_spin_lock(&job_lock);
		job_message_take_locked(j, &m, JOB_MSG_NEW_PROCESS, pids[i]);
		ke_release_spin_lock(&job_lock);
		job_message_post(&m, 1);
	}
	return 0;
}

void job_set_end_action(struct job *j, uint32_t action)
{
	ke_acquire_spin_lock(&job_lock);
	j->end_of_job_action = action;
	ke_release_spin_lock(&job_lock);
}
