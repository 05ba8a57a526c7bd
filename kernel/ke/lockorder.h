/* Lock-order checking: the pure bookkeeping behind kernel/ke/lock.h, with no
 * locking, console or thread of its own (host-tested in
 * tests/host/test_lockorder.c). Every lock belongs to a class with a rank
 * (kernel/ke/lock.h lists the global order); a thread keeps the locks it
 * holds in a small stack, and may only take a lock whose rank is above every
 * rank it holds. That alone rules out deadlocks between the ranked locks: two
 * threads cannot each wait for a lock the other holds when both take them in
 * one order.
 *
 * One exception keeps the whole-memory checkers possible: a class may name
 * another under which several of its locks nest (every working-set lock at
 * once, under the address-space list lock). Only the holder of that one lock
 * can nest, so two nesting threads never meet; nested locks of a class share
 * one anonymous entry with a count. */
#ifndef KERNEL_KE_LOCKORDER_H
#define KERNEL_KE_LOCKORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ke_lock_class {
	const char *name;                       /* what panics print */
	uint32_t rank;                          /* enum ke_lock_rank (kernel/ke/lock.h) */
	bool spins;                             /* a spinlock: never held across a sleep */
	const struct ke_lock_class *nests_under;        /* see above; NULL: never nests */
};

#define KE_LOCKS_HELD_MAX 8u

struct ke_lock_held {
	const void *lock;                       /* NULL: nested locks of cls, anonymous */
	const struct ke_lock_class *cls;
	uint32_t nested;                        /* held beyond the first (anonymous entries) */
};

/* The locks one thread holds, oldest first. Zeroed is empty. */
struct ke_lock_stack {
	uint32_t count;                         /* entries */
	uint32_t spins;                         /* spinlocks held, nested ones included */
	struct ke_lock_held held[KE_LOCKS_HELD_MAX];
};

enum ke_lock_fault {
	KE_LOCK_OK,
	KE_LOCK_ORDER,          /* a lock of the same or a higher rank is held */
	KE_LOCK_RECURSIVE,      /* this very lock is held already */
	KE_LOCK_TOO_MANY,       /* KE_LOCKS_HELD_MAX entries are in use */
	KE_LOCK_NOT_HELD,       /* released without being held */
	KE_LOCK_SPIN_HELD,      /* about to sleep holding a spinlock */
	KE_LOCK_HELD,           /* must hold no lock, holds one */
};

/* Records that lock (of class cls) is being acquired. KE_LOCK_OK, or the
 * fault with *other the held entry it conflicts with (NULL for TOO_MANY);
 * nothing is recorded then. */
enum ke_lock_fault ke_lockorder_acquire(struct ke_lock_stack *s, const void *lock,
					const struct ke_lock_class *cls,
					const struct ke_lock_held **other);
/* Forgets lock (of class cls); KE_LOCK_NOT_HELD when s does not hold it. */
enum ke_lock_fault ke_lockorder_release(struct ke_lock_stack *s, const void *lock,
					const struct ke_lock_class *cls);
/* Whether the holder may sleep: KE_LOCK_SPIN_HELD with *other the oldest
 * spinlock held, else KE_LOCK_OK. */
enum ke_lock_fault ke_lockorder_may_sleep(const struct ke_lock_stack *s,
					  const struct ke_lock_held **other);
/* KE_LOCK_HELD with *other the oldest lock held, or KE_LOCK_OK for none. */
enum ke_lock_fault ke_lockorder_none(const struct ke_lock_stack *s,
				     const struct ke_lock_held **other);
/* Whether s holds lock (an anonymous entry of its class counts). */
bool ke_lockorder_holds(const struct ke_lock_stack *s, const void *lock,
			const struct ke_lock_class *cls);
/* A few words on fault, for panics ("lock acquired out of order", ...). */
const char *ke_lockorder_fault_text(enum ke_lock_fault fault);

#endif
