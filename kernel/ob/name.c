/* The namespace of named objects; see kernel/ob/name.h. */
#include "kernel/ob/name.h"
#include "kernel/rtl/string.h"
#include "mm/pool.h"

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;               /* FNV-1a */

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The prefixes are symbolic links, a type NT compares case-insensitively. */
static const char *after_prefix(const char *name, const char *prefix)
{
	for (; *prefix; prefix++, name++)
		if (lower(*name) != lower(*prefix))
			return NULL;
	return name;
}

const char *ob_name_key(const char *name, char *buf, size_t size)
{
	const char *global = after_prefix(name, "Global\\"), *rest = global;

	if (!rest)
		rest = after_prefix(name, "Local\\");
	if (!rest)
		rest = name;
	if (!*rest || strchr(rest, '\\'))
		return NULL;
	if (!global)
		return rest;
	if (strlen(rest) + sizeof("Global\\") > size)
		return NULL;
	memcpy(buf, "Global\\", sizeof("Global\\") - 1);
	memcpy(buf + sizeof("Global\\") - 1, rest, strlen(rest) + 1);
	return buf;
}

struct ob_name *ob_name_new(const char *text, void *object)
{
	size_t len = strlen(text) + 1;
	struct ob_name *n = kmalloc(sizeof(*n) + len);

	if (!n)
		return NULL;
	n->next = NULL;
	n->hash = name_hash(text);
	n->object = object;
	memcpy(n->text, text, len);
	return n;
}

struct ob_name *ob_names_find(struct ob_namespace *ns, const char *text)
{
	uint32_t h = name_hash(text);

	for (struct ob_name *n = ns->bucket[h % OB_NAME_BUCKETS]; n; n = n->next)
		if (n->hash == h && strcmp(n->text, text) == 0)
			return n;
	return NULL;
}

void ob_names_add(struct ob_namespace *ns, struct ob_name *n)
{
	struct ob_name **b = &ns->bucket[n->hash % OB_NAME_BUCKETS];

	n->next = *b;
	*b = n;
	ns->count++;
}

void ob_names_remove(struct ob_namespace *ns, struct ob_name *n)
{
	struct ob_name **link = &ns->bucket[n->hash % OB_NAME_BUCKETS];

	while (*link != n)
		link = &(*link)->next;
	*link = n->next;
	ns->count--;
}
