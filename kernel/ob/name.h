/* The namespace of named objects (NT's \BaseNamedObjects): a hash table of
 * names, each naming one object. Names are case-sensitive, as for every type
 * that lives here. Pure bookkeeping, unit-tested on the host; ob.c locks. */
#ifndef KERNEL_OB_NAME_H
#define KERNEL_OB_NAME_H

#include <stddef.h>
#include <stdint.h>

#define OB_NAME_BUCKETS 256u

struct ob_name {
	struct ob_name *next;           /* in its bucket */
	uint32_t hash;
	void *object;                   /* the named object's body */
	char text[];
};

struct ob_namespace {
	struct ob_name *bucket[OB_NAME_BUCKETS];
	uint32_t count;
};

#define OB_NAME_KEY_MAX (7 + 260 + 1)   /* "Global\" and a MAX_PATH name */

/* The namespace key of a Win32 name: NT's two directories, as a program in
 * an interactive session (session 1) sees them. "Global\" names the global
 * \BaseNamedObjects (key "Global\" and the rest, kept in buf, size bytes);
 * "Local\" or no prefix the session's own (key: the rest). The prefix's
 * case does not matter, the name's does. NULL when the rest is empty, holds
 * a backslash (no subdirectories exist) or does not fit buf. */
const char *ob_name_key(const char *name, char *buf, size_t size);
/* A new entry for text naming object (kmalloc'd), or NULL. */
struct ob_name *ob_name_new(const char *text, void *object);
struct ob_name *ob_names_find(struct ob_namespace *ns, const char *text);
void ob_names_add(struct ob_namespace *ns, struct ob_name *n);
void ob_names_remove(struct ob_namespace *ns, struct ob_name *n);

#endif
