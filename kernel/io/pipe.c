/* Pipes' rings and ends; see kernel/io/pipe.h. */
#include "kernel/io/pipe.h"
#include "kernel/io/npipe.h"
#include "kernel/io/completion.h"
#include "kernel/ex/event.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "arch/uaccess.h"
#include "mm/pool.h"

/* The ring; its state changes under the dispatcher lock. A message-type
 * ring keeps, oldest first, how many bytes of each message it holds are
 * still to be read (a message being written counts its whole length). */
struct pipe_ring {
	struct dispatcher_header readable, writable, drained;   /* notification headers */
	bool reader, writer;            /* the reading, the writing end is still there */
	bool disconnected;              /* its server disconnected */
	bool messages;                  /* PIPE_TYPE_MESSAGE */
	uint32_t refs;                  /* ends holding it, and transfers under way */
	uint32_t size, head, count;     /* data[head..] holds count bytes */
	uint32_t *msg, msg_cap, msg_head, msgs; /* the messages' lengths left */
	uint8_t data[];
};

/* Whether a read finds something: bytes, or a zero-length message. */
static bool ring_has_locked(const struct pipe_ring *r)
{
	return r->count || (r->msgs && !r->msg[r->msg_head]);
}

/* Sets both headers from the state and wakes whom it allows. Dispatcher
 * lock held. */
static void ring_signal_locked(struct pipe_ring *r)
{
	r->readable.signal_state = ring_has_locked(r) || !r->writer || !r->reader ||
				   r->disconnected;
	r->writable.signal_state = (r->count < r->size && r->msgs < r->msg_cap) || !r->reader ||
				   !r->writer || r->disconnected;
	r->drained.signal_state = (!r->count && !r->msgs) || !r->reader || !r->writer ||
				  r->disconnected;
	if (r->readable.signal_state)
		ke_wait_test_locked(&r->readable);
	if (r->writable.signal_state)
		ke_wait_test_locked(&r->writable);
	if (r->drained.signal_state)
		ke_wait_test_locked(&r->drained);
}

struct pipe_ring *pipe_ring_create(uint32_t size, bool messages, uint32_t refs)
{
	struct pipe_ring *r;
	uint32_t data;

	size = !size ? PIPE_DEFAULT_SIZE : size > PIPE_MAX_SIZE ? PIPE_MAX_SIZE : size;
	data = (size + 3u) & ~3u;
	if (!(r = kmalloc(sizeof(*r) + data + (size / 8 + 16) * sizeof(uint32_t))))
		return NULL;
	*r = (struct pipe_ring){ .reader = true, .writer = true, .messages = messages,
				 .refs = refs, .size = size };
	r->msg = (uint32_t *)(r->data + data);
	r->msg_cap = messages ? size / 8 + 16 : 1;      /* a byte ring: never a message */
	r->readable.kind = r->writable.kind = r->drained.kind = DISPATCHER_NOTIFICATION;
	r->writable.signal_state = r->drained.signal_state = 1;
	return r;
}

void pipe_ring_release(struct pipe_ring *r)
{
	bool lock, last;

	if (!r)
		return;
	lock = ke_dispatcher_lock();
	last = !--r->refs;
	ke_dispatcher_unlock(lock);
	if (last)
		kfree(r);
}

void pipe_end_detach_locked(struct pipe_end *e, bool disconnect, struct pipe_ring **in,
			    struct pipe_ring **out)
{
	*in = e->in;
	*out = e->out;
	e->in = e->out = NULL;
	if (*in)
		(*in)->reader = false;
	if (*out)
		(*out)->writer = false;
	for (unsigned i = 0; i < 2; i++) {
		struct pipe_ring *r = i ? *out : *in;

		if (!r)
			continue;
		if (disconnect) {
			r->disconnected = true;
			r->count = r->msgs = 0;
		}
		ring_signal_locked(r);
	}
}

uint32_t pipe_end_size(struct pipe_end *e)
{
	bool lock = ke_dispatcher_lock();
	struct pipe_ring *r = e->in ? e->in : e->out;
	uint32_t size = r ? r->size : 0;

	ke_dispatcher_unlock(lock);
	return size;
}

bool pipe_end_peer_writes_locked(const struct pipe_end *e)
{
	return e->in->writer;
}

/* An end closes with its last handle (or its last reference, if it never
 * had one): a named server end leaves its pipe; the other side's waiters
 * wake to the news. */
static void end_shut(struct pipe_end *e)
{
	struct pipe_ring *in, *out;
	bool lock;

	if (e->server) {
		npipe_server_closed(e);
		return;
	}
	lock = ke_dispatcher_lock();
	pipe_end_detach_locked(e, false, &in, &out);
	ke_dispatcher_unlock(lock);
	pipe_ring_release(in);
	pipe_ring_release(out);
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

	end_shut(e);
	if (e->port)
		ob_dereference(e->port);
	if (e->pipe)
		npipe_release(e->pipe);
}

