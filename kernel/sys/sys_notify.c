/* Directory change notifications as a system call (NT's
 * NtNotifyChangeDirectoryFile): ReadDirectoryChangesW, synchronous and
 * overlapped (event, completion routine, completion port), and
 * FindFirstChangeNotification/FindNextChangeNotification (a request
 * without a buffer whose answer signals the directory's File object, the
 * handle they return). The watch and its records are kernel/io/notify.c's.
 * A request that pends is listed on its thread (kernel/ke/iolist.h), so
 * the thread's end cancels it, as CancelIo(Ex) does (sys_filelock.c). */
#include "kernel/sys/syscalls.h"
#include "kernel/sys/sys_overlapped.h"
#include "kernel/io/completion.h"
#include "kernel/io/file.h"
#include "kernel/ke/apc.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "arch/uaccess.h"
#include "mm/pool.h"

#define NOTIFY_SUBTREE 0x1u     /* bWatchSubtree */
#define NOTIFY_SIGNAL  0x2u     /* FindFirst/NextChangeNotification: no buffer */
#define NOTIFY_REPORT  0x4u     /* the answer goes to the file's completion port */

/* An overlapped (or signalling) request; its OVERLAPPED is its tag. */
struct notify_pending {
	struct io_notify_request r;
	struct sys_overlapped o;
	struct ps_thread *thread;       /* referenced when routine: where it runs */
	uint32_t buffer, routine, flags;
};

static struct notify_pending *notify_pending_of(struct ke_io *io)
{
	return (struct notify_pending *)((char *)io - offsetof(struct notify_pending, o.io));
}

static void notify_pending_free(struct ke_io *io)
{
	struct notify_pending *p = notify_pending_of(io);

	if (p->thread)
		ob_dereference(p->thread);
	sys_overlapped_drop(&p->o);
	kfree(p);
}

static void notify_pending_cancel(struct ke_io *io)
{
	struct notify_pending *p = notify_pending_of(io);

	(void)file_notify_cancel(p->o.file, NULL, p->r.tag, p->r.issuer);
}

/* The NTSTATUS an OVERLAPPED keeps for an answer. */
static uint32_t notify_ntstatus(uint32_t error)
{
	switch (error) {
	case ERROR_SUCCESS: return 0;
	case ERROR_NOTIFY_CLEANUP: return 0x0000010bu;          /* STATUS_NOTIFY_CLEANUP */
	case ERROR_NOTIFY_ENUM_DIR: return 0x0000010cu;         /* STATUS_NOTIFY_ENUM_DIR */
	case ERROR_OPERATION_ABORTED: return 0xc0000120u;       /* STATUS_CANCELLED */
	default: return 0xc000009au;                            /* STATUS_INSUFFICIENT_RESOURCES */
	}
}

/* The answer (kernel/io calls it once, holding no lock): the records, the
 * status and count (sys_overlapped_answer), then the completion port (its
 * packet has the status) and the completion routine, queued as an APC to
 * the thread that asked. */
static void notify_pending_complete(struct io_notify_request *r)
{
	struct notify_pending *p = (struct notify_pending *)r;
	uint32_t status = notify_ntstatus(r->status), error = r->status;
	uint32_t bytes = sys_overlapped_answer(&p->o, status, r->data, p->buffer, r->bytes);

	if (bytes != r->bytes) {
		error = ERROR_NOACCESS;
		status = 0xc0000005u;   /* STATUS_ACCESS_VIOLATION */
	}
	/* Every answer to a pending request reaches the port, a cancel's too:
	 * a program waits for that packet before it frees its OVERLAPPED. */
	if (p->flags & NOTIFY_REPORT)
		(void)io_completion_transfer_done(p->o.file, r->tag, bytes, status, false);
	if (p->routine)
		(void)ke_queue_user_apc(&p->thread->k, p->routine, 3,
					(uint32_t[3]){ error, bytes, r->tag });
	ke_io_finish(&p->o.io);
}

