/* 8253/8254 PIT channel 0 as the system tick; see arch/trap.h. */
#include "arch/trap.h"
#include "arch/io.h"

#define PIT_CH0     0x40
#define PIT_CMD     0x43
#define PIT_HZ_IN   1193182u
#define PIT_IRQ     0

static volatile uint32_t ticks;
static unsigned hz;
static void (*tick_handler)(void);
static void (*device_tick)(void);

static void pit_tick(struct trap_frame *f)
{
	(void)f;
	ticks++;
	if (device_tick)
		device_tick();
	if (tick_handler)
		tick_handler();
}

void timer_set_tick_handler(void (*fn)(void))
{
	tick_handler = fn;
}

void timer_set_device_tick(void (*fn)(void))
{
	device_tick = fn;
}

void pit_init(unsigned rate)
{
	uint32_t divisor = PIT_HZ_IN / rate;

	hz = rate;
	outb(PIT_CMD, 0x34);            /* channel 0, lo/hi byte, mode 2 (rate generator) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	irq_set_handler(PIT_IRQ, pit_tick);
}

uint32_t timer_ticks(void)
{
	return ticks;
}

unsigned timer_hz(void)
{
	return hz;
}
