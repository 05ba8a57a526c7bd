/* User-mode APCs (NT's KAPC queued for user mode): a per-thread FIFO of
 * calls to make in ring 3 on that thread. NT's rule: a user APC is
 * delivered only when its thread waits alertably (kernel/ke/dispatcher.h's
 * ke_wait_multiple, ke_delay here): such a wait ends with
 * KE_WAIT_IO_COMPLETION and the thread, back in ring 3, takes the APCs one
 * by one (ke_apc_next: the SDK's runner calls each) until none is left. A
 * non-alertable wait leaves them queued. When the thread ends, its queue is
 * run down (the APCs are lost, as Windows documents) and closed: queueing
 * to it fails from then on.
 *
 * An APC is either the pool's (QueueUserAPC, ReadFileEx: freed once taken
 * or run down) or embedded in a waitable timer (kernel/ke/timer.c: the timer
 * takes it back when cancelled or deleted).
 *
 * Locking: the dispatcher lock (kernel/ke/dispatcher.h) protects every
 * thread's queue, its closed flag, its alertable flag and every APC's
 * fields; the pool is never called under it. */
#ifndef KERNEL_KE_APC_H
#define KERNEL_KE_APC_H

#include "arch/types.h"

struct thread;

#define KE_APC_MAX_ARGS 3

/* routine(args[0..nargs)) in ring 3, stdcall: QueueUserAPC's routines
 * take one argument, completion routines (file, timer) three. */
struct ke_apc {
	struct ke_apc *next;            /* the thread's queue */
	uint32_t routine, nargs, args[KE_APC_MAX_ARGS];
	bool inserted;                  /* on a queue */
	bool pooled;                    /* kmalloc'd: freed when taken or run down */
};

/* Queues a pool APC routine(args[0..nargs)) to t (QueueUserAPC): 0,
 * ERROR_NOT_ENOUGH_MEMORY, or ERROR_GEN_FAILURE when t has ended or is
 * ending (its queue closed: Windows' answer for a terminating thread). */
uint32_t ke_queue_user_apc(struct thread *t, uint32_t routine, uint32_t nargs,
			   const uint32_t args[KE_APC_MAX_ARGS]);
/* Puts a at the tail of t's queue and, if t waits alertably, ends its wait;
 * false (nothing queued) when the queue is closed or t is being terminated. */
bool ke_apc_insert_locked(struct thread *t, struct ke_apc *a);
/* Takes a off t's queue if it is on it. */
void ke_apc_remove_locked(struct thread *t, struct ke_apc *a);
/* Whether t has an APC queued. */
bool ke_apc_pending_locked(const struct thread *t);
/* Takes the first APC of the calling thread's queue into *out (a copy);
 * false when the queue is empty. */
bool ke_apc_next(struct ke_apc *out);
/* The calling thread is ending: closes its queue, drops what it holds and
 * cancels the timers it set with a completion routine. */
void ke_apc_rundown(struct thread *t);
/* SleepEx: sleeps ticks timer ticks (WAIT_FOREVER: for ever; 0: gives up
 * the CPU, Sleep(0)); alertable, it ends at once with KE_WAIT_IO_COMPLETION
 * when an APC is queued, or is cut short by one queued meanwhile. Returns
 * 0 or KE_WAIT_IO_COMPLETION. */
uint32_t ke_delay(uint32_t ticks, bool alertable);

#endif
