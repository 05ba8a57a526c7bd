/* Named pipes; see kernel/io/npipe.h. */
#include "kernel/io/npipe.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

#define FILE_READ_DATA  0x0001u
#define FILE_WRITE_DATA 0x0002u
#define STATUS_PIPE_DISCONNECTED 0xc00000b0u
#define STATUS_PIPE_BROKEN       0xc000014bu

/* A named pipe; its fields change under the dispatcher lock. */
struct npipe {
	struct npipe *next;             /* every pipe */
	char name[NPIPE_NAME_MAX];
	uint32_t refs;                  /* instances, client ends, waiters */
	struct npipe_params params;     /* its first instance's */
	uint32_t instances;
	struct pipe_end *servers;       /* the instances */
	struct dispatcher_header listening;     /* notification: an instance listens */
};

static struct npipe *npipes;

static bool name_equal(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;

		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

/* The pipe of that name that has instances, or NULL. Dispatcher lock held. */
static struct npipe *find_locked(const char *name)
{
	struct npipe *p = npipes;

	while (p && (!p->instances || !name_equal(p->name, name)))
		p = p->next;
	return p;
}

/* Sets the pipe's header from its instances' states. Dispatcher lock held. */
static void listening_update_locked(struct npipe *p)
{
	struct pipe_end *e = p->servers;

	while (e && e->state != PIPE_LISTENING)
		e = e->next;
	p->listening.signal_state = e != NULL;
	if (e)
		ke_wait_test_locked(&p->listening);
}

/* Moves server end e to state s, waking whom that concerns. Dispatcher
 * lock held. */
static void state_set_locked(struct pipe_end *e, enum pipe_state s)
{
	e->state = s;
	e->connected.signal_state = s != PIPE_LISTENING;
	if (s != PIPE_LISTENING)
		ke_wait_test_locked(&e->connected);
	listening_update_locked(e->pipe);
}

/* Takes e's pending connect, if any (its event is then set). Dispatcher
 * lock held. */
static struct pipe_answer *pending_take_locked(struct pipe_end *e)
{
	struct pipe_answer *p = e->pending;

	e->pending = NULL;
	if (p)
		pipe_end_signal_locked(e, true);
	return p;
}

/* Answers e's pending connect p (NULL: none) with an NTSTATUS. No lock
 * held. */
static void pending_complete(struct pipe_end *e, struct pipe_answer *p, uint32_t status)
{
	if (p) {
		pipe_answer(e, p, status, 0, NULL, 0);
		kfree(p);
	}
}

uint32_t npipe_create(const char *name, const struct npipe_params *params, uint32_t pid,
		      struct pipe_end **out)
{
	struct npipe *fresh = kmalloc(sizeof(*fresh)), *p;
	struct pipe_end *e = fresh ? pipe_end_create() : NULL;
	uint32_t err = 0;
	bool lock;

	if (!e) {
		kfree(fresh);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*fresh = (struct npipe){ .params = *params };
	strncpy(fresh->name, name, NPIPE_NAME_MAX - 1);
	fresh->listening.kind = DISPATCHER_NOTIFICATION;
	lock = ke_dispatcher_lock();
	p = find_locked(name);
	if (p && (params->first || p->params.access != params->access))
		err = ERROR_ACCESS_DENIED;
	else if (p && p->instances >= p->params.max_instances)
		err = ERROR_PIPE_BUSY;
	if (!err) {
		if (!p) {
			p = fresh;
			fresh = NULL;
			p->next = npipes;
			npipes = p;
		}
		p->refs++;
		p->instances++;
		e->pipe = p;
		e->server = true;
		e->read_messages = params->read_messages;
		e->nowait = params->nowait;
		e->overlapped = params->overlapped;
		e->server_pid = pid;
		e->next = p->servers;
		p->servers = e;
		state_set_locked(e, PIPE_LISTENING);
	}
	ke_dispatcher_unlock(lock);
	kfree(fresh);
	if (err)
		ob_dereference(e);
	else
		*out = e;
	return err;
}

void npipe_release(struct npipe *p)
{
	struct npipe **link;
	bool lock = ke_dispatcher_lock(), last = !--p->refs;

	if (last) {
		for (link = &npipes; *link != p; link = &(*link)->next)
			;
		*link = p->next;
	}
	ke_dispatcher_unlock(lock);
	if (last)
		kfree(p);
}

void npipe_server_closed(struct pipe_end *e)
{
	struct pipe_ring *in, *out;
	struct pipe_answer *pending;
	struct pipe_end **link;
	bool lock = ke_dispatcher_lock();

	if (e->state == PIPE_CLOSED) {
		ke_dispatcher_unlock(lock);
		return;
	}
	pipe_end_detach_locked(e, false, &in, &out);
	pending = pending_take_locked(e);
	for (link = &e->pipe->servers; *link != e; link = &(*link)->next)
		;
	*link = e->next;
	e->pipe->instances--;
	state_set_locked(e, PIPE_CLOSED);
	ke_dispatcher_unlock(lock);
	pipe_ring_release(in);
	pipe_ring_release(out);
	pending_complete(e, pending, STATUS_PIPE_BROKEN);
}

/* The pipe name, referenced, if a client may open it for desired. */
static uint32_t open_find(const char *name, uint32_t desired, struct npipe **out)
{
	bool lock = ke_dispatcher_lock();
	struct npipe *p = find_locked(name);
	uint32_t err = 0;

	if (!p)
		err = ERROR_FILE_NOT_FOUND;
	else if (((desired & FILE_READ_DATA) && !(p->params.access & PIPE_ACCESS_OUTBOUND)) ||
		 ((desired & FILE_WRITE_DATA) && !(p->params.access & PIPE_ACCESS_INBOUND)))
		err = ERROR_ACCESS_DENIED;
	else
		p->refs++;
	ke_dispatcher_unlock(lock);
	*out = p;
	return err;
}

uint32_t npipe_open(const char *name, uint32_t desired, bool overlapped, uint32_t pid,
		    struct pipe_end **out)
{
	struct pipe_ring *up = NULL, *down = NULL;      /* to the server, to the client */
	struct pipe_answer *pending = NULL;
	struct pipe_end *c, *e;
	struct npipe *p;
	uint32_t err = open_find(name, desired, &p);
	bool lock;

	if (err)
		return err;
	c = pipe_end_create();
	if (c) {
		up = pipe_ring_create(p->params.in_size, p->params.messages, 2);
		down = pipe_ring_create(p->params.out_size, p->params.messages, 2);
	}
	if (!up || !down) {
		kfree(up);
		kfree(down);
		if (c)
			ob_dereference(c);
		npipe_release(p);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	lock = ke_dispatcher_lock();
	for (e = p->servers; e && e->state != PIPE_LISTENING; e = e->next)
		;
	if (e) {
		e->in = c->out = up;
		e->out = c->in = down;
		c->pipe = p;
		c->overlapped = overlapped;
		c->server_pid = e->server_pid;
		c->client_pid = e->client_pid = pid;
		pending = pending_take_locked(e);
		state_set_locked(e, PIPE_CONNECTED);
	}
	ke_dispatcher_unlock(lock);
	if (!e) {
		kfree(up);
		kfree(down);
		ob_dereference(c);
		npipe_release(p);
		return ERROR_PIPE_BUSY;
	}
	pending_complete(e, pending, 0);
	*out = c;
	return 0;
}

/* ConnectNamedPipe's answer in e's state (waited: after a wait). Dispatcher
 * lock held. */
static uint32_t connect_state_locked(struct pipe_end *e, bool waited)
{
	switch (e->state) {
	case PIPE_CONNECTED:
		return waited ? 0 : pipe_end_peer_writes_locked(e) ? ERROR_PIPE_CONNECTED
								  : ERROR_NO_DATA;
	case PIPE_DISCONNECTED:
		return ERROR_PIPE_NOT_CONNECTED;
	case PIPE_CLOSED:
		return ERROR_BROKEN_PIPE;
	default:
		return ERROR_PIPE_LISTENING;
	}
}

uint32_t npipe_connect(struct pipe_end *e, struct pipe_answer *pending)
{
	bool lock, waited = false, was_disconnected;
	uint32_t err;

	if (!e->server)
		return ERROR_INVALID_FUNCTION;
	lock = ke_dispatcher_lock();
	was_disconnected = e->state == PIPE_DISCONNECTED;
	if (was_disconnected)
		state_set_locked(e, PIPE_LISTENING);
	while ((err = connect_state_locked(e, waited)) == ERROR_PIPE_LISTENING) {
		if (e->nowait) {
			err = was_disconnected ? 0 : ERROR_PIPE_LISTENING;
			break;
		}
		if (e->overlapped && pending) {
			if (e->pending)
				break;  /* one is pending already: ERROR_PIPE_LISTENING */
			e->pending = pending;
			pipe_end_signal_locked(e, false);
			err = ERROR_IO_PENDING;
			break;
		}
		ke_dispatcher_unlock(lock);
		if (ke_wait_single(&e->connected, WAIT_FOREVER) == KE_WAIT_INTERRUPTED)
			return ERROR_OPERATION_ABORTED;
		waited = true;
		lock = ke_dispatcher_lock();
	}
	ke_dispatcher_unlock(lock);
	return err;
}

uint32_t npipe_disconnect(struct pipe_end *e)
{
	struct pipe_ring *in = NULL, *out = NULL;
	struct pipe_answer *pending = NULL;
	uint32_t err = 0;
	bool lock;

	if (!e->server)
		return ERROR_INVALID_FUNCTION;
	lock = ke_dispatcher_lock();
	if (e->state == PIPE_DISCONNECTED || e->state == PIPE_CLOSED) {
		err = ERROR_PIPE_NOT_CONNECTED;
	} else {
		pipe_end_detach_locked(e, true, &in, &out);
		pending = pending_take_locked(e);
		state_set_locked(e, PIPE_DISCONNECTED);
	}
	ke_dispatcher_unlock(lock);
	pipe_ring_release(in);
	pipe_ring_release(out);
	pending_complete(e, pending, STATUS_PIPE_DISCONNECTED);
	return err;
}

uint32_t npipe_wait(const char *name, uint32_t ticks, bool by_default)
{
	bool lock = ke_dispatcher_lock();
	struct npipe *p = find_locked(name);
	uint32_t err = p ? 0 : ERROR_FILE_NOT_FOUND, status;

	if (p) {
		p->refs++;
		if (by_default)
			ticks = p->params.timeout;
	}
	while (p && !p->listening.signal_state) {
		ke_dispatcher_unlock(lock);
		status = ke_wait_single(&p->listening, ticks);
		lock = ke_dispatcher_lock();
		if (status == KE_WAIT_TIMEOUT || status == KE_WAIT_INTERRUPTED) {
			err = status == KE_WAIT_TIMEOUT ? ERROR_SEM_TIMEOUT : ERROR_OPERATION_ABORTED;
			break;
		}
	}
	ke_dispatcher_unlock(lock);
	if (p)
		npipe_release(p);
	return err;
}

uint32_t npipe_info(struct pipe_end *e, struct npipe_info *out)
{
	bool lock;

	if (!e->pipe)
		return ERROR_INVALID_PARAMETER;
	lock = ke_dispatcher_lock();
	*out = (struct npipe_info){ e->pipe->params.max_instances, e->pipe->params.out_size,
				    e->pipe->params.in_size, e->pipe->instances,
				    e->pipe->params.messages };
	ke_dispatcher_unlock(lock);
	return 0;
}
