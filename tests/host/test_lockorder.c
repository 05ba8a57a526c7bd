/* Host unit tests for kernel/ke/lockorder.c: ranks, the held stack, nesting
 * under an outer lock, and every violation the kernel panics on. */
#include "kernel/ke/lockorder.h"

#include "tests/host/check.h"

static const struct ke_lock_class create = { "address creation", 10, false, NULL };
static const struct ke_lock_class list = { "space list", 20, true, NULL };
static const struct ke_lock_class ws = { "working set", 30, true, &list };
static const struct ke_lock_class pfn = { "pfn", 50, true, NULL };
static const struct ke_lock_class commit = { "commit", 70, true, NULL };
static const struct ke_lock_class twin = { "another rank 50", 50, true, NULL };

/* Lock instances: only their addresses matter. */
static int a_create, a_list, a_ws1, a_ws2, a_ws3, a_pfn, a_commit, a_twin;

static enum ke_lock_fault take(struct ke_lock_stack *s, const void *lock,
			       const struct ke_lock_class *cls)
{
	const struct ke_lock_held *other = NULL;

	return ke_lockorder_acquire(s, lock, cls, &other);
}

TEST(increasing_ranks_are_accepted_and_released_in_any_order)
{
	struct ke_lock_stack s = { 0 };

	CHECK_EQ_U(take(&s, &a_create, &create), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_pfn, &pfn), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_commit, &commit), KE_LOCK_OK);
	CHECK_EQ_U(s.count, 4);
	CHECK_EQ_U(s.spins, 3);
	CHECK(ke_lockorder_holds(&s, &a_pfn, &pfn));
	CHECK(!ke_lockorder_holds(&s, &a_ws2, &ws));
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_commit, &commit), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_create, &create), KE_LOCK_OK);
	CHECK_EQ_U(s.count, 1);
	CHECK(s.held[0].lock == &a_pfn);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_pfn, &pfn), KE_LOCK_OK);
	CHECK_EQ_U(s.count, 0);
	CHECK_EQ_U(s.spins, 0);
}

TEST(a_lower_rank_after_a_higher_one_names_both)
{
	struct ke_lock_stack s = { 0 };
	const struct ke_lock_held *other = NULL;

	CHECK_EQ_U(take(&s, &a_list, &list), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_pfn, &pfn), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_acquire(&s, &a_ws1, &ws, &other), KE_LOCK_ORDER);
	CHECK(other && other->cls == &pfn);
	CHECK_EQ_U(s.count, 2);         /* nothing recorded */
	CHECK_EQ_U(ke_lockorder_acquire(&s, &a_twin, &twin, &other), KE_LOCK_ORDER);
	CHECK(other && other->cls == &pfn);  /* an equal rank is out of order too */
}

TEST(the_same_lock_twice_is_recursion)
{
	struct ke_lock_stack s = { 0 };
	const struct ke_lock_held *other = NULL;

	CHECK_EQ_U(take(&s, &a_create, &create), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_acquire(&s, &a_create, &create, &other), KE_LOCK_RECURSIVE);
	CHECK(other && other->lock == &a_create);
}

TEST(two_of_a_class_without_the_outer_lock_are_out_of_order)
{
	struct ke_lock_stack s = { 0 };
	const struct ke_lock_held *other = NULL;

	CHECK_EQ_U(take(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_acquire(&s, &a_ws2, &ws, &other), KE_LOCK_ORDER);
	CHECK(other && other->lock == &a_ws1);
}

TEST(nesting_under_the_outer_lock_shares_one_entry)
{
	struct ke_lock_stack s = { 0 };

	CHECK_EQ_U(take(&s, &a_list, &list), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_ws2, &ws), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_ws3, &ws), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_pfn, &pfn), KE_LOCK_OK);
	CHECK_EQ_U(s.count, 3);
	CHECK_EQ_U(s.spins, 5);
	CHECK(ke_lockorder_holds(&s, &a_ws2, &ws));
	/* Released in another order than taken, the first one included. */
	CHECK_EQ_U(ke_lockorder_release(&s, &a_pfn, &pfn), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws3, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws2, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws2, &ws), KE_LOCK_NOT_HELD);
	CHECK_EQ_U(s.count, 1);
	CHECK_EQ_U(s.spins, 1);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_list, &list), KE_LOCK_OK);
	CHECK_EQ_U(s.count, 0);
}

