/* The system time: see kernel/ke/systime.h. */
#include "kernel/ke/systime.h"
#include "arch/rtc.h"
#include "arch/trap.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/time.h"

/* Written once at boot, read-only after: no lock. */
static uint64_t boot_time;              /* the system time at tick boot_ticks */
static uint32_t boot_ticks;

void ke_systime_init(void)
{
	struct rtc_time r;
	struct rtl_time_fields f = { 2000, 1, 0, 1, 0, 0, 0, 0 };

	if (rtc_read(&r))
		f = (struct rtl_time_fields){ r.year, r.month, 0, r.day, r.hour, r.minute,
					      r.second, 0 };
	if (!rtl_fields_to_time(&f, &boot_time)) {
		kprintf("time: the CMOS clock gives no valid date; starting at 2000-01-01\n");
		f = (struct rtl_time_fields){ 2000, 1, 0, 1, 0, 0, 0, 0 };
		rtl_fields_to_time(&f, &boot_time);
	}
	boot_ticks = timer_ticks();
	kprintf("time: %04u-%02u-%02u %02u:%02u:%02u UTC (CMOS clock)\n", f.year, f.month, f.day,
		f.hour, f.minute, f.second);
}

uint64_t ke_system_time_precise(void)
{
	uint64_t since = timer_fine_count() - (uint64_t)boot_ticks * (timer_fine_hz() / timer_hz());
	uint32_t hz = timer_fine_hz();

	return boot_time + since / hz * RTL_TICKS_PER_SECOND +
	       since % hz * RTL_TICKS_PER_SECOND / hz;
}

uint64_t ke_system_time(void)
{
	return boot_time + (uint64_t)(timer_ticks() - boot_ticks) * RTL_TICKS_PER_SECOND /
			   timer_hz();
}
