/* Handles: opening, resolving, closing, flags, inheritance; see kernel/ob/ob.h.
 * The table's bookkeeping is table.c's; this file adds the lock, the
 * reference and handle counts and the access checks. */
#include "kernel/ob/obp.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"

static ob_pseudo_fn *pseudo_resolver;

void ob_set_pseudo_resolver(ob_pseudo_fn *fn)
{
	pseudo_resolver = fn;
}

static void *entry_object(const struct ob_handle_entry *e)
{
	return (void *)(e->word & ~(uintptr_t)OB_HANDLE_FLAGS);
}

static bool is_pseudo(uint32_t handle)
{
	return handle == HANDLE_CURRENT_PROCESS || handle == HANDLE_CURRENT_THREAD;
}

uint32_t obp_open_locked(struct ob_handle_table *t, void *body, uint32_t desired,
			 uint32_t flags, uint32_t *handle)
{
	const struct ob_type *type = obp_header(body)->type;
	uint32_t access, index, err;

	if (t->closed)          /* NT: STATUS_PROCESS_IS_TERMINATING */
		return ERROR_ACCESS_DENIED;
	err = ob_grant_access(desired, &type->mapping, type->valid_access, &access);
	if (err)
		return err;
	if (access & type->implies_from)
		access |= type->implies_to;
	if (!ob_table_alloc(t, &index))
		return ERROR_NOT_ENOUGH_MEMORY;
	ob_table_at(t, index)->word = (uintptr_t)body | (flags & OB_HANDLE_FLAGS);
	ob_table_at(t, index)->access = access;
	obp_handle_added_locked(body);
	*handle = ob_handle_of(index);
	return 0;
}

uint32_t ob_open_object(struct ob_handle_table *t, void *body, uint32_t desired,
			uint32_t flags, uint32_t *handle)
{
	bool irq = obp_lock();
	uint32_t err = obp_open_locked(t, body, desired, flags, handle);

	obp_unlock(irq);
	return err;
}

uint32_t ob_open_object_within(struct ob_handle_table *t, void *body, uint32_t desired,
			       uint32_t ceiling, uint32_t flags, uint32_t *handle)
{
	const struct ob_type *type = obp_header(body)->type;
	uint32_t access, err = ob_grant_access(desired, &type->mapping, type->valid_access & ceiling,
					       &access);

	return err ? err : ob_open_object(t, body, access, flags, handle);
}

uint32_t ob_reference_by_handle(struct ob_handle_table *t, uint32_t handle,
				const struct ob_type *type, uint32_t desired, void **out,
				uint32_t *granted)
{
	struct ob_handle_entry *e;
	uint32_t access = 0;
	void *body = NULL;
	bool irq;

	if (is_pseudo(handle)) {
		body = pseudo_resolver ? pseudo_resolver(t, handle, &access) : NULL;
	} else {
		irq = obp_lock();
		if ((e = ob_table_lookup(t, handle))) {
			body = entry_object(e);
			access = e->access;
			obp_header(body)->pointer_count++;
		}
		obp_unlock(irq);
	}
	if (!body)
		return ERROR_INVALID_HANDLE;
	if ((type && obp_header(body)->type != type) || (desired & ~access)) {
		bool wrong_type = type && obp_header(body)->type != type;
		ob_dereference(body);
		return wrong_type ? ERROR_INVALID_HANDLE : ERROR_ACCESS_DENIED;
	}
	*out = body;
	if (granted)
		*granted = access;
	return 0;
}

uint32_t ob_handles_in(struct ob_handle_table *t, const void *body)
{
	bool irq = obp_lock();
	uint32_t n = 0, end = t->leaf_count * OB_LEAF_ENTRIES;

	for (uint32_t i = 0; i < end; i++)
		n += ob_table_at(t, i)->word && entry_object(ob_table_at(t, i)) == body;
	obp_unlock(irq);
	return n;
}

