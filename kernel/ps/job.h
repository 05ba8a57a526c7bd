/* Job objects (NT's Job, part of kernel/ps): a group of processes with
 * common limits, accounting and notifications. A process is a member of one
 * job (AssignProcessToJobObject, or at creation: its creator's, unless it
 * breaks away) and stays associated with it for its whole life; it counts
 * as an active member until it exits. Jobs nest as in Windows 8: a process
 * in a job assigned to an empty job makes that one nested in its own; a
 * job's members, accounting, limits and termination take in the jobs
 * nested in it, and a process's packets go to its job's port and to every
 * port above. A job limits the number of active members, each member's
 * private commit and their sum (checked by mm before every private charge:
 * vm_set_quota_check), and their user time; it kills its members on
 * TerminateJobObject or when its last handle closes (KILL_ON_JOB_CLOSE),
 * and posts JOB_OBJECT_MSG_* packets to an associated completion port.
 * kernel/ps/job.c keeps membership and nesting, kernel/ps/joblimit.c the
 * limits and queries, kernel/ps/jobapply.c the members' priority class and
 * working set.
 *
 * Locking: one spinlock for every job's members, limits, counters and
 * nesting links (KE_RANK_JOB, after the working-set lock since mm's charge
 * check runs under it). Packets are posted and processes terminated after
 * it is dropped; a member's process reference is taken under it. */
#ifndef KERNEL_PS_JOB_H
#define KERNEL_PS_JOB_H

#include "kernel/ke/dispatcher.h"
#include "kernel/ob/ob.h"
#include "kernel/ps/process.h"

/* The rights of a job handle (Windows' values). */
#define JOB_OBJECT_ASSIGN_PROCESS          0x0001u
#define JOB_OBJECT_SET_ATTRIBUTES          0x0002u
#define JOB_OBJECT_QUERY                   0x0004u
#define JOB_OBJECT_TERMINATE               0x0008u
#define JOB_OBJECT_SET_SECURITY_ATTRIBUTES 0x0010u
#define JOB_OBJECT_IMPERSONATE             0x0020u
#define JOB_OBJECT_ALL_ACCESS              0x001f003fu

/* LimitFlags (JOBOBJECT_BASIC_LIMIT_INFORMATION and the extended one). */
#define JOB_LIMIT_WORKINGSET               0x00000001u
#define JOB_LIMIT_PROCESS_TIME             0x00000002u
#define JOB_LIMIT_JOB_TIME                 0x00000004u
#define JOB_LIMIT_ACTIVE_PROCESS           0x00000008u
#define JOB_LIMIT_AFFINITY                 0x00000010u
#define JOB_LIMIT_PRIORITY_CLASS           0x00000020u
#define JOB_LIMIT_PRESERVE_JOB_TIME        0x00000040u
#define JOB_LIMIT_SCHEDULING_CLASS         0x00000080u
#define JOB_LIMIT_PROCESS_MEMORY           0x00000100u
#define JOB_LIMIT_JOB_MEMORY               0x00000200u
#define JOB_LIMIT_DIE_ON_UNHANDLED_EXCEPTION 0x00000400u
#define JOB_LIMIT_BREAKAWAY_OK             0x00000800u
#define JOB_LIMIT_SILENT_BREAKAWAY_OK      0x00001000u
#define JOB_LIMIT_KILL_ON_JOB_CLOSE        0x00002000u
#define JOB_LIMIT_SUBSET_AFFINITY          0x00004000u
#define JOB_LIMIT_BASIC_VALID              0x000000ffu
#define JOB_LIMIT_EXTENDED_VALID           0x00007fffu

/* The JOB_OBJECT_MSG_* packets' message numbers. */
#define JOB_MSG_END_OF_JOB_TIME       1u
#define JOB_MSG_END_OF_PROCESS_TIME   2u
#define JOB_MSG_ACTIVE_PROCESS_LIMIT  3u
#define JOB_MSG_ACTIVE_PROCESS_ZERO   4u
#define JOB_MSG_NEW_PROCESS           6u
#define JOB_MSG_EXIT_PROCESS          7u
#define JOB_MSG_ABNORMAL_EXIT_PROCESS 8u
#define JOB_MSG_PROCESS_MEMORY_LIMIT  9u
#define JOB_MSG_JOB_MEMORY_LIMIT      10u
#define JOB_MSG_NOTIFICATION_LIMIT    11u

/* JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION's LimitFlags: these and
 * JOB_LIMIT_JOB_TIME, JOB_LIMIT_JOB_MEMORY (JOB_LIMIT_RATE_CONTROL needs
 * CPU rate control, which vados does not have). */
#define JOB_LIMIT_JOB_READ_BYTES      0x00010000u
#define JOB_LIMIT_JOB_WRITE_BYTES     0x00020000u
#define JOB_LIMIT_RATE_CONTROL        0x00040000u
#define JOB_LIMIT_NOTIFY_VALID        0x00070204u

#define JOB_POST_AT_END_OF_JOB        1u      /* JobObjectEndOfJobTimeInformation */

struct process;
struct io_completion;

/* A job's limits as JOBOBJECT_EXTENDED_LIMIT_INFORMATION sets them (the
 * ones vados enforces: active processes, process and job memory, the
 * breakaway and kill-on-close flags, and each member's priority class and
 * working set; the others are kept and reported). */
struct job_limits {
	uint32_t flags;                 /* JOB_LIMIT_* */
	uint64_t process_time, job_time;        /* 100 ns: kept */
	uint32_t ws_min, ws_max;        /* bytes: kept */
	uint32_t active_processes;
	uint32_t affinity, priority_class, scheduling_class;    /* affinity, scheduling: kept */
	uint8_t priority_base;          /* priority_class's base level (members get it) */
	uint32_t process_memory, job_memory;    /* pages */
};

/* What the accounting query reports (JOBOBJECT_BASIC_ACCOUNTING_INFORMATION). */
struct job_accounting {
	uint32_t user_ticks, kernel_ticks;      /* every member's, ended ones' too */
	uint32_t period_user_ticks, period_kernel_ticks;        /* since the job-time limit was set */
	uint32_t page_faults;
	uint32_t total_processes, active_processes, terminated_processes;
	struct ps_io_counters io;       /* every member's I/O, ended ones' too */
};

/* The notification limits (JobObjectNotificationLimitInformation): passing
 * one posts JOB_OBJECT_MSG_NOTIFICATION_LIMIT once (until they are set
 * again) and the members run on. */
struct job_notify {
	uint32_t flags;                 /* JOB_LIMIT_JOB_TIME, _JOB_MEMORY, _JOB_READ/WRITE_BYTES */
	uint64_t read_bytes, write_bytes, job_time, job_memory; /* bytes; 100 ns */
	uint32_t tolerance, interval;   /* RateControlTolerance(Interval): kept */
};

/* What JobObjectLimitViolationInformation reports: the limits in force, the
 * ones passed, and the figures they are measured on. */
struct job_violation {
	struct job_notify limits;
	uint32_t violated;              /* flags of limits passed */
	uint64_t read_bytes, write_bytes, job_time, job_memory;
};

struct job {
	struct dispatcher_header signal;        /* set by TerminateJobObject */
	struct process *members;        /* active members (process->job_next) */
	struct job_limits limits;
	struct job_accounting acct;     /* of the ended members (times, faults) and counts */
	uint32_t period_user_base, period_kernel_base;  /* the totals when the period began */
	uint32_t peak_process_memory, peak_job_memory;  /* pages */
	uint32_t end_of_job_action;     /* JobObjectEndOfJobTimeInformation: kept */
	struct job_notify notify;
	uint32_t notify_user_base;      /* user ticks when notify was set (its job time's origin) */
	uint32_t notify_posted;         /* notify's flags whose packet went */
	struct io_completion *port;     /* referenced, or NULL */
	uint32_t port_key;
	struct job *parent;             /* the job it is nested in (referenced), or NULL */
	struct job *children, *sibling; /* the jobs nested in it, and its parent's others */
};

extern struct ob_type job_type;

/* Registers the Job type and mm's charge check (once, at boot). */
void job_init(void);
/* A new job without limits, referenced once; NULL when the pool is exhausted. */
struct job *job_create(void);

/* AssignProcessToJobObject: p joins j. A process in a job already (Windows
 * 8's nested jobs) moves down into j when j is nested below its job, or
 * when j is empty and nested nowhere (j then becomes nested in p's job);
 * j above p's job holds it already. 0, or ERROR_ACCESS_DENIED (another
 * hierarchy, a job nested too deep, or p has exited), ERROR_NOT_ENOUGH_QUOTA
 * (the active-process limit of j or a job above; its ACTIVE_PROCESS_LIMIT
 * packet is posted). */
