/* Host unit tests for boot/bootinfo.c: multiboot2 info parsing on synthetic
 * blobs, and memory-map normalization. Each blob is handed to the parser in a
 * heap copy of exactly total_size bytes, so ASan reports any read past it. */
#include <stdint.h>
#include <stdlib.h>
#include "boot/bootinfo.h"
#include "boot/multiboot2.h"

#include "tests/host/check.h"

#define PHYS 0x10000u                   /* where the info "lives" */
#define PAD_BYTE 0xee                   /* tag padding: never part of a tag */

/* ---- building multiboot2 info --------------------------------------------- */

struct mbi {
	uint64_t words[2048];           /* 8-byte aligned, as the loader's is */
	uint32_t len;                   /* bytes used */
};

static uint8_t *mbi_at(struct mbi *m, uint32_t off)
{
	return (uint8_t *)m->words + off;
}

static void mbi_init(struct mbi *m)
{
	memset(m, 0, sizeof(*m));
	m->len = sizeof(struct mb2_info_header);
}

static void put(struct mbi *m, const void *data, uint32_t n)
{
	memcpy(mbi_at(m, m->len), data, n);
	m->len += n;
}

static void put_u32(struct mbi *m, uint32_t v)
{
	put(m, &v, sizeof(v));
}

/* Starts a tag; tag_end fills in its size and pads to 8 bytes. */
static uint32_t tag_begin(struct mbi *m, uint32_t type)
{
	uint32_t off = m->len;

	put_u32(m, type);
	put_u32(m, 0);
	return off;
}

static struct mb2_tag *tag_at(struct mbi *m, uint32_t off)
{
	return (struct mb2_tag *)mbi_at(m, off);
}

static void tag_end(struct mbi *m, uint32_t off)
{
	tag_at(m, off)->size = m->len - off;
	while (m->len % 8)
		*mbi_at(m, m->len++) = PAD_BYTE;
}

static void set_total(struct mbi *m, uint32_t total)
{
	((struct mb2_info_header *)m->words)->total_size = total;
}

/* Adds the end tag and sets total_size. */
static void mbi_finish(struct mbi *m)
{
	tag_end(m, tag_begin(m, MB2_TAG_END));
	set_total(m, m->len);
}

/* A tag with a raw body of n bytes. */
static uint32_t add_raw(struct mbi *m, uint32_t type, const void *body, uint32_t n)
{
	uint32_t off = tag_begin(m, type);

	put(m, body, n);
	tag_end(m, off);
	return off;
}

static uint32_t add_cmdline(struct mbi *m, const char *s)
{
	return add_raw(m, MB2_TAG_CMDLINE, s, strlen(s) + 1);
}

static uint32_t add_module(struct mbi *m, uint32_t start, uint32_t end, const char *name)
{
	uint32_t off = tag_begin(m, MB2_TAG_MODULE);

	put_u32(m, start);
	put_u32(m, end);
	put(m, name, strlen(name) + 1);
	tag_end(m, off);
	return off;
}

static void add_meminfo(struct mbi *m, uint32_t lower, uint32_t upper)
{
	uint32_t off = tag_begin(m, MB2_TAG_BASIC_MEMINFO);

	put_u32(m, lower);
	put_u32(m, upper);
	tag_end(m, off);
}

/* A memory map of n entries, each entry_size bytes (the part past the 24-byte
 * entry filled with PAD_BYTE). */
static uint32_t add_mmap(struct mbi *m, uint32_t entry_size,
			 const struct boot_mem_region *r, uint32_t n)
{
	uint32_t off = tag_begin(m, MB2_TAG_MMAP);

	put_u32(m, entry_size);
	put_u32(m, 0);                          /* entry_version */
	for (uint32_t i = 0; i < n; i++) {
		struct mb2_mmap_entry e = { r[i].base, r[i].length, r[i].type, 0 };
		put(m, &e, sizeof(e));
		for (uint32_t pad = sizeof(e); pad < entry_size; pad++)
			*mbi_at(m, m->len++) = PAD_BYTE;
	}
	tag_end(m, off);
	return off;
}

/* An ELF sections tag with num headers of entsize bytes, of which only the
 * first `present` are written (present < num makes the tag too short). */
static uint32_t add_elf_sections(struct mbi *m, const struct elf32_shdr *sh, uint32_t num,
				 uint32_t present, uint32_t entsize)
{
	uint32_t off = tag_begin(m, MB2_TAG_ELF_SECTIONS);

	put_u32(m, num);
	put_u32(m, entsize);
	put_u32(m, 0);                          /* shndx */
	for (uint32_t i = 0; i < present; i++) {
		uint32_t n = entsize < sizeof(sh[i]) ? entsize : sizeof(sh[i]);
		put(m, &sh[i], n);
		for (; n < entsize; n++)
			*mbi_at(m, m->len++) = PAD_BYTE;
	}
	tag_end(m, off);
	return off;
}

