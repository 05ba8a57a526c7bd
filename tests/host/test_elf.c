/* Host unit tests for kernel/ps/elf.c: validation of synthetic static i386 ELF
 * executables. Every image is built into a buffer of exactly its size, so
 * ASan reports any read past the end. */
#include <stdint.h>
#include <stdlib.h>
#include "kernel/ps/elf.h"
#include "tests/host/check.h"
#include "tests/host/isolate.h"

#define USER_LO 0x00010000u
#define USER_HI 0x7fff0000u

#define PT_NULL         0
#define PT_LOAD         1
#define PT_DYNAMIC      2
#define PT_INTERP       3
#define PT_NOTE         4
#define PT_SHLIB        5
#define PT_PHDR         6
#define PT_TLS          7
#define PT_GNU_EH_FRAME 0x6474e550
#define PT_GNU_STACK    0x6474e551
#define PT_GNU_RELRO    0x6474e552
#define PT_GNU_PROPERTY 0x6474e553
#define PT_LOPROC       0x70000000
#define PF_X 1
#define PF_W 2
#define PF_R 4

#define EHDR_SIZE 52
#define PHDR_SIZE 32
#define MAX_PH    24

/* The on-disk ELF32 headers, written out independently of kernel/ps/elf.c. */
struct ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr;
	uint32_t p_filesz, p_memsz, p_flags, p_align;
};

/* An image under construction. build() puts eh at offset 0 and ph[0 .. nph)
 * at eh.e_phoff (each one only if it fits), and fills the rest of the size
 * bytes with a pattern. eh.e_phnum follows nph unless a test overrides it. */
struct img {
	struct ehdr eh;
	struct phdr ph[MAX_PH];
	uint32_t nph;
	size_t size;
};

/* Appends a program header aligned to 4 KB; returns it for further changes. */
static struct phdr *add_ph(struct img *m, uint32_t type, uint32_t offset, uint32_t vaddr,
			   uint32_t filesz, uint32_t memsz, uint32_t flags)
{
	struct phdr *p = &m->ph[m->nph++];

	*p = (struct phdr){ .p_type = type, .p_offset = offset, .p_vaddr = vaddr,
			    .p_paddr = vaddr, .p_filesz = filesz, .p_memsz = memsz,
			    .p_flags = flags, .p_align = 0x1000 };
	m->eh.e_phnum = (uint16_t)m->nph;
	return p;
}

/* A valid header with no program headers yet, entry at entry, size bytes long. */
static struct img empty_image(uint32_t entry, size_t size)
{
	struct img m;

	memset(&m, 0, sizeof(m));
	m.eh = (struct ehdr){
		.e_ident = { 0x7f, 'E', 'L', 'F', 1, 1, 1 },
		.e_type = 2, .e_machine = 3, .e_version = 1, .e_entry = entry,
		.e_phoff = EHDR_SIZE, .e_ehsize = EHDR_SIZE, .e_phentsize = PHDR_SIZE,
	};
	m.size = size;
	return m;
}

#define TEXT 0                          /* indices into base_image()'s ph[] */
#define DATA 1

/* The reference program: text RX at 0x400000 (file 0..0x180, holding the
 * headers), data RW at 0x401000 (file 0x1000..0x1040, then bss to 0x300). */
static struct img base_image(void)
{
	struct img m = empty_image(0x400080, 0x1040);

	add_ph(&m, PT_LOAD, 0, 0x400000, 0x180, 0x180, PF_R | PF_X);
	add_ph(&m, PT_LOAD, 0x1000, 0x401000, 0x40, 0x300, PF_R | PF_W);
	return m;
}

/* n one-page RX segments at 0x400000, 0x401000, ... (file offsets alike). */
static struct img pages_image(uint32_t n)
{
	struct img m = empty_image(0x400000, (size_t)n * 0x1000);

	for (uint32_t i = 0; i < n; i++)
		add_ph(&m, PT_LOAD, i * 0x1000, 0x400000 + i * 0x1000, 0x10, 0x10,
		       PF_R | PF_X);
	return m;
}

