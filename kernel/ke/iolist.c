/* Threads' pending I/O requests; see kernel/ke/iolist.h. */
#include "kernel/ke/iolist.h"
#include "kernel/ke/dispatcher.h"

void ke_io_start(struct ke_io *io, struct thread *t)
{
	bool lock = ke_dispatcher_lock();

	io->refs = 1;
	io->thread = t;
	io->next = t->io_requests;
	t->io_requests = io;
	ke_dispatcher_unlock(lock);
}

/* Drops a reference; the last one releases io. */
static void io_put(struct ke_io *io)
{
	if (!__atomic_sub_fetch(&io->refs, 1, __ATOMIC_ACQ_REL))
		io->release(io);
}

/* Takes io off its thread's list, if it is on one. */
static void io_unlist_locked(struct ke_io *io)
{
	struct ke_io **p;

	if (!io->thread)
		return;
	for (p = &io->thread->io_requests; *p != io; p = &(*p)->next)
		;
	*p = io->next;
	io->thread = NULL;
}

void ke_io_finish(struct ke_io *io)
{
	bool lock = ke_dispatcher_lock();

	io_unlist_locked(io);
	ke_dispatcher_unlock(lock);
	io_put(io);
}

void ke_io_rundown(struct thread *t)
{
	struct ke_io *io;
	bool lock;

	for (;;) {
		lock = ke_dispatcher_lock();
		if ((io = t->io_requests)) {
			io_unlist_locked(io);
			__atomic_add_fetch(&io->refs, 1, __ATOMIC_ACQ_REL);
		}
		ke_dispatcher_unlock(lock);
		if (!io)
			return;
		io->cancel(io);
		io_put(io);
	}
}
