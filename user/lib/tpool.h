/* The SDK's thread pool inside (user/lib/tpool.c, tpool_waiter.c,
 * tpool_vista.c, tpool_legacy.c). Every pool, item and registration is
 * under the one lock tp_lock (an SRW lock); the condition variables are
 * slept on with it. An item is one callback object: a TP_WORK, TP_TIMER,
 * TP_WAIT, a one-shot submission, a legacy wait or timer-queue timer. */
#ifndef USER_LIB_TPOOL_H
#define USER_LIB_TPOOL_H

#include <windows.h>

#define TP_NO_DUE ((ULONGLONG)-1)

struct tp_item;
struct tp_waiter;
/* One queued callback's result, in its item's FIFO: a wait's
 * (WAIT_OBJECT_0, WAIT_ABANDONED_0 or WAIT_TIMEOUT; WAIT_TIMEOUT for an
 * item without results), or an I/O completion's Win32 error with its
 * OVERLAPPED and count (tpool_io.c). */
struct tp_result {
	struct tp_result *next;
	DWORD result;
	LPOVERLAPPED overlapped;
	ULONG_PTR bytes;
};
/* Calls one callback of it with the result r. */
typedef void (*tp_invoke_fn)(struct tp_item *it, PTP_CALLBACK_INSTANCE inst,
			     const struct tp_result *r);

struct _TP_POOL {
	DWORD max, min;                 /* threads; max 0 means TP_DEFAULT_MAX */
	DWORD threads, idle;            /* alive, waiting for work */
	DWORD queued;                   /* callbacks waiting in the queue */
	DWORD objects;                  /* its items not yet freed */
	BOOL closing;                   /* CloseThreadpool: freed once no thread or item is left */
	struct tp_item *head, *tail;    /* items with pending callbacks, FIFO */
	CONDITION_VARIABLE work;        /* workers wait here for the queue */
};

struct tp_item {
	struct _TP_POOL *pool;
	tp_invoke_fn invoke;            /* calls the user's callback */
	void *callback, *context;
	DWORD pending;                  /* callbacks queued, not started */
	DWORD running;                  /* callbacks started, not returned */
	struct tp_item *next_queued;    /* in pool->head's list while pending */
	BOOL closed;                    /* freed when it goes idle */
	HANDLE done_event;              /* set when a closed item goes idle */
	CONDITION_VARIABLE idle;        /* pending and running both 0 */
	/* A registration with the waiter thread (timers and waits). */
	BOOL armed;                     /* on its waiter's list */
	struct tp_waiter *waiter;       /* while armed */
	struct tp_item *next_armed;
	ULONGLONG due;                  /* GetTickCount64 ms, or TP_NO_DUE */
	DWORD period;                   /* ms; 0 once */
	HANDLE handle;                  /* waited on, or NULL for a timer */
	DWORD timeout;                  /* a legacy wait's ms, re-applied each time */
	struct tp_result *results, *results_tail;       /* a wait's queued callbacks' */
	DWORD flags;                    /* a legacy item's WT_ flags */
	BOOL timer_set;                 /* a TP_TIMER's last due time was not NULL */
	struct tp_item *next_in_queue;  /* a timer queue's timers */
	struct tp_timer_queue *queue;
	struct _TP_CLEANUP_GROUP *group;        /* the cleanup group it is a member of */
	struct tp_item *next_in_group;
	PTP_CLEANUP_GROUP_CANCEL_CALLBACK group_cancel;
	DWORD io_started;               /* a TP_IO's I/O started, not completed: kept */
	struct tp_item *next_io;        /* the live TP_IOs (tpool_io.c) */
};

struct _TP_CLEANUP_GROUP {
	struct tp_item *members;        /* by next_in_group, newest first */
};

extern SRWLOCK tp_lock;

struct _TP_POOL *tp_pool_of(PTP_CALLBACK_ENVIRON pcbe);
struct tp_item *tp_item_new(PTP_CALLBACK_ENVIRON pcbe, tp_invoke_fn invoke, void *callback,
			    void *context);
/* Frees it (out of its cleanup group; its pool goes too when closed and
 * left with neither threads nor items). */
void tp_item_free_locked(struct tp_item *it);
void tp_submit_locked(struct tp_item *it);
/* Queues one callback of it that gets a copy of r; FALSE (nothing queued)
 * without the memory to keep the result. */
BOOL tp_submit_result_locked(struct tp_item *it, const struct tp_result *r);
void tp_cancel_pending_locked(struct tp_item *it);
void tp_wait_idle_locked(struct tp_item *it);
void tp_settle_locked(struct tp_item *it);
void tp_group_leave_locked(struct tp_item *it);
void tp_run_here_locked(struct tp_item *it, const struct tp_result *r);
ULONGLONG tp_due_from_filetime(const FILETIME *ft);

/* The Vista objects' common calls (tpool_vista.c): a new object calling
 * callback, or NULL (ERROR_INVALID_PARAMETER for no callback,
 * ERROR_NOT_ENOUGH_MEMORY); WaitForThreadpool*Callbacks; Close*. */
struct tp_item *tp_object_new(PTP_CALLBACK_ENVIRON pcbe, tp_invoke_fn invoke, void *callback,
			      void *context);
void tp_object_wait(struct tp_item *it, BOOL cancel_pending);
void tp_object_close(struct tp_item *it);

/* Takes a TP_IO off the live list before it is freed (tpool_io.c). */
void tp_io_forget_locked(struct tp_item *it);

BOOL tp_arm_locked(struct tp_item *it);
void tp_disarm_locked(struct tp_item *it);

#endif
