/* I/O completion ports as system calls (NT's NtCreateIoCompletion,
 * NtSetIoCompletion, NtRemoveIoCompletion(Ex), and NtSetInformationFile's
 * FileCompletionInformation and FileIoCompletionNotificationInformation):
 * CreateIoCompletionPort, PostQueuedCompletionStatus,
 * GetQueuedCompletionStatus(Ex), SetFileCompletionNotificationModes. The
 * queue is kernel/io/completion.c's. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/completion.h"
#include "kernel/io/pipe.h"
#include "kernel/io/file.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"
#include "mm/pool.h"

#define REMOVE_MAX 64u          /* packets one call takes at most */

/* The port behind handle with IO_COMPLETION_MODIFY_STATE, referenced. */
static uint32_t port_ref(uint32_t handle, struct io_completion **out)
{
	return ob_reference_by_handle(process_handles(), handle, &io_completion_type,
				      IO_COMPLETION_MODIFY_STATE, (void **)out, NULL);
}

/* (concurrency: 0 the processors) -> a handle with IO_COMPLETION_ALL_ACCESS
 * to a new port */
struct sysret sys_create_io_completion(const uint32_t *a, struct trap_frame *f)
{
	struct io_completion *c = io_completion_create(a[0]);
	uint32_t h = 0, err;

	(void)f;
	if (!c)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = ob_open_object(process_handles(), c, IO_COMPLETION_ALL_ACCESS, 0, &h);
	ob_dereference(c);
	return (struct sysret){ err, err ? 0 : h };
}

/* (port, key, bytes, overlapped): queues a packet */
struct sysret sys_set_io_completion(const uint32_t *a, struct trap_frame *f)
{
	struct io_completion_packet p = { a[1], a[3], 0, a[2] };
	struct io_completion *c;
	uint32_t err = port_ref(a[0], &c);

	(void)f;
	if (!err) {
		err = io_completion_post(c, &p);
		ob_dereference(c);
	}
	return (struct sysret){ err, 0 };
}

/* (port, struct io_completion_packet *out, max, milliseconds, alertable)
 * -> packets taken (1..max, at most REMOVE_MAX at a time); errors as
 * io_completion_remove's. The array is probed before the wait: a bad one
 * fails with ERROR_NOACCESS and takes nothing. */
struct sysret sys_remove_io_completion(const uint32_t *a, struct trap_frame *f)
{
	uint32_t max = a[2] < REMOVE_MAX ? a[2] : REMOVE_MAX, taken = 0, err;
	struct io_completion_packet *out;
	struct io_completion *c;

	(void)f;
	if (max == 0)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (!probe_user(a[1], max * sizeof(*out), true))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = port_ref(a[0], &c)))
		return (struct sysret){ err, 0 };
	if (!(out = kmalloc(max * sizeof(*out)))) {
		ob_dereference(c);
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	}
	err = io_completion_remove(c, out, max, ms_to_ticks(a[3]), a[4] != 0, &taken);
	ob_dereference(c);
	/* Probed above: only a buffer freed meanwhile by another thread of the
	 * caller's fails here, and then the packets are lost, as on NT. */
	if (!err && !copy_to_user(a[1], out, taken * sizeof(*out)))
		err = ERROR_NOACCESS;
	kfree(out);
	return (struct sysret){ err, err ? 0 : taken };
}

/* (file or pipe end, 0, port, key): associates them (the port's handle needs
 * IO_COMPLETION_MODIFY_STATE; a file that has a port:
 * ERROR_INVALID_PARAMETER); (file or pipe end, 1, modes): sets its
 * FILE_SKIP_* notification modes (any other bit: ERROR_INVALID_PARAMETER). */
struct sysret sys_file_completion(const uint32_t *a, struct trap_frame *f)
{
	struct io_completion *c = NULL;
	struct io_file *file = NULL;
	struct pipe_end *e = NULL;
	uint32_t err;

	(void)f;
	if (a[1] > 1 || (a[1] == 1 && (a[2] & ~3u)))
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	err = ob_reference_by_handle(process_handles(), a[0], &file_type, 0, (void **)&file, NULL);
	if (err == ERROR_INVALID_HANDLE) /* perhaps a pipe end (kernel/io/pipe.c keeps its port) */
		err = ob_reference_by_handle(process_handles(), a[0], &pipe_type, 0, (void **)&e,
					     NULL);
	if (err)
		return (struct sysret){ err, 0 };
	if (a[1] == 1 && file)
		io_completion_set_modes(file, a[2]);
	else if (a[1] == 1)
		pipe_end_set_modes(e, a[2]);
	else if (!(err = port_ref(a[2], &c)))
		err = file ? io_completion_associate(file, c, a[3]) : pipe_end_associate(e, c, a[3]);
	if (c)
		ob_dereference(c);
	ob_dereference(file ? (void *)file : (void *)e);
	return (struct sysret){ err, 0 };
}
