/* Host unit tests for the object manager's pure parts: the handle table
 * (kernel/ob/table.c: values, growth, reuse, inheritance placement, memory
 * charge, allocation failure), access masks (kernel/ob/access.c: generic
 * mapping, MAXIMUM_ALLOWED, refusals) and the namespace (kernel/ob/name.c:
 * prefixes, case-sensitive lookup, removal), checked against simple models. */
#include <stdlib.h>
#include "kernel/ob/access.h"
#include "kernel/ob/name.h"
#include "kernel/ob/table.h"
#include "mm/pool.h"

#include "tests/host/check.h"

static int allocations_left = -1;       /* -1: no limit */

void *kmalloc(size_t size)
{
	if (allocations_left == 0)
		return NULL;
	if (allocations_left > 0)
		allocations_left--;
	return malloc(size);
}

void kfree(void *p)
{
	free(p);
}

/* Fills one entry as ob/handle.c does: an object word and an access mask. */
static uint32_t take(struct ob_handle_table *t, uintptr_t object, uint32_t access)
{
	uint32_t index = 0;

	CHECK(ob_table_alloc(t, &index));
	ob_table_at(t, index)->word = object;
	ob_table_at(t, index)->access = access;
	return ob_handle_of(index);
}

TEST(values_are_multiples_of_four_from_four)
{
	struct ob_handle_table t = { 0 };

	CHECK_EQ_U(take(&t, 0x1000, 1), 4);
	CHECK_EQ_U(take(&t, 0x2000, 2), 8);
	CHECK_EQ_U(take(&t, 0x3000, 3), 12);
	CHECK_EQ_U(t.count, 3);
	CHECK_EQ_U(ob_table_lookup(&t, 8)->access, 2);
	CHECK(ob_table_lookup(&t, 9) == ob_table_lookup(&t, 8));      /* tag bits ignored */
	CHECK(ob_table_lookup(&t, 0) == NULL);
	CHECK(ob_table_lookup(&t, 3) == NULL);
	CHECK(ob_table_lookup(&t, 16) == NULL);                       /* free */
	CHECK(ob_table_lookup(&t, 0xfffffffc) == NULL);               /* beyond */
	ob_table_free(&t);
}

TEST(freed_entries_are_reused_last_freed_first)
{
	struct ob_handle_table t = { 0 };

	for (int i = 0; i < 10; i++)
		take(&t, 0x1000 * (i + 1), 0);
	ob_table_release(&t, 2);        /* handle 12 */
	ob_table_release(&t, 6);        /* handle 28 */
	CHECK(ob_table_lookup(&t, 12) == NULL);
	CHECK_EQ_U(take(&t, 0x9000, 0), 28);
	CHECK_EQ_U(take(&t, 0x9000, 0), 12);
	CHECK_EQ_U(take(&t, 0x9000, 0), 44);
	CHECK_EQ_U(t.count, 11);
	ob_table_free(&t);
}

TEST(grows_to_100000_and_back_charging_its_memory)
{
	struct ob_handle_table t = { 0 };
	uint32_t n = 100000, leaves = (n + OB_LEAF_ENTRIES - 1) / OB_LEAF_ENTRIES;

	for (uint32_t i = 0; i < n; i++)
		CHECK_EQ_U(take(&t, 0x1000 + 16 * i, i), ob_handle_of(i));
	CHECK_EQ_U(t.count, n);
	CHECK_EQ_U(t.leaf_count, leaves);
	CHECK(t.bytes >= leaves * 4096);
	CHECK_EQ_U(ob_table_lookup(&t, ob_handle_of(n - 1))->access, n - 1);
	for (uint32_t i = 0; i < n; i++)
		ob_table_release(&t, i);
	CHECK_EQ_U(t.count, 0);
	CHECK_EQ_U(take(&t, 0x1000, 0), ob_handle_of(n - 1));  /* last freed first */
	ob_table_free(&t);
	CHECK_EQ_U(t.bytes, 0);
	CHECK(t.peak_bytes >= leaves * 4096);
}

