/* Byte-range locks on file handles (LockFile(Ex), UnlockFile(Ex); the
 * locks live in kernel/io/lock.c) and CancelIo(Ex) (CancelIo: the calling
 * thread's requests; a thread's end cancels its own), whose pending
 * requests in vados are those locks and directory change notifications
 * (sys_notify.c): a LockFileEx on a FILE_FLAG_OVERLAPPED
 * handle that must wait returns ERROR_IO_PENDING, and its answer is written
 * into the caller's OVERLAPPED (Internal, InternalHigh) and its event set,
 * by whichever thread answers it. The owner of every lock is the File
 * object and the calling process (its handle table). */
#include "kernel/sys/syscalls.h"
#include "kernel/sys/sys_overlapped.h"
#include "kernel/ex/event.h"
#include "kernel/io/completion.h"
#include "kernel/io/file.h"
#include "kernel/ke/iolist.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"
#include "mm/pool.h"

#define LOCKFILE_FAIL_IMMEDIATELY 0x1u
#define LOCKFILE_EXCLUSIVE_LOCK   0x2u
#define LOCKFILE_REPORT           0x80000000u   /* the SDK's: a grant posts to the port */
#define STATUS_CANCELLED          0xc0000120u

/* An overlapped request waiting in io; its tag is its OVERLAPPED's
 * address. */
struct lock_pending {
	struct io_lock_async async;
	struct sys_overlapped o;
	bool report;                    /* its file's completion port gets the grant */
};

static struct lock_pending *lock_pending_of(struct ke_io *io)
{
	return (struct lock_pending *)((char *)io - offsetof(struct lock_pending, o.io));
}

static void lock_pending_free(struct ke_io *io)
{
	struct lock_pending *p = lock_pending_of(io);

	sys_overlapped_drop(&p->o);
	kfree(p);
}

/* Its thread is ending: the request completes as cancelled. */
static void lock_pending_cancel(struct ke_io *io)
{
	struct lock_pending *p = lock_pending_of(io);

	(void)file_cancel_locks(p->o.file, NULL, p->async.tag, p->async.issuer);
}

/* The request's answer (io calls it once, holding no lock): 0 or
 * STATUS_CANCELLED and a count of 0 in the OVERLAPPED, then the same
 * status posted to the file's port. */
static void lock_pending_complete(struct io_lock_async *a, uint32_t status)
{
	struct lock_pending *p = (struct lock_pending *)a;

	(void)sys_overlapped_answer(&p->o, status ? STATUS_CANCELLED : 0, NULL, 0, 0);
	if (p->report)          /* a cancel's packet too: the caller waits for it */
		(void)io_completion_transfer_done(p->o.file, a->tag, 0,
						  status ? STATUS_CANCELLED : 0, false);
	ke_io_finish(&p->o.io);
}

/* The pending record of a LockFileEx on file that may wait with an
 * OVERLAPPED at ov (writable) and an event handle (0: none;
 * EVENT_MODIFY_STATE); report: its grant goes to file's port too. */
static uint32_t lock_pending_make(struct io_file *file, bool report, uint32_t event, uint32_t ov,
				  struct lock_pending **out)
{
	struct lock_pending *p;
	uint32_t err;

	if (!(p = kmalloc(sizeof(*p))))
		return ERROR_NOT_ENOUGH_MEMORY;
	*p = (struct lock_pending){ .async = { lock_pending_complete, ov, thread_current() },
				    .o.io = { .cancel = lock_pending_cancel,
					      .release = lock_pending_free },
				    .report = report };
	if ((err = sys_overlapped_start(&p->o, file, event, ov))) {
		kfree(p);
		return err;
	}
	*out = p;
	return ERROR_SUCCESS;
}

/* A lock request on file (the File object reset as it begins, signaled
 * when it is answered: here, or by lock_pending_complete when pending). */
static uint32_t lock_request(struct io_file *file, const uint64_t range[2], bool exclusive,
			     bool wait, struct lock_pending *pending)
{
	uint32_t err;

	file_io_start(file);
	err = file_lock(file, process_handles(), range[0], range[1], exclusive, wait,
			pending ? &pending->async : NULL);
	if (err != ERROR_IO_PENDING)
		file_io_done(file);
	return err;
}

/* LockFileEx's (unlock: UnlockFileEx's) work: the handle needs
 * FILE_READ_DATA or FILE_WRITE_DATA, as NtLockFile demands. */
static struct sysret lock_call(const uint32_t *a, bool unlock)
{
	bool wait = !unlock && !(a[2] & LOCKFILE_FAIL_IMMEDIATELY);
	struct lock_pending *pending = NULL;
	struct io_file *file;
	uint64_t range[2];
	uint32_t granted, err = ob_reference_by_handle(process_handles(), a[0], &file_type, 0,
						       (void **)&file, &granted);

	if (err)
		return (struct sysret){ err, 0 };
	if (!(granted & (FILE_READ_DATA | FILE_WRITE_DATA)))
		err = ERROR_ACCESS_DENIED;
	else if (!copy_from_user(range, a[1], sizeof(range)))
		err = ERROR_NOACCESS;
	else if (unlock)
		err = file_unlock(file, process_handles(), range[0], range[1]);
	else if (!wait || !a[4] ||
		 !(err = lock_pending_make(file, a[2] & LOCKFILE_REPORT, a[3], a[4], &pending)))
		err = lock_request(file, range, a[2] & LOCKFILE_EXCLUSIVE_LOCK, wait, pending);
	if (pending && err != ERROR_IO_PENDING)
		ke_io_finish(&pending->o.io);   /* not queued: answered here */
	/* Granted in the call, with an OVERLAPPED: as a transfer that
	 * completed at once (kernel/sys/sys_file.c). */
	if (!unlock && !err && a[4] && (a[2] & LOCKFILE_REPORT))
		err = io_completion_transfer_done(file, a[4], 0, 0, true);
	ob_dereference(file);
	return (struct sysret){ err, 0 };
}

/* (handle, const uint64 range[2]: offset, length, LOCKFILE_* flags, event
 * handle or 0, OVERLAPPED address or 0) */
struct sysret sys_lock_file(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return lock_call(a, false);
}

/* (handle, const uint64 range[2]: offset, length) */
struct sysret sys_unlock_file(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return lock_call(a, true);
}

/* (handle, OVERLAPPED address or 0: all, nonzero: the calling thread's
 * only) -> ERROR_NOT_FOUND when nothing of those through handle was
 * pending */
struct sysret sys_cancel_file_io(const uint32_t *a, struct trap_frame *f)
{
	struct io_file *file;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], &file_type, 0,
					      (void **)&file, NULL);

	struct sysret r = { err, 0 };

	(void)f;
	if (err)    /* perhaps a pipe end */
		return sys_pipe_call(a[0], a[1], a[2] ? 2 : 1, &r) ? r : (struct sysret){ err, 0 };
	err = file_cancel_locks(file, process_handles(), a[1], a[2] ? thread_current() : NULL);
	if (!file_notify_cancel(file, process_handles(), a[1], a[2] ? thread_current() : NULL))
		err = ERROR_SUCCESS;
	ob_dereference(file);
	return (struct sysret){ err, 0 };
}
