/* Named pipes (CreateNamedPipe, ConnectNamedPipe, CreateFile on
 * \\.\pipe\NAME): NT's NPFS as far as one machine needs it. A named pipe
 * is a name (compared without case) with its server ends, the instances
 * CreateNamedPipe makes (at most its nMaxInstances); it lives while an
 * instance, a client end or a waiter holds it, and is found by name while
 * it has instances. Each instance is a Pipe object (kernel/io/pipe.h) in
 * one of NT's states: listening (new, or after ConnectNamedPipe), connected
 * (a client opened it: two new rings, one each way, join the server end and
 * the client's Pipe object), disconnected (DisconnectNamedPipe) or closed.
 * A client that closes leaves the server its data and then
 * ERROR_BROKEN_PIPE; a server that disconnects leaves the client
 * ERROR_PIPE_NOT_CONNECTED. Everything here changes under the dispatcher
 * lock; a waiter (ConnectNamedPipe, WaitNamedPipe) waits on a header, an
 * overlapped ConnectNamedPipe's OVERLAPPED is written and its event set by
 * whoever connects or ends it. */
#ifndef KERNEL_IO_NPIPE_H
#define KERNEL_IO_NPIPE_H

#include "kernel/io/pipe.h"

#define NPIPE_NAME_MAX 256u             /* the whole \\.\pipe\NAME, as Windows */
#define PIPE_ACCESS_INBOUND  0x1u
#define PIPE_ACCESS_OUTBOUND 0x2u
#define PIPE_ACCESS_DUPLEX   0x3u
#define PIPE_UNLIMITED_INSTANCES 255u

/* CreateNamedPipe's settings. */
struct npipe_params {
	uint32_t access;                /* PIPE_ACCESS_* */
	bool first;                     /* FILE_FLAG_FIRST_PIPE_INSTANCE */
	bool messages, read_messages, nowait, overlapped;
	uint32_t max_instances, out_size, in_size;
	uint32_t timeout;               /* WaitNamedPipe's default, in ticks */
};

/* What GetNamedPipeInfo and GetNamedPipeHandleState tell. */
struct npipe_info {
	uint32_t max_instances, out_size, in_size, instances;
	bool messages;
};

/* A new instance of the pipe name (the part after \\.\pipe\), made with p
 * by process pid: its server end, listening, one reference. 0,
 * ERROR_ACCESS_DENIED (p->first and the pipe exists, or another access),
 * ERROR_PIPE_BUSY (nMaxInstances reached) or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t npipe_create(const char *name, const struct npipe_params *p, uint32_t pid,
		      struct pipe_end **out);
/* A client's end of the pipe name, connected to a listening instance, for
 * the rights desired (FILE_READ_DATA / FILE_WRITE_DATA as the pipe's
 * direction allows, else ERROR_ACCESS_DENIED), by process pid: 0,
 * ERROR_FILE_NOT_FOUND (no such pipe), ERROR_PIPE_BUSY (no instance
 * listens) or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t npipe_open(const char *name, uint32_t desired, bool overlapped, uint32_t pid,
		    struct pipe_end **out);
/* ConnectNamedPipe on e: 0 (connected, or a PIPE_NOWAIT end that was
 * disconnected now listens), ERROR_PIPE_CONNECTED, ERROR_NO_DATA (the
 * client left), ERROR_PIPE_LISTENING (PIPE_NOWAIT, or an overlapped one
 * pending already), ERROR_IO_PENDING (an
 * overlapped end with pending, kmalloc'd: it takes it, answered later),
 * ERROR_INVALID_FUNCTION (a client end or an anonymous pipe's), or what
 * ended the wait (ERROR_PIPE_NOT_CONNECTED, ERROR_BROKEN_PIPE,
 * ERROR_OPERATION_ABORTED). */
uint32_t npipe_connect(struct pipe_end *e, struct pipe_answer *pending);
/* DisconnectNamedPipe: 0, ERROR_PIPE_NOT_CONNECTED (already) or
 * ERROR_INVALID_FUNCTION (not a server end). */
uint32_t npipe_disconnect(struct pipe_end *e);
/* WaitNamedPipe: waits up to ticks (WAIT_FOREVER: for ever; or, by
 * default, the pipe's timeout) for an instance of name to listen: 0,
 * ERROR_FILE_NOT_FOUND (no such pipe), ERROR_SEM_TIMEOUT or
 * ERROR_OPERATION_ABORTED. */
uint32_t npipe_wait(const char *name, uint32_t ticks, bool by_default);
/* e's pipe's settings: 0, or ERROR_INVALID_PARAMETER (anonymous). */
uint32_t npipe_info(struct pipe_end *e, struct npipe_info *out);
/* The server end's last handle (or reference) is gone: it leaves its pipe. */
void npipe_server_closed(struct pipe_end *e);
/* Drops the reference an end held on its pipe. */
void npipe_release(struct npipe *p);

#endif
