/* The one structure boot/ hands up: everything the kernel learns from the loader.
 * It holds copies, never pointers into multiboot2 memory. */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>

#define BOOT_CMDLINE_MAX  512
#define BOOT_MMAP_MAX     64
#define BOOT_MODULES_MAX  256
#define BOOT_MODNAME_MAX  64

enum boot_mem_type {            /* multiboot2 / E820 numbering; BAD outranks all */
	BOOT_MEM_USABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI_RECLAIM = 3,
	BOOT_MEM_ACPI_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_mem_region {
	uint64_t base;
	uint64_t length;
	uint32_t type;                  /* enum boot_mem_type */
};

struct boot_module {
	uint32_t start;                 /* physical, inclusive */
	uint32_t end;                   /* physical, exclusive */
	char name[BOOT_MODNAME_MAX];    /* the module's multiboot2 string */
};

enum boot_truncated {           /* bits of boot_info.truncated */
	BOOT_TRUNC_CMDLINE = 1,
	BOOT_TRUNC_MMAP = 2,
	BOOT_TRUNC_MODULES = 4,
	BOOT_TRUNC_MODNAME = 8,
};

struct boot_info {
	const char *error;              /* NULL when the loader's data parsed cleanly */
	uint32_t truncated;             /* enum boot_truncated bits */
	uint32_t mbi_start, mbi_end;    /* physical extent of the multiboot2 info */
	char cmdline[BOOT_CMDLINE_MAX];
	uint32_t mem_lower_kb, mem_upper_kb;
	uint32_t mmap_count;            /* sorted by base, merged, no overlaps */
	struct boot_mem_region mmap[BOOT_MMAP_MAX];
	uint32_t module_count;
	struct boot_module modules[BOOT_MODULES_MAX];
	uint32_t symtab_phys, symtab_size;  /* the kernel's .symtab as loaded by GRUB */
	uint32_t strtab_phys, strtab_size;  /* the string table it links to */
};

/* Parses the multiboot2 information at mbi (mapped, or NULL when it could not
 * be; physical address mbi_phys) into bi. On malformed input bi->error says why and the fields parsed so far
 * stay valid. Pure: reads only mbi[0 .. its total_size). */
void bootinfo_parse(struct boot_info *bi, uint32_t magic, const void *mbi,
		    uint32_t mbi_phys);

/* Sorts regions[0..n) by base and makes them disjoint: where regions overlap the
 * higher-ranked type wins (BAD > NVS > ACPI > RESERVED and unknown types >
 * USABLE), adjacent regions of one type merge, empty ones vanish. Returns the new
 * count (<= max); sets *truncated (if non-NULL) when regions beyond max were lost. */
uint32_t bootinfo_normalize_mmap(struct boot_mem_region *regions, uint32_t n,
				 uint32_t max, bool *truncated);

/* The kernel's entry, called by boot_main once bi is filled. */
void kernel_main(const struct boot_info *bi);

#endif
