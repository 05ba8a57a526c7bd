/* Byte-range locks (LockFile, LockFileEx, UnlockFile, UnlockFileEx; NT's
 * FILE_LOCK in the FCB): each file's locks and the requests waiting for one
 * are lists on its open-file record (struct io_fcb), under the volume lock,
 * as everything else of the record. Owners are a File object and a process
 * (NT's file object and process id): a lock lets its owner through and
 * holds back every other owner, even another handle of the same process or
 * a child sharing the File object by inheritance. Offsets are unsigned
 * 64-bit; a lock may lie past the end of the file. See kernel/io/file.h. */
#include "kernel/io/iop.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

/* One granted lock. length 0 locks no byte: it only keeps a lock covering
 * its offset from being granted (what Windows does with one). */
struct io_range_lock {
	struct io_range_lock *next;
	const struct io_file *file;
	const void *owner;
	uint64_t offset, length;
	bool exclusive;
};

/* A request waiting for its range (LockFileEx without
 * LOCKFILE_FAIL_IMMEDIATELY): a waiting thread's, on its stack, signaled
 * when answered; or an overlapped handle's (async), in the pool, its
 * completion called once the volume lock is dropped. */
struct io_lock_wait {
	struct io_lock_wait *next;      /* the file's queue, then the answered ones */
	struct io_range_lock *lock;     /* what it asks for, linked when granted */
	uint32_t status;                /* LOCK_WAITING, then 0 (granted) or why not */
	struct dispatcher_header answered;
	struct io_lock_async *async;
};

#define LOCK_WAITING 0xffffffffu

/* The last byte of a non-empty range (it may be 2^64 - 1). */
static uint64_t range_last(uint64_t offset, uint64_t length)
{
	return offset + length - 1;
}

/* Whether ranges a and b share a byte; an empty range counts as its offset
 * against a non-empty one and meets no other empty range. */
static bool ranges_meet(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	if (!alen && !blen)
		return false;
	return a <= (blen ? range_last(b, blen) : b) && b <= (alen ? range_last(a, alen) : a);
}

static bool same_owner(const struct io_range_lock *l, const struct io_file *f, const void *owner)
{
	return l->file == f && l->owner == owner;
}

/* Whether request r conflicts with a lock of fcb: an exclusive lock may
 * overlap no lock, a shared one only shared locks and its owner's own. */
static bool lock_conflicts_locked(const struct io_fcb *fcb, const struct io_range_lock *r)
{
	for (const struct io_range_lock *l = fcb->locks; l; l = l->next)
		if (ranges_meet(l->offset, l->length, r->offset, r->length) &&
		    (r->exclusive || (l->exclusive && !same_owner(l, r->file, r->owner))))
			return true;
	return false;
}

/* Answers w (already off the queue) with status: a waiting thread is
 * woken, an overlapped request goes on *done for iop_lock_complete. */
static void answer_locked(struct io_lock_wait *w, uint32_t status, struct io_lock_wait **done)
{
	w->status = status;
	if (w->async) {
		w->next = *done;
		*done = w;
	} else {
		ke_set_signal(&w->answered, 1);
	}
}

/* Grants, in arrival order, every waiting request whose range is free now. */
static void grant_waiters_locked(struct io_fcb *fcb, struct io_lock_wait **done)
{
	struct io_lock_wait **p = &fcb->lock_waits, *w;

	while ((w = *p)) {
		if (lock_conflicts_locked(fcb, w->lock)) {
			p = &w->next;
			continue;
		}
		*p = w->next;
		w->lock->next = fcb->locks;
		fcb->locks = w->lock;
		answer_locked(w, ERROR_SUCCESS, done);
	}
}

void iop_lock_complete(struct io_lock_wait *done)
{
	struct io_lock_wait *w;

	while ((w = done)) {
		done = w->next;
		if (w->status)
			kfree(w->lock);
		w->async->complete(w->async, w->status);
		kfree(w);
	}
}

/* Queues w at the end of fcb's waiting requests. */
static void enqueue_locked(struct io_fcb *fcb, struct io_lock_wait *w)
{
	struct io_lock_wait **tail = &fcb->lock_waits;

	while (*tail)
		tail = &(*tail)->next;
	*tail = w;
}

/* Sleeps until w is answered; the thread's end takes it off the queue. */
static uint32_t wait_answer(struct io_fcb *fcb, struct io_lock_wait *w)
{
	struct io_lock_wait **p;

	ke_wait_single(&w->answered, WAIT_FOREVER);
	io_lock(fcb->vol);
	if (w->status == LOCK_WAITING) {        /* the thread is ending */
		for (p = &fcb->lock_waits; *p != w; p = &(*p)->next)
			;
		*p = w->next;
		w->status = ERROR_OPERATION_ABORTED;
	}
	io_unlock(fcb->vol);
	if (w->status)
		kfree(w->lock);
	return w->status;
}

