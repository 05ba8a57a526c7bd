/* The per-process limits a job imposes on its members: the priority class
 * (JOB_OBJECT_LIMIT_PRIORITY_CLASS) and the working-set size
 * (JOB_OBJECT_LIMIT_WORKINGSET), given to a process as it joins and to
 * every member when the limits are set; SetPriorityClass and
 * SetProcessWorkingSetSize ask job_limit_in_force first (kernel/sys). See
 * kernel/ps/job.h. */
#include "kernel/ps/jobp.h"
#include "kernel/ps/psthread.h"
#include "mm/vm.h"
#include "arch/mmu.h"

bool job_limit_in_force(struct process *p, uint32_t flag, struct job_limits *out)
{
	bool found = false;

	ke_acquire_spin_lock(&job_lock);
	for (struct job *j = p->job; j && !found; j = j->parent)
		if (j->limits.flags & flag) {
			*out = j->limits;
			found = true;
		}
	ke_release_spin_lock(&job_lock);
	return found;
}

void job_apply_limits(struct process *p)
{
	struct job_limits l;

	if (job_limit_in_force(p, JOB_LIMIT_PRIORITY_CLASS, &l))
		ps_set_priority_class(p, l.priority_base);
	/* Rundown protection keeps p's address space while the sizes change;
	 * an exiting p keeps what it has. Sizes mm cannot take are left out,
	 * as NT's job code ignores MmAdjustWorkingSetSize's failure. */
	if (job_limit_in_force(p, JOB_LIMIT_WORKINGSET, &l) && process_rundown_acquire(p)) {
		(void)vm_ws_set(p->vm, l.ws_min / PAGE_SIZE, l.ws_max / PAGE_SIZE, 0, true);
		process_rundown_release(p);
	}
}

/* Applies the limits to every member of root's subtree (up to
 * JOB_APPLY_MAX), each referenced under job_lock and served after it. */
void job_apply_members(struct job *root)
{
	struct process *members[JOB_APPLY_MAX];
	uint32_t n = 0;

	ke_acquire_spin_lock(&job_lock);
	for (struct job *j = root; j; j = job_subtree_next(root, j))
		for (struct process *p = j->members; p && n < JOB_APPLY_MAX; p = p->job_next)
			if (ob_reference_unless_deleted(p))
				members[n++] = p;
	ke_release_spin_lock(&job_lock);
	for (uint32_t i = 0; i < n; i++) {
		job_apply_limits(members[i]);
		ob_dereference(members[i]);
	}
}
