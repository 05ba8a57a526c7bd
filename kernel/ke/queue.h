/* Queues (NT's KQUEUE, under I/O completion ports: kernel/io/completion.c):
 * a FIFO of entries that threads take with ke_queue_remove, released LIFO
 * (the thread that waited last goes first), and NT's concurrency rule: a
 * thread that removes from a queue is associated with it (one queue per
 * thread, until it removes from another or ends), and a waiting thread is
 * given an entry only while fewer than the queue's maximum of its
 * associated threads run. An associated thread that blocks anywhere else
 * (any wait or sleep) stops counting as running, letting a waiter go if
 * entries are queued, and counts again when it wakes; ending, it leaves.
 *
 * Locking: the dispatcher lock guards every queue's fields, each thread's
 * queue and queue_next, and the waiters; nothing here allocates or frees. */
#ifndef KERNEL_KE_QUEUE_H
#define KERNEL_KE_QUEUE_H

#include "kernel/ke/dispatcher.h"

struct ke_queue_entry {
	struct ke_queue_entry *next;
};

struct ke_queue_waiter;

struct ke_queue {
	struct ke_queue_entry *head, *tail;
	struct ke_queue_waiter *waiters;        /* newest first */
	struct thread *threads;         /* associated, by queue_next */
	uint32_t current, maximum;      /* associated threads running; the limit */
	bool closed;
};

/* An empty open queue letting maximum (> 0) associated threads run. */
void ke_queue_init(struct ke_queue *q, uint32_t maximum);
/* Appends e, or gives it to the newest waiter if fewer than the maximum
 * run (NT's KeInsertQueue); a closed queue keeps it for ke_queue_rundown. */
void ke_queue_insert(struct ke_queue *q, struct ke_queue_entry *e);
/* NT's KeRemoveQueue for the calling thread: associates it with q, then
 * takes the head entry into *out at once if fewer than the maximum run,
 * else waits up to ticks (WAIT_FOREVER: no limit; 0 only tests) to be
 * given one. Returns KE_WAIT_OBJECT_0 (*out set), KE_WAIT_TIMEOUT,
 * KE_WAIT_IO_COMPLETION (alertable: a user APC came first),
 * KE_WAIT_INTERRUPTED (the thread is being terminated) or, q closed before
 * or during the wait, KE_WAIT_ABANDONED_0. */
uint32_t ke_queue_remove(struct ke_queue *q, uint32_t ticks, bool alertable,
			 struct ke_queue_entry **out);
/* The head entry, taken without waiting or counting (a removal's further
 * entries, GetQueuedCompletionStatusEx's), or NULL. */
struct ke_queue_entry *ke_queue_take_more(struct ke_queue *q);
/* Closes q (NT's KeRundownQueue at the port's last handle): every waiter,
 * now and later, finds it closed. */
void ke_queue_close(struct ke_queue *q);
/* q goes: its associated threads leave it; returns its entries (a list by
 * next) for the caller to free. */
struct ke_queue_entry *ke_queue_rundown(struct ke_queue *q);
/* The scheduler's hooks (kernel/ke/thread.c) for thread t, dispatcher lock
 * held: it blocks (outside its queue's own wait) and stops counting as
 * running, or wakes and counts again. */
void ke_queue_thread_blocks_locked(struct thread *t);
void ke_queue_thread_wakes_locked(struct thread *t);
/* The calling thread t is ending: it leaves its queue. */
void ke_queue_thread_rundown(struct thread *t);

#endif