/* Parses m from an exact-size heap copy (at least the 8-byte header). */
static void parse(struct boot_info *bi, struct mbi *m)
{
	uint32_t total = ((struct mb2_info_header *)m->words)->total_size;
	size_t size = total < 8 ? 8 : total;
	void *copy = malloc(size);

	memcpy(copy, m->words, size);
	memset(bi, 0x5a, sizeof(*bi));          /* the parser must clear it */
	bootinfo_parse(bi, MB2_BOOTLOADER_MAGIC, copy, PHYS);
	free(copy);
}

/* "base+length:type" for each region, in hex, for readable comparisons. */
static const char *regions_str(const struct boot_mem_region *r, uint32_t n)
{
	static char buf[4096];
	size_t len = 0;

	buf[0] = '\0';
	for (uint32_t i = 0; i < n && len < sizeof(buf); i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%llx+%llx:%u",
				i ? " " : "", (unsigned long long)r[i].base,
				(unsigned long long)r[i].length, r[i].type);
	return buf;
}

#define CHECK_MMAP(bi, expect) CHECK_STR(regions_str((bi).mmap, (bi).mmap_count), expect)

#define REGION(base, len, type) { (base), (len), (type) }
#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

/* Parses an info holding just a memory map of the given regions. */
static void parse_mmap_of(struct boot_info *bi, uint32_t entry_size,
			  const struct boot_mem_region *r, uint32_t n)
{
	static struct mbi m;

	mbi_init(&m);
	add_mmap(&m, entry_size, r, n);
	mbi_finish(&m);
	parse(bi, &m);
}

/* ---- entry checks ---------------------------------------------------------- */

TEST(bad_magic_is_error)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "test=x");
	mbi_finish(&m);
	memset(&bi, 0x5a, sizeof(bi));
	bootinfo_parse(&bi, 0x2badb002u, m.words, PHYS);
	CHECK(bi.error != NULL);
	CHECK_STR(bi.cmdline, "");
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_EQ_U(bi.mmap_count, 0);
	CHECK_EQ_U(bi.module_count, 0);
}

TEST(null_mbi_with_good_magic_is_error)
{
	struct boot_info bi;

	memset(&bi, 0x5a, sizeof(bi));
	bootinfo_parse(&bi, MB2_BOOTLOADER_MAGIC, NULL, PHYS);
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.mbi_start, 0);
	CHECK_EQ_U(bi.mbi_end, 0);
	CHECK_STR(bi.cmdline, "");
}

TEST(minimal_info_parses_clean)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_STR(bi.cmdline, "");
	CHECK_EQ_U(bi.mmap_count, 0);
	CHECK_EQ_U(bi.module_count, 0);
	CHECK_EQ_U(bi.symtab_phys, 0);
}

TEST(mbi_extent_recorded)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "x");
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.mbi_start, PHYS);
	CHECK_EQ_U(bi.mbi_end, PHYS + m.len);
	CHECK_EQ_U(m.len, 32);                  /* header 8, cmdline 16, end 8 */
}

/* ---- malformed info ------------------------------------------------------- */

TEST(total_size_too_small_is_error)
{
	static const uint32_t totals[] = { 0, 4, 8, 15 };

	for (uint32_t i = 0; i < COUNT(totals); i++) {
		struct mbi m;
		struct boot_info bi;

		mbi_init(&m);
		mbi_finish(&m);
		set_total(&m, totals[i]);
		parse(&bi, &m);
		CHECK(bi.error != NULL);
	}
}

TEST(tag_past_total_size_is_error)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "hello");               /* tag at 8, size 14 */
	mbi_finish(&m);
	set_total(&m, 20);                      /* cuts the tag: only 12 bytes left */
	parse(&bi, &m);
	CHECK(bi.error != NULL);
	CHECK_STR(bi.cmdline, "");
}

TEST(huge_tag_size_is_error)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t off;

	mbi_init(&m);
	off = add_cmdline(&m, "hello");
	mbi_finish(&m);
	tag_at(&m, off)->size = 0xfffffff0u;
	parse(&bi, &m);
	CHECK(bi.error != NULL);
}

TEST(tag_size_below_header_is_error)
{
	static const uint32_t sizes[] = { 0, 4, 7 };

	for (uint32_t i = 0; i < COUNT(sizes); i++) {
		struct mbi m;
		struct boot_info bi;
		uint32_t off;

		mbi_init(&m);
		off = add_raw(&m, 42, "abcdefgh", 8);
		mbi_finish(&m);
		tag_at(&m, off)->size = sizes[i];
		parse(&bi, &m);
		CHECK(bi.error != NULL);
	}
}

TEST(missing_end_tag_is_error)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "no end");
	set_total(&m, m.len);                   /* ends right after the cmdline tag */
	parse(&bi, &m);
	CHECK(bi.error != NULL);
	CHECK_STR(bi.cmdline, "no end");        /* what parsed before stays */
}

