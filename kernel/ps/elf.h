/* Validation of user program images (static i386 ELF executables, linked
 * position-independent: a PT_DYNAMIC naming R_386_RELATIVE relocations, the
 * fixups of NT's base relocation table) before the kernel loads them. Pure:
 * no printing, no panics, results come back as values. */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

struct elf_segment {
	uint32_t vaddr, memsz;          /* where it goes and how big it is in memory */
	uint32_t offset, filesz;        /* what of the file fills its start (rest zero) */
	bool write, exec;               /* from p_flags PF_W / PF_X (read is implied) */
};

struct elf_image {
	uint32_t entry;
	uint32_t count;
	struct elf_segment seg[ELF_MAX_SEGMENTS];   /* PT_LOAD only, sorted by vaddr */
	uint32_t dyn_offset, dyn_size;  /* PT_DYNAMIC's file bytes; size 0: none
					   (not relocatable: it stays where linked) */
};

/* A REL entry that fixes nothing (R_386_NONE): elf_reloc_fixup's *rva. */
#define ELF_NO_FIXUP 0xffffffffu

enum elf_error {
	ELF_OK,
	ELF_TOO_SMALL,                  /* size < 52, or e_ehsize < 52 */
	ELF_BAD_MAGIC,
	ELF_BAD_CLASS,
	ELF_BAD_DATA,
	ELF_BAD_VERSION,
	ELF_BAD_MACHINE,
	ELF_BAD_TYPE,
	ELF_BAD_PHDRS,                  /* e_phentsize, e_phnum, or the table past the file */
	ELF_NO_SEGMENTS,
	ELF_TOO_MANY_SEGMENTS,
	ELF_SEGMENT_OUTSIDE_FILE,
	ELF_SEGMENT_BAD_SIZE,           /* also a bad p_align or vaddr/offset mismatch */
	ELF_SEGMENT_OUT_OF_USER_SPACE,
	ELF_SEGMENTS_OVERLAP,           /* page-rounded ranges meet: they share a page */
	ELF_BAD_ENTRY,
	ELF_UNSUPPORTED,                /* PT_INTERP, PT_TLS, shared libraries,
					   RELA or PLT relocations, a relocation
					   other than R_386_RELATIVE */
	ELF_BAD_RELOCATION,             /* a bad dynamic section or REL table, or a
					   fixup outside the segments' file bytes */
};

/* Checks the image of size bytes and fills *out; ELF_OK or the first problem found.
 * Reads only image[0 .. size), which need not be aligned. On ELF_OK every
 * segment lies in [user_lo, user_hi), its file part in [0, size), no two share
 * a page, and the entry is in an executable one; on failure *out is zeroed. */
enum elf_error elf_check(const void *image, size_t size, uint32_t user_lo,
			 uint32_t user_hi, struct elf_image *out);

/* elf_check on a file of size bytes of which head holds the first avail
 * (avail <= size): the headers must lie in head (else ELF_BAD_PHDRS, or
 * ELF_TOO_SMALL), the segments' file parts in the whole file. What a loader
 * calls with the file's first page, not reading the rest. */
enum elf_error elf_check_headers(const void *head, size_t avail, size_t size, uint32_t user_lo,
				 uint32_t user_hi, struct elf_image *out);

/* The REL table of img, whose dynamic section's n bytes are dyn (any
 * alignment): *offset its place in the file of size bytes, *count its
 * entries (0: nothing to fix). ELF_UNSUPPORTED for what a static image
 * cannot hold (DT_NEEDED, DT_RELA, PLT relocations), ELF_BAD_RELOCATION
 * for a table that is not the file bytes of a segment. */
enum elf_error elf_dynamic_relocs(const struct elf_image *img, const void *dyn, size_t n,
				  uint32_t *offset, uint32_t *count);

/* One 8-byte REL entry rel of img: *rva the offset from img's first page of
 * the 4-byte word the load delta is added to (R_386_RELATIVE; it may cross
 * a page boundary), or ELF_NO_FIXUP (R_386_NONE). ELF_UNSUPPORTED for any
 * other type, ELF_BAD_RELOCATION for a word not wholly in one segment's
 * file bytes. */
enum elf_error elf_reloc_fixup(const struct elf_image *img, const void *rel, uint32_t *rva);

/* A short English description of an error, e.g. "segment overlaps another". */
const char *elf_error_text(enum elf_error e);

#endif
