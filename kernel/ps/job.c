/* Job objects: the type, nesting, membership (assignment, inheritance at
 * process creation, exit), termination and the notification packets; see
 * kernel/ps/job.h. Limits and queries are kernel/ps/joblimit.c's; the
 * information classes' records kernel/sys/sys_job.c's. */
#include "kernel/ps/jobp.h"
#include "kernel/io/completion.h"
#include "mm/vm.h"

static const struct ke_lock_class job_class = { "jobs", KE_RANK_JOB, true, NULL };
struct ke_spin_lock job_lock = { .cls = &job_class };

void job_message_take_locked(struct job *j, struct job_message *m, uint32_t msg, uint32_t pid)
{
	m->port = j->port;
	if (!m->port)
		return;
	ob_reference(m->port);
	m->key = j->port_key;
	m->msg = msg;
	m->pid = pid;
}

void job_message_chain_locked(struct job *j, struct job_message *m, uint32_t msg, uint32_t pid)
{
	for (uint32_t i = 0; j && i < JOB_DEPTH_MAX; j = j->parent, i++)
		job_message_take_locked(j, &m[i], msg, pid);
}

/* A full pool loses the packet, as NT's would be. */
void job_message_post(struct job_message *m, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct io_completion_packet pkt = { m[i].key, m[i].pid, 0, m[i].msg };

		if (!m[i].port)
			continue;
		io_completion_post(m[i].port, &pkt);
		ob_dereference(m[i].port);
		m[i].port = NULL;
	}
}

struct job *job_subtree_next(struct job *root, struct job *j)
{
	if (j->children)
		return j->children;
	for (; j != root; j = j->parent)
		if (j->sibling)
			return j->sibling;
	return NULL;
}

uint32_t job_active_locked(struct job *root)
{
	uint32_t n = 0;

	for (struct job *j = root; j; j = job_subtree_next(root, j))
		for (struct process *p = j->members; p; p = p->job_next)
			n++;
	return n;
}

/* A member of root's subtree to kill, referenced (not the caller, nor one
 * already ending), or NULL; *self is set when the caller is one. */
static struct process *next_victim_locked(struct job *root, struct process *self, bool *is_self)
{
	for (struct job *j = root; j; j = job_subtree_next(root, j))
		for (struct process *p = j->members; p; p = p->job_next) {
			*is_self |= p == self;
			if (p != self && !p->terminating && !p->exited &&
			    ob_reference_unless_deleted(p)) {
				j->acct.terminated_processes++;
				return p;
			}
		}
	return NULL;
}

void job_terminate_members(struct job *root, uint32_t status)
{
	struct process *self = process_current(), *p;
	bool is_self = false;

	for (;;) {
		ke_acquire_spin_lock(&job_lock);
		p = next_victim_locked(root, self, &is_self);
		ke_release_spin_lock(&job_lock);
		if (!p)
			break;
		process_terminate(p, status);
		ob_dereference(p);
	}
	if (is_self && !self->terminating) {
		ke_acquire_spin_lock(&job_lock);
		self->job->acct.terminated_processes++;
		ke_release_spin_lock(&job_lock);
		ps_kill_all_later(self, status);
	}
}

static struct dispatcher_header *job_dispatcher(void *body)
{
	return &((struct job *)body)->signal;
}

/* KILL_ON_JOB_CLOSE: the last handle's close ends every member (NT kills
 * them with status 0). */
static void job_close(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	struct job *j = body;

	(void)t;
	if (handles_left == 0 && (j->limits.flags & JOB_LIMIT_KILL_ON_JOB_CLOSE))
		job_terminate_members(j, 0);
}

/* The last reference: it leaves its parent's nested jobs (it has neither
 * members nor nested jobs now: each would hold a reference). */
