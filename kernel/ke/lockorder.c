/* Lock-order bookkeeping; see kernel/ke/lockorder.h. */
#include "kernel/ke/lockorder.h"

static bool holds_class(const struct ke_lock_stack *s, const struct ke_lock_class *cls)
{
	for (uint32_t i = 0; i < s->count; i++)
		if (s->held[i].cls == cls)
			return true;
	return false;
}

/* Whether a lock of cls may be taken while h is held because both nest. */
static bool may_nest(const struct ke_lock_stack *s, const struct ke_lock_held *h,
		     const struct ke_lock_class *cls)
{
	return h->cls == cls && cls->nests_under && holds_class(s, cls->nests_under);
}

enum ke_lock_fault ke_lockorder_acquire(struct ke_lock_stack *s, const void *lock,
					const struct ke_lock_class *cls,
					const struct ke_lock_held **other)
{
	struct ke_lock_held *nest = NULL;

	for (uint32_t i = 0; i < s->count; i++) {
		struct ke_lock_held *h = &s->held[i];
		*other = h;
		if (h->lock == lock)
			return KE_LOCK_RECURSIVE;
		if (h->cls->rank < cls->rank)
			continue;
		if (!may_nest(s, h, cls))
			return KE_LOCK_ORDER;
		nest = h;
	}
	*other = NULL;
	if (nest) {
		/* The entry stands for several locks of its class from now on. */
		nest->lock = NULL;
		nest->nested++;
	} else if (s->count == KE_LOCKS_HELD_MAX) {
		return KE_LOCK_TOO_MANY;
	} else {
		s->held[s->count++] = (struct ke_lock_held){ lock, cls, 0 };
	}
	s->spins += cls->spins;
	return KE_LOCK_OK;
}

static void drop_entry(struct ke_lock_stack *s, uint32_t i)
{
	for (s->count--; i < s->count; i++)
		s->held[i] = s->held[i + 1];
}

enum ke_lock_fault ke_lockorder_release(struct ke_lock_stack *s, const void *lock,
					const struct ke_lock_class *cls)
{
	uint32_t i, anon = s->count;

	for (i = 0; i < s->count && s->held[i].lock != lock; i++)
		if (!s->held[i].lock && s->held[i].cls == cls)
			anon = i;
	if (i == s->count && anon == s->count)
		return KE_LOCK_NOT_HELD;
	if (i == s->count && s->held[anon].nested)
		s->held[anon].nested--;
	else
		drop_entry(s, i < s->count ? i : anon);
	s->spins -= cls->spins;
	return KE_LOCK_OK;
}

enum ke_lock_fault ke_lockorder_may_sleep(const struct ke_lock_stack *s,
					  const struct ke_lock_held **other)
{
	for (uint32_t i = 0; s->spins && i < s->count; i++) {
		if (s->held[i].cls->spins) {
			*other = &s->held[i];
			return KE_LOCK_SPIN_HELD;
		}
	}
	return KE_LOCK_OK;
}

enum ke_lock_fault ke_lockorder_none(const struct ke_lock_stack *s,
				     const struct ke_lock_held **other)
{
	if (!s->count)
		return KE_LOCK_OK;
	*other = &s->held[0];
	return KE_LOCK_HELD;
}

bool ke_lockorder_holds(const struct ke_lock_stack *s, const void *lock,
			const struct ke_lock_class *cls)
{
	for (uint32_t i = 0; i < s->count; i++)
		if (s->held[i].lock == lock || (!s->held[i].lock && s->held[i].cls == cls))
			return true;
	return false;
}

const char *ke_lockorder_fault_text(enum ke_lock_fault fault)
{
	static const char *const text[] = {
		[KE_LOCK_OK] = "no fault",
		[KE_LOCK_ORDER] = "lock acquired out of order",
		[KE_LOCK_RECURSIVE] = "lock acquired recursively",
		[KE_LOCK_TOO_MANY] = "too many locks held",
		[KE_LOCK_NOT_HELD] = "lock released without being held",
		[KE_LOCK_SPIN_HELD] = "sleeping while holding a spinlock",
		[KE_LOCK_HELD] = "a lock is still held",
	};

	return fault < sizeof(text) / sizeof(text[0]) ? text[fault] : "unknown fault";
}
