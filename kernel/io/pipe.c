/* Anonymous pipes; see kernel/io/pipe.h. */
#include "kernel/io/pipe.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

/* The ring; its state, and the ends' open flags, change under the
 * dispatcher lock. */
struct pipe_ring {
	struct dispatcher_header readable, writable;    /* notification headers */
	bool reader, writer;            /* the end still has a handle */
	uint32_t ends;                  /* end objects alive: the last frees it */
	uint32_t size, head, count;     /* data[head..] holds count bytes */
	uint8_t data[];
};

struct pipe_end {
	struct pipe_ring *ring;
	bool write;
};

/* Sets both headers from the state and wakes whom it allows. Dispatcher
 * lock held. */
static void ring_signal_locked(struct pipe_ring *r)
{
	r->readable.signal_state = r->count || !r->writer;
	r->writable.signal_state = r->count < r->size || !r->reader;
	if (r->readable.signal_state)
		ke_wait_test_locked(&r->readable);
	if (r->writable.signal_state)
		ke_wait_test_locked(&r->writable);
}

/* An end closes with its last handle (or its last reference, if it never
 * had one): the other side's waiters wake to the news. */
static void end_shut(struct pipe_end *e)
{
	bool lock = ke_dispatcher_lock();

	if (e->write)
		e->ring->writer = false;
	else
		e->ring->reader = false;
	ring_signal_locked(e->ring);
	ke_dispatcher_unlock(lock);
}

static void end_close(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	(void)t;
	if (!handles_left)
		end_shut(body);
}

static void end_remove(void *body)
{
	struct pipe_end *e = body;
	bool lock, last;

	end_shut(e);
	lock = ke_dispatcher_lock();
	last = !--e->ring->ends;
	ke_dispatcher_unlock(lock);
	if (last)
		kfree(e->ring);
}

/* The generic mapping of files (a pipe end is a file on NT). */
struct ob_type pipe_type = {
	.name = "Pipe",
	.mapping = { 0x00120089u, 0x00120116u, 0x001200a0u, 0x001f01ffu },
	.valid_access = 0x001f01ffu,
	.close = end_close,
	.remove = end_remove,
};

void pipe_init(void)
{
	ob_register_type(&pipe_type);
}

uint32_t pipe_create(uint32_t size, struct pipe_end **read_end, struct pipe_end **write_end)
{
	struct pipe_ring *r;
	struct pipe_end *re, *we;

	size = !size ? PIPE_DEFAULT_SIZE : size > PIPE_MAX_SIZE ? PIPE_MAX_SIZE : size;
	if (!(r = kmalloc(sizeof(*r) + size)))
		return ERROR_NOT_ENOUGH_MEMORY;
	*r = (struct pipe_ring){ .reader = true, .writer = true, .size = size };
	r->readable.kind = r->writable.kind = DISPATCHER_NOTIFICATION;
	r->writable.signal_state = 1;
	if (!(re = ob_create(&pipe_type, sizeof(*re)))) {
		kfree(r);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*re = (struct pipe_end){ r, false };
	r->ends = 1;
	if (!(we = ob_create(&pipe_type, sizeof(*we)))) {
		ob_dereference(re);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*we = (struct pipe_end){ r, true };
	r->ends = 2;
	*read_end = re;
	*write_end = we;
	return 0;
}

bool pipe_is_write_end(const struct pipe_end *e)
{
	return e->write;
}

/* Copies the ring's first n bytes into buf. Dispatcher lock held. */
static void ring_copy_out_locked(const struct pipe_ring *r, uint8_t *buf, uint32_t n)
{
	uint32_t start = r->head, first = r->size - start < n ? r->size - start : n;

	memcpy(buf, r->data + start, first);
	memcpy(buf + first, r->data, n - first);
}

uint32_t pipe_read(struct pipe_end *e, void *buf, uint32_t len, bool more, uint32_t *done)
{
	struct pipe_ring *r = e->ring;
	bool lock;
	uint32_t n;

	*done = 0;
	for (;;) {
		lock = ke_dispatcher_lock();
		if (r->count || !r->writer || more)
			break;
		ke_dispatcher_unlock(lock);
		if (ke_wait_single(&r->readable, WAIT_FOREVER) == KE_WAIT_INTERRUPTED)
			return ERROR_OPERATION_ABORTED;
	}
	if (!r->count) {
		ke_dispatcher_unlock(lock);
		return more ? 0 : ERROR_BROKEN_PIPE;
	}
	n = r->count < len ? r->count : len;
	ring_copy_out_locked(r, buf, n);
	r->head = (r->head + n) % r->size;
	r->count -= n;
	ring_signal_locked(r);
	ke_dispatcher_unlock(lock);
	*done = n;
	return 0;
}

uint32_t pipe_write(struct pipe_end *e, const void *buf, uint32_t len, uint32_t *done)
{
	struct pipe_ring *r = e->ring;
	const uint8_t *p = buf;
	uint32_t gone = ERROR_NO_DATA;  /* NT's STATUS_PIPE_CLOSING */
	bool lock;

	*done = 0;
	while (*done < len) {
		uint32_t room, n, tail, first;

		lock = ke_dispatcher_lock();
		if (!r->reader) {
			ke_dispatcher_unlock(lock);
			return gone;
		}
		if (!(room = r->size - r->count)) {
			ke_dispatcher_unlock(lock);
			if (ke_wait_single(&r->writable, WAIT_FOREVER) == KE_WAIT_INTERRUPTED)
				return ERROR_OPERATION_ABORTED;
			gone = ERROR_BROKEN_PIPE;       /* a waiting write: STATUS_PIPE_BROKEN */
			continue;
		}
		n = len - *done < room ? len - *done : room;
		tail = (r->head + r->count) % r->size;
		first = r->size - tail < n ? r->size - tail : n;
		memcpy(r->data + tail, p + *done, first);
		memcpy(r->data, p + *done + first, n - first);
		r->count += n;
		ring_signal_locked(r);
		ke_dispatcher_unlock(lock);
		*done += n;
	}
	return 0;
}

void pipe_peek(struct pipe_end *e, void *buf, uint32_t len, uint32_t *copied,
	       uint32_t *available)
{
	struct pipe_ring *r = e->ring;
	bool lock = ke_dispatcher_lock();

	*available = r->count;
	*copied = r->count < len ? r->count : len;
	ring_copy_out_locked(r, buf, *copied);
	ke_dispatcher_unlock(lock);
}
