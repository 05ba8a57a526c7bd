/* Pipes' data as system calls (NT's NtCreateNamedPipeFile and NtOpenFile,
 * as kernel32's CreatePipe makes them, and FSCTL_PIPE_PEEK): CreatePipe,
 * PeekNamedPipe, and ReadFile and WriteFile on any pipe's ends, with or
 * without an OVERLAPPED. The data moves between ring 3 and the ring
 * (kernel/io/pipe.c) through a kernel buffer, a chunk at a time, so no
 * user page is touched while the ring's lock is held. An overlapped
 * transfer that would wait, on an end opened with FILE_FLAG_OVERLAPPED,
 * is done by a kernel thread of its own while the call returns
 * ERROR_IO_PENDING. */
#include "kernel/sys/syscalls.h"
#include "kernel/ex/event.h"
#include "kernel/io/pipe.h"
#include "kernel/ke/iolist.h"
#include "kernel/ke/thread.h"
#include "kernel/ps/psthread.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/winerror.h"
#include "arch/uaccess.h"
#include "mm/pool.h"

#define PIPE_CHUNK 4096u                /* bytes moved per step */
#define FILE_READ_DATA        0x0001u
#define FILE_WRITE_DATA       0x0002u
#define FILE_READ_ATTRIBUTES  0x0080u
#define FILE_WRITE_ATTRIBUTES 0x0100u

/* (uint32 handles[2] out: read end, write end; inherit; size: 0 default)
 * The ends get CreatePipe's access: GENERIC_READ | SYNCHRONIZE |
 * FILE_WRITE_ATTRIBUTES and GENERIC_WRITE | SYNCHRONIZE |
 * FILE_READ_ATTRIBUTES. */
struct sysret sys_create_pipe(const uint32_t *a, struct trap_frame *f)
{
	uint32_t h[2] = { 0, 0 }, flags = a[1] ? HANDLE_FLAG_INHERIT : 0, err;
	struct pipe_end *end[2];

	(void)f;
	if (!probe_user(a[0], sizeof(h), true))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = pipe_create(a[2], &end[0], &end[1])))
		return (struct sysret){ err, 0 };
	err = ob_open_object(process_handles(), end[0],
			     ob_map_generic(GENERIC_READ, &pipe_type.mapping) | SYNCHRONIZE |
			     FILE_WRITE_ATTRIBUTES, flags, &h[0]);
	if (!err)
		err = ob_open_object(process_handles(), end[1],
				     ob_map_generic(GENERIC_WRITE, &pipe_type.mapping) |
				     SYNCHRONIZE | FILE_READ_ATTRIBUTES, flags, &h[1]);
	ob_dereference(end[0]);         /* the handles hold their own */
	ob_dereference(end[1]);
	if (!err && !copy_to_user(a[0], h, sizeof(h)))
		err = ERROR_NOACCESS;
	if (err) {
		if (h[0])
			ob_close_handle(process_handles(), h[0]);
		if (h[1])
			ob_close_handle(process_handles(), h[1]);
	}
	return (struct sysret){ err, 0 };
}

/* Moves len bytes between the pipe end e and a buffer: ring 3's at user,
 * or with kbuf the kernel's there. A write puts them all in, waiting for
 * room (a message-type pipe's: one message); a read waits for the first
 * bytes and takes what is there then, up to len, or in message read mode
 * one message: ERROR_MORE_DATA when it is longer than len (the rest stays
 * for the next read). */
static struct sysret transfer(struct pipe_end *e, uint8_t *kbuf, uint32_t user, uint32_t len,
			      bool write)
{
	uint32_t done = 0, n, chunk, left = 0, err = 0;
	uint8_t *bounce = kbuf;

	if (!kbuf && !probe_user(user, len, !write))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!len && !write && !e->read_messages && !kbuf)
		return (struct sysret){ 0, 0 };        /* a pending one waits for data */
	if (!kbuf && !(bounce = kmalloc(PIPE_CHUNK)))
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	do {
		uint8_t *at = kbuf ? kbuf + done : bounce;

		chunk = kbuf ? len - done : len - done < PIPE_CHUNK ? len - done : PIPE_CHUNK;
		if (write) {
			err = kbuf || copy_from_user(bounce, user + done, chunk) ?
			      pipe_write(e, at, chunk, done ? ~0u : len, &n) : ERROR_NOACCESS;
		} else {
			err = pipe_read(e, at, chunk, done > 0, &n, &left);
			if (!err && n && !kbuf && !copy_to_user(user + done, bounce, n))
				err = ERROR_NOACCESS;
		}
		done += n;
	} while (!err && done < len && (write || left || (n && !e->read_messages)));
	if (!err && left)
		err = ERROR_MORE_DATA;
	if (!kbuf)
		kfree(bounce);
	return (struct sysret){ err, done };
}

/* transfer from and to ring 3 in the call: e's event is reset for it and
 * set again unless it fails. */
static struct sysret transfer_now(struct pipe_end *e, uint32_t user, uint32_t len, bool write)
{
	struct sysret r;

