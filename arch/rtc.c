/* The CMOS clock: see arch/rtc.h. */
#include "arch/rtc.h"
#include "arch/io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define CMOS_NMI_OFF 0x80               /* keep NMIs masked while indexing, as the BIOS does */
#define REG_A_UPDATING 0x80
#define REG_B_24H      0x02
#define REG_B_BINARY   0x04
#define HOUR_PM        0x80
#define UPDATE_SPINS   1000000u

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static uint8_t from_bcd(uint8_t v, bool binary)
{
	return binary ? v : (uint8_t)((v >> 4) * 10 + (v & 0x0f));
}

/* The raw registers, read when no update is in progress. */
struct rtc_raw {
	uint8_t sec, min, hour, day, month, year, century;
};

static void read_raw(struct rtc_raw *r)
{
	for (uint32_t i = 0; i < UPDATE_SPINS && (cmos(0x0a) & REG_A_UPDATING); i++)
		;
	*r = (struct rtc_raw){ cmos(0x00), cmos(0x02), cmos(0x04), cmos(0x07), cmos(0x08),
			       cmos(0x09), cmos(0x32) };
}

bool rtc_read(struct rtc_time *t)
{
	struct rtc_raw a, b;
	uint8_t regb = cmos(0x0b);
	bool binary = regb & REG_B_BINARY;
	uint8_t hour, century;

	/* Two equal readings in a row: no update slipped in between. */
	read_raw(&b);
	do {
		a = b;
		read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.day != b.day ||
		 a.month != b.month || a.year != b.year);
	hour = from_bcd(a.hour & ~HOUR_PM, binary);
	if (!(regb & REG_B_24H))
		hour = (uint8_t)(hour % 12 + ((a.hour & HOUR_PM) ? 12 : 0));
	century = from_bcd(a.century, binary);
	if (century < 19 || century > 21)
		century = 20;
	*t = (struct rtc_time){ (uint16_t)(century * 100 + from_bcd(a.year, binary)),
				from_bcd(a.month, binary), from_bcd(a.day, binary), hour,
				from_bcd(a.min, binary), from_bcd(a.sec, binary) };
	return t->month >= 1 && t->month <= 12 && t->day >= 1 && t->day <= 31 && t->hour < 24 &&
	       t->minute < 60 && t->second < 60;
}