/* A handle waits for the end's event (pipe_end_signal). */
static struct dispatcher_header *end_dispatcher(void *body)
{
	return &((struct pipe_end *)body)->event;
}

/* The generic mapping of files (a pipe end is a file on NT). */
struct ob_type pipe_type = {
	.name = "Pipe",
	.mapping = { 0x00120089u, 0x00120116u, 0x001200a0u, 0x001f01ffu },
	.valid_access = 0x001f01ffu,
	.close = end_close,
	.remove = end_remove,
	.dispatcher = end_dispatcher,
};

void pipe_init(void)
{
	ob_register_type(&pipe_type);
}

struct pipe_end *pipe_end_create(void)
{
	struct pipe_end *e = ob_create(&pipe_type, sizeof(*e));

	if (e) {
		e->connected.kind = e->event.kind = DISPATCHER_NOTIFICATION;
		e->event.signal_state = 1;
	}
	return e;
}

uint32_t pipe_create(uint32_t size, struct pipe_end **read_end, struct pipe_end **write_end)
{
	struct pipe_ring *r = pipe_ring_create(size, false, 2);
	struct pipe_end *re = r ? pipe_end_create() : NULL, *we = re ? pipe_end_create() : NULL;

	if (!we) {
		if (re)
			ob_dereference(re);     /* holds no ring yet */
		kfree(r);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	re->in = r;
	we->out = r;
	*read_end = re;
	*write_end = we;
	return 0;
}

/* The ring e reads (write: writes), with a reference for the transfer: 0,
 * or the error of an end without one. Dispatcher lock held. */
static uint32_t end_ring_locked(struct pipe_end *e, bool write, struct pipe_ring **r)
{
	if (!(*r = write ? e->out : e->in))
		return e->state == PIPE_LISTENING ? ERROR_PIPE_LISTENING : ERROR_PIPE_NOT_CONNECTED;
	(*r)->refs++;
	return 0;
}

/* Copies the ring's first n bytes into buf. Dispatcher lock held. */
static void ring_copy_out_locked(const struct pipe_ring *r, uint8_t *buf, uint32_t n)
{
	uint32_t start = r->head, first = r->size - start < n ? r->size - start : n;

	memcpy(buf, r->data + start, first);
	memcpy(buf + first, r->data, n - first);
}

/* Takes up to len bytes into buf (one message's only when message) and
 * retires the message lengths they end; *left gets what is still to come
 * of a message taken so. Dispatcher lock held. */
static uint32_t ring_take_locked(struct pipe_ring *r, uint8_t *buf, uint32_t len, bool message,
				 uint32_t *left)
{
	uint32_t n = r->count < len ? r->count : len, k;

	if (message && r->msg[r->msg_head] < n)
		n = r->msg[r->msg_head];
	if (message)
		*left = r->msg[r->msg_head] - n;
	ring_copy_out_locked(r, buf, n);
	r->head = (r->head + n) % r->size;
	r->count -= n;
	for (k = n; r->msgs && (k || !r->msg[r->msg_head]); ) {
		uint32_t t = r->msg[r->msg_head] < k ? r->msg[r->msg_head] : k;

		r->msg[r->msg_head] -= t;
		k -= t;
		if (r->msg[r->msg_head])
			break;
		r->msg_head = (r->msg_head + 1) % r->msg_cap;
		r->msgs--;
		if (message)
			break;
	}
	return n;
}

uint32_t pipe_read(struct pipe_end *e, void *buf, uint32_t len, bool more, uint32_t *done,
		   uint32_t *left)
{
	struct pipe_ring *r;
	bool lock = ke_dispatcher_lock();
	uint32_t err = end_ring_locked(e, false, &r);

	*done = *left = 0;
	while (!err) {
		if (r->disconnected) {
			err = ERROR_PIPE_NOT_CONNECTED;
		} else if (!r->reader) {
			err = ERROR_BROKEN_PIPE;        /* its own end closed meanwhile */
		} else if (ring_has_locked(r) || (more && !e->read_messages)) {
			break;
		} else if (!r->writer || e->nowait) {
			err = more ? 0 : !r->writer ? ERROR_BROKEN_PIPE : ERROR_NO_DATA;
			break;
		} else {
			ke_dispatcher_unlock(lock);
			if (ke_wait_single(&r->readable, WAIT_FOREVER) == KE_WAIT_INTERRUPTED) {
				pipe_ring_release(r);
				return ERROR_OPERATION_ABORTED;
			}
			lock = ke_dispatcher_lock();
		}
	}
	if (!err && ring_has_locked(r)) {
		*done = ring_take_locked(r, buf, len, e->read_messages && r->messages, left);
		ring_signal_locked(r);
	}
	ke_dispatcher_unlock(lock);
	if (r)
		pipe_ring_release(r);
	return err;
}

/* Whether a PIPE_NOWAIT end's message of total bytes cannot go in whole
 * now (it then goes in not at all). Dispatcher lock held. */
static bool ring_refuses_locked(const struct pipe_ring *r, uint32_t total)
{
	return r->msgs == r->msg_cap || r->size - r->count < total;
}

/* Puts up to len bytes of p into the ring: how many went in. Dispatcher
 * lock held. */
static uint32_t ring_put_locked(struct pipe_ring *r, const uint8_t *p, uint32_t len)
{
	uint32_t room = r->size - r->count, n = len < room ? len : room;
	uint32_t tail = (r->head + r->count) % r->size;
	uint32_t first = r->size - tail < n ? r->size - tail : n;

	memcpy(r->data + tail, p, first);
	memcpy(r->data, p + first, n - first);
	r->count += n;
	return n;
}

uint32_t pipe_write(struct pipe_end *e, const void *buf, uint32_t len, uint32_t total,
		    uint32_t *done)
{
	struct pipe_ring *r;
	bool lock = ke_dispatcher_lock(), start = total != ~0u;
	uint32_t err = end_ring_locked(e, true, &r), gone = ERROR_NO_DATA; /* STATUS_PIPE_CLOSING */

	*done = 0;
	while (!err) {
		if (r->disconnected) {
			err = ERROR_PIPE_NOT_CONNECTED;
			break;
		}
		if (!r->reader || !r->writer) {
			err = r->writer ? gone : ERROR_BROKEN_PIPE;
			break;
		}
		if (start && r->messages && e->nowait && ring_refuses_locked(r, total))
			break;
		if (start && r->messages && r->msgs < r->msg_cap) {
			r->msg[(r->msg_head + r->msgs++) % r->msg_cap] = total;
			start = false;
		}
		if (!start || !r->messages)
			*done += ring_put_locked(r, (const uint8_t *)buf + *done, len - *done);
		ring_signal_locked(r);
		if ((*done == len && (!start || !r->messages)) || e->nowait)
			break;
		ke_dispatcher_unlock(lock);
		if (ke_wait_single(&r->writable, WAIT_FOREVER) == KE_WAIT_INTERRUPTED) {
			pipe_ring_release(r);
			return ERROR_OPERATION_ABORTED;
		}
		gone = ERROR_BROKEN_PIPE;       /* a waiting write: STATUS_PIPE_BROKEN */
		lock = ke_dispatcher_lock();
	}
	ke_dispatcher_unlock(lock);
	pipe_ring_release(r);
	return err;
}

uint32_t pipe_peek(struct pipe_end *e, void *buf, uint32_t len, uint32_t out[3])
{
	struct pipe_ring *r;
	bool lock = ke_dispatcher_lock();
	uint32_t err = end_ring_locked(e, false, &r), n;

	if (err == ERROR_PIPE_LISTENING)
		err = ERROR_BAD_PIPE;   /* STATUS_INVALID_PIPE_STATE */
	else if (!err && r->disconnected)
		err = ERROR_PIPE_NOT_CONNECTED;
	else if (!err && !ring_has_locked(r) && !r->writer)
		err = ERROR_BROKEN_PIPE;
	if (!err) {
		n = r->count < len ? r->count : len;
		if (r->msgs && r->msg[r->msg_head] < n)
			n = r->msg[r->msg_head];
		ring_copy_out_locked(r, buf, n);
		out[0] = n;
		out[1] = r->count;
		out[2] = r->msgs ? r->msg[r->msg_head] - n : 0;
	}
	ke_dispatcher_unlock(lock);
	pipe_ring_release(r);
	return err;
}

bool pipe_ready(struct pipe_end *e, bool write, uint32_t len)
{
	bool lock = ke_dispatcher_lock(), ready;
	struct pipe_ring *r = write ? e->out : e->in;

	if (!r || e->nowait || r->disconnected || !r->reader || !r->writer)
		ready = true;
	else if (!write)
		ready = ring_has_locked(r);
	else
		ready = r->size - r->count >= len && r->msgs < r->msg_cap;
	ke_dispatcher_unlock(lock);
	return ready;
}

void pipe_end_io(struct pipe_end *e, struct pipe_io *io, bool start)
{
	bool lock = ke_dispatcher_lock();
	struct pipe_io **link = &e->ios;

	if (start) {
		io->next = e->ios;
		e->ios = io;
	} else {
		while (*link != io)
			link = &(*link)->next;
		*link = io->next;
	}
	pipe_end_signal_locked(e, !start);
	ke_dispatcher_unlock(lock);
}

void pipe_end_signal_locked(struct pipe_end *e, bool set)
{
	e->event.signal_state = set;
	if (set)
		ke_wait_test_locked(&e->event);
}

void pipe_end_signal(struct pipe_end *e, bool set)
{
	bool lock = ke_dispatcher_lock();

	pipe_end_signal_locked(e, set);
	ke_dispatcher_unlock(lock);
}

bool pipe_io_mark(struct pipe_io *io, bool begin)
{
	bool lock = ke_dispatcher_lock(), go = !io->cancelled;

	io->thread = thread_current();
	io->done = !begin;
	ke_dispatcher_unlock(lock);
	return go;
}

uint32_t pipe_cancel(struct pipe_end *e, uint32_t ov, const struct thread *issuer,
		     const struct pipe_io *only)
{
	struct pipe_answer *connect = NULL;
	bool lock = ke_dispatcher_lock(), found = false;

	for (struct pipe_io *io = e->ios; io; io = io->next) {
		if (io->done || (ov && io->ov != ov) || (issuer && io->issuer != issuer) ||
		    (only && io != only))
			continue;
		found = true;
		io->cancelled = true;
		if (io->thread)
			thread_kill(io->thread);        /* its wait ends, aborted */
	}
	if (e->pending && !only && (!ov || e->pending->ov == ov)) {
		connect = e->pending;
		e->pending = NULL;
		pipe_end_signal_locked(e, true);
	}
	ke_dispatcher_unlock(lock);
	if (connect) {
		pipe_answer(e, connect, 0xc0000120u, 0, NULL, 0);       /* STATUS_CANCELLED */
		kfree(connect);
	}
	return found || connect ? 0 : ERROR_NOT_FOUND;
}

uint32_t pipe_flush(struct pipe_end *e)
{
	struct pipe_ring *r;
	bool lock = ke_dispatcher_lock();
	uint32_t err = end_ring_locked(e, true, &r);

	while (!err && (r->count || r->msgs)) {
		if (r->disconnected)
			err = ERROR_PIPE_NOT_CONNECTED;
		else if (!r->reader || !r->writer)
			err = ERROR_BROKEN_PIPE;
		if (err)
			break;
		ke_dispatcher_unlock(lock);
		if (ke_wait_single(&r->drained, WAIT_FOREVER) == KE_WAIT_INTERRUPTED) {
			pipe_ring_release(r);
			return ERROR_OPERATION_ABORTED;
		}
		lock = ke_dispatcher_lock();
	}
	ke_dispatcher_unlock(lock);
	pipe_ring_release(r);
	return err;
}

void pipe_answer_drop(struct pipe_answer *a)
{
	if (a->event)
		ob_dereference(a->event);
	ob_dereference(a->process);
}

void pipe_answer(struct pipe_end *e, struct pipe_answer *a, uint32_t status, uint32_t bytes,
		 const void *data, uint32_t user)
{
	uint32_t iosb[2] = { status, bytes };

	if (process_attach(a->process)) {
		if (data && bytes && !copy_to_user(user, data, bytes))
			iosb[0] = 0xc0000005u;  /* STATUS_ACCESS_VIOLATION */
		(void)copy_to_user(a->ov, iosb, sizeof(iosb));
		process_detach(a->process);
	}
	if (a->event)
		event_set(a->event);
	if (a->report)
		(void)pipe_end_report(e, a->ov, iosb[0], bytes, false);
	pipe_answer_drop(a);
}

uint32_t pipe_end_associate(struct pipe_end *e, struct io_completion *c, uint32_t key)
{
	bool lock = ke_dispatcher_lock(), taken = e->port != NULL;

	if (!taken) {
		e->port = c;
		e->port_key = key;
	}
	ke_dispatcher_unlock(lock);
	if (taken)
		return ERROR_INVALID_PARAMETER;
	ob_reference(c);
	return 0;
}

void pipe_end_set_modes(struct pipe_end *e, uint32_t modes)
{
	bool lock = ke_dispatcher_lock();

	e->port_modes |= modes;
	ke_dispatcher_unlock(lock);
}

uint32_t pipe_end_report(struct pipe_end *e, uint32_t ov, uint32_t status, uint32_t bytes,
			 bool at_once)
{
	bool lock = ke_dispatcher_lock();
	struct io_completion_packet p = { e->port_key, ov, status, bytes };
	struct io_completion *c = at_once && (e->port_modes & 1u) ? NULL : e->port;

	ke_dispatcher_unlock(lock);     /* the port stays until e goes */
	return c ? io_completion_post(c, &p) : 0;
}
