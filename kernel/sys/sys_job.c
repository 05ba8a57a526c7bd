/* Job objects as system calls: CreateJobObject, OpenJobObject,
 * AssignProcessToJobObject, TerminateJobObject, IsProcessInJob and the
 * information classes of QueryInformationJobObject and
 * SetInformationJobObject, whose records (Windows' 32-bit layouts) are
 * read and written here; kernel/ps/job.c keeps the job. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/job.h"
#include "kernel/ps/process.h"
#include "kernel/io/completion.h"
#include "kernel/rtl/string.h"
#include "arch/trap.h"
#include "arch/uaccess.h"
#include "arch/mmu.h"
#include "mm/pool.h"

/* The information classes (JOBOBJECTINFOCLASS). */
enum {
	JOB_BASIC_ACCOUNTING = 1,
	JOB_BASIC_LIMIT = 2,
	JOB_PROCESS_ID_LIST = 3,
	JOB_END_OF_JOB_TIME = 6,
	JOB_ASSOCIATE_PORT = 7,
	JOB_BASIC_AND_IO_ACCOUNTING = 8,
	JOB_EXTENDED_LIMIT = 9,
	JOB_GROUP = 11,
	JOB_NOTIFICATION_LIMIT = 12,
	JOB_LIMIT_VIOLATION = 13,
	JOB_CPU_RATE = 15,
};

#define JOB_CPU_RATE_SIZE 8u            /* sizeof(JOBOBJECT_CPU_RATE_CONTROL_INFORMATION) */
#define JOB_GROUPS_MAX    64u           /* USHORTs a JobObjectGroupInformation set may list */

/* JOBOBJECT_BASIC_LIMIT_INFORMATION (48 bytes: MSVC aligns it to 8). */
struct job_basic_limit_rec {
	uint64_t process_time, job_time;
	uint32_t flags, ws_min, ws_max, active_processes, affinity;
	uint32_t priority_class, scheduling_class, pad;
};
/* JOBOBJECT_EXTENDED_LIMIT_INFORMATION (112 bytes). */
struct job_extended_limit_rec {
	struct job_basic_limit_rec basic;
	uint64_t io[6];
	uint32_t process_memory, job_memory, peak_process_memory, peak_job_memory;
};
/* JOBOBJECT_BASIC_ACCOUNTING_INFORMATION (48 bytes), then IO_COUNTERS for
 * JobObjectBasicAndIoAccountingInformation (96). */
struct job_accounting_rec {
	uint64_t user, kernel, period_user, period_kernel;
	uint32_t page_faults, total_processes, active_processes, terminated_processes;
	uint64_t io[6];
};
/* JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION (48 bytes). */
struct job_notify_rec {
	uint64_t read_bytes, write_bytes, job_time, job_memory;
	uint32_t tolerance, interval, flags, pad;
};
/* JOBOBJECT_LIMIT_VIOLATION_INFORMATION (80 bytes). */
struct job_violation_rec {
	uint32_t flags, violated;
	uint64_t read_bytes, read_limit, write_bytes, write_limit;
	uint64_t job_time, job_time_limit, job_memory, job_memory_limit;
	uint32_t tolerance, tolerance_limit;
};
_Static_assert(sizeof(struct job_notify_rec) == 48, "JOBOBJECT_NOTIFICATION_LIMIT_INFORMATION");
_Static_assert(sizeof(struct job_violation_rec) == 80, "JOBOBJECT_LIMIT_VIOLATION_INFORMATION");
_Static_assert(sizeof(struct job_basic_limit_rec) == 48, "JOBOBJECT_BASIC_LIMIT_INFORMATION");
_Static_assert(sizeof(struct job_extended_limit_rec) == 112, "JOBOBJECT_EXTENDED_LIMIT_INFORMATION");
_Static_assert(sizeof(struct job_accounting_rec) == 96, "JOBOBJECT_BASIC_AND_IO_ACCOUNTING");
_Static_assert(sizeof(struct ps_io_counters) == 48, "IO_COUNTERS");

