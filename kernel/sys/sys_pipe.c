/* Anonymous pipes as system calls (NT's NtCreateNamedPipeFile and
 * NtOpenFile, as kernel32's CreatePipe makes them, and
 * FSCTL_PIPE_PEEK): CreatePipe, PeekNamedPipe, and ReadFile and WriteFile
 * on a pipe's ends. The data moves between ring 3 and the ring
 * (kernel/io/pipe.c) through a kernel buffer, a chunk at a time, so no
 * user page is touched while the ring's lock is held. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/pipe.h"
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

/* Moves len bytes at user to (write) or from the pipe end e: a write
 * puts them all in, waiting for room (a message-type pipe's: one message);
 * a read waits for the first bytes and takes what is there then, up to
 * len, or in message read mode one message: ERROR_MORE_DATA when it is
 * longer than len (the rest stays for the next read). */
static struct sysret transfer(struct pipe_end *e, uint32_t user, uint32_t len, bool write)
{
	uint32_t done = 0, n, chunk, left = 0, err = 0;
	uint8_t *bounce;

	if (!probe_user(user, len, !write))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!len && !write && !e->read_messages)
		return (struct sysret){ 0, 0 };
	if (!(bounce = kmalloc(PIPE_CHUNK)))
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	do {
		chunk = len - done < PIPE_CHUNK ? len - done : PIPE_CHUNK;
		if (write) {
			err = copy_from_user(bounce, user + done, chunk) ?
			      pipe_write(e, bounce, chunk, done ? ~0u : len, &n) : ERROR_NOACCESS;
		} else {
			err = pipe_read(e, bounce, chunk, done > 0, &n, &left);
			if (!err && n && !copy_to_user(user + done, bounce, n))
				err = ERROR_NOACCESS;
		}
		done += n;
	} while (!err && done < len && (write || left || (n && !e->read_messages)));
	if (!err && left)
		err = ERROR_MORE_DATA;
	kfree(bounce);
	return (struct sysret){ err, done };
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
		*r = transfer(e, user, len, write);
		ob_dereference(e);
	}
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
	if ((a[1] && !probe_user(a[1], len, true)) || !probe_user(a[3], sizeof(out), true))
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
