/* The I/O calls beside the transfers: DeviceIoControl (on File objects:
 * kernel/io/fsctl.c), GetProcessIoCounters (kernel/ps/iocount.c's
 * figures, counted here for every read and write call that reached its
 * file or pipe) and CancelSynchronousIo. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/completion.h"
#include "kernel/io/file.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define CONTROL_IN_MAX  64u             /* the most input any known control reads */
#define CONTROL_OUT_MAX 4096u           /* the most output any answer writes */
#define CTL_ACCESS_READ  1u             /* CTL_CODE's FILE_READ_ACCESS bit */
#define CTL_ACCESS_WRITE 2u

struct sysret sys_io_counted(struct sysret r, bool write)
{
	bool pending = r.error == ERROR_IO_PENDING;

	if (!r.error || r.error == ERROR_MORE_DATA || pending)
		ps_io_count(process_current(), write ? PS_IO_WRITE : PS_IO_READ,
			    pending ? 0 : r.value);
	return r;
}

/* The rights a control code's access bits ask of the handle. */
static uint32_t control_rights(uint32_t code)
{
	uint32_t bits = code >> 14 & 3;

	return (bits & CTL_ACCESS_READ ? FILE_READ_DATA : 0) |
	       (bits & CTL_ACCESS_WRITE ? FILE_WRITE_DATA : 0);
}

/* c's input copied in (at most CONTROL_IN_MAX bytes: no control reads
 * more) and the answer copied out to out; 0 or ERROR_NOACCESS. */
static uint32_t control_call(struct io_file *file, struct io_control *c, uint32_t in,
			     uint32_t out, uint32_t *err)
{
	uint8_t input[CONTROL_IN_MAX];

	if (c->in_len > CONTROL_IN_MAX)
		c->in_len = CONTROL_IN_MAX;
	if (c->in_len && !copy_from_user(input, in, c->in_len))
		return ERROR_NOACCESS;
	c->in = input;
	if (!(c->out = kmalloc(c->out_len ? c->out_len : 1)))
		return ERROR_NOT_ENOUGH_MEMORY;
	*err = file_control(file, c);
	if (c->returned && !copy_to_user(out, c->out, c->returned))
		*err = ERROR_NOACCESS;
	kfree(c->out);
	return 0;
}

/* (handle, code, in, in size, out, out size, OVERLAPPED * or 0) -> bytes
 * returned (also with ERROR_MORE_DATA); a pipe end knows no control
 * (ERROR_INVALID_FUNCTION). The rights the code's access bits
 * name (ERROR_ACCESS_DENIED); an unreadable input or unwritable output
 * buffer: ERROR_NOACCESS. One with an OVERLAPPED that succeeds posts to the
 * file's completion port. */
struct sysret sys_device_io_control(const uint32_t *a, struct trap_frame *f)
{
	struct io_file *file;
	uint32_t granted, err = sys_file_ref(a[0], 0, &file, &granted), call_err;
	struct io_control c = { a[1], NULL, a[3], NULL,
				a[5] < CONTROL_OUT_MAX ? a[5] : CONTROL_OUT_MAX, 0 };

	(void)f;
	if (err)
		return (struct sysret){ sys_is_pipe(a[0]) ? ERROR_INVALID_FUNCTION : err, 0 };
	if (control_rights(c.code) & ~granted)
		err = ERROR_ACCESS_DENIED;
	else if (a[5] && !probe_user(a[4], a[5], true))
		err = ERROR_NOACCESS;
	else if ((call_err = control_call(file, &c, a[2], a[4], &err)))
		err = call_err;
	if (!err && a[6])
		err = io_completion_transfer_done(file, a[6], c.returned, 0, true);
	ob_dereference(file);
	ps_io_count(process_current(), PS_IO_OTHER, c.returned);
	return (struct sysret){ err, c.returned };
}

/* (process handle, uint64 out[6]: IO_COUNTERS);
 * PROCESS_QUERY_LIMITED_INFORMATION */
struct sysret sys_io_counters(const uint32_t *a, struct trap_frame *f)
{
	struct ps_io_counters io;
	struct process *p;
	uint32_t err = process_by_handle(a[0], PROCESS_QUERY_LIMITED_INFORMATION, &p);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	ps_io_counters(p, &io);
	ob_dereference(p);
	return sys_copy_out(a[1], &io, sizeof(io));
}

/* (thread handle); THREAD_TERMINATE. ERROR_NOT_FOUND when the thread is
 * in no synchronous I/O call. */
struct sysret sys_cancel_synchronous_io(const uint32_t *a, struct trap_frame *f)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(a[0], THREAD_TERMINATE, &t);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	err = ps_cancel_synchronous_io(t);
	ob_dereference(t);
	return (struct sysret){ err, 0 };
}
