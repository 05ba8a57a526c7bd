/* Process, handle, time and memory-status system calls. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/volume.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/ps/process.h"
#include "mm/mm.h"
#include "kernel/rtl/string.h"
#include "arch/cpu.h"
#include "arch/uaccess.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define STILL_ACTIVE      259u
#define INFINITE          0xffffffffu

struct sysret sys_exit_process(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	process_exit(a[0]);
}

struct sysret sys_get_process_id(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	return (struct sysret){ ERROR_SUCCESS, process_current()->pid };
}

uint32_t ms_to_ticks(uint32_t ms)
{
	if (ms == INFINITE)
		return WAIT_FOREVER;
	return ms / MS_PER_TICK + (ms % MS_PER_TICK != 0);
}

struct sysret sys_sleep(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[0] == 0)
		thread_yield();
	else
		wait_queue_sleep_timeout(NULL, ms_to_ticks(a[0]));
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

struct sysret sys_get_tick_count(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	return (struct sysret){ ERROR_SUCCESS, timer_ticks() * MS_PER_TICK };
}


uint32_t sys_copy_string_in(char *dst, vaddr_t src, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		if (!copy_from_user(&dst[i], src + i, 1))
			return ERROR_NOACCESS;
		if (dst[i] == '\0')
			return 0;
	}
	return ERROR_INVALID_PARAMETER;
}

#define CREATE_SUSPENDED 0x00000004u
#define CREATE_BREAKAWAY_FROM_JOB 0x01000000u

/* The token a new process gets a copy of: the caller's, or the one behind
 * handle (CreateProcessAsUser), referenced, which must grant TOKEN_QUERY,
 * TOKEN_DUPLICATE and TOKEN_ASSIGN_PRIMARY and hold no privilege the
 * caller's lacks (else ERROR_PRIVILEGE_NOT_HELD: Windows asks for
 * SeAssignPrimaryTokenPrivilege then, which no vados token holds). */
static uint32_t creation_token(uint32_t handle, struct token **out)
{
	uint32_t err;

	if (!handle) {
		*out = process_current()->token;
		ob_reference(*out);
		return 0;
	}
	err = ob_reference_by_handle(process_handles(), handle, &token_type,
				     TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_ASSIGN_PRIMARY,
				     (void **)out, NULL);
	if (!err && !se_token_within(*out, process_current()->token)) {
		ob_dereference(*out);
		err = ERROR_PRIVILEGE_NOT_HELD;
	}
	return err;
}

/* CreateProcess's strings, copied in (too big for a kernel stack together). */
struct create_strings {
	char cmdline[PROCESS_CMDLINE_MAX];
	char image[RTL_MAX_PATH];
	char cwd[RTL_MAX_PATH];
	char path[PS_ENV_MAX];          /* PATH: no longer than the block it comes from */
};

/* lpCurrentDirectory at user (resolved against the caller's): a directory
 * that exists, else ERROR_DIRECTORY as Windows reports it; ERROR_NOACCESS
 * for a bad pointer. */
static uint32_t directory_in(uint32_t user, char cwd[RTL_MAX_PATH])
{
	char *full;
	uint32_t err = sys_path_in(user, &full);

	if (!err) {
		err = sys_directory_check(full, cwd);
		kfree(full);
	}
	return err && err != ERROR_NOACCESS ? ERROR_DIRECTORY : err;
}

/* The start-up record at user (its first word its size) into a kernel copy
 * in pp, which the runtime of the child reads (GetStartupInfo): the kernel
 * only carries it. */
static uint32_t startup_in(uint32_t user, struct process_params *pp)
{
	uint32_t size;
	void *copy;

	if (!copy_from_user(&size, user, sizeof(size)))
		return ERROR_NOACCESS;
	if (size < sizeof(size) || size > VADOS_STARTUP_MAX)
		return ERROR_INVALID_PARAMETER;
	if (!(copy = kmalloc(size)))
		return ERROR_NOT_ENOUGH_MEMORY;
	if (!copy_from_user(copy, user, size)) {
		kfree(copy);
		return ERROR_NOACCESS;
	}
	pp->startup = copy;
	pp->startup_size = size;
	return ERROR_SUCCESS;
}

