/* I/O completion ports: NT's IoCompletion object, a queue (NT's KQUEUE) of
 * completion packets that threads take in GetQueuedCompletionStatus. The
 * packets come from PostQueuedCompletionStatus and from the overlapped
 * transfers of the files associated with the port (kernel/sys/sys_file.c
 * posts them). Calls ke (waits), ob and the pool.
 *
 * A port is NT's KQUEUE (kernel/ke/queue.h): its packets go to waiting
 * threads last-in first-out, and only while fewer than its concurrency
 * value of the threads that took from it run (a thread of it that blocks
 * elsewhere lets another go), under the dispatcher lock. */
#ifndef KERNEL_IO_COMPLETION_H
#define KERNEL_IO_COMPLETION_H

#include "kernel/ob/ob.h"

#define IO_COMPLETION_QUERY_STATE  0x0001u
#define IO_COMPLETION_MODIFY_STATE 0x0002u
#define IO_COMPLETION_ALL_ACCESS   0x001f0003u

/* One completion: OVERLAPPED_ENTRY's fields (lpCompletionKey,
 * lpOverlapped, Internal: an NTSTATUS, dwNumberOfBytesTransferred). */
struct io_completion_packet {
	uint32_t key, overlapped, status, bytes;
};

struct io_completion;
extern struct ob_type io_completion_type;

void io_completion_init(void);
/* The processors: a concurrency of 0 means as many. */
#define IO_PROCESSORS 1u
/* A new port letting concurrency of its threads run (0: IO_PROCESSORS);
 * NULL when the pool is exhausted. */
struct io_completion *io_completion_create(uint32_t concurrency);
/* Queues a copy of p at the tail, releasing a waiter: 0 or
 * ERROR_NOT_ENOUGH_MEMORY. */
uint32_t io_completion_post(struct io_completion *c, const struct io_completion_packet *p);
/* Associates file f with port c under key (CreateIoCompletionPort), taking
 * a reference of c: 0, or ERROR_INVALID_PARAMETER when f has a port. */
struct io_file;
uint32_t io_completion_associate(struct io_file *f, struct io_completion *c, uint32_t key);
/* SetFileCompletionNotificationModes: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
 * (1) and FILE_SKIP_SET_EVENT_ON_HANDLE (2; kept, the event is ring 3's). */
void io_completion_set_modes(struct io_file *f, uint32_t modes);
/* An overlapped request on f (its OVERLAPPED at overlapped) ended with NT
 * status status, moving bytes, at once (in the call, a success:
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS spares its packet) or later (left
 * pending: every ending, a failure or a cancel too, as NT queues one): the
 * packet goes to f's port, if it has one. 0 or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t io_completion_transfer_done(struct io_file *f, uint32_t overlapped, uint32_t bytes,
				     uint32_t status, bool at_once);
/* Takes up to max packets (at least 1) into out, oldest first, waiting up
 * to ticks (WAIT_FOREVER: no limit) for the first: *taken gets how many.
 * Returns 0, WAIT_TIMEOUT (none came), ERROR_ABANDONED_WAIT_0 (the port's
 * last handle closed, before or during the wait) or, alertable, a user APC
 * came first: WAIT_IO_COMPLETION. */
uint32_t io_completion_remove(struct io_completion *c, struct io_completion_packet *out,
			      uint32_t max, uint32_t ticks, bool alertable, uint32_t *taken);

#endif