static void put(uint8_t *image, size_t size, uint64_t at, const void *src, size_t n)
{
	if (at + n <= size)
		memcpy(image + at, src, n);
}

/* m's bytes in a malloc'd buffer, starting shift bytes in and ending at its end. */
static uint8_t *build(const struct img *m, size_t shift)
{
	uint8_t *buf = malloc(shift + m->size), *image = buf + shift;

	for (size_t i = 0; i < shift + m->size; i++)
		buf[i] = (uint8_t)(i * 7 + 1);
	put(image, m->size, 0, &m->eh, EHDR_SIZE);
	for (uint32_t i = 0; i < m->nph; i++)
		put(image, m->size, (uint64_t)m->eh.e_phoff + (uint64_t)i * PHDR_SIZE,
		    &m->ph[i], PHDR_SIZE);
	return buf;
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* elf_check on m built shift bytes into its buffer, with user space [lo, hi);
 * checks that a failure leaves *out zeroed. */
static enum elf_error check_full(const struct img *m, size_t shift, uint32_t lo,
				 uint32_t hi, struct elf_image *out)
{
	uint8_t *buf = build(m, shift);
	enum elf_error e;

	memset(out, 0xa5, sizeof(*out));
	e = elf_check(buf + shift, m->size, lo, hi, out);
	free(buf);
	if (e != ELF_OK)
		CHECK(all_zero(out, sizeof(*out)));
	return e;
}

static enum elf_error check_into(const struct img *m, struct elf_image *out)
{
	return check_full(m, 0, USER_LO, USER_HI, out);
}

static enum elf_error check(const struct img *m)
{
	struct elf_image out;
	return check_into(m, &out);
}

#define CHECK_SEG(s, va, msz, off, fsz, w, x)                                 \
	do {                                                                  \
		CHECK_EQ_U((s).vaddr, va);                                    \
		CHECK_EQ_U((s).memsz, msz);                                   \
		CHECK_EQ_U((s).offset, off);                                  \
		CHECK_EQ_U((s).filesz, fsz);                                  \
		CHECK_EQ_U((s).write, w);                                     \
		CHECK_EQ_U((s).exec, x);                                      \
	} while (0)

/* Checks that out is base_image()'s parse. */
static void check_base_fields(const struct elf_image *out)
{
	CHECK_EQ_U(out->entry, 0x400080);
	CHECK_EQ_U(out->count, 2);
	CHECK_SEG(out->seg[0], 0x400000, 0x180, 0, 0x180, false, true);
	CHECK_SEG(out->seg[1], 0x401000, 0x300, 0x1000, 0x40, true, false);
}

/* ---- valid images --------------------------------------------------------- */

TEST(valid_two_segments)
{
	struct img m = base_image();
	struct elf_image out;

	CHECK_EQ_U(check_into(&m, &out), ELF_OK);
	check_base_fields(&out);
}

ISOLATED_TEST(unaligned_buffer)
{
	struct img m = base_image();
	struct elf_image out;

	for (size_t shift = 1; shift < 4; shift++) {
		CHECK_EQ_U(check_full(&m, shift, USER_LO, USER_HI, &out), ELF_OK);
		check_base_fields(&out);
	}
}

TEST(unsorted_input_gets_sorted)
{
	struct img m = base_image();
	struct phdr t = m.ph[TEXT];
	struct elf_image out;

	m.ph[TEXT] = m.ph[DATA];
	m.ph[DATA] = t;
	CHECK_EQ_U(check_into(&m, &out), ELF_OK);
	check_base_fields(&out);
}

TEST(many_segments_reversed_get_sorted)
{
	struct img m = pages_image(ELF_MAX_SEGMENTS);
	struct elf_image out;

	for (uint32_t i = 0; i < m.nph / 2; i++) {
		struct phdr t = m.ph[i];
		m.ph[i] = m.ph[m.nph - 1 - i];
		m.ph[m.nph - 1 - i] = t;
	}
	CHECK_EQ_U(check_into(&m, &out), ELF_OK);
	CHECK_EQ_U(out.count, ELF_MAX_SEGMENTS);
	for (uint32_t i = 0; i < out.count; i++)
		CHECK_SEG(out.seg[i], 0x400000 + i * 0x1000, 0x10, i * 0x1000, 0x10,
			  false, true);
}

TEST(ignored_program_header_types)
{
	static const uint32_t types[] = { PT_NULL, PT_NOTE, PT_SHLIB, PT_PHDR,
					  PT_GNU_EH_FRAME, PT_GNU_STACK, PT_GNU_RELRO,
					  PT_GNU_PROPERTY, PT_LOPROC };
	struct img m = base_image();
	struct elf_image out;

	/* Nonsense extents: none of these is loaded, so none is checked. */
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		add_ph(&m, types[i], 0xfffffff0, 0xfffff000, 0x100, 0x10, PF_W | PF_X);
	CHECK_EQ_U(check_into(&m, &out), ELF_OK);
	check_base_fields(&out);
}

/* A position-independent program: ET_DYN or ET_EXEC, its PT_DYNAMIC's file
 * bytes recorded (one, non-empty, whole 8-byte entries, inside the file). */
TEST(dynamic_segment_recorded)
{
	struct img m = base_image();
	struct elf_image out;

	CHECK_EQ_U(check_into(&m, &out), ELF_OK);
	CHECK_EQ_U(out.dyn_size, 0);                    /* none: stays where linked */
	add_ph(&m, PT_DYNAMIC, 0x1010, 0x401010, 0x30, 0x30, PF_R | PF_W);
	for (uint16_t type = 2; type <= 3; type++) {    /* EXEC, DYN */
		m.eh.e_type = type;
		CHECK_EQ_U(check_into(&m, &out), ELF_OK);
		CHECK_EQ_U(out.dyn_offset, 0x1010);
		CHECK_EQ_U(out.dyn_size, 0x30);
	}
	m.ph[m.nph - 1].p_filesz = 0x2c;                /* not whole entries */
	CHECK_EQ_U(check(&m), ELF_BAD_RELOCATION);
	m.ph[m.nph - 1].p_filesz = 0;
	CHECK_EQ_U(check(&m), ELF_BAD_RELOCATION);
	m.ph[m.nph - 1].p_filesz = 0x40;                /* past the file's end */
	CHECK_EQ_U(check(&m), ELF_BAD_RELOCATION);
	m.ph[m.nph - 1].p_filesz = 0x30;
	add_ph(&m, PT_DYNAMIC, 0x1010, 0x401010, 0x30, 0x30, PF_R | PF_W);
	CHECK_EQ_U(check(&m), ELF_BAD_RELOCATION);      /* two */
}

TEST(section_headers_are_not_needed)
{
	struct img m = base_image();

	m.eh.e_shoff = 0xffffffff;
	m.eh.e_shnum = 0xffff;
	m.eh.e_shentsize = 1;
	m.eh.e_shstrndx = 0xfffe;
	CHECK_EQ_U(check(&m), ELF_OK);
}

TEST(pure_bss_segment)
{
	struct img m = base_image();

	m.ph[DATA].p_filesz = 0;
	CHECK_EQ_U(check(&m), ELF_OK);
}

TEST(segments_at_the_edges_of_user_space)
{
	struct img m = base_image();

	m.ph[TEXT].p_vaddr = USER_LO;
	m.eh.e_entry = USER_LO;
	m.ph[DATA].p_vaddr = USER_HI - 0x1000;
	m.ph[DATA].p_memsz = 0x1000;
	CHECK_EQ_U(check(&m), ELF_OK);
}

TEST(alignment_only_within_a_page)
{
	struct img m = base_image();

	m.ph[DATA].p_align = 0x200000;          /* congruent mod 4 KB, not 2 MB */
	CHECK_EQ_U(check(&m), ELF_OK);
	m.ph[DATA].p_align = 0x80000000;
	CHECK_EQ_U(check(&m), ELF_OK);
}

TEST(align_zero_or_one_means_none)
{
	struct img m = base_image();

	m.ph[DATA].p_vaddr = 0x401010;
	m.ph[DATA].p_align = 0;
	CHECK_EQ_U(check(&m), ELF_OK);
	m.ph[DATA].p_align = 1;
	CHECK_EQ_U(check(&m), ELF_OK);
}

TEST(entry_at_last_byte_of_text)
{
	struct img m = base_image();

	m.eh.e_entry = 0x40017f;
	CHECK_EQ_U(check(&m), ELF_OK);
}

/* ---- the ELF header ------------------------------------------------------- */

TEST(too_small)
{
	struct img m = base_image();

	m.size = EHDR_SIZE - 1;
	CHECK_EQ_U(check(&m), ELF_TOO_SMALL);
	m = base_image();
	m.eh.e_ehsize = EHDR_SIZE - 1;
	CHECK_EQ_U(check(&m), ELF_TOO_SMALL);
}

TEST(bad_magic)
{
	for (int i = 0; i < 4; i++) {
		struct img m = base_image();
		m.eh.e_ident[i] ^= 0x20;
		CHECK_EQ_U(check(&m), ELF_BAD_MAGIC);
	}
}

TEST(bad_class)
{
	struct img m = base_image();

	m.eh.e_ident[4] = 2;                    /* ELFCLASS64 */
	CHECK_EQ_U(check(&m), ELF_BAD_CLASS);
	m.eh.e_ident[4] = 0;
	CHECK_EQ_U(check(&m), ELF_BAD_CLASS);
}

TEST(bad_data)
{
	struct img m = base_image();

	m.eh.e_ident[5] = 2;                    /* ELFDATA2MSB */
	CHECK_EQ_U(check(&m), ELF_BAD_DATA);
}

TEST(bad_version)
{
	struct img m = base_image();

	m.eh.e_ident[6] = 0;
	CHECK_EQ_U(check(&m), ELF_BAD_VERSION);
	m = base_image();
	m.eh.e_version = 2;
	CHECK_EQ_U(check(&m), ELF_BAD_VERSION);
}

TEST(bad_machine)
{
	struct img m = base_image();

	m.eh.e_machine = 62;                    /* EM_X86_64 */
	CHECK_EQ_U(check(&m), ELF_BAD_MACHINE);
}

TEST(bad_type)
{
	static const uint16_t types[] = { 0, 1, 4, 0xfe00 };  /* NONE REL CORE OS */
	struct img m = base_image();

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		m.eh.e_type = types[i];
		CHECK_EQ_U(check(&m), ELF_BAD_TYPE);
	}
}

