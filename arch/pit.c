/* 8253/8254 PIT channel 0 as the system tick; see arch/trap.h. */
#include "arch/trap.h"
#include "arch/io.h"
#include "arch/cpu.h"

#define PIT_CH0     0x40
#define PIT_CMD     0x43
#define PIT_HZ_IN   1193182u
#define PIT_IRQ     0

static volatile uint32_t ticks;
static unsigned hz;
static uint32_t divisor;             /* input clocks per tick */
static bool tick_from_user;          /* the tick being handled interrupted ring 3 */
static void (*tick_handler)(void);
static void (*device_tick)(void);

static void pit_tick(struct trap_frame *f)
{
	ticks++;
	tick_from_user = trap_from_user(f);
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
	divisor = PIT_HZ_IN / rate;
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

bool timer_tick_from_user(void)
{
	return tick_from_user;
}

/* The tick count times the divisor plus the clocks counted down since the
 * last reload (mode 2 counts divisor .. 1). A reload whose interrupt is
 * still pending counts as the tick it is; the latch is taken between two
 * looks at the pending bit that agree. Never below a value returned
 * before (interrupts off: one CPU). */
uint64_t timer_fine_count(void)
{
	static uint64_t last;
	bool irq = irq_save(), pending;
	uint32_t count;
	uint64_t now;

	do {
		pending = pic_irq_pending(PIT_IRQ);
		outb(PIT_CMD, 0x00);    /* latch channel 0 */
		count = inb(PIT_CH0);
		count |= (uint32_t)inb(PIT_CH0) << 8;
	} while (pending != pic_irq_pending(PIT_IRQ));
	if (count > divisor)
		count = divisor;
	now = (uint64_t)(ticks + pending) * divisor + (divisor - count);
	if (now < last)
		now = last;
	last = now;
	irq_restore(irq);
	return now;
}

uint32_t timer_fine_hz(void)
{
	return hz * divisor;
}
