/* Host unit tests for the dispatcher's rules (kernel/ke/dispatcher.c,
 * kernel/ke/mutant.c): which object a wait-any takes, wait-all atomicity,
 * what a satisfied wait consumes, the wait test's order when an object is
 * signaled (auto-reset events free one, semaphores up to their count,
 * pulses), mutant ownership, recursion and abandonment; and a randomized
 * run checking NT's invariant that no queued wait could be satisfied. The
 * scheduler is replaced: a wait here is queued, and "woken" means
 * satisfied. */
#include <stdlib.h>
#include "kernel/ke/dispatcher.h"
#include "kernel/ke/mutant.h"
#include "kernel/rtl/winerror.h"

#include "tests/host/check.h"

static int lock_depth, wakes;

bool ke_dispatcher_lock(void)
{
	lock_depth++;
	return true;
}

void ke_dispatcher_unlock(bool state)
{
	(void)state;
	lock_depth--;
}

void wait_queue_wake_all(struct wait_queue *q)
{
	(void)q;
	if (lock_depth != 1)
		abort();                /* the wait test runs under the lock */
	wakes++;
}

/* A thread with its one wait (at most 8 objects). */
struct waiter {
	struct thread t;
	struct ke_wait w;
	struct ke_wait_block b[8];
};

/* Starts w's wait on objects[0..n) as ke_wait_multiple does: satisfied at
 * once (true) or queued. */
static bool start(struct waiter *w, enum ke_wait_type type, uint32_t n,
		  struct dispatcher_header *const objects[])
{
	bool now;

	w->w = (struct ke_wait){ .thread = &w->t, .blocks = w->b, .count = n, .type = type };
	for (uint32_t i = 0; i < n; i++)
		w->b[i] = (struct ke_wait_block){ .wait = &w->w, .object = objects[i], .key = i };
	ke_dispatcher_lock();
	now = ke_wait_try_locked(&w->w);
	if (!now)
		ke_wait_queue_locked(&w->w);
	ke_dispatcher_unlock(true);
	return now;
}

static void cancel(struct waiter *w)
{
	ke_dispatcher_lock();
	if (!w->w.satisfied)
		ke_wait_dequeue_locked(&w->w);
	ke_dispatcher_unlock(true);
}

static struct dispatcher_header event(bool manual, int32_t state)
{
	return (struct dispatcher_header){
		.kind = manual ? DISPATCHER_NOTIFICATION : DISPATCHER_SYNCHRONIZATION,
		.signal_state = state,
	};
}

TEST(wait_any_takes_the_lowest_signaled_index)
{
	struct dispatcher_header e = event(false, 0);
	struct ke_semaphore s;
	struct ke_mutant m;
	struct waiter a = { 0 };

	ke_semaphore_init(&s, 1, 5);
	ke_mutant_init(&m, NULL);
	struct dispatcher_header *objs[3] = { &e, &s.header, &m.header };
	CHECK(start(&a, KE_WAIT_ANY, 3, objs));
	CHECK_EQ_U(a.w.status, KE_WAIT_OBJECT_0 + 1);
	CHECK_EQ_U(s.header.signal_state, 0);
	CHECK_EQ_U(m.header.signal_state, 1);           /* untouched */
	CHECK(m.owner == NULL);
	CHECK(start(&a, KE_WAIT_ANY, 3, objs));         /* now the mutant */
	CHECK_EQ_U(a.w.status, KE_WAIT_OBJECT_0 + 2);
	CHECK(m.owner == &a.t && a.t.mutants == &m);
}

TEST(wait_any_names_an_object_twice_and_takes_the_first)
{
	struct ke_semaphore s;
	struct waiter a = { 0 };

	ke_semaphore_init(&s, 2, 2);
	struct dispatcher_header *objs[2] = { &s.header, &s.header };
	CHECK(start(&a, KE_WAIT_ANY, 2, objs));
	CHECK_EQ_U(a.w.status, 0);
	CHECK_EQ_U(s.header.signal_state, 1);
}

