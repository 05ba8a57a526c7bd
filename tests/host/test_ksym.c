/* Host unit tests for kernel/rtl/ksym.c: symbol lookup over synthetic ELF32
 * symbol tables. */
#include <stdint.h>
#include <stdlib.h>
#include "kernel/rtl/ksym.h"
#include "tests/host/check.h"

#define STT_NOTYPE  0
#define STT_OBJECT  1
#define STT_FUNC    2
#define STT_SECTION 3
#define STT_FILE    4
#define STB_GLOBAL  1
#define INFO(bind, type) ((uint8_t)((bind) << 4 | (type)))
#define SHN_TEXT    1                   /* any defined section index */

#define MAX_SYMS 32
#define STRTAB_MAX 512

/* A symbol table under construction; strtab[0] is the empty name, as in ELF. */
struct table {
	struct elf32_sym syms[MAX_SYMS];
	char strtab[STRTAB_MAX];
	uint32_t count, strtab_len;
};

static void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
	t->strtab_len = 1;
}

/* Appends a symbol; returns it for tests that then corrupt it. */
static struct elf32_sym *add_sym(struct table *t, const char *name, uint32_t value,
				 uint32_t size, uint8_t info, uint16_t shndx)
{
	struct elf32_sym *s = &t->syms[t->count++];
	size_t len = strlen(name) + 1;

	*s = (struct elf32_sym){ .st_name = t->strtab_len, .st_value = value,
				 .st_size = size, .st_info = info, .st_shndx = shndx };
	memcpy(t->strtab + t->strtab_len, name, len);
	t->strtab_len += len;
	return s;
}

static struct elf32_sym *add_func(struct table *t, const char *name, uint32_t value,
				  uint32_t size)
{
	return add_sym(t, name, value, size, INFO(STB_GLOBAL, STT_FUNC), SHN_TEXT);
}

static struct elf32_sym *add_label(struct table *t, const char *name, uint32_t value)
{
	return add_sym(t, name, value, 0, INFO(STB_GLOBAL, STT_NOTYPE), SHN_TEXT);
}

/* The lookup view of t. */
static struct ksym_table view(const struct table *t)
{
	return (struct ksym_table){ t->syms, t->count, t->strtab, t->strtab_len };
}

/* ksym_find on t, with the offset (0xdeadbeef if left unset) in *offset. */
static const char *find(const struct table *t, uint32_t addr, uint32_t *offset)
{
	struct ksym_table k = view(t);

	*offset = 0xdeadbeef;
	return ksym_find(&k, addr, offset);
}

/* Checks that addr resolves to name + off. */
#define CHECK_SYM(t, addr, name, off)                                         \
	do {                                                                  \
		uint32_t off_;                                                \
		CHECK_STR(find(t, addr, &off_), name);                        \
		CHECK_EQ_U(off_, off);                                        \
	} while (0)

/* Checks that nothing covers addr. */
#define CHECK_NO_SYM(t, addr)                                                 \
	do {                                                                  \
		uint32_t off_;                                                \
		CHECK(find(t, addr, &off_) == NULL);                          \
	} while (0)

/* ---- sized symbols -------------------------------------------------------- */

TEST(inside_sized_func)
{
	struct table t;

	table_init(&t);
	add_func(&t, "kernel_main", 0xc0100000, 0x80);
	CHECK_SYM(&t, 0xc0100000, "kernel_main", 0);
	CHECK_SYM(&t, 0xc0100010, "kernel_main", 0x10);
	CHECK_SYM(&t, 0xc010007f, "kernel_main", 0x7f);
}

TEST(picks_the_right_func_among_many)
{
	struct table t;

	table_init(&t);
	add_func(&t, "c", 0x3000, 0x100);
	add_func(&t, "a", 0x1000, 0x100);
	add_func(&t, "b", 0x2000, 0x100);
	CHECK_SYM(&t, 0x1050, "a", 0x50);
	CHECK_SYM(&t, 0x2000, "b", 0);
	CHECK_SYM(&t, 0x30ff, "c", 0xff);
}

