/* Time conversions: see kernel/rtl/time.h. Days are counted with the
 * proleptic Gregorian calendar, in 400-year cycles from March 1, 1600. */
#include "kernel/rtl/time.h"

#define SECONDS_PER_DAY 86400ull
#define DAYS_PER_CYCLE  146097u         /* 400 years */
/* Days from March 1, 1600 to January 1, 1601. */
#define EPOCH_SHIFT     306u

static bool leap(uint32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static uint32_t month_days(uint32_t y, uint32_t m)
{
	static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since March 1, 1600 of y-m-d. */
static uint64_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
	uint32_t yy = y - (m <= 2) - 1600;
	uint32_t mp = (m + 9) % 12;                     /* March is 0 */
	uint64_t cycle = yy / 400, yoc = yy % 400;
	uint64_t doy = (153 * mp + 2) / 5 + d - 1;

	return cycle * DAYS_PER_CYCLE + yoc * 365 + yoc / 4 - yoc / 100 + doy;
}

/* The date of day n since March 1, 1600. */
static void civil_from_days(uint64_t n, struct rtl_time_fields *f)
{
	uint64_t cycle = n / DAYS_PER_CYCLE, doc = n % DAYS_PER_CYCLE;
	uint64_t yoc = (doc - doc / 1460 + doc / 36524 - doc / 146096) / 365;
	uint64_t doy = doc - (365 * yoc + yoc / 4 - yoc / 100);
	uint64_t mp = (5 * doy + 2) / 153;

	f->day = (uint16_t)(doy - (153 * mp + 2) / 5 + 1);
	f->month = (uint16_t)(mp < 10 ? mp + 3 : mp - 9);
	f->year = (uint16_t)(1600 + cycle * 400 + yoc + (f->month <= 2));
}

bool rtl_time_to_fields(uint64_t time, struct rtl_time_fields *f)
{
	uint64_t seconds, days, rest;

	if (time > RTL_TIME_MAX)
		return false;
	seconds = time / RTL_TICKS_PER_SECOND;
	days = seconds / SECONDS_PER_DAY;
	rest = seconds % SECONDS_PER_DAY;
	civil_from_days(days + EPOCH_SHIFT, f);
	f->weekday = (uint16_t)((days + 1) % 7);        /* January 1, 1601 was a Monday */
	f->hour = (uint16_t)(rest / 3600);
	f->minute = (uint16_t)(rest / 60 % 60);
	f->second = (uint16_t)(rest % 60);
	f->milliseconds = (uint16_t)(time % RTL_TICKS_PER_SECOND / 10000);
	return true;
}

bool rtl_fields_to_time(const struct rtl_time_fields *f, uint64_t *time)
{
	uint64_t days, seconds;

	if (f->year < 1601 || f->year > 30827 || f->month < 1 || f->month > 12 || f->day < 1 ||
	    f->day > month_days(f->year, f->month) || f->hour > 23 || f->minute > 59 ||
	    f->second > 59 || f->milliseconds > 999)
		return false;
	days = days_from_civil(f->year, f->month, f->day) - EPOCH_SHIFT;
	seconds = days * SECONDS_PER_DAY + f->hour * 3600u + f->minute * 60u + f->second;
	*time = seconds * RTL_TICKS_PER_SECOND + f->milliseconds * 10000ull;
	return true;
}
