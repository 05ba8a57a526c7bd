/* I/O completion ports; see kernel/io/completion.h. */
#include "kernel/io/completion.h"
#include "kernel/io/iop.h"
#include "kernel/io/volume.h"
#include "kernel/ke/queue.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

struct queued_packet {
	struct ke_queue_entry entry;    /* first */
	struct io_completion_packet p;
};

struct io_completion {
	struct ke_queue queue;
};

/* The last handle closed: every waiter, now and later, is released and
 * reports ERROR_ABANDONED_WAIT_0 (as NT's KeRundownQueue makes them). */
static void completion_close(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	struct io_completion *c = body;

	(void)t;
	if (!handles_left)
		ke_queue_close(&c->queue);
}

/* The last reference: its threads leave it, the packets nobody took are
 * freed. */
static void completion_remove(void *body)
{
	struct io_completion *c = body;
	struct ke_queue_entry *e = ke_queue_rundown(&c->queue), *next;

	for (; e; e = next) {
		next = e->next;
		kfree(e);
	}
}

/* NT's generic mapping for IoCompletion objects. Not waitable by the
 * WaitFor* calls: a wait there would claim a packet it does not take. */
struct ob_type io_completion_type = {
	.name = "IoCompletion",
	.mapping = { 0x00020001u, 0x00020002u, 0x00120000u, IO_COMPLETION_ALL_ACCESS },
	.valid_access = IO_COMPLETION_ALL_ACCESS,
	.close = completion_close,
	.remove = completion_remove,
};

void io_completion_init(void)
{
	ob_register_type(&io_completion_type);
}

struct io_completion *io_completion_create(uint32_t concurrency)
{
	struct io_completion *c = ob_create(&io_completion_type, sizeof(*c));

	if (c)
		ke_queue_init(&c->queue, concurrency ? concurrency : IO_PROCESSORS);
	return c;
}

uint32_t io_completion_post(struct io_completion *c, const struct io_completion_packet *p)
{
	struct queued_packet *q = kmalloc(sizeof(*q));

	if (!q)
		return ERROR_NOT_ENOUGH_MEMORY;
	q->p = *p;
	ke_queue_insert(&c->queue, &q->entry);
	return 0;
}

uint32_t io_completion_remove(struct io_completion *c, struct io_completion_packet *out,
			      uint32_t max, uint32_t ticks, bool alertable, uint32_t *taken)
{
	struct ke_queue_entry *e;
	uint32_t status;

	*taken = 0;
	status = ke_queue_remove(&c->queue, ticks, alertable, &e);
	/* KE_WAIT_TIMEOUT and KE_WAIT_IO_COMPLETION are Win32's WAIT_TIMEOUT
	 * and WAIT_IO_COMPLETION, the last errors GetQueuedCompletionStatus
	 * gives (a terminated thread's interrupted wait is never reported). */
	if (status == KE_WAIT_ABANDONED_0)
		return ERROR_ABANDONED_WAIT_0;
	while (!status) {
		out[(*taken)++] = ((struct queued_packet *)e)->p;
		kfree(e);
		if (*taken == max || !(e = ke_queue_take_more(&c->queue)))
			return 0;
	}
	return status;
}

/* --- the files that complete to a port --- */

#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1u

/* The association and the modes change under the volume lock (which also
 * guards the file's position); a transfer reads them after its data moved,
 * the lock given up: a port set meanwhile may or may not get its packet, as
 * on NT, where associating a file that has I/O in flight is undefined. */
uint32_t io_completion_associate(struct io_file *f, struct io_completion *c, uint32_t key)
{
	uint32_t err = 0;

	io_lock(f->fcb->vol);
	if (f->port) {
		err = ERROR_INVALID_PARAMETER;
	} else {
		ob_reference(c);
		f->port_key = key;
		f->port = c;
	}
	io_unlock(f->fcb->vol);
	return err;
}

void io_completion_set_modes(struct io_file *f, uint32_t modes)
{
	io_lock(f->fcb->vol);
	f->port_modes |= modes;
	io_unlock(f->fcb->vol);
}

uint32_t io_completion_transfer_done(struct io_file *f, uint32_t overlapped, uint32_t bytes,
				     uint32_t status, bool at_once)
{
	struct io_completion_packet p = { 0, overlapped, status, bytes };
	struct io_completion *c;

	if (!__atomic_load_n(&f->port, __ATOMIC_RELAXED))
		return 0;               /* never associated: the usual case, no lock */
	io_lock(f->fcb->vol);
	c = at_once && (f->port_modes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) ? NULL : f->port;
	p.key = f->port_key;
	io_unlock(f->fcb->vol);
	return c ? io_completion_post(c, &p) : 0;
}
