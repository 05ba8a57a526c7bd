/* The CMOS real-time clock (MC146818 and its successors at ports 0x70/0x71):
 * read once at boot for the date and time the machine keeps (vados takes it
 * as UTC, and its local time as the same). Calls only port I/O. */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <stdbool.h>
#include <stdint.h>

struct rtc_time {
	uint16_t year, month, day, hour, minute, second;
};

/* Reads the clock between two of its updates (BCD or binary, 12- or 24-hour
 * mode as register B says; the century from register 0x32 when it holds a
 * plausible one, else 20); false when the clock gives no sane date. Called
 * before other threads run, or by one thread only (the index port is
 * shared state). */
bool rtc_read(struct rtc_time *t);

#endif