#define JOB_ID_LIST_HEADER 12u          /* sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST) */
#define JOB_ID_LIST_MAX    256u         /* pids one query reports */
#define HUNDRED_NS_PER_SECOND 10000000ull

/* (name or 0, access, inherit, uint32 *existed) -> handle; an existing
 * job's name opens it. */
struct sysret sys_create_job(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t err = sys_named_in(name, a[0], a[3]);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	return sys_named_create(job_create(), name, a[1], a[2], a[3]);
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_job(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return sys_named_open(&job_type, a[0], a[1], a[2]);
}

/* The job behind handle with desired, referenced. */
static uint32_t job_by_handle(uint32_t handle, uint32_t desired, struct job **out)
{
	return ob_reference_by_handle(process_handles(), handle, &job_type, desired,
				      (void **)out, NULL);
}

/* (job, process): JOB_OBJECT_ASSIGN_PROCESS; PROCESS_SET_QUOTA and
 * PROCESS_TERMINATE of the process, as Windows asks. */
struct sysret sys_assign_job(const uint32_t *a, struct trap_frame *f)
{
	struct job *j;
	struct process *p;
	uint32_t err = job_by_handle(a[0], JOB_OBJECT_ASSIGN_PROCESS, &j);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	err = process_by_handle(a[1], PROCESS_SET_QUOTA | PROCESS_TERMINATE, &p);
	if (!err) {
		err = job_assign(j, p);
		ob_dereference(p);
	}
	ob_dereference(j);
	return (struct sysret){ err, 0 };
}

/* (job, exit code): JOB_OBJECT_TERMINATE. */
struct sysret sys_terminate_job(const uint32_t *a, struct trap_frame *f)
{
	struct job *j;
	uint32_t err = job_by_handle(a[0], JOB_OBJECT_TERMINATE, &j);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	job_terminate(j, a[1]);
	ob_dereference(j);
	return (struct sysret){ 0, 0 };
}

/* (process, job or 0) -> whether the process is in it (in any, for 0):
 * PROCESS_QUERY_LIMITED_INFORMATION, JOB_OBJECT_QUERY. */
struct sysret sys_is_process_in_job(const uint32_t *a, struct trap_frame *f)
{
	struct job *j = NULL;
	struct process *p;
	uint32_t err = process_by_handle(a[0], PROCESS_QUERY_LIMITED_INFORMATION, &p), in = 0;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (a[1])
		err = job_by_handle(a[1], JOB_OBJECT_QUERY, &j);
	if (!err)
		in = job_holds(j, p);
	if (j)
		ob_dereference(j);
	ob_dereference(p);
	return (struct sysret){ err, in };
}

static uint64_t ticks_to_100ns(uint32_t ticks)
{
	return (uint64_t)ticks * HUNDRED_NS_PER_SECOND / timer_hz();
}

/* The accounting record, the I/O counters (IO_COUNTERS: NT's order is
 * struct ps_io_counters') its members' and ended members' sums. */
static void accounting_fill(struct job *j, struct job_accounting_rec *r)
{
	struct job_accounting acct;

	job_accounting(j, &acct);
	r->user = ticks_to_100ns(acct.user_ticks);
	r->kernel = ticks_to_100ns(acct.kernel_ticks);
	r->period_user = ticks_to_100ns(acct.period_user_ticks);
	r->period_kernel = ticks_to_100ns(acct.period_kernel_ticks);
	r->page_faults = acct.page_faults;
	r->total_processes = acct.total_processes;
	r->active_processes = acct.active_processes;
	r->terminated_processes = acct.terminated_processes;
	memcpy(r->io, &acct.io, sizeof(r->io));
}

/* The limit records, basic ones showing only the basic flags; the
 * extended one's IoInfo is the job's I/O so far, as NT fills it. */
static void limits_fill(struct job *j, struct job_extended_limit_rec *r, bool basic)
{
	struct job_limits l;
	struct job_accounting acct;
	uint32_t peak_process, peak_job;

	job_get_limits(j, &l, &peak_process, &peak_job);
	if (!basic) {
		job_accounting(j, &acct);
		memcpy(r->io, &acct.io, sizeof(r->io));
	}
	r->basic = (struct job_basic_limit_rec){
		.process_time = l.process_time, .job_time = l.job_time,
		.flags = basic ? l.flags & JOB_LIMIT_BASIC_VALID : l.flags,
		.ws_min = l.ws_min, .ws_max = l.ws_max, .active_processes = l.active_processes,
		.affinity = l.affinity, .priority_class = l.priority_class,
		.scheduling_class = l.scheduling_class,
	};
	r->process_memory = l.process_memory * PAGE_SIZE;
	r->job_memory = l.job_memory * PAGE_SIZE;
	r->peak_process_memory = peak_process * PAGE_SIZE;
	r->peak_job_memory = peak_job * PAGE_SIZE;
}

/* The notification limits' record, each value shown with its flag. */
static void notify_fill(struct job *j, struct job_notify_rec *r)
{
	struct job_violation v;

	job_get_violation(j, &v);
	*r = (struct job_notify_rec){
		.read_bytes = v.limits.read_bytes, .write_bytes = v.limits.write_bytes,
		.job_time = v.limits.job_time, .job_memory = v.limits.job_memory,
		.tolerance = v.limits.tolerance, .interval = v.limits.interval,
		.flags = v.limits.flags,
	};
}

/* JobObjectLimitViolationInformation: the notification limits in force,
 * the ones passed, and the job's figures. */
static void violation_fill(struct job *j, struct job_violation_rec *r)
{
	struct job_violation v;

	job_get_violation(j, &v);
	*r = (struct job_violation_rec){
		.flags = v.limits.flags, .violated = v.violated,
		.read_bytes = v.read_bytes, .read_limit = v.limits.read_bytes,
		.write_bytes = v.write_bytes, .write_limit = v.limits.write_bytes,
		.job_time = v.job_time, .job_time_limit = v.limits.job_time,
		.job_memory = v.job_memory, .job_memory_limit = v.limits.job_memory,
		.tolerance_limit = v.limits.tolerance,
	};
}

/* JobObjectBasicProcessIdList into buf (len bytes, at least the header):
 * as many ids as fit; ERROR_MORE_DATA when some did not. *size gets the
 * bytes filled. */
static uint32_t pid_list_fill(struct job *j, uint32_t *buf, uint32_t len, uint32_t *size)
{
	uint32_t room = (len - 8) / 4, total;

	if (room > JOB_ID_LIST_MAX)
		room = JOB_ID_LIST_MAX;
	total = job_pids(j, buf + 2, room);
	buf[0] = total;
	buf[1] = total < room ? total : room;
	*size = 8 + buf[1] * 4;
	return total > room ? ERROR_MORE_DATA : 0;
}

/* The record of class for j in buf; its size in *size. ERROR_BAD_LENGTH when
 * len is not the class's size, ERROR_INVALID_PARAMETER for a class that
 * cannot be queried. */
static uint32_t query_fill(struct job *j, uint32_t class, void *buf, uint32_t len,
			   uint32_t *size)
{
	switch (class) {
	case JOB_BASIC_ACCOUNTING:
	case JOB_BASIC_AND_IO_ACCOUNTING:
		*size = class == JOB_BASIC_ACCOUNTING ? 48 : 96;
		if (len == *size)
			accounting_fill(j, buf);
		break;
	case JOB_BASIC_LIMIT:
	case JOB_EXTENDED_LIMIT:
		*size = class == JOB_BASIC_LIMIT ? 48 : 112;
		if (len == *size)
			limits_fill(j, buf, class == JOB_BASIC_LIMIT);
		break;
	case JOB_PROCESS_ID_LIST:
		if (len < JOB_ID_LIST_HEADER)
			return ERROR_BAD_LENGTH;
		return pid_list_fill(j, buf, len, size);
	case JOB_END_OF_JOB_TIME:
		*size = 4;
		if (len == *size)
			*(uint32_t *)buf = j->end_of_job_action;
		break;
	case JOB_GROUP:
		/* One processor group, 0: every job's. */
		if (len < 2)
			return ERROR_BAD_LENGTH;
		*size = 2;
		*(uint16_t *)buf = 0;
		return 0;
	case JOB_CPU_RATE:
		/* No CPU rate control: ControlFlags and the rates 0. */
		*size = JOB_CPU_RATE_SIZE;
		if (len == *size)
			memset(buf, 0, JOB_CPU_RATE_SIZE);
		break;
	case JOB_NOTIFICATION_LIMIT:
		*size = sizeof(struct job_notify_rec);
		if (len == *size)
			notify_fill(j, buf);
		break;
	case JOB_LIMIT_VIOLATION:
		*size = sizeof(struct job_violation_rec);
		if (len == *size)
			violation_fill(j, buf);
		break;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	return len == *size ? 0 : ERROR_BAD_LENGTH;
}

/* The job a query names: the handle's (JOB_OBJECT_QUERY) or, for 0, the
 * caller's own (ERROR_ACCESS_DENIED when it has none, as NT). */
static uint32_t query_job(uint32_t handle, struct job **out)
{
	struct job *own = process_current()->job;

	if (handle)
		return job_by_handle(handle, JOB_OBJECT_QUERY, out);
	if (!own)
		return ERROR_ACCESS_DENIED;
	ob_reference(own);
	*out = own;
	return 0;
}

/* (job or 0, class, buf, len, uint32 *returned or 0) */
struct sysret sys_query_job(const uint32_t *a, struct trap_frame *f)
{
	uint32_t len = a[3], cap = JOB_ID_LIST_HEADER + 4 * JOB_ID_LIST_MAX, size = 0, err;
	uint32_t *buf;
	struct job *j;

	(void)f;
	if ((err = query_job(a[0], &j)) != 0)
		return (struct sysret){ err, 0 };
	buf = kmalloc(cap);
	err = buf ? query_fill(j, a[1], buf, len < cap ? len : cap, &size) :
		ERROR_NOT_ENOUGH_MEMORY;
	ob_dereference(j);
	if ((!err || err == ERROR_MORE_DATA) && !copy_to_user(a[2], buf, size))
		err = ERROR_NOACCESS;
	if ((!err || err == ERROR_MORE_DATA) && a[4] && !copy_to_user(a[4], &size, 4))
		err = ERROR_NOACCESS;
	kfree(buf);
	return (struct sysret){ err, 0 };
}

/* Whether r's basic part asks for what Windows accepts: known flags (the
 * basic ones only, for the basic class), not both job-time flags, a known
 * priority and scheduling class, an affinity within the one processor. */
static bool limits_valid(const struct job_basic_limit_rec *r, bool basic)
{
	uint32_t fl = r->flags;
	bool class_ok = !(fl & JOB_LIMIT_PRIORITY_CLASS) || sys_priority_class_base(r->priority_class);

	return !(fl & ~(basic ? JOB_LIMIT_BASIC_VALID : JOB_LIMIT_EXTENDED_VALID)) &&
	       (fl & (JOB_LIMIT_PRESERVE_JOB_TIME | JOB_LIMIT_JOB_TIME)) !=
	       (JOB_LIMIT_PRESERVE_JOB_TIME | JOB_LIMIT_JOB_TIME) && class_ok &&
	       (!(fl & JOB_LIMIT_SCHEDULING_CLASS) || r->scheduling_class <= 9) &&
	       (!(fl & JOB_LIMIT_AFFINITY) || r->affinity == 1) &&
	       (!(fl & JOB_LIMIT_SUBSET_AFFINITY) || (fl & JOB_LIMIT_AFFINITY)) &&
	       (!(fl & JOB_LIMIT_WORKINGSET) || r->ws_min <= r->ws_max);
}

/* JobObjectBasicLimitInformation (the extended limits stay) or
 * JobObjectExtendedLimitInformation from r; each value counts only with its
 * flag. */
static uint32_t set_limits(struct job *j, const struct job_extended_limit_rec *r, bool basic)
{
	const struct job_basic_limit_rec *b = &r->basic;
	struct job_limits l;
	uint32_t fl = b->flags, peak_process, peak_job;
	bool new_period;

	if (!limits_valid(b, basic))
		return ERROR_INVALID_PARAMETER;
	job_get_limits(j, &l, &peak_process, &peak_job);
	if (basic)
		fl |= l.flags & ~JOB_LIMIT_BASIC_VALID;
	else {
		l.process_memory = fl & JOB_LIMIT_PROCESS_MEMORY ? r->process_memory / PAGE_SIZE : 0;
		l.job_memory = fl & JOB_LIMIT_JOB_MEMORY ? r->job_memory / PAGE_SIZE : 0;
	}
	/* PRESERVE_JOB_TIME keeps the job-time limit set before, and its period. */
	if (fl & JOB_LIMIT_PRESERVE_JOB_TIME)
		fl = (fl & ~JOB_LIMIT_PRESERVE_JOB_TIME) | (l.flags & JOB_LIMIT_JOB_TIME);
	else
		l.job_time = fl & JOB_LIMIT_JOB_TIME ? b->job_time : 0;
	new_period = (b->flags & JOB_LIMIT_JOB_TIME) != 0;
	l.flags = fl;
	l.process_time = fl & JOB_LIMIT_PROCESS_TIME ? b->process_time : 0;
	l.ws_min = fl & JOB_LIMIT_WORKINGSET ? b->ws_min : 0;
	l.ws_max = fl & JOB_LIMIT_WORKINGSET ? b->ws_max : 0;
	l.active_processes = fl & JOB_LIMIT_ACTIVE_PROCESS ? b->active_processes : 0;
	l.affinity = fl & JOB_LIMIT_AFFINITY ? b->affinity : 0;
	l.priority_class = fl & JOB_LIMIT_PRIORITY_CLASS ? b->priority_class : 0;
	l.priority_base = sys_priority_class_base(l.priority_class);
	l.scheduling_class = fl & JOB_LIMIT_SCHEDULING_CLASS ? b->scheduling_class : 0;
	job_set_limits(j, &l, new_period);
	return 0;
}

/* JobObjectNotificationLimitInformation from r: ERROR_INVALID_PARAMETER
 * for an unknown flag, for JOB_OBJECT_LIMIT_RATE_CONTROL (vados has no CPU
 * rate control to tolerate) and for a tolerance or interval out of range. */
static uint32_t set_notify(struct job *j, const struct job_notify_rec *r)
{
	uint32_t fl = r->flags;
	struct job_notify n = {
		.flags = fl,
		.read_bytes = fl & JOB_LIMIT_JOB_READ_BYTES ? r->read_bytes : 0,
		.write_bytes = fl & JOB_LIMIT_JOB_WRITE_BYTES ? r->write_bytes : 0,
		.job_time = fl & JOB_LIMIT_JOB_TIME ? r->job_time : 0,
		.job_memory = fl & JOB_LIMIT_JOB_MEMORY ? r->job_memory : 0,
		.tolerance = r->tolerance, .interval = r->interval,
	};

	if ((fl & ~JOB_LIMIT_NOTIFY_VALID) || (fl & JOB_LIMIT_RATE_CONTROL) ||
	    r->tolerance > 3 || r->interval > 3)
		return ERROR_INVALID_PARAMETER;
	job_set_notify(j, &n);
	return 0;
}

/* JobObjectAssociateCompletionPortInformation: the port's handle needs
 * IO_COMPLETION_MODIFY_STATE; NULL removes the job's port. */
static uint32_t set_port(struct job *j, const uint32_t rec[2])
{
	struct io_completion *c;
	uint32_t err;

	if (!rec[1])
		return job_set_port(j, NULL, 0);
	err = ob_reference_by_handle(process_handles(), rec[1], &io_completion_type,
				     IO_COMPLETION_MODIFY_STATE, (void **)&c, NULL);
	if (err)
		return err;
	err = job_set_port(j, c, rec[0]);
	ob_dereference(c);
	return err;
}

/* The class's record size for a set, 0 for a class that cannot be set. */
static uint32_t set_size(uint32_t class)
{
	switch (class) {
	case JOB_BASIC_LIMIT:
		return 48;
	case JOB_EXTENDED_LIMIT:
		return 112;
	case JOB_ASSOCIATE_PORT:
		return 8;
	case JOB_END_OF_JOB_TIME:
		return 4;
	case JOB_NOTIFICATION_LIMIT:
		return sizeof(struct job_notify_rec);
	case JOB_CPU_RATE:
		return JOB_CPU_RATE_SIZE;
	default:
		return 0;
	}
}

/* JobObjectGroupInformation's set (job, buf, len): a list of processor
 * groups (USHORTs); vados has group 0 only, so a list naming another is
 * ERROR_INVALID_PARAMETER and one naming 0 changes nothing. */
static uint32_t set_groups(uint32_t handle, uint32_t buf, uint32_t len)
{
	uint16_t groups[JOB_GROUPS_MAX];
	struct job *j;
	uint32_t err;

	if (len == 0 || len % 2 || len > sizeof(groups))
		return ERROR_BAD_LENGTH;
	if (!copy_from_user(groups, buf, len))
		return ERROR_NOACCESS;
	if ((err = job_by_handle(handle, JOB_OBJECT_SET_ATTRIBUTES, &j)) != 0)
		return err;
	ob_dereference(j);
	for (uint32_t i = 0; i < len / 2; i++)
		if (groups[i] != 0)
			return ERROR_INVALID_PARAMETER;
	return 0;
}

/* (job, class, buf, len): JOB_OBJECT_SET_ATTRIBUTES. */
struct sysret sys_set_job(const uint32_t *a, struct trap_frame *f)
{
	union {
		struct job_extended_limit_rec limits;
		struct job_notify_rec notify;
		uint32_t words[2];
	} rec;
	uint32_t size = set_size(a[1]), err;
	struct job *j;

	(void)f;
	if (a[1] == JOB_GROUP)
		return (struct sysret){ set_groups(a[0], a[2], a[3]), 0 };
	if (!size)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (a[3] != size)
		return (struct sysret){ ERROR_BAD_LENGTH, 0 };
	if (!copy_from_user(&rec, a[2], size))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = job_by_handle(a[0], JOB_OBJECT_SET_ATTRIBUTES, &j)) != 0)
		return (struct sysret){ err, 0 };
	if (a[1] == JOB_ASSOCIATE_PORT)
		err = set_port(j, rec.words);
	else if (a[1] == JOB_CPU_RATE)
		err = ERROR_NOT_SUPPORTED;      /* as Windows with fair-share scheduling on */
	else if (a[1] == JOB_NOTIFICATION_LIMIT)
		err = set_notify(j, &rec.notify);
	else if (a[1] == JOB_END_OF_JOB_TIME)
		err = rec.words[0] > 1 ? ERROR_INVALID_PARAMETER :
			(job_set_end_action(j, rec.words[0]), 0);
	else
		err = set_limits(j, &rec.limits, a[1] == JOB_BASIC_LIMIT);
	ob_dereference(j);
	return (struct sysret){ err, 0 };
}
