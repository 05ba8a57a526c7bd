/* The end of a process: functions registered with atexit (C) and
 * __cxa_atexit (C++ objects with static storage, which g++ registers as each
 * one's constructor completes) run newest first, then the .fini_array
 * destructors, as the C and C++ standards order them. Threads register at
 * once: the list has a lock (a flag spun on with Sleep, as it must work
 * before any other runtime set-up: constructors register too), held only
 * to add or take one entry, never while a function runs. */
#include <stdlib.h>
#include <windows.h>
#include "user/lib/runtime.h"

#define CHUNK 32                /* C guarantees 32 registrations; more are allocated */

struct exit_fn {
	void (*with_arg)(void *);
	void (*plain)(void);
	void *arg;
};

struct exit_chunk {
	struct exit_chunk *older;
	unsigned n;
	struct exit_fn fn[CHUNK];
};

typedef void (*fini_fn)(void);
extern fini_fn __fini_array_start[], __fini_array_end[];

/* The C++ ABI's identity of this module; one module per process here. */
void *__dso_handle = &__dso_handle;

static struct exit_chunk first;
static struct exit_chunk *newest = &first;

static volatile LONG list_lock;

static void list_enter(void)
{
	while (InterlockedExchange(&list_lock, 1))
		Sleep(1);
}

static void list_leave(void)
{
	InterlockedExchange(&list_lock, 0);
}

/* Appends one function; 0, or -1 when no memory is left for it. */
static int push(struct exit_fn e)
{
	int r = 0;

	list_enter();
	if (newest->n == CHUNK) {
		struct exit_chunk *c = calloc(1, sizeof(*c));

		if (c) {
			c->older = newest;
			newest = c;
		}
	}
	if (newest->n < CHUNK)
		newest->fn[newest->n++] = e;
	else
		r = -1;
	list_leave();
	return r;
}

/* Takes the newest function into *e (its chunk freed once empty); false
 * when none is left. */
static bool pop(struct exit_fn *e)
{
	bool found;

	list_enter();
	while (newest != &first && newest->n == 0) {
		struct exit_chunk *c = newest;

		newest = c->older;
		free(c);
	}
	found = newest->n != 0;
	if (found)
		*e = newest->fn[--newest->n];
	list_leave();
	return found;
}

int atexit(void (*fn)(void))
{
	return fn ? push((struct exit_fn){ .plain = fn }) : -1;
}

int __cxa_atexit(void (*fn)(void *), void *arg, void *dso)
{
	(void)dso;
	return fn ? push((struct exit_fn){ .with_arg = fn, .arg = arg }) : -1;
}

/* Pops and calls the newest function until none is left; a function may
 * register more, which run next. */
void __vados_run_exit_handlers(void)
{
	struct exit_fn e;

	while (pop(&e)) {
		if (e.plain)
			e.plain();
		else
			e.with_arg(e.arg);
	}
	for (fini_fn *f = __fini_array_end; f > __fini_array_start; f--)
		f[-1]();
}
