/* What kernel/ps/job.c (membership), kernel/ps/joblimit.c (limits,
 * queries), kernel/ps/jobapply.c (the members' per-process limits) and
 * kernel/ps/jobnotify.c (notification limits) share: the lock, the hierarchy walks and the packets. Private to them. */
#ifndef KERNEL_PS_JOBP_H
#define KERNEL_PS_JOBP_H

#include "kernel/ps/job.h"
#include "kernel/ke/lock.h"

/* Every job's members, limits, counters and nesting links. */
extern struct ke_spin_lock job_lock;

/* How deep jobs nest (a job and the ones above it). */
#define JOB_DEPTH_MAX 8u

/* A packet to post once job_lock is dropped: the port referenced. */
struct job_message {
	struct io_completion *port;
	uint32_t key, msg, pid;
};

/* Under job_lock: m gets j's port (referenced) for message msg about pid;
 * nothing when j has no port. */
void job_message_take_locked(struct job *j, struct job_message *m, uint32_t msg, uint32_t pid);
/* Under job_lock: one message per job from j up through its parents
 * (JOB_DEPTH_MAX entries of m). */
void job_message_chain_locked(struct job *j, struct job_message *m, uint32_t msg, uint32_t pid);
/* Posts each of n messages (lpCompletionKey the key, the byte count the
 * message, lpOverlapped the process id) and drops their ports. */
void job_message_post(struct job_message *m, uint32_t n);

/* The job after j in a walk of root's subtree (root first), or NULL. */
struct job *job_subtree_next(struct job *root, struct job *j);
/* Active members of root's subtree (under job_lock). */
uint32_t job_active_locked(struct job *root);
/* Kills every member of j's subtree (NT's PspTerminateAllProcessesInJob);
 * the caller, if it is one, ends once its system call returns. */
void job_terminate_members(struct job *j, uint32_t status);

/* The private commit of root's subtree's members, p's counted as commit
 * (p NULL: each member's own), in pages (under job_lock). */
uint32_t job_commit_locked(struct job *root, struct process *p, uint32_t commit);
/* root's counters with its subtree's and the live members' added (under
 * job_lock). */
void job_accounting_locked(struct job *root, struct job_accounting *out);
/* Timer ticks as 100 ns units. */
uint64_t job_ticks_100ns(uint32_t ticks);
/* p's I/O counters added to sum (a job's accounting, under job_lock). */
void job_io_add(struct ps_io_counters *sum, struct process *p);
/* Gives every member of root's subtree (up to JOB_APPLY_MAX) the priority
 * class and working set its jobs fix (job_apply_limits); job_lock not held. */
void job_apply_members(struct job *root);

#endif