TEST(object_symbol_found)
{
	struct table t;

	table_init(&t);
	add_sym(&t, "boot_info_copy", 0xc0200000, 0x400, INFO(STB_GLOBAL, STT_OBJECT), 3);
	CHECK_SYM(&t, 0xc0200123, "boot_info_copy", 0x123);
}

TEST(local_binding_found)
{
	struct table t;

	table_init(&t);
	add_sym(&t, "helper", 0x1000, 0x20, INFO(0, STT_FUNC), SHN_TEXT);
	CHECK_SYM(&t, 0x1004, "helper", 4);
}

TEST(before_first_symbol_is_null)
{
	struct table t;

	table_init(&t);
	add_func(&t, "f", 0x1000, 0x10);
	CHECK_NO_SYM(&t, 0xfff);
	CHECK_NO_SYM(&t, 0);
}

TEST(past_end_of_sized_symbol_is_not_it)
{
	struct table t;

	table_init(&t);
	add_func(&t, "f", 0x1000, 0x10);
	add_func(&t, "g", 0x2000, 0x10);
	CHECK_NO_SYM(&t, 0x1010);               /* one past f */
	CHECK_NO_SYM(&t, 0x1fff);               /* the gap before g */
	CHECK_NO_SYM(&t, 0x2010);
	CHECK_NO_SYM(&t, 0xffffffff);
}

TEST(past_end_falls_back_to_preceding_label)
{
	struct table t;

	table_init(&t);
	add_label(&t, "_start", 0x1000);
	add_func(&t, "f", 0x1100, 0x10);
	CHECK_SYM(&t, 0x1110, "_start", 0x110);
	CHECK_SYM(&t, 0x1108, "f", 8);
	CHECK_SYM(&t, 0x1004, "_start", 4);
}

TEST(symbol_ending_at_top_of_address_space)
{
	struct table t;

	table_init(&t);
	add_func(&t, "top", 0xfffffff0, 0x10);
	CHECK_SYM(&t, 0xffffffff, "top", 0xf);
	CHECK_NO_SYM(&t, 0xffffffef);
}

/* ---- unsized symbols ------------------------------------------------------ */

TEST(unsized_symbol_matches_nearest_below)
{
	struct table t;

	table_init(&t);
	add_label(&t, "isr_common", 0x4000);
	add_label(&t, "isr_stub_14", 0x4100);
	add_sym(&t, "asm_func", 0x5000, 0, INFO(STB_GLOBAL, STT_FUNC), SHN_TEXT);
	CHECK_SYM(&t, 0x40ff, "isr_common", 0xff);
	CHECK_SYM(&t, 0x4123, "isr_stub_14", 0x23);
	CHECK_SYM(&t, 0x6000, "asm_func", 0x1000);
}

TEST(assembler_local_labels_belong_to_the_routine_before)
{
	struct table t;

	table_init(&t);
	add_label(&t, "isr_common", 0x4000);
	add_label(&t, "..@259.flat", 0x4010);
	add_label(&t, "isr_common.same", 0x4020);
	add_sym(&t, "ws_sweep.isra.0", 0x5000, 0x100, INFO(STB_GLOBAL, STT_FUNC), SHN_TEXT);
	CHECK_SYM(&t, 0x4030, "isr_common", 0x30);
	CHECK_SYM(&t, 0x5004, "ws_sweep.isra.0", 4);
}

TEST(closest_start_wins)
{
	struct table t;

	table_init(&t);
	add_func(&t, "outer", 0x1000, 0x1000);
	add_sym(&t, "inner", 0x1800, 0x10, INFO(STB_GLOBAL, STT_OBJECT), SHN_TEXT);
	add_label(&t, "label", 0x1400);
	CHECK_SYM(&t, 0x1804, "inner", 4);
	CHECK_SYM(&t, 0x1500, "label", 0x100);
	CHECK_SYM(&t, 0x1200, "outer", 0x200);
	CHECK_SYM(&t, 0x1900, "label", 0x500);  /* past inner: label is closer */
}

