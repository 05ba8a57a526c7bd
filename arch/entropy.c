/* The entropy source; see arch/entropy.h. */
#include "arch/entropy.h"
#include "arch/cpu.h"
#include "arch/io.h"

#define RDRAND_TRIES 10         /* Intel's advice: retry a few times, then give up */
#define JITTER_SAMPLES 8
#define PIT_COMMAND 0x43
#define PIT_CHANNEL0 0x40

static uint64_t pool = 0x243f6a8885a308d3ull;   /* any start: the samples make it */

/* SplitMix64's finalizer: every input bit reaches every output bit. */
static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static bool rdrand(uint32_t *out)
{
	for (int i = 0; i < RDRAND_TRIES; i++) {
		uint8_t ok;
		asm volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

/* Channel 0's running count (latched): it ticks at 1.19 MHz whatever the CPU. */
static uint16_t pit_count(void)
{
	bool irq = irq_save();
	uint16_t lo, hi;

	outb(PIT_COMMAND, 0x00);
	lo = inb(PIT_CHANNEL0);
	hi = inb(PIT_CHANNEL0);
	irq_restore(irq);
	return (uint16_t)(hi << 8 | lo);
}

/* One timing sample: how long a loop whose length depends on the last
 * sample takes, in TSC cycles (caches, interrupts, the emulator's host all
 * move it), with the PIT's count. */
static uint64_t jitter(void)
{
	uint64_t t0 = cpu_rdtsc();
	volatile uint32_t x = (uint32_t)pool;

	for (uint32_t i = 0; i < 64 + (pool & 63); i++)
		x = x * 31 + i;
	return (cpu_rdtsc() - t0) << 16 ^ t0 ^ pit_count() ^ x;
}

uint32_t arch_random(void)
{
	uint32_t r;

	if ((cpu_info.features & CPU_RDRAND) && rdrand(&r)) {
		pool = mix(pool ^ r);
	} else {
		for (int i = 0; i < JITTER_SAMPLES; i++)
			pool = mix(pool ^ jitter());
	}
	pool = mix(pool + 0x9e3779b97f4a7c15ull);
	return (uint32_t)(pool >> 32);
}

const char *arch_random_source(void)
{
	if (cpu_info.features & CPU_RDRAND)
		return "rdrand";
	return cpu_info.features & CPU_TSC ? "tsc jitter" : "pit jitter";
}