TEST(unknown_tags_skipped)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_raw(&m, 21, "\x00\x00\x10\x00", 4);    /* load base address */
	add_raw(&m, 99, "some unknown payload", 20);
	add_raw(&m, 2, "GRUB 2.12", 10);           /* boot loader name */
	add_cmdline(&m, "after");
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_STR(bi.cmdline, "after");
}

TEST(error_keeps_fields_parsed_before)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "keep me");
	add_module(&m, 0x200000, 0x201000, "ok");
	add_module(&m, 0x300000, 0x2fffff, "backwards");
	add_meminfo(&m, 639, 1000);             /* after the error: not reached */
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error != NULL);
	CHECK_STR(bi.cmdline, "keep me");
	CHECK_EQ_U(bi.module_count, 1);
	CHECK_STR(bi.modules[0].name, "ok");
	CHECK_EQ_U(bi.mem_upper_kb, 0);
}

/* ---- cmdline -------------------------------------------------------------- */

TEST(cmdline_copied)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "test=page_fault panic=exit");
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_STR(bi.cmdline, "test=page_fault panic=exit");
}

TEST(cmdline_empty_tag)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_raw(&m, MB2_TAG_CMDLINE, "", 0);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_STR(bi.cmdline, "");
}

TEST(cmdline_unterminated_stops_at_tag_end)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_raw(&m, MB2_TAG_CMDLINE, "abc", 3); /* no NUL; padding follows */
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_STR(bi.cmdline, "abc");
	CHECK_EQ_U(bi.truncated, 0);
}

/* Parses a cmdline of n 'c' characters. */
static void parse_long_cmdline(struct boot_info *bi, uint32_t n)
{
	static struct mbi m;
	char *s = malloc(n + 1);

	memset(s, 'c', n);
	s[n] = '\0';
	mbi_init(&m);
	add_cmdline(&m, s);
	mbi_finish(&m);
	parse(bi, &m);
	free(s);
}

TEST(cmdline_longest_fits)
{
	struct boot_info bi;

	parse_long_cmdline(&bi, BOOT_CMDLINE_MAX - 1);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_EQ_U(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
}

TEST(cmdline_too_long_truncated)
{
	static const uint32_t lengths[] = { BOOT_CMDLINE_MAX, BOOT_CMDLINE_MAX + 200 };

	for (uint32_t i = 0; i < COUNT(lengths); i++) {
		struct boot_info bi;

		parse_long_cmdline(&bi, lengths[i]);
		CHECK(bi.error == NULL);
		CHECK_EQ_U(bi.truncated, BOOT_TRUNC_CMDLINE);
		CHECK_EQ_U(bi.cmdline[BOOT_CMDLINE_MAX - 1], '\0');
		CHECK_EQ_U(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
		CHECK_EQ_U(bi.cmdline[0], 'c');
	}
}

/* ---- modules -------------------------------------------------------------- */

TEST(modules_copied)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_module(&m, 0x200000, 0x201234, "/boot/initrd");
	add_module(&m, 0x300000, 0x300000, "empty one");
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.module_count, 2);
	CHECK_EQ_U(bi.modules[0].start, 0x200000);
	CHECK_EQ_U(bi.modules[0].end, 0x201234);
	CHECK_STR(bi.modules[0].name, "/boot/initrd");
	CHECK_EQ_U(bi.modules[1].start, 0x300000);
	CHECK_EQ_U(bi.modules[1].end, 0x300000);
	CHECK_STR(bi.modules[1].name, "empty one");
	CHECK_EQ_U(bi.truncated, 0);
}

TEST(too_many_modules_truncated)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	for (uint32_t i = 0; i < BOOT_MODULES_MAX + 3; i++) {
		char name[16];
		snprintf(name, sizeof(name), "mod%u", i);
		add_module(&m, 0x100000 * (i + 1), 0x100000 * (i + 1) + 0x10, name);
	}
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.module_count, BOOT_MODULES_MAX);
	CHECK_EQ_U(bi.truncated, BOOT_TRUNC_MODULES);
	char last[16];
	snprintf(last, sizeof(last), "mod%u", BOOT_MODULES_MAX - 1);
	CHECK_STR(bi.modules[BOOT_MODULES_MAX - 1].name, last);
	CHECK_EQ_U(bi.modules[BOOT_MODULES_MAX - 1].start, 0x100000u * BOOT_MODULES_MAX);
}

TEST(module_end_before_start_is_error)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_module(&m, 0x200000, 0x1fffff, "bad");
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.module_count, 0);
}

TEST(module_tag_too_short_is_error)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t start = 0x200000;

	mbi_init(&m);
	add_raw(&m, MB2_TAG_MODULE, &start, sizeof(start));    /* no mod_end */
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.module_count, 0);
}

TEST(module_name_too_long_truncated)
{
	struct mbi m;
	struct boot_info bi;
	char name[BOOT_MODNAME_MAX + 20];

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	mbi_init(&m);
	add_module(&m, 0x200000, 0x200100, name);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.module_count, 1);
	CHECK_EQ_U(bi.truncated, BOOT_TRUNC_MODNAME);
	CHECK_EQ_U(strlen(bi.modules[0].name), BOOT_MODNAME_MAX - 1);
}

