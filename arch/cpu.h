/* CPU control: feature detection, control registers, interrupts, halting. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "arch/types.h"

enum cpu_feature {               /* bits of cpu_info.features */
	CPU_FPU = 1u << 0,
	CPU_PSE = 1u << 1,
	CPU_TSC = 1u << 2,
	CPU_PGE = 1u << 3,
	CPU_PAE = 1u << 4,
	CPU_APIC = 1u << 5,
	CPU_SEP = 1u << 6,
	CPU_MMX = 1u << 7,
	CPU_SSE = 1u << 8,
	CPU_SSE2 = 1u << 9,
	CPU_NX = 1u << 10,
	CPU_SMEP = 1u << 11,
	CPU_SMAP = 1u << 12,
	CPU_RDRAND = 1u << 13,
	CPU_FXSR = 1u << 14,
	CPU_FEATURE_LAST = CPU_FXSR,
};

struct cpu_info {
	bool has_cpuid;
	char vendor[13];
	uint32_t family, model, stepping;
	uint32_t features;               /* enum cpu_feature bits */
};

extern struct cpu_info cpu_info;

/* Fills cpu_info from CPUID (or notes a pre-CPUID i486). Call once at boot. */
void cpu_detect(void);
/* The name of one enum cpu_feature bit, e.g. "pge". */
const char *cpu_feature_name(uint32_t bit);

static inline uint32_t read_cr0(void) { uint32_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
/* CR4 does not exist on CPUs without CPUID (early i486): reads as 0 there. */
uint32_t read_cr4(void);
/* Loads CR4 (only on a CPU with CPUID, which read_cr4 reads). */
void write_cr4(uint32_t v);
static inline uint32_t read_eflags(void) { uint32_t v; asm volatile("pushfl; popl %0" : "=r"(v)); return v; }

static inline void irq_enable(void) { asm volatile("sti" ::: "memory"); }
static inline void irq_disable(void) { asm volatile("cli" ::: "memory"); }
/* Disables interrupts and returns whether they were on, for irq_restore. */
static inline bool irq_save(void)
{
	bool on = (read_eflags() & (1u << 9)) != 0;
	irq_disable();
	return on;
}
static inline void irq_restore(bool on) { if (on) irq_enable(); }
static inline void cpu_relax_until_irq(void) { asm volatile("sti; hlt" ::: "memory"); }
static inline void invlpg(vaddr_t va) { asm volatile("invlpg (%0)" : : "r"(va) : "memory"); }

/* Time-stamp counter; 0 when the CPU has none. */
uint64_t cpu_rdtsc(void);

/* Stops this CPU for good, interrupts off. */
__attribute__((noreturn)) void cpu_halt_forever(void);

/* machine_exit's statuses: QEMU's isa-debug-exit makes QEMU's own exit status
 * (code << 1) | 1. */
enum vados_exit {
	EXIT_PASS = 0x10,       /* status 33 */
	EXIT_FAIL = 0x11,       /* status 35 */
	EXIT_PANIC = 0x12,      /* status 37 */
};

/* Leaves the machine with status: prints the verdict line "vados: exit
 * pass|fail|panic" on the serial port (what runners without an exit device
 * read), then exits QEMU through isa-debug-exit when present, else powers
 * Bochs off through its shutdown port, else halts. */
__attribute__((noreturn)) void machine_exit(uint8_t status);

#endif