TEST(wait_all_consumes_nothing_until_all_are_signaled_together)
{
	struct dispatcher_header e = event(false, 0);
	struct ke_semaphore s;
	struct waiter a = { 0 };

	ke_semaphore_init(&s, 1, 1);
	struct dispatcher_header *objs[2] = { &s.header, &e };
	CHECK(!start(&a, KE_WAIT_ALL, 2, objs));
	CHECK_EQ_U(s.header.signal_state, 1);           /* nothing taken */
	ke_set_signal(&e, 1);
	CHECK(a.w.satisfied);
	CHECK_EQ_U(a.w.status, KE_WAIT_OBJECT_0);
	CHECK_EQ_U(s.header.signal_state, 0);
	CHECK_EQ_U(e.signal_state, 0);                  /* auto-reset: consumed */
	CHECK(s.header.wait_head == NULL && e.wait_head == NULL);
}

TEST(a_wait_all_that_cannot_be_satisfied_lets_later_waiters_through)
{
	struct dispatcher_header e = event(true, 0);
	struct ke_semaphore s;
	struct waiter all = { 0 }, any = { 0 };

	ke_semaphore_init(&s, 0, 1);
	struct dispatcher_header *both[2] = { &s.header, &e }, *sem[1] = { &s.header };
	CHECK(!start(&all, KE_WAIT_ALL, 2, both));
	CHECK(!start(&any, KE_WAIT_ANY, 1, sem));
	int32_t previous = -1;
	CHECK_EQ_U(ke_release_semaphore(&s, 1, &previous), 0);
	CHECK_EQ_U(previous, 0);
	CHECK(!all.w.satisfied && any.w.satisfied);
	CHECK_EQ_U(s.header.signal_state, 0);
	cancel(&all);
	CHECK(s.header.wait_head == NULL && e.wait_head == NULL);
}

TEST(set_auto_reset_event_frees_exactly_one_waiter_in_order)
{
	struct dispatcher_header e = event(false, 0);
	struct waiter w[3] = { 0 };
	struct dispatcher_header *objs[1] = { &e };

	for (int i = 0; i < 3; i++)
		CHECK(!start(&w[i], KE_WAIT_ANY, 1, objs));
	wakes = 0;
	ke_set_signal(&e, 1);
	CHECK(w[0].w.satisfied && !w[1].w.satisfied && !w[2].w.satisfied);
	CHECK_EQ_U(e.signal_state, 0);
	CHECK_EQ_U(wakes, 1);
	ke_set_signal(&e, 1);
	CHECK(w[1].w.satisfied && !w[2].w.satisfied);
	cancel(&w[2]);
	CHECK(e.wait_head == NULL && e.wait_tail == NULL);
}

TEST(set_manual_reset_event_frees_every_waiter_and_stays_set)
{
	struct dispatcher_header e = event(true, 0);
	struct waiter w[3] = { 0 };
	struct dispatcher_header *objs[1] = { &e };

	for (int i = 0; i < 3; i++)
		CHECK(!start(&w[i], KE_WAIT_ANY, 1, objs));
	ke_set_signal(&e, 1);
	for (int i = 0; i < 3; i++)
		CHECK(w[i].w.satisfied);
	CHECK_EQ_U(e.signal_state, 1);
}

TEST(pulse_frees_the_current_waiters_and_leaves_the_event_reset)
{
	struct dispatcher_header manual = event(true, 0), automatic = event(false, 0);
	struct waiter m[2] = { 0 }, a[2] = { 0 }, later = { 0 };
	struct dispatcher_header *mo[1] = { &manual }, *ao[1] = { &automatic };

	for (int i = 0; i < 2; i++) {
		CHECK(!start(&m[i], KE_WAIT_ANY, 1, mo));
		CHECK(!start(&a[i], KE_WAIT_ANY, 1, ao));
	}
	ke_pulse(&manual);
	ke_pulse(&automatic);
	CHECK(m[0].w.satisfied && m[1].w.satisfied);
	CHECK(a[0].w.satisfied && !a[1].w.satisfied);
	CHECK_EQ_U(manual.signal_state, 0);
	CHECK_EQ_U(automatic.signal_state, 0);
	CHECK(!start(&later, KE_WAIT_ANY, 1, mo));      /* no pulse is kept */
	cancel(&later);
	cancel(&a[1]);
	ke_set_signal(&manual, 1);
	ke_pulse(&manual);                              /* a set event: just reset */
	CHECK_EQ_U(manual.signal_state, 0);
}

