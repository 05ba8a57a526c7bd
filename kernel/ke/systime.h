/* The system time (NT's KeQuerySystemTime): 100-nanosecond units since
 * January 1, 1601 UTC, read from the CMOS clock once at boot and carried on
 * by the timer tick. vados has no time zones: local time is UTC. Calls arch
 * (the RTC, the tick count) and kernel/rtl/time.h. */
#ifndef KERNEL_KE_SYSTIME_H
#define KERNEL_KE_SYSTIME_H

#include <stdint.h>

/* Reads the CMOS clock (once, at boot, before other threads run); a clock
 * without a sane date leaves the time at 2000-01-01 00:00 and says so. */
void ke_systime_init(void);
/* The current system time (GetSystemTimeAsFileTime). */
uint64_t ke_system_time(void);
/* The same to the performance counter's resolution (under a microsecond):
 * ke_system_time plus the part of the tick gone by, never below it
 * (GetSystemTimePreciseAsFileTime). */
uint64_t ke_system_time_precise(void);

#endif