TEST(sized_preferred_at_equal_start)
{
	/* Either order: the sized function beats the label at its address. */
	for (int order = 0; order < 2; order++) {
		struct table t;

		table_init(&t);
		if (order == 0) {
			add_label(&t, "label", 0x1000);
			add_func(&t, "func", 0x1000, 0x40);
		} else {
			add_func(&t, "func", 0x1000, 0x40);
			add_label(&t, "label", 0x1000);
		}
		CHECK_SYM(&t, 0x1010, "func", 0x10);
		CHECK_SYM(&t, 0x1040, "label", 0x40);   /* past func's end */
	}
}

/* ---- symbols that must be ignored ----------------------------------------- */

TEST(undefined_symbols_ignored)
{
	struct table t;

	table_init(&t);
	add_sym(&t, "extern_func", 0x1000, 0x100, INFO(STB_GLOBAL, STT_FUNC), 0);
	add_sym(&t, "extern_label", 0x1000, 0, INFO(STB_GLOBAL, STT_NOTYPE), 0);
	CHECK_NO_SYM(&t, 0x1010);
	add_func(&t, "real", 0x0f00, 0x200);
	CHECK_SYM(&t, 0x1010, "real", 0x110);
}

TEST(section_and_file_symbols_ignored)
{
	struct table t;

	table_init(&t);
	add_sym(&t, ".text", 0x1000, 0, INFO(0, STT_SECTION), SHN_TEXT);
	add_sym(&t, "main.c", 0x1000, 0x1000, INFO(0, STT_FILE), 0xfff1);
	CHECK_NO_SYM(&t, 0x1000);
	CHECK_NO_SYM(&t, 0x1800);
	add_func(&t, "f", 0x0800, 0x1000);
	CHECK_SYM(&t, 0x1000, "f", 0x800);
}

TEST(other_types_ignored)
{
	struct table t;

	table_init(&t);
	add_sym(&t, "common", 0x1000, 0x10, INFO(STB_GLOBAL, 5), SHN_TEXT);  /* COMMON */
	add_sym(&t, "tls", 0x1000, 0x10, INFO(STB_GLOBAL, 6), SHN_TEXT);     /* TLS */
	CHECK_NO_SYM(&t, 0x1004);
}

TEST(name_out_of_strtab_skipped)
{
	struct table t;

	table_init(&t);
	add_func(&t, "fallback", 0x1000, 0x100);
	add_func(&t, "broken", 0x1040, 0x10)->st_name = STRTAB_MAX + 100;
	add_func(&t, "edge", 0x1080, 0x10)->st_name = t.strtab_len;  /* one past */
	CHECK_SYM(&t, 0x1044, "fallback", 0x44);
	CHECK_SYM(&t, 0x1084, "fallback", 0x84);
}

TEST(name_not_terminated_in_strtab_skipped)
{
	struct table t;
	struct ksym_table k;
	uint32_t off = 0;

	table_init(&t);
	add_func(&t, "fallback", 0x1000, 0x100);
	add_func(&t, "cut_off", 0x1040, 0x10);
	t.strtab_len -= 1;                      /* drop "cut_off"'s NUL */
	k = view(&t);
	CHECK_STR(ksym_find(&k, 0x1044, &off), "fallback");
	CHECK_EQ_U(off, 0x44);
}

TEST(name_not_terminated_read_stays_inside_strtab)
{
	/* The string table is an exact-size heap copy: ASan sees any read past. */
	struct table t;
	struct ksym_table k;
	char *strtab;
	uint32_t off = 0;

	table_init(&t);
	add_func(&t, "abc", 0x1000, 0x10);
	strtab = malloc(t.strtab_len - 1);
	memcpy(strtab, t.strtab, t.strtab_len - 1);
	k = (struct ksym_table){ t.syms, t.count, strtab, t.strtab_len - 1 };
	CHECK(ksym_find(&k, 0x1004, &off) == NULL);
	free(strtab);
}

