/* The object manager's private parts, shared by its files: the object
 * header, the lock and the namespace. Nothing outside kernel/ob includes it. */
#ifndef KERNEL_OB_OBP_H
#define KERNEL_OB_OBP_H

#include "kernel/ob/ob.h"
#include "kernel/ob/name.h"
#include "arch/cpu.h"

/* NT's OBJECT_HEADER: it sits just before the body, which stays 16-byte
 * aligned (the header is 16 bytes). */
struct ob_header {
	struct ob_type *type;
	uint32_t pointer_count;         /* references, each handle's included */
	uint32_t handle_count;
	struct ob_name *name;           /* NULL when unnamed or no longer named */
};

static inline struct ob_header *obp_header(const void *body)
{
	return (struct ob_header *)body - 1;
}

/* ob_lock: see ob.h. One CPU today, so interrupts off is the lock. */
static inline bool obp_lock(void) { return irq_save(); }
static inline void obp_unlock(bool irq) { irq_restore(irq); }

extern struct ob_namespace obp_names;

/* ob_open_object with the lock held. */
uint32_t obp_open_locked(struct ob_handle_table *t, void *body, uint32_t desired,
			 uint32_t flags, uint32_t *handle);
/* Counts one more handle to body (lock held). */
void obp_handle_added_locked(void *body);
/* Counts one handle less (lock held); the name goes with the last handle.
 * Returns the handle count left, for the type's close procedure. */
uint32_t obp_handle_removed_locked(void *body);
/* After a handle of t closed, lock dropped: the close procedure, then the
 * reference the handle held. */
void obp_handle_closed(void *body, struct ob_handle_table *t, uint32_t handles_left);

#endif
