/* Symbol lookup over an ELF32 symbol table; see kernel/rtl/ksym.h. */
#include <stddef.h>
#include "kernel/rtl/ksym.h"

#define STT_OBJECT 1
#define STT_FUNC   2
#define SHN_UNDEF  0

static struct ksym_table kernel_table;

static const char *sym_name(const struct ksym_table *t, const struct elf32_sym *s)
{
	uint32_t i = s->st_name;
	/* The name must be NUL-terminated inside the string table. */
	for (uint32_t j = i; j < t->strtab_size; j++)
		if (t->strtab[j] == '\0')
			return j > i ? &t->strtab[i] : NULL;
	return NULL;
}

static int is_code_or_data(const struct elf32_sym *s)
{
	unsigned type = s->st_info & 0xf;
	return s->st_shndx != SHN_UNDEF && (type == STT_FUNC || type == STT_OBJECT ||
					   type == 0 /* NOTYPE: assembly labels */);
}

/* An assembler's local label ("isr_common.halt", NASM's macro-local
 * "..@12.flat") names a place inside the routine before it, not a routine. */
static int is_local_label(const struct elf32_sym *s, const char *name)
{
	if ((s->st_info & 0xf) != 0)
		return 0;
	while (*name && *name != '.')
		name++;
	return *name == '.';
}

const char *ksym_find(const struct ksym_table *t, uint32_t addr, uint32_t *offset)
{
	const struct elf32_sym *best = NULL;
	const char *name = NULL;

	for (uint32_t i = 0; t && i < t->count; i++) {
		const struct elf32_sym *s = &t->syms[i];
		if (!is_code_or_data(s) || s->st_value > addr)
			continue;
		if (s->st_size && addr - s->st_value >= s->st_size)
			continue;
		/* Prefer the closest start; at equal starts prefer a sized symbol. */
		if (best && (s->st_value < best->st_value ||
			     (s->st_value == best->st_value && !s->st_size)))
			continue;
		const char *n = sym_name(t, s);
		if (n && !is_local_label(s, n)) {
			best = s;
			name = n;
		}
	}
	if (name && offset)
		*offset = addr - best->st_value;
	return name;
}

void ksym_set_table(const struct ksym_table *t)
{
	kernel_table = *t;
}

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
	return ksym_find(&kernel_table, addr, offset);
}
