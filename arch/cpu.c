/* CPU identification and control; see arch/cpu.h. */
#include "arch/cpu.h"
#include "arch/io.h"
#include "arch/serial.h"

struct cpu_info cpu_info;

#define EFLAGS_ID (1u << 21)
#define DEBUG_EXIT_PORT 0xf4
#define BOCHS_SHUTDOWN_PORT 0x8900     /* Bochs: "Shutdown", a byte at a time */

static const struct { uint32_t bit; const char *name; } feature_names[] = {
	{ CPU_FPU, "fpu" }, { CPU_PSE, "pse" }, { CPU_TSC, "tsc" }, { CPU_PGE, "pge" },
	{ CPU_PAE, "pae" }, { CPU_APIC, "apic" }, { CPU_SEP, "sep" }, { CPU_MMX, "mmx" },
	{ CPU_SSE, "sse" }, { CPU_SSE2, "sse2" }, { CPU_NX, "nx" }, { CPU_SMEP, "smep" },
	{ CPU_SMAP, "smap" }, { CPU_RDRAND, "rdrand" }, { CPU_FXSR, "fxsr" },
};

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
		     : "a"(leaf), "c"(sub));
}

/* CPUID exists exactly when software can toggle EFLAGS.ID. */
static bool cpuid_supported(void)
{
	uint32_t before = read_eflags(), after;
	asm volatile("pushfl; xorl %1, (%%esp); popfl; pushfl; popl %0; pushl %2; popfl"
		     : "=r"(after) : "i"(EFLAGS_ID), "r"(before) : "cc");
	return ((before ^ after) & EFLAGS_ID) != 0;
}

static uint32_t map_bits(uint32_t reg, const uint32_t (*map)[2], size_t n)
{
	uint32_t f = 0;
	for (size_t i = 0; i < n; i++)
		if (reg & (1u << map[i][0]))
			f |= map[i][1];
	return f;
}

void cpu_detect(void)
{
	static const uint32_t leaf1_edx[][2] = {
		{ 0, CPU_FPU }, { 3, CPU_PSE }, { 4, CPU_TSC }, { 6, CPU_PAE },
		{ 9, CPU_APIC }, { 11, CPU_SEP }, { 13, CPU_PGE }, { 23, CPU_MMX },
		{ 24, CPU_FXSR }, { 25, CPU_SSE }, { 26, CPU_SSE2 },
	};
	static const uint32_t leaf1_ecx[][2] = { { 30, CPU_RDRAND } };
	static const uint32_t leaf7_ebx[][2] = { { 7, CPU_SMEP }, { 20, CPU_SMAP } };
	uint32_t r[4], max_leaf, max_ext;

	if (!(cpu_info.has_cpuid = cpuid_supported())) {
		__builtin_memcpy(cpu_info.vendor, "i486-nocpuid", 13);
		cpu_info.family = 4;
		return;
	}
	cpuid(0, 0, r);
	max_leaf = r[0];
	__builtin_memcpy(cpu_info.vendor, &r[1], 4);
	__builtin_memcpy(cpu_info.vendor + 4, &r[3], 4);
	__builtin_memcpy(cpu_info.vendor + 8, &r[2], 4);
	cpu_info.vendor[12] = '\0';
	if (max_leaf >= 1) {
		cpuid(1, 0, r);
		cpu_info.stepping = r[0] & 0xf;
		cpu_info.model = (r[0] >> 4) & 0xf;
		cpu_info.family = (r[0] >> 8) & 0xf;
		if (cpu_info.family == 0xf)
			cpu_info.family += (r[0] >> 20) & 0xff;
		if (cpu_info.family >= 6)
			cpu_info.model |= ((r[0] >> 16) & 0xf) << 4;
		cpu_info.features |= map_bits(r[3], leaf1_edx, ARRAY_SIZE(leaf1_edx));
		cpu_info.features |= map_bits(r[2], leaf1_ecx, ARRAY_SIZE(leaf1_ecx));
	}
	if (max_leaf >= 7) {
		cpuid(7, 0, r);
		cpu_info.features |= map_bits(r[1], leaf7_ebx, ARRAY_SIZE(leaf7_ebx));
	}
	cpuid(0x80000000, 0, r);
	max_ext = r[0];
	if (max_ext >= 0x80000001 && max_ext <= 0x8000ffff) {
		cpuid(0x80000001, 0, r);
		if (r[3] & (1u << 20))
			cpu_info.features |= CPU_NX;
	}
}

const char *cpu_feature_name(uint32_t bit)
{
	for (size_t i = 0; i < ARRAY_SIZE(feature_names); i++)
		if (feature_names[i].bit == bit)
			return feature_names[i].name;
	return "?";
}

uint32_t read_cr4(void)
{
	uint32_t v = 0;
	if (cpu_info.has_cpuid)
		asm volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

void write_cr4(uint32_t v)
{
	asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;
	if (!(cpu_info.features & CPU_TSC))
		return 0;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void cpu_halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

static const char *verdict_name(uint8_t status)
{
	switch (status) {
	case EXIT_PASS: return "pass";
	case EXIT_FAIL: return "fail";
	case EXIT_PANIC: return "panic";
	default: return "unknown";
	}
}

static void serial_puts(const char *s)
{
	while (*s)
		serial_putc(*s++);
}

void machine_exit(uint8_t status)
{
	irq_disable();
	serial_puts("vados: exit ");
	serial_puts(verdict_name(status));
	serial_puts("\n");
	serial_drain();
	outb(DEBUG_EXIT_PORT, status);
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*s);
	cpu_halt_forever();
}
