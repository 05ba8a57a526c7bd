/* kernel/ex: the executive's synchronization objects (NT's Ex): the object
 * types ring 3 creates by name or not (events here, mutants in mutant.h,
 * semaphores in semaphore.h), built on ke's dispatcher objects and
 * registered with ob. It may call ob, ke and the runtime library; sys calls
 * it. */
#ifndef KERNEL_EX_EVENT_H
#define KERNEL_EX_EVENT_H

#include "kernel/ke/dispatcher.h"
#include "kernel/ob/ob.h"
#include "mm/vm.h"

#define EVENT_QUERY_STATE  0x0001u
#define EVENT_MODIFY_STATE 0x0002u
#define EVENT_ALL_ACCESS   0x001f0003u

/* An event (NT's KEVENT inside an Event object): manual-reset events are
 * notification objects, auto-reset ones synchronization objects. */
struct event {
	struct dispatcher_header header;
	bool watching;                  /* a memory resource notification's: */
	struct vm_memory_watch watch;   /* mm signals it (mm/vm.h) */
};

extern struct ob_type event_type;

/* Registers the Event type (once, at boot). */
void event_init(void);
/* A new event, referenced once; NULL when the pool is exhausted. */
struct event *event_create(bool manual_reset, bool initial_state);
/* SetEvent, ResetEvent and PulseEvent (which frees the threads waiting now,
 * one for an auto-reset event, and leaves it reset). */
void event_set(struct event *e);
void event_reset(struct event *e);
void event_pulse(struct event *e);
/* CreateMemoryResourceNotification's event: a new manual-reset event the
 * memory manager keeps signalled while memory is high (high) or low (else),
 * until the event goes; NULL when the pool is exhausted. */
struct event *event_create_memory_condition(bool high);

#endif
