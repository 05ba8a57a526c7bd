/* Job objects: the type, membership, limits on process creation and
 * commit, termination and the notification packets; see kernel/ps/job.h.
 * The information classes' records are kernel/sys/sys_job.c's. */
#include "kernel/ps/job.h"
#include "kernel/ps/process.h"
#include "kernel/io/completion.h"
#include "kernel/ke/lock.h"
#include "mm/vm.h"
#include "arch/cpu.h"
#include "arch/trap.h"

static const struct ke_lock_class job_class = { "jobs", KE_RANK_JOB, true, NULL };
static struct ke_spin_lock job_lock = { .cls = &job_class };

/* A packet to post once job_lock is dropped: the port referenced. */
struct job_message {
	struct io_completion *port;
	uint32_t key, msg, pid;
};

/* Under job_lock: m gets j's port (referenced) for message msg about pid;
 * nothing when j has no port. */
static void message_take_locked(struct job *j, struct job_message *m, uint32_t msg, uint32_t pid)
{
	m->port = j->port;
	if (!m->port)
		return;
	ob_reference(m->port);
	m->key = j->port_key;
	m->msg = msg;
	m->pid = pid;
}

/* Posts m (lpCompletionKey the key, dwNumberOfBytesTransferred the message,
 * lpOverlapped the process id) and drops its port. A full pool loses the
 * packet, as NT's would be. */
static void message_post(struct job_message *m)
{
	struct io_completion_packet pkt = { m->key, m->pid, 0, m->msg };

	if (!m->port)
		return;
	io_completion_post(m->port, &pkt);
	ob_dereference(m->port);
	m->port = NULL;
}

static struct dispatcher_header *job_dispatcher(void *body)
{
	return &((struct job *)body)->signal;
}

/* Kills every member of j (NT's PspTerminateAllProcessesInJob); the
 * caller, if it is one, ends once its system call returns. */
static void terminate_members(struct job *j, uint32_t status)
{
	struct process *self = process_current(), *p;
	bool self_member = false;

	for (;;) {
		ke_acquire_spin_lock(&job_lock);
		for (p = j->members; p && (p == self || p->terminating || p->exited ||
					   !ob_reference_unless_deleted(p)); p = p->job_next)
			self_member |= p == self;
		if (p)
			j->acct.terminated_processes++;
		ke_release_spin_lock(&job_lock);
		if (!p)
			break;
		process_terminate(p, status);
		ob_dereference(p);
	}
	if (self_member && !self->terminating) {
		ke_acquire_spin_lock(&job_lock);
		j->acct.terminated_processes++;
		ke_release_spin_lock(&job_lock);
		ps_kill_all_later(self, status);
	}
}

/* KILL_ON_JOB_CLOSE: the last handle's close ends every member (NT kills
 * them with status 0). */
static void job_close(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	struct job *j = body;

	(void)t;
	if (handles_left == 0 && (j->limits.flags & JOB_LIMIT_KILL_ON_JOB_CLOSE))
		terminate_members(j, 0);
}

static void job_remove(void *body)
{
	struct job *j = body;

	if (j->port)
		ob_dereference(j->port);
}

/* NT's generic mapping for jobs. */
struct ob_type job_type = {
	.name = "Job",
	.mapping = { 0x00020004u, 0x0002000bu, 0x00120000u, JOB_OBJECT_ALL_ACCESS },
	.valid_access = JOB_OBJECT_ALL_ACCESS,
	.close = job_close,
	.remove = job_remove,
	.dispatcher = job_dispatcher,
};

/* mm's check before a private charge of pages to p (vm_quota_check_fn):
 * the process and job memory limits, with their packets. */
static uint32_t job_commit_check(void *owner, uint32_t private_commit, uint32_t pages)
{
	struct process *p = owner;
	struct job *j = p->job;
	struct job_message m = { 0 };
	uint32_t sum = 0, err = 0;

	if (!j)
		return 0;
	ke_acquire_spin_lock(&job_lock);
	for (struct process *q = j->members; q; q = q->job_next)
		sum += q == p ? private_commit : vm_private_commit(q->vm);
	if ((j->limits.flags & JOB_LIMIT_PROCESS_MEMORY) &&
	    private_commit + pages > j->limits.process_memory) {
		message_take_locked(j, &m, JOB_MSG_PROCESS_MEMORY_LIMIT, p->pid);
		err = ERROR_COMMITMENT_LIMIT;
	} else if ((j->limits.flags & JOB_LIMIT_JOB_MEMORY) &&
		   sum + pages > j->limits.job_memory) {
		message_take_locked(j, &m, JOB_MSG_JOB_MEMORY_LIMIT, p->pid);
		err = ERROR_COMMITMENT_LIMIT;
	} else {
		if (private_commit + pages > j->peak_process_memory)
			j->peak_process_memory = private_commit + pages;
		if (sum + pages > j->peak_job_memory)
			j->peak_job_memory = sum + pages;
	}
	ke_release_spin_lock(&job_lock);
	message_post(&m);
	return err;
}