TEST(bad_phentsize)
{
	struct img m = base_image();

	m.eh.e_phentsize = 40;
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
	m.eh.e_phentsize = 0;
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
}

TEST(no_program_headers)
{
	struct img m = base_image();

	m.eh.e_phnum = 0;
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
}

ISOLATED_TEST(phdr_table_past_end)
{
	struct img m = base_image();

	m.eh.e_phoff = (uint32_t)m.size - PHDR_SIZE;    /* the second one is out */
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
	m.eh.e_phoff = EHDR_SIZE;
	m.eh.e_phnum = 0xffff;
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
}

ISOLATED_TEST(phoff_plus_table_wraps)
{
	struct img m = base_image();

	m.eh.e_phoff = 0xffffffe0;              /* + 1 * 32 wraps to 0 */
	m.eh.e_phnum = 1;
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
	m.eh.e_phnum = 2;
	CHECK_EQ_U(check(&m), ELF_BAD_PHDRS);
}

/* ---- program headers ------------------------------------------------------ */

TEST(unsupported_types)
{
	static const uint32_t types[] = { PT_INTERP, PT_TLS };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct img m = base_image();
		add_ph(&m, types[i], 0x100, 0x400100, 0x10, 0x10, PF_R);
		CHECK_EQ_U(check(&m), ELF_UNSUPPORTED);
	}
}

