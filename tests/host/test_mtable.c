/* The moveable-memory handle table (user/lib/mtable.c) over malloc'd chunks:
 * handles lead to their block, stale and foreign handles are refused, freed
 * entries are reused oldest first, chunks are added as needed. */
#include <stdint.h>
#include <stdlib.h>
#include "tests/host/check.h"
#include "user/lib/mtable.h"

static int chunks_made;
static int chunks_allowed = 1000;
static void *chunks[1000];

void *mt_os_chunk(size_t size)
{
	if (chunks_made >= chunks_allowed)
		return NULL;
	return chunks[chunks_made++] = aligned_alloc(8, size);
}

static void reset(struct mtable *t)
{
	while (chunks_made)
		free(chunks[--chunks_made]);
	chunks_allowed = 1000;
	*t = (struct mtable){ 0 };
}

TEST(handle_leads_to_its_block)
{
	struct mtable t = { 0 };
	struct mt_entry *e = mt_alloc(&t);
	int x;

	CHECK(e && e->flags == MT_USED && e->lock == 0 && e->block == NULL);
	e->block = &x;
	CHECK(*(void **)mt_handle(e) == &x);
	CHECK(mt_lookup(&t, mt_handle(e)) == e);
	CHECK(mt_find_block(&t, &x) == e);
	CHECK(mt_find_block(&t, NULL) == NULL);
	reset(&t);
}

TEST(foreign_and_misaligned_handles_refused)
{
	struct mtable t = { 0 };
	struct mt_entry *e = mt_alloc(&t);
	int local;

	CHECK(mt_lookup(&t, NULL) == NULL);
	CHECK(mt_lookup(&t, &local) == NULL);
	CHECK(mt_lookup(&t, e) == NULL);                        /* the entry, not its handle */
	CHECK(mt_lookup(&t, (char *)mt_handle(e) + 1) == NULL);
	CHECK(mt_lookup(&t, (char *)mt_handle(e) + 4096) == NULL);
	reset(&t);
}

TEST(freed_handle_refused_and_reused_last)
{
	struct mtable t = { 0 };
	struct mt_entry *a = mt_alloc(&t), *b = mt_alloc(&t);
	void *ha = mt_handle(a);

	mt_free(&t, a);
	CHECK(mt_lookup(&t, ha) == NULL);               /* a second free or lock fails */
	CHECK(mt_lookup(&t, mt_handle(b)) == b);
	/* The chunk's never-used entries were freed before a: they come first. */
	size_t older = (MT_CHUNK_BYTES - 8) / sizeof(struct mt_entry) - 2;
	for (size_t i = 0; i < older; i++)
		CHECK(mt_alloc(&t) != a);
	CHECK(mt_alloc(&t) == a && chunks_made == 1);
	reset(&t);
}

TEST(grows_by_chunks_and_fails_cleanly)
{
	struct mtable t = { 0 };
	struct mt_entry *all[3000];
	int n = 0;

	chunks_allowed = 3;
	while (n < 3000 && (all[n] = mt_alloc(&t)) != NULL)
		n++;
	CHECK(n == 3 * (int)((MT_CHUNK_BYTES - 8) / sizeof(struct mt_entry)) && chunks_made == 3);
	for (int i = 0; i < n; i++) {
		CHECK(mt_lookup(&t, mt_handle(all[i])) == all[i]);
		CHECK((uintptr_t)mt_handle(all[i]) % 8 == offsetof(struct mt_entry, block) % 8);
	}
	mt_free(&t, all[5]);
	CHECK(mt_alloc(&t) == all[5]);
	reset(&t);
}

int main(void)
{
	RUN("mtable", handle_leads_to_its_block);
	RUN("mtable", foreign_and_misaligned_handles_refused);
	RUN("mtable", freed_handle_refused_and_reused_last);
	RUN("mtable", grows_by_chunks_and_fails_cleanly);
	return check_summary();
}