TEST(growth_failure_changes_nothing)
{
	struct ob_handle_table t = { 0 };
	uint32_t index;

	for (uint32_t i = 0; i < 4 * OB_LEAF_ENTRIES; i++)      /* the first directory is full */
		take(&t, 0x1000, 0);
	allocations_left = 0;
	CHECK(!ob_table_alloc(&t, &index));
	allocations_left = 1;           /* a bigger directory, but no leaf */
	CHECK(!ob_table_alloc(&t, &index));
	allocations_left = -1;
	CHECK_EQ_U(t.count, 4 * OB_LEAF_ENTRIES);
	CHECK_EQ_U(t.leaf_count, 4);
	CHECK_EQ_U(take(&t, 0x1000, 0), ob_handle_of(4 * OB_LEAF_ENTRIES));
	ob_table_free(&t);
}

TEST(inherited_entries_keep_their_values)
{
	struct ob_handle_table t = { 0 };
	uint32_t at[] = { 0, 5, 700, 1500 };

	for (size_t i = 0; i < 4; i++) {
		CHECK(ob_table_take(&t, at[i]));
		ob_table_at(&t, at[i])->word = 0x1000;
	}
	ob_table_relink(&t);
	CHECK_EQ_U(t.count, 4);
	CHECK(ob_table_lookup(&t, ob_handle_of(700)) != NULL);
	CHECK_EQ_U(take(&t, 0x2000, 0), ob_handle_of(1));     /* the lowest free first */
	CHECK_EQ_U(take(&t, 0x2000, 0), ob_handle_of(2));
	ob_table_free(&t);
}

TEST(randomized_against_model)
{
	struct ob_handle_table t = { 0 };
	static uint32_t model[4096];    /* access + 1 of each index, 0: free */
	uint32_t live = 0;

	srand(7);
	for (int step = 0; step < 50000; step++) {
		uint32_t i = rand() % 4096;
		if (rand() % 3 && live < 4000) {
			uint32_t h = take(&t, 0x1000, step);
			CHECK(h % 4 == 0 && h >= 4);
			CHECK_EQ_U(model[h / 4 - 1], 0);
			model[h / 4 - 1] = step + 1;
			live++;
		} else if (model[i]) {
			CHECK_EQ_U(ob_table_lookup(&t, ob_handle_of(i))->access, model[i] - 1);
			ob_table_release(&t, i);
			model[i] = 0;
			live--;
		} else {
			CHECK(ob_table_lookup(&t, ob_handle_of(i)) == NULL);
		}
		CHECK_EQ_U(t.count, live);
	}
	ob_table_free(&t);
}

static const struct ob_generic_mapping process = { 0x20410, 0x20beb, 0x120000, 0x1fffff };

TEST(generic_rights_map_through_the_type)
{
	CHECK_EQ_U(ob_map_generic(GENERIC_READ, &process), 0x20410);
	CHECK_EQ_U(ob_map_generic(GENERIC_WRITE | 1, &process), 0x20beb);
	CHECK_EQ_U(ob_map_generic(GENERIC_EXECUTE, &process), 0x120000);
	CHECK_EQ_U(ob_map_generic(GENERIC_ALL, &process), 0x1fffff);
	CHECK_EQ_U(ob_map_generic(0x10, &process), 0x10);
}

TEST(grants_follow_the_valid_mask)
{
	uint32_t granted = 0;

	CHECK_EQ_U(ob_grant_access(0x10, &process, 0x1fffff, &granted), 0);
	CHECK_EQ_U(granted, 0x10);
	CHECK_EQ_U(ob_grant_access(MAXIMUM_ALLOWED, &process, 0x1fffff, &granted), 0);
	CHECK_EQ_U(granted, 0x1fffff);
	CHECK_EQ_U(ob_grant_access(0, &process, 0x1fffff, &granted), 0);
	CHECK_EQ_U(granted, 0);
	CHECK_EQ_U(ob_grant_access(0x400000, &process, 0x1fffff, &granted), 5);
	CHECK_EQ_U(ob_grant_access(ACCESS_SYSTEM_SECURITY, &process, 0x1fffff, &granted), 1314);
}

