/* Host unit tests for mm/slots.c: the swap slot bitmap, its clustering and a
 * randomized run against a byte-per-slot model. */
#include <stdlib.h>
#include "mm/slots.h"

#include "tests/host/check.h"

#define N 1000

static uint32_t bits[(N + 31) / 32];
static struct slot_map m;

TEST(fresh_map_gives_contiguous_runs)
{
	uint32_t first = 99;

	slots_init(&m, bits, N);
	CHECK_EQ_U(slots_alloc(&m, 16, &first), 16);
	CHECK_EQ_U(first, 0);
	CHECK_EQ_U(slots_alloc(&m, 16, &first), 16);
	CHECK_EQ_U(first, 16);
	CHECK_EQ_U(m.used, 32);
	CHECK(slots_in_use(&m, 31));
	CHECK(!slots_in_use(&m, 32));
	CHECK(!slots_in_use(&m, N));
	CHECK_EQ_U(slots_alloc(&m, 0, &first), 0);
}

TEST(fragmented_map_gives_the_longest_run)
{
	uint32_t first;

	slots_init(&m, bits, 64);
	CHECK_EQ_U(slots_alloc(&m, 64, &first), 64);
	slots_free(&m, 10, 3);
	slots_free(&m, 40, 5);
	CHECK_EQ_U(slots_alloc(&m, 8, &first), 5);
	CHECK_EQ_U(first, 40);
	CHECK_EQ_U(slots_alloc(&m, 8, &first), 3);
	CHECK_EQ_U(first, 10);
	CHECK_EQ_U(slots_alloc(&m, 1, &first), 0);         /* full */
	CHECK_EQ_U(m.used, 64);
}

TEST(bad_slots_stay_taken)
{
	uint32_t first;

	slots_init(&m, bits, 40);
	CHECK_EQ_U(slots_alloc(&m, 1, &first), 1);
	slots_mark_bad(&m, first);
	CHECK_EQ_U(m.bad, 1);
	slots_mark_bad(&m, 20);                            /* a free one */
	CHECK_EQ_U(m.bad, 2);
	CHECK(slots_in_use(&m, 20));
	CHECK_EQ_U(slots_alloc(&m, 39, &first), 19);
	CHECK_EQ_U(first, 1);
	CHECK_EQ_U(slots_alloc(&m, 39, &first), 19);
	CHECK_EQ_U(first, 21);
	CHECK_EQ_U(slots_alloc(&m, 1, &first), 0);
	CHECK_EQ_U(m.used, 40);
}

TEST(randomized_against_model)
{
	static unsigned char model[N];
	uint32_t used = 0;

	srand(7);
	slots_init(&m, bits, N);
	memset(model, 0, sizeof(model));
	for (int step = 0; step < 20000; step++) {
		uint32_t first, n, want = 1 + rand() % 16;
		if (rand() % 2) {
			n = slots_alloc(&m, want, &first);
			if (n == 0) {
				CHECK_EQ_U(used, N);
				continue;
			}
			CHECK(n <= want && first + n <= N);
			for (uint32_t i = first; i < first + n; i++) {
				CHECK_EQ_U(model[i], 0);
				model[i] = 1;
			}
			used += n;
		} else {
			first = rand() % N;
			for (n = 0; first + n < N && n < want && model[first + n]; n++)
				model[first + n] = 0;
			slots_free(&m, first, n);
			used -= n;
		}
		CHECK_EQ_U(m.used, used);
	}
	for (uint32_t i = 0; i < N; i++)
		CHECK_EQ_U(slots_in_use(&m, i), model[i]);
}

int main(void)
{
	RUN("slots", fresh_map_gives_contiguous_runs);
	RUN("slots", fragmented_map_gives_the_longest_run);
	RUN("slots", bad_slots_stay_taken);
	RUN("slots", randomized_against_model);
	return check_summary();
}
