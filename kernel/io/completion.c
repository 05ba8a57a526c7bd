/* I/O completion ports; see kernel/io/completion.h. */
#include "kernel/io/completion.h"
#include "kernel/io/iop.h"
#include "kernel/io/volume.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

struct queued_packet {
	struct queued_packet *next;
	struct io_completion_packet p;
};

struct io_completion {
	struct ke_semaphore queue;      /* count: packets not yet claimed */
	struct queued_packet *head, *tail;
	bool closed;                    /* the last handle went */
};

/* The last handle closed: every waiter, now and later, is released, finds
 * the port closed, and reports ERROR_ABANDONED_WAIT_0 (as NT's
 * KeRundownQueue makes them). */
static void completion_close(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	struct io_completion *c = body;
	bool lock;

	(void)t;
	if (handles_left)
		return;
	lock = ke_dispatcher_lock();
	c->closed = true;
	c->queue.header.signal_state = c->queue.limit;
	ke_wait_test_locked(&c->queue.header);
	ke_dispatcher_unlock(lock);
}

/* The last reference: the packets nobody took are freed. */
static void completion_remove(void *body)
{
	struct io_completion *c = body;

	while (c->head) {
		struct queued_packet *q = c->head;
		c->head = q->next;
		kfree(q);
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

struct io_completion *io_completion_create(void)
{
	struct io_completion *c = ob_create(&io_completion_type, sizeof(*c));

	if (c)
		ke_semaphore_init(&c->queue, 0, 0x7fffffff);
	return c;
}

uint32_t io_completion_post(struct io_completion *c, const struct io_completion_packet *p)
{
	struct queued_packet *q = kmalloc(sizeof(*q));
	bool lock;

	if (!q)
		return ERROR_NOT_ENOUGH_MEMORY;
	q->next = NULL;
	q->p = *p;
	lock = ke_dispatcher_lock();
	if (c->tail)
		c->tail->next = q;
	else
		c->head = q;
	c->tail = q;
	if (!c->closed) {
		c->queue.header.signal_state++;
		ke_wait_test_locked(&c->queue.header);
	}
	ke_dispatcher_unlock(lock);
	return 0;
}

/* Takes the head packet, which a satisfied wait has claimed, into *out
 * (NULL: the port was closed, the count was its rundown's). Dispatcher
 * lock held; the caller frees what it returns. */
static struct queued_packet *take_locked(struct io_completion *c,
					 struct io_completion_packet *out)
{
	struct queued_packet *q = c->closed ? NULL : c->head;

	if (q) {
		c->head = q->next;
		if (!c->head)
			c->tail = NULL;
		*out = q->p;
	}
	return q;
}

/* Claims and takes one more packet without waiting: false when none is
 * there (or the port is closed). */
static bool take_more(struct io_completion *c, struct io_completion_packet *out)
{
	bool lock = ke_dispatcher_lock(), took = false;
	struct queued_packet *q = NULL;

	if (!c->closed && c->queue.header.signal_state > 0) {
		c->queue.header.signal_state--;
		q = take_locked(c, out);
		took = q != NULL;
	}
	ke_dispatcher_unlock(lock);
	kfree(q);
	return took;
}

uint32_t io_completion_remove(struct io_completion *c, struct io_completion_packet *out,
			      uint32_t max, uint32_t ticks, bool alertable, uint32_t *taken)
{
	struct dispatcher_header *d = &c->queue.header;
	struct ke_wait_block block;
	struct queued_packet *q;
	uint32_t status;
	bool lock;

	*taken = 0;
	status = ke_wait_multiple(1, &d, KE_WAIT_ANY, ticks, alertable, &block);
	/* KE_WAIT_TIMEOUT and KE_WAIT_IO_COMPLETION are Win32's WAIT_TIMEOUT
	 * and WAIT_IO_COMPLETION, the last errors GetQueuedCompletionStatus
	 * gives (a terminated thread's interrupted wait is never reported). */
	if (status != KE_WAIT_OBJECT_0)
		return status == KE_WAIT_TIMEOUT || !c->closed ? status : ERROR_ABANDONED_WAIT_0;
	lock = ke_dispatcher_lock();
	q = take_locked(c, &out[0]);
	ke_dispatcher_unlock(lock);
	if (!q)
		return ERROR_ABANDONED_WAIT_0;
	kfree(q);
	*taken = 1;
	while (*taken < max && take_more(c, &out[*taken]))
		(*taken)++;
	return 0;
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
				     bool at_once)
{
	struct io_completion_packet p = { 0, overlapped, 0, bytes };
	struct io_completion *c;

	if (!__atomic_load_n(&f->port, __ATOMIC_RELAXED))
		return 0;               /* never associated: the usual case, no lock */
	io_lock(f->fcb->vol);
	c = at_once && (f->port_modes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) ? NULL : f->port;
	p.key = f->port_key;
	io_unlock(f->fcb->vol);
	return c ? io_completion_post(c, &p) : 0;
}
