/* <time.h> as Microsoft's C runtime: time_t is 64 bits (__time64_t) unless
 * _USE_32BIT_TIME_T; times are seconds since 1970-01-01 00:00:00 UTC and
 * the library takes 1970 through 3000 (before 1970: EINVAL, NULL or -1).
 * vados has no time zones: local time is UTC (_timezone 0, no DST).
 * clock() counts milliseconds of wall time since the process started. */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
typedef long long __time64_t;
typedef long __time32_t;
#ifdef _USE_32BIT_TIME_T
typedef __time32_t time_t;
#else
typedef __time64_t time_t;
#endif
typedef long clock_t;

#define CLOCKS_PER_SEC 1000
#define CLK_TCK        CLOCKS_PER_SEC
#define TIME_UTC       1

struct tm {
	int tm_sec, tm_min, tm_hour;    /* 0..60, 0..59, 0..23 */
	int tm_mday, tm_mon, tm_year;   /* 1..31, 0..11, years since 1900 */
	int tm_wday, tm_yday, tm_isdst; /* 0..6 from Sunday, 0..365, always 0 here */
};

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

clock_t clock(void);
double difftime(time_t end, time_t start);
double _difftime64(__time64_t end, __time64_t start);
double _difftime32(__time32_t end, __time32_t start);
time_t time(time_t *t);
__time64_t _time64(__time64_t *t);
__time32_t _time32(__time32_t *t);
int timespec_get(struct timespec *ts, int base);
/* Normalizes *tm (fields out of range carry over) and gives its time, or -1
 * (tm untouched) outside 1970..3000. _mkgmtime is the same (UTC). */
time_t mktime(struct tm *tm);
__time64_t _mktime64(struct tm *tm);
__time32_t _mktime32(struct tm *tm);
time_t _mkgmtime(struct tm *tm);
__time64_t _mkgmtime64(struct tm *tm);
/* The broken-down time in the calling thread's buffer, or NULL with
 * errno = EINVAL (NULL, or outside 1970..3000). */
struct tm *gmtime(const time_t *t);
struct tm *localtime(const time_t *t);
struct tm *_gmtime64(const __time64_t *t);
struct tm *_localtime64(const __time64_t *t);
struct tm *_gmtime32(const __time32_t *t);
struct tm *_localtime32(const __time32_t *t);
errno_t gmtime_s(struct tm *out, const time_t *t);
errno_t localtime_s(struct tm *out, const time_t *t);
errno_t _gmtime64_s(struct tm *out, const __time64_t *t);
errno_t _localtime64_s(struct tm *out, const __time64_t *t);
/* "Wed Jan 02 02:03:55 1980\n": asctime and ctime share the thread's buffer. */
char *asctime(const struct tm *tm);
char *ctime(const time_t *t);
char *_ctime64(const __time64_t *t);
errno_t asctime_s(char *buf, size_t size, const struct tm *tm);
errno_t ctime_s(char *buf, size_t size, const time_t *t);
/* The "C" locale's conversions (%c is "%m/%d/%y %H:%M:%S" as Microsoft's,
 * %Z "Coordinated Universal Time"; a '#' after % drops leading zeros); 0
 * when the text and its NUL do not fit in size. */
size_t strftime(char *buf, size_t size, const char *fmt, const struct tm *tm);
char *_strdate(char *buf);      /* "mm/dd/yy" */
char *_strtime(char *buf);      /* "hh:mm:ss" */
void _tzset(void);
extern long _timezone;
extern int _daylight;
extern long _dstbias;
extern char *_tzname[2];
char *_ctime32(const __time32_t *t);
#ifdef _USE_32BIT_TIME_T        /* the 32-bit forms under the plain names */
#define time      _time32
#define difftime  _difftime32
#define mktime    _mktime32
#define gmtime    _gmtime32
#define localtime _localtime32
#define ctime     _ctime32
#endif
#define timezone _timezone
#define daylight _daylight
#define tzname   _tzname
#define tzset    _tzset

VADOS_END_DECLS

#endif
