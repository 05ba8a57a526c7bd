/* From the boot stub to the kernel: parse the loader's information, hand it up. */
#include "boot/bootinfo.h"
#include "arch/arch.h"

static struct boot_info boot_info;

/* Called by boot/entry.asm on the boot stack, paging on, interrupts off. */
void boot_main(uint32_t magic, uint32_t mbi_phys)
{
	const uint32_t *size = arch_phys_to_virt(mbi_phys, 8);
	const void *mbi = size ? arch_phys_to_virt(mbi_phys, *size) : NULL;

	bootinfo_parse(&boot_info, magic, mbi, mbi_phys);
	kernel_main(&boot_info);
}
