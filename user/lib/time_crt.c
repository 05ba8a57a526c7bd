/* <time.h>'s clock and calendar (Microsoft's 64-bit time_t, 1970..3000,
 * local time = UTC) over GetSystemTimeAsFileTime and GetTickCount. */
#include <errno.h>
#include <time.h>
#include <windows.h>
#include "crt_thread.h"
#include "crt_time.h"

#define TIME_MAX 32535215999ll                  /* 3000-12-31 23:59:59, Microsoft's last */

long _timezone;
int _daylight;
long _dstbias;
static char std_name[] = "UTC", dst_name[] = "UTC";
char *_tzname[2] = { std_name, dst_name };

void _tzset(void) { }

static DWORD start_ticks;

__attribute__((constructor)) static void note_start(void)
{
	start_ticks = GetTickCount();
}

clock_t clock(void)
{
	return (clock_t)(GetTickCount() - start_ticks);
}

double difftime(time_t end, time_t start) { return (double)(end - start); }
double _difftime64(__time64_t end, __time64_t start) { return (double)(end - start); }
double _difftime32(__time32_t end, __time32_t start) { return (double)end - (double)start; }

static long long now_100ns(void)
{
	FILETIME ft;

	GetSystemTimeAsFileTime(&ft);
	return (long long)(((unsigned long long)ft.dwHighDateTime << 32 | ft.dwLowDateTime) -
			   EPOCH_FILETIME);
}

__time64_t _time64(__time64_t *t)
{
	__time64_t now = now_100ns() / 10000000;

	if (t)
		*t = now;
	return now;
}

__time32_t _time32(__time32_t *t)
{
	__time32_t now = (__time32_t)_time64(NULL);

	if (t)
		*t = now;
	return now;
}

time_t time(time_t *t)
{
	time_t now = (time_t)_time64(NULL);

	if (t)
		*t = now;
	return now;
}

int timespec_get(struct timespec *ts, int base)
{
	long long now;

	if (!ts || base != TIME_UTC)
		return 0;
	now = now_100ns();
	ts->tv_sec = (time_t)(now / 10000000);
	ts->tv_nsec = (long)(now % 10000000) * 100;
	return base;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era;
	int yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int is_leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* The fields of t (0 <= t <= TIME_MAX). */
static void to_fields(long long t, struct tm *tm)
{
	long long days = t / 86400, y;
	int secs = (int)(t % 86400), m, yday;
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
	tm->tm_wday = (int)((days + 4) % 7);            /* 1970-01-01 was a Thursday */
	for (y = 1970 + days / 366; days_from_civil(y + 1, 1, 1) <= days; y++)
		;
	yday = (int)(days - days_from_civil(y, 1, 1));
	for (m = 11; yday < before[m] + (m >= 2 && is_leap(y)); m--)
		;
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m;
	tm->tm_mday = yday - before[m] - (m >= 2 && is_leap(y)) + 1;
	tm->tm_yday = yday;
	tm->tm_isdst = 0;
}

errno_t _gmtime64_s(struct tm *out, const __time64_t *t)
{
	if (!out || !t)
		return crt_invalid_parameter();
	if (*t < 0 || *t > TIME_MAX) {
		*out = (struct tm){ -1, -1, -1, -1, -1, -1, -1, -1, -1 };
		return crt_invalid_parameter();
	}
	to_fields(*t, out);
	return 0;
}

/* The thread's buffer, or NULL with errno EINVAL. */
struct tm *_gmtime64(const __time64_t *t)
{
	struct tm *tm = &crt_thread()->tm;

	if (!t || *t < 0 || *t > TIME_MAX) {
		errno = EINVAL;
		return NULL;
	}
	to_fields(*t, tm);
	return tm;
}

errno_t _localtime64_s(struct tm *out, const __time64_t *t) { return _gmtime64_s(out, t); }
struct tm *_localtime64(const __time64_t *t) { return _gmtime64(t); }

struct tm *_gmtime32(const __time32_t *t)
{
	__time64_t wide = t ? *t : 0;
	return t ? _gmtime64(&wide) : _gmtime64(NULL);
}

struct tm *_localtime32(const __time32_t *t) { return _gmtime32(t); }

errno_t gmtime_s(struct tm *out, const time_t *t)
{
	__time64_t wide = t ? *t : 0;
	return _gmtime64_s(out, t ? &wide : NULL);
}

errno_t localtime_s(struct tm *out, const time_t *t) { return gmtime_s(out, t); }

struct tm *gmtime(const time_t *t)
{
	__time64_t wide = t ? *t : 0;
	return _gmtime64(t ? &wide : NULL);
}

struct tm *localtime(const time_t *t) { return gmtime(t); }

/* Normalizes tm into its time (fields out of range carry into the next);
 * -1 outside 1970..3000, tm then untouched. */
__time64_t _mkgmtime64(struct tm *tm)
{
	long long mon, year, t;

	if (!tm) {
		crt_invalid_parameter();
		return -1;
	}
	mon = tm->tm_mon % 12;
	year = tm->tm_year + 1900LL + tm->tm_mon / 12;
	if (mon < 0) {
		mon += 12;
		year--;
	}
	t = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
	t = t * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	if (t < 0 || t > TIME_MAX) {
		errno = EINVAL;
		return -1;
	}
	to_fields(t, tm);
	return t;
}

time_t _mkgmtime(struct tm *tm) { return (time_t)_mkgmtime64(tm); }
__time64_t _mktime64(struct tm *tm) { return _mkgmtime64(tm); }
time_t mktime(struct tm *tm) { return (time_t)_mkgmtime64(tm); }

__time32_t _mktime32(struct tm *tm)
{
	struct tm copy = *tm;
	__time64_t t = _mkgmtime64(&copy);

	if (t > 0x7fffffff) {
		errno = EINVAL;
		return -1;
	}
	*tm = copy;
	return (__time32_t)t;
}
