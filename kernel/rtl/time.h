/* Time conversions (NT's RtlTimeToTimeFields and RtlTimeFieldsToTime): a time
 * is a count of 100-nanosecond intervals since January 1, 1601 UTC (Win32's
 * FILETIME), the fields are SYSTEMTIME's. Pure; compiled into the kernel and
 * the SDK alike (tests/host/test_time.c). Calls nothing. */
#ifndef KERNEL_RTL_TIME_H
#define KERNEL_RTL_TIME_H

#include <stdbool.h>
#include <stdint.h>

#define RTL_TICKS_PER_SECOND 10000000ull        /* 100 ns units */
#define RTL_TIME_MAX 0x7fffffffffffffffull      /* the last time FileTimeToSystemTime takes */

/* SYSTEMTIME's fields, in its order (weekday: 0 is Sunday). */
struct rtl_time_fields {
	uint16_t year, month, weekday, day, hour, minute, second, milliseconds;
};

/* The fields of time (at most RTL_TIME_MAX: else false, f untouched). */
bool rtl_time_to_fields(uint64_t time, struct rtl_time_fields *f);
/* The time of the fields (weekday ignored); false when a field is out of
 * range (year 1601..30827, a day the month has, ...), *time untouched. */
bool rtl_fields_to_time(const struct rtl_time_fields *f, uint64_t *time);

#endif
