/* A thread's pending overlapped I/O (NT's IRP list, Thread->IrpList): a
 * request that pends is listed on the thread that issued it until it is
 * answered; when the thread ends, ke_io_rundown cancels every request
 * still listed, as Windows does (the request completes as cancelled).
 *
 * A request is counted: one reference is the request's own (dropped by
 * ke_io_finish once it is answered), another a rundown's while it cancels
 * the request, so that an answer racing with the rundown frees it only
 * after both. Locking: the dispatcher lock guards every thread's list and
 * each request's thread; the cancel and release routines run with no lock
 * held. */
#ifndef KERNEL_KE_IOLIST_H
#define KERNEL_KE_IOLIST_H

#include "arch/types.h"

struct thread;

struct ke_io {
	struct ke_io *next;             /* its thread's list */
	struct thread *thread;          /* listed on it, or NULL */
	uint32_t refs;
	void (*cancel)(struct ke_io *io);       /* asks for it to be answered as cancelled */
	void (*release)(struct ke_io *io);      /* frees it at its last reference */
};

/* Lists io (cancel and release set) on t with the request's reference. */
void ke_io_start(struct ke_io *io, struct thread *t);
/* The request is answered: off its thread's list, its reference dropped. */
void ke_io_finish(struct ke_io *io);
/* The calling thread t is ending: each request still listed is taken off
 * and cancelled (io->cancel, with a reference held meanwhile). */
void ke_io_rundown(struct thread *t);

#endif