TEST(module_name_unterminated_stops_at_tag_end)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t off;

	mbi_init(&m);
	off = tag_begin(&m, MB2_TAG_MODULE);
	put_u32(&m, 0x200000);
	put_u32(&m, 0x200010);
	put(&m, "xyz", 3);
	tag_end(&m, off);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_STR(bi.modules[0].name, "xyz");
}

/* ---- basic meminfo -------------------------------------------------------- */

TEST(basic_meminfo)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_meminfo(&m, 639, 130048);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.mem_lower_kb, 639);
	CHECK_EQ_U(bi.mem_upper_kb, 130048);
}

TEST(meminfo_tag_too_short_ignored)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t lower = 639;

	mbi_init(&m);
	add_raw(&m, MB2_TAG_BASIC_MEMINFO, &lower, sizeof(lower));
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.mem_lower_kb, 0);
	CHECK_EQ_U(bi.mem_upper_kb, 0);
}

/* ---- memory map ----------------------------------------------------------- */

static const struct boot_mem_region pc_map[] = {
	REGION(0x0, 0x9fc00, BOOT_MEM_USABLE),
	REGION(0x9fc00, 0x400, BOOT_MEM_RESERVED),
	REGION(0xf0000, 0x10000, BOOT_MEM_RESERVED),
	REGION(0x100000, 0x7ee0000, BOOT_MEM_USABLE),
	REGION(0x7fe0000, 0x20000, BOOT_MEM_ACPI_RECLAIM),
	REGION(0xfffc0000, 0x40000, BOOT_MEM_RESERVED),
};
#define PC_MAP_STR "0+9fc00:1 9fc00+400:2 f0000+10000:2 100000+7ee0000:1 " \
		   "7fe0000+20000:3 fffc0000+40000:2"

TEST(mmap_entry_size_24)
{
	struct boot_info bi;

	parse_mmap_of(&bi, 24, pc_map, COUNT(pc_map));
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_MMAP(bi, PC_MAP_STR);
}

TEST(mmap_larger_entry_size)
{
	static const uint32_t sizes[] = { 32, 40, 64 };

	for (uint32_t i = 0; i < COUNT(sizes); i++) {
		struct boot_info bi;

		parse_mmap_of(&bi, sizes[i], pc_map, COUNT(pc_map));
		CHECK(bi.error == NULL);
		CHECK_MMAP(bi, PC_MAP_STR);
	}
}

TEST(mmap_entry_size_too_small_is_error)
{
	struct boot_info bi;

	parse_mmap_of(&bi, 16, pc_map, COUNT(pc_map));
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.mmap_count, 0);
}

TEST(mmap_huge_entry_size_reads_nothing)
{
	/* An entry size bigger than the tag: no entry fits, nothing is read. */
	struct mbi m;
	struct boot_info bi;
	uint32_t off;

	mbi_init(&m);
	off = add_mmap(&m, 24, pc_map, COUNT(pc_map));
	((struct mb2_tag_mmap *)tag_at(&m, off))->entry_size = 0xfffffff0u;
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.mmap_count, 0);
}

TEST(mmap_partial_trailing_entry_ignored)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t off;
	struct mb2_mmap_entry e = { 0x1000, 0x2000, BOOT_MEM_USABLE, 0 };

	mbi_init(&m);
	off = tag_begin(&m, MB2_TAG_MMAP);
	put_u32(&m, 24);
	put_u32(&m, 0);
	put(&m, &e, sizeof(e));
	e.base = 0x100000;
	put(&m, &e, 20);                        /* 4 bytes short of an entry */
	tag_end(&m, off);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_MMAP(bi, "1000+2000:1");
}

TEST(mmap_tag_too_short_ignored)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t entry_size = 24;

	mbi_init(&m);
	add_raw(&m, MB2_TAG_MMAP, &entry_size, sizeof(entry_size));  /* no version */
	add_raw(&m, MB2_TAG_MMAP, "", 0);
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.mmap_count, 0);
}

