/* Thread system calls: CreateThread and the calls on thread handles. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/rtl/string.h"
#include "arch/cpu.h"
#include "arch/uaccess.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define CREATE_SUSPENDED                  0x00000004u
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000u
#define MB                                0x00100000u
#define STACK_GRANULE                     0x00010000u

/* Windows' stack sizes: dwStackSize is the commit (the reservation grows
 * to hold it, in 1 MB steps), or with STACK_SIZE_PARAM_IS_A_RESERVATION the
 * reservation (in 64 KB steps) with the default commit. One page at the
 * bottom is never committed and one is the guard. Rounded in 64 bits: a
 * size near 4 GB must not wrap to a small one. False when the user address
 * space could not hold the reservation. */
static bool stack_sizes(uint32_t size, uint32_t flags, struct ps_thread_params *tp)
{
	uint64_t reserve = USER_STACK_RESERVE, commit = USER_STACK_COMMIT * PAGE_SIZE;

	if (flags & STACK_SIZE_PARAM_IS_A_RESERVATION) {
		if (size)
			reserve = ((uint64_t)size + STACK_GRANULE - 1) & ~(uint64_t)(STACK_GRANULE - 1);
	} else if (size) {
		commit = ((uint64_t)size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
		if (commit + 2 * PAGE_SIZE > reserve)
			reserve = (commit + 2 * PAGE_SIZE + MB - 1) & ~(uint64_t)(MB - 1);
	}
	if (reserve > MM_USER_END - MM_USER_FIRST)
		return false;
	if (commit + 2 * PAGE_SIZE > reserve)
		commit = reserve - 2 * PAGE_SIZE;
	tp->stack_limit_pages = (uint32_t)(reserve / PAGE_SIZE);
	tp->stack_commit = (uint32_t)(commit / PAGE_SIZE);
	return true;
}

/* (process, stack size, entry, start, parameter, flags, uint32 out[2]). Only
 * the caller's own process: threads of others are not created (vados has no
 * CreateRemoteThread). */
struct sysret sys_create_thread(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread_params tp = { .entry = a[2], .args = { a[3], a[4] },
				       .suspended = (a[5] & CREATE_SUSPENDED) != 0 };
	struct process *p;
	struct ps_thread *t;
	uint32_t err, out[2] = { 0, 0 };

	(void)f;
	if (a[5] & ~(CREATE_SUSPENDED | STACK_SIZE_PARAM_IS_A_RESERVATION))
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (!copy_to_user(a[6], out, sizeof(out)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = process_by_handle(a[0], PROCESS_CREATE_THREAD, &p)) != 0)
		return (struct sysret){ err, 0 };
	if (p != process_current())
		err = ERROR_ACCESS_DENIED;
	ob_dereference(p);
	if (err)
		return (struct sysret){ err, 0 };
	if (!stack_sizes(a[1], a[5], &tp))
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	if ((err = ps_thread_create(process_current(), &tp, &t)) != 0)
		return (struct sysret){ err, 0 };
	out[1] = t->k.id;
	err = ob_open_object(process_handles(), t, THREAD_ALL_ACCESS, 0, &out[0]);
	if (err) {
		/* No handle to give: the thread ends before it runs a line. */
		ps_thread_terminate(t, 0);
		ps_thread_resume(t);
	}
	ob_dereference(t);
	if (!err && !copy_to_user(a[6], out, sizeof(out)))
		err = ERROR_NOACCESS;   /* the thread runs on, unreported */
	return (struct sysret){ err, 0 };
}

struct sysret sys_exit_thread(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	ps_thread_exit(a[0]);
}

/* (tid, access, inherit) -> handle; an unknown id: ERROR_INVALID_PARAMETER.
 * A thread of a process whose token holds a privilege the caller's lacks
 * opens only for SYNCHRONIZE and THREAD_QUERY_LIMITED_INFORMATION, unless the
 * caller has SeDebugPrivilege enabled (process_access_ceiling). */
struct sysret sys_open_thread(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t = ps_thread_find(a[0]);
	uint32_t h = 0, err;

	(void)f;
	if (!t)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	err = ob_open_object_within(process_handles(), t, a[1],
				    process_access_ceiling(t->k.process, SYNCHRONIZE |
							   THREAD_QUERY_LIMITED_INFORMATION),
				    a[2] ? HANDLE_FLAG_INHERIT : 0, &h);
	ob_dereference(t);
	return (struct sysret){ err, err ? 0 : h };
}

struct sysret sys_get_exit_code_thread(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], THREAD_QUERY_LIMITED_INFORMATION, &t), code;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	code = t->exited ? t->exit_status : STILL_ACTIVE;
	ob_dereference(t);
	return (struct sysret){ ERROR_SUCCESS, code };
}