uint32_t file_lock(struct io_file *f, const void *owner, uint64_t offset, uint64_t length,
		   bool exclusive, bool wait, struct io_lock_async *async)
{
	struct io_volume *v = f->fcb->vol;
	struct io_lock_wait w = { .status = LOCK_WAITING, .answered.kind = DISPATCHER_NOTIFICATION };
	struct io_lock_wait *queued = &w;
	struct io_range_lock *l;
	bool conflict;

	if (f->directory || (length && range_last(offset, length) < offset))
		return ERROR_INVALID_PARAMETER;
	if (!(l = kmalloc(sizeof(*l))))
		return ERROR_NOT_ENOUGH_MEMORY;
	*l = (struct io_range_lock){ NULL, f, owner, offset, length, exclusive };
	if (wait && f->overlapped && async) {
		if (!(queued = kmalloc(sizeof(*queued)))) {
			kfree(l);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
		*queued = (struct io_lock_wait){ .status = LOCK_WAITING, .async = async };
	}
	queued->lock = l;
	io_lock(v);
	conflict = lock_conflicts_locked(f->fcb, l);
	if (!conflict) {
		l->next = f->fcb->locks;
		f->fcb->locks = l;
	} else if (wait) {
		enqueue_locked(f->fcb, queued);
	}
	io_unlock(v);
	if (!conflict) {
		if (queued != &w)
			kfree(queued);
		return ERROR_SUCCESS;
	}
	if (!wait) {
		kfree(l);
		return ERROR_LOCK_VIOLATION;
	}
	/* An overlapped request may be answered, and its completion run, by
	 * another thread before this returns. */
	return queued == &w ? wait_answer(f->fcb, &w) : ERROR_IO_PENDING;
}

uint32_t file_unlock(struct io_file *f, const void *owner, uint64_t offset, uint64_t length)
{
	struct io_volume *v = f->fcb->vol;
	struct io_range_lock **p, **found = NULL, *l;
	struct io_lock_wait *done = NULL;

	io_lock(v);
	/* Of an exclusive and a shared lock on the same range, the exclusive
	 * one goes first (Windows' documented order). */
	for (p = &f->fcb->locks; *p; p = &(*p)->next)
		if (same_owner(*p, f, owner) && (*p)->offset == offset && (*p)->length == length &&
		    (!found || (*p)->exclusive))
			found = p;
	if (found) {
		l = *found;
		*found = l->next;
		kfree(l);
		grant_waiters_locked(f->fcb, &done);
	}
	io_unlock(v);
	iop_lock_complete(done);
	return found ? ERROR_SUCCESS : ERROR_NOT_LOCKED;
}

/* Aborts the waiting requests of f (of owner only, unless NULL; of one
 * overlapped request only, unless tag is 0; of issuer's overlapped ones
 * only, unless issuer is NULL); how many. */
static uint32_t abort_waiters_locked(struct io_fcb *fcb, const struct io_file *f,
				     const void *owner, uint32_t tag, const void *issuer,
				     struct io_lock_wait **done)
{
	struct io_lock_wait **p = &fcb->lock_waits, *w;
	uint32_t n = 0;

	while ((w = *p)) {
		if (w->lock->file == f && (!owner || w->lock->owner == owner) &&
		    (!tag || (w->async && w->async->tag == tag)) &&
		    (!issuer || (w->async && w->async->issuer == issuer))) {
			*p = w->next;
			answer_locked(w, ERROR_OPERATION_ABORTED, done);
			n++;
		} else {
			p = &w->next;
		}
	}
	return n;
}

/* Frees f's locks (of owner only, unless owner is NULL), aborts its
 * waiting requests, and grants what that frees. */
static void unlock_all_locked(struct io_fcb *fcb, const struct io_file *f, const void *owner,
			      struct io_lock_wait **done)
{
	struct io_range_lock **p = &fcb->locks, *l;

	while ((l = *p)) {
		if (l->file == f && (!owner || l->owner == owner)) {
			*p = l->next;
			kfree(l);
		} else {
			p = &l->next;
		}
	}
	abort_waiters_locked(fcb, f, owner, 0, NULL, done);
	grant_waiters_locked(fcb, done);
}

uint32_t file_cancel_locks(struct io_file *f, const void *owner, uint32_t tag,
			   const void *issuer)
{
	struct io_lock_wait *done = NULL;
	uint32_t n;

	io_lock(f->fcb->vol);
	n = abort_waiters_locked(f->fcb, f, owner, tag, issuer, &done);
	io_unlock(f->fcb->vol);
	iop_lock_complete(done);
	return n ? ERROR_SUCCESS : ERROR_NOT_FOUND;
}

/* Whether owner holds or waits for a lock through f. */
static bool has_locks_locked(const struct io_fcb *fcb, const struct io_file *f,
			     const void *owner)
{
	for (const struct io_range_lock *l = fcb->locks; l; l = l->next)
		if (same_owner(l, f, owner))
			return true;
	for (const struct io_lock_wait *w = fcb->lock_waits; w; w = w->next)
		if (same_owner(w->lock, f, owner))
			return true;
	return false;
}

void iop_lock_handle_closed(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	struct io_file *f = body;
	struct io_lock_wait *done = NULL;

	/* Unlocked test first: most files never see a lock, and a close need
	 * not take the volume lock for them. A lock being taken while the
	 * process's last handle closes races the same way with the lock. */
	if (!f->fcb || (!__atomic_load_n(&f->fcb->locks, __ATOMIC_RELAXED) &&
			!__atomic_load_n(&f->fcb->lock_waits, __ATOMIC_RELAXED)))
		return;
	io_lock(f->fcb->vol);
	if (has_locks_locked(f->fcb, f, t) && (!handles_left || !ob_handles_in(t, f)))
		unlock_all_locked(f->fcb, f, t, &done);
	io_unlock(f->fcb->vol);
	iop_lock_complete(done);
}

void iop_lock_rundown_locked(struct io_file *f, struct io_lock_wait **done)
{
	unlock_all_locked(f->fcb, f, NULL, done);
}

uint32_t iop_lock_check_locked(const struct io_file *f, const void *owner, uint64_t offset,
			       uint32_t len, bool write)
{
	if (!len)
		return ERROR_SUCCESS;
	for (const struct io_range_lock *l = f->fcb->locks; l; l = l->next)
		if (l->length && ranges_meet(l->offset, l->length, offset, len) &&
		    ((write && !l->exclusive) || (l->exclusive && !same_owner(l, f, owner))))
			return ERROR_LOCK_VIOLATION;
	return ERROR_SUCCESS;
}