TEST(mmap_sorted)
{
	static const struct boot_mem_region r[] = {
		REGION(0x100000, 0x100000, BOOT_MEM_USABLE),
		REGION(0xfffc0000, 0x40000, BOOT_MEM_RESERVED),
		REGION(0x0, 0x9fc00, BOOT_MEM_USABLE),
		REGION(0x9fc00, 0x400, BOOT_MEM_RESERVED),
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+9fc00:1 9fc00+400:2 100000+100000:1 fffc0000+40000:2");
}

TEST(mmap_adjacent_same_type_merged)
{
	static const struct boot_mem_region r[] = {
		REGION(0x2000, 0x1000, BOOT_MEM_USABLE),
		REGION(0x0, 0x1000, BOOT_MEM_USABLE),
		REGION(0x1000, 0x1000, BOOT_MEM_USABLE),
		REGION(0x3000, 0x1000, BOOT_MEM_RESERVED),
		REGION(0x4000, 0x1000, BOOT_MEM_RESERVED),
		REGION(0x6000, 0x1000, BOOT_MEM_USABLE),   /* gap: no merge */
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+3000:1 3000+2000:2 6000+1000:1");
}

TEST(mmap_reserved_wins_over_usable)
{
	static const struct boot_mem_region r[] = {
		REGION(0x0, 0x10000, BOOT_MEM_USABLE),
		REGION(0x4000, 0x2000, BOOT_MEM_RESERVED),
		REGION(0xf000, 0x3000, BOOT_MEM_RESERVED), /* overlaps the end */
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+4000:1 4000+2000:2 6000+9000:1 f000+3000:2");
}

TEST(mmap_overlapping_same_type_merged)
{
	static const struct boot_mem_region r[] = {
		REGION(0x0, 0x3000, BOOT_MEM_USABLE),
		REGION(0x1000, 0x4000, BOOT_MEM_USABLE),
		REGION(0x1800, 0x100, BOOT_MEM_USABLE),
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+5000:1");
}

TEST(mmap_zero_length_dropped)
{
	static const struct boot_mem_region r[] = {
		REGION(0x5000, 0, BOOT_MEM_RESERVED),
		REGION(0x0, 0x10000, BOOT_MEM_USABLE),
		REGION(0x20000, 0, BOOT_MEM_USABLE),
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+10000:1");
}

TEST(mmap_unknown_type_ranks_as_reserved)
{
	static const struct boot_mem_region r[] = {
		REGION(0x0, 0x3000, BOOT_MEM_USABLE),
		REGION(0x1000, 0x1000, 7),
		REGION(0x2000, 0x1000, BOOT_MEM_RESERVED),      /* adjacent to 7: no merge */
		REGION(0x10000, 0x2000, 7),
		REGION(0x11000, 0x2000, BOOT_MEM_ACPI_RECLAIM), /* outranks 7 */
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+1000:1 1000+1000:7 2000+1000:2 10000+1000:7 11000+2000:3");
}

/* Whether any usable region in bi overlaps [lo, hi). */
static int usable_overlaps(const struct boot_info *bi, uint64_t lo, uint64_t hi)
{
	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_region *r = &bi->mmap[i];
		if (r->type == BOOT_MEM_USABLE && r->base < hi && r->base + r->length > lo)
			return 1;
	}
	return 0;
}

TEST(mmap_type_zero_never_becomes_usable)
{
	/* Type 0 is one "we do not know": like type 7 it must outrank usable,
	 * whichever order the entries come in. */
	static const struct boot_mem_region orders[2][2] = {
		{ REGION(0x0, 0x3000, BOOT_MEM_USABLE), REGION(0x1000, 0x1000, 0) },
		{ REGION(0x1000, 0x1000, 0), REGION(0x0, 0x3000, BOOT_MEM_USABLE) },
	};

	for (uint32_t i = 0; i < COUNT(orders); i++) {
		struct boot_info bi;

		parse_mmap_of(&bi, 24, orders[i], COUNT(orders[i]));
		CHECK(bi.error == NULL);
		CHECK(usable_overlaps(&bi, 0x0, 0x1000));
		CHECK(!usable_overlaps(&bi, 0x1000, 0x2000));
		CHECK(usable_overlaps(&bi, 0x2000, 0x3000));
	}
}

TEST(mmap_type_ranking)
{
	/* Nested: BAD > NVS > ACPI > RESERVED > USABLE. */
	static const struct boot_mem_region r[] = {
		REGION(0x4000, 0x8000, BOOT_MEM_BAD),
		REGION(0x0, 0x10000, BOOT_MEM_USABLE),
		REGION(0x2000, 0xc000, BOOT_MEM_ACPI_RECLAIM),
		REGION(0x1000, 0xe000, BOOT_MEM_RESERVED),
		REGION(0x3000, 0xa000, BOOT_MEM_ACPI_NVS),
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "0+1000:1 1000+1000:2 2000+1000:3 3000+1000:4 4000+8000:5 "
		       "c000+1000:4 d000+1000:3 e000+1000:2 f000+1000:1");
}

TEST(mmap_wrapping_region_clipped)
{
	static const struct boot_mem_region r[] = {
		REGION(0x0, 0x1000, BOOT_MEM_USABLE),
		REGION(0xffffffff00000000ull, 0x200000000ull, BOOT_MEM_RESERVED),
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK(bi.error == NULL);
	CHECK_MMAP(bi, "0+1000:1 ffffffff00000000+ffffffff:2");
}

TEST(mmap_64bit_regions)
{
	static const struct boot_mem_region r[] = {
		REGION(0x100000000ull, 0x80000000ull, BOOT_MEM_USABLE),
		REGION(0xfd00000000ull, 0x300000000ull, BOOT_MEM_RESERVED),
	};
	struct boot_info bi;

	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_MMAP(bi, "100000000+80000000:1 fd00000000+300000000:2");
}

/* n disjoint, non-adjacent usable regions of 0x1000 bytes, 0x2000 apart. */
static void spaced_regions(struct boot_mem_region *r, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		r[i] = (struct boot_mem_region){ 0x2000ull * i, 0x1000, BOOT_MEM_USABLE };
}

TEST(mmap_too_many_entries_truncated)
{
	struct boot_mem_region r[BOOT_MMAP_MAX + 6];
	struct boot_info bi;

	spaced_regions(r, COUNT(r));
	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.truncated, BOOT_TRUNC_MMAP);
	CHECK_EQ_U(bi.mmap_count, BOOT_MMAP_MAX);
	CHECK_EQ_U(bi.mmap[BOOT_MMAP_MAX - 1].base, 0x2000ull * (BOOT_MMAP_MAX - 1));
}

TEST(mmap_exactly_max_entries_not_truncated)
{
	struct boot_mem_region r[BOOT_MMAP_MAX];
	struct boot_info bi;

	spaced_regions(r, COUNT(r));
	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_EQ_U(bi.mmap_count, BOOT_MMAP_MAX);
}

/* One usable MiB with HOLEY_ENTRIES - 1 small reserved holes in it: the
 * entries split into 2 * HOLEY_ENTRIES - 1 regions, more than the map holds. */
#define HOLEY_ENTRIES 41

static void holey_map(struct boot_mem_region *r)
{
	r[0] = (struct boot_mem_region){ 0, 0x100000, BOOT_MEM_USABLE };
	for (uint32_t i = 1; i < HOLEY_ENTRIES; i++)
		r[i] = (struct boot_mem_region){ 0x2000ull * i - 0x1000, 0x800,
						 BOOT_MEM_RESERVED };
}

TEST(mmap_split_past_max_flagged_truncated)
{
	/* Losing regions must set BOOT_TRUNC_MMAP, as losing entries does. */
	struct boot_mem_region r[HOLEY_ENTRIES];
	struct boot_info bi;

	holey_map(r);
	parse_mmap_of(&bi, 24, r, COUNT(r));
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.mmap_count, BOOT_MMAP_MAX);
	CHECK_EQ_U(bi.truncated, BOOT_TRUNC_MMAP);
}

/* ---- bootinfo_normalize_mmap directly --------------------------------------- */

TEST(normalize_empty)
{
	struct boot_mem_region r[1] = { REGION(0x1000, 0, BOOT_MEM_USABLE) };

	bool truncated = false;

	CHECK_EQ_U(bootinfo_normalize_mmap(r, 0, BOOT_MMAP_MAX, &truncated), 0);
	CHECK_EQ_U(bootinfo_normalize_mmap(r, 1, BOOT_MMAP_MAX, NULL), 0);
	CHECK(!truncated);
}

TEST(normalize_in_place)
{
	struct boot_mem_region r[] = {
		REGION(0x3000, 0x1000, BOOT_MEM_USABLE),
		REGION(0x0, 0x2000, BOOT_MEM_RESERVED),
		REGION(0x1000, 0x2000, BOOT_MEM_USABLE),
	};
	bool truncated = false;
	uint32_t n = bootinfo_normalize_mmap(r, COUNT(r), COUNT(r), &truncated);

	CHECK_EQ_U(n, 2);
	CHECK_STR(regions_str(r, n), "0+2000:2 2000+2000:1");
	CHECK(!truncated);
}

TEST(normalize_max_truncates)
{
	struct boot_mem_region r[5];
	bool truncated = false;
	uint32_t n;

	spaced_regions(r, COUNT(r));
	n = bootinfo_normalize_mmap(r, COUNT(r), 3, &truncated);
	CHECK_EQ_U(n, 3);
	CHECK(truncated);
	CHECK_STR(regions_str(r, n), "0+1000:1 2000+1000:1 4000+1000:1");
}

TEST(normalize_max_counts_merged_regions)
{
	/* Six entries that merge into two fit a max of two. */
	struct boot_mem_region r[] = {
		REGION(0x0, 0x1000, BOOT_MEM_USABLE),
		REGION(0x1000, 0x1000, BOOT_MEM_USABLE),
		REGION(0x2000, 0x1000, BOOT_MEM_USABLE),
		REGION(0x8000, 0x1000, BOOT_MEM_RESERVED),
		REGION(0x9000, 0x1000, BOOT_MEM_RESERVED),
		REGION(0xa000, 0x1000, BOOT_MEM_RESERVED),
	};
	bool truncated = false;
	uint32_t n = bootinfo_normalize_mmap(r, COUNT(r), 2, &truncated);

	CHECK_EQ_U(n, 2);
	CHECK_STR(regions_str(r, n), "0+3000:1 8000+3000:2");
	CHECK(!truncated);
}

TEST(normalize_max_capped_at_map_size)
{
	/* A max far above BOOT_MMAP_MAX: the result still stops there. */
	struct boot_mem_region *r = calloc(BOOT_MMAP_MAX * 4, sizeof(*r));
	bool truncated = false;

	holey_map(r);
	CHECK_EQ_U(bootinfo_normalize_mmap(r, HOLEY_ENTRIES, BOOT_MMAP_MAX * 4,
					   &truncated), BOOT_MMAP_MAX);
	CHECK(truncated);
	CHECK_STR(regions_str(r, 3), "0+1000:1 1000+800:2 1800+1800:1");
	CHECK_EQ_U(r[BOOT_MMAP_MAX - 1].base, 0x3f000);     /* the 32nd hole */
	free(r);
}

TEST(normalize_max_zero)
{
	struct boot_mem_region r[2];

	bool truncated = false;

	spaced_regions(r, COUNT(r));
	CHECK_EQ_U(bootinfo_normalize_mmap(r, COUNT(r), 0, &truncated), 0);
	CHECK(truncated);
}

/* ---- ELF sections ----------------------------------------------------------- */

/* A null section, .text, .symtab (linked to 3), .strtab. */
static const struct elf32_shdr kernel_sections[] = {
	{ 0 },
	{ .sh_type = 1, .sh_addr = 0xc0100000, .sh_size = 0x8000 },
	{ .sh_type = ELF_SHT_SYMTAB, .sh_addr = 0x00200000, .sh_size = 0x1230,
	  .sh_link = 3, .sh_entsize = 16 },
	{ .sh_type = 3, .sh_addr = 0x00210000, .sh_size = 0x456 },
};

/* Parses an info holding just an ELF sections tag. */
static void parse_elf_of(struct boot_info *bi, const struct elf32_shdr *sh, uint32_t num,
			 uint32_t present, uint32_t entsize)
{
	static struct mbi m;

	mbi_init(&m);
	add_elf_sections(&m, sh, num, present, entsize);
	mbi_finish(&m);
	parse(bi, &m);
}

TEST(elf_sections_symtab_found)
{
	struct boot_info bi;

	parse_elf_of(&bi, kernel_sections, 4, 4, sizeof(struct elf32_shdr));
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.symtab_phys, 0x00200000);
	CHECK_EQ_U(bi.symtab_size, 0x1230);
	CHECK_EQ_U(bi.strtab_phys, 0x00210000);
	CHECK_EQ_U(bi.strtab_size, 0x456);
}

TEST(elf_sections_larger_entsize)
{
	struct boot_info bi;

	parse_elf_of(&bi, kernel_sections, 4, 4, 48);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.symtab_phys, 0x00200000);
	CHECK_EQ_U(bi.strtab_phys, 0x00210000);
	CHECK_EQ_U(bi.strtab_size, 0x456);
}

TEST(elf_sections_entsize_too_small_is_error)
{
	struct boot_info bi;

	parse_elf_of(&bi, kernel_sections, 4, 4, 32);
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.symtab_phys, 0);
}

TEST(elf_sections_num_past_tag_is_error)
{
	struct boot_info bi;

	parse_elf_of(&bi, kernel_sections, 5, 4, sizeof(struct elf32_shdr));
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.symtab_phys, 0);
}

