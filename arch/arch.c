/* Processor bring-up and the boot-time page tables; see arch/arch.h. */
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "arch/trap.h"

#define BOOT_MAP_BYTES (16u << 20)      /* must match BOOT_MAP_MB in boot/entry.asm */
#define PDE_SHIFT 22

/* Built by boot/entry.asm; the tables are contiguous and map the boot window. */
extern uint32_t boot_page_directory[1024];
extern uint32_t boot_page_tables[BOOT_MAP_BYTES / PAGE_SIZE];

static uint32_t *boot_pte(vaddr_t va)
{
	return &boot_page_tables[(va - KERNEL_BASE) >> PAGE_SHIFT];
}

static void load_cr3(uint32_t pa)
{
	asm volatile("mov %0, %%cr3" : : "r"(pa) : "memory");
}

static uint32_t direct_limit = BOOT_MAP_BYTES;

void *arch_phys_to_virt(paddr_t pa, uint32_t size)
{
	if (pa >= direct_limit || size > direct_limit - pa)
		return NULL;
	return (void *)(pa + KERNEL_BASE);
}

void arch_set_direct_limit(uint32_t bytes)
{
	direct_limit = bytes;
}

void arch_init(void)
{
	gdt_init();
	idt_init();
	pic_init();
	/* The identity alias only served the jump to the upper half; with it gone
	 * a null or low pointer faults. Reloading CR3 flushes the whole TLB. */
	for (uint32_t i = 0; i < BOOT_MAP_BYTES >> PDE_SHIFT; i++)
		boot_page_directory[i] = 0;
	*boot_pte((vaddr_t)boot_stack_guard) = 0;
	load_cr3((uint32_t)boot_page_directory - KERNEL_BASE);
}
