/* Directory change notifications (NT's FsRtlNotifyFullChangeDirectory):
 * the watch a directory's File object keeps, the changes it buffers as
 * FILE_NOTIFY_INFORMATION records and the requests that wait for them; fed
 * by iop_notify_locked where kernel/io changes a volume (names.c, file.c,
 * fcb.c, info.c). See kernel/io/file.h (file_notify) and iop.h.
 *
 * Locking: a volume's watches, their buffers and their waiting requests
 * are under that volume's lock, as every change that feeds them is; a
 * synchronous request is answered under it (its event set: the dispatcher
 * lock nests under anything), an overlapped one is put on the volume's
 * notify_done list and completed by io_unlock once the lock is dropped,
 * since its completion writes user memory and may queue an APC. */
#include "kernel/io/iop.h"
#include "kernel/rtl/codepage.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

#define NOTIFY_BUFFER_MAX 65536u        /* the most a watch buffers (NT's network limit) */
#define NOTIFY_RECORD_HEAD 12u          /* FILE_NOTIFY_INFORMATION before FileName */

/* A directory File object's watch: its filter and subtree (the first
 * request's), the changes buffered since the last answer and the requests
 * waiting, oldest first. */
struct io_notify {
	struct io_notify *next;         /* the volume's watches */
	struct io_file *file;
	uint32_t filter;
	bool subtree, overflow;         /* overflow: changes were lost (ERROR_NOTIFY_ENUM_DIR) */
	uint8_t *buf;                   /* size bytes (the first request's length, capped) */
	uint32_t size, used, last;      /* last: the offset of the last record */
	struct io_notify_request *requests;
};

/* Whether the first n characters of a and b are the same, ASCII letters
 * compared without case. */
static bool notify_same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (y >= 'a' && y <= 'z')
			y = (char)(y - 32);
		if (x != y)
			return false;
	}
	return true;
}

/* path (a volume path) relative to directory dir (as it was opened: a
 * trailing '\' does not count) when it lies in it (any depth when
 * subtree), else NULL. */
static const char *notify_relative(const char *dir, const char *path, bool subtree)
{
	size_t n = strlen(dir) - (strlen(dir) > 1 && dir[strlen(dir) - 1] == '\\');
	const char *rest = path + n;

	if (strlen(path) <= n || !notify_same(dir, path, n))
		return NULL;
	if (n > 1 && *rest++ != '\\')
		return NULL;
	if (!*rest || (!subtree && strchr(rest, '\\')))
		return NULL;
	return rest;
}

/* Appends a record of action on name (relative, code page 437) to n's
 * buffer, or marks it overflowed (its records dropped) when it is full. */
static void notify_record_locked(struct io_notify *n, uint32_t action, const char *name)
{
	uint32_t len = (uint32_t)strlen(name);
	uint32_t size = (NOTIFY_RECORD_HEAD + 2 * len + 3) & ~3u;
	uint32_t *head;
	uint16_t *text;

	if (n->overflow)
		return;
	if (n->used + size > n->size) {
		n->overflow = true;
		n->used = 0;
		return;
	}
	if (n->used)
		*(uint32_t *)(n->buf + n->last) = n->used - n->last;
	head = (uint32_t *)(n->buf + n->used);
	head[0] = 0;
	head[1] = action;
	head[2] = 2 * len;
	text = (uint16_t *)(head + 3);
	for (uint32_t i = 0; i < len; i++)
		text[i] = cp437_to_unicode((uint8_t)name[i]);
	n->last = n->used;
	n->used += size;
}

/* Answers r (taken off n's queue by the caller) with what n buffered:
 * the records when they fit its length, else ERROR_NOTIFY_ENUM_DIR with
 * none; status for a request answered without records (cancelled,
 * cleaned up). A synchronous request is woken, an overlapped one put on
 * the volume's list for io_unlock. */
static void notify_answer_locked(struct io_notify *n, struct io_notify_request *r,
				 uint32_t status)
{
	struct io_notify_request **tail = &n->file->fcb->vol->notify_done;

	r->data = NULL;
	r->bytes = 0;
	r->status = status;
	if (!status && (n->overflow || n->used > r->length))
		r->status = ERROR_NOTIFY_ENUM_DIR;
	else if (!status && (r->data = kmalloc(n->used))) {
		memcpy(r->data, n->buf, n->used);
		r->bytes = n->used;
	} else if (!status) {
		r->status = ERROR_NOT_ENOUGH_MEMORY;
	}
	if (!status) {
		n->used = 0;
		n->overflow = false;
	}
	if (!r->complete) {
		ke_set_signal(&r->answered, 1);
		return;
	}
	while (*tail)
		tail = &(*tail)->next;
	r->next = NULL;
	*tail = r;              /* answered in order, completed in order */
}

void iop_notify_locked(struct io_volume *v, uint32_t filter, uint32_t action, const char *path,
		       uint32_t action2, const char *path2)
{
	for (struct io_notify *n = v->watches; n; n = n->next) {
		const char *dir = n->file->fcb->path, *rel;
		bool recorded = false;
		struct io_notify_request *r;

		if (!(n->filter & filter))
			continue;
		if ((rel = notify_relative(dir, path, n->subtree))) {
			notify_record_locked(n, action, rel);
			recorded = true;
		}
		if (path2 && (rel = notify_relative(dir, path2, n->subtree))) {
			notify_record_locked(n, action2, rel);
			recorded = true;
		}
		if (recorded && (r = n->requests)) {
			n->requests = r->next;
			notify_answer_locked(n, r, 0);
		}
	}
}