TEST(elf_sections_last_header_cut_short_is_error)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t off;

	mbi_init(&m);
	off = add_elf_sections(&m, kernel_sections, 4, 4, sizeof(struct elf32_shdr));
	tag_at(&m, off)->size -= 4;             /* the tag ends inside .strtab's header */
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error != NULL);
	CHECK_EQ_U(bi.symtab_phys, 0);
}

TEST(elf_sections_tag_too_short_ignored)
{
	struct mbi m;
	struct boot_info bi;
	uint32_t counts[2] = { 4, 40 };         /* num, entsize: no shndx */

	mbi_init(&m);
	add_raw(&m, MB2_TAG_ELF_SECTIONS, counts, sizeof(counts));
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.symtab_phys, 0);
}

TEST(elf_sections_bad_link_ignored)
{
	struct elf32_shdr sh[4];
	struct boot_info bi;

	memcpy(sh, kernel_sections, sizeof(sh));
	sh[2].sh_link = 4;                      /* == num: out of range */
	parse_elf_of(&bi, sh, 4, 4, sizeof(sh[0]));
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.symtab_phys, 0);
	CHECK_EQ_U(bi.strtab_phys, 0);
}

TEST(elf_sections_without_symtab)
{
	struct boot_info bi;

	parse_elf_of(&bi, kernel_sections, 2, 2, sizeof(struct elf32_shdr));
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.symtab_phys, 0);
	CHECK_EQ_U(bi.symtab_size, 0);
}

