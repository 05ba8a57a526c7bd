/* Named pipes as system calls (NT's NtCreateNamedPipeFile, NtCreateFile
 * on \Device\NamedPipe and the FSCTL_PIPE_* requests): CreateNamedPipe,
 * CreateFile on \\.\pipe\NAME, ConnectNamedPipe, DisconnectNamedPipe,
 * WaitNamedPipe, and the pipe's settings and state (GetNamedPipeInfo,
 * Get/SetNamedPipeHandleState, GetNamedPipeClient/ServerProcessId). The
 * pipes themselves are kernel/io/npipe.c's; reads and writes are
 * sys_pipe.c's. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/npipe.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "arch/uaccess.h"
#include "mm/pool.h"

#define FILE_READ_ATTRIBUTES  0x0080u
#define FILE_WRITE_ATTRIBUTES 0x0100u
#define FILE_FLAG_OVERLAPPED  0x40000000u
#define FILE_FLAG_FIRST_PIPE_INSTANCE 0x00080000u
/* CreateNamedPipe's open mode: the access, FILE_FLAG_WRITE_THROUGH,
 * FILE_FLAG_OVERLAPPED, FILE_FLAG_FIRST_PIPE_INSTANCE (WRITE_OWNER's bit),
 * WRITE_DAC and ACCESS_SYSTEM_SECURITY. */
#define OPEN_MODE_VALID       0xc10c0003u
#define PIPE_NOWAIT           0x1u
#define PIPE_READMODE_MESSAGE 0x2u
#define PIPE_TYPE_MESSAGE     0x4u
#define PIPE_REJECT_REMOTE_CLIENTS 0x8u
#define PIPE_SERVER_END       0x1u
#define NMPWAIT_WAIT_FOREVER  0xffffffffu
#define NPIPE_DEFAULT_TIMEOUT 50u       /* ms: nDefaultTimeOut 0 */
#define NPIPE_PREFIX          "\\\\.\\pipe\\"

/* The pipe's name in a ring-3 string \\.\pipe\NAME (pipe in any case;
 * NAME not empty and the whole at most NPIPE_NAME_MAX characters), copied
 * into buf: *name points at NAME there. 0, ERROR_PATH_NOT_FOUND (NULL),
 * ERROR_NOACCESS or ERROR_INVALID_NAME. */
static uint32_t name_in(uint32_t user, char buf[NPIPE_NAME_MAX + 1], const char **name)
{
	uint32_t err = sys_copy_string_in(buf, user, NPIPE_NAME_MAX + 1);
	const char *prefix = NPIPE_PREFIX;
	unsigned i;

	if (!user)
		return ERROR_PATH_NOT_FOUND;
	if (err)
		return err == ERROR_NOACCESS ? err : ERROR_INVALID_NAME;
	for (i = 0; prefix[i]; i++) {
		char c = buf[i] >= 'A' && buf[i] <= 'Z' ? (char)(buf[i] + 32) : buf[i];

		if (c != prefix[i])
			return ERROR_INVALID_NAME;
	}
	*name = buf + i;
	return **name ? 0 : ERROR_INVALID_NAME;
}

/* A handle to the new end e (its reference passes to the handle). */
static struct sysret end_open(struct pipe_end *e, uint32_t access, bool inherit)
{
	uint32_t h = 0, err = ob_open_object(process_handles(), e, access,
					     inherit ? HANDLE_FLAG_INHERIT : 0, &h);

	ob_dereference(e);
	return (struct sysret){ err, err ? 0 : h };
}

/* (name, open mode, pipe mode, max instances, out size, in size, default
 * timeout ms, inherit) -> handle. The server end gets its access's
 * GENERIC_READ and/or GENERIC_WRITE, SYNCHRONIZE and the attributes. */