void job_init(void)
{
	ob_register_type(&job_type);
	vm_set_quota_check(job_commit_check);
}

struct job *job_create(void)
{
	struct job *j = ob_create(&job_type, sizeof(*j));

	if (j)
		j->signal.kind = DISPATCHER_NOTIFICATION;
	return j;
}

/* p joins j unless j's active-process limit is reached (then
 * ERROR_NOT_ENOUGH_QUOTA and ACTIVE_PROCESS_LIMIT, as NT's
 * STATUS_QUOTA_EXCEEDED); NEW_PROCESS is posted. */
static uint32_t join(struct job *j, struct process *p)
{
	struct job_message m = { 0 };
	uint32_t active = 0, err = 0;

	ke_acquire_spin_lock(&job_lock);
	for (struct process *q = j->members; q; q = q->job_next)
		active++;
	if ((j->limits.flags & JOB_LIMIT_ACTIVE_PROCESS) && active >= j->limits.active_processes) {
		j->acct.terminated_processes++;
		message_take_locked(j, &m, JOB_MSG_ACTIVE_PROCESS_LIMIT, 0);
		err = ERROR_NOT_ENOUGH_QUOTA;
	} else {
		ob_reference(j);        /* the process's, for its life */
		p->job = j;
		p->job_next = j->members;
		j->members = p;
		j->acct.total_processes++;
		uint32_t commit = p->vm ? vm_private_commit(p->vm) : 0;
		if (commit > j->peak_process_memory)
			j->peak_process_memory = commit;
		message_take_locked(j, &m, JOB_MSG_NEW_PROCESS, p->pid);
	}
	ke_release_spin_lock(&job_lock);
	message_post(&m);
	return err;
}

uint32_t job_assign(struct job *j, struct process *p)
{
	if (p->job)
		return p->job == j ? 0 : ERROR_ACCESS_DENIED;
	if (p->exited || p->terminating)
		return ERROR_ACCESS_DENIED;
	return join(j, p);
}

uint32_t job_inherit(struct process *creator, struct process *p, bool breakaway)
{
	struct job *j = creator ? creator->job : NULL;
	uint32_t flags;

	if (!j)
		return 0;
	flags = j->limits.flags;
	if (flags & JOB_LIMIT_SILENT_BREAKAWAY_OK)
		return 0;
	if (breakaway)
		return (flags & JOB_LIMIT_BREAKAWAY_OK) ? 0 : ERROR_ACCESS_DENIED;
	return join(j, p);
}

/* Unlinks p from its job's members (under job_lock); whether it was one. */
static bool unlink_locked(struct job *j, struct process *p)
{
	for (struct process **link = &j->members; *link; link = &(*link)->job_next)
		if (*link == p) {
			*link = p->job_next;
			return true;
		}
	return false;
}

/* The exception codes NT reports as ABNORMAL_EXIT_PROCESS (psdelete.c's list). */
static bool exit_is_abnormal(uint32_t status)
{
	static const uint32_t abnormal[] = {
		0x80000001u, 0x80000002u, 0x80000003u, 0x80000004u,     /* guard page, misalign,
									 * breakpoint, single step */
		0xc0000005u, 0xc0000006u, 0xc000001du, 0xc0000025u, 0xc0000026u,
		0xc000008cu, 0xc000008du, 0xc000008eu, 0xc000008fu, 0xc0000090u,
		0xc0000091u, 0xc0000092u, 0xc0000093u, 0xc0000094u, 0xc0000095u,
		0xc0000096u, 0xc00000fdu, 0xc000013au, 0xc00002b4u, 0xc00002b5u,
	};

	for (uint32_t i = 0; i < sizeof(abnormal) / sizeof(abnormal[0]); i++)
		if (status == abnormal[i])
			return true;
	return false;
}

void job_process_exited(struct process *p, uint32_t status)
{
	struct job *j = p->job;
	struct job_message exit_msg = { 0 }, zero_msg = { 0 };

	if (!j)
		return;
	ke_acquire_spin_lock(&job_lock);
	if (unlink_locked(j, p)) {
		j->acct.user_ticks += p->times.user_ticks;
		j->acct.kernel_ticks += p->times.kernel_ticks;
		j->acct.page_faults += p->vm ? vm_fault_count(p->vm) : 0;
		message_take_locked(j, &exit_msg, exit_is_abnormal(status) ?
				    JOB_MSG_ABNORMAL_EXIT_PROCESS : JOB_MSG_EXIT_PROCESS, p->pid);
		if (!j->members)
			message_take_locked(j, &zero_msg, JOB_MSG_ACTIVE_PROCESS_ZERO, 0);
	}
	ke_release_spin_lock(&job_lock);
	message_post(&exit_msg);
	message_post(&zero_msg);
}