/* ---- everything at once ----------------------------------------------------- */

TEST(full_info_as_grub_builds_it)
{
	struct mbi m;
	struct boot_info bi;

	mbi_init(&m);
	add_cmdline(&m, "test=smoke");
	add_raw(&m, 2, "GRUB 2.12", 10);
	add_module(&m, 0x120000, 0x120400, "module.txt");
	add_meminfo(&m, 639, 130048);
	add_raw(&m, 5, "\x80\x00\x00\x00", 4);  /* BIOS boot device */
	add_mmap(&m, 24, pc_map, COUNT(pc_map));
	add_elf_sections(&m, kernel_sections, 4, 4, sizeof(struct elf32_shdr));
	mbi_finish(&m);
	parse(&bi, &m);
	CHECK(bi.error == NULL);
	CHECK_EQ_U(bi.truncated, 0);
	CHECK_STR(bi.cmdline, "test=smoke");
	CHECK_EQ_U(bi.module_count, 1);
	CHECK_STR(bi.modules[0].name, "module.txt");
	CHECK_EQ_U(bi.mem_upper_kb, 130048);
	CHECK_MMAP(bi, PC_MAP_STR);
	CHECK_EQ_U(bi.symtab_size, 0x1230);
	CHECK_EQ_U(bi.mbi_end, PHYS + m.len);
}