struct sysret sys_create_named_pipe(const uint32_t *a, struct trap_frame *f)
{
	char buf[NPIPE_NAME_MAX + 1];
	const char *name;
	struct npipe_params p = {
		.access = a[1] & PIPE_ACCESS_DUPLEX, .first = a[1] & FILE_FLAG_FIRST_PIPE_INSTANCE,
		.overlapped = a[1] & FILE_FLAG_OVERLAPPED, .messages = a[2] & PIPE_TYPE_MESSAGE,
		.read_messages = a[2] & PIPE_READMODE_MESSAGE, .nowait = a[2] & PIPE_NOWAIT,
		.max_instances = a[3], .out_size = a[4], .in_size = a[5],
		.timeout = ms_to_ticks(a[6] ? a[6] : NPIPE_DEFAULT_TIMEOUT),
	};
	uint32_t access = (p.access & PIPE_ACCESS_INBOUND ? GENERIC_READ : 0) |
			  (p.access & PIPE_ACCESS_OUTBOUND ? GENERIC_WRITE : 0);
	struct pipe_end *e;
	uint32_t err;

	(void)f;
	if ((err = name_in(a[0], buf, &name)))
		return (struct sysret){ err, 0 };
	if (a[1] & ~OPEN_MODE_VALID || !p.access ||
	    a[2] & ~(PIPE_NOWAIT | PIPE_READMODE_MESSAGE | PIPE_TYPE_MESSAGE |
		     PIPE_REJECT_REMOTE_CLIENTS) ||
	    (p.read_messages && !p.messages) || !a[3] || a[3] > PIPE_UNLIMITED_INSTANCES)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if ((err = npipe_create(name, &p, process_current()->pid, &e)))
		return (struct sysret){ err, 0 };
	return end_open(e, ob_map_generic(access, &pipe_type.mapping) | SYNCHRONIZE |
			FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, a[7]);
}

/* (name, access, flags and attributes, inherit) -> handle: CreateFile of a
 * client; the handle gets access, SYNCHRONIZE and FILE_READ_ATTRIBUTES. */
struct sysret sys_open_named_pipe(const uint32_t *a, struct trap_frame *f)
{
	char buf[NPIPE_NAME_MAX + 1];
	const char *name;
	uint32_t access = ob_map_generic(a[1], &pipe_type.mapping) | SYNCHRONIZE |
			  FILE_READ_ATTRIBUTES;
	struct pipe_end *e;
	uint32_t err;

	(void)f;
	if ((err = name_in(a[0], buf, &name)) ||
	    (err = npipe_open(name, access, a[2] & FILE_FLAG_OVERLAPPED, process_current()->pid,
			      &e)))
		return (struct sysret){ err, 0 };
	return end_open(e, access, a[3]);
}

/* The pipe end behind handle, referenced, for desired rights. */
static uint32_t end_ref(uint32_t handle, uint32_t desired, struct pipe_end **e)
{
	return ob_reference_by_handle(process_handles(), handle, &pipe_type, desired,
				      (void **)e, NULL);
}

/* npipe_connect; one that waits (no pending answer) is a synchronous
 * call CancelSynchronousIo may end. */
static uint32_t connect_cancellable(struct pipe_end *e, struct pipe_answer *pending)
{
	uint32_t err;

	if (pending)
		return npipe_connect(e, pending);
	ps_sync_io_begin();
	err = npipe_connect(e, NULL);
	ps_sync_io_end();
	return err;
}

/* (handle, OVERLAPPED * or 0, its hEvent) ConnectNamedPipe: on an
 * overlapped server end with an OVERLAPPED, ERROR_IO_PENDING until a
 * client comes (kernel/io/npipe.c answers it). */
struct sysret sys_connect_named_pipe(const uint32_t *a, struct trap_frame *f)
{
	struct pipe_answer *pending = NULL;
	struct pipe_end *e = NULL;
	uint32_t err = end_ref(a[0], 0, &e);

