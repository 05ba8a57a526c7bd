/* Host unit tests for privilege sets (kernel/se/privset.c): what a token
 * holds, AdjustTokenPrivileges' edits and the previous state they record,
 * DisableAllPrivileges, SE_PRIVILEGE_REMOVED, CreateRestrictedToken's
 * deletions, the subset rule; and a randomized run against a model. */
#include <stdlib.h>
#include "kernel/se/privset.h"

#include "tests/host/check.h"

/* The system's first token: the four privileges, all disabled. */
static struct se_privilege_set first_token(void)
{
	struct se_privilege_set s = { 0 };

	se_privset_add(&s, SE_LOCK_MEMORY_PRIVILEGE, 0);
	se_privset_add(&s, SE_SHUTDOWN_PRIVILEGE, 0);
	se_privset_add(&s, SE_INC_WORKING_SET_PRIVILEGE, 0);
	se_privset_add(&s, SE_DEBUG_PRIVILEGE, 0);
	return s;
}

TEST(adds_only_well_known_privileges_once)
{
	struct se_privilege_set s = first_token();

	CHECK_EQ_U(s.count, 4);
	CHECK(!se_privset_add(&s, SE_DEBUG_PRIVILEGE, 0));      /* held already */
	CHECK(!se_privset_add(&s, 1, 0));
	CHECK(!se_privset_add(&s, 36, 0));
	CHECK(se_privset_add(&s, 2, 0));
	CHECK(se_privset_add(&s, 35, SE_PRIVILEGE_ENABLED));
	CHECK_EQ_U(s.count, 6);
	CHECK(se_privset_enabled(&s, 35));
	CHECK(!se_privset_enabled(&s, SE_SHUTDOWN_PRIVILEGE));
	CHECK(se_privset_find(&s, SE_SHUTDOWN_PRIVILEGE, 0) != NULL);
	CHECK(se_privset_find(&s, SE_SHUTDOWN_PRIVILEGE, 1) == NULL);  /* a high part */
	CHECK(se_privset_find(&s, 5, 0) == NULL);
}

TEST(enable_and_disable_record_the_state_before_once)
{
	struct se_privilege_set s = first_token(), prev = { 0 };

	CHECK(se_privset_adjust(&s, &prev, SE_SHUTDOWN_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED));
	CHECK(se_privset_enabled(&s, SE_SHUTDOWN_PRIVILEGE));
	CHECK_EQ_U(prev.count, 1);
	CHECK_EQ_U(prev.p[0].luid, SE_SHUTDOWN_PRIVILEGE);
	CHECK_EQ_U(prev.p[0].attributes, 0);
	/* Enabled again: no change, nothing recorded. */
	CHECK(se_privset_adjust(&s, &prev, SE_SHUTDOWN_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED));
	CHECK_EQ_U(prev.count, 1);
	/* Disabled in the same call: the first state stays the one recorded. */
	CHECK(se_privset_adjust(&s, &prev, SE_SHUTDOWN_PRIVILEGE, 0, 0));
	CHECK(!se_privset_enabled(&s, SE_SHUTDOWN_PRIVILEGE));
	CHECK_EQ_U(prev.count, 1);
	CHECK_EQ_U(prev.p[0].attributes, 0);
	/* ENABLED_BY_DEFAULT in NewState is no request to enable. */
	CHECK(se_privset_adjust(&s, NULL, SE_DEBUG_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED_BY_DEFAULT));
	CHECK(!se_privset_enabled(&s, SE_DEBUG_PRIVILEGE));
}

TEST(a_privilege_not_held_changes_nothing)
{
	struct se_privilege_set s = first_token(), before = s, prev = { 0 };

	CHECK(!se_privset_adjust(&s, &prev, 7, 0, SE_PRIVILEGE_ENABLED));       /* Tcb */
	CHECK(!se_privset_adjust(&s, &prev, 99, 0, SE_PRIVILEGE_ENABLED));      /* no such */
	CHECK(!se_privset_adjust(&s, &prev, SE_DEBUG_PRIVILEGE, 1, SE_PRIVILEGE_ENABLED));
	CHECK(!se_privset_adjust(&s, &prev, 7, 0, SE_PRIVILEGE_REMOVED));
	CHECK(memcmp(&s, &before, sizeof(s)) == 0);
	CHECK_EQ_U(prev.count, 0);
}

TEST(disable_all_records_the_enabled_ones)
{
	struct se_privilege_set s = first_token(), prev = { 0 };

	se_privset_adjust(&s, NULL, SE_DEBUG_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED);
	se_privset_adjust(&s, NULL, SE_LOCK_MEMORY_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED);
	se_privset_disable_all(&s, &prev);
	CHECK_EQ_U(prev.count, 2);
	CHECK(se_privset_enabled(&prev, SE_DEBUG_PRIVILEGE));
	CHECK(se_privset_enabled(&prev, SE_LOCK_MEMORY_PRIVILEGE));
	for (uint32_t i = 0; i < s.count; i++)
		CHECK_EQ_U(s.p[i].attributes, 0);
	CHECK_EQ_U(s.count, 4);
}