TEST(semaphore_release_of_n_frees_up_to_n_and_refuses_the_limit)
{
	struct ke_semaphore s;
	struct waiter w[3] = { 0 };
	int32_t previous = -1;

	ke_semaphore_init(&s, 0, 3);
	struct dispatcher_header *objs[1] = { &s.header };
	for (int i = 0; i < 3; i++)
		CHECK(!start(&w[i], KE_WAIT_ANY, 1, objs));
	CHECK_EQ_U(ke_release_semaphore(&s, 2, &previous), 0);
	CHECK_EQ_U(previous, 0);
	CHECK(w[0].w.satisfied && w[1].w.satisfied && !w[2].w.satisfied);
	CHECK_EQ_U(s.header.signal_state, 0);
	CHECK_EQ_U(ke_release_semaphore(&s, 3, &previous), 0);   /* one to w[2], two kept */
	CHECK(w[2].w.satisfied);
	CHECK_EQ_U(s.header.signal_state, 2);
	CHECK_EQ_U(ke_release_semaphore(&s, 2, &previous), ERROR_TOO_MANY_POSTS);
	CHECK_EQ_U(previous, 2);
	CHECK_EQ_U(s.header.signal_state, 2);           /* unchanged */
	CHECK_EQ_U(ke_release_semaphore(&s, 0x7fffffff, &previous), ERROR_TOO_MANY_POSTS);
	CHECK_EQ_U(ke_release_semaphore(&s, 1, &previous), 0);
	CHECK_EQ_U(s.header.signal_state, 3);
}

TEST(mutant_recursion_and_release_by_the_owner_only)
{
	struct ke_mutant m;
	struct waiter owner = { 0 }, other = { 0 };
	struct dispatcher_header *objs[1] = { &m.header };

	ke_mutant_init(&m, &owner.t);                   /* bInitialOwner */
	CHECK(m.owner == &owner.t && owner.t.mutants == &m);
	CHECK(start(&owner, KE_WAIT_ANY, 1, objs));     /* depth 2 */
	CHECK(start(&owner, KE_WAIT_ANY, 1, objs));     /* depth 3 */
	CHECK_EQ_U((uint32_t)m.header.signal_state, (uint32_t)-2);
	CHECK(!start(&other, KE_WAIT_ANY, 1, objs));
	CHECK_EQ_U(ke_release_mutant(&m, &other.t), ERROR_NOT_OWNER);
	CHECK_EQ_U(ke_release_mutant(&m, &owner.t), 0);
	CHECK_EQ_U(ke_release_mutant(&m, &owner.t), 0);
	CHECK(!other.w.satisfied && m.owner == &owner.t);
	CHECK_EQ_U(ke_release_mutant(&m, &owner.t), 0); /* free: handed to the waiter */
	CHECK(other.w.satisfied && m.owner == &other.t);
	CHECK_EQ_U(other.w.status, KE_WAIT_OBJECT_0);
	CHECK(owner.t.mutants == NULL && other.t.mutants == &m);
	CHECK_EQ_U(ke_release_mutant(&m, &owner.t), ERROR_NOT_OWNER);
	CHECK_EQ_U(ke_release_mutant(&m, &other.t), 0);
	CHECK_EQ_U(ke_release_mutant(&m, &other.t), ERROR_NOT_OWNER);   /* free */
	CHECK(m.owner == NULL && other.t.mutants == NULL);
	CHECK_EQ_U(m.header.signal_state, 1);
}

TEST(abandoned_mutant_goes_to_the_next_waiter_with_abandoned_status_once)
{
	struct ke_mutant m;
	struct dispatcher_header e = event(false, 0);
	struct waiter owner = { 0 }, next = { 0 }, third = { 0 };
	struct dispatcher_header *objs[2] = { &e, &m.header };

	ke_mutant_init(&m, &owner.t);
	CHECK(!start(&next, KE_WAIT_ANY, 2, objs));
	ke_abandon_mutants(&owner.t);
	CHECK(owner.t.mutants == NULL);
	CHECK(next.w.satisfied && m.owner == &next.t);
	CHECK_EQ_U(next.w.status, KE_WAIT_ABANDONED_0 + 1);
	CHECK(!m.abandoned);
	CHECK_EQ_U(ke_release_mutant(&m, &next.t), 0);
	CHECK(start(&third, KE_WAIT_ANY, 2, objs));
	CHECK_EQ_U(third.w.status, KE_WAIT_OBJECT_0 + 1);       /* abandoned once only */
}

