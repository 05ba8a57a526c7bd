/* GDT and TSS setup; see arch/gdt.h. */
#include "arch/gdt.h"
#include "arch/cpu.h"

#define ACC_PRESENT 0x80
#define ACC_RING3   0x60
#define ACC_CODE    0x1a        /* code segment, readable */
#define ACC_DATA    0x12        /* data segment, writable */
#define ACC_TSS     0x09        /* 32-bit available TSS */
#define GRAN_4K_32  0xc0        /* 4 KiB granularity, 32-bit default size */
#define GRAN_BYTE_32 0x40       /* byte granularity, 32-bit */
#define TEB_LIMIT   0xfff       /* a TEB is one page */
#define DF_STACK_SIZE 8192

struct gdt_entry {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, gran, base_hi;
} __attribute__((packed));

struct tss kernel_tss;
static struct tss df_tss;
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));
static struct gdt_entry gdt[8];

extern void trap_double_fault_entry(void);

static void set_entry(unsigned i, uint32_t base, uint32_t limit, uint8_t access,
		      uint8_t gran)
{
	gdt[i] = (struct gdt_entry){
		.limit_lo = limit & 0xffff,
		.base_lo = base & 0xffff,
		.base_mid = (base >> 16) & 0xff,
		.access = access,
		.gran = gran | ((limit >> 16) & 0x0f),
		.base_hi = base >> 24,
	};
}

static void df_task_init(void)
{
	df_tss = (struct tss){
		.esp = (uint32_t)(df_stack + DF_STACK_SIZE),
		.esp0 = (uint32_t)(df_stack + DF_STACK_SIZE),
		.ss = SEL_KDATA, .ss0 = SEL_KDATA,
		.cs = SEL_KCODE,
		.ds = SEL_KDATA, .es = SEL_KDATA, .fs = SEL_KDATA, .gs = SEL_KDATA,
		.eip = (uint32_t)trap_double_fault_entry,
		.eflags = 0x2,                  /* interrupts off */
		.cr3 = read_cr3(),
		.iomap_base = sizeof(struct tss),
	};
}

void gdt_set_double_fault_cr3(paddr_t pd)
{
	df_tss.cr3 = pd;
}

void gdt_init(void)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr;

	set_entry(1, 0, 0xfffff, ACC_PRESENT | ACC_CODE, GRAN_4K_32);
	set_entry(2, 0, 0xfffff, ACC_PRESENT | ACC_DATA, GRAN_4K_32);
	set_entry(3, 0, 0xfffff, ACC_PRESENT | ACC_RING3 | ACC_CODE, GRAN_4K_32);
	set_entry(4, 0, 0xfffff, ACC_PRESENT | ACC_RING3 | ACC_DATA, GRAN_4K_32);
	kernel_tss = (struct tss){ .ss0 = SEL_KDATA, .iomap_base = sizeof(struct tss) };
	set_entry(5, (uint32_t)&kernel_tss, sizeof(struct tss) - 1,
		  ACC_PRESENT | ACC_TSS, 0);
	df_task_init();
	set_entry(6, (uint32_t)&df_tss, sizeof(struct tss) - 1, ACC_PRESENT | ACC_TSS, 0);
	set_entry(SEL_UTEB >> 3, 0, TEB_LIMIT, ACC_PRESENT | ACC_RING3 | ACC_DATA, GRAN_BYTE_32);

	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (uint32_t)gdt;
	asm volatile("lgdt %0\n\t"
		     "ljmp %1, $1f\n"
		     "1:\n\t"
		     "movw %w2, %%ax\n\t"
		     "movw %%ax, %%ds\n\tmovw %%ax, %%es\n\tmovw %%ax, %%ss\n\t"
		     "movw %%ax, %%fs\n\tmovw %%ax, %%gs\n\t"
		     "ltr %w3"
		     : : "m"(gdtr), "i"(SEL_KCODE), "r"((uint32_t)SEL_KDATA),
		       "r"((uint32_t)SEL_TSS) : "eax", "memory");
}

void gdt_set_teb(vaddr_t teb)
{
	set_entry(SEL_UTEB >> 3, teb, TEB_LIMIT, ACC_PRESENT | ACC_RING3 | ACC_DATA, GRAN_BYTE_32);
	asm volatile("movw %w0, %%fs" : : "r"((uint32_t)SEL_UTEB) : "memory");
}
