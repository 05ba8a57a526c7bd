/* Object headers, types, references and the namespace; see kernel/ob/ob.h. */
#include "kernel/ob/obp.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"


struct ob_namespace obp_names;
static struct ob_type *types;

void ob_register_type(struct ob_type *type)
{
	bool irq = obp_lock();

	type->next = types;
	types = type;
	obp_unlock(irq);
}

void ob_type_for_each(void (*fn)(const struct ob_type *t, void *ctx), void *ctx)
{
	for (const struct ob_type *t = types; t; t = t->next)
		fn(t, ctx);
}

void *ob_create(struct ob_type *type, size_t size)
{
	struct ob_header *h = kmalloc(sizeof(*h) + size);
	bool irq;

	if (!h)
		return NULL;
	memset(h, 0, sizeof(*h) + size);
	h->type = type;
	h->pointer_count = 1;
	irq = obp_lock();
	type->live++;
	obp_unlock(irq);
	return h + 1;
}

struct ob_type *ob_type_of(const void *body) { return obp_header(body)->type; }
uint32_t ob_handle_count(const void *body) { return obp_header(body)->handle_count; }

void ob_reference(void *body)
{
	bool irq = obp_lock();
	struct ob_header *h = obp_header(body);

	if (h->pointer_count == 0)
		panic("ob_reference: %s object %p is already deleted", h->type->name, body);
	h->pointer_count++;
	obp_unlock(irq);
}

bool ob_reference_unless_deleted(void *body)
{
	bool irq = obp_lock();
	struct ob_header *h = obp_header(body);
	bool alive = h->pointer_count != 0;

	if (alive)
		h->pointer_count++;
	obp_unlock(irq);
	return alive;
}

void ob_dereference(void *body)
{
	bool irq = obp_lock();
	struct ob_header *h = obp_header(body);
	uint32_t left;

	if (h->pointer_count == 0)
		panic("ob_dereference: %s object %p has no reference left", h->type->name, body);
	left = --h->pointer_count;
	if (left == 0) {
		if (h->handle_count || h->name)
			panic("ob_dereference: %s object %p deleted with %u handles",
			      h->type->name, body, h->handle_count);
		h->type->live--;
	}
	obp_unlock(irq);
	if (left)
		return;
	if (h->type->remove)
		h->type->remove(body);
	kfree(h);
}

void obp_handle_added_locked(void *body)
{
	struct ob_header *h = obp_header(body);

	h->pointer_count++;
	h->handle_count++;
}

uint32_t obp_handle_removed_locked(void *body)
{
	struct ob_header *h = obp_header(body);

	/* NT: a named object leaves its directory with its last handle, so a
	 * later create makes a new one, while kernel references may linger. */
	if (--h->handle_count == 0 && h->name) {
		ob_names_remove(&obp_names, h->name);
		kfree(h->name);
		h->name = NULL;
	}
	return h->handle_count;
}

void obp_handle_closed(void *body, struct ob_handle_table *t, uint32_t handles_left)
{
	struct ob_type *type = obp_header(body)->type;

	if (type->close)
		type->close(body, t, handles_left);
	ob_dereference(body);
}

/* The namespace key for name (kept in buf, OB_NAME_KEY_MAX bytes, when it
 * must be built), or NULL with *err set. */
static const char *checked_name(const char *name, char *buf, uint32_t *err)
{
	const char *text = ob_name_key(name, buf, OB_NAME_KEY_MAX);

	*err = text ? 0 : ERROR_PATH_NOT_FOUND;
	return text;
}

uint32_t ob_create_named(struct ob_handle_table *t, void *body, const char *name,
			 uint32_t desired, uint32_t flags, uint32_t *handle, bool *existed)
{
	struct ob_name *n = NULL, *found;
	const char *text;
	char key[OB_NAME_KEY_MAX];
	uint32_t err;
	bool irq;

	*existed = false;
	if (!name || !*name) {
		err = ob_open_object(t, body, desired, flags, handle);
		ob_dereference(body);
		return err;
	}
	if (!(text = checked_name(name, key, &err)) || !(n = ob_name_new(text, body))) {
		ob_dereference(body);
		return text ? ERROR_NOT_ENOUGH_MEMORY : err;
	}
	irq = obp_lock();
	found = ob_names_find(&obp_names, text);
	if (found && obp_header(found->object)->type != obp_header(body)->type) {
		obp_unlock(irq);
		kfree(n);
		ob_dereference(body);
		return ERROR_INVALID_HANDLE;
	}
	if (!found) {
		ob_names_add(&obp_names, n);
		obp_header(body)->name = n;
		n = NULL;
	}
	/* A handle now, under the same lock: the name cannot go meanwhile. */
	err = obp_open_locked(t, found ? found->object : body, desired, flags, handle);
	if (err && !found) {
		ob_names_remove(&obp_names, obp_header(body)->name);
		n = obp_header(body)->name;
		obp_header(body)->name = NULL;
	}
	obp_unlock(irq);
	*existed = found != NULL;
	kfree(n);
	ob_dereference(body);
	return err;
}

uint32_t ob_open_named(struct ob_handle_table *t, const char *name, const struct ob_type *type,
		       uint32_t desired, uint32_t flags, uint32_t *handle)
{
	const char *text;
	char key[OB_NAME_KEY_MAX];
	struct ob_name *found;
	uint32_t err;
	bool irq;

	if (!(text = checked_name(name, key, &err)))
		return err;
	irq = obp_lock();
	found = ob_names_find(&obp_names, text);
	if (!found)
		err = ERROR_FILE_NOT_FOUND;
	else if (obp_header(found->object)->type != type)
		err = ERROR_INVALID_HANDLE;
	else
		err = obp_open_locked(t, found->object, desired, flags, handle);
	obp_unlock(irq);
	return err;
}
