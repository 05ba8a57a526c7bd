/* Semaphore objects; see kernel/ex/semaphore.h. */
#include "kernel/ex/semaphore.h"

static struct dispatcher_header *semaphore_dispatcher(void *body)
{
	return &((struct semaphore *)body)->ks.header;
}

/* NT's generic mapping for semaphores (ReactOS's measurements). */
struct ob_type semaphore_type = {
	.name = "Semaphore",
	.mapping = { 0x00020001u, 0x00020002u, 0x00120000u, SEMAPHORE_ALL_ACCESS },
	.valid_access = SEMAPHORE_ALL_ACCESS,
	.dispatcher = semaphore_dispatcher,
};

void semaphore_init(void)
{
	ob_register_type(&semaphore_type);
}

struct semaphore *semaphore_create(int32_t initial, int32_t limit)
{
	struct semaphore *s = ob_create(&semaphore_type, sizeof(*s));

	if (s)
		ke_semaphore_init(&s->ks, initial, limit);
	return s;
}
