/* Segments: flat ring-0 and ring-3 code/data, the kernel TSS and the
 * double-fault task. */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include "arch/types.h"

#define SEL_KCODE   0x08
#define SEL_KDATA   0x10
#define SEL_UCODE   0x1b        /* RPL 3 */
#define SEL_UDATA   0x23        /* RPL 3 */
#define SEL_TSS     0x28
#define SEL_DF_TSS  0x30
#define SEL_UTEB    0x3b        /* RPL 3: FS in ring 3, based at the running thread's TEB (NT's KGDT_R3_TEB) */

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/* The TSS the CPU saves the interrupted context into on a double fault. */
extern struct tss kernel_tss;

/* Loads the GDT and the task register; prepares the double-fault task to run on
 * its own stack with the current page directory. */
void gdt_init(void);
/* The page directory the double-fault task runs on: it must map everything a
 * panic report reads (set to the kernel's directory once mm has built it). */
void gdt_set_double_fault_cr3(paddr_t pd);
/* Bases SEL_UTEB at teb (the next thread's TEB) and reloads FS with it, so
 * the descriptor cache holds the new base: a trap's return finds FS already
 * equal to the frame's SEL_UTEB and would not reload it. Interrupts off. */
void gdt_set_teb(vaddr_t teb);

#endif