TEST(names_key_global_and_session_directories_and_refuse_subdirectories)
{
	char buf[OB_NAME_KEY_MAX], tiny[10];

	CHECK_STR(ob_name_key("abc", buf, sizeof(buf)), "abc");
	CHECK_STR(ob_name_key("Local\\abc", buf, sizeof(buf)), "abc");       /* the session's */
	CHECK_STR(ob_name_key("Global\\abc", buf, sizeof(buf)), "Global\\abc");
	CHECK(ob_name_key("a\\b", buf, sizeof(buf)) == NULL);
	CHECK(ob_name_key("Global\\", buf, sizeof(buf)) == NULL);
	CHECK(ob_name_key("Local\\a\\b", buf, sizeof(buf)) == NULL);
	CHECK(ob_name_key("", buf, sizeof(buf)) == NULL);
	/* A prefix's case does not matter; the key spells it one way. */
	CHECK_STR(ob_name_key("global\\x", buf, sizeof(buf)), "Global\\x");
	CHECK_STR(ob_name_key("GLOBAL\\Xy", buf, sizeof(buf)), "Global\\Xy");
	CHECK_STR(ob_name_key("LOCAL\\Xy", buf, sizeof(buf)), "Xy");
	CHECK(ob_name_key("Global\\abc", tiny, sizeof(tiny)) == NULL);      /* 11 bytes */
	CHECK_STR(ob_name_key("Global\\ab", tiny, sizeof(tiny)), "Global\\ab");
}

TEST(names_are_found_case_sensitively_and_removed)
{
	struct ob_namespace ns = { 0 };
	struct ob_name *a = ob_name_new("Event", (void *)0x10), *b = ob_name_new("event", (void *)0x20);

	ob_names_add(&ns, a);
	ob_names_add(&ns, b);
	CHECK(ob_names_find(&ns, "Event") == a);
	CHECK(ob_names_find(&ns, "event") == b);
	CHECK(ob_names_find(&ns, "EVENT") == NULL);
	CHECK_EQ_U(ns.count, 2);
	ob_names_remove(&ns, a);
	CHECK(ob_names_find(&ns, "Event") == NULL);
	CHECK(ob_names_find(&ns, "event") == b);
	ob_names_remove(&ns, b);
	CHECK_EQ_U(ns.count, 0);
	free(a);
	free(b);
}

TEST(many_names_share_buckets)
{
	struct ob_namespace ns = { 0 };
	static struct ob_name *n[2000];
	char text[32];

	for (int i = 0; i < 2000; i++) {
		snprintf(text, sizeof(text), "name-%d", i);
		ob_names_add(&ns, n[i] = ob_name_new(text, (void *)(uintptr_t)(i + 1)));
	}
	for (int i = 0; i < 2000; i += 3) {
		ob_names_remove(&ns, n[i]);
		free(n[i]);
		n[i] = NULL;
	}
	for (int i = 0; i < 2000; i++) {
		snprintf(text, sizeof(text), "name-%d", i);
		CHECK(ob_names_find(&ns, text) == n[i]);
		if (n[i]) {
			ob_names_remove(&ns, n[i]);
			free(n[i]);
		}
	}
	CHECK_EQ_U(ns.count, 0);
}

int main(void)
{
	RUN("ob", values_are_multiples_of_four_from_four);
	RUN("ob", freed_entries_are_reused_last_freed_first);
	RUN("ob", grows_to_100000_and_back_charging_its_memory);
	RUN("ob", growth_failure_changes_nothing);
	RUN("ob", inherited_entries_keep_their_values);
	RUN("ob", randomized_against_model);
	RUN("ob", generic_rights_map_through_the_type);
	RUN("ob", grants_follow_the_valid_mask);
	RUN("ob", names_key_global_and_session_directories_and_refuse_subdirectories);
	RUN("ob", names_are_found_case_sensitively_and_removed);
	RUN("ob", many_names_share_buckets);
	return check_summary();
}
