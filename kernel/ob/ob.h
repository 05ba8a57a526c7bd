/* kernel/ob: the object manager (NT's Ob). Owns every kernel object's header
 * (type, reference and handle counts, optional name), the object types and
 * their access rules, the per-process handle tables and the one namespace of
 * named objects (\BaseNamedObjects). Every handle a process holds, of any
 * type, lives here and is resolved here. It may call ke (waits), mm's pool
 * and the runtime library; the components that define types (ps now; files,
 * sections, threads later) call it, never the reverse, except through a
 * type's close and remove procedures.
 *
 * Locking: ob_lock (today interrupts off; a spin lock once threads run on
 * several CPUs) protects every handle table, the namespace, the per-type
 * counts, and every object's reference and handle counts. It is taken after
 * a component's own lock and before the pool's (which never sleeps); nothing
 * under it sleeps, and the types' close and remove procedures run after it
 * is dropped. */
#ifndef KERNEL_OB_OB_H
#define KERNEL_OB_OB_H

#include "arch/types.h"
#include "kernel/ob/access.h"
#include "kernel/ob/table.h"

struct dispatcher_header;

/* An object type (NT's OBJECT_TYPE). */
struct ob_type {
	const char *name;               /* "Process", "Event"... */
	struct ob_generic_mapping mapping;
	uint32_t valid_access;          /* every right the type knows */
	uint32_t implies_from, implies_to;      /* a granted right that brings another */
	/* Called when a handle to the object closes, with the table it was
	 * in (its process's: ob_handles_in tells whether that process holds
	 * the object still) and the handle count left (NT's CloseProcedure);
	 * may be NULL. Runs without ob_lock. */
	void (*close)(void *body, struct ob_handle_table *t, uint32_t handles_left);
	/* Called once the last reference is gone, before the memory is freed
	 * (NT's DeleteProcedure); may be NULL. Runs without ob_lock. */
	void (*remove)(void *body);
	/* The object's waitable header; NULL (the function, or its answer for
	 * one object) when it cannot be waited on. */
	struct dispatcher_header *(*dispatcher)(void *body);
	uint32_t live;                  /* objects of this type now */
	struct ob_type *next;           /* every registered type */
};

/* Makes type known to ob_type_for_each; each component registers its types
 * once at boot, before it creates an object of them. */
void ob_register_type(struct ob_type *type);
/* Visits every registered type (the leak check, the tools). */
void ob_type_for_each(void (*fn)(const struct ob_type *t, void *ctx), void *ctx);

/* Creates an object of type with a body of size bytes (zeroed) and one
 * reference for the caller; NULL when the pool is exhausted. */
void *ob_create(struct ob_type *type, size_t size);
/* What the header says of an object body. */
struct ob_type *ob_type_of(const void *body);
uint32_t ob_handle_count(const void *body);

/* A reference that keeps body from being deleted (NT's ObReferenceObject). */
void ob_reference(void *body);
/* ob_reference, unless the last reference is already gone (the object is
 * being deleted, though still listed somewhere): then false. */
bool ob_reference_unless_deleted(void *body);
/* Drops one; the last runs the type's remove procedure and frees the object.
 * The last reference to a process may go inside the scheduler (reaping its
 * thread): a remove procedure must not sleep. */
void ob_dereference(void *body);

/* A new handle in t to body (the caller's reference is kept) with the access
 * desired maps to for its type (ob_grant_access) and flags (HANDLE_FLAG_*).
 * 0 or a Win32 error: the grant's, ERROR_NOT_ENOUGH_MEMORY when the table
 * cannot grow, ERROR_ACCESS_DENIED when its process has ended. */
uint32_t ob_open_object(struct ob_handle_table *t, void *body, uint32_t desired,
			uint32_t flags, uint32_t *handle);
/* ob_open_object with the grant held within ceiling: a right outside it is
 * refused (ERROR_ACCESS_DENIED), and MAXIMUM_ALLOWED gets what both ceiling
 * and the type allow (kernel/se's rule between unequal tokens). */
