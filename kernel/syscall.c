/* The system-call dispatcher behind int 0x2E; the ABI is in
 * user/include/vados/syscall.h. Arguments are copied in through the
 * fault-safe user copies, so a bad pointer fails the call with ERROR_NOACCESS. */
#include "kernel/process.h"
#include "kernel/console.h"
#include "kernel/exception.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "kernel/panic.h"
#include "kernel/selftest.h"
#include "kernel/string.h"
#include "arch/trap.h"
#include "arch/cpu.h"
#include "arch/uaccess.h"
#include "user/include/vados/syscall.h"

#define ERROR_SUCCESS          0u
#define ERROR_INVALID_FUNCTION 1u
#define ERROR_NOACCESS         998u
#define WRITE_CHUNK            256u
#define MS_PER_TICK            10u

struct sysret {
	uint32_t error;         /* Win32 error code, 0 on success */
	uint32_t value;
};

/* A call gets its copied-in arguments and the caller's frame; those marked
 * SETS_FRAME below write the frame themselves (continue, raise). */
typedef struct sysret (*syscall_fn)(const uint32_t *args, struct trap_frame *f);

#define ERROR_INVALID_PARAMETER 87u

static struct sysret sys_exit_process(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	process_exit(a[0]);
}

/* Copies [buf, buf + len) in chunks, passing each to out (NULL: just read);
 * false at the first unreadable byte. */
static bool each_chunk(uint32_t buf, uint32_t len, void (*out)(const char *, size_t))
{
	char chunk[WRITE_CHUNK];

	for (uint32_t done = 0; done < len;) {
		uint32_t n = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
		if (!copy_from_user(chunk, buf + done, n))
			return false;
		if (out)
			out(chunk, n);
		done += n;
	}
	return true;
}

/* The whole buffer is checked before a byte is written: a bad one fails the
 * call with nothing printed. */
static struct sysret sys_write_console(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[1] > UACCESS_USER_END || !each_chunk(a[0], a[1], NULL) ||
	    !each_chunk(a[0], a[1], console_write))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, a[1] };
}

static struct sysret sys_get_process_id(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	return (struct sysret){ ERROR_SUCCESS, process_current()->pid };
}

/* Milliseconds to timer ticks, rounded up, without overflow; INFINITE stays. */
static uint32_t ms_to_ticks(uint32_t ms)
{
	if (ms == 0xffffffffu)
		return WAIT_FOREVER;
	return ms / MS_PER_TICK + (ms % MS_PER_TICK != 0);
}

static struct sysret sys_sleep(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[0] == 0)
		thread_yield();
	else
		wait_queue_sleep_timeout(NULL, ms_to_ticks(a[0]));
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

static struct sysret sys_get_tick_count(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	return (struct sysret){ ERROR_SUCCESS, timer_ticks() * MS_PER_TICK };
}

static struct sysret sys_set_dispatcher(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[0] < MM_USER_FIRST || a[0] >= MM_USER_END)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	process_current()->dispatcher = a[0];
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

/* Resumes at a CONTEXT; comes back (with an error) only when refused. */
static struct sysret sys_continue(const uint32_t *a, struct trap_frame *f)
{
	struct _CONTEXT ctx;

	if (!copy_from_user(&ctx, a[0], sizeof(ctx)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!exception_continue(f, &ctx)) {
		kprintf("pid %u %s: continue refused: the context asks for privileges\n",
			process_current()->pid, process_current()->name);
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	}
	return (struct sysret){ f->eax, f->edx };
}

/* RaiseException: the context is the caller's, returning success. */
static struct sysret sys_raise_exception(const uint32_t *a, struct trap_frame *f)
{
	struct _EXCEPTION_RECORD rec = { .ExceptionCode = a[0],
					 .ExceptionFlags = a[1] & EXCEPTION_NONCONTINUABLE,
					 .ExceptionAddress = (void *)f->eip,
					 .NumberParameters = a[2] };