TEST(abandoned_mutant_nobody_waits_for_is_found_abandoned_later)
{
	struct ke_mutant m1, m2;
	struct waiter owner = { 0 }, later = { 0 };

	ke_mutant_init(&m1, &owner.t);
	ke_mutant_init(&m2, &owner.t);
	struct dispatcher_header *objs[2] = { &m1.header, &m2.header };
	CHECK(start(&owner, KE_WAIT_ALL, 2, objs));     /* recursion through a wait-all */
	CHECK_EQ_U((uint32_t)m1.header.signal_state, (uint32_t)-1);
	ke_abandon_mutants(&owner.t);
	CHECK(m1.abandoned && m2.abandoned && m1.owner == NULL && m2.owner == NULL);
	CHECK_EQ_U(m1.header.signal_state, 1);
	CHECK(start(&later, KE_WAIT_ALL, 2, objs));
	CHECK_EQ_U(later.w.status, KE_WAIT_ABANDONED_0);        /* a wait-all: index 0 */
	CHECK(later.t.mutants != NULL && !m1.abandoned && !m2.abandoned);
}

TEST(a_wait_all_counts_the_mutant_its_thread_owns_as_signaled)
{
	struct ke_mutant m;
	struct dispatcher_header e = event(true, 0);
	struct waiter owner = { 0 };

	ke_mutant_init(&m, &owner.t);
	struct dispatcher_header *objs[2] = { &m.header, &e };
	CHECK(!start(&owner, KE_WAIT_ALL, 2, objs));
	ke_set_signal(&e, 1);
	CHECK(owner.w.satisfied);
	CHECK_EQ_U((uint32_t)m.header.signal_state, (uint32_t)-1);
}

TEST(a_deleted_mutant_leaves_its_owner_list)
{
	struct ke_mutant m[3];
	struct waiter owner = { 0 };

	for (int i = 0; i < 3; i++)
		ke_mutant_init(&m[i], &owner.t);
	ke_mutant_delete(&m[1]);
	CHECK(owner.t.mutants == &m[2] && m[2].owned_next == &m[0] && m[0].owned_next == NULL);
	ke_mutant_delete(&m[2]);
	CHECK(owner.t.mutants == &m[0] && m[0].owned_link == &owner.t.mutants);
	ke_abandon_mutants(&owner.t);
	CHECK(owner.t.mutants == NULL && m[0].abandoned);
}

/* The randomized run's world: a few objects of every kind and threads that
 * each wait on a random subset, signaled at random. */
#define OBJECTS 6
#define THREADS 5

struct world {
	struct dispatcher_header events[2];
	struct ke_semaphore sem;
	struct ke_mutant mutants[2];
	struct dispatcher_header process;
	struct dispatcher_header *objs[OBJECTS];
	struct waiter w[THREADS];
	bool waiting[THREADS];
};

static bool signaled_for(struct dispatcher_header *d, const struct thread *t)
{
	return d->kind == DISPATCHER_MUTANT ? ke_mutant_signaled_for(d, t) : d->signal_state > 0;
}

/* NT's invariant: a queued wait could not be satisfied now. */
static bool queued_waits_are_unsatisfiable(struct world *wd)
{
	for (int i = 0; i < THREADS; i++) {
		struct ke_wait *w = &wd->w[i].w;
		uint32_t signaled = 0;

		if (!wd->waiting[i] || w->satisfied)
			continue;
		for (uint32_t j = 0; j < w->count; j++)
			signaled += signaled_for(w->blocks[j].object, w->thread);
		if (w->type == KE_WAIT_ANY ? signaled > 0 : signaled == w->count)
			return false;
	}
	return true;
}

/* Every mutant is owned exactly when its state is <= 0, and then listed by
 * its owner and no other thread; the semaphore stays within its limit. */
static bool ownership_consistent(struct world *wd)
{
	for (int i = 0; i < 2; i++) {
		struct ke_mutant *m = &wd->mutants[i];
		int listings = 0;
		bool by_owner = false;

		if ((m->owner != NULL) != (m->header.signal_state <= 0))
			return false;
		for (int t = 0; t < THREADS; t++)
			for (struct ke_mutant *o = wd->w[t].t.mutants; o; o = o->owned_next)
				if (o == m) {
					listings++;
					by_owner |= m->owner == &wd->w[t].t;
				}
		if (m->owner ? listings != 1 || !by_owner : listings != 0)
			return false;
	}
	return wd->sem.header.signal_state >= 0 && wd->sem.header.signal_state <= wd->sem.limit;
}