uint32_t ob_open_object_within(struct ob_handle_table *t, void *body, uint32_t desired,
			       uint32_t ceiling, uint32_t flags, uint32_t *handle);
/* Like ob_open_object for a new object (just created; the caller's one
 * reference is consumed) to be known by name (NULL or "": unnamed). When the
 * name exists for an object of the same type the handle is to that one and
 * *existed is set; another type's name fails with ERROR_INVALID_HANDLE; a name
 * with a backslash after its prefix, ERROR_PATH_NOT_FOUND. */
uint32_t ob_create_named(struct ob_handle_table *t, void *body, const char *name,
			 uint32_t desired, uint32_t flags, uint32_t *handle, bool *existed);
/* A new handle in t to the object of type called name: ERROR_FILE_NOT_FOUND
 * when no object has that name, ERROR_INVALID_HANDLE when another type has. */
uint32_t ob_open_named(struct ob_handle_table *t, const char *name, const struct ob_type *type,
		       uint32_t desired, uint32_t flags, uint32_t *handle);
#define OB_NAME_MAX 261                 /* MAX_PATH characters and the terminator */

/* NT's ObReferenceObjectByHandle: the object behind handle in t, referenced,
 * when it has type (NULL: any) and the handle grants every right in desired
 * (*granted, if not NULL, gets what it grants). ERROR_INVALID_HANDLE for a
 * free, bad or wrong-type handle, ERROR_ACCESS_DENIED for a missing right.
 * The pseudo-handles name the table's own process (ob_set_pseudo_resolver). */
uint32_t ob_reference_by_handle(struct ob_handle_table *t, uint32_t handle,
				const struct ob_type *type, uint32_t desired, void **out,
				uint32_t *granted);
/* How many handles of t refer to body (a scan of the table). */
uint32_t ob_handles_in(struct ob_handle_table *t, const void *body);
/* Closes handle: ERROR_INVALID_HANDLE when it is free, bad or protected from
 * close (nothing changes then). A pseudo-handle closes nothing and succeeds. */
uint32_t ob_close_handle(struct ob_handle_table *t, uint32_t handle);
/* Reads or changes a handle's HANDLE_FLAG_* bits (those in mask become flags'). */
uint32_t ob_get_handle_flags(struct ob_handle_table *t, uint32_t handle, uint32_t *flags);
uint32_t ob_set_handle_flags(struct ob_handle_table *t, uint32_t handle, uint32_t mask,
			     uint32_t flags);
/* Copies every inheritable handle of from into the empty table to at the
 * same value, access and flags (CreateProcess with bInheritHandles). */
uint32_t ob_inherit_handles(struct ob_handle_table *from, struct ob_handle_table *to);
/* Closes every handle (the table's process is ending) and frees the table;
 * from then on no handle can be opened in it (ERROR_ACCESS_DENIED, as NT's
 * STATUS_PROCESS_IS_TERMINATING). */
void ob_close_all(struct ob_handle_table *t);

/* One handle, for the tools. */
struct ob_handle_info {
	uint32_t handle, access, flags;
	void *object;                   /* referenced: ob_dereference it */
	char name[64];                  /* the object's name then (cut short), "" if none */
};
/* Fills up to max entries with the handles above after, lowest first; returns
 * how many. */
uint32_t ob_list_handles(struct ob_handle_table *t, uint32_t after, struct ob_handle_info *out,
			 uint32_t max);

/* The pseudo-handles, as ring 3 passes them. */
#define HANDLE_CURRENT_PROCESS 0xffffffffu
#define HANDLE_CURRENT_THREAD  0xfffffffeu

/* Set once by ps: the object a pseudo-handle names for t's owner, referenced,
 * with the access it grants; NULL when it names nothing. */
typedef void *ob_pseudo_fn(struct ob_handle_table *t, uint32_t handle, uint32_t *access);
void ob_set_pseudo_resolver(ob_pseudo_fn *fn);

#endif