static void job_remove(void *body)
{
	struct job *j = body;

	if (j->parent) {
		ke_acquire_spin_lock(&job_lock);
		for (struct job **link = &j->parent->children; *link; link = &(*link)->sibling)
			if (*link == j) {
				*link = j->sibling;
				break;
			}
		ke_release_spin_lock(&job_lock);
		ob_dereference(j->parent);
	}
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

struct job *job_create(void)
{
	struct job *j = ob_create(&job_type, sizeof(*j));

	if (j)
		j->signal.kind = DISPATCHER_NOTIFICATION;
	return j;
}

/* Whether a is b or nested (at any depth) in b. */
static bool job_within(const struct job *a, const struct job *b)
{
	for (; a; a = a->parent)
		if (a == b)
			return true;
	return false;
}

static uint32_t job_depth(const struct job *j)
{
	uint32_t n = 0;

	for (; j; j = j->parent)
		n++;
	return n;
}

/* The first job from j up to (not including) stop whose active-process
 * limit one more member would pass, or NULL. */
static struct job *limit_reached_locked(struct job *j, struct job *stop)
{
	for (; j && j != stop; j = j->parent)
		if ((j->limits.flags & JOB_LIMIT_ACTIVE_PROCESS) &&
		    job_active_locked(j) >= j->limits.active_processes)
			return j;
	return NULL;
}

/* Links p (in no job, or in j's parent chain: from) into j's members under
 * job_lock, unless an active-process limit of j or a job above it up to
 * from is reached (ERROR_NOT_ENOUGH_QUOTA, as NT's STATUS_QUOTA_EXCEEDED:
 * ACTIVE_PROCESS_LIMIT goes to that job). NEW_PROCESS goes to each job p
 * enters. */
static uint32_t join_locked(struct job *j, struct process *p, struct job_message *m)
{
	struct job *full = limit_reached_locked(j, p->job), *from = p->job;
	uint32_t commit = p->vm ? vm_private_commit(p->vm) : 0;

	if (full) {
		full->acct.terminated_processes++;
		job_message_take_locked(full, &m[0], JOB_MSG_ACTIVE_PROCESS_LIMIT, 0);
		return ERROR_NOT_ENOUGH_QUOTA;
	}
	if (from) {
		for (struct process **link = &from->members; *link; link = &(*link)->job_next)
			if (*link == p) {
				*link = p->job_next;
				break;
			}
		from->acct.total_processes--;   /* counted once, where it is now */
	}
	ob_reference(j);                /* the process's, for its life */
	p->job = j;
	p->job_next = j->members;
	j->members = p;
	j->acct.total_processes++;
	for (uint32_t i = 0; j != from && i < JOB_DEPTH_MAX; j = j->parent, i++) {
		if (commit > j->peak_process_memory)
			j->peak_process_memory = commit;
		job_message_take_locked(j, &m[i], JOB_MSG_NEW_PROCESS, p->pid);
	}
	return 0;
}

/* join_locked with the lock taken and the packets posted; the reference to
 * the job p leaves is dropped and p gets its new jobs' per-process limits. */
static uint32_t join(struct job *j, struct process *p)
{
	struct job_message m[JOB_DEPTH_MAX] = { 0 };
	struct job *from;
	uint32_t err;

	ke_acquire_spin_lock(&job_lock);
	from = p->job;
	err = join_locked(j, p, m);
	ke_release_spin_lock(&job_lock);
	job_message_post(m, JOB_DEPTH_MAX);
	if (err)
		return err;
	if (from)
		ob_dereference(from);
	job_apply_limits(p);
	return 0;
}

/* Makes j (empty, nested nowhere) a job nested in parent, under job_lock:
 * false when that would nest too deep. */
static bool nest_locked(struct job *j, struct job *parent)
{
	if (j->parent || j->members || j->children || job_depth(parent) >= JOB_DEPTH_MAX)
		return false;
	ob_reference(parent);
	j->parent = parent;
	j->sibling = parent->children;
	parent->children = j;
	return true;
}

uint32_t job_assign(struct job *j, struct process *p)
{
	struct job *cur = p->job;
	bool ok;

	if (cur && job_within(cur, j))
		return 0;               /* j holds it already */
	if (p->exited || p->terminating)
		return ERROR_ACCESS_DENIED;
	if (cur && !job_within(j, cur)) {
		ke_acquire_spin_lock(&job_lock);
		ok = nest_locked(j, cur);
		ke_release_spin_lock(&job_lock);
		if (!ok)
			return ERROR_ACCESS_DENIED;
	}
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
	struct job *j = p->job, *up = j;
	struct job_message exits[JOB_DEPTH_MAX] = { 0 }, zeros[JOB_DEPTH_MAX] = { 0 };

	if (!j)
		return;
	ke_acquire_spin_lock(&job_lock);
	if (unlink_locked(j, p)) {
		j->acct.user_ticks += p->times.user_ticks;
		j->acct.kernel_ticks += p->times.kernel_ticks;
		j->acct.page_faults += p->vm ? vm_fault_count(p->vm) : 0;
		job_io_add(&j->acct.io, p);
		job_message_chain_locked(j, exits, exit_is_abnormal(status) ?
					 JOB_MSG_ABNORMAL_EXIT_PROCESS : JOB_MSG_EXIT_PROCESS, p->pid);
		for (uint32_t i = 0; up && i < JOB_DEPTH_MAX; up = up->parent, i++)
			if (!job_active_locked(up))
				job_message_take_locked(up, &zeros[i], JOB_MSG_ACTIVE_PROCESS_ZERO, 0);
	}
	ke_release_spin_lock(&job_lock);
	job_message_post(exits, JOB_DEPTH_MAX);
	job_message_post(zeros, JOB_DEPTH_MAX);
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

void job_terminate(struct job *root, uint32_t status)
{
	/* Under job_lock: a nested job may be going (its remove procedure
	 * unlinks it under the lock). Waking waiters is allowed under it. */
	ke_acquire_spin_lock(&job_lock);
	for (struct job *j = root; j; j = job_subtree_next(root, j))
		ke_set_signal(&j->signal, 1);
	ke_release_spin_lock(&job_lock);
	job_terminate_members(root, status);
}

bool job_holds(const struct job *j, const struct process *p)
{
	return j ? job_within(p->job, j) : p->job != NULL;
}
