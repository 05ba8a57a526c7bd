/* Each process's I/O counters (GetProcessIoCounters): the read, write and
 * other I/O operations its threads asked for and the bytes they moved, as
 * NT keeps them in the EPROCESS. A process's figures are changed and read
 * with interrupts off, as its other records are (kernel/ps/process.h).
 * Also each thread's synchronous I/O calls, which CancelSynchronousIo
 * interrupts. */
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "arch/cpu.h"

void ps_io_count(struct process *p, enum ps_io_kind kind, uint32_t bytes)
{
	bool irq = irq_save();

	p->io.operations[kind]++;
	p->io.bytes[kind] += bytes;
	irq_restore(irq);
}

void ps_io_counters(struct process *p, struct ps_io_counters *out)
{
	bool irq = irq_save();

	*out = p->io;
	irq_restore(irq);
}

void ps_sync_io_begin(void)
{
	bool irq = irq_save();

	((struct ps_thread *)thread_current())->sync_io++;
	irq_restore(irq);
}

void ps_sync_io_end(void)
{
	bool irq = irq_save();

	((struct ps_thread *)thread_current())->sync_io--;
	irq_restore(irq);
}

/* The wait ends at once if t is blocked in it; one that is about to block
 * or done waiting completes as it would have (as NT cancels only an IRP
 * still pending). */
uint32_t ps_cancel_synchronous_io(struct ps_thread *t)
{
	bool irq = irq_save();
	uint32_t err = t->sync_io ? ERROR_SUCCESS : ERROR_NOT_FOUND;

	if (t->sync_io)
		thread_interrupt(&t->k);
	irq_restore(irq);
	return err;
}