void job_process_discarded(struct process *p)
{
	struct job *j = p->job;

	if (!j)
		return;
	ke_acquire_spin_lock(&job_lock);
	if (unlink_locked(j, p))
		j->acct.total_processes--;
	ke_release_spin_lock(&job_lock);
}

void job_terminate(struct job *j, uint32_t status)
{
	bool irq = irq_save();

	ke_set_signal(&j->signal, 1);
	irq_restore(irq);
	terminate_members(j, status);
}

bool job_holds(const struct job *j, const struct process *p)
{
	return j ? p->job == j : p->job != NULL;
}

/* j's counters with the live members' added (under job_lock). */
static void accounting_locked(struct job *j, struct job_accounting *out)
{
	*out = j->acct;
	for (struct process *p = j->members; p; p = p->job_next) {
		out->user_ticks += p->times.user_ticks;
		out->kernel_ticks += p->times.kernel_ticks;
		out->page_faults += p->vm ? vm_fault_count(p->vm) : 0;
		out->active_processes++;
	}
	out->period_user_ticks = out->user_ticks - j->period_user_base;
	out->period_kernel_ticks = out->kernel_ticks - j->period_kernel_base;
}

void job_accounting(struct job *j, struct job_accounting *out)
{
	ke_acquire_spin_lock(&job_lock);
	accounting_locked(j, out);
	ke_release_spin_lock(&job_lock);
}

/* User ticks as 100 ns units. */
static uint64_t ticks_100ns(uint32_t ticks)
{
	return (uint64_t)ticks * 10000000u / timer_hz();
}

void job_enforce_time(struct process *p)
{
	struct job *j = p->job;
	struct job_message m = { 0 };
	struct job_accounting acct;
	bool end_process = false, end_job = false;

	ke_acquire_spin_lock(&job_lock);
	if ((j->limits.flags & JOB_LIMIT_PROCESS_TIME) && !p->terminating &&
	    ticks_100ns(p->times.user_ticks) > j->limits.process_time) {
		end_process = true;
		j->acct.terminated_processes++;
		message_take_locked(j, &m, JOB_MSG_END_OF_PROCESS_TIME, p->pid);
	} else if (j->limits.flags & JOB_LIMIT_JOB_TIME) {
		accounting_locked(j, &acct);
		if (ticks_100ns(acct.period_user_ticks) > j->limits.job_time) {
			j->limits.flags &= ~JOB_LIMIT_JOB_TIME;
			j->limits.job_time = 0;
			if (j->end_of_job_action == JOB_POST_AT_END_OF_JOB)
				message_take_locked(j, &m, JOB_MSG_END_OF_JOB_TIME, 0);
			else
				end_job = true;
		}
	}
	ke_release_spin_lock(&job_lock);
	if (end_process)
		ps_kill_all_later(p, ERROR_NOT_ENOUGH_QUOTA);
	message_post(&m);
	if (end_job)
		job_terminate(j, ERROR_NOT_ENOUGH_QUOTA);
}

uint32_t job_pids(struct job *j, uint32_t *out, uint32_t max)
{
	uint32_t n = 0;

	ke_acquire_spin_lock(&job_lock);
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
		accounting_locked(j, &acct);
		j->period_user_base = acct.user_ticks;
		j->period_kernel_base = acct.kernel_ticks;
	}
	j->limits = *l;
	ke_release_spin_lock(&job_lock);
}

uint32_t job_set_port(struct job *j, struct io_completion *port, uint32_t key)
{
	struct process *p;
	uint32_t pid, err = 0;

	ke_acquire_spin_lock(&job_lock);
	if (j->port) {
		err = ERROR_INVALID_PARAMETER;
	} else {
		ob_reference(port);
		j->port = port;
		j->port_key = key;
	}
	ke_release_spin_lock(&job_lock);
	/* The members already in it are announced, oldest first (the list is
	 * newest first: the member that many from its end, each time). */
	for (uint32_t from_end = 0; !err; from_end++) {
		struct job_message m = { 0 };
		uint32_t n = 0, i = 0;

		ke_acquire_spin_lock(&job_lock);
		for (p = j->members; p; p = p->job_next)
			n++;
		for (p = j->members; p && n - i - 1 != from_end; p = p->job_next)
			i++;
		if (p) {
			pid = p->pid;
			message_take_locked(j, &m, JOB_MSG_NEW_PROCESS, pid);
		}
		ke_release_spin_lock(&job_lock);
		if (!p)
			break;
		message_post(&m);
	}
	return err;
}

void job_set_end_action(struct job *j, uint32_t action)
{
	ke_acquire_spin_lock(&job_lock);
	j->end_of_job_action = action;
	ke_release_spin_lock(&job_lock);
}