void iop_notify_complete(struct io_notify_request *done)
{
	struct io_notify_request *r;

	while ((r = done)) {
		uint8_t *data = r->data;

		done = r->next;
		r->complete(r);
		kfree(data);
	}
}

/* f's watch, made by its first request (filter, subtree, a buffer of
 * length bytes). */
static uint32_t notify_watch_locked(struct io_file *f, uint32_t filter, bool subtree,
				    uint32_t length, struct io_notify **out)
{
	struct io_volume *v = f->fcb->vol;
	struct io_notify *n = f->notify;

	if (!n) {
		if (!(n = kmalloc(sizeof(*n))))
			return ERROR_NOT_ENOUGH_MEMORY;
		memset(n, 0, sizeof(*n));
		n->size = length < NOTIFY_BUFFER_MAX ? length : NOTIFY_BUFFER_MAX;
		if (n->size && !(n->buf = kmalloc(n->size))) {
			kfree(n);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
		n->file = f;
		n->filter = filter;
		n->subtree = subtree;
		n->next = v->watches;
		v->watches = n;
		f->notify = n;
	}
	*out = n;
	return ERROR_SUCCESS;
}

/* Answers with status and takes off f's queue every request that matches:
 * issued through the handle table owner (NULL: any), with tag (0: any),
 * by issuer (NULL: any thread). ERROR_NOT_FOUND when none did. */
static uint32_t notify_drop_locked(struct io_file *f, const void *owner, uint32_t tag,
				   const void *issuer, uint32_t status)
{
	struct io_notify *n = f->notify;
	struct io_notify_request **p, *r;
	uint32_t err = ERROR_NOT_FOUND;

	for (p = n ? &n->requests : NULL; p && (r = *p);) {
		if ((owner && r->owner != owner) || (tag && r->tag != tag) ||
		    (issuer && r->issuer != issuer)) {
			p = &r->next;
			continue;
		}
		*p = r->next;
		notify_answer_locked(n, r, status);
		err = ERROR_SUCCESS;
	}
	return err;
}

uint32_t file_notify(struct io_file *f, uint32_t filter, bool subtree,
		     struct io_notify_request *r)
{
	struct io_volume *v = f->fcb->vol;
	struct io_notify_request **tail;
	bool sync = !r->complete;
	struct io_notify *n;
	uint32_t err;

	if (!f->directory || f->find)
		return ERROR_INVALID_PARAMETER;
	r->next = NULL;
	r->answered.kind = DISPATCHER_NOTIFICATION;
	if (sync)
		r->tag = (uint32_t)r;
	io_lock(v);
	if (!(err = notify_watch_locked(f, filter, subtree, r->length, &n))) {
		if (n->used || n->overflow) {
			notify_answer_locked(n, r, 0);
		} else {
			for (tail = &n->requests; *tail; tail = &(*tail)->next)
				;
			*tail = r;
			err = ERROR_IO_PENDING;
		}
	}
	io_unlock(v);
	if (err != ERROR_IO_PENDING || !sync)
		return err;
	/* Synchronous: sleep until answered; the thread's end takes it back. */
	ke_wait_single(&r->answered, WAIT_FOREVER);
	io_lock(v);
	if (!r->answered.signal_state)
		(void)notify_drop_locked(f, NULL, r->tag, NULL, ERROR_OPERATION_ABORTED);
	io_unlock(v);
	return ERROR_SUCCESS;
}

uint32_t file_notify_cancel(struct io_file *f, const void *owner, uint32_t tag,
			    const void *issuer)
{
	uint32_t err;

	if (!f->notify)
		return ERROR_NOT_FOUND;
	io_lock(f->fcb->vol);
	err = notify_drop_locked(f, owner, tag, issuer, ERROR_OPERATION_ABORTED);
	io_unlock(f->fcb->vol);
	return err;
}

void iop_notify_handle_closed(struct io_file *f, const void *owner)
{
	if (!f->notify)
		return;
	io_lock(f->fcb->vol);
	(void)notify_drop_locked(f, owner, 0, NULL, ERROR_NOTIFY_CLEANUP);
	io_unlock(f->fcb->vol);
}

void iop_notify_rundown_locked(struct io_file *f)
{
	struct io_notify *n = f->notify, **p;

	if (!n)
		return;
	for (p = &f->fcb->vol->watches; *p != n; p = &(*p)->next)
		;
	*p = n->next;
	kfree(n->buf);
	kfree(n);
	f->notify = NULL;
}

void iop_notify_move_locked(struct io_volume *v, bool dir, const char *from, const char *to,
			    bool replaced)
{
	uint32_t filter = dir ? FILE_NOTIFY_CHANGE_DIR_NAME : FILE_NOTIFY_CHANGE_FILE_NAME;
	size_t a = (size_t)(strrchr(from, '\\') - from), b = (size_t)(strrchr(to, '\\') - to);

	if (replaced && (strlen(from) != strlen(to) || !notify_same(from, to, strlen(to))))
		iop_notify_locked(v, FILE_NOTIFY_CHANGE_FILE_NAME, FILE_ACTION_REMOVED, to, 0, NULL);

	if (a == b && notify_same(from, to, a))
		iop_notify_locked(v, filter, FILE_ACTION_RENAMED_OLD_NAME, from,
				  FILE_ACTION_RENAMED_NEW_NAME, to);
	else
		iop_notify_locked(v, filter, FILE_ACTION_REMOVED, from, FILE_ACTION_ADDED, to);
}