/* Thread t (not waiting) starts a wait on 1..3 distinct random objects. */
static void random_wait(struct world *wd, int t)
{
	struct dispatcher_header *pick[3];
	uint32_t n = 1 + rand() % 3, k = 0;

	while (k < n) {
		struct dispatcher_header *d = wd->objs[rand() % OBJECTS];
		bool dup = false;

		for (uint32_t j = 0; j < k; j++)
			dup |= pick[j] == d;
		if (!dup)
			pick[k++] = d;
	}
	wd->waiting[t] = !start(&wd->w[t], rand() % 2 ? KE_WAIT_ANY : KE_WAIT_ALL, n, pick);
}

/* Whether thread t is blocked in a wait (it can release nothing then). */
static bool blocked(struct world *wd, int t)
{
	return wd->waiting[t] && !wd->w[t].w.satisfied;
}

/* One random signal: set, reset or pulse an event, release the semaphore
 * or a mutant (by a running thread), end a thread (its wait cut short, its
 * mutants abandoned), end the process. */
static void random_signal(struct world *wd)
{
	int32_t previous;
	int t = rand() % THREADS;

	switch (rand() % 6) {
	case 0:
		ke_set_signal(&wd->events[rand() % 2], rand() % 2);
		break;
	case 1:
		ke_pulse(&wd->events[rand() % 2]);
		break;
	case 2:
		ke_release_semaphore(&wd->sem, 1 + rand() % 2, &previous);
		break;
	case 3:
		if (!blocked(wd, t))
			ke_release_mutant(&wd->mutants[rand() % 2], &wd->w[t].t);
		break;
	case 4:
		if (blocked(wd, t))
			cancel(&wd->w[t]);
		wd->waiting[t] = false;
		ke_abandon_mutants(&wd->w[t].t);
		break;
	default:
		ke_set_signal(&wd->process, rand() % 8 == 0);
	}
}

TEST(randomized_no_queued_wait_is_ever_satisfiable)
{
	static struct world wd;

	srand(15);
	wd.events[0] = event(true, 0);
	wd.events[1] = event(false, 0);
	wd.process = event(true, 0);
	ke_semaphore_init(&wd.sem, 1, 3);
	ke_mutant_init(&wd.mutants[0], NULL);
	ke_mutant_init(&wd.mutants[1], NULL);
	struct dispatcher_header *objs[OBJECTS] = {
		&wd.events[0], &wd.events[1], &wd.sem.header, &wd.mutants[0].header,
		&wd.mutants[1].header, &wd.process,
	};
	memcpy(wd.objs, objs, sizeof(objs));
	for (int step = 0; step < 20000 && !check_failure; step++) {
		int t = rand() % THREADS;

		if (rand() % 2 == 0 && !blocked(&wd, t)) {
			random_wait(&wd, t);
		} else if (rand() % 8 == 0 && blocked(&wd, t)) {
			cancel(&wd.w[t]);       /* a timeout */
			wd.waiting[t] = false;
		} else {
			random_signal(&wd);
		}
		CHECK(queued_waits_are_unsatisfiable(&wd));
		CHECK(ownership_consistent(&wd));
		CHECK_EQ_U(lock_depth, 0);
	}
}

int main(void)
{
	RUN("dispatcher", wait_any_takes_the_lowest_signaled_index);
	RUN("dispatcher", wait_any_names_an_object_twice_and_takes_the_first);
	RUN("dispatcher", wait_all_consumes_nothing_until_all_are_signaled_together);
	RUN("dispatcher", a_wait_all_that_cannot_be_satisfied_lets_later_waiters_through);
	RUN("dispatcher", set_auto_reset_event_frees_exactly_one_waiter_in_order);
	RUN("dispatcher", set_manual_reset_event_frees_every_waiter_and_stays_set);
	RUN("dispatcher", pulse_frees_the_current_waiters_and_leaves_the_event_reset);
	RUN("dispatcher", semaphore_release_of_n_frees_up_to_n_and_refuses_the_limit);
	RUN("dispatcher", mutant_recursion_and_release_by_the_owner_only);
	RUN("dispatcher", abandoned_mutant_goes_to_the_next_waiter_with_abandoned_status_once);
	RUN("dispatcher", abandoned_mutant_nobody_waits_for_is_found_abandoned_later);
	RUN("dispatcher", a_wait_all_counts_the_mutant_its_thread_owns_as_signaled);
	RUN("dispatcher", a_deleted_mutant_leaves_its_owner_list);
	RUN("dispatcher", randomized_no_queued_wait_is_ever_satisfiable);
	return check_summary();
}