TEST(no_loadable_segments)
{
	struct img m = base_image();

	m.ph[TEXT].p_type = PT_NOTE;
	m.ph[DATA].p_type = PT_GNU_STACK;
	CHECK_EQ_U(check(&m), ELF_NO_SEGMENTS);
}

ISOLATED_TEST(too_many_segments)
{
	struct img m = pages_image(ELF_MAX_SEGMENTS + 1);

	CHECK_EQ_U(check(&m), ELF_TOO_MANY_SEGMENTS);
}

TEST(filesz_above_memsz)
{
	struct img m = base_image();

	m.ph[DATA].p_filesz = 0x301;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_BAD_SIZE);
}

TEST(empty_segment)
{
	struct img m = base_image();

	struct elf_image out;

	/* Entirely empty: skipped (ld emits one for a program without data). */
	m.ph[DATA].p_filesz = 0;
	m.ph[DATA].p_memsz = 0;
	CHECK_EQ_U(check_into(&m, &out), ELF_OK);
	CHECK_EQ_U(out.count, 1);
	/* File bytes but no memory: malformed. */
	m.ph[DATA].p_filesz = 0x10;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_BAD_SIZE);
}

TEST(align_not_power_of_two)
{
	struct img m = base_image();

	m.ph[DATA].p_align = 0x1800;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_BAD_SIZE);
}

