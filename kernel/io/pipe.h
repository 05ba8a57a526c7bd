/* Pipes: anonymous (CreatePipe) and named (kernel/io/npipe.h). NT makes
 * both named-pipe file objects of the NPFS; here a pipe's data is a ring
 * buffer (one per direction) that Pipe objects, the ends, read from and
 * write to, each held by handles like any object (and inherited like them).
 * Calls ke (waits), ob and the pool; the system calls (kernel/sys/sys_pipe.c,
 * sys_npipe.c) move the data between ring 3 and kernel buffers.
 *
 * An anonymous pipe's read end reads its one ring, its write end writes it;
 * a named pipe's connected server and client ends each read one of two
 * rings and write the other. A ring of a message-type pipe keeps the length
 * of each message written with the bytes (PIPE_TYPE_MESSAGE).
 *
 * A read waits until the ring holds data and takes what is there (a
 * partial read), or fails with ERROR_BROKEN_PIPE once it is empty and the
 * writing end's last handle is closed. A write waits while the ring is full
 * and fails with ERROR_NO_DATA once the reading end's last handle is closed
 * (Windows' "the pipe is being closed"). A transfer still waiting when
 * its own end's last handle closes fails with ERROR_BROKEN_PIPE. A ring a
 * server disconnected (DisconnectNamedPipe) fails both with
 * ERROR_PIPE_NOT_CONNECTED. The waits are dispatcher waits on notification
 * headers of the ring (readable: data or an end gone; writable: room or an
 * end gone; drained, for FlushFileBuffers: empty or an end gone), kept
 * under the dispatcher lock with the ring's state, which also guards the
 * ends' rings, states and requests. A process that ends closes its
 * handles, so its ends close too.
 *
 * Overlapped requests (FILE_FLAG_OVERLAPPED ends): a read or write that
 * would wait is done by a kernel thread of its own (kernel/sys/sys_pipe.c),
 * listed on its end for CancelIoEx; a ConnectNamedPipe waits as the end's
 * pending record (kernel/io/npipe.c). Either is answered by pipe_answer. */
#ifndef KERNEL_IO_PIPE_H
#define KERNEL_IO_PIPE_H

#include "kernel/ob/ob.h"
#include "kernel/ke/dispatcher.h"

#define PIPE_DEFAULT_SIZE 4096u
#define PIPE_MAX_SIZE     65536u

#define ERROR_BAD_PIPE            230u
#define ERROR_PIPE_BUSY           231u
#define ERROR_PIPE_NOT_CONNECTED  233u
#define ERROR_MORE_DATA           234u
#define ERROR_PIPE_CONNECTED      535u
#define ERROR_PIPE_LISTENING      536u
#define ERROR_SEM_TIMEOUT         121u

/* A named server end's state (NT's FILE_PIPE_*_STATE). */
enum pipe_state { PIPE_LISTENING, PIPE_CONNECTED, PIPE_DISCONNECTED, PIPE_CLOSED };

struct pipe_ring;
struct npipe;
struct process;
struct event;

/* An overlapped read or write under way on an end, issued by issuer (a
 * name only) and done by thread (NULL until it starts); cancelled: CancelIo
 * came before it started; done: it is being answered (too late to
 * cancel). */
struct thread;
struct pipe_io {
	struct pipe_io *next;
	struct thread *issuer, *thread;
	uint32_t ov;
	bool cancelled, done;
};

/* Where an overlapped request on a pipe is answered: its OVERLAPPED at ov
 * in process (referenced) and its event (referenced, or NULL); report: a
 * packet goes to the end's completion port too. */
struct pipe_answer {
	struct process *process;
	struct event *event;
	uint32_t ov;
	bool report;
};
struct io_completion;

/* An end. The rings, the state and the pending connect change under the
 * dispatcher lock. */
struct pipe_end {
	struct pipe_ring *in, *out;     /* read from in, write to out; NULL: none now */
	struct npipe *pipe;             /* its named pipe (referenced), or NULL: anonymous */
	bool server;                    /* a named pipe's server end */
	bool read_messages, nowait;     /* PIPE_READMODE_MESSAGE, PIPE_NOWAIT */
	bool overlapped;                /* FILE_FLAG_OVERLAPPED */
	enum pipe_state state;          /* a server end's */
	struct dispatcher_header connected;     /* a server's: signaled unless listening */
	struct dispatcher_header event; /* NT's file object event: the handle's wait */
	uint32_t server_pid, client_pid;        /* 0: none yet */
	struct pipe_answer *pending;    /* a server's overlapped ConnectNamedPipe */
	struct pipe_io *ios;            /* overlapped reads and writes under way */
	struct io_completion *port;     /* referenced: CreateIoCompletionPort's, or NULL */
	uint32_t port_key, port_modes;  /* its key, FILE_SKIP_* modes */
	struct pipe_end *next;          /* its named pipe's server ends */
};

extern struct ob_type pipe_type;

void pipe_init(void);
/* A new end, one reference, no rings (NULL when the pool is exhausted). */
struct pipe_end *pipe_end_create(void);
/* A ring of size bytes (0: PIPE_DEFAULT_SIZE; at most PIPE_MAX_SIZE), of
 * messages or bytes, with a reader and a writer and refs references (one
 * per end that will hold it); NULL when the pool is exhausted. */
struct pipe_ring *pipe_ring_create(uint32_t size, bool messages, uint32_t refs);
/* Drops a reference to r (NULL: nothing); the last frees it. No lock held. */
void pipe_ring_release(struct pipe_ring *r);
/* Takes e's rings away as its handles are gone (or, disconnect, as its
 * server disconnects: the other end's reads and writes then fail with
 * ERROR_PIPE_NOT_CONNECTED and the data is discarded): the other side's
 * waiters wake to the news. Dispatcher lock held; *in and *out get the
 * rings, for pipe_ring_release once it is dropped. */