	pipe_end_signal(e, false);
	r = transfer(e, NULL, user, len, write);
	if (!r.error || r.error == ERROR_MORE_DATA)
		pipe_end_signal(e, true);
	return r;
}

bool sys_is_pipe(uint32_t handle)
{
	struct pipe_end *e;

	if (ob_reference_by_handle(process_handles(), handle, &pipe_type, 0, (void **)&e, NULL))
		return false;
	ob_dereference(e);
	return true;
}

bool sys_pipe_transfer(uint32_t handle, uint32_t user, uint32_t len, bool write,
		       struct sysret *r)
{
	struct pipe_end *e;
	uint32_t err = ob_reference_by_handle(process_handles(), handle, &pipe_type,
					      write ? FILE_WRITE_DATA : FILE_READ_DATA,
					      (void **)&e, NULL);

	if (err == ERROR_INVALID_HANDLE)
		return false;           /* not a pipe: perhaps a file */
	*r = (struct sysret){ err, 0 };
	if (!err) {
		*r = transfer_now(e, user, len, write);
		ob_dereference(e);
	}
	return true;
}

bool sys_pipe_call(uint32_t handle, uint32_t ov, uint32_t cancel, struct sysret *r)
{
	struct pipe_end *e;
	uint32_t err = ob_reference_by_handle(process_handles(), handle, &pipe_type,
					      cancel ? 0 : FILE_WRITE_DATA, (void **)&e, NULL);

	if (err == ERROR_INVALID_HANDLE)
		return false;
	if (!err) {
		err = cancel ? pipe_cancel(e, ov, cancel == 2 ? thread_current() : NULL, NULL)
			     : pipe_flush(e);
		ob_dereference(e);
	}
	*r = (struct sysret){ err, 0 };
	return true;
}

/* (handle, buf or 0, len, uint32 out[3]: copied, available, left in the
 * message) PeekNamedPipe; FILE_READ_DATA. A handle that is no pipe:
 * ERROR_INVALID_HANDLE. */
struct sysret sys_peek_pipe(const uint32_t *a, struct trap_frame *f)
{
	struct pipe_end *e;
	uint32_t out[3] = { 0, 0, 0 }, err;
	uint8_t *bounce = NULL;
	uint32_t len = a[1] ? (a[2] < PIPE_MAX_SIZE ? a[2] : PIPE_MAX_SIZE) : 0;

	(void)f;
	err = ob_reference_by_handle(process_handles(), a[0], &pipe_type, FILE_READ_DATA,
				     (void **)&e, NULL);
	if (err)
		return (struct sysret){ err, 0 };
	if ((len && !probe_user(a[1], len, true)) || !probe_user(a[3], sizeof(out), true))
		err = ERROR_NOACCESS;
	else if (len && !(bounce = kmalloc(len)))
		err = ERROR_NOT_ENOUGH_MEMORY;
	if (!err && !(err = pipe_peek(e, bounce, len, out)) &&
	    ((out[0] && !copy_to_user(a[1], bounce, out[0])) ||
	     !copy_to_user(a[3], out, sizeof(out))))
		err = ERROR_NOACCESS;
	kfree(bounce);
	ob_dereference(e);
	return (struct sysret){ err, 0 };
}

uint32_t sys_pipe_answer_in(uint32_t ov, uint32_t event, struct pipe_answer *a)
{
	uint32_t err = 0, pending = 0x103u;    /* STATUS_PENDING */

	*a = (struct pipe_answer){ process_current(), NULL, ov, !(event & 1) };
	event &= ~1u;
	if (!probe_user(ov, 2 * sizeof(uint32_t), true) || !copy_to_user(ov, &pending, 4))
		return ERROR_NOACCESS;
	if (event)
		err = ob_reference_by_handle(process_handles(), event, &event_type,
					     EVENT_MODIFY_STATE, (void **)&a->event, NULL);
	if (!err)
		ob_reference(a->process);
	return err;
}

/* An overlapped read or write left pending: a kernel thread of its own
 * does it into (from) data, then answers it (pipe_answer copies what was
 * read to ring 3). Listed on its issuing thread (kernel/ke/iolist.h), it
 * is freed at its last reference. */
struct pipe_async {
	struct ke_io kio;               /* on the issuing thread, whose end cancels it */
	struct pipe_io io;
	struct pipe_answer answer;
	struct pipe_end *e;             /* referenced */
	struct ps_thread *issuer;       /* referenced, with routine */
	uint32_t routine;               /* ReadFileEx's completion routine, or 0 */
	uint32_t user, len;
	bool write;
	uint8_t data[];
};

/* The NTSTATUS an OVERLAPPED records for a transfer's error. */
static uint32_t status_of(uint32_t err)
{
	static const uint32_t map[][2] = {
		{ 0, 0 }, { ERROR_MORE_DATA, 0x80000005u }, { ERROR_BROKEN_PIPE, 0xc000014bu },
		{ ERROR_PIPE_NOT_CONNECTED, 0xc00000b0u }, { ERROR_NO_DATA, 0xc00000b1u },
		{ ERROR_PIPE_LISTENING, 0xc00000b3u }, { ERROR_OPERATION_ABORTED, 0xc0000120u },
	};

	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i][0] == err)
			return map[i][1];
	return 0xc0000001u;             /* STATUS_UNSUCCESSFUL */
}

