/* <time.h>'s text: strftime in the "C" locale (Microsoft's %c %x %X, its
 * '#' flag), asctime and ctime. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "crt_thread.h"

static const char *const day_names[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday" };
static const char *const month_names[12] = { "January", "February", "March", "April", "May",
					     "June", "July", "August", "September", "October",
					     "November", "December" };

struct text { char *buf; size_t size, len; };

static void add(struct text *t, const char *s)
{
	for (; *s; s++, t->len++)
		if (t->len < t->size)
			t->buf[t->len] = *s;
}

/* A number of width digits (zero-padded, or unpadded with '#'). */
static void add_number(struct text *t, long v, int width, int alt)
{
	char s[24];

	snprintf(s, sizeof(s), "%0*ld", alt ? 1 : width, v);
	add(t, s);
}

static const char *name(const char *const *names, int i, int n)
{
	return i >= 0 && i < n ? names[i] : "?";
}

/* ISO 8601 week-based year and week of tm (C99's %G and %V). */
static int iso_week(const struct tm *tm, int *year)
{
	int wday = (tm->tm_wday + 6) % 7;               /* Monday 0 */
	int week = (tm->tm_yday - wday + 10) / 7;
	int y = tm->tm_year + 1900;

	if (week < 1) {
		int prev = y - 1, prev_days = 365 + ((prev % 4 == 0 && prev % 100) || prev % 400 == 0);
		week = (tm->tm_yday + prev_days - wday + 10) / 7;
		y = prev;
	} else if (week == 53) {
		int days = 365 + ((y % 4 == 0 && y % 100) || y % 400 == 0);
		if (tm->tm_yday - wday + 3 >= days) {
			week = 1;
			y++;
		}
	}
	*year = y;
	return week;
}