	(void)f;
	if (!err && a[1] && e->overlapped && !(pending = kmalloc(sizeof(*pending))))
		err = ERROR_NOT_ENOUGH_MEMORY;
	if (pending && (err = sys_pipe_answer_in(a[1], a[2], pending))) {
		kfree(pending);
		pending = NULL;
	}
	if (!err && (err = connect_cancellable(e, pending)) != ERROR_IO_PENDING && pending) {
		pipe_answer_drop(pending);
		kfree(pending);
	}
	if (e)
		ob_dereference(e);
	return (struct sysret){ err, 0 };
}

/* (handle) DisconnectNamedPipe */
struct sysret sys_disconnect_named_pipe(const uint32_t *a, struct trap_frame *f)
{
	struct pipe_end *e;
	uint32_t err = end_ref(a[0], 0, &e);

	(void)f;
	if (!err) {
		err = npipe_disconnect(e);
		ob_dereference(e);
	}
	return (struct sysret){ err, 0 };
}

/* (name, timeout ms: 0 the pipe's default, NMPWAIT_WAIT_FOREVER) */
struct sysret sys_wait_named_pipe(const uint32_t *a, struct trap_frame *f)
{
	char buf[NPIPE_NAME_MAX + 1];
	const char *name;
	uint32_t err = name_in(a[0], buf, &name);

	(void)f;
	if (!err) {
		ps_sync_io_begin();     /* CancelSynchronousIo may end the wait */
		err = npipe_wait(name, a[1] == NMPWAIT_WAIT_FOREVER ? WAIT_FOREVER
								  : ms_to_ticks(a[1]), !a[1]);
		ps_sync_io_end();
	}
	return (struct sysret){ err, 0 };
}

/* (handle, set, mode, uint32 out[8] or 0): with set, the mode
 * (PIPE_READMODE_MESSAGE only on a message-type pipe, PIPE_NOWAIT;
 * FILE_WRITE_ATTRIBUTES); out (FILE_READ_ATTRIBUTES) gets GetNamedPipeInfo's
 * flags, out size, in size and max instances, the handle's mode, the
 * instances, and the client's and the server's process ids (0: none). An
 * anonymous pipe's end is a byte pipe's one instance, its read end the
 * server's (as CreatePipe makes them on NT), both sizes its ring's. */
struct sysret sys_named_pipe_state(const uint32_t *a, struct trap_frame *f)
{
	struct npipe_info info = { 1, 0, 0, 1, false };
	struct pipe_end *e;
	uint32_t out[8], err = end_ref(a[0], a[1] ? FILE_WRITE_ATTRIBUTES : FILE_READ_ATTRIBUTES,
				       &e);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (e->pipe)
		(void)npipe_info(e, &info);
	else
		info.out_size = info.in_size = pipe_end_size(e);
	if (a[1] && (a[2] & ~(PIPE_NOWAIT | PIPE_READMODE_MESSAGE) ||
		     ((a[2] & PIPE_READMODE_MESSAGE) && !info.messages))) {
		err = ERROR_INVALID_PARAMETER;
	} else if (a[1]) {
		e->read_messages = a[2] & PIPE_READMODE_MESSAGE;
		e->nowait = a[2] & PIPE_NOWAIT;
	}
	out[0] = (e->server || (!e->pipe && e->in) ? PIPE_SERVER_END : 0) |
		 (info.messages ? PIPE_TYPE_MESSAGE : 0);
	out[1] = info.out_size;
	out[2] = info.in_size;
	out[3] = info.max_instances;
	out[4] = (e->nowait ? PIPE_NOWAIT : 0) | (e->read_messages ? PIPE_READMODE_MESSAGE : 0);
	out[5] = info.instances;
	out[6] = e->client_pid;
	out[7] = e->server_pid;
	ob_dereference(e);
	if (!err && a[3])
		err = sys_copy_out(a[3], out, sizeof(out)).error;
	return (struct sysret){ err, 0 };
}
