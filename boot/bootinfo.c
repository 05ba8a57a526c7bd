/* Multiboot2 information -> struct boot_info. The only code that reads multiboot2. */
#include <stdbool.h>
#include "boot/bootinfo.h"
#include "boot/multiboot2.h"
#include "kernel/rtl/string.h"

static void copy_string(char *dst, uint32_t cap, const char *src, uint32_t avail,
			struct boot_info *bi, uint32_t trunc_bit)
{
	uint32_t n = 0;
	while (n < avail && src[n] != '\0')
		n++;
	if (n >= cap) {
		n = cap - 1;
		bi->truncated |= trunc_bit;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static uint32_t type_rank(uint32_t type)
{
	switch (type) {
	case BOOT_MEM_USABLE: return 0;
	case BOOT_MEM_ACPI_RECLAIM: return 2;
	case BOOT_MEM_ACPI_NVS: return 3;
	case BOOT_MEM_BAD: return 4;
	default: return 1;              /* reserved and types we do not know */
	}
}

static void sort_u64(uint64_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		uint32_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The highest-ranked region covering [lo, hi), or NULL when none does. */
static const struct boot_mem_region *covering(const struct boot_mem_region *r,
					      uint32_t n, uint64_t lo, uint64_t hi)
{
	const struct boot_mem_region *best = NULL;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t end = r[i].base + r[i].length;
		if (r[i].base <= lo && end >= hi &&
		    (!best || type_rank(r[i].type) > type_rank(best->type)))
			best = &r[i];
	}
	return best;
}

uint32_t bootinfo_normalize_mmap(struct boot_mem_region *regions, uint32_t n,
				 uint32_t max, bool *truncated)
{
	uint64_t points[2 * BOOT_MMAP_MAX];
	struct boot_mem_region out[BOOT_MMAP_MAX];
	uint32_t np = 0, nout = 0;

	if (n > BOOT_MMAP_MAX)
		n = BOOT_MMAP_MAX;
	if (max > BOOT_MMAP_MAX)
		max = BOOT_MMAP_MAX;
	for (uint32_t i = 0; i < n; i++) {
		if (regions[i].base + regions[i].length < regions[i].base)
			regions[i].length = UINT64_MAX - regions[i].base;  /* wraps: clip */
		if (regions[i].length == 0)
			continue;
		points[np++] = regions[i].base;
		points[np++] = regions[i].base + regions[i].length;
	}
	sort_u64(points, np);
	for (uint32_t i = 0; i + 1 < np; i++) {
		uint64_t lo = points[i], hi = points[i + 1];
		const struct boot_mem_region *c;
		if (lo == hi || (c = covering(regions, n, lo, hi)) == NULL)
			continue;
		if (nout > 0 && out[nout - 1].type == c->type &&
		    out[nout - 1].base + out[nout - 1].length == lo) {
			out[nout - 1].length += hi - lo;
		} else if (nout < max) {
			out[nout++] = (struct boot_mem_region){ lo, hi - lo, c->type };
		} else if (truncated) {
			*truncated = true;
		}
	}
	memcpy(regions, out, nout * sizeof(out[0]));
	return nout;
}

static void parse_mmap(struct boot_info *bi, const struct mb2_tag_mmap *t)
{
	const uint8_t *p = (const uint8_t *)(t + 1);
	const uint8_t *end = (const uint8_t *)t + t->size;
	uint32_t raw = 0;

	if (t->entry_size < sizeof(struct mb2_mmap_entry)) {
		bi->error = "memory map entry size too small";
		return;
	}
	/* Compare lengths, not pointers: p + entry_size may wrap on i386. */
	for (; (uint32_t)(end - p) >= t->entry_size; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;
		if (raw == BOOT_MMAP_MAX) {
			bi->truncated |= BOOT_TRUNC_MMAP;
			break;
		}
		bi->mmap[raw++] = (struct boot_mem_region){ e->base, e->length, e->type };
	}
	bool lost = false;
	bi->mmap_count = bootinfo_normalize_mmap(bi->mmap, raw, BOOT_MMAP_MAX, &lost);
	if (lost)
		bi->truncated |= BOOT_TRUNC_MMAP;
}

static void parse_module(struct boot_info *bi, const struct mb2_tag_module *t)
{
	struct boot_module *m;

	if (t->size < sizeof(*t) || t->mod_end < t->mod_start) {
		bi->error = "malformed module tag";
		return;
	}
	if (bi->module_count == BOOT_MODULES_MAX) {
		bi->truncated |= BOOT_TRUNC_MODULES;
		return;
	}
	m = &bi->modules[bi->module_count++];
	m->start = t->mod_start;
	m->end = t->mod_end;
	copy_string(m->name, sizeof(m->name), t->string, t->size - sizeof(*t), bi,
		    BOOT_TRUNC_MODNAME);
}

static void parse_elf_sections(struct boot_info *bi,
			       const struct mb2_tag_elf_sections *t)
{
	const uint8_t *sh = (const uint8_t *)(t + 1);
	uint32_t room = t->size - sizeof(*t);

	if (t->size < sizeof(*t) || t->entsize < sizeof(struct elf32_shdr) ||
	    (uint64_t)t->num * t->entsize > room) {
		bi->error = "malformed ELF sections tag";
		return;
	}
	for (uint32_t i = 0; i < t->num; i++) {
		const struct elf32_shdr *s = (const void *)(sh + i * t->entsize);
		const struct elf32_shdr *str;
		if (s->sh_type != ELF_SHT_SYMTAB || s->sh_link >= t->num)
			continue;
		str = (const void *)(sh + s->sh_link * t->entsize);
		bi->symtab_phys = s->sh_addr;
		bi->symtab_size = s->sh_size;
		bi->strtab_phys = str->sh_addr;
		bi->strtab_size = str->sh_size;
		return;
	}
}

static void parse_tag(struct boot_info *bi, const struct mb2_tag *tag)
{
	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		copy_string(bi->cmdline, sizeof(bi->cmdline),
			    ((const struct mb2_tag_string *)tag)->string,
			    tag->size - sizeof(*tag), bi, BOOT_TRUNC_CMDLINE);
		break;
	case MB2_TAG_MODULE:
		parse_module(bi, (const void *)tag);
		break;
	case MB2_TAG_BASIC_MEMINFO:
		if (tag->size >= sizeof(struct mb2_tag_meminfo)) {
			bi->mem_lower_kb = ((const struct mb2_tag_meminfo *)tag)->mem_lower;
			bi->mem_upper_kb = ((const struct mb2_tag_meminfo *)tag)->mem_upper;
		}
		break;
	case MB2_TAG_MMAP:
		if (tag->size >= sizeof(struct mb2_tag_mmap))
			parse_mmap(bi, (const void *)tag);
		break;
	case MB2_TAG_ELF_SECTIONS:
		if (tag->size >= sizeof(struct mb2_tag_elf_sections))
			parse_elf_sections(bi, (const void *)tag);
		break;
	default:
		break;                  /* tags we did not ask for are skipped */
	}
}

void bootinfo_parse(struct boot_info *bi, uint32_t magic, const void *mbi,
		    uint32_t mbi_phys)
{
	const uint8_t *base = mbi, *p, *end;
	uint32_t total;

	memset(bi, 0, sizeof(*bi));
	if (magic != MB2_BOOTLOADER_MAGIC) {
		bi->error = "not booted by a multiboot2 loader (bad magic)";
		return;
	}
	if (!mbi) {
		bi->error = "multiboot2 info lies outside the boot mapping";
		return;
	}
	total = ((const struct mb2_info_header *)mbi)->total_size;
	if (total < sizeof(struct mb2_info_header) + sizeof(struct mb2_tag)) {
		bi->error = "multiboot2 info too small";
		return;
	}
	bi->mbi_start = mbi_phys;
	bi->mbi_end = mbi_phys + total;
	end = base + total;
	for (p = base + sizeof(struct mb2_info_header);;) {
		const struct mb2_tag *tag = (const void *)p;
		if (p + sizeof(*tag) > end || tag->size < sizeof(*tag) ||
		    tag->size > (uint32_t)(end - p)) {
			bi->error = "multiboot2 tag runs past the end of the info";
			return;
		}
		if (tag->type == MB2_TAG_END)
			return;
		parse_tag(bi, tag);
		if (bi->error)
			return;
		p += (tag->size + 7) & ~7u;
	}
}