TEST(empty_name_skipped)
{
	struct table t;

	table_init(&t);
	add_func(&t, "fallback", 0x1000, 0x100);
	add_func(&t, "", 0x1040, 0x10);
	CHECK_SYM(&t, 0x1044, "fallback", 0x44);
}

/* ---- empty tables and the kernel's table ---------------------------------- */

TEST(null_or_empty_table)
{
	struct ksym_table empty = { NULL, 0, NULL, 0 };
	uint32_t off = 0x1234;

	CHECK(ksym_find(NULL, 0x1000, &off) == NULL);
	CHECK(ksym_find(&empty, 0x1000, &off) == NULL);
	CHECK_EQ_U(off, 0x1234);                /* untouched on a miss */
}

TEST(offset_pointer_may_be_null)
{
	struct table t;
	struct ksym_table k;

	table_init(&t);
	add_func(&t, "f", 0x1000, 0x10);
	k = view(&t);
	CHECK_STR(ksym_find(&k, 0x1004, NULL), "f");
}

/* Must run before any test that sets the kernel's table. */
TEST(lookup_empty_until_set)
{
	uint32_t off = 0;

	CHECK(ksym_lookup(0xc0100000, &off) == NULL);
	CHECK(ksym_lookup(0, &off) == NULL);
}

TEST(set_table_then_lookup)
{
	static struct table t;
	struct ksym_table k, empty = { NULL, 0, NULL, 0 };
	uint32_t off = 0;

	table_init(&t);
	add_func(&t, "panic", 0xc0101000, 0x200);
	add_func(&t, "kernel_main", 0xc0100000, 0x100);
	k = view(&t);
	ksym_set_table(&k);
	memset(&k, 0, sizeof(k));               /* the kernel keeps its own copy */
	CHECK_STR(ksym_lookup(0xc0101010, &off), "panic");
	CHECK_EQ_U(off, 0x10);
	CHECK_STR(ksym_lookup(0xc0100000, &off), "kernel_main");
	CHECK_EQ_U(off, 0);
	CHECK(ksym_lookup(0xc0100100, &off) == NULL);
	ksym_set_table(&empty);
	CHECK(ksym_lookup(0xc0101010, &off) == NULL);
}

int main(void)
{
	RUN("host/ksym", lookup_empty_until_set);
	RUN("host/ksym", inside_sized_func);
	RUN("host/ksym", picks_the_right_func_among_many);
	RUN("host/ksym", object_symbol_found);
	RUN("host/ksym", local_binding_found);
	RUN("host/ksym", before_first_symbol_is_null);
	RUN("host/ksym", past_end_of_sized_symbol_is_not_it);
	RUN("host/ksym", past_end_falls_back_to_preceding_label);
	RUN("host/ksym", symbol_ending_at_top_of_address_space);
	RUN("host/ksym", unsized_symbol_matches_nearest_below);
	RUN("host/ksym", assembler_local_labels_belong_to_the_routine_before);
	RUN("host/ksym", closest_start_wins);
	RUN("host/ksym", sized_preferred_at_equal_start);
	RUN("host/ksym", undefined_symbols_ignored);
	RUN("host/ksym", section_and_file_symbols_ignored);
	RUN("host/ksym", other_types_ignored);
	RUN("host/ksym", name_out_of_strtab_skipped);
	RUN("host/ksym", name_not_terminated_in_strtab_skipped);
	RUN("host/ksym", name_not_terminated_read_stays_inside_strtab);
	RUN("host/ksym", empty_name_skipped);
	RUN("host/ksym", null_or_empty_table);
	RUN("host/ksym", offset_pointer_may_be_null);
	RUN("host/ksym", set_table_then_lookup);
	return check_summary();
}
