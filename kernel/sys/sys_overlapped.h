/* What an overlapped request that pends holds until it is answered
 * (kernel/sys/sys_overlapped.c), shared by LockFileEx (sys_filelock.c) and
 * ReadDirectoryChangesW (sys_notify.c): its listing on the thread that
 * asked (kernel/ke/iolist.h: the thread's end cancels it), its process (where
 * its OVERLAPPED and buffer are), its event and its File object, each
 * referenced. */
#ifndef KERNEL_SYS_SYS_OVERLAPPED_H
#define KERNEL_SYS_SYS_OVERLAPPED_H

#include "kernel/ke/iolist.h"
#include "arch/types.h"

struct process;
struct event;
struct io_file;

struct sys_overlapped {
	struct ke_io io;                /* its cancel and release set by the caller */
	struct process *process;
	struct event *event;            /* or NULL */
	struct io_file *file;
	uint32_t ov;                    /* its OVERLAPPED (0: none) */
};

/* Takes o's references for a request on file by the calling thread, with
 * the OVERLAPPED at ov (0: none; else it must be writable: ERROR_NOACCESS)
 * and the event handle event (0: none; EVENT_MODIFY_STATE), and lists it on
 * the thread. 0, or the error, having taken nothing. */
uint32_t sys_overlapped_start(struct sys_overlapped *o, struct io_file *file, uint32_t event,
			      uint32_t ov);
/* The release's part: drops what sys_overlapped_start took. */
void sys_overlapped_drop(struct sys_overlapped *o);
/* The answer, with no lock held: bytes bytes of data to the user buffer
 * (when bytes; a fault makes status STATUS_ACCESS_VIOLATION and bytes 0),
 * the NTSTATUS status and the count into the OVERLAPPED, in o's process
 * (unless it is ending); then the event and the File object are set.
 * Returns the count that reached the buffer. */
uint32_t sys_overlapped_answer(struct sys_overlapped *o, uint32_t status, const void *data,
			       uint32_t buffer, uint32_t bytes);

#endif