/* Copies in every string argument of sys_create_process into pp and s. */
static uint32_t create_args_in(const uint32_t *a, struct create_strings *s,
			       struct process_params *pp)
{
	uint32_t err = sys_copy_string_in(s->cmdline, a[0], sizeof(s->cmdline));

	if (!err && a[3] && (err = sys_copy_string_in(s->image, a[3], sizeof(s->image))) ==
	    ERROR_INVALID_PARAMETER)
		err = ERROR_FILE_NOT_FOUND;     /* no program has so long a name */
	if (!err && a[7])
		err = directory_in(a[7], s->cwd);
	if (!err && a[8])
		err = sys_copy_string_in(s->path, a[8], sizeof(s->path));
	if (!err && a[6])
		err = ps_env_copy_in(a[6], (char **)&pp->env, &pp->env_size);
	if (!err && a[9])
		err = startup_in(a[9], pp);
	pp->image = a[3] ? s->image : NULL;
	pp->cmdline = s->cmdline;
	pp->cwd = a[7] ? s->cwd : NULL;
	pp->search_path = a[8] ? s->path : NULL;
	return err;
}

/* (cmdline, uint32 out[4], inherit, image or 0, flags, token or 0, environment
 * block or 0, current directory or 0, PATH or 0, start-up record or 0): out = process handle, pid,
 * thread handle, tid; the handles have every right. */
struct sysret sys_create_process(const uint32_t *a, struct trap_frame *f)
{
	struct create_strings *s = kmalloc(sizeof(*s));
	struct process_params pp = { .parent = a[2] ? process_current() : NULL,
				     .creator = process_current(), .opener = process_handles(),
				     .suspended = (a[4] & CREATE_SUSPENDED) != 0,
				     .breakaway = (a[4] & CREATE_BREAKAWAY_FROM_JOB) != 0 };
	uint32_t err = s ? create_args_in(a, s, &pp) : ERROR_NOT_ENOUGH_MEMORY, out[4] = { 0 };
	struct process *p = NULL;

	(void)f;
	/* Everything that can fail is checked before the child exists. */
	if (!err && !copy_to_user(a[1], out, sizeof(out)))
		err = ERROR_NOACCESS;
	if (!err)
		err = creation_token(a[5], &pp.token);
	if (!err) {
		p = process_spawn(&pp, &err);
		ob_dereference(pp.token);
	}
	kfree((void *)pp.env);
	kfree((void *)pp.startup);
	kfree(s);
	if (!p)
		return (struct sysret){ err, 0 };
	out[0] = pp.handle;
	out[1] = p->pid;
	out[2] = pp.thread_handle;
	out[3] = pp.tid;
	ob_dereference(p);
	/* The out buffer was probed; if it went away since, the child runs on
	 * unreported, as if its handles had been closed at once. */
	if (!copy_to_user(a[1], out, sizeof(out))) {
		ob_close_handle(process_handles(), pp.handle);
		if (pp.thread_handle)
			ob_close_handle(process_handles(), pp.thread_handle);
		err = ERROR_NOACCESS;
	}
	return (struct sysret){ err, 0 };
}

/* (pid, access, inherit) -> handle. NT keeps no process 0 for ring 3 to
 * open: ERROR_INVALID_PARAMETER, as for any pid that does not exist. A
 * process whose token holds a privilege the caller's lacks opens only for
 * SYNCHRONIZE and PROCESS_QUERY_LIMITED_INFORMATION, unless the caller has
 * SeDebugPrivilege enabled (process_access_ceiling). */
struct sysret sys_open_process(const uint32_t *a, struct trap_frame *f)
{
	struct process *p = a[0] ? process_find(a[0]) : NULL;
	uint32_t h = 0, err;

	(void)f;
	if (!p)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	err = ob_open_object_within(process_handles(), p, a[1],
				    process_access_ceiling(p, SYNCHRONIZE |
							   PROCESS_QUERY_LIMITED_INFORMATION),
				    a[2] ? HANDLE_FLAG_INHERIT : 0, &h);
	ob_dereference(p);
	return (struct sysret){ err, err ? 0 : h };
}

/* One value read off the process behind handle, which needs
 * PROCESS_QUERY_(LIMITED_)INFORMATION. */
static struct sysret query_process(uint32_t handle, uint32_t (*read)(const struct process *))
{
	struct process *p;
	uint32_t err = process_by_handle(handle, PROCESS_QUERY_LIMITED_INFORMATION, &p), value;