struct sysret sys_suspend_thread(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], THREAD_SUSPEND_RESUME, &t), previous;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	previous = ps_thread_suspend(t, &err);
	ob_dereference(t);
	return (struct sysret){ err, previous };
}

struct sysret sys_resume_thread(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], THREAD_SUSPEND_RESUME, &t), previous;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	previous = ps_thread_resume(t);
	ob_dereference(t);
	return (struct sysret){ ERROR_SUCCESS, previous };
}

/* (handle, status); THREAD_TERMINATE. An ended thread: ERROR_ACCESS_DENIED. */
struct sysret sys_terminate_thread(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], THREAD_TERMINATE, &t);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	/* The caller itself: ps_thread_terminate drops our reference and does
	 * not return. */
	err = ps_thread_terminate(t, a[1]) ? ERROR_SUCCESS : ERROR_ACCESS_DENIED;
	ob_dereference(t);
	return (struct sysret){ err, 0 };
}

struct sysret sys_switch_to_thread(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	return (struct sysret){ ERROR_SUCCESS, thread_switch_any() };
}

#define THREAD_MODE_BACKGROUND_BEGIN 0x00010000u
#define THREAD_MODE_BACKGROUND_END   0x00020000u

/* THREAD_MODE_BACKGROUND_BEGIN or _END for t: the calling thread only
 * (else ERROR_INVALID_PARAMETER), not twice the same. vados has no I/O or
 * memory priorities to lower: the mode is only remembered. */
static uint32_t background_mode(struct ps_thread *t, bool begin)
{
	if (t != ps_thread_current())
		return ERROR_INVALID_PARAMETER;
	if (t->background == begin)
		return begin ? ERROR_THREAD_MODE_ALREADY_BACKGROUND : ERROR_THREAD_MODE_NOT_BACKGROUND;
	t->background = begin;
	return ERROR_SUCCESS;
}

/* (handle, set, value) -> the THREAD_PRIORITY_* value: QUERY or SET
 * (LIMITED_)INFORMATION; an unknown value: ERROR_INVALID_PARAMETER. */
struct sysret sys_thread_priority(const uint32_t *a, struct trap_frame *f)
{
	uint32_t need = a[1] ? THREAD_SET_LIMITED_INFORMATION : THREAD_QUERY_LIMITED_INFORMATION;
	struct ps_thread *t;
	uint32_t granted, err = ob_reference_by_handle(process_handles(), a[0], &thread_type, 0,
						       (void **)&t, &granted);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	/* SET_INFORMATION brings SET_LIMITED_INFORMATION, as QUERY brings QUERY_LIMITED. */
	if (granted & (a[1] ? THREAD_SET_INFORMATION : THREAD_QUERY_INFORMATION))
		granted |= need;
	if (!(granted & need))
		err = ERROR_ACCESS_DENIED;
	else if (a[1] && (a[2] == THREAD_MODE_BACKGROUND_BEGIN || a[2] == THREAD_MODE_BACKGROUND_END))
		err = background_mode(t, a[2] == THREAD_MODE_BACKGROUND_BEGIN);
	else if (a[1] && !ps_thread_set_priority(t, (int32_t)a[2]))
		err = ERROR_INVALID_PARAMETER;
	uint32_t value = (uint32_t)t->relative_priority;
	ob_dereference(t);
	return (struct sysret){ err, err ? 0 : value };
}

/* (handle, uint32 out[2]): tid, pid; QUERY_LIMITED_INFORMATION. */
struct sysret sys_thread_ids(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], THREAD_QUERY_LIMITED_INFORMATION, &t), out[2];

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	out[0] = t->k.id;
	out[1] = t->k.process->pid;
	ob_dereference(t);
	return sys_copy_out(a[1], out, sizeof(out));
}

/* (index): TlsFree's clearing of the slot in every thread of the process
 * (NT's ThreadZeroTlsCell). */
