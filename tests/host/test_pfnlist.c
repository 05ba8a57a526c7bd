/* Host unit tests for mm/pfnlist.c: the doubly linked frame lists threaded
 * through the PFN database, checked against a simple array model. */
#include <stdlib.h>
#include "mm/pfn.h"

#include "tests/host/check.h"

#define FRAMES 64

static struct pfn_entry db[FRAMES];

/* The list must hold exactly want[0..n) in order, linked both ways. */
static int list_is(const struct pfn_list *l, const pfn_t *want, uint32_t n)
{
	pfn_t prev = PFN_NONE, p = l->head;

	if (l->count != n)
		return 0;
	for (uint32_t i = 0; i < n; i++, prev = p, p = db[p].flink)
		if (p != want[i] || db[p].blink != prev)
			return 0;
	return p == PFN_NONE && l->tail == prev;
}

TEST(empty_list_pops_none)
{
	struct pfn_list l = { 0 };

	CHECK_EQ_U(pfnlist_pop_head(db, &l), PFN_NONE);
	CHECK(list_is(&l, NULL, 0));
}

TEST(push_keeps_order_and_sets_state)
{
	struct pfn_list l = { 0 };
	const pfn_t want[] = { 5, 9, 2 };

	for (int i = 0; i < 3; i++)
		pfnlist_push_tail(db, &l, want[i], PFN_STANDBY);
	CHECK(list_is(&l, want, 3));
	CHECK_EQ_U(db[9].state, PFN_STANDBY);
}

TEST(remove_head_middle_tail)
{
	struct pfn_list l = { 0 };
	const pfn_t after_mid[] = { 1, 3, 4, 5 }, after_ends[] = { 3, 4 };

	for (pfn_t p = 1; p <= 5; p++)
		pfnlist_push_tail(db, &l, p, PFN_FREE);
	pfnlist_remove(db, &l, 2);
	CHECK(list_is(&l, after_mid, 4));
	pfnlist_remove(db, &l, 1);
	pfnlist_remove(db, &l, 5);
	CHECK(list_is(&l, after_ends, 2));
	CHECK_EQ_U(db[5].flink, PFN_NONE);
	CHECK_EQ_U(db[5].blink, PFN_NONE);
}

TEST(pop_until_empty_then_reuse)
{
	struct pfn_list l = { 0 };
	const pfn_t again[] = { 7 };

	pfnlist_push_tail(db, &l, 10, PFN_ZEROED);
	pfnlist_push_tail(db, &l, 11, PFN_ZEROED);
	CHECK_EQ_U(pfnlist_pop_head(db, &l), 10);
	CHECK_EQ_U(pfnlist_pop_head(db, &l), 11);
	CHECK_EQ_U(pfnlist_pop_head(db, &l), PFN_NONE);
	CHECK(l.head == PFN_NONE && l.tail == PFN_NONE);
	pfnlist_push_tail(db, &l, 7, PFN_ZEROED);
	CHECK(list_is(&l, again, 1));
}

TEST(two_lists_share_one_database)
{
	struct pfn_list a = { 0 }, b = { 0 };
	const pfn_t wa[] = { 1, 3 }, wb[] = { 2, 4 };

	for (pfn_t p = 1; p <= 4; p++)
		pfnlist_push_tail(db, p % 2 ? &a : &b, p, p % 2 ? PFN_FREE : PFN_MODIFIED);
	CHECK(list_is(&a, wa, 2));
	CHECK(list_is(&b, wb, 2));
}

TEST(randomized_against_model)
{
	struct pfn_list l = { 0 };
	pfn_t model[FRAMES];
	uint32_t n = 0;
	int on[FRAMES] = { 0 };

	srand(7);
	for (int step = 0; step < 20000; step++) {
		pfn_t p = 1 + (pfn_t)(rand() % (FRAMES - 1));
		int op = rand() % 3;
		if (op == 0 && !on[p]) {
			pfnlist_push_tail(db, &l, p, PFN_FREE);
			model[n++] = p;
			on[p] = 1;
		} else if (op == 1 && on[p]) {
			uint32_t i = 0;
			while (model[i] != p)
				i++;
			memmove(&model[i], &model[i + 1], (n - i - 1) * sizeof(model[0]));
			n--;
			pfnlist_remove(db, &l, p);
			on[p] = 0;
		} else if (op == 2 && n) {
			pfn_t h = pfnlist_pop_head(db, &l);
			CHECK_EQ_U(h, model[0]);
			on[model[0]] = 0;
			memmove(&model[0], &model[1], (n - 1) * sizeof(model[0]));
			n--;
		}
		if (!list_is(&l, model, n)) {
			CHECK(!"list diverged from the model");
			return;
		}
	}
}

TEST(push_head_goes_first_and_pops_first)
{
	struct pfn_list l = { 0 };
	const pfn_t want[] = { 8, 6, 3, 4 }, one[] = { 12 };

	pfnlist_push_head(db, &l, 12, PFN_STANDBY);
	CHECK(list_is(&l, one, 1));
	CHECK_EQ_U(pfnlist_pop_head(db, &l), 12);
	pfnlist_push_tail(db, &l, 3, PFN_STANDBY);
	pfnlist_push_tail(db, &l, 4, PFN_STANDBY);
	pfnlist_push_head(db, &l, 6, PFN_STANDBY);
	pfnlist_push_head(db, &l, 8, PFN_STANDBY);
	CHECK(list_is(&l, want, 4));
	CHECK_EQ_U(db[8].state, PFN_STANDBY);
	pfnlist_remove(db, &l, 8);
	CHECK_EQ_U(pfnlist_pop_head(db, &l), 6);
	CHECK_EQ_U(pfnlist_pop_head(db, &l), 3);
}

TEST(entry_is_24_bytes)
{
	CHECK_EQ_U(sizeof(struct pfn_entry), 24);
}

int main(void)
{
	RUN("host/pfnlist", empty_list_pops_none);
	RUN("host/pfnlist", push_keeps_order_and_sets_state);
	RUN("host/pfnlist", remove_head_middle_tail);
	RUN("host/pfnlist", pop_until_empty_then_reuse);
	RUN("host/pfnlist", two_lists_share_one_database);
	RUN("host/pfnlist", randomized_against_model);
	RUN("host/pfnlist", push_head_goes_first_and_pops_first);
	RUN("host/pfnlist", entry_is_24_bytes);
	return check_summary();
}
