/* Kernel symbol lookup for backtraces, from the ELF .symtab GRUB loads. */
#ifndef KERNEL_KSYM_H
#define KERNEL_KSYM_H

#include <stdint.h>

struct elf32_sym {
	uint32_t st_name, st_value, st_size;
	uint8_t st_info, st_other;
	uint16_t st_shndx;
};

struct ksym_table {
	const struct elf32_sym *syms;
	uint32_t count;
	const char *strtab;
	uint32_t strtab_size;
};

/* The function or object symbol containing addr (or the nearest one below it
 * when sizes are missing) in t; NULL if none. *offset gets addr - its start. */
const char *ksym_find(const struct ksym_table *t, uint32_t addr, uint32_t *offset);

/* Selects the kernel's own table (empty until set). */
void ksym_set_table(const struct ksym_table *t);
/* ksym_find on the kernel's table. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

#endif
