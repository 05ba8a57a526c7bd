/* Mutant objects; see kernel/ex/mutant.h. */
#include "kernel/ex/mutant.h"

static struct dispatcher_header *mutant_dispatcher(void *body)
{
	return &((struct mutant *)body)->km.header;
}

/* The last reference is gone: no thread may still list it as owned. */
static void mutant_remove(void *body)
{
	ke_mutant_delete(&((struct mutant *)body)->km);
}

/* NT's generic mapping for mutants (ReactOS's measurements). */
struct ob_type mutant_type = {
	.name = "Mutant",
	.mapping = { 0x00020001u, 0x00020000u, 0x00120000u, MUTANT_ALL_ACCESS },
	.valid_access = MUTANT_ALL_ACCESS,
	.remove = mutant_remove,
	.dispatcher = mutant_dispatcher,
};

void mutant_init(void)
{
	ob_register_type(&mutant_type);
}

struct mutant *mutant_create(bool initial_owner)
{
	struct mutant *m = ob_create(&mutant_type, sizeof(*m));

	if (m)
		ke_mutant_init(&m->km, initial_owner ? thread_current() : NULL);
	return m;
}