static void convert(struct text *t, char c, int alt, const struct tm *tm)
{
	char sub[64];
	int y;

	switch (c) {
	case 'a': snprintf(sub, 4, "%s", name(day_names, tm->tm_wday, 7)); add(t, sub); break;
	case 'A': add(t, name(day_names, tm->tm_wday, 7)); break;
	case 'b': case 'h':
		snprintf(sub, 4, "%s", name(month_names, tm->tm_mon, 12));
		add(t, sub);
		break;
	case 'B': add(t, name(month_names, tm->tm_mon, 12)); break;
	case 'c':
		if (alt) {
			convert(t, 'A', 0, tm);
			add(t, ", ");
			convert(t, 'B', 0, tm);
			snprintf(sub, sizeof(sub), " %d, %d %02d:%02d:%02d", tm->tm_mday,
				 tm->tm_year + 1900, tm->tm_hour, tm->tm_min, tm->tm_sec);
			add(t, sub);
		} else {
			convert(t, 'x', 0, tm);
			add(t, " ");
			convert(t, 'X', 0, tm);
		}
		break;
	case 'C': add_number(t, (tm->tm_year + 1900) / 100, 2, alt); break;
	case 'd': add_number(t, tm->tm_mday, 2, alt); break;
	case 'D': case 'x':
		if (c == 'x' && alt) {
			convert(t, 'A', 0, tm);
			add(t, ", ");
			convert(t, 'B', 0, tm);
			snprintf(sub, sizeof(sub), " %d, %d", tm->tm_mday, tm->tm_year + 1900);
			add(t, sub);
			break;
		}
		snprintf(sub, sizeof(sub), "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday,
			 (tm->tm_year + 1900) % 100);
		add(t, sub);
		break;
	case 'e': snprintf(sub, sizeof(sub), alt ? "%d" : "%2d", tm->tm_mday); add(t, sub); break;
	case 'F':
		snprintf(sub, sizeof(sub), "%04d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1,
			 tm->tm_mday);
		add(t, sub);
		break;
	case 'g': iso_week(tm, &y); add_number(t, y % 100, 2, alt); break;
	case 'G': iso_week(tm, &y); add_number(t, y, 4, alt); break;
	case 'H': add_number(t, tm->tm_hour, 2, alt); break;
	case 'I': add_number(t, tm->tm_hour % 12 ? tm->tm_hour % 12 : 12, 2, alt); break;
	case 'j': add_number(t, tm->tm_yday + 1, 3, alt); break;
	case 'm': add_number(t, tm->tm_mon + 1, 2, alt); break;
	case 'M': add_number(t, tm->tm_min, 2, alt); break;
	case 'n': add(t, "\n"); break;
	case 'p': add(t, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'r':
		convert(t, 'I', 0, tm); add(t, ":"); convert(t, 'M', 0, tm); add(t, ":");
		convert(t, 'S', 0, tm); add(t, " "); convert(t, 'p', 0, tm);
		break;
	case 'R': convert(t, 'H', 0, tm); add(t, ":"); convert(t, 'M', 0, tm); break;
	case 'S': add_number(t, tm->tm_sec, 2, alt); break;
	case 't': add(t, "\t"); break;
	case 'T': case 'X':
		convert(t, 'H', 0, tm); add(t, ":"); convert(t, 'M', 0, tm); add(t, ":");
		convert(t, 'S', 0, tm);
		break;
	case 'u': add_number(t, tm->tm_wday ? tm->tm_wday : 7, 1, alt); break;
	case 'U': add_number(t, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, alt); break;
	case 'V': add_number(t, iso_week(tm, &y), 2, alt); break;
	case 'w': add_number(t, tm->tm_wday, 1, alt); break;
	case 'W': add_number(t, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, alt); break;
	case 'y': add_number(t, (tm->tm_year + 1900) % 100, 2, alt); break;
	case 'Y': add_number(t, tm->tm_year + 1900, 4, alt); break;
	case 'z': add(t, "+0000"); break;
	case 'Z': add(t, "Coordinated Universal Time"); break;
	case '%': add(t, "%"); break;
	default:                /* Microsoft's: an invalid parameter */
		t->len = t->size + 1;
		break;
	}
}

size_t strftime(char *buf, size_t size, const char *fmt, const struct tm *tm)
{
	struct text t = { buf, size, 0 };

	if (!buf || !fmt || !tm || !size) {
		crt_invalid_parameter();
		return 0;
	}
	for (; *fmt && t.len <= size; fmt++) {
		int alt = 0;
		if (*fmt != '%') {
			char one[2] = { *fmt, 0 };
			add(&t, one);
			continue;
		}
		if (fmt[1] == '#') {
			alt = 1;
			fmt++;
		}
		if (fmt[1] == 'E' || fmt[1] == 'O')     /* C99's alternative forms: the plain ones */
			fmt++;
		if (!fmt[1])
			break;
		convert(&t, *++fmt, alt, tm);
	}
	if (t.len >= size) {
		buf[0] = '\0';
		errno = ERANGE;
		return 0;
	}
	buf[t.len] = '\0';
	return t.len;
}

errno_t asctime_s(char *buf, size_t size, const struct tm *tm)
{
	if (!buf || size < 26) {
		if (buf && size)
			buf[0] = '\0';
		return crt_invalid_parameter();
	}
	if (!tm || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_wday < 0 || tm->tm_wday > 6 ||
	    tm->tm_mday < 1 || tm->tm_mday > 31 || tm->tm_hour < 0 || tm->tm_hour > 23 ||
	    tm->tm_min < 0 || tm->tm_min > 59 || tm->tm_sec < 0 || tm->tm_sec > 59 ||
	    tm->tm_year < 0 || tm->tm_year > 8099) {
		buf[0] = '\0';
		return crt_invalid_parameter();
	}
	snprintf(buf, size, "%.3s %.3s %02d %02d:%02d:%02d %d\n", day_names[tm->tm_wday],
		 month_names[tm->tm_mon], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
		 tm->tm_year + 1900);
	return 0;
}

char *asctime(const struct tm *tm)
{
	char *buf = crt_thread()->asctime;

	return asctime_s(buf, sizeof(crt_thread()->asctime), tm) ? NULL : buf;
}

errno_t ctime_s(char *buf, size_t size, const time_t *t)
{
	struct tm tm;
	errno_t e;

	if (!buf || size < 26 || !t) {
		if (buf && size)
			buf[0] = '\0';
		return crt_invalid_parameter();
	}
	e = localtime_s(&tm, t);
	if (e) {
		buf[0] = '\0';
		return e;
	}
	return asctime_s(buf, size, &tm);
}

char *_ctime64(const __time64_t *t)
{
	struct tm *tm = t ? _localtime64(t) : NULL;

	return tm ? asctime(tm) : NULL;
}

char *ctime(const time_t *t)
{
	__time64_t wide = t ? *t : 0;
	return t ? _ctime64(&wide) : NULL;
}

char *_ctime32(const __time32_t *t)
{
	__time64_t wide = t ? *t : 0;
	return t ? _ctime64(&wide) : NULL;
}

char *_strdate(char *buf)
{
	time_t now = time(NULL);

	strftime(buf, 9, "%m/%d/%y", gmtime(&now));
	return buf;
}

char *_strtime(char *buf)
{
	time_t now = time(NULL);

	strftime(buf, 9, "%H:%M:%S", gmtime(&now));
	return buf;
}