TEST(removed_privileges_are_gone_for_good_and_leave_previous)
{
	struct se_privilege_set s = first_token(), prev = { 0 };

	CHECK(se_privset_adjust(&s, &prev, SE_SHUTDOWN_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED));
	CHECK(se_privset_adjust(&s, &prev, SE_SHUTDOWN_PRIVILEGE, 0,
				SE_PRIVILEGE_REMOVED | SE_PRIVILEGE_ENABLED));
	CHECK_EQ_U(s.count, 3);
	CHECK_EQ_U(prev.count, 0);
	CHECK(!se_privset_adjust(&s, &prev, SE_SHUTDOWN_PRIVILEGE, 0, SE_PRIVILEGE_ENABLED));
	/* The others keep their order. */
	CHECK_EQ_U(s.p[0].luid, SE_LOCK_MEMORY_PRIVILEGE);
	CHECK_EQ_U(s.p[1].luid, SE_INC_WORKING_SET_PRIVILEGE);
	CHECK_EQ_U(s.p[2].luid, SE_DEBUG_PRIVILEGE);
}

TEST(restricted_tokens_delete_privileges)
{
	struct se_privilege_set s = first_token(), all = first_token();

	se_privset_delete(&s, SE_SHUTDOWN_PRIVILEGE, 0);
	se_privset_delete(&s, 7, 0);                    /* not held: ignored */
	se_privset_delete(&s, SE_DEBUG_PRIVILEGE, 1);   /* no such LUID: ignored */
	CHECK_EQ_U(s.count, 3);
	CHECK(se_privset_find(&s, SE_SHUTDOWN_PRIVILEGE, 0) == NULL);
	CHECK(se_privset_subset(&s, &all));
	CHECK(!se_privset_subset(&all, &s));
	se_privset_add(&all, SE_CHANGE_NOTIFY_PRIVILEGE, SE_PRIVILEGE_ENABLED);
	se_privset_delete_max(&all);
	CHECK_EQ_U(all.count, 1);
	CHECK_EQ_U(all.p[0].luid, SE_CHANGE_NOTIFY_PRIVILEGE);
	se_privset_delete_max(&s);
	CHECK_EQ_U(s.count, 0);
	CHECK(se_privset_subset(&s, &all));             /* the empty set */
}

/* The model: per LUID, -1 not held, else the enabled bit. */
static void model_check(const struct se_privilege_set *s, const int *model)
{
	uint32_t held = 0;

	for (uint32_t l = SE_MIN_WELL_KNOWN_PRIVILEGE; l <= SE_MAX_WELL_KNOWN_PRIVILEGE; l++) {
		if (model[l] < 0) {
			CHECK(!se_privset_find((struct se_privilege_set *)s, l, 0));
			continue;
		}
		held++;
		CHECK_EQ_U(se_privset_enabled(s, l), model[l]);
	}
	CHECK_EQ_U(s->count, held);
}

TEST(randomized_against_model)
{
	struct se_privilege_set s = { 0 };
	int model[SE_MAX_WELL_KNOWN_PRIVILEGE + 2];

	srand(7);
	for (uint32_t l = 0; l < SE_MAX_WELL_KNOWN_PRIVILEGE + 2; l++)
		model[l] = -1;
	for (int step = 0; step < 20000 && !check_failure; step++) {
		uint32_t luid = (uint32_t)(rand() % (SE_MAX_WELL_KNOWN_PRIVILEGE + 2));
		int op = rand() % 10;
		bool ok;

		if (op < 3) {
			ok = se_privset_add(&s, luid, 0);
			CHECK_EQ_U(ok, luid >= SE_MIN_WELL_KNOWN_PRIVILEGE &&
				   luid <= SE_MAX_WELL_KNOWN_PRIVILEGE && model[luid] < 0);
			if (ok)
				model[luid] = 0;
		} else if (op < 8) {
			ok = se_privset_adjust(&s, NULL, luid, 0, op & 1 ? SE_PRIVILEGE_ENABLED : 0);
			CHECK_EQ_U(ok, model[luid] >= 0);
			if (ok)
				model[luid] = op & 1;
		} else if (op == 8) {
			se_privset_delete(&s, luid, 0);
			model[luid] = -1;
		} else {
			se_privset_disable_all(&s, NULL);
			for (uint32_t l = 0; l < SE_MAX_WELL_KNOWN_PRIVILEGE + 2; l++)
				if (model[l] > 0)
					model[l] = 0;
		}
		model_check(&s, model);
	}
}

int main(void)
{
	RUN("privset", adds_only_well_known_privileges_once);
	RUN("privset", enable_and_disable_record_the_state_before_once);
	RUN("privset", a_privilege_not_held_changes_nothing);
	RUN("privset", disable_all_records_the_enabled_ones);
	RUN("privset", removed_privileges_are_gone_for_good_and_leave_previous);
	RUN("privset", restricted_tokens_delete_privileges);
	RUN("privset", randomized_against_model);
	return check_summary();
}
