/* rtl_time_to_fields / rtl_fields_to_time: FILETIME <-> SYSTEMTIME as
 * Windows converts them (epoch, leap years, weekdays, range checks). */
#include "check.h"
#include "kernel/rtl/time.h"

TEST(known_instants)
{
	struct rtl_time_fields f;
	uint64_t t;

	CHECK(rtl_time_to_fields(0, &f));
	CHECK(f.year == 1601 && f.month == 1 && f.day == 1 && f.weekday == 1 && f.hour == 0);
	/* The Unix epoch is 116444736000000000 in FILETIME units; a Thursday. */
	CHECK(rtl_time_to_fields(116444736000000000ull, &f));
	CHECK(f.year == 1970 && f.month == 1 && f.day == 1 && f.weekday == 4);
	/* 2000-02-29 12:34:56.789, a Tuesday. */
	f = (struct rtl_time_fields){ 2000, 2, 0, 29, 12, 34, 56, 789 };
	CHECK(rtl_fields_to_time(&f, &t));
	CHECK_EQ_U(t, 116444736000000000ull + 951827696ull * 10000000ull + 7890000ull);
	CHECK(rtl_time_to_fields(t, &f));
	CHECK(f.year == 2000 && f.month == 2 && f.day == 29 && f.weekday == 2 && f.hour == 12 &&
	      f.minute == 34 && f.second == 56 && f.milliseconds == 789);
}

TEST(round_trips_every_day_of_four_centuries)
{
	struct rtl_time_fields f, g;
	uint64_t t, day = 86400ull * RTL_TICKS_PER_SECOND;

	for (uint64_t d = 0; d < 146097 + 400; d++) {
		CHECK(rtl_time_to_fields(d * day + 3723ull * RTL_TICKS_PER_SECOND, &f));
		CHECK(rtl_fields_to_time(&f, &t));
		CHECK_EQ_U(t, d * day + 3723ull * RTL_TICKS_PER_SECOND);
		CHECK(rtl_time_to_fields(t + day, &g));
		CHECK(g.weekday == (f.weekday + 1) % 7);
	}
}

TEST(refuses_out_of_range)
{
	struct rtl_time_fields f = { 2001, 2, 0, 29, 0, 0, 0, 0 };
	uint64_t t = 7;

	CHECK(!rtl_fields_to_time(&f, &t) && t == 7);           /* 2001 is no leap year */
	f = (struct rtl_time_fields){ 1600, 12, 0, 31, 0, 0, 0, 0 };
	CHECK(!rtl_fields_to_time(&f, &t));
	f = (struct rtl_time_fields){ 2020, 13, 0, 1, 0, 0, 0, 0 };
	CHECK(!rtl_fields_to_time(&f, &t));
	f = (struct rtl_time_fields){ 2020, 1, 0, 1, 24, 0, 0, 0 };
	CHECK(!rtl_fields_to_time(&f, &t));
	f = (struct rtl_time_fields){ 2020, 1, 0, 1, 0, 0, 0, 1000 };
	CHECK(!rtl_fields_to_time(&f, &t));
	CHECK(!rtl_time_to_fields(RTL_TIME_MAX + 1, &f));
	CHECK(rtl_time_to_fields(RTL_TIME_MAX, &f) && f.year == 30828);
}

int main(void)
{
	RUN("time", known_instants);
	RUN("time", round_trips_every_day_of_four_centuries);
	RUN("time", refuses_out_of_range);
	return check_summary();
}