struct sysret sys_zero_tls_cell(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[0] >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	ps_zero_tls_cell(process_current(), a[0]);
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

struct thread_list {
	struct vados_thread_info out[64];
	uint32_t pid, n, max;
};

static void list_thread(const struct thread *k, void *arg)
{
	struct thread_list *c = arg;
	const struct ps_thread *t = (const struct ps_thread *)k;
	static const unsigned states[] = { [THREAD_READY] = 0, [THREAD_RUNNING] = 1,
					   [THREAD_BLOCKED] = 2, [THREAD_DEAD] = 3 };

	if (!k->process || c->n == c->max || (c->pid && k->process->pid != c->pid))
		return;
	c->out[c->n] = (struct vados_thread_info){
		.tid = k->id, .pid = k->process->pid, .state = states[k->state],
		.base_priority = k->base_priority, .priority = k->priority,
		.suspend_count = t->suspend_count, .teb = t->teb,
		.stack_base = t->stack_top, .stack_limit = t->stack_limit,
	};
	if (k->state == THREAD_BLOCKED && k->wait_reason)
		strlcpy(c->out[c->n].wait_reason, k->wait_reason,
			sizeof(c->out[c->n].wait_reason));
	c->n++;
}

/* (pid or 0 for all, buf, max) -> entries (at most 64). */
struct sysret sys_list_threads(const uint32_t *a, struct trap_frame *f)
{
	struct thread_list *c = kmalloc(sizeof(*c));
	struct sysret r = { ERROR_NOT_ENOUGH_MEMORY, 0 };

	(void)f;
	if (!c)
		return r;
	c->pid = a[0];
	c->n = 0;
	c->max = a[2] < 64 ? a[2] : 64;
	thread_for_each(list_thread, c);
	r = copy_to_user(a[1], c->out, c->n * sizeof(c->out[0])) ?
		(struct sysret){ ERROR_SUCCESS, c->n } : (struct sysret){ ERROR_NOACCESS, 0 };
	kfree(c);
	return r;
}

/* t's description copied into a kmalloc'd buffer (*out, NULL when it has
 * none), its length in *len; false when memory ran out. */
static bool description_copy(struct ps_thread *t, uint16_t **out, uint32_t *len)
{
	for (;;) {
		uint32_t want = t->description_len, have;
		uint16_t *copy = want ? kmalloc(want * sizeof(*copy)) : NULL;
		bool irq;

		if (want && !copy)
			return false;
		irq = irq_save();       /* SetThreadDescription swaps it meanwhile */
		if ((have = t->description_len) <= want && have)
			memcpy(copy, t->description, have * sizeof(*copy));
		irq_restore(irq);
		if (have <= want) {
			*out = copy;
			*len = have;
			return true;
		}
		kfree(copy);            /* it grew: again */
	}
}

/* (handle, UTF-16 buffer, units, set) -> units. Set (THREAD_SET_LIMITED_
 * INFORMATION): the buffer's units become the thread's description (more
 * than PS_DESCRIPTION_MAX: ERROR_INVALID_PARAMETER). Else (THREAD_QUERY_
 * LIMITED_INFORMATION): as many of its units as fit go to the buffer; the
 * value is its whole length. */
struct sysret sys_thread_description(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], a[3] ? THREAD_SET_LIMITED_INFORMATION
						      : THREAD_QUERY_LIMITED_INFORMATION, &t);
	uint32_t len = 0;
	uint16_t *text = NULL;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (a[3] && a[2] > PS_DESCRIPTION_MAX)
		err = ERROR_INVALID_PARAMETER;
	else if (a[3] && a[2] && !(text = kmalloc(a[2] * sizeof(*text))))
		err = ERROR_NOT_ENOUGH_MEMORY;
	else if (a[3] && !copy_from_user(text, a[1], a[2] * sizeof(*text)))
		err = ERROR_NOACCESS;
	else if (a[3])
		err = ps_thread_set_description(t, text, len = a[2]);
	else if (!description_copy(t, &text, &len))
		err = ERROR_NOT_ENOUGH_MEMORY;
	else if (!copy_to_user(a[1], text, (len < a[2] ? len : a[2]) * sizeof(*text)))
		err = ERROR_NOACCESS;
	kfree(text);
	ob_dereference(t);
	return (struct sysret){ err, err ? 0 : len };
}