	if (a[2] > EXCEPTION_MAXIMUM_PARAMETERS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (a[2] && !copy_from_user(rec.ExceptionInformation, a[3], a[2] * 4))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	f->eax = ERROR_SUCCESS;
	f->edx = 0;
	exception_raise(f, &rec);
	return (struct sysret){ f->eax, f->edx };
}

static struct sysret sys_unhandled_exception(const uint32_t *a, struct trap_frame *f)
{
	struct _EXCEPTION_RECORD rec;

	(void)f;
	if (!copy_from_user(&rec, a[0], sizeof(rec)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	exception_terminate(&rec);
}

#define STILL_ACTIVE      259u
#define WAIT_OBJECT_0     0u
#define WAIT_TIMEOUT      258u
#define INFINITE          0xffffffffu

/* Copies a NUL-terminated user string into dst[size]; a Win32 error or 0. */
static uint32_t copy_string_in(char *dst, vaddr_t src, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		if (!copy_from_user(&dst[i], src + i, 1))
			return ERROR_NOACCESS;
		if (dst[i] == '\0')
			return 0;
	}
	return ERROR_INVALID_PARAMETER;
}

static struct sysret sys_create_process(const uint32_t *a, struct trap_frame *f)
{
	char cmdline[PROCESS_CMDLINE_MAX];
	uint32_t err = copy_string_in(cmdline, a[0], sizeof(cmdline)), out[2] = { 0, 0 };
	struct process *p;

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	/* Everything that can fail is checked before the child exists. The
	 * process has one thread, so the free handle slot stays free. */
	if (!copy_to_user(a[1], out, sizeof(out)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!handle_has_room())
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	if (!(p = process_spawn(cmdline, &err)))
		return (struct sysret){ err, 0 };
	out[0] = handle_insert(p);
	out[1] = p->pid;
	process_put(p);
	copy_to_user(a[1], out, sizeof(out));
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

static struct sysret sys_open_process(const uint32_t *a, struct trap_frame *f)
{
	struct process *p = process_find(a[0]);
	uint32_t h;

	(void)f;
	if (!p)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	h = handle_insert(p);
	process_put(p);
	return h ? (struct sysret){ ERROR_SUCCESS, h } : (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
}

static struct sysret sys_wait_for_object(const uint32_t *a, struct trap_frame *f)
{
	struct process *p = handle_lookup(a[0]);
	uint32_t ticks = ms_to_ticks(a[1]);
	bool exited;

	(void)f;
	if (!p)
		return (struct sysret){ ERROR_INVALID_HANDLE, 0xffffffffu };
	process_get(p);
	exited = process_wait(p, ticks);
	process_put(p);
	return (struct sysret){ ERROR_SUCCESS, exited ? WAIT_OBJECT_0 : WAIT_TIMEOUT };
}

static struct sysret sys_get_exit_code(const uint32_t *a, struct trap_frame *f)
{
	struct process *p = handle_lookup(a[0]);

	(void)f;
	if (!p)
		return (struct sysret){ ERROR_INVALID_HANDLE, 0 };
	return (struct sysret){ ERROR_SUCCESS, p->exited ? p->exit_status : STILL_ACTIVE };
}

static struct sysret sys_terminate_process(const uint32_t *a, struct trap_frame *f)
{
	struct process *p = handle_lookup(a[0]);

	(void)f;
	if (!p)
		return (struct sysret){ ERROR_INVALID_HANDLE, 0 };
	process_terminate(p, a[1]);
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

static struct sysret sys_close_handle(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ handle_close(a[0]) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE, 0 };
}

static struct sysret sys_query_memory(const uint32_t *a, struct trap_frame *f)
{
	struct pfn_totals t;
	uint32_t out[2];

	(void)f;
	pfn_get_totals(&t);
	out[0] = t.managed;
	out[1] = t.on_list[PFN_FREE] + t.on_list[PFN_ZEROED] + t.on_list[PFN_STANDBY];
	if (!copy_to_user(a[0], out, sizeof(out)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, 0 };
}

#define READ_CHUNK 128u

static struct sysret sys_read_console(const uint32_t *a, struct trap_frame *f)
{
	char buf[READ_CHUNK];
	size_t n;

	(void)f;
	if (a[1] == 0)
		return (struct sysret){ ERROR_SUCCESS, 0 };
	/* Check the whole buffer before blocking: a bad one fails now, not
	 * after the user has typed. */
	n = a[1] < READ_CHUNK ? a[1] : READ_CHUNK;
	memset(buf, 0, n);
	if (!copy_to_user(a[0], buf, n))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	n = console_read(buf, n);
	if (!copy_to_user(a[0], buf, n))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, n };
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
	c->out[c->n] = (struct vados_process_info){ p->pid, p->exited, p->exit_status, { 0 } };
	strlcpy(c->out[c->n].name, p->name, sizeof(c->out[c->n].name));
	c->n++;
}

static struct sysret sys_list_processes(const uint32_t *a, struct trap_frame *f)
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

static struct sysret sys_shutdown(const uint32_t *a, struct trap_frame *f)
{
	(void)a, (void)f;
	kprintf("vados: shutdown requested by pid %u\n", process_current()->pid);
	machine_exit(selftest_invariants_hold() ? EXIT_PASS : EXIT_FAIL);
}

static const struct {
	syscall_fn fn;
	uint32_t nargs;
} table[SYS_COUNT] = {
	[SYS_EXIT_PROCESS] = { sys_exit_process, 1 },
	[SYS_WRITE_CONSOLE] = { sys_write_console, 2 },
	[SYS_GET_PROCESS_ID] = { sys_get_process_id, 0 },
	[SYS_SLEEP] = { sys_sleep, 1 },
	[SYS_GET_TICK_COUNT] = { sys_get_tick_count, 0 },
	[SYS_SET_DISPATCHER] = { sys_set_dispatcher, 1 },
	[SYS_CONTINUE] = { sys_continue, 1 },
	[SYS_RAISE_EXCEPTION] = { sys_raise_exception, 4 },
	[SYS_UNHANDLED_EXCEPTION] = { sys_unhandled_exception, 1 },
	[SYS_CREATE_PROCESS] = { sys_create_process, 2 },
	[SYS_OPEN_PROCESS] = { sys_open_process, 1 },
	[SYS_WAIT_FOR_OBJECT] = { sys_wait_for_object, 2 },
	[SYS_GET_EXIT_CODE] = { sys_get_exit_code, 1 },
	[SYS_TERMINATE_PROCESS] = { sys_terminate_process, 2 },
	[SYS_CLOSE_HANDLE] = { sys_close_handle, 1 },
	[SYS_QUERY_MEMORY] = { sys_query_memory, 1 },
	[SYS_READ_CONSOLE] = { sys_read_console, 2 },
	[SYS_LIST_PROCESSES] = { sys_list_processes, 2 },
	[SYS_SHUTDOWN] = { sys_shutdown, 0 },
};

static bool syscall_dispatch(struct trap_frame *f)
{
	uint32_t args[VADOS_SYSCALL_MAX_ARGS];
	struct sysret r;

	if (!trap_from_user(f) || !process_current())
		return false;           /* only ring 3 makes system calls */
	if (f->eax >= SYS_COUNT) {
		r = (struct sysret){ ERROR_INVALID_FUNCTION, 0 };
	} else if (!copy_from_user(args, f->edx, table[f->eax].nargs * 4)) {
		r = (struct sysret){ ERROR_NOACCESS, 0 };
	} else {
		irq_enable();           /* system calls are preemptible */
		r = table[f->eax].fn(args, f);
	}
	f->eax = r.error;
	f->edx = r.value;
	return true;
}

void syscall_init(void)
{
	trap_set_handler(VADOS_SYSCALL_VECTOR, syscall_dispatch);
	idt_allow_user(VADOS_SYSCALL_VECTOR);
	idt_allow_user(T_BP);           /* int3 and into raise exceptions in ring 3 */
	idt_allow_user(T_OF);
}