TEST(vaddr_and_offset_disagree)
{
	struct img m = base_image();

	m.ph[DATA].p_vaddr = 0x401010;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_BAD_SIZE);
}

TEST(segment_past_end_of_file)
{
	struct img m = base_image();

	m.ph[DATA].p_filesz = 0x41;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUTSIDE_FILE);
	m = base_image();
	m.ph[DATA].p_offset = 0x2000;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUTSIDE_FILE);
}

ISOLATED_TEST(segment_offset_plus_filesz_wraps)
{
	struct img m = base_image();

	m.ph[DATA].p_offset = 0xfffff000;       /* + 0x2000 wraps to 0x1000 */
	m.ph[DATA].p_filesz = 0x2000;
	m.ph[DATA].p_memsz = 0x2000;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUTSIDE_FILE);
}

TEST(segment_below_user_space)
{
	struct img m = base_image();

	m.ph[TEXT].p_vaddr = 0xf000;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUT_OF_USER_SPACE);
	m.ph[TEXT].p_vaddr = 0;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUT_OF_USER_SPACE);
}

TEST(segment_crosses_user_hi)
{
	struct img m = base_image();

	m.ph[DATA].p_vaddr = 0x7ffef000;
	m.ph[DATA].p_memsz = 0x2000;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUT_OF_USER_SPACE);
}

TEST(segment_in_kernel_half)
{
	struct img m = base_image();

	m.ph[DATA].p_vaddr = 0x80100000;
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUT_OF_USER_SPACE);
}

TEST(vaddr_plus_memsz_wraps)
{
	struct img m = base_image();
	struct elf_image out;

	m.ph[DATA].p_vaddr = 0xfffff000;        /* + 0x2000 wraps to 0x1000 */
	m.ph[DATA].p_memsz = 0x2000;
	CHECK_EQ_U(check_full(&m, 0, USER_LO, 0xffffffff, &out),
		   ELF_SEGMENT_OUT_OF_USER_SPACE);
	CHECK_EQ_U(check(&m), ELF_SEGMENT_OUT_OF_USER_SPACE);
}

/* ---- the image as a whole ------------------------------------------------- */

TEST(overlap_inside_one_page)
{
	struct img m = base_image();

	m.ph[DATA].p_vaddr = 0x400200;          /* bytes apart, same page as text */
	m.ph[DATA].p_align = 0x200;
	CHECK_EQ_U(check(&m), ELF_SEGMENTS_OVERLAP);
}

TEST(overlap_by_bss_reaching_next_page)
{
	struct img m = base_image();

	m.ph[TEXT].p_memsz = 0x1001;            /* its last page is data's first */
	CHECK_EQ_U(check(&m), ELF_SEGMENTS_OVERLAP);
}