static void async_run(void *arg)
{
	struct pipe_async *a = arg;
	struct sysret r = { ERROR_OPERATION_ABORTED, 0 };

	if (pipe_io_mark(&a->io, true))
		r = transfer(a->e, a->data, 0, a->len, a->write);
	(void)pipe_io_mark(&a->io, false);

	pipe_answer(a->e, &a->answer, status_of(r.error), r.value, a->write ? NULL : a->data,
		    a->user);
	if (a->routine) {
		uint32_t args[KE_APC_MAX_ARGS] = { r.error, r.value, a->answer.ov };

		(void)ke_queue_user_apc(&a->issuer->k, a->routine, 3, args);
		ob_dereference(a->issuer);
	}
	pipe_end_io(a->e, &a->io, false);
	ke_io_finish(&a->kio);
}

/* The issuing thread ends: the request is cancelled. */
static void async_cancel(struct ke_io *kio)
{
	struct pipe_async *a = (struct pipe_async *)kio;

	(void)pipe_cancel(a->e, 0, NULL, &a->io);
}

static void async_release(struct ke_io *kio)
{
	struct pipe_async *a = (struct pipe_async *)kio;

	ob_dereference(a->e);
	kfree(a);
}

/* Starts e's overlapped transfer of len bytes at user (a write's copied in
 * now) on a thread of its own, answered to the OVERLAPPED at ov and its
 * event (as sys_pipe_answer_in takes it; with routine: to that completion
 * routine, an APC to the calling thread): ERROR_IO_PENDING, or the error
 * that stopped it. */
static uint32_t async_start(struct pipe_end *e, uint32_t user, uint32_t len, bool write,
			    uint32_t ov, uint32_t event, uint32_t routine)
{
	struct pipe_async *a;
	uint32_t err;

	if (!probe_user(user, len, !write))
		return ERROR_NOACCESS;
	if (!(a = kmalloc(sizeof(*a) + len)))
		return ERROR_NOT_ENOUGH_MEMORY;
	*a = (struct pipe_async){ .kio = { .cancel = async_cancel, .release = async_release },
				  .io = { .issuer = thread_current(), .ov = ov }, .e = e,
				  .routine = routine, .user = user, .len = len, .write = write };
	if (write && !copy_from_user(a->data, user, len))
		err = ERROR_NOACCESS;
	else
		err = sys_pipe_answer_in(ov, event, &a->answer);
	if (err) {
		kfree(a);
		return err;
	}
	ob_reference(e);
	if (routine) {
		a->issuer = ps_thread_current();
		ob_reference(a->issuer);
	}
	pipe_end_io(e, &a->io, true);
	ke_io_start(&a->kio, thread_current());
	if (!thread_create("pipeio", async_run, a)) {
		pipe_end_io(e, &a->io, false);
		pipe_answer_drop(&a->answer);
		if (routine)
			ob_dereference(a->issuer);
		ke_io_finish(&a->kio);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	return ERROR_IO_PENDING;
}

/* (handle, buf, len, flags: 1 write, 2 may pend, 4 with a routine, 8 the
 * port hears of it; OVERLAPPED *, event or 0, or the routine) -> bytes
 * moved: ReadFile or WriteFile (ReadFileEx, WriteFileEx) with an
 * OVERLAPPED on a pipe end; what completes, at once or later, posts to the
 * end's completion port with 8 (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
 * spares what succeeds at once).
 * One that would wait, on a FILE_FLAG_OVERLAPPED end, may pend
 * (ERROR_IO_PENDING; at most PIPE_MAX_SIZE bytes: a longer read takes at
 * most that much, a longer write is done at once); else it is done now. */
struct sysret sys_pipe_overlapped(const uint32_t *a, struct trap_frame *f)
{
	bool write = a[3] & 1;
	struct pipe_end *e;
	struct sysret r;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], &pipe_type,
					      write ? FILE_WRITE_DATA : FILE_READ_DATA,
					      (void **)&e, NULL);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if ((a[3] & 2) && e->overlapped && (!write || a[2] <= PIPE_MAX_SIZE) &&
	    !pipe_ready(e, write, a[2]))
		r = (struct sysret){ async_start(e, a[1], a[2] < PIPE_MAX_SIZE ? a[2] : PIPE_MAX_SIZE,
						 write, a[4], a[3] & 4 ? 1 : a[5] | !(a[3] & 8),
						 a[3] & 4 ? a[5] : 0), 0 };
	else if (!(r = transfer_now(e, a[1], a[2], write)).error || r.error == ERROR_MORE_DATA)
		r.error = (a[3] & 8) && pipe_end_report(e, a[4], status_of(r.error), r.value, true) ?
			  ERROR_NOT_ENOUGH_MEMORY : r.error;
	ob_dereference(e);
	return sys_io_counted(r, write);
}