	if (err)
		return (struct sysret){ err, 0 };
	value = read(p);
	ob_dereference(p);
	return (struct sysret){ ERROR_SUCCESS, value };
}

static uint32_t exit_code_of(const struct process *p)
{
	return p->exited ? p->exit_status : STILL_ACTIVE;
}

static uint32_t pid_of(const struct process *p)
{
	return p->pid;
}

/* (handle) -> exit status or STILL_ACTIVE */
struct sysret sys_get_exit_code(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return query_process(a[0], exit_code_of);
}

/* (handle) -> the process's id (GetProcessId) */
struct sysret sys_process_id_of(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return query_process(a[0], pid_of);
}

/* (process, native, buf, size) -> the length of the name of the process's
 * program file, copied to buf with its terminator: its full path
 * ("C:\BIN\HELLO.EXE"), or with native its device form (io_device_path);
 * a boot module's name as it is. PROCESS_QUERY_LIMITED_INFORMATION (the
 * name stays after the process ends). When size cannot hold it,
 * ERROR_INSUFFICIENT_BUFFER and the size needed. */
struct sysret sys_process_image_name(const uint32_t *a, struct trap_frame *f)
{
	char name[RTL_MAX_PATH + 32];
	struct process *p;
	uint32_t len, err = process_by_handle(a[0], PROCESS_QUERY_LIMITED_INFORMATION, &p);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (a[1])
		io_device_path(p->image_path[0] ? p->image_path : p->name, name, sizeof(name));
	else
		strlcpy(name, p->image_path[0] ? p->image_path : p->name, sizeof(name));
	ob_dereference(p);
	len = strlen(name);
	if (len >= a[3])
		return (struct sysret){ ERROR_INSUFFICIENT_BUFFER, len + 1 };
	if (!copy_to_user(a[2], name, len + 1))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, len };
}

/* (handle, status); PROCESS_TERMINATE. An ended process: ERROR_ACCESS_DENIED,
 * as Windows reports it. */
struct sysret sys_terminate_process(const uint32_t *a, struct trap_frame *f)
{
	struct process *p;
	uint32_t err = process_by_handle(a[0], PROCESS_TERMINATE, &p);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (p == process_current())
		ob_dereference(p);      /* process_exit does not return */
	err = process_terminate(p, a[1]) ? ERROR_SUCCESS : ERROR_ACCESS_DENIED;
	ob_dereference(p);
	return (struct sysret){ err, 0 };
}

struct list_ctx {
	struct vados_process_info out[64];
	uint32_t n, max;
};

static void list_one(const struct process *p, void *arg)
{
	struct list_ctx *c = arg;

	if (c->n == c->max)
		return;
	c->out[c->n] = (struct vados_process_info){ p->pid, p->exited, p->exit_status,
						    p->handles.count, { 0 }, p->active_threads,
						    p->parent_pid, p->priority_base };
	strlcpy(c->out[c->n].name, p->name, sizeof(c->out[c->n].name));
	c->n++;
}

struct sysret sys_list_processes(const uint32_t *a, struct trap_frame *f)
{
	struct list_ctx *c = kmalloc(sizeof(*c));
	struct sysret r = { ERROR_NOT_ENOUGH_MEMORY, 0 };
	bool irq;

	(void)f;
	if (!c)
		return r;
	c->n = 0;
	c->max = a[1] < 64 ? a[1] : 64;
	irq = irq_save();
	process_for_each(list_one, c);
	irq_restore(irq);
	r = copy_to_user(a[0], c->out, c->n * sizeof(c->out[0])) ?
		(struct sysret){ ERROR_SUCCESS, c->n } : (struct sysret){ ERROR_NOACCESS, 0 };
	kfree(c);
	return r;
}

/* () powers off; the caller's SeShutdownPrivilege must be enabled (else
 * ERROR_PRIVILEGE_NOT_HELD), as ExitWindowsEx's. */
struct sysret sys_shutdown(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	if (!se_privilege_enabled(process_current()->token, SE_SHUTDOWN_PRIVILEGE))
		return (struct sysret){ ERROR_PRIVILEGE_NOT_HELD, 0 };
	kprintf("vados: shutdown requested by pid %u\n", process_current()->pid);
	io_shutdown();
	machine_exit(mm_invariants_hold() ? EXIT_PASS : EXIT_FAIL);
}
