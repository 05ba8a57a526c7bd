/* Host unit tests for mm/reloc.c (base relocations indexed by page) and
 * kernel/ps/elf.c's reading of them: the index lists each fixup under every
 * page it touches, applying a page's fixups to a page read with its margins
 * gives the bytes of the whole image relocated at once (random images and
 * fixups, words across page edges included, pages in any order, the
 * neighbours' bytes given only where a fixup crosses that edge), and the
 * dynamic section and REL entries are checked as documented. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mm/reloc.h"
#include "kernel/ps/elf.h"
#include "tests/host/check.h"

#define SUITE "host/reloc"
#define PAGE  4096u

static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int b = 0; b < 4; b++)
		p[b] = (uint8_t)(v >> (8 * b));
}

TEST(index_lists_a_split_word_under_both_pages)
{
	const uint32_t rvas[] = { 0x1ffe, 0x10, 0x2000, 0x0ffc, 0x0ffd };
	uint32_t first[4], index[8];

	CHECK_EQ_U(mm_reloc_index_size(rvas, 5), 7);    /* 0x1ffe and 0x0ffd cross */
	mm_reloc_index_build(rvas, 5, 3, first, index);
	CHECK_EQ_U(first[0], 0);
	CHECK_EQ_U(first[1], 3);                        /* 0x10, 0xffc, 0xffd */
	CHECK_EQ_U(first[2], 5);                        /* 0xffd, 0x1ffe */
	CHECK_EQ_U(first[3], 7);                        /* 0x1ffe, 0x2000 */
	CHECK_EQ_U(index[3] == 0x0ffd || index[4] == 0x0ffd, 1);
	CHECK_EQ_U(index[5] == 0x1ffe || index[6] == 0x1ffe, 1);
}

TEST(no_fixups_gives_empty_pages)
{
	uint32_t first[3] = { 9, 9, 9 };

	CHECK_EQ_U(mm_reloc_index_size(NULL, 0), 0);
	mm_reloc_index_build(NULL, 0, 2, first, NULL);
	CHECK_EQ_U(first[0] | first[1] | first[2], 0);
}

/* Random images of a few pages with random non-overlapping fixups (many at
 * page edges): each page relocated alone, with its neighbours' bytes only
 * where mm_reloc_edges says, must equal the image relocated whole. */
TEST(pages_relocated_alone_equal_the_whole_image)
{
	uint32_t seed = 0x5eed1234, crossings = 0;

	for (int round = 0; round < 300; round++) {
		uint32_t pages = 1 + rng_next(&seed) % 5, size = pages * PAGE, n = 0;
		uint8_t *image = malloc(size), *whole = malloc(size), *used = calloc(size, 1);
		uint8_t *bytes = malloc(PAGE);
		uint32_t *rvas = malloc(size * sizeof(uint32_t)), delta = rng_next(&seed);
		for (uint32_t i = 0; i < size; i++)
			image[i] = (uint8_t)rng_next(&seed);
		for (uint32_t k = rng_next(&seed) % 64; k > 0; k--) {
			uint32_t r = rng_next(&seed) % 3 ? rng_next(&seed) % (size - 3) :
				     (1 + rng_next(&seed) % pages) * PAGE - 1 - rng_next(&seed) % 3;
			if (r + 4 > size || used[r] || used[r + 1] || used[r + 2] || used[r + 3])
				continue;
			memset(used + r, 1, 4);
			rvas[n++] = r;
		}
		memcpy(whole, image, size);
		for (uint32_t i = 0; i < n; i++)
			put32(whole + rvas[i], get32(whole + rvas[i]) + delta);
		uint32_t *first = malloc((pages + 1) * sizeof(uint32_t));
		uint32_t *index = malloc((mm_reloc_index_size(rvas, n) + 1) * sizeof(uint32_t));
		mm_reloc_index_build(rvas, n, pages, first, index);
		for (uint32_t k = 0; k < pages; k++) {
			uint32_t p = (k * 3 + round) % pages;   /* pages in another order */
			uint32_t edges = mm_reloc_edges(first, index, p);
			struct mm_reloc_page rp = { .bytes = bytes };
			memcpy(bytes, image + p * PAGE, PAGE);
			memset(rp.before, 0xee, sizeof(rp.before));     /* unread: garbage */
			memset(rp.after, 0xee, sizeof(rp.after));
			if (edges & MM_RELOC_EDGE_LOW)
				memcpy(rp.before, image + p * PAGE - MM_RELOC_MARGIN, MM_RELOC_MARGIN);
			if (edges & MM_RELOC_EDGE_HIGH)
				memcpy(rp.after, image + (p + 1) * PAGE, MM_RELOC_MARGIN);
			crossings += edges != 0;
			mm_reloc_apply(first, index, p, &rp, delta);
			CHECK(memcmp(bytes, whole + p * PAGE, PAGE) == 0);
		}
		free(image), free(whole), free(used), free(rvas), free(first), free(index);
		free(bytes);
		if (check_failure)
			return;
	}
	CHECK(crossings > 100);                 /* the edges were exercised */
}