int main(void)
{
	RUN("host/bootinfo", bad_magic_is_error);
	RUN("host/bootinfo", null_mbi_with_good_magic_is_error);
	RUN("host/bootinfo", minimal_info_parses_clean);
	RUN("host/bootinfo", mbi_extent_recorded);
	RUN("host/bootinfo", total_size_too_small_is_error);
	RUN("host/bootinfo", tag_past_total_size_is_error);
	RUN("host/bootinfo", huge_tag_size_is_error);
	RUN("host/bootinfo", tag_size_below_header_is_error);
	RUN("host/bootinfo", missing_end_tag_is_error);
	RUN("host/bootinfo", unknown_tags_skipped);
	RUN("host/bootinfo", error_keeps_fields_parsed_before);
	RUN("host/bootinfo", cmdline_copied);
	RUN("host/bootinfo", cmdline_empty_tag);
	RUN("host/bootinfo", cmdline_unterminated_stops_at_tag_end);
	RUN("host/bootinfo", cmdline_longest_fits);
	RUN("host/bootinfo", cmdline_too_long_truncated);
	RUN("host/bootinfo", modules_copied);
	RUN("host/bootinfo", too_many_modules_truncated);
	RUN("host/bootinfo", module_end_before_start_is_error);
	RUN("host/bootinfo", module_tag_too_short_is_error);
	RUN("host/bootinfo", module_name_too_long_truncated);
	RUN("host/bootinfo", module_name_unterminated_stops_at_tag_end);
	RUN("host/bootinfo", basic_meminfo);
	RUN("host/bootinfo", meminfo_tag_too_short_ignored);
	RUN("host/bootinfo", mmap_entry_size_24);
	RUN("host/bootinfo", mmap_larger_entry_size);
	RUN("host/bootinfo", mmap_entry_size_too_small_is_error);
	RUN("host/bootinfo", mmap_huge_entry_size_reads_nothing);
	RUN("host/bootinfo", mmap_partial_trailing_entry_ignored);
	RUN("host/bootinfo", mmap_tag_too_short_ignored);
	RUN("host/bootinfo", mmap_sorted);
	RUN("host/bootinfo", mmap_adjacent_same_type_merged);
	RUN("host/bootinfo", mmap_reserved_wins_over_usable);
	RUN("host/bootinfo", mmap_overlapping_same_type_merged);
	RUN("host/bootinfo", mmap_zero_length_dropped);
	RUN("host/bootinfo", mmap_unknown_type_ranks_as_reserved);
	RUN("host/bootinfo", mmap_type_zero_never_becomes_usable);
	RUN("host/bootinfo", mmap_type_ranking);
	RUN("host/bootinfo", mmap_wrapping_region_clipped);
	RUN("host/bootinfo", mmap_64bit_regions);
	RUN("host/bootinfo", mmap_too_many_entries_truncated);
	RUN("host/bootinfo", mmap_exactly_max_entries_not_truncated);
	RUN("host/bootinfo", mmap_split_past_max_flagged_truncated);
	RUN("host/bootinfo", normalize_empty);
	RUN("host/bootinfo", normalize_in_place);
	RUN("host/bootinfo", normalize_max_truncates);
	RUN("host/bootinfo", normalize_max_counts_merged_regions);
	RUN("host/bootinfo", normalize_max_capped_at_map_size);
	RUN("host/bootinfo", normalize_max_zero);
	RUN("host/bootinfo", elf_sections_symtab_found);
	RUN("host/bootinfo", elf_sections_larger_entsize);
	RUN("host/bootinfo", elf_sections_entsize_too_small_is_error);
	RUN("host/bootinfo", elf_sections_num_past_tag_is_error);
	RUN("host/bootinfo", elf_sections_last_header_cut_short_is_error);
	RUN("host/bootinfo", elf_sections_tag_too_short_ignored);
	RUN("host/bootinfo", elf_sections_bad_link_ignored);
	RUN("host/bootinfo", elf_sections_without_symtab);
	RUN("host/bootinfo", full_info_as_grub_builds_it);
	return check_summary();
}