uint32_t ob_close_handle(struct ob_handle_table *t, uint32_t handle)
{
	struct ob_handle_entry *e;
	uint32_t left;
	void *body;
	bool irq;

	if (is_pseudo(handle))
		return 0;               /* closing a pseudo-handle does nothing */
	irq = obp_lock();
	e = ob_table_lookup(t, handle);
	if (!e || (e->word & HANDLE_FLAG_PROTECT_FROM_CLOSE)) {
		obp_unlock(irq);
		return ERROR_INVALID_HANDLE;
	}
	body = entry_object(e);
	ob_table_release(t, (handle >> 2) - 1);
	left = obp_handle_removed_locked(body);
	obp_unlock(irq);
	obp_handle_closed(body, t, left);
	return 0;
}

uint32_t ob_get_handle_flags(struct ob_handle_table *t, uint32_t handle, uint32_t *flags)
{
	bool irq = obp_lock();
	struct ob_handle_entry *e = ob_table_lookup(t, handle);

	if (e)
		*flags = e->word & OB_HANDLE_FLAGS;
	obp_unlock(irq);
	return e ? 0 : ERROR_INVALID_HANDLE;
}

uint32_t ob_set_handle_flags(struct ob_handle_table *t, uint32_t handle, uint32_t mask,
			     uint32_t flags)
{
	bool irq = obp_lock();
	struct ob_handle_entry *e = ob_table_lookup(t, handle);

	mask &= OB_HANDLE_FLAGS;
	if (e)
		e->word = (e->word & ~(uintptr_t)mask) | (flags & mask);
	obp_unlock(irq);
	return e ? 0 : ERROR_INVALID_HANDLE;
}

uint32_t ob_inherit_handles(struct ob_handle_table *from, struct ob_handle_table *to)
{
	uint32_t n = from->leaf_count * OB_LEAF_ENTRIES, err = 0;
	bool irq = obp_lock();

	for (uint32_t i = 0; i < n && !err; i++) {
		struct ob_handle_entry *e = ob_table_at(from, i);
		if (!(e->word & HANDLE_FLAG_INHERIT))
			continue;
		if (!ob_table_take(to, i)) {
			err = ERROR_NOT_ENOUGH_MEMORY;
			break;
		}
		*ob_table_at(to, i) = *e;
		obp_handle_added_locked(entry_object(e));
	}
	ob_table_relink(to);
	obp_unlock(irq);
	return err;
}

void ob_close_all(struct ob_handle_table *t)
{
	struct ob_handle_table gone;
	bool irq = obp_lock();
	uint32_t n;

	/* Closed first, and measured then: a handle duplicated in meanwhile
	 * would never be closed. */
	t->closed = true;
	n = t->leaf_count * OB_LEAF_ENTRIES;
	obp_unlock(irq);
	for (uint32_t i = 0; i < n; i++) {
		struct ob_handle_entry *e;
		void *body;
		uint32_t left;
		irq = obp_lock();
		e = ob_table_at(t, i);
		body = entry_object(e);
		if (!e->word) {
			obp_unlock(irq);
			continue;
		}
		ob_table_release(t, i);
		left = obp_handle_removed_locked(body);
		obp_unlock(irq);
		obp_handle_closed(body, t, left);
	}
	/* Emptied under the lock, freed after: a lookup from another process
	 * (DuplicateHandle's source) never walks freed leaves. */
	irq = obp_lock();
	gone = *t;
	*t = (struct ob_handle_table){ .peak_bytes = t->peak_bytes, .closed = true };
	obp_unlock(irq);
	if (gone.count)
		panic("ob_close_all: %u handles appeared in a closed table", gone.count);
	ob_table_free(&gone);
}

uint32_t ob_list_handles(struct ob_handle_table *t, uint32_t after, struct ob_handle_info *out,
			 uint32_t max)
{
	bool irq = obp_lock();
	uint32_t n = 0, end = t->leaf_count * OB_LEAF_ENTRIES;

	for (uint32_t i = after / 4; i < end && n < max; i++) {
		struct ob_handle_entry *e = ob_table_at(t, i);
		if (!e->word)
			continue;
		struct ob_name *name = obp_header(entry_object(e))->name;
		out[n] = (struct ob_handle_info){ ob_handle_of(i), e->access,
						  e->word & OB_HANDLE_FLAGS, entry_object(e), "" };
		/* Copied under the lock: the name goes with the object's last handle. */
		if (name)
			strlcpy(out[n].name, name->text, sizeof(out[n].name));
		obp_header(out[n++].object)->pointer_count++;
	}
	obp_unlock(irq);
	return n;
}