TEST(overlap_of_bytes_and_duplicates)
{
	struct img m = base_image();

	m.ph[DATA].p_vaddr = 0x400100;
	m.ph[DATA].p_align = 0x100;
	CHECK_EQ_U(check(&m), ELF_SEGMENTS_OVERLAP);
	m = base_image();
	m.ph[DATA] = m.ph[TEXT];
	CHECK_EQ_U(check(&m), ELF_SEGMENTS_OVERLAP);
}

TEST(overlap_by_a_segment_listed_last)
{
	struct img m = pages_image(3);
	struct phdr t = m.ph[0];

	t.p_memsz = 0x2001;                     /* covers pages 0..2 */
	m.ph[0] = m.ph[2];
	m.ph[2] = t;
	CHECK_EQ_U(check(&m), ELF_SEGMENTS_OVERLAP);
}

TEST(entry_in_non_exec_segment)
{
	struct img m = base_image();

	m.eh.e_entry = 0x401000;
	CHECK_EQ_U(check(&m), ELF_BAD_ENTRY);
}

TEST(entry_outside_every_segment)
{
	static const uint32_t entries[] = { 0x400180, 0x3fffff, 0x500000, 0, 0xffffffff };
	struct img m = base_image();

	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		m.eh.e_entry = entries[i];
		CHECK_EQ_U(check(&m), ELF_BAD_ENTRY);
	}
}

TEST(first_problem_wins)
{
	struct img m = base_image();

	m.eh.e_machine = 62;
	m.eh.e_type = 3;
	CHECK_EQ_U(check(&m), ELF_BAD_MACHINE);
	m = base_image();
	m.ph[TEXT].p_type = PT_INTERP;
	m.ph[DATA].p_memsz = 0;
	CHECK_EQ_U(check(&m), ELF_UNSUPPORTED);
}

/* ---- robustness ----------------------------------------------------------- */

/* The error a prefix of len bytes of base_image() must give. */
static enum elf_error truncated_error(size_t len, size_t full)
{
	if (len < EHDR_SIZE)
		return ELF_TOO_SMALL;
	if (len < EHDR_SIZE + 2 * PHDR_SIZE)
		return ELF_BAD_PHDRS;
	return len < full ? ELF_SEGMENT_OUTSIDE_FILE : ELF_OK;
}

ISOLATED_TEST(every_truncation)
{
	struct img m = base_image();
	uint8_t *full = build(&m, 0);
	struct elf_image out;

	for (size_t len = 0; len <= m.size; len++) {
		uint8_t *part = malloc(len);    /* exactly len: ASan sees overreads */
		memcpy(part, full, len);
		CHECK_EQ_U(elf_check(part, len, USER_LO, USER_HI, &out),
			   truncated_error(len, m.size));
		free(part);
	}
	free(full);
}

static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* What ELF_OK promises, checked on out for an image of size bytes. */
static void check_promises(const struct elf_image *out, size_t size)
{
	bool entry_ok = false;

	CHECK(out->count >= 1 && out->count <= ELF_MAX_SEGMENTS);
	for (uint32_t i = 0; i < out->count && i < ELF_MAX_SEGMENTS; i++) {
		const struct elf_segment *s = &out->seg[i];
		uint64_t end = (uint64_t)s->vaddr + s->memsz;
		CHECK(s->memsz > 0 && s->filesz <= s->memsz);
		CHECK((uint64_t)s->offset + s->filesz <= size);
		CHECK(s->vaddr >= USER_LO && end <= USER_HI);
		if (i > 0)
			CHECK(((uint64_t)out->seg[i - 1].vaddr + out->seg[i - 1].memsz +
			       0xfff) / 0x1000 <= s->vaddr / 0x1000);
		if (s->exec && out->entry >= s->vaddr && out->entry < end)
			entry_ok = true;
	}
	CHECK(entry_ok);
}