void pipe_end_detach_locked(struct pipe_end *e, bool disconnect, struct pipe_ring **in,
			    struct pipe_ring **out);
/* Whether the ring e reads has a writer still (a named pipe's client is
 * there). Dispatcher lock held; e has a ring in. */
bool pipe_end_peer_writes_locked(const struct pipe_end *e);
/* The size of the ring an anonymous pipe's end reads or writes. */
uint32_t pipe_end_size(struct pipe_end *e);
/* A new anonymous pipe of size bytes (as pipe_ring_create) and its two
 * ends, one reference each: 0 or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t pipe_create(uint32_t size, struct pipe_end **read_end, struct pipe_end **write_end);
/* Takes up to len bytes into buf (*done gets how many), waiting for the
 * first unless more (then an empty ring gives 0 bytes at once) or the end
 * does not wait (PIPE_NOWAIT: ERROR_NO_DATA). In message read mode it takes
 * bytes of one message only, and *left gets how many of it are still to be
 * read (the rest comes, so more waits for it); else *left is 0. Returns 0,
 * ERROR_BROKEN_PIPE (empty, no writer), ERROR_PIPE_LISTENING or
 * ERROR_PIPE_NOT_CONNECTED (a server end with no client, a disconnected
 * pipe) or ERROR_OPERATION_ABORTED (the thread is being terminated). */
uint32_t pipe_read(struct pipe_end *e, void *buf, uint32_t len, bool more, uint32_t *done,
		   uint32_t *left);
/* Puts len bytes of buf into the ring, waiting for room as needed (a
 * PIPE_NOWAIT end puts what fits): *done gets how many went in. total is
 * the whole write's length when buf is its first part (a message-type
 * pipe's message starts there), else ~0u. Returns 0, ERROR_NO_DATA (no
 * reader when it came), ERROR_BROKEN_PIPE (the reader left while it
 * waited: NT completes the waiting writes so), the errors of a server end
 * with no client (as pipe_read) or ERROR_OPERATION_ABORTED. */
uint32_t pipe_write(struct pipe_end *e, const void *buf, uint32_t len, uint32_t total,
		    uint32_t *done);
/* Whether a read (write: a write of len bytes) on e would not wait now:
 * it finds data (room for all of it), or fails, or e does not wait. */
bool pipe_ready(struct pipe_end *e, bool write, uint32_t len);
/* e's event (NT's file object event, which a wait on the handle waits
 * for): signaled when made, reset as a read, write or connect starts, set
 * as one completes without an error status (a pending one: as it is
 * answered, whatever its status). */
void pipe_end_signal(struct pipe_end *e, bool set);
void pipe_end_signal_locked(struct pipe_end *e, bool set);
/* An overlapped read or write on e is issued (io listed on e, the event
 * reset; its thread comes later) or answered (io taken off, the event
 * set). */
void pipe_end_io(struct pipe_end *e, struct pipe_io *io, bool start);
/* io's thread starts it (begin: false when it was cancelled meanwhile)
 * or has done it (before it is answered). */
bool pipe_io_mark(struct pipe_io *io, bool begin);
/* CancelIoEx: e's overlapped requests with their OVERLAPPED at ov (0:
 * all), issued by issuer (NULL: any; CancelIo's, the calling thread), or
 * only the one only, end with ERROR_OPERATION_ABORTED (a pending
 * ConnectNamedPipe too, unless only is given): 0, or ERROR_NOT_FOUND when
 * there was none. */
uint32_t pipe_cancel(struct pipe_end *e, uint32_t ov, const struct thread *issuer,
		     const struct pipe_io *only);
/* FlushFileBuffers: waits until the other end has read everything e
 * wrote: 0, ERROR_BROKEN_PIPE (it left first), the errors of a server end
 * with no client (as pipe_read) or ERROR_OPERATION_ABORTED. */
uint32_t pipe_flush(struct pipe_end *e);
/* Answers a's request on e: in its process (unless that is ending) the
 * bytes of data (NULL: none) go to user, then the OVERLAPPED gets the
 * NTSTATUS status (an unwritable user buffer: STATUS_ACCESS_VIOLATION) and
 * the count; then the event is set, a packet posted to e's port (if a
 * reports) and a's references dropped. No lock held. */
void pipe_answer(struct pipe_end *e, struct pipe_answer *a, uint32_t status, uint32_t bytes,
		 const void *data, uint32_t user);
/* CreateIoCompletionPort on e: associates it with port c under key (a
 * reference of c taken): 0, or ERROR_INVALID_PARAMETER when it has one. */
uint32_t pipe_end_associate(struct pipe_end *e, struct io_completion *c, uint32_t key);
/* SetFileCompletionNotificationModes on e. */
void pipe_end_set_modes(struct pipe_end *e, uint32_t modes);
/* An overlapped request on e (its OVERLAPPED at ov) that completed at once
 * with the NTSTATUS status and bytes posts to e's port (unless e skips
 * successes): 0 or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t pipe_end_report(struct pipe_end *e, uint32_t ov, uint32_t status, uint32_t bytes,
			 bool at_once);
/* Drops a's references, unanswered. */
void pipe_answer_drop(struct pipe_answer *a);
/* PeekNamedPipe: copies up to len bytes of what the ring holds into buf
 * without taking them (a message-type pipe's: of its first message); *out
 * gets the bytes copied, available and left in that message after them.
 * 0, ERROR_BROKEN_PIPE (empty, no writer), ERROR_BAD_PIPE (a listening
 * server) or ERROR_PIPE_NOT_CONNECTED. */
uint32_t pipe_peek(struct pipe_end *e, void *buf, uint32_t len, uint32_t out[3]);

#endif