uint32_t job_assign(struct job *j, struct process *p);
/* A new process p (not yet running) made by creator joins the creator's job
 * unless breakaway (CREATE_BREAKAWAY_FROM_JOB) is allowed by it or the job
 * has SILENT_BREAKAWAY_OK: 0, ERROR_ACCESS_DENIED (breakaway not allowed),
 * ERROR_NOT_ENOUGH_QUOTA (the active-process limit). */
uint32_t job_inherit(struct process *creator, struct process *p, bool breakaway);
/* p has exited with status (its last thread, interrupts on): it leaves the
 * active members, its times and faults are kept, and EXIT_PROCESS or
 * ABNORMAL_EXIT_PROCESS (then ACTIVE_PROCESS_ZERO for the last) is posted. */
void job_process_exited(struct process *p, uint32_t status);
/* p never ran (its creation failed after it joined): it leaves quietly. */
void job_process_discarded(struct process *p);
/* TerminateJobObject: every active member of j and of the jobs nested in
 * it ends with status (the caller, if it is one, at its return to ring 3);
 * those jobs are signaled. */
void job_terminate(struct job *j, uint32_t status);

/* The user-time limits (JOB_OBJECT_LIMIT_PROCESS_TIME, _JOB_TIME), checked
 * as a thread of member p returns to ring 3 (p current): past the process
 * limit p ends with ERROR_NOT_ENOUGH_QUOTA (END_OF_PROCESS_TIME posted);
 * past the job limit every member does and the job is signaled, or with
 * JOB_OBJECT_POST_AT_END_OF_JOB, END_OF_JOB_TIME is posted and the limit
 * cleared. Either way the caller ends at its return to ring 3. */
void job_enforce_time(struct process *p);
/* The notification limits of p's job and the jobs above it, checked at the
 * same point: each newly passed limit posts JOB_OBJECT_MSG_NOTIFICATION_LIMIT
 * (lpOverlapped p's id) to that job's port. */
void job_check_notify(struct process *p);
static inline void job_check_time(struct process *p)
{
	if (!p || !p->job)
		return;
	if (p->job->limits.flags & (JOB_LIMIT_PROCESS_TIME | JOB_LIMIT_JOB_TIME))
		job_enforce_time(p);
	if (p->job->notify.flags || p->job->parent)
		job_check_notify(p);
}

/* Whether p is in j or a job nested in it (NULL: in any job). */
bool job_holds(const struct job *j, const struct process *p);
/* The counters of j and every job nested in it, with the live members'
 * times and faults added. */
void job_accounting(struct job *j, struct job_accounting *out);
/* Copies up to max active members' pids (nested jobs' too) into out; the
 * count of members. */
uint32_t job_pids(struct job *j, uint32_t *out, uint32_t max);
/* The limits, the peak memory figures (pages) under the lock. */
void job_get_limits(struct job *j, struct job_limits *out, uint32_t *peak_process,
		    uint32_t *peak_job);
/* Replaces the limits (checked by the caller); new_period: the job's user
 * time counts against the job-time limit from now (ThisPeriodTotalUserTime).
 * The members (up to JOB_APPLY_MAX of them) then get the priority class and
 * working set it fixes. */
#define JOB_APPLY_MAX 64u
void job_set_limits(struct job *j, const struct job_limits *l, bool new_period);
/* Whether a job of p's (its own or one above, the nearest first) sets the
 * per-process limit flag (JOB_LIMIT_PRIORITY_CLASS, _WORKINGSET); that
 * job's limits into out. */
bool job_limit_in_force(struct process *p, uint32_t flag, struct job_limits *out);
/* Gives member p the priority class and working-set size its jobs fix, as
 * NT does when a process joins or the limits are set. */
void job_apply_limits(struct process *p);

/* JobObjectAssociateCompletionPortInformation: packets go to port (a
 * reference is taken) under key; NEW_PROCESS is posted for each active
 * member. ERROR_INVALID_PARAMETER when j has a port already. A NULL port
 * ends the association (Windows 8's rule), so another can be set. */
uint32_t job_set_port(struct job *j, struct io_completion *port, uint32_t key);
/* JobObjectNotificationLimitInformation: replaces the notification limits
 * (checked by the caller); the job time counts from now. */
void job_set_notify(struct job *j, const struct job_notify *n);
/* The notification limits and where j stands against them. */
void job_get_violation(struct job *j, struct job_violation *out);

/* JobObjectEndOfJobTimeInformation's action, kept. */
void job_set_end_action(struct job *j, uint32_t action);

#endif