TEST(edges_say_which_margins_are_needed)
{
	const uint32_t rvas[] = { 0x0ffe, 0x1800, 0x1ffd, 0x2004 };
	uint32_t first[4], index[8];

	mm_reloc_index_build(rvas, 4, 3, first, index);
	CHECK_EQ_U(mm_reloc_edges(first, index, 0), MM_RELOC_EDGE_HIGH);
	CHECK_EQ_U(mm_reloc_edges(first, index, 1), MM_RELOC_EDGE_LOW | MM_RELOC_EDGE_HIGH);
	CHECK_EQ_U(mm_reloc_edges(first, index, 2), MM_RELOC_EDGE_LOW);
}

/* ---- kernel/ps/elf.c: the dynamic section and REL entries ---------------- */

/* Text at 0x400000 (file 0, 0x2000 bytes), data at 0x402000 (file 0x2000,
 * 0x100 bytes, then bss). */
static struct elf_image two_parts(void)
{
	struct elf_image e = { .entry = 0x400100, .count = 2 };

	e.seg[0] = (struct elf_segment){ 0x400000, 0x2000, 0, 0x2000, false, true };
	e.seg[1] = (struct elf_segment){ 0x402000, 0x800, 0x2000, 0x100, true, false };
	return e;
}

static enum elf_error fixup(const struct elf_image *e, uint32_t offset, uint32_t type,
			    uint32_t *rva)
{
	uint32_t rel[2] = { offset, type };

	return elf_reloc_fixup(e, rel, rva);
}

TEST(rel_entries)
{
	struct elf_image e = two_parts();
	uint32_t rva;

	CHECK_EQ_U(fixup(&e, 0x400ffe, 8, &rva), ELF_OK);
	CHECK_EQ_U(rva, 0xffe);                         /* across a page edge */
	CHECK_EQ_U(fixup(&e, 0x4020fc, 8, &rva), ELF_OK);
	CHECK_EQ_U(rva, 0x20fc);
	CHECK_EQ_U(fixup(&e, 0x12345678, 0, &rva), ELF_OK);
	CHECK_EQ_U(rva, ELF_NO_FIXUP);                  /* R_386_NONE */
	CHECK_EQ_U(fixup(&e, 0x400010, 1, &rva), ELF_UNSUPPORTED);      /* R_386_32 */
	CHECK_EQ_U(fixup(&e, 0x400010, 0x108, &rva), ELF_OK);   /* the symbol is ignored */
	CHECK_EQ_U(fixup(&e, 0x4020fd, 8, &rva), ELF_BAD_RELOCATION);   /* into bss */
	CHECK_EQ_U(fixup(&e, 0x401ffe, 8, &rva), ELF_BAD_RELOCATION);   /* across parts */
	CHECK_EQ_U(fixup(&e, 0x3ffffe, 8, &rva), ELF_BAD_RELOCATION);
	CHECK_EQ_U(fixup(&e, 0xfffffffe, 8, &rva), ELF_BAD_RELOCATION); /* wraps */
}

TEST(dynamic_section)
{
	struct elf_image e = two_parts();
	uint32_t off = 1, count = 1;
	uint32_t dyn[][2] = { { 5, 0x400200 }, { 17, 0x401000 }, { 18, 0x80 }, { 19, 8 },
			      { 22, 0 }, { 0, 0 }, { 7, 1 } };

	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_OK);
	CHECK_EQ_U(off, 0x1000);
	CHECK_EQ_U(count, 16);                          /* DT_RELA after DT_NULL: unread */
	dyn[1][1] = 0x402080;                           /* in data: file 0x2080 */
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_OK);
	CHECK_EQ_U(off, 0x2080);
	dyn[1][1] = 0x4020f8;                           /* past data's file bytes */
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_BAD_RELOCATION);
	dyn[1][1] = 0x401000;
	dyn[3][1] = 12;                                 /* DT_RELENT */
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_BAD_RELOCATION);
	dyn[3][1] = 8;
	dyn[2][1] = 0x84;                               /* not whole entries */
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_BAD_RELOCATION);
	dyn[2][1] = 0;                                  /* nothing to fix */
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_OK);
	CHECK_EQ_U(count, 0);
	for (uint32_t tag = 1; tag <= 7; tag += 6) {    /* DT_NEEDED, DT_RELA */
		dyn[4][0] = tag;
		CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_UNSUPPORTED);
	}
	dyn[4][0] = 2;                                  /* DT_PLTRELSZ */
	dyn[4][1] = 8;
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_UNSUPPORTED);
	dyn[4][1] = 0;
	CHECK_EQ_U(elf_dynamic_relocs(&e, dyn, sizeof(dyn), &off, &count), ELF_OK);
}

int main(void)
{
	RUN(SUITE, index_lists_a_split_word_under_both_pages);
	RUN(SUITE, no_fixups_gives_empty_pages);
	RUN(SUITE, pages_relocated_alone_equal_the_whole_image);
	RUN(SUITE, edges_say_which_margins_are_needed);
	RUN(SUITE, rel_entries);
	RUN(SUITE, dynamic_section);
	return check_summary();
}