TEST(releasing_a_lock_not_held_is_refused)
{
	struct ke_lock_stack s = { 0 };

	CHECK_EQ_U(ke_lockorder_release(&s, &a_pfn, &pfn), KE_LOCK_NOT_HELD);
	CHECK_EQ_U(take(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws2, &ws), KE_LOCK_NOT_HELD);
	CHECK_EQ_U(s.count, 1);
	CHECK_EQ_U(s.spins, 1);
}

TEST(sleeping_is_refused_with_a_spinlock_only)
{
	struct ke_lock_stack s = { 0 };
	const struct ke_lock_held *other = NULL;

	CHECK_EQ_U(take(&s, &a_create, &create), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_may_sleep(&s, &other), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_may_sleep(&s, &other), KE_LOCK_SPIN_HELD);
	CHECK(other && other->lock == &a_ws1);
	CHECK_EQ_U(ke_lockorder_release(&s, &a_ws1, &ws), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_may_sleep(&s, &other), KE_LOCK_OK);
}

TEST(holding_nothing_is_checked)
{
	struct ke_lock_stack s = { 0 };
	const struct ke_lock_held *other = NULL;

	CHECK_EQ_U(ke_lockorder_none(&s, &other), KE_LOCK_OK);
	CHECK_EQ_U(take(&s, &a_create, &create), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_none(&s, &other), KE_LOCK_HELD);
	CHECK(other && other->cls == &create);
}

TEST(the_stack_has_a_bound)
{
	static const struct ke_lock_class ranks[KE_LOCKS_HELD_MAX + 1] = {
		{ "r0", 1, true, NULL }, { "r1", 2, true, NULL }, { "r2", 3, true, NULL },
		{ "r3", 4, true, NULL }, { "r4", 5, true, NULL }, { "r5", 6, true, NULL },
		{ "r6", 7, true, NULL }, { "r7", 8, true, NULL }, { "r8", 9, true, NULL },
	};
	struct ke_lock_stack s = { 0 };
	const struct ke_lock_held *other = NULL;

	for (uint32_t i = 0; i < KE_LOCKS_HELD_MAX; i++)
		CHECK_EQ_U(take(&s, &ranks[i], &ranks[i]), KE_LOCK_OK);
	CHECK_EQ_U(ke_lockorder_acquire(&s, &ranks[KE_LOCKS_HELD_MAX],
					&ranks[KE_LOCKS_HELD_MAX], &other), KE_LOCK_TOO_MANY);
	CHECK(other == NULL);
	CHECK_EQ_U(s.count, KE_LOCKS_HELD_MAX);
}

TEST(every_fault_has_words)
{
	CHECK_STR(ke_lockorder_fault_text(KE_LOCK_ORDER), "lock acquired out of order");
	CHECK_STR(ke_lockorder_fault_text(KE_LOCK_SPIN_HELD), "sleeping while holding a spinlock");
	CHECK_STR(ke_lockorder_fault_text((enum ke_lock_fault)99), "unknown fault");
}

int main(void)
{
	RUN("lockorder", increasing_ranks_are_accepted_and_released_in_any_order);
	RUN("lockorder", a_lower_rank_after_a_higher_one_names_both);
	RUN("lockorder", the_same_lock_twice_is_recursion);
	RUN("lockorder", two_of_a_class_without_the_outer_lock_are_out_of_order);
	RUN("lockorder", nesting_under_the_outer_lock_shares_one_entry);
	RUN("lockorder", releasing_a_lock_not_held_is_refused);
	RUN("lockorder", sleeping_is_refused_with_a_spinlock_only);
	RUN("lockorder", holding_nothing_is_checked);
	RUN("lockorder", the_stack_has_a_bound);
	RUN("lockorder", every_fault_has_words);
	return check_summary();
}