ISOLATED_TEST(random_header_corruption)
{
	struct img m = base_image();
	uint8_t *ref = build(&m, 0);
	uint8_t *image = malloc(m.size);
	uint32_t seed = 0x2545f491, oks = 0;
	struct elf_image out;

	for (int round = 0; round < 20000; round++) {
		size_t size = m.size;
		memcpy(image, ref, m.size);
		for (uint32_t k = rng_next(&seed) % 4 + 1; k > 0; k--)
			image[rng_next(&seed) % (EHDR_SIZE + 2 * PHDR_SIZE)] =
				(uint8_t)rng_next(&seed);
		if (rng_next(&seed) % 8 == 0)
			size = rng_next(&seed) % (m.size + 1);
		if (elf_check(image, size, USER_LO, USER_HI, &out) == ELF_OK) {
			check_promises(&out, size);
			oks++;
		}
	}
	CHECK(oks > 0);                 /* harmless bytes (e_flags, p_paddr) do occur */
	free(image);
	free(ref);
}

TEST(error_texts)
{
	for (int i = ELF_OK; i <= ELF_BAD_RELOCATION; i++) {
		const char *t = elf_error_text((enum elf_error)i);
		CHECK(t && t[0]);
		for (int j = ELF_OK; j < i; j++)
			CHECK(strcmp(t, elf_error_text((enum elf_error)j)) != 0);
	}
	CHECK_STR(elf_error_text(ELF_SEGMENTS_OVERLAP), "segment overlaps another");
	CHECK(elf_error_text((enum elf_error)(ELF_BAD_RELOCATION + 1)) != NULL);
	CHECK(elf_error_text((enum elf_error)-1) != NULL);
}

int main(void)
{
	RUN("host/elf", valid_two_segments);
	RUN("host/elf", unaligned_buffer);
	RUN("host/elf", unsorted_input_gets_sorted);
	RUN("host/elf", many_segments_reversed_get_sorted);
	RUN("host/elf", ignored_program_header_types);
	RUN("host/elf", dynamic_segment_recorded);
	RUN("host/elf", section_headers_are_not_needed);
	RUN("host/elf", pure_bss_segment);
	RUN("host/elf", segments_at_the_edges_of_user_space);
	RUN("host/elf", alignment_only_within_a_page);
	RUN("host/elf", align_zero_or_one_means_none);
	RUN("host/elf", entry_at_last_byte_of_text);
	RUN("host/elf", too_small);
	RUN("host/elf", bad_magic);
	RUN("host/elf", bad_class);
	RUN("host/elf", bad_data);
	RUN("host/elf", bad_version);
	RUN("host/elf", bad_machine);
	RUN("host/elf", bad_type);
	RUN("host/elf", bad_phentsize);
	RUN("host/elf", no_program_headers);
	RUN("host/elf", phdr_table_past_end);
	RUN("host/elf", phoff_plus_table_wraps);
	RUN("host/elf", unsupported_types);
	RUN("host/elf", no_loadable_segments);
	RUN("host/elf", too_many_segments);
	RUN("host/elf", filesz_above_memsz);
	RUN("host/elf", empty_segment);
	RUN("host/elf", align_not_power_of_two);
	RUN("host/elf", vaddr_and_offset_disagree);
	RUN("host/elf", segment_past_end_of_file);
	RUN("host/elf", segment_offset_plus_filesz_wraps);
	RUN("host/elf", segment_below_user_space);
	RUN("host/elf", segment_crosses_user_hi);
	RUN("host/elf", segment_in_kernel_half);
	RUN("host/elf", vaddr_plus_memsz_wraps);
	RUN("host/elf", overlap_inside_one_page);
	RUN("host/elf", overlap_by_bss_reaching_next_page);
	RUN("host/elf", overlap_of_bytes_and_duplicates);
	RUN("host/elf", overlap_by_a_segment_listed_last);
	RUN("host/elf", entry_in_non_exec_segment);
	RUN("host/elf", entry_outside_every_segment);
	RUN("host/elf", first_problem_wins);
	RUN("host/elf", every_truncation);
	RUN("host/elf", random_header_corruption);
	RUN("host/elf", error_texts);
	return check_summary();
}
