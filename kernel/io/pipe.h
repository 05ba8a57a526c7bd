/* Anonymous pipes (CreatePipe). NT makes them named-pipe file objects of
 * the NPFS; here a pipe is a ring buffer shared by two Pipe objects, its
 * read end and its write end, each held by handles like any object (and
 * inherited like them). Calls ke (waits), ob and the pool; the system calls
 * (kernel/sys/sys_pipe.c) move the data between ring 3 and kernel buffers.
 *
 * A read waits until the ring holds data and takes what is there (a
 * partial read), or fails with ERROR_BROKEN_PIPE once it is empty and the
 * write end's last handle is closed. A write waits while the ring is full
 * and fails with ERROR_NO_DATA once the read end's last handle is closed
 * (Windows' "the pipe is being closed"). The waits are dispatcher waits on
 * two notification headers of the ring (readable: data or no writer;
 * writable: room or no reader), kept under the dispatcher lock with the
 * ring's state. A process that ends closes its handles, so its ends close
 * too. */
#ifndef KERNEL_IO_PIPE_H
#define KERNEL_IO_PIPE_H

#include "kernel/ob/ob.h"

#define PIPE_DEFAULT_SIZE 4096u
#define PIPE_MAX_SIZE     65536u

struct pipe_end;
extern struct ob_type pipe_type;

void pipe_init(void);
/* A new pipe of size bytes (0: PIPE_DEFAULT_SIZE; at most PIPE_MAX_SIZE)
 * and its two ends, one reference each: 0 or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t pipe_create(uint32_t size, struct pipe_end **read_end, struct pipe_end **write_end);
/* Whether e is the pipe's write end. */
bool pipe_is_write_end(const struct pipe_end *e);
/* Takes up to len bytes into buf (*done gets how many), waiting for the
 * first unless more (then an empty ring gives 0 bytes at once): 0,
 * ERROR_BROKEN_PIPE (empty, no writer) or ERROR_OPERATION_ABORTED (the
 * thread is being terminated). Read end only. */
uint32_t pipe_read(struct pipe_end *e, void *buf, uint32_t len, bool more, uint32_t *done);
/* Puts len bytes of buf into the ring, waiting for room as needed: *done
 * gets how many went in; 0, ERROR_NO_DATA (no reader when it came),
 * ERROR_BROKEN_PIPE (the reader left while it waited: NT completes the
 * waiting writes so) or ERROR_OPERATION_ABORTED. Write end only. */
uint32_t pipe_write(struct pipe_end *e, const void *buf, uint32_t len, uint32_t *done);
/* PeekNamedPipe: copies up to len bytes of what the ring holds into buf
 * without taking them; *copied and *available (what it holds) say how
 * much. */
void pipe_peek(struct pipe_end *e, void *buf, uint32_t len, uint32_t *copied,
	       uint32_t *available);

#endif
