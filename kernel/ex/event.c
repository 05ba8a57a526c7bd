/* Event objects; see kernel/ex/event.h. */
#include "kernel/ex/event.h"
#include "arch/cpu.h"

static struct dispatcher_header *event_dispatcher(void *body)
{
	return &((struct event *)body)->header;
}

static void event_remove(void *body)
{
	struct event *e = body;

	if (e->watching)
		vm_memory_watch_remove(&e->watch);
}

/* NT's generic mapping for events (ReactOS's measurements). */
struct ob_type event_type = {
	.name = "Event",
	.mapping = { 0x00020001u, 0x00020002u, 0x00120000u, EVENT_ALL_ACCESS },
	.valid_access = EVENT_ALL_ACCESS,
	.remove = event_remove,
	.dispatcher = event_dispatcher,
};

void event_init(void)
{
	ob_register_type(&event_type);
}

struct event *event_create(bool manual_reset, bool initial_state)
{
	struct event *e = ob_create(&event_type, sizeof(*e));

	if (e) {
		e->header.kind = manual_reset ? DISPATCHER_NOTIFICATION : DISPATCHER_SYNCHRONIZATION;
		e->header.signal_state = initial_state;
		e->watching = false;
	}
	return e;
}

struct event *event_create_memory_condition(bool high)
{
	struct event *e = event_create(true, false);

	if (e) {
		e->watch = (struct vm_memory_watch){ .event = &e->header, .high = high };
		e->watching = true;
		vm_memory_watch_add(&e->watch);
	}
	return e;
}

void event_set(struct event *e)
{
	ke_set_signal(&e->header, 1);
}

void event_reset(struct event *e)
{
	ke_set_signal(&e->header, 0);
}

void event_pulse(struct event *e)
{
	ke_pulse(&e->header);
}