/* The pending record of a request on file: OVERLAPPED at a[6] (writable;
 * 0 for a signalling one), event handle a[5] (0: none), completion
 * routine a[7]. */
static uint32_t notify_pending_make(struct io_file *file, const uint32_t *a,
				    struct notify_pending **out)
{
	struct notify_pending *p;
	uint32_t err;

	if (!(p = kmalloc(sizeof(*p))))
		return ERROR_NOT_ENOUGH_MEMORY;
	*p = (struct notify_pending){
		.r = { .complete = notify_pending_complete, .length = a[2],
		       .tag = a[4] & NOTIFY_SIGNAL ? (uint32_t)p : a[6],
		       .owner = process_handles(), .issuer = thread_current() },
		.o.io = { .cancel = notify_pending_cancel, .release = notify_pending_free },
		.buffer = a[1], .routine = a[7], .flags = a[4] };
	if ((err = sys_overlapped_start(&p->o, file, a[5], a[4] & NOTIFY_SIGNAL ? 0 : a[6]))) {
		kfree(p);
		return err;
	}
	if (p->routine) {
		p->thread = ps_thread_current();
		ob_reference(p->thread);
	}
	*out = p;
	return ERROR_SUCCESS;
}

/* A synchronous request: sleeps until the answer, copied to the buffer
 * here; *bytes its size. */
static uint32_t notify_wait(struct io_file *file, const uint32_t *a, uint32_t *bytes)
{
	struct io_notify_request r = { .length = a[2], .owner = process_handles(),
				       .issuer = thread_current() };
	uint32_t err = file_notify(file, a[3], a[4] & NOTIFY_SUBTREE, &r);

	if (err)
		return err;
	if (r.bytes && !copy_to_user(a[1], r.data, r.bytes))
		r.status = ERROR_NOACCESS;
	kfree(r.data);
	*bytes = r.status ? 0 : r.bytes;
	return r.status;
}

/* (directory handle, buffer, length, FILE_NOTIFY_CHANGE_* filter,
 * NOTIFY_* flags, event handle or 0, OVERLAPPED address or 0, completion
 * routine or 0) -> bytes (synchronous). Synchronous answers without
 * records end with ERROR_NOTIFY_ENUM_DIR or ERROR_NOTIFY_CLEANUP (the SDK
 * makes them successes); overlapped and signalling requests succeed once
 * queued or answered. The handle needs FILE_LIST_DIRECTORY. */
struct sysret sys_notify_change(const uint32_t *a, struct trap_frame *f)
{
	struct notify_pending *p = NULL;
	struct io_file *file;
	uint32_t granted, bytes = 0;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], &file_type, 0,
					      (void **)&file, &granted);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (!(granted & FILE_READ_DATA))        /* FILE_LIST_DIRECTORY */
		err = ERROR_ACCESS_DENIED;
	else if (!a[3] || (a[3] & ~FILE_NOTIFY_VALID_MASK) || !file_is_directory(file))
		err = ERROR_INVALID_PARAMETER;
	/* A buffer the records could not be written to fails now, as NT's:
	 * later, the changes taken out of the watch would be lost. */
	else if (!(a[4] & NOTIFY_SIGNAL) && a[2] && !probe_user(a[1], a[2], true))
		err = ERROR_NOACCESS;
	else if (!(a[4] & NOTIFY_SIGNAL) && !a[6])
		err = notify_wait(file, a, &bytes);
	else if (!(err = notify_pending_make(file, a, &p))) {
		file_io_start(file);
		err = file_notify(file, a[3], a[4] & NOTIFY_SUBTREE, &p->r);
		if (err == ERROR_IO_PENDING)
			err = ERROR_SUCCESS;
		else if (err) {
			file_io_done(file);
			ke_io_finish(&p->o.io); /* not queued, never answered */
		}
	}
	ob_dereference(file);
	return (struct sysret){ err, bytes };
}
